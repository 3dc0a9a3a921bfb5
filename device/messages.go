package device

import (
	"encoding/hex"
	"fmt"

	"github.com/depinkit/depinkit/internal/canonical"
)

// MaxMessageSize bounds an encoded OwnerBinding, KeyRotation or Revocation.
const MaxMessageSize = 1024

// OwnerBinding pairs a device with an owner (the account its rewards go to). Both
// sign it, the device with its current key and the owner with theirs, as DIMO pairs
// vehicles: nobody can claim a device they do not hold, and no device can be pushed
// onto an owner who did not agree.
type OwnerBinding struct {
	Device ID
	Owner  PublicKey
	// Nonce is the number of bindings the device had before this one (0 for the
	// first), so an old binding cannot be replayed.
	Nonce           uint64
	DeviceSignature []byte
	OwnerSignature  []byte
	// Network is the network the binding is signed for (a subnet's genesis
	// hash; zero: none). It is not encoded: it is part of the signed domain,
	// and the registry sets its own before it verifies (NewMemoryRegistryFor).
	Network [32]byte
}

type ownerBindingWire struct {
	_               struct{} `cbor:",toarray"`
	Device          []byte
	Owner           []byte
	Nonce           uint64
	DeviceSignature []byte
	OwnerSignature  []byte
}

const ownerBindingDomain = "depinkit/owner-binding/v1"

// NewOwnerBinding signs a binding of device to owner with both keys, for the
// network of device if it is a NetworkSigner (ForNetwork). When the two keys
// live on different machines, fill the fields and call SignDevice and
// SignOwner where each key is.
func NewOwnerBinding(device Signer, deviceID ID, owner Signer, nonce uint64) (*OwnerBinding, error) {
	b := &OwnerBinding{Device: deviceID, Owner: owner.Public(), Nonce: nonce, Network: networkOf(device)}
	if err := b.SignDevice(device); err != nil {
		return nil, err
	}
	if err := b.SignOwner(owner); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *OwnerBinding) signedBytes() ([]byte, error) {
	owner, err := b.Owner.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("owner binding: owner: %w", err)
	}
	return signedBytes(domainFor(ownerBindingDomain, b.Network), ownerBindingWire{Device: b.Device[:], Owner: owner, Nonce: b.Nonce})
}

// SignDevice adds the device's signature.
func (b *OwnerBinding) SignDevice(device Signer) error {
	sig, err := signWith(device, b.signedBytes)
	b.DeviceSignature = sig
	return err
}

// SignOwner adds the owner's signature; owner must hold b.Owner.
func (b *OwnerBinding) SignOwner(owner Signer) error {
	if !owner.Public().Equal(b.Owner) {
		return fmt.Errorf("%w: owner binding: signer is not the owner %s", ErrUnauthorized, b.Owner)
	}
	sig, err := signWith(owner, b.signedBytes)
	b.OwnerSignature = sig
	return err
}

// Verify checks both signatures, the device's against deviceKey.
func (b *OwnerBinding) Verify(deviceKey PublicKey) error {
	msg, err := b.signedBytes()
	if err != nil {
		return err
	}
	if err := deviceKey.Verify(msg, b.DeviceSignature); err != nil {
		return fmt.Errorf("owner binding of device %s: device signature: %w", b.Device, err)
	}
	if err := b.Owner.Verify(msg, b.OwnerSignature); err != nil {
		return fmt.Errorf("owner binding of device %s: owner signature: %w", b.Device, err)
	}
	return nil
}

// Marshal encodes the binding as canonical CBOR.
func (b *OwnerBinding) Marshal() ([]byte, error) {
	owner, err := b.Owner.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("owner binding: owner: %w", err)
	}
	return canonical.Marshal(ownerBindingWire{
		Device: b.Device[:], Owner: owner, Nonce: b.Nonce,
		DeviceSignature: b.DeviceSignature, OwnerSignature: b.OwnerSignature,
	})
}

