package device

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
)

// KeyType names a signature scheme a device, maker or owner key belongs to.
// The zero KeyType is invalid.
type KeyType uint8

// The key types depinkit supports. Their numeric values appear in encodings
// (MarshalBinary, certificates, snapshots) and never change.
const (
	// Ed25519 is pure Ed25519 (RFC 8032). Signatures: 64 bytes. COSE alg EdDSA (-8).
	Ed25519 KeyType = 1
	// Secp256k1 is ECDSA on secp256k1 over SHA-256 of the message, low-S only.
	// Signatures: 64 bytes r||s. COSE alg ES256K (-47). The key also has an EVM address.
	Secp256k1 KeyType = 2
	// P256 is ECDSA on NIST P-256 over SHA-256 of the message, as secure elements and
	// TPMs hold. Signatures: 64 bytes r||s. COSE alg ES256 (-7).
	P256 KeyType = 3
	// EdDSABN254 is EdDSA on the twisted Edwards curve embedded in BN254 (gnark-crypto),
	// with Poseidon2 as its hash, so that a gnark circuit can check its signatures
	// cheaply. Signatures: 64 bytes R||S. COSE alg AlgEdDSABN254 (private use).
	// See the package documentation for how a message becomes the signed element.
	EdDSABN254 KeyType = 4
)

// KeyTypes lists every supported KeyType in numeric order.
func KeyTypes() []KeyType { return []KeyType{Ed25519, Secp256k1, P256, EdDSABN254} }

var keyTypeNames = map[KeyType]string{
	Ed25519:    "ed25519",
	Secp256k1:  "secp256k1",
	P256:       "p256",
	EdDSABN254: "eddsa-bn254",
}

// String returns the name used in key files and on the command line: "ed25519",
// "secp256k1", "p256" or "eddsa-bn254".
func (t KeyType) String() string {
	if s, ok := keyTypeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("KeyType(%d)", uint8(t))
}

// Valid reports whether t is one of the supported key types.
func (t KeyType) Valid() bool { _, ok := keyTypeNames[t]; return ok }

// ParseKeyType parses a name returned by KeyType.String. It also accepts "p-256".
func ParseKeyType(s string) (KeyType, error) {
	for _, t := range KeyTypes() {
		if s == t.String() {
			return t, nil
		}
	}
	if s == "p-256" {
		return P256, nil
	}
	return 0, fmt.Errorf("%w: %q (want ed25519, secp256k1, p256 or eddsa-bn254)", ErrKeyType, s)
}

