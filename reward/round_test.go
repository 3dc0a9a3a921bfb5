package reward_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/reward"
)

func ratOf(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	require.True(t, ok, "rational %q", s)
	return r
}

func ExampleRoundHalfEven() {
	for _, x := range []string{"1/168", "0.00125", "0.00135", "-0.00125", "2/3"} {
		r, _ := new(big.Rat).SetString(x)
		fmt.Println(x, "->", reward.RoundHalfEven(r, 4).FloatString(4))
	}
	// Output:
	// 1/168 -> 0.0060
	// 0.00125 -> 0.0012
	// 0.00135 -> 0.0014
	// -0.00125 -> -0.0012
	// 2/3 -> 0.6667
}

func TestRoundHalfEven(t *testing.T) {
	tests := []struct {
		x        string
		decimals int
		want     string
	}{
		{"1/168", 4, "0.006"}, // 0.0059523... up
		{"1/6", 4, "0.1667"},  // 0.16666... up
		{"1/3", 4, "0.3333"},  // down
		{"2/3", 4, "0.6667"},
		{"-2/3", 4, "-0.6667"},
		{"7", 4, "7"},
		{"0", 4, "0"},
		// Exact ties go to the even last digit.
		{"0.00125", 4, "0.0012"},
		{"0.00135", 4, "0.0014"},
		{"0.00145", 4, "0.0014"},
		{"0.99995", 4, "1"},
		{"0.012345", 5, "0.01234"},
		{"1/32", 4, "0.0312"}, // 0.03125
		{"3/32", 4, "0.0938"}, // 0.09375
		{"2.5", 0, "2"},
		{"3.5", 0, "4"},
		{"0.5", 0, "0"},
		{"1.5", 0, "2"},
		// Just off a tie rounds to nearest.
		{"0.0012500001", 4, "0.0013"},
		{"0.0013499999", 4, "0.0013"},
		// Negatives mirror positives.
		{"-0.00125", 4, "-0.0012"},
		{"-0.00135", 4, "-0.0014"},
		{"-0.0001251", 4, "-0.0001"},
		{"-0.00015", 4, "-0.0002"},
		{"-2.5", 0, "-2"},
		{"-3.5", 0, "-4"},
		{"-0.5", 0, "0"},
		{"-1/168", 4, "-0.006"},
		// Negative decimals round to tens, hundreds...
		{"125", -1, "120"},
		{"135", -1, "140"},
		{"-125", -1, "-120"},
		{"1250", -2, "1200"},
		{"1350", -2, "1400"},
		{"151", -2, "200"},
		{"49", -2, "0"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s@%d", tt.x, tt.decimals), func(t *testing.T) {
			x := ratOf(t, tt.x)
			before := new(big.Rat).Set(x)
			got := reward.RoundHalfEven(x, tt.decimals)
			require.Zero(t, ratOf(t, tt.want).Cmp(got), "got %s", got)
			require.Zero(t, before.Cmp(x), "the input must not change")
		})
	}
	require.Nil(t, reward.RoundHalfEven(nil, 4))
}
