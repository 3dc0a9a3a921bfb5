package device

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/internal/canonical"
)

// The snapshot wire format: makers and devices sorted by ID.
type snapshotWire struct {
	_       struct{} `cbor:",toarray"`
	Version uint8
	Makers  []makerWire
	Devices []deviceWire
}

type makerWire struct {
	_       struct{} `cbor:",toarray"`
	Key     []byte
	Name    string
	Retired bool
}

type deviceWire struct {
	_             struct{} `cbor:",toarray"`
	Certificate   []byte
	Keys          [][]byte // every key held, oldest first: Keys[0] is the certificate's, the last is current
	Owner         []byte   // empty: no owner
	Bindings      uint64
	RegisteredAt  int64 // Unix nanoseconds
	Revoked       bool
	RevokedBy     []byte // empty unless revoked
	RevokedReason string
}

const snapshotVersion = 1

// MaxSnapshotEntries bounds the makers, and the devices, one snapshot may hold.
const MaxSnapshotEntries = 1 << 24

// maxKeysPerDevice bounds the rotation history a snapshot may hold for one device.
const maxKeysPerDevice = 1 << 16

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{
	MaxNested: 8, MaxArray: MaxSnapshotEntries, MaxMap: 16,
})

// Snapshot implements Registry. The encoding is canonical CBOR of makers and
// devices in ID order, so equal registries give equal bytes.
func (r *MemoryRegistry) Snapshot() ([]byte, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	w := snapshotWire{Version: snapshotVersion}
	for _, id := range sortedIDs(r.makers) {
		m := r.makers[id]
		w.Makers = append(w.Makers, makerWire{Key: mustBinary(m.Key), Name: m.Name, Retired: m.Retired})
	}
	for _, id := range sortedIDs(r.devices) {
		rec := r.devices[id]
		cert, err := rec.Certificate.Marshal()
		if err != nil {
			return nil, fmt.Errorf("device: snapshot: device %s: %w", id, err)
		}
		d := deviceWire{
			Certificate:   cert,
			Bindings:      rec.Bindings,
			RegisteredAt:  rec.RegisteredAt.UnixNano(),
			Revoked:       rec.Revoked,
			RevokedReason: rec.RevokedReason,
		}
		for _, k := range rec.PastKeys {
			d.Keys = append(d.Keys, mustBinary(k))
		}
		d.Keys = append(d.Keys, mustBinary(rec.Key))
		if !rec.Owner.IsZero() {
			d.Owner = mustBinary(rec.Owner)
		}
		if rec.Revoked {
			d.RevokedBy = mustBinary(rec.RevokedBy)
		}
		w.Devices = append(w.Devices, d)
	}
	return canonical.Marshal(w)
}

// Restore implements Registry. It checks the snapshot's structure and consistency
// (canonical encoding, order, keys, every device's maker present, no key held by
// two devices) but not the certificate and message signatures inside it: those were
// checked when the state was built, and a snapshot from elsewhere must be checked
// against a committed digest of it before it is restored.
func (r *MemoryRegistry) Restore(snapshot []byte) error {
	var w snapshotWire
	if err := snapshotDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return fmt.Errorf("%w: snapshot: %v", ErrMalformed, err)
	}
	if w.Version != snapshotVersion {
		return fmt.Errorf("%w: snapshot version %d, want %d", ErrMalformed, w.Version, snapshotVersion)
	}
	makers := make(map[ID]*Maker, len(w.Makers))
	var prev ID
	for i, mw := range w.Makers {
		var m Maker
		if err := m.Key.UnmarshalBinary(mw.Key); err != nil {
			return fmt.Errorf("snapshot: makers[%d].key: %w", i, err)
		}
		if err := checkText(fmt.Sprintf("snapshot: makers[%d].name", i), mw.Name); err != nil {
			return err
		}
		m.Name, m.Retired = mw.Name, mw.Retired
		if i > 0 && bytes.Compare(prev[:], m.ID().Bytes()) >= 0 {
			return fmt.Errorf("%w: snapshot: makers[%d] out of order", ErrMalformed, i)
		}
		prev = m.ID()
		makers[m.ID()] = &m
	}
	devices := make(map[ID]*Record, len(w.Devices))
	keys := make(map[ID]ID, len(w.Devices))
	for i, dw := range w.Devices {
		rec, err := restoreDevice(dw, makers)
		if err != nil {
			return fmt.Errorf("snapshot: devices[%d]: %w", i, err)
		}
		if i > 0 && bytes.Compare(prev[:], rec.ID[:]) >= 0 {
			return fmt.Errorf("%w: snapshot: devices[%d] out of order", ErrMalformed, i)
		}
		prev = rec.ID
		for _, k := range append(slices.Clone(rec.PastKeys), rec.Key) {
			if other, dup := keys[k.ID()]; dup {
				return fmt.Errorf("%w: snapshot: devices[%d]: key %s also held by device %s", ErrMalformed, i, k.ID(), other)
			}
			keys[k.ID()] = rec.ID
		}
		devices[rec.ID] = rec
	}
	r.mu.Lock()
	r.makers, r.devices, r.keys = makers, devices, keys
	r.mu.Unlock()
	return nil
}

