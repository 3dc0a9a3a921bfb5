package circuit

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"
)

// bitsCircuit checks V with AssertBits (Signed false) or AssertSignedBits.
type bitsCircuit struct {
	N      int  `gnark:"-"`
	Signed bool `gnark:"-"`
	V      frontend.Variable
}

func (c *bitsCircuit) Define(api frontend.API) error {
	if c.Signed {
		AssertSignedBits(api, c.V, c.N)
	} else {
		AssertBits(api, c.V, c.N)
	}
	return nil
}

func pow2(n int) *big.Int { return new(big.Int).Lsh(big.NewInt(1), uint(n)) }

func TestRangeChecks(t *testing.T) {
	minus := func(a *big.Int, b int64) *big.Int { return new(big.Int).Sub(a, big.NewInt(b)) }
	neg := func(a *big.Int) *big.Int { return new(big.Int).Neg(a) }
	for _, tc := range []struct {
		n      int
		signed bool
		v      *big.Int
		ok     bool
	}{
		{8, false, big.NewInt(0), true},
		{8, false, big.NewInt(255), true},
		{8, false, big.NewInt(256), false},
		{8, false, big.NewInt(-1), false},
		{64, false, minus(pow2(64), 1), true},
		{64, false, pow2(64), false},
		{32, true, neg(pow2(31)), true},
		{32, true, minus(pow2(31), 1), true},
		{32, true, pow2(31), false},
		{32, true, minus(neg(pow2(31)), 1), false},
		{32, true, big.NewInt(-1), true},
	} {
		t.Run(fmt.Sprintf("n=%d/signed=%v/%s", tc.n, tc.signed, tc.v), func(t *testing.T) {
			c := &bitsCircuit{N: tc.n, Signed: tc.signed}
			a := &bitsCircuit{N: tc.n, Signed: tc.signed, V: tc.v}
			if tc.ok {
				mustSolve(t, c, a)
			} else {
				mustFail(t, c, a)
			}
		})
	}
	// A width outside [1, 200] is a programming error, reported at compile time.
	require.Error(t, test.IsSolved(&bitsCircuit{N: 0}, &bitsCircuit{V: 0}, field))
	require.Error(t, test.IsSolved(&bitsCircuit{N: 201}, &bitsCircuit{N: 201, V: 0}, field))
}

// radiusCircuit checks AssertWithinRadius.
type radiusCircuit struct {
	X, Y, PX, PY, R frontend.Variable
}

func (c *radiusCircuit) Define(api frontend.API) error {
	AssertWithinRadius(api, c.X, c.Y, c.PX, c.PY, c.R)
	return nil
}

func TestAssertWithinRadius(t *testing.T) {
	type tc struct {
		x, y, px, py, r any
		ok              bool
	}
	cases := map[string]tc{
		"on the circle (3,4,5)":   {3, 4, 0, 0, 5, true},
		"inside":                  {-100, 250, -90, 240, 15, true},
		"just outside":            {3, 5, 0, 0, 5, false},
		"same point, zero radius": {7, -7, 7, -7, 0, true},
		"zero radius, off by one": {7, -6, 7, -7, 0, false},
		"extreme corners":         {int32(math.MinInt32), 0, int32(math.MaxInt32), 0, uint32(math.MaxUint32), true},
		"extreme, one short":      {int32(math.MinInt32), 1, int32(math.MaxInt32), 0, uint32(math.MaxUint32), false},
		"x out of range":          {int64(math.MaxInt32) + 1, 0, int64(math.MaxInt32) + 1, 0, 1, false},
		"radius out of range":     {0, 0, 0, 0, int64(math.MaxUint32) + 1, false},
		"negative radius":         {0, 0, 0, 0, -5, false},
	}
	// The wrap-around attack: with i = sqrt(-1) mod p, (i·a)^2 + a^2 = 0 in the
	// field, so a position "i·a away" would pass a check without range checks.
	var i fr.Element
	i.SetOne().Neg(&i)
	i.Sqrt(&i)
	var big1 big.Int
	i.BigInt(&big1)
	cases["sqrt(-1) wrap"] = tc{&big1, 1, 0, 0, 0, false}
	wrap := &radiusCircuit{X: &big1, Y: 1, PX: 0, PY: 0, R: 0}
	require.NoError(t, test.IsSolved(&naiveRadiusCircuit{}, wrap, field), "the attack works without range checks")

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := &radiusCircuit{X: c.x, Y: c.y, PX: c.px, PY: c.py, R: c.r}
			if c.ok {
				mustSolve(t, &radiusCircuit{}, a)
			} else {
				mustFail(t, &radiusCircuit{}, a)
			}
		})
	}
	assert := test.NewAssert(t)
	assert.ProverSucceeded(&radiusCircuit{}, &radiusCircuit{X: 3, Y: 4, PX: 0, PY: 0, R: 5}, checkOpts...)
	assert.ProverFailed(&radiusCircuit{}, wrap, checkOpts...)
}

// naiveRadiusCircuit is the check without range checks, to show the attack above.
type naiveRadiusCircuit radiusCircuit

func (c *naiveRadiusCircuit) Define(api frontend.API) error {
	dx, dy := api.Sub(c.X, c.PX), api.Sub(c.Y, c.PY)
	api.AssertIsEqual(api.Add(api.Mul(dx, dx), api.Mul(dy, dy)), api.Mul(c.R, c.R))
	return nil
}

// sumCircuit checks BoundedSum with 8-bit values.
type sumCircuit struct {
	Values []frontend.Variable
	Bound  frontend.Variable `gnark:",public"`
	Sum    frontend.Variable `gnark:",public"`
}

func (c *sumCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(BoundedSum(api, c.Values, c.Bound, 8), c.Sum)
	return nil
}

func TestBoundedSum(t *testing.T) {
	vals := func(v ...frontend.Variable) []frontend.Variable { return v }
	c := &sumCircuit{Values: make([]frontend.Variable, 3)}
	for name, tc := range map[string]struct {
		a  *sumCircuit
		ok bool
	}{
		"below bound":          {&sumCircuit{Values: vals(0, 9, 4), Bound: 10, Sum: 13}, true},
		"full width":           {&sumCircuit{Values: vals(255, 255, 255), Bound: 256, Sum: 765}, true},
		"value equals bound":   {&sumCircuit{Values: vals(0, 10, 4), Bound: 10, Sum: 14}, false},
		"wrong sum":            {&sumCircuit{Values: vals(1, 2, 3), Bound: 10, Sum: 7}, false},
		"zero bound":           {&sumCircuit{Values: vals(0, 0, 0), Bound: 0, Sum: 0}, false},
		"bound beyond width":   {&sumCircuit{Values: vals(256, 0, 0), Bound: 1000, Sum: 256}, false},
		"negative cancels out": {&sumCircuit{Values: vals(-1, 1, 3), Bound: 10, Sum: 3}, false},
	} {
		t.Run(name, func(t *testing.T) {
			if tc.ok {
				mustSolve(t, c, tc.a)
			} else {
				mustFail(t, c, tc.a)
			}
		})
	}
}
