package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dag/sim"
)

func newBenchCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:     "bench",
		Short:   "Measure the consensus engine's throughput and latency",
		Long:    `Measure depinkit's engines and print the figures as JSON.`,
		Example: `  depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json`,
	}, newBenchConsensusCmd())
}

// consensusReport is what bench consensus prints.
type consensusReport struct {
	Mode       string  `json:"mode"`
	Validators int     `json:"validators"`
	Committer  string  `json:"committer"`
	Txs        int     `json:"txs"`
	TPS        float64 `json:"tps"`
	P50ms      float64 `json:"p50_ms"`
	P99ms      float64 `json:"p99_ms"`
	Rounds     uint64  `json:"rounds"`
	Seconds    float64 `json:"seconds"`
	// CPUSeconds is the process's CPU time (user and system, from rusage)
	// over the run.
	CPUSeconds float64 `json:"cpu_seconds"`
	// Window is the transactions each p2p client keeps accepted and not yet
	// committed (the offered load of a closed-loop client).
	Window int `json:"window,omitempty"`
	// Transport says how the validators of --mode p2p talk.
	Transport string `json:"transport,omitempty"`
}

func newBenchConsensusCmd() *cobra.Command {
	var (
		mode, committer    string
		validators, txSize int
		txs, rate          int
		window, batch      int
		keys               int
		duration, warmup   time.Duration
		sweep              bool
		sweepWindows, out  string
		cpuProfile         string
		seed               uint64
		asJSON, quiet      bool
	)
	cmd := &cobra.Command{
		Use:   "consensus",
		Short: "Commit transactions through the DAG consensus and report the rate",
		Long: `Run validators of the DAG consensus (chain/dag), submit transactions and report
how many were committed per wall-clock second, with the commit latency.

--mode sim runs every validator in this process on the deterministic simulator
(chain/dag/sim): real ed25519 signatures on every block, blocks encoded and decoded
on every broadcast, a LAN-like simulated network (5ms latency plus about 2ms of
jitter); latencies are in simulated time. The run is checked for safety and
validity before the figures are printed.

--mode p2p runs every validator in this process as a chain/validator node
(pebble store with synced blocks in a temporary directory, KV application,
JSON API) over its own libp2p host, the hosts connected over TCP on 127.0.0.1
("transport": "libp2p-loopback-inprocess"): real signatures on every block,
real sockets, real fsyncs. One client per validator submits batches of
--batch transactions through that validator's JSON API, keeping at most
--window of them accepted and not yet committed (a closed loop: throughput is
at most validators x window / latency, so a window too small for the latency
caps the figure, and one too large only queues), for --warmup and then
--duration. The latency is from submission by the client to the commit at the
validator it submitted to, in wall-clock time; tps counts the transactions
committed (at validator 0) during --duration. --txs, --rate and --committer
are sim's only.

--sweep runs --mode p2p once per window of --sweep-windows, each on a fresh
network, and writes the throughput-latency curve (the figure of the Narwhal,
Bullshark and Mysticeti papers) to --out: consensus-p2p-sweep.csv,
consensus-p2p-sweep.svg and .png. With --json it prints an array of reports.

The JSON has: mode, validators, committer, txs, tps, p50_ms, p99_ms, rounds,
seconds, cpu_seconds (the process's user and system CPU time over the run),
and for p2p transport. A progress bar goes to stderr unless --quiet.`,
		Example: `  depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json
  depinkit bench consensus --mode sim --committer bullshark --txs 200000 --json
  depinkit bench consensus --mode p2p --validators 4 --tx-size 512 --duration 30s --json
  depinkit bench consensus --mode p2p --sweep --duration 10s --out docs/figures`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if validators < 1 || validators > 64 {
				return fmt.Errorf("--validators %d: want 1 to 64", validators)
			}
			switch mode {
			case "sim":
			case "p2p":
				b := p2pBench{
					Validators: validators, TxSize: txSize, Duration: duration, Warmup: warmup,
					Window: window, Batch: batch, Keys: keys, Seed: seed, CPUProfile: cpuProfile,
				}
				if sweep {
					return runSweepCmd(cmd, b, sweepWindows, out, asJSON, quiet)
				}
				return runP2PCmd(cmd, b, asJSON, quiet)
			default:
				return fmt.Errorf("--mode %q: want sim or p2p", mode)
			}
			if txs < 1 {
				return fmt.Errorf("--txs %d: want at least 1", txs)
			}
			if txSize < 12 || txSize > dag.DefaultLimits.MaxTxBytes {
				return fmt.Errorf("--tx-size %d: want 12 to %d bytes", txSize, dag.DefaultLimits.MaxTxBytes)
			}
			cfg := sim.Config{
				Validators: validators,
				Seed:       seed,
				TxSize:     txSize,
				TxRate:     rate,
				TotalTxs:   txs,
				Network:    sim.NetworkConfig{Latency: 5 * time.Millisecond, Jitter: 2 * time.Millisecond},
			}
			switch committer {
			case "mysticeti":
			case "bullshark":
				cfg.Committer = func(_ *chain.ValidatorSet, s dag.LeaderSchedule) dag.Committer { return dag.NewBullshark(s) }
			default:
				return fmt.Errorf("--committer %q: want mysticeti or bullshark", committer)
			}
			if !quiet {
				bar := progressbar.NewOptions(txs,
					progressbar.OptionSetWriter(cmd.ErrOrStderr()),
					progressbar.OptionSetDescription("committed txs"),
					progressbar.OptionShowCount(),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionOnCompletion(func() { fmt.Fprintln(cmd.ErrOrStderr()) }),
				)
				cfg.Progress = func(done, _ int) { _ = bar.Set(done) }
				defer bar.Close()
			}
			cpu0 := cpuTime()
			res, err := sim.Run(cfg)
			if err != nil {
				return err
			}
			if err := res.Check(); err != nil {
				return fmt.Errorf("the run broke an invariant (seed %d): %w", seed, err)
			}
			rep := consensusReport{
				Mode: mode, Validators: validators, Committer: committer, Txs: res.Committed,
				TPS:        res.TPS,
				P50ms:      float64(res.LatencyP50) / float64(time.Millisecond),
				P99ms:      float64(res.LatencyP99) / float64(time.Millisecond),
				Rounds:     res.Rounds,
				Seconds:    res.WallTime.Seconds(),
				CPUSeconds: (cpuTime() - cpu0).Seconds(),
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return printReport(cmd.OutOrStdout(), rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&mode, "mode", "sim", "where the validators run: sim (simulated network) or p2p (libp2p hosts on 127.0.0.1, in this process)")
	f.IntVar(&validators, "validators", 4, "number of validators")
	f.IntVar(&txSize, "tx-size", 512, "transaction size in bytes")
	f.IntVar(&txs, "txs", 100000, "transactions to commit")
	f.IntVar(&rate, "rate", 200000, "transactions offered per (simulated) second")
	f.StringVar(&committer, "committer", "mysticeti", "commit rule: mysticeti or bullshark")
	f.DurationVar(&duration, "duration", 30*time.Second, "p2p: how long to offer load")
	f.DurationVar(&warmup, "warmup", 2*time.Second, "p2p: how long to offer load before measuring")
	f.IntVar(&window, "window", 4000, "p2p: transactions each client keeps accepted and not yet committed")
	f.BoolVar(&sweep, "sweep", false, "p2p: run once per --sweep-windows window and write the throughput-latency curve (CSV and SVG) to --out")
	f.StringVar(&sweepWindows, "sweep-windows", defaultSweepWindows, "p2p --sweep: the per-client windows to offer, increasing")
	f.StringVar(&out, "out", "bench/sweep", "p2p --sweep: `DIR` for "+sweepCSV+", "+sweepSVG+" and "+sweepPNG)
	f.IntVar(&batch, "batch", 250, "p2p: transactions per POST /txs")
	f.IntVar(&keys, "keys", 10000, "p2p: distinct KV keys the transactions write")
	f.StringVar(&cpuProfile, "cpuprofile", "", "p2p: write a CPU profile of the measured time to `FILE` (go tool pprof)")
	f.Uint64Var(&seed, "seed", 1, "simulation seed (the same seed gives the same run)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	f.BoolVar(&quiet, "quiet", false, "no progress bar")
	return cmd
}

func printReport(w io.Writer, r consensusReport) error {
	_, err := fmt.Fprintf(w, "%s, %d validators, %s: %d txs in %.1fs: %.0f tx/s, latency p50 %.1fms p99 %.1fms, %d rounds\n",
		r.Mode, r.Validators, r.Committer, r.Txs, r.Seconds, r.TPS, r.P50ms, r.P99ms, r.Rounds)
	return err
}
