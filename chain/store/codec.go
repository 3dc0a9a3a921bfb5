package store

import (
	"fmt"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

const (
	commitVersion   = 1
	snapshotVersion = 1
)

// commitWire is a stored chain.Commit.
type commitWire struct {
	_            struct{} `cbor:",toarray"`
	Version      uint8
	Epoch        uint64
	Index        uint64
	Leader       []byte
	LeaderRound  uint64
	LeaderAuthor uint32
	Timestamp    int64
	Txs          [][]byte
	Digest       []byte
}

// snapshotWire is a stored Snapshot.
type snapshotWire struct {
	_       struct{} `cbor:",toarray"`
	Version uint8
	Height  uint64
	AppHash []byte
	Data    []byte
}

// Snapshot is an application's state at a commit height, as the application's
// chain.Snapshotter produced it: opaque bytes to the store.
type Snapshot struct {
	// Height is the index of the last commit the state includes: restore the
	// application from Data and start the node with NodeConfig.Applied = Height.
	Height uint64
	// AppHash is the application hash after that commit (chain.Result.AppHash).
	AppHash chain.Digest
	// Data is the state, from chain.Snapshotter.Snapshot.
	Data []byte
}

// codec encodes and decodes values within a Store's limits.
type codec struct {
	maxCommitBytes   int
	maxSnapshotBytes int
	commitDec        *canonical.Decoder
	snapshotDec      *canonical.Decoder
}

func newCodec(o Options) (*codec, error) {
	cd, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: max(o.MaxCommitTxs, 16), MaxMap: 16})
	if err != nil {
		return nil, fmt.Errorf("%w: MaxCommitTxs %d: %v", ErrInvalidOptions, o.MaxCommitTxs, err)
	}
	sd, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})
	if err != nil {
		return nil, err
	}
	return &codec{maxCommitBytes: o.MaxCommitBytes, maxSnapshotBytes: o.MaxSnapshotBytes, commitDec: cd, snapshotDec: sd}, nil
}

func (c *codec) encodeCommit(cm chain.Commit) ([]byte, error) {
	w := commitWire{
		Version: commitVersion, Epoch: cm.Epoch, Index: cm.Index, Leader: cm.Leader[:],
		LeaderRound: cm.LeaderRound, LeaderAuthor: cm.LeaderAuthor, Timestamp: cm.Timestamp,
		Txs: make([][]byte, len(cm.Txs)), Digest: cm.Digest[:],
	}
	size := 0
	for i, tx := range cm.Txs {
		w.Txs[i] = tx
		size += len(tx)
	}
	if size > c.maxCommitBytes {
		return nil, fmt.Errorf("%w: commit %d holds %d bytes of transactions, at most %d", ErrTooLarge, cm.Index, size, c.maxCommitBytes)
	}
	out, err := canonical.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("store: encode commit %d: %w", cm.Index, err)
	}
	if len(out) > c.maxCommitBytes {
		return nil, fmt.Errorf("%w: commit %d is %d bytes, at most %d", ErrTooLarge, cm.Index, len(out), c.maxCommitBytes)
	}
	return out, nil
}

// decodeCommit decodes a stored commit, bounded by the limits it was stored
// under; it never trusts the input (a corrupt disk is input too).
func (c *codec) decodeCommit(data []byte) (chain.Commit, error) {
	if len(data) > c.maxCommitBytes {
		return chain.Commit{}, fmt.Errorf("%w: commit is %d bytes, at most %d", ErrCorrupt, len(data), c.maxCommitBytes)
	}
	var w commitWire
	if err := c.commitDec.UnmarshalCanonical(data, &w); err != nil {
		return chain.Commit{}, fmt.Errorf("%w: commit: %v", ErrCorrupt, err)
	}
	if w.Version != commitVersion {
		return chain.Commit{}, fmt.Errorf("%w: commit version %d, want %d", ErrCorrupt, w.Version, commitVersion)
	}
	cm := chain.Commit{Epoch: w.Epoch, Index: w.Index, LeaderRound: w.LeaderRound, LeaderAuthor: w.LeaderAuthor, Timestamp: w.Timestamp}
	if len(w.Leader) != len(cm.Leader) || len(w.Digest) != len(cm.Digest) {
		return chain.Commit{}, fmt.Errorf("%w: commit %d: leader or digest is not %d bytes", ErrCorrupt, w.Index, len(cm.Digest))
	}
	copy(cm.Leader[:], w.Leader)
	copy(cm.Digest[:], w.Digest)
	if len(w.Txs) > 0 {
		cm.Txs = make([]chain.Tx, len(w.Txs))
		for i, tx := range w.Txs {
			cm.Txs[i] = tx
		}
	}
	return cm, nil
}

func (c *codec) encodeSnapshot(s Snapshot) ([]byte, error) {
	out, err := canonical.Marshal(snapshotWire{Version: snapshotVersion, Height: s.Height, AppHash: s.AppHash[:], Data: s.Data})
	if err != nil {
		return nil, fmt.Errorf("store: encode snapshot %d: %w", s.Height, err)
	}
	if len(out) > c.maxSnapshotBytes {
		return nil, fmt.Errorf("%w: snapshot at height %d is %d bytes, at most %d", ErrTooLarge, s.Height, len(out), c.maxSnapshotBytes)
	}
	return out, nil
}

func (c *codec) decodeSnapshot(data []byte) (Snapshot, error) {
	if len(data) > c.maxSnapshotBytes {
		return Snapshot{}, fmt.Errorf("%w: snapshot is %d bytes, at most %d", ErrCorrupt, len(data), c.maxSnapshotBytes)
	}
	var w snapshotWire
	if err := c.snapshotDec.UnmarshalCanonical(data, &w); err != nil {
		return Snapshot{}, fmt.Errorf("%w: snapshot: %v", ErrCorrupt, err)
	}
	if w.Version != snapshotVersion {
		return Snapshot{}, fmt.Errorf("%w: snapshot version %d, want %d", ErrCorrupt, w.Version, snapshotVersion)
	}
	s := Snapshot{Height: w.Height, Data: w.Data}
	if len(w.AppHash) != len(s.AppHash) {
		return Snapshot{}, fmt.Errorf("%w: snapshot %d: app hash is %d bytes", ErrCorrupt, w.Height, len(w.AppHash))
	}
	copy(s.AppHash[:], w.AppHash)
	return s, nil
}
