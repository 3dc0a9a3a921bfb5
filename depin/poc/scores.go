package poc

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
	"github.com/depinkit/depinkit/reward/h3density"
)

// IoTTrustBands grade how far a hotspot's asserted geometry exceeds what its
// radio links allow (WitnessResult.ExcessM): within 100 m full trust (cell
// centres and signal rounding account for some metres), within 500 m a
// quarter, beyond none. Helium's IoT network has no location-trust multiplier;
// these bands apply Helium Mobile's idea (reward.LocationTrust, HIP-119) to
// PoC links. Do not modify: ScoreConfig copies it.
var IoTTrustBands = []reward.TrustBand{{MaxMeters: 100, Trust: big.NewRat(1, 1)}, {MaxMeters: 500, Trust: big.NewRat(1, 4)}}

// DefaultBoostThreshold is the trust a hotspot needs to keep its boosts: 3/4,
// Helium Mobile's (HIP-93).
var DefaultBoostThreshold = big.NewRat(3, 4)

// ScoreConfig configures Scores. The zero value of each field but AtMs means
// the documented default.
type ScoreConfig struct {
	// AtMs is the end of the epoch (Unix ms): hotspots with a witnessed beacon
	// within InteractiveWindowMs before it are the active hotspots of hex
	// density. Required.
	AtMs int64
	// InteractiveWindowMs defaults to 60 h (Helium).
	InteractiveWindowMs int64
	// Levels are the hex density levels; nil means h3density.HIP104.
	Levels []h3density.Level
	// TrustModel is the propagation model links are graded with
	// (WitnessResult.ExcessM); the zero value means DefaultTrustModel.
	TrustModel PathLoss
	// TrustBands grade WitnessResult.ExcessM; nil means IoTTrustBands.
	TrustBands []reward.TrustBand
	// BoostThreshold is the trust needed to keep boosts; nil means
	// DefaultBoostThreshold.
	BoostThreshold *big.Rat
	// Boost, if set, returns the boost of a hotspot asserted in a cell (a
	// network's boosted hexes), kept only if the hotspot's trust reaches
	// BoostThreshold.
	Boost func(cell h3.Cell) (reward.Multiplier, bool)
}

// Role selects the units a Contribution counts: Helium pays beacons and
// witnesses from separate pools (6% and 24% of IoT emissions).
type Role uint8

// The roles.
const (
	RoleBeacon  Role = 1
	RoleWitness Role = 2
	RoleAll     Role = RoleBeacon | RoleWitness
)

// Score is a hotspot's proof-of-coverage work in an epoch and what multiplies
// it.
type Score struct {
	Hotspot device.ID
	// Location is the hotspot's asserted location at the end of the epoch.
	Location Location
	Asserted bool
	// BeaconReports and WitnessReports count its reports; Beacons and
	// Witnesses the valid, rewarded ones.
	BeaconReports, WitnessReports int
	Beacons, Witnesses            int
	// Rejected counts its rejected reports by reason (ReasonNone: valid).
	Rejected [NumReasons]int
	// BeaconUnits and WitnessUnits are its HIP-15 units × UnitScale.
	BeaconUnits, WitnessUnits uint64
	// BeaconShares and WitnessShares are Helium's shares: each report's units
	// times the HIP-17 transmit scale of the beacon's beaconer
	// (h3density.Scaler.HeliumScale, 4 decimals), in units of 10^-8 (both
	// factors have 4 decimals, so the sums are exact integers).
	BeaconShares, WitnessShares uint64
	// Scale is the hotspot's own transmit scale (what its beacons earn with).
	Scale *big.Rat
	// Trust is reward.LocationTrust over the ExcessM of its measured links
	// under ScoreConfig.TrustModel.
	Trust reward.Multiplier
	// Multipliers are reward.ApplyBoosts(nil, Trust, threshold, boost): the
	// trust factor, and the boost if the hotspot has one and keeps it.
	Multipliers []reward.Multiplier
}

// ContributorID is the hotspot's contributor ID in package reward: its device
// ID, whose hex form is also its Contribution's name.
func (s Score) ContributorID() reward.ContributorID { return reward.ContributorID(s.Hotspot) }

// Units returns the units of a role × UnitScale, and its shares (10^-8).
func (s Score) Units(role Role) (units, shares uint64) {
	if role&RoleBeacon != 0 {
		units, shares = units+s.BeaconUnits, shares+s.BeaconShares
	}
	if role&RoleWitness != 0 {
		units, shares = units+s.WitnessUnits, shares+s.WitnessShares
	}
	return units, shares
}

