package poc

import (
	"math/big"

	"github.com/depinkit/depinkit/reward"
)

// Reward units (Helium HIP-15, as iot_verifier reward_share.rs applies them at
// helium/oracles @824f7724, Jan 2026): with R = 4 witnesses the target, decay
// 0.8 and a cap of 2, for n selected valid witnesses of a beacon,
//
//	beaconer  0 if n = 0;  n/4 if n ≤ 4;  min(2, 2 − 0.8^(n−4)) otherwise
//	witness   0 if n = 0;  1   if n ≤ 4;  min(2, (4 − (1 − 0.8^(n−4)))/n) otherwise
//
// each rounded half to even to 4 decimal places (rust_decimal round_dp). The
// values are exact rationals; UnitScale turns them into integers.

// UnitScale is the number of integer units in one HIP-15 reward unit: units are
// counted in 1/10,000ths, so that the 4-decimal values are exact integers
// (a witness of a beacon with 5 witnesses earns 7,600).
const UnitScale = 10_000

const (
	hip15Target = 4
	hip15Cap    = 2
)

var hip15Decay = big.NewRat(4, 5)

// BeaconerUnits is the HIP-15 reward unit of a valid beacon with n selected
// valid witnesses, rounded to 4 decimal places.
func BeaconerUnits(n int) *big.Rat {
	if n <= 0 {
		return new(big.Rat)
	}
	if n <= hip15Target {
		return big.NewRat(int64(n), hip15Target)
	}
	u := new(big.Rat).Sub(big.NewRat(hip15Cap, 1), ratPow(hip15Decay, n-hip15Target))
	return reward.RoundHalfEven(minRat(u, big.NewRat(hip15Cap, 1)), 4)
}

// WitnessUnits is the HIP-15 reward unit of each of n selected valid witnesses
// of a beacon, rounded to 4 decimal places.
func WitnessUnits(n int) *big.Rat {
	if n <= 0 {
		return new(big.Rat)
	}
	if n <= hip15Target {
		return big.NewRat(1, 1)
	}
	lost := new(big.Rat).Sub(big.NewRat(1, 1), ratPow(hip15Decay, n-hip15Target))
	u := new(big.Rat).Sub(big.NewRat(hip15Target, 1), lost)
	u.Quo(u, big.NewRat(int64(n), 1))
	return reward.RoundHalfEven(minRat(u, big.NewRat(hip15Cap, 1)), 4)
}

// scaledUnits returns u × UnitScale as an integer (u has at most 4 decimals).
func scaledUnits(u *big.Rat) uint64 {
	v := new(big.Rat).Mul(u, big.NewRat(UnitScale, 1))
	return new(big.Int).Quo(v.Num(), v.Denom()).Uint64()
}

func ratPow(x *big.Rat, n int) *big.Rat {
	num := new(big.Int).Exp(x.Num(), big.NewInt(int64(n)), nil)
	den := new(big.Int).Exp(x.Denom(), big.NewInt(int64(n)), nil)
	return new(big.Rat).SetFrac(num, den)
}

func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}
