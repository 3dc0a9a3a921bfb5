package telecom

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// Name is the vertical's name, hashed into the subnet's state.
const Name = "telecom"

// Pool names.
const (
	PoolBeacons         = "beacons"
	PoolWitnesses       = "witnesses"
	PoolDataTransfer    = "data-transfer"
	PoolPrivateCoverage = "private-coverage"
	PoolReserved        = "reserved"
)

// Rejection reasons of the vertical (vertical.Rejection.Reason). Proof-of-coverage
// reports rejected at scoring carry poc's reason (poc.Reason.String:
// "too-close", "rssi-too-high", "no-reciprocity"...), and sessions
// bandwidth's (bandwidth.Reason.String: "bad-client-signature",
// "duplicate-session"...), but "unknown-device" which is ReasonUnknownClient.
const (
	ReasonBadReport          = "bad-report"           // a PoC message that does not parse, or names another device
	ReasonStaleAssertion     = "stale-assertion"      // a location assertion whose nonce is not above the last
	ReasonBadSession         = "bad-session"          // a session payload that does not parse
	ReasonWrongProvider      = "wrong-provider"       // a session sealed by another device than its provider
	ReasonUnknownClient      = "unknown-client"       // a session whose client never said hello
	ReasonUsageProofRequired = "usage-proof-required" // Config.RequireUsageProof and no usage proof
	ReasonBadUsageProof      = "bad-usage-proof"      // a usage proof that does not match its session or verify
	ReasonBadHello           = "bad-hello"            // a client hello that does not parse
	ReasonWrongNonce         = "wrong-nonce"          // a coverage claim for an entropy that is not the epoch's (or the last one's)
	ReasonBadAnchor          = "bad-anchor"           // a coverage claim whose point is not a cell's anchor
	ReasonRadiusTooLarge     = "radius-too-large"     // a coverage claim's radius above Config.MaxPrivateRadius
	ReasonDuplicateProof     = "duplicate-proof"      // a second coverage proof of a hotspot in an epoch
)

// Vertical is the telecom vertical: a Helium-style LoRa coverage network
// (package poc) and a bandwidth network (package bandwidth) on one subnet,
// with private hotspots that prove coverage in zero knowledge. It implements
// vertical.Vertical and vertical.EpochStarter. Build it with New; it is not safe
// for concurrent use (the Node calls it from one goroutine; query it through
// depin.Node.Inspect).
type Vertical struct {
	cfg    Config
	curve  reward.Curve
	maxCap uint64

	st     *poc.State
	ledger *bandwidth.Ledger
	keys   map[device.ID]device.PublicKey // the current key of every device seen
	// entropies of the open epoch and the one before, ascending.
	entropies []entropyEntry
	// The open epoch.
	lastMs    int64 // the latest accepted claim's commit time
	beacons   []beaconItem
	witnesses []witnessItem
	private   []privateItem
	proved    map[device.ID]bool // devices in private

	last EpochStats // the last scored epoch
}

type entropyEntry struct {
	epoch   uint64
	data    []byte
	startMs int64 // the commit time of the epoch's first accepted claim; 0: none yet
}

type beaconItem struct {
	seq    uint64
	report poc.BeaconReport
}

type witnessItem struct {
	seq    uint64
	report poc.WitnessReport
}

type privateItem struct {
	device device.ID
	seq    uint64
	cell   h3.Cell
}

var (
	_ vertical.Vertical      = (*Vertical)(nil)
	_ vertical.EpochStarter  = (*Vertical)(nil)
	_ vertical.CurveProposer = (*Vertical)(nil)
)

// New returns a vertical with cfg (Validate fills in its defaults).
func New(cfg Config) (*Vertical, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	curve, err := cfg.curve()
	if err != nil {
		return nil, err
	}
	l, err := bandwidth.NewLedger(cfg.Bandwidth)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	maxCap, err := cfg.readingCap(l)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return &Vertical{cfg: cfg, curve: curve, maxCap: maxCap, st: poc.NewState(), ledger: l,
		keys: map[device.ID]device.PublicKey{}, proved: map[device.ID]bool{}}, nil
}

// NewFactory validates cfg once and returns a function that builds a fresh
// vertical with it, for depin.LocalConfig.NewVertical and for launchers that
// instantiate the vertical by name.
func NewFactory(cfg Config) (func() vertical.Vertical, error) {
	if _, err := New(cfg); err != nil {
		return nil, err
	}
	return func() vertical.Vertical {
		v, _ := New(cfg) // checked above; New copies what it keeps
		return v
	}, nil
}

