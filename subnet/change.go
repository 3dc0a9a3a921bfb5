package subnet

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

// Member is a validator as the validator-set state machine (Changes) and
// Change transactions hold it: a Spec Validator, parsed, without its
// directory.
type Member struct {
	Name       string
	Key        ed25519.PublicKey // consensus key
	Settlement common.Address    // settlement address
	Stake      uint64
	P2P        string // listen multiaddr
	API        string // API host:port
}

// check checks a member's fields on their own (Validate's rules for a
// Validator).
func (m Member) check() error {
	if msg := checkMemberName(m.Name); msg != "" {
		return fmt.Errorf("%w: name: %s", ErrInvalidChange, msg)
	}
	if len(m.Key) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: key is %d bytes, want %d", ErrInvalidChange, len(m.Key), ed25519.PublicKeySize)
	}
	if m.Settlement == (common.Address{}) {
		return fmt.Errorf("%w: settlement address is zero", ErrInvalidChange)
	}
	if m.Stake == 0 {
		return fmt.Errorf("%w: stake 0", ErrInvalidChange)
	}
	if _, msg := parseP2P(m.P2P); msg != "" {
		return fmt.Errorf("%w: p2p: %s", ErrInvalidChange, msg)
	}
	if _, msg := parseAPI(m.API); msg != "" {
		return fmt.Errorf("%w: api: %s", ErrInvalidChange, msg)
	}
	return nil
}

// ChangeKind is what a Change does to the validator set. The zero value is
// invalid; the numbers appear in encodings and never change.
type ChangeKind uint8

// The kinds of Change.
const (
	// Join adds Change.Member (every field set) to the set.
	Join ChangeKind = 1
	// Leave removes the member with Change.Member.Key; its other fields are
	// zero.
	Leave ChangeKind = 2
	// Restake sets the stake of the member with Change.Member.Key to
	// Change.Member.Stake; its other fields are zero.
	Restake ChangeKind = 3
)

// String returns "join", "leave" or "stake".
func (k ChangeKind) String() string {
	switch k {
	case Join:
		return "join"
	case Leave:
		return "leave"
	case Restake:
		return "stake"
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// Change is a validator-set change: a transaction that a quorum of the
// current validators approves during Epoch and that takes effect at the end
// of Epoch (see Changes).
type Change struct {
	Kind ChangeKind
	// Member is the validator the change is about: all of it for Join; its
	// Key for Leave; its Key and new Stake for Restake (the other fields zero,
	// so that one change has one encoding).
	Member Member
	// Epoch is the epoch the change is proposed in: it takes effect when that
	// epoch ends, and approvals in other epochs are refused.
	Epoch uint64
	// Nonce tells apart otherwise equal changes of one epoch (the proposer
	// picks it; it has no other meaning).
	Nonce uint64
}

// ChangeVersion is the version of the Change encoding.
const ChangeVersion = 1

// MaxChangeSize bounds an encoded Change, in bytes.
const MaxChangeSize = 1024

// changeWire is a Change on the wire: one CBOR array.
type changeWire struct {
	_          struct{} `cbor:",toarray"`
	Version    uint8
	Kind       uint8
	Name       string
	Key        []byte
	Settlement []byte // 20 bytes, or empty when zero
	Stake      uint64
	P2P        string
	API        string
	Epoch      uint64
	Nonce      uint64
}

var changeDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

// Check checks the change on its own, without a validator set: a known kind,
// a well-formed member for a Join, only a key (and a stake for Restake)
// otherwise. The error wraps ErrInvalidChange.
func (c Change) Check() error {
	m := c.Member
	switch c.Kind {
	case Join:
		return m.check()
	case Leave, Restake:
		if len(m.Key) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: %s: key is %d bytes, want %d", ErrInvalidChange, c.Kind, len(m.Key), ed25519.PublicKeySize)
		}
		if c.Kind == Restake && m.Stake == 0 {
			return fmt.Errorf("%w: stake: new stake 0 (leave instead)", ErrInvalidChange)
		}
		if c.Kind == Leave && m.Stake != 0 {
			return fmt.Errorf("%w: leave: only the key may be set, not a stake", ErrInvalidChange)
		}
		if m.Name != "" || m.Settlement != (common.Address{}) || m.P2P != "" || m.API != "" {
			return fmt.Errorf("%w: %s: only the key and stake may be set", ErrInvalidChange, c.Kind)
		}
		return nil
	}
	return fmt.Errorf("%w: kind %d", ErrInvalidChange, uint8(c.Kind))
}

// Encode returns the change's canonical CBOR encoding. It fails, wrapping
// ErrInvalidChange, on a change that does not Check.
func (c Change) Encode() ([]byte, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	w := changeWire{
		Version: ChangeVersion, Kind: uint8(c.Kind), Name: c.Member.Name, Key: c.Member.Key,
		Stake: c.Member.Stake, P2P: c.Member.P2P, API: c.Member.API, Epoch: c.Epoch, Nonce: c.Nonce,
	}
	if c.Member.Settlement != (common.Address{}) {
		w.Settlement = c.Member.Settlement.Bytes()
	}
	data, err := canonical.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("%w: encode: %v", ErrInvalidChange, err)
	}
	return data, nil
}

