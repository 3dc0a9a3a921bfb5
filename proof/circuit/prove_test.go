package circuit

import (
	"math/big"
	"testing"
	"time"

	"github.com/consensys/gnark/backend/plonk"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/scs"
	"github.com/consensys/gnark/test/unsafekzg"
	"github.com/stretchr/testify/require"
)

// The tests below run real provers: the test.Assert checks elsewhere stop at the
// constraint solver unless built with -tags prover_checks (gnark v0.14.0).

func TestGroth16Coverage(t *testing.T) {
	if testing.Short() {
		t.Skip("groth16 setup and prove")
	}
	f := newCoverageFixture(t)
	outside := *f.assignment(t)
	outside.X = f.pos.X - 300
	wrongNonce := *f.assignment(t)
	wrongNonce.Nonce = 7
	d := proveGroth16(t, &Coverage{}, f.assignment(t), &outside, &wrongNonce)
	t.Logf("coverage: groth16 prove %v", d.Round(time.Millisecond))
}

func TestGroth16Usage16(t *testing.T) {
	if testing.Short() {
		t.Skip("groth16 setup and prove")
	}
	s := newSeriesFixture(t, 16)
	c, err := NewUsage(16)
	require.NoError(t, err)
	wrongSum := *s.usage(t)
	wrongSum.Total = new(big.Int).Add(s.sum(), big.NewInt(1))
	overCap := *s.usage(t)
	overCap.Cap = s.limit - 1
	d := proveGroth16(t, c, s.usage(t), &wrongSum, &overCap)
	t.Logf("usage-16: groth16 prove %v", d.Round(time.Millisecond))
}

// TestPlonkSmoke proves and verifies Coverage once with PLONK (unsafe test SRS).
func TestPlonkSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("plonk setup and prove")
	}
	f := newCoverageFixture(t)
	ccs, err := frontend.Compile(field, scs.NewBuilder, &Coverage{})
	require.NoError(t, err)
	srs, srsLagrange, err := unsafekzg.NewSRS(ccs)
	require.NoError(t, err)
	pk, vk, err := plonk.Setup(ccs, srs, srsLagrange)
	require.NoError(t, err)
	w, err := frontend.NewWitness(f.assignment(t), field)
	require.NoError(t, err)
	start := time.Now()
	proof, err := plonk.Prove(ccs, pk, w)
	require.NoError(t, err)
	t.Logf("coverage: plonk %d constraints, prove %v", ccs.GetNbConstraints(), time.Since(start).Round(time.Millisecond))
	pub, err := w.Public()
	require.NoError(t, err)
	require.NoError(t, plonk.Verify(proof, vk, pub))

	bad := *f.assignment(t)
	bad.Radius = 299
	wb, err := frontend.NewWitness(&bad, field)
	require.NoError(t, err)
	_, err = plonk.Prove(ccs, pk, wb)
	require.Error(t, err)
}
