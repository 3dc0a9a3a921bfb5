package circuit

import (
	"fmt"
	"math/big"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/signature/eddsa"

	"github.com/depinkit/depinkit/device"
)

// ReadingBits is the width of a reading and of the cap: readings are uint64
// values (Wh, bytes, GPU-seconds...) strictly below Cap.
const ReadingBits = 64

// Sizes returns the series lengths that ship precompiled (issue 5): 16, 64 and
// 256. NewUsage and NewThreshold take any power of two from 2 to MaxReadings.
func Sizes() []int { return []int{16, 64, 256} }

// MaxReadings is the largest series NewUsage and NewThreshold accept.
const MaxReadings = 1 << 16

// A reading series is N readings that a device committed to by signing the root of
// their Merkle tree (ReadingsRoot): it signs RootMessage(root). The circuits check
// the series once, with the same gadgets (signedSeries):
//
//	0 <= r_i < Cap                       BoundedSum, 2·65 constraints per reading
//	MerkleRoot(r_1..r_N) == Root         N-1 Poseidon2 compressions
//	Sig verifies under Key on ElementMessage(RootTag, Root)
//
// The device signs the 32-byte encoding of the root through its ordinary message
// mapping (no raw field-element signing API exists in package device); with the
// tag constant, that costs two compressions in the circuit.

// Usage proves that N private readings, each below a public cap, sum to a public
// total and are the series a device signed (the leaves of the public Root).
//
// Public inputs, in this order: Cap, Total, Root, Key.A.X, Key.A.Y. Secret:
// Readings and Sig. Build it with NewUsage(n); fill it with UsageAssignment
// (prover) or UsagePublic (verifier).
type Usage struct {
	Cap   frontend.Variable `gnark:",public"`
	Total frontend.Variable `gnark:",public"`
	Root  frontend.Variable `gnark:",public"`
	Key   eddsa.PublicKey   `gnark:",public"`

	Readings []frontend.Variable
	Sig      eddsa.Signature
}

// NewUsage returns a Usage circuit over n readings (a power of two from 2 to
// MaxReadings), to compile or to fill.
func NewUsage(n int) (*Usage, error) {
	if err := checkSize(n); err != nil {
		return nil, err
	}
	return &Usage{Readings: make([]frontend.Variable, n)}, nil
}

// Define implements frontend.Circuit.
func (c *Usage) Define(api frontend.API) error {
	sum, err := signedSeries(api, c.Readings, c.Cap, c.Root, c.Key, c.Sig)
	if err != nil {
		return err
	}
	api.AssertIsEqual(sum, c.Total)
	return nil
}

// Threshold proves that the sum of a private signed series (as in Usage) is at
// least a public minimum, revealing neither readings nor sum: the health
// vertical's eligibility check. For an average of at least a, set Min to a·N.
//
// Public inputs, in this order: Cap, Min, Root, Key.A.X, Key.A.Y. Secret: Readings
// and Sig. Build it with NewThreshold(n); fill it with ThresholdAssignment
// (prover) or ThresholdPublic (verifier).
type Threshold struct {
	Cap  frontend.Variable `gnark:",public"`
	Min  frontend.Variable `gnark:",public"`
	Root frontend.Variable `gnark:",public"`
	Key  eddsa.PublicKey   `gnark:",public"`

	Readings []frontend.Variable
	Sig      eddsa.Signature
}

// NewThreshold returns a Threshold circuit over n readings (a power of two from 2
// to MaxReadings).
func NewThreshold(n int) (*Threshold, error) {
	if err := checkSize(n); err != nil {
		return nil, err
	}
	return &Threshold{Readings: make([]frontend.Variable, n)}, nil
}

// Define implements frontend.Circuit.
func (c *Threshold) Define(api frontend.API) error {
	sum, err := signedSeries(api, c.Readings, c.Cap, c.Root, c.Key, c.Sig)
	if err != nil {
		return err
	}
	// sum < 2^w; Min is range-checked to the same width so that Min <= sum is the
	// integer comparison whatever the verifier passes.
	w := sumBits(len(c.Readings))
	AssertBits(api, c.Min, w)
	AssertLessOrEqual(api, c.Min, sum, w)
	return nil
}

// signedSeries checks a reading series (see Usage) and returns the sum of the
// readings, below N·2^ReadingBits.
func signedSeries(api frontend.API, readings []frontend.Variable, limit, root frontend.Variable, key eddsa.PublicKey, sig eddsa.Signature) (frontend.Variable, error) {
	sum := BoundedSum(api, readings, limit, ReadingBits)
	r, err := MerkleRoot(api, readings)
	if err != nil {
		return nil, err
	}
	api.AssertIsEqual(r, root)
	m, err := ElementMessageElement(api, RootTag, root)
	if err != nil {
		return nil, err
	}
	if err := VerifySignature(api, key, sig, m); err != nil {
		return nil, err
	}
	return sum, nil
}

// sumBits is the width of a sum of n readings, n a power of two.
func sumBits(n int) int { return ReadingBits + bits.TrailingZeros(uint(n)) }