// MarshalText implements encoding.TextMarshaler.
func (t KeyType) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrKeyType, uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *KeyType) UnmarshalText(b []byte) error {
	v, err := ParseKeyType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Sizes of keys and signatures.
const (
	// PrivateKeySize is the size of every private key's raw form (PrivateKey.Bytes):
	// the seed for Ed25519 and EdDSA-BN254, the scalar for the ECDSA types.
	PrivateKeySize = 32
	// SignatureSize is the size of every signature depinkit makes.
	SignatureSize = 64
)

// Signer signs messages with a device, maker or owner key. *PrivateKey implements
// it; a key held in a secure element or HSM implements it too, by producing the same
// signature encoding for its KeyType.
type Signer interface {
	// Public returns the public key of the signer.
	Public() PublicKey
	// Sign signs msg (not a digest: each scheme hashes as its KeyType documents).
	Sign(msg []byte) ([]byte, error)
}

// Verifier checks signatures. PublicKey implements it.
type Verifier interface {
	// Verify returns nil if sig is a valid signature of msg, else an error wrapping
	// ErrBadSignature.
	Verify(msg, sig []byte) error
}

// PublicKey is a parsed, validated public key of one KeyType. The zero PublicKey is
// invalid. PublicKey values are immutable and safe to share between goroutines.
type PublicKey struct {
	typ KeyType
	raw []byte // canonical form: 32 bytes, or 33 bytes compressed for the ECDSA types
	id  ID

	ed ed25519.PublicKey
	ec *ecdsa.PublicKey // P256 and Secp256k1
	k1 []byte           // Secp256k1: 65-byte uncompressed form, what libsecp256k1 parses fastest
	bn *eddsa.PublicKey
}

// ParsePublicKey parses a raw public key of type t: 32 bytes for Ed25519 and
// EdDSA-BN254 (compressed point); 33 bytes compressed or 65 bytes uncompressed for
// Secp256k1 and P256. The point must be valid (on the curve, and for EdDSA-BN254
// canonical and in the prime-order subgroup).
func ParsePublicKey(t KeyType, raw []byte) (PublicKey, error) {
	k := PublicKey{typ: t}
	switch t {
	case Ed25519:
		if len(raw) != ed25519.PublicKeySize {
			return PublicKey{}, fmt.Errorf("%w: ed25519 key is %d bytes, want 32", ErrInvalidKey, len(raw))
		}
		k.ed = ed25519.PublicKey(bytes.Clone(raw))
		k.raw = k.ed
	case Secp256k1:
		var pub *ecdsa.PublicKey
		var err error
		switch len(raw) {
		case 33:
			pub, err = ethcrypto.DecompressPubkey(raw)
		case 65:
			pub, err = ethcrypto.UnmarshalPubkey(raw)
		default:
			return PublicKey{}, fmt.Errorf("%w: secp256k1 key is %d bytes, want 33 or 65", ErrInvalidKey, len(raw))
		}
		if err != nil {
			return PublicKey{}, fmt.Errorf("%w: secp256k1: %v", ErrInvalidKey, err)
		}
		k.ec = pub
		k.k1 = ethcrypto.FromECDSAPub(pub)
		k.raw = compressUncompressed(k.k1)
	case P256:
		var uncompressed []byte
		switch len(raw) {
		case 33:
			x, y := elliptic.UnmarshalCompressed(elliptic.P256(), raw)
			if x == nil {
				return PublicKey{}, fmt.Errorf("%w: p256: not a compressed curve point", ErrInvalidKey)
			}
			uncompressed = make([]byte, 65)
			uncompressed[0] = 4
			x.FillBytes(uncompressed[1:33])
			y.FillBytes(uncompressed[33:])
		case 65:
			uncompressed = raw
		default:
			return PublicKey{}, fmt.Errorf("%w: p256 key is %d bytes, want 33 or 65", ErrInvalidKey, len(raw))
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), uncompressed)
		if err != nil {
			return PublicKey{}, fmt.Errorf("%w: p256: %v", ErrInvalidKey, err)
		}
		k.ec = pub
		k.raw = compressUncompressed(uncompressed)
	case EdDSABN254:
		pub, err := parseBN254(raw)
		if err != nil {
			return PublicKey{}, err
		}
		k.bn = pub
		k.raw = bytes.Clone(raw)
	default:
		return PublicKey{}, fmt.Errorf("%w: %d", ErrKeyType, uint8(t))
	}
	k.id = deriveID(k.typ, k.raw)
	return k, nil
}

func parseBN254(raw []byte) (*eddsa.PublicKey, error) {
	if len(raw) != 32 {
		return nil, fmt.Errorf("%w: eddsa-bn254 key is %d bytes, want 32", ErrInvalidKey, len(raw))
	}
	var pub eddsa.PublicKey
	if _, err := pub.SetBytes(raw); err != nil {
		return nil, fmt.Errorf("%w: eddsa-bn254: %v", ErrInvalidKey, err)
	}
	// SetBytes reduces the y coordinate modulo p: insist on the one canonical encoding.
	if !bytes.Equal(pub.Bytes(), raw) {
		return nil, fmt.Errorf("%w: eddsa-bn254: non-canonical point encoding", ErrInvalidKey)
	}
	curve := twistededwards.GetEdwardsCurve()
	var check twistededwards.PointAffine
	check.ScalarMultiplication(&pub.A, &curve.Order)
	if pub.A.IsZero() || !check.IsZero() {
		return nil, fmt.Errorf("%w: eddsa-bn254: point not in the prime-order subgroup", ErrInvalidKey)
	}
	return &pub, nil
}

