package reward

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func bi(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return v
}

func TestCurveValues(t *testing.T) {
	halving, err := NewHalving(big.NewInt(1000), 4, nil)
	require.NoError(t, err)
	capped, err := NewHalving(big.NewInt(1000), 4, big.NewInt(6500))
	require.NoError(t, err)
	linear, err := NewLinearDecay(big.NewInt(100), big.NewInt(30), big.NewInt(5))
	require.NoError(t, err)
	dimo, err := NewExponentialDecay(big.NewInt(1000), big.NewRat(85, 100), 2)
	require.NoError(t, err)
	cst, err := NewConstant(big.NewInt(7))
	require.NoError(t, err)
	pw, err := NewPiecewise(Segment{From: 0, Curve: cst}, Segment{From: 3, Curve: halving})
	require.NoError(t, err)

	cases := []struct {
		name string
		c    Curve
		want []int64 // emission of epochs 0..
	}{
		{"constant", cst, []int64{7, 7, 7}},
		// 1000 for 4 epochs, 500 for 4, 250 for 4...
		{"halving", halving, []int64{1000, 1000, 1000, 1000, 500, 500, 500, 500, 250, 250, 250, 250, 125}},
		// Capped at 6500: 4000 + 2000 = 6000 after epoch 7, then 250 + 250, then 0.
		{"halving capped", capped, []int64{1000, 1000, 1000, 1000, 500, 500, 500, 500, 250, 250, 0, 0}},
		// 100, 70, 40, 10, then the floor 5.
		{"linear", linear, []int64{100, 70, 40, 10, 5, 5}},
		// 1000, 1000, floor(850), 850, floor(722.5)=722, 722, floor(614.125)=614.
		{"exponential", dimo, []int64{1000, 1000, 850, 850, 722, 722, 614}},
		// 7, 7, 7, then the halving from its epoch 0.
		{"piecewise", pw, []int64{7, 7, 7, 1000, 1000, 1000, 1000, 500}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sum := new(big.Int)
			for n, want := range c.want {
				require.Equal(t, big.NewInt(want).String(), c.c.Emission(uint64(n)).String(), "epoch %d", n)
				sum.Add(sum, big.NewInt(want))
				require.Equal(t, sum.String(), c.c.Cumulative(uint64(n)).String(), "cumulative %d", n)
			}
		})
	}
	require.Equal(t, "6500", capped.Cumulative(1000).String())
	require.Equal(t, "6500", capped.Cap().String())
}

// TestCurveSumProperty: for random parameters of every curve, the sum of the
// emissions of epochs 0..n equals Cumulative(n), and capped curves stay under the cap.
func TestCurveSumProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	amount := func() *big.Int { return new(big.Int).Rand(r2big(r), big.NewInt(1_000_000_000_000)) }
	for trial := 0; trial < 60; trial++ {
		period := uint64(1 + r.IntN(10))
		var curves []Curve
		c1, err := NewConstant(amount())
		require.NoError(t, err)
		init := amount()
		c2, err := NewLinearDecay(init, new(big.Int).Rand(r2big(r), new(big.Int).Add(init, big.NewInt(1))), new(big.Int).Rand(r2big(r), new(big.Int).Add(init, big.NewInt(1))))
		require.NoError(t, err)
		c3, err := NewExponentialDecay(amount(), big.NewRat(int64(r.IntN(101)), 100), period)
		require.NoError(t, err)
		c4, err := NewHalving(amount(), period, nil)
		require.NoError(t, err)
		c5, err := NewHalving(amount(), period, amount())
		require.NoError(t, err)
		c9, err := NewSpreadHalving(amount(), period, nil)
		require.NoError(t, err)
		c10, err := NewSpreadHalving(amount(), period, amount())
		require.NoError(t, err)
		c6, err := NewPiecewise(Segment{0, c1}, Segment{period, c3}, Segment{3 * period, c5})
		require.NoError(t, err)
		prog := ProgressTable{big.NewRat(1, 2), big.NewRat(3, 2), big.NewRat(-1, 3), nil, big.NewRat(2, 7)}
		c7, err := NewProgressMinted(c4, prog)
		require.NoError(t, err)
		burns := []*big.Int{amount(), amount(), big.NewInt(0), amount()}
		c8, err := NewBurnAndMint(c2, amount(), big.NewInt(300), burns)
		require.NoError(t, err)
		curves = append(curves, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
		for k, c := range curves {
			sum := new(big.Int)
			for n := uint64(0); n < 40; n++ {
				e := c.Emission(n)
				require.GreaterOrEqual(t, e.Sign(), 0)
				sum.Add(sum, e)
				require.Equal(t, sum.String(), c.Cumulative(n).String(), "trial %d curve %d (%T) epoch %d", trial, k, c, n)
				if cp, ok := c.(Capped); ok && cp.Cap() != nil {
					require.LessOrEqual(t, sum.Cmp(cp.Cap()), 0)
				}
			}
		}
	}
}

