package bandwidth

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// The usage-proof path: a provider meters a session in fixed intervals, both
// parties sign the Merkle root of the per-interval byte readings with the
// session (Session.ReadingsRoot), and the provider proves with package proof's
// Usage statement that the readings, each below a per-interval cap, sum to the
// session's Bytes: on the signature path (proof.Signed, which reveals the
// readings) or with a zero-knowledge proof (proof.Prover, which hides them;
// the provider's key must then be EdDSA-BN254).

// UsageSize returns the number of readings a usage proof over n readings
// covers: the smallest of the shipped sizes (circuit.Sizes: 16, 64, 256) that
// holds n, else the next power of two up to circuit.MaxReadings. Shorter series
// are padded with zero readings.
func UsageSize(n int) (int, error) {
	if n < 1 || n > circuit.MaxReadings {
		return 0, fmt.Errorf("%w: %d readings, want 1..%d", ErrInvalidField, n, circuit.MaxReadings)
	}
	for _, s := range circuit.Sizes() {
		if n <= s {
			return s, nil
		}
	}
	size := 1
	for size < n {
		size <<= 1
	}
	return size, nil
}

// PadReadings returns the readings padded with zeros to UsageSize.
func PadReadings(readings []uint64) ([]uint64, error) {
	n, err := UsageSize(len(readings))
	if err != nil {
		return nil, err
	}
	out := make([]uint64, n)
	copy(out, readings)
	return out, nil
}

// ReadingsRoot returns the root to put in Session.ReadingsRoot before both
// parties sign: circuit.ReadingsRoot of the padded readings, 32 bytes.
func ReadingsRoot(readings []uint64) ([]byte, error) {
	padded, err := PadReadings(readings)
	if err != nil {
		return nil, err
	}
	root, err := circuit.ReadingsRoot(padded)
	if err != nil {
		return nil, fmt.Errorf("%w: readings: %v", ErrInvalidField, err)
	}
	b := root.Bytes()
	return b[:], nil
}

// ReadingCap is the cap of a usage proof's readings for intervals of
// intervalMs at most maxBytesPerSecond: readings must be below it, so each
// interval carries at most maxBytesPerSecond × intervalMs / 1000 bytes.
func ReadingCap(maxBytesPerSecond, intervalMs uint64) (uint64, error) {
	c := new(big.Int).Mul(new(big.Int).SetUint64(maxBytesPerSecond), new(big.Int).SetUint64(intervalMs))
	c.Quo(c, big.NewInt(1000))
	c.Add(c, big.NewInt(1))
	if !c.IsUint64() {
		return 0, fmt.Errorf("%w: reading cap beyond 2^64-1", ErrInvalidField)
	}
	return c.Uint64(), nil
}

// UsageWitness is the provider's side of a session's usage proof: the padded
// readings, the cap, and the provider's signature on their root
// (proof.SignReadings). The readings must sum to s.Bytes, each be below
// readingCap, and have the session's ReadingsRoot. Prove it with
// proof.Signed(w) or a proof.Prover.
func UsageWitness(s *Session, provider device.Signer, readings []uint64, readingCap uint64) (*proof.UsageWitness, error) {
	padded, err := PadReadings(readings)
	if err != nil {
		return nil, err
	}
	var sum big.Int
	for i, r := range padded {
		if r >= readingCap {
			return nil, fmt.Errorf("%w: reading %d = %d bytes, not below the cap %d", ErrUsage, i, r, readingCap)
		}
		sum.Add(&sum, new(big.Int).SetUint64(r))
	}
	if !sum.IsUint64() || sum.Uint64() != s.Bytes {
		return nil, fmt.Errorf("%w: readings sum to %s bytes, session has %d", ErrUsage, sum.String(), s.Bytes)
	}
	root, err := ReadingsRoot(readings)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(root, s.ReadingsRoot) {
		return nil, fmt.Errorf("%w: readings root %x, session signs %x", ErrUsage, root, s.ReadingsRoot)
	}
	sig, err := proof.SignReadings(provider, padded)
	if err != nil {
		return nil, err
	}
	return &proof.UsageWitness{Cap: readingCap, Readings: padded, Device: provider.Public(), Signature: sig}, nil
}

// CheckUsage checks that a usage claim is about a session: its total is the
// session's Bytes, its root the session's ReadingsRoot, its device the
// provider's key, and its cap at most maxCap (ReadingCap of the network's
// rate and interval). It does not check the proof: VerifyUsage does both.
func CheckUsage(s *Session, c *proof.UsageClaim, providerKey device.PublicKey, maxCap uint64) error {
	switch {
	case len(s.ReadingsRoot) == 0:
		return fmt.Errorf("%w: session %x signs no readings root", ErrUsage, s.SessionID)
	case c.Total == nil || !c.Total.IsUint64() || c.Total.Uint64() != s.Bytes:
		return fmt.Errorf("%w: claim total %v, session bytes %d", ErrUsage, c.Total, s.Bytes)
	case !c.Device.Equal(providerKey):
		return fmt.Errorf("%w: claim device is not the provider %s", ErrUsage, s.Provider)
	case c.Cap > maxCap:
		return fmt.Errorf("%w: claim cap %d above %d", ErrUsage, c.Cap, maxCap)
	}
	root := c.Root.Bytes()
	if !bytes.Equal(root[:], s.ReadingsRoot) {
		return fmt.Errorf("%w: claim root %x, session signs %x", ErrUsage, root, s.ReadingsRoot)
	}
	return nil
}

// VerifyUsage checks a usage bundle against a session (CheckUsage) and its
// proof with v (signature path or zero-knowledge, whichever it carries).
func VerifyUsage(v *proof.Verifier, s *Session, b *proof.Bundle, providerKey device.PublicKey, maxCap uint64) error {
	c, ok := b.Claim.(*proof.UsageClaim)
	if !ok {
		return fmt.Errorf("%w: bundle proves %s, not usage", ErrUsage, b.Claim.Statement())
	}
	if err := CheckUsage(s, c, providerKey, maxCap); err != nil {
		return err
	}
	if err := v.VerifyBundle(b); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	return nil
}