// ParseOwnerBinding decodes what Marshal produced; Verify checks the signatures.
func ParseOwnerBinding(data []byte) (*OwnerBinding, error) {
	var w ownerBindingWire
	if err := parseMessage("owner binding", data, &w); err != nil {
		return nil, err
	}
	b := &OwnerBinding{Nonce: w.Nonce, DeviceSignature: w.DeviceSignature, OwnerSignature: w.OwnerSignature}
	var err error
	if b.Device, err = idFromBytes("owner binding: device", w.Device); err != nil {
		return nil, err
	}
	if err := b.Owner.UnmarshalBinary(w.Owner); err != nil {
		return nil, fmt.Errorf("owner binding: owner: %w", err)
	}
	return b, nil
}

// KeyRotation moves a registered device to a new key. The current key signs it (it
// authorises the move) and so does the new key (proof that the device holds it).
// The device keeps its ID.
type KeyRotation struct {
	Device ID
	// Counter is the number of rotations the device had before this one, so an old
	// rotation cannot be replayed.
	Counter      uint64
	NewKey       PublicKey
	OldSignature []byte
	NewSignature []byte
	// Network is the network the rotation is signed for (see
	// OwnerBinding.Network).
	Network [32]byte
}

type keyRotationWire struct {
	_            struct{} `cbor:",toarray"`
	Device       []byte
	Counter      uint64
	NewKey       []byte
	OldSignature []byte
	NewSignature []byte
}

const keyRotationDomain = "depinkit/key-rotation/v1"

// NewKeyRotation signs a rotation of device from the key oldKey holds to the one
// newKey holds, for the network of oldKey if it is a NetworkSigner. counter is
// Record.Rotations.
func NewKeyRotation(device ID, counter uint64, oldKey, newKey Signer) (*KeyRotation, error) {
	r := &KeyRotation{Device: device, Counter: counter, NewKey: newKey.Public(), Network: networkOf(oldKey)}
	var err error
	if r.OldSignature, err = signWith(oldKey, r.signedBytes); err != nil {
		return nil, err
	}
	if r.NewSignature, err = signWith(newKey, r.signedBytes); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *KeyRotation) signedBytes() ([]byte, error) {
	nk, err := r.NewKey.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("key rotation: new key: %w", err)
	}
	return signedBytes(domainFor(keyRotationDomain, r.Network), keyRotationWire{Device: r.Device[:], Counter: r.Counter, NewKey: nk})
}

// Verify checks the old key's signature against oldKey and the new key's own.
func (r *KeyRotation) Verify(oldKey PublicKey) error {
	msg, err := r.signedBytes()
	if err != nil {
		return err
	}
	if err := oldKey.Verify(msg, r.OldSignature); err != nil {
		return fmt.Errorf("key rotation of device %s: old key signature: %w", r.Device, err)
	}
	if err := r.NewKey.Verify(msg, r.NewSignature); err != nil {
		return fmt.Errorf("key rotation of device %s: new key signature: %w", r.Device, err)
	}
	return nil
}

// Marshal encodes the rotation as canonical CBOR.
func (r *KeyRotation) Marshal() ([]byte, error) {
	nk, err := r.NewKey.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("key rotation: new key: %w", err)
	}
	return canonical.Marshal(keyRotationWire{
		Device: r.Device[:], Counter: r.Counter, NewKey: nk,
		OldSignature: r.OldSignature, NewSignature: r.NewSignature,
	})
}

// ParseKeyRotation decodes what Marshal produced; Verify checks the signatures.
func ParseKeyRotation(data []byte) (*KeyRotation, error) {
	var w keyRotationWire
	if err := parseMessage("key rotation", data, &w); err != nil {
		return nil, err
	}
	r := &KeyRotation{Counter: w.Counter, OldSignature: w.OldSignature, NewSignature: w.NewSignature}
	var err error
	if r.Device, err = idFromBytes("key rotation: device", w.Device); err != nil {
		return nil, err
	}
	if err := r.NewKey.UnmarshalBinary(w.NewKey); err != nil {
		return nil, fmt.Errorf("key rotation: new key: %w", err)
	}
	return r, nil
}

