package p2p_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/dagtransport"
	"github.com/depinkit/depinkit/transport/p2p"
)

// app records the commits it applies.
type app struct {
	mu      sync.Mutex
	commits []chain.Digest
	txs     map[string]int
	hash    chain.Digest
}

func (a *app) CheckTx(tx chain.Tx) error {
	if len(tx) == 0 {
		return fmt.Errorf("empty transaction")
	}
	return nil
}

func (a *app) ApplyCommit(c chain.Commit) (chain.Result, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.commits = append(a.commits, c.Digest)
	for _, tx := range c.Txs {
		a.txs[string(tx)]++
	}
	a.hash = sha256.Sum256(append(a.hash[:], c.Digest[:]...))
	return chain.Result{AppHash: a.hash}, nil
}

func (a *app) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.txs)
}

// cluster is n dag.Nodes over p2p hosts on loopback.
type cluster struct {
	hosts    []*p2p.Host
	adapters []*dagtransport.Adapter
	nodes    []*dag.Node
	apps     []*app
}

func newCluster(t *testing.T, n int) *cluster {
	ks := keys(n, 7)
	vals := make([]chain.Validator, n)
	for i, k := range ks {
		vals[i] = chain.Validator{Key: k.Public().(ed25519.PublicKey), Stake: 1, Name: fmt.Sprint("v", i)}
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	c := &cluster{hosts: loopback(t, p2p.Config{Topics: []string{dagtransport.DefaultTopic}}, n, 7)}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i, k := range ks {
		ad, err := dagtransport.New(dagtransport.Config{Transport: c.hosts[i], Validators: set})
		require.NoError(t, err)
		a := &app{txs: map[string]int{}}
		node, err := dag.NewNode(dag.NodeConfig{
			Config:    dag.Config{Signer: chain.NewKeySigner(k), Validators: set},
			App:       a,
			Transport: ad,
			Now:       time.Now,
		})
		require.NoError(t, err)
		c.adapters, c.nodes, c.apps = append(c.adapters, ad), append(c.nodes, node), append(c.apps, a)
		wg.Go(func() {
			for range node.Commits() {
			}
		})
		wg.Go(func() {
			if err := node.Run(ctx); err != nil {
				t.Errorf("validator %d: %v", i, err)
			}
		})
	}
	t.Cleanup(func() {
		cancel()
		for i := range c.nodes {
			_ = c.nodes[i].Close()
			_ = c.adapters[i].Close()
			_ = c.hosts[i].Close()
		}
		wg.Wait()
	})
	return c
}

func (c *cluster) submit(t *testing.T, to []int, prefix string, k int) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for j := 0; j < k; j++ {
		tx := fmt.Appendf(nil, "%s-%03d-%050d", prefix, j, 0)
		require.NoError(t, c.nodes[to[j%len(to)]].Submit(ctx, tx))
	}
}

func (c *cluster) waitTxs(t *testing.T, which []int, want int) {
	ok := eventually(20*time.Second, func() bool {
		for _, i := range which {
			if c.apps[i].count() < want {
				return false
			}
		}
		return true
	})
	if !ok {
		for i, a := range c.apps {
			t.Logf("validator %d: %d txs, node %+v, adapter %+v, host %+v", i, a.count(), c.nodes[i].Stats(), c.adapters[i].Stats(), c.hosts[i].Counters())
		}
		t.FailNow()
	}
}

func eventually(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if f() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return f()
}

// agree checks that every validator applied the same commits (one a prefix of
// another's) and every transaction once.
func (c *cluster) agree(t *testing.T) {
	// Snapshot first: the nodes keep committing.
	commits := make([][]chain.Digest, len(c.apps))
	txs := make([]map[string]int, len(c.apps))
	var ref []chain.Digest
	for i, a := range c.apps {
		a.mu.Lock()
		commits[i] = append([]chain.Digest(nil), a.commits...)
		txs[i] = maps.Clone(a.txs)
		a.mu.Unlock()
		if len(commits[i]) > len(ref) {
			ref = commits[i]
		}
	}
	for i := range c.apps {
		for k, d := range commits[i] {
			require.Equal(t, ref[k], d, "validator %d commit %d", i, k+1)
		}
		for tx, n := range txs[i] {
			require.Equal(t, 1, n, "validator %d applied %s %d times", i, tx, n)
		}
	}
}

// TestDAG: four validators over libp2p commit the same transactions in the
// same order; one cut off from the others catches up when it comes back.
func TestDAG(t *testing.T) {
	c := newCluster(t, 4)
	all, three := []int{0, 1, 2, 3}, []int{0, 1, 2}
	c.submit(t, all, "tx", 200)
	c.waitTxs(t, all, 200)
	c.agree(t)
	for i, ad := range c.adapters {
		s := ad.Stats()
		require.Positive(t, s.Received, "validator %d", i)
		require.Zero(t, s.NotValidator+s.Malformed+s.Spoofed+s.Misdirected+s.SendErrors, "validator %d: %+v", i, s)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	isolated := c.hosts[3].Self()
	for _, h := range c.hosts[:3] {
		require.NoError(t, h.Disconnect(ctx, isolated))
	}
	require.Eventually(t, func() bool { return len(c.hosts[3].Peers()) == 0 }, 5*time.Second, 10*time.Millisecond)
	c.submit(t, three, "cut", 100)
	c.waitTxs(t, three, 300)
	for _, h := range c.hosts[:3] {
		require.NoError(t, h.Reconnect(ctx, isolated))
	}
	require.NoError(t, c.hosts[3].WaitPeers(ctx, ids(c.hosts[:3])...))
	c.submit(t, all, "healed", 100)
	c.waitTxs(t, all, 400)
	c.agree(t)
	for i, h := range c.hosts {
		s := h.Counters()
		require.Zero(t, s.NotAllowed+s.Malformed+s.DroppedOversize, "host %d: %+v", i, s)
	}
}

func ids(hosts []*p2p.Host) []transport.PeerID {
	out := make([]transport.PeerID, len(hosts))
	for i, h := range hosts {
		out[i] = h.Self()
	}
	return out
}
