package device

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/depinkit/depinkit/internal/base58"
)

// Multicodec codes of the public key types (https://github.com/multiformats/multicodec).
// EdDSA-BN254 has no registered code; it uses one from the private-use range.
const (
	multicodecEd25519    = 0xed
	multicodecSecp256k1  = 0xe7
	multicodecP256       = 0x1200
	multicodecEdDSABN254 = 0x300254 // private use (0x300000-0x3fffff)
)

// DID method prefixes. did:key is the W3C CCG method; did:depinkit is ours, for key
// types did:key has no code for (EdDSA-BN254).
const (
	didKeyPrefix      = "did:key:"
	didDepinkitPrefix = "did:depinkit:"
)

// maxDIDLen bounds what ParseDID reads.
const maxDIDLen = 256

func multicodecOf(t KeyType) uint64 {
	switch t {
	case Ed25519:
		return multicodecEd25519
	case Secp256k1:
		return multicodecSecp256k1
	case P256:
		return multicodecP256
	case EdDSABN254:
		return multicodecEdDSABN254
	}
	return 0
}

func keyTypeOfMulticodec(c uint64) (KeyType, bool) {
	for _, t := range KeyTypes() {
		if multicodecOf(t) == c {
			return t, true
		}
	}
	return 0, false
}

// Multibase returns the key's multibase form as did:key and Multikey use it: 'z'
// then base58btc of the multicodec varint followed by the canonical key bytes.
func (k PublicKey) Multibase() string {
	if k.IsZero() {
		return ""
	}
	b := binary.AppendUvarint(nil, multicodecOf(k.typ))
	return "z" + base58.Encode(append(b, k.raw...))
}

// DID returns the key's decentralized identifier. Ed25519, Secp256k1 and P256 keys
// get a did:key exactly as the W3C CCG did:key method defines it (compressed points
// for the ECDSA curves). EdDSA-BN254 keys, which did:key has no multicodec for, get
// the depinkit method: "did:depinkit:" followed by the same multibase form with the
// private-use multicodec 0x300254.
func (k PublicKey) DID() string {
	if k.IsZero() {
		return ""
	}
	if k.typ == EdDSABN254 {
		return didDepinkitPrefix + k.Multibase()
	}
	return didKeyPrefix + k.Multibase()
}

// ParseDID parses a DID made by PublicKey.DID back into the key. Any did:key of an
// Ed25519, secp256k1 or P-256 key is accepted, with the key compressed or not.
func ParseDID(did string) (PublicKey, error) {
	if len(did) > maxDIDLen {
		return PublicKey{}, fmt.Errorf("%w: %d characters is too long", ErrInvalidDID, len(did))
	}
	var mb string
	var depinkit bool
	switch {
	case strings.HasPrefix(did, didKeyPrefix):
		mb = did[len(didKeyPrefix):]
	case strings.HasPrefix(did, didDepinkitPrefix):
		mb, depinkit = did[len(didDepinkitPrefix):], true
	default:
		return PublicKey{}, fmt.Errorf("%w: %q: want did:key or did:depinkit", ErrInvalidDID, truncate(did))
	}
	k, err := parseMultibaseKey(mb)
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w: %q: %v", ErrInvalidDID, truncate(did), err)
	}
	if depinkit != (k.typ == EdDSABN254) {
		return PublicKey{}, fmt.Errorf("%w: %q: %s keys do not use this method", ErrInvalidDID, truncate(did), k.typ)
	}
	return k, nil
}

func parseMultibaseKey(mb string) (PublicKey, error) {
	if !strings.HasPrefix(mb, "z") {
		return PublicKey{}, fmt.Errorf("multibase prefix must be 'z' (base58btc)")
	}
	b, err := base58.Decode(mb[1:])
	if err != nil {
		return PublicKey{}, err
	}
	code, n := binary.Uvarint(b)
	if n <= 0 {
		return PublicKey{}, fmt.Errorf("bad multicodec varint")
	}
	if n > 1 && b[n-1] == 0 {
		return PublicKey{}, fmt.Errorf("multicodec varint is not minimal")
	}
	t, ok := keyTypeOfMulticodec(code)
	if !ok {
		return PublicKey{}, fmt.Errorf("multicodec 0x%x is not a supported public key", code)
	}
	return ParsePublicKey(t, b[n:])
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// DIDDocument is a W3C DID Core document for one key, as the did:key method
// resolves it, with a single Multikey verification method. It marshals to JSON.
type DIDDocument struct {
	Context              []string             `json:"@context"`
	ID                   string               `json:"id"`
	VerificationMethod   []VerificationMethod `json:"verificationMethod"`
	Authentication       []string             `json:"authentication"`
	AssertionMethod      []string             `json:"assertionMethod"`
	CapabilityInvocation []string             `json:"capabilityInvocation"`
	CapabilityDelegation []string             `json:"capabilityDelegation"`
}

// VerificationMethod is a Multikey verification method of a DIDDocument.
type VerificationMethod struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
}

// DIDDocument returns the key's DID document: the DID as subject and controller,
// one Multikey verification method "<did>#<multibase>", referenced by the
// authentication, assertionMethod, capabilityInvocation and capabilityDelegation
// relationships.
func (k PublicKey) DIDDocument() DIDDocument {
	did, mb := k.DID(), k.Multibase()
	vm := did + "#" + mb
	return DIDDocument{
		Context: []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"},
		ID:      did,
		VerificationMethod: []VerificationMethod{{
			ID:                 vm,
			Type:               "Multikey",
			Controller:         did,
			PublicKeyMultibase: mb,
		}},
		Authentication:       []string{vm},
		AssertionMethod:      []string{vm},
		CapabilityInvocation: []string{vm},
		CapabilityDelegation: []string{vm},
	}
}
