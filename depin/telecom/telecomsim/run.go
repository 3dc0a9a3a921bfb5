package telecomsim

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
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
	// EpochDuration is the subnet's epoch length. Default 6s: all of an
	// epoch's traffic must be committed and applied within it.
	EpochDuration time.Duration
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
	// told them (StatsReader) and they were the epoch's.
	Stats    telecom.EpochStats
	HasStats bool
	Payouts  []depin.Payout
	// Submitted envelopes: Setup ones (first epoch only) and the epoch's
	// traffic, BadSessions of whose sessions are meant to be rejected.
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
}

// Run stands up a local telecom subnet (depin.NewLocalNetwork: validators on
// chain/dag over memory, the embedded EVM chain) and drives it as Drive
// does.
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
	var seed [32]byte
	copy(seed[:], fmt.Sprintf("telecomsim/net/%d", sim.cfg.Seed))
	lc := depin.LocalConfig{
		Validators:  cfg.Validators,
		NewVertical: factory,
		Config:      depin.Config{Name: "telecom", EpochDuration: cfg.EpochDuration, Verifier: verifier},
		Rand:        rand.NewChaCha8(seed),
		Logger:      cfg.Logger,
	}
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
		lc.Parent = parent
		cfg.Progress("settling on %s from %s", cfg.ParentRPC, parent.From().Hex())
	}
	net, err := depin.NewLocalNetwork(ctx, lc)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	statsCtx, stopStats := context.WithCancel(ctx)
	stats := NewStats(net.Node(0))
	statsDone := make(chan struct{})
	go func() {
		defer close(statsDone)
		stats.Run(statsCtx)
	}()
	defer func() {
		stopStats()
		<-statsDone
	}()
	if err := drive(ctx, local{net, stats}, net.Maker(), cfg, keys, res); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(t0)
	return res, nil
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
// key (keys nil: the simulation must have no private hotspots). It
// provisions the devices, sends their setup envelopes, then runs cfg.Epochs
// epochs of traffic: after each epoch closes it checks that every validator
// computed the same summary, payouts and root, waits for the root and
// checkpoint to reach the parent chain and measures their gas. At the end
// the top hotspot's owner claims its payout of the last epoch. Run and
// RunP2P call it on the subnets they stand up.
func Drive(ctx context.Context, s Subnet, maker device.Signer, cfg RunConfig, keys *proof.Keys) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	sim, err := New(cfg.Sim)
	if err != nil {
		return nil, err
	}
	if keys == nil && sim.cfg.Private > 0 {
		return nil, fmt.Errorf("%w: %d private hotspots and no coverage keys", ErrConfig, sim.cfg.Private)
	}
	res := &Result{Sim: sim}
	if err := drive(ctx, s, maker, cfg, keys, res); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

