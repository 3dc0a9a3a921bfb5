package telecom

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// ErrConfig reports a Config the vertical cannot run with.
var ErrConfig = errors.New("telecom: invalid config")

// Emission defaults: Helium's HIP-20 table (helium/HIP
// 0020-hnt-max-supply.md), in base units of 10^-8 token (Helium's bones):
// 60,000,000 tokens a year in years 1 and 2, halving every two years without
// end, minted in 30-minute epochs (the legacy chain's). HIP-20's "true max
// supply" of 223,000,000 is not a stop in the schedule (the real chain minted
// about 17M less than scheduled in its first year); the schedule approaches
// 240,000,000.
var (
	// DefaultPeriodEmission is the amount of the first halving period: two
	// years of 60,000,000 tokens.
	DefaultPeriodEmission = new(big.Int).Mul(big.NewInt(120_000_000), big.NewInt(100_000_000))
	// LegacyEpochEmission is the legacy chain's rounded epoch reward, 3,424
	// tokens (59,988,480 a year), for Config.InitialEmission: a per-epoch
	// reward.Halving, which a subnet spec's "halving" curve names.
	LegacyEpochEmission = big.NewInt(342_400_000_000)
)

// DefaultHalvingPeriod is the number of epochs between halvings: two years of
// 30-minute epochs.
const DefaultHalvingPeriod = 2 * 365 * 48

// Data credit defaults (DataCredits), Helium's.
const (
	// DefaultBytesPerCredit is Helium IoT's data credit: one per 24 bytes.
	DefaultBytesPerCredit = 24
	// DefaultTokenDecimals: 10^8 base units per token (HNT's bones).
	DefaultTokenDecimals = 8
)

// DefaultCreditPriceUSD is Helium's data credit price, fixed at $0.00001.
// Do not modify.
var DefaultCreditPriceUSD = big.NewRat(1, 100_000)

// DefaultTokenPriceUSD is the token price DataCredits assumes when none is
// set: $1. It is a placeholder, not a market figure: Helium's oracle reads the
// HNT price from Pyth for every epoch, and a network should set
// TokenPriceUSD from its own price feed (every validator must use the same).
// Do not modify.
var DefaultTokenPriceUSD = big.NewRat(1, 1)

// DataCredits values the epoch's data transfer as Helium does
// (helium/oracles iot_verifier/src/reward_share.rs @824f7724,
// dc_to_hnt_bones): a provider's bytes cost data credits at a fixed USD
// price, and their worth in tokens caps the data-transfer pool (see
// Weights.Split). Zero fields take the defaults.
type DataCredits struct {
	// BytesPerCredit: a provider's epoch total of bytes costs
	// ceil(bytes/BytesPerCredit) credits. Default DefaultBytesPerCredit.
	// (Helium rounds each LoRa packet up, at least one credit a packet;
	// sessions are counted per provider and epoch, as bandwidth units are.)
	BytesPerCredit uint64
	// CreditPriceUSD is a credit's price. Default DefaultCreditPriceUSD.
	CreditPriceUSD *big.Rat
	// TokenPriceUSD is the price of one token (10^TokenDecimals base units).
	// Default DefaultTokenPriceUSD.
	TokenPriceUSD *big.Rat
	// TokenDecimals. Default DefaultTokenDecimals.
	TokenDecimals uint8
}

func (d *DataCredits) validate() error {
	if d.BytesPerCredit == 0 {
		d.BytesPerCredit = DefaultBytesPerCredit
	}
	if d.CreditPriceUSD == nil {
		d.CreditPriceUSD = new(big.Rat).Set(DefaultCreditPriceUSD)
	}
	if d.TokenPriceUSD == nil {
		d.TokenPriceUSD = new(big.Rat).Set(DefaultTokenPriceUSD)
	}
	if d.TokenDecimals == 0 {
		d.TokenDecimals = DefaultTokenDecimals
	}
	switch {
	case d.CreditPriceUSD.Sign() < 0:
		return fmt.Errorf("%w: data credits: credit price %s is negative", ErrConfig, d.CreditPriceUSD.RatString())
	case d.TokenPriceUSD.Sign() <= 0:
		return fmt.Errorf("%w: data credits: token price %s, want > 0", ErrConfig, d.TokenPriceUSD.RatString())
	case d.TokenDecimals > 36:
		return fmt.Errorf("%w: data credits: token decimals %d, at most 36", ErrConfig, d.TokenDecimals)
	}
	return nil
}

