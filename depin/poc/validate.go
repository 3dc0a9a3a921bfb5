package poc

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/depinkit/depinkit/device"
)

// Rules are the PoC constants. The zero value of each field means Helium's
// (helium/oracles iot_verifier @824f7724, Jan 2026).
type Rules struct {
	// EntropyLifespanS: a report must be received within [start, start +
	// lifespan] of its entropy, in whole seconds. Default 180.
	EntropyLifespanS int64
	// BeaconIntervalMs: a hotspot beacons at most once per bucket of this
	// length (must divide 24 h). Default 6 h.
	BeaconIntervalMs int64
	// BeaconLagMs: a witness report received after the beacon report must
	// follow it within this. Default 4000.
	BeaconLagMs int64
	// WitnessLagMs: a witness report received after the first witness report,
	// that itself preceded the beacon report, must follow it within this.
	// Default 1500.
	WitnessLagMs int64
	// MaxFrequencyDiffHz: the witness frequency must be within this of the
	// beacon's. Default 100,000.
	MaxFrequencyDiffHz uint64
	// MinCellDistance and CellDistanceRes: the asserted cells' parents at
	// CellDistanceRes must be at least MinCellDistance apart. Defaults 8, 11.
	MinCellDistance int
	CellDistanceRes int
	// MaxDistanceKm: invalid if floor(distance in m / 1000) is above it.
	// Default 100.
	MaxDistanceKm uint32
	// ReciprocityMs: the reciprocity window; a time counts when it is
	// strictly less than this old. Default 48 h.
	ReciprocityMs int64
	// NoReciprocity turns the reciprocity rules off (Helium applied them from
	// 2024; a test network may not want them).
	NoReciprocity bool
	// MaxWitnesses: how many valid witness reports of a beacon are rewarded,
	// the first by received time. Default 14.
	MaxWitnesses int
}

const (
	hour = int64(3_600_000)
	day  = 24 * hour
)

// HeliumRules returns the defaults, filled in.
func HeliumRules() Rules {
	r, _ := Rules{}.withDefaults()
	return r
}

func (r Rules) withDefaults() (Rules, error) {
	def := func(v *int64, d int64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&r.EntropyLifespanS, 180)
	def(&r.BeaconIntervalMs, 6*hour)
	def(&r.BeaconLagMs, 4000)
	def(&r.WitnessLagMs, 1500)
	def(&r.ReciprocityMs, 48*hour)
	if r.MaxFrequencyDiffHz == 0 {
		r.MaxFrequencyDiffHz = 100_000
	}
	if r.MinCellDistance == 0 {
		r.MinCellDistance = 8
	}
	if r.CellDistanceRes == 0 {
		r.CellDistanceRes = 11
	}
	if r.MaxDistanceKm == 0 {
		r.MaxDistanceKm = 100
	}
	if r.MaxWitnesses == 0 {
		r.MaxWitnesses = 14
	}
	switch {
	case r.EntropyLifespanS < 0, r.BeaconLagMs < 0, r.WitnessLagMs < 0, r.ReciprocityMs < 0:
		return r, fmt.Errorf("%w: negative duration in %+v", ErrInvalidRules, r)
	case r.BeaconIntervalMs < 0 || day%r.BeaconIntervalMs != 0:
		return r, fmt.Errorf("%w: beacon interval %d ms does not divide 24 h", ErrInvalidRules, r.BeaconIntervalMs)
	case r.MinCellDistance < 0:
		return r, fmt.Errorf("%w: min cell distance %d", ErrInvalidRules, r.MinCellDistance)
	case r.CellDistanceRes < 0 || r.CellDistanceRes > MinAssertRes:
		return r, fmt.Errorf("%w: cell distance resolution %d, want 0..%d", ErrInvalidRules, r.CellDistanceRes, MinAssertRes)
	case r.MaxWitnesses < 0:
		return r, fmt.Errorf("%w: max witnesses %d", ErrInvalidRules, r.MaxWitnesses)
	}
	return r, nil
}

