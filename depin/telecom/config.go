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

// Emission defaults: Helium's HIP-20 legacy schedule, in base units of 10^-8
// token (Helium's bones). A legacy epoch (about 30 minutes) minted 3,424 HNT,
// halving every two years (35,040 such epochs), capped at the stated maximum
// supply of 223,000,000 HNT.
var (
	DefaultInitialEmission = big.NewInt(342_400_000_000)
	DefaultSupplyCap       = new(big.Int).Mul(big.NewInt(223_000_000), big.NewInt(100_000_000))
)

// DefaultHalvingPeriod is the number of epochs between halvings: two years of
// 30-minute epochs.
const DefaultHalvingPeriod = 2 * 365 * 48

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
// epoch's summary). As Helium does with
// unused data-transfer rewards, an epoch with no accepted session gives the
// DataTransfer weight to beacons and witnesses, 20% and 80%.
type Weights struct {
	Beacons, Witnesses, DataTransfer, PrivateCoverage, Reserved uint64
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
	// InitialEmission, HalvingPeriod and SupplyCap make the emission curve
	// (reward.NewHalving). Defaults DefaultInitialEmission,
	// DefaultHalvingPeriod, DefaultSupplyCap.
	InitialEmission *big.Int
	HalvingPeriod   uint64
	SupplyCap       *big.Int
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
	if c.InitialEmission == nil {
		c.InitialEmission = new(big.Int).Set(DefaultInitialEmission)
	}
	if c.HalvingPeriod == 0 {
		c.HalvingPeriod = DefaultHalvingPeriod
	}
	if c.SupplyCap == nil {
		c.SupplyCap = new(big.Int).Set(DefaultSupplyCap)
	}
	if c.InitialEmission.Sign() < 0 || c.SupplyCap.Sign() < 0 {
		return fmt.Errorf("%w: negative emission or cap", ErrConfig)
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
	return reward.NewHalving(c.InitialEmission, c.HalvingPeriod, c.SupplyCap)
}

// readingCap is the cap a session's usage proof may state.
func (c *Config) readingCap(l *bandwidth.Ledger) (uint64, error) {
	return bandwidth.ReadingCap(l.Config().MaxBytesPerSecond, c.UsageIntervalMs)
}