// Credits returns the credits bytes cost: ceil(bytes/BytesPerCredit) (the
// default when BytesPerCredit is 0).
func (d DataCredits) Credits(bytes uint64) uint64 {
	per := d.BytesPerCredit
	if per == 0 {
		per = DefaultBytesPerCredit
	}
	q := bytes / per
	if bytes%per != 0 {
		q++
	}
	return q
}

// Value returns the worth of credits in token base units, exactly:
// credits × CreditPriceUSD / TokenPriceUSD × 10^TokenDecimals (Helium's
// dc_to_hnt_bones, which rounds up to 15 decimals). Fill the defaults first
// (Config.Validate).
func (d DataCredits) Value(credits uint64) *big.Rat {
	v := new(big.Rat).SetInt(new(big.Int).SetUint64(credits))
	v.Mul(v, d.CreditPriceUSD)
	v.Quo(v, d.TokenPriceUSD)
	return v.Mul(v, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.TokenDecimals)), nil)))
}

// Private coverage defaults.
const (
	// DefaultPrivateRes is the resolution of the coarse cell a private
	// hotspot proves it is in (resolution 8: about 0.74 km², 0.46 km edges).
	DefaultPrivateRes = 8
	// DefaultMaxPrivateRadius is the largest radius, in microdegrees, a
	// coverage claim may state: 10,000 µdeg covers a resolution-8 cell's
	// circumradius in both axes up to about 60° of latitude.
	DefaultMaxPrivateRadius = 10_000
	// DefaultMaxUsageReadings bounds a usage proof's readings.
	DefaultMaxUsageReadings = 64
	// DefaultUsageIntervalMs is the metering interval of a session's readings,
	// which with the maximum rate sets the readings' cap
	// (bandwidth.ReadingCap).
	DefaultUsageIntervalMs = 60_000
)

// Weights are the pools' shares of an epoch's emission, relative to each
// other. The defaults follow Helium's IoT split (helium/oracles
// reward_share.rs @824f7724): beacons 6, witnesses 24, data transfer 50; of
// Helium's remaining 20 (operations 7, oracles 7, veHNT delegation 6), 1
// pays private (zero-knowledge) coverage here — private hotspots prove
// presence in a coarse cell, not radio coverage, so their pool is small: with
// one private hotspot per 40 public ones, about what a public hotspot earns
// — and 19 are Reserved, a pool nobody earns from (Unallocated in the
// epoch's summary). DataTransfer's share is a ceiling: the pool pays at most
// the worth of the data credits the epoch's traffic cost, and the unused
// part goes to beacons and witnesses, 20% and 80% (Split).
type Weights struct {
	Beacons, Witnesses, DataTransfer, PrivateCoverage, Reserved uint64
}

// Split is an epoch's emission divided among the pools, exactly.
type Split struct {
	Beacons, Witnesses, DataTransfer, PrivateCoverage, Reserved *big.Rat
	// DataValue is the worth of the epoch's data credits; Unused the part of
	// the data-transfer share it did not use, given to beacons (1/5) and
	// witnesses (4/5).
	DataValue, Unused *big.Rat
}

// Split divides emission by the weights with Helium's data-transfer rule
// (reward_share.rs calculate_rewards_per_share and
// normalize_dc_transfer_rewards): the data-transfer pool is dataValue (the
// worth of the credits burned, DataCredits.Value) if that is at most its
// share of the emission, else its share; the unused part of the share goes
// 20% to beacons and 80% to witnesses (WITNESS_DC_REMAINER_PERCENT). The five
// amounts add up to emission. With no weight at all, everything is zero.
func (w Weights) Split(emission *big.Int, dataValue *big.Rat) Split {
	total := w.Beacons + w.Witnesses + w.DataTransfer + w.PrivateCoverage + w.Reserved
	share := func(x uint64) *big.Rat {
		if total == 0 {
			return new(big.Rat)
		}
		r := new(big.Rat).SetFrac(new(big.Int).SetUint64(x), new(big.Int).SetUint64(total))
		return r.Mul(r, new(big.Rat).SetInt(emission))
	}
	s := Split{Beacons: share(w.Beacons), Witnesses: share(w.Witnesses), DataTransfer: share(w.DataTransfer),
		PrivateCoverage: share(w.PrivateCoverage), Reserved: share(w.Reserved), Unused: new(big.Rat)}
	s.DataValue = new(big.Rat)
	if dataValue != nil && dataValue.Sign() > 0 {
		s.DataValue.Set(dataValue)
	}
	if s.DataValue.Cmp(s.DataTransfer) <= 0 {
		s.Unused.Sub(s.DataTransfer, s.DataValue)
		s.DataTransfer.Set(s.DataValue)
		s.Beacons.Add(s.Beacons, new(big.Rat).Mul(s.Unused, big.NewRat(1, 5)))
		s.Witnesses.Add(s.Witnesses, new(big.Rat).Mul(s.Unused, big.NewRat(4, 5)))
	}
	return s
}

