package dag

import (
	"cmp"
	"crypto/ed25519"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// Commit sync: how a validator that fell behind — by seconds, hours or a whole
// epoch — catches up without trusting the peer that answers it. It follows
// Sui's consensus/core commit_syncer.rs, commit_vote_monitor.rs and commit.rs
// (CommitVote, TrustedCommit) in its rules, not its code:
//
//   - every block carries a commit vote (Block.Vote): the latest commit its
//     author had linearized when it proposed it, by index and digest;
//   - a RawNode tracks, from every validly signed block it sees (even one it
//     cannot accept yet), the highest commit index voted by validators with at
//     least f+1 stake. When that exceeds its own commit index by more than
//     Config.CommitSyncLag, it asks a peer for the commits after its own
//     (MsgCommitRequest), rotating peers on FetchTimeout;
//   - the peer answers from its store, off its consensus goroutine
//     (ServeCommits): commit headers, the blocks of a prefix of them, and
//     certifier blocks with their signers' keys;
//   - the asker recomputes the digest chain from its own last commit
//     (chain.HashCommitV2), counts the certifiers whose signed votes name a
//     commit of that chain at or after a commit i, by key and stake of its
//     validator set, and takes commit i once they reach a quorum (a vote for j
//     certifies every commit up to j: the chain links them). Honest validators
//     vote only for commits they linearized, so a quorum holds an honest one.
//     Then it verifies the blocks (V1-V6, V8: not parent presence), emits the
//     commits in Ready.Commits as its linearizer would, adopts their state
//     (index, digest, timestamp, last decided slot, GC round), remembers their
//     blocks as committed so that none is linearized twice, and fetches the
//     live DAG above the new GC round as usual (pitfall 8 of the notes: synced
//     commits are processed before the commit rule runs again).
//
// A commit whose blocks do not fit in one response (SyncLimits.MaxBytes or
// MaxBlocks: a large commit after a long leader timeout, or blocks near
// Limits.MaxBlockBytes) comes in parts: a response with Full 0 carries its
// certified header and blocks from position Chunk on, the asker keeps the
// parts in order (RawNode.onCommitPart) and says in its next request how
// many blocks it holds (Chunk), and it applies the commit once it holds them
// all. Without parts, such a commit made a response larger than
// MessageLimits.MaxMessageBytes, which no transport sends: a validator behind
// it could never catch up.
//
// A response stops at the last commit of an epoch; after the caller applies it
// and calls NextEpoch, the sync goes on in the next epoch (the certifiers of
// an epoch's last commit are the next epoch's first blocks: they are counted
// by key against the old set).

// CommitHeader is a commit without its transactions: what a validator stores
// of each commit (Ready.Headers) to serve commit sync, and what
// MsgCommitResponse carries. Digest is chain.HashCommitV2 over the previous
// commit's digest, the header's fields and the digests of Blocks.
type CommitHeader struct {
	Epoch     uint64
	Index     uint64
	Timestamp int64
	// Leader is the committed leader block (one of Blocks), LeaderOffset its
	// position among the leaders of its round (LeaderSlot.Offset).
	Leader       BlockRef
	LeaderOffset uint32
	// Blocks are the blocks the commit orders, in order.
	Blocks []BlockRef
	Digest chain.Digest
}

// head returns what chain.HashCommitV2 covers of the header.
func (h *CommitHeader) head() chain.CommitHead {
	return chain.CommitHead{Index: h.Index, Epoch: h.Epoch, Timestamp: h.Timestamp, Leader: h.Leader.Digest, LeaderRound: h.Leader.Round, LeaderAuthor: h.Leader.Author}
}

// hash computes the header's chained digest after prev.
func (h *CommitHeader) hash(prev chain.Digest) chain.Digest {
	ds := make([]chain.Digest, len(h.Blocks))
	for i, r := range h.Blocks {
		ds[i] = r.Digest
	}
	return chain.HashCommitV2(prev, h.head(), ds)
}

// check reports a header whose shape a linearizer could not have made: no
// blocks, blocks not sorted, a block above the leader's round, the leader
// absent.
func (h *CommitHeader) check() error {
	if len(h.Blocks) == 0 {
		return fmt.Errorf("%w: commit %d has no blocks", ErrInvalidMessage, h.Index)
	}
	leader := false
	for i, r := range h.Blocks {
		if i > 0 && compareRefs(h.Blocks[i-1], r) >= 0 {
			return fmt.Errorf("%w: commit %d: blocks[%d] out of order", ErrInvalidMessage, h.Index, i)
		}
		if r.Round > h.Leader.Round || r.Round == 0 {
			return fmt.Errorf("%w: commit %d: blocks[%d] at round %d, leader at %d", ErrInvalidMessage, h.Index, i, r.Round, h.Leader.Round)
		}
		leader = leader || r == h.Leader
	}
	if !leader {
		return fmt.Errorf("%w: commit %d: the leader %s is not among its blocks", ErrInvalidMessage, h.Index, h.Leader)
	}
	return nil
}

// CommitSource is what ServeCommits reads: the commit headers and blocks a
// validator stored (Ready.Headers and Ready.Accepted). MemoryStore and
// chain/store's Store implement it.
type CommitSource interface {
	// CommitHeaders returns up to limit stored headers from index from on, in
	// order, stopping before the first index not stored.
	CommitHeaders(from uint64, limit int) ([]CommitHeader, error)
	// Blocks returns the stored blocks of refs of epoch, in order, nil for one
	// not stored.
	Blocks(epoch uint64, refs []BlockRef) ([]*Block, error)
}

// SyncLimits bound a MsgCommitResponse. Zero fields take the
// DefaultSyncLimits ones.
type SyncLimits struct {
	// MaxCommits bounds the headers of a response. Default 256.
	MaxCommits int
	// MaxBlocks bounds the blocks of a response (full commits and certifiers).
	// Default 512, the default Config.MaxFetchBlocks.
	MaxBlocks int
	// MaxBytes bounds the encoded blocks of a response, and apart its
	// certifiers. Default 4 MiB, half the default
	// MessageLimits.MaxMessageBytes. A commit whose blocks exceed it (or
	// MaxBlocks) comes in parts of at most that many (at least one block
	// each).
	MaxBytes int
}

// DefaultSyncLimits are the limits used for zero fields.
var DefaultSyncLimits = SyncLimits{MaxCommits: 256, MaxBlocks: 512, MaxBytes: 4 << 20}

func (l SyncLimits) withDefaults() SyncLimits {
	if l.MaxCommits <= 0 {
		l.MaxCommits = DefaultSyncLimits.MaxCommits
	}
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultSyncLimits.MaxBlocks
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultSyncLimits.MaxBytes
	}
	return l
}

