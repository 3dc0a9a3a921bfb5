package reward

import (
	"fmt"
	"math/big"
	"sort"
)

// Curve gives the emission of each epoch in integer base units, exactly and
// deterministically. Epochs count from 0. For every n, Cumulative(n) equals the
// sum of Emission(0..n) (a property the tests check for every curve).
type Curve interface {
	// Emission returns the amount emitted in epoch n.
	Emission(n uint64) *big.Int
	// Cumulative returns the total emitted in epochs 0 through n.
	Cumulative(n uint64) *big.Int
}

// Capped is implemented by curves with a supply cap: Cumulative never exceeds
// Cap.
type Capped interface {
	Cap() *big.Int
}

// Constant emits Amount every epoch.
type Constant struct {
	Amount *big.Int
}

// NewConstant checks the amount and returns the curve.
func NewConstant(amount *big.Int) (*Constant, error) {
	if err := checkAmount("amount", amount); err != nil {
		return nil, err
	}
	return &Constant{Amount: new(big.Int).Set(amount)}, nil
}

// Emission implements Curve.
func (c *Constant) Emission(uint64) *big.Int { return new(big.Int).Set(c.Amount) }

// Cumulative implements Curve.
func (c *Constant) Cumulative(n uint64) *big.Int {
	return new(big.Int).Mul(c.Amount, new(big.Int).SetUint64(n+1))
}

// LinearDecay emits Initial in epoch 0 and Step less in each later epoch, never
// below Floor: Emission(n) = max(Initial - n*Step, Floor).
type LinearDecay struct {
	Initial, Step, Floor *big.Int
}

// NewLinearDecay checks the parameters (all non-negative, Floor <= Initial) and
// returns the curve.
func NewLinearDecay(initial, step, floor *big.Int) (*LinearDecay, error) {
	for name, v := range map[string]*big.Int{"initial": initial, "step": step, "floor": floor} {
		if err := checkAmount(name, v); err != nil {
			return nil, err
		}
	}
	if floor.Cmp(initial) > 0 {
		return nil, fmt.Errorf("%w: floor %s above initial %s", ErrInvalidParameter, floor, initial)
	}
	return &LinearDecay{Initial: new(big.Int).Set(initial), Step: new(big.Int).Set(step), Floor: new(big.Int).Set(floor)}, nil
}

