package dagtransport_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

func keys(n int) []ed25519.PrivateKey {
	out := make([]ed25519.PrivateKey, n)
	for i := range out {
		seed := make([]byte, ed25519.SeedSize)
		seed[0], seed[1] = byte(i), 0xd7
		out[i] = ed25519.NewKeyFromSeed(seed)
	}
	return out
}

func validators(t testing.TB, ks []ed25519.PrivateKey) *chain.ValidatorSet {
	vals := make([]chain.Validator, len(ks))
	for i, k := range ks {
		vals[i] = chain.Validator{Key: k.Public().(ed25519.PublicKey), Stake: 1, Name: fmt.Sprint("v", i)}
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	return set
}

func peer(k ed25519.PrivateKey) transport.PeerID {
	id, _ := transport.IDFromPublicKey(k.Public().(ed25519.PublicKey))
	return id
}

// app records the commits it applies and hashes its state.
type app struct {
	mu      sync.Mutex
	commits []chain.Commit
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
	a.commits = append(a.commits, c)
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

// cluster is n dag.Nodes over transports through adapters: a mem network
// (newCluster) or libp2p hosts (p2p_test.go).
type cluster struct {
	net      *mem.Network // nil over libp2p
	eps      []*mem.Endpoint
	adapters []*dagtransport.Adapter
	nodes    []*dag.Node
	apps     []*app
	wg       sync.WaitGroup
}

func newCluster(t *testing.T, n int, cfg mem.Config, limits dag.Limits) *cluster {
	ks := keys(n)
	net, err := mem.NewNetwork(cfg)
	require.NoError(t, err)
	// Every validator joins before any starts: a new node's first messages
	// (the request for its own last block) go to all the others, and a send
	// to one not yet in the network is an error the stats count.
	trs := make([]transport.Transport, n)
	eps := make([]*mem.Endpoint, n)
	for i, k := range ks {
		ep, err := net.Join(k.Public().(ed25519.PublicKey))
		require.NoError(t, err)
		eps[i], trs[i] = ep, ep
	}
	t.Cleanup(func() { _ = net.Close() }) // after the nodes stop (cleanups run last first)
	c := startCluster(t, ks, trs, limits)
	c.net, c.eps = net, eps
	return c
}

// startCluster runs a validator of keys ks over each of trs, stopped when the
// test ends.
func startCluster(t *testing.T, ks []ed25519.PrivateKey, trs []transport.Transport, limits dag.Limits) *cluster {
	set := validators(t, ks)
	c := &cluster{}
	ctx, cancel := context.WithCancel(context.Background())
	for i, k := range ks {
		ad, err := dagtransport.New(dagtransport.Config{Transport: trs[i], Validators: set, Limits: dag.MessageLimits{Limits: limits}})
		require.NoError(t, err)
		a := &app{txs: map[string]int{}}
		node, err := dag.NewNode(dag.NodeConfig{
			Config:    dag.Config{Signer: chain.NewKeySigner(k), Validators: set, Limits: limits},
			App:       a,
			Transport: ad,
			Now:       time.Now,
		})
		require.NoError(t, err)
		c.adapters, c.nodes, c.apps = append(c.adapters, ad), append(c.nodes, node), append(c.apps, a)
		c.wg.Go(func() {
			for range node.Commits() {
			}
		})
		c.wg.Go(func() {
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
		}
		c.wg.Wait()
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
	ok := eventually(30*time.Second, func() bool {
		for _, i := range which {
			if c.apps[i].count() < want {
				return false
			}
		}
		return true
	})
	if !ok {
		for i, a := range c.apps {
			t.Logf("validator %d: %d txs, node %+v, adapter %+v", i, a.count(), c.nodes[i].Stats(), c.adapters[i].Stats())
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
	var ref []chain.Commit
	for _, a := range c.apps {
		a.mu.Lock()
		if len(a.commits) > len(ref) {
			ref = append([]chain.Commit(nil), a.commits...)
		}
		a.mu.Unlock()
	}
	for i, a := range c.apps {
		a.mu.Lock()
		for k, cm := range a.commits {
			require.Equal(t, ref[k].Digest, cm.Digest, "validator %d commit %d", i, k+1)
		}
		for tx, n := range a.txs {
			require.Equal(t, 1, n, "validator %d applied %s %d times", i, tx, n)
		}
		a.mu.Unlock()
	}
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestNetwork: four validators over transport/mem commit the same
// transactions in the same order.
func TestNetwork(t *testing.T) {
	c := newCluster(t, 4, mem.Config{}, dag.Limits{})
	c.submit(t, all(4), "tx", 200)
	c.waitTxs(t, all(4), 200)
	c.agree(t)
	for i, ad := range c.adapters {
		s := ad.Stats()
		require.Positive(t, s.Received, "validator %d", i)
		require.Positive(t, s.Broadcast, "validator %d", i)
		require.Zero(t, s.Malformed+s.Spoofed+s.NotValidator+s.Misdirected+s.UnknownEpoch+s.SendErrors, "validator %d: %+v", i, s)
	}
}

// TestPartitionCatchUp: a validator cut off while the others commit catches
// up through fetch responses, split to fit a small message size, and agrees.
// The network also loses and delays messages.
func TestPartitionCatchUp(t *testing.T) {
	c := newCluster(t, 4, mem.Config{
		Config:  transport.Config{MaxMessageSize: 4 << 10},
		Seed:    3,
		Latency: time.Millisecond, Jitter: 2 * time.Millisecond,
		DropRate: 0.02,
	}, dag.Limits{MaxBlockBytes: 2 << 10})
	c.net.Isolate(c.eps[3].Self())
	c.submit(t, []int{0, 1, 2}, "cut", 150)
	c.waitTxs(t, []int{0, 1, 2}, 150)
	c.net.Heal()
	c.submit(t, all(4), "healed", 100)
	c.waitTxs(t, all(4), 250)
	c.agree(t)
	var split uint64
	for _, ad := range c.adapters {
		split += ad.Stats().Split
	}
	require.Positive(t, split, "no fetch response needed splitting")
}
