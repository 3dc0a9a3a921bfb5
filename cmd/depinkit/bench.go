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
	// Crashed counts the validators down for the whole run (--crash).
	Crashed int `json:"crashed,omitempty"`
	// NoReputation says leader reputation was off (the --crash baseline).
	NoReputation bool `json:"no_reputation,omitempty"`
	// VirtualTPS, in sim mode, is Txs per simulated second: the rate the
	// protocol sustains, set by how fast rounds go, where TPS is set by the
	// CPU time of the simulation.
	VirtualTPS float64 `json:"virtual_tps,omitempty"`
}

// crashReport is what bench consensus --crash prints: the same network run
// three times in one invocation, all up, with the last --crash validators
// down, and down again with leader reputation off (the baseline).
type crashReport struct {
	AllUp        consensusReport `json:"all_up"`
	Crashed      consensusReport `json:"crashed"`
	NoReputation consensusReport `json:"crashed_no_reputation"`
	// Ratio is the crashed run's throughput over the all-up run's: tps in p2p
	// mode, virtual_tps in sim mode; RatioNoReputation the same for the
	// baseline.
	Ratio             float64 `json:"ratio"`
	RatioNoReputation float64 `json:"ratio_no_reputation"`
}

// newCrashReport compares the runs. An all-up run that committed nothing in
// its measured window leaves the ratios undefined: an error, not +Inf.
func newCrashReport(up, crashed, off consensusReport) (crashReport, error) {
	rate := func(r consensusReport) float64 {
		if r.Mode == "sim" {
			return r.VirtualTPS
		}
		return r.TPS
	}
	if rate(up) <= 0 {
		return crashReport{}, fmt.Errorf("bench: the all-up run committed no transaction in its measured window, so the crashed runs have nothing to be compared with: measure longer (--duration) or with a larger --window")
	}
	return crashReport{
		AllUp: up, Crashed: crashed, NoReputation: off,
		Ratio: rate(crashed) / rate(up), RatioNoReputation: rate(off) / rate(up),
	}, nil
}

func printCrashReport(w io.Writer, r crashReport) error {
	for _, rep := range []consensusReport{r.AllUp, r.Crashed, r.NoReputation} {
		if err := printReport(w, rep); err != nil {
			return err
		}
	}
	what := "tx/s"
	if r.AllUp.Mode == "sim" {
		what = "tx per simulated second"
	}
	_, err := fmt.Fprintf(w, "with %d of %d validators crashed: %.0f%% of the all-up throughput (%s); without leader reputation %.0f%%\n",
		r.Crashed.Crashed, r.Crashed.Validators, 100*r.Ratio, what, 100*r.RatioNoReputation)
	return err
}

