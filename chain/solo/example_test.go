package solo_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"log"
	"strconv"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/solo"
)

// counter is a tiny Application: each transaction is a positive number that
// it adds to a total.
type counter struct{ total uint64 }

func (c *counter) CheckTx(tx chain.Tx) error {
	if n, err := strconv.ParseUint(string(tx), 10, 64); err != nil || n == 0 {
		return fmt.Errorf("%q is not a positive number", tx)
	}
	return nil
}

func (c *counter) ApplyCommit(commit chain.Commit) (chain.Result, error) {
	for _, tx := range commit.Txs {
		n, _ := strconv.ParseUint(string(tx), 10, 64) // CheckTx vetted it
		c.total += n
	}
	return chain.Result{AppHash: sha256.Sum256(binary.BigEndian.AppendUint64(nil, c.total))}, nil
}

// fixedClock always tells the same time, so that the example prints the same
// digests on every run.
type fixedClock struct{}

func (fixedClock) Now() time.Time { return time.UnixMilli(1_700_000_000_000) }

func Example() {
	app := &counter{}
	e, err := solo.New(solo.Config{
		App:      app,
		Clock:    fixedClock{},
		Interval: -1, // commit only on Flush: deterministic
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	runErr := make(chan error, 1)
	go func() { runErr <- e.Run(ctx) }()

	for _, tx := range []string{"1", "2", "three", "3"} {
		if err := e.Submit(ctx, chain.Tx(tx)); err != nil {
			fmt.Println(err)
		}
	}
	c, err := e.Flush(ctx) // commit what is queued, and wait until it is applied
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c, "total", app.total)

	if err := e.Close(); err != nil {
		log.Fatal(err)
	}
	if err := <-runErr; err != nil {
		log.Fatal(err)
	}
	for c := range e.Commits() { // closed once the engine stopped
		fmt.Printf("delivered commit %d: txs %q at %d ms, digest %s\n", c.Index, c.Txs, c.Timestamp, c.Digest.Short())
	}
	fmt.Println(e.Submit(ctx, chain.Tx("4")))
	// Output:
	// chain: invalid transaction: "three" is not a positive number
	// commit 1 (epoch 0, leader 1/0 cf65afac, 3 txs) total 6
	// delivered commit 1: txs ["1" "2" "3"] at 1700000000000 ms, digest 226ef166
	// chain: engine closed
}