// ServeCommits answers a MsgCommitRequest from src: the headers of the commits
// after req.Index (up to MaxCommits, the full ones stopping at the last commit
// of an epoch), the blocks of as many of them as fit in MaxBlocks and
// MaxBytes, and certifiers — per validator, the stored block with the highest
// vote for a commit of the response — with their keys, which keys returns by
// epoch (nil for an epoch not known). self is the answering validator. It
// returns false when it has nothing to send. Call it off the consensus
// goroutine: it reads the store, the RawNode is not involved.
func ServeCommits(src CommitSource, keys func(epoch uint64) *chain.ValidatorSet, self uint32, req Message, l SyncLimits) (Message, bool, error) {
	if req.Type != MsgCommitRequest {
		return Message{}, false, fmt.Errorf("%w: serve a %v", ErrInvalidMessage, req.Type)
	}
	l = l.withDefaults()
	if req.Chunk < 0 {
		return Message{}, false, fmt.Errorf("%w: commit request: chunk %d", ErrInvalidMessage, req.Chunk)
	}
	headers, err := src.CommitHeaders(req.Index+1, l.MaxCommits)
	if err != nil || len(headers) == 0 || headers[0].Index != req.Index+1 {
		return Message{}, false, err
	}
	// The first commit: whole if it fits and the asker holds none of its
	// blocks, else a part of it from the asker's offset (req.Chunk).
	first0, size0, err := commitBlocks(src, &headers[0])
	if err != nil || first0 == nil || req.Chunk >= len(first0) {
		return Message{}, false, err
	}
	var blocks []*Block
	full, used, offset := 0, 0, 0
	if req.Chunk == 0 && len(first0) <= l.MaxBlocks && size0 <= l.MaxBytes {
		blocks, used, full = first0, size0, 1
		// The full prefix: within the limits, and within the first header's
		// epoch.
		for full < len(headers) && headers[full].Epoch == headers[0].Epoch {
			h := &headers[full]
			if len(blocks)+len(h.Blocks) > l.MaxBlocks {
				break
			}
			bs, size, err := commitBlocks(src, h)
			if err != nil {
				return Message{}, false, err
			}
			if bs == nil || used+size > l.MaxBytes {
				break
			}
			blocks = append(blocks, bs...)
			used += size
			full++
		}
	} else {
		// A part: at least one block, then as many as fit. The asker keeps
		// the parts until it holds the whole commit (RawNode.onCommitPart).
		offset = req.Chunk
		k := 0
		for offset+k < len(first0) && k < l.MaxBlocks && (k == 0 || used+first0[offset+k].Size() <= l.MaxBytes) {
			used += first0[offset+k].Size()
			k++
		}
		blocks = first0[offset : offset+k]
	}
	// Certifiers: per author key, the block with the highest vote for a commit
	// of the response, among the first commit's blocks, the full blocks and
	// those of the headers after them (loaded within the limits).
	first, last := headers[0].Index, headers[len(headers)-1].Index
	type cand struct {
		b   *Block
		key ed25519.PublicKey
	}
	best := map[string]cand{}
	consider := func(b *Block) {
		if b == nil || b.Vote.Index < first || b.Vote.Index > last {
			return
		}
		set := keys(b.Epoch)
		if set == nil || !set.Valid(b.Author) {
			return
		}
		key := set.Key(b.Author)
		if c, ok := best[string(key)]; !ok || b.Vote.Index > c.b.Vote.Index {
			best[string(key)] = cand{b, key}
		}
	}
	loaded := len(blocks)
	if full == 0 {
		// A part: every block of the first commit, sent or not.
		for _, b := range first0 {
			consider(b)
		}
		loaded = len(first0)
	} else {
		for _, b := range blocks {
			consider(b)
		}
	}
	for i := max(full, 1); i < len(headers) && loaded < 2*l.MaxBlocks; i++ {
		bs, err := src.Blocks(headers[i].Epoch, headers[i].Blocks)
		if err != nil {
			return Message{}, false, err
		}
		loaded += len(bs)
		for _, b := range bs {
			consider(b)
		}
	}
	inFull := make(map[BlockRef]bool, len(blocks))
	for _, b := range blocks {
		inFull[b.Ref()] = true
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Compare(string(a.key), string(b.key)) })
	// The response is addressed in the asker's epoch (its index is of that
	// epoch's set); the headers say which epochs the commits are of.
	out := Message{Type: MsgCommitResponse, Epoch: req.Epoch, From: self, To: req.From, Index: req.Index, Blocks: blocks, Full: full, Chunk: offset}
	maxVote := headers[max(full, 1)-1].Index
	certBytes := 0 // the certifiers have MaxBytes of their own, beside the blocks'
	for _, c := range cands {
		maxVote = max(maxVote, c.b.Vote.Index)
		if inFull[c.b.Ref()] {
			continue // the asker finds it among the full blocks
		}
		if len(out.Certifiers) >= chain.MaxValidators || certBytes+c.b.Size() > l.MaxBytes {
			continue
		}
		out.Certifiers = append(out.Certifiers, c.b)
		out.Keys = append(out.Keys, c.key)
		certBytes += c.b.Size()
	}
	out.Headers = headers[:maxVote-first+1]
	return out, true, nil
}

