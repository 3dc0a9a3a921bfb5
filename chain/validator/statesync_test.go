package validator

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/store"
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

// TestStateSyncConfig: the [statesync] section and consensus.state_interval
// are checked, each problem naming its field.
func TestStateSyncConfig(t *testing.T) {
	off := false
	for _, tc := range []struct {
		name  string
		edit  func(c *Config)
		field string // "": valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"snapshots at state votes", func(c *Config) { c.Consensus.SnapshotInterval, c.Consensus.StateInterval = 256, 64 }, ""},
		{"no state votes", func(c *Config) { c.Consensus.SnapshotInterval, c.Consensus.StateInterval = 100, -1 }, ""},
		{"no snapshots", func(c *Config) { c.Consensus.SnapshotInterval, c.Consensus.StateInterval = -1, 7 }, ""},
		{"disabled", func(c *Config) { c.StateSync.Enable = &off }, ""},
		{"snapshots between votes", func(c *Config) { c.Consensus.SnapshotInterval, c.Consensus.StateInterval = 100, 64 }, "consensus.snapshot_interval"},
		{"default votes, odd snapshots", func(c *Config) { c.Consensus.SnapshotInterval = 1000 }, "consensus.snapshot_interval"},
		{"chunk over 1 MiB", func(c *Config) { c.StateSync.ChunkBytes = 2 << 20 }, "statesync.chunk_bytes"},
		{"chunk over the message size", func(c *Config) {
			c.P2P.MaxMessageSize, c.Consensus.MaxBlockBytes, c.StateSync.ChunkBytes = 1<<20, 512<<10, 1<<20
		}, "statesync.chunk_bytes"},
		{"negative max bytes", func(c *Config) { c.StateSync.MaxBytes = -1 }, "statesync.max_bytes"},
		{"negative timeout", func(c *Config) { c.StateSync.Timeout.Duration = -time.Second }, "statesync.timeout"},
		{"negative request timeout", func(c *Config) { c.StateSync.RequestTimeout.Duration = -time.Second }, "statesync.request_timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testConfig(0, 4)
			c.Consensus.SnapshotInterval, c.Consensus.StateInterval = 0, 0 // the defaults
			tc.edit(&c)
			err := c.Validate()
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrConfig)
			require.ErrorContains(t, err, tc.field)
		})
	}
}

// TestSnapshotIndex: what a validator serves state sync from lists the
// store's snapshots newest first, and serves their bytes (the last read
// kept, until the snapshot is no longer kept).
func TestSnapshotIndex(t *testing.T) {
	st, err := store.Open("data", store.Options{FS: vfs.NewMem()})
	require.NoError(t, err)
	defer st.Close()
	save := func(x *snapshotIndex, h uint64) {
		sn := store.Snapshot{Height: h, AppHash: chain.Digest{byte(h)}, Data: []byte{byte(h), 1}}
		require.NoError(t, st.SaveSnapshot(sn))
		if x != nil {
			x.saved(sn)
		}
	}
	save(nil, 8)
	save(nil, 16)
	x, err := newSnapshotIndex(st)
	require.NoError(t, err)
	list, err := x.snapshots()
	require.NoError(t, err)
	require.Equal(t, []dag.StateSnapshot{{Index: 16, AppHash: chain.Digest{16}}, {Index: 8, AppHash: chain.Digest{8}}}, list)
	data, err := x.data(8)
	require.NoError(t, err)
	require.Equal(t, []byte{8, 1}, data)
	save(x, 24) // 8 is dropped, in the store and the index
	list, _ = x.snapshots()
	require.Equal(t, []uint64{24, 16}, []uint64{list[0].Index, list[1].Index})
	require.Nil(t, x.cached, "the bytes of a snapshot no longer kept are not held")
	_, err = x.data(8)
	require.ErrorIs(t, err, store.ErrNotFound)
	data, err = x.data(24)
	require.NoError(t, err)
	require.Equal(t, []byte{24, 1}, data)
}
