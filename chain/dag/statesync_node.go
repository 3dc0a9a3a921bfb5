package dag

import (
	"context"
	"fmt"
	"time"
)

// StateSyncOptions plug state sync into a Node (NodeConfig.StateSync): the
// embedder's snapshots, which the node serves, and how it restores one.
type StateSyncOptions struct {
	// Snapshots returns the snapshots the embedder keeps, newest first,
	// without their Data; they must be taken after commits whose index is a
	// multiple of Config.StateInterval, or no certificate names them. Nil:
	// the node serves no state sync.
	Snapshots func() ([]StateSnapshot, error)
	// SnapshotData returns the bytes of the snapshot at commit index.
	SnapshotData func(index uint64) ([]byte, error)
	// Restore sets the application's state from a certified snapshot, and
	// must fail if the application's hash is not s.AppHash afterwards (the
	// node then asks another peer). Nil: the node never state-syncs.
	Restore func(s StateSnapshot) error
	// Disable turns asking off (serving stays on).
	Disable bool
	// Limits bound the chunks served and the answer taken. Zero fields:
	// DefaultStateLimits.
	Limits StateLimits
	// RequestTimeout is how long a peer may take to send the next chunks.
	// Default 2s.
	RequestTimeout time.Duration
	// Timeout is how long a start with state sync waits without progress
	// before it starts as it would without (commit sync from its store).
	// Default 10s.
	Timeout time.Duration
}

// StateSyncStatus is where a Node's state sync stands (Node.StateSyncStatus).
type StateSyncStatus struct {
	// Active is true while the node asks for a state instead of running
	// consensus.
	Active bool
	// Index is the commit of the state being fetched (0 before its first
	// chunk), or of the state the node resumed from once Done.
	Index uint64
	// Chunks and Total count the chunks received and expected, Bytes their
	// snapshot and block bytes.
	Chunks, Total int
	Bytes         int64
	// Failures counts answers refused (bad certificate, chain, blocks,
	// snapshot).
	Failures int
	// Done is true once the node resumed from a certified state.
	Done bool
}

// StateSyncStatus returns where the node's state sync stands.
func (n *Node) StateSyncStatus() StateSyncStatus {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.syncing
}

func (n *Node) servesState() bool {
	o := n.cfg.StateSync
	_, ok := n.cfg.Store.(CommitStore)
	return ok && o != nil && o.Snapshots != nil && o.SnapshotData != nil
}

// stateSource serves state sync from the node's store and the embedder's
// snapshots.
type stateSource struct {
	CommitStore
	o *StateSyncOptions
}

func (s stateSource) StateSnapshots() ([]StateSnapshot, error)       { return s.o.Snapshots() }
func (s stateSource) StateSnapshotData(index uint64) ([]byte, error) { return s.o.SnapshotData(index) }

// serveState answers a state request (on the serving goroutine, the only
// user of n.stateServer).
func (n *Node) serveState(ctx context.Context, m Message) {
	if n.stateServer == nil {
		// n.needs holds the GC depth with its default applied, fixed at
		// NewNode (n.rn may be replaced meanwhile).
		n.stateServer = &StateServer{Source: stateSource{n.cfg.Store.(CommitStore), n.cfg.StateSync}, GCDepth: n.needs.GCDepth,
			History: StateHistory(n.cfg.Config), Limits: n.cfg.StateSync.Limits}
	}
	out, err := n.stateServer.Serve(n.setOf(m.Epoch), m.To, m)
	if err != nil {
		n.log.Warn("serving state sync failed", "to", m.From, "err", err)
	}
	for _, c := range out {
		if c.Chunk == 0 && c.Chunks > 0 {
			n.log.Info("serving state sync", "to", m.From, "commit", c.Index, "chunks", c.Chunks)
		}
		if err := n.cfg.Transport.Send(ctx, c); err != nil {
			n.log.Debug("send failed", "to", c.To, "type", c.Type, "err", err)
			return
		}
	}
}

