package device

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"
	"github.com/veraison/go-cose"
)

var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// fixture is a registry with one maker and one registered device per key type.
type fixture struct {
	reg     *MemoryRegistry
	maker   *PrivateKey
	owner   *PrivateKey
	devices map[KeyType]*PrivateKey
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{
		reg:     NewMemoryRegistry(),
		maker:   mustKey(t, P256, 100),
		owner:   mustKey(t, Secp256k1, 101),
		devices: map[KeyType]*PrivateKey{},
	}
	require.NoError(t, f.reg.ApproveMaker(f.maker.Public(), "Acme Hotspots"))
	for i, kt := range KeyTypes() {
		dev := mustKey(t, kt, uint64(200+i))
		f.devices[kt] = dev
		cert := f.cert(t, dev.Public())
		_, err := f.reg.Register(cert, nil, t0)
		require.NoError(t, err)
	}
	return f
}

func (f *fixture) cert(t testing.TB, dev PublicKey) *Certificate {
	t.Helper()
	c := &Certificate{
		Device:       dev,
		Model:        "Acme HS-1",
		Serial:       "SN-" + dev.ID().String()[:8],
		Capabilities: []string{"lorawan", "5g"},
		NotBefore:    t0.Add(-time.Hour),
		NotAfter:     t0.Add(365 * 24 * time.Hour),
	}
	require.NoError(t, c.Sign(f.maker))
	return c
}

func (f *fixture) opener(t testing.TB) *Opener {
	o, err := NewOpener(f.reg, OpenerConfig{})
	require.NoError(t, err)
	return o
}

func seal(t testing.TB, k Signer, seq uint64, payload any) []byte {
	t.Helper()
	b, err := Seal(k, Header{ContentType: "depin/telecom/beacon/v1", Seq: seq, Time: t0}, payload)
	require.NoError(t, err)
	return b
}

type beacon struct {
	Cell  string `cbor:"1,keyasint"`
	RSSI  int64  `cbor:"2,keyasint"`
	Nonce []byte `cbor:"3,keyasint"`
}

func TestSealOpenAllKeyTypes(t *testing.T) {
	f := newFixture(t)
	o := f.opener(t)
	for _, kt := range KeyTypes() {
		t.Run(kt.String(), func(t *testing.T) {
			dev := f.devices[kt]
			in := beacon{Cell: "8a2a1072b59ffff", RSSI: -97, Nonce: []byte{1, 2, 3}}
			env, err := o.Open(seal(t, dev, 1, in))
			require.NoError(t, err)
			require.Equal(t, dev.Public().ID(), env.Device)
			require.Equal(t, "depin/telecom/beacon/v1", env.ContentType)
			require.Equal(t, uint64(1), env.Seq)
			require.True(t, t0.Equal(env.Time))
			var out beacon
			require.NoError(t, env.Decode(&out))
			require.Equal(t, in, out)
		})
	}
}

// TestInteropGoCOSE checks both directions with go-cose's own verifier and signer:
// a depinkit envelope verifies with a plain COSE library and the device's public
// key, and a COSE_Sign1 made by that library with the same headers opens.
func TestInteropGoCOSE(t *testing.T) {
	f := newFixture(t)
	o := f.opener(t)

	edKey := ed25519.NewKeyFromSeed(f.devices[Ed25519].Bytes())
	p256, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), f.devices[P256].Bytes())
	require.NoError(t, err)
	cases := []struct {
		kt     KeyType
		alg    cose.Algorithm
		signer func() (cose.Signer, error)
		pub    any
	}{
		{Ed25519, cose.AlgorithmEdDSA, func() (cose.Signer, error) { return cose.NewSigner(cose.AlgorithmEdDSA, edKey) }, edKey.Public()},
		{P256, cose.AlgorithmES256, func() (cose.Signer, error) { return cose.NewSigner(cose.AlgorithmES256, p256) }, &p256.PublicKey},
	}
	for _, c := range cases {
		t.Run(c.kt.String(), func(t *testing.T) {
			dev := f.devices[c.kt]
			// depinkit -> go-cose
			data := seal(t, dev, 1, "reading")
			var msg cose.Sign1Message
			require.NoError(t, msg.UnmarshalCBOR(data))
			v, err := cose.NewVerifier(c.alg, c.pub)
			require.NoError(t, err)
			require.NoError(t, msg.Verify(nil, v))
			ct, ok := msg.Headers.Protected[cose.HeaderLabelContentType]
			require.True(t, ok)
			require.Equal(t, "application/vnd.depin.telecom.beacon.v1+cbor", ct)

			// go-cose -> depinkit
			s, err := c.signer()
			require.NoError(t, err)
			id := dev.Public().ID()
			m2 := cose.NewSign1Message()
			m2.Headers.Protected.SetAlgorithm(c.alg)
			m2.Headers.Protected[cose.HeaderLabelContentType] = "application/vnd.depin.telecom.beacon.v1+cbor"
			m2.Headers.Protected[cose.HeaderLabelKeyID] = id[:]
			m2.Headers.Protected[HeaderSeq] = uint64(2)
			m2.Headers.Protected[HeaderTime] = t0.UnixMilli()
			m2.Payload, _ = cbor.Marshal("from go-cose")
			require.NoError(t, m2.Sign(rand.Reader, nil, s))
			data2, err := m2.MarshalCBOR()
			require.NoError(t, err)
			env, err := o.Open(data2)
			require.NoError(t, err)
			require.Equal(t, uint64(2), env.Seq)
		})
	}
}

