package bandwidth

import (
	"bytes"
	"cmp"
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/reward"
)

// DefaultUnitsPerGB is Config.UnitsPerGB's default: one million units per
// gigabyte (10^9 bytes), i.e. one unit per kilobyte.
const DefaultUnitsPerGB = 1_000_000

const bytesPerGB = 1_000_000_000

// Config configures a Ledger. The zero value of each field means its default.
type Config struct {
	// MaxBytesPerSecond is the highest plausible rate of a session; faster
	// sessions are ReasonRateTooHigh. Default DefaultMaxBytesPerSecond.
	MaxBytesPerSecond uint64
	// UnitsPerGB is how many reward units a provider earns per 10^9 bytes, at
	// most 10^9 (one per byte). Default DefaultUnitsPerGB.
	UnitsPerGB uint64
}

func (c Config) withDefaults() (Config, error) {
	if c.MaxBytesPerSecond == 0 {
		c.MaxBytesPerSecond = DefaultMaxBytesPerSecond
	}
	if c.UnitsPerGB == 0 {
		c.UnitsPerGB = DefaultUnitsPerGB
	}
	if c.UnitsPerGB > bytesPerGB {
		return c, fmt.Errorf("%w: units per GB %d, at most %d", ErrConfig, c.UnitsPerGB, bytesPerGB)
	}
	return c, nil
}

// Units converts bytes to reward units, exactly: floor(bytes × unitsPerGB /
// 10^9), in 128-bit arithmetic (unitsPerGB ≤ 10^9, so the result fits). With
// the default, 1,000,000 per GB, that is floor(bytes / 1000). A Ledger converts
// each provider's epoch total, not each session, so no session's remainder is
// lost and the order of sessions does not matter.
func Units(bytes, unitsPerGB uint64) uint64 {
	hi, lo := bits.Mul64(bytes, min(unitsPerGB, bytesPerGB))
	q, _ := bits.Div64(hi, lo, bytesPerGB)
	return q
}

// ProviderTotal is what a provider served in an epoch.
type ProviderTotal struct {
	Provider device.ID
	Sessions uint64
	Bytes    uint64
	Units    uint64
}

type pair struct{ client, provider device.ID }

// Ledger accepts the sessions of an epoch: it verifies each (Session.Verify),
// refuses a SessionID it has seen this epoch and a nonce not above the last
// accepted for the same client and provider, and adds up bytes per provider.
// Add sessions in commit order and every validator holds the same Ledger;
// Snapshot and RestoreLedger move it as canonical CBOR. Memory grows with the
// pairs and with the epoch's sessions (their IDs). Not safe for concurrent use.
type Ledger struct {
	cfg      Config
	totals   map[device.ID]*ProviderTotal
	nonces   map[pair]uint64 // kept across epochs
	ids      map[[16]byte]struct{}
	rejected [NumReasons]uint64
}

// NewLedger returns an empty Ledger.
func NewLedger(cfg Config) (*Ledger, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Ledger{cfg: cfg, totals: map[device.ID]*ProviderTotal{}, nonces: map[pair]uint64{}, ids: map[[16]byte]struct{}{}}, nil
}

// Config returns the Ledger's configuration, defaults filled in.
func (l *Ledger) Config() Config { return l.cfg }

// Check verifies a session against the Ledger without recording it: every
// check of Session.Verify (with Config.MaxBytesPerSecond), then duplicate
// SessionID, then replayed nonce. A rejection is a *RejectError.
func (l *Ledger) Check(s *Session, keyOf func(device.ID) (device.PublicKey, error)) error {
	if err := s.Verify(keyOf, l.cfg.MaxBytesPerSecond); err != nil {
		return err
	}
	if _, dup := l.ids[s.SessionID]; dup {
		return &RejectError{Reason: ReasonDuplicateSession, Session: s.SessionID}
	}
	if last, ok := l.nonces[pair{s.Client, s.Provider}]; ok && s.Nonce <= last {
		return &RejectError{Reason: ReasonReplayedNonce, Session: s.SessionID, Err: fmt.Errorf("nonce %d, last accepted %d", s.Nonce, last)}
	}
	return nil
}

