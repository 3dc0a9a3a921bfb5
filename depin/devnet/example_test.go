package devnet_test

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/subnet"
)

// Run a vertical (the meter) with a workload (six meters, four readings
// each an epoch, a zero reading and a meter over capacity; meters is in
// this package's tests) as a network of four validators in this process,
// paced: what is printed follows from the seed.
func ExampleRun() {
	w, err := newMeters(5, 6)
	if err != nil {
		panic(err)
	}
	res, err := devnet.Run(context.Background(), devnet.Config{Name: meter.Name, NewVertical: meter.New, Seed: 5, Epochs: 2}, w)
	if err != nil {
		panic(err)
	}
	for _, e := range res.Epochs {
		fmt.Printf("epoch %d: %d envelopes, %d accepted, rejected %v, %d paid, validators agree: %v\n",
			e.Summary.Epoch, e.Submitted, e.Summary.Accepted, e.Summary.Rejected, e.Summary.Claims, e.Agree)
	}
	c := res.Claim
	fmt.Println("claim pays exactly:", new(big.Int).Sub(c.After, c.Before).Cmp(c.Payout) == 0)
	// Output:
	// epoch 1: 26 envelopes, 25 accepted, rejected [over-capacity=6 zero-reading=1], 5 paid, validators agree: true
	// epoch 2: 26 envelopes, 25 accepted, rejected [over-capacity=6 zero-reading=1], 5 paid, validators agree: true
	// claim pays exactly: true
}

// A Clock crawls between Advance calls (a millisecond per 1,000 s of real
// time) and jumps by whole epochs when the kit closes one.
func ExampleClock() {
	c := devnet.NewClock(devnet.Genesis)
	fmt.Println(c.Now().Truncate(time.Millisecond).Equal(devnet.Genesis))
	c.Advance(6 * time.Second)
	fmt.Println(c.Base().Sub(devnet.Genesis), c.Now().Truncate(time.Millisecond).Equal(c.Base()))
	// Output:
	// true
	// 6s true
}

// Report prints a run; WithoutRunFacts drops what measures the run itself
// (durations, settlement gas, the checkpoint's consensus digests), what two
// paced runs with one seed still differ in.
func ExampleWithoutRunFacts() {
	report := strings.Join([]string{
		"provisioned 6 devices in 12ms; setup took 80ms",
		"",
		"  epoch  envelopes  accepted  rejected  emission  paid  unallocated  claims  root  settle gas  agree",
		"      1         26        25         7   0.01000   0.0075   0.0025    5  0x71c0b3ca4e      261683   true",
		"",
		"checkpoint on the parent chain: subnet 51caca6c4b13… epoch 1, height 120, state root 0x06…, commit 0x47…",
		"",
		"done in 7.2s",
	}, "\n")
	fmt.Fprintln(os.Stdout, devnet.WithoutRunFacts(report))
	// Output:
	//
	// epoch envelopes accepted rejected emission paid unallocated claims root settle gas agree
	// 1 26 25 7 0.01000 0.0075 0.0025 5 0x71c0b3ca4e true
	//
	// checkpoint on the parent chain: subnet 51caca6c4b13… epoch 1
	//
}

// Drive a subnet that runs already: here a local one whose validators read
// a Clock (Paced), which is what Run does.
func ExampleDrive() {
	ctx := context.Background()
	clock := devnet.NewClock(devnet.Genesis)
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		NewVertical: meter.New,
		Config:      depin.Config{Name: meter.Name, EpochDuration: 6 * time.Second},
		Tune:        func(_ int, nc *dag.NodeConfig) { clock.Tune(nc) },
	})
	if err != nil {
		panic(err)
	}
	defer net.Close()
	w, err := newMeters(5, 6)
	if err != nil {
		panic(err)
	}
	res, err := devnet.Drive(ctx, devnet.Paced(net, clock, 6*time.Second), net.Maker(), w, devnet.Config{Epochs: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(res.Epochs), "epoch, validators agree:", res.Epochs[0].Agree)
}

// RunP2P runs the same as validator processes: the program re-executes
// itself as each validator, so its main (and TestMain) starts with
// MainIfValidator, which builds the validator's vertical from the spec.
func ExampleRunP2P() {
	devnet.MainIfValidator(func(*subnet.Spec) (devnet.Validator, error) {
		return devnet.Validator{Vertical: meter.New()}, nil
	})
	w, err := newMeters(5, 6)
	if err != nil {
		panic(err)
	}
	res, err := devnet.RunP2P(context.Background(), devnet.Config{Name: meter.Name, EpochDuration: 3 * time.Second}, w,
		devnet.P2PConfig{Vertical: meter.Name})
	if err != nil {
		panic(err)
	}
	devnet.Report{}.Write(os.Stdout, res)
}

// Report prints a Result; its hooks add a vertical's own lines.
func ExampleReport_Write() {
	res := &devnet.Result{
		Validators: 4, Devices: 2, EpochDuration: 6 * time.Second,
		Epochs: []devnet.EpochResult{{
			Summary: depin.EpochSummary{Epoch: 1, Accepted: 3, Claims: 1,
				Rejected:    []depin.ReasonCount{{Reason: "zero-reading", Count: 1}, {Reason: "vote:duplicate-vote", Count: 2}},
				Emission:    big.NewInt(1_000_000),
				Paid:        big.NewInt(750_000),
				Unallocated: big.NewInt(250_000)},
			Agree:      true,
			Roots:      make([]common.Hash, 4),
			Payouts:    []depin.Payout{{Pool: "readings", Contributor: "meter-one", Amount: big.NewInt(750_000)}},
			Submitted:  4,
			Checkpoint: evm.Checkpoint{Epoch: 1, Height: 12},
		}},
		Top: []devnet.Earner{{ID: "meter-one", Amount: big.NewInt(750_000), Kind: "meter"}},
	}
	devnet.Report{
		Decimals: 6,
		Epoch: func(w io.Writer, e *devnet.EpochResult) {
			fmt.Fprintf(w, " %d readings\n", e.Submitted)
		},
	}.Write(os.Stdout, res)
	// Output:
	// devnet: 4 validators, 2 devices, 1 epochs of 6s (paced)
	// provisioned 2 devices in 0s; setup took 0s
	//
	//   epoch  envelopes  accepted  rejected  emission      paid  unallocated  claims          root  settle gas  agree
	//       1          4         3         1  1.000000  0.750000     0.250000       1  0x0000000000           0   true
	//
	// (accepted counts envelopes accepted at ingest; reports the vertical judged invalid at scoring are also counted in rejected)
	//
	// epoch 1: 4 readings
	//   rejected: zero-reading 1
	//   paid by pool: readings 0.750000
	//   roots: 4 validators, all 0x0000000000
	//
	// top earners over the run:
	//   #  contributor  kind   owner  tokens
	//   1  meter-one    meter  -      0.750000
	//
	// checkpoint on the parent chain: subnet 000000000000… epoch 1, height 12, state root 0x0000000000000000000000000000000000000000000000000000000000000000, commit 0x0000000000000000000000000000000000000000000000000000000000000000
	//
	// done in 0s
}
