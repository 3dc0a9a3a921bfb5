package dagtransport_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport/mem"
)

// counter is a tiny Application: it counts the transactions it applies.
type counter struct {
	mu  sync.Mutex
	txs int
}

func (c *counter) CheckTx(chain.Tx) error { return nil }

func (c *counter) ApplyCommit(cm chain.Commit) (chain.Result, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.txs += len(cm.Txs)
	return chain.Result{}, nil
}

// Example runs four validators, each a dag.Node whose network is an Adapter
// on an endpoint of an in-process network (transport/p2p plugs in the same way).
func Example() {
	const n, txs = 4, 20
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
	net, err := mem.NewNetwork(mem.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	nodes := make([]*dag.Node, n)
	apps := make([]*counter, n)
	var wg sync.WaitGroup
	for i := range nodes {
		ep, err := net.Join(vals[i].Key)
		if err != nil {
			log.Fatal(err)
		}
		ad, err := dagtransport.New(dagtransport.Config{Transport: ep, Validators: set})
		if err != nil {
			log.Fatal(err)
		}
		defer ad.Close()
		apps[i] = &counter{}
		nodes[i], err = dag.NewNode(dag.NodeConfig{
			Config:    dag.Config{Signer: chain.NewKeySigner(keys[i]), Validators: set},
			App:       apps[i],
			Transport: ad,
			Now:       time.Now,
		})
		if err != nil {
			log.Fatal(err)
		}
		go nodes[i].Run(ctx)
		wg.Add(1)
		go func(node *dag.Node) { // drain the commits until all are in
			defer wg.Done()
			seen := 0
			for c := range node.Commits() {
				if seen += len(c.Txs); seen == txs {
					return
				}
			}
		}(nodes[i])
	}
	for k := 0; k < txs; k++ {
		if err := nodes[k%n].Submit(ctx, chain.Tx(fmt.Sprintf("reading-%02d", k))); err != nil {
			log.Fatal(err)
		}
	}
	wg.Wait()
	for i, node := range nodes {
		node.Close()
		fmt.Printf("validator %d applied %d transactions\n", i, apps[i].txs)
	}
	// Output:
	// validator 0 applied 20 transactions
	// validator 1 applied 20 transactions
	// validator 2 applied 20 transactions
	// validator 3 applied 20 transactions
}
