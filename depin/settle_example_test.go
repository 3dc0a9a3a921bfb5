package depin_test

import (
	"context"
	"fmt"
	"time"

	"github.com/depinkit/depinkit/depin"
)

// The settlement workers count what they did: epochs seen on chain, epochs
// given up because their signatures could make no quorum there, and
// signatures left out of a post because the registry would refuse them.
func ExampleNode_SettlementStats() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "stats", EpochDuration: time.Second},
		Timing:      depin.SettlementTiming{Retry: 100 * time.Millisecond, Fallback: 200 * time.Millisecond},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer net.Close()
	if err := net.WaitSettled(ctx, 1); err != nil {
		fmt.Println(err)
		return
	}
	var total depin.SettlementStats
	for total.Posted < 2 && ctx.Err() == nil {
		time.Sleep(50 * time.Millisecond)
		total = depin.SettlementStats{}
		for _, n := range net.Nodes() {
			s := n.SettlementStats()
			total.Posted += s.Posted
			total.GaveUp += s.GaveUp
			total.Dropped += s.Dropped
		}
	}
	fmt.Println("posted:", total.Posted >= 2, "gave up:", total.GaveUp, "dropped:", total.Dropped)
	// Output: posted: true gave up: 0 dropped: 0
}
