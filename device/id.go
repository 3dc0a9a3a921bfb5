package device

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// ID identifies a device (or a maker): 32 bytes derived from the key type and the
// canonical public key,
//
//	ID = SHA-256("depinkit/id/v1" || 0x00 || type byte || PublicKey.Bytes())
//
// A device keeps the ID of the key its certificate names when it later rotates to
// a new key. Its string form is 64 lowercase hex digits.
type ID [32]byte

const idDomain = "depinkit/id/v1\x00"

func deriveID(t KeyType, raw []byte) ID {
	h := sha256.New()
	h.Write([]byte(idDomain))
	h.Write([]byte{byte(t)})
	h.Write(raw)
	var id ID
	h.Sum(id[:0])
	return id
}

// ParseID parses the 64-hex-digit form that ID.String returns.
func ParseID(s string) (ID, error) {
	var id ID
	if len(s) != 2*len(id) {
		return ID{}, fmt.Errorf("%w: %d characters, want %d", ErrInvalidID, len(s), 2*len(id))
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return ID{}, fmt.Errorf("%w: %v", ErrInvalidID, err)
	}
	return id, nil
}

// String returns the ID as 64 lowercase hex digits.
func (id ID) String() string { return hex.EncodeToString(id[:]) }

// IsZero reports whether id is all zeros (no ID).
func (id ID) IsZero() bool { return id == ID{} }

// MarshalText implements encoding.TextMarshaler.
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Bytes returns the ID as a byte slice.
func (id ID) Bytes() []byte { return id[:] }
