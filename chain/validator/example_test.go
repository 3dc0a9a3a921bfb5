package validator_test

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/transport/mem"
)

// Example runs a network of four validators in this process — each a Node
// with its store (in memory here), its KV application and its JSON API on a
// loopback port — submits a transaction to one through the API, and reads it
// back from another's commit log.
func Example() {
	const n = 4
	keys := make([]ed25519.PrivateKey, n)
	genesis := validator.Genesis{ChainID: "example"}
	for i := range keys {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		keys[i] = ed25519.NewKeyFromSeed(seed)
		genesis.Validators = append(genesis.Validators, validator.GenesisValidator{
			Name:      fmt.Sprintf("v%d", i),
			PublicKey: hex.EncodeToString(keys[i].Public().(ed25519.PublicKey)),
			Stake:     1,
		})
	}
	network, err := mem.NewNetwork(mem.Config{}) // transport/p2p in a real deployment
	if err != nil {
		log.Fatal(err)
	}
	defer network.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	nodes := make([]*validator.Node, n)
	done := make(chan error, n)
	for i := range nodes {
		cfg := validator.Config{
			Index:   i,
			API:     validator.APIConfig{Listen: "127.0.0.1:0"},
			Genesis: genesis,
		}
		nodes[i], err = validator.New(cfg,
			validator.WithKey(keys[i]),
			validator.WithTransport(validator.MemoryTransport(network)),
			validator.WithFS(vfs.NewMem()))
		if err != nil {
			log.Fatal(err)
		}
		go func() { done <- nodes[i].Run(runCtx) }()
		<-nodes[i].Ready()
	}

	resp, err := validator.NewClient(nodes[0].APIAddr(), nil).Submit(ctx, chain.Tx("greeting=hello"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("accepted:", resp.Accepted)

	// Validator 2 commits it too: look for it in its log.
	reader := validator.NewClient(nodes[2].APIAddr(), nil)
	for found := false; !found; time.Sleep(20 * time.Millisecond) {
		commits, _, err := reader.Commits(ctx, 1, 1000)
		if err != nil {
			log.Fatal(err)
		}
		for _, c := range commits {
			for _, tx := range c.Txs {
				fmt.Printf("validator 2 committed %q\n", tx)
				found = true
			}
		}
	}
	stop()
	for range nodes {
		if err := <-done; err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// accepted: 1
	// validator 2 committed "greeting=hello"
}
