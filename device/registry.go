package device

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Resolver gives the key a device signs with now. Opener needs nothing more of a
// registry, so anything that can answer it (a cache, a chain state view) will do.
type Resolver interface {
	// DeviceKey returns the current key of device id, or an error wrapping
	// ErrUnknownDevice or ErrRevoked.
	DeviceKey(id ID) (PublicKey, error)
}

// Registry is the set of approved makers and registered devices. Every method
// checks its input fully before it changes anything: a call that returns an error
// leaves the registry as it was. Implementations are deterministic (the same calls
// in the same order give the same Snapshot) and safe for concurrent use.
type Registry interface {
	Resolver

	// ApproveMaker lets the holder of key certify devices from now on (again, if it
	// was retired). name is for people, 1 to MaxFieldLen bytes.
	ApproveMaker(key PublicKey, name string) error
	// RetireMaker stops a maker from certifying new devices. Devices it certified
	// stay registered, and it may still revoke them.
	RetireMaker(id ID) error
	// Maker returns an approved or retired maker.
	Maker(id ID) (Maker, error)

	// Register adds the device a certificate names. The certificate must be signed
	// by an approved maker and valid at now. owner, if not nil, pairs the device
	// with its owner at once (Nonce 0).
	Register(cert *Certificate, owner *OwnerBinding, now time.Time) (Record, error)
	// Bind pairs a registered device that has no owner with one.
	Bind(b *OwnerBinding) error
	// Rotate moves a device to a new key (signed by the current key and the new one).
	Rotate(r *KeyRotation) error
	// Revoke withdraws a device for good, signed by its maker or its owner.
	Revoke(r *Revocation) error

	// Device returns the record of a registered (or revoked) device.
	Device(id ID) (Record, error)
	// LookupDID returns the device that holds, or once held, the key of a DID.
	LookupDID(did string) (Record, error)
	// Len returns the number of registered devices, revoked ones included.
	Len() int

	// Snapshot encodes the whole registry as canonical CBOR: equal registries give
	// equal bytes.
	Snapshot() ([]byte, error)
	// Restore replaces the registry's contents with a snapshot, after checking all
	// of it. On error the registry is unchanged.
	Restore(snapshot []byte) error
}

// Maker is a manufacturer whose key signs device certificates.
type Maker struct {
	Key     PublicKey
	Name    string
	Retired bool
}

// ID returns the maker's ID, derived from its key like a device ID.
func (m Maker) ID() ID { return m.Key.ID() }

// Record is what a Registry knows of one device.
type Record struct {
	// ID is the device ID: that of the key its certificate names.
	ID ID
	// Certificate is the maker certificate the device registered with.
	Certificate *Certificate
	// Key is the key the device signs with now (Certificate.Device until a rotation).
	Key PublicKey
	// PastKeys are the keys the device held before Key, oldest first.
	PastKeys []PublicKey
	// Owner is the device's owner, or the zero key.
	Owner PublicKey
	// Bindings counts past owner bindings; the next OwnerBinding.Nonce must equal it.
	Bindings uint64
	// RegisteredAt is the time passed to Register.
	RegisteredAt time.Time
	// Revoked is set by Revoke, with who revoked it and why.
	Revoked       bool
	RevokedBy     PublicKey
	RevokedReason string
}

// Rotations returns the number of key rotations so far: the Counter the next
// KeyRotation must carry.
func (r Record) Rotations() uint64 { return uint64(len(r.PastKeys)) }

func (r Record) clone() Record {
	r.Certificate = r.Certificate.clone()
	r.PastKeys = slices.Clone(r.PastKeys)
	return r
}

// MemoryRegistry is a Registry held in memory.
type MemoryRegistry struct {
	network [32]byte // what owner bindings, rotations and revocations are signed for
	mu      sync.RWMutex
	makers  map[ID]*Maker
	devices map[ID]*Record
	keys    map[ID]ID // ID of every key a device holds or held -> device ID
}

var _ Registry = (*MemoryRegistry)(nil)

// NewMemoryRegistry returns an empty registry of no network: owner bindings,
// rotations and revocations must be signed for none.
func NewMemoryRegistry() *MemoryRegistry {
	return NewMemoryRegistryFor([32]byte{})
}

