package telecom

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/vertical"
)

// The telecom vertical registers itself under Name when its package is
// imported, as a database/sql driver does: a program that runs subnets by
// their spec (depinkit subnet up) imports it and runs any telecom subnet.
// An init rather than an exported Register function: registering twice
// panics (vertical.Register), and an init runs exactly once however many
// packages import this one.
func init() {
	vertical.Register(Name, FromSetup)
}

// FromSetup is the vertical's factory (vertical.Factory): a telecom
// vertical with the subnet's curve (Setup.Curve, which the runtime mints
// by), its pool weights (Setup.PoolWeights, by pool name: beacons,
// witnesses, data-transfer, private-coverage, reserved; any other name is
// an error; pools it leaves out weigh 0), its verifier (Setup.Verifier, for
// usage proofs inside sessions) and the Settings of its section of the spec,
// [verticals.telecom]. Without a curve it keeps the Config's default curve.
func FromSetup(s vertical.Setup) (vertical.Vertical, error) {
	var st Settings
	if err := s.Decode(&st); err != nil {
		return nil, err
	}
	cfg, err := st.Config()
	if err != nil {
		return nil, err
	}
	cfg.Curve = s.Curve
	cfg.Verifier = s.Verifier
	if len(s.PoolWeights) > 0 {
		w, err := weightsOf(s.PoolWeights)
		if err != nil {
			return nil, err
		}
		cfg.Weights = w
	}
	return New(cfg)
}

// weightsOf maps a subnet's pool weights to Weights.
func weightsOf(pools map[string]uint64) (Weights, error) {
	var w Weights
	fields := map[string]*uint64{
		PoolBeacons: &w.Beacons, PoolWitnesses: &w.Witnesses, PoolDataTransfer: &w.DataTransfer,
		PoolPrivateCoverage: &w.PrivateCoverage, PoolReserved: &w.Reserved,
	}
	var unknown []string
	for name, weight := range pools {
		f, ok := fields[name]
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		*f = weight
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return Weights{}, fmt.Errorf("%w: reward.pools: %s: the telecom vertical's pools are %s, %s, %s, %s and %s", ErrConfig,
			strings.Join(unknown, ", "), PoolBeacons, PoolWitnesses, PoolDataTransfer, PoolPrivateCoverage, PoolReserved)
	}
	if w.Beacons+w.Witnesses+w.DataTransfer+w.PrivateCoverage == 0 {
		return Weights{}, fmt.Errorf("%w: reward.pools: every paying pool has weight 0", ErrConfig)
	}
	return w, nil
}

// Settings are the telecom vertical's settings a subnet spec holds, in its
// section [verticals.telecom]: every setting of Config that a file can say.
// An absent or zero key takes Config's default (Helium's). Fractions are
// strings such as "3/2" or "0.00001". The curve and the pools' weights are
// the subnet's ([reward], [reward.pools]), not here. Not settable from a
// spec (Config's defaults always): the hex density levels and trust bands
// (Score.Levels, Score.TrustBands).
//
//	[verticals.telecom]
//	require_usage_proof = true
//	[verticals.telecom.rules]
//	beacon_interval_ms = 1000
//	[verticals.telecom.score.trust_model]
//	exponent_tenths = 27
//	margin_deci_db = 100
//	[[verticals.telecom.boosts]]
//	cell = '8828308281fffff'
//	factor = '3/2'
type Settings struct {
	Rules       RulesSettings       `toml:"rules,omitempty"`
	Score       ScoreSettings       `toml:"score,omitempty"`
	Boosts      []BoostSettings     `toml:"boosts,omitempty"`
	DataCredits DataCreditsSettings `toml:"data_credits,omitempty"`
	Bandwidth   BandwidthSettings   `toml:"bandwidth,omitempty"`
	// RequireUsageProof, UsageIntervalMs, PrivateRes and MaxPrivateRadius
	// are Config's.
	RequireUsageProof bool   `toml:"require_usage_proof,omitempty"`
	UsageIntervalMs   uint64 `toml:"usage_interval_ms,omitempty"`
	PrivateRes        int    `toml:"private_res,omitempty"`
	MaxPrivateRadius  uint32 `toml:"max_private_radius,omitempty"`
}

// RulesSettings are Config.Rules (poc.Rules), field by field.
type RulesSettings struct {
	EntropyLifespanS   int64  `toml:"entropy_lifespan_s,omitempty"`
	BeaconIntervalMs   int64  `toml:"beacon_interval_ms,omitempty"`
	BeaconLagMs        int64  `toml:"beacon_lag_ms,omitempty"`
	WitnessLagMs       int64  `toml:"witness_lag_ms,omitempty"`
	MaxFrequencyDiffHz uint64 `toml:"max_frequency_diff_hz,omitempty"`
	MinCellDistance    int    `toml:"min_cell_distance,omitempty"`
	CellDistanceRes    int    `toml:"cell_distance_res,omitempty"`
	MaxDistanceKm      uint32 `toml:"max_distance_km,omitempty"`
	ReciprocityMs      int64  `toml:"reciprocity_ms,omitempty"`
	NoReciprocity      bool   `toml:"no_reciprocity,omitempty"`
	MaxWitnesses       int    `toml:"max_witnesses,omitempty"`
}