func drive(ctx context.Context, net Subnet, maker device.Signer, cfg RunConfig, keys *proof.Keys, res *Result) error {
	progress := cfg.Progress
	sim := res.Sim
	var prover *proof.Prover
	if keys != nil && sim.cfg.Private > 0 {
		var err error
		if prover, err = proof.NewProver(keys); err != nil {
			return err
		}
	}
	res.Subnet = net.Subnet()

	progress("provisioning %d devices", len(sim.hotspots)+len(sim.providers)+len(sim.clients))
	start := time.Now()
	if err := sim.provision(ctx, net, maker); err != nil {
		return err
	}
	res.ProvisionTime = time.Since(start)
	st, err := net.Status(ctx, 0)
	if err != nil {
		return err
	}
	res.Devices = st.Devices

	// Setup envelopes, then wait for their epoch to close: the hellos must
	// be applied before sessions name their clients.
	start = time.Now()
	setup, err := sim.Setup(time.Now())
	if err != nil {
		return err
	}
	progress("setup: %d location assertions and client hellos", len(setup))
	if err := submitAll(ctx, net, setup); err != nil {
		return err
	}
	if err := waitProcessed(ctx, net, len(setup)); err != nil {
		return err
	}
	if st, err = net.Status(ctx, 0); err != nil {
		return err
	}
	prev := st.Epoch
	if _, err := net.WaitEpoch(ctx, prev); err != nil {
		return err
	}
	res.SetupTime = time.Since(start)
	setupEpoch := prev
	var lastBlock uint64
	// Sessions need no seed: each epoch's are made while the one before runs.
	sessions, err := sim.Sessions(time.Now())
	if err != nil {
		return err
	}
	for k := range cfg.Epochs {
		closed, err := net.Epoch(ctx, 0, prev)
		if err != nil {
			return err
		}
		epoch := prev + 1
		now := time.Now()
		reports, err := sim.PoC(closed.CommitDigest, now)
		if err != nil {
			return err
		}
		jobs, err := sim.Coverage(closed.CommitDigest, now)
		if err != nil {
			return err
		}
		if st, err := net.Status(ctx, 0); err != nil {
			return err
		} else if st.Epoch != epoch {
			// Too slow for the epoch length: the traffic goes to the open
			// epoch (its entropy is the previous epoch's, still valid).
			progress("warning: epoch %d closed before its traffic was sent (EpochDuration %v is short for this machine); sending it in epoch %d", epoch, cfg.EpochDuration, st.Epoch)
			epoch = st.Epoch
		}
		envs := slices.Concat(reports, sessions.Sessions)
		progress("epoch %d: submitting %d reports and sessions, proving %d coverage claims", epoch, len(envs), len(jobs))
		er := EpochResult{Submitted: len(envs) + len(jobs), BadSessions: sessions.BadSessions}
		// Prove while the reports go out: the proofs are what takes time.
		proved := make(chan error, 1)
		go func() {
			if prover == nil {
				proved <- nil
				return
			}
			start := time.Now()
			err := proveAll(ctx, net, prover, jobs)
			er.ProveTime = time.Since(start)
			proved <- err
		}()
		err = submitAll(ctx, net, envs)
		if perr := <-proved; err == nil {
			err = perr
		}
		if err != nil {
			return err
		}
		if k == 0 {
			// Gas is counted from here: the setup epoch's settlement is not
			// a traffic epoch's. (Waiting for it before the first traffic
			// would shorten the first epoch by as much.)
			if err := net.WaitSettled(ctx, setupEpoch); err != nil {
				return err
			}
			head, err := net.Payer().Backend().HeaderByNumber(ctx, nil)
			if err != nil {
				return err
			}
			lastBlock = head.Number.Uint64()
		}
		if k+1 < cfg.Epochs {
			if sessions, err = sim.Sessions(time.Now()); err != nil {
				return err
			}
		}
		// Settle the previous traffic epoch while this one runs.
		if k > 0 {
			if err := settle(ctx, net, &res.Epochs[k-1], &lastBlock); err != nil {
				return err
			}
		}
		sums, err := net.WaitEpoch(ctx, epoch)
		if err != nil {
			return err
		}
		er.Summary = sums[0]
		if er.Agree, er.Roots, er.Payouts, err = agree(ctx, net, epoch); err != nil {
			return err
		}
		if sr, ok := net.(StatsReader); ok {
			if er.Stats, er.HasStats, err = sr.EpochStats(ctx, epoch); err != nil {
				return err
			}
		}
		res.Epochs = append(res.Epochs, er)
		prev = epoch
	}
	if len(res.Epochs) > 0 {
		e := &res.Epochs[len(res.Epochs)-1]
		progress("waiting for epoch %d's root and checkpoint on the parent chain", e.Summary.Epoch)
		if err := settle(ctx, net, e, &lastBlock); err != nil {
			return err
		}
	}

	// Top earners over the run.
	totals := map[string]*big.Int{}
	for _, e := range res.Epochs {
		for _, p := range e.Payouts {
			if totals[p.Contributor] == nil {
				totals[p.Contributor] = new(big.Int)
			}
			totals[p.Contributor].Add(totals[p.Contributor], p.Amount)
		}
	}
	for c, a := range totals {
		e := Earner{ID: c, Amount: a}
		if id, err := device.ParseID(c); err == nil {
			e.Hotspot, _ = sim.Hotspot(id)
			e.Provider = sim.provider(id)
		}
		res.Top = append(res.Top, e)
	}
	slices.SortFunc(res.Top, func(a, b Earner) int { return cmp.Or(b.Amount.Cmp(a.Amount), strings.Compare(a.ID, b.ID)) })

	if len(res.Epochs) > 0 {
		last := res.Epochs[len(res.Epochs)-1]
		progress("explaining hotspots that earned nothing, claiming the top hotspot's payout")
		if res.Explanations, err = explainZeros(ctx, net, sim, last); err != nil {
			return err
		}
		if res.Claim, err = claimTop(ctx, net, sim, last); err != nil {
			return err
		}
	}
	return nil
}