func restoreDevice(dw deviceWire, makers map[ID]*Maker) (*Record, error) {
	cert, err := ParseCertificate(dw.Certificate)
	if err != nil {
		return nil, err
	}
	if _, ok := makers[cert.Maker.ID()]; !ok {
		return nil, fmt.Errorf("%w: certificate maker %s is not in the snapshot", ErrUnknownMaker, cert.Maker.ID())
	}
	if len(dw.Keys) == 0 || len(dw.Keys) > maxKeysPerDevice {
		return nil, fmt.Errorf("%w: %d keys, want 1 to %d", ErrMalformed, len(dw.Keys), maxKeysPerDevice)
	}
	held := make([]PublicKey, len(dw.Keys))
	for j, kb := range dw.Keys {
		if err := held[j].UnmarshalBinary(kb); err != nil {
			return nil, fmt.Errorf("keys[%d]: %w", j, err)
		}
	}
	if !held[0].Equal(cert.Device) {
		return nil, fmt.Errorf("%w: keys[0] is not the certificate's device key", ErrMalformed)
	}
	rec := &Record{
		ID:           cert.ID(),
		Certificate:  cert,
		Key:          held[len(held)-1],
		Bindings:     dw.Bindings,
		RegisteredAt: time.Unix(0, dw.RegisteredAt).UTC(),
	}
	if len(held) > 1 {
		rec.PastKeys = held[:len(held)-1]
	}
	if len(dw.Owner) > 0 {
		if err := rec.Owner.UnmarshalBinary(dw.Owner); err != nil {
			return nil, fmt.Errorf("owner: %w", err)
		}
		if rec.Bindings == 0 {
			return nil, fmt.Errorf("%w: an owner but no bindings", ErrMalformed)
		}
	}
	if dw.Revoked {
		if err := rec.RevokedBy.UnmarshalBinary(dw.RevokedBy); err != nil {
			return nil, fmt.Errorf("revoked_by: %w", err)
		}
		if err := checkText("revoked_reason", dw.RevokedReason); err != nil {
			return nil, err
		}
		rec.Revoked, rec.RevokedReason = true, dw.RevokedReason
	} else if len(dw.RevokedBy) > 0 || dw.RevokedReason != "" {
		return nil, fmt.Errorf("%w: revocation fields on a live device", ErrMalformed)
	}
	return rec, nil
}

// mustBinary encodes a key the registry holds; such keys are never zero.
func mustBinary(k PublicKey) []byte {
	b, err := k.MarshalBinary()
	if err != nil {
		panic("device: registry holds an invalid key: " + err.Error())
	}
	return b
}

func sortedIDs[V any](m map[ID]V) []ID {
	ids := make([]ID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b ID) int { return bytes.Compare(a[:], b[:]) })
	return ids
}