// r2big adapts math/rand/v2 to big.Int.Rand, which wants a *math/rand.Rand: use
// a deterministic source of our own.
func r2big(r *rand.Rand) *randV1 { return newRandV1(r.Uint64()) }

func TestHeliumHalvingSchedule(t *testing.T) {
	// HIP-20: 5M HNT a month (60M a year) for two years, then halving every two
	// years, capped at 223M HNT, in bones (10^8). With monthly epochs:
	month := bi("500000000000000") // 5,000,000 HNT
	c, err := NewHalving(month, 24, bi("22300000000000000"))
	require.NoError(t, err)
	require.Equal(t, "12000000000000000", c.Cumulative(23).String(), "120M HNT after two years")
	require.Equal(t, "250000000000000", c.Emission(24).String(), "2.5M a month in years 3-4")
	require.Equal(t, "18000000000000000", c.Cumulative(47).String(), "180M after four years")
	require.Equal(t, "22300000000000000", c.Cumulative(10000).String(), "the 223M cap")
}

func TestBurnAndMint(t *testing.T) {
	base, err := NewConstant(big.NewInt(1000))
	require.NoError(t, err)
	c, err := NewBurnAndMint(base, big.NewInt(50), big.NewInt(300), []*big.Int{big.NewInt(700), big.NewInt(0)})
	require.NoError(t, err)
	// smoothed(0) = floor(6*300/7) + floor(700/7) = 257 + 100 = 357, capped at 50.
	require.Equal(t, "357", c.Smoothed(0).String())
	require.Equal(t, "1050", c.Emission(0).String())
	// smoothed(1) = floor(6*357/7) + 0 = 306; smoothed(2) = floor(6*306/7) = 262.
	require.Equal(t, "306", c.Smoothed(1).String())
	require.Equal(t, "262", c.Smoothed(2).String())
}

func TestCredits(t *testing.T) {
	// Helium's oracle vector: 1,000,000 DC at $0.00000359 per bone is
	// 2,785,515.32... bones; burning rounds up to whole bones.
	price := big.NewRat(359, 100000000)
	tokens, err := TokensForCredits(big.NewInt(1000000), price)
	require.NoError(t, err)
	require.Equal(t, "2785516", tokens.String())
	credits, err := CreditsForTokens(tokens, price)
	require.NoError(t, err)
	require.Equal(t, "1000000", credits.String(), "the rounded-up burn buys at least the credits")
	_, err = TokensForCredits(big.NewInt(1), big.NewRat(0, 1))
	require.ErrorIs(t, err, ErrInvalidParameter)
}

func TestCurveRejects(t *testing.T) {
	_, err := NewConstant(big.NewInt(-1))
	require.ErrorIs(t, err, ErrNegative)
	_, err = NewHalving(big.NewInt(1), 0, nil)
	require.ErrorIs(t, err, ErrZeroDenominator)
	_, err = NewExponentialDecay(big.NewInt(1), big.NewRat(3, 2), 1)
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, err = NewLinearDecay(big.NewInt(1), big.NewInt(1), big.NewInt(2))
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, err = NewPiecewise(Segment{From: 1, Curve: &Constant{Amount: big.NewInt(1)}})
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, err = NewPiecewise()
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, err = ParseRat("1/0")
	require.ErrorIs(t, err, ErrZeroDenominator)
	_, err = ParseRat("x")
	require.ErrorIs(t, err, ErrInvalidParameter)
	r, err := ParseRat("0.85")
	require.NoError(t, err)
	require.Equal(t, "17/20", r.RatString())
	_ = fmt.Sprint
}
