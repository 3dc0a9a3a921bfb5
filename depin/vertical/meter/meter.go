// Package meter is a small but complete vertical, written as a vertical's
// author would write one against the light package depin/vertical: energy
// meters report readings (Wh) signed in envelopes, and may add a usage proof
// bundle (16 readings, on the signature path or in zero knowledge) for a
// second pool.
//
// Rules: certified meters (capability "meter:certified" in their maker
// certificate, kept in the vertical's state as device metadata) score in
// full, others at half; a meter whose epoch total passes MaxEpochWh is
// rejected at scoring ("over-capacity", a late per-claim rejection); epoch n
// emits Emission base units, 3/4 to readings and 1/4 to proofs.
//
// It is the vertical the depin package's tests and examples run, the one
// docs/verticals.md builds step by step, and it passes the conformance suite
// (verticaltest.Run). Meter implements vertical.Typed[Entry]: its Claim
// returns an Entry and its Apply takes one; New returns it adapted
// (vertical.Adapt) for the runtime.
package meter

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"

	"github.com/depinkit/depinkit/canonical"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// Name is the vertical's name, hashed into the subnet's state.
const Name = "meter"

// The envelopes meters send.
const (
	// ContentTypeReading is a reading: a Reading payload, signature only.
	ContentTypeReading = "depin/meter/reading/v1"
)

var (
	// ContentTypeUsage is a usage proof bundle over 16 readings, on either
	// backend.
	ContentTypeUsage = proof.ContentType(proof.UsageStatement(16))
	// ContentTypeThreshold is a zero-knowledge proof that 16 readings reach a
	// minimum; the minimum counts as the meter's usage.
	ContentTypeThreshold = proof.ContentType(proof.ThresholdStatement(16))
)

// Limits and amounts.
const (
	// MaxReadingWh is the most one reading may report.
	MaxReadingWh = 10_000
	// MaxEpochWh is the most a meter may report in an epoch; beyond it all its
	// readings of the epoch are rejected at scoring.
	MaxEpochWh = 50_000
	// Emission is what every epoch mints, in base units.
	Emission = 1_000_000
	// CapabilityCertified marks a certified meter in its maker certificate.
	CapabilityCertified = "meter:certified"
)

// Pool names.
const (
	PoolReadings = "readings"
	PoolProofs   = "proofs"
)

// Rejection reasons of the vertical (vertical.Rejection.Reason).
const (
	ReasonBadReading     = "bad-reading"      // a reading payload that does not decode
	ReasonZeroReading    = "zero-reading"     // a reading of 0 Wh
	ReasonReadingTooHigh = "reading-too-high" // over MaxReadingWh
	ReasonBadBundle      = "bad-bundle"       // a bundle of another statement
	ReasonUnsupported    = "unsupported"      // a content type the vertical does not score
	ReasonOverCapacity   = "over-capacity"    // over MaxEpochWh in an epoch (at scoring)
)

// ErrSnapshot reports a snapshot Restore refuses.
var ErrSnapshot = errors.New("meter: invalid snapshot")

// Reading is the payload of a ContentTypeReading envelope.
type Reading struct {
	_  struct{} `cbor:",toarray"`
	Wh uint64
}

// Entry is the meter's claim: what Claim makes of one envelope.
type Entry struct {
	Device    device.ID
	Seq       uint64
	Certified bool
	Wh        uint64   // a reading's
	Usage     *big.Int // a proof's total, nil for a reading
}

// Meter is the vertical. It is not safe for concurrent use (the runtime calls
// it from one goroutine).
type Meter struct {
	curve reward.Curve
	// weights are the pools' weights by name (PoolReadings 3, PoolProofs 1
	// unless the subnet's spec says otherwise: FromSetup).
	weights map[string]int64
	// State: device metadata, and the open epoch's totals.
	certified map[device.ID]bool
	readings  map[device.ID]*total
	proofs    map[device.ID]*big.Int
}

type total struct {
	wh   uint64
	seqs []uint64
}

var _ vertical.Typed[Entry] = (*Meter)(nil)

// NewMeter returns a meter vertical in its genesis state.
func NewMeter() *Meter {
	c, err := reward.NewConstant(big.NewInt(Emission))
	if err != nil {
		panic(err) // a positive constant: cannot fail
	}
	return &Meter{curve: c, weights: map[string]int64{PoolReadings: 3, PoolProofs: 1},
		certified: map[device.ID]bool{}, readings: map[device.ID]*total{}, proofs: map[device.ID]*big.Int{}}
}

// The meter registers itself under Name when its package is imported, as
// telecom does, so that a program running subnets by their spec ("depinkit
// subnet up") runs a meter subnet too.
func init() {
	vertical.Register(Name, FromSetup)
}