// commitBlocks loads the blocks of h from src, with their encoded size; nil
// if one is not stored.
func commitBlocks(src CommitSource, h *CommitHeader) ([]*Block, int, error) {
	bs, err := src.Blocks(h.Epoch, h.Blocks)
	if err != nil {
		return nil, 0, err
	}
	size := 0
	for _, b := range bs {
		if b == nil {
			return nil, 0, nil
		}
		size += b.Size()
	}
	return bs, size, nil
}

// votedIndex returns the highest commit index that validators with at least
// f+1 stake have voted for (at or above).
func (rn *RawNode) votedIndex() uint64 {
	set := rn.dag.set
	order := make([]uint32, 0, set.Len())
	for a := range rn.votes {
		if rn.votes[a] > 0 {
			order = append(order, uint32(a))
		}
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(rn.votes[b], rn.votes[a]) })
	var stake uint64
	for _, a := range order {
		stake += set.Stake(a)
		if set.IsValidity(stake) {
			return rn.votes[a]
		}
	}
	return 0
}

// noteVote records the commit vote of a validly signed block of this epoch.
func (rn *RawNode) noteVote(b *Block) {
	if int(b.Author) < len(rn.votes) && b.Vote.Index > rn.votes[b.Author] {
		rn.votes[b.Author] = b.Vote.Index
	}
}

