package reward

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Truncate pays each the floor of its exact share and leaves the rest
// unallocated (Helium's compute_rewards), and conserves the pool.
func TestDistributeTruncate(t *testing.T) {
	in := []Contribution{units("a", 1), units("b", 1), units("c", 1)}
	d, err := DistributeWith(big.NewInt(100), in, DistributeOptions{Rounding: Truncate})
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"a": 33, "b": 33, "c": 33}, amounts(t, d))
	require.Equal(t, int64(1), d.Unallocated().Int64())
	require.Equal(t, Truncate, d.Rounding())
	x, err := d.Explain("a")
	require.NoError(t, err)
	require.False(t, x.RoundedUp)
	require.Contains(t, x.Reason, "truncated")

	// The default still pays every unit.
	d, err = Distribute(big.NewInt(100), in)
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"a": 34, "b": 33, "c": 33}, amounts(t, d))
	require.Zero(t, d.Unallocated().Sign())
	require.Equal(t, LargestRemainder, d.Rounding())

	_, err = DistributeWith(big.NewInt(1), in, DistributeOptions{Rounding: 7})
	require.ErrorIs(t, err, ErrInvalidParameter)
}

// With Truncate, paid + unallocated == pool, every payout is the floor of its
// exact share, and fewer base units than sharing contributors stay
// unallocated (beyond what caps or zero scores leave).
func TestDistributeTruncateConservation(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 11))
	for trial := 0; trial < 300; trial++ {
		pool := new(big.Int).Lsh(big.NewInt(r.Int64N(1_000_000)), uint(r.IntN(80)))
		n := 1 + r.IntN(40)
		in := make([]Contribution, n)
		for i := range in {
			in[i] = units(fmt.Sprintf("c%03d", i), 1+r.Int64N(1000))
			if r.IntN(3) == 0 {
				in[i].Multipliers = []Multiplier{{Name: "q", Value: big.NewRat(1+r.Int64N(5), 1+r.Int64N(7))}}
			}
			if r.IntN(4) == 0 {
				in[i].Cap = new(big.Int).Rsh(pool, uint(r.IntN(8)))
			}
		}
		d, err := DistributeWith(pool, in, DistributeOptions{Rounding: Truncate})
		require.NoError(t, err)
		sum := new(big.Int).Add(d.Total(), d.Unallocated())
		require.Equal(t, pool.String(), sum.String(), "conservation")
		ld, err := Distribute(pool, in)
		require.NoError(t, err)
		lost := new(big.Int).Sub(d.Unallocated(), ld.Unallocated())
		require.GreaterOrEqual(t, lost.Sign(), 0)
		require.Less(t, lost.Cmp(big.NewInt(int64(n))), 0, "at most one unit per contributor is left over")
		for _, c := range in {
			x, err := d.Explain(c.Contributor)
			require.NoError(t, err)
			if x.Exact != nil {
				require.Equal(t, x.Floor.String(), x.Amount.String())
			}
		}
	}
}
