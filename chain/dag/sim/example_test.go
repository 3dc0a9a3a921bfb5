package sim_test

import (
	"fmt"
	"time"

	"github.com/depinkit/depinkit/chain/dag/sim"
)

// Four validators, one of which equivocates, on a lossy network cut in two for
// a second: the honest three agree, commit every transaction, and hold evidence
// against the equivocator.
func ExampleRun() {
	res, err := sim.Run(sim.Config{
		Validators: 4,
		Seed:       42,
		Rounds:     100,
		TxRate:     1000,
		Duration:   3 * time.Second,
		Network:    sim.NetworkConfig{Latency: 20 * time.Millisecond, Jitter: 10 * time.Millisecond, LossPerMille: 10},
		Partitions: []sim.Partition{{Start: time.Second, End: 2 * time.Second, Groups: [][]int{{0, 1}, {2, 3}}}},
		Byzantine:  map[int]sim.Behavior{3: sim.Equivocate},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := res.Check(); err != nil {
		fmt.Println(err)
		return
	}
	// Check passed: the honest validators' commit sequences are prefixes of
	// one another, so each is a prefix of the longest.
	for i, nd := range res.Nodes[:3] {
		fmt.Printf("validator %d: evidence against %v\n", i, nd.Evidence)
	}
	fmt.Printf("%d of %d transactions committed\n", res.Committed, res.Submitted)
	// Output:
	// validator 0: evidence against [3]
	// validator 1: evidence against [3]
	// validator 2: evidence against [3]
	// 3000 of 3000 transactions committed
}
