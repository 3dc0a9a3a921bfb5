package store

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble/v2"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// Store is a validator's durable state on pebble: the DAG blocks it accepted,
// the highest round stored per author and epoch (its own last proposal among
// them), the commits it applied, and its application's snapshots. It
// implements dag.Store. It is safe for concurrent use, but SaveBlocks calls
// are serialised (a Node makes them from one goroutine anyway).
//
// Sync policy: SaveBlocks and SaveSnapshot are synced (pebble.Sync): they
// return once the write is on stable storage. SaveCommits and PruneEpochs are
// not (pebble.NoSync): they become durable with the next synced write, or when
// pebble syncs its log on its own. Pebble's write-ahead log is sequential, so
// whatever survives a crash is a prefix of the writes in the order they were
// made, each whole or absent.
type Store struct {
	db    *pebble.DB
	opts  Options
	codec *codec
	log   *slog.Logger

	mu     sync.RWMutex // Close holds it for writing, every other call for reading
	closed bool
	fatal  atomic.Pointer[error] // set once pebble reports a fatal error

	roundMu sync.Mutex // serialises SaveBlocks; guards rounds
	rounds  map[epochAuthor]uint64

	commitMu sync.Mutex // serialises SaveCommits; guards last
	last     Position

	snapMu sync.Mutex // serialises SaveSnapshot

	headerMu   sync.Mutex // serialises SaveHeaders; guards lastHeader
	lastHeader uint64     // index of the last header stored
}

type epochAuthor struct {
	epoch  uint64
	author uint32
}

// Position is where the stored commit sequence ends: the last commit saved.
// The zero Position means no commit is stored.
type Position struct {
	Epoch     uint64
	Index     uint64
	Digest    chain.Digest
	Timestamp int64
}

func positionOf(c chain.Commit) Position {
	return Position{Epoch: c.Epoch, Index: c.Index, Digest: c.Digest, Timestamp: c.Timestamp}
}

var _ dag.Store = (*Store)(nil)

// Open opens the store in dir (created if missing) on opts.FS. Only one Store
// may have a directory open at a time (pebble locks it).
func Open(dir string, opts Options) (*Store, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	c, err := newCodec(opts)
	if err != nil {
		return nil, err
	}
	s := &Store{opts: opts, codec: c, log: opts.Logger, rounds: map[epochAuthor]uint64{}}
	cache := pebble.NewCache(opts.CacheSize)
	defer cache.Unref()
	po := &pebble.Options{
		FS:                 opts.FS,
		Cache:              cache,
		MemTableSize:       opts.MemTableSize,
		FormatMajorVersion: pebble.FormatNewest,
		Logger:             pebbleLogger{s},
	}
	db, err := pebble.Open(dir, po)
	if err == nil {
		err = s.failure()
	}
	if err != nil {
		if db != nil {
			_ = db.Close()
		}
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	s.db = db
	if err := s.load(); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	return s, nil
}

// load checks the format version (writing it into a new store) and reads the
// commit position and round marks.
func (s *Store) load() error {
	v, closer, err := s.db.Get(versionKey)
	switch {
	case errors.Is(err, pebble.ErrNotFound):
		it, err := s.db.NewIter(nil)
		if err != nil {
			return err
		}
		empty := !it.First()
		if err := errors.Join(it.Error(), it.Close()); err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("%w: no version key in a non-empty directory", ErrVersion)
		}
		if err := s.db.Set(versionKey, encodeUint64(formatVersion), pebble.Sync); err != nil {
			return s.wrap("write version", err)
		}
		if err := s.failure(); err != nil {
			return err
		}
	case err != nil:
		return s.wrap("read version", err)
	default:
		n, ok := decodeUint64(v)
		_ = closer.Close()
		if !ok || n != formatVersion {
			return fmt.Errorf("%w: %x, want %d", ErrVersion, v, formatVersion)
		}
	}
	// The commit position: the last commit key.
	lo, hi := prefixBounds(prefixCommit)
	err = s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
		c, err := s.decodeCommitAt(k, v)
		if err != nil {
			return false, err
		}
		s.last = positionOf(c)
		return false, nil
	})
	if err != nil {
		return err
	}
	// The last commit header.
	lo, hi = prefixBounds(prefixHeader)
	err = s.scan(lo, hi, true, func(k, _ []byte) (bool, error) {
		index, ok := uint64KeyPart(k, prefixHeader)
		if !ok {
			return false, fmt.Errorf("%w: header key %x", ErrCorrupt, k)
		}
		s.lastHeader = index
		return false, nil
	})
	if err != nil {
		return err
	}
	lo, hi = prefixBounds(prefixRound)
	return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
		r, okV := decodeUint64(v)
		epoch, author, okK := roundKeyParts(k)
		if !okV || !okK {
			return false, fmt.Errorf("%w: round mark %x = %x", ErrCorrupt, k, v)
		}
		s.rounds[epochAuthor{epoch: epoch, author: author}] = r
		return true, nil
	})
}

