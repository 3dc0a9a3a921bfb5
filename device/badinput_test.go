package device

import (
	"bytes"
	"math/big"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"
	"github.com/veraison/go-cose"
)

// TestOpenRejects runs every kind of bad envelope through Open and checks the
// sentinel error and that neither the registry nor the replay guard changed.
func TestOpenRejects(t *testing.T) {
	f := newFixture(t)
	ed := f.devices[Ed25519]
	k1 := f.devices[Secp256k1]

	good := seal(t, ed, 5, "ok")
	stranger := mustKey(t, Ed25519, 999) // never registered

	revokedDev := mustKey(t, Ed25519, 500)
	_, err := f.reg.Register(f.cert(t, revokedDev.Public()), nil, t0)
	require.NoError(t, err)
	rev, err := NewRevocation(revokedDev.Public().ID(), "stolen", f.maker)
	require.NoError(t, err)
	require.NoError(t, f.reg.Revoke(rev))

	// wrongAlg: an ed25519 device's envelope that claims ES256 (signed by its P-256 sibling's key but kid of the ed25519 device).
	wrongAlg, err := Seal(f.devices[P256], Header{Device: ed.Public().ID(), ContentType: "depin/test/v1", Seq: 9, Time: t0}, "x")
	require.NoError(t, err)
	// wrongKey: kid says ed, signature by another ed25519 key.
	wrongKey, err := Seal(stranger, Header{Device: ed.Public().ID(), ContentType: "depin/test/v1", Seq: 9, Time: t0}, "x")
	require.NoError(t, err)

	flipped := bytes.Clone(good)
	flipped[len(flipped)-3] ^= 0x40 // inside the signature
	payloadFlip := bytes.Clone(good)
	i := bytes.Index(payloadFlip, []byte("ok"))
	payloadFlip[i] = 'o' + 1

	cases := []struct {
		name   string
		data   []byte
		want   error
		replay ID // device whose replay state must not move
	}{
		{"empty", nil, ErrMalformed, ID{}},
		{"garbage", []byte("not cbor at all"), ErrMalformed, ID{}},
		{"truncated", good[:len(good)-10], ErrMalformed, ID{}},
		{"trailing bytes", append(bytes.Clone(good), 0), ErrMalformed, ID{}},
		{"oversized", make([]byte, MaxEnvelopeSize+1), ErrTooLarge, ID{}},
		{"not an array", mustCBOR(t, map[int]int{1: 2}), ErrMalformed, ID{}},
		// Issue 13 item 4: the unprotected header is not signed, so a relay
		// could pad it (171 bytes to 60 KB, still verifying).
		{"padded unprotected", rebuild(t, good, func(w *sign1Wire) { w.Unprotected = mustCBOR(t, map[int][]byte{-70000: make([]byte, 60000)}) }), ErrUnprotectedHeader, ed.Public().ID()},
		{"unprotected kid", rebuild(t, good, func(w *sign1Wire) { w.Unprotected = mustCBOR(t, map[int]int{4: 1}) }), ErrUnprotectedHeader, ed.Public().ID()},
		{"detached payload", rebuild(t, good, func(w *sign1Wire) { w.Payload = cbor.RawMessage{0xf6} }), ErrMalformed, ID{}},
		{"payload not bstr", rebuild(t, good, func(w *sign1Wire) { w.Payload = mustCBOR(t, "ok") }), ErrMalformed, ID{}},
		{"payload not cbor", rebuild(t, good, func(w *sign1Wire) { w.Payload = mustCBOR(t, []byte{0x62, 'o'}) }), ErrMalformed, ID{}},
		{"unprotected not map", rebuild(t, good, func(w *sign1Wire) { w.Unprotected = mustCBOR(t, 1) }), ErrMalformed, ID{}},
		{"extra protected label", withHeader(t, ed, func(h cose.ProtectedHeader) { h[99] = 1 }), ErrMalformed, ID{}},
		{"no seq", withHeader(t, ed, func(h cose.ProtectedHeader) { delete(h, HeaderSeq) }), ErrMalformed, ID{}},
		{"no time", withHeader(t, ed, func(h cose.ProtectedHeader) { delete(h, HeaderTime) }), ErrMalformed, ID{}},
		{"short kid", withHeader(t, ed, func(h cose.ProtectedHeader) { h[cose.HeaderLabelKeyID] = []byte{1, 2} }), ErrMalformed, ID{}},
		{"foreign content type", withHeader(t, ed, func(h cose.ProtectedHeader) { h[cose.HeaderLabelContentType] = "text/plain" }), ErrMalformed, ID{}},
		{"bad schema", withHeader(t, ed, func(h cose.ProtectedHeader) { h[cose.HeaderLabelContentType] = "application/vnd.Depin.X+cbor" }), ErrMalformed, ID{}},
		{"unknown device", seal(t, stranger, 1, "x"), ErrUnknownDevice, ID{}},
		{"revoked device", seal(t, revokedDev, 1, "x"), ErrRevoked, revokedDev.Public().ID()},
		{"wrong alg", wrongAlg, ErrWrongAlg, ed.Public().ID()},
		{"wrong key", wrongKey, ErrBadSignature, ed.Public().ID()},
		{"flipped signature", flipped, ErrBadSignature, ed.Public().ID()},
		{"tampered payload", payloadFlip, ErrBadSignature, ed.Public().ID()},
		{"secp256k1 high-S", highS(t, seal(t, k1, 3, "x")), ErrBadSignature, k1.Public().ID()},
	}
	o := f.opener(t)
	before, err := f.reg.Snapshot()
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env, err := o.Open(c.data)
			require.ErrorIs(t, err, c.want)
			require.Nil(t, env)
			_, seen := o.Replay().Highest(c.replay)
			require.False(t, seen, "replay state moved")
		})
	}
	after, err := f.reg.Snapshot()
	require.NoError(t, err)
	require.Equal(t, before, after)

	// Replays: the good envelope opens once; again, or older than the window, fails.
	_, err = o.Open(good)
	require.NoError(t, err)
	_, err = o.Open(good)
	require.ErrorIs(t, err, ErrReplay)
	_, err = o.Open(seal(t, ed, 5+DefaultReplayWindow, "newer"))
	require.NoError(t, err)
	_, err = o.Open(seal(t, ed, 4, "too old"))
	require.ErrorIs(t, err, ErrReplay)
	top, _ := o.Replay().Highest(ed.Public().ID())
	require.Equal(t, uint64(5+DefaultReplayWindow), top)
}

