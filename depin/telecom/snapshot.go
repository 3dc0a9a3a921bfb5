package telecom

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/canonical"
	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/device"
)

// ErrSnapshot reports a snapshot Restore cannot use.
var ErrSnapshot = errors.New("telecom: bad snapshot")

const snapshotVersion = 1

// maxSnapshotItems bounds every list of a snapshot.
const maxSnapshotItems = 1 << 24

type stateWire struct {
	_         struct{} `cbor:",toarray"`
	Version   uint8
	PoC       []byte // poc.State.Snapshot
	Ledger    []byte // bandwidth.Ledger.Snapshot
	Keys      []keyWire
	Entropies []entropyWire
	LastMs    int64
	Beacons   []reportWire
	Witnesses []reportWire
	Private   []privateWire
	Stats     statsWire
}

type keyWire struct {
	_   struct{} `cbor:",toarray"`
	ID  []byte
	Key []byte // device.PublicKey.MarshalBinary
}

type entropyWire struct {
	_       struct{} `cbor:",toarray"`
	Epoch   uint64
	Data    []byte
	StartMs int64
}

type reportWire struct {
	_          struct{} `cbor:",toarray"`
	Seq        uint64
	Message    []byte // poc.Beacon.Marshal or poc.Witness.Marshal
	ReceivedMs int64
}

type privateWire struct {
	_      struct{} `cbor:",toarray"`
	Device []byte
	Seq    uint64
	Cell   uint64
}

// statsWire keeps the counts of the last scored epoch (not its scores,
// which are recomputed by nobody: LastEpoch after a Restore has no Scores).
type statsWire struct {
	_             struct{} `cbor:",toarray"`
	Epoch         uint64
	Rounds        uint64
	Beacons       []uint64
	Witnesses     []uint64
	Orphans       uint64
	Sessions      uint64
	Bytes         uint64
	Providers     uint64
	PrivateProofs uint64
}

// Snapshot implements vertical.Vertical: the whole state — the PoC state
// (locations, beacon and witness times), the bandwidth ledger (nonces, the
// epoch's totals), the devices' keys, the entropies, the open epoch's reports
// and proofs, and the last epoch's counts — as canonical CBOR, every list in
// a fixed order: equal states give equal bytes.
func (v *Vertical) Snapshot() ([]byte, error) {
	var w stateWire
	var err error
	w.Version = snapshotVersion
	if w.PoC, err = v.st.Snapshot(); err != nil {
		return nil, err
	}
	if w.Ledger, err = v.ledger.Snapshot(); err != nil {
		return nil, err
	}
	ids := make([]device.ID, 0, len(v.keys))
	for id := range v.keys {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) })
	w.Keys = make([]keyWire, len(ids))
	for i, id := range ids {
		kb, err := v.keys[id].MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("telecom: snapshot: key of %s: %w", id, err)
		}
		w.Keys[i] = keyWire{ID: bytes.Clone(id[:]), Key: kb}
	}
	w.Entropies = make([]entropyWire, len(v.entropies))
	for i, e := range v.entropies {
		w.Entropies[i] = entropyWire{Epoch: e.epoch, Data: e.data, StartMs: e.startMs}
	}
	w.LastMs = v.lastMs
	w.Beacons = make([]reportWire, len(v.beacons))
	for i, b := range v.beacons {
		m, err := b.report.Marshal()
		if err != nil {
			return nil, err
		}
		w.Beacons[i] = reportWire{Seq: b.seq, Message: m, ReceivedMs: b.report.ReceivedMs}
	}
	w.Witnesses = make([]reportWire, len(v.witnesses))
	for i, x := range v.witnesses {
		m, err := x.report.Marshal()
		if err != nil {
			return nil, err
		}
		w.Witnesses[i] = reportWire{Seq: x.seq, Message: m, ReceivedMs: x.report.ReceivedMs}
	}
	w.Private = make([]privateWire, len(v.private))
	for i, p := range v.private {
		w.Private[i] = privateWire{Device: bytes.Clone(p.device[:]), Seq: p.seq, Cell: uint64(p.cell)}
	}
	s := v.last
	w.Stats = statsWire{Epoch: s.Epoch, Rounds: uint64(s.Rounds), Orphans: uint64(s.Orphans), Sessions: s.Sessions,
		Bytes: s.Bytes, Providers: uint64(s.Providers), PrivateProofs: uint64(s.PrivateProofs),
		Beacons: make([]uint64, poc.NumReasons), Witnesses: make([]uint64, poc.NumReasons)}
	for i := range poc.NumReasons {
		w.Stats.Beacons[i], w.Stats.Witnesses[i] = uint64(s.Beacons[i]), uint64(s.Witnesses[i])
	}
	return canonical.Marshal(w)
}

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 6, MaxArray: maxSnapshotItems, MaxMap: 16})

