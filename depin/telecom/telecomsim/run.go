package telecomsim

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// RunConfig configures Run. Zero fields take the default their comment gives.
type RunConfig struct {
	// Sim describes the devices.
	Sim Config
	// Validators is the number of validators. Default 4.
	Validators int
	// Epochs is the number of epochs with traffic. Default 3.
	Epochs int
	// EpochDuration is the subnet's epoch length. Default 6s. In a paced
	// run (the default) it is the virtual time between two epochs; with
	// Realtime, all of an epoch's traffic must be committed and applied
	// within it.
	EpochDuration time.Duration
	// Realtime closes epochs by the validators' wall clock (devnet.Config.
	// Realtime). Default false: paced, reproducible from Sim.Seed.
	Realtime bool
	// Vertical configures the telecom vertical. Its zero Rules.BeaconIntervalMs
	// becomes 1000: Helium's 6-hour beacon schedule compressed so that
	// every hotspot may beacon in every epoch of seconds. Its zero
	// Score.TrustModel becomes poc.UrbanTrustModel: the simulated city's
	// propagation is urban (pocsim's n = 4.2), where the default model,
	// calibrated on Helium's long rural links, would catch no liar.
	Vertical telecom.Config
	// CoverageKeys are the Groth16 keys of the Coverage statement. Nil with
	// private hotspots: proof.DevSetup makes them (seconds).
	CoverageKeys *proof.Keys
	// Logger receives the validators' logs. Default: discarded.
	Logger *slog.Logger
	// Progress, if not nil, is told what Run is doing.
	Progress func(format string, args ...any)
	// ParentRPC and ParentKey, if set, settle on the EVM chain at that
	// JSON-RPC URL instead of the embedded one, from that funded secp256k1
	// account: it deploys the contracts, registers the subnet, funds the
	// validators with gas money and test tokens, and pays for the claim.
	ParentRPC string
	ParentKey *device.PrivateKey
}

// EpochResult is one traffic epoch.
type EpochResult struct {
	// Summary is validator 0's; Agree says every validator's summary (votes
	// aside) and payouts are the same.
	Summary depin.EpochSummary
	Agree   bool
	Roots   []common.Hash // every validator's root
	// Stats are the vertical's (validator 0), if HasStats: the subnet
	// told them (Workload.EpochStats) and they were the epoch's.
	Stats    telecom.EpochStats
	HasStats bool
	Payouts  []depin.Payout
	// Submitted envelopes: the epoch's traffic, coverage proofs included,
	// BadSessions of whose sessions are meant to be rejected.
	Submitted, BadSessions int
	// SettlementGas is the gas of the transactions that put the epoch's root
	// and checkpoint on chain.
	SettlementGas uint64
	Checkpoint    evm.Checkpoint
	// ProveTime is the time private hotspots spent proving.
	ProveTime time.Duration
}

// Earner is a contributor's total over the run.
type Earner struct {
	Hotspot  *Hotspot  // nil if not a hotspot
	Provider *Provider // nil if not a bandwidth provider
	ID       string
	Amount   *big.Int
}

// ClaimResult is a hotspot owner's on-chain claim.
type ClaimResult struct {
	Hotspot       *Hotspot
	Epoch         uint64
	Payout        *big.Int // what the epoch's payouts give the owner's address
	Before, After *big.Int // its token balance
	Gas           uint64
}

// Result is what Run did.
type Result struct {
	Sim    *Sim
	Epochs []EpochResult
	// Top are the run's top earners, most first.
	Top []Earner
	// Explanations are validator 1's Explain of hotspots that earned nothing
	// in the last epoch: a liar first if there is one.
	Explanations []depin.Explanation
	Claim        ClaimResult
	// Provisioned devices, and how long it took; Elapsed is the whole run.
	Devices            int
	ProvisionTime      time.Duration
	SetupTime, Elapsed time.Duration
	CoverageSetup      time.Duration
	Subnet             evm.SubnetID
	// Run is the devnet kit's result, which devnet.Report prints.
	Run *devnet.Result
}

// Run stands up a local telecom subnet (depin.NewLocalNetwork: validators on
// chain/dag over memory, the embedded EVM chain) and drives it with the
// simulation through the devnet kit (devnet.Run): paced unless
// cfg.Realtime, so that a seed gives the same epochs, payouts and roots on
// every run.
func Run(ctx context.Context, cfg RunConfig) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	sim, err := New(cfg.Sim)
	if err != nil {
		return nil, err
	}
	res := &Result{Sim: sim}
	keys, err := coverageKeys(cfg, sim, res)
	if err != nil {
		return nil, err
	}
	verifier, err := verifierOf(keys)
	if err != nil {
		return nil, err
	}
	factory, err := telecom.NewFactory(cfg.Vertical)
	if err != nil {
		return nil, err
	}
	w, err := NewWorkload(sim, keys)
	if err != nil {
		return nil, err
	}
	dc := cfg.devnet()
	dc.NewVertical, dc.Verifier = factory, verifier
	if cfg.ParentRPC != "" {
		if cfg.ParentKey == nil {
			return nil, fmt.Errorf("telecomsim: a parent chain at %s needs a funded key", cfg.ParentRPC)
		}
		parent, err := evm.Dial(ctx, cfg.ParentRPC, cfg.ParentKey)
		if err != nil {
			return nil, err
		}
		defer parent.Close()
		parent.SetPollInterval(100 * time.Millisecond)
		dc.Parent = parent
		cfg.Progress("settling on %s from %s", cfg.ParentRPC, parent.From().Hex())
	}
	run, err := devnet.Run(ctx, dc, w)
	if err != nil {
		return nil, err
	}
	res.fill(run)
	res.Elapsed = time.Since(t0)
	return res, nil
}

