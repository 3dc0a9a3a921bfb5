package proof

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/proof/circuit"
)

// A Bundle is a claim with its proof: what a device (or its gateway) sends,
// inside a device envelope whose content type is ContentType(statement), and
// what `depinkit proof prove` writes. Its wire form is canonical CBOR:
//
//	{1: claim, 2: proof (MarshalBinary bytes)}
//
// with the claim a map of small integer keys (1 statement, 2 device key,
// 3-5 point and radius, 6 nonce, 7 cap, 8 total or minimum, 9 root, and for
// a statement registered with Register, 10 its public inputs: an array of
// minimal big-endian byte strings, zero the empty one).
type Bundle struct {
	Claim Claim
	Proof *Proof
}

// MaxBundleSize bounds ParseBundle's input: the largest proof and a claim.
const MaxBundleSize = MaxProofSize + 1024

// ContentType returns the device envelope content type of bundles of a
// statement: "depinkit/proof/<statement>/v1", e.g. "depinkit/proof/usage-64/v1".
func ContentType(st Statement) string { return "depinkit/proof/" + st.String() + "/v1" }

// StatementOf returns the statement of a bundle content type (ContentType's
// inverse).
func StatementOf(contentType string) (Statement, error) {
	rest, ok := strings.CutPrefix(contentType, "depinkit/proof/")
	if !ok {
		return Statement{}, fmt.Errorf("%w: content type %q is not a proof bundle", ErrStatement, contentType)
	}
	name, ok := strings.CutSuffix(rest, "/v1")
	if !ok {
		return Statement{}, fmt.Errorf("%w: content type %q: unknown version", ErrStatement, contentType)
	}
	return ParseStatement(name)
}

// ContentType returns ContentType(b.Claim.Statement()).
func (b *Bundle) ContentType() string { return ContentType(b.Claim.Statement()) }

type bundleWire struct {
	Claim claimWire `cbor:"1,keyasint"`
	Proof []byte    `cbor:"2,keyasint"`
}

type claimWire struct {
	Statement string   `cbor:"1,keyasint"`
	Device    []byte   `cbor:"2,keyasint"`
	PX        int32    `cbor:"3,keyasint,omitempty"`
	PY        int32    `cbor:"4,keyasint,omitempty"`
	Radius    uint32   `cbor:"5,keyasint,omitempty"`
	Nonce     []byte   `cbor:"6,keyasint,omitempty"`
	Cap       uint64   `cbor:"7,keyasint,omitempty"`
	Amount    []byte   `cbor:"8,keyasint,omitempty"`
	Root      []byte   `cbor:"9,keyasint,omitempty"`
	Inputs    [][]byte `cbor:"10,keyasint,omitempty"`
}

// MarshalBinary returns the bundle's canonical CBOR.
func (b *Bundle) MarshalBinary() ([]byte, error) {
	if b == nil || b.Claim == nil || b.Proof == nil {
		return nil, fmt.Errorf("%w: bundle without claim or proof", ErrMalformed)
	}
	if b.Proof.Statement != b.Claim.Statement() {
		return nil, fmt.Errorf("%w: proof of %s for a %s claim", ErrMalformed, b.Proof.Statement, b.Claim.Statement())
	}
	cw, err := b.Claim.wire()
	if err != nil {
		return nil, err
	}
	pb, err := b.Proof.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return canonical.Marshal(bundleWire{Claim: cw, Proof: pb})
}

// MarshalCBOR lets a Bundle be a device envelope payload (device.Seal).
func (b *Bundle) MarshalCBOR() ([]byte, error) { return b.MarshalBinary() }

// UnmarshalCBOR lets Envelope.Decode fill a Bundle; it is ParseBundle.
func (b *Bundle) UnmarshalCBOR(data []byte) error {
	v, err := ParseBundle(data)
	if err != nil {
		return err
	}
	*b = *v
	return nil
}

var bundleDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: MaxPublicInputs, MaxMap: 16})

// ParseBundle decodes a bundle: canonical CBOR only, bounded by MaxBundleSize,
// the claim's fields exactly those of its statement, the proof parsed by
// ParseProof and of the claim's statement. Errors wrap ErrMalformed (and
// ErrInvalidProof).
func ParseBundle(data []byte) (*Bundle, error) {
	if len(data) > MaxBundleSize {
		return nil, malformed("bundle of %d bytes exceeds %d", len(data), MaxBundleSize)
	}
	var w bundleWire
	if err := bundleDecoder.UnmarshalCanonical(data, &w); err != nil {
		return nil, malformed("bundle: %v", err)
	}
	c, err := parseClaim(w.Claim)
	if err != nil {
		return nil, err
	}
	p, err := ParseProof(w.Proof)
	if err != nil {
		return nil, err
	}
	if p.Statement != c.Statement() {
		return nil, malformed("proof of %s for a %s claim", p.Statement, c.Statement())
	}
	return &Bundle{Claim: c, Proof: p}, nil
}

