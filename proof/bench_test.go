package proof

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

type benchCase struct {
	st      Statement
	backend Backend
}

var benchCases = []benchCase{
	{CoverageStatement(), Signature},
	{CoverageStatement(), Groth16},
	{CoverageStatement(), PLONK},
	{UsageStatement(64), Signature},
	{UsageStatement(64), Groth16},
	{ThresholdStatement(64), Groth16},
}

func benchWitness(b *testing.B, st Statement) Witness {
	key := newKey(b, device.EdDSABN254, 30)
	switch st.Kind {
	case Coverage:
		return coverageWitness(b, key, NonceFromBytes([]byte("bench")))
	case Usage:
		return usageWitness(b, key, readings(st.N, 30))
	default:
		rs := readings(st.N, 30)
		return thresholdWitness(b, key, rs, sum(rs).Int64()/2)
	}
}

func benchBundle(b *testing.B, c benchCase, w Witness) *Bundle {
	if c.backend == Signature {
		out, err := Signed(w)
		require.NoError(b, err)
		return out
	}
	p, err := NewProver(keysFor(b, c.st, c.backend))
	require.NoError(b, err)
	out, err := p.Prove(context.Background(), w)
	require.NoError(b, err)
	return out
}

// BenchmarkProve/<statement>/<backend> times one proof. baseline-msm/<statement>
// is the floor: one BN254 G1 multi-scalar multiplication over as many points as
// the statement's circuit has constraints (a Groth16 prover runs several, and
// a G2 one): report proving times as multiples of it, measured in the same run.
func BenchmarkProve(b *testing.B) {
	for _, st := range []Statement{CoverageStatement(), UsageStatement(64)} {
		b.Run("baseline-msm/"+st.String(), func(b *testing.B) {
			ccs, _, err := ConstraintSystem(st, Groth16)
			require.NoError(b, err)
			benchMSM(b, ccs.GetNbConstraints())
		})
	}
	for _, c := range benchCases {
		b.Run(c.st.String()+"/"+c.backend.String(), func(b *testing.B) {
			w := benchWitness(b, c.st)
			if c.backend != Signature {
				keysFor(b, c.st, c.backend) // set up outside the timer
			}
			b.ResetTimer()
			for b.Loop() {
				benchBundle(b, c, w)
			}
		})
	}
}

func benchMSM(b *testing.B, n int) {
	r := rand.New(rand.NewPCG(1, 2))
	points := make([]bn254.G1Affine, n)
	scalars := make([]fr.Element, n)
	for i := range points {
		points[i].ScalarMultiplicationBase(new(big.Int).SetUint64(r.Uint64() | 1))
		scalars[i].SetUint64(r.Uint64())
		scalars[i].Square(&scalars[i]).Square(&scalars[i]) // full-width scalars
	}
	b.ResetTimer()
	for b.Loop() {
		var out bn254.G1Jac
		_, err := out.MultiExp(points, scalars, ecc.MultiExpConfig{})
		require.NoError(b, err)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpoints/s")
}

// BenchmarkVerify/<statement>/<backend> times one verification, public
// inputs included.
func BenchmarkVerify(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.st.String()+"/"+c.backend.String(), func(b *testing.B) {
			bundle := benchBundle(b, c, benchWitness(b, c.st))
			var keys []*Keys
			if c.backend != Signature {
				keys = append(keys, keysFor(b, c.st, c.backend))
			}
			v, err := NewVerifier(keys...)
			require.NoError(b, err)
			b.ResetTimer()
			for b.Loop() {
				if err := v.VerifyBundle(bundle); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyBatch verifies 256 coverage Groth16 proofs (8 distinct
// ones, repeated) and reports proofs/s (target: at least 800 on 2 cores):
// one-by-one is Verify in a loop on one goroutine, the baseline; batch is
// VerifyBatch (multi-pairing batches on all cores).
func BenchmarkVerifyBatch(b *testing.B) {
	c := benchCase{CoverageStatement(), Groth16}
	key := newKey(b, device.EdDSABN254, 31)
	p, err := NewProver(keysFor(b, c.st, c.backend))
	require.NoError(b, err)
	distinct := make([]*Bundle, 8)
	for i := range distinct {
		distinct[i], err = p.Prove(context.Background(), coverageWitness(b, key, NonceFromBytes([]byte{byte(i)})))
		require.NoError(b, err)
	}
	v, err := NewVerifier(keysFor(b, c.st, c.backend))
	require.NoError(b, err)
	batch := make([]*Bundle, 256)
	for i := range batch {
		batch[i] = distinct[i%len(distinct)]
	}
	b.Run("one-by-one", func(b *testing.B) {
		for b.Loop() {
			for _, x := range batch {
				if err := v.VerifyBundle(x); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(batch)*b.N)/b.Elapsed().Seconds(), "proofs/s")
	})
	b.Run("batch", func(b *testing.B) {
		for b.Loop() {
			res, err := v.VerifyBatch(context.Background(), batch)
			require.NoError(b, err)
			for _, e := range res {
				if e != nil {
					b.Fatal(e)
				}
			}
		}
		b.ReportMetric(float64(len(batch)*b.N)/b.Elapsed().Seconds(), "proofs/s")
	})
}