// compressUncompressed turns a 65-byte 0x04||x||y point into its 33-byte form.
func compressUncompressed(u []byte) []byte {
	c := make([]byte, 33)
	c[0] = 2 | (u[64] & 1)
	copy(c[1:], u[1:33])
	return c
}

// Type returns the key's type.
func (k PublicKey) Type() KeyType { return k.typ }

// IsZero reports whether k is the zero PublicKey (no key).
func (k PublicKey) IsZero() bool { return k.typ == 0 }

// Bytes returns the canonical raw form: 32 bytes for Ed25519 and EdDSA-BN254, the
// 33-byte compressed point for Secp256k1 and P256.
func (k PublicKey) Bytes() []byte { return bytes.Clone(k.raw) }

// Uncompressed returns the 65-byte uncompressed point of an ECDSA key, and nil for
// the other types.
func (k PublicKey) Uncompressed() []byte {
	switch k.typ {
	case Secp256k1:
		return bytes.Clone(k.k1)
	case P256:
		b, _ := k.ec.Bytes()
		return b
	}
	return nil
}

// ID returns the device identifier derived from the key (see ID).
func (k PublicKey) ID() ID { return k.id }

// Equal reports whether k and o are the same key.
func (k PublicKey) Equal(o PublicKey) bool {
	return k.typ == o.typ && bytes.Equal(k.raw, o.raw)
}

// Address returns the EVM address of a Secp256k1 key: the last 20 bytes of the
// keccak256 of its uncompressed point. Other key types have no address.
func (k PublicKey) Address() (common.Address, error) {
	if k.typ != Secp256k1 {
		return common.Address{}, fmt.Errorf("%w: %s keys have no EVM address", ErrKeyType, k.typ)
	}
	return ethcrypto.PubkeyToAddress(*k.ec), nil
}

// String returns the key's DID.
func (k PublicKey) String() string {
	if k.IsZero() {
		return "<no key>"
	}
	return k.DID()
}

// Verify implements Verifier. The message is hashed as the key type documents.
func (k PublicKey) Verify(msg, sig []byte) error {
	if len(sig) != SignatureSize {
		return fmt.Errorf("%w: %s signature is %d bytes, want %d", ErrBadSignature, k.typ, len(sig), SignatureSize)
	}
	var ok bool
	switch k.typ {
	case Ed25519:
		ok = ed25519.Verify(k.ed, msg, sig)
	case Secp256k1:
		h := sha256.Sum256(msg)
		ok = ethcrypto.VerifySignature(k.k1, h[:], sig)
	case P256:
		h := sha256.Sum256(msg)
		r := new(big.Int).SetBytes(sig[:32])
		s := new(big.Int).SetBytes(sig[32:])
		ok = ecdsa.Verify(k.ec, h[:], r, s)
	case EdDSABN254:
		m := bn254Message(msg)
		var err error
		ok, err = k.bn.Verify(sig, m[:], poseidon2.NewMerkleDamgardHasher())
		ok = ok && err == nil
	default:
		return fmt.Errorf("%w: verify with %s", ErrInvalidKey, k.typ)
	}
	if !ok {
		return fmt.Errorf("%w: %s", ErrBadSignature, k.typ)
	}
	return nil
}

// MarshalBinary encodes the key as its type byte followed by Bytes().
func (k PublicKey) MarshalBinary() ([]byte, error) {
	if k.IsZero() {
		return nil, fmt.Errorf("%w: marshal of the zero key", ErrInvalidKey)
	}
	return append([]byte{byte(k.typ)}, k.raw...), nil
}

// UnmarshalBinary decodes what MarshalBinary produced.
func (k *PublicKey) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty", ErrInvalidKey)
	}
	v, err := ParsePublicKey(KeyType(b[0]), b[1:])
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// MarshalText encodes the key as its DID.
func (k PublicKey) MarshalText() ([]byte, error) {
	if k.IsZero() {
		return nil, fmt.Errorf("%w: marshal of the zero key", ErrInvalidKey)
	}
	return []byte(k.DID()), nil
}

