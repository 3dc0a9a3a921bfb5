package validator

import (
	"fmt"
	"sync"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/store"
)

// appHook is the Application the consensus node drives: it passes every call
// to the real application and, in the node's goroutine right after a commit
// is applied, records the height and app hash, takes the periodic snapshot
// (so that it is the state at exactly that commit, whatever the commit
// consumer's lag), and hands a new validator set to the network adapter.
type appHook struct {
	app      chain.Application
	snap     chain.Snapshotter // nil: the application takes no snapshots
	interval uint64
	// onEpoch is called with the validator set an application returns, for the
	// epoch after the commit, before the node enters it.
	onEpoch func(epoch uint64, set *chain.ValidatorSet) error

	mu      sync.Mutex
	height  uint64
	hash    chain.Digest
	epoch   uint64
	last    chain.Commit    // the last commit applied
	pending *store.Snapshot // the newest snapshot not yet saved
}

var _ chain.Application = (*appHook)(nil)

// newAppHook wraps app, snapshotting it every interval commits (0: never).
func newAppHook(app chain.Application, interval int) *appHook {
	h := &appHook{app: app, interval: uint64(interval)}
	h.snap, _ = app.(chain.Snapshotter)
	return h
}

// CheckTx implements chain.Application.
func (h *appHook) CheckTx(tx chain.Tx) error { return h.app.CheckTx(tx) }

// ApplyCommit implements chain.Application.
func (h *appHook) ApplyCommit(c chain.Commit) (chain.Result, error) {
	res, err := h.app.ApplyCommit(c)
	if err != nil {
		return res, err
	}
	epoch := c.Epoch
	if res.NextValidators != nil {
		epoch++
		if h.onEpoch != nil {
			if err := h.onEpoch(epoch, res.NextValidators); err != nil {
				return res, fmt.Errorf("validator: epoch %d: %w", epoch, err)
			}
		}
	}
	var sn *store.Snapshot
	if h.snap != nil && h.interval > 0 && c.Index%h.interval == 0 {
		data, err := h.snap.Snapshot()
		if err != nil {
			return res, fmt.Errorf("validator: snapshot at commit %d: %w", c.Index, err)
		}
		sn = &store.Snapshot{Height: c.Index, AppHash: res.AppHash, Data: data}
	}
	h.mu.Lock()
	h.height, h.hash, h.epoch, h.last = c.Index, res.AppHash, epoch, c
	if sn != nil {
		h.pending = sn
	}
	h.mu.Unlock()
	return res, nil
}

// position returns the last commit applied, the app hash after it and the
// epoch.
func (h *appHook) position() (uint64, chain.Digest, uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.height, h.hash, h.epoch
}

// lastCommit returns the last commit applied (the zero Commit if none was
// since the start).
func (h *appHook) lastCommit() chain.Commit {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// takeSnapshot returns the pending snapshot if its height is at most stored
// (the commit log reaches it), and forgets it.
func (h *appHook) takeSnapshot(stored uint64) *store.Snapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	sn := h.pending
	if sn == nil || sn.Height > stored {
		return nil
	}
	h.pending = nil
	return sn
}

// restore sets the application's state from a stored snapshot.
func (h *appHook) restore(sn store.Snapshot, epoch uint64) error {
	return h.restoreWith(sn, epoch, nil)
}

// restoreFromPeer is restore for a snapshot a peer served (state sync): with
// RestoreFromPeer if the application has it (chain.PeerRestorer).
func (h *appHook) restoreFromPeer(sn store.Snapshot, epoch uint64) error {
	var from func([]byte) error
	if pr, ok := h.app.(chain.PeerRestorer); ok {
		from = pr.RestoreFromPeer
	}
	return h.restoreWith(sn, epoch, from)
}

// restoreWith restores sn with restore, or with the application's Restore if
// restore is nil.
func (h *appHook) restoreWith(sn store.Snapshot, epoch uint64, restore func([]byte) error) error {
	if h.snap == nil {
		return fmt.Errorf("%w: the store holds a snapshot at %d, but the application (%T) cannot restore one", ErrSnapshot, sn.Height, h.app)
	}
	if restore == nil {
		restore = h.snap.Restore
	}
	if err := restore(sn.Data); err != nil {
		return fmt.Errorf("validator: restore snapshot at %d: %w", sn.Height, err)
	}
	// An application that knows its height checks the snapshot's record.
	if hh, ok := h.app.(interface{ Height() (uint64, chain.Digest) }); ok {
		if height, hash := hh.Height(); height != sn.Height || hash != sn.AppHash {
			return fmt.Errorf("%w: snapshot recorded at %d (%s), the application restored to %d (%s)",
				ErrSnapshot, sn.Height, sn.AppHash.Short(), height, hash.Short())
		}
	}
	h.mu.Lock()
	h.height, h.hash, h.epoch = sn.Height, sn.AppHash, epoch
	h.mu.Unlock()
	return nil
}

// resumeEpoch records the epoch the node resumes in, when the store's epoch
// records are ahead of the last stored commit's (the closing commit of the
// epoch before was the last one applied).
func (h *appHook) resumeEpoch(epoch uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.epoch = max(h.epoch, epoch)
}
