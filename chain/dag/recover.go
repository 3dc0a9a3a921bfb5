package dag

import (
	"cmp"
	"fmt"
	"slices"
)

// Recovery is what RecoverFrom resumes a restarted validator from: what its
// store holds of the current epoch at its last commit, so that a restart
// reads a GC window of blocks, not the whole epoch.
type Recovery struct {
	// Headers are stored commit headers of the epoch, oldest first, ending with
	// the commit to resume after — at or below the one the application last
	// applied (NodeConfig.Applied): commits up to it are not derived again. They
	// must include every commit whose leader is above that commit's GC round
	// (its leader's round minus GCDepth), whose blocks are marked committed;
	// older ones are ignored. Empty: resume from the epoch's start, as Recover.
	Headers []CommitHeader
	// Blocks are the stored blocks of the epoch, at least those above that GC
	// round (those at or below it are ignored). They are trusted, not checked
	// again.
	Blocks []*Block
	// SignedRound is the highest round this validator signed a block for in
	// the epoch (the store's watermark, e.g. chain/store's LastRound): it never
	// signs at or below it again, even if that block is not among Blocks.
	SignedRound uint64
}

// RecoverFrom is Recover from a commit instead of the epoch's first round: the
// node takes the last header's commit state (index, digest, timestamp, last
// decided slot, GC round), accepts the blocks above the GC round, marks the
// blocks of the headers as committed, and derives the commits after the last
// header again (they appear in Ready.Commits). Call it once, on a new RawNode,
// before anything else. Blocks below the GC round that recovered blocks link
// are taken as vouched for (see dagState), since these blocks were accepted
// before the crash.
func (rn *RawNode) RecoverFrom(r Recovery) error {
	if len(r.Headers) > 0 && !rn.BoundedRecovery() && !rn.replayReputation(r.Headers, r.Blocks) {
		// The leader schedule of the commits to come cannot be rebuilt from
		// these headers: resuming from them could elect other leaders than
		// the peers do. The RawNode's reputation state is spent: use a new one.
		return fmt.Errorf("%w: RecoverFrom a commit with leader reputation on needs the committed blocks of the last three reputation windows: use Recover with every block of the epoch", ErrConfig)
	}
	if len(r.Headers) == 0 {
		if err := rn.Recover(r.Blocks); err != nil {
			return err
		}
		rn.raiseSigned(r.SignedRound)
		return nil
	}
	last := r.Headers[len(r.Headers)-1]
	for i, h := range r.Headers {
		if h.Epoch != rn.dag.epoch {
			return fmt.Errorf("%w: recovered header %d (commit %d) is of epoch %d, this is %d", ErrWrongEpoch, i, h.Index, h.Epoch, rn.dag.epoch)
		}
		if i > 0 && h.Index != r.Headers[i-1].Index+1 {
			return fmt.Errorf("%w: recovered headers: commit %d follows %d", ErrInvalidMessage, h.Index, r.Headers[i-1].Index)
		}
	}
	gc := uint64(0)
	if last.Leader.Round > rn.cfg.GCDepth {
		gc = last.Leader.Round - rn.cfg.GCDepth
	}
	var blocks []*Block
	for _, b := range r.Blocks {
		if b.Epoch != rn.dag.epoch {
			return fmt.Errorf("%w: recovered block %s is of epoch %d, this is %d", ErrWrongEpoch, b.Ref(), b.Epoch, rn.dag.epoch)
		}
		if b.Round > gc {
			blocks = append(blocks, b)
		}
	}
	slices.SortStableFunc(blocks, func(a, b *Block) int { return compareRefs(a.Ref(), b.Ref()) })
	rn.dag.gcRound = gc
	for _, b := range blocks {
		for _, p := range b.Parents {
			if p.Round <= gc && p.Round > 0 {
				rn.dag.collected[p] = true
			}
		}
		if b.Author == rn.self && b.Round > rn.proposed {
			rn.proposed, rn.lastOwn = b.Round, b
		}
	}
	for _, h := range r.Headers {
		for _, ref := range h.Blocks {
			if ref.Round > gc {
				rn.syncMarks[ref] = true
			}
		}
	}
	rn.commitIndex, rn.commitDigest, rn.commitTime, rn.commitLeaderRnd = last.Index, last.Digest, last.Timestamp, last.Leader.Round
	rn.lastDecided = LeaderSlot{Round: last.Leader.Round, Offset: int(last.LeaderOffset), Author: last.Leader.Author}
	rn.recovering = true
	for _, b := range blocks {
		if !rn.dag.has(b.Ref()) {
			rn.accept(b)
		}
	}
	rn.recovering = false
	for ref := range rn.syncMarks {
		if ref.Round <= gc {
			delete(rn.syncMarks, ref)
		}
	}
	if rn.lastOwn.Round > 0 {
		for _, p := range rn.lastOwn.Parents[1:] {
			rn.included[p.Author] = max(rn.included[p.Author], p.Round)
		}
	}
	rn.raiseSigned(r.SignedRound)
	rn.lastPropT = rn.now
	rn.tryCommit()
	return nil
}