// Close closes the store. Later calls return ErrClosed; Close itself may be
// called again.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.db.Close()
	if f := s.failure(); f != nil {
		return fmt.Errorf("store: close: %w", f)
	}
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// do runs f unless the store is closed or has failed.
func (s *Store) do(f func() error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	if err := s.failure(); err != nil {
		return err
	}
	return f()
}

// failure returns the fatal error pebble reported, wrapping ErrFailed, if any.
func (s *Store) failure() error {
	if p := s.fatal.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *Store) fail(err error) {
	err = fmt.Errorf("%w: %v", ErrFailed, err)
	s.fatal.CompareAndSwap(nil, &err)
}

// wrap adds context to a pebble error; a fatal error pebble reported meanwhile
// takes precedence (it is why the call failed, or it voids its success).
func (s *Store) wrap(what string, err error) error {
	if f := s.failure(); f != nil {
		return fmt.Errorf("store: %s: %w", what, f)
	}
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}

// commit writes a batch and closes it.
func (s *Store) commit(b *pebble.Batch, sync bool, what string) error {
	opt := pebble.NoSync
	if sync {
		opt = pebble.Sync
	}
	err := b.Commit(opt)
	_ = b.Close()
	// Pebble reports a failed log write or sync through its Logger's Fatalf
	// (and Commit may then return nil): check for it after every write.
	return s.wrap(what, err)
}

// scan calls f on each key in [lo, hi), in order or in reverse, while f
// returns true. The slices f gets are valid during the call only.
func (s *Store) scan(lo, hi []byte, reverse bool, f func(k, v []byte) (bool, error)) error {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		return s.wrap("iterate", err)
	}
	var ferr error
	valid := it.First
	next := it.Next
	if reverse {
		valid, next = it.Last, it.Prev
	}
	for ok := valid(); ok; ok = next() {
		v, err := it.ValueAndErr()
		if err != nil {
			ferr = err
			break
		}
		more, err := f(it.Key(), v)
		if err != nil {
			ferr = err
			break
		}
		if !more {
			break
		}
	}
	if err := errors.Join(it.Error(), it.Close()); err != nil {
		return s.wrap("iterate", err)
	}
	if ferr != nil {
		return ferr
	}
	return s.failure()
}

// SaveBlocks implements dag.Store: it stores blocks, and raises the round mark
// of their authors, in one synced batch: when it returns the blocks are on
// stable storage, all of them or (after an error) none or all. This is what
// keeps a validator from signing two blocks for one round across a crash: a
// Node persists its own block here before it broadcasts it, and after a
// restart RawNode.Recover resumes after the latest own block stored.
func (s *Store) SaveBlocks(blocks []*dag.Block) error {
	if len(blocks) == 0 {
		return nil
	}
	return s.do(func() error {
		b := s.db.NewBatch()
		marks := map[epochAuthor]uint64{}
		for i, blk := range blocks {
			if blk == nil {
				_ = b.Close()
				return fmt.Errorf("store: save blocks: blocks[%d] is nil", i)
			}
			data, err := blk.Marshal()
			if err != nil {
				_ = b.Close()
				return fmt.Errorf("store: save block %s: %w", blk.Ref(), err)
			}
			if l := s.opts.Limits; len(data) > l.MaxBlockBytes || len(blk.Txs) > l.MaxBlockTxs {
				_ = b.Close()
				return fmt.Errorf("%w: block %s is %d bytes with %d txs, at most %d bytes and %d txs", ErrTooLarge, blk.Ref(), len(data), len(blk.Txs), l.MaxBlockBytes, l.MaxBlockTxs)
			}
			_ = b.Set(blockKey(blk.Epoch, blk.Round, blk.Author, blk.Digest()), data, nil)
			ea := epochAuthor{epoch: blk.Epoch, author: blk.Author}
			marks[ea] = max(marks[ea], blk.Round)
		}
		s.roundMu.Lock()
		defer s.roundMu.Unlock()
		for ea, r := range marks {
			if r > s.rounds[ea] {
				_ = b.Set(roundKey(ea.epoch, ea.author), encodeUint64(r), nil)
			} else {
				delete(marks, ea)
			}
		}
		if err := s.commit(b, true, "save blocks"); err != nil {
			return err
		}
		for ea, r := range marks {
			s.rounds[ea] = r
		}
		return nil
	})
}

