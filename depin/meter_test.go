package depin_test

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"

	"github.com/depinkit/depinkit/canonical"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// meter is a small but real vertical: energy meters report readings (Wh)
// signed in envelopes, and may add a usage proof bundle (16 readings, the
// signature path or a zero-knowledge proof) for a second pool. Certified
// meters (capability "meter:certified", kept in the vertical's state as
// device metadata) score in full, others at half. A meter whose epoch total
// passes maxEpochWh is rejected at scoring ("over-capacity"): a late,
// per-claim rejection. Epoch n emits 1,000,000 base units, 3/4 to readings
// and 1/4 to proofs.
type meter struct {
	curve reward.Curve
	// state: device metadata, and the open epoch's totals.
	certified map[device.ID]bool
	readings  map[device.ID]*meterTotal
	proofs    map[device.ID]*big.Int
}

type meterTotal struct {
	wh   uint64
	seqs []uint64
}

const (
	readingType   = "depin/meter/reading/v1"
	maxReadingWh  = 10_000
	maxEpochWh    = 50_000
	meterEmission = 1_000_000
)

var (
	usageType     = proof.ContentType(proof.UsageStatement(16))
	thresholdType = proof.ContentType(proof.ThresholdStatement(16)) // needs a ZK proof
)

// reading is the payload of a reading envelope.
type reading struct {
	_  struct{} `cbor:",toarray"`
	Wh uint64
}

func newMeter() depin.Vertical {
	c, err := reward.NewConstant(big.NewInt(meterEmission))
	if err != nil {
		panic(err)
	}
	return &meter{curve: c, certified: map[device.ID]bool{}, readings: map[device.ID]*meterTotal{}, proofs: map[device.ID]*big.Int{}}
}

func (m *meter) Name() string { return "meter" }

func (m *meter) ContentTypes() []depin.ContentType {
	return []depin.ContentType{
		{Name: readingType, MaxPayload: 64},
		{Name: usageType, Proof: depin.BundleAnyBackend},
		{Name: thresholdType, Proof: depin.BundleZK},
	}
}

// meterClaim is what Claim makes of an envelope.
type meterClaim struct {
	device    device.ID
	seq       uint64
	certified bool
	wh        uint64   // a reading
	usage     *big.Int // a proof's total
}

func (m *meter) Claim(r *depin.Report) (any, error) {
	c := meterClaim{device: r.Envelope.Device, seq: r.Envelope.Seq, certified: r.Device.Certificate.HasCapability("meter:certified")}
	switch r.Envelope.ContentType {
	case readingType:
		var p reading
		if err := r.Envelope.Decode(&p); err != nil {
			return nil, depin.Reject("bad-reading", "%v", err)
		}
		if p.Wh == 0 {
			return nil, depin.Reject("zero-reading", "a reading of 0 Wh")
		}
		if p.Wh > maxReadingWh {
			return nil, depin.Reject("reading-too-high", "%d Wh in one reading, at most %d", p.Wh, maxReadingWh)
		}
		c.wh = p.Wh
	case usageType:
		u, ok := r.Bundle.Claim.(*proof.UsageClaim)
		if !ok {
			return nil, depin.Reject("bad-bundle", "not a usage claim")
		}
		c.usage = new(big.Int).Set(u.Total)
	case thresholdType: // a zero-knowledge proof that the readings reach Min: Min counts
		th, ok := r.Bundle.Claim.(*proof.ThresholdClaim)
		if !ok {
			return nil, depin.Reject("bad-bundle", "not a threshold claim")
		}
		c.usage = new(big.Int).Set(th.Min)
	default:
		return nil, depin.Reject("unsupported", "%s is not scored", r.Envelope.ContentType)
	}
	return c, nil
}

func (m *meter) Apply(_ uint64, claim any) error {
	c, ok := claim.(meterClaim)
	if !ok {
		return fmt.Errorf("meter: claim of type %T", claim)
	}
	m.certified[c.device] = c.certified
	if c.usage != nil {
		if s := m.proofs[c.device]; s != nil {
			s.Add(s, c.usage)
		} else {
			m.proofs[c.device] = new(big.Int).Set(c.usage)
		}
		return nil
	}
	t := m.readings[c.device]
	if t == nil {
		t = &meterTotal{}
		m.readings[c.device] = t
	}
	t.wh += c.wh
	t.seqs = append(t.seqs, c.seq)
	return nil
}

