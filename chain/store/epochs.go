package store

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/internal/canonical"
)

// epochWire is a stored dag.EpochStart ("e" epoch:8).
type epochWire struct {
	_          struct{} `cbor:",toarray"`
	Version    uint8
	Epoch      uint64
	Validators []validatorWire
	Start      []byte // the start commit without transactions, as commitWire
}

type validatorWire struct {
	_     struct{} `cbor:",toarray"`
	Key   []byte
	Stake uint64
	Name  string
}

const epochVersion = 1

var _ dag.EpochStore = (*Store)(nil)

// SaveEpoch implements dag.EpochStore: it records an epoch start (its
// validator set and start commit, without transactions), synced.
func (s *Store) SaveEpoch(e dag.EpochStart) error {
	if e.Validators == nil {
		return fmt.Errorf("store: save epoch %d: no validator set", e.Epoch)
	}
	start := e.Start
	start.Txs = nil
	sc, err := s.codec.encodeCommit(start)
	if err != nil {
		return err
	}
	w := epochWire{Version: epochVersion, Epoch: e.Epoch, Start: sc}
	for _, v := range e.Validators.Validators() {
		w.Validators = append(w.Validators, validatorWire{Key: v.Key, Stake: v.Stake, Name: v.Name})
	}
	data, err := canonical.Marshal(w)
	if err != nil {
		return fmt.Errorf("store: encode epoch %d: %w", e.Epoch, err)
	}
	return s.do(func() error {
		b := s.db.NewBatch()
		_ = b.Set(uint64Key(prefixEpoch, e.Epoch), data, nil)
		return s.commit(b, true, "save epoch")
	})
}

// LoadEpoch implements dag.EpochStore: the latest epoch start recorded whose
// start commit is at or below applied.
func (s *Store) LoadEpoch(applied uint64) (dag.EpochStart, bool, error) {
	var out dag.EpochStart
	found := false
	err := s.do(func() error {
		lo, hi := prefixBounds(prefixEpoch)
		return s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
			e, err := s.decodeEpoch(k, v)
			if err != nil {
				return false, err
			}
			if e.Start.Index > applied {
				return true, nil
			}
			out, found = e, true
			return false, nil
		})
	})
	return out, found, err
}

func (s *Store) decodeEpoch(k, v []byte) (dag.EpochStart, error) {
	epoch, ok := uint64KeyPart(k, prefixEpoch)
	if !ok {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch key %x", ErrCorrupt, k)
	}
	dec, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: chain.MaxValidators, MaxMap: 16})
	if err != nil {
		return dag.EpochStart{}, err
	}
	var w epochWire
	if err := dec.UnmarshalCanonical(v, &w); err != nil || w.Version != epochVersion || w.Epoch != epoch {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: %v (version %d, epoch %d)", ErrCorrupt, epoch, err, w.Version, w.Epoch)
	}
	vals := make([]chain.Validator, len(w.Validators))
	for i, x := range w.Validators {
		if len(x.Key) != ed25519.PublicKeySize {
			return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: validators[%d].key is %d bytes", ErrCorrupt, epoch, i, len(x.Key))
		}
		vals[i] = chain.Validator{Key: ed25519.PublicKey(x.Key), Stake: x.Stake, Name: x.Name}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: %v", ErrCorrupt, epoch, err)
	}
	start, err := s.codec.decodeCommit(w.Start)
	if err != nil {
		return dag.EpochStart{}, fmt.Errorf("epoch %d start: %w", epoch, err)
	}
	return dag.EpochStart{Epoch: epoch, Validators: set, Start: start}, nil
}

// ErrRetention reports a prune that would delete what the store must keep:
// the commits, blocks or epoch record a restart from the newest snapshot
// reads.
var ErrRetention = errors.New("store: prune past the newest snapshot")

// newestSnapshot returns the height of the newest snapshot stored, and
// whether there is one, reading keys only.
func (s *Store) newestSnapshot() (uint64, bool, error) {
	var height uint64
	found := false
	lo, hi := prefixBounds(prefixSnapshot)
	err := s.scan(lo, hi, true, func(k, _ []byte) (bool, error) {
		h, ok := uint64KeyPart(k, prefixSnapshot)
		if !ok {
			return false, fmt.Errorf("%w: snapshot key %x", ErrCorrupt, k)
		}
		height, found = h, true
		return false, nil
	})
	return height, found, err
}

