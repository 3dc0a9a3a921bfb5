package validator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/store"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

// TestNetwork runs four validators through Run over transport/mem and loads
// them through their HTTP APIs: every acknowledged transaction is committed
// exactly once on every validator, the commit logs agree, and the app hashes
// are those of the commit log replayed, equal everywhere.
func TestNetwork(t *testing.T) {
	checkGoroutines(t)
	const n = 4
	tn := newTestNet(t, n)
	defer tn.close()
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n { // four concurrent clients, one per validator
		wg.Go(func() {
			for b := range 5 {
				txs := txBatch(fmt.Sprintf("v%d", i), b*40, 40)
				tn.submit(ctx, i, txs)
				mu.Lock()
				addAll(want, txs)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Len(t, want, n*5*40)

	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
		requireSamePrefix(t, logs[0], logs[i])
	}
	// With the load over, every validator shows one app hash: the replayed
	// log's once every transaction is in.
	expect := replayHash(t, logs[0])
	final := expect[len(expect)-1]
	for i, node := range tn.nodes {
		require.True(t, eventually(10*time.Second, func() bool { return node.Status().AppHash == final.String() }),
			"validator %d: %+v, want app hash %s", i, node.Status(), final)
		st, err := tn.clients[i].Status(ctx)
		require.NoError(t, err)
		require.Equal(t, "test-chain", st.ChainID)
		require.EqualValues(t, i, st.Index)
		require.Equal(t, fmt.Sprintf("v%d", i), st.Name)
		require.Equal(t, n-1, st.Peers)
		require.Zero(t, st.Equivocations)
		require.GreaterOrEqual(t, st.Stored, uint64(len(logs[i])))
		require.Equal(t, tn.nodes[0].Status().Genesis, st.Genesis)
	}
}

// TestRestart stops one validator cleanly, loads the others, and starts it
// again on its store: it restores its application from the snapshot, catches
// up, and its log and app hash agree with the others'.
func TestRestart(t *testing.T) {
	checkGoroutines(t)
	const n = 4
	tn := newTestNet(t, n)
	defer tn.close()
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := map[string]bool{}
	first := txBatch("a", 0, 200)
	tn.submit(ctx, 3, first[:50])
	tn.submit(ctx, 0, first[50:])
	addAll(want, first)
	tn.waitCommitted(ctx, want)

	before := tn.nodes[3].Status()
	tn.stop(3)
	stopped := tn.nodes[3].Status() // the status as Run returned
	require.Empty(t, tn.nodes[3].APIAddr())
	require.GreaterOrEqual(t, stopped.Height, before.Height)
	require.Equal(t, stopped.Height, stopped.Stored, "a clean stop saves every commit applied")
	// The clean stop left a snapshot at the application's height.
	st, err := store.Open("data", store.Options{FS: tn.fs[3]})
	require.NoError(t, err)
	sn, err := st.LoadSnapshot()
	require.NoError(t, err)
	pos, err := st.CommitPosition()
	require.NoError(t, err)
	require.NoError(t, st.Close())
	require.Equal(t, stopped.Height, sn.Height, "and a snapshot at the application's height")
	require.Equal(t, stopped.Stored, pos.Index)

	second := txBatch("b", 0, 200)
	for k := 0; k < len(second); k += 50 {
		tn.submit(ctx, k/50%3, second[k:k+50])
	}
	addAll(want, second)
	tn.waitCommitted(ctx, want, 0, 1, 2)

	node := tn.start(3)
	require.GreaterOrEqual(t, node.Status().Height, sn.Height, "restored from the snapshot")
	third := txBatch("c", 0, 40)
	tn.submit(ctx, 3, third)
	addAll(want, third)
	logs := tn.waitCommitted(ctx, want)
	for i := range n {
		requireExactlyOnce(t, logs[i], want)
		requireSamePrefix(t, logs[0], logs[i])
	}
	final := replayHash(t, logs[0])
	require.True(t, eventually(10*time.Second, func() bool {
		return node.Status().AppHash == final[len(final)-1].String()
	}), "restarted validator: %+v", node.Status())
}

// TestCrashLosesNothing kills a validator in the middle of a load — its file
// system is cloned as a crash would leave it (only what was synced survives),
// and the node that wrote it is abandoned — and starts it alone on the clone:
// it derives again every commit it had applied before the crash, the same
// commits as the others', and its application reaches the same state.
func TestCrashLosesNothing(t *testing.T) {
	checkGoroutines(t)
	const n, victim = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	crashable := vfs.NewCrashableMem()
	tn.fs[victim] = crashable
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// A steady load on every validator.
	var (
		stop  atomic.Bool
		wg    sync.WaitGroup
		mu    sync.Mutex
		acked = map[string]bool{} // the transactions the APIs accepted
	)
	for i := range n {
		wg.Go(func() {
			for b := 0; !stop.Load(); b++ {
				txs := txBatch(fmt.Sprintf("v%d", i), b*20, 20)
				resp, err := tn.clients[i].Submit(ctx, txs...)
				if err != nil {
					t.Errorf("validator %d: %v", i, err)
					return
				}
				refused := map[int]bool{}
				for _, r := range resp.Rejected {
					refused[r.Index] = true
				}
				mu.Lock()
				for k, tx := range txs {
					if !refused[k] {
						acked[string(tx)] = true
					}
				}
				mu.Unlock()
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
	// Let it commit for a while, then crash: note what the victim has applied,
	// and take the image of its disk.
	require.True(t, eventually(30*time.Second, func() bool { return tn.nodes[victim].Status().Height >= 40 }))
	height := tn.nodes[victim].Status().Height
	image := crashable.CrashClone(vfs.CrashCloneCfg{})
	stop.Store(true)
	wg.Wait()
	reference := tn.allCommits(ctx, 0)
	require.True(t, eventually(30*time.Second, func() bool {
		reference = tn.allCommits(ctx, 0)
		return uint64(len(reference)) >= height
	}))
	tn.stopAll()

	// Start the victim alone, on the image: nothing comes from peers.
	tn.fs[victim] = image
	alone, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	defer alone.Close()
	node := tn.startOn(victim, alone)
	require.True(t, eventually(30*time.Second, func() bool { return node.Status().Stored >= height }),
		"after the crash the victim recovered to %+v, had applied %d", node.Status(), height)
	// Alone, it may still derive commits from blocks it stored beyond what it
	// had applied: read its log once that has stopped (no new commit for a
	// second), or the log read and the state checked below are of two moments.
	var settled uint64
	require.True(t, eventually(30*time.Second, func() bool {
		before := node.Status().Stored
		time.Sleep(time.Second)
		settled = node.Status().Stored
		return settled == before
	}), "the victim alone kept deriving commits: %+v", node.Status())
	recovered := tn.allCommits(ctx, victim)
	require.Len(t, recovered, int(settled))
	t.Logf("crashed after applying commit %d; recovered %d commits alone (the others reached %d)", height, len(recovered), len(reference))
	require.GreaterOrEqual(t, uint64(len(recovered)), height)
	requireSamePrefix(t, reference, recovered)
	once := map[string]bool{}
	for k, c := range recovered {
		require.EqualValues(t, k+1, c.Index)
		for _, tx := range c.Txs {
			require.False(t, once[string(tx)], "%s committed twice", tx)
			require.True(t, acked[string(tx)], "%s was never acknowledged", tx)
			once[string(tx)] = true
		}
	}
	// Its application is at the replayed log's state.
	expect := replayHash(t, recovered)
	require.True(t, eventually(10*time.Second, func() bool {
		s := node.Status()
		return s.Height == uint64(len(recovered)) && s.AppHash == expect[s.Height].String()
	}), "status %+v", node.Status())
	tn.stop(victim)
}

// TestAPI checks the API's answers to bad requests and its encodings.
func TestAPI(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 1)
	defer tn.close()
	node := tn.start(0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	base := "http://" + node.APIAddr()

	post := func(body string) (int, string) {
		resp, err := tn.hc.Post(base+"/txs", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(data)
	}
	get := func(path string) (int, string) {
		resp, err := tn.hc.Get(base + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(data)
	}

	for _, tc := range []struct {
		name, body string
		code       int
		want       string
	}{
		{"not json", "{", http.StatusBadRequest, "body"},
		{"unknown field", `{"tx": ["a=b"]}`, http.StatusBadRequest, "unknown field"},
		{"bad encoding", `{"txs": ["a=b"], "encoding": "hex"}`, http.StatusBadRequest, "encoding"},
		{"bad base64", `{"txs": ["!!"], "encoding": "base64"}`, http.StatusBadRequest, "txs[0]"},
		{"too large", `{"txs": ["` + strings.Repeat("x", DefaultMaxBodyBytes) + `"]}`, http.StatusRequestEntityTooLarge, "max_body_bytes"},
		{"mixed", `{"txs": ["a=1", "no equals", "b=2", "=empty key"]}`, http.StatusOK, `"accepted":2`},
	} {
		code, body := post(tc.body)
		require.Equal(t, tc.code, code, "%s: %s", tc.name, body)
		require.Contains(t, body, tc.want, tc.name)
	}
	code, body := post(`{"txs": ["c=3", "no equals"]}`)
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, `"rejected":[{"index":1,"reason":"invalid"`)

	// Too many transactions in one batch.
	many := `{"txs": [` + strings.Repeat(`"k=v",`, DefaultMaxBatchTxs) + `"k=v"]}`
	code, body = post(many)
	require.Equal(t, http.StatusRequestEntityTooLarge, code, body)

	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/commits?from=x", http.StatusBadRequest, "from"},
		{"/commits?limit=0", http.StatusBadRequest, "limit"},
		{"/commits?encoding=hex", http.StatusBadRequest, "encoding"},
		{"/commits?from=1&limit=1", http.StatusOK, `"commits":[`},
		{"/status", http.StatusOK, `"chain_id":"test-chain"`},
		{"/metrics", http.StatusOK, "depinkit_round"},
		{"/nothing", http.StatusNotFound, ""},
	} {
		code, body := get(tc.path)
		require.Equal(t, tc.code, code, "%s: %s", tc.path, body)
		require.Contains(t, body, tc.want, tc.path)
	}
	code, _ = post("")
	require.Equal(t, http.StatusBadRequest, code)
	resp, err := tn.hc.Get(base + "/txs")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)

	// Text and base64 views of the same commits; a binary transaction only in
	// base64.
	bin := chain.Tx("bin=\xff\xfe")
	tn.submit(ctx, 0, []chain.Tx{bin})
	want := map[string]bool{string(bin): true}
	tn.waitCommitted(ctx, want)
	var found bool
	for from := uint64(1); !found; from++ {
		code, body := get(fmt.Sprintf("/commits?from=%d&limit=1", from))
		if strings.Contains(body, "not UTF-8") {
			require.Equal(t, http.StatusUnprocessableEntity, code)
			found = true
			continue
		}
		require.Equal(t, http.StatusOK, code)
		require.NotContains(t, body, `"commits":[]`, "the binary transaction was not found in text mode's refusal")
	}
	log := tn.allCommits(ctx, 0)
	var txs []string
	for _, c := range log {
		for _, tx := range c.Txs {
			txs = append(txs, string(tx))
		}
	}
	require.Equal(t, []string{"a=1", "b=2", "c=3", string(bin)}, txs)
	kvs, ok := tn.nodes[0].opts.app.(*KV)
	require.True(t, ok)
	v, ok := kvs.Get("bin")
	require.True(t, ok)
	require.Equal(t, "\xff\xfe", v)
	applied, skipped := kvs.Counts()
	require.EqualValues(t, 4, applied)
	require.Zero(t, skipped)
}

// TestMetrics checks /metrics on a separate listener, and the counters after
// a load.
func TestMetrics(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 1)
	defer tn.close()
	cfg := testConfig(0, 1)
	cfg.API.MetricsListen = "127.0.0.1:0"
	node, err := New(cfg, WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)), WithFS(tn.fs[0]))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- node.Run(ctx) }()
	defer func() {
		cancel()
		require.NoError(t, <-done)
		tn.hc.CloseIdleConnections()
	}()
	<-node.Ready()
	require.NotEqual(t, node.APIAddr(), node.MetricsAddr())
	api := NewClient(node.APIAddr(), tn.hc)
	txs := txBatch("m", 0, 30)
	resp, err := api.Submit(ctx, txs...)
	require.NoError(t, err)
	require.Equal(t, 30, resp.Accepted)
	require.True(t, eventually(20*time.Second, func() bool {
		text, err := NewClient(node.MetricsAddr(), tn.hc).Metrics(ctx)
		return err == nil && strings.Contains(text, "depinkit_committed_txs_total 30")
	}))
	text, err := NewClient(node.MetricsAddr(), tn.hc).Metrics(ctx)
	require.NoError(t, err)
	for _, m := range []string{
		"depinkit_round ", "depinkit_height ", "depinkit_commits_total ", "depinkit_peers 0",
		"depinkit_commit_latency_seconds_count 30", "depinkit_equivocations_total 0",
		`depinkit_dropped_messages_total{reason="malformed"} 0`, `depinkit_submitted_txs_total{result="accepted"} 30`,
		"go_goroutines ", "depinkit_consensus_behind_commits 0", "depinkit_consensus_sync_state 0",
		"depinkit_consensus_synced_commits_total 0", "depinkit_mempool_wal_txs ",
	} {
		require.Contains(t, text, m)
	}
	_, err = api.Metrics(ctx) // not on the API listener
	require.ErrorIs(t, err, ErrAPI)
}

// TestRunErrors checks the failures of Run and New.
func TestRunErrors(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 2)
	defer tn.close()

	// A key that is another validator's.
	_, err := New(testConfig(0, 2), WithKey(testKey(1)), WithTransport(MemoryTransport(tn.net)))
	require.ErrorIs(t, err, ErrKey)
	require.ErrorContains(t, err, "set index = 1")
	// No transport.
	_, err = New(testConfig(0, 2), WithKey(testKey(0)))
	require.ErrorContains(t, err, "no transport")
	// An invalid config.
	bad := testConfig(0, 2)
	bad.Genesis.ChainID = ""
	_, err = New(bad, WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)))
	require.ErrorIs(t, err, ErrConfig)

	// A busy API port: Run fails and leaves nothing running.
	first := tn.start(0)
	cfg := testConfig(1, 2)
	cfg.API.Listen = first.APIAddr()
	node, err := New(cfg, WithKey(testKey(1)), WithTransport(MemoryTransport(tn.net)), WithFS(tn.fs[1]))
	require.NoError(t, err)
	err = node.Run(context.Background())
	require.ErrorContains(t, err, "api.listen")
	require.ErrorIs(t, node.Run(context.Background()), ErrStarted)

	// A transport that cannot start.
	node, err = New(testConfig(1, 2), WithKey(testKey(1)), WithFS(tn.fs[1]),
		WithTransport(func(context.Context, TransportParams) (transport.Transport, error) {
			return nil, errors.New("no network today")
		}))
	require.NoError(t, err)
	require.ErrorContains(t, node.Run(context.Background()), "no network today")
}