func mustCBOR(t *testing.T, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	require.NoError(t, err)
	return b
}

// rebuild re-encodes an envelope after edit changes its raw parts.
func rebuild(t *testing.T, data []byte, edit func(*sign1Wire)) []byte {
	t.Helper()
	var w sign1Wire
	require.NoError(t, cbor.Unmarshal(data[1:], &w))
	edit(&w)
	out, err := cbor.Marshal(cbor.Tag{Number: 18, Content: w})
	require.NoError(t, err)
	return out
}

// withHeader seals a validly signed envelope whose protected header edit changed.
func withHeader(t *testing.T, k *PrivateKey, edit func(cose.ProtectedHeader)) []byte {
	t.Helper()
	alg, err := AlgOf(k.Type())
	require.NoError(t, err)
	m := cose.NewSign1Message()
	m.Headers.Protected.SetAlgorithm(alg)
	id := k.Public().ID()
	m.Headers.Protected[cose.HeaderLabelContentType] = "application/vnd.depin.test.v1+cbor"
	m.Headers.Protected[cose.HeaderLabelKeyID] = id[:]
	m.Headers.Protected[HeaderSeq] = uint64(77)
	m.Headers.Protected[HeaderTime] = t0.UnixMilli()
	edit(m.Headers.Protected)
	m.Payload = mustCBOR(t, "x")
	require.NoError(t, m.Sign(nil, nil, coseSigner{k, alg}))
	out, err := m.MarshalCBOR()
	require.NoError(t, err)
	return out
}

// highS replaces a secp256k1 signature's s by n-s: the same signature in its
// malleable high-S form, which depinkit refuses.
func highS(t *testing.T, data []byte) []byte {
	t.Helper()
	return rebuild(t, data, func(w *sign1Wire) {
		sig, ok := byteString(w.Signature)
		require.True(t, ok)
		n, _ := new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
		s := new(big.Int).SetBytes(sig[32:])
		s.Sub(n, s)
		out := bytes.Clone(sig)
		s.FillBytes(out[32:])
		w.Signature = mustCBOR(t, out)
	})
}