// UnmarshalText parses a DID (see ParseDID).
func (k *PublicKey) UnmarshalText(b []byte) error {
	v, err := ParseDID(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// PrivateKey is a private key of one KeyType. It implements Signer.
type PrivateKey struct {
	pub  PublicKey
	seed [PrivateKeySize]byte

	ed ed25519.PrivateKey
	ec *ecdsa.PrivateKey // P256 and Secp256k1
	bn *eddsa.PrivateKey
}

// GenerateKey makes a new key of type t from the randomness of r (crypto/rand if r
// is nil). The key is a function of the bytes read, so a seeded reader gives
// reproducible keys in tests.
func GenerateKey(t KeyType, r io.Reader) (*PrivateKey, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrKeyType, uint8(t))
	}
	if r == nil {
		r = rand.Reader
	}
	var seed [PrivateKeySize]byte
	// ECDSA scalars must lie in [1, n-1]; retry the rare out-of-range draw.
	for attempt := 0; attempt < 64; attempt++ {
		if _, err := io.ReadFull(r, seed[:]); err != nil {
			return nil, fmt.Errorf("device: generate %s key: %w", t, err)
		}
		k, err := NewPrivateKey(t, seed[:])
		if err == nil {
			return k, nil
		}
		if !errors.Is(err, ErrInvalidKey) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("device: generate %s key: randomness source keeps yielding invalid scalars", t)
}

// NewPrivateKey builds a key of type t from its 32-byte raw form (PrivateKey.Bytes):
// the RFC 8032 seed for Ed25519, the big-endian scalar for Secp256k1 and P256, and
// the gnark-crypto key-generation seed for EdDSA-BN254.
func NewPrivateKey(t KeyType, raw []byte) (*PrivateKey, error) {
	if len(raw) != PrivateKeySize {
		return nil, fmt.Errorf("%w: %s private key is %d bytes, want %d", ErrInvalidKey, t, len(raw), PrivateKeySize)
	}
	k := &PrivateKey{}
	copy(k.seed[:], raw)
	var pubRaw []byte
	switch t {
	case Ed25519:
		k.ed = ed25519.NewKeyFromSeed(raw)
		pubRaw = k.ed.Public().(ed25519.PublicKey)
	case Secp256k1:
		priv, err := ethcrypto.ToECDSA(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: secp256k1 scalar: %v", ErrInvalidKey, err)
		}
		k.ec = priv
		pubRaw = ethcrypto.FromECDSAPub(&priv.PublicKey)
	case P256:
		priv, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), raw)
		if err != nil {
			return nil, fmt.Errorf("%w: p256 scalar: %v", ErrInvalidKey, err)
		}
		k.ec = priv
		if pubRaw, err = priv.PublicKey.Bytes(); err != nil {
			return nil, fmt.Errorf("%w: p256: %v", ErrInvalidKey, err)
		}
	case EdDSABN254:
		priv, err := eddsa.GenerateKey(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%w: eddsa-bn254: %v", ErrInvalidKey, err)
		}
		k.bn = priv
		pubRaw = priv.PublicKey.Bytes()
	default:
		return nil, fmt.Errorf("%w: %d", ErrKeyType, uint8(t))
	}
	pub, err := ParsePublicKey(t, pubRaw)
	if err != nil {
		return nil, err
	}
	k.pub = pub
	return k, nil
}

// Type returns the key's type.
func (k *PrivateKey) Type() KeyType { return k.pub.typ }

// Public implements Signer.
func (k *PrivateKey) Public() PublicKey { return k.pub }

// Bytes returns the 32-byte raw form that NewPrivateKey accepts. Keep it secret.
func (k *PrivateKey) Bytes() []byte { return bytes.Clone(k.seed[:]) }

// Equal reports whether k and o are the same private key, in constant time.
func (k *PrivateKey) Equal(o *PrivateKey) bool {
	return k.pub.typ == o.pub.typ && subtle.ConstantTimeCompare(k.seed[:], o.seed[:]) == 1
}