// Config returns the vertical's Config, defaults filled in.
func (v *Vertical) Config() Config { return v.cfg }

// Name implements vertical.Vertical.
func (v *Vertical) Name() string { return Name }

// Curve implements vertical.CurveProposer: Config.Curve, or the halving
// curve of the Config's emission parameters (HIP-20's by default), which a
// subnet that names no curve mints by.
func (v *Vertical) Curve() reward.Curve { return v.curve }

// ContentTypes implements vertical.Vertical: location assertions, beacons and
// witness reports (signature only), sessions (signature only; a usage proof
// inside is checked by the vertical), client hellos, and coverage bundles
// (zero-knowledge only).
func (v *Vertical) ContentTypes() []vertical.ContentType {
	return []vertical.ContentType{
		{Name: poc.ContentTypeLocation, MaxPayload: poc.MaxMessageSize},
		{Name: poc.ContentTypeBeacon, MaxPayload: poc.MaxMessageSize},
		{Name: poc.ContentTypeWitness, MaxPayload: poc.MaxMessageSize},
		{Name: ContentTypeSession, MaxPayload: maxSessionPayload},
		{Name: ContentTypeClient, MaxPayload: maxHelloPayload},
		{Name: ContentTypeCoverage, Proof: vertical.BundleZK, MaxPayload: maxCoveragePayload},
	}
}

// StartEpoch implements vertical.EpochStarter: it derives the epoch's entropy
// from its seed (Entropy) and keeps it with the previous epoch's, so that a
// beacon or coverage proof built at the end of an epoch still counts when it
// is ordered in the next.
func (v *Vertical) StartEpoch(epoch uint64, seed [32]byte) error {
	v.entropies = append(v.entropies, entropyEntry{epoch: epoch, data: Entropy(seed)})
	if n := len(v.entropies); n > 2 {
		v.entropies = slices.Delete(v.entropies, 0, n-2)
	}
	return nil
}

// entropyStart is poc.Env.Entropy: when entropy was published (the commit
// time of its epoch's first accepted claim).
func (v *Vertical) entropyStart(data []byte) (int64, bool) {
	for _, e := range v.entropies {
		if bytes.Equal(e.data, data) && e.startMs > 0 {
			return e.startMs, true
		}
	}
	return 0, false
}

type kind uint8

const (
	kindLocation kind = iota + 1
	kindBeacon
	kindWitness
	kindSession
	kindHello
	kindCoverage
)

// claim is what Claim makes of an envelope.
type claim struct {
	kind   kind
	device device.ID
	key    device.PublicKey
	seq    uint64
	timeMs int64

	location *poc.LocationAssertion
	beacon   *poc.Beacon
	witness  *poc.Witness
	session  *bandwidth.Session
	cell     h3.Cell
}

// Claim implements vertical.Vertical: it decodes the envelope's report and
// checks what needs no state but the entropies: a PoC message's fields and
// signer, a session's provider and usage proof, a coverage claim's public
// inputs (CheckCoverage).
func (v *Vertical) Claim(r *vertical.Report) (any, error) {
	env := r.Envelope
	c := &claim{device: env.Device, key: r.Device.Key, seq: env.Seq, timeMs: r.Time}
	var err error
	switch env.ContentType {
	case poc.ContentTypeLocation:
		c.kind = kindLocation
		if c.location, err = poc.LocationFromEnvelope(env); err != nil {
			return nil, vertical.Reject(ReasonBadReport, "%v", err)
		}
	case poc.ContentTypeBeacon:
		c.kind = kindBeacon
		if c.beacon, err = poc.BeaconFromEnvelope(env); err != nil {
			return nil, vertical.Reject(ReasonBadReport, "%v", err)
		}
	case poc.ContentTypeWitness:
		c.kind = kindWitness
		if c.witness, err = poc.WitnessFromEnvelope(env); err != nil {
			return nil, vertical.Reject(ReasonBadReport, "%v", err)
		}
	case ContentTypeSession:
		c.kind = kindSession
		if c.session, err = v.sessionOf(r); err != nil {
			return nil, err
		}
	case ContentTypeClient:
		c.kind = kindHello
		var h hello
		if err := payloadDecoder.UnmarshalCanonical(env.Payload, &h); err != nil || h.Version != 1 {
			return nil, vertical.Reject(ReasonBadHello, "not a version-1 client hello")
		}
	case ContentTypeCoverage:
		c.kind = kindCoverage
		if r.Bundle == nil {
			return nil, vertical.Reject(vertical.ReasonInvalidProof, "no verified bundle")
		}
		cc, ok := r.Bundle.Claim.(*proof.CoverageClaim)
		if !ok {
			return nil, vertical.Reject(vertical.ReasonInvalidProof, "bundle proves %s, not coverage", r.Bundle.Claim.Statement())
		}
		if c.cell, err = v.CheckCoverage(cc); err != nil {
			return nil, err
		}
	default:
		return nil, vertical.Reject(vertical.ReasonContentType, "%s is not a telecom content type", env.ContentType)
	}
	return c, nil
}

