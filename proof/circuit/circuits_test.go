package circuit

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/signature/eddsa"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// coverageFixture is a device at Pos, 300 units from Point, radius 500, that signed
// Nonce.
type coverageFixture struct {
	key, other *device.PrivateKey
	nonce      fr.Element
	pos, point Position
	radius     uint32
	sig        []byte
}

func newCoverageFixture(t *testing.T) *coverageFixture {
	f := &coverageFixture{
		key: newKey(t, 20), other: newKey(t, 21), nonce: randElement(rng(22)),
		pos: Position{X: -1_000_180, Y: 52_000_240}, point: Position{X: -1_000_000, Y: 52_000_000}, radius: 500,
	}
	var err error
	f.sig, err = f.key.Sign(NonceMessage(f.nonce))
	require.NoError(t, err)
	return f
}

func (f *coverageFixture) assignment(t *testing.T) *Coverage {
	a, err := CoverageAssignment(f.pos, f.point, f.radius, f.nonce, f.key.Public(), f.sig)
	require.NoError(t, err)
	return a
}

func TestCoverage(t *testing.T) {
	f := newCoverageFixture(t)
	valid := f.assignment(t)
	mustSolve(t, &Coverage{}, valid)

	bad := map[string]func(a *Coverage){
		"outside the radius": func(a *Coverage) { a.X = f.pos.X - 300 }, // 480^2 + 240^2 > 500^2
		"smaller radius":     func(a *Coverage) { a.Radius = 299 },
		"other point":        func(a *Coverage) { a.PX = f.point.X + 1000 },
		"wrong nonce": func(a *Coverage) {
			var n fr.Element
			n.SetOne().Add(&n, &f.nonce)
			a.Nonce = n
		},
		"wrong key": func(a *Coverage) {
			k, err := KeyAssignment(f.other.Public())
			require.NoError(t, err)
			a.Key = k
		},
		"tampered signature": func(a *Coverage) { a.Sig.S = new(big.Int).Add(a.Sig.S.(*big.Int), big.NewInt(1)) },
		"signature of the root message": func(a *Coverage) {
			// The same key signing the same element under the usage tag.
			sig, err := f.key.Sign(RootMessage(f.nonce))
			require.NoError(t, err)
			s, err := SignatureAssignment(sig)
			require.NoError(t, err)
			a.Sig = s
		},
		"signature of the raw nonce bytes": func(a *Coverage) {
			b := f.nonce.Bytes()
			sig, err := f.key.Sign(b[:])
			require.NoError(t, err)
			s, err := SignatureAssignment(sig)
			require.NoError(t, err)
			a.Sig = s
		},
		"coordinate out of range": func(a *Coverage) {
			// Both shifted by 2^32: the same difference, but X is not an int32.
			a.X = int64(f.pos.X) + 1<<32
			a.PX = int64(f.point.X) + 1<<32
		},
	}
	assert := test.NewAssert(t)
	assert.ProverSucceeded(&Coverage{}, valid, checkOpts...)
	for name, mutate := range bad {
		a := *f.assignment(t)
		mutate(&a)
		t.Run(name, func(t *testing.T) { mustFail(t, &Coverage{}, &a) })
		assert.ProverFailed(&Coverage{}, &a, checkOpts...)
	}
}

func TestCoverageAssignmentErrors(t *testing.T) {
	f := newCoverageFixture(t)
	_, err := CoverageAssignment(Position{X: f.point.X + 501, Y: f.point.Y}, f.point, f.radius, f.nonce, f.key.Public(), f.sig)
	require.ErrorIs(t, err, ErrStatement)
	_, err = CoverageAssignment(f.pos, f.point, f.radius, f.nonce, f.other.Public(), f.sig)
	require.ErrorIs(t, err, ErrSignature)
	var n fr.Element
	_, err = CoverageAssignment(f.pos, f.point, f.radius, n, f.key.Public(), f.sig)
	require.ErrorIs(t, err, ErrSignature)
	ed, err := device.GenerateKey(device.Ed25519, randReader{rng(23)})
	require.NoError(t, err)
	_, err = CoverageAssignment(f.pos, f.point, f.radius, f.nonce, ed.Public(), f.sig)
	require.ErrorIs(t, err, ErrKey)
	_, err = CoveragePublic(f.point, f.radius, f.nonce, ed.Public())
	require.ErrorIs(t, err, ErrKey)
}