// Env is what Validate reads besides the reports.
type Env struct {
	// State holds locations and the times the rules compare with. Required.
	State *State
	// Rules; the zero value is Helium's.
	Rules Rules
	// Entropy returns when the network published entropy data (Unix ms), and
	// false for data it never published. Required. (EntropyTable is one.)
	Entropy func(data []byte) (startMs int64, ok bool)
	// Denied reports a denylisted hotspot (nil: none).
	Denied func(device.ID) bool
	// EdgeDenied reports a denylisted beaconer-witness pair (nil: none).
	EdgeDenied func(beaconer, witness device.ID) bool
}

// EntropyTable maps published entropy (as a string of its bytes) to its start
// time in Unix ms. Its Lookup method fits Env.Entropy.
type EntropyTable map[string]int64

// Lookup returns the start of entropy data.
func (t EntropyTable) Lookup(data []byte) (int64, bool) {
	v, ok := t[string(data)]
	return v, ok
}

// BeaconReport is a beacon as the network received it: ReceivedMs is the time
// the network assigns to its arrival (ingest time, or a time the validators
// agreed on: whatever every validator sees the same).
type BeaconReport struct {
	Beacon
	ReceivedMs int64
}

// WitnessReport is a witness report as the network received it.
type WitnessReport struct {
	Witness
	ReceivedMs int64
}

// BeaconResult is the verdict on a round's beacon.
type BeaconResult struct {
	Report BeaconReport
	// Reason is ReasonNone for a valid beacon.
	Reason Reason
	// Regular: the beacon passed every rule but reciprocity.
	Regular bool
	// Location is the beaconer's asserted location when validated (zero if
	// unasserted).
	Location Location
	// Units is its HIP-15 reward unit × UnitScale (0 unless valid).
	Units uint64
}

// Valid reports whether the beacon is valid.
func (b BeaconResult) Valid() bool { return b.Reason == ReasonNone }

// WitnessResult is the verdict on one witness report.
type WitnessResult struct {
	Report WitnessReport
	// Reason is ReasonNone for a selected valid report.
	Reason Reason
	// Regular: the report passed every rule but reciprocity and selection.
	Regular bool
	// Location is the witness's asserted location (zero if unasserted).
	Location Location
	// Measured: a real radio link. The report heard the beacon's data on its
	// frequency, on time, and both hotspots have asserted locations; the
	// distance fields below are then set.
	Measured bool
	// DistanceM is the distance between the asserted cells (DistanceM).
	DistanceM uint32
	// CellDistance is the grid distance of their resolution-11 parents.
	CellDistance int
	// Units is its HIP-15 reward unit × UnitScale (0 unless selected).
	Units uint64
}

// Valid reports whether the witness report is valid and selected.
func (w WitnessResult) Valid() bool { return w.Reason == ReasonNone }

// ExcessM is how much farther apart the hotspots assert to be than their radio
// link allows under model m (0 if it does not contradict them, or was not
// measured). tx and beaconerGain are the beacon's.
func (w WitnessResult) ExcessM(m PathLoss, txPowerDBm, beaconerGainDeciDBi int32) uint32 {
	if !w.Measured {
		return 0
	}
	limit := m.MaxDistanceM(w.Report.SignalDeciDBm, txPowerDBm, beaconerGainDeciDBi, w.Location.GainDeciDBi, w.Report.FrequencyHz)
	if w.DistanceM <= limit {
		return 0
	}
	return w.DistanceM - limit
}

// Round is the verdict on one proof-of-coverage round: a beacon and the
// witness reports of it.
type Round struct {
	Beacon BeaconResult
	// Witnesses are the witness reports in the order checked: by received
	// time, ties in the order given.
	Witnesses []WitnessResult
	// Selected is the number of valid, rewarded witness reports (n of HIP-15).
	Selected int
}