// maybeSync asks a peer for commits when validators with f+1 stake have voted
// for commits more than CommitSyncLag past this node's (or past it at all
// while it is stalled on missing parents), or a later epoch's block hinted
// that it is behind. One request is in flight at a time; after
// FetchTimeout without an answer, the next peer is asked.
func (rn *RawNode) maybeSync() {
	if !rn.syncAsked.IsZero() && rn.now.Sub(rn.syncAsked) < rn.cfg.FetchTimeout {
		return
	}
	voted := rn.votedIndex()
	// Behind by more than the lag; or behind at all and stalled, waiting for
	// parents no peer serves any more (below their GC rounds): the network
	// may be waiting for this validator to reach a quorum, and would never
	// move the lag further.
	stalled := len(rn.missing) > 0 && rn.now.Sub(rn.roundT) >= 2*rn.cfg.FetchTimeout
	behind := voted > rn.commitIndex+rn.cfg.CommitSyncLag || voted > rn.commitIndex && stalled
	if !behind && !rn.syncHint {
		rn.syncAsked = time.Time{}
		return
	}
	n := uint32(rn.dag.set.Len())
	// Rotate over the validators whose votes are past this node's commit (any
	// other validator on a hint).
	for k := uint32(1); k <= n; k++ {
		peer := (rn.syncPeer + k) % n
		if peer == rn.self {
			continue
		}
		if behind && rn.votes[peer] <= rn.commitIndex {
			continue
		}
		rn.syncPeer = peer
		rn.syncAsked = rn.now
		rn.stats.SyncRequests++
		have := 0
		if p := rn.syncPart; p != nil && p.index == rn.commitIndex+1 {
			have = len(p.blocks)
		} else {
			rn.syncPart = nil
		}
		rn.pending.Messages = append(rn.pending.Messages, Message{Type: MsgCommitRequest, Epoch: rn.dag.epoch, From: rn.self, To: peer, Index: rn.commitIndex, Chunk: have})
		if !behind {
			rn.syncHint = false // a hint buys one request
		}
		return
	}
}