// submitAll hands the envelopes to the validators in turn, in batches if
// net takes them.
func submitAll(ctx context.Context, net Subnet, envs [][]byte) error {
	if b, ok := net.(BatchSubmitter); ok {
		return b.SubmitBatch(ctx, envs)
	}
	for _, e := range envs {
		if err := net.Submit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// waitProcessed waits until validator 0 has decided on at least want
// envelopes in its open epoch and the ones it closed since the call.
func waitProcessed(ctx context.Context, net Subnet, want int) error {
	st, err := net.Status(ctx, 0)
	if err != nil {
		return err
	}
	from := st.Epoch
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		st, err := net.Status(ctx, 0)
		if err != nil {
			return err
		}
		var total uint64
		for e := from; e <= st.Epoch; e++ {
			s, err := net.Epoch(ctx, 0, e)
			if err != nil {
				return err
			}
			total += s.Accepted
			for _, r := range s.Rejected {
				if !strings.Contains(r.Reason, ":") {
					total += r.Count
				}
			}
		}
		if total >= uint64(want) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("telecomsim: %d of %d setup envelopes decided: %w", total, want, ctx.Err())
		case <-t.C:
		}
	}
}

// agree compares every validator's summary (votes aside) and payouts of an
// epoch with validator 0's.
func agree(ctx context.Context, net Subnet, epoch uint64) (bool, []common.Hash, []depin.Payout, error) {
	var first depin.EpochSummary
	var firstPay []depin.Payout
	ok := true
	var roots []common.Hash
	for i := range net.Validators() {
		s, err := net.Epoch(ctx, i, epoch)
		if err != nil {
			return false, nil, nil, err
		}
		p, err := net.Payouts(ctx, i, epoch)
		if err != nil {
			return false, nil, nil, err
		}
		roots = append(roots, s.Root)
		s.Votes, s.VotedStake, s.Quorum = 0, 0, false
		if i == 0 {
			first, firstPay = s, p
			continue
		}
		ok = ok && summariesEqual(first, s) && payoutsEqual(firstPay, p)
	}
	return ok, roots, firstPay, nil
}

func summariesEqual(a, b depin.EpochSummary) bool {
	if a.Root != b.Root || a.AppHash != b.AppHash || a.CommitDigest != b.CommitDigest || a.Accepted != b.Accepted ||
		a.LastCommit != b.LastCommit || a.Emission.Cmp(b.Emission) != 0 || a.Paid.Cmp(b.Paid) != 0 ||
		a.Unallocated.Cmp(b.Unallocated) != 0 {
		return false
	}
	return slices.Equal(a.Rejected, b.Rejected) && slices.Equal(a.ValidatorRejected, b.ValidatorRejected)
}

func payoutsEqual(a, b []depin.Payout) bool {
	return slices.EqualFunc(a, b, func(x, y depin.Payout) bool {
		return x.Pool == y.Pool && x.Contributor == y.Contributor && x.Address == y.Address && x.Amount.Cmp(y.Amount) == 0
	})
}

