package devnet

import (
	"cmp"
	"context"
	"errors"
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

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// ErrConfig reports a Config the kit cannot run.
var ErrConfig = errors.New("devnet: invalid config")

// Config configures Run and Drive. Zero fields take the default their
// comment gives.
type Config struct {
	// Name names the subnet (depin.Config.Name). Default "devnet".
	Name string
	// NewVertical returns a fresh vertical for each validator. Required by
	// Run.
	NewVertical func() depin.Vertical
	// Verifier checks proof bundles (depin.Config.Verifier). Default: the
	// signature path only.
	Verifier *proof.Verifier
	// Seed makes the validators', maker's and operator's keys (Run). The
	// workload has its own.
	Seed uint64
	// Validators is the number of validators. Default 4.
	Validators int
	// Epochs is the number of traffic epochs. Default 3.
	Epochs int
	// EpochDuration is the subnet's epoch length. Default 6s. In a paced
	// run it is virtual: the time between two epochs' envelope stamps.
	EpochDuration time.Duration
	// Realtime runs the epochs by the validators' wall clock, as a
	// production subnet does: an epoch ends EpochDuration after it began,
	// whatever was committed by then. Default false: a paced run, where the
	// validators read a Clock that only the run moves, and each epoch closes
	// once its traffic is committed (see the package documentation).
	Realtime bool
	// Logger receives the validators' logs. Default: discarded.
	Logger *slog.Logger
	// Progress, if not nil, is told what the run is doing.
	Progress func(format string, args ...any)
	// Parent, if set, settles on that EVM chain instead of the embedded one
	// (depin.LocalConfig.Parent): a Settler of a funded account on it.
	Parent *evm.Settler
}

func (c Config) withDefaults() Config {
	if c.Name == "" {
		c.Name = "devnet"
	}
	if c.Validators == 0 {
		c.Validators = 4
	}
	if c.Epochs == 0 {
		c.Epochs = 3
	}
	if c.EpochDuration == 0 {
		c.EpochDuration = 6 * time.Second
	}
	if c.Progress == nil {
		c.Progress = func(string, ...any) {}
	}
	return c
}

// EpochResult is one traffic epoch.
type EpochResult struct {
	// Summary is validator 0's; Agree says every validator's summary (votes
	// aside) and payouts are the same; Roots are every validator's root.
	Summary depin.EpochSummary
	Agree   bool
	Roots   []common.Hash
	Payouts []depin.Payout
	// Stats are the workload's figures of the epoch (Observer), if HasStats.
	Stats    any
	HasStats bool
	// Meta is the workload's Traffic.Meta.
	Meta any
	// Submitted envelopes (the Jobs' included), and Refused: those a
	// validator refused at admission in a paced run.
	Submitted, Refused int
	// SettlementGas is the gas of the transactions that put the epoch's root
	// and checkpoint on chain; Checkpoint is the checkpoint there.
	SettlementGas uint64
	Checkpoint    evm.Checkpoint
	// JobTime is how long the Jobs took.
	JobTime time.Duration
}

// Earner is a contributor's total over the run.
type Earner struct {
	ID     string // depin.Payout's Contributor
	Amount *big.Int
	// Kind and Owner are what the Describer said ("?" and zero without).
	Kind  string
	Owner common.Address
}

// ClaimResult is a payout claimed on chain at the end of the run.
type ClaimResult struct {
	Contributor string
	Noun        string // what the contributor is, for the report
	Account     common.Address
	Epoch       uint64
	// Payout is what the epoch's payouts give Account; Before and After
	// its token balance around the claim.
	Payout, Before, After *big.Int
	Gas                   uint64
}

// Result is what a run did.
type Result struct {
	Epochs []EpochResult
	// Top are the run's earners, most first.
	Top []Earner
	// Explanations are the Explainer's.
	Explanations []depin.Explanation
	Claim        ClaimResult
	// Devices provisioned, and how long it took; SetupTime is the setup
	// epoch's; Elapsed the whole run.
	Devices                  int
	ProvisionTime, SetupTime time.Duration
	Elapsed                  time.Duration
	// Subnet is the subnet's id on the parent chain; Validators, the
	// EpochDuration and Realtime are the run's.
	Subnet        evm.SubnetID
	Validators    int
	EpochDuration time.Duration
	Realtime      bool
}

// Run stands up a local subnet (depin.NewLocalNetwork: cfg.Validators on
// chain/dag over memory, the embedded EVM chain or cfg.Parent) running
// cfg.NewVertical, and drives it with w as Drive does. A paced run (the
// default) hands the validators a Clock (Clock.Tune) and closes each epoch
// once its traffic is committed; cfg.Realtime leaves them the wall clock.
func Run(ctx context.Context, cfg Config, w Workload) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	if cfg.NewVertical == nil {
		return nil, fmt.Errorf("%w: NewVertical is required", ErrConfig)
	}
	var seed [32]byte
	copy(seed[:], fmt.Sprintf("devnet/net/%d", cfg.Seed))
	lc := depin.LocalConfig{
		Validators:  cfg.Validators,
		NewVertical: cfg.NewVertical,
		Config:      depin.Config{Name: cfg.Name, EpochDuration: cfg.EpochDuration, Verifier: cfg.Verifier},
		Rand:        rand.NewChaCha8(seed),
		Logger:      cfg.Logger,
		Parent:      cfg.Parent,
	}
	var clock *Clock
	if !cfg.Realtime {
		clock = NewClock(Genesis)
		lc.Tune = func(_ int, nc *dag.NodeConfig) { clock.Tune(nc) }
	}
	net, err := depin.NewLocalNetwork(ctx, lc)
	if err != nil {
		return nil, err
	}
	defer net.Close()
	var s Subnet
	if clock != nil {
		s = Paced(net, clock, cfg.EpochDuration)
	} else {
		s = Local(net)
	}
	res, err := Drive(ctx, s, net.Maker(), w, cfg)
	if err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

// Drive runs w on a running subnet whose validators approve maker. It
// provisions w's devices, sends their setup envelopes and waits for that
// epoch to close, then runs cfg.Epochs traffic epochs: after each closes it
// checks that every validator computed the same summary, payouts and root,
// waits for the root and checkpoint to reach the parent chain and adds up
// their gas. At the end it asks w to explain (Explainer) and claims a payout
// of the last epoch on chain (Claimant). If s is a Pacer the run is paced
// (each epoch closes once its traffic is committed); otherwise epochs close
// by the validators' clocks. cfg's Validators, NewVertical, Verifier, Seed
// and Parent are not used (s is running).
func Drive(ctx context.Context, s Subnet, maker device.Signer, w Workload, cfg Config) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	d := &driver{s: s, w: w, cfg: cfg, progress: cfg.Progress}
	d.pacer, _ = s.(Pacer)
	d.res = &Result{Validators: s.Validators(), EpochDuration: cfg.EpochDuration, Realtime: d.pacer == nil, Subnet: s.Subnet()}
	if o, ok := w.(Observer); ok {
		stop, err := o.Observe(ctx, s)
		if err != nil {
			return nil, err
		}
		if stop != nil {
			defer stop()
		}
	}
	if err := d.run(ctx, maker); err != nil {
		return nil, err
	}
	d.res.Elapsed = time.Since(t0)
	return d.res, nil
}