// DefaultWeights are Helium's split (see Weights).
var DefaultWeights = Weights{Beacons: 6, Witnesses: 24, DataTransfer: 50, PrivateCoverage: 1, Reserved: 19}

// Boost is a boosted hex: hotspots asserted in Cell (or any cell under it)
// score Factor times more, if their location trust keeps the boost
// (poc.ScoreConfig.BoostThreshold).
type Boost struct {
	Cell   h3.Cell
	Factor *big.Rat
}

// Config configures the vertical. Every zero field takes the default its
// comment gives; every validator of a subnet must use the same Config.
type Config struct {
	// PeriodEmission, HalvingPeriod and SupplyCap make the emission curve:
	// reward.NewSpreadHalving(PeriodEmission, HalvingPeriod, SupplyCap),
	// PeriodEmission over the first HalvingPeriod epochs, halving after each.
	// Defaults DefaultPeriodEmission, DefaultHalvingPeriod and no cap:
	// HIP-20's table.
	PeriodEmission *big.Int
	HalvingPeriod  uint64
	SupplyCap      *big.Int
	// InitialEmission, if set, makes the curve a per-epoch
	// reward.NewHalving(InitialEmission, HalvingPeriod, SupplyCap) instead
	// (what a subnet spec's "halving" curve names; LegacyEpochEmission is
	// the legacy chain's); PeriodEmission must then be nil.
	InitialEmission *big.Int
	// Curve, if set, is the emission curve instead: the subnet's (the
	// spec's [reward] section, any curve package reward has, which the
	// runtime mints by: depin.Config.Curve; FromSetup sets it from
	// vertical.Setup.Curve), so that the data-transfer cap (Weights.Split)
	// splits the very emission the runtime pays. PeriodEmission,
	// InitialEmission, HalvingPeriod and SupplyCap must then be left zero.
	Curve reward.Curve
	// DataCredits prices the epoch's traffic, which caps the data-transfer
	// pool (Weights.Split). Zero fields: Helium's defaults.
	DataCredits DataCredits
	// Weights of the pools. Zero value: DefaultWeights.
	Weights Weights

	// Rules are the proof-of-coverage rules; zero fields are Helium's
	// (poc.HeliumRules: 6-hour beacon buckets, 180 s entropy, 48 h
	// reciprocity...).
	Rules poc.Rules
	// Score configures scoring (hex density levels, trust model and bands,
	// boost threshold); AtMs and Boost are set by the vertical.
	Score poc.ScoreConfig
	// Boosts are the boosted hexes.
	Boosts []Boost

	// Bandwidth configures the sessions' ledger (maximum rate, units per GB).
	Bandwidth bandwidth.Config
	// RequireUsageProof refuses sessions without a usage proof
	// ("usage-proof-required"). Default false: a usage proof is checked when
	// present.
	RequireUsageProof bool
	// UsageIntervalMs is the sessions' metering interval. Default
	// DefaultUsageIntervalMs.
	UsageIntervalMs uint64
	// Verifier checks usage-proof bundles inside sessions. Nil: the
	// signature path only (proof.NewVerifier()). Coverage bundles are checked
	// by the Node (depin.Config.Verifier) before the vertical sees them.
	Verifier *proof.Verifier

	// PrivateRes is the resolution of the coarse cells private hotspots prove
	// they are in. Default DefaultPrivateRes.
	PrivateRes int
	// MaxPrivateRadius bounds a coverage claim's radius (microdegrees).
	// Default DefaultMaxPrivateRadius.
	MaxPrivateRadius uint32
}

