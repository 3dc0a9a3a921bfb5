package devnet_test

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/vertical/meter"
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