type driver struct {
	s        Subnet
	pacer    Pacer
	w        Workload
	cfg      Config
	progress func(string, ...any)
	res      *Result
}

// now is the time devices stamp their envelopes with.
func (d *driver) now() time.Time {
	if d.pacer != nil {
		return d.pacer.Now()
	}
	return time.Now()
}

func (d *driver) run(ctx context.Context, maker device.Signer) error {
	res, s := d.res, d.s
	start := time.Now()
	txs, err := d.w.Registrations(maker, s.Network(), d.now())
	if err != nil {
		return err
	}
	d.progress("provisioning %d devices", len(txs))
	if err := Provision(ctx, s, txs); err != nil {
		return err
	}
	res.ProvisionTime = time.Since(start)
	st, err := s.Status(ctx, 0)
	if err != nil {
		return err
	}
	res.Devices = st.Devices

	// Setup envelopes, then the close of their epoch: what they set up
	// (locations, hellos) must be applied before traffic names it.
	start = time.Now()
	setup, err := d.w.Setup(d.now())
	if err != nil {
		return err
	}
	d.progress("setup: %d envelopes", len(setup))
	var setupEpoch uint64
	if d.pacer != nil {
		if st, err = s.Status(ctx, 0); err != nil {
			return err
		}
		setupEpoch = st.Epoch
		refused, err := d.pacer.SubmitOrdered(ctx, setup)
		if err != nil {
			return err
		}
		if err := d.pacedClose(ctx, setupEpoch, len(setup)-refused); err != nil {
			return err
		}
	} else {
		if err := submitAll(ctx, s, setup); err != nil {
			return err
		}
		if err := waitProcessed(ctx, s, len(setup)); err != nil {
			return err
		}
		if st, err = s.Status(ctx, 0); err != nil {
			return err
		}
		setupEpoch = st.Epoch
		if _, err := s.WaitEpoch(ctx, setupEpoch); err != nil {
			return err
		}
	}
	res.SetupTime = time.Since(start)
	prev := setupEpoch
	var lastBlock uint64
	prep, _ := d.w.(Preparer)
	if prep != nil && d.pacer == nil {
		if err := prep.Prepare(time.Now()); err != nil {
			return err
		}
	}
	for k := range d.cfg.Epochs {
		closed, err := s.Epoch(ctx, 0, prev)
		if err != nil {
			return err
		}
		epoch := prev + 1
		in := EpochInput{Index: k, Number: epoch, Seed: closed.CommitDigest, Now: d.now()}
		tr, err := d.w.Traffic(ctx, in)
		if err != nil {
			return err
		}
		er := EpochResult{Submitted: len(tr.Envelopes) + len(tr.Jobs), Meta: tr.Meta}
		if d.pacer != nil {
			d.progress("epoch %d: submitting %d envelopes, running %d jobs", epoch, len(tr.Envelopes), len(tr.Jobs))
			// The jobs run while the envelopes go out, the next epoch's
			// seed-free traffic is made and what came before is settled;
			// their envelopes follow the others, in job order.
			st, err := s.Status(ctx, 0)
			if err != nil {
				return err
			}
			open := st.Epoch
			if open != epoch {
				return fmt.Errorf("devnet: epoch %d is open, want %d", open, epoch)
			}
			jobs := startJobs(ctx, tr.Jobs)
			if er.Refused, err = d.pacer.SubmitOrdered(ctx, tr.Envelopes); err != nil {
				<-jobs.done
				return err
			}
			if prep != nil && k+1 < d.cfg.Epochs {
				if err := prep.Prepare(in.Now.Add(d.cfg.EpochDuration)); err != nil {
					<-jobs.done
					return err
				}
			}
			if k == 0 {
				lastBlock, err = settledHead(ctx, s, setupEpoch)
			} else {
				err = settle(ctx, s, &res.Epochs[k-1], &lastBlock)
			}
			<-jobs.done
			if err == nil {
				err = jobs.err
			}
			if err != nil {
				return err
			}
			er.JobTime = jobs.took
			refused, err := d.pacer.SubmitOrdered(ctx, jobs.out)
			if err != nil {
				return err
			}
			er.Refused += refused
			if err := d.pacedClose(ctx, open, er.Submitted-er.Refused); err != nil {
				return err
			}
		} else {
			if st, err := s.Status(ctx, 0); err != nil {
				return err
			} else if st.Epoch != epoch {
				// Too slow for the epoch length: the traffic goes to the open
				// epoch (its seed is the previous epoch's, which a vertical
				// may still accept).
				d.progress("warning: epoch %d closed before its traffic was sent (EpochDuration %v is short for this machine); sending it in epoch %d", epoch, d.cfg.EpochDuration, st.Epoch)
				epoch = st.Epoch
			}
			d.progress("epoch %d: submitting %d envelopes, running %d jobs", epoch, len(tr.Envelopes), len(tr.Jobs))
			// Run the jobs while the envelopes go out: jobs are what takes
			// time.
			done := make(chan error, 1)
			go func() {
				start := time.Now()
				err := runJobs(ctx, tr.Jobs, func(_ int, env []byte) error { return s.Submit(ctx, env) })
				er.JobTime = time.Since(start)
				done <- err
			}()
			err = submitAll(ctx, s, tr.Envelopes)
			if jerr := <-done; err == nil {
				err = jerr
			}
			if err != nil {
				return err
			}
			if k == 0 {
				// Gas is counted from here: the setup epoch's settlement is
				// not a traffic epoch's.
				if lastBlock, err = settledHead(ctx, s, setupEpoch); err != nil {
					return err
				}
			}
			if prep != nil && k+1 < d.cfg.Epochs {
				if err := prep.Prepare(time.Now()); err != nil {
					return err
				}
			}
			// Settle the previous traffic epoch while this one runs.
			if k > 0 {
				if err := settle(ctx, s, &res.Epochs[k-1], &lastBlock); err != nil {
					return err
				}
			}
		}
		sums, err := s.WaitEpoch(ctx, epoch)
		if err != nil {
			return err
		}
		er.Summary = sums[0]
		if er.Agree, er.Roots, er.Payouts, err = agree(ctx, s, epoch); err != nil {
			return err
		}
		if o, ok := d.w.(Observer); ok {
			if er.Stats, er.HasStats, err = o.EpochStats(ctx, s, epoch); err != nil {
				return err
			}
		}
		res.Epochs = append(res.Epochs, er)
		prev = epoch
	}
	if len(res.Epochs) == 0 {
		return nil
	}
	last := &res.Epochs[len(res.Epochs)-1]
	d.progress("waiting for epoch %d's root and checkpoint on the parent chain", last.Summary.Epoch)
	if err := settle(ctx, s, last, &lastBlock); err != nil {
		return err
	}
	res.Top = topEarners(res.Epochs, d.w)
	if x, ok := d.w.(Explainer); ok {
		d.progress("explaining, claiming a payout of epoch %d", last.Summary.Epoch)
		explain := func(ctx context.Context, id device.ID) (depin.Explanation, error) {
			return s.Explain(ctx, 1%s.Validators(), id, last.Summary.Epoch)
		}
		if res.Explanations, err = x.Explain(ctx, last, explain); err != nil {
			return err
		}
	}
	res.Claim, err = claim(ctx, s, d.w, last)
	return err
}