// syncState runs state sync before consensus starts: it asks the peers for a
// certified state, verifies it, has the embedder restore it, and resumes the
// core at its commit (RecoverFrom with the verified headers and blocks, then
// the amnesia guard). Other messages are dropped meanwhile, but for commit
// and state requests, which it serves. It returns done (with a nil error)
// when ctx ended or the node was closed, and an error only if the node cannot
// go on; when no peer offers a state it returns and the node starts from its
// (empty) store.
func (n *Node) syncState(ctx context.Context, in <-chan Message, tick <-chan time.Time) (done bool, err error) {
	o := n.cfg.StateSync
	rn := n.rn
	sy, err := NewStateSyncer(StateSyncConfig{
		Self: rn.self, Epoch: rn.Epoch(), Validators: rn.cfg.Validators, Start: rn.cfg.Start,
		Verifier: rn.cfg.Verifier, Limits: rn.cfg.Limits, StateLimits: o.Limits,
		RequestTimeout: o.RequestTimeout, Timeout: o.Timeout,
	}, n.cfg.Now())
	if err != nil {
		return false, err
	}
	n.setSyncing(sy, true, false)
	defer func() { n.setSyncing(sy, false, n.syncing.Done) }()
	n.log.Info("state sync: asking the peers for a certified state", "epoch", rn.Epoch())
	send := func(ms []Message) {
		for _, m := range ms {
			if err := n.cfg.Transport.Send(ctx, m); err != nil {
				n.log.Debug("send failed", "to", m.To, "type", m.Type, "err", err)
			}
		}
	}
	lastLog := n.cfg.Now()
	for {
		now := n.cfg.Now()
		send(sy.Tick(now))
		if r := sy.Result(); r != nil {
			if err := n.resumeFrom(r); err != nil {
				n.log.Warn("state sync: refused the state", "from", r.From, "commit", r.State().Index, "err", err)
				sy.Reject()
				continue
			}
			n.setSyncing(sy, false, true)
			return false, nil
		}
		if sy.GaveUp() {
			n.log.Info("state sync: no peer offers a certified state; starting from the store", "failures", sy.Failures())
			return false, nil
		}
		if have, total, bytes, index := sy.Progress(); total > 0 && now.Sub(lastLog) >= 2*time.Second {
			n.log.Info("state sync: fetching", "from", sy.peer, "commit", index, "chunks", have, "of", total, "bytes", bytes)
			lastLog = now
		}
		n.setSyncing(sy, true, false)
		select {
		case <-ctx.Done():
			return true, nil
		case <-n.closing:
			return true, nil
		case <-tick:
		case m, ok := <-in:
			if !ok {
				return true, fmt.Errorf("dag: transport closed")
			}
			switch m.Type {
			case MsgStateResponse:
				out, err := sy.Step(m, n.cfg.Now())
				if err != nil {
					n.log.Warn("state sync: refused an answer", "from", m.From, "err", err)
				}
				send(out)
			case MsgStateRequest, MsgCommitRequest:
				n.step(m) // served from the store
			}
		}
	}
}

// resumeFrom restores the embedder's application from a verified state and
// replaces the core with one resumed at its commit.
func (n *Node) resumeFrom(r *SyncedState) error {
	st := r.State()
	rn, err := NewRawNode(n.cfg.Config, n.cfg.Now())
	if err != nil {
		return err
	}
	// The headers reach back the GC window and three leader reputation
	// windows: RecoverFrom refuses them otherwise (the leader schedule could
	// differ from the peers').
	if err := rn.RecoverFrom(r.Recovery); err != nil {
		return err
	}
	if err := n.cfg.StateSync.Restore(StateSnapshot{Index: st.Index, AppHash: st.AppHash, Data: r.Data}); err != nil {
		return err
	}
	// Whatever it committed, this validator may have signed later blocks
	// before it was wiped: wait for its peers to show them (amnesia guard).
	rn.AwaitOwnBlock()
	rn.NoteState(st.Index, st.Commit, st.AppHash)
	// Keep what a restart resumes from, as if derived here.
	if err := n.cfg.Store.SaveBlocks(r.Recovery.Blocks); err != nil {
		return fmt.Errorf("dag: persist state sync blocks: %w", err)
	}
	if cs, ok := n.cfg.Store.(CommitStore); ok {
		if err := cs.SaveHeaders(r.Recovery.Headers); err != nil {
			return fmt.Errorf("dag: persist state sync headers: %w", err)
		}
	}
	n.rn, n.applied = rn, st.Index
	n.log.Info("state synced", "commit", st.Index, "app_hash", st.AppHash.Short(), "from", r.From,
		"snapshot_bytes", len(r.Data), "headers", len(r.Recovery.Headers), "blocks", len(r.Recovery.Blocks))
	return nil
}

func (n *Node) setSyncing(sy *StateSyncer, active, done bool) {
	have, total, bytes, index := sy.Progress()
	if r := sy.Result(); done && r != nil {
		index = r.State().Index
	}
	n.mu.Lock()
	n.syncing = StateSyncStatus{Active: active, Index: index, Chunks: have, Total: total, Bytes: bytes, Failures: sy.Failures(), Done: done}
	n.stats = n.rn.Stats()
	n.mu.Unlock()
}
