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
	if len(r.Headers) > 0 && !rn.replayReputation(r.Headers, r.Blocks) {
		// The leader schedule of the commits to come cannot be rebuilt from
		// these headers: resuming from them could elect other leaders than
		// the peers do. The RawNode's reputation state is spent: use a new one.
		return fmt.Errorf("%w: RecoverFrom a commit with leader reputation on needs the committed blocks of the last three reputation windows (RecoveryNeeds): use Recover with every block of the epoch", ErrIncompleteRecovery)
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

// RecoveryNeeds says how much of the epoch below the commit it resumes from
// RecoverFrom needs: what a RecoveryStore's LoadRecovery must return.
type RecoveryNeeds struct {
	// GCDepth: the blocks above the resume commit's leader round minus GCDepth
	// (the live DAG), and the headers of the commits whose leaders are above it.
	GCDepth uint64
	// History: the headers of at least this many commits before the resume
	// commit (stopping at the epoch's start), with every block they order.
	// Leader reputation (Config.ReputationWindow) rebuilds its schedule from
	// the commits of the last three windows: 3 x ReputationWindow. 0 without
	// reputation.
	History uint64
}

// RecoveryNeeds returns what RecoverFrom needs below the resume commit: a GC
// window, and with leader reputation on (the default) the committed blocks of
// the last three reputation windows, so that the node elects the leaders its
// peers elect. Both are set by the configuration, not by the epoch's length:
// a restart reads about GCDepth rounds of blocks plus 3 x ReputationWindow
// commits, however long the epoch has run.
func (rn *RawNode) RecoveryNeeds() RecoveryNeeds {
	n := RecoveryNeeds{GCDepth: rn.cfg.GCDepth}
	if r := rn.reputation(); r != nil {
		n.History = 3 * uint64(r.window)
	}
	return n
}

// raiseSigned makes the node never sign at or below round.
func (rn *RawNode) raiseSigned(round uint64) {
	rn.proposed = max(rn.proposed, round)
}

// LoadRecovery implements RecoveryStore for tests and simulations: the
// headers from the one at index applied (or the last one stored, if lower)
// back to its GC window and at least needs.History commits, the blocks of the
// epoch above its GC round and those the headers order (all of the epoch's
// blocks when no header is found).
func (s *MemoryStore) LoadRecovery(epoch, applied uint64, needs RecoveryNeeds, self uint32) (Recovery, error) {
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
	if last.Leader.Round > needs.GCDepth {
		gc = last.Leader.Round - needs.GCDepth
	}
	first := end
	for first > s.base && s.headers[first-1-s.base].Epoch == epoch && (s.headers[first-1-s.base].Leader.Round > gc || end-(first-1) <= needs.History) {
		first--
	}
	r.Headers = slices.Clone(s.headers[first-s.base : end-s.base+1])
	ordered := map[BlockRef]bool{}
	for _, h := range r.Headers {
		for _, ref := range h.Blocks {
			ordered[ref] = true
		}
	}
	r.Blocks = slices.DeleteFunc(r.Blocks, func(b *Block) bool { return b.Round <= gc && !ordered[b.Ref()] })
	slices.SortFunc(r.Blocks, func(a, b *Block) int { return cmp.Compare(a.Round, b.Round) })
	return r, nil
}

// RecoveryStore is a Store that can give a restarting Node a bounded
// Recovery (RawNode.RecoverFrom) instead of every block of the epoch.
// MemoryStore and chain/store's Store implement it.
type RecoveryStore interface {
	Store
	// LoadRecovery returns what RecoverFrom needs (RawNode.RecoveryNeeds) to
	// resume validator self in epoch at the commit applied (or the last stored
	// below it).
	LoadRecovery(epoch, applied uint64, needs RecoveryNeeds, self uint32) (Recovery, error)
}
