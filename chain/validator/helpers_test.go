package validator

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/transport/mem"
)

func testKey(i int) ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	seed[0], seed[1] = byte(i), 0x7a
	return ed25519.NewKeyFromSeed(seed)
}

func testGenesis(n int) Genesis {
	g := Genesis{ChainID: "test-chain"}
	for i := range n {
		g.Validators = append(g.Validators, GenesisValidator{
			Name:      fmt.Sprintf("v%d", i),
			PublicKey: hex.EncodeToString(testKey(i).Public().(ed25519.PublicKey)),
			Stake:     1,
		})
	}
	return g
}

// testConfig is validator i's configuration for an in-process network: the
// API on a port the system picks, snapshots (and state votes) every 8
// commits, a state sync at a start from nothing that gives up soon when no
// peer offers a state (every validator of a new network does).
func testConfig(i, n int) Config {
	return Config{
		Index:     i,
		DataDir:   "data",
		API:       APIConfig{Listen: "127.0.0.1:0"},
		Consensus: ConsensusConfig{SnapshotInterval: 8, StateInterval: 8, MinRoundDelay: Duration{20 * time.Millisecond}},
		StateSync: StateSyncConfig{RequestTimeout: Duration{200 * time.Millisecond}, Timeout: Duration{3 * time.Second}},
		Genesis:   testGenesis(n),
	}
}

// testNet runs validators in one process, over transport/mem, each through
// Node.Run with its store on a file system of its own.
type testNet struct {
	t       *testing.T
	n       int
	net     *mem.Network
	fs      []vfs.FS
	nodes   []*Node
	cancel  []context.CancelFunc
	done    []chan error
	hc      *http.Client
	clients []*Client
	// tweak, if set, changes validator i's configuration before it starts.
	tweak func(i int, c *Config)
}

func newTestNet(t *testing.T, n int) *testNet {
	t.Helper()
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	tn := &testNet{
		t: t, n: n, net: net,
		fs:      make([]vfs.FS, n),
		nodes:   make([]*Node, n),
		cancel:  make([]context.CancelFunc, n),
		done:    make([]chan error, n),
		clients: make([]*Client, n),
		hc:      &http.Client{Transport: &http.Transport{}},
	}
	for i := range tn.fs {
		tn.fs[i] = vfs.NewMem()
	}
	return tn
}

// start runs validator i on its file system (and network) and waits until it
// serves.
func (tn *testNet) start(i int, opts ...Option) *Node {
	tn.t.Helper()
	return tn.startOn(i, tn.net, opts...)
}

func (tn *testNet) startOn(i int, net *mem.Network, opts ...Option) *Node {
	tn.t.Helper()
	opts = append([]Option{WithKey(testKey(i)), WithTransport(MemoryTransport(net)), WithFS(tn.fs[i])}, opts...)
	cfg := testConfig(i, tn.n)
	if tn.tweak != nil {
		tn.tweak(i, &cfg)
	}
	node, err := New(cfg, opts...)
	require.NoError(tn.t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- node.Run(ctx) }()
	select {
	case <-node.Ready():
	case err := <-done:
		cancel()
		tn.t.Fatalf("validator %d: %v", i, err)
	case <-time.After(30 * time.Second):
		cancel()
		tn.t.Fatalf("validator %d: not ready after 30s", i)
	}
	tn.nodes[i], tn.cancel[i], tn.done[i] = node, cancel, done
	tn.clients[i] = NewClient(node.APIAddr(), tn.hc)
	return node
}

func (tn *testNet) startAll() {
	for i := range tn.n {
		tn.start(i)
	}
}

// stop stops validator i and checks its Run returned nil.
func (tn *testNet) stop(i int) {
	tn.t.Helper()
	if tn.cancel[i] == nil {
		return
	}
	tn.cancel[i]()
	select {
	case err := <-tn.done[i]:
		require.NoError(tn.t, err, "validator %d", i)
	case <-time.After(30 * time.Second):
		tn.t.Fatalf("validator %d: Run did not return 30s after its context ended", i)
	}
	tn.cancel[i] = nil
}

func (tn *testNet) stopAll() {
	for i := range tn.n {
		tn.stop(i)
	}
	tn.hc.CloseIdleConnections()
}

func (tn *testNet) close() {
	tn.stopAll()
	require.NoError(tn.t, tn.net.Close())
}

