package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// stateApp is a validator's application in the state sync simulation: a
// hash chain over the commits it applied, with its two newest snapshots.
type stateApp struct {
	height uint64
	hash   chain.Digest
	snaps  []dag.StateSnapshot // newest first
	hashes map[uint64]chain.Digest
}

func (a *stateApp) apply(c chain.Commit) {
	h := sha256.New()
	h.Write(a.hash[:])
	h.Write(c.Digest[:])
	for _, tx := range c.Txs {
		h.Write(tx)
	}
	h.Sum(a.hash[:0])
	a.height = c.Index
	a.hashes[c.Index] = a.hash
}

func (a *stateApp) snapshot() []byte {
	return binary.BigEndian.AppendUint64(bytes.Clone(a.hash[:]), a.height)
}

// restore sets the state from a snapshot and checks the certified hash.
func (a *stateApp) restore(data []byte, v dag.StateVote) error {
	if len(data) != 40 {
		return fmt.Errorf("a snapshot of %d bytes", len(data))
	}
	var hash chain.Digest
	copy(hash[:], data)
	if h := binary.BigEndian.Uint64(data[32:]); h != v.Index || hash != v.AppHash {
		return fmt.Errorf("restored to %d (%s), certified %d (%s)", h, hash.Short(), v.Index, v.AppHash.Short())
	}
	a.height, a.hash, a.snaps = v.Index, hash, nil
	a.hashes[v.Index] = hash
	return nil
}

// stateSource serves state sync from a node's store and its app's snapshots.
type stateSource struct {
	*dag.MemoryStore
	app *stateApp
	lie bool // serve altered snapshot bytes
}

func (s stateSource) StateSnapshots() ([]dag.StateSnapshot, error) {
	out := make([]dag.StateSnapshot, len(s.app.snaps))
	for i, sn := range s.app.snaps {
		out[i] = dag.StateSnapshot{Index: sn.Index, AppHash: sn.AppHash}
	}
	return out, nil
}

func (s stateSource) StateSnapshotData(index uint64) ([]byte, error) {
	for _, sn := range s.app.snaps {
		if sn.Index == index {
			data := bytes.Clone(sn.Data)
			if s.lie {
				data[0] ^= 1
			}
			return data, nil
		}
	}
	return nil, fmt.Errorf("no snapshot at %d", index)
}

// stateSyncRun drives state sync around the simulator's RawNodes (as Node
// does around its core): every validator applies its commits to a stateApp,
// votes for its state every interval commits and keeps snapshots there; the
// honest servers prune their stores below their snapshots (keeping what
// state sync serves); a wiped validator asks for a certified state, restores
// it and resumes its core at that commit.
type stateSyncRun struct {
	s        *sim
	t        *testing.T
	interval uint64
	cfg      dag.Config // for StateRetain and StateHistory
	apps     []*stateApp
	txs      map[uint64][]uint64 // per commit index, the simulated transactions it holds
	// Byzantine state servers: withholding ones answer nothing, lying ones
	// serve altered snapshot bytes.
	withhold, lie map[int]bool

	syncer      *dag.StateSyncer
	syncing     *node
	resumedAt   uint64
	resumes     int
	pruned      bool // commit 1 was gone from every server when the wiped node came back
	restoreErrs int
}

func newStateSyncRun(t *testing.T, c Config, interval uint64) *stateSyncRun {
	c, err := c.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSim(c)
	if err != nil {
		t.Fatal(err)
	}
	r := &stateSyncRun{s: s, t: t, interval: interval, txs: map[uint64][]uint64{}, withhold: map[int]bool{}, lie: map[int]bool{}}
	r.cfg = dag.Config{Validators: s.set}
	if c.NodeConfig != nil {
		c.NodeConfig(&r.cfg)
	}
	for range s.nodes {
		r.apps = append(r.apps, &stateApp{hashes: map[uint64]chain.Digest{}})
	}
	s.hooks = hooks{deliver: r.deliver, tick: r.tick, applied: r.applied, restarted: r.restarted}
	return r
}

