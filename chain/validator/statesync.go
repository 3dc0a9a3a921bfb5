package validator

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/store"
)

// State sync in a validator process (chain/dag's statesync.go does the
// protocol): the validator serves the snapshots its store keeps, taken every
// consensus.snapshot_interval commits (a multiple of consensus.state_interval,
// so that a quorum of state votes can certify them), and a validator that
// starts with an empty data directory restores the newest certified one its
// peers serve, checks the application's hash against the certified one, and
// commit-syncs on from there. The restored snapshot is saved to the store once
// the commit log reaches past it, like any other.

// snapshotIndex lists the snapshots the store keeps (heights and app hashes,
// newest first), so that a state request does not decode them all.
type snapshotIndex struct {
	st   *store.Store
	mu   sync.Mutex
	list []dag.StateSnapshot
	keep int
	// The bytes of the snapshot served last: a state sync asks for its
	// chunks a few at a time, and each request would read it again.
	cachedAt uint64
	cached   []byte
}

func newSnapshotIndex(st *store.Store) (*snapshotIndex, error) {
	sns, err := st.LoadSnapshots()
	if err != nil {
		return nil, err
	}
	x := &snapshotIndex{st: st, keep: max(len(sns), store.DefaultKeepSnapshots)}
	for _, sn := range sns {
		x.list = append(x.list, dag.StateSnapshot{Index: sn.Height, AppHash: sn.AppHash})
	}
	return x, nil
}

// saved records a snapshot just saved to the store.
func (x *snapshotIndex) saved(sn store.Snapshot) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.list = slices.DeleteFunc(x.list, func(s dag.StateSnapshot) bool { return s.Index == sn.Height })
	x.list = append([]dag.StateSnapshot{{Index: sn.Height, AppHash: sn.AppHash}}, x.list...)
	slices.SortFunc(x.list, func(a, b dag.StateSnapshot) int { return cmp.Compare(b.Index, a.Index) })
	x.list = x.list[:min(len(x.list), x.keep)]
	if !slices.ContainsFunc(x.list, func(s dag.StateSnapshot) bool { return s.Index == x.cachedAt }) {
		x.cachedAt, x.cached = 0, nil // no longer served
	}
}

// snapshots implements dag.StateSyncOptions.Snapshots.
func (x *snapshotIndex) snapshots() ([]dag.StateSnapshot, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return slices.Clone(x.list), nil
}

// data implements dag.StateSyncOptions.SnapshotData.
func (x *snapshotIndex) data(index uint64) ([]byte, error) {
	x.mu.Lock()
	if x.cached != nil && x.cachedAt == index {
		data := x.cached
		x.mu.Unlock()
		return data, nil
	}
	x.mu.Unlock()
	sns, err := x.st.LoadSnapshots()
	if err != nil {
		return nil, err
	}
	for _, sn := range sns {
		if sn.Height == index {
			x.mu.Lock()
			x.cachedAt, x.cached = index, sn.Data
			x.mu.Unlock()
			return sn.Data, nil
		}
	}
	return nil, fmt.Errorf("%w: no snapshot at commit %d", store.ErrNotFound, index)
}

// stateSyncOptions returns the core's state sync options: serve the store's
// snapshots; ask (statesync.enable) with an application whose hash commits to
// its state (chain.StateCommitter) and that reports it (Height): the
// certified hash is checked against the hash the restored state gives. An
// application whose hash only chains its commits (depin's without
// Config.StatePoints) would take whatever state a lying peer served with a
// valid certificate: it is never state-synced.
func (n *Node) stateSyncOptions(app *appHook, snaps *snapshotIndex, epoch uint64) *dag.StateSyncOptions {
	cfg := &n.cfg
	if app.snap == nil || cfg.Consensus.SnapshotInterval <= 0 || cfg.Consensus.StateInterval <= 0 {
		return nil
	}
	o := &dag.StateSyncOptions{
		Snapshots:      snaps.snapshots,
		SnapshotData:   snaps.data,
		Disable:        !cfg.StateSync.enabled(),
		Limits:         cfg.StateSync.limits(),
		RequestTimeout: cfg.StateSync.RequestTimeout.Duration,
		Timeout:        cfg.StateSync.Timeout.Duration,
	}
	if _, ok := app.app.(interface{ Height() (uint64, chain.Digest) }); !ok {
		n.log.Info("state sync: off for this validator: the application does not report its hash (Height), so a restored snapshot could not be checked", "app", fmt.Sprintf("%T", app.app))
		return o
	}
	if sc, ok := app.app.(chain.StateCommitter); !ok || !sc.CommitsToState() {
		n.log.Info("state sync: off for this validator: the application's hash does not commit to its state (chain.StateCommitter), so a restored snapshot could not be checked", "app", fmt.Sprintf("%T", app.app))
		return o
	}
	o.Restore = func(s dag.StateSnapshot) error {
		sn := store.Snapshot{Height: s.Index, AppHash: s.AppHash, Data: s.Data}
		// restoreFromPeer checks the application's height and hash against
		// the certified ones (and has a chain.PeerRestorer derive the hash
		// from the state).
		if err := app.restoreFromPeer(sn, epoch); err != nil {
			return err
		}
		app.restored(&sn)
		n.log.Info("state sync: application restored", "height", s.Index, "app_hash", s.AppHash.Short(), "bytes", len(s.Data))
		return nil
	}
	return o
}

// restored records a snapshot restored by state sync: it is saved to the
// store once the commit log reaches past it (takeSnapshot).
func (h *appHook) restored(sn *store.Snapshot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pending = sn
}
