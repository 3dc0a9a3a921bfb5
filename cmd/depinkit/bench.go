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
		Short:   "Measure depinkit's engines",
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
}

func newBenchConsensusCmd() *cobra.Command {
	var (
		mode, committer    string
		validators, txSize int
		txs, rate          int
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

The JSON has: mode, validators, committer, txs, tps, p50_ms, p99_ms, rounds,
seconds. A progress bar goes to stderr unless --quiet.`,
		Example: `  depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json
  depinkit bench consensus --mode sim --committer bullshark --txs 200000 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if mode != "sim" {
				return fmt.Errorf("--mode %q: only sim is available (libp2p over loopback comes with the transport)", mode)
			}
			if validators < 1 || validators > 64 {
				return fmt.Errorf("--validators %d: want 1 to 64", validators)
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
			res, err := sim.Run(cfg)
			if err != nil {
				return err
			}
			if err := res.Check(); err != nil {
				return fmt.Errorf("the run broke an invariant (seed %d): %w", seed, err)
			}
			rep := consensusReport{
				Mode: mode, Validators: validators, Committer: committer, Txs: res.Committed,
				TPS:     res.TPS,
				P50ms:   float64(res.LatencyP50) / float64(time.Millisecond),
				P99ms:   float64(res.LatencyP99) / float64(time.Millisecond),
				Rounds:  res.Rounds,
				Seconds: res.WallTime.Seconds(),
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return printReport(cmd.OutOrStdout(), rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&mode, "mode", "sim", "where the validators run: sim")
	f.IntVar(&validators, "validators", 4, "number of validators")
	f.IntVar(&txSize, "tx-size", 512, "transaction size in bytes")
	f.IntVar(&txs, "txs", 100000, "transactions to commit")
	f.IntVar(&rate, "rate", 200000, "transactions offered per (simulated) second")
	f.StringVar(&committer, "committer", "mysticeti", "commit rule: mysticeti or bullshark")
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
