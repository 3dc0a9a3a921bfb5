package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// hashApp chains the transactions it applies into a hash. It keeps the state
// after every commit, so that a snapshot is taken exactly at a commit
// boundary (the node delivers commits on its channel after applying them,
// so the channel may lag the application).
type hashApp struct {
	mu     sync.Mutex
	height uint64
	txs    uint64
	hash   chain.Digest
	states map[uint64][]byte       // height -> snapshot
	hashes map[uint64]chain.Digest // height -> app hash
}

func newHashApp() *hashApp {
	return &hashApp{states: map[uint64][]byte{}, hashes: map[uint64]chain.Digest{}}
}

func (a *hashApp) CheckTx(chain.Tx) error { return nil }

func (a *hashApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c.Index != a.height+1 {
		return chain.Result{}, fmt.Errorf("commit %d applied at height %d", c.Index, a.height)
	}
	h := sha256.New()
	h.Write(a.hash[:])
	for _, tx := range c.Txs {
		h.Write(tx)
	}
	h.Sum(a.hash[:0])
	a.height, a.txs = c.Index, a.txs+uint64(len(c.Txs))
	a.states[a.height] = a.snapshotLocked()
	a.hashes[a.height] = a.hash
	return chain.Result{AppHash: a.hash}, nil
}

func (a *hashApp) snapshotLocked() []byte {
	out := binary.BigEndian.AppendUint64(nil, a.height)
	out = binary.BigEndian.AppendUint64(out, a.txs)
	return append(out, a.hash[:]...)
}

// Restore implements chain.Snapshotter.
func (a *hashApp) Restore(b []byte) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(b) != 48 {
		return fmt.Errorf("snapshot of %d bytes", len(b))
	}
	a.height, a.txs = binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])
	copy(a.hash[:], b[16:])
	return nil
}

// Snapshot implements chain.Snapshotter.
func (a *hashApp) Snapshot() ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.snapshotLocked(), nil
}

func (a *hashApp) stateAt(height uint64) ([]byte, chain.Digest) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.states[height], a.hashes[height]
}

func (a *hashApp) txCount() uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.txs
}

// killable is a transport that goes silent when killed: a crashed process
// sends nothing more.
type killable struct {
	dag.Transport
	dead atomic.Bool
}

func (k *killable) Broadcast(ctx context.Context, b *dag.Block) error {
	if k.dead.Load() {
		return nil
	}
	return k.Transport.Broadcast(ctx, b)
}

func (k *killable) Send(ctx context.Context, m dag.Message) error {
	if k.dead.Load() {
		return nil
	}
	return k.Transport.Send(ctx, m)
}

