// Package canonical is depinkit's canonical CBOR for code outside the module:
// the encoding every signed, hashed or sent depinkit structure uses, and the
// one a vertical's Snapshot must use so that equal states give equal bytes on
// every validator.
//
// Encoding is Core Deterministic Encoding (RFC 8949 section 4.2.1): shortest
// integer and length forms, map keys sorted by their encoded bytes, no
// indefinite lengths; nil slices and maps encode as empty ones, so a decoded
// value re-encodes to the same bytes. Decoding is strict and bounded: no
// duplicate map keys, no indefinite lengths, no unknown struct fields, valid
// UTF-8 only, no NaN or infinities, no tags unless allowed, and the nesting
// depth, array length and map size of a Limits. UnmarshalCanonical also
// requires that the input is the canonical encoding of what it decodes to, so
// that every value has exactly one accepted encoding.
//
// The rules are those of the module's own structures (they are the same
// code): a vertical's snapshot, claim or payload encoded here is accepted
// wherever depinkit decodes canonical CBOR.
package canonical

import (
	"errors"
	"fmt"

	icanon "github.com/depinkit/depinkit/internal/canonical"
)

var (
	// ErrNotCanonical reports input that decodes but is not the canonical
	// encoding of what it decodes to (UnmarshalCanonical).
	ErrNotCanonical = icanon.ErrNotCanonical
	// ErrLimits reports Limits outside the ranges the decoder supports.
	ErrLimits = errors.New("canonical: limits out of range")
)

// Marshal encodes v in Core Deterministic CBOR. Struct fields encode by name,
// or as an array with a `cbor:",toarray"` tag on a blank field, as
// fxamacker/cbor does.
func Marshal(v any) ([]byte, error) { return icanon.Marshal(v) }

// Limits bound what a Decoder accepts. Every decoder of untrusted input states
// them.
type Limits struct {
	// MaxNested is the deepest nesting of arrays, maps and tags (4 to 65535).
	MaxNested int
	// MaxArray is the most elements in one array (16 to 2147483647).
	MaxArray int
	// MaxMap is the most pairs in one map (16 to 2147483647).
	MaxMap int
	// AllowTags accepts CBOR tags (opaque payloads); depinkit's own structures
	// use none.
	AllowTags bool
}

// DefaultLimits suit small structures: certificates, headers, messages, a
// small vertical's snapshot. A vertical whose state holds more than 1024
// elements in one list states its own.
var DefaultLimits = Limits{
	MaxNested: icanon.DefaultLimits.MaxNested,
	MaxArray:  icanon.DefaultLimits.MaxArray,
	MaxMap:    icanon.DefaultLimits.MaxMap,
}

// A Decoder decodes CBOR strictly within its Limits. It is safe for concurrent
// use.
type Decoder struct {
	d *icanon.Decoder
}

// NewDecoder returns a Decoder bounded by l, or an error wrapping ErrLimits
// that names the limit out of range.
func NewDecoder(l Limits) (*Decoder, error) {
	switch {
	case l.MaxNested < 4 || l.MaxNested > 65535:
		return nil, fmt.Errorf("%w: MaxNested %d, want 4 to 65535", ErrLimits, l.MaxNested)
	case l.MaxArray < 16 || l.MaxArray > 2147483647:
		return nil, fmt.Errorf("%w: MaxArray %d, want 16 to 2147483647", ErrLimits, l.MaxArray)
	case l.MaxMap < 16 || l.MaxMap > 2147483647:
		return nil, fmt.Errorf("%w: MaxMap %d, want 16 to 2147483647", ErrLimits, l.MaxMap)
	}
	d, err := icanon.NewDecoder(icanon.Limits{MaxNested: l.MaxNested, MaxArray: l.MaxArray, MaxMap: l.MaxMap, AllowTags: l.AllowTags})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLimits, err)
	}
	return &Decoder{d: d}, nil
}

// MustDecoder is NewDecoder for limits fixed at compile time: it panics on
// limits out of range.
func MustDecoder(l Limits) *Decoder {
	d, err := NewDecoder(l)
	if err != nil {
		panic(err)
	}
	return d
}

// Unmarshal decodes data into v (a pointer). Trailing bytes are an error.
func (d *Decoder) Unmarshal(data []byte, v any) error { return d.d.Unmarshal(data, v) }

// UnmarshalCanonical decodes data into v and then requires that v re-encodes
// to exactly data (ErrNotCanonical otherwise): what signatures, digests and
// snapshots need.
func (d *Decoder) UnmarshalCanonical(data []byte, v any) error {
	return d.d.UnmarshalCanonical(data, v)
}

// Wellformed checks that data is exactly one well-formed CBOR item within the
// Limits, without decoding it.
func (d *Decoder) Wellformed(data []byte) error { return d.d.Wellformed(data) }

var defaultDecoder = MustDecoder(DefaultLimits)

// Unmarshal decodes data into v with DefaultLimits.
func Unmarshal(data []byte, v any) error { return defaultDecoder.Unmarshal(data, v) }

// UnmarshalCanonical is Decoder.UnmarshalCanonical with DefaultLimits.
func UnmarshalCanonical(data []byte, v any) error { return defaultDecoder.UnmarshalCanonical(data, v) }