// ParseBundleOf parses a bundle that arrived with a content type (a device
// envelope's) and checks that the two name the same statement.
func ParseBundleOf(contentType string, data []byte) (*Bundle, error) {
	st, err := StatementOf(contentType)
	if err != nil {
		return nil, err
	}
	b, err := ParseBundle(data)
	if err != nil {
		return nil, err
	}
	if b.Claim.Statement() != st {
		return nil, malformed("content type %q carries a %s claim", contentType, b.Claim.Statement())
	}
	return b, nil
}

func keyBytes(k device.PublicKey) ([]byte, error) {
	b, err := k.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("%w: device: %w", ErrMalformed, err)
	}
	return b, nil
}

func seriesWire(st Statement, limit uint64, amount *big.Int, root fr.Element, key device.PublicKey) (claimWire, error) {
	if err := st.Validate(); err != nil {
		return claimWire{}, err
	}
	kb, err := keyBytes(key)
	if err != nil {
		return claimWire{}, err
	}
	if amount == nil || amount.Sign() < 0 || amount.BitLen() > 128 {
		return claimWire{}, fmt.Errorf("%w: %s: amount %v outside [0, 2^128)", ErrMalformed, st, amount)
	}
	r := root.Bytes()
	return claimWire{Statement: st.String(), Device: kb, Cap: limit, Amount: amount.Bytes(), Root: r[:]}, nil
}

func parseClaim(w claimWire) (Claim, error) {
	st, err := ParseStatement(w.Statement)
	if err != nil {
		return nil, malformed("claim: %v", err)
	}
	e, err := st.entry()
	if err != nil {
		return nil, malformed("claim: %v", err)
	}
	var key device.PublicKey
	if err := key.UnmarshalBinary(w.Device); err != nil {
		return nil, malformed("claim: device key: %v", err)
	}
	return e.codec.claim(st, key, w)
}

// fieldElement reads a canonical 32-byte field element of a claim.
func fieldElement(field string, b []byte) (fr.Element, error) {
	var e fr.Element
	if len(b) != fr.Bytes {
		return e, malformed("claim: %s of %d bytes, want %d", field, len(b), fr.Bytes)
	}
	if err := e.SetBytesCanonical(b); err != nil {
		return e, malformed("claim: %s: %v", field, err)
	}
	return e, nil
}

// parseCoverageClaim reads a coverage claim: point, radius and nonce.
func parseCoverageClaim(_ Statement, key device.PublicKey, w claimWire) (Claim, error) {
	if w.Cap != 0 || w.Amount != nil || w.Root != nil || w.Inputs != nil {
		return nil, malformed("claim: coverage claim with series fields or inputs")
	}
	nonce, err := fieldElement("nonce", w.Nonce)
	if err != nil {
		return nil, err
	}
	return &CoverageClaim{Point: circuit.Position{X: w.PX, Y: w.PY}, Radius: w.Radius, Nonce: nonce, Device: key}, nil
}

// parseSeriesClaim reads a usage or threshold claim: cap, amount and root.
func parseSeriesClaim(st Statement, key device.PublicKey, w claimWire) (Claim, error) {
	if w.PX != 0 || w.PY != 0 || w.Radius != 0 || w.Nonce != nil || w.Inputs != nil {
		return nil, malformed("claim: %s claim with coverage fields or inputs", st)
	}
	if len(w.Amount) > 16 || (len(w.Amount) > 0 && w.Amount[0] == 0) {
		return nil, malformed("claim: amount is not a minimal integer below 2^128")
	}
	root, err := fieldElement("root", w.Root)
	if err != nil {
		return nil, err
	}
	amount := new(big.Int).SetBytes(w.Amount)
	if st.Kind == Usage {
		return &UsageClaim{N: st.N, Cap: w.Cap, Total: amount, Root: root, Device: key}, nil
	}
	return &ThresholdClaim{N: st.N, Cap: w.Cap, Min: amount, Root: root, Device: key}, nil
}

// parseInputClaim reads the claim of a registered statement: its inputs,
// each a minimal big-endian integer below the field order, as many as the
// statement's layout has, and no field of the built-in claims.
func parseInputClaim(st Statement, key device.PublicKey, w claimWire) (Claim, error) {
	if w.PX != 0 || w.PY != 0 || w.Radius != 0 || w.Nonce != nil || w.Cap != 0 || w.Amount != nil || w.Root != nil {
		return nil, malformed("claim: %s claim with a built-in statement's fields", st)
	}
	c := &InputClaim{Of: st, Device: key, Inputs: make([]*big.Int, len(w.Inputs))}
	for i, b := range w.Inputs {
		if b == nil || len(b) > fr.Bytes || (len(b) > 0 && b[0] == 0) {
			return nil, malformed("claim: %s: input %d is not a minimal integer of at most %d bytes", st, i, fr.Bytes)
		}
		c.Inputs[i] = new(big.Int).SetBytes(b)
	}
	if _, err := c.validate(); err != nil {
		return nil, malformed("claim: %v", err)
	}
	return c, nil
}
