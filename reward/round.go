package reward

import "math/big"

// RoundHalfEven returns x rounded to the nearest multiple of 10^-decimals, a tie
// going to the even multiple (banker's rounding, as rust_decimal's round_dp and
// IEEE 754's default): 0.00125 → 0.0012 and 0.00135 → 0.0014 at 4 decimals,
// −0.00125 → −0.0012. decimals may be negative (−2 rounds to hundreds). It
// returns nil if x is nil. The rounding is exact: no floating point.
func RoundHalfEven(x *big.Rat, decimals int) *big.Rat {
	if x == nil {
		return nil
	}
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(absInt(decimals))), nil)
	num := new(big.Int).Set(x.Num())
	den := new(big.Int).Set(x.Denom())
	if decimals >= 0 {
		num.Mul(num, pow)
	} else {
		den.Mul(den, pow)
	}
	// num/den = x × 10^decimals; q is its integer part (towards zero), r its
	// remainder, with the sign of x.
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	twice := r.Abs(r).Lsh(r, 1)
	if c := twice.Cmp(den); c > 0 || (c == 0 && q.Bit(0) == 1) {
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if decimals >= 0 {
		return new(big.Rat).SetFrac(q, pow)
	}
	return new(big.Rat).SetInt(q.Mul(q, pow))
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