// Validate applies Helium's IoT PoC rules to one beacon and its witness reports,
// reading env.State (which it does not change: Apply does), and gives every
// report a verdict.
//
// The beacon, in Helium's order (poc.rs verify_beacon, then
// do_beacon_verifications): beaconer has asserted a location (Helium: the
// gateway has metadata; checked before anything else); entropy known;
// denylist; received within the entropy's window; schedule (its bucket of
// Rules.BeaconIntervalMs after its last beacon's); payload is BeaconData of
// its entropy. An invalid beacon makes every witness report
// ReasonBeaconInvalid.
//
// Witness reports are taken by received time. A report by the beaconer itself
// is ReasonSelfWitness and dropped from everything else; a later report by a
// witness already seen is ReasonDuplicate. Each other report, in order:
// witness has asserted a location (first, as Helium's verify_witness),
// denylist, edge denylist, entropy window, lag (≤ 4,000 ms after the beacon
// report if that came no later than the first witness report, else ≤ 1,500 ms
// after the first witness report, a self-witness included, as Helium's
// witness_earliest_received_ts), same payload, frequency within 100 kHz, resolution-11 grid distance ≥ 8, distance ≤
// 100 km, RSSI not above free space (RSSITooHigh).
//
// Then reciprocity, strictly within 48 h (Helium: now − last <
// RECIPROCITY_WINDOW): the beaconer must have a witness report that passed
// every other rule (State.LastWitness) in the window, else the beacon is
// ReasonNoReciprocity and its reports ReasonBeaconInvalid; each witness must
// have a beacon that passed the regular rules and drew any witness report
// (State.LastWitnessedBeacon), else ReasonNoReciprocity. Finally the first
// Rules.MaxWitnesses valid reports are selected, the rest ReasonNotSelected,
// and the HIP-15 units computed for n selected (BeaconerUnits,
// WitnessUnits).
//
// Validate returns an error only for a missing State or Entropy, bad Rules, or
// a report whose fields are out of range (Check).
func Validate(beacon BeaconReport, witnesses []WitnessReport, env Env) (*Round, error) {
	rules, err := env.Rules.withDefaults()
	if err != nil {
		return nil, err
	}
	if env.State == nil || env.Entropy == nil {
		return nil, fmt.Errorf("%w: env needs a State and an Entropy lookup", ErrInvalidRules)
	}
	if err := beacon.Check(); err != nil {
		return nil, err
	}
	if err := checkReceived(beacon.ReceivedMs); err != nil {
		return nil, fmt.Errorf("%w (beacon)", err)
	}
	r := &Round{Beacon: BeaconResult{Report: beacon}, Witnesses: make([]WitnessResult, len(witnesses))}
	for i, w := range witnesses {
		if err := w.Check(); err != nil {
			return nil, fmt.Errorf("%w (witnesses[%d])", err, i)
		}
		if err := checkReceived(w.ReceivedMs); err != nil {
			return nil, fmt.Errorf("%w (witnesses[%d])", err, i)
		}
		r.Witnesses[i] = WitnessResult{Report: w}
	}
	slices.SortStableFunc(r.Witnesses, func(a, b WitnessResult) int { return cmp.Compare(a.Report.ReceivedMs, b.Report.ReceivedMs) })
	st := env.State
	denied := func(id device.ID) bool { return env.Denied != nil && env.Denied(id) }

	// The beacon.
	bloc, basserted := st.Location(beacon.Beaconer)
	r.Beacon.Location = bloc
	start, known := env.Entropy(beacon.Entropy)
	inWindow := func(recv int64) bool {
		s := floorDiv(start, 1000)
		t := floorDiv(recv, 1000)
		return t >= s && t <= s+rules.EntropyLifespanS
	}
	reason := ReasonNone
	switch {
	case !basserted:
		reason = ReasonUnassertedLocation
	case !known:
		reason = ReasonUnknownEntropy
	case denied(beacon.Beaconer):
		reason = ReasonDenied
	case !inWindow(beacon.ReceivedMs):
		reason = ReasonEntropyExpired
	case tooSoon(st, beacon, rules):
		reason = ReasonTooSoon
	case !bytes.Equal(beacon.Data, BeaconData(beacon.Entropy, beacon.LocalEntropy)):
		reason = ReasonInvalidPayload
	}
	if reason != ReasonNone {
		r.Beacon.Reason = reason
		for i := range r.Witnesses {
			if r.Witnesses[i].Report.Witness.Witness == beacon.Beaconer {
				r.Witnesses[i].Reason = ReasonSelfWitness
			} else {
				r.Witnesses[i].Reason = ReasonBeaconInvalid
			}
		}
		return r, nil
	}
	r.Beacon.Regular = true

	// The witness reports: the regular rules.
	hash := beacon.PayloadHash()
	// The first witness report, a self-witness or a duplicate included
	// (Helium's witness_earliest_received_ts is the first report it holds).
	first := int64(0)
	if len(r.Witnesses) > 0 {
		first = r.Witnesses[0].Report.ReceivedMs // sorted by received time
	}
	seen := make(map[device.ID]bool, len(r.Witnesses))
	for i := range r.Witnesses {
		w := &r.Witnesses[i]
		rep := &w.Report
		id := rep.Witness.Witness
		if id == beacon.Beaconer {
			w.Reason = ReasonSelfWitness
			continue
		}
		if seen[id] {
			w.Reason = ReasonDuplicate
			continue
		}
		seen[id] = true
		wloc, wasserted := st.Location(id)
		w.Location = wloc
		lagOK := rep.ReceivedMs-beacon.ReceivedMs <= rules.BeaconLagMs
		if beacon.ReceivedMs > first { // a witness report came first
			lagOK = rep.ReceivedMs-first <= rules.WitnessLagMs
		}
		switch {
		case !wasserted: // Helium: NotAsserted, before do_witness_verifications
			w.Reason = ReasonUnassertedLocation
		case denied(id):
			w.Reason = ReasonDenied
		case env.EdgeDenied != nil && env.EdgeDenied(beacon.Beaconer, id):
			w.Reason = ReasonEdgeDenied
		case !inWindow(rep.ReceivedMs):
			w.Reason = ReasonEntropyExpired
		case !lagOK:
			w.Reason = ReasonLate
		case rep.PayloadHash != hash:
			w.Reason = ReasonPayloadMismatch
		case absDiff(beacon.FrequencyHz, rep.FrequencyHz) > rules.MaxFrequencyDiffHz:
			w.Reason = ReasonFrequency
		}
		if w.Reason != ReasonNone {
			continue
		}
		w.Measured = true
		w.CellDistance = CellDistance(bloc.Cell, wloc.Cell, rules.CellDistanceRes)
		d, ok := DistanceM(bloc.Cell, wloc.Cell)
		w.DistanceM = d
		switch {
		case w.CellDistance < rules.MinCellDistance:
			w.Reason = ReasonTooClose
		case !ok || d/1000 > rules.MaxDistanceKm:
			w.Reason = ReasonTooFar
		case RSSITooHigh(rep.SignalDeciDBm, beacon.TxPowerDBm, bloc.GainDeciDBi, wloc.GainDeciDBi, d, rep.FrequencyHz):
			w.Reason = ReasonRSSITooHigh
		default:
			w.Regular = true
		}
	}

	// Reciprocity.
	// Strictly within the window, as Helium (runner.rs: now − last <
	// RECIPROCITY_WINDOW): a witness exactly 48 h old no longer counts.
	recent := func(t int64, ok bool, now int64) bool {
		return rules.NoReciprocity || ok && now-t < rules.ReciprocityMs
	}
	lw, ok := st.LastWitness(beacon.Beaconer)
	if !recent(lw, ok, beacon.ReceivedMs) {
		r.Beacon.Reason = ReasonNoReciprocity
		for i := range r.Witnesses {
			if r.Witnesses[i].Regular {
				r.Witnesses[i].Reason = ReasonBeaconInvalid
			}
		}
		return r, nil
	}
	for i := range r.Witnesses {
		w := &r.Witnesses[i]
		if !w.Regular {
			continue
		}
		if t, ok := st.LastWitnessedBeacon(w.Report.Witness.Witness); !recent(t, ok, w.Report.ReceivedMs) {
			w.Reason = ReasonNoReciprocity
		}
	}

	// Selection and units.
	for i := range r.Witnesses {
		w := &r.Witnesses[i]
		if !w.Regular || w.Reason != ReasonNone {
			continue
		}
		if r.Selected == rules.MaxWitnesses {
			w.Reason = ReasonNotSelected
			continue
		}
		r.Selected++
	}
	r.Beacon.Units = scaledUnits(BeaconerUnits(r.Selected))
	wu := scaledUnits(WitnessUnits(r.Selected))
	for i := range r.Witnesses {
		if r.Witnesses[i].Regular && r.Witnesses[i].Reason == ReasonNone {
			r.Witnesses[i].Units = wu
		}
	}
	return r, nil
}