func TestOpenBatchKeepsOrder(t *testing.T) {
	f := newFixture(t)
	o := f.opener(t)
	var msgs [][]byte
	for i := 0; i < 100; i++ {
		kt := KeyTypes()[i%4]
		msgs = append(msgs, seal(t, f.devices[kt], uint64(i/4+1), i))
	}
	msgs = append(msgs, msgs[5])      // replay within the batch
	msgs = append(msgs, []byte{0x01}) // malformed
	envs, errs := o.OpenBatch(context.Background(), msgs)
	for i := 0; i < 100; i++ {
		require.NoError(t, errs[i], i)
		var n int
		require.NoError(t, envs[i].Decode(&n))
		require.Equal(t, i, n)
	}
	require.ErrorIs(t, errs[100], ErrReplay)
	require.Nil(t, envs[100])
	require.ErrorIs(t, errs[101], ErrMalformed)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs = o.OpenBatch(ctx, [][]byte{seal(t, f.devices[Ed25519], 1000, 0)})
	require.ErrorIs(t, errs[0], context.Canceled)
}

func TestSealRejects(t *testing.T) {
	k := mustKey(t, Ed25519, 1)
	ok := Header{ContentType: "depin/test/v1", Seq: 1, Time: t0}
	deep := any("leaf")
	for i := 0; i < 40; i++ {
		deep = []any{deep}
	}
	cases := map[string]struct {
		h       Header
		payload any
	}{
		"no seq":           {Header{ContentType: "depin/test/v1", Time: t0}, "x"},
		"no time":          {Header{ContentType: "depin/test/v1", Seq: 1}, "x"},
		"epoch time":       {Header{ContentType: "depin/test/v1", Seq: 1, Time: time.UnixMilli(0)}, "x"},
		"one segment":      {Header{ContentType: "depin", Seq: 1, Time: t0}, "x"},
		"upper case":       {Header{ContentType: "depin/Test/v1", Seq: 1, Time: t0}, "x"},
		"dot":              {Header{ContentType: "depin/test/v1.2", Seq: 1, Time: t0}, "x"},
		"empty segment":    {Header{ContentType: "depin//v1", Seq: 1, Time: t0}, "x"},
		"too deep":         {ok, deep},
		"raw not cbor":     {ok, cbor.RawMessage{0x62, 'x'}},
		"raw two items":    {ok, cbor.RawMessage{0x01, 0x02}},
		"too large":        {ok, make([]byte, MaxEnvelopeSize)},
		"not encodable":    {ok, make(chan int)},
		"nine segments":    {Header{ContentType: "a/b/c/d/e/f/g/h/i", Seq: 1, Time: t0}, "x"},
		"long schema name": {Header{ContentType: "depin/" + strings.Repeat("x", 100), Seq: 1, Time: t0}, "x"},
	}
	for name, c := range cases {
		_, err := Seal(k, c.h, c.payload)
		require.Error(t, err, name)
		require.True(t, errorIsAny(err, ErrMalformed, ErrTooLarge), "%s: %v", name, err)
	}
}
