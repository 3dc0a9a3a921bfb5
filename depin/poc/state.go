package poc

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/reward/h3density"
)

// Location is a hotspot's asserted location, as State keeps it.
type Location struct {
	Cell        h3.Cell
	GainDeciDBi int32
	ElevationM  int32
	// Nonce is the nonce of the assertion that set it.
	Nonce uint64
}

// hotspot is what State keeps of one hotspot. A zero time field with its flag
// unset means "never".
type hotspot struct {
	loc      Location
	asserted bool

	lastBeacon, lastWitness, lastWitnessed int64
	hasBeacon, hasWitness, hasWitnessed    bool
}

// State is what the PoC rules remember between rounds: each hotspot's asserted
// location, the time of its last beacon (the schedule rule), of its last valid
// witness report and of its last regular beacon that drew a witness report
// (the reciprocity rules and hex density). Validate reads it; Assert and Apply change it, and must be
// called in commit order, so that every validator holds the same State.
// Snapshot and RestoreState move it as canonical CBOR. A State is not safe for
// concurrent use.
type State struct {
	hotspots map[device.ID]*hotspot
}

// NewState returns an empty State.
func NewState() *State { return &State{hotspots: map[device.ID]*hotspot{}} }

func (s *State) get(id device.ID) *hotspot {
	h := s.hotspots[id]
	if h == nil {
		h = &hotspot{}
		s.hotspots[id] = h
	}
	return h
}

// Assert records a hotspot's location assertion. Its Nonce must be above the
// hotspot's last one (ErrStaleAssertion), so a replayed or reordered old
// assertion cannot move it back. Check the envelope's signer first
// (LocationFromEnvelope).
func (s *State) Assert(a *LocationAssertion) error {
	if err := a.Check(); err != nil {
		return err
	}
	if h, ok := s.hotspots[a.Hotspot]; ok && h.asserted && a.Nonce <= h.loc.Nonce {
		return fmt.Errorf("%w: hotspot %s nonce %d, last was %d", ErrStaleAssertion, a.Hotspot, a.Nonce, h.loc.Nonce)
	}
	h := s.get(a.Hotspot)
	h.loc = Location{Cell: a.Cell, GainDeciDBi: a.GainDeciDBi, ElevationM: a.ElevationM, Nonce: a.Nonce}
	h.asserted = true
	return nil
}

// Location returns a hotspot's asserted location.
func (s *State) Location(id device.ID) (Location, bool) {
	if h, ok := s.hotspots[id]; ok && h.asserted {
		return h.loc, true
	}
	return Location{}, false
}

// LastBeacon returns when the hotspot's last beacon that reached the schedule
// rule was received (Unix ms).
func (s *State) LastBeacon(id device.ID) (int64, bool) {
	if h, ok := s.hotspots[id]; ok && h.hasBeacon {
		return h.lastBeacon, true
	}
	return 0, false
}

// LastWitness returns when the hotspot's last witness report that passed every
// rule but reciprocity was received: the beacon reciprocity rule reads it.
func (s *State) LastWitness(id device.ID) (int64, bool) {
	if h, ok := s.hotspots[id]; ok && h.hasWitness {
		return h.lastWitness, true
	}
	return 0, false
}

// LastWitnessedBeacon returns when the hotspot's last beacon that passed every
// rule but reciprocity, and drew any witness report, was received (Helium's
// last_beacon_reciprocity): the witness reciprocity rule and hex density's
// "interactive" read it.
func (s *State) LastWitnessedBeacon(id device.ID) (int64, bool) {
	if h, ok := s.hotspots[id]; ok && h.hasWitnessed {
		return h.lastWitnessed, true
	}
	return 0, false
}

// Hotspots returns the IDs the State knows, in byte order.
func (s *State) Hotspots() []device.ID {
	ids := make([]device.ID, 0, len(s.hotspots))
	for id := range s.hotspots {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) })
	return ids
}

