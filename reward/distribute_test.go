package reward

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func units(name string, u int64, ms ...Multiplier) Contribution {
	return Contribution{Contributor: name, Units: big.NewInt(u), Multipliers: ms}
}

func amounts(t *testing.T, d *Distribution) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, p := range d.Payouts() {
		out[p.Contributor] = p.Amount.Int64()
	}
	return out
}

func TestDistributeCases(t *testing.T) {
	half := Multiplier{Name: "quality", Value: big.NewRat(1, 2)}
	zero := Multiplier{Name: "trust", Value: new(big.Rat), Note: "asserted 600 m away"}
	cases := []struct {
		name        string
		pool        int64
		in          []Contribution
		want        map[string]int64
		unallocated int64
	}{
		{"even", 99, []Contribution{units("a", 1), units("b", 1), units("c", 1)}, map[string]int64{"a": 33, "b": 33, "c": 33}, 0},
		// 100/3 = 33.33 each: one leftover unit, tie broken by name.
		{"tie by name", 100, []Contribution{units("c", 1), units("b", 1), units("a", 1)}, map[string]int64{"a": 34, "b": 33, "c": 33}, 0},
		// 10 split 1:2:3 = 1.67, 3.33, 5 -> floors 1,3,5, one left to a (0.67 beats 0.33).
		{"largest remainder", 10, []Contribution{units("a", 1), units("b", 2), units("c", 3)}, map[string]int64{"a": 2, "b": 3, "c": 5}, 0},
		// Multipliers: b scores 4*1/2 = 2 = a's 2.
		{"multipliers", 10, []Contribution{units("a", 2), units("b", 4, half), units("c", 5, zero)}, map[string]int64{"a": 5, "b": 5, "c": 0}, 0},
		{"no work at all", 10, []Contribution{units("a", 0), units("b", 3, zero)}, map[string]int64{"a": 0, "b": 0}, 10},
		{"empty", 10, nil, map[string]int64{}, 10},
		{"zero pool", 0, []Contribution{units("a", 5)}, map[string]int64{"a": 0}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Distribute(big.NewInt(c.pool), c.in)
			require.NoError(t, err)
			require.Equal(t, c.want, amounts(t, d))
			require.Equal(t, c.unallocated, d.Unallocated().Int64())
			require.Equal(t, c.pool, new(big.Int).Add(d.Total(), d.Unallocated()).Int64())
		})
	}
}

func TestDistributeCaps(t *testing.T) {
	capped := func(name string, u, limit int64) Contribution {
		c := units(name, u)
		c.Cap = big.NewInt(limit)
		return c
	}
	// 1000 by 6:3:1 would be 600/300/100; a is capped at 400, so the excess 200
	// goes to b and c 3:1 -> b 450, c 150.
	d, err := Distribute(big.NewInt(1000), []Contribution{capped("a", 6, 400), units("b", 3), units("c", 1)})
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"a": 400, "b": 450, "c": 150}, amounts(t, d))
	x, err := d.Explain("a")
	require.NoError(t, err)
	require.True(t, x.Capped)

	// Redistribution can cap a second contributor: a capped at 400 leaves 600 for
	// b and c 3:1 = 450/150, then b capped at 420 leaves c 180.
	d, err = Distribute(big.NewInt(1000), []Contribution{capped("a", 6, 400), capped("b", 3, 420), units("c", 1)})
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"a": 400, "b": 420, "c": 180}, amounts(t, d))

	// Everyone capped: the rest is unallocated.
	d, err = Distribute(big.NewInt(1000), []Contribution{capped("a", 1, 100), capped("b", 1, 200)})
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"a": 100, "b": 200}, amounts(t, d))
	require.Equal(t, int64(700), d.Unallocated().Int64())
}

func TestDistributeRejects(t *testing.T) {
	for name, c := range map[string]struct {
		pool *big.Int
		in   []Contribution
		want error
	}{
		"negative pool":  {big.NewInt(-1), nil, ErrNegative},
		"nil pool":       {nil, nil, ErrInvalidParameter},
		"negative units": {big.NewInt(1), []Contribution{units("a", -1)}, ErrNegative},
		"no name":        {big.NewInt(1), []Contribution{units("", 1)}, ErrInvalidParameter},
		"duplicate":      {big.NewInt(1), []Contribution{units("a", 1), units("a", 2)}, ErrDuplicateContributor},
		"negative mult":  {big.NewInt(1), []Contribution{units("a", 1, Multiplier{Name: "m", Value: big.NewRat(-1, 2)})}, ErrNegative},
		"nil mult":       {big.NewInt(1), []Contribution{units("a", 1, Multiplier{Name: "m"})}, ErrInvalidParameter},
		"negative cap":   {big.NewInt(1), []Contribution{{Contributor: "a", Units: big.NewInt(1), Cap: big.NewInt(-5)}}, ErrNegative},
	} {
		_, err := Distribute(c.pool, c.in)
		require.ErrorIs(t, err, c.want, name)
	}
	d, err := Distribute(big.NewInt(1), []Contribution{units("a", 1)})
	require.NoError(t, err)
	_, err = d.Explain("b")
	require.ErrorIs(t, err, ErrUnknownContributor)
}

