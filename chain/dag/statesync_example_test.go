package dag_test

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// ExampleStateCertificate_Verify checks a state certificate: blocks of one
// epoch whose state votes agree, by validators holding a quorum of stake.
func ExampleStateCertificate_Verify() {
	keys := make([]ed25519.PrivateKey, 4)
	vals := make([]chain.Validator, 4)
	for i := range keys {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		keys[i] = ed25519.NewKeyFromSeed(seed)
		vals[i] = chain.Validator{Key: keys[i].Public().(ed25519.PublicKey), Stake: 1}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		panic(err)
	}
	// After commit 128, every validator's application hash is the same.
	vote := dag.StateVote{Index: 128, Commit: chain.Digest{0xc0}, AppHash: chain.Digest{0xa1}}
	var blocks []*dag.Block
	for i := range 3 {
		b := &dag.Block{Round: 40, Author: uint32(i), Parents: []dag.BlockRef{{Round: 39, Author: uint32(i)}}, State: vote}
		if err := b.Sign(chain.NewKeySigner(keys[i])); err != nil {
			panic(err)
		}
		blocks = append(blocks, b)
	}
	fmt.Println(dag.StateCertificate{State: vote, Blocks: blocks}.Verify(set, nil))
	fmt.Println(dag.StateCertificate{State: vote, Blocks: blocks[:2]}.Verify(set, nil))
	// Output:
	// <nil>
	// dag: state sync: certificate of the state at commit 128: signers hold stake 2, a quorum is 3
}

// noSnapshots is a StateSource of a validator that keeps no snapshot yet.
type noSnapshots struct{ *dag.MemoryStore }

func (noSnapshots) StateSnapshots() ([]dag.StateSnapshot, error) { return nil, nil }
func (noSnapshots) StateSnapshotData(uint64) ([]byte, error)     { return nil, fmt.Errorf("none") }

// ExampleStateSyncer runs the asking side of state sync against peers that
// serve with ServeState. Here none keeps a snapshot (a new network): once
// validators with a quorum of stake, the asker included, said so, the syncer
// gives up, and the node starts from commit 1.
func ExampleStateSyncer() {
	var vals []chain.Validator
	for i := range 4 {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		vals = append(vals, chain.Validator{Key: ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey), Stake: 1})
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		panic(err)
	}
	now := time.Unix(0, 0)
	sy, err := dag.NewStateSyncer(dag.StateSyncConfig{Self: 3, Validators: set}, now)
	if err != nil {
		panic(err)
	}
	servers := []dag.StateSource{noSnapshots{dag.NewMemoryStore()}, noSnapshots{dag.NewMemoryStore()}, noSnapshots{dag.NewMemoryStore()}}
	out := sy.Tick(now)
	for len(out) > 0 {
		req := out[0]
		fmt.Printf("ask validator %d\n", req.To)
		answer, err := dag.ServeState(servers[req.To], set, req.To, req, dag.DefaultGCDepth, dag.StateHistory(dag.Config{}), dag.StateLimits{})
		if err != nil {
			panic(err)
		}
		out = nil
		for _, m := range answer {
			more, err := sy.Step(m, now)
			if err != nil {
				panic(err)
			}
			out = append(out, more...)
		}
	}
	fmt.Println("gave up:", sy.GaveUp(), "state:", sy.Result() != nil)
	// Output:
	// ask validator 0
	// ask validator 1
	// gave up: true state: false
}
