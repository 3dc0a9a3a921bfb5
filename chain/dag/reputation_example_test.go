package dag_test

import (
	"crypto/ed25519"
	"fmt"
	"log"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// ExampleRawNode_Reputation runs four validators of which the last never comes
// up. Three are a quorum, so they commit, but every round first waits the
// leader timeout for the missing validator's leader slot, until the first
// reputation window ends: from then on it is out of the leader schedule, on
// every validator alike.
func ExampleRawNode_Reputation() {
	const n = 4
	keys := make([]ed25519.PrivateKey, n)
	vals := make([]chain.Validator, n)
	for i := range keys {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		keys[i] = ed25519.NewKeyFromSeed(seed)
		vals[i] = chain.Validator{Key: keys[i].Public().(ed25519.PublicKey), Stake: 1}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		log.Fatal(err)
	}
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	nodes := make([]*dag.RawNode, n-1) // validator 3 is down
	for i := range nodes {
		cfg := dag.Config{Signer: chain.NewKeySigner(keys[i]), Validators: set, ReputationWindow: 16}
		if nodes[i], err = dag.NewRawNode(cfg, now); err != nil {
			log.Fatal(err)
		}
	}
	// A lockstep network: tick every 50ms, deliver everything at once.
	for step := 0; step < 100; step++ {
		now = now.Add(50 * time.Millisecond)
		for _, rn := range nodes {
			rn.Tick(now)
		}
		for busy := true; busy; {
			busy = false
			for i, rn := range nodes {
				if !rn.HasReady() {
					continue
				}
				busy = true
				rd := rn.Ready()
				var msgs []dag.Message
				for _, b := range rd.Broadcast {
					for j := range nodes {
						if j != i {
							msgs = append(msgs, dag.Message{Type: dag.MsgBlock, From: uint32(i), To: uint32(j), Block: b})
						}
					}
				}
				for _, m := range rd.Messages {
					if int(m.To) < len(nodes) {
						msgs = append(msgs, m)
					}
				}
				rn.Advance()
				for _, m := range msgs {
					_ = nodes[m.To].Step(m)
				}
			}
		}
	}
	for i, rn := range nodes {
		rep := rn.Reputation()
		fmt.Printf("validator %d: window %d, swapped out %v, their scores %d\n", i, rep.Window, rep.Swapped, rep.Scores[3])
	}
	// Output:
	// validator 0: window 16, swapped out [3], their scores 0
	// validator 1: window 16, swapped out [3], their scores 0
	// validator 2: window 16, swapped out [3], their scores 0
}
