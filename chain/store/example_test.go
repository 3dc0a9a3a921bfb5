package store_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/store"
)

// counter is a tiny Application whose state is the number of transactions it
// applied.
type counter struct{ txs uint64 }

func (c *counter) CheckTx(chain.Tx) error { return nil }

func (c *counter) ApplyCommit(cm chain.Commit) (chain.Result, error) {
	c.txs += uint64(len(cm.Txs)) // the node serialises calls; read it only when the node is stopped
	return chain.Result{}, nil
}

// run starts a one-validator node on st, submits txs, saves the commits that
// order them (and a snapshot of the application at the last one), and stops.
func run(st *store.Store, key ed25519.PrivateKey, set *chain.ValidatorSet, app *counter, applied uint64, txs []string) {
	node, err := dag.NewNode(dag.NodeConfig{
		Config:    dag.Config{Signer: chain.NewKeySigner(key), Validators: set},
		App:       app,
		Transport: dag.NewMemoryNetwork(1, 0).Transport(0),
		Store:     st,
		Now:       time.Now,
		Applied:   applied,
	})
	if err != nil {
		log.Fatal(err)
	}
	base := app.txs // the state before this run: the node is not running yet
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- node.Run(ctx) }()
	for _, tx := range txs {
		if err := node.Submit(ctx, chain.Tx(tx)); err != nil {
			log.Fatal(err)
		}
	}
	seen := 0
	for c := range node.Commits() {
		if err := st.SaveCommits([]chain.Commit{c}); err != nil {
			log.Fatal(err)
		}
		seen += len(c.Txs)
		if seen == len(txs) {
			// The application's state as of commit c (a real application
			// snapshots itself at a commit boundary).
			snap := store.Snapshot{Height: c.Index, Data: []byte(fmt.Sprint(base + uint64(seen)))}
			if err := st.SaveSnapshot(snap); err != nil {
				log.Fatal(err)
			}
			break
		}
	}
	if err := node.Close(); err != nil {
		log.Fatal(err)
	}
	if err := <-done; err != nil {
		log.Fatal(err)
	}
}

// Example runs a one-validator dag.Node on a Store, stops it, opens the store
// again as a restarted process would, and restarts the node from it: the
// node recovers its DAG, the application its snapshot, and the commit log
// continues where it stopped.
func Example() {
	fs := vfs.NewMem() // in a real node: Options{} and a directory on disk
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	set, err := chain.NewValidatorSet([]chain.Validator{{Key: key.Public().(ed25519.PublicKey), Stake: 1}})
	if err != nil {
		log.Fatal(err)
	}

	st, err := store.Open("validator", store.Options{FS: fs})
	if err != nil {
		log.Fatal(err)
	}
	_, err = st.LoadSnapshot()
	fmt.Println("fresh store, snapshot found:", !errors.Is(err, store.ErrNotFound))
	run(st, key, set, &counter{}, 0, []string{"a", "b", "c"})
	proposed, _ := st.LastRound(0, 0)
	if err := st.Close(); err != nil {
		log.Fatal(err)
	}

	// The restart.
	st, err = store.Open("validator", store.Options{FS: fs})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	snap, err := st.LoadSnapshot()
	if err != nil {
		log.Fatal(err)
	}
	app := &counter{}
	fmt.Sscan(string(snap.Data), &app.txs)
	blocks, _ := st.LoadBlocks()
	fmt.Println("restored:", app.txs, "transactions; own blocks recovered:", len(blocks) > 0 && proposed > 0)
	run(st, key, set, app, snap.Height, []string{"d", "e"})

	commits, _ := st.LoadCommits(1, 0)
	var order []string
	for _, c := range commits {
		for _, tx := range c.Txs {
			order = append(order, string(tx))
		}
	}
	pos, _ := st.CommitPosition()
	fmt.Println("committed:", order, "position matches the log:", pos.Index == commits[len(commits)-1].Index)
	// Output:
	// fresh store, snapshot found: false
	// restored: 3 transactions; own blocks recovered: true
	// committed: [a b c d e] position matches the log: true
}
