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

type recordApp struct {
	mu      sync.Mutex
	commits []chain.Commit
	reject  string
}

func (a *recordApp) CheckTx(tx chain.Tx) error {
	if string(tx) == a.reject {
		return fmt.Errorf("refused")
	}
	return nil
}

func (a *recordApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.commits = append(a.commits, c)
	return chain.Result{}, nil
}

func (a *recordApp) txCount() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, c := range a.commits {
		n += len(c.Txs)
	}
	return n
}

// drain empties a node's commit channel until it closes.
func drain(n *Node) {
	go func() {
		for range n.Commits() {
		}
	}()
}

func TestNodeNetworkAndRestart(t *testing.T) {
	keys := testKeys(4)
	set := testSet(t, keys)
	net := NewMemoryNetwork(4, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	apps := make([]*recordApp, 4)
	nodes := make([]*Node, 4)
	stores := make([]*MemoryStore, 4)
	start := func(i int) {
		var err error
		nodes[i], err = NewNode(NodeConfig{
			Config:    Config{Signer: chain.NewKeySigner(keys[i]), Validators: set},
			App:       apps[i],
			Transport: net.Transport(uint32(i)),
			Store:     stores[i],
			Now:       time.Now,
			Applied:   uint64(len(apps[i].commits)),
		})
		require.NoError(t, err)
		drain(nodes[i])
		go func() { _ = nodes[i].Run(ctx) }()
	}
	for i := range nodes {
		apps[i] = &recordApp{reject: "bad"}
		stores[i] = NewMemoryStore()
		start(i)
	}
	require.ErrorIs(t, nodes[0].Submit(ctx, chain.Tx("bad")), chain.ErrInvalidTx)

	const txs = 200
	for k := 0; k < txs/2; k++ {
		require.NoError(t, nodes[k%4].Submit(ctx, chain.Tx(fmt.Sprint("a", k))))
	}
	// Restart validator 3 from its store once the first half is committed (a
	// transaction only in a mempool is lost in a crash; clients resubmit): it must
	// not sign a second block for a round, and it must catch up.
	require.True(t, assertEventually(30*time.Second, func() bool { return apps[3].txCount() == txs/2 }))
	require.NoError(t, nodes[3].Close())
	before := nodes[3].Stats().LastProposed
	start(3)
	for k := txs / 2; k < txs; k++ {
		require.NoError(t, nodes[k%4].Submit(ctx, chain.Tx(fmt.Sprint("b", k))))
	}
	ok := assertEventually(30*time.Second, func() bool {
		for _, a := range apps {
			if a.txCount() < txs {
				return false
			}
		}
		return true
	})
	if !ok {
		for i, a := range apps {
			t.Logf("validator %d: %d txs, stats %+v", i, a.txCount(), nodes[i].Stats())
		}
		t.FailNow()
	}
	for _, n := range nodes {
		require.NoError(t, n.Close())
		require.Empty(t, n.Evidence())
	}
	require.ErrorIs(t, nodes[0].Submit(ctx, chain.Tx("late")), chain.ErrClosed)
	require.GreaterOrEqual(t, nodes[3].Stats().LastProposed, before)

	// Same commits everywhere (node 3 applied a prefix before the restart and the
	// rest after it), every transaction once.
	ref := apps[0].commits
	for i, a := range apps {
		n := min(len(ref), len(a.commits))
		for k := 0; k < n; k++ {
			require.Equal(t, ref[k].Digest, a.commits[k].Digest, "validator %d commit %d", i, k+1)
		}
		seen := map[string]bool{}
		for _, c := range a.commits {
			for _, tx := range c.Txs {
				require.False(t, seen[string(tx)], "validator %d: %s twice", i, tx)
				seen[string(tx)] = true
			}
		}
	}
	// No validator ever signed two blocks for one slot (the stores hold them all).
	for i, s := range stores {
		blocks, _ := s.LoadBlocks()
		own := map[uint64]BlockRef{}
		for _, b := range blocks {
			if b.Author != uint32(i) {
				continue
			}
			if prev, ok := own[b.Round]; ok {
				require.Equal(t, prev, b.Ref(), "validator %d signed two blocks at round %d", i, b.Round)
			}
			own[b.Round] = b.Ref()
		}
	}
}

func assertEventually(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if f() {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return f()
}
