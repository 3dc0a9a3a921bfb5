package device

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/veraison/go-cose"
)

// Issue 13 item 6: an envelope is bound to its network by the COSE external
// AAD; one sealed for another network, or for none, does not open.
func TestEnvelopeNetwork(t *testing.T) {
	netA, netB := sha256.Sum256([]byte("a")), sha256.Sum256([]byte("b"))
	reg := NewMemoryRegistry()
	maker := mustKey(t, P256, 1)
	require.NoError(t, reg.ApproveMaker(maker.Public(), "acme"))
	for i, kt := range KeyTypes() {
		dev := mustKey(t, kt, uint64(10+i))
		cert := &Certificate{Device: dev.Public(), Model: "m", Serial: "s" + kt.String(), NotBefore: t0.Add(-time.Hour), NotAfter: t0.Add(time.Hour)}
		require.NoError(t, cert.Sign(maker))
		_, err := reg.Register(cert, nil, t0)
		require.NoError(t, err)
		openers := map[string]*Opener{}
		for name, n := range map[string][32]byte{"a": netA, "b": netB, "none": {}} {
			o, err := NewOpener(reg, OpenerConfig{Network: n})
			require.NoError(t, err)
			openers[name] = o
		}
		forA := seal(t, ForNetwork(dev, netA), 1, "x")
		explicit, err := Seal(dev, Header{ContentType: "depin/telecom/beacon/v1", Seq: 2, Time: t0, Network: netA}, "x")
		require.NoError(t, err)
		forNone := seal(t, dev, 3, "x")
		for _, env := range [][]byte{forA, explicit} {
			_, err = openers["b"].Open(env)
			require.ErrorIs(t, err, ErrBadSignature, kt)
			_, err = openers["none"].Open(env)
			require.ErrorIs(t, err, ErrBadSignature, kt)
			_, err = openers["a"].Open(env)
			require.NoError(t, err, kt)
		}
		_, err = openers["a"].Open(forNone)
		require.ErrorIs(t, err, ErrBadSignature, kt)
		_, err = openers["none"].Open(forNone)
		require.NoError(t, err, kt)

		// The Sig_structure is RFC 9052's with the network as external AAD:
		// go-cose verifies it so.
		if kt == Ed25519 {
			var m cose.Sign1Message
			require.NoError(t, m.UnmarshalCBOR(forA))
			v, err := cose.NewVerifier(cose.AlgorithmEdDSA, ed25519.PublicKey(dev.Public().Bytes()))
			require.NoError(t, err)
			require.NoError(t, m.Verify(netA[:], v))
			require.Error(t, m.Verify(nil, v))
		}
	}
}

// Issue 13 item 6: owner bindings, rotations and revocations are signed
// under a domain that includes the network; a registry of another network
// refuses them.
func TestMessagesNetwork(t *testing.T) {
	netA, netB := sha256.Sum256([]byte("a")), sha256.Sum256([]byte("b"))
	maker, owner := mustKey(t, P256, 1), mustKey(t, Secp256k1, 2)
	for name, tc := range map[string]struct {
		reg  *MemoryRegistry
		want error
	}{
		"same network":    {NewMemoryRegistryFor(netA), nil},
		"another network": {NewMemoryRegistryFor(netB), ErrBadSignature},
		"no network":      {NewMemoryRegistry(), ErrBadSignature},
	} {
		require.NoError(t, tc.reg.ApproveMaker(maker.Public(), "acme"))
		dev := mustKey(t, Ed25519, 3)
		cert := &Certificate{Device: dev.Public(), Model: "m", Serial: "s", NotBefore: t0.Add(-time.Hour), NotAfter: t0.Add(time.Hour)}
		require.NoError(t, cert.Sign(maker))
		b, err := NewOwnerBinding(ForNetwork(dev, netA), cert.ID(), owner, 0)
		require.NoError(t, err)
		_, err = tc.reg.Register(cert, b, t0)
		if tc.want != nil {
			require.ErrorIs(t, err, tc.want, name)
			_, err = tc.reg.Register(cert, nil, t0)
			require.NoError(t, err, name)
		} else {
			require.NoError(t, err, name)
		}
		next := mustKey(t, Ed25519, 4)
		rot, err := NewKeyRotation(cert.ID(), 0, ForNetwork(dev, netA), next)
		require.NoError(t, err)
		if err := tc.reg.Rotate(rot); tc.want != nil {
			require.ErrorIs(t, err, tc.want, name)
		} else {
			require.NoError(t, err, name)
		}
		rev, err := NewRevocation(cert.ID(), "stolen", ForNetwork(maker, netA))
		require.NoError(t, err)
		if err := tc.reg.Revoke(rev); tc.want != nil {
			require.ErrorIs(t, err, tc.want, name)
		} else {
			require.NoError(t, err, name)
		}
	}
}