func newBenchConsensusCmd() *cobra.Command {
	var (
		mode, committer    string
		validators, txSize int
		txs, rate          int
		crash, maxBlockTxs int
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

--crash N runs the network three times in one invocation: all up, with the
last N validators down from the start (at most f: fewer than a third), and
down again with leader reputation off; it reports all three and the ratios of
the crashed throughputs to the all-up one. Leader reputation (chain/dag,
Config.ReputationWindow) takes a crashed validator out of the leader slots
after its first window of commits, so rounds stop waiting the leader timeout
for it; without it every round waits. In p2p mode the crashed validators' hosts are
closed and their clients never start. In sim mode the ratio is of
virtual_tps, transactions per simulated second: the simulator's wall-clock
rate is set by CPU, which a crashed leader does not cost. Offer more than the
network sustains (--rate, and small blocks with --max-block-txs) for long
enough (the first window of a crash is spent waiting) to compare capacities,
not the offered load: --tx-size 64 --max-block-txs 100 --txs 120000 --rate
1000000.

The JSON has: mode, validators, committer, txs, tps, p50_ms, p99_ms, rounds,
seconds, cpu_seconds (the process's user and system CPU time over the run),
for sim virtual_tps, for p2p transport, and crashed and no_reputation. With
--crash it is {"all_up": {...}, "crashed": {...}, "crashed_no_reputation":
{...}, "ratio": r, "ratio_no_reputation": r}. A progress bar goes to stderr
unless --quiet.`,
		Example: `  depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json
  depinkit bench consensus --mode sim --committer bullshark --txs 200000 --json
  depinkit bench consensus --mode p2p --validators 4 --tx-size 512 --duration 30s --json
  depinkit bench consensus --mode p2p --sweep --duration 10s --out docs/figures
  depinkit bench consensus --mode p2p --crash 1 --duration 30s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if validators < 1 || validators > 64 {
				return fmt.Errorf("--validators %d: want 1 to 64", validators)
			}
			if crash < 0 || 3*crash >= validators {
				return fmt.Errorf("--crash %d: want 0 to %d (fewer than a third of --validators)", crash, (validators-1)/3)
			}
			switch mode {
			case "sim":
			case "p2p":
				b := p2pBench{
					Validators: validators, TxSize: txSize, Duration: duration, Warmup: warmup,
					Window: window, Batch: batch, Keys: keys, Seed: seed, CPUProfile: cpuProfile,
				}
				if sweep {
					if crash > 0 {
						return fmt.Errorf("--crash with --sweep: not supported, run them apart")
					}
					return runSweepCmd(cmd, b, sweepWindows, out, asJSON, quiet)
				}
				if crash > 0 {
					return runP2PCrashCmd(cmd, b, crash, asJSON, quiet)
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
			if maxBlockTxs < 0 {
				return fmt.Errorf("--max-block-txs %d: want 0 (the default) or more", maxBlockTxs)
			}
			limits := func(c *dag.Config) { c.Limits.MaxBlockTxs = maxBlockTxs }
			cfg := sim.Config{
				Validators: validators,
				Seed:       seed,
				TxSize:     txSize,
				TxRate:     rate,
				TotalTxs:   txs,
				Network:    sim.NetworkConfig{Latency: 5 * time.Millisecond, Jitter: 2 * time.Millisecond},
				NodeConfig: limits,
			}
			if crash > 0 || maxBlockTxs > 0 {
				// A backlog drains at the round pace: let it, however long
				// it takes in virtual time (the default stops 10s after the
				// last submission).
				cfg.MaxTime = time.Hour
			}
			switch committer {
			case "mysticeti":
			case "bullshark":
				cfg.Committer = func(_ *chain.ValidatorSet, s dag.LeaderSchedule) dag.Committer { return dag.NewBullshark(s) }
			default:
				return fmt.Errorf("--committer %q: want mysticeti or bullshark", committer)
			}
			if crash == 0 {
				rep, err := runSimBench(cmd, cfg, committer, false, quiet)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), rep)
				}
				return printReport(cmd.OutOrStdout(), rep)
			}
			up, err := runSimBench(cmd, cfg, committer, false, quiet)
			if err != nil {
				return err
			}
			for v := validators - crash; v < validators; v++ {
				cfg.Crashes = append(cfg.Crashes, sim.Crash{Node: v, At: time.Millisecond})
			}
			down, err := runSimBench(cmd, cfg, committer, false, quiet)
			if err != nil {
				return err
			}
			cfg.NodeConfig = func(c *dag.Config) { limits(c); c.ReputationWindow = -1 }
			off, err := runSimBench(cmd, cfg, committer, true, quiet)
			if err != nil {
				return err
			}
			rep, err := newCrashReport(up, down, off)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return printCrashReport(cmd.OutOrStdout(), rep)
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
	f.IntVar(&maxBlockTxs, "max-block-txs", 0, "sim: transactions per block (0: the default, 10000); small blocks make throughput follow the round pace, as with --crash")
	f.IntVar(&crash, "crash", 0, "also run with the last `N` validators crashed from the start, and report both and their throughput ratio")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	f.BoolVar(&quiet, "quiet", false, "no progress bar")
	return cmd
}

// runSimBench runs one simulation of bench consensus --mode sim, checks it and
// reports it. noRep says cfg turns leader reputation off.
func runSimBench(cmd *cobra.Command, cfg sim.Config, committer string, noRep, quiet bool) (consensusReport, error) {
	if !quiet {
		what := "committed txs"
		if len(cfg.Crashes) > 0 {
			what = fmt.Sprintf("committed txs, %d crashed", len(cfg.Crashes))
		}
		if noRep {
			what += ", no reputation"
		}
		bar := progressbar.NewOptions(cfg.TotalTxs,
			progressbar.OptionSetWriter(cmd.ErrOrStderr()),
			progressbar.OptionSetDescription(what),
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
		return consensusReport{}, err
	}
	if err := res.Check(); err != nil {
		return consensusReport{}, fmt.Errorf("the run broke an invariant (seed %d): %w", cfg.Seed, err)
	}
	return consensusReport{
		Mode: "sim", Validators: cfg.Validators, Committer: committer, Txs: res.Committed,
		TPS:          res.TPS,
		P50ms:        float64(res.LatencyP50) / float64(time.Millisecond),
		P99ms:        float64(res.LatencyP99) / float64(time.Millisecond),
		Rounds:       res.Rounds,
		Seconds:      res.WallTime.Seconds(),
		CPUSeconds:   (cpuTime() - cpu0).Seconds(),
		Crashed:      len(cfg.Crashes),
		NoReputation: noRep,
		VirtualTPS:   float64(res.Committed) / res.VirtualTime.Seconds(),
	}, nil
}

func printReport(w io.Writer, r consensusReport) error {
	crashed := ""
	if r.Crashed > 0 {
		crashed = fmt.Sprintf(" (%d crashed)", r.Crashed)
	}
	if r.NoReputation {
		crashed += " (no leader reputation)"
	}
	virtual := ""
	if r.VirtualTPS > 0 {
		virtual = fmt.Sprintf(" (%.0f per simulated second)", r.VirtualTPS)
	}
	_, err := fmt.Fprintf(w, "%s, %d validators%s, %s: %d txs in %.1fs: %.0f tx/s%s, latency p50 %.1fms p99 %.1fms, %d rounds\n",
		r.Mode, r.Validators, crashed, r.Committer, r.Txs, r.Seconds, r.TPS, virtual, r.P50ms, r.P99ms, r.Rounds)
	return err
}
