package reward

import (
	"fmt"
	"math/big"
	"sync"
)

// ProgressSource gives the measured progress of each epoch as a fraction of the
// epoch's target (coverage of new map tiles, say). Values outside [0, 1] are
// clamped.
type ProgressSource interface {
	Progress(n uint64) *big.Rat
}

// ProgressTable is a ProgressSource from a list; epochs beyond it have progress 0.
type ProgressTable []*big.Rat

// Progress implements ProgressSource.
func (t ProgressTable) Progress(n uint64) *big.Rat {
	if n >= uint64(len(t)) || t[n] == nil {
		return new(big.Rat)
	}
	return t[n]
}

// ProgressMinted mints, each epoch, the budget a base curve allows times the
// progress measured in that epoch (Hivemapper mints for new coverage):
// Emission(n) = floor(Budget.Emission(n) * clamp(Progress(n), 0, 1)). What is not
// earned is not minted. Cumulative sums the epochs, so it costs O(n).
type ProgressMinted struct {
	Budget Curve
	Source ProgressSource
}

// NewProgressMinted returns the curve.
func NewProgressMinted(budget Curve, source ProgressSource) (*ProgressMinted, error) {
	if budget == nil || source == nil {
		return nil, fmt.Errorf("%w: budget and source are required", ErrInvalidParameter)
	}
	return &ProgressMinted{Budget: budget, Source: source}, nil
}

// Emission implements Curve.
func (c *ProgressMinted) Emission(n uint64) *big.Int {
	p := clampUnit(c.Source.Progress(n))
	e := new(big.Int).Mul(c.Budget.Emission(n), p.Num())
	return e.Quo(e, p.Denom())
}

// Cumulative implements Curve.
func (c *ProgressMinted) Cumulative(n uint64) *big.Int {
	sum := new(big.Int)
	for i := uint64(0); i <= n; i++ {
		sum.Add(sum, c.Emission(i))
	}
	return sum
}

func clampUnit(p *big.Rat) *big.Rat {
	switch {
	case p == nil || p.Sign() < 0:
		return new(big.Rat)
	case p.Cmp(big.NewRat(1, 1)) > 0:
		return big.NewRat(1, 1)
	}
	return p
}

// BurnAndMint is burn-and-mint equilibrium accounting, as Helium's Data Credits:
// users burn tokens for usage credits, and the tokens burned are minted again,
// smoothed and capped, on top of a base schedule:
//
//	smoothed(n) = floor(6*smoothed(n-1)/7) + floor(burned(n)/7), smoothed(-1) = Start
//	Emission(n) = Base.Emission(n) + min(smoothed(n), ReEmitCap)
//
// (Helium on Solana: Start 300 bones, ReEmitCap 34.24 HNT per daily epoch.)
type BurnAndMint struct {
	Base      Curve
	ReEmitCap *big.Int
	Start     *big.Int
	Burned    []*big.Int // tokens burned per epoch; epochs beyond it burned nothing

	once     sync.Once
	smoothed []*big.Int
}

// NewBurnAndMint checks the parameters and returns the curve.
func NewBurnAndMint(base Curve, reEmitCap, start *big.Int, burned []*big.Int) (*BurnAndMint, error) {
	if base == nil {
		return nil, fmt.Errorf("%w: base curve missing", ErrInvalidParameter)
	}
	if err := checkAmount("re-emit cap", reEmitCap); err != nil {
		return nil, err
	}
	if err := checkAmount("start", start); err != nil {
		return nil, err
	}
	for i, b := range burned {
		if err := checkAmount(fmt.Sprintf("burned[%d]", i), b); err != nil {
			return nil, err
		}
	}
	return &BurnAndMint{Base: base, ReEmitCap: new(big.Int).Set(reEmitCap), Start: new(big.Int).Set(start), Burned: append([]*big.Int(nil), burned...)}, nil
}

// Smoothed returns the smoothed burn of epoch n.
func (c *BurnAndMint) Smoothed(n uint64) *big.Int {
	c.once.Do(func() {
		prev := new(big.Int).Set(c.Start)
		for _, b := range c.Burned {
			s := new(big.Int).Mul(prev, big.NewInt(6))
			s.Quo(s, big.NewInt(7))
			s.Add(s, new(big.Int).Quo(b, big.NewInt(7)))
			c.smoothed = append(c.smoothed, s)
			prev = s
		}
	})
	if n < uint64(len(c.smoothed)) {
		return new(big.Int).Set(c.smoothed[n])
	}
	// No burns after the table: the smoothed value decays by 6/7 per epoch.
	s := new(big.Int).Set(c.Start)
	if len(c.smoothed) > 0 {
		s.Set(c.smoothed[len(c.smoothed)-1])
	}
	for i := uint64(len(c.smoothed)); i <= n && s.Sign() > 0; i++ {
		s.Mul(s, big.NewInt(6))
		s.Quo(s, big.NewInt(7))
	}
	return s
}

// ReEmission returns the burned tokens minted again in epoch n.
func (c *BurnAndMint) ReEmission(n uint64) *big.Int {
	s := c.Smoothed(n)
	if s.Cmp(c.ReEmitCap) > 0 {
		return new(big.Int).Set(c.ReEmitCap)
	}
	return s
}

// Emission implements Curve.
func (c *BurnAndMint) Emission(n uint64) *big.Int {
	return new(big.Int).Add(c.Base.Emission(n), c.ReEmission(n))
}

// Cumulative implements Curve (O(n) for the re-emitted part).
func (c *BurnAndMint) Cumulative(n uint64) *big.Int {
	sum := c.Base.Cumulative(n)
	for i := uint64(0); i <= n; i++ {
		sum.Add(sum, c.ReEmission(i))
	}
	return sum
}

// CreditsPerUSD is the number of usage credits one US dollar buys (Helium: 1 DC
// = $0.00001).
const CreditsPerUSD = 100000

// CreditsForTokens returns the credits burning tokens base units buys at price
// (US dollars per base unit), rounded down.
func CreditsForTokens(tokens *big.Int, price *big.Rat) (*big.Int, error) {
	if err := checkAmount("tokens", tokens); err != nil {
		return nil, err
	}
	if price == nil || price.Sign() <= 0 {
		return nil, fmt.Errorf("%w: price %v: want a positive rational", ErrInvalidParameter, price)
	}
	v := new(big.Rat).Mul(new(big.Rat).SetInt(tokens), price)
	v.Mul(v, new(big.Rat).SetInt64(CreditsPerUSD))
	return new(big.Int).Quo(v.Num(), v.Denom()), nil
}

// TokensForCredits returns the base units to burn for credits at price (US
// dollars per base unit), rounded up.
func TokensForCredits(credits *big.Int, price *big.Rat) (*big.Int, error) {
	if err := checkAmount("credits", credits); err != nil {
		return nil, err
	}
	if price == nil || price.Sign() <= 0 {
		return nil, fmt.Errorf("%w: price %v: want a positive rational", ErrInvalidParameter, price)
	}
	v := new(big.Rat).SetFrac(credits, big.NewInt(CreditsPerUSD))
	v.Quo(v, price)
	q, r := new(big.Int).QuoRem(v.Num(), v.Denom(), new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q, nil
}
