package dag_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// counter is a tiny Application: it counts the transactions it has applied.
type counter struct{ txs uint64 }

func (c *counter) CheckTx(tx chain.Tx) error {
	if len(tx) == 0 {
		return fmt.Errorf("empty transaction")
	}
	return nil
}

func (c *counter) ApplyCommit(cm chain.Commit) (chain.Result, error) {
	c.txs += uint64(len(cm.Txs))
	return chain.Result{AppHash: sha256.Sum256(binary.BigEndian.AppendUint64(nil, c.txs))}, nil
}

// Example runs a 4-validator network in one process: each validator is a Node
// with its own Application, connected by an in-memory network, and the
// transactions submitted to any of them are committed, in the same order, by all.
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
	net := dag.NewMemoryNetwork(n, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	nodes := make([]*dag.Node, n)
	apps := make([]*counter, n)
	var wg sync.WaitGroup
	for i := range nodes {
		apps[i] = &counter{}
		nodes[i], err = dag.NewNode(dag.NodeConfig{
			Config:    dag.Config{Signer: chain.NewKeySigner(keys[i]), Validators: set},
			App:       apps[i],
			Transport: net.Transport(uint32(i)),
			Now:       time.Now,
		})
		if err != nil {
			log.Fatal(err)
		}
		go nodes[i].Run(ctx)
		// Drain each node's commits until it has applied every transaction.
		wg.Add(1)
		go func(node *dag.Node) {
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
