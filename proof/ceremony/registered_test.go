package ceremony_test

import (
	"context"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/ceremony"
	"github.com/depinkit/depinkit/proof/inrange"
)

// TestRegisteredStatementCeremony: a statement a vertical registered
// (proof/inrange) gets its production keys from a ceremony like the built-in
// ones: the ceremony runs on proof.ConstraintSystem of the statement,
// proof.NewGroth16Keys wraps the result, and its proofs verify.
func TestRegisteredStatementCeremony(t *testing.T) {
	ctx := context.Background()
	st, err := inrange.Register()
	require.NoError(t, err)
	ccs, hash, err := proof.ConstraintSystem(st, proof.Groth16)
	require.NoError(t, err)
	dir := t.TempDir()
	hdr, err := ceremony.Init(ctx, dir, ccs, st.String())
	require.NoError(t, err)
	require.Equal(t, hash, hdr.CircuitHash)
	_, err = ceremony.Contribute(ctx, dir, ccs, "alice")
	require.NoError(t, err)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("beacon 1"))
	require.NoError(t, err)
	_, err = ceremony.Contribute(ctx, dir, ccs, "bob")
	require.NoError(t, err)
	pk, vk, tr, err := ceremony.Finalize(ctx, dir, ccs, []byte("beacon 2"))
	require.NoError(t, err)

	keys, err := proof.NewGroth16Keys(st, pk, vk, proof.CeremonyOrigin(tr.Digest))
	require.NoError(t, err)
	require.Equal(t, hash, keys.CSHash())
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	dev, err := device.GenerateKey(device.Ed25519, fixedReader(9))
	require.NoError(t, err)
	var salt fr.Element
	salt.SetUint64(99)
	w, err := inrange.NewWitness(dev.Public(), 1, 9, 5, salt)
	require.NoError(t, err)
	b, err := prover.Prove(ctx, w)
	require.NoError(t, err)
	v, err := proof.NewVerifier(keys.VerifyingOnly())
	require.NoError(t, err)
	require.NoError(t, v.VerifyBundle(b))

	// The ceremony's keys of the statement do not pass for another one.
	_, err = proof.NewGroth16Keys(proof.CoverageStatement(), nil, vk, proof.CeremonyOrigin(tr.Digest))
	require.ErrorIs(t, err, proof.ErrKeyMismatch)
}

type fixedReader byte

func (f fixedReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f) ^ byte(i)
	}
	return len(p), nil
}