// BoundedRecovery reports whether RecoverFrom may resume from any GC window
// of headers. While leader reputation is on (Config.ReputationWindow, the
// default) the leader schedule is a function of the commits of the last three
// reputation windows, which a GC window of headers does not always hold (a
// degraded network commits fewer leaders per round): RecoverFrom then replays
// them and refuses headers that do not reach back that far, since a node
// resuming from them could elect other leaders than its peers. Node and the
// simulator therefore recover the whole epoch with Recover while reputation
// is on.
func (rn *RawNode) BoundedRecovery() bool { return rn.reputation() == nil }

// raiseSigned makes the node never sign at or below round.
func (rn *RawNode) raiseSigned(round uint64) {
	rn.proposed = max(rn.proposed, round)
}

// LoadRecovery implements RecoveryStore for tests and simulations: the
// headers from the one at index applied (or the last one stored, if lower)
// back to its GC window, and the blocks of the epoch above its GC round (all
// of them when no header is found).
func (s *MemoryStore) LoadRecovery(epoch, applied, gcDepth uint64, self uint32) (Recovery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var r Recovery
	for _, b := range s.blocks {
		if b.Epoch == epoch {
			r.Blocks = append(r.Blocks, b)
			if b.Author == self {
				r.SignedRound = max(r.SignedRound, b.Round)
			}
		}
	}
	end := min(applied, s.base+uint64(len(s.headers))-1)
	if len(s.headers) == 0 || end < s.base {
		return r, nil
	}
	last := s.headers[end-s.base]
	if last.Epoch != epoch {
		return r, nil
	}
	gc := uint64(0)
	if last.Leader.Round > gcDepth {
		gc = last.Leader.Round - gcDepth
	}
	first := end
	for first > s.base && s.headers[first-1-s.base].Epoch == epoch && s.headers[first-1-s.base].Leader.Round > gc {
		first--
	}
	r.Headers = slices.Clone(s.headers[first-s.base : end-s.base+1])
	r.Blocks = slices.DeleteFunc(r.Blocks, func(b *Block) bool { return b.Round <= gc })
	slices.SortFunc(r.Blocks, func(a, b *Block) int { return cmp.Compare(a.Round, b.Round) })
	return r, nil
}

// RecoveryStore is a Store that can give a restarting Node a bounded
// Recovery (RawNode.RecoverFrom) instead of every block of the epoch.
// MemoryStore and chain/store's Store implement it.
type RecoveryStore interface {
	Store
	// LoadRecovery returns what RecoverFrom needs to resume validator self in
	// epoch at the commit applied (or the last stored below it).
	LoadRecovery(epoch, applied, gcDepth uint64, self uint32) (Recovery, error)
}
