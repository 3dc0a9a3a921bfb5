package reward

import (
	"fmt"
	"math/big"
	"strings"
)

// Vesting releases Total linearly over Duration epochs from Start, nothing
// before Start+Cliff: Vested(n) = 0 for n < Start+Cliff, floor(Total *
// (n-Start)/Duration) until Start+Duration, then Total.
type Vesting struct {
	Total    *big.Int
	Start    uint64
	Cliff    uint64
	Duration uint64
}

// NewVesting checks the schedule (Duration at least 1, Cliff at most Duration).
func NewVesting(total *big.Int, start, cliff, duration uint64) (*Vesting, error) {
	if err := checkAmount("total", total); err != nil {
		return nil, err
	}
	if duration == 0 {
		return nil, fmt.Errorf("%w: vesting duration 0", ErrZeroDenominator)
	}
	if cliff > duration {
		return nil, fmt.Errorf("%w: cliff %d longer than duration %d", ErrInvalidParameter, cliff, duration)
	}
	return &Vesting{Total: new(big.Int).Set(total), Start: start, Cliff: cliff, Duration: duration}, nil
}

// Vested returns the amount vested at epoch n.
func (v *Vesting) Vested(n uint64) *big.Int {
	if n < v.Start || n-v.Start < v.Cliff {
		return new(big.Int)
	}
	elapsed := n - v.Start
	if elapsed >= v.Duration {
		return new(big.Int).Set(v.Total)
	}
	out := new(big.Int).Mul(v.Total, new(big.Int).SetUint64(elapsed))
	return out.Quo(out, new(big.Int).SetUint64(v.Duration))
}

// Releasable returns what vested at epoch n beyond what was already released.
func (v *Vesting) Releasable(n uint64, released *big.Int) (*big.Int, error) {
	if err := checkAmount("released", released); err != nil {
		return nil, err
	}
	r := v.Vested(n)
	r.Sub(r, released)
	if r.Sign() < 0 {
		return nil, fmt.Errorf("%w: released %s exceeds vested %s", ErrInvalidParameter, released, v.Vested(n))
	}
	return r, nil
}

// Slash takes fraction (a rational in [0, 1]) of stake, rounding the slashed
// amount down, and returns what is slashed and what remains; the two sum to stake.
func Slash(stake *big.Int, fraction *big.Rat) (slashed, remaining *big.Int, err error) {
	if err := checkAmount("stake", stake); err != nil {
		return nil, nil, err
	}
	if fraction == nil {
		return nil, nil, fmt.Errorf("%w: fraction missing", ErrInvalidParameter)
	}
	if fraction.Sign() < 0 {
		return nil, nil, fmt.Errorf("%w: fraction %s", ErrNegative, fraction.RatString())
	}
	if fraction.Cmp(big.NewRat(1, 1)) > 0 {
		return nil, nil, fmt.Errorf("%w: fraction %s above 1", ErrInvalidParameter, fraction.RatString())
	}
	slashed = new(big.Int).Mul(stake, fraction.Num())
	slashed.Quo(slashed, fraction.Denom())
	return slashed, new(big.Int).Sub(stake, slashed), nil
}

// ParseRat parses a rational written as "a/b", an integer, or a decimal such as
// "0.85", refusing a zero denominator (ErrZeroDenominator).
func ParseRat(s string) (*big.Rat, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		if strings.HasSuffix(s, "/0") {
			return nil, fmt.Errorf("%w: %q", ErrZeroDenominator, s)
		}
		return nil, fmt.Errorf("%w: %q is not a rational", ErrInvalidParameter, s)
	}
	return r, nil
}
