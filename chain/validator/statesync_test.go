package validator

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"
)

// TestWipeRejoinsByStateSync: a validator whose data directory is wiped
// while its peers run on and prune their stores (storage.retain_commits), so
// that no peer can serve commit sync from the first commit, rejoins by state
// sync: it restores a certified snapshot, commits again, ends with the same
// application hash, and nobody sees an equivocation.
func TestWipeRejoinsByStateSync(t *testing.T) {
	checkGoroutines(t)
	const n, wiped = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	tn.tweak = func(_ int, c *Config) {
		c.Consensus.GCDepth = 10
		c.Consensus.ReputationWindow = 8
		c.Storage.RetainCommits = 16
	}
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	want := map[string]bool{}
	before := txBatch("before", 0, 40)
	tn.submit(ctx, 0, before)
	addAll(want, before)
	tn.waitCommitted(ctx, want)
	tn.stop(wiped)
	tn.fs[wiped] = vfs.NewMem() // an empty data directory
	h := tn.nodes[0].Status().Height
	require.True(t, eventually(90*time.Second, func() bool { return tn.nodes[0].Status().Height >= h+400 }), "the others did not go on")
	during := txBatch("during", 0, 40)
	tn.submit(ctx, 1, during)
	addAll(want, during)
	tn.waitCommitted(ctx, want, 0, 1, 2)
	// The others pruned: none serves commit 1 any more.
	for i := range n - 1 {
		hs, err := tn.nodes[i].running().st.CommitHeaders(1, 1)
		require.NoError(t, err)
		require.Empty(t, hs, "validator %d still holds commit 1", i)
	}

	var logs syncBuffer
	node := tn.start(wiped, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.True(t, eventually(60*time.Second, func() bool { return strings.Contains(logs.String(), "state synced") }),
		"no state sync in\n%s", logs.String())
	after := txBatch("after", 0, 40)
	tn.submit(ctx, wiped, after)
	addAll(want, after)
	// Its own transactions commit everywhere (its log begins after the
	// snapshot: GET /commits from 1 has nothing; the app hash compares).
	tn.waitCommitted(ctx, want, 0, 1, 2)
	require.True(t, eventually(30*time.Second, func() bool {
		return node.Status().AppHash == tn.nodes[0].Status().AppHash
	}), "application hash %s, the others' %s", node.Status().AppHash, tn.nodes[0].Status().AppHash)
	for i := range n {
		require.Zero(t, tn.nodes[i].Status().Equivocations, "validator %d", i)
	}
	text, err := NewClient(node.APIAddr(), tn.hc).Metrics(ctx)
	require.NoError(t, err)
	require.Contains(t, strings.Split(text, "\n"), "depinkit_consensus_state_synced 1")
	t.Logf("%s", grepLines(logs.String(), "state sync", "state synced"))

	// Restarted, it resumes from its own store (what the state sync stored).
	tn.stop(wiped)
	var logs2 syncBuffer
	node = tn.start(wiped, WithLogger(slog.New(slog.NewTextHandler(&logs2, nil))))
	again := txBatch("again", 0, 40)
	tn.submit(ctx, wiped, again)
	addAll(want, again)
	tn.waitCommitted(ctx, want, 0, 1, 2)
	require.True(t, eventually(30*time.Second, func() bool {
		return node.Status().AppHash == tn.nodes[0].Status().AppHash
	}), "after a restart: application hash %s, the others' %s\n%s", node.Status().AppHash, tn.nodes[0].Status().AppHash, logs2.String())
	require.NotContains(t, logs2.String(), "state synced", "a restart resumes from the store")
	for i := range n {
		require.Zero(t, tn.nodes[i].Status().Equivocations, "validator %d", i)
	}
}
