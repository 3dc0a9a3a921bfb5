package main

import (
	"context"
	"crypto/ed25519"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport/p2p"
)

// p2pTransportName says where --mode p2p runs its validators.
const p2pTransportName = "libp2p-loopback-inprocess"

// p2pBench configures one run of bench consensus --mode p2p.
type p2pBench struct {
	Validators int
	TxSize     int
	Duration   time.Duration
	// Warmup is how long load is offered before measuring starts, so that
	// the figures describe the steady state, not the network filling up.
	Warmup time.Duration
	// Window bounds the transactions each validator's client has accepted and
	// not yet seen committed (a closed loop: offered load follows throughput).
	Window int
	// Batch is the transactions of one POST /txs.
	Batch int
	// Keys bounds the KV key space, so that the state stays small.
	Keys int
	Seed uint64
	// Crash is how many validators (the last ones) are down for the whole
	// run: their hosts are closed at once, their nodes and clients never start.
	Crash int
	// NoReputation turns leader reputation off (consensus.reputation_window
	// -1): the baseline of --crash.
	NoReputation bool
	// CPUProfile, if set, is a file to write a CPU profile of the measured
	// time to (runtime/pprof).
	CPUProfile string
	// Progress, if set, is called about ten times a second with the elapsed
	// time and the transactions committed so far.
	Progress func(elapsed time.Duration, committed int)
}

// p2pResult is what a p2p run measured.
type p2pResult struct {
	Committed  int
	Seconds    float64
	CPUSeconds float64
	P50, P99   time.Duration
	Rounds     uint64
}

// txHeader is the fixed head of a bench transaction, after "kNNNNNN=": the
// submitting validator's index (2 hex digits) and the submission time (16 hex
// digits of Unix nanoseconds).
const (
	txKeyLen    = 8 // "k" + 6 digits + "="
	txHeaderLen = txKeyLen + 2 + 16
)

// latencyApp is the KV application of a bench validator: it records, for the
// transactions this validator's client submitted, the time from submission to
// their commit here, and counts the committed transactions.
type latencyApp struct {
	*validator.KV
	self      int
	committed atomic.Int64 // transactions committed (at this validator)
	own       atomic.Int64 // own transactions committed
	measuring atomic.Bool

	mu        sync.Mutex
	latencies []time.Duration
}

func (a *latencyApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	res, err := a.KV.ApplyCommit(c)
	if err != nil {
		return res, err
	}
	now := time.Now().UnixNano()
	var own int64
	var lat []time.Duration
	measuring := a.measuring.Load()
	for _, tx := range c.Txs {
		if len(tx) < txHeaderLen {
			continue
		}
		var h [9]byte
		if _, err := hex.Decode(h[:], tx[txKeyLen:txHeaderLen]); err != nil || int(h[0]) != a.self {
			continue
		}
		own++
		if measuring {
			lat = append(lat, time.Duration(now-int64(binary.BigEndian.Uint64(h[1:]))))
		}
	}
	a.committed.Add(int64(len(c.Txs)))
	a.own.Add(own)
	if len(lat) > 0 {
		a.mu.Lock()
		a.latencies = append(a.latencies, lat...)
		a.mu.Unlock()
	}
	return res, nil
}