// Add checks a session (Check) and, if it passes, records it: its ID, its
// nonce, and its bytes on the provider's total. A rejected session is counted
// by reason (Rejected) and changes nothing else.
func (l *Ledger) Add(s *Session, keyOf func(device.ID) (device.PublicKey, error)) error {
	if err := l.Check(s, keyOf); err != nil {
		if r, ok := ReasonOf(err); ok {
			l.rejected[r]++
		}
		return err
	}
	t := l.totals[s.Provider]
	if t == nil {
		t = &ProviderTotal{Provider: s.Provider}
		l.totals[s.Provider] = t
	}
	sum, carry := bits.Add64(t.Bytes, s.Bytes, 0)
	if carry != 0 {
		return fmt.Errorf("%w: provider %s: epoch bytes beyond 2^64-1", ErrOverflow, s.Provider)
	}
	t.Bytes, t.Sessions = sum, t.Sessions+1
	t.Units = Units(t.Bytes, l.cfg.UnitsPerGB)
	l.ids[s.SessionID] = struct{}{}
	l.nonces[pair{s.Client, s.Provider}] = s.Nonce
	return nil
}

// Rejected returns the number of sessions rejected this epoch, by reason.
func (l *Ledger) Rejected() [NumReasons]uint64 { return l.rejected }

// Totals returns each provider's epoch total, in provider ID order.
func (l *Ledger) Totals() []ProviderTotal {
	out := make([]ProviderTotal, 0, len(l.totals))
	for _, t := range l.totals {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b ProviderTotal) int { return bytes.Compare(a.Provider[:], b.Provider[:]) })
	return out
}

// Contributions returns a reward.Contribution per provider, in provider ID
// order: named by its device ID (as reward.ContributorID.String), Units its
// units. Add multipliers (quality, trust) as the network's policy wants.
func (l *Ledger) Contributions() []reward.Contribution {
	ts := l.Totals()
	out := make([]reward.Contribution, len(ts))
	for i, t := range ts {
		out[i] = reward.Contribution{Contributor: t.Provider.String(), Units: new(big.Int).SetUint64(t.Units)}
	}
	return out
}

// Records returns a reward.Record per provider with its units, in provider ID
// order, for a reward.Epoch.
func (l *Ledger) Records() []reward.Record {
	ts := l.Totals()
	out := make([]reward.Record, len(ts))
	for i, t := range ts {
		out[i] = reward.Record{Contributor: reward.ContributorID(t.Provider), Units: t.Units}
	}
	return out
}

// EndEpoch returns the epoch's totals (Totals) and starts the next epoch:
// totals, session IDs and rejection counts are cleared; the nonces stay, so a
// session cannot be replayed in a later epoch either.
func (l *Ledger) EndEpoch() []ProviderTotal {
	ts := l.Totals()
	l.totals = map[device.ID]*ProviderTotal{}
	l.ids = map[[16]byte]struct{}{}
	l.rejected = [NumReasons]uint64{}
	return ts
}

// Snapshots.

const snapshotVersion = 1

// MaxSnapshotEntries bounds each list in a Ledger snapshot.
const MaxSnapshotEntries = 1 << 24

type ledgerWire struct {
	_        struct{} `cbor:",toarray"`
	Version  uint8
	Totals   []totalWire
	Nonces   []nonceWire
	IDs      [][]byte
	Rejected []uint64
}

type totalWire struct {
	_        struct{} `cbor:",toarray"`
	Provider []byte
	Sessions uint64
	Bytes    uint64
}

type nonceWire struct {
	_        struct{} `cbor:",toarray"`
	Client   []byte
	Provider []byte
	Nonce    uint64
}