// jobRun is jobs running in the background (startJobs): when done is
// closed, out holds their envelopes in job order, err the first error and
// took the time they took.
type jobRun struct {
	done chan struct{}
	out  [][]byte
	err  error
	took time.Duration
}

// startJobs runs jobs in the background (runJobs).
func startJobs(ctx context.Context, jobs []Job) *jobRun {
	r := &jobRun{done: make(chan struct{}), out: make([][]byte, len(jobs))}
	go func() {
		defer close(r.done)
		start := time.Now()
		r.err = runJobs(ctx, jobs, func(i int, env []byte) error { r.out[i] = env; return nil })
		r.took = time.Since(start)
	}()
	return r
}

// pacedClose waits until validator 0 has decided on want envelopes in the
// open epoch, and closes it.
func (d *driver) pacedClose(ctx context.Context, open uint64, want int) error {
	if err := waitDecided(ctx, d.s, open, want); err != nil {
		return err
	}
	closed, err := d.pacer.CloseEpoch(ctx)
	if err != nil {
		return err
	}
	if closed != open {
		return fmt.Errorf("devnet: closed epoch %d, the traffic went to %d", closed, open)
	}
	return nil
}

// provisionBatch is how many registrations Provision hands a validator at
// once.
const provisionBatch = 500

// Provision registers devices (registration transactions, as
// Workload.Registrations makes them) in batches of 500 to the validators in
// turn, and waits until every validator has them all.
func Provision(ctx context.Context, s Subnet, txs []chain.Tx) error {
	st, err := s.Status(ctx, 0)
	if err != nil {
		return err
	}
	want := st.Devices + len(txs)
	for k := 0; k < len(txs); k += provisionBatch {
		batch := txs[k:min(k+provisionBatch, len(txs))]
		if err := s.SubmitTx(ctx, k/provisionBatch, batch...); err != nil {
			return fmt.Errorf("devnet: register devices %d to %d: %w", k, k+len(batch)-1, err)
		}
	}
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for i := range s.Validators() {
		for {
			st, err := s.Status(ctx, i)
			if err != nil {
				return err
			}
			if st.Devices >= want {
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("devnet: validator %d has %d of %d devices: %w", i, st.Devices, want, ctx.Err())
			case <-t.C:
			}
		}
	}
	return nil
}