// FromSetup is the meter's factory (vertical.Factory): a meter whose pools
// weigh what the subnet's [reward.pools] says (readings and proofs; any
// other name is an error, a pool left out weighs 0). The meter has no
// settings: a [verticals.meter] section with any key is refused. The
// emission curve is the subnet's (the runtime mints by it); without one, the
// meter's own (Emission every epoch).
func FromSetup(s vertical.Setup) (vertical.Vertical, error) {
	var none struct{}
	if err := s.Decode(&none); err != nil {
		return nil, err
	}
	m := NewMeter()
	if s.PoolWeights != nil {
		m.weights = map[string]int64{}
		for _, name := range slices.Sorted(maps.Keys(s.PoolWeights)) {
			w := s.PoolWeights[name]
			if name != PoolReadings && name != PoolProofs {
				return nil, fmt.Errorf("%s: reward.pools.%s: the meter has no such pool (it has %s and %s)", s.Subnet, name, PoolReadings, PoolProofs)
			}
			if w > math.MaxInt64 {
				return nil, fmt.Errorf("%s: reward.pools.%s: weight %d too large", s.Subnet, name, w)
			}
			m.weights[name] = int64(w)
		}
	}
	return vertical.Adapt[Entry](m), nil
}

// New returns a fresh meter as the vertical.Vertical the runtime drives:
// a factory for depin.LocalConfig.NewVertical.
func New() vertical.Vertical { return vertical.Adapt[Entry](NewMeter()) }

// Name implements vertical.Base.
func (m *Meter) Name() string { return Name }

// ContentTypes implements vertical.Base: readings (64 bytes at most), usage
// bundles on either backend, threshold bundles in zero knowledge only.
func (m *Meter) ContentTypes() []vertical.ContentType {
	return []vertical.ContentType{
		{Name: ContentTypeReading, MaxPayload: 64},
		{Name: ContentTypeUsage, Proof: vertical.BundleAnyBackend},
		{Name: ContentTypeThreshold, Proof: vertical.BundleZK},
	}
}

// Claim implements vertical.Typed: it decodes a reading and bounds it, or
// takes a verified bundle's total.
func (m *Meter) Claim(r *vertical.Report) (Entry, error) {
	c := Entry{Device: r.Envelope.Device, Seq: r.Envelope.Seq,
		Certified: r.Device.Certificate != nil && r.Device.Certificate.HasCapability(CapabilityCertified)}
	switch r.Envelope.ContentType {
	case ContentTypeReading:
		var p Reading
		if err := r.Envelope.Decode(&p); err != nil {
			return Entry{}, vertical.Reject(ReasonBadReading, "%v", err)
		}
		if p.Wh == 0 {
			return Entry{}, vertical.Reject(ReasonZeroReading, "a reading of 0 Wh")
		}
		if p.Wh > MaxReadingWh {
			return Entry{}, vertical.Reject(ReasonReadingTooHigh, "%d Wh in one reading, at most %d", p.Wh, MaxReadingWh)
		}
		c.Wh = p.Wh
	case ContentTypeUsage:
		var u *proof.UsageClaim
		if r.Bundle != nil {
			u, _ = r.Bundle.Claim.(*proof.UsageClaim)
		}
		if u == nil {
			return Entry{}, vertical.Reject(ReasonBadBundle, "not a usage claim")
		}
		c.Usage = new(big.Int).Set(u.Total)
	case ContentTypeThreshold: // a zero-knowledge proof that the readings reach Min: Min counts
		var th *proof.ThresholdClaim
		if r.Bundle != nil {
			th, _ = r.Bundle.Claim.(*proof.ThresholdClaim)
		}
		if th == nil {
			return Entry{}, vertical.Reject(ReasonBadBundle, "not a threshold claim")
		}
		c.Usage = new(big.Int).Set(th.Min)
	default:
		return Entry{}, vertical.Reject(ReasonUnsupported, "%s is not scored", r.Envelope.ContentType)
	}
	return c, nil
}

// Apply implements vertical.Typed: it records the meter's certification and
// adds the entry to its epoch totals.
func (m *Meter) Apply(_ uint64, c Entry) error {
	m.certified[c.Device] = c.Certified
	if c.Usage != nil {
		if s := m.proofs[c.Device]; s != nil {
			s.Add(s, c.Usage)
		} else {
			m.proofs[c.Device] = new(big.Int).Set(c.Usage)
		}
		return nil
	}
	t := m.readings[c.Device]
	if t == nil {
		t = &total{}
		m.readings[c.Device] = t
	}
	t.wh += c.Wh
	t.seqs = append(t.seqs, c.Seq)
	return nil
}

func byteOrder(a, b device.ID) int { return bytes.Compare(a[:], b[:]) }