// NewMemoryRegistryFor returns an empty registry of a network (a subnet's
// genesis hash): owner bindings, rotations and revocations must be signed for
// it (their Network field, set by the registry before it verifies; ForNetwork
// on the signing side), so that one signed for another network is refused
// with ErrBadSignature.
func NewMemoryRegistryFor(network [32]byte) *MemoryRegistry {
	return &MemoryRegistry{network: network, makers: map[ID]*Maker{}, devices: map[ID]*Record{}, keys: map[ID]ID{}}
}

// ApproveMaker implements Registry.
func (r *MemoryRegistry) ApproveMaker(key PublicKey, name string) error {
	if key.IsZero() {
		return fmt.Errorf("%w: maker key missing", ErrInvalidKey)
	}
	if err := checkText("maker name", name); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.makers[key.ID()]; ok && !m.Retired {
		return fmt.Errorf("%w: maker %s (%s)", ErrExists, key.ID(), m.Name)
	}
	r.makers[key.ID()] = &Maker{Key: key, Name: name}
	return nil
}

// RetireMaker implements Registry.
func (r *MemoryRegistry) RetireMaker(id ID) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.makers[id]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownMaker, id)
	}
	if m.Retired {
		return fmt.Errorf("%w: %s (%s)", ErrMakerRetired, id, m.Name)
	}
	m.Retired = true
	return nil
}

// Maker implements Registry.
func (r *MemoryRegistry) Maker(id ID) (Maker, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	m, ok := r.makers[id]
	if !ok {
		return Maker{}, fmt.Errorf("%w: %s", ErrUnknownMaker, id)
	}
	return *m, nil
}

// update applies one change. check reads the state the change depends on and
// returns the key its signatures must verify against; it runs under the read lock,
// then verify checks signatures with no lock held (they are slow and need no
// state), then check runs again under the write lock, and apply runs only if it
// still passes. If the key changed in between, verify runs again. So the outcome
// is as if everything ran under the write lock, without making Open wait on
// signature checks.
func (r *MemoryRegistry) update(check func() (PublicKey, error), verify func(PublicKey) error, apply func()) error {
	r.mu.RLock()
	key, err := check()
	r.mu.RUnlock()
	if err != nil {
		return err
	}
	if err := verify(key); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	again, err := check()
	if err != nil {
		return err
	}
	if !again.Equal(key) {
		if err := verify(again); err != nil {
			return err
		}
	}
	apply()
	return nil
}

// Register implements Registry.
func (r *MemoryRegistry) Register(cert *Certificate, owner *OwnerBinding, now time.Time) (Record, error) {
	if cert == nil {
		return Record{}, fmt.Errorf("%w: register: certificate missing", ErrMalformed)
	}
	id := cert.ID()
	rec := &Record{ID: id, Key: cert.Device, RegisteredAt: now, Certificate: cert.clone()}
	if owner != nil {
		o := *owner
		o.Network, owner = r.network, &o
		rec.Owner, rec.Bindings = owner.Owner, 1
	}
	err := r.update(func() (PublicKey, error) {
		m, ok := r.makers[cert.Maker.ID()]
		if !ok {
			return PublicKey{}, fmt.Errorf("%w: %s signed the certificate of device %s", ErrUnknownMaker, cert.Maker.ID(), id)
		}
		if m.Retired {
			return PublicKey{}, fmt.Errorf("%w: %s (%s) signed the certificate of device %s", ErrMakerRetired, m.ID(), m.Name, id)
		}
		return cert.Device, r.checkNewKeyLocked(id)
	}, func(PublicKey) error {
		if err := cert.Verify(now); err != nil {
			return err
		}
		if owner != nil {
			return checkBinding(&Record{ID: id, Key: cert.Device}, owner)
		}
		return nil
	}, func() {
		r.devices[id] = rec
		r.keys[id] = id
	})
	if err != nil {
		return Record{}, err
	}
	return rec.clone(), nil
}

// checkNewKeyLocked refuses a key some device holds or held.
func (r *MemoryRegistry) checkNewKeyLocked(keyID ID) error {
	dev, ok := r.keys[keyID]
	if !ok {
		return nil
	}
	if rec := r.devices[dev]; rec.Revoked {
		return fmt.Errorf("%w: key %s belongs to revoked device %s", ErrRevoked, keyID, dev)
	}
	return fmt.Errorf("%w: key %s belongs to device %s", ErrExists, keyID, dev)
}

