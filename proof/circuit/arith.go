package circuit

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/math/bits"
)

// maxRangeBits bounds the widths the range gadgets accept: well below the 254-bit
// BN254 modulus, so a negative value (a field element near the modulus) never
// passes, and sums and products of checked values cannot wrap.
const maxRangeBits = 200

// AssertBits asserts 0 <= v < 2^n by decomposing v into n boolean-constrained
// bits (n+1 R1CS constraints, no lookup table or commitment: cheaper to verify on
// chain than std/rangecheck, see issue 5). A negative value x reads as the field
// element p-|x| and fails. n must be in [1, 200].
func AssertBits(api frontend.API, v frontend.Variable, n int) {
	if n < 1 || n > maxRangeBits {
		panic(fmt.Sprintf("circuit: AssertBits width %d outside [1, %d]", n, maxRangeBits))
	}
	bits.ToBinary(api, v, bits.WithNbDigits(n))
}

// AssertSignedBits asserts -2^(n-1) <= v < 2^(n-1), v read as a signed integer
// (negative x is the field element p-|x|): it range-checks v + 2^(n-1) to n bits.
func AssertSignedBits(api frontend.API, v frontend.Variable, n int) {
	AssertBits(api, api.Add(v, new(big.Int).Lsh(big.NewInt(1), uint(n-1))), n)
}

// AssertLessOrEqual asserts a <= b for values known to lie in [0, 2^n): it
// range-checks b - a to n bits. If a > b the difference wraps to a field element
// near the modulus and fails.
func AssertLessOrEqual(api frontend.API, a, b frontend.Variable, n int) {
	AssertBits(api, api.Sub(b, a), n)
}

// Fixed-point positions. A coordinate is a signed integer in [-2^31, 2^31) (an
// int32) in a unit of the builder's choice on a local plane: millimetres east and
// north of a reference point (±2,147 km), or microdegrees when the area is small
// enough for degrees of longitude and latitude to be treated as equal. A radius is
// an unsigned integer in [0, 2^32) in the same unit.
//
// With every input range-checked, |x - px| < 2^32, so (x-px)^2 + (y-py)^2 < 2^65
// and r^2 < 2^64: all far below the 254-bit BN254 modulus, so nothing wraps and the
// field comparison is the integer comparison.
const (
	CoordBits  = 32
	RadiusBits = 32
)

// AssertWithinRadius asserts (x-px)^2 + (y-py)^2 <= r^2 for fixed-point
// coordinates (see CoordBits) after range-checking x, y, px, py as signed
// CoordBits-bit integers and r as an unsigned RadiusBits-bit integer: about 235
// constraints.
func AssertWithinRadius(api frontend.API, x, y, px, py, r frontend.Variable) {
	for _, c := range []frontend.Variable{x, y, px, py} {
		AssertSignedBits(api, c, CoordBits)
	}
	AssertBits(api, r, RadiusBits)
	dx := api.Sub(x, px)
	dy := api.Sub(y, py)
	d2 := api.Add(api.Mul(dx, dx), api.Mul(dy, dy))
	// r^2 - d2 is in [0, 2^64) exactly when d2 <= r^2 (r^2 < 2^64); otherwise it
	// is negative, at least p - 2^65, and fails the check.
	AssertBits(api, api.Sub(api.Mul(r, r), d2), 2*RadiusBits)
}

// BoundedSum asserts 0 <= v < bound for every value and returns their sum. Each
// value is range-checked to n bits, and so is bound-1-v (2n+2 constraints per
// value), so no value passes unless bound lies in [1, 2^n]. The sum is below
// len(values)·2^n and cannot wrap while n + log2(len(values)) stays under 250.
func BoundedSum(api frontend.API, values []frontend.Variable, bound frontend.Variable, n int) frontend.Variable {
	var sum frontend.Variable = 0
	boundMinus1 := api.Sub(bound, 1)
	for _, v := range values {
		AssertBits(api, v, n)
		AssertLessOrEqual(api, v, boundMinus1, n)
		sum = api.Add(sum, v)
	}
	return sum
}
