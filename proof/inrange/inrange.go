// Package inrange is a small statement registered with package proof the way
// a vertical registers its own: "the value behind a public commitment lies in
// a public range [Lo, Hi]". A health device proves its reading is in the
// normal range, an energy meter that its delivery stayed within a contracted
// band, without revealing the value on the zero-knowledge path.
//
// The statement, "in-range", has the public inputs Lo, Hi and Digest, in this
// order, and the private Value and Salt:
//
//	0 <= Lo, Hi, Value < 2^64
//	Lo <= Value <= Hi
//	Digest = Poseidon2(Value, Salt)     circuit.Hash, a hiding commitment
//
// On the signature path the evidence is the opening itself, Value (8 bytes,
// big-endian) then Salt (32 bytes, canonical): Check recomputes the digest
// and compares the bounds natively, so both paths accept the same claims.
// The digest says nothing about who made it: bind it to a device the way the
// vertical binds anything else, by the device's signature on what carries it
// (the envelope, or a signed message the vertical defines).
//
// Register registers the statement once per process; NewWitness builds a
// witness for both paths and Bounds reads a claim's inputs back. This file is
// the model for a vertical's own statement: a circuit, its layout, a native
// check, a bounded evidence format.
package inrange

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// Name is the statement's name.
const Name = "in-range"

// ValueBits is the width of Lo, Hi and Value: they are uint64s.
const ValueBits = 64

// EvidenceSize is the length of signature-path evidence: Value then Salt.
const EvidenceSize = 8 + fr.Bytes

// ErrOutOfRange: a value outside the claimed range, or an opening that does
// not match the digest.
var ErrOutOfRange = errors.New("inrange: value not in range")

// Circuit is the statement's circuit: 698 R1CS constraints (Groth16), 1,480
// PLONK constraints (five 64-bit range checks, two Poseidon2 compressions).
type Circuit struct {
	Lo     frontend.Variable `gnark:",public"`
	Hi     frontend.Variable `gnark:",public"`
	Digest frontend.Variable `gnark:",public"`

	Value frontend.Variable
	Salt  frontend.Variable
}

// Define implements frontend.Circuit.
func (c *Circuit) Define(api frontend.API) error {
	// Lo and Hi are range-checked too: a claim is untrusted, and a bound near
	// the field's order would wrap the comparison.
	for _, v := range []frontend.Variable{c.Lo, c.Hi, c.Value} {
		circuit.AssertBits(api, v, ValueBits)
	}
	circuit.AssertLessOrEqual(api, c.Lo, c.Value, ValueBits)
	circuit.AssertLessOrEqual(api, c.Value, c.Hi, ValueBits)
	h, err := circuit.NewHasher(api)
	if err != nil {
		return err
	}
	h.Write(c.Value, c.Salt)
	api.AssertIsEqual(h.Sum(), c.Digest)
	return nil
}

// Definition returns the statement's definition, for proof.Register.
func Definition() proof.Definition {
	return proof.Definition{
		Name:        Name,
		Public:      []string{"Lo", "Hi", "Digest"},
		Circuit:     func() frontend.Circuit { return &Circuit{} },
		Check:       Check,
		MaxEvidence: EvidenceSize,
	}
}

var register = sync.OnceValues(func() (proof.Statement, error) { return proof.Register(Definition()) })

// Register registers the statement with package proof the first time it is
// called and returns it; later calls return the same statement (or error).
func Register() (proof.Statement, error) { return register() }

// Commit returns the digest of a value under a salt: Poseidon2(value, salt).
// Draw the salt at random (fr.Element.SetRandom) and keep it: it hides the
// value and opens the commitment.
func Commit(value uint64, salt fr.Element) fr.Element {
	var v fr.Element
	v.SetUint64(value)
	return circuit.Hash(v, salt)
}

// NewWitness returns the witness of "value, committed under salt, lies in
// [lo, hi]", claimed by device: its claim, its circuit assignment and its
// evidence, for either path. It registers the statement if need be.
func NewWitness(dev device.PublicKey, lo, hi, value uint64, salt fr.Element) (*proof.InputWitness, error) {
	st, err := Register()
	if err != nil {
		return nil, err
	}
	digest := Commit(value, salt)
	ev := make([]byte, 8, EvidenceSize)
	binary.BigEndian.PutUint64(ev, value)
	sb := salt.Bytes()
	ev = append(ev, sb[:]...)
	return &proof.InputWitness{
		InputClaim: proof.InputClaim{
			Of: st, Device: dev,
			Inputs: []*big.Int{new(big.Int).SetUint64(lo), new(big.Int).SetUint64(hi), digest.BigInt(new(big.Int))},
		},
		Assignment: &Circuit{Lo: lo, Hi: hi, Digest: digest, Value: value, Salt: salt},
		Evidence:   ev,
	}, nil
}

// Bounds returns a claim's range and digest; it fails when the claim is not
// an in-range claim or a bound is not a uint64.
func Bounds(c *proof.InputClaim) (lo, hi uint64, digest fr.Element, err error) {
	if c == nil || c.Of.Kind != proof.Named || c.Of.Name != Name {
		return 0, 0, digest, fmt.Errorf("%w: not an %s claim", proof.ErrStatement, Name)
	}
	l, h, d := c.Input("Lo"), c.Input("Hi"), c.Input("Digest")
	if l == nil || h == nil || d == nil || !l.IsUint64() || !h.IsUint64() {
		return 0, 0, digest, fmt.Errorf("%w: %s claim: bounds are not uint64s", proof.ErrInvalidProof, Name)
	}
	if d.Cmp(fr.Modulus()) >= 0 {
		return 0, 0, digest, fmt.Errorf("%w: %s claim: digest is not a field element", proof.ErrInvalidProof, Name)
	}
	digest.SetBigInt(d)
	return l.Uint64(), h.Uint64(), digest, nil
}

// Check is the signature path's native check (Definition.Check): evidence
// opens the claim's digest to a value within its bounds.
func Check(c *proof.InputClaim, evidence []byte) error {
	lo, hi, digest, err := Bounds(c)
	if err != nil {
		return err
	}
	if len(evidence) != EvidenceSize {
		return fmt.Errorf("%w: evidence of %d bytes, want %d", proof.ErrMalformed, len(evidence), EvidenceSize)
	}
	value := binary.BigEndian.Uint64(evidence)
	var salt fr.Element
	if err := salt.SetBytesCanonical(evidence[8:]); err != nil {
		return fmt.Errorf("%w: evidence salt: %w", proof.ErrMalformed, err)
	}
	if got := Commit(value, salt); !got.Equal(&digest) {
		return fmt.Errorf("%w: the opening does not match the digest", ErrOutOfRange)
	}
	if value < lo || value > hi {
		return fmt.Errorf("%w: %d not in [%d, %d]", ErrOutOfRange, value, lo, hi)
	}
	return nil
}