// Contribution returns the hotspot's reward.Contribution for a role, named by
// its device ID (64 hex digits, as reward.ContributorID.String): Units are its
// HIP-15 units in 10^-8 (units × UnitScale), the first multiplier
// "hex-density" is shares/units (the unit-weighted mean of the transmit scales
// its reports earned with, so that Units × hex-density = Helium's shares), then
// Multipliers (trust, boosts).
func (s Score) Contribution(role Role) reward.Contribution {
	units, shares := s.Units(role)
	u := new(big.Int).Mul(new(big.Int).SetUint64(units), big.NewInt(UnitScale))
	density := reward.Multiplier{Name: "hex-density", Value: big.NewRat(1, 1), Note: "no units"}
	if units > 0 {
		density.Value = new(big.Rat).SetFrac(new(big.Int).SetUint64(shares), u)
		density.Note = fmt.Sprintf("HIP-17 transmit scales of the beacons, unit-weighted; own scale %s", s.Scale.FloatString(4))
	}
	ms := append([]reward.Multiplier{density}, s.Multipliers...)
	return reward.Contribution{Contributor: s.Hotspot.String(), Units: u, Multipliers: ms}
}

// Explain says in one line what the hotspot did and why it earned what it did.
func (s Score) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hotspot %s: ", s.Hotspot.String()[:12])
	if !s.Asserted {
		b.WriteString("no asserted location; ")
	}
	fmt.Fprintf(&b, "beacons %d/%d valid, witness reports %d/%d valid; units %s beacon + %s witness",
		s.Beacons, s.BeaconReports, s.Witnesses, s.WitnessReports,
		unitString(s.BeaconUnits), unitString(s.WitnessUnits))
	var rej []string
	for r, n := range s.Rejected {
		if r != int(ReasonNone) && n > 0 {
			rej = append(rej, fmt.Sprintf("%s %d", Reason(r), n))
		}
	}
	if len(rej) > 0 {
		fmt.Fprintf(&b, "; rejected: %s", strings.Join(rej, ", "))
	}
	fmt.Fprintf(&b, "; scale %s; trust %s (%s)", s.Scale.FloatString(4), s.Trust.Value.RatString(), s.Trust.Note)
	if len(s.Multipliers) > 1 {
		b.WriteString("; boosts kept")
	}
	return b.String()
}

func unitString(u uint64) string {
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(u), big.NewInt(UnitScale)).FloatString(4)
}

// Density builds the epoch's hex density scaler from the State: the asserted
// cells of the hotspots interactive within cfg.InteractiveWindowMs before
// cfg.AtMs (State.InteractiveHotspots: a beacon that passed the regular rules
// and drew a witness report; a hotspot whose beacons all fail is not
// counted), clipped by cfg.Levels. The hotspots are named by device ID, so
// its Explain lists, at each resolution, the hotspots that were counted.
func Density(st *State, cfg ScoreConfig) (*h3density.Scaler, error) {
	window := cfg.InteractiveWindowMs
	if window == 0 {
		window = 60 * hour
	}
	levels := cfg.Levels
	if levels == nil {
		levels = h3density.HIP104
	}
	return h3density.NewScalerOf(levels, st.InteractiveHotspots(cfg.AtMs, window))
}

