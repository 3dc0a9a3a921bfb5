// Package canonical holds the CBOR settings every signed, hashed or sent depinkit
// structure uses: Core Deterministic Encoding (RFC 8949 section 4.2.1) on the way
// out, and strict, bounded decoding on the way in.
package canonical

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// ErrNotCanonical reports input that decodes but is not the canonical encoding of
// what it decodes to.
var ErrNotCanonical = errors.New("cbor: not in canonical form")

var encMode = func() cbor.EncMode {
	opts := cbor.CoreDetEncOptions()
	opts.NilContainers = cbor.NilContainerAsEmpty
	em, err := opts.EncMode()
	if err != nil {
		panic(err)
	}
	return em
}()

// Marshal encodes v in Core Deterministic CBOR. Nil slices and maps encode as empty
// ones, so a decoded value re-encodes to the same bytes.
func Marshal(v any) ([]byte, error) { return encMode.Marshal(v) }

// Limits bound what a Decoder accepts. Every decoder of untrusted input states them.
type Limits struct {
	MaxNested int  // deepest nesting of arrays, maps and tags (at least 4)
	MaxArray  int  // most elements in one array (at least 16)
	MaxMap    int  // most pairs in one map (at least 16)
	AllowTags bool // accept CBOR tags (opaque payloads); depinkit's own structures use none
}

// DefaultLimits suit depinkit's own small structures: certificates, headers, messages.
var DefaultLimits = Limits{MaxNested: 16, MaxArray: 1024, MaxMap: 64}

// Decoder decodes CBOR strictly: no duplicate map keys, no indefinite lengths, no
// unknown struct fields, valid UTF-8 only, and the Limits it was made with.
type Decoder struct {
	dm cbor.DecMode
}

// NewDecoder returns a Decoder bounded by l. It fails only on limits outside the
// ranges fxamacker/cbor supports.
func NewDecoder(l Limits) (*Decoder, error) {
	opts := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		MaxNestedLevels:   l.MaxNested,
		MaxArrayElements:  l.MaxArray,
		MaxMapPairs:       l.MaxMap,
		TagsMd:            cbor.TagsForbidden,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
		NaN:               cbor.NaNDecodeForbidden,
		Inf:               cbor.InfDecodeForbidden,
	}
	if l.AllowTags {
		opts.TagsMd = cbor.TagsAllowed
	}
	dm, err := opts.DecMode()
	if err != nil {
		return nil, fmt.Errorf("canonical: limits %+v: %w", l, err)
	}
	return &Decoder{dm: dm}, nil
}

// MustDecoder is NewDecoder for limits fixed at compile time.
func MustDecoder(l Limits) *Decoder {
	d, err := NewDecoder(l)
	if err != nil {
		panic(err)
	}
	return d
}

var defaultDecoder = MustDecoder(DefaultLimits)

// Unmarshal decodes data into v with the Decoder's limits. Trailing bytes are an error.
func (d *Decoder) Unmarshal(data []byte, v any) error { return d.dm.Unmarshal(data, v) }

// UnmarshalCanonical decodes data into v and then requires that v re-encodes to
// exactly data, so that every value has one accepted encoding (what signatures and
// digests need).
func (d *Decoder) UnmarshalCanonical(data []byte, v any) error {
	if err := d.dm.Unmarshal(data, v); err != nil {
		return err
	}
	again, err := encMode.Marshal(v)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, data) {
		return ErrNotCanonical
	}
	return nil
}

// Wellformed checks that data is exactly one well-formed CBOR item within the limits.
func (d *Decoder) Wellformed(data []byte) error { return d.dm.Wellformed(data) }

// Unmarshal decodes data into v with DefaultLimits.
func Unmarshal(data []byte, v any) error { return defaultDecoder.Unmarshal(data, v) }

// UnmarshalCanonical is Decoder.UnmarshalCanonical with DefaultLimits.
func UnmarshalCanonical(data []byte, v any) error {
	return defaultDecoder.UnmarshalCanonical(data, v)
}