func (r *stateSyncRun) applied(nd *node, commits []chain.Commit) {
	app := r.apps[nd.idx]
	for _, c := range commits {
		if c.Index != app.height+1 {
			continue // derived again after a restart, or voided
		}
		app.apply(c)
		if _, ok := r.txs[c.Index]; !ok && nd.honest {
			var ids []uint64
			for _, tx := range c.Txs {
				if len(tx) >= txHeader && string(tx[:len(txMagic)]) == txMagic {
					ids = append(ids, binary.BigEndian.Uint64(tx[len(txMagic):]))
				}
			}
			r.txs[c.Index] = ids
		}
		nd.rn.NoteState(c.Index, c.Digest, app.hash)
		if c.Index%r.interval != 0 {
			continue
		}
		sn := dag.StateSnapshot{Index: c.Index, AppHash: app.hash, Data: app.snapshot()}
		app.snaps = append([]dag.StateSnapshot{sn}, app.snaps[:min(len(app.snaps), 1)]...)
		// Prune as chain/validator does: below the older snapshot, keeping
		// what state sync serves for it.
		oldest := app.snaps[len(app.snaps)-1].Index
		if keep := dag.StateRetain(r.cfg); oldest > keep {
			below := oldest - keep
			if hs, _ := nd.db.CommitHeaders(below, 1); len(hs) == 1 {
				gc := r.cfg.GCDepth
				_ = nd.db.PruneCommits(below, hs[0].Leader.Round-min(hs[0].Leader.Round, gc))
			}
		}
	}
}

func (r *stateSyncRun) restarted(nd *node, wiped bool) {
	if !wiped {
		return
	}
	s := r.s
	r.pruned = true
	for _, o := range s.nodes {
		if o == nd {
			continue
		}
		if _, ok, _ := dag.ServeCommits(o.db, func(uint64) *chain.ValidatorSet { return s.set }, uint32(o.idx), dag.Message{Type: dag.MsgCommitRequest, From: uint32(nd.idx)}, dag.SyncLimits{}); ok {
			r.pruned = false
		}
	}
	sy, err := dag.NewStateSyncer(dag.StateSyncConfig{Self: uint32(nd.idx), Validators: s.set, Verifier: s.verifier,
		StateLimits: dag.StateLimits{ChunkBytes: 16 << 10}, RequestTimeout: 500 * time.Millisecond, Timeout: 10 * time.Second}, s.clock())
	if err != nil {
		r.t.Fatal(err)
	}
	r.syncer, r.syncing = sy, nd
}

func (r *stateSyncRun) tick(nd *node) bool {
	if nd != r.syncing {
		return false
	}
	s := r.s
	for _, m := range r.syncer.Tick(s.clock()) {
		s.send(m)
	}
	if res := r.syncer.Result(); res != nil {
		if err := r.resume(nd, res); err != nil {
			r.t.Logf("%v: refused the state of %d at %d: %v", s.now, res.From, res.State().Index, err)
			r.restoreErrs++
			r.syncer.Reject()
		}
	} else if r.syncer.GaveUp() {
		s.violate("statesync", "validator %d gave up state sync", nd.idx)
		r.syncing = nil
	}
	return true
}

// resume restores the wiped node from a verified state, as Node does.
func (r *stateSyncRun) resume(nd *node, res *dag.SyncedState) error {
	s := r.s
	v := res.State()
	rn, _, err := s.newRawNode(nd.idx)
	if err != nil {
		return err
	}
	if err := rn.RecoverFrom(res.Recovery); err != nil {
		return err
	}
	if err := r.apps[nd.idx].restore(res.Data, v); err != nil {
		return err
	}
	rn.AwaitOwnBlock()
	rn.NoteState(v.Index, v.Commit, v.AppHash)
	_ = nd.db.SaveBlocks(res.Recovery.Blocks)
	_ = nd.db.SaveHeaders(res.Recovery.Headers)
	// The simulated application now holds every commit up to v.Index: its
	// log and transaction counts (the checkers') take those it missed from
	// an honest validator that applied them.
	var ref *node
	for _, o := range s.nodes {
		if o.honest && o != nd && (ref == nil || len(o.log) > len(ref.log)) {
			ref = o
		}
	}
	if uint64(len(ref.log)) < v.Index || ref.log[v.Index-1].digest != v.Commit {
		s.violate("statesync", "validator %d restored commit %d (%s), which no honest validator made", nd.idx, v.Index, v.Commit.Short())
	}
	counts := s.counts[nd.idx]
	for k := nd.applied + 1; k <= v.Index && k <= uint64(len(ref.log)); k++ {
		if uint64(len(nd.log)) == k-1 {
			nd.log = append(nd.log, ref.log[k-1])
		}
		for _, id := range r.txs[k] {
			if id < uint64(len(counts)) && counts[id] < 255 {
				counts[id]++
			}
		}
	}
	nd.applied = max(nd.applied, v.Index)
	nd.rn = rn
	r.syncing, r.resumedAt = nil, v.Index
	r.resumes++
	s.drain(nd)
	return nil
}

