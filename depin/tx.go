package depin

import (
	"crypto/ed25519"
	"fmt"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/subnet"
)

// TxKind says what a transaction does.
type TxKind uint8

const (
	// TxRegister registers a device: a maker certificate and the owner binding
	// that says who is paid for it.
	TxRegister TxKind = 1
	// TxEnvelope carries one device envelope (COSE_Sign1 bytes).
	TxEnvelope TxKind = 2
	// TxVote carries a validator's settlement signatures over a closed epoch:
	// over its evm.EpochRoot (absent when the epoch pays nobody) and over its
	// evm.Checkpoint.
	TxVote TxKind = 3
	// TxRotate moves a device to a new key (a device.KeyRotation signed by
	// the old and the new key).
	TxRotate TxKind = 4
	// TxRevoke withdraws a device for good (a device.Revocation signed by
	// its maker or owner); its envelopes are then ReasonRevoked.
	TxRevoke TxKind = 5
	// TxApproveMaker is one validator's vote to approve a device maker; the
	// maker is approved once validators with more than 2/3 of the stake
	// voted for it (ApproveMakerTx).
	TxApproveMaker TxKind = 6
	// TxChange is one validator's approval of a validator-set change (a
	// subnet.Change: join, leave, stake change); the change takes effect at
	// the end of its reward epoch once validators with more than 2/3 of the
	// stake approved it (ChangeTx, Config.ValidatorChanges).
	TxChange TxKind = 7
)

// String names the kind ("register", "envelope", "vote", "rotate",
// "revoke", "maker", "change"): the prefix of its rejection reasons.
func (k TxKind) String() string {
	switch k {
	case TxRegister:
		return "register"
	case TxEnvelope:
		return "envelope"
	case TxVote:
		return "vote"
	case TxRotate:
		return "rotate"
	case TxRevoke:
		return "revoke"
	case TxApproveMaker:
		return "maker"
	case TxChange:
		return "change"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MaxTxBytes is the largest transaction: the largest envelope and some framing.
const MaxTxBytes = device.MaxEnvelopeSize + 256

// signatureSize is the size of an EVM settlement signature (r, s, v).
const signatureSize = 65

// Tx is a transaction of a DePIN subnet, sent as canonical CBOR (a map with
// small integer keys, empty fields left out):
//
//	{1: kind, 2: certificate, 3: owner binding, 4: envelope, 5: epoch,
//	 6: root signature, 7: checkpoint signature, 8: message,
//	 9: maker key, 10: maker name, 11: validator key, 12: validator signature,
//	 13: validator-set change, 14: next validator set signature}
//
// Only the fields of its kind may be present.
type Tx struct {
	Kind TxKind `cbor:"1,keyasint"`
	// Certificate and Owner (TxRegister) are device.Certificate.Marshal and
	// device.OwnerBinding.Marshal bytes.
	Certificate []byte `cbor:"2,keyasint,omitempty"`
	Owner       []byte `cbor:"3,keyasint,omitempty"`
	// Envelope (TxEnvelope) is a sealed device envelope.
	Envelope []byte `cbor:"4,keyasint,omitempty"`
	// Epoch, RootSignature and CheckpointSignature (TxVote) are a validator's
	// 65-byte EIP-712 signatures over the epoch's evm.EpochRoot (empty when
	// the epoch has no claims) and evm.Checkpoint.
	Epoch               uint64 `cbor:"5,keyasint,omitempty"`
	RootSignature       []byte `cbor:"6,keyasint,omitempty"`
	CheckpointSignature []byte `cbor:"7,keyasint,omitempty"`
	// Message (TxRotate, TxRevoke) is a device.KeyRotation or
	// device.Revocation's Marshal bytes.
	Message []byte `cbor:"8,keyasint,omitempty"`
	// Maker and Name (TxApproveMaker) are the maker's key
	// (device.PublicKey.MarshalBinary) and name; Validator and Signature the
	// voting validator's ed25519 consensus key and its signature of
	// MakerApprovalMessage (TxApproveMaker) or of the change's digest
	// (TxChange).
	Maker     []byte `cbor:"9,keyasint,omitempty"`
	Name      string `cbor:"10,keyasint,omitempty"`
	Validator []byte `cbor:"11,keyasint,omitempty"`
	Signature []byte `cbor:"12,keyasint,omitempty"`
	// Change (TxChange) is a subnet.Change's Encode bytes; Validator and
	// Signature the approving validator's consensus key and its signature
	// of the change's digest (subnet.SignChange).
	Change []byte `cbor:"13,keyasint,omitempty"`
	// SetSignature (TxVote) is the validator's EIP-712 signature over the
	// next validator set (evm.ValidatorSet) when the set changed at the end
	// of the epoch voted on; empty otherwise.
	SetSignature []byte `cbor:"14,keyasint,omitempty"`
}

var txDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

// EnvelopeTx wraps a device envelope in a transaction.
func EnvelopeTx(envelope []byte) (chain.Tx, error) {
	return (&Tx{Kind: TxEnvelope, Envelope: envelope}).Marshal()
}

// RegisterTx makes the transaction registering a device with its maker
// certificate and owner binding.
func RegisterTx(cert *device.Certificate, owner *device.OwnerBinding) (chain.Tx, error) {
	if cert == nil || owner == nil {
		return nil, fmt.Errorf("%w: register: certificate and owner binding are required", ErrMalformed)
	}
	c, err := cert.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: register: certificate: %w", ErrMalformed, err)
	}
	o, err := owner.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: register: owner binding: %w", ErrMalformed, err)
	}
	return (&Tx{Kind: TxRegister, Certificate: c, Owner: o}).Marshal()
}