// InteractiveHotspots is Interactive with each hotspot's name (its device
// ID in hex), for h3density.NewScalerOf.
func (s *State) InteractiveHotspots(atMs, windowMs int64) []h3density.ActiveHotspot {
	var out []h3density.ActiveHotspot
	for _, id := range s.Hotspots() {
		h := s.hotspots[id]
		if h.interactive(atMs, windowMs) {
			out = append(out, h3density.ActiveHotspot{Name: id.String(), Cell: h.loc.Cell})
		}
	}
	return out
}

func (h *hotspot) interactive(atMs, windowMs int64) bool {
	return h.asserted && h.hasWitnessed && h.lastWitnessed <= atMs && atMs-h.lastWitnessed <= windowMs
}

// Interactive returns the asserted cells of the hotspots whose last witnessed
// beacon (LastWitnessedBeacon) lies within windowMs before atMs, one entry per
// hotspot, in hotspot ID order: the active hotspots of Helium's hex density
// (60 h window).
func (s *State) Interactive(atMs, windowMs int64) []h3.Cell {
	var cells []h3.Cell
	for _, id := range s.Hotspots() {
		h := s.hotspots[id]
		if h.interactive(atMs, windowMs) {
			cells = append(cells, h.loc.Cell)
		}
	}
	return cells
}

// Apply records what a validated round changes, as Helium's oracle does
// (helium/oracles iot_verifier poc.rs verify_beacon and verify_witnesses,
// @824f7724):
//
//   - the beaconer's last beacon time, for every beacon of an asserted
//     hotspot with published entropy, valid or not (Helium updates
//     last_beacon "irrespective of whether the beacon is valid or not", after
//     it has found the gateway's asserted location): a denylisted beacon, one
//     received outside its entropy window or too soon still starts the
//     schedule again;
//   - for a beacon that passed every rule but reciprocity and drew any witness
//     report at all (valid or not, a self-witness included: Helium's
//     last_beacon_reciprocity), the beaconer's last witnessed beacon time,
//     which witness reciprocity and hex density's "interactive" read;
//   - for each witness report that passed every rule but reciprocity, the
//     witness's last witness time.
//
// Reciprocity failures still record (HIP-83), so a new network bootstraps.
// Times only move forward. Apply rounds in commit order, each after Validate
// read the State.
func (s *State) Apply(r *Round) {
	b := r.Beacon
	switch b.Reason {
	case ReasonUnassertedLocation, ReasonUnknownEntropy:
	default:
		h := s.get(b.Report.Beaconer)
		h.lastBeacon, h.hasBeacon = later(h.lastBeacon, h.hasBeacon, b.Report.ReceivedMs), true
	}
	if !b.Regular {
		return
	}
	for _, w := range r.Witnesses {
		if !w.Regular {
			continue
		}
		h := s.get(w.Report.Witness.Witness)
		h.lastWitness, h.hasWitness = later(h.lastWitness, h.hasWitness, w.Report.ReceivedMs), true
	}
	if len(r.Witnesses) > 0 {
		h := s.get(b.Report.Beaconer)
		h.lastWitnessed, h.hasWitnessed = later(h.lastWitnessed, h.hasWitnessed, b.Report.ReceivedMs), true
	}
}

func later(old int64, had bool, t int64) int64 {
	if had && old > t {
		return old
	}
	return t
}

// Snapshots.

const snapshotVersion = 1

// MaxSnapshotHotspots bounds the hotspots RestoreState accepts.
const MaxSnapshotHotspots = 1 << 22

type stateWire struct {
	_        struct{} `cbor:",toarray"`
	Version  uint8
	Hotspots []hotspotWire
}

type hotspotWire struct {
	_             struct{} `cbor:",toarray"`
	ID            []byte
	Flags         uint8 // 1 asserted, 2 beacon, 4 witness, 8 witnessed beacon
	Cell          uint64
	GainDeciDBi   int32
	ElevationM    int32
	Nonce         uint64
	LastBeacon    int64
	LastWitness   int64
	LastWitnessed int64
}

const (
	flagAsserted = 1 << iota
	flagBeacon
	flagWitness
	flagWitnessed
	flagAll = flagAsserted | flagBeacon | flagWitness | flagWitnessed
)