// Validate fills in the defaults and rejects values the vertical cannot use.
func (c *Config) Validate() error {
	if c.InitialEmission != nil && c.PeriodEmission != nil {
		return fmt.Errorf("%w: both initial (per-epoch) and period emission set", ErrConfig)
	}
	if c.Curve != nil && (c.InitialEmission != nil || c.PeriodEmission != nil || c.HalvingPeriod != 0 || c.SupplyCap != nil) {
		return fmt.Errorf("%w: curve set with halving parameters (initial or period emission, halving period, supply cap): one or the other", ErrConfig)
	}
	if c.Curve == nil {
		if c.InitialEmission == nil && c.PeriodEmission == nil {
			c.PeriodEmission = new(big.Int).Set(DefaultPeriodEmission)
		}
		if c.HalvingPeriod == 0 {
			c.HalvingPeriod = DefaultHalvingPeriod
		}
	}
	if (c.InitialEmission != nil && c.InitialEmission.Sign() < 0) || (c.PeriodEmission != nil && c.PeriodEmission.Sign() < 0) ||
		(c.SupplyCap != nil && c.SupplyCap.Sign() < 0) {
		return fmt.Errorf("%w: negative emission or cap", ErrConfig)
	}
	if err := c.DataCredits.validate(); err != nil {
		return err
	}
	if c.Weights == (Weights{}) {
		c.Weights = DefaultWeights
	}
	if w := c.Weights; w.Beacons+w.Witnesses+w.DataTransfer+w.PrivateCoverage == 0 {
		return fmt.Errorf("%w: every paying pool has weight 0", ErrConfig)
	}
	if c.UsageIntervalMs == 0 {
		c.UsageIntervalMs = DefaultUsageIntervalMs
	}
	if c.PrivateRes == 0 {
		c.PrivateRes = DefaultPrivateRes
	}
	if c.PrivateRes < 0 || c.PrivateRes > 15 {
		return fmt.Errorf("%w: private resolution %d, want 0..15", ErrConfig, c.PrivateRes)
	}
	if c.MaxPrivateRadius == 0 {
		c.MaxPrivateRadius = DefaultMaxPrivateRadius
	}
	for i, b := range c.Boosts {
		if !b.Cell.IsValid() || b.Factor == nil || b.Factor.Sign() <= 0 {
			return fmt.Errorf("%w: boosts[%d]: want a valid cell and a positive factor", ErrConfig, i)
		}
	}
	if c.Verifier == nil {
		v, err := proof.NewVerifier()
		if err != nil {
			return fmt.Errorf("%w: verifier: %w", ErrConfig, err)
		}
		c.Verifier = v
	}
	// Check the rules now rather than at the first epoch: Validate checks
	// them before it looks at the (empty) beacon.
	noEntropy := func([]byte) (int64, bool) { return 0, false }
	if _, err := poc.Validate(poc.BeaconReport{}, nil, poc.Env{Rules: c.Rules, State: poc.NewState(), Entropy: noEntropy}); errors.Is(err, poc.ErrInvalidRules) {
		return fmt.Errorf("%w: rules: %w", ErrConfig, err)
	}
	if _, err := bandwidth.NewLedger(c.Bandwidth); err != nil {
		return fmt.Errorf("%w: bandwidth: %w", ErrConfig, err)
	}
	if _, err := c.curve(); err != nil {
		return fmt.Errorf("%w: curve: %w", ErrConfig, err)
	}
	return nil
}

func (c *Config) curve() (reward.Curve, error) {
	if c.Curve != nil {
		return c.Curve, nil
	}
	if c.InitialEmission != nil {
		return reward.NewHalving(c.InitialEmission, c.HalvingPeriod, c.SupplyCap)
	}
	return reward.NewSpreadHalving(c.PeriodEmission, c.HalvingPeriod, c.SupplyCap)
}

// readingCap is the cap a session's usage proof may state.
func (c *Config) readingCap(l *bandwidth.Ledger) (uint64, error) {
	return bandwidth.ReadingCap(l.Config().MaxBytesPerSecond, c.UsageIntervalMs)
}