// Snapshot encodes the Ledger (not its Config) as canonical CBOR, every list
// sorted: equal Ledgers give equal bytes.
func (l *Ledger) Snapshot() ([]byte, error) {
	w := ledgerWire{Version: snapshotVersion, Rejected: l.rejected[:]}
	for _, t := range l.Totals() {
		w.Totals = append(w.Totals, totalWire{Provider: bytes.Clone(t.Provider[:]), Sessions: t.Sessions, Bytes: t.Bytes})
	}
	for p, n := range l.nonces {
		w.Nonces = append(w.Nonces, nonceWire{Client: bytes.Clone(p.client[:]), Provider: bytes.Clone(p.provider[:]), Nonce: n})
	}
	slices.SortFunc(w.Nonces, func(a, b nonceWire) int {
		return cmp.Or(bytes.Compare(a.Client, b.Client), bytes.Compare(a.Provider, b.Provider))
	})
	for id := range l.ids {
		w.IDs = append(w.IDs, bytes.Clone(id[:]))
	}
	slices.SortFunc(w.IDs, bytes.Compare)
	return canonical.Marshal(w)
}

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: MaxSnapshotEntries, MaxMap: 16})

// RestoreLedger decodes what Snapshot produced, with cfg as the Ledger's
// Config. It accepts only what Snapshot could have written: canonical, sorted,
// no duplicates.
func RestoreLedger(data []byte, cfg Config) (*Ledger, error) {
	l, err := NewLedger(cfg)
	if err != nil {
		return nil, err
	}
	var w ledgerWire
	if err := snapshotDecoder.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	if w.Version != snapshotVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrSnapshot, w.Version, snapshotVersion)
	}
	if len(w.Rejected) != NumReasons {
		return nil, fmt.Errorf("%w: %d rejection counts, want %d", ErrSnapshot, len(w.Rejected), NumReasons)
	}
	copy(l.rejected[:], w.Rejected)
	id32 := func(field string, b []byte) (device.ID, error) {
		var id device.ID
		if len(b) != len(id) {
			return id, fmt.Errorf("%w: %s is %d bytes, want %d", ErrSnapshot, field, len(b), len(id))
		}
		copy(id[:], b)
		return id, nil
	}
	for i, t := range w.Totals {
		p, err := id32(fmt.Sprintf("totals[%d].provider", i), t.Provider)
		if err != nil {
			return nil, err
		}
		if i > 0 && bytes.Compare(w.Totals[i-1].Provider, t.Provider) >= 0 {
			return nil, fmt.Errorf("%w: totals[%d] out of order", ErrSnapshot, i)
		}
		if t.Sessions == 0 {
			return nil, fmt.Errorf("%w: totals[%d] has no sessions", ErrSnapshot, i)
		}
		l.totals[p] = &ProviderTotal{Provider: p, Sessions: t.Sessions, Bytes: t.Bytes, Units: Units(t.Bytes, l.cfg.UnitsPerGB)}
	}
	for i, n := range w.Nonces {
		c, err := id32(fmt.Sprintf("nonces[%d].client", i), n.Client)
		if err != nil {
			return nil, err
		}
		p, err := id32(fmt.Sprintf("nonces[%d].provider", i), n.Provider)
		if err != nil {
			return nil, err
		}
		if i > 0 && cmp.Or(bytes.Compare(w.Nonces[i-1].Client, n.Client), bytes.Compare(w.Nonces[i-1].Provider, n.Provider)) >= 0 {
			return nil, fmt.Errorf("%w: nonces[%d] out of order", ErrSnapshot, i)
		}
		l.nonces[pair{c, p}] = n.Nonce
	}
	for i, b := range w.IDs {
		var id [16]byte
		if len(b) != len(id) {
			return nil, fmt.Errorf("%w: ids[%d] is %d bytes, want %d", ErrSnapshot, i, len(b), len(id))
		}
		if i > 0 && bytes.Compare(w.IDs[i-1], b) >= 0 {
			return nil, fmt.Errorf("%w: ids[%d] out of order", ErrSnapshot, i)
		}
		copy(id[:], b)
		l.ids[id] = struct{}{}
	}
	return l, nil
}