// DecodeChange decodes what Encode produced: at most MaxChangeSize bytes of
// canonical CBOR of a change that passes Check. Errors wrap ErrMalformed or
// ErrInvalidChange.
func DecodeChange(data []byte) (Change, error) {
	if len(data) > MaxChangeSize {
		return Change{}, fmt.Errorf("%w: change is %d bytes, more than %d", ErrMalformed, len(data), MaxChangeSize)
	}
	var w changeWire
	if err := changeDecoder.UnmarshalCanonical(data, &w); err != nil {
		return Change{}, fmt.Errorf("%w: change: %v", ErrMalformed, err)
	}
	if w.Version != ChangeVersion {
		return Change{}, fmt.Errorf("%w: change version %d, want %d", ErrMalformed, w.Version, ChangeVersion)
	}
	c := Change{
		Kind:   ChangeKind(w.Kind),
		Member: Member{Name: w.Name, Stake: w.Stake, P2P: w.P2P, API: w.API},
		Epoch:  w.Epoch,
		Nonce:  w.Nonce,
	}
	if len(w.Key) > 0 {
		c.Member.Key = ed25519.PublicKey(bytes.Clone(w.Key))
	}
	switch len(w.Settlement) {
	case 0:
	case common.AddressLength:
		c.Member.Settlement = common.BytesToAddress(w.Settlement)
		if c.Member.Settlement == (common.Address{}) {
			return Change{}, fmt.Errorf("%w: a zero settlement address is encoded as empty", ErrMalformed)
		}
	default:
		return Change{}, fmt.Errorf("%w: settlement address is %d bytes", ErrMalformed, len(w.Settlement))
	}
	if err := c.Check(); err != nil {
		return Change{}, err
	}
	return c, nil
}

// changeDomain starts what a change digest hashes.
const changeDomain = "depinkit/subnet/change/v1\x00"

// Digest returns what validators sign to approve the change in the subnet
// with genesis hash genesis: SHA-256 over "depinkit/subnet/change/v1", a
// zero byte, the genesis hash and the change's encoding. The genesis binds
// an approval to one subnet.
func (c Change) Digest(genesis common.Hash) (chain.Digest, error) {
	data, err := c.Encode()
	if err != nil {
		return chain.Digest{}, err
	}
	h := sha256.New()
	h.Write([]byte(changeDomain))
	h.Write(genesis[:])
	h.Write(data)
	var d chain.Digest
	h.Sum(d[:0])
	return d, nil
}

// Approval is a validator's signature over a change's digest: the
// transaction a validator submits to approve (or propose) a change.
type Approval struct {
	Change    Change
	Validator ed25519.PublicKey // the approver's consensus key
	Signature []byte            // ed25519 over Change.Digest(genesis)
}

// SignChange approves c with a validator's consensus key signer, for the
// subnet with genesis hash genesis.
func SignChange(genesis common.Hash, signer chain.Signer, c Change) (Approval, error) {
	d, err := c.Digest(genesis)
	if err != nil {
		return Approval{}, err
	}
	sig, err := signer.Sign(d[:])
	if err != nil {
		return Approval{}, fmt.Errorf("subnet: sign change: %w", err)
	}
	return Approval{Change: c, Validator: bytes.Clone(signer.PublicKey()), Signature: sig}, nil
}

// approvalWire is an Approval on the wire.
type approvalWire struct {
	_         struct{} `cbor:",toarray"`
	Change    []byte
	Validator []byte
	Signature []byte
}

// MaxApprovalSize bounds an encoded Approval, in bytes.
const MaxApprovalSize = MaxChangeSize + 128

// Encode returns the approval's canonical CBOR encoding.
func (a Approval) Encode() ([]byte, error) {
	ch, err := a.Change.Encode()
	if err != nil {
		return nil, err
	}
	if len(a.Validator) != ed25519.PublicKeySize || len(a.Signature) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: approval: key or signature of the wrong size", ErrInvalidChange)
	}
	data, err := canonical.Marshal(approvalWire{Change: ch, Validator: a.Validator, Signature: a.Signature})
	if err != nil {
		return nil, fmt.Errorf("%w: encode approval: %v", ErrInvalidChange, err)
	}
	return data, nil
}

// DecodeApproval decodes what Approval.Encode produced. It does not verify
// the signature: Changes.Approve does.
func DecodeApproval(data []byte) (Approval, error) {
	if len(data) > MaxApprovalSize {
		return Approval{}, fmt.Errorf("%w: approval is %d bytes, more than %d", ErrMalformed, len(data), MaxApprovalSize)
	}
	var w approvalWire
	if err := changeDecoder.UnmarshalCanonical(data, &w); err != nil {
		return Approval{}, fmt.Errorf("%w: approval: %v", ErrMalformed, err)
	}
	if len(w.Validator) != ed25519.PublicKeySize || len(w.Signature) != ed25519.SignatureSize {
		return Approval{}, fmt.Errorf("%w: approval: key or signature of the wrong size", ErrMalformed)
	}
	c, err := DecodeChange(w.Change)
	if err != nil {
		return Approval{}, err
	}
	return Approval{Change: c, Validator: ed25519.PublicKey(w.Validator), Signature: w.Signature}, nil
}