// LoadBlocks implements dag.Store: it returns the blocks of the latest epoch
// stored, in (round, author, digest) order, each decoded within
// Options.Limits and checked against its key. RawNode.Recover refuses blocks
// of another epoch than the node's: to start a node at an older epoch, use
// ForEpoch.
func (s *Store) LoadBlocks() ([]*dag.Block, error) {
	epoch, ok, err := s.LastEpoch()
	if err != nil || !ok {
		return nil, err
	}
	return s.LoadEpochBlocks(epoch)
}

// LastEpoch returns the latest epoch of which a block is stored; ok is false
// if none is.
func (s *Store) LastEpoch() (epoch uint64, ok bool, err error) {
	err = s.do(func() error {
		lo, hi := prefixBounds(prefixBlock)
		return s.scan(lo, hi, true, func(k, _ []byte) (bool, error) {
			e, _, _, _, valid := blockKeyParts(k)
			if !valid {
				return false, fmt.Errorf("%w: block key %x", ErrCorrupt, k)
			}
			epoch, ok = e, true
			return false, nil
		})
	})
	return epoch, ok, err
}

// LoadEpochBlocks returns the blocks stored for epoch, as LoadBlocks does.
func (s *Store) LoadEpochBlocks(epoch uint64) ([]*dag.Block, error) {
	var out []*dag.Block
	err := s.do(func() error {
		lo, hi := epochBounds(prefixBlock, epoch)
		return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
			b, err := s.decodeBlockAt(k, v)
			if err != nil {
				return false, err
			}
			out = append(out, b)
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeBlockAt decodes the block stored under key k and checks it belongs
// there.
func (s *Store) decodeBlockAt(k, v []byte) (*dag.Block, error) {
	epoch, round, author, digest, ok := blockKeyParts(k)
	if !ok {
		return nil, fmt.Errorf("%w: block key %x", ErrCorrupt, k)
	}
	b, err := dag.DecodeBlock(v, s.opts.Limits)
	if err != nil {
		return nil, fmt.Errorf("%w: block %d/%d/%s: %v", ErrCorrupt, round, author, digest.Short(), err)
	}
	if b.Epoch != epoch || b.Round != round || b.Author != author || b.Digest() != digest {
		return nil, fmt.Errorf("%w: block under key %d/%d/%d/%s is %s of epoch %d", ErrCorrupt, epoch, round, author, digest.Short(), b.Ref(), b.Epoch)
	}
	return b, nil
}

// ForEpoch returns a dag.Store whose LoadBlocks loads the blocks of epoch (not
// the latest epoch) and whose SaveBlocks is the Store's: for a node that
// restarts at epoch while later epochs' blocks are stored.
func (s *Store) ForEpoch(epoch uint64) dag.Store { return epochStore{s: s, epoch: epoch} }

type epochStore struct {
	s     *Store
	epoch uint64
}

func (e epochStore) SaveBlocks(blocks []*dag.Block) error { return e.s.SaveBlocks(blocks) }
func (e epochStore) LoadBlocks() ([]*dag.Block, error)    { return e.s.LoadEpochBlocks(e.epoch) }

// LastRound returns the highest round of a block of author stored for epoch,
// 0 if none. For this validator's own index it is its last proposal round in
// the epoch: it never signs a block at or below it again (RawNode.Recover
// resumes after it).
func (s *Store) LastRound(epoch uint64, author uint32) (uint64, error) {
	var r uint64
	err := s.do(func() error {
		s.roundMu.Lock()
		defer s.roundMu.Unlock()
		r = s.rounds[epochAuthor{epoch: epoch, author: author}]
		return nil
	})
	return r, err
}

// PruneEpochs deletes the blocks and round marks of every epoch below epoch
// (not synced: a prune lost in a crash leaves old epochs behind, which
// LoadBlocks ignores, and is simply made again). Commits and snapshots stay.
func (s *Store) PruneEpochs(below uint64) error {
	if below == 0 {
		return nil
	}
	return s.do(func() error {
		s.roundMu.Lock()
		defer s.roundMu.Unlock()
		b := s.db.NewBatch()
		for _, p := range []byte{prefixBlock, prefixRound} {
			lo, _ := prefixBounds(p)
			hi, _ := epochBounds(p, below)
			_ = b.DeleteRange(lo, hi, nil)
		}
		if err := s.commit(b, false, "prune epochs"); err != nil {
			return err
		}
		for ea := range s.rounds {
			if ea.epoch < below {
				delete(s.rounds, ea)
			}
		}
		return nil
	})
}

// SaveCommits appends commits to the stored commit sequence, in one batch,
// not synced: commits are derived from blocks, and a restarted node derives
// those lost in a crash again (RawNode.Recover), so the caller saves them
// again. Each commit's Index must follow the last stored one (the first
// commit into an empty store may have any index: a chain may start from a
// snapshot). A commit at or below the stored position must be the one stored
// (same digest; it is then skipped): one that differs returns an error
// wrapping ErrCommitConflict, and a gap ErrCommitGap. On error nothing is
// written.
func (s *Store) SaveCommits(commits []chain.Commit) error {
	if len(commits) == 0 {
		return nil
	}
	return s.do(func() error {
		s.commitMu.Lock()
		defer s.commitMu.Unlock()
		last := s.last
		b := s.db.NewBatch()
		written := false
		for _, c := range commits {
			switch {
			case c.Index == 0:
				_ = b.Close()
				return fmt.Errorf("%w: commit index 0", ErrCommitGap)
			case last.Index != 0 && c.Index <= last.Index:
				if err := s.checkStored(c); err != nil {
					_ = b.Close()
					return err
				}
				continue
			case last.Index != 0 && c.Index != last.Index+1:
				_ = b.Close()
				return fmt.Errorf("%w: commit %d after %d", ErrCommitGap, c.Index, last.Index)
			}
			data, err := s.codec.encodeCommit(c)
			if err != nil {
				_ = b.Close()
				return err
			}
			_ = b.Set(uint64Key(prefixCommit, c.Index), data, nil)
			last = positionOf(c)
			written = true
		}
		if !written {
			_ = b.Close()
			return nil
		}
		if err := s.commit(b, false, "save commits"); err != nil {
			return err
		}
		s.last = last
		return nil
	})
}

// checkStored checks that c, at or below the stored position, is the commit
// stored. A commit below the first stored one (the sequence started from a
// snapshot) is taken as it is.
func (s *Store) checkStored(c chain.Commit) error {
	stored, err := s.loadCommit(c.Index)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if stored.Digest != c.Digest {
		return fmt.Errorf("%w: commit %d is %s, stored %s", ErrCommitConflict, c.Index, c.Digest.Short(), stored.Digest.Short())
	}
	return nil
}

// CommitPosition returns the last commit stored (the zero Position if none):
// where a restarted validator's commit log resumes. Its application resumes
// from its snapshot (LoadSnapshot), and the node derives and delivers the
// commits after that again.
func (s *Store) CommitPosition() (Position, error) {
	var p Position
	err := s.do(func() error {
		s.commitMu.Lock()
		defer s.commitMu.Unlock()
		p = s.last
		return nil
	})
	return p, err
}

// LoadCommit returns the commit stored at index, or an error wrapping
// ErrNotFound.
func (s *Store) LoadCommit(index uint64) (chain.Commit, error) {
	var c chain.Commit
	err := s.do(func() error {
		var err error
		c, err = s.loadCommit(index)
		return err
	})
	return c, err
}

func (s *Store) loadCommit(index uint64) (chain.Commit, error) {
	k := uint64Key(prefixCommit, index)
	v, closer, err := s.db.Get(k)
	if errors.Is(err, pebble.ErrNotFound) {
		return chain.Commit{}, fmt.Errorf("%w: commit %d", ErrNotFound, index)
	}
	if err != nil {
		return chain.Commit{}, s.wrap(fmt.Sprintf("load commit %d", index), err)
	}
	defer closer.Close()
	return s.decodeCommitAt(k, v)
}

func (s *Store) decodeCommitAt(k, v []byte) (chain.Commit, error) {
	index, ok := uint64KeyPart(k, prefixCommit)
	if !ok {
		return chain.Commit{}, fmt.Errorf("%w: commit key %x", ErrCorrupt, k)
	}
	c, err := s.codec.decodeCommit(v)
	if err != nil {
		return chain.Commit{}, fmt.Errorf("commit %d: %w", index, err)
	}
	if c.Index != index {
		return chain.Commit{}, fmt.Errorf("%w: commit under key %d has index %d", ErrCorrupt, index, c.Index)
	}
	return c, nil
}

// LoadCommits returns up to limit stored commits from index from on, in order
// (all of them if limit <= 0).
func (s *Store) LoadCommits(from uint64, limit int) ([]chain.Commit, error) {
	var out []chain.Commit
	err := s.do(func() error {
		lo := uint64Key(prefixCommit, from)
		_, hi := prefixBounds(prefixCommit)
		return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
			c, err := s.decodeCommitAt(k, v)
			if err != nil {
				return false, err
			}
			out = append(out, c)
			return limit <= 0 || len(out) < limit, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SaveSnapshot stores an application snapshot, synced, and deletes all but
// the KeepSnapshots newest in the same batch. It is synced because a caller
// may act on it at once (drop state the snapshot replaces), and rare enough
// that the sync costs little.
func (s *Store) SaveSnapshot(sn Snapshot) error {
	data, err := s.codec.encodeSnapshot(sn)
	if err != nil {
		return err
	}
	return s.do(func() error {
		s.snapMu.Lock()
		defer s.snapMu.Unlock()
		// The heights stored, newest first, with the new one among them.
		heights := []uint64{sn.Height}
		lo, hi := prefixBounds(prefixSnapshot)
		err := s.scan(lo, hi, true, func(k, _ []byte) (bool, error) {
			h, ok := uint64KeyPart(k, prefixSnapshot)
			if !ok {
				return false, fmt.Errorf("%w: snapshot key %x", ErrCorrupt, k)
			}
			if h != sn.Height {
				heights = append(heights, h)
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		slices.SortFunc(heights, func(a, b uint64) int { return cmp.Compare(b, a) })
		b := s.db.NewBatch()
		_ = b.Set(uint64Key(prefixSnapshot, sn.Height), data, nil)
		for _, h := range heights[min(s.opts.KeepSnapshots, len(heights)):] {
			_ = b.Delete(uint64Key(prefixSnapshot, h), nil)
		}
		return s.commit(b, true, fmt.Sprintf("save snapshot %d", sn.Height))
	})
}

// LoadSnapshot returns the newest snapshot stored, or an error wrapping
// ErrNotFound.
func (s *Store) LoadSnapshot() (Snapshot, error) {
	var sn Snapshot
	found := false
	err := s.do(func() error {
		lo, hi := prefixBounds(prefixSnapshot)
		return s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
			var err error
			if sn, err = s.decodeSnapshotAt(k, v); err != nil {
				return false, err
			}
			found = true
			return false, nil
		})
	})
	if err != nil {
		return Snapshot{}, err
	}
	if !found {
		return Snapshot{}, fmt.Errorf("%w: no snapshot", ErrNotFound)
	}
	return sn, nil
}

// pebbleLogger passes pebble's logs to the Store's logger, and turns its
// fatal errors (a failed log write or sync, among others) into ErrFailed
// instead of exiting the process: the Store then refuses every call, and the
// caller stops and reopens it.
type pebbleLogger struct{ s *Store }

func (l pebbleLogger) Infof(format string, args ...any) {
	l.s.log.Debug(fmt.Sprintf(format, args...), "source", "pebble")
}

func (l pebbleLogger) Errorf(format string, args ...any) {
	l.s.log.Error(fmt.Sprintf(format, args...), "source", "pebble")
}

func (l pebbleLogger) Fatalf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	l.s.log.Error(msg, "source", "pebble", "fatal", true)
	l.s.fail(errors.New(msg))
}
