package reward

import (
	mrand "math/rand"
)

// randV1 is a math/rand (v1) generator for big.Int.Rand, seeded.
type randV1 = mrand.Rand

func newRandV1(seed uint64) *randV1 { return mrand.New(mrand.NewSource(int64(seed))) }