// submit sends txs to validator i's API and requires all accepted.
func (tn *testNet) submit(ctx context.Context, i int, txs []chain.Tx) {
	tn.t.Helper()
	resp, err := tn.clients[i].Submit(ctx, txs...)
	require.NoError(tn.t, err)
	require.Empty(tn.t, resp.Rejected)
	require.Equal(tn.t, len(txs), resp.Accepted)
}

// allCommits reads validator i's whole stored commit log through its API.
func (tn *testNet) allCommits(ctx context.Context, i int) []chain.Commit {
	tn.t.Helper()
	var out []chain.Commit
	for {
		cs, stored, err := tn.clients[i].Commits(ctx, uint64(len(out))+1, 1000)
		require.NoError(tn.t, err)
		out = append(out, cs...)
		if uint64(len(out)) >= stored || len(cs) == 0 {
			return out
		}
	}
}

// waitCommitted waits until every running validator's stored log holds every
// tx of want, and returns the logs.
func (tn *testNet) waitCommitted(ctx context.Context, want map[string]bool, which ...int) [][]chain.Commit {
	tn.t.Helper()
	if len(which) == 0 {
		for i := range tn.n {
			which = append(which, i)
		}
	}
	logs := make([][]chain.Commit, tn.n)
	deadline := time.Now().Add(60 * time.Second)
	for _, i := range which {
		for {
			logs[i] = tn.allCommits(ctx, i)
			missing := len(want)
			for _, c := range logs[i] {
				for _, tx := range c.Txs {
					if want[string(tx)] {
						missing--
					}
				}
			}
			if missing <= 0 {
				break
			}
			if time.Now().After(deadline) {
				tn.t.Fatalf("validator %d: %d of %d transactions not committed; status %+v", i, missing, len(want), tn.nodes[i].Status())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return logs
}

// requireExactlyOnce checks a commit log is contiguous from 1 and holds every
// tx of want exactly once, and nothing else.
func requireExactlyOnce(t *testing.T, log []chain.Commit, want map[string]bool) {
	t.Helper()
	seen := map[string]int{}
	for k, c := range log {
		require.EqualValues(t, k+1, c.Index, "the log is contiguous from 1")
		for _, tx := range c.Txs {
			seen[string(tx)]++
		}
	}
	for tx := range want {
		require.Equal(t, 1, seen[tx], "%s committed %d times", tx, seen[tx])
	}
	require.Len(t, seen, len(want), "transactions committed that nobody submitted")
}

// requireSamePrefix checks two commit logs agree where both reach.
func requireSamePrefix(t *testing.T, a, b []chain.Commit) {
	t.Helper()
	n := min(len(a), len(b))
	for k := range n {
		require.Equal(t, a[k].Digest, b[k].Digest, "commit %d", k+1)
		require.Equal(t, a[k].Txs, b[k].Txs, "commit %d", k+1)
	}
}

// replayHash applies a commit log to a fresh KV and returns the app hash
// after each height (index 0: before any commit).
func replayHash(t *testing.T, log []chain.Commit) []chain.Digest {
	t.Helper()
	kv := NewKV()
	out := []chain.Digest{{}}
	for _, c := range log {
		res, err := kv.ApplyCommit(c)
		require.NoError(t, err)
		out = append(out, res.AppHash)
	}
	return out
}

func txBatch(prefix string, from, n int) []chain.Tx {
	out := make([]chain.Tx, n)
	for k := range out {
		out[k] = chain.Tx(fmt.Sprintf("%s-%05d=value-%d", prefix, from+k, from+k))
	}
	return out
}

func addAll(set map[string]bool, txs []chain.Tx) {
	for _, tx := range txs {
		set[string(tx)] = true
	}
}

// checkGoroutines fails t if, a few seconds after the test's cleanups, more
// goroutines run than before the test: Run must stop all it started.
func checkGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		deadline := time.Now().Add(10 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("%d goroutines before the test, %d after:\n%s", before, n, filterStacks(string(buf)))
		}
	})
}

// filterStacks drops the testing framework's own goroutines from a dump.
func filterStacks(dump string) string {
	var keep []string
	for _, g := range strings.Split(dump, "\n\n") {
		if strings.Contains(g, "testing.(*T).Run") || strings.Contains(g, "testing.tRunner") || strings.Contains(g, "testing.runTests") {
			continue
		}
		keep = append(keep, g)
	}
	return strings.Join(keep, "\n\n")
}

// eventually polls f every 20ms for up to d.
func eventually(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if f() {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return f()
}