func (v *Vertical) sessionOf(r *vertical.Report) (*bandwidth.Session, error) {
	var p SessionPayload
	if err := payloadDecoder.UnmarshalCanonical(r.Envelope.Payload, &p); err != nil {
		return nil, vertical.Reject(ReasonBadSession, "payload: %v", err)
	}
	s, err := bandwidth.ParseSession(p.Session)
	if err != nil {
		return nil, vertical.Reject(ReasonBadSession, "%v", err)
	}
	if s.Provider != r.Envelope.Device {
		return nil, vertical.Reject(ReasonWrongProvider, "session of provider %s sealed by %s", s.Provider, r.Envelope.Device)
	}
	if len(p.Usage) == 0 {
		if v.cfg.RequireUsageProof {
			return nil, vertical.Reject(ReasonUsageProofRequired, "session %x carries no usage proof", s.SessionID)
		}
		return s, nil
	}
	b, err := proof.ParseBundle(p.Usage)
	if err != nil {
		return nil, vertical.Reject(ReasonBadUsageProof, "%v", err)
	}
	if st := b.Claim.Statement(); st.Kind != proof.Usage || st.N > DefaultMaxUsageReadings {
		return nil, vertical.Reject(ReasonBadUsageProof, "bundle proves %s, want usage over at most %d readings", st, DefaultMaxUsageReadings)
	}
	if err := bandwidth.VerifyUsage(v.cfg.Verifier, s, b, r.Device.Key, v.maxCap); err != nil {
		return nil, vertical.Reject(ReasonBadUsageProof, "%v", err)
	}
	return s, nil
}

// CheckCoverage checks a coverage claim's public inputs, which the proof
// binds: its Nonce is CoverageNonce of the open epoch's entropy or the
// previous epoch's; its Point is exactly the Anchor of a cell at
// Config.PrivateRes (the hotspot's public coarse cell, returned); its Radius
// is at most Config.MaxPrivateRadius. The Node has already checked the
// device key (the envelope's signer) and the proof.
func (v *Vertical) CheckCoverage(cc *proof.CoverageClaim) (h3.Cell, error) {
	fresh := false
	for _, e := range v.entropies {
		n := CoverageNonce(e.data)
		if n.Equal(&cc.Nonce) {
			fresh = true
		}
	}
	if !fresh {
		return 0, vertical.Reject(ReasonWrongNonce, "the claim's nonce is not the epoch's entropy")
	}
	if cc.Radius > v.cfg.MaxPrivateRadius {
		return 0, vertical.Reject(ReasonRadiusTooLarge, "radius %d µdeg, at most %d", cc.Radius, v.cfg.MaxPrivateRadius)
	}
	cell, ok := CellOfAnchor(cc.Point, v.cfg.PrivateRes)
	if !ok {
		return 0, vertical.Reject(ReasonBadAnchor, "point (%d, %d) is not the anchor of a resolution-%d cell", cc.Point.X, cc.Point.Y, v.cfg.PrivateRes)
	}
	return cell, nil
}