// RotateTx makes the transaction moving a device to a new key.
func RotateTx(r *device.KeyRotation) (chain.Tx, error) {
	b, err := r.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: rotate: %w", ErrMalformed, err)
	}
	return (&Tx{Kind: TxRotate, Message: b}).Marshal()
}

// RevokeTx makes the transaction revoking a device.
func RevokeTx(r *device.Revocation) (chain.Tx, error) {
	b, err := r.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: revoke: %w", ErrMalformed, err)
	}
	return (&Tx{Kind: TxRevoke, Message: b}).Marshal()
}

// Marshal checks t and returns its canonical encoding.
func (t *Tx) Marshal() (chain.Tx, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	b, err := canonical.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if len(b) > MaxTxBytes {
		return nil, fmt.Errorf("%w: transaction of %d bytes, at most %d", ErrTooLarge, len(b), MaxTxBytes)
	}
	return b, nil
}

// DecodeTx decodes and checks a transaction: at most MaxTxBytes, canonical
// CBOR only, exactly the fields of its kind, each within its limit. It checks
// no signature and reads no state.
func DecodeTx(data []byte) (*Tx, error) {
	if len(data) > MaxTxBytes {
		return nil, fmt.Errorf("%w: transaction of %d bytes, at most %d", ErrTooLarge, len(data), MaxTxBytes)
	}
	var t Tx
	if err := txDecoder.UnmarshalCanonical(data, &t); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	return &t, nil
}