// checkBindingState checks a binding against a record, signatures aside.
func checkBindingState(rec *Record, b *OwnerBinding) error {
	if b.Device != rec.ID {
		return fmt.Errorf("%w: owner binding names device %s, not %s", ErrUnauthorized, b.Device, rec.ID)
	}
	if !rec.Owner.IsZero() {
		return fmt.Errorf("%w: device %s already has owner %s", ErrExists, rec.ID, rec.Owner)
	}
	if b.Nonce != rec.Bindings {
		return fmt.Errorf("%w: owner binding of device %s has nonce %d, want %d", ErrStale, rec.ID, b.Nonce, rec.Bindings)
	}
	return nil
}

// checkBinding checks a binding against a record, signatures included.
func checkBinding(rec *Record, b *OwnerBinding) error {
	if err := checkBindingState(rec, b); err != nil {
		return err
	}
	return b.Verify(rec.Key)
}

// liveLocked returns the record of a registered, unrevoked device.
func (r *MemoryRegistry) liveLocked(id ID) (*Record, error) {
	rec, ok := r.devices[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownDevice, id)
	}
	if rec.Revoked {
		return nil, fmt.Errorf("%w: %s", ErrRevoked, id)
	}
	return rec, nil
}

// Bind implements Registry.
func (r *MemoryRegistry) Bind(b *OwnerBinding) error {
	bb := *b
	bb.Network, b = r.network, &bb
	var rec *Record
	return r.update(func() (PublicKey, error) {
		var err error
		if rec, err = r.liveLocked(b.Device); err != nil {
			return PublicKey{}, err
		}
		return rec.Key, checkBindingState(rec, b)
	}, b.Verify, func() {
		rec.Owner = b.Owner
		rec.Bindings++
	})
}

// Rotate implements Registry.
func (r *MemoryRegistry) Rotate(rot *KeyRotation) error {
	rr := *rot
	rr.Network, rot = r.network, &rr
	var rec *Record
	return r.update(func() (PublicKey, error) {
		var err error
		if rec, err = r.liveLocked(rot.Device); err != nil {
			return PublicKey{}, err
		}
		if rot.Counter != rec.Rotations() {
			return PublicKey{}, fmt.Errorf("%w: key rotation of device %s has counter %d, want %d", ErrStale, rec.ID, rot.Counter, rec.Rotations())
		}
		return rec.Key, r.checkNewKeyLocked(rot.NewKey.ID())
	}, rot.Verify, func() {
		rec.PastKeys = append(rec.PastKeys, rec.Key)
		rec.Key = rot.NewKey
		r.keys[rot.NewKey.ID()] = rec.ID
	})
}

// Revoke implements Registry.
func (r *MemoryRegistry) Revoke(rev *Revocation) error {
	rv := *rev
	rv.Network, rev = r.network, &rv
	var rec *Record
	return r.update(func() (PublicKey, error) {
		var err error
		if rec, err = r.liveLocked(rev.Device); err != nil {
			return PublicKey{}, err
		}
		if !rev.By.Equal(rec.Certificate.Maker) && (rec.Owner.IsZero() || !rev.By.Equal(rec.Owner)) {
			return PublicKey{}, fmt.Errorf("%w: %s is neither the maker nor the owner of device %s", ErrUnauthorized, rev.By, rec.ID)
		}
		return rev.By, nil
	}, func(PublicKey) error { return rev.Verify() }, func() {
		rec.Revoked, rec.RevokedBy, rec.RevokedReason = true, rev.By, rev.Reason
	})
}

// DeviceKey implements Resolver.
func (r *MemoryRegistry) DeviceKey(id ID) (PublicKey, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	rec, err := r.liveLocked(id)
	if err != nil {
		return PublicKey{}, err
	}
	return rec.Key, nil
}

// Device implements Registry.
func (r *MemoryRegistry) Device(id ID) (Record, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	rec, ok := r.devices[id]
	if !ok {
		return Record{}, fmt.Errorf("%w: %s", ErrUnknownDevice, id)
	}
	return rec.clone(), nil
}

// LookupDID implements Registry.
func (r *MemoryRegistry) LookupDID(did string) (Record, error) {
	key, err := ParseDID(did)
	if err != nil {
		return Record{}, err
	}
	r.mu.RLock()
	dev, ok := r.keys[key.ID()]
	r.mu.RUnlock()
	if !ok {
		return Record{}, fmt.Errorf("%w: no device holds %s", ErrUnknownDevice, truncate(did))
	}
	return r.Device(dev)
}

// Len implements Registry.
func (r *MemoryRegistry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.devices)
}