func checkReceived(ms int64) error {
	if ms <= 0 || ms > MaxTimeMs {
		return fmt.Errorf("%w: received at %d ms, want 1..%d", ErrInvalidField, ms, int64(MaxTimeMs))
	}
	return nil
}

func tooSoon(st *State, b BeaconReport, rules Rules) bool {
	last, ok := st.LastBeacon(b.Beaconer)
	return ok && floorDiv(b.ReceivedMs, rules.BeaconIntervalMs) <= floorDiv(last, rules.BeaconIntervalMs)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func absDiff(a, b uint64) uint64 {
	if a > b {
		return a - b
	}
	return b - a
}

// Input is one round as reported: a beacon and the witness reports of it.
type Input struct {
	Beacon    BeaconReport
	Witnesses []WitnessReport
}

// Group pairs witness reports with the beacon whose PayloadHash they report,
// and orders the rounds by the beacon's received time (ties: beaconer ID, then
// the order given). A report of a payload no beacon carries is returned in
// orphans (ReasonNoBeacon); if two beacons carry the same payload, the first
// gets the reports.
func Group(beacons []BeaconReport, witnesses []WitnessReport) (rounds []Input, orphans []WitnessReport) {
	rounds = make([]Input, len(beacons))
	for i, b := range beacons {
		rounds[i] = Input{Beacon: b}
	}
	slices.SortStableFunc(rounds, func(a, b Input) int {
		if c := cmp.Compare(a.Beacon.ReceivedMs, b.Beacon.ReceivedMs); c != 0 {
			return c
		}
		return bytes.Compare(a.Beacon.Beaconer[:], b.Beacon.Beaconer[:])
	})
	byHash := make(map[[32]byte]int, len(rounds))
	for i := range rounds {
		h := rounds[i].Beacon.PayloadHash()
		if _, dup := byHash[h]; !dup {
			byHash[h] = i
		}
	}
	for _, w := range witnesses {
		if i, ok := byHash[w.PayloadHash]; ok {
			rounds[i].Witnesses = append(rounds[i].Witnesses, w)
		} else {
			orphans = append(orphans, w)
		}
	}
	return rounds, orphans
}

// Process validates rounds in order against s and applies each (Validate, then
// Apply): the usual way to run an epoch's rounds in commit order. env.State is
// set to s. It stops at the first error.
func (s *State) Process(rounds []Input, env Env) ([]*Round, error) {
	env.State = s
	out := make([]*Round, 0, len(rounds))
	for i, in := range rounds {
		r, err := Validate(in.Beacon, in.Witnesses, env)
		if err != nil {
			return out, fmt.Errorf("%w (rounds[%d])", err, i)
		}
		s.Apply(r)
		out = append(out, r)
	}
	return out, nil
}

// Tally counts the verdicts of rounds by reason: beacons and witness reports
// separately (index by Reason; ReasonNone counts the valid ones).
func Tally(rounds []*Round) (beacons, witnesses [NumReasons]int) {
	for _, r := range rounds {
		beacons[r.Beacon.Reason]++
		for _, w := range r.Witnesses {
			witnesses[w.Reason]++
		}
	}
	return beacons, witnesses
}
