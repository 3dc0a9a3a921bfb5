package depin_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// TestZKBundle: a content type with the BundleZK rule takes a Groth16 proof
// (the readings stay private) checked with the Config's verifying keys, and
// refuses a proof whose public claim was changed after proving.
func TestZKBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("Groth16 setup")
	}
	st := proof.ThresholdStatement(16)
	keys, err := proof.DevSetup(st, proof.Groth16)
	require.NoError(t, err)
	verifier, err := proof.NewVerifier(keys)
	require.NoError(t, err)
	f := newFixture(t, 2, func(c *depin.Config) { c.Verifier = verifier })

	d := f.newDeviceKeyed(device.EdDSABN254)
	f.commit(d.reg)
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = 7
	}
	sig, err := proof.SignReadings(d.key, readings)
	require.NoError(t, err)
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := prover.Prove(ctx, &proof.ThresholdWitness{Cap: 100, Min: big.NewInt(100), Readings: readings, Device: d.key.Public(), Signature: sig})
	require.NoError(t, err)
	good := envTx(t, f.seal(d, thresholdType, b))
	b.Claim.(*proof.ThresholdClaim).Min = big.NewInt(110) // still true of the readings, but not what was proved
	tampered := envTx(t, f.seal(d, thresholdType, b))
	f.commit(good, tampered)
	f.commit() // epoch 0 ends

	s, err := f.nodes[1].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.Accepted)
	require.EqualValues(t, 1, s.RejectedFor(depin.ReasonInvalidProof))
	x, err := f.nodes[0].Explain(d.id, 0)
	require.NoError(t, err)
	require.Len(t, x.Pools, 1)
	require.Equal(t, "proofs", x.Pools[0].Pool)
	require.Equal(t, big.NewInt(100), x.Pools[0].Units)
	require.Equal(t, big.NewInt(250_000), x.Amount)
}