func (m *Meter) quality(id device.ID) reward.Multiplier {
	if m.certified[id] {
		return reward.Multiplier{Name: "quality", Value: big.NewRat(1, 1), Note: "certified meter"}
	}
	return reward.Multiplier{Name: "quality", Value: big.NewRat(1, 2), Note: "uncertified meter"}
}

// Score implements vertical.Base: the readings pool (weight 3) and the proofs
// pool (weight 1) unless the subnet weighs them otherwise, each meter once, in device order; a meter over
// MaxEpochWh has each of its readings rejected late.
func (m *Meter) Score(uint64) (*vertical.Score, error) {
	s := &vertical.Score{}
	readings := vertical.Pool{Name: PoolReadings, Weight: big.NewInt(m.weights[PoolReadings])}
	for _, id := range slices.SortedFunc(maps.Keys(m.readings), byteOrder) {
		t := m.readings[id]
		if t.wh > MaxEpochWh {
			for _, seq := range t.seqs {
				s.Rejected = append(s.Rejected, vertical.LateRejection{Device: id, Seq: seq, Reason: ReasonOverCapacity,
					Detail: fmt.Sprintf("%d Wh in the epoch, more than the meter's %d", t.wh, MaxEpochWh)})
			}
			continue
		}
		readings.Contributions = append(readings.Contributions, reward.Contribution{
			Contributor: id.String(), Units: new(big.Int).SetUint64(t.wh), Multipliers: []reward.Multiplier{m.quality(id)},
		})
	}
	proofs := vertical.Pool{Name: PoolProofs, Weight: big.NewInt(m.weights[PoolProofs])}
	for _, id := range slices.SortedFunc(maps.Keys(m.proofs), byteOrder) {
		proofs.Contributions = append(proofs.Contributions, reward.Contribution{
			Contributor: id.String(), Units: new(big.Int).Set(m.proofs[id]), Multipliers: []reward.Multiplier{m.quality(id)},
		})
	}
	s.Pools = []vertical.Pool{readings, proofs}
	clear(m.readings)
	clear(m.proofs)
	return s, nil
}

// Curve implements vertical.CurveProposer: Emission every epoch, the curve
// of a subnet that names none.
func (m *Meter) Curve() reward.Curve { return m.curve }

// wire is the meter's snapshot: everything in device order.
type wire struct {
	_         struct{} `cbor:",toarray"`
	Certified []wireDevice
	Readings  []wireReading
	Proofs    []wireProof
}

type wireDevice struct {
	_         struct{} `cbor:",toarray"`
	ID        device.ID
	Certified bool
}

type wireReading struct {
	_    struct{} `cbor:",toarray"`
	ID   device.ID
	Wh   uint64
	Seqs []uint64
}

type wireProof struct {
	_     struct{} `cbor:",toarray"`
	ID    device.ID
	Total []byte
}

// Snapshot implements vertical.Base: canonical CBOR of the state, in device
// order.
func (m *Meter) Snapshot() ([]byte, error) {
	w := wire{Certified: []wireDevice{}, Readings: []wireReading{}, Proofs: []wireProof{}}
	for _, id := range slices.SortedFunc(maps.Keys(m.certified), byteOrder) {
		w.Certified = append(w.Certified, wireDevice{ID: id, Certified: m.certified[id]})
	}
	for _, id := range slices.SortedFunc(maps.Keys(m.readings), byteOrder) {
		t := m.readings[id]
		w.Readings = append(w.Readings, wireReading{ID: id, Wh: t.wh, Seqs: slices.Clone(t.seqs)})
	}
	for _, id := range slices.SortedFunc(maps.Keys(m.proofs), byteOrder) {
		w.Proofs = append(w.Proofs, wireProof{ID: id, Total: m.proofs[id].Bytes()})
	}
	return canonical.Marshal(w)
}

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 6, MaxArray: 1 << 20, MaxMap: 16})

// Restore implements vertical.Base: it checks the snapshot (canonical, each
// device once) and replaces the state; on error the state is unchanged.
func (m *Meter) Restore(snapshot []byte) error {
	var w wire
	if err := snapshotDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return fmt.Errorf("%w: %w", ErrSnapshot, err)
	}
	certified := map[device.ID]bool{}
	for _, d := range w.Certified {
		certified[d.ID] = d.Certified
	}
	readings := map[device.ID]*total{}
	for _, r := range w.Readings {
		readings[r.ID] = &total{wh: r.Wh, seqs: r.Seqs}
	}
	proofs := map[device.ID]*big.Int{}
	for _, p := range w.Proofs {
		proofs[p.ID] = new(big.Int).SetBytes(p.Total)
	}
	if len(certified) != len(w.Certified) || len(readings) != len(w.Readings) || len(proofs) != len(w.Proofs) {
		return fmt.Errorf("%w: a device repeats", ErrSnapshot)
	}
	m.certified, m.readings, m.proofs = certified, readings, proofs
	return nil
}
