package dag_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// ExampleServeCommits shows commit sync end to end: validators whose Store is
// a dag.CommitStore (MemoryStore here, chain/store's Store in production)
// keep commit headers and serve MsgCommitRequest with ServeCommits from their
// serving goroutine; a validator that starts late asks for the commits it
// missed once its peers' votes show it behind, verifies their certificates,
// and applies the same commits.
func ExampleServeCommits() {
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
	net := dag.NewMemoryNetwork(n, 1<<16)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	nodes := make([]*dag.Node, n)
	digests := make([]chan chain.Digest, n) // the digest of each node's commit 100
	start := func(i int) {
		nodes[i], err = dag.NewNode(dag.NodeConfig{
			Config: dag.Config{Signer: chain.NewKeySigner(keys[i]), Validators: set, GCDepth: 6,
				MinRoundDelay: 5 * time.Millisecond, LeaderTimeout: 20 * time.Millisecond},
			App:       &counter{},
			Transport: net.Transport(uint32(i)),
			Store:     dag.NewMemoryStore(),
			Now:       time.Now,
		})
		if err != nil {
			log.Fatal(err)
		}
		go nodes[i].Run(ctx)
		digests[i] = make(chan chain.Digest, 1)
		go func(node *dag.Node, out chan<- chain.Digest) {
			for c := range node.Commits() {
				if c.Index == 100 {
					out <- c.Digest
				}
			}
		}(nodes[i], digests[i])
	}
	for i := 0; i < 3; i++ {
		start(i)
	}
	want := <-digests[0]
	start(3) // 100 commits late
	got := <-digests[3]
	fmt.Println("validator 3 applied the same commit 100:", got == want)
	for _, node := range nodes {
		node.Close()
	}
	// Output:
	// validator 3 applied the same commit 100: true
}