// TestNodeRecovers runs a real 4-validator dag network in memory with
// validator 3 on a pebble Store, and restarts validator 3 twice: once
// cleanly (Close, reopen), once after a simulated crash (the store reopened
// from what was synced when the process went silent). Each time it recovers
// its DAG from the store and its application from the stored snapshot, never
// signs a second block for a round, and keeps committing in agreement with
// the others; its stored commit log matches theirs.
func TestNodeRecovers(t *testing.T) {
	const n, durable = 4, 3
	keys := make([]ed25519.PrivateKey, n)
	vals := make([]chain.Validator, n)
	for i := range keys {
		keys[i] = testKey(i + 1)
		vals[i] = chain.Validator{Key: keys[i].Public().(ed25519.PublicKey), Stake: 1}
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	net := dag.NewMemoryNetwork(n, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	apps := make([]*hashApp, n)
	nodes := make([]*dag.Node, n)
	mems := make([]*dag.MemoryStore, n)
	var wg sync.WaitGroup
	startNode := func(i int, st dag.Store, tr dag.Transport, applied uint64) *dag.Node {
		node, err := dag.NewNode(dag.NodeConfig{
			Config:    dag.Config{Signer: chain.NewKeySigner(keys[i]), Validators: set},
			App:       apps[i],
			Transport: tr,
			Store:     st,
			Now:       time.Now,
			Applied:   applied,
		})
		require.NoError(t, err)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := node.Run(ctx); err != nil {
				t.Errorf("validator %d: %v", i, err)
			}
		}()
		return node
	}
	for i := 0; i < durable; i++ {
		apps[i], mems[i] = newHashApp(), dag.NewMemoryStore()
		nodes[i] = startNode(i, mems[i], net.Transport(uint32(i)), 0)
		go func(node *dag.Node) {
			for range node.Commits() {
			}
		}(nodes[i])
	}

	// Validator 3: its store, and a goroutine saving its commits (and a
	// snapshot every 4 commits) as a validator process would.
	mem := vfs.NewCrashableMem()
	var (
		st       *Store
		tr       *killable
		consumer sync.WaitGroup
	)
	start3 := func(fs vfs.FS) {
		var err error
		st, err = Open("db", Options{FS: fs})
		require.NoError(t, err)
		apps[durable] = newHashApp()
		applied := uint64(0)
		if sn, err := st.LoadSnapshot(); err == nil {
			require.NoError(t, apps[durable].Restore(sn.Data))
			applied = sn.Height
		} else {
			require.ErrorIs(t, err, ErrNotFound)
		}
		tr = &killable{Transport: net.Transport(durable)}
		nodes[durable] = startNode(durable, st, tr, applied)
		app, node, store := apps[durable], nodes[durable], st
		consumer.Add(1)
		go func() {
			defer consumer.Done()
			for c := range node.Commits() {
				if err := store.SaveCommits([]chain.Commit{c}); err != nil {
					t.Errorf("save commit %d: %v", c.Index, err)
					continue
				}
				if c.Index%4 == 0 {
					data, hash := app.stateAt(c.Index)
					if err := store.SaveSnapshot(Snapshot{Height: c.Index, AppHash: hash, Data: data}); err != nil {
						t.Errorf("save snapshot %d: %v", c.Index, err)
					}
				}
			}
		}()
	}
	stop3 := func() uint64 {
		require.NoError(t, nodes[durable].Close())
		consumer.Wait()
		require.NoError(t, st.Close())
		return nodes[durable].Stats().LastProposed
	}
	start3(mem)

	submitted := 0
	submit := func(k int) {
		for j := 0; j < k; j++ {
			tx := chain.Tx(fmt.Sprintf("tx-%04d", submitted))
			require.NoError(t, nodes[submitted%durable].Submit(ctx, tx)) // to the nodes that stay up
			submitted++
		}
	}
	waitAll := func() {
		t.Helper()
		ok := eventually(30*time.Second, func() bool {
			for _, a := range apps {
				if a.txCount() < uint64(submitted) {
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
	}

	submit(60)
	waitAll()

	// 1. A clean restart.
	last := stop3()
	start3(mem)
	requireRecovered(t, nodes[durable], last)
	submit(60)
	waitAll()

	// 2. A crash: the process goes silent, and only what was synced survives.
	tr.dead.Store(true)
	crashed := mem.CrashClone(vfs.CrashCloneCfg{})
	last = stop3()
	start3(crashed)
	requireRecovered(t, nodes[durable], last)
	submit(60)
	waitAll()

	for _, node := range nodes {
		require.NoError(t, node.Close())
	}
	consumer.Wait()
	wg.Wait()
	defer func() { require.NoError(t, st.Close()) }()

	// Agreement: validator 3's stored commit log is the others' sequence.
	log3, err := st.LoadCommits(0, 0)
	require.NoError(t, err)
	require.NotEmpty(t, log3)
	seen := map[string]bool{}
	for k, c := range log3 {
		require.EqualValues(t, k+1, c.Index, "the stored log is contiguous from 1")
		_, want := apps[0].stateAt(c.Index)
		_, got := apps[durable].stateAt(c.Index)
		if got != (chain.Digest{}) {
			require.Equal(t, want, got, "app hash at %d", c.Index)
		}
		for _, tx := range c.Txs {
			require.False(t, seen[string(tx)], "%s committed twice", tx)
			seen[string(tx)] = true
		}
	}
	require.Len(t, seen, submitted, "every transaction committed once")
	for i := 1; i < durable; i++ {
		for h := uint64(1); h <= uint64(len(log3)); h++ {
			_, a := apps[0].stateAt(h)
			_, b := apps[i].stateAt(h)
			if a != (chain.Digest{}) && b != (chain.Digest{}) {
				require.Equal(t, a, b, "validators 0 and %d at height %d", i, h)
			}
		}
	}

	// Safety: validator 3 never signed two blocks for one round — as seen by
	// the others, which keep every block they accepted, and in its own store.
	for i := 0; i < durable; i++ {
		require.Empty(t, nodes[i].Evidence())
		blocks, err := mems[i].LoadBlocks()
		require.NoError(t, err)
		own := map[uint64]dag.BlockRef{}
		for _, b := range blocks {
			if b.Author != durable {
				continue
			}
			if prev, ok := own[b.Round]; ok {
				require.Equal(t, prev, b.Ref(), "validator 3 signed two blocks at round %d", b.Round)
			}
			own[b.Round] = b.Ref()
		}
	}
	stored, err := st.LoadBlocks()
	require.NoError(t, err)
	rounds := map[uint64]int{}
	for _, b := range stored {
		if b.Author == durable {
			rounds[b.Round]++
			require.Equal(t, 1, rounds[b.Round], "two own blocks stored at round %d", b.Round)
		}
	}
	r, err := st.LastRound(0, durable)
	require.NoError(t, err)
	require.Equal(t, nodes[durable].Stats().LastProposed, r)
}

// requireRecovered checks a restarted node resumed at or after its last
// proposal round before the restart.
func requireRecovered(t *testing.T, node *dag.Node, last uint64) {
	t.Helper()
	require.True(t, eventually(5*time.Second, func() bool { return node.Stats().LastProposed >= last }),
		"resumed at round %d, had proposed %d", node.Stats().LastProposed, last)
}

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