// TestPublicHelpers checks that the verifier-side helpers give exactly the public
// part of the prover's witness.
func TestPublicHelpers(t *testing.T) {
	f := newCoverageFixture(t)
	pub, err := CoveragePublic(f.point, f.radius, f.nonce, f.key.Public())
	require.NoError(t, err)
	requireSamePublic(t, f.assignment(t), pub)

	s := newSeriesFixture(t, 16)
	u := s.usage(t)
	upub, err := UsagePublic(16, s.limit, u.Total.(*big.Int), s.root, s.key.Public())
	require.NoError(t, err)
	requireSamePublic(t, u, upub)

	th := s.threshold(t, big.NewInt(1234))
	tpub, err := ThresholdPublic(16, s.limit, big.NewInt(1234), s.root, s.key.Public())
	require.NoError(t, err)
	requireSamePublic(t, th, tpub)

	_, err = UsagePublic(16, s.limit, big.NewInt(-1), s.root, s.key.Public())
	require.ErrorIs(t, err, ErrRange)
	_, err = ThresholdPublic(16, s.limit, new(big.Int).Lsh(big.NewInt(1), 68), s.root, s.key.Public())
	require.ErrorIs(t, err, ErrRange)
	_, err = UsagePublic(12, s.limit, big.NewInt(1), s.root, s.key.Public())
	require.ErrorIs(t, err, ErrSize)
}

func requireSamePublic(t *testing.T, full, public frontend.Circuit) {
	t.Helper()
	w, err := frontend.NewWitness(full, field)
	require.NoError(t, err)
	wp, err := w.Public()
	require.NoError(t, err)
	p, err := frontend.NewWitness(public, field, frontend.PublicOnly())
	require.NoError(t, err)
	a, err := wp.MarshalBinary()
	require.NoError(t, err)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, a, b)
}

// seriesFixture is a device that signed the root of n readings below limit.
type seriesFixture struct {
	key, other *device.PrivateKey
	readings   []uint64
	limit      uint64
	root       fr.Element
	sig        []byte
}

func newSeriesFixture(t *testing.T, n int) *seriesFixture {
	r := rng(uint64(30 + n))
	s := &seriesFixture{key: newKey(t, 31), other: newKey(t, 32), limit: 1 << 40, readings: make([]uint64, n)}
	for i := range s.readings {
		s.readings[i] = r.Uint64N(s.limit)
	}
	s.readings[0] = s.limit - 1 // a reading at the cap's edge
	s.sign(t)
	return s
}

func (s *seriesFixture) sign(t *testing.T) {
	var err error
	s.root, err = ReadingsRoot(s.readings)
	require.NoError(t, err)
	s.sig, err = s.key.Sign(RootMessage(s.root))
	require.NoError(t, err)
}

func (s *seriesFixture) sum() *big.Int {
	sum := new(big.Int)
	for _, r := range s.readings {
		sum.Add(sum, new(big.Int).SetUint64(r))
	}
	return sum
}

func (s *seriesFixture) usage(t *testing.T) *Usage {
	a, err := UsageAssignment(s.readings, s.limit, s.key.Public(), s.sig)
	require.NoError(t, err)
	return a
}

func (s *seriesFixture) threshold(t *testing.T, min *big.Int) *Threshold {
	a, err := ThresholdAssignment(s.readings, s.limit, min, s.key.Public(), s.sig)
	require.NoError(t, err)
	return a
}

// seriesMutations are the bad witnesses common to Usage and Threshold, applied
// to the fields both share.
func seriesMutations(t *testing.T, s *seriesFixture) map[string]func(limit, root *frontend.Variable, readings []frontend.Variable, key *KeyCircuit, sig *SigCircuit) {
	return map[string]func(limit, root *frontend.Variable, readings []frontend.Variable, key *KeyCircuit, sig *SigCircuit){
		"reading over the cap": func(limit, _ *frontend.Variable, _ []frontend.Variable, _ *KeyCircuit, _ *SigCircuit) {
			*limit = s.limit - 1 // readings[0] == limit-1 is now equal to the cap
		},
		"changed reading": func(_, _ *frontend.Variable, readings []frontend.Variable, _ *KeyCircuit, _ *SigCircuit) {
			readings[1] = s.readings[1] ^ 1
		},
		"wrong root": func(_, root *frontend.Variable, _ []frontend.Variable, _ *KeyCircuit, _ *SigCircuit) {
			var r fr.Element
			r.SetOne().Add(&r, &s.root)
			*root = r
		},
		"wrong key": func(_, _ *frontend.Variable, _ []frontend.Variable, key *KeyCircuit, _ *SigCircuit) {
			k, err := KeyAssignment(s.other.Public())
			require.NoError(t, err)
			*key = k
		},
		"tampered signature": func(_, _ *frontend.Variable, _ []frontend.Variable, _ *KeyCircuit, sig *SigCircuit) {
			sig.S = new(big.Int).Add(sig.S.(*big.Int), big.NewInt(1))
		},
		"signature of the nonce message": func(_, _ *frontend.Variable, _ []frontend.Variable, _ *KeyCircuit, sig *SigCircuit) {
			b, err := s.key.Sign(NonceMessage(s.root))
			require.NoError(t, err)
			*sig, err = SignatureAssignment(b)
			require.NoError(t, err)
		},
	}
}