// devnet returns the kit's Config of cfg (defaults filled in).
func (cfg RunConfig) devnet() devnet.Config {
	return devnet.Config{
		Name:          "telecom",
		Seed:          cfg.Sim.Seed,
		Validators:    cfg.Validators,
		Epochs:        cfg.Epochs,
		EpochDuration: cfg.EpochDuration,
		Realtime:      cfg.Realtime,
		Logger:        cfg.Logger,
		Progress:      cfg.Progress,
	}
}

// fill converts the kit's result.
func (res *Result) fill(run *devnet.Result) {
	res.Run = run
	res.Devices, res.ProvisionTime, res.SetupTime, res.Subnet = run.Devices, run.ProvisionTime, run.SetupTime, run.Subnet
	res.Explanations = run.Explanations
	for _, e := range run.Epochs {
		er := EpochResult{Summary: e.Summary, Agree: e.Agree, Roots: e.Roots, Payouts: e.Payouts, Submitted: e.Submitted,
			SettlementGas: e.SettlementGas, Checkpoint: e.Checkpoint, ProveTime: e.JobTime}
		er.Stats, er.HasStats = e.Stats.(telecom.EpochStats)
		er.HasStats = er.HasStats && e.HasStats
		if m, ok := e.Meta.(EpochMeta); ok {
			er.BadSessions = m.BadSessions
		}
		res.Epochs = append(res.Epochs, er)
	}
	for _, e := range run.Top {
		t := Earner{ID: e.ID, Amount: e.Amount}
		if id, err := device.ParseID(e.ID); err == nil {
			t.Hotspot, _ = res.Sim.Hotspot(id)
			t.Provider = res.Sim.provider(id)
		}
		res.Top = append(res.Top, t)
	}
	if c := run.Claim; c.Payout != nil {
		res.Claim = ClaimResult{Epoch: c.Epoch, Payout: c.Payout, Before: c.Before, After: c.After, Gas: c.Gas}
		if id, err := device.ParseID(c.Contributor); err == nil {
			res.Claim.Hotspot, _ = res.Sim.Hotspot(id)
		}
	}
}

// withDefaults fills in cfg's zero fields.
func (cfg RunConfig) withDefaults() RunConfig {
	if cfg.Validators == 0 {
		cfg.Validators = 4
	}
	if cfg.Epochs == 0 {
		cfg.Epochs = 3
	}
	if cfg.EpochDuration == 0 {
		cfg.EpochDuration = 6 * time.Second
	}
	if cfg.Vertical.Rules.BeaconIntervalMs == 0 {
		cfg.Vertical.Rules.BeaconIntervalMs = 1000
	}
	if cfg.Vertical.Score.TrustModel == (poc.PathLoss{}) {
		cfg.Vertical.Score.TrustModel = poc.UrbanTrustModel
	}
	if cfg.Progress == nil {
		cfg.Progress = func(string, ...any) {}
	}
	return cfg
}

// coverageKeys returns cfg.CoverageKeys, or makes development keys when the
// simulation has private hotspots (nil without).
func coverageKeys(cfg RunConfig, sim *Sim, res *Result) (*proof.Keys, error) {
	keys := cfg.CoverageKeys
	if keys == nil && sim.cfg.Private > 0 {
		cfg.Progress("coverage keys: Groth16 development setup")
		start := time.Now()
		var err error
		if keys, err = proof.DevSetup(proof.CoverageStatement(), proof.Groth16); err != nil {
			return nil, err
		}
		res.CoverageSetup = time.Since(start)
	}
	return keys, nil
}

// verifierOf returns the verifier of the coverage keys' verifying key (the
// signature path only without keys).
func verifierOf(keys *proof.Keys) (*proof.Verifier, error) {
	if keys == nil {
		return proof.NewVerifier()
	}
	return proof.NewVerifier(keys.VerifyingOnly())
}

// Drive runs the simulation of cfg.Sim on a running telecom subnet whose
// validators approve maker and verify coverage proofs with keys' verifying
// key (keys nil: the simulation must have no private hotspots), through the
// devnet kit (devnet.Drive, with NewWorkload): it provisions the devices,
// sends their setup envelopes, then runs cfg.Epochs epochs of traffic; after
// each epoch closes it checks that every validator computed the same
// summary, payouts and root, waits for the root and checkpoint to reach the
// parent chain and measures their gas. At the end the top hotspot's owner
// claims its payout of the last epoch. The run is paced if s is a
// devnet.Pacer, realtime otherwise.
func Drive(ctx context.Context, s Subnet, maker device.Signer, cfg RunConfig, keys *proof.Keys) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	sim, err := New(cfg.Sim)
	if err != nil {
		return nil, err
	}
	w, err := NewWorkload(sim, keys)
	if err != nil {
		return nil, err
	}
	run, err := devnet.Drive(ctx, s, maker, w, cfg.devnet())
	if err != nil {
		return nil, err
	}
	res := &Result{Sim: sim}
	res.fill(run)
	res.Elapsed = time.Since(t0)
	return res, nil
}