// submitAll hands the envelopes to the validators, in batches if s takes
// them.
func submitAll(ctx context.Context, s Subnet, envs [][]byte) error {
	if b, ok := s.(BatchSubmitter); ok {
		return b.SubmitBatch(ctx, envs)
	}
	for _, e := range envs {
		if err := s.Submit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// decided counts an epoch summary's envelopes decided on: accepted, or
// rejected for a device's reason (validators' "vote:" and the like, and
// "register:", left out).
func decided(s depin.EpochSummary) uint64 {
	total := s.Accepted
	for _, r := range s.Rejected {
		if !strings.Contains(r.Reason, ":") {
			total += r.Count
		}
	}
	return total
}

// waitDecided waits until validator 0 has decided on at least want
// envelopes in the open epoch.
func waitDecided(ctx context.Context, s Subnet, epoch uint64, want int) error {
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		sum, err := s.Epoch(ctx, 0, epoch)
		if err != nil {
			return err
		}
		if !sum.Open {
			return fmt.Errorf("devnet: epoch %d closed before its %d envelopes were decided (%d were)", epoch, want, decided(sum))
		}
		if decided(sum) >= uint64(want) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("devnet: %d of %d envelopes decided in epoch %d: %w", decided(sum), want, epoch, ctx.Err())
		case <-t.C:
		}
	}
}