// Apply implements vertical.Vertical: a location assertion moves the hotspot
// (poc.State.Assert), a session goes on the epoch's ledger
// (bandwidth.Ledger.Add, which checks both signatures, duplicates and
// nonces), beacons, witness reports and coverage proofs are kept for Score.
func (v *Vertical) Apply(_ uint64, claimAny any) error {
	c, ok := claimAny.(*claim)
	if !ok {
		return fmt.Errorf("telecom: claim of type %T", claimAny)
	}
	switch c.kind {
	case kindLocation:
		if err := v.st.Assert(c.location); err != nil {
			if errors.Is(err, poc.ErrStaleAssertion) {
				return vertical.Reject(ReasonStaleAssertion, "%v", err)
			}
			return vertical.Reject(ReasonBadReport, "%v", err)
		}
	case kindBeacon:
		v.beacons = append(v.beacons, beaconItem{seq: c.seq, report: poc.BeaconReport{Beacon: *c.beacon, ReceivedMs: c.timeMs}})
	case kindWitness:
		v.witnesses = append(v.witnesses, witnessItem{seq: c.seq, report: poc.WitnessReport{Witness: *c.witness, ReceivedMs: c.timeMs}})
	case kindSession:
		keyOf := func(id device.ID) (device.PublicKey, error) {
			if id == c.device {
				return c.key, nil
			}
			if k, ok := v.keys[id]; ok {
				return k, nil
			}
			return device.PublicKey{}, fmt.Errorf("device %s never said hello", id)
		}
		if err := v.ledger.Add(c.session, keyOf); err != nil {
			return sessionRejection(err)
		}
	case kindHello:
	case kindCoverage:
		if v.proved[c.device] {
			return vertical.Reject(ReasonDuplicateProof, "hotspot %s proved coverage already this epoch", c.device)
		}
		v.private = append(v.private, privateItem{device: c.device, seq: c.seq, cell: c.cell})
		v.proved[c.device] = true
	default:
		return fmt.Errorf("telecom: claim of kind %d", c.kind)
	}
	if k, ok := v.keys[c.device]; !ok || !k.Equal(c.key) {
		v.keys[c.device] = c.key
	}
	v.lastMs = max(v.lastMs, c.timeMs)
	if n := len(v.entropies); n > 0 && v.entropies[n-1].startMs == 0 {
		v.entropies[n-1].startMs = c.timeMs
	}
	return nil
}

func sessionRejection(err error) error {
	r, ok := bandwidth.ReasonOf(err)
	if !ok {
		return vertical.Reject(ReasonBadSession, "%v", err)
	}
	reason := r.String()
	if r == bandwidth.ReasonUnknownDevice {
		reason = ReasonUnknownClient
	}
	return vertical.Reject(reason, "%v", err)
}

// EpochStats sums up a scored epoch.
type EpochStats struct {
	Epoch uint64
	// Rounds is the number of beacons judged; Beacons and Witnesses count the
	// verdicts on beacons and witness reports by poc.Reason (ReasonNone: valid).
	Rounds             int
	Beacons, Witnesses [poc.NumReasons]int
	// Orphans are witness reports of a beacon not reported in the epoch.
	Orphans int
	// Sessions, Bytes and Providers: the accepted sessions.
	Sessions, Bytes uint64
	Providers       int
	// PrivateProofs is the number of accepted coverage proofs.
	PrivateProofs int
	// Scores are the hotspots' proof-of-coverage scores (poc.Scores).
	Scores []poc.Score
}

// LastEpoch returns the stats of the last epoch scored (zero before any).
func (v *Vertical) LastEpoch() EpochStats { return v.last }

// Location returns a hotspot's asserted location.
func (v *Vertical) Location(id device.ID) (poc.Location, bool) { return v.st.Location(id) }

