package validator

import (
	"context"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestCrashKeepsAcknowledged: transactions a validator acknowledged and could
// not yet propose (its peers are down) survive kill -9: once it restarts on
// the image of its disk, they commit, each exactly once.
func TestCrashKeepsAcknowledged(t *testing.T) {
	checkGoroutines(t)
	const n, victim = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	// Small blocks: with its peers down a validator proposes one block, and
	// the rest of what it acknowledged stays in its mempool.
	tn.tweak = func(_ int, c *Config) { c.Consensus.MaxBlockTxs = 10 }
	crashable := vfs.NewCrashableMem()
	tn.fs[victim] = crashable
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := map[string]bool{}
	early := txBatch("early", 0, 50)
	tn.submit(ctx, victim, early)
	addAll(want, early)
	tn.waitCommitted(ctx, want)
	// The others stop: the victim's next transactions stay in its mempool.
	for i := range victim {
		tn.stop(i)
	}
	late := txBatch("late", 0, 200)
	tn.submit(ctx, victim, late[:100])
	tn.submit(ctx, victim, late[100:])
	addAll(want, late)
	image := crashable.CrashClone(vfs.CrashCloneCfg{})
	tn.stop(victim)

	tn.fs[victim] = image
	tn.startAll()
	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
	}
	// The WAL is truncated as its transactions commit.
	require.True(t, eventually(10*time.Second, func() bool {
		live, _ := tn.nodes[victim].running().wal.stats()
		return live == 0
	}))
}

// TestCleanStopKeepsAcknowledged: a validator stopped cleanly with
// acknowledged transactions it cannot get committed (its peers are down, so
// the drain gives up) keeps them; after the restart of all they commit, each
// exactly once.
func TestCleanStopKeepsAcknowledged(t *testing.T) {
	checkGoroutines(t)
	const n, last = 4, 2
	tn := newTestNet(t, n)
	defer tn.close()
	// Small blocks: with its peers down a validator proposes one block, and
	// the rest of what it acknowledged stays in its mempool.
	tn.tweak = func(_ int, c *Config) { c.Consensus.MaxBlockTxs = 10 }
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	for i := range n {
		if i != last {
			tn.stop(i)
		}
	}
	want := map[string]bool{}
	txs := txBatch("kept", 0, 300)
	tn.submit(ctx, last, txs)
	addAll(want, txs)
	tn.stop(last)
	require.NotZero(t, tn.nodes[last].Status().PendingTxs, "the drain proposed them all")

	tn.startAll()
	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
	}
}

// TestSubmitHeldOnce: a transaction submitted again while this validator
// still holds it uncommitted (a client retrying, or a device envelope posted
// twice before its commit) is acknowledged without a second copy, within one
// request and across requests, and commits once.
func TestSubmitHeldOnce(t *testing.T) {
	checkGoroutines(t)
	const n = 4
	tn := newTestNet(t, n)
	defer tn.close()
	node := tn.start(0) // alone: no quorum, nothing commits yet
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	resp, err := node.Submit(ctx, chain.Tx("a=1"))
	require.NoError(t, err)
	require.Equal(t, 1, resp.Accepted)
	resp, err = node.Submit(ctx, chain.Tx("a=1"), chain.Tx("b=2"), chain.Tx("b=2"))
	require.NoError(t, err)
	require.Equal(t, 3, resp.Accepted, "%+v", resp.Rejected)
	live, _ := node.running().wal.stats()
	require.Equal(t, 2, live, "one logged copy of each")

	for i := 1; i < n; i++ {
		tn.start(i)
	}
	want := map[string]bool{"a=1": true, "b=2": true}
	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
	}
}