// Revocation withdraws a device for good. Its maker (the key that signed its
// certificate) or its current owner signs it.
type Revocation struct {
	Device ID
	// Reason is free text for operators, 1 to MaxFieldLen bytes.
	Reason    string
	By        PublicKey
	Signature []byte
	// Network is the network the revocation is signed for (see
	// OwnerBinding.Network).
	Network [32]byte
}

type revocationWire struct {
	_         struct{} `cbor:",toarray"`
	Device    []byte
	Reason    string
	By        []byte
	Signature []byte
}

const revocationDomain = "depinkit/revocation/v1"

// NewRevocation signs the revocation of device by the maker or owner key by
// holds, for the network of by if it is a NetworkSigner.
func NewRevocation(device ID, reason string, by Signer) (*Revocation, error) {
	if err := checkText("reason", reason); err != nil {
		return nil, err
	}
	r := &Revocation{Device: device, Reason: reason, By: by.Public(), Network: networkOf(by)}
	var err error
	r.Signature, err = signWith(by, r.signedBytes)
	return r, err
}

func (r *Revocation) signedBytes() ([]byte, error) {
	by, err := r.By.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("revocation: by: %w", err)
	}
	return signedBytes(domainFor(revocationDomain, r.Network), revocationWire{Device: r.Device[:], Reason: r.Reason, By: by})
}

// Verify checks the reason and that r.By signed r. Whether r.By may revoke the
// device is the Registry's decision.
func (r *Revocation) Verify() error {
	if err := checkText("reason", r.Reason); err != nil {
		return err
	}
	msg, err := r.signedBytes()
	if err != nil {
		return err
	}
	if err := r.By.Verify(msg, r.Signature); err != nil {
		return fmt.Errorf("revocation of device %s: %w", r.Device, err)
	}
	return nil
}

// Marshal encodes the revocation as canonical CBOR.
func (r *Revocation) Marshal() ([]byte, error) {
	by, err := r.By.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("revocation: by: %w", err)
	}
	return canonical.Marshal(revocationWire{Device: r.Device[:], Reason: r.Reason, By: by, Signature: r.Signature})
}

// ParseRevocation decodes what Marshal produced; Verify checks the signature.
func ParseRevocation(data []byte) (*Revocation, error) {
	var w revocationWire
	if err := parseMessage("revocation", data, &w); err != nil {
		return nil, err
	}
	r := &Revocation{Reason: w.Reason, Signature: w.Signature}
	var err error
	if r.Device, err = idFromBytes("revocation: device", w.Device); err != nil {
		return nil, err
	}
	if err := r.By.UnmarshalBinary(w.By); err != nil {
		return nil, fmt.Errorf("revocation: by: %w", err)
	}
	return r, nil
}

func signWith(s Signer, msg func() ([]byte, error)) ([]byte, error) {
	m, err := msg()
	if err != nil {
		return nil, err
	}
	return s.Sign(m)
}

func parseMessage(kind string, data []byte, w any) error {
	if len(data) > MaxMessageSize {
		return fmt.Errorf("%w: %s is %d bytes, at most %d", ErrTooLarge, kind, len(data), MaxMessageSize)
	}
	if err := canonical.UnmarshalCanonical(data, w); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMalformed, kind, err)
	}
	return nil
}

func idFromBytes(field string, b []byte) (ID, error) {
	var id ID
	if len(b) != len(id) {
		return ID{}, fmt.Errorf("%w: %s is %d bytes, want %d", ErrMalformed, field, len(b), len(id))
	}
	copy(id[:], b)
	return id, nil
}

// domainFor returns the signing domain of a message kind for a network: the
// kind's domain, and for a network other than zero its hash in hex after an
// '@', so that what is signed for one network is no message of another.
func domainFor(domain string, network [32]byte) string {
	if network == ([32]byte{}) {
		return domain
	}
	return domain + "@" + hex.EncodeToString(network[:])
}

// networkOf returns the network of a NetworkSigner, zero for another Signer.
func networkOf(s Signer) [32]byte {
	if ns, ok := s.(NetworkSigner); ok {
		return ns.Network()
	}
	return [32]byte{}
}