// Score implements vertical.Vertical. It judges the epoch's rounds in order
// (poc.Validate, then poc.State.Apply): beacons by received time (the commit
// time), each with the witness reports of its payload. Every report that
// earns nothing is a vertical.LateRejection with poc's reason; witness reports
// of no beacon in the epoch are "no-beacon". Then the pools:
//
//	beacons           each beaconer's poc.Score.Contribution(RoleBeacon):
//	                  HIP-15 units × HIP-17 density × location trust (× boost)
//	witnesses         the same for RoleWitness
//	data-transfer     each provider's data credits (Config.DataCredits)
//	private-coverage  one unit per private hotspot with a valid coverage
//	                  proof, × 1/k for k private hotspots proving the same cell
//	reserved          nobody: Helium's operations, oracles and delegation
//
// with the amounts of Config.Weights.Split: the data-transfer pool pays at
// most the credits' worth, and its unused share goes to beacons and
// witnesses, as Helium's oracle does. The pools' weights are those exact
// amounts, so the Node's split by weight reproduces them.
func (v *Vertical) Score(epoch uint64) (*vertical.Score, error) {
	out := &vertical.Score{}
	stats := EpochStats{Epoch: epoch}

	// Rounds, in Helium's order.
	beacons := slices.Clone(v.beacons)
	slices.SortStableFunc(beacons, func(a, b beaconItem) int {
		return cmp.Or(cmp.Compare(a.report.ReceivedMs, b.report.ReceivedMs), bytes.Compare(a.report.Beaconer[:], b.report.Beaconer[:]))
	})
	byHash := make(map[[32]byte]int, len(beacons))
	for i := range beacons {
		h := beacons[i].report.PayloadHash()
		if _, dup := byHash[h]; !dup {
			byHash[h] = i
		}
	}
	heard := make([][]witnessItem, len(beacons))
	for _, w := range v.witnesses {
		i, ok := byHash[w.report.PayloadHash]
		if !ok {
			stats.Orphans++
			out.Rejected = append(out.Rejected, vertical.LateRejection{Device: w.report.Witness.Witness, Seq: w.seq,
				Reason: poc.ReasonNoBeacon.String(), Detail: "no beacon with this payload was reported in the epoch"})
			continue
		}
		heard[i] = append(heard[i], w)
	}
	env := poc.Env{State: v.st, Rules: v.cfg.Rules, Entropy: v.entropyStart}
	rounds := make([]*poc.Round, 0, len(beacons))
	for i, b := range beacons {
		ws := heard[i]
		slices.SortStableFunc(ws, func(a, b witnessItem) int { return cmp.Compare(a.report.ReceivedMs, b.report.ReceivedMs) })
		reports := make([]poc.WitnessReport, len(ws))
		for k := range ws {
			reports[k] = ws[k].report
		}
		r, err := poc.Validate(b.report, reports, env)
		if err != nil { // fields were checked when parsed: cannot happen
			out.Rejected = append(out.Rejected, vertical.LateRejection{Device: b.report.Beaconer, Seq: b.seq, Reason: ReasonBadReport, Detail: err.Error()})
			continue
		}
		v.st.Apply(r)
		rounds = append(rounds, r)
		stats.Beacons[r.Beacon.Reason]++
		if r.Beacon.Reason != poc.ReasonNone {
			out.Rejected = append(out.Rejected, vertical.LateRejection{Device: b.report.Beaconer, Seq: b.seq,
				Reason: r.Beacon.Reason.String(), Detail: beaconDetail(r)})
		}
		for k, w := range r.Witnesses { // in the order of ws (stable sort of a sorted list)
			stats.Witnesses[w.Reason]++
			if w.Reason != poc.ReasonNone {
				out.Rejected = append(out.Rejected, vertical.LateRejection{Device: w.Report.Witness.Witness, Seq: ws[k].seq,
					Reason: w.Reason.String(), Detail: witnessDetail(r, &w)})
			}
		}
	}
	stats.Rounds = len(rounds)

	// Proof-of-coverage scores.
	beaconPool := vertical.Pool{Name: PoolBeacons}
	witnessPool := vertical.Pool{Name: PoolWitnesses}
	if len(rounds) > 0 {
		sc := v.cfg.Score
		sc.AtMs = v.lastMs
		if len(v.cfg.Boosts) > 0 {
			sc.Boost = v.boost
		}
		scores, err := poc.Scores(v.st, rounds, sc)
		if err != nil {
			return nil, fmt.Errorf("telecom: scores: %w", err)
		}
		stats.Scores = scores
		for _, s := range scores {
			if s.BeaconReports > 0 {
				beaconPool.Contributions = append(beaconPool.Contributions, s.Contribution(poc.RoleBeacon))
			}
			if s.WitnessReports > 0 {
				witnessPool.Contributions = append(witnessPool.Contributions, s.Contribution(poc.RoleWitness))
			}
		}
	}

	// Data transfer: each provider's data credits (Helium's dc_shares).
	dataPool := vertical.Pool{Name: PoolDataTransfer}
	dc := v.cfg.DataCredits
	credits := uint64(0)
	for _, t := range v.ledger.Totals() {
		stats.Sessions += t.Sessions
		stats.Bytes += t.Bytes
		c := dc.Credits(t.Bytes)
		credits += min(c, math.MaxUint64-credits) // saturates: no epoch comes near
		dataPool.Contributions = append(dataPool.Contributions, reward.Contribution{
			Contributor: t.Provider.String(), Units: new(big.Int).SetUint64(c)})
	}
	stats.Providers = len(dataPool.Contributions)

	// Private coverage: one unit each, shared within a cell.
	privatePool := vertical.Pool{Name: PoolPrivateCoverage}
	perCell := map[h3.Cell]int64{}
	for _, p := range v.private {
		perCell[p.cell]++
	}
	private := slices.Clone(v.private)
	slices.SortFunc(private, func(a, b privateItem) int { return bytes.Compare(a.device[:], b.device[:]) })
	for _, p := range private {
		k := perCell[p.cell]
		privatePool.Contributions = append(privatePool.Contributions, reward.Contribution{
			Contributor: p.device.String(), Units: big.NewInt(1),
			Multipliers: []reward.Multiplier{{Name: "cell-density", Value: big.NewRat(1, k),
				Note: fmt.Sprintf("%d private hotspot(s) proved coverage of cell %s", k, p.cell)}},
		})
	}
	stats.PrivateProofs = len(private)

	// The pools' amounts (Weights.Split: the data-transfer pool capped at the
	// worth of the credits), as integer weights over their common
	// denominator, so that the Node's split by weight gives each exactly its
	// amount (to the base unit, by largest remainder).
	split := v.cfg.Weights.Split(v.curve.Emission(epoch), dc.Value(credits))
	amounts := []*big.Rat{split.Beacons, split.Witnesses, split.DataTransfer, split.PrivateCoverage, split.Reserved}
	den := big.NewInt(1)
	for _, a := range amounts {
		g := new(big.Int).GCD(nil, nil, den, a.Denom())
		den.Mul(den, new(big.Int).Quo(a.Denom(), g))
	}
	for i, pool := range []vertical.Pool{beaconPool, witnessPool, dataPool, privatePool, {Name: PoolReserved}} {
		a := amounts[i]
		if a.Sign() == 0 {
			continue
		}
		pool.Weight = new(big.Int).Mul(a.Num(), new(big.Int).Quo(den, a.Denom()))
		out.Pools = append(out.Pools, pool)
	}

	// Close the epoch.
	v.ledger.EndEpoch()
	v.beacons, v.witnesses, v.private = nil, nil, nil
	clear(v.proved)
	v.lastMs = 0
	v.last = stats
	return out, nil
}

