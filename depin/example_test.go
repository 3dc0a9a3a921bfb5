package depin_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/device"
)

// A whole metering subnet in one process: four validators on chain/dag, the
// embedded EVM chain, one certified meter. The meter reports a reading; at
// the end of its epoch every validator computes the same payouts and root, a
// quorum of them puts the root on chain, and the meter's owner claims.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: meter.New, // 1,000,000 per epoch, 3/4 to readings, 1/4 to usage proofs
		Config:      depin.Config{Name: "meters", EpochDuration: time.Second},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer net.Close()

	key, _ := device.GenerateKey(device.Ed25519, rand.Reader)
	owner, _ := device.GenerateKey(device.Secp256k1, rand.Reader)
	if _, err := net.Provision(ctx, key, owner, "m1", "sn-0001", "meter:certified"); err != nil {
		fmt.Println(err)
		return
	}
	env, _ := device.Seal(device.ForNetwork(key, net.Network()), device.Header{ContentType: meter.ContentTypeReading, Seq: 1, Time: time.Now()}, meter.Reading{Wh: 1200})
	if err := net.Submit(ctx, env); err != nil {
		fmt.Println(err)
		return
	}

	// Find the epoch the reading landed in, and wait for it to close.
	id := key.Public().ID()
	var epoch uint64
	err = net.Node(0).WaitFor(ctx, func(n *depin.Node) bool {
		for e := range n.CurrentEpoch() + 1 {
			if x, err := n.Explain(id, e); err == nil && x.Accepted > 0 {
				epoch = e
				return true
			}
		}
		return false
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sums, err := net.WaitEpoch(ctx, epoch)
	if err != nil {
		fmt.Println(err)
		return
	}
	agree := true
	for _, s := range sums {
		agree = agree && s.Root == sums[0].Root && s.Paid.Cmp(sums[0].Paid) == 0
	}
	fmt.Println("validators agree:", agree)
	fmt.Println("paid", sums[0].Paid, "unallocated", sums[0].Unallocated)

	// The settlement workers sign, a quorum posts; the owner claims.
	if err := net.WaitSettled(ctx, epoch); err != nil {
		fmt.Println(err)
		return
	}
	account, _ := owner.Public().Address()
	claim, err := net.Claim(ctx, epoch, account)
	if err != nil {
		fmt.Println(err)
		return
	}
	balance, _ := net.Operator().TokenBalance(ctx, account)
	fmt.Println("claimed", claim.Amount, "balance", balance)

	x, _ := net.Node(2).Explain(id, epoch)
	fmt.Println(x.Pools[0].Pool, x.Pools[0].Reason)
	// Output:
	// validators agree: true
	// paid 750000 unallocated 250000
	// claimed 750000 balance 750000
	// readings proportional share, rounded down
}