func (r *stateSyncRun) deliver(nd *node, m dag.Message) bool {
	s := r.s
	switch {
	case nd == r.syncing:
		if m.Type == dag.MsgStateResponse {
			out, err := r.syncer.Step(m, s.clock())
			if err != nil {
				r.t.Logf("%v: %v", s.now, err)
			}
			for _, o := range out {
				s.send(o)
			}
		}
		return true // the core does not run yet
	case m.Type == dag.MsgStateRequest:
		if r.withhold[nd.idx] {
			return true
		}
		src := stateSource{nd.db, r.apps[nd.idx], r.lie[nd.idx]}
		out, err := dag.ServeState(src, s.set, uint32(nd.idx), m, r.cfg.GCDepth, dag.StateHistory(r.cfg), dag.StateLimits{ChunkBytes: 16 << 10})
		if err != nil {
			s.violate("statesync", "validator %d: serve state: %v", nd.idx, err)
		}
		for _, o := range out {
			s.send(o)
		}
		return true
	}
	return false
}

// TestStateSyncRejoins: a validator wiped while its peers prune their stores
// (no peer can serve commit sync from the first commit) rejoins by state
// sync, then commits with the others: the simulator's checkers (safety,
// validity, liveness, no equivocation across the wipe) hold, and its
// application state equals theirs. Byzantine state servers (one withholding,
// one serving altered snapshot bytes) only delay it.
func TestStateSyncRejoins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		byzantine bool
	}{{"honest servers", false}, {"byzantine servers", true}} {
		t.Run(tc.name, func(t *testing.T) {
			const interval = 32
			r := newStateSyncRun(t, Config{
				Validators: 4, Seed: 41, TxRate: 200, Duration: 30 * time.Second, Network: lan,
				Crashes: []Crash{{Node: 3, At: 3 * time.Second, Restart: 20 * time.Second, Wipe: true}},
				NodeConfig: func(c *dag.Config) {
					c.GCDepth, c.StateInterval, c.ReputationWindow = 10, interval, 8
				},
			}, interval)
			if tc.byzantine {
				r.withhold[0], r.lie[1] = true, true
			}
			r.s.run()
			r.s.check()
			if len(r.s.violations) > 0 {
				t.Fatalf("violations: %v", r.s.violations)
			}
			if !r.pruned {
				t.Fatal("a peer could still serve commit sync from the first commit: the test proves nothing")
			}
			if r.resumes != 1 {
				t.Fatalf("validator 3 resumed %d times from a state (syncing %v)", r.resumes, r.syncing != nil)
			}
			me, ref := r.apps[3], r.apps[0]
			if me.height <= r.resumedAt+100 {
				t.Fatalf("validator 3 resumed at commit %d and reached only %d", r.resumedAt, me.height)
			}
			if ref.hashes[me.height] != me.hash {
				t.Fatalf("validator 3's state at commit %d differs from validator 0's", me.height)
			}
			if tc.byzantine && r.restoreErrs == 0 {
				t.Fatal("the altered snapshot was restored")
			}
			t.Logf("state synced at commit %d after %d refused; committed to %d; failures %d", r.resumedAt, r.restoreErrs, me.height, r.syncer.Failures())
		})
	}
}