func checkSize(n int) error {
	if n < 2 || n > MaxReadings || !isPowerOfTwo(n) {
		return fmt.Errorf("%w: %d readings, want a power of two in [2, %d]", ErrSize, n, MaxReadings)
	}
	return nil
}

// RootMessage returns the bytes a device signs to commit to a reading series with
// root ReadingsRoot(readings): ElementMessage(RootTag, root).
func RootMessage(root fr.Element) []byte {
	msg, _ := ElementMessage(RootTag, root) // RootTag fits its chunk
	return msg
}

// series is the native check shared by the Usage and Threshold assignments.
type series struct {
	readings []frontend.Variable
	sum      *big.Int
	root     fr.Element
	key      eddsa.PublicKey
	sig      eddsa.Signature
}

func newSeries(readings []uint64, limit uint64, pub device.PublicKey, sig []byte) (*series, error) {
	if err := checkSize(len(readings)); err != nil {
		return nil, err
	}
	s := &series{readings: make([]frontend.Variable, len(readings)), sum: new(big.Int)}
	for i, r := range readings {
		if r >= limit {
			return nil, fmt.Errorf("%w: reading %d is %d, not below the cap %d", ErrStatement, i, r, limit)
		}
		s.readings[i] = r
		s.sum.Add(s.sum, new(big.Int).SetUint64(r))
	}
	root, err := ReadingsRoot(readings)
	if err != nil {
		return nil, err
	}
	s.root = root
	if s.key, s.sig, err = signedElement(pub, sig, RootTag, root); err != nil {
		return nil, err
	}
	return s, nil
}

// UsageAssignment returns a full Usage witness for the readings (a supported
// size), each below limit (the public Cap), with the device key pub and its
// signature sig on RootMessage(ReadingsRoot(readings)). Total is their sum. It
// fails with ErrStatement when a reading is not below the cap, ErrSize, ErrKey or
// ErrSignature otherwise.
func UsageAssignment(readings []uint64, limit uint64, pub device.PublicKey, sig []byte) (*Usage, error) {
	s, err := newSeries(readings, limit, pub, sig)
	if err != nil {
		return nil, err
	}
	return &Usage{Cap: limit, Total: s.sum, Root: s.root, Key: s.key, Readings: s.readings, Sig: s.sig}, nil
}

// UsagePublic returns the public part of a Usage witness over n readings.
func UsagePublic(n int, limit uint64, total *big.Int, root fr.Element, pub device.PublicKey) (*Usage, error) {
	c, err := NewUsage(n)
	if err != nil {
		return nil, err
	}
	if total == nil || total.Sign() < 0 || total.BitLen() > sumBits(n) {
		return nil, fmt.Errorf("%w: total %v for %d readings", ErrRange, total, n)
	}
	if c.Key, err = KeyAssignment(pub); err != nil {
		return nil, err
	}
	c.Cap, c.Total, c.Root = limit, new(big.Int).Set(total), root
	fillSecret(c.Readings, &c.Sig)
	return c, nil
}

// ThresholdAssignment returns a full Threshold witness: as UsageAssignment, with
// the public minimum minSum instead of the total. It fails with ErrStatement when the
// sum is below minSum.
func ThresholdAssignment(readings []uint64, limit uint64, minSum *big.Int, pub device.PublicKey, sig []byte) (*Threshold, error) {
	if err := checkMin(minSum, len(readings)); err != nil {
		return nil, err
	}
	s, err := newSeries(readings, limit, pub, sig)
	if err != nil {
		return nil, err
	}
	if s.sum.Cmp(minSum) < 0 {
		return nil, fmt.Errorf("%w: sum of the readings is below the threshold %v", ErrStatement, minSum)
	}
	return &Threshold{Cap: limit, Min: new(big.Int).Set(minSum), Root: s.root, Key: s.key, Readings: s.readings, Sig: s.sig}, nil
}

// ThresholdPublic returns the public part of a Threshold witness over n readings.
func ThresholdPublic(n int, limit uint64, minSum *big.Int, root fr.Element, pub device.PublicKey) (*Threshold, error) {
	c, err := NewThreshold(n)
	if err != nil {
		return nil, err
	}
	if err := checkMin(minSum, n); err != nil {
		return nil, err
	}
	if c.Key, err = KeyAssignment(pub); err != nil {
		return nil, err
	}
	c.Cap, c.Min, c.Root = limit, new(big.Int).Set(minSum), root
	fillSecret(c.Readings, &c.Sig)
	return c, nil
}

func checkMin(minSum *big.Int, n int) error {
	if minSum == nil || minSum.Sign() < 0 || (isPowerOfTwo(n) && minSum.BitLen() > sumBits(n)) {
		return fmt.Errorf("%w: threshold %v for %d readings", ErrRange, minSum, n)
	}
	return nil
}

// fillSecret sets the secret part of a public-only witness to zeros, so that the
// structure is fully assigned (gnark ignores these values in a public witness).
func fillSecret(readings []frontend.Variable, sig *eddsa.Signature) {
	for i := range readings {
		readings[i] = 0
	}
	*sig = zeroSignature()
}

func zeroSignature() eddsa.Signature {
	var s eddsa.Signature
	s.R.X, s.R.Y, s.S = 0, 0, 0
	return s
}