// waitProcessed waits until validator 0 has decided on at least want
// envelopes in its open epoch and the ones it closed since the call.
func waitProcessed(ctx context.Context, s Subnet, want int) error {
	st, err := s.Status(ctx, 0)
	if err != nil {
		return err
	}
	from := st.Epoch
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		st, err := s.Status(ctx, 0)
		if err != nil {
			return err
		}
		var total uint64
		for e := from; e <= st.Epoch; e++ {
			sum, err := s.Epoch(ctx, 0, e)
			if err != nil {
				return err
			}
			total += decided(sum)
		}
		if total >= uint64(want) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("devnet: %d of %d setup envelopes decided: %w", total, want, ctx.Err())
		case <-t.C:
		}
	}
}

// runJobs runs the jobs on every core and hands each envelope to out as soon
// as it is made (from the job's goroutine).
func runJobs(ctx context.Context, jobs []Job, out func(i int, env []byte) error) error {
	if len(jobs) == 0 {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan int)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var first error
			for i := range next {
				if first != nil {
					continue
				}
				env, err := jobs[i](ctx)
				if err == nil {
					err = out(i, env)
				}
				first = err
			}
			errs <- first
		}()
	}
	for i := range jobs {
		next <- i
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

// agree compares every validator's summary (votes aside) and payouts of an
// epoch with validator 0's.
func agree(ctx context.Context, s Subnet, epoch uint64) (bool, []common.Hash, []depin.Payout, error) {
	var first depin.EpochSummary
	var firstPay []depin.Payout
	ok := true
	var roots []common.Hash
	for i := range s.Validators() {
		sum, err := s.Epoch(ctx, i, epoch)
		if err != nil {
			return false, nil, nil, err
		}
		p, err := s.Payouts(ctx, i, epoch)
		if err != nil {
			return false, nil, nil, err
		}
		roots = append(roots, sum.Root)
		sum.Votes, sum.VotedStake, sum.Quorum = 0, 0, false
		if i == 0 {
			first, firstPay = sum, p
			continue
		}
		ok = ok && summariesEqual(first, sum) && payoutsEqual(firstPay, p)
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

// settledHead waits for the setup epoch's settlement and returns the parent
// chain's head: traffic epochs' gas is counted from the next block.
func settledHead(ctx context.Context, s Subnet, setupEpoch uint64) (uint64, error) {
	if err := s.WaitSettled(ctx, setupEpoch); err != nil {
		return 0, fmt.Errorf("devnet: settle setup epoch %d: %w", setupEpoch, err)
	}
	head, err := s.Payer().Backend().HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, err
	}
	return head.Number.Uint64(), nil
}

// settle waits until the epoch's root and checkpoint are on chain and adds up
// the gas of the transactions that put them there.
func settle(ctx context.Context, s Subnet, er *EpochResult, lastBlock *uint64) error {
	epoch := er.Summary.Epoch
	if err := s.WaitSettled(ctx, epoch); err != nil {
		return fmt.Errorf("devnet: settle epoch %d: %w", epoch, err)
	}
	op := s.Payer()
	cp, _, err := op.CheckpointAt(ctx, s.Subnet(), epoch)
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
		return fmt.Errorf("devnet: settlement logs: %w", err)
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

// topEarners adds up the payouts of every epoch by contributor, most first
// (ties by contributor).
func topEarners(epochs []EpochResult, w Workload) []Earner {
	totals := map[string]*big.Int{}
	for _, e := range epochs {
		for _, p := range e.Payouts {
			if totals[p.Contributor] == nil {
				totals[p.Contributor] = new(big.Int)
			}
			totals[p.Contributor].Add(totals[p.Contributor], p.Amount)
		}
	}
	desc, _ := w.(Describer)
	out := make([]Earner, 0, len(totals))
	for c, a := range totals {
		e := Earner{ID: c, Amount: a, Kind: "?"}
		if desc != nil {
			if kind, owner, ok := desc.Describe(c); ok {
				e.Kind, e.Owner = kind, owner
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Earner) int { return cmp.Or(b.Amount.Cmp(a.Amount), strings.Compare(a.ID, b.ID)) })
	return out
}

// claim has the account the Claimant chooses (default: the best-paid
// contributor's) claim its payout of the epoch, sent by the payer.
func claim(ctx context.Context, s Subnet, w Workload, e *EpochResult) (ClaimResult, error) {
	var cr ClaimResult
	ok := false
	if c, isC := w.(Claimant); isC {
		cr.Contributor, cr.Account, cr.Noun, ok = c.Claimant(e)
	}
	if !ok {
		best := new(big.Int)
		for _, p := range e.Payouts {
			if p.Amount.Cmp(best) > 0 {
				best, cr.Contributor, cr.Account, cr.Noun = p.Amount, p.Contributor, p.Address, "contributor"
				ok = true
			}
		}
	}
	if !ok {
		return cr, fmt.Errorf("devnet: nobody was paid in epoch %d", e.Summary.Epoch)
	}
	cr.Epoch, cr.Payout = e.Summary.Epoch, new(big.Int)
	for _, p := range e.Payouts {
		if p.Address == cr.Account {
			cr.Payout.Add(cr.Payout, p.Amount)
		}
	}
	op := s.Payer()
	var err error
	if cr.Before, err = op.TokenBalance(ctx, cr.Account); err != nil {
		return cr, err
	}
	c, err := s.ClaimOf(ctx, 0, cr.Epoch, cr.Account)
	if err != nil {
		return cr, err
	}
	r, err := op.Claim(ctx, s.Subnet(), cr.Account, c)
	if err != nil {
		return cr, err
	}
	cr.Gas = r.GasUsed
	if cr.After, err = op.TokenBalance(ctx, cr.Account); err != nil {
		return cr, err
	}
	return cr, nil
}