// settle waits until the epoch's root and checkpoint are on chain and adds up
// the gas of the transactions that put them there.
func settle(ctx context.Context, net Subnet, er *EpochResult, lastBlock *uint64) error {
	epoch := er.Summary.Epoch
	if err := net.WaitSettled(ctx, epoch); err != nil {
		return fmt.Errorf("telecomsim: settle epoch %d: %w", epoch, err)
	}
	op := net.Payer()
	cp, _, err := op.CheckpointAt(ctx, net.Subnet(), epoch)
	if err != nil {
		return err
	}
	er.Checkpoint = cp
	addrs := op.Addresses()
	logs, err := op.Backend().FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(*lastBlock + 1),
		Addresses: []common.Address{addrs.RewardDistributor, addrs.SubnetRegistry},
	})
	if err != nil {
		return fmt.Errorf("telecomsim: settlement logs: %w", err)
	}
	seen := map[common.Hash]bool{}
	for _, l := range logs {
		*lastBlock = max(*lastBlock, l.BlockNumber)
		if seen[l.TxHash] {
			continue
		}
		seen[l.TxHash] = true
		r, err := op.Backend().TransactionReceipt(ctx, l.TxHash)
		if err != nil {
			return err
		}
		er.SettlementGas += r.GasUsed
	}
	return nil
}

// explainZeros explains two hotspots that earned nothing in the epoch: a
// liar, and a hotspot that is not one (the one with the most rejections),
// or a second liar.
func explainZeros(ctx context.Context, net Subnet, sim *Sim, e EpochResult) ([]depin.Explanation, error) {
	paid := map[string]bool{}
	for _, p := range e.Payouts {
		paid[p.Contributor] = true
	}
	var liars, others []depin.Explanation
	rejected := func(x depin.Explanation) uint64 {
		var n uint64
		for _, r := range x.Rejected {
			n += r.Count
		}
		return n
	}
	for i := range sim.hotspots {
		h := &sim.hotspots[i]
		if paid[h.ID.String()] {
			continue
		}
		x, err := net.Explain(ctx, 1%net.Validators(), h.ID, e.Summary.Epoch)
		if err != nil {
			return nil, err
		}
		if h.Liar {
			liars = append(liars, x)
		} else {
			others = append(others, x)
		}
	}
	slices.SortStableFunc(others, func(a, b depin.Explanation) int { return cmp.Compare(rejected(b), rejected(a)) })
	var out []depin.Explanation
	if len(liars) > 0 {
		out = append(out, liars[0])
		liars = liars[1:]
	}
	out = append(out, others...)
	out = append(out, liars...)
	return out[:min(2, len(out))], nil
}

// claimTop has the owner of the epoch's best-paid hotspot claim its payout.
func claimTop(ctx context.Context, net Subnet, sim *Sim, e EpochResult) (ClaimResult, error) {
	var best *Hotspot
	bestAmount := new(big.Int)
	for i := range sim.hotspots {
		h := &sim.hotspots[i]
		sum := new(big.Int)
		for _, p := range e.Payouts {
			if p.Contributor == h.ID.String() {
				sum.Add(sum, p.Amount)
			}
		}
		if sum.Cmp(bestAmount) > 0 || best == nil && sum.Sign() > 0 {
			best, bestAmount = h, sum
		}
	}
	if best == nil {
		return ClaimResult{}, fmt.Errorf("telecomsim: no hotspot was paid in epoch %d", e.Summary.Epoch)
	}
	cr := ClaimResult{Hotspot: best, Epoch: e.Summary.Epoch, Payout: new(big.Int)}
	for _, p := range e.Payouts {
		if p.Address == best.Address {
			cr.Payout.Add(cr.Payout, p.Amount)
		}
	}
	op := net.Payer()
	var err error
	if cr.Before, err = op.TokenBalance(ctx, best.Address); err != nil {
		return cr, err
	}
	c, err := net.ClaimOf(ctx, 0, cr.Epoch, best.Address)
	if err != nil {
		return cr, err
	}
	r, err := op.Claim(ctx, net.Subnet(), best.Address, c)
	if err != nil {
		return cr, err
	}
	cr.Gas = r.GasUsed
	if cr.After, err = op.TokenBalance(ctx, best.Address); err != nil {
		return cr, err
	}
	return cr, nil
}

// proveAll proves the coverage jobs on every core and submits each envelope
// as soon as it is ready.
func proveAll(ctx context.Context, net Subnet, prover *proof.Prover, jobs []CoverageJob) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan CoverageJob)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var first error
			for j := range next {
				if first != nil {
					continue
				}
				env, err := j.Prove(ctx, prover)
				if err == nil {
					err = net.Submit(ctx, env)
				}
				first = err
			}
			errs <- first
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