// PruneLog deletes the stored commits (the commit log, transactions
// included: LoadCommit, LoadCommits) below index below, not synced, like
// PruneEpochs. It is the commit log's retention, as CometBFT's retain_height
// prunes its block store: with blocks and headers pruned too (PruneCommits),
// the commit log is what still grows with every transaction. below must not
// exceed the newest snapshot's height (ErrRetention): a restart restores that
// snapshot and reads nothing older. Reads below the first commit kept find
// nothing (ErrNotFound); SaveCommits takes a commit below it as it is.
func (s *Store) PruneLog(below uint64) error {
	if below <= 1 {
		return nil
	}
	return s.do(func() error {
		snap, ok, err := s.newestSnapshot()
		if err != nil {
			return err
		}
		if !ok || below > snap {
			return fmt.Errorf("%w: commit log below %d, newest snapshot at %d (found: %v)", ErrRetention, below, snap, ok)
		}
		b := s.db.NewBatch()
		_ = b.DeleteRange(uint64Key(prefixCommit, 0), uint64Key(prefixCommit, below), nil)
		return s.commit(b, false, "prune log")
	})
}

// PruneBefore deletes everything the store holds of the epochs below epoch:
// their blocks and round marks (PruneEpochs), their commit headers and
// commits (every index below epoch's start commit; that commit, the closing
// one of the epoch before, stays so that commit sync and a restart at the
// epoch's start find it), their epoch records and their snapshots. It is
// the validator's retain_epochs. Commits from index logFrom on stay, whatever
// their epoch, if logFrom is not 0: a caller that still reads them (a
// validator's mempool WAL is checked against the log after a restart) keeps
// them until a later PruneBefore or PruneLog. Not synced, like PruneEpochs.
//
// It refuses (ErrRetention) an epoch above the newest snapshot's epoch (the
// latest epoch record at or below its height), or with no snapshot or no
// record of epoch stored: a restart restores that snapshot and resumes in its
// epoch, reading that epoch's blocks and round marks — the signed-round
// watermark that keeps the validator from signing twice — so they stay
// whatever the retention. PruneEpochs alone has no such guard.
func (s *Store) PruneBefore(epoch, logFrom uint64) error {
	if epoch == 0 {
		return nil
	}
	var snap uint64
	var ok bool
	if err := s.do(func() (err error) {
		snap, ok, err = s.newestSnapshot()
		return err
	}); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: epochs below %d with no snapshot", ErrRetention, epoch)
	}
	at, found, err := s.LoadEpoch(snap)
	if err != nil {
		return err
	}
	if !found || at.Epoch < epoch {
		return fmt.Errorf("%w: epochs below %d, newest snapshot at %d is in epoch %d (recorded: %v)", ErrRetention, epoch, snap, at.Epoch, found)
	}
	start := at.Start.Index
	if at.Epoch != epoch {
		var rec dag.EpochStart
		err := s.do(func() error {
			v, closer, err := s.db.Get(uint64Key(prefixEpoch, epoch))
			if errors.Is(err, pebble.ErrNotFound) {
				return fmt.Errorf("%w: epochs below %d: no record of epoch %d", ErrRetention, epoch, epoch)
			}
			if err != nil {
				return s.wrap("load epoch", err)
			}
			defer closer.Close()
			rec, err = s.decodeEpoch(uint64Key(prefixEpoch, epoch), v)
			return err
		})
		if err != nil {
			return err
		}
		start = rec.Start.Index
	}
	if err := s.PruneEpochs(epoch); err != nil {
		return err
	}
	return s.do(func() error {
		b := s.db.NewBatch()
		_ = b.DeleteRange(uint64Key(prefixEpoch, 0), uint64Key(prefixEpoch, epoch), nil)
		if start > 0 {
			for _, p := range []byte{prefixHeader, prefixSnapshot} {
				_ = b.DeleteRange(uint64Key(p, 0), uint64Key(p, start), nil)
			}
			end := start
			if logFrom > 0 {
				end = min(end, logFrom)
			}
			_ = b.DeleteRange(uint64Key(prefixCommit, 0), uint64Key(prefixCommit, end), nil)
		}
		return s.commit(b, false, "prune before epoch")
	})
}

// LoadAuthorBlocks returns the blocks of author in epoch above round above,
// in round order, decoding no other block: what a restarting validator reads
// of its own recent proposals (its mempool WAL's transactions in them may
// still commit). Its reads are set by the rounds above, not by the epoch's
// length.
func (s *Store) LoadAuthorBlocks(epoch uint64, author uint32, above uint64) ([]*dag.Block, error) {
	var out []*dag.Block
	err := s.do(func() error {
		lo, hi := epochBounds(prefixBlock, epoch)
		if above < ^uint64(0) {
			lo = append(lo[:len(lo):len(lo)], encodeUint64(above+1)...)
		} else {
			return nil
		}
		return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
			if _, _, a, _, ok := blockKeyParts(k); ok && a != author {
				return true, nil
			}
			b, err := s.decodeBlockAt(k, v)
			if err != nil {
				return false, err
			}
			out = append(out, b)
			return true, nil
		})
	})
	return out, err
}