// Snapshot encodes the State as canonical CBOR, hotspots in ID order: equal
// States give equal bytes.
func (s *State) Snapshot() ([]byte, error) {
	w := stateWire{Version: snapshotVersion}
	for _, id := range s.Hotspots() {
		h := s.hotspots[id]
		hw := hotspotWire{ID: bytes.Clone(id[:])}
		if h.asserted {
			hw.Flags |= flagAsserted
			hw.Cell, hw.GainDeciDBi, hw.ElevationM, hw.Nonce = uint64(h.loc.Cell), h.loc.GainDeciDBi, h.loc.ElevationM, h.loc.Nonce
		}
		if h.hasBeacon {
			hw.Flags |= flagBeacon
			hw.LastBeacon = h.lastBeacon
		}
		if h.hasWitness {
			hw.Flags |= flagWitness
			hw.LastWitness = h.lastWitness
		}
		if h.hasWitnessed {
			hw.Flags |= flagWitnessed
			hw.LastWitnessed = h.lastWitnessed
		}
		w.Hotspots = append(w.Hotspots, hw)
	}
	return canonical.Marshal(w)
}

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: MaxSnapshotHotspots, MaxMap: 16})

// RestoreState decodes what Snapshot produced. It accepts only the canonical
// encoding of a State Snapshot could have written: hotspots strictly in ID
// order, valid asserted cells, unused fields zero.
func RestoreState(data []byte) (*State, error) {
	var w stateWire
	if err := snapshotDecoder.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	if w.Version != snapshotVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrSnapshot, w.Version, snapshotVersion)
	}
	s := NewState()
	var prev device.ID
	for i, hw := range w.Hotspots {
		id, err := idOf(fmt.Sprintf("snapshot: hotspots[%d].id", i), hw.ID)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrSnapshot, err)
		}
		if i > 0 && bytes.Compare(prev[:], id[:]) >= 0 {
			return nil, fmt.Errorf("%w: hotspots[%d] %s out of order", ErrSnapshot, i, id)
		}
		prev = id
		if hw.Flags&^flagAll != 0 || hw.Flags == 0 {
			return nil, fmt.Errorf("%w: hotspots[%d].flags %#x", ErrSnapshot, i, hw.Flags)
		}
		h := &hotspot{}
		if hw.Flags&flagAsserted != 0 {
			a := LocationAssertion{Hotspot: id, Cell: h3.Cell(hw.Cell), GainDeciDBi: hw.GainDeciDBi, ElevationM: hw.ElevationM, Nonce: hw.Nonce}
			if err := a.Check(); err != nil {
				return nil, fmt.Errorf("%w: hotspots[%d]: %w", ErrSnapshot, i, err)
			}
			h.asserted, h.loc = true, Location{Cell: a.Cell, GainDeciDBi: a.GainDeciDBi, ElevationM: a.ElevationM, Nonce: a.Nonce}
		} else if hw.Cell != 0 || hw.GainDeciDBi != 0 || hw.ElevationM != 0 || hw.Nonce != 0 {
			return nil, fmt.Errorf("%w: hotspots[%d]: location fields set without an assertion", ErrSnapshot, i)
		}
		set := func(flag uint8, v int64, name string, dst *int64, has *bool) error {
			if v < 0 || v > MaxTimeMs {
				return fmt.Errorf("%w: hotspots[%d].%s = %d out of range", ErrSnapshot, i, name, v)
			}
			if hw.Flags&flag != 0 {
				*dst, *has = v, true
			} else if v != 0 {
				return fmt.Errorf("%w: hotspots[%d].%s set without its flag", ErrSnapshot, i, name)
			}
			return nil
		}
		if err := set(flagBeacon, hw.LastBeacon, "last_beacon", &h.lastBeacon, &h.hasBeacon); err != nil {
			return nil, err
		}
		if err := set(flagWitness, hw.LastWitness, "last_witness", &h.lastWitness, &h.hasWitness); err != nil {
			return nil, err
		}
		if err := set(flagWitnessed, hw.LastWitnessed, "last_witnessed", &h.lastWitnessed, &h.hasWitnessed); err != nil {
			return nil, err
		}
		s.hotspots[id] = h
	}
	return s, nil
}