// cpuTime returns the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runP2PBench starts b.Validators validators in this process, each with its
// own pebble store in a temporary directory, over libp2p hosts connected on
// 127.0.0.1, loads each through its JSON API with a batching client for
// b.Duration, and reports what was committed in that time.
func runP2PBench(ctx context.Context, b p2pBench) (p2pResult, error) {
	rng := rand.New(rand.NewPCG(b.Seed, 0x6265_6e63_68)) // "bench"
	keys := make([]ed25519.PrivateKey, b.Validators)
	gen := validator.Genesis{ChainID: "depinkit-bench"}
	for i := range keys {
		var seed [ed25519.SeedSize]byte
		for j := range seed {
			seed[j] = byte(rng.Uint32())
		}
		keys[i] = ed25519.NewKeyFromSeed(seed[:])
		gen.Validators = append(gen.Validators, validator.GenesisValidator{
			Name: fmt.Sprintf("v%d", i), PublicKey: hex.EncodeToString(keys[i].Public().(ed25519.PublicKey)), Stake: 1,
		})
	}
	dir, err := os.MkdirTemp("", "depinkit-bench-")
	if err != nil {
		return p2pResult{}, err
	}
	defer os.RemoveAll(dir)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hosts, err := p2p.NewLoopback(ctx, p2p.Config{
		Topics:      []string{dagtransport.DefaultTopic},
		ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"},
	}, keys)
	if err != nil {
		return p2pResult{}, fmt.Errorf("bench: libp2p hosts: %w", err)
	}
	// The crashed validators are down from the start.
	live := b.Validators - b.Crash
	for _, h := range hosts[live:] {
		_ = h.Close()
	}
	// Run closes its host when it returns; close those never handed over.
	var handed atomic.Int64
	defer func() {
		for _, h := range hosts[handed.Load():live] {
			_ = h.Close()
		}
	}()

	apps := make([]*latencyApp, live)
	nodes := make([]*validator.Node, live)
	for i := range nodes {
		reputation := 0 // the default
		if b.NoReputation {
			reputation = -1
		}
		cfg := validator.Config{
			Home:    dir,
			Index:   i,
			DataDir: fmt.Sprintf("v%d", i),
			API:     validator.APIConfig{Listen: "127.0.0.1:0", MaxBatchTxs: max(b.Batch, validator.DefaultMaxBatchTxs)},
			Consensus: validator.ConsensusConfig{
				SnapshotInterval: -1,
				MaxPendingTxs:    max(4*b.Window, 100000),
				ReputationWindow: reputation,
			},
			Genesis: gen,
		}
		h := hosts[i]
		apps[i] = &latencyApp{KV: validator.NewKV(), self: i}
		nodes[i], err = validator.New(cfg,
			validator.WithKey(keys[i]),
			validator.WithApp(apps[i]),
			validator.WithTransport(func(context.Context, validator.TransportParams) (transport.Transport, error) {
				return h, nil
			}))
		if err != nil {
			return p2pResult{}, err
		}
	}

	errs := make(chan error, len(nodes))
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	for _, n := range nodes {
		handed.Add(1)
		wg.Go(func() {
			if err := n.Run(ctx); err != nil {
				errs <- err
			}
		})
	}
	for _, n := range nodes {
		select {
		case <-n.Ready():
		case err := <-errs:
			return p2pResult{}, err
		case <-ctx.Done():
			return p2pResult{}, ctx.Err()
		}
	}

	// The load: one client per validator, each keeping up to Window of its
	// transactions accepted and not yet committed.
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	var lwg sync.WaitGroup
	loadErrs := make(chan error, len(nodes))
	for i, n := range nodes {
		c := validator.NewClient(n.APIAddr(), hc)
		app := apps[i]
		lwg.Go(func() {
			if err := offer(loadCtx, c, app, i, b); err != nil && loadCtx.Err() == nil {
				loadErrs <- fmt.Errorf("bench: client of v%d: %w", i, err)
			}
		})
	}
	if err := warmUp(ctx, b.Warmup, errs, loadErrs); err != nil {
		return p2pResult{}, err
	}
	for _, a := range apps {
		a.measuring.Store(true)
	}
	if b.CPUProfile != "" {
		f, err := os.Create(b.CPUProfile)
		if err != nil {
			return p2pResult{}, fmt.Errorf("--cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return p2pResult{}, fmt.Errorf("--cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	start, cpu0 := time.Now(), cpuTime()
	c0 := apps[0].committed.Load()
	end := start.Add(b.Duration)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var runErr error
wait:
	for {
		select {
		case now := <-tick.C:
			if b.Progress != nil {
				b.Progress(now.Sub(start), int(apps[0].committed.Load()-c0))
			}
			if !now.Before(end) {
				break wait
			}
		case runErr = <-errs:
			break wait
		case runErr = <-loadErrs:
			break wait
		case <-ctx.Done():
			runErr = ctx.Err()
			break wait
		}
	}
	for _, a := range apps {
		a.measuring.Store(false)
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	committed := int(apps[0].committed.Load() - c0)
	rounds := nodes[0].Status().Round
	stopLoad()
	lwg.Wait()
	if runErr != nil {
		return p2pResult{}, runErr
	}
	var lat []time.Duration
	for _, a := range apps {
		a.mu.Lock()
		lat = append(lat, a.latencies...)
		a.mu.Unlock()
	}
	slices.Sort(lat)
	res := p2pResult{
		Committed: committed, Seconds: elapsed.Seconds(), CPUSeconds: cpu.Seconds(), Rounds: rounds,
	}
	if len(lat) > 0 {
		res.P50, res.P99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return res, nil
}

// warmUp waits d while the load runs, returning early with the first
// validator or client error.
func warmUp(ctx context.Context, d time.Duration, errs, loadErrs <-chan error) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case err := <-errs:
		return err
	case err := <-loadErrs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// offer submits batches of transactions to validator self through c while
// fewer than b.Window of them are accepted and not committed, until ctx ends.
func offer(ctx context.Context, c *validator.Client, app *latencyApp, self int, b p2pBench) error {
	rng := rand.New(rand.NewPCG(b.Seed, uint64(self)+1))
	pad := make([]byte, b.TxSize)
	for i := range pad {
		pad[i] = 'a' + byte(i%26)
	}
	var accepted int64
	batch := make([]chain.Tx, b.Batch)
	head := make([]byte, 0, txHeaderLen)
	for ctx.Err() == nil {
		if accepted-app.own.Load()+int64(b.Batch) > int64(b.Window) {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(2 * time.Millisecond):
			}
			continue
		}
		now := uint64(time.Now().UnixNano())
		for i := range batch {
			tx := make([]byte, b.TxSize)
			copy(tx, pad)
			copy(tx, fmt.Appendf(head[:0], "k%06d=%02x%016x", rng.IntN(b.Keys), self, now))
			batch[i] = tx
		}
		resp, err := c.Submit(ctx, batch...)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
		accepted += int64(resp.Accepted)
		if len(resp.Rejected) > 0 {
			// A full mempool: let it drain.
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	return nil
}

// check reports the first flag of b that is out of range.
func (b p2pBench) check() error {
	switch {
	case b.TxSize < txHeaderLen || b.TxSize > dag.DefaultLimits.MaxTxBytes:
		return fmt.Errorf("--tx-size %d: want %d to %d bytes in p2p mode", b.TxSize, txHeaderLen, dag.DefaultLimits.MaxTxBytes)
	case b.Duration <= 0:
		return fmt.Errorf("--duration %s: want more than 0", b.Duration)
	case b.Warmup < 0:
		return fmt.Errorf("--warmup %s: want 0 or more", b.Warmup)
	case b.Batch < 1:
		return fmt.Errorf("--batch %d: want at least 1", b.Batch)
	case b.Window < b.Batch:
		return fmt.Errorf("--window %d: want at least --batch (%d)", b.Window, b.Batch)
	case b.Crash < 0 || 3*b.Crash >= b.Validators:
		return fmt.Errorf("--crash %d: want 0 to %d (fewer than a third of --validators)", b.Crash, (b.Validators-1)/3)
	case b.Keys < 1 || b.Keys > 1_000_000:
		return fmt.Errorf("--keys %d: want 1 to 1000000", b.Keys)
	}
	return nil
}

// p2pReport turns a p2p run into the report bench consensus prints.
func p2pReport(b p2pBench, res p2pResult) consensusReport {
	return consensusReport{
		Mode: "p2p", Validators: b.Validators, Committer: "mysticeti", Txs: res.Committed,
		TPS:          float64(res.Committed) / res.Seconds,
		P50ms:        float64(res.P50) / float64(time.Millisecond),
		P99ms:        float64(res.P99) / float64(time.Millisecond),
		Rounds:       res.Rounds,
		Seconds:      res.Seconds,
		CPUSeconds:   res.CPUSeconds,
		Window:       b.Window,
		Transport:    p2pTransportName,
		Crashed:      b.Crash,
		NoReputation: b.NoReputation,
	}
}

// progressFor returns a progress callback drawing a bar for one run of d
// on w, and a function that closes the bar.
func progressFor(w io.Writer, what string, d time.Duration) (func(time.Duration, int), func()) {
	tenths := int(d / (100 * time.Millisecond))
	bar := progressbar.NewOptions(max(tenths, 1),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	return func(elapsed time.Duration, committed int) {
		bar.Describe(fmt.Sprintf("%s: %d txs committed, %.0f tx/s", what, committed, float64(committed)/elapsed.Seconds()))
		_ = bar.Set(min(int(elapsed/(100*time.Millisecond)), tenths))
	}, func() { _ = bar.Close() }
}

// runP2PCmd checks the flags of --mode p2p, runs it and prints the report.
func runP2PCmd(cmd *cobra.Command, b p2pBench, asJSON, quiet bool) error {
	if err := b.check(); err != nil {
		return err
	}
	if !quiet {
		var done func()
		b.Progress, done = progressFor(cmd.ErrOrStderr(), "offering load", b.Duration)
		defer done()
	}
	res, err := runP2PBench(cmd.Context(), b)
	if err != nil {
		return err
	}
	rep := p2pReport(b, res)
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), rep)
	}
	return printReport(cmd.OutOrStdout(), rep)
}

// runP2PCrashCmd runs --mode p2p three times, all up, with the last crash
// validators down, and down with leader reputation off, each on a fresh
// network, and prints the three and the ratios.
func runP2PCrashCmd(cmd *cobra.Command, b p2pBench, crash int, asJSON, quiet bool) error {
	var reps []consensusReport
	for i, c := range []int{0, crash, crash} {
		run := b
		run.Crash, run.NoReputation = c, i == 2
		if err := run.check(); err != nil {
			return err
		}
		done := func() {}
		if !quiet {
			what := "all up"
			if c > 0 {
				what = fmt.Sprintf("%d crashed", c)
			}
			if run.NoReputation {
				what += ", no reputation"
			}
			run.Progress, done = progressFor(cmd.ErrOrStderr(), what, run.Duration)
		}
		res, err := runP2PBench(cmd.Context(), run)
		done()
		if err != nil {
			return err
		}
		reps = append(reps, p2pReport(run, res))
	}
	rep, err := newCrashReport(reps[0], reps[1], reps[2])
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), rep)
	}
	return printCrashReport(cmd.OutOrStdout(), rep)
}