// floorEpoch returns the first epoch at which the floor applies (Initial - n*Step
// <= Floor), or false if Step is 0.
func (c *LinearDecay) floorEpoch() (*big.Int, bool) {
	if c.Step.Sign() == 0 {
		return nil, false
	}
	gap := new(big.Int).Sub(c.Initial, c.Floor)
	q, r := new(big.Int).QuoRem(gap, c.Step, new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q, true
}

// Emission implements Curve.
func (c *LinearDecay) Emission(n uint64) *big.Int {
	e := new(big.Int).Mul(c.Step, new(big.Int).SetUint64(n))
	e.Sub(c.Initial, e)
	if e.Cmp(c.Floor) < 0 {
		return new(big.Int).Set(c.Floor)
	}
	return e
}

// Cumulative implements Curve: an arithmetic series until the floor, then the
// floor per epoch.
func (c *LinearDecay) Cumulative(n uint64) *big.Int {
	count := new(big.Int).SetUint64(n + 1)
	k, ok := c.floorEpoch()
	if !ok || k.Cmp(count) >= 0 {
		k = count // every epoch 0..n is on the slope
	}
	// Slope: sum_{i<k} (Initial - i*Step) = k*Initial - Step*k(k-1)/2.
	sum := new(big.Int).Mul(k, c.Initial)
	tri := new(big.Int).Mul(k, new(big.Int).Sub(k, big.NewInt(1)))
	tri.Rsh(tri, 1)
	sum.Sub(sum, tri.Mul(tri, c.Step))
	// Floor for the rest.
	rest := new(big.Int).Sub(count, k)
	return sum.Add(sum, rest.Mul(rest, c.Floor))
}

// ExponentialDecay emits Initial per epoch during the first Period epochs, then
// multiplies the per-epoch emission by Factor (a rational in [0, 1]) every Period
// epochs, rounding down: Emission(n) = floor(Initial * Factor^floor(n/Period)).
// DIMO's 15% yearly decay with weekly epochs is Factor 85/100, Period 52.
type ExponentialDecay struct {
	Initial *big.Int
	Factor  *big.Rat
	Period  uint64
}

// NewExponentialDecay checks the parameters and returns the curve.
func NewExponentialDecay(initial *big.Int, factor *big.Rat, period uint64) (*ExponentialDecay, error) {
	if err := checkAmount("initial", initial); err != nil {
		return nil, err
	}
	if factor == nil || factor.Sign() < 0 || factor.Cmp(big.NewRat(1, 1)) > 0 {
		return nil, fmt.Errorf("%w: factor %v: want a rational in [0, 1]", ErrInvalidParameter, factor)
	}
	if period == 0 {
		return nil, fmt.Errorf("%w: period 0", ErrZeroDenominator)
	}
	return &ExponentialDecay{Initial: new(big.Int).Set(initial), Factor: new(big.Rat).Set(factor), Period: period}, nil
}

// perEpoch returns the per-epoch emission of decay step k.
func (c *ExponentialDecay) perEpoch(k uint64) *big.Int {
	num := new(big.Int).Exp(c.Factor.Num(), new(big.Int).SetUint64(k), nil)
	den := new(big.Int).Exp(c.Factor.Denom(), new(big.Int).SetUint64(k), nil)
	num.Mul(num, c.Initial)
	return num.Quo(num, den)
}

// Emission implements Curve.
func (c *ExponentialDecay) Emission(n uint64) *big.Int { return c.perEpoch(n / c.Period) }

// Cumulative implements Curve. Once the per-epoch emission reaches zero it stays
// zero, so the sum stops there.
func (c *ExponentialDecay) Cumulative(n uint64) *big.Int {
	sum := new(big.Int)
	steps := n / c.Period
	for k := uint64(0); k <= steps; k++ {
		e := c.perEpoch(k)
		if e.Sign() == 0 {
			break
		}
		epochs := c.Period
		if k == steps {
			epochs = n%c.Period + 1
		}
		sum.Add(sum, e.Mul(e, new(big.Int).SetUint64(epochs)))
	}
	return sum
}

// Halving emits Initial per epoch for Period epochs, then half as much (rounded
// down) every Period epochs, never letting the cumulative emission pass Cap (the
// epoch that would pass it emits the remainder, later epochs nothing). Helium's
// HIP-20 schedule halves every two years.
type Halving struct {
	Initial   *big.Int
	Period    uint64
	SupplyCap *big.Int // nil: no cap
}

// NewHalving checks the parameters and returns the curve. A nil cap means none.
func NewHalving(initial *big.Int, period uint64, supplyCap *big.Int) (*Halving, error) {
	if err := checkAmount("initial", initial); err != nil {
		return nil, err
	}
	if period == 0 {
		return nil, fmt.Errorf("%w: period 0", ErrZeroDenominator)
	}
	h := &Halving{Initial: new(big.Int).Set(initial), Period: period}
	if supplyCap != nil {
		if err := checkAmount("cap", supplyCap); err != nil {
			return nil, err
		}
		h.SupplyCap = new(big.Int).Set(supplyCap)
	}
	return h, nil
}

// Cap implements Capped (nil when the curve has none).
func (c *Halving) Cap() *big.Int {
	if c.SupplyCap == nil {
		return nil
	}
	return new(big.Int).Set(c.SupplyCap)
}

// uncapped is the halving schedule's cumulative emission without the cap.
func (c *Halving) uncapped(n uint64) *big.Int {
	sum := new(big.Int)
	steps := n / c.Period
	for k := uint64(0); k <= steps; k++ {
		if k >= uint64(c.Initial.BitLen()) {
			break // the per-epoch emission is zero from here
		}
		e := new(big.Int).Rsh(c.Initial, uint(k))
		epochs := c.Period
		if k == steps {
			epochs = n%c.Period + 1
		}
		sum.Add(sum, e.Mul(e, new(big.Int).SetUint64(epochs)))
	}
	return sum
}

// Cumulative implements Curve.
func (c *Halving) Cumulative(n uint64) *big.Int {
	sum := c.uncapped(n)
	if c.SupplyCap != nil && sum.Cmp(c.SupplyCap) > 0 {
		return new(big.Int).Set(c.SupplyCap)
	}
	return sum
}

// Emission implements Curve.
func (c *Halving) Emission(n uint64) *big.Int {
	e := c.Cumulative(n)
	if n > 0 {
		e.Sub(e, c.Cumulative(n-1))
	}
	return e
}

// SpreadHalving mints PeriodAmount over the first Period epochs, half as much
// (rounded down) over each later Period epochs, and spreads each period's
// amount over its epochs as evenly as integers allow: epoch i of a period
// whose amount is A emits floor(A·(i+1)/Period) − floor(A·i/Period). Every
// period mints exactly its amount (and its first j epochs floor(A·j/Period)),
// where Halving's per-epoch amount must round once for the whole period. Like
// Halving it stops at SupplyCap when there is one.
//
// Helium's HIP-20 table (helium/HIP 0020-hnt-max-supply.md: 60,000,000 HNT
// a year in years 1 and 2, halving every two years on the anniversary of
// genesis, without end) is SpreadHalving{12·10^15 bones, 35,040 thirty-minute
// epochs, no cap}: each year of 17,520 epochs mints the table's amount to the
// bone while the halvings are exact (17 of them: 12·10^15 = 2^17·3·5^15), and
// within a bone after. A per-epoch Halving of 3,424 HNT (the legacy chain's
// rounded epoch reward) mints 59,988,480 HNT a year instead.
type SpreadHalving struct {
	PeriodAmount *big.Int
	Period       uint64
	SupplyCap    *big.Int // nil: no cap
}

// NewSpreadHalving checks the parameters and returns the curve. A nil cap
// means none.
func NewSpreadHalving(periodAmount *big.Int, period uint64, supplyCap *big.Int) (*SpreadHalving, error) {
	if err := checkAmount("period amount", periodAmount); err != nil {
		return nil, err
	}
	if period == 0 {
		return nil, fmt.Errorf("%w: period 0", ErrZeroDenominator)
	}
	h := &SpreadHalving{PeriodAmount: new(big.Int).Set(periodAmount), Period: period}
	if supplyCap != nil {
		if err := checkAmount("cap", supplyCap); err != nil {
			return nil, err
		}
		h.SupplyCap = new(big.Int).Set(supplyCap)
	}
	return h, nil
}

// Cap implements Capped (nil when the curve has none).
func (c *SpreadHalving) Cap() *big.Int {
	if c.SupplyCap == nil {
		return nil
	}
	return new(big.Int).Set(c.SupplyCap)
}

// Cumulative implements Curve: the whole periods before n's, then
// floor(A·(i+1)/Period) of n's period, capped.
func (c *SpreadHalving) Cumulative(n uint64) *big.Int {
	sum := new(big.Int)
	k := n / c.Period
	bits := uint64(c.PeriodAmount.BitLen())
	for j := uint64(0); j < k && j < bits; j++ {
		sum.Add(sum, new(big.Int).Rsh(c.PeriodAmount, uint(j)))
	}
	if k < bits {
		a := new(big.Int).Rsh(c.PeriodAmount, uint(k))
		a.Mul(a, new(big.Int).SetUint64(n%c.Period+1))
		sum.Add(sum, a.Quo(a, new(big.Int).SetUint64(c.Period)))
	}
	if c.SupplyCap != nil && sum.Cmp(c.SupplyCap) > 0 {
		return new(big.Int).Set(c.SupplyCap)
	}
	return sum
}

// Emission implements Curve.
func (c *SpreadHalving) Emission(n uint64) *big.Int {
	e := c.Cumulative(n)
	if n > 0 {
		e.Sub(e, c.Cumulative(n-1))
	}
	return e
}

// Segment is one piece of a Piecewise curve: from epoch From on, Curve applies,
// with its own epochs counted from 0 at From.
type Segment struct {
	From  uint64
	Curve Curve
}

// Piecewise chains curves: each segment runs from its From to the next one's.
// Helium's Solana schedule (a different HNT amount per epoch from each
// anniversary) is a Piecewise of Constants.
type Piecewise struct {
	segs []Segment
}

// NewPiecewise checks the segments (the first From is 0, Froms strictly
// increase, no nil curve) and returns the curve.
func NewPiecewise(segs ...Segment) (*Piecewise, error) {
	if len(segs) == 0 {
		return nil, fmt.Errorf("%w: no segments", ErrInvalidParameter)
	}
	for i, s := range segs {
		if s.Curve == nil {
			return nil, fmt.Errorf("%w: segments[%d].curve is nil", ErrInvalidParameter, i)
		}
		if i == 0 && s.From != 0 {
			return nil, fmt.Errorf("%w: segments[0].from is %d, want 0", ErrInvalidParameter, s.From)
		}
		if i > 0 && s.From <= segs[i-1].From {
			return nil, fmt.Errorf("%w: segments[%d].from %d does not follow %d", ErrInvalidParameter, i, s.From, segs[i-1].From)
		}
	}
	return &Piecewise{segs: append([]Segment(nil), segs...)}, nil
}

func (c *Piecewise) segment(n uint64) int {
	return sort.Search(len(c.segs), func(i int) bool { return c.segs[i].From > n }) - 1
}

// Emission implements Curve.
func (c *Piecewise) Emission(n uint64) *big.Int {
	s := c.segs[c.segment(n)]
	return s.Curve.Emission(n - s.From)
}

// Cumulative implements Curve.
func (c *Piecewise) Cumulative(n uint64) *big.Int {
	sum := new(big.Int)
	last := c.segment(n)
	for i := 0; i < last; i++ {
		sum.Add(sum, c.segs[i].Curve.Cumulative(c.segs[i+1].From-c.segs[i].From-1))
	}
	return sum.Add(sum, c.segs[last].Curve.Cumulative(n-c.segs[last].From))
}

// checkAmount refuses nil and negative amounts.
func checkAmount(field string, v *big.Int) error {
	if v == nil {
		return fmt.Errorf("%w: %s missing", ErrInvalidParameter, field)
	}
	if v.Sign() < 0 {
		return fmt.Errorf("%w: %s is %s", ErrNegative, field, v)
	}
	return nil
}