func TestCertificateRejects(t *testing.T) {
	f := newFixture(t)
	dev := mustKey(t, Ed25519, 600)
	good := f.cert(t, dev.Public())
	require.NoError(t, good.Verify(t0))
	enc, err := good.Marshal()
	require.NoError(t, err)
	parsed, err := ParseCertificate(enc)
	require.NoError(t, err)
	require.NoError(t, parsed.Verify(t0))
	require.Equal(t, good.Capabilities, parsed.Capabilities)
	require.True(t, parsed.HasCapability("5g"))
	require.False(t, parsed.HasCapability("gpu"))
	var none *Certificate // a device registered without a certificate
	require.False(t, none.HasCapability("5g"))

	forgedModel := *parsed
	forgedModel.Model = "Acme HS-2"
	selfSigned := f.cert(t, dev.Public())
	impostor := mustKey(t, P256, 601)
	require.NoError(t, selfSigned.Sign(impostor))

	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"forged field", func() error { return forgedModel.Verify(t0) }, ErrBadSignature},
		{"expired", func() error { return good.Verify(good.NotAfter) }, ErrExpired},
		{"not yet valid", func() error { return good.Verify(good.NotBefore.Add(-time.Second)) }, ErrNotYetValid},
		{"oversized", func() error { _, err := ParseCertificate(make([]byte, MaxCertificateSize+1)); return err }, ErrTooLarge},
		{"truncated", func() error { _, err := ParseCertificate(enc[:len(enc)-1]); return err }, ErrMalformed},
		{"garbage", func() error { _, err := ParseCertificate([]byte{0xff}); return err }, ErrMalformed},
		{"non-canonical", func() error { _, err := ParseCertificate(nonCanonical(t, enc)); return err }, ErrMalformed},
		{"empty model", func() error { c := *good; c.Model = ""; return c.Sign(f.maker) }, ErrMalformed},
		{"control char", func() error { c := *good; c.Serial = "a\nb"; return c.Sign(f.maker) }, ErrMalformed},
		{"space in capability", func() error { c := *good; c.Capabilities = []string{"gpu H100"}; return c.Sign(f.maker) }, ErrMalformed},
		{"duplicate capability", func() error { c := *good; c.Capabilities = []string{"5g", "5g"}; return c.Sign(f.maker) }, ErrMalformed},
		{"empty window", func() error { c := *good; c.NotAfter = c.NotBefore; return c.Sign(f.maker) }, ErrMalformed},
		{"unsorted on the wire", func() error {
			w, err := good.wire()
			require.NoError(t, err)
			w.Capabilities = []string{"lorawan", "5g"}
			b, err := cbor.Marshal(w)
			require.NoError(t, err)
			_, err = ParseCertificate(b)
			return err
		}, ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { require.ErrorIs(t, c.run(), c.want) })
	}

	// The registry refuses them all and stays as it was.
	before, err := f.reg.Snapshot()
	require.NoError(t, err)
	for name, reg := range map[string]struct {
		cert *Certificate
		now  time.Time
		want error
	}{
		"forged":        {&forgedModel, t0, ErrBadSignature},
		"expired":       {good, good.NotAfter.Add(time.Hour), ErrExpired},
		"unknown maker": {selfSigned, t0, ErrUnknownMaker},
	} {
		_, err := f.reg.Register(reg.cert, nil, reg.now)
		require.ErrorIs(t, err, reg.want, name)
	}
	after, err := f.reg.Snapshot()
	require.NoError(t, err)
	require.Equal(t, before, after)
}

// nonCanonical re-encodes a certificate's NotBefore with a longer integer head.
func nonCanonical(t *testing.T, enc []byte) []byte {
	t.Helper()
	var raw []cbor.RawMessage
	require.NoError(t, cbor.Unmarshal(enc, &raw))
	raw[0] = cbor.RawMessage{0x18, 0x01} // version 1 in two bytes
	b, err := cbor.Marshal(raw)
	require.NoError(t, err)
	return b
}