func sortedIDs[V any](mp map[device.ID]V) []device.ID {
	ids := make([]device.ID, 0, len(mp))
	for id := range mp {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) })
	return ids
}

func (m *meter) quality(id device.ID) reward.Multiplier {
	if m.certified[id] {
		return reward.Multiplier{Name: "quality", Value: big.NewRat(1, 1), Note: "certified meter"}
	}
	return reward.Multiplier{Name: "quality", Value: big.NewRat(1, 2), Note: "uncertified meter"}
}

func (m *meter) Score(uint64) (*depin.Score, error) {
	s := &depin.Score{}
	readings := depin.Pool{Name: "readings", Weight: big.NewInt(3)}
	for _, id := range sortedIDs(m.readings) {
		t := m.readings[id]
		if t.wh > maxEpochWh {
			for _, seq := range t.seqs {
				s.Rejected = append(s.Rejected, depin.LateRejection{Device: id, Seq: seq, Reason: "over-capacity",
					Detail: fmt.Sprintf("%d Wh in the epoch, more than the meter's %d", t.wh, maxEpochWh)})
			}
			continue
		}
		readings.Contributions = append(readings.Contributions, reward.Contribution{
			Contributor: id.String(), Units: new(big.Int).SetUint64(t.wh), Multipliers: []reward.Multiplier{m.quality(id)},
		})
	}
	proofs := depin.Pool{Name: "proofs", Weight: big.NewInt(1)}
	for _, id := range sortedIDs(m.proofs) {
		proofs.Contributions = append(proofs.Contributions, reward.Contribution{
			Contributor: id.String(), Units: new(big.Int).Set(m.proofs[id]), Multipliers: []reward.Multiplier{m.quality(id)},
		})
	}
	s.Pools = []depin.Pool{readings, proofs}
	clear(m.readings)
	clear(m.proofs)
	return s, nil
}

func (m *meter) Curve() reward.Curve { return m.curve }

// meterWire is the meter's snapshot: everything in device order.
type meterWire struct {
	_         struct{} `cbor:",toarray"`
	Certified []meterDevice
	Readings  []meterReading
	Proofs    []meterProof
}

type meterDevice struct {
	_         struct{} `cbor:",toarray"`
	ID        device.ID
	Certified bool
}

type meterReading struct {
	_    struct{} `cbor:",toarray"`
	ID   device.ID
	Wh   uint64
	Seqs []uint64
}

type meterProof struct {
	_     struct{} `cbor:",toarray"`
	ID    device.ID
	Total []byte
}

func (m *meter) Snapshot() ([]byte, error) {
	w := meterWire{Certified: []meterDevice{}, Readings: []meterReading{}, Proofs: []meterProof{}}
	for _, id := range sortedIDs(m.certified) {
		w.Certified = append(w.Certified, meterDevice{ID: id, Certified: m.certified[id]})
	}
	for _, id := range sortedIDs(m.readings) {
		t := m.readings[id]
		w.Readings = append(w.Readings, meterReading{ID: id, Wh: t.wh, Seqs: slices.Clone(t.seqs)})
	}
	for _, id := range sortedIDs(m.proofs) {
		w.Proofs = append(w.Proofs, meterProof{ID: id, Total: m.proofs[id].Bytes()})
	}
	return canonical.Marshal(w)
}

var meterDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 6, MaxArray: 1 << 20, MaxMap: 16})

func (m *meter) Restore(snapshot []byte) error {
	var w meterWire
	if err := meterDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return fmt.Errorf("meter: snapshot: %w", err)
	}
	certified := map[device.ID]bool{}
	for _, d := range w.Certified {
		certified[d.ID] = d.Certified
	}
	readings := map[device.ID]*meterTotal{}
	for _, r := range w.Readings {
		readings[r.ID] = &meterTotal{wh: r.Wh, seqs: r.Seqs}
	}
	proofs := map[device.ID]*big.Int{}
	for _, p := range w.Proofs {
		proofs[p.ID] = new(big.Int).SetBytes(p.Total)
	}
	if len(certified) != len(w.Certified) || len(readings) != len(w.Readings) || len(proofs) != len(w.Proofs) {
		return fmt.Errorf("meter: snapshot: a device repeats")
	}
	m.certified, m.readings, m.proofs = certified, readings, proofs
	return nil
}
