package validator

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCatchUpIsVisible: a validator restarted after its peers went on
// without it for far more than GCDepth rounds catches up by commit sync, and
// says so in its log ("catching up", then "caught up") and its counters.
func TestCatchUpIsVisible(t *testing.T) {
	checkGoroutines(t)
	const n, late = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	tn.tweak = func(_ int, c *Config) { c.Consensus.GCDepth = 10 }
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// It has stored commits (a validator stopped with nothing stored starts
	// again by state sync, not commit sync).
	require.True(t, eventually(30*time.Second, func() bool { return tn.nodes[late].Status().Stored >= 8 }))
	tn.stop(late)
	h := tn.nodes[0].Status().Height
	require.True(t, eventually(60*time.Second, func() bool { return tn.nodes[0].Status().Height >= h+100 }))
	target := tn.nodes[0].Status().Height

	var logs syncBuffer
	node := tn.start(late, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	r := node.running()
	require.True(t, eventually(60*time.Second, func() bool { return node.Status().Height >= target }),
		"stats %+v", r.core.Stats())
	require.Positive(t, r.core.Stats().SyncedCommits, "it caught up by commit sync")
	require.True(t, eventually(10*time.Second, func() bool { return strings.Contains(logs.String(), "caught up") }), "no caught-up line in\n%s", logs.String())
	require.Contains(t, logs.String(), "catching up")
	text, err := NewClient(node.APIAddr(), tn.hc).Metrics(ctx)
	require.NoError(t, err)
	require.Contains(t, text, "depinkit_consensus_sync_state ")
	require.NotContains(t, text, "depinkit_consensus_synced_commits_total 0\n")
	t.Logf("%s", grepLines(logs.String(), "catching up", "caught up"))
}

func grepLines(text string, words ...string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) {
				out = append(out, l)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// epochKV is KV whose transaction "epoch=..." ends the epoch: the next one
// has the same validators (a restake that changes nothing but the epoch).
type epochKV struct {
	*KV
	set *chain.ValidatorSet
}

func (a epochKV) ApplyCommit(c chain.Commit) (chain.Result, error) {
	res, err := a.KV.ApplyCommit(c)
	if err != nil {
		return res, err
	}
	for _, tx := range c.Txs {
		if strings.HasPrefix(string(tx), "epoch=") {
			res.NextValidators = a.set
		}
	}
	return res, nil
}

// TestRestartAfterEpochChange: validators stopped after a validator-set
// change start again in the new epoch and go on committing.
func TestRestartAfterEpochChange(t *testing.T) {
	checkGoroutines(t)
	const n = 4
	tn := newTestNet(t, n)
	defer tn.close()
	gen := testGenesis(n)
	set, err := gen.ValidatorSet()
	require.NoError(t, err)
	app := func() Option { return WithApp(epochKV{NewKV(), set}) }
	for i := range n {
		tn.start(i, app())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	want := map[string]bool{}
	before := txBatch("before", 0, 20)
	tn.submit(ctx, 0, append(before, chain.Tx("epoch=1")))
	addAll(want, append(before, chain.Tx("epoch=1")))
	tn.waitCommitted(ctx, want)
	for i := range n {
		require.True(t, eventually(30*time.Second, func() bool { return tn.nodes[i].Status().Epoch == 1 }), "v%d: %+v", i, tn.nodes[i].Status())
	}
	tn.stopAll()

	for i := range n {
		tn.start(i, app())
		require.EqualValues(t, 1, tn.nodes[i].Status().Epoch, "v%d resumes in epoch 1", i)
	}
	after := txBatch("after", 0, 20)
	tn.submit(ctx, 1, after)
	addAll(want, after)
	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
	}
}

// TestRetainCommits: with storage.retain_commits the blocks the store keeps
// stop growing with the chain; without it they grow.
func TestRetainCommits(t *testing.T) {
	checkGoroutines(t)
	count := func(retain uint64) (height uint64, blocks int) {
		tn := newTestNet(t, 1)
		defer tn.close()
		tn.tweak = func(_ int, c *Config) {
			c.Consensus.GCDepth = 10
			c.Storage.RetainCommits = retain
			// No state votes: a validator that serves state sync keeps the
			// commits before its snapshots that it serves too (about 120
			// here: TestWipeRejoinsByStateSync).
			c.Consensus.StateInterval = -1
		}
		node := tn.start(0)
		require.True(t, eventually(60*time.Second, func() bool { return node.Status().Stored >= 300 }))
		bs, err := node.running().st.LoadBlocks()
		require.NoError(t, err)
		return node.Status().Stored, len(bs)
	}
	h, kept := count(0)
	require.Greater(t, kept, 250, "without retention every block stays (height %d)", h)
	h, pruned := count(50)
	t.Logf("blocks stored at height ~%d: %d keeping all, %d with retain_commits = 50", h, kept, pruned)
	// One block per commit: the 50 retained, the GC window and leader
	// reputation's three windows that a restart reads below the snapshot
	// (store.RecoveryFloor), and up to a snapshot interval above it.
	limit := 50 + 10 + 3*dag.DefaultReputationWindow + 8 + 2
	require.Less(t, pruned, limit, "retain_commits = 50 (snapshots every 8 commits, GCDepth 10)")
}