func (v *Vertical) boost(cell h3.Cell) (reward.Multiplier, bool) {
	for _, b := range v.cfg.Boosts {
		if b.Cell.Resolution() <= cell.Resolution() && cell.Parent(b.Cell.Resolution()) == b.Cell {
			return reward.Multiplier{Name: "boost", Value: new(big.Rat).Set(b.Factor), Note: "boosted hex " + b.Cell.String()}, true
		}
	}
	return reward.Multiplier{}, false
}

func beaconDetail(r *poc.Round) string {
	b := &r.Beacon
	switch b.Reason {
	case poc.ReasonNoReciprocity:
		return "the beaconer witnessed no one within the reciprocity window (48 h)"
	case poc.ReasonTooSoon:
		return "a beacon in a schedule bucket no later than the hotspot's last one"
	case poc.ReasonUnassertedLocation:
		return "the beaconer has asserted no location"
	case poc.ReasonEntropyExpired, poc.ReasonUnknownEntropy:
		return "the beacon's entropy is not the epoch's, or was received outside its window"
	}
	return "beacon " + b.Reason.String()
}

func witnessDetail(r *poc.Round, w *poc.WitnessResult) string {
	id := r.Beacon.Report.Beaconer.String()[:12]
	switch w.Reason {
	case poc.ReasonTooClose:
		return fmt.Sprintf("asserted %d resolution-11 cells (%d m) from beaconer %s, at least 8 needed", w.CellDistance, w.DistanceM, id)
	case poc.ReasonTooFar:
		return fmt.Sprintf("asserted %d m from beaconer %s, at most 100 km", w.DistanceM, id)
	case poc.ReasonRSSITooHigh:
		return fmt.Sprintf("signal %d deci-dBm is stronger than free space allows at the asserted %d m from beaconer %s",
			w.Report.SignalDeciDBm, w.DistanceM, id)
	case poc.ReasonBeaconInvalid:
		return fmt.Sprintf("the beacon of %s it heard is invalid (%s)", id, r.Beacon.Reason)
	case poc.ReasonNoReciprocity:
		return "the witness's beacons drew no valid witness within the reciprocity window (48 h)"
	case poc.ReasonNotSelected:
		return fmt.Sprintf("valid, but after the first %d witnesses of beacon %s", r.Selected, id)
	case poc.ReasonLate:
		return fmt.Sprintf("received too long after beacon %s", id)
	}
	return fmt.Sprintf("witness report of beacon %s: %s", id, w.Reason)
}
