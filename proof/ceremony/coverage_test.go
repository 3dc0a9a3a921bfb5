package ceremony_test

import (
	"context"
	"crypto/rand"
	"os"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/ceremony"
	"github.com/depinkit/depinkit/proof/circuit"
)

// TestCoverageCeremony sets up the real Coverage circuit with one contribution
// per phase and proves a coverage claim with the keys. It logs the time of each
// step: DEPINKIT_CEREMONY_COVERAGE=1 go test -run TestCoverageCeremony -v
// ./proof/ceremony/. The default run covers the protocol on a small circuit
// here, and the coverage ceremony end to end in cmd/depinkit (TestCeremony).
func TestCoverageCeremony(t *testing.T) {
	if os.Getenv("DEPINKIT_CEREMONY_COVERAGE") == "" {
		t.Skip("set DEPINKIT_CEREMONY_COVERAGE=1: a ceremony on the 7,571-constraint Coverage circuit (cmd/depinkit's TestCeremony runs one by default)")
	}
	ctx := context.Background()
	var c circuit.Coverage
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &c)
	require.NoError(t, err)

	dir := t.TempDir()
	step := func(name string, f func()) {
		start := time.Now()
		f()
		t.Logf("%-14s %v", name, time.Since(start).Round(time.Millisecond))
	}
	step("init", func() {
		hdr, err := ceremony.Init(ctx, dir, ccs, "coverage")
		require.NoError(t, err)
		require.Equal(t, 7571, hdr.Constraints)
		require.Equal(t, uint64(8192), hdr.DomainSize)
	})
	step("contribute 1", func() {
		_, err := ceremony.Contribute(ctx, dir, ccs, "alice")
		require.NoError(t, err)
	})
	step("close phase 1", func() {
		_, err := ceremony.ClosePhase1(ctx, dir, ccs, []byte("beacon 1"))
		require.NoError(t, err)
	})
	step("contribute 2", func() {
		_, err := ceremony.Contribute(ctx, dir, ccs, "bob")
		require.NoError(t, err)
	})
	var (
		tr *ceremony.Transcript
		pk groth16.ProvingKey
		vk groth16.VerifyingKey
	)
	step("finalize", func() {
		pk, vk, tr, err = ceremony.Finalize(ctx, dir, ccs, []byte("beacon 2"))
		require.NoError(t, err)
	})
	step("prove, verify", func() {
		key, err := device.GenerateKey(device.EdDSABN254, rand.Reader)
		require.NoError(t, err)
		var nonce fr.Element
		nonce.SetUint64(20260101)
		sig, err := key.Sign(circuit.NonceMessage(nonce))
		require.NoError(t, err)
		point := circuit.Position{X: 0, Y: 0}
		good, err := circuit.CoverageAssignment(circuit.Position{X: 3000, Y: 4000}, point, 5000, nonce, key.Public(), sig)
		require.NoError(t, err)
		other, err := circuit.CoveragePublic(point, 5000, *new(fr.Element).SetUint64(7), key.Public())
		require.NoError(t, err)
		proveAndCheck(t, ccs, pk, vk, good, other)
	})
	require.Len(t, tr.Phase1, 1)
	require.Len(t, tr.Phase2, 1)
}