// TestDistributeConservation: over random pools, scores, multipliers and caps,
// the payouts and the unallocated rest sum to the pool, no capped contributor
// exceeds its cap, nobody is paid more than one unit above its exact share, and
// the order of the input does not matter.
func TestDistributeConservation(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 7))
	for trial := 0; trial < 300; trial++ {
		pool := new(big.Int).Lsh(big.NewInt(r.Int64N(1_000_000)), uint(r.IntN(80)))
		n := r.IntN(40)
		in := make([]Contribution, n)
		for i := range in {
			in[i] = units(fmt.Sprintf("c%03d", i), r.Int64N(1000))
			if r.IntN(3) == 0 {
				in[i].Multipliers = []Multiplier{{Name: "q", Value: big.NewRat(r.Int64N(5), 1+r.Int64N(7))}}
			}
			if r.IntN(4) == 0 {
				in[i].Cap = new(big.Int).Rsh(pool, uint(r.IntN(8)))
			}
		}
		checkConservation(t, pool, in)
		r.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		d1, err := Distribute(pool, in)
		require.NoError(t, err)
		r.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		d2, err := Distribute(pool, in)
		require.NoError(t, err)
		require.Equal(t, d1.Payouts(), d2.Payouts())
	}
}

func checkConservation(t testing.TB, pool *big.Int, in []Contribution) {
	// Helium's truncation conserves too: paid + unallocated == pool, each
	// payout the floor of its share.
	tr, err := DistributeWith(pool, in, DistributeOptions{Rounding: Truncate})
	require.NoError(t, err)
	require.Equal(t, pool.String(), new(big.Int).Add(tr.Total(), tr.Unallocated()).String(), "conservation (truncate)")
	for _, c := range in {
		x, err := tr.Explain(c.Contributor)
		require.NoError(t, err)
		if x.Exact != nil {
			require.Equal(t, x.Floor.String(), x.Amount.String(), "truncated %s", c.Contributor)
		}
	}
	d, err := Distribute(pool, in)
	require.NoError(t, err)
	sum := new(big.Int).Add(d.Total(), d.Unallocated())
	require.Equal(t, pool.String(), sum.String(), "conservation")
	for _, c := range in {
		x, err := d.Explain(c.Contributor)
		require.NoError(t, err)
		require.GreaterOrEqual(t, x.Amount.Sign(), 0)
		if c.Cap != nil {
			require.LessOrEqual(t, x.Amount.Cmp(c.Cap), 0, "cap of %s", c.Contributor)
		}
		if x.Exact != nil {
			low := x.Floor
			require.True(t, x.Amount.Cmp(low) == 0 || x.Amount.Cmp(new(big.Int).Add(low, big.NewInt(1))) == 0)
		}
	}
}

// FuzzDistribute checks conservation on arbitrary pools and scores.
func FuzzDistribute(f *testing.F) {
	f.Add(uint64(100), []byte{1, 2, 3}, []byte{0, 9, 0})
	f.Add(uint64(0), []byte{}, []byte{})
	f.Add(uint64(1<<63), []byte{255, 0, 7, 7}, []byte{1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, pool uint64, scores, caps []byte) {
		if len(scores) > 64 {
			scores = scores[:64]
		}
		in := make([]Contribution, len(scores))
		for i, s := range scores {
			in[i] = units(fmt.Sprint("c", i), int64(s))
			if i < len(caps) && caps[i] > 0 {
				in[i].Cap = big.NewInt(int64(caps[i]) * 3)
			}
		}
		checkConservation(t, new(big.Int).SetUint64(pool), in)
	})
}

func TestExplain(t *testing.T) {
	d, err := Distribute(big.NewInt(10), []Contribution{
		units("hotspot-a", 1),
		units("hotspot-b", 2, Multiplier{Name: "density", Value: big.NewRat(1, 6), Note: "6 hotspots in its res-8 hex"}),
		units("hotspot-c", 4, Multiplier{Name: "trust", Value: new(big.Rat), Note: "asserted 600 m from its heartbeats"}),
		units("hotspot-d", 0),
	})
	require.NoError(t, err)
	// a: 10 * 1 / (1 + 1/3) = 7.5 -> 7, +1 (0.5 beats b's 0.5? tie -> by name: a).
	x, err := d.Explain("hotspot-a")
	require.NoError(t, err)
	require.Equal(t, "15/2", x.Exact.RatString())
	require.Equal(t, int64(8), x.Amount.Int64())
	require.True(t, x.RoundedUp)
	x, err = d.Explain("hotspot-b")
	require.NoError(t, err)
	require.Equal(t, "1/3", x.Score.RatString())
	require.Equal(t, int64(2), x.Amount.Int64())
	require.Contains(t, x.String(), "density")
	x, err = d.Explain("hotspot-c")
	require.NoError(t, err)
	require.Equal(t, "score is zero: multiplier trust (asserted 600 m from its heartbeats) is 0", x.Reason)
	x, err = d.Explain("hotspot-d")
	require.NoError(t, err)
	require.Equal(t, "no work units in the epoch", x.Reason)
}