// Sign implements Signer. Ed25519 signs msg itself; the ECDSA types sign its
// SHA-256 (deterministic nonces for Secp256k1, hedged for P256); EdDSA-BN254 signs
// the field element the package documentation defines.
func (k *PrivateKey) Sign(msg []byte) ([]byte, error) {
	switch k.pub.typ {
	case Ed25519:
		return ed25519.Sign(k.ed, msg), nil
	case Secp256k1:
		h := sha256.Sum256(msg)
		sig, err := ethcrypto.Sign(h[:], k.ec)
		if err != nil {
			return nil, fmt.Errorf("device: secp256k1 sign: %w", err)
		}
		return sig[:SignatureSize], nil // drop the recovery byte
	case P256:
		h := sha256.Sum256(msg)
		r, s, err := ecdsa.Sign(rand.Reader, k.ec, h[:])
		if err != nil {
			return nil, fmt.Errorf("device: p256 sign: %w", err)
		}
		sig := make([]byte, SignatureSize)
		r.FillBytes(sig[:32])
		s.FillBytes(sig[32:])
		return sig, nil
	case EdDSABN254:
		m := bn254Message(msg)
		sig, err := k.bn.Sign(m[:], poseidon2.NewMerkleDamgardHasher())
		if err != nil {
			return nil, fmt.Errorf("device: eddsa-bn254 sign: %w", err)
		}
		return sig, nil
	}
	return nil, fmt.Errorf("%w: sign with the zero key", ErrInvalidKey)
}

// MarshalBinary encodes the key as its type byte followed by Bytes(). Keep it secret.
func (k *PrivateKey) MarshalBinary() ([]byte, error) {
	if k == nil || k.pub.IsZero() {
		return nil, fmt.Errorf("%w: marshal of an empty private key", ErrInvalidKey)
	}
	return append([]byte{byte(k.pub.typ)}, k.seed[:]...), nil
}

// UnmarshalBinary decodes what MarshalBinary produced.
func (k *PrivateKey) UnmarshalBinary(b []byte) error {
	if len(b) != 1+PrivateKeySize {
		return fmt.Errorf("%w: private key encoding is %d bytes, want %d", ErrInvalidKey, len(b), 1+PrivateKeySize)
	}
	v, err := NewPrivateKey(KeyType(b[0]), b[1:])
	if err != nil {
		return err
	}
	*k = *v
	return nil
}

// BN254MessageElement returns the BN254 field element (32 bytes, big-endian) an
// EdDSA-BN254 signature of msg signs: what a circuit verifying the signature
// recomputes (see the package documentation).
func BN254MessageElement(msg []byte) [32]byte { return bn254Message(msg) }

// bn254ChunkSize is how many message bytes go into one field element: 31 bytes are
// always below the BN254 scalar field modulus.
const bn254ChunkSize = 31

// bn254Message maps a message of any length to the one BN254 field element that an
// EdDSA-BN254 signature signs, as 32 big-endian bytes:
//
//	m = Poseidon2-MD(len(msg), chunk_1, ..., chunk_k)
//
// where Poseidon2-MD is gnark-crypto's Merkle-Damgard Poseidon2 hasher with its
// default BN254 parameters (width 2, 6 full rounds, 50 partial rounds, IV zero), each
// input is one field element written as 32 big-endian bytes, len(msg) is the byte
// length, and chunk_i are the 31-byte slices of msg (the last one shorter), each read
// as a big-endian integer. The length element makes the padding unambiguous.
func bn254Message(msg []byte) [fr.Bytes]byte {
	h := poseidon2.NewMerkleDamgardHasher()
	var block [fr.Bytes]byte
	binary.BigEndian.PutUint64(block[fr.Bytes-8:], uint64(len(msg)))
	h.Write(block[:])
	for len(msg) > 0 {
		n := min(len(msg), bn254ChunkSize)
		clear(block[:])
		copy(block[fr.Bytes-n:], msg[:n])
		h.Write(block[:])
		msg = msg[n:]
	}
	var out [fr.Bytes]byte
	copy(out[:], h.Sum(nil))
	return out
}