// plainApp is an Application without snapshots.
type plainApp struct{ *KV }

func (plainApp) Snapshot() {} // hides KV's: plainApp is no chain.Snapshotter

// TestRestartWithoutSnapshots: with snapshots off, or an application that
// cannot take them, a restarted validator applies its chain again from the
// first commit and reaches the same state. One validator commits alone.
func TestRestartWithoutSnapshots(t *testing.T) {
	checkGoroutines(t)
	for _, tc := range []struct {
		name string
		app  func() chain.Application
		cfg  func(*Config)
	}{
		{"interval -1", func() chain.Application { return NewKV() }, func(c *Config) { c.Consensus.SnapshotInterval = -1 }},
		{"no snapshotter", func() chain.Application { return plainApp{NewKV()} }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tn := newTestNet(t, 1)
			defer tn.close()
			tn.tweak = func(_ int, c *Config) {
				if tc.cfg != nil {
					tc.cfg(c)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, ok := tc.app().(chain.Snapshotter)
			require.False(t, ok && tc.cfg == nil)

			tn.start(0, WithApp(tc.app()))
			want := map[string]bool{}
			txs := txBatch("s", 0, 50)
			tn.submit(ctx, 0, txs)
			addAll(want, txs)
			tn.waitCommitted(ctx, want)
			require.True(t, eventually(10*time.Second, func() bool { return tn.nodes[0].Status().Height >= 20 }))
			tn.stop(0)
			before := tn.nodes[0].Status()
			require.Equal(t, before.Height, before.Stored, "a clean stop saves every commit applied")

			st, err := store.Open("data", store.Options{FS: tn.fs[0]})
			require.NoError(t, err)
			_, err = st.LoadSnapshot()
			require.ErrorIs(t, err, store.ErrNotFound)
			require.NoError(t, st.Close())

			node := tn.start(0, WithApp(tc.app()))
			require.True(t, eventually(10*time.Second, func() bool { return node.Status().Height >= before.Stored }))
			// It goes on committing alone: compare at the height it shows.
			var log []chain.Commit
			require.True(t, eventually(10*time.Second, func() bool {
				s := node.Status()
				log = tn.allCommits(ctx, 0)
				return uint64(len(log)) >= s.Height && s.AppHash == replayHash(t, log[:s.Height])[s.Height].String()
			}), "%+v", node.Status())
			requireExactlyOnce(t, log, want)
		})
	}
}

// TestCleanStopProposesAccepted stops a validator right after its API
// accepted a batch: the clean stop proposes the batch before it returns, so
// the others commit every transaction although the stopped validator never
// comes back.
func TestCleanStopProposesAccepted(t *testing.T) {
	checkGoroutines(t)
	const n = 4
	tn := newTestNet(t, n)
	defer tn.close()
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := map[string]bool{}
	txs := txBatch("s", 0, 300)
	tn.submit(ctx, 2, txs)
	addAll(want, txs)
	tn.stop(2)
	require.Zero(t, tn.nodes[2].Status().PendingTxs, "stopped with accepted transactions not proposed")
	logs := tn.waitCommitted(ctx, want, 0, 1, 3)
	for _, i := range []int{0, 1, 3} {
		requireExactlyOnce(t, logs[i], want)
	}
}

// TestSubmit hands transactions to a running validator in-process, as an
// application of the same process does, and refuses them before Run and
// after it returned.
func TestSubmit(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 1)
	defer tn.close()
	idle, err := New(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)))
	require.NoError(t, err)
	_, err = idle.Submit(context.Background(), chain.Tx("a=1"))
	require.ErrorIs(t, err, ErrNotRunning, "before Run")

	node := tn.start(0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	txs := txBatch("in", 0, 20)
	resp, err := node.Submit(ctx, append(txs, chain.Tx("no equals sign"))...)
	require.NoError(t, err)
	require.Equal(t, len(txs), resp.Accepted)
	require.Len(t, resp.Rejected, 1)
	require.Equal(t, len(txs), resp.Rejected[0].Index)
	require.Equal(t, "invalid", resp.Rejected[0].Reason)
	want := map[string]bool{}
	addAll(want, txs)
	tn.waitCommitted(ctx, want)

	tn.stop(0)
	_, err = node.Submit(ctx, chain.Tx("b=2"))
	require.ErrorIs(t, err, ErrNotRunning, "after Run returned")
}