func TestUsage(t *testing.T) {
	s := newSeriesFixture(t, 16)
	c, err := NewUsage(16)
	require.NoError(t, err)
	valid := s.usage(t)
	require.Equal(t, s.sum(), valid.Total)
	mustSolve(t, c, valid)
	assert := test.NewAssert(t)
	assert.ProverSucceeded(c, valid, checkOpts...)

	check := func(name string, mutate func(a *Usage)) {
		a := *s.usage(t)
		a.Readings = append([]frontend.Variable(nil), a.Readings...)
		mutate(&a)
		t.Run(name, func(t *testing.T) { mustFail(t, c, &a) })
		assert.ProverFailed(c, &a, checkOpts...)
	}
	for name, m := range seriesMutations(t, s) {
		check(name, func(a *Usage) { m(&a.Cap, &a.Root, a.Readings, &a.Key, &a.Sig) })
	}
	check("wrong sum", func(a *Usage) { a.Total = new(big.Int).Add(s.sum(), big.NewInt(1)) })
}

func TestThreshold(t *testing.T) {
	s := newSeriesFixture(t, 16)
	c, err := NewThreshold(16)
	require.NoError(t, err)
	sum := s.sum()
	for _, min := range []*big.Int{big.NewInt(0), big.NewInt(1), sum} {
		mustSolve(t, c, s.threshold(t, min))
	}
	assert := test.NewAssert(t)
	assert.ProverSucceeded(c, s.threshold(t, sum), checkOpts...)

	check := func(name string, mutate func(a *Threshold)) {
		a := *s.threshold(t, sum)
		a.Readings = append([]frontend.Variable(nil), a.Readings...)
		mutate(&a)
		t.Run(name, func(t *testing.T) { mustFail(t, c, &a) })
		assert.ProverFailed(c, &a, checkOpts...)
	}
	for name, m := range seriesMutations(t, s) {
		check(name, func(a *Threshold) { m(&a.Cap, &a.Root, a.Readings, &a.Key, &a.Sig) })
	}
	check("sum below the threshold", func(a *Threshold) { a.Min = new(big.Int).Add(sum, big.NewInt(1)) })
	check("threshold beyond the sum width", func(a *Threshold) { a.Min = new(big.Int).Lsh(big.NewInt(1), 68) })
	check("negative threshold", func(a *Threshold) { a.Min = -1 })

	_, err = ThresholdAssignment(s.readings, s.limit, new(big.Int).Add(sum, big.NewInt(1)), s.key.Public(), s.sig)
	require.ErrorIs(t, err, ErrStatement)
}

func TestSeriesAssignmentErrors(t *testing.T) {
	s := newSeriesFixture(t, 16)
	_, err := UsageAssignment(s.readings, s.limit-1, s.key.Public(), s.sig)
	require.ErrorIs(t, err, ErrStatement)
	_, err = UsageAssignment(s.readings, s.limit, s.other.Public(), s.sig)
	require.ErrorIs(t, err, ErrSignature)
	_, err = UsageAssignment(s.readings[:12], s.limit, s.key.Public(), s.sig)
	require.ErrorIs(t, err, ErrSize)
	_, err = ThresholdAssignment(s.readings, s.limit, big.NewInt(-1), s.key.Public(), s.sig)
	require.ErrorIs(t, err, ErrRange)
	for _, n := range []int{0, 1, 3, 100, MaxReadings * 2} {
		_, err := NewUsage(n)
		require.ErrorIs(t, err, ErrSize, "n=%d", n)
		_, err = NewThreshold(n)
		require.ErrorIs(t, err, ErrSize, "n=%d", n)
	}
}

// TestSeriesSizes solves the shipped sizes (16, 64, 256) with valid witnesses.
func TestSeriesSizes(t *testing.T) {
	for _, n := range Sizes() {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := newSeriesFixture(t, n)
			u, err := NewUsage(n)
			require.NoError(t, err)
			mustSolve(t, u, s.usage(t))
			th, err := NewThreshold(n)
			require.NoError(t, err)
			mustSolve(t, th, s.threshold(t, s.sum()))
		})
	}
}

// Short names for the signature types in the mutation table.
type (
	KeyCircuit = eddsa.PublicKey
	SigCircuit = eddsa.Signature
)