// Restore implements vertical.Vertical: it replaces the state with a
// snapshot's, checking all of it (canonical encoding, sorted unique keys,
// well-formed reports); on error the state is unchanged.
func (v *Vertical) Restore(snapshot []byte) error {
	var w stateWire
	if err := snapshotDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	if w.Version != snapshotVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrSnapshot, w.Version, snapshotVersion)
	}
	st, err := poc.RestoreState(w.PoC)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSnapshot, err)
	}
	ledger, err := bandwidth.RestoreLedger(w.Ledger, v.cfg.Bandwidth)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSnapshot, err)
	}
	keys := make(map[device.ID]device.PublicKey, len(w.Keys))
	for i, k := range w.Keys {
		id, err := idOf(k.ID)
		if err != nil || i > 0 && bytes.Compare(w.Keys[i-1].ID, k.ID) >= 0 {
			return fmt.Errorf("%w: keys[%d]: bad or unordered id", ErrSnapshot, i)
		}
		var pk device.PublicKey
		if err := pk.UnmarshalBinary(k.Key); err != nil {
			return fmt.Errorf("%w: keys[%d]: %w", ErrSnapshot, i, err)
		}
		keys[id] = pk
	}
	if len(w.Entropies) > 2 || len(w.Entropies) == 2 && w.Entropies[0].Epoch+1 != w.Entropies[1].Epoch {
		return fmt.Errorf("%w: %d entropies", ErrSnapshot, len(w.Entropies))
	}
	entropies := make([]entropyEntry, len(w.Entropies))
	for i, e := range w.Entropies {
		if len(e.Data) != 16 || e.StartMs < 0 {
			return fmt.Errorf("%w: entropies[%d]", ErrSnapshot, i)
		}
		entropies[i] = entropyEntry{epoch: e.Epoch, data: bytes.Clone(e.Data), startMs: e.StartMs}
	}
	beacons := make([]beaconItem, len(w.Beacons))
	for i, b := range w.Beacons {
		m, err := poc.ParseBeacon(b.Message)
		if err != nil {
			return fmt.Errorf("%w: beacons[%d]: %w", ErrSnapshot, i, err)
		}
		beacons[i] = beaconItem{seq: b.Seq, report: poc.BeaconReport{Beacon: *m, ReceivedMs: b.ReceivedMs}}
	}
	witnesses := make([]witnessItem, len(w.Witnesses))
	for i, x := range w.Witnesses {
		m, err := poc.ParseWitness(x.Message)
		if err != nil {
			return fmt.Errorf("%w: witnesses[%d]: %w", ErrSnapshot, i, err)
		}
		witnesses[i] = witnessItem{seq: x.Seq, report: poc.WitnessReport{Witness: *m, ReceivedMs: x.ReceivedMs}}
	}
	private := make([]privateItem, len(w.Private))
	proved := make(map[device.ID]bool, len(w.Private))
	for i, p := range w.Private {
		id, err := idOf(p.Device)
		if err != nil || proved[id] || !h3.Cell(p.Cell).IsValid() {
			return fmt.Errorf("%w: private[%d]: bad, repeated device or bad cell", ErrSnapshot, i)
		}
		proved[id] = true
		private[i] = privateItem{device: id, seq: p.Seq, cell: h3.Cell(p.Cell)}
	}
	if len(w.Stats.Beacons) != poc.NumReasons || len(w.Stats.Witnesses) != poc.NumReasons {
		return fmt.Errorf("%w: stats", ErrSnapshot)
	}
	s := EpochStats{Epoch: w.Stats.Epoch, Rounds: int(w.Stats.Rounds), Orphans: int(w.Stats.Orphans), Sessions: w.Stats.Sessions,
		Bytes: w.Stats.Bytes, Providers: int(w.Stats.Providers), PrivateProofs: int(w.Stats.PrivateProofs)}
	for i := range poc.NumReasons {
		s.Beacons[i], s.Witnesses[i] = int(w.Stats.Beacons[i]), int(w.Stats.Witnesses[i])
	}
	v.st, v.ledger, v.keys, v.entropies, v.lastMs = st, ledger, keys, entropies, w.LastMs
	v.beacons, v.witnesses, v.private, v.proved, v.last = beacons, witnesses, private, proved, s
	return nil
}

func idOf(b []byte) (device.ID, error) {
	var id device.ID
	if len(b) != len(id) {
		return id, fmt.Errorf("id of %d bytes", len(b))
	}
	copy(id[:], b)
	return id, nil
}
