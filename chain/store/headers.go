package store

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/depinkit/depinkit/chain/dag"
)

// maxHeaderBlocks bounds the block refs of a stored commit header.
const maxHeaderBlocks = 1 << 16

var _ dag.CommitStore = (*Store)(nil)

// SaveHeaders implements dag.CommitStore: it stores commit headers
// (Ready.Headers) under their index, in one batch, not synced (a Node saves
// them after the synced blocks of the same Ready; pebble's log keeps the
// order, so a header never survives a crash without its blocks). Headers at
// or below the last one stored are skipped (derived again after a restart).
func (s *Store) SaveHeaders(headers []dag.CommitHeader) error {
	if len(headers) == 0 {
		return nil
	}
	return s.do(func() error {
		s.headerMu.Lock()
		defer s.headerMu.Unlock()
		b := s.db.NewBatch()
		last := s.lastHeader
		for i := range headers {
			h := &headers[i]
			if h.Index <= last {
				continue
			}
			data, err := h.Marshal()
			if err != nil {
				_ = b.Close()
				return err
			}
			_ = b.Set(uint64Key(prefixHeader, h.Index), data, nil)
			last = h.Index
		}
		if last == s.lastHeader {
			_ = b.Close()
			return nil
		}
		if err := s.commit(b, false, "save headers"); err != nil {
			return err
		}
		s.lastHeader = last
		return nil
	})
}

// CommitHeaders implements dag.CommitSource: up to limit stored headers from
// index from on, in order, stopping before the first index not stored.
func (s *Store) CommitHeaders(from uint64, limit int) ([]dag.CommitHeader, error) {
	var out []dag.CommitHeader
	err := s.do(func() error {
		lo, hi := uint64Key(prefixHeader, from), []byte{prefixHeader + 1}
		next := from
		return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
			h, err := s.decodeHeaderAt(k, v)
			if err != nil {
				return false, err
			}
			if h.Index != next || len(out) >= limit {
				return false, nil
			}
			out = append(out, h)
			next++
			return len(out) < limit, nil
		})
	})
	return out, err
}

func (s *Store) decodeHeaderAt(k, v []byte) (dag.CommitHeader, error) {
	index, ok := uint64KeyPart(k, prefixHeader)
	if !ok {
		return dag.CommitHeader{}, fmt.Errorf("%w: header key %x", ErrCorrupt, k)
	}
	h, err := dag.DecodeCommitHeader(v, maxHeaderBlocks)
	if err != nil {
		return dag.CommitHeader{}, fmt.Errorf("%w: header %d: %v", ErrCorrupt, index, err)
	}
	if h.Index != index {
		return dag.CommitHeader{}, fmt.Errorf("%w: header under key %d has index %d", ErrCorrupt, index, h.Index)
	}
	return h, nil
}

// LoadHeader returns the header stored at index, or an error wrapping
// ErrNotFound.
func (s *Store) LoadHeader(index uint64) (dag.CommitHeader, error) {
	var h dag.CommitHeader
	err := s.do(func() error {
		k := uint64Key(prefixHeader, index)
		v, closer, err := s.db.Get(k)
		if errors.Is(err, pebble.ErrNotFound) {
			return fmt.Errorf("%w: header %d", ErrNotFound, index)
		}
		if err != nil {
			return s.wrap(fmt.Sprintf("load header %d", index), err)
		}
		defer closer.Close()
		h, err = s.decodeHeaderAt(k, v)
		return err
	})
	return h, err
}

// Blocks implements dag.CommitSource: the stored blocks of refs of epoch, nil
// for one not stored.
func (s *Store) Blocks(epoch uint64, refs []dag.BlockRef) ([]*dag.Block, error) {
	out := make([]*dag.Block, len(refs))
	err := s.do(func() error {
		for i, r := range refs {
			k := blockKey(epoch, r.Round, r.Author, r.Digest)
			v, closer, err := s.db.Get(k)
			if errors.Is(err, pebble.ErrNotFound) {
				continue
			}
			if err != nil {
				return s.wrap("load block", err)
			}
			b, err := s.decodeBlockAt(k, v)
			closer.Close()
			if err != nil {
				return err
			}
			out[i] = b
		}
		return nil
	})
	return out, err
}