// ScoreSettings are the settable part of Config.Score (poc.ScoreConfig).
type ScoreSettings struct {
	InteractiveWindowMs int64 `toml:"interactive_window_ms,omitempty"`
	TrustModel          struct {
		ExponentTenths uint32 `toml:"exponent_tenths,omitempty"`
		MarginDeciDB   int32  `toml:"margin_deci_db,omitempty"`
	} `toml:"trust_model,omitempty"`
	// BoostThreshold is a fraction; empty: the default.
	BoostThreshold string `toml:"boost_threshold,omitempty"`
}

// BoostSettings is a Boost: an H3 cell in hex and a fraction.
type BoostSettings struct {
	Cell   string `toml:"cell,omitempty"`
	Factor string `toml:"factor,omitempty"`
}

// DataCreditsSettings are Config.DataCredits; prices are fractions (USD).
type DataCreditsSettings struct {
	BytesPerCredit uint64 `toml:"bytes_per_credit,omitempty"`
	CreditPriceUSD string `toml:"credit_price_usd,omitempty"`
	TokenPriceUSD  string `toml:"token_price_usd,omitempty"`
	TokenDecimals  uint8  `toml:"token_decimals,omitempty"`
}

// BandwidthSettings are Config.Bandwidth (bandwidth.Config).
type BandwidthSettings struct {
	MaxBytesPerSecond uint64 `toml:"max_bytes_per_second,omitempty"`
	UnitsPerGB        uint64 `toml:"units_per_gb,omitempty"`
}

// SettingsOf returns the settings of c a spec's section holds: the inverse
// of Settings.Config for what a file can say (put it in a spec with
// subnet.SectionOf). The rest of c belongs elsewhere in the spec, and is
// left out: the curve and emission ([reward]), the weights ([reward.pools],
// Weights.Pools), the verifier (proof_keys). It is an error wrapping
// ErrConfig for what no spec can carry: hex density levels, trust bands, a
// Score.Boost function (Boosts are carried) or a Score.AtMs.
func SettingsOf(c Config) (Settings, error) {
	switch {
	case c.Score.Levels != nil:
		return Settings{}, fmt.Errorf("%w: score levels: a spec cannot set them", ErrConfig)
	case c.Score.TrustBands != nil:
		return Settings{}, fmt.Errorf("%w: score trust bands: a spec cannot set them", ErrConfig)
	case c.Score.Boost != nil || c.Score.AtMs != 0:
		return Settings{}, fmt.Errorf("%w: score boost function and time are the vertical's to set", ErrConfig)
	}
	r := c.Rules
	s := Settings{
		Rules: RulesSettings{
			EntropyLifespanS: r.EntropyLifespanS, BeaconIntervalMs: r.BeaconIntervalMs, BeaconLagMs: r.BeaconLagMs,
			WitnessLagMs: r.WitnessLagMs, MaxFrequencyDiffHz: r.MaxFrequencyDiffHz, MinCellDistance: r.MinCellDistance,
			CellDistanceRes: r.CellDistanceRes, MaxDistanceKm: r.MaxDistanceKm, ReciprocityMs: r.ReciprocityMs,
			NoReciprocity: r.NoReciprocity, MaxWitnesses: r.MaxWitnesses,
		},
		DataCredits:       DataCreditsSettings{BytesPerCredit: c.DataCredits.BytesPerCredit, TokenDecimals: c.DataCredits.TokenDecimals},
		Bandwidth:         BandwidthSettings{MaxBytesPerSecond: c.Bandwidth.MaxBytesPerSecond, UnitsPerGB: c.Bandwidth.UnitsPerGB},
		RequireUsageProof: c.RequireUsageProof, UsageIntervalMs: c.UsageIntervalMs,
		PrivateRes: c.PrivateRes, MaxPrivateRadius: c.MaxPrivateRadius,
	}
	s.Score.InteractiveWindowMs = c.Score.InteractiveWindowMs
	s.Score.TrustModel.ExponentTenths, s.Score.TrustModel.MarginDeciDB = c.Score.TrustModel.ExponentTenths, c.Score.TrustModel.MarginDeciDB
	s.Score.BoostThreshold = ratString(c.Score.BoostThreshold)
	s.DataCredits.CreditPriceUSD = ratString(c.DataCredits.CreditPriceUSD)
	s.DataCredits.TokenPriceUSD = ratString(c.DataCredits.TokenPriceUSD)
	for _, b := range c.Boosts {
		s.Boosts = append(s.Boosts, BoostSettings{Cell: b.Cell.String(), Factor: ratString(b.Factor)})
	}
	return s, nil
}

