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
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/device"
)

// options are the command's flags.
type options struct {
	validators, hotspots, clients, epochs int
	seed                                  uint64
	epochDuration                         time.Duration
	quiet, p2p                            bool
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
	flag.DurationVar(&o.epochDuration, "epoch", 6*time.Second, "epoch length (all of an epoch's traffic must be applied within it)")
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
func tokens(v *big.Int) string {
	if v == nil {
		return "-"
	}
	r := new(big.Rat).SetFrac(v, big.NewInt(100_000_000))
	return r.FloatString(8)
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func report(w io.Writer, r *telecomsim.Result, o options) {
	sc := r.Sim.Config()
	mode := "in one process"
	if o.p2p {
		mode = "as processes over libp2p"
	}
	fmt.Fprintf(w, "telecom subnet: %d validators %s, %d hotspots (%d liars, %d private), %d bandwidth providers, %d clients, %d epochs of %v, seed %d\n",
		o.validators, mode, sc.Hotspots, sc.Liars, sc.Private, sc.Providers, sc.Clients, len(r.Epochs), o.epochDuration, sc.Seed)
	fmt.Fprintf(w, "provisioned %d devices in %v; setup (assertions, hellos) took %v; coverage key setup %v\n\n",
		r.Devices, r.ProvisionTime.Round(time.Millisecond), r.SetupTime.Round(time.Millisecond), r.CoverageSetup.Round(time.Millisecond))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "epoch\tenvelopes\taccepted\trejected\temission\tpaid\tunallocated\tclaims\troot\tsettle gas\tagree\t")
	for _, e := range r.Epochs {
		s := e.Summary
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%s\t%s\t%s\t%d\t%s\t%d\t%v\t\n", s.Epoch, e.Submitted, s.Accepted, claimRejections(s),
			tokens(s.Emission), tokens(s.Paid), tokens(s.Unallocated), s.Claims, short(s.Root.Hex()), e.SettlementGas, e.Agree)
	}
	tw.Flush()
	fmt.Fprintln(w, "\n(accepted counts envelopes accepted at ingest; reports the vertical judged invalid at scoring are also counted in rejected)")
	for _, e := range r.Epochs {
		fmt.Fprintf(w, "\nepoch %d:", e.Summary.Epoch)
		if st := e.Stats; e.HasStats {
			fmt.Fprintf(w, " %d beacons (%d valid), %d witness reports (%d valid, %d orphans), %d sessions (%.1f GB, %d providers, %d bad sent), %d private coverage proofs (proved in %v)\n",
				st.Rounds, st.Beacons[poc.ReasonNone], sum(st.Witnesses[:])+st.Orphans, st.Witnesses[poc.ReasonNone], st.Orphans,
				st.Sessions, float64(st.Bytes)/1e9, st.Providers, e.BadSessions, st.PrivateProofs, e.ProveTime.Round(time.Millisecond))
		} else {
			fmt.Fprintf(w, " %d bad sessions sent, private coverage proofs proved in %v (the vertical's counts were not available)\n", e.BadSessions, e.ProveTime.Round(time.Millisecond))
		}
		var rs []string
		for _, rc := range e.Summary.Rejected {
			if strings.Contains(rc.Reason, ":") { // votes and registrations, not claims
				continue
			}
			rs = append(rs, fmt.Sprintf("%s %d", rc.Reason, rc.Count))
		}
		if len(rs) > 0 {
			fmt.Fprintf(w, "  rejected: %s\n", strings.Join(rs, ", "))
		}
		pools := map[string]*big.Int{}
		var order []string
		for _, p := range e.Payouts {
			if pools[p.Pool] == nil {
				pools[p.Pool] = new(big.Int)
				order = append(order, p.Pool)
			}
			pools[p.Pool].Add(pools[p.Pool], p.Amount)
		}
		var ps []string
		for _, name := range order {
			ps = append(ps, fmt.Sprintf("%s %s", name, tokens(pools[name])))
		}
		fmt.Fprintf(w, "  paid by pool: %s\n", strings.Join(ps, ", "))
		fmt.Fprintf(w, "  roots: %d validators, all %s\n", len(e.Roots), short(e.Summary.Root.Hex()))
	}

	fmt.Fprintln(w, "\ntop earners over the run:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tcontributor\tkind\towner\ttokens")
	for i, e := range r.Top {
		if i == 10 {
			break
		}
		kind, owner := "?", "-"
		if p := e.Provider; p != nil {
			kind, owner = "vpn provider", p.Address.Hex()
		}
		if h := e.Hotspot; h != nil {
			kind, owner = "hotspot", h.Address.Hex()
			switch {
			case h.Private:
				kind = "private hotspot"
			case h.Liar:
				kind = "hotspot (liar)"
			case h.Isolated:
				kind = "hotspot (isolated)"
			}
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", i+1, short(e.ID), kind, owner, tokens(e.Amount))
	}
	tw.Flush()

	fmt.Fprintln(w, "\ntop hotspots over the run:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
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
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", k, short(e.ID), kind, h.Address.Hex(), tokens(e.Amount))
	}
	tw.Flush()

	for _, x := range r.Explanations {
		kind := "hotspot"
		if h, ok := r.Sim.Hotspot(x.Device); ok && h.Liar {
			kind = "liar"
		} else if ok && h.Isolated {
			kind = "isolated hotspot"
		}
		fmt.Fprintf(w, "\nwhy did %s %s earn nothing in epoch %d? (Explain on validator 1)\n%s", kind, short(x.Device.String()), x.Epoch, x.String())
	}

	c := r.Claim
	if c.Hotspot != nil {
		delta := new(big.Int).Sub(c.After, c.Before)
		fmt.Fprintf(w, "\non-chain claim: owner %s of hotspot %s claims epoch %d\n", c.Hotspot.Address.Hex(), short(c.Hotspot.ID.String()), c.Epoch)
		fmt.Fprintf(w, "  payout %s, balance %s -> %s (delta %s, equals payout: %v), gas %d\n",
			tokens(c.Payout), tokens(c.Before), tokens(c.After), tokens(delta), delta.Cmp(c.Payout) == 0, c.Gas)
	}
	if n := len(r.Epochs); n > 0 {
		cp := r.Epochs[n-1].Checkpoint
		fmt.Fprintf(w, "\ncheckpoint on the parent chain: subnet %x… epoch %d, height %d, state root %s, commit %s\n",
			cp.Subnet[:6], cp.Epoch, cp.Height, cp.StateRoot.Hex(), cp.CommitDigest.Hex())
	}
	fmt.Fprintf(w, "\ndone in %v\n", r.Elapsed.Round(time.Millisecond))
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// claimRejections counts an epoch's rejected envelopes and claims, leaving
// out settlement votes and registrations ("vote:...", "register:...").
func claimRejections(s depin.EpochSummary) uint64 {
	var n uint64
	for _, r := range s.Rejected {
		if !strings.Contains(r.Reason, ":") {
			n += r.Count
		}
	}
	return n
}