// Scores turns an epoch's validated rounds into a Score per hotspot that took
// part (as beaconer or witness), in device ID order. Call it after the rounds
// were applied to st (Process does both): st gives the density map (Density)
// and the asserted locations.
//
// Each report's units are scaled by its beaconer's transmit scale
// (HeliumScale of the beaconer's cell when validated; 0.2 for a beaconer not
// interactive), as Helium's shares.
//
// A hotspot's trust is reward.LocationTrust over the ExcessM (under
// cfg.TrustModel) of every measured link it was on, as beaconer or witness. A
// link that contradicts the assertions (excess beyond the first trust band)
// is blamed on the endpoint a larger fraction of whose links contradict it —
// the liar, whose every link is off, not the honest peer that heard it — and
// on both if the fractions are equal; the other endpoint counts it with no
// excess. Its boost, if any, survives only with trust ≥ BoostThreshold
// (reward.ApplyBoosts). Contributions multiply units by scale, trust and
// boosts.
//
// The trust model must suit the network's terrain: a link much stronger than
// the model predicts (line of sight in a model of urban clutter) reads as a
// contradiction.
func Scores(st *State, rounds []*Round, cfg ScoreConfig) ([]Score, error) {
	if cfg.AtMs <= 0 {
		return nil, fmt.Errorf("%w: score config: at %d ms", ErrInvalidRules, cfg.AtMs)
	}
	bands := cfg.TrustBands
	if bands == nil {
		bands = IoTTrustBands
	}
	if len(bands) == 0 {
		return nil, fmt.Errorf("%w: score config: trust bands empty", ErrInvalidRules)
	}
	model := cfg.TrustModel
	if model == (PathLoss{}) {
		model = DefaultTrustModel
	}
	if !model.Valid() {
		return nil, fmt.Errorf("%w: score config: trust model %+v", ErrInvalidRules, model)
	}
	threshold := cfg.BoostThreshold
	if threshold == nil {
		threshold = DefaultBoostThreshold
	}
	dens, err := Density(st, cfg)
	if err != nil {
		return nil, fmt.Errorf("poc: density: %w", err)
	}
	type acc struct {
		s      Score
		excess []uint64
		links  int // measured links
		bad    int // of which contradict beyond the first trust band
	}
	type link struct {
		beaconer, witness *acc
		excess            uint64
	}
	var links []link
	all := map[device.ID]*acc{}
	get := func(id device.ID) *acc {
		a := all[id]
		if a == nil {
			a = &acc{s: Score{Hotspot: id}}
			all[id] = a
		}
		return a
	}
	scales := map[h3.Cell]uint64{} // HeliumScale × 10^4 per beaconer cell
	scale4 := func(c h3.Cell) uint64 {
		if v, ok := scales[c]; ok {
			return v
		}
		r := new(big.Rat).Mul(dens.HeliumScale(c), big.NewRat(UnitScale, 1))
		v := new(big.Int).Quo(r.Num(), r.Denom()).Uint64()
		scales[c] = v
		return v
	}
	for _, r := range rounds {
		b := get(r.Beacon.Report.Beaconer)
		b.s.BeaconReports++
		b.s.Rejected[r.Beacon.Reason]++
		bscale := uint64(0)
		if r.Beacon.Regular {
			bscale = scale4(r.Beacon.Location.Cell)
		}
		if r.Beacon.Valid() {
			b.s.Beacons++
			b.s.BeaconUnits += r.Beacon.Units
			b.s.BeaconShares += r.Beacon.Units * bscale
		}
		for _, w := range r.Witnesses {
			a := get(w.Report.Witness.Witness)
			a.s.WitnessReports++
			a.s.Rejected[w.Reason]++
			if w.Valid() {
				a.s.Witnesses++
				a.s.WitnessUnits += w.Units
				a.s.WitnessShares += w.Units * bscale
			}
			if w.Measured {
				e := uint64(w.ExcessM(model, r.Beacon.Report.TxPowerDBm, r.Beacon.Location.GainDeciDBi))
				links = append(links, link{b, a, e})
				b.links++
				a.links++
				if e > bands[0].MaxMeters {
					b.bad++
					a.bad++
				}
			}
		}
	}
	// Blame: a contradicting link counts against the endpoint whose links
	// contradict it more often (both, if equally often); the other endpoint
	// counts it as consistent.
	for _, l := range links {
		be, we := l.excess, l.excess
		if l.excess > 0 {
			// Compare bad/links of the two ends by cross-multiplication.
			switch c := l.beaconer.bad*l.witness.links - l.witness.bad*l.beaconer.links; {
			case c > 0:
				we = 0
			case c < 0:
				be = 0
			}
		}
		l.beaconer.excess = append(l.beaconer.excess, be)
		l.witness.excess = append(l.witness.excess, we)
	}
	ids := make([]device.ID, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) })
	out := make([]Score, 0, len(ids))
	for _, id := range ids {
		a := all[id]
		s := a.s
		s.Location, s.Asserted = st.Location(id)
		if s.Asserted {
			s.Scale = dens.HeliumScale(s.Location.Cell)
		} else {
			s.Scale = new(big.Rat)
		}
		s.Trust = reward.LocationTrust(bands, a.excess)
		s.Trust.Note = fmt.Sprintf("mean over %d measured links of the excess of asserted over radio distance", len(a.excess))
		var boosts []reward.Multiplier
		if cfg.Boost != nil && s.Asserted {
			if m, ok := cfg.Boost(s.Location.Cell); ok {
				boosts = append(boosts, m)
			}
		}
		s.Multipliers = reward.ApplyBoosts(nil, s.Trust, threshold, boosts...)
		out = append(out, s)
	}
	return out, nil
}

// Contributions returns the Contribution of each score for a role, in the
// scores' order: ready for reward.Distribute.
func Contributions(scores []Score, role Role) []reward.Contribution {
	out := make([]reward.Contribution, len(scores))
	for i := range scores {
		out[i] = scores[i].Contribution(role)
	}
	return out
}
