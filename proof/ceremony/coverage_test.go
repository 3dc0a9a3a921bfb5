package ceremony_test

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/ceremony"
	"github.com/depinkit/depinkit/proof/circuit"
)

// TestCoverageCeremony sets up the real Coverage circuit with one contribution
// per phase and proves a coverage claim with the keys. It logs the time of each
// step (go test -run TestCoverageCeremony -v ./proof/ceremony/).
func TestCoverageCeremony(t *testing.T) {
	if testing.Short() {
		t.Skip("ceremony on the 7,571-constraint Coverage circuit")
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
	var tr *ceremony.Transcript
	step("finalize", func() {
		pk, vk, tr2, err := ceremony.Finalize(ctx, dir, ccs, []byte("beacon 2"))
		require.NoError(t, err)
		tr = tr2

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
