package poc

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

func TestPlane(t *testing.T) {
	p := Plane{Origin: centre}
	a, b := cellAt(1000, 0), cellAt(0, -2000)
	pa, err := p.CellPosition(a)
	require.NoError(t, err)
	pb, err := p.CellPosition(b)
	require.NoError(t, err)
	require.InDelta(t, 1000_000, float64(pa.X), 10_000) // cell centres: within 10 m
	require.InDelta(t, -2000_000, float64(pb.Y), 10_000)
	d, _ := DistanceM(a, b)
	dx, dy := float64(pa.X-pb.X), float64(pa.Y-pb.Y)
	require.InDelta(t, float64(d)*1000, math.Sqrt(dx*dx+dy*dy), float64(d)) // within 0.1%
	_, err = p.CellPosition(0)
	require.ErrorIs(t, err, ErrCoverage)
	_, err = p.Position(h3.NewLatLng(-33.87, 151.21)) // Sydney: off the plane
	require.ErrorIs(t, err, ErrCoverage)
}

func TestCoverageSignaturePath(t *testing.T) {
	key := mustKey(t, 1)
	p := Plane{Origin: centre}
	exact := cellAt(300, 400)
	public := exact.Parent(8)
	nonce := []byte("epoch 12 entropy")
	w, err := CoverageWitness(p, key, exact, public, 1500, nonce)
	require.NoError(t, err)
	b, err := proof.Signed(w)
	require.NoError(t, err)
	v, err := proof.NewVerifier()
	require.NoError(t, err)
	require.NoError(t, VerifyCoverage(v, b, p, key.Public(), public, 1500, nonce))
	require.ErrorIs(t, VerifyCoverage(v, b, p, key.Public(), public, 1500, []byte("epoch 13")), ErrCoverage)
	require.ErrorIs(t, VerifyCoverage(v, b, p, key.Public(), public, 1000, nonce), ErrCoverage)
	require.ErrorIs(t, VerifyCoverage(v, b, p, mustKey(t, 2).Public(), public, 1500, nonce), ErrCoverage)

	_, err = CoverageWitness(p, key, cellAt(5000, 0), public, 1500, nonce)
	require.ErrorIs(t, err, ErrCoverage)
}

// The zero-knowledge path hides the exact cell. Proving keys take seconds, so
// -short skips it.
func TestCoverageGroth16(t *testing.T) {
	if testing.Short() {
		t.Skip("Groth16 setup takes seconds")
	}
	key, err := device.GenerateKey(device.EdDSABN254, seeded(5))
	require.NoError(t, err)
	p := Plane{Origin: centre}
	exact := cellAt(-800, 250)
	public := exact.Parent(8)
	nonce := []byte("epoch 12 entropy")
	w, err := CoverageWitness(p, key, exact, public, 1500, nonce)
	require.NoError(t, err)
	keys, err := proof.DevSetup(proof.CoverageStatement(), proof.Groth16)
	require.NoError(t, err)
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	b, err := prover.Prove(context.Background(), w)
	require.NoError(t, err)
	v, err := proof.NewVerifier(keys.VerifyingOnly())
	require.NoError(t, err)
	require.NoError(t, VerifyCoverage(v, b, p, key.Public(), public, 1500, nonce))
	require.ErrorIs(t, VerifyCoverage(v, b, p, key.Public(), public, 1500, []byte("epoch 13")), ErrCoverage)
}