// check enforces the fields and limits of each kind.
func (t *Tx) check() error {
	if t.Kind != TxRotate && t.Kind != TxRevoke && len(t.Message) > 0 {
		return fmt.Errorf("%w: %s: a message field", ErrMalformed, t.Kind)
	}
	if t.Kind != TxApproveMaker && (len(t.Maker) > 0 || t.Name != "") {
		return fmt.Errorf("%w: %s: maker approval fields", ErrMalformed, t.Kind)
	}
	if t.Kind != TxApproveMaker && t.Kind != TxChange && (len(t.Validator) > 0 || len(t.Signature) > 0) {
		return fmt.Errorf("%w: %s: validator approval fields", ErrMalformed, t.Kind)
	}
	if t.Kind != TxChange && len(t.Change) > 0 {
		return fmt.Errorf("%w: %s: a change field", ErrMalformed, t.Kind)
	}
	if t.Kind != TxVote && len(t.SetSignature) > 0 {
		return fmt.Errorf("%w: %s: a validator set signature", ErrMalformed, t.Kind)
	}
	switch t.Kind {
	case TxChange:
		switch {
		case len(t.Change) == 0:
			return fmt.Errorf("%w: change: change missing", ErrMalformed)
		case len(t.Change) > subnet.MaxChangeSize:
			return fmt.Errorf("%w: change of %d bytes, at most %d", ErrTooLarge, len(t.Change), subnet.MaxChangeSize)
		case len(t.Validator) != ed25519.PublicKeySize || len(t.Signature) != ed25519.SignatureSize:
			return fmt.Errorf("%w: change: validator key or signature of the wrong size", ErrMalformed)
		case len(t.Certificate) > 0 || len(t.Owner) > 0 || len(t.Envelope) > 0 || t.Epoch != 0 || len(t.RootSignature) > 0 || len(t.CheckpointSignature) > 0:
			return fmt.Errorf("%w: change: fields of another kind", ErrMalformed)
		}
	case TxApproveMaker:
		switch {
		case len(t.Maker) == 0 || len(t.Maker) > 128:
			return fmt.Errorf("%w: maker: key of %d bytes", ErrMalformed, len(t.Maker))
		case t.Name == "" || len(t.Name) > device.MaxFieldLen:
			return fmt.Errorf("%w: maker: name of %d bytes, want 1 to %d", ErrMalformed, len(t.Name), device.MaxFieldLen)
		case len(t.Validator) != ed25519.PublicKeySize || len(t.Signature) != ed25519.SignatureSize:
			return fmt.Errorf("%w: maker: validator key or signature of the wrong size", ErrMalformed)
		case len(t.Certificate) > 0 || len(t.Owner) > 0 || len(t.Envelope) > 0 || t.Epoch != 0 || len(t.RootSignature) > 0 || len(t.CheckpointSignature) > 0:
			return fmt.Errorf("%w: maker: fields of another kind", ErrMalformed)
		}
	case TxRotate, TxRevoke:
		switch {
		case len(t.Message) == 0:
			return fmt.Errorf("%w: %s: message missing", ErrMalformed, t.Kind)
		case len(t.Message) > device.MaxMessageSize:
			return fmt.Errorf("%w: %s: message of %d bytes, at most %d", ErrTooLarge, t.Kind, len(t.Message), device.MaxMessageSize)
		case len(t.Certificate) > 0 || len(t.Owner) > 0 || len(t.Envelope) > 0 || t.Epoch != 0 || len(t.RootSignature) > 0 || len(t.CheckpointSignature) > 0:
			return fmt.Errorf("%w: %s: fields of another kind", ErrMalformed, t.Kind)
		}
	case TxRegister:
		switch {
		case len(t.Certificate) == 0 || len(t.Owner) == 0:
			return fmt.Errorf("%w: register: certificate and owner binding are required", ErrMalformed)
		case len(t.Certificate) > device.MaxCertificateSize:
			return fmt.Errorf("%w: register: certificate of %d bytes, at most %d", ErrTooLarge, len(t.Certificate), device.MaxCertificateSize)
		case len(t.Owner) > device.MaxMessageSize:
			return fmt.Errorf("%w: register: owner binding of %d bytes, at most %d", ErrTooLarge, len(t.Owner), device.MaxMessageSize)
		case len(t.Envelope) > 0 || t.Epoch != 0 || len(t.RootSignature) > 0 || len(t.CheckpointSignature) > 0:
			return fmt.Errorf("%w: register: fields of another kind", ErrMalformed)
		}
	case TxEnvelope:
		switch {
		case len(t.Envelope) == 0:
			return fmt.Errorf("%w: envelope: empty", ErrMalformed)
		case len(t.Envelope) > device.MaxEnvelopeSize:
			return fmt.Errorf("%w: envelope of %d bytes, at most %d", ErrTooLarge, len(t.Envelope), device.MaxEnvelopeSize)
		case len(t.Certificate) > 0 || len(t.Owner) > 0 || t.Epoch != 0 || len(t.RootSignature) > 0 || len(t.CheckpointSignature) > 0:
			return fmt.Errorf("%w: envelope: fields of another kind", ErrMalformed)
		}
	case TxVote:
		switch {
		case len(t.CheckpointSignature) != signatureSize:
			return fmt.Errorf("%w: vote: checkpoint signature of %d bytes, want %d", ErrMalformed, len(t.CheckpointSignature), signatureSize)
		case len(t.RootSignature) != 0 && len(t.RootSignature) != signatureSize:
			return fmt.Errorf("%w: vote: root signature of %d bytes, want %d or none", ErrMalformed, len(t.RootSignature), signatureSize)
		case len(t.SetSignature) != 0 && len(t.SetSignature) != signatureSize:
			return fmt.Errorf("%w: vote: validator set signature of %d bytes, want %d or none", ErrMalformed, len(t.SetSignature), signatureSize)
		case len(t.Certificate) > 0 || len(t.Owner) > 0 || len(t.Envelope) > 0:
			return fmt.Errorf("%w: vote: fields of another kind", ErrMalformed)
		}
	default:
		return fmt.Errorf("%w: unknown kind %d", ErrMalformed, uint8(t.Kind))
	}
	return nil
}