// PruneCommits deletes the commit headers below index below, and every block
// no kept commit may need: those of earlier epochs than commit below's, and
// those of its epoch at or below the GC round its linearizer used (the round
// of the previous commit's leader minus gcDepth, the node's Config.GCDepth).
// Commit sync is then served from commit below on, and a restart recovers
// from any kept commit (RawNode.RecoverFrom). Call it now and then with a
// retention (CometBFT's retain_height): below = last commit - retention, and
// never above the commit of the application's last snapshot. Not synced,
// like PruneEpochs.
func (s *Store) PruneCommits(below, gcDepth uint64) error {
	if below <= 1 {
		return nil
	}
	h, err := s.LoadHeader(below)
	if err != nil {
		return err
	}
	round := uint64(0)
	if prev, err := s.LoadHeader(below - 1); err == nil && prev.Epoch == h.Epoch && prev.Leader.Round > gcDepth {
		round = prev.Leader.Round - gcDepth
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if err := s.PruneEpochs(h.Epoch); err != nil {
		return err
	}
	return s.do(func() error {
		b := s.db.NewBatch()
		_ = b.DeleteRange([]byte{prefixHeader}, uint64Key(prefixHeader, below), nil)
		if round > 0 {
			lo, _ := epochBounds(prefixBlock, h.Epoch)
			hi := append(lo[:len(lo):len(lo)], encodeUint64(round+1)...)
			_ = b.DeleteRange(lo, hi, nil)
		}
		return s.commit(b, false, "prune commits")
	})
}

var _ dag.RecoveryStore = (*Store)(nil)

// recoveryHeaders returns the headers LoadRecovery reads to resume at last:
// back from it while their leaders are above its GC round or they are within
// needs.History commits of it, in its epoch; and that GC round.
func (s *Store) recoveryHeaders(last dag.CommitHeader, needs dag.RecoveryNeeds) ([]dag.CommitHeader, uint64, error) {
	gc := uint64(0)
	if last.Leader.Round > needs.GCDepth {
		gc = last.Leader.Round - needs.GCDepth
	}
	headers := []dag.CommitHeader{last}
	err := s.do(func() error {
		lo, hi := uint64Key(prefixHeader, 0), uint64Key(prefixHeader, last.Index)
		return s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
			h, err := s.decodeHeaderAt(k, v)
			if err != nil {
				return false, err
			}
			if h.Epoch != last.Epoch || (h.Leader.Round <= gc && last.Index-h.Index > needs.History) || h.Index+1 != headers[0].Index {
				return false, nil
			}
			headers = append([]dag.CommitHeader{h}, headers...)
			return true, nil
		})
	})
	return headers, gc, err
}

// RecoveryFloor returns the lowest commit LoadRecovery reads to resume at
// commit applied with needs: pruning below it (PruneCommits) keeps a restart
// from there bounded. It returns applied itself when no header of it is
// stored.
func (s *Store) RecoveryFloor(applied uint64, needs dag.RecoveryNeeds) (uint64, error) {
	last, err := s.LoadHeader(applied)
	if errors.Is(err, ErrNotFound) {
		return applied, nil
	}
	if err != nil {
		return 0, err
	}
	headers, _, err := s.recoveryHeaders(last, needs)
	if err != nil {
		return 0, err
	}
	return headers[0].Index, nil
}

// LoadRecovery implements dag.RecoveryStore: what a restarting validator's
// RawNode.RecoverFrom needs (dag.RawNode.RecoveryNeeds) to resume validator
// self in epoch at commit applied (the application's height; the last header
// stored if lower). It reads the headers from that one back to its GC window
// and at least needs.History commits (leader reputation's three windows), the
// blocks of the epoch above the GC round and those the older headers order —
// a number of reads set by GCDepth and the reputation window, not by the
// epoch's length — and self's signed-round watermark (LastRound). With no such
// header of the epoch (a new epoch, an application at height 0) it returns
// every block of the epoch and no header: Recover's way.
func (s *Store) LoadRecovery(epoch, applied uint64, needs dag.RecoveryNeeds, self uint32) (dag.Recovery, error) {
	var r dag.Recovery
	var err error
	if r.SignedRound, err = s.LastRound(epoch, self); err != nil {
		return r, err
	}
	s.headerMu.Lock()
	end := min(applied, s.lastHeader)
	s.headerMu.Unlock()
	var last dag.CommitHeader
	if end > 0 {
		last, err = s.LoadHeader(end)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return r, err
		}
	}
	if end == 0 || err != nil || last.Epoch != epoch {
		r.Blocks, err = s.LoadEpochBlocks(epoch)
		return r, err
	}
	var gc uint64
	if r.Headers, gc, err = s.recoveryHeaders(last, needs); err != nil {
		return r, err
	}
	// The blocks at or below the GC round that the headers order (leader
	// reputation replays them), in the order of the headers; a pruned one is
	// left out (RecoverFrom then reports ErrIncompleteRecovery).
	for _, h := range r.Headers {
		var refs []dag.BlockRef
		for _, ref := range h.Blocks {
			if ref.Round <= gc {
				refs = append(refs, ref)
			}
		}
		if len(refs) == 0 {
			continue
		}
		bs, err := s.Blocks(epoch, refs)
		if err != nil {
			return r, err
		}
		for _, b := range bs {
			if b != nil {
				r.Blocks = append(r.Blocks, b)
			}
		}
	}
	err = s.do(func() error {
		lo, hi := epochBounds(prefixBlock, epoch)
		lo = append(lo[:len(lo):len(lo)], encodeUint64(gc+1)...)
		return s.scan(lo, hi, false, func(k, v []byte) (bool, error) {
			b, err := s.decodeBlockAt(k, v)
			if err != nil {
				return false, err
			}
			r.Blocks = append(r.Blocks, b)
			return true, nil
		})
	})
	return r, err
}