func ratString(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return r.RatString()
}

// Pools returns the weights by pool name, as a spec's [reward.pools] holds
// them (what FromSetup takes back); zero weights are left out.
func (w Weights) Pools() map[string]uint64 {
	out := map[string]uint64{}
	for name, v := range map[string]uint64{
		PoolBeacons: w.Beacons, PoolWitnesses: w.Witnesses, PoolDataTransfer: w.DataTransfer,
		PoolPrivateCoverage: w.PrivateCoverage, PoolReserved: w.Reserved,
	} {
		if v != 0 {
			out[name] = v
		}
	}
	return out
}

// Config returns the Config the settings say (defaults not yet filled in:
// New and Validate do that). A fraction or a cell that does not parse is an
// error wrapping ErrConfig that names its key as the spec does.
func (s Settings) Config() (Config, error) {
	const at = "verticals.telecom."
	var c Config
	r := s.Rules
	c.Rules = poc.Rules{
		EntropyLifespanS: r.EntropyLifespanS, BeaconIntervalMs: r.BeaconIntervalMs, BeaconLagMs: r.BeaconLagMs,
		WitnessLagMs: r.WitnessLagMs, MaxFrequencyDiffHz: r.MaxFrequencyDiffHz, MinCellDistance: r.MinCellDistance,
		CellDistanceRes: r.CellDistanceRes, MaxDistanceKm: r.MaxDistanceKm, ReciprocityMs: r.ReciprocityMs,
		NoReciprocity: r.NoReciprocity, MaxWitnesses: r.MaxWitnesses,
	}
	c.Score.InteractiveWindowMs = s.Score.InteractiveWindowMs
	c.Score.TrustModel = poc.PathLoss{ExponentTenths: s.Score.TrustModel.ExponentTenths, MarginDeciDB: s.Score.TrustModel.MarginDeciDB}
	var err error
	if c.Score.BoostThreshold, err = fraction(at+"score.boost_threshold", s.Score.BoostThreshold); err != nil {
		return Config{}, err
	}
	for i, b := range s.Boosts {
		key := fmt.Sprintf("%sboosts[%d]", at, i)
		cell := h3.Cell(h3.IndexFromString(b.Cell))
		if b.Cell == "" || !cell.IsValid() || cell.String() != strings.ToLower(b.Cell) {
			return Config{}, fmt.Errorf("%w: %s.cell: %q is not an H3 cell in hex", ErrConfig, key, b.Cell)
		}
		f, err := fraction(key+".factor", b.Factor)
		if err != nil {
			return Config{}, err
		}
		if f == nil {
			return Config{}, fmt.Errorf("%w: %s.factor: missing", ErrConfig, key)
		}
		c.Boosts = append(c.Boosts, Boost{Cell: cell, Factor: f})
	}
	d := s.DataCredits
	c.DataCredits = DataCredits{BytesPerCredit: d.BytesPerCredit, TokenDecimals: d.TokenDecimals}
	if c.DataCredits.CreditPriceUSD, err = fraction(at+"data_credits.credit_price_usd", d.CreditPriceUSD); err != nil {
		return Config{}, err
	}
	if c.DataCredits.TokenPriceUSD, err = fraction(at+"data_credits.token_price_usd", d.TokenPriceUSD); err != nil {
		return Config{}, err
	}
	c.Bandwidth.MaxBytesPerSecond, c.Bandwidth.UnitsPerGB = s.Bandwidth.MaxBytesPerSecond, s.Bandwidth.UnitsPerGB
	c.RequireUsageProof, c.UsageIntervalMs = s.RequireUsageProof, s.UsageIntervalMs
	c.PrivateRes, c.MaxPrivateRadius = s.PrivateRes, s.MaxPrivateRadius
	return c, nil
}

// maxFractionLen bounds a fraction's text.
const maxFractionLen = 160

// fraction parses "3/2" or "0.00001" exactly (no exponent); empty: nil.
func fraction(key, v string) (*big.Rat, error) {
	if v == "" {
		return nil, nil
	}
	if len(v) > maxFractionLen {
		return nil, fmt.Errorf("%w: %s: longer than %d bytes", ErrConfig, key, maxFractionLen)
	}
	f, ok := new(big.Rat).SetString(v)
	if !ok || strings.ContainsAny(v, "eE") {
		return nil, fmt.Errorf("%w: %s: %q is not a fraction such as 3/2 or 0.5", ErrConfig, key, v)
	}
	return f, nil
}