// onCommitResponse verifies a commit sync answer and takes its certified full
// commits (see the comment at the top of this file). A stale answer (not
// starting right after this node's last commit) is ignored.
func (rn *RawNode) onCommitResponse(m Message) error {
	set := rn.dag.set
	if len(m.Headers) == 0 || m.Headers[0].Index != rn.commitIndex+1 || m.Headers[0].Epoch != rn.dag.epoch {
		return nil
	}
	if m.Full < 0 || m.Full > len(m.Headers) || len(m.Keys) != len(m.Certifiers) || len(m.Blocks) > 2*rn.cfg.MaxFetchBlocks || len(m.Certifiers) > chain.MaxValidators {
		return fmt.Errorf("%w: commit response: %d headers, %d full, %d blocks, %d certifiers, %d keys", ErrInvalidMessage, len(m.Headers), m.Full, len(m.Blocks), len(m.Certifiers), len(m.Keys))
	}
	first := m.Headers[0].Index
	// 1. The digest chain, from this node's own last commit.
	digests := make([]chain.Digest, len(m.Headers))
	prev := rn.commitDigest
	for i := range m.Headers {
		h := &m.Headers[i]
		if h.Index != first+uint64(i) {
			return fmt.Errorf("%w: commit response: headers[%d] has index %d, want %d", ErrInvalidMessage, i, h.Index, first+uint64(i))
		}
		if err := h.check(); err != nil {
			return err
		}
		d := h.hash(prev)
		if d != h.Digest {
			return fmt.Errorf("%w: commit response: headers[%d] (commit %d) has digest %s, its chain gives %s", ErrInvalidMessage, i, h.Index, h.Digest.Short(), d.Short())
		}
		digests[i], prev = d, d
	}
	// 2. The full blocks: exactly those of the first Full headers, in order, and
	// valid blocks of this epoch; or, with Full 0, a part of the first
	// commit's blocks from position Chunk.
	part := m.Full == 0 && len(m.Blocks) > 0
	if part {
		h := &m.Headers[0]
		if h.Epoch != rn.dag.epoch || m.Chunk < 0 || m.Chunk+len(m.Blocks) > len(h.Blocks) {
			return fmt.Errorf("%w: commit response: a part of commit %d (epoch %d) from block %d with %d blocks, of %d", ErrInvalidMessage, h.Index, h.Epoch, m.Chunk, len(m.Blocks), len(h.Blocks))
		}
		for j, b := range m.Blocks {
			if b == nil || b.Ref() != h.Blocks[m.Chunk+j] {
				return fmt.Errorf("%w: commit response: commit %d blocks[%d] %s not carried", ErrInvalidMessage, h.Index, m.Chunk+j, h.Blocks[m.Chunk+j])
			}
		}
	}
	k := 0
	if part {
		k = len(m.Blocks)
	}
	for i := 0; i < m.Full; i++ {
		h := &m.Headers[i]
		if h.Epoch != rn.dag.epoch {
			return fmt.Errorf("%w: commit response: full commit %d is of epoch %d, this is %d", ErrInvalidMessage, h.Index, h.Epoch, rn.dag.epoch)
		}
		for j, ref := range h.Blocks {
			if k >= len(m.Blocks) || m.Blocks[k] == nil || m.Blocks[k].Ref() != ref {
				return fmt.Errorf("%w: commit response: commit %d blocks[%d] %s not carried", ErrInvalidMessage, h.Index, j, ref)
			}
			k++
		}
	}
	if k != len(m.Blocks) {
		return fmt.Errorf("%w: commit response: %d blocks, its full commits order %d", ErrInvalidMessage, len(m.Blocks), k)
	}
	for _, b := range m.Blocks {
		if err := rn.validate(b); err != nil {
			rn.stats.Rejected++
			return fmt.Errorf("commit response: %w", err)
		}
	}
	// 3. The certificate: per validator of this epoch's set, the highest vote
	// for a commit of the chain above; a commit is certified once votes at or
	// after it hold a quorum.
	best := make([]uint64, set.Len())
	vote := func(idx uint32, b *Block) {
		v := b.Vote
		if v.Index < first || v.Index >= first+uint64(len(digests)) || digests[v.Index-first] != v.Digest {
			return
		}
		best[idx] = max(best[idx], v.Index)
	}
	for _, b := range m.Blocks {
		vote(b.Author, b) // validated above
	}
	for i, b := range m.Certifiers {
		if b == nil {
			continue
		}
		idx, ok := set.Index(m.Keys[i])
		if !ok {
			continue
		}
		d := b.Digest()
		if !rn.cfg.Verifier.Verify(m.Keys[i], d[:], b.Signature) {
			return fmt.Errorf("%w: commit response: certifiers[%d] %s: bad signature", ErrInvalidBlock, i, b.Ref())
		}
		vote(idx, b)
	}
	order := make([]uint32, set.Len())
	for a := range order {
		order[a] = uint32(a)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(best[b], best[a]) })
	var stake, certified uint64
	for _, a := range order {
		if best[a] == 0 {
			break
		}
		stake += set.Stake(a)
		if set.IsQuorum(stake) {
			certified = best[a]
			break
		}
	}
	if certified < first {
		return nil // nothing certified yet: ask again later
	}
	if part {
		return rn.onCommitPart(m, digests[0])
	}
	take := min(int(certified-first)+1, m.Full)
	if take == 0 {
		return nil // certified headers, but no blocks to apply: ask again later
	}
	rn.applySynced(m.Headers[:take], digests[:take], m.Blocks)
	rn.syncAsked = time.Time{} // ask for more at once
	rn.catchUp(m.From)
	rn.maybeSync()
	return nil
}

