// Command telecom runs depinkit's flagship network in one process: a
// Helium-style LoRa coverage network and a bandwidth (VPN) network on one
// subnet of validators (depin.NewLocalNetwork, package telecom), with
// simulated hotspots — some lying about their location, some proving
// coverage in zero knowledge — and bandwidth clients (package telecomsim).
// It prints each epoch's claims, emission, payouts, root and settlement gas,
// the top earners, why two hotspots earned nothing, a hotspot owner's
// on-chain claim and the last checkpoint.
//
// With --p2p the validators are separate processes talking over libp2p on
// loopback (telecomsim.RunP2P): the command re-executes itself once per
// validator, with telecomsim.ValidatorEnv set, and drives them over their
// HTTP APIs.
//
//	go run ./examples/telecom [--validators 4] [--hotspots 200] [--clients 1000] [--epochs 3] [--seed 1] [--p2p]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/device"
)

// options are the command's flags.
type options struct {
	validators, hotspots, clients, epochs int
	seed                                  uint64
	epochDuration                         time.Duration
	quiet, p2p, realtime                  bool
	rpc, keyFile                          string
}

func main() {
	telecomsim.MainIfValidator() // a validator process of a --p2p run
	var o options
	flag.IntVar(&o.validators, "validators", 4, "number of validators")
	flag.IntVar(&o.hotspots, "hotspots", 200, "number of public hotspots (5% liars, plus 1 private hotspot per 40)")
	flag.IntVar(&o.clients, "clients", 1000, "number of bandwidth clients (one session per epoch each)")
	flag.IntVar(&o.epochs, "epochs", 3, "number of epochs with traffic")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the simulated world")
	flag.DurationVar(&o.epochDuration, "epoch", 6*time.Second, "epoch length (virtual unless --realtime; with --realtime all of an epoch's traffic must be applied within it)")
	flag.BoolVar(&o.realtime, "realtime", false, "close epochs by the validators' wall clock instead of once their traffic is committed (not reproducible)")
	flag.BoolVar(&o.quiet, "quiet", false, "do not print progress")
	flag.BoolVar(&o.p2p, "p2p", false, "run the validators as separate processes over libp2p on loopback")
	flag.StringVar(&o.rpc, "rpc", "", "settle on the EVM chain at this JSON-RPC `URL` instead of the embedded one (with --key)")
	flag.StringVar(&o.keyFile, "key", "", "the secp256k1 key `FILE` of a funded account on --rpc's chain (depinkit keys new --type secp256k1)")
	flag.Parse()
	// Interrupted, the run still stops its validator processes (--p2p).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	if _, err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "telecom:", err)
		os.Exit(1)
	}
}

// run runs the network with o and prints its report to w.
func run(ctx context.Context, o options, w io.Writer) (*telecomsim.Result, error) {
	cfg := telecomsim.RunConfig{
		Sim:           telecomsim.Config{Seed: o.seed, Hotspots: o.hotspots, Clients: o.clients},
		Validators:    o.validators,
		Epochs:        o.epochs,
		EpochDuration: o.epochDuration,
		Realtime:      o.realtime,
	}
	if cfg.Sim.Clients == 0 {
		cfg.Sim.Clients = -1
	}
	switch {
	case o.rpc != "" && o.keyFile == "":
		return nil, fmt.Errorf("--rpc %s: --key is required (a funded account on that chain)", o.rpc)
	case o.rpc == "" && o.keyFile != "":
		return nil, fmt.Errorf("--key %s: only with --rpc", o.keyFile)
	case o.rpc != "":
		key, err := device.LoadKeyFile(o.keyFile)
		if err != nil {
			return nil, fmt.Errorf("--key: %w", err)
		}
		cfg.ParentRPC, cfg.ParentKey = o.rpc, key
	}
	if !o.quiet {
		start := time.Now()
		cfg.Progress = func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "%6.1fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
		}
	}
	run := telecomsim.Run
	if o.p2p {
		run = func(ctx context.Context, cfg telecomsim.RunConfig) (*telecomsim.Result, error) {
			return telecomsim.RunP2P(ctx, cfg, telecomsim.P2PConfig{})
		}
	}
	res, err := run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	report(w, res, o)
	return res, nil
}

// tokens formats base units (10^-8) as tokens.
func tokens(v *big.Int) string { return devnet.Tokens(v, 8) }

// report prints the kit's report (devnet.Report) with the telecom lines: the
// header, each epoch's PoC and bandwidth counts, the top hotspots, and what
// the explained hotspots are.
func report(w io.Writer, r *telecomsim.Result, o options) {
	sc := r.Sim.Config()
	rp := devnet.Report{
		Header: func(w io.Writer, run *devnet.Result) {
			mode := "in one process"
			if o.p2p {
				mode = "as processes over libp2p"
			}
			fmt.Fprintf(w, "telecom subnet: %d validators %s, %d hotspots (%d liars, %d private), %d bandwidth providers, %d clients, %d epochs of %v, seed %d\n",
				o.validators, mode, sc.Hotspots, sc.Liars, sc.Private, sc.Providers, sc.Clients, len(run.Epochs), o.epochDuration, sc.Seed)
			fmt.Fprintf(w, "provisioned %d devices in %v; setup (assertions, hellos) took %v; coverage key setup %v\n\n",
				run.Devices, run.ProvisionTime.Round(time.Millisecond), run.SetupTime.Round(time.Millisecond), r.CoverageSetup.Round(time.Millisecond))
		},
		Epoch: func(w io.Writer, e *devnet.EpochResult) {
			bad := 0
			if m, ok := e.Meta.(telecomsim.EpochMeta); ok {
				bad = m.BadSessions
			}
			if st, ok := e.Stats.(telecom.EpochStats); ok && e.HasStats {
				fmt.Fprintf(w, " %d beacons (%d valid), %d witness reports (%d valid, %d orphans), %d sessions (%.1f GB, %d providers, %d bad sent), %d private coverage proofs (proved in %v)\n",
					st.Rounds, st.Beacons[poc.ReasonNone], sum(st.Witnesses[:])+st.Orphans, st.Witnesses[poc.ReasonNone], st.Orphans,
					st.Sessions, float64(st.Bytes)/1e9, st.Providers, bad, st.PrivateProofs, e.JobTime.Round(time.Millisecond))
			} else {
				fmt.Fprintf(w, " %d bad sessions sent, private coverage proofs proved in %v (the vertical's counts were not available)\n", bad, e.JobTime.Round(time.Millisecond))
			}
		},
		Extra: func(w io.Writer, _ *devnet.Result) {
			fmt.Fprintln(w, "\ntop hotspots over the run:")
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  #\thotspot\tkind\towner\ttokens")
			k := 0
			for _, e := range r.Top {
				h := e.Hotspot
				if h == nil || k == 5 {
					continue
				}
				k++
				kind := "public"
				switch {
				case h.Private:
					kind = "private (zk)"
				case h.Liar:
					kind = "liar"
				}
				fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", k, devnet.Short(e.ID), kind, h.Address.Hex(), tokens(e.Amount))
			}
			tw.Flush()
		},
		Kind: func(id device.ID) string {
			h, ok := r.Sim.Hotspot(id)
			switch {
			case ok && h.Liar:
				return "liar"
			case ok && h.Isolated:
				return "isolated hotspot"
			}
			return "hotspot"
		},
	}
	rp.Write(w, r.Run)
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
