package dag

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// snapApp is hashApp as a chain.Application that keeps its two newest
// snapshots (at multiples of interval) and the hash at every height.
type snapApp struct {
	mu       sync.Mutex
	app      hashApp
	interval uint64
	snaps    []StateSnapshot
	hashes   map[uint64]chain.Digest
	restored uint64
}

func newSnapApp(interval int) *snapApp {
	return &snapApp{interval: uint64(interval), hashes: map[uint64]chain.Digest{}}
}

func (a *snapApp) CheckTx(chain.Tx) error { return nil }

func (a *snapApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c.Index != a.app.height+1 {
		return chain.Result{}, fmt.Errorf("commit %d after %d", c.Index, a.app.height)
	}
	a.app.apply(c)
	a.hashes[c.Index] = a.app.hash
	if c.Index%a.interval == 0 {
		sn := StateSnapshot{Index: c.Index, AppHash: a.app.hash, Data: a.app.snapshot()}
		a.snaps = append([]StateSnapshot{sn}, a.snaps[:min(len(a.snaps), 1)]...)
	}
	return chain.Result{AppHash: a.app.hash}, nil
}

func (a *snapApp) options() *StateSyncOptions {
	return &StateSyncOptions{
		Snapshots: func() ([]StateSnapshot, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			out := make([]StateSnapshot, len(a.snaps))
			for i, sn := range a.snaps {
				out[i] = StateSnapshot{Index: sn.Index, AppHash: sn.AppHash}
			}
			return out, nil
		},
		SnapshotData: func(index uint64) ([]byte, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			for _, sn := range a.snaps {
				if sn.Index == index {
					return sn.Data, nil
				}
			}
			return nil, fmt.Errorf("no snapshot at %d", index)
		},
		Restore: func(s StateSnapshot) error {
			a.mu.Lock()
			defer a.mu.Unlock()
			if err := a.app.restore(s.Data, StateVote{Index: s.Index, AppHash: s.AppHash}); err != nil {
				return err
			}
			a.restored = s.Index
			a.hashes[s.Index] = s.AppHash
			return nil
		},
		RequestTimeout: 300 * time.Millisecond,
		Timeout:        3 * time.Second,
	}
}

func (a *snapApp) height() uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.app.height
}

func (a *snapApp) hashAt(h uint64) (chain.Digest, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	d, ok := a.hashes[h]
	return d, ok
}

// TestNodeStateSync: four Nodes start from genesis (each finds no state to
// sync and starts as usual); validator 3 stops and is wiped while the others
// run on and prune their stores below their snapshots, so commit sync from
// the first commit is impossible. Restarted empty, it state-syncs from their
// serving goroutines, restores the certified snapshot, commits again with
// the same application state, and no validator sees an equivocation.
func TestNodeStateSync(t *testing.T) {
	keys := testKeys(4)
	set := testSet(t, keys)
	net := NewMemoryNetwork(4, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	const interval = 16
	apps := make([]*snapApp, 4)
	stores := make([]*MemoryStore, 4)
	nodes := make([]*Node, 4)
	done := make([]chan error, 4)
	cfg := func(i int) Config {
		return Config{Signer: chain.NewKeySigner(keys[i]), Validators: set, GCDepth: 6, StateInterval: interval, ReputationWindow: 8,
			MinRoundDelay: 5 * time.Millisecond, LeaderTimeout: 20 * time.Millisecond, FetchTimeout: 200 * time.Millisecond}
	}
	start := func(i int) {
		apps[i], stores[i] = newSnapApp(interval), NewMemoryStore()
		var err error
		nodes[i], err = NewNode(NodeConfig{
			Config: cfg(i), App: apps[i], Transport: net.Transport(uint32(i)), Store: stores[i], Now: time.Now,
			TickInterval: 5 * time.Millisecond, StateSync: apps[i].options(),
		})
		require.NoError(t, err)
		require.True(t, nodes[i].wantState, "an empty node asks for a state first")
		drain(nodes[i])
		done[i] = make(chan error, 1)
		go func() { done[i] <- nodes[i].Run(ctx) }()
	}
	for i := range 4 {
		start(i)
	}
	require.True(t, assertEventually(20*time.Second, func() bool { return nodes[0].Stats().Round > 20 }), "no progress from genesis")
	for i := range 4 {
		require.False(t, nodes[i].StateSyncStatus().Done, "validator %d state-synced at genesis", i)
	}
	require.NoError(t, nodes[3].Close())
	require.NoError(t, <-done[3])
	stopped := nodes[3].Stats().LastProposed
	require.True(t, assertEventually(40*time.Second, func() bool { return apps[0].height() > 300 }), "the three did not reach commit 300")
	for i := range 3 {
		apps[i].mu.Lock()
		oldest := apps[i].snaps[len(apps[i].snaps)-1].Index
		apps[i].mu.Unlock()
		below := oldest - StateRetain(cfg(i))
		hs, err := stores[i].CommitHeaders(below, 1)
		require.NoError(t, err)
		require.Len(t, hs, 1)
		require.NoError(t, stores[i].PruneCommits(below, hs[0].Leader.Round-6))
		_, ok, err := ServeCommits(stores[i], func(uint64) *chain.ValidatorSet { return set }, uint32(i), Message{Type: MsgCommitRequest, From: 3}, SyncLimits{})
		require.NoError(t, err)
		require.False(t, ok, "validator %d can still serve commit 1", i)
	}
	for len(net.inboxes[3]) > 0 {
		<-net.inboxes[3]
	}
	start(3) // wiped: a new store and application
	require.True(t, assertEventually(30*time.Second, func() bool { return nodes[3].StateSyncStatus().Done }), "validator 3 did not state-sync: %+v", nodes[3].StateSyncStatus())
	from := apps[3].restored
	require.NotZero(t, from)
	require.True(t, assertEventually(30*time.Second, func() bool { return apps[3].height() > from+50 }), "validator 3 does not commit after the snapshot")
	h := apps[3].height()
	require.True(t, assertEventually(10*time.Second, func() bool { return apps[0].height() >= h }))
	want, ok := apps[0].hashAt(h)
	require.True(t, ok)
	got, _ := apps[3].hashAt(h)
	require.Equal(t, want, got, "application state at commit %d", h)
	require.Greater(t, nodes[3].Stats().LastProposed, stopped, "validator 3 proposes again, above the rounds it signed")
	for i, n := range nodes {
		require.NoError(t, n.Close())
		require.NoError(t, <-done[i])
		require.Empty(t, n.Evidence(), "validator %d saw an equivocation", i)
	}
	t.Logf("state synced at commit %d, then committed to %d; status %+v", from, h, nodes[3].StateSyncStatus())
}