// commitPart is what a validator holds of a certified commit that comes in
// parts: its blocks from the first on.
type commitPart struct {
	index  uint64
	digest chain.Digest
	blocks []*Block
}

// onCommitPart takes a verified part of the certified commit after this
// node's last one (m.Headers[0], whose digest is digest): it keeps the
// blocks if they continue those it holds, applies the commit once it holds
// them all, and asks for the rest at once. A part that does not continue
// them (an answer to an older request) is dropped.
func (rn *RawNode) onCommitPart(m Message, digest chain.Digest) error {
	h := &m.Headers[0]
	p := rn.syncPart
	if p == nil || p.index != h.Index || p.digest != digest {
		p = &commitPart{index: h.Index, digest: digest}
	}
	if m.Chunk != len(p.blocks) {
		return nil
	}
	p.blocks = append(p.blocks, m.Blocks...)
	rn.syncPart = p
	rn.stats.SyncedParts++
	rn.syncAsked = time.Time{}
	if len(p.blocks) < len(h.Blocks) {
		rn.maybeSync()
		return nil
	}
	rn.syncPart = nil
	rn.applySynced(m.Headers[:1], []chain.Digest{digest}, p.blocks)
	rn.catchUp(m.From)
	rn.maybeSync()
	return nil
}

// applySynced emits verified commits and adopts their state.
func (rn *RawNode) applySynced(headers []CommitHeader, digests []chain.Digest, blocks []*Block) {
	k := 0
	for i := range headers {
		h := &headers[i]
		c := chain.Commit{Epoch: h.Epoch, Index: h.Index, Leader: h.Leader.Digest, LeaderRound: h.Leader.Round, LeaderAuthor: h.Leader.Author, Timestamp: h.Timestamp, Digest: digests[i]}
		cblocks := blocks[k : k+len(h.Blocks)]
		var leader *Block
		for range h.Blocks {
			b := blocks[k]
			k++
			c.Txs = append(c.Txs, b.Txs...)
			if b.Ref() == h.Leader {
				leader = b
			}
			ref := b.Ref()
			rn.persistHeld(ref)
			if v := rn.dag.byRef[ref]; v != nil {
				v.committed = true
			} else {
				rn.syncMarks[ref] = true
			}
			if ob := rn.own[ref]; ob != nil {
				ob.committed = h.Index
			}
		}
		if leader != nil {
			// The leader schedule is a function of every commit of the epoch,
			// synced ones included (reputation.go).
			rn.scoreCommit(h.Index, leader, cblocks)
		}
		rn.pending.Commits = append(rn.pending.Commits, c)
		rn.pending.Headers = append(rn.pending.Headers, *h)
		rn.stats.Committed++
		rn.stats.SyncedCommits++
	}
	last := headers[len(headers)-1]
	rn.commitIndex, rn.commitDigest, rn.commitTime, rn.commitLeaderRnd = last.Index, digests[len(digests)-1], last.Timestamp, last.Leader.Round
	slot := LeaderSlot{Round: last.Leader.Round, Offset: int(last.LeaderOffset), Author: last.Leader.Author}
	if rn.lastDecided.before(slot) {
		rn.lastDecided = slot
	}
	if last.Leader.Round > rn.cfg.GCDepth {
		rn.collect(last.Leader.Round - rn.cfg.GCDepth)
	}
	rn.scheduleChanged() // a table the synced commits made is in force already: nothing to decide again
	rn.tryCommit()
}
