package dag

import (
	"cmp"
	"crypto/ed25519"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// MessageType says what a Message carries.
type MessageType uint8

// Message types.
const (
	// MsgBlock carries one block, broadcast by its author (or sent again).
	MsgBlock MessageType = iota + 1
	// MsgFetchRequest asks for blocks by ref, and for their ancestors above the
	// rounds the asker already has (Have).
	MsgFetchRequest
	// MsgFetchResponse answers a fetch request.
	MsgFetchResponse
	// MsgCommitRequest asks for the commits after Index (commit sync). Step
	// ignores it: serve it with ServeCommits, off the consensus goroutine.
	MsgCommitRequest
	// MsgCommitResponse answers a commit request (see ServeCommits).
	MsgCommitResponse
	// MsgLastBlockRequest asks for the asker's own latest block (AwaitOwnBlock).
	MsgLastBlockRequest
	// MsgLastBlockResponse answers it: Block is that block, nil if none is held.
	MsgLastBlockResponse
	// MsgStateRequest asks for a certified application snapshot (state sync,
	// statesync.go): Index names the snapshot's commit (0: the newest the
	// peer has a certificate for in Epoch), Chunk the first chunk wanted and
	// Chunks how many (at most MaxStateBatch).
	// Step ignores it: serve it with ServeState, off the consensus goroutine.
	MsgStateRequest
	// MsgStateResponse carries one chunk of a state sync answer (see
	// ServeState); Chunks 0 means the peer has nothing to serve.
	MsgStateResponse
)

func (t MessageType) String() string {
	switch t {
	case MsgBlock:
		return "block"
	case MsgFetchRequest:
		return "fetch-request"
	case MsgFetchResponse:
		return "fetch-response"
	case MsgCommitRequest:
		return "commit-request"
	case MsgCommitResponse:
		return "commit-response"
	case MsgLastBlockRequest:
		return "last-block-request"
	case MsgLastBlockResponse:
		return "last-block-response"
	case MsgStateRequest:
		return "state-request"
	case MsgStateResponse:
		return "state-response"
	}
	return fmt.Sprintf("MessageType(%d)", uint8(t))
}

// Message is what validators exchange. From and To are validator indices; the
// transport authenticates From.
type Message struct {
	Type MessageType
	// Epoch is the sender's epoch. A fetch request is answered from that epoch's
	// DAG (the previous one is kept for validators still finishing it).
	Epoch uint64
	From  uint32
	To    uint32
	// Block, for MsgBlock (and MsgLastBlockResponse, if any).
	Block *Block
	// Refs and Have, for MsgFetchRequest: the blocks wanted, and per author the
	// highest round the asker has accepted. No refs asks for the responder's
	// latest blocks (catching up after a partition or an epoch change).
	Refs []BlockRef
	Have []uint64
	// Blocks, for MsgFetchResponse; for MsgCommitResponse, the blocks of its
	// first Full headers, in order.
	Blocks []*Block
	// Index, for MsgCommitRequest and MsgCommitResponse: the asker's last
	// commit index; the commits asked for come after it. (Chunk, in a commit
	// request, is how many blocks of the next commit the asker holds already;
	// in a commit response with Full 0 and Blocks, the position of its first
	// block among that commit's: a commit too large for one response comes in
	// parts.)
	Index uint64
	// Headers, Full, Certifiers and Keys, for MsgCommitResponse: the headers of
	// the commits after Index (the first Full of them with their Blocks), and
	// blocks whose votes certify them, each with its signer's key.
	Headers    []CommitHeader
	Full       int
	Certifiers []*Block
	Keys       []ed25519.PublicKey
	// State, Chunk, Chunks and Data, for MsgStateRequest and MsgStateResponse
	// (statesync.go): the certified state vote, this chunk's number and the
	// number of chunks of the answer (of a request: how many are wanted),
	// and a piece of the snapshot. A state
	// response chunk carries one of Headers (chunk 0), Certifiers, Blocks or
	// Data.
	State  StateVote
	Chunk  int
	Chunks int
	Data   []byte
}

// Equivocation is proof that an author signed two blocks for one slot: both
// blocks, each validly signed.
type Equivocation struct {
	Author        uint32
	Round         uint64
	First, Second *Block
}

// Ready is what the caller must do after Step, Tick or Propose. See the package
// documentation for the order of the duties.
type Ready struct {
	// Accepted are blocks to persist, own ones included, each before any block
	// that links it: the first block accepted for each slot, and a twin (a later
	// block of a slot whose author equivocated) only once it must be kept — a
	// persisted block links it, or a commit orders it. A twin nothing links is
	// kept as Evidence only, so an author signing many twins per slot costs the
	// disk one block per slot (issue 14, 6c), and Recover rebuilds a DAG whose
	// every block has its parents.
	Accepted []*Block
	// Broadcast are own blocks to send to every other validator, after they are
	// persisted (a validator must never sign two blocks for one round, even
	// across a crash).
	Broadcast []*Block
	// Messages are point-to-point messages (fetch requests and responses).
	Messages []Message
	// Commits are new commits, in order: apply them to the application.
	Commits []chain.Commit
	// Headers are the headers of Commits, one each, in the same order: store
	// those of the commits applied (with the blocks of Accepted) to serve
	// commit sync (CommitSource), not those an epoch change voids
	// (HeadersUpTo).
	Headers []CommitHeader
	// Evidence are equivocations seen for the first time.
	Evidence []Equivocation
}

// Empty reports whether there is nothing to do.
func (r *Ready) Empty() bool {
	return len(r.Accepted) == 0 && len(r.Broadcast) == 0 && len(r.Messages) == 0 && len(r.Commits) == 0 && len(r.Headers) == 0 && len(r.Evidence) == 0
}

// suspended is a valid block waiting for parents.
type suspended struct {
	b       *Block
	missing int
}

// missingRef tracks a block being fetched.
type missingRef struct {
	holders   []uint32  // validators known to have it: its author, and those that sent blocks linking it
	requested time.Time // zero: not asked yet
	attempts  int
}

// fetchFanout is how many validators each round of asking for a missing block
// goes to (as Sui asks 2 peers per ref): one lost answer does not stall it.
const fetchFanout = 2

// ownBlock tracks an own block's transactions until it is committed.
type ownBlock struct {
	txs       []chain.Tx
	round     uint64
	committed uint64 // index of the commit that ordered it; 0: not yet
}

// Stats are counters of a RawNode, for metrics and tests.
type Stats struct {
	Round            uint64 // threshold clock round
	LastProposed     uint64 // round of the last own block
	HighestAccepted  uint64
	Accepted         uint64 // blocks accepted
	Committed        uint64 // commits made
	CommittedLeaders uint64
	SkippedLeaders   uint64
	Rejected         uint64 // invalid blocks refused
	Suspended        int    // blocks waiting for parents now
	Missing          int    // refs being fetched now
	PendingTxs       int    // transactions waiting for a block
	Equivocations    uint64
	GCRound          uint64
	CommitIndex      uint64 // index of the last commit
	VotedIndex       uint64 // highest commit index voted by f+1 stake (CommitIndex below it: behind)
	SyncRequests     uint64 // commit sync requests sent
	SyncedCommits    uint64 // commits taken by commit sync
	SyncedParts      uint64 // parts of commits too large for one response, taken by commit sync
}

// RawNode is one validator's consensus core: a deterministic state machine with
// no I/O, no clock and no randomness of its own. Feed it messages (Step), time
// (Tick) and transactions (Propose); collect what to do with Ready; confirm with
// Advance. It is not safe for concurrent use: Node runs one in a goroutine.
type RawNode struct {
	cfg      Config
	userCfg  Config // as given, to derive the next epoch's config
	self     uint32
	dag      *dagState
	prevDAG  *dagState // the previous epoch's, to answer late validators
	prevSelf uint32    // this validator's index in prevDAG's set
	now      time.Time

	suspended map[BlockRef]*suspended
	waiting   map[BlockRef][]BlockRef // missing ref -> suspended children
	missing   map[BlockRef]*missingRef
	perAuthor []int // suspended and future blocks held per author
	future    []*Block

	mempool   []chain.Tx
	left      bool // Leave was called: it proposes and commits no more
	own       map[BlockRef]*ownBlock
	lastOwn   *Block
	proposed  uint64 // round of the last own proposal
	lastPropT time.Time
	roundT    time.Time // when the clock reached its round
	progressT time.Time // last time the clock moved
	included  []uint64  // per author, the highest round linked by an own block

	lastDecided     LeaderSlot
	commitIndex     uint64
	commitDigest    chain.Digest
	commitTime      int64
	commitLeaderRnd uint64
	reported        map[Slot]bool
	// held are accepted twins not persisted yet (Ready.Accepted): persisted
	// when a persisted block links one or a commit orders it, dropped by GC.
	held map[BlockRef]*Block

	// Commit sync (commitsync.go).
	votes     []uint64          // per author, the highest commit index it voted for
	syncMarks map[BlockRef]bool // blocks of synced commits not in the DAG yet: committed on arrival
	syncAsked time.Time         // when the request in flight was sent; zero: none
	syncPeer  uint32            // the validator asked last
	syncHint  bool              // a later epoch's block was seen: ask once
	syncPart  *commitPart       // the blocks received so far of a commit too large for one response

	// State sync (statesync.go): the latest state vote, put in own blocks.
	stateVote StateVote

	awaitOwn   *ownAsk   // AwaitOwnBlock in progress
	ownAskT    time.Time // when it last asked
	err        error     // ErrSafetyViolated: the node has stopped
	recovering bool
	catchUpT   time.Time   // when this node last asked to be caught up
	caughtUp   []time.Time // per validator, when it was last answered a catch-up

	stats    Stats
	pending  Ready
	inflight *Ready
	// delivered is the highest commit index of a Ready the embedder handled
	// (Advance): commits after it may still be voided by NextEpoch (those
	// after the epoch's closing commit), so an own block they order keeps
	// its transactions until then.
	delivered uint64
}

// NewRawNode returns a RawNode for cfg at round 1 of its epoch, with an empty DAG.
// now is the starting time.
func NewRawNode(cfg Config, now time.Time) (*RawNode, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	self, _ := c.Validators.Index(c.Signer.PublicKey())
	rn := &RawNode{
		cfg:       c,
		userCfg:   cfg,
		self:      self,
		dag:       newDAGState(c.Validators, c.Epoch, c.GCDepth),
		now:       now,
		suspended: map[BlockRef]*suspended{},
		waiting:   map[BlockRef][]BlockRef{},
		missing:   map[BlockRef]*missingRef{},
		perAuthor: make([]int, c.Validators.Len()),
		own:       map[BlockRef]*ownBlock{},
		included:  make([]uint64, c.Validators.Len()),
		caughtUp:  make([]time.Time, c.Validators.Len()),
		reported:  map[Slot]bool{},
		held:      map[BlockRef]*Block{},
		votes:     make([]uint64, c.Validators.Len()),
		syncMarks: map[BlockRef]bool{},
		roundT:    now,
		progressT: now,
	}
	rn.lastOwn = rn.dag.Block(rn.dag.genesis[self])
	rn.commitIndex, rn.commitDigest, rn.commitTime = c.Start.Index, c.Start.Digest, c.Start.Timestamp
	return rn, nil
}

// Self returns this validator's index.
func (rn *RawNode) Self() uint32 { return rn.self }

// GCDepth returns the configured GC depth (Config.GCDepth with its default).
func (rn *RawNode) GCDepth() uint64 { return rn.cfg.GCDepth }

// Epoch returns the current epoch.
func (rn *RawNode) Epoch() uint64 { return rn.dag.epoch }

// DAG returns the read view of the local DAG (valid until the next call that
// changes the RawNode).
func (rn *RawNode) DAG() DAG { return rn.dag }

// Stats returns the node's counters.
func (rn *RawNode) Stats() Stats {
	s := rn.stats
	s.Round = rn.dag.clockRound
	s.LastProposed = rn.proposed
	s.HighestAccepted = rn.dag.highest
	s.Suspended = len(rn.suspended)
	s.Missing = len(rn.missing)
	s.PendingTxs = len(rn.mempool)
	s.GCRound = rn.dag.gcRound
	s.CommitIndex = rn.commitIndex
	s.VotedIndex = rn.votedIndex()
	return s
}

// Propose queues transactions for the next own blocks. It refuses all of them
// (ErrMempoolFull) if they do not fit in MaxPendingTxs, and any larger than the
// transaction limit (ErrInvalidBlock). After Leave it refuses every one
// (ErrLeft).
func (rn *RawNode) Propose(txs ...chain.Tx) error {
	if rn.left {
		return fmt.Errorf("%w: epoch %d ended and this validator is not in the next set", ErrLeft, rn.dag.epoch)
	}
	if len(rn.mempool)+len(txs) > rn.cfg.MaxPendingTxs {
		return fmt.Errorf("%w: %d pending, %d more would exceed %d", ErrMempoolFull, len(rn.mempool), len(txs), rn.cfg.MaxPendingTxs)
	}
	for i, tx := range txs {
		if len(tx) > rn.cfg.Limits.MaxTxBytes {
			return fmt.Errorf("%w: txs[%d] is %d bytes, at most %d", ErrInvalidBlock, i, len(tx), rn.cfg.Limits.MaxTxBytes)
		}
	}
	rn.mempool = append(rn.mempool, txs...)
	rn.tryPropose(false)
	return nil
}

// Tick advances the node's clock to now (an earlier time is ignored): blocks
// whose timestamps were ahead are processed, the round timeout may force a
// proposal, missing blocks are asked for again, and a stalled node sends its
// latest block again.
func (rn *RawNode) Tick(now time.Time) {
	if now.After(rn.now) {
		rn.now = now
	}
	if len(rn.future) > 0 {
		ready := rn.future
		rn.future = nil
		for _, b := range ready {
			rn.perAuthor[b.Author]--
			_ = rn.onBlock(b, b.Author, false)
		}
	}
	rn.tryPropose(false)
	if rn.now.Sub(rn.roundT) >= rn.cfg.LeaderTimeout {
		rn.tryPropose(true)
	}
	rn.requestMissing()
	rn.maybeSync()
	if rn.awaitOwn != nil && rn.now.Sub(rn.ownAskT) >= rn.cfg.FetchTimeout {
		rn.askOwn()
	}
	if rn.now.Sub(rn.progressT) >= rn.cfg.RebroadcastInterval && rn.lastOwn.Round > 0 {
		rn.pending.Broadcast = append(rn.pending.Broadcast, rn.lastOwn)
		rn.progressT = rn.now
	}
}

// Step processes one message. An invalid message (or block in it) returns an
// error wrapping ErrInvalidBlock, ErrInvalidMessage or ErrWrongEpoch and changes
// nothing; the valid blocks of a fetch response are still taken.
func (rn *RawNode) Step(m Message) error {
	// The sender is judged by the validator set of the epoch its message
	// belongs to: a validator still finishing the previous epoch may have an
	// index the current set does not have.
	set, self := rn.dag.set, rn.self
	epoch := m.Epoch
	if m.Type == MsgBlock && m.Block != nil {
		epoch = m.Block.Epoch
	}
	if rn.prevDAG != nil && epoch == rn.prevDAG.epoch && epoch != rn.dag.epoch {
		set = rn.prevDAG.set
		self, _ = set.Index(rn.cfg.Signer.PublicKey())
	}
	if !set.Valid(m.From) || m.From == self {
		return fmt.Errorf("%w: from %d", ErrInvalidMessage, m.From)
	}
	switch m.Type {
	case MsgBlock:
		if m.Block == nil {
			return fmt.Errorf("%w: block message without a block", ErrInvalidMessage)
		}
		if m.Block.Epoch > rn.dag.epoch {
			rn.catchUp(m.From) // the others have moved on: finish this epoch
			rn.syncHint = true // or sync its commits, if too far behind
			return fmt.Errorf("%w: block %s of epoch %d, this is %d", ErrWrongEpoch, m.Block.Ref(), m.Block.Epoch, rn.dag.epoch)
		}
		return rn.onBlock(m.Block, m.From, true)
	case MsgFetchRequest:
		return rn.onFetchRequest(m)
	case MsgFetchResponse:
		if len(m.Blocks) > rn.cfg.MaxFetchBlocks {
			return fmt.Errorf("%w: fetch response with %d blocks, at most %d", ErrInvalidMessage, len(m.Blocks), rn.cfg.MaxFetchBlocks)
		}
		blocks := slices.Clone(m.Blocks)
		slices.SortStableFunc(blocks, func(a, b *Block) int {
			if a == nil || b == nil {
				return 0
			}
			return cmp.Compare(a.Round, b.Round)
		})
		var first error
		for _, b := range blocks {
			if b == nil {
				continue
			}
			if err := rn.onBlock(b, m.From, true); err != nil && first == nil {
				first = err
			}
		}
		return first
	case MsgCommitRequest:
		return nil // served from the store (ServeCommits), not by the core
	case MsgCommitResponse:
		return rn.onCommitResponse(m)
	case MsgLastBlockRequest:
		return rn.onLastBlockRequest(m)
	case MsgLastBlockResponse:
		return rn.onLastBlockResponse(m)
	case MsgStateRequest, MsgStateResponse:
		return nil // state sync runs before the core starts (Node, StateSyncer)
	}
	return fmt.Errorf("%w: type %d", ErrInvalidMessage, m.Type)
}

// onBlock takes a block from the network (or back from the future queue).
func (rn *RawNode) onBlock(b *Block, from uint32, check bool) error {
	ref := b.Ref()
	if rn.dag.has(ref) || rn.suspended[ref] != nil {
		return nil
	}
	if b.Round <= rn.dag.gcRound && b.Round > 0 {
		return nil // too old to matter
	}
	if check {
		if err := rn.validate(b); err != nil {
			rn.stats.Rejected++
			return err
		}
		rn.noteVote(b)
	}
	if len(rn.dag.slots[b.Slot()]) >= rn.dag.set.Len() {
		return nil // a slot flooded with twins: no honest block can link more
	}
	// canHold says whether a block may wait (for its time, or its parents):
	// not too far ahead, and not too many held for its author.
	canHold := b.Round <= rn.dag.highest+rn.cfg.MaxRoundsAhead && rn.perAuthor[b.Author] < int(rn.cfg.MaxRoundsAhead)
	if b.Timestamp > rn.now.Add(rn.cfg.MaxTimestampDrift).UnixMilli() {
		if canHold {
			rn.future = append(rn.future, b)
			rn.perAuthor[b.Author]++
		}
		return nil
	}
	var missing []BlockRef
	for _, p := range b.Parents {
		if p.Round > rn.dag.gcRound && !rn.dag.has(p) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		if !canHold {
			// Drop it, but fetch what it builds on, so a lagging node catches up.
			rn.noteMissing(missing, from)
			return nil
		}
		for _, p := range missing {
			rn.waiting[p] = append(rn.waiting[p], ref)
		}
		rn.suspended[ref] = &suspended{b: b, missing: len(missing)}
		rn.perAuthor[b.Author]++
		rn.noteMissing(missing, from)
		return nil
	}
	rn.acceptWithChildren(b)
	rn.tryPropose(false)
	rn.tryCommit()
	return nil
}

// noteMissing records parents of a block from validator from as missing (from
// has them) and asks for those not asked for yet.
func (rn *RawNode) noteMissing(parents []BlockRef, from uint32) {
	for _, p := range parents {
		if p.Round <= rn.dag.gcRound || rn.dag.has(p) || rn.suspended[p] != nil {
			continue
		}
		m := rn.missing[p]
		if m == nil {
			m = &missingRef{holders: []uint32{from}}
			if p.Author != from {
				m.holders = append(m.holders, p.Author)
			}
			rn.missing[p] = m
		} else if !slices.Contains(m.holders, from) && len(m.holders) < rn.dag.set.Len() {
			m.holders = append(m.holders, from)
		}
	}
	rn.requestMissing()
}

// acceptWithChildren accepts b and then every suspended block it completes.
//
// It tries to propose between two blocks, as it would if they had arrived
// one by one: a late block that completes the previous round's leaders often
// frees the next round's blocks, suspended on it, at once, and accepting them
// all first moves the clock past the round this validator could propose in
// now. Its own slot in that round would then stay empty, and with several
// leaders per round every validator (itself included) waits the leader
// timeout for it (campaign seed 17179870466).
func (rn *RawNode) acceptWithChildren(b *Block) {
	queue := []*Block{b}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x != b {
			rn.tryPropose(false)
		}
		rn.accept(x)
		ref := x.Ref()
		delete(rn.missing, ref)
		for _, child := range rn.waiting[ref] {
			s := rn.suspended[child]
			if s == nil {
				continue
			}
			s.missing--
			if s.missing == 0 {
				delete(rn.suspended, child)
				rn.perAuthor[s.b.Author]--
				queue = append(queue, s.b)
			}
		}
		delete(rn.waiting, ref)
	}
}

// accept adds a block with all its parents present to the DAG.
func (rn *RawNode) accept(b *Block) {
	twins := rn.dag.slots[b.Slot()]
	if len(twins) > 0 && !rn.reported[b.Slot()] {
		rn.reported[b.Slot()] = true
		rn.stats.Equivocations++
		rn.pending.Evidence = append(rn.pending.Evidence, Equivocation{Author: b.Author, Round: b.Round, First: twins[0], Second: b})
	}
	if rn.dag.accept(b) {
		rn.roundT = rn.now
		rn.progressT = rn.now
	}
	synced := rn.syncMarks[b.Ref()]
	if synced {
		rn.dag.byRef[b.Ref()].committed = true // ordered by a synced commit
		delete(rn.syncMarks, b.Ref())
	}
	rn.stats.Accepted++
	if rn.recovering {
		return
	}
	if len(twins) == 0 || synced {
		rn.persist(b)
	} else {
		rn.held[b.Ref()] = b // a twin: kept as evidence until something needs it
	}
}

// persist hands b to Ready.Accepted, after the held twins it links (and
// theirs), so that what is persisted always holds the parents of what is
// persisted (issue 14, 6c: a twin is persisted once a persisted block links
// it, as recovery needs it to rebuild the DAG).
func (rn *RawNode) persist(b *Block) {
	for _, p := range b.Parents {
		if h := rn.held[p]; h != nil {
			delete(rn.held, p)
			rn.persist(h)
		}
	}
	rn.pending.Accepted = append(rn.pending.Accepted, b)
}

// persistHeld persists ref if it is a held twin: a commit orders it.
func (rn *RawNode) persistHeld(ref BlockRef) {
	if h := rn.held[ref]; h != nil {
		delete(rn.held, ref)
		rn.persist(h)
	}
}

// leadersPresent reports whether every leader slot of round has a block. Its
// own slot counts as present if it did not propose in round (its clock moved
// past it): that block will never come, and waiting for it would only cost
// the leader timeout.
func (rn *RawNode) leadersPresent(round uint64) bool {
	for _, s := range rn.cfg.Committer.Leaders(round) {
		if s.Author == rn.self && rn.proposed < round {
			continue
		}
		if len(rn.dag.slots[Slot{Round: round, Author: s.Author}]) == 0 {
			return false
		}
	}
	return true
}

// tryPropose makes the own block of the clock round if it is time: the round is
// new, and either its previous round's leaders are all in and the minimum delay
// has passed, or force (the leader timeout).
func (rn *RawNode) tryPropose(force bool) {
	round := rn.dag.clockRound
	if round <= rn.proposed || rn.recovering || rn.err != nil || rn.awaitOwn != nil || rn.left {
		return
	}
	if !force {
		if !rn.leadersPresent(round-1) || rn.now.Sub(rn.lastPropT) < rn.cfg.MinRoundDelay {
			return
		}
	}
	set := rn.dag.set
	b := &Block{Epoch: rn.dag.epoch, Round: round, Author: rn.self, Timestamp: rn.now.UnixMilli()}
	if b.Timestamp < rn.lastOwn.Timestamp {
		b.Timestamp = rn.lastOwn.Timestamp
	}
	if rn.commitIndex > 0 {
		b.Vote = CommitVote{Index: rn.commitIndex, Digest: rn.commitDigest}
	}
	b.State = rn.stateVote
	own := rn.lastOwn.Ref()
	if own.Round > 0 && own.Round <= rn.dag.gcRound {
		// Back from far behind (commit sync): the own previous block is gone
		// here and at the others, who could not vouch for it; link the own
		// genesis block instead (any earlier own block is valid, V4).
		own = rn.dag.genesis[rn.self]
	}
	b.Parents = append(b.Parents, own)
	byAuthor := make([]int, set.Len()) // index in b.Parents, 0: none
	for a := 0; a < set.Len(); a++ {
		if uint32(a) == rn.self {
			continue
		}
		if p := rn.latestBelow(uint32(a), round); p != nil && (p.Round > rn.included[a] || round == 1) {
			byAuthor[a] = len(b.Parents)
			b.Parents = append(b.Parents, p.Ref())
		}
	}
	// Vouched blocks first; but a block must link a quorum at round-1 (V7), so if
	// the vouched ones fall short, link the first-seen block at round-1 of every
	// other author too (the clock guarantees a quorum of them is here). Every
	// one, not just enough for a quorum in index order: that would leave the
	// highest-index validators unlinked round after round once unvouched blocks
	// spread (issue 14, 6a).
	prev := chain.NewStakeAggregator(set)
	for _, p := range b.Parents {
		if p.Round == round-1 {
			prev.Add(p.Author)
		}
	}
	short := !prev.Quorum()
	for a := 0; short && a < set.Len(); a++ {
		blocks := rn.dag.slots[Slot{Round: round - 1, Author: uint32(a)}]
		if uint32(a) == rn.self || len(blocks) == 0 {
			continue
		}
		if i := byAuthor[a]; i > 0 {
			if b.Parents[i].Round == round-1 {
				continue
			}
			b.Parents[i] = blocks[0].Ref()
		} else {
			byAuthor[a] = len(b.Parents)
			b.Parents = append(b.Parents, blocks[0].Ref())
		}
		prev.Add(uint32(a))
	}
	if !prev.Quorum() {
		return // cannot happen while the clock is at round; wait, never sign an invalid block
	}
	// Transactions, within the block limits (leave room for the header).
	l := rn.cfg.Limits
	budget := l.MaxBlockBytes - 1024 - 48*len(b.Parents)
	n := 0
	for n < len(rn.mempool) && n < l.MaxBlockTxs {
		cost := len(rn.mempool[n]) + 9
		if cost > budget {
			break
		}
		budget -= cost
		n++
	}
	b.Txs = slices.Clone(rn.mempool[:n])
	if err := b.Sign(rn.cfg.Signer); err != nil {
		// A signer failure (an HSM away, say) leaves the round to the next tick.
		return
	}
	rn.mempool = rn.mempool[n:]
	for _, p := range b.Parents[1:] {
		rn.included[p.Author] = max(rn.included[p.Author], p.Round)
	}
	rn.proposed = round
	rn.lastPropT = rn.now
	rn.lastOwn = b
	if len(b.Txs) > 0 {
		rn.own[b.Ref()] = &ownBlock{txs: b.Txs, round: round}
	}
	rn.accept(b)
	rn.pending.Broadcast = append(rn.pending.Broadcast, b)
	rn.tryCommit()
}

// latestBelow returns author's first-seen vouched block of the highest round
// below round: what an own block links.
func (rn *RawNode) latestBelow(author uint32, round uint64) *Block {
	if l := rn.dag.latest[author]; l != nil && l.Round < round && rn.dag.vouched(l.Ref()) {
		return l
	}
	for r := round - 1; ; r-- {
		for _, b := range rn.dag.slots[Slot{Round: r, Author: author}] {
			if rn.dag.vouched(b.Ref()) {
				return b // the first-seen vouched block of the slot
			}
		}
		if r == 0 || r <= rn.dag.gcRound || r <= rn.included[author] {
			return nil
		}
	}
}

// tryCommit runs the commit rule and linearizes what it commits.
func (rn *RawNode) tryCommit() {
	if rn.err != nil || rn.left {
		return
	}
	decisions, err := rn.cfg.Committer.TryDecide(rn.dag, rn.lastDecided)
	if err != nil {
		// Two blocks of one slot committed: more than a third of the stake is
		// faulty. Stop committing (and proposing) rather than fork.
		rn.err = fmt.Errorf("%w: epoch %d after commit %d: %w", ErrSafetyViolated, rn.dag.epoch, rn.commitIndex, err)
		return
	}
	for _, d := range decisions {
		rn.lastDecided = d.Slot
		if d.Kind == Skip {
			rn.stats.SkippedLeaders++
			continue
		}
		rn.stats.CommittedLeaders++
		rn.linearize(d.Slot, d.Leader)
		if rn.scheduleChanged() {
			// The leader schedule changes from the next round (reputation.go):
			// decide what follows again with it.
			defer rn.tryCommit()
			break
		}
	}
	if len(decisions) > 0 && rn.commitLeaderRnd > rn.cfg.GCDepth {
		rn.collect(rn.commitLeaderRnd - rn.cfg.GCDepth)
	}
}

// linearize commits leader and its not yet committed history above the GC round
// (taken before this commit), sorted by (round, author, digest).
func (rn *RawNode) linearize(slot LeaderSlot, leader *Block) {
	gc := uint64(0)
	if rn.commitLeaderRnd > rn.cfg.GCDepth {
		gc = rn.commitLeaderRnd - rn.cfg.GCDepth
	}
	var blocks []*Block
	v := rn.dag.byRef[leader.Ref()]
	v.committed = true
	stack := []*Block{leader}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		blocks = append(blocks, b)
		for _, p := range b.Parents {
			if p.Round <= gc {
				continue
			}
			pv := rn.dag.byRef[p]
			if pv == nil || pv.committed {
				continue
			}
			pv.committed = true
			stack = append(stack, pv.b)
		}
	}
	slices.SortFunc(blocks, func(a, b *Block) int {
		if c := cmp.Compare(a.Round, b.Round); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Author, b.Author); c != 0 {
			return c
		}
		return slices.Compare(a.digest[:], b.digest[:])
	})
	rn.scoreCommit(rn.commitIndex+1, leader, blocks)
	c := chain.Commit{
		Epoch:        rn.dag.epoch,
		Index:        rn.commitIndex + 1,
		Leader:       leader.digest,
		LeaderRound:  leader.Round,
		LeaderAuthor: leader.Author,
		Timestamp:    max(rn.commitTimestamp(leader), rn.commitTime),
	}
	digests := make([]chain.Digest, len(blocks))
	h := CommitHeader{Epoch: c.Epoch, Index: c.Index, Timestamp: c.Timestamp, Leader: leader.Ref(), LeaderOffset: uint32(slot.Offset), Blocks: make([]BlockRef, len(blocks))}
	for i, b := range blocks {
		rn.persistHeld(b.Ref())
		digests[i] = b.digest
		h.Blocks[i] = b.Ref()
		c.Txs = append(c.Txs, b.Txs...)
		if ob := rn.own[b.Ref()]; ob != nil {
			ob.committed = c.Index
		}
	}
	c.Digest = chain.HashCommitV2(rn.commitDigest, c.Head(), digests)
	h.Digest = c.Digest
	rn.commitIndex, rn.commitDigest, rn.commitTime, rn.commitLeaderRnd = c.Index, c.Digest, c.Timestamp, leader.Round
	rn.stats.Committed++
	rn.pending.Commits = append(rn.pending.Commits, c)
	rn.pending.Headers = append(rn.pending.Headers, h)
}

// commitTimestamp is the stake-weighted median of the timestamps of the leader's
// parents at the previous round: the first timestamp, in ascending order, at
// which their cumulative stake exceeds half their total. A round-1 leader, whose
// parents are genesis, uses its own timestamp.
func (rn *RawNode) commitTimestamp(leader *Block) int64 {
	type stamped struct {
		t     int64
		stake uint64
	}
	var ps []stamped
	var total uint64
	for _, p := range leader.Parents {
		if p.Round != leader.Round-1 || p.Round == 0 {
			continue
		}
		if b := rn.dag.Block(p); b != nil {
			st := rn.dag.set.Stake(b.Author)
			ps = append(ps, stamped{b.Timestamp, st})
			total += st
		}
	}
	if len(ps) == 0 {
		return leader.Timestamp
	}
	slices.SortFunc(ps, func(a, b stamped) int { return cmp.Compare(a.t, b.t) })
	var acc uint64
	for _, p := range ps {
		acc += p.stake
		if 2*acc > total {
			return p.t
		}
	}
	return ps[len(ps)-1].t
}

// collect drops blocks at or below round. Own blocks dropped uncommitted give
// their transactions back to the mempool, so that none is lost. An own block
// ordered by a commit the embedder has not handled yet is kept: if that
// commit comes after the epoch's closing commit, NextEpoch voids it and gives
// the block's transactions back.
func (rn *RawNode) collect(round uint64) {
	if round <= rn.dag.gcRound {
		return
	}
	rn.dag.collect(round, rn.cfg.GCDepth)
	rn.requeueOwn(func(ob *ownBlock) bool { return ob.round <= round && ob.committed <= rn.delivered },
		func(ob *ownBlock) bool { return ob.committed == 0 })
	for ref, s := range rn.suspended {
		if ref.Round <= round {
			delete(rn.suspended, ref)
			rn.perAuthor[s.b.Author]--
		}
	}
	for ref := range rn.missing {
		if ref.Round <= round {
			delete(rn.missing, ref)
		}
	}
	for ref := range rn.waiting {
		if ref.Round <= round {
			delete(rn.waiting, ref)
		}
	}
	for ref := range rn.syncMarks {
		if ref.Round <= round {
			delete(rn.syncMarks, ref)
		}
	}
	// Suspended blocks that waited only for parents now collected can go in.
	var freed []*Block
	for ref, s := range rn.suspended {
		s.missing = 0
		for _, p := range s.b.Parents {
			if p.Round > round && !rn.dag.has(p) {
				s.missing++
			}
		}
		if s.missing == 0 {
			delete(rn.suspended, ref)
			rn.perAuthor[s.b.Author]--
			freed = append(freed, s.b)
		}
	}
	slices.SortFunc(freed, func(a, b *Block) int { return compareRefs(a.Ref(), b.Ref()) })
	for _, b := range freed {
		if !rn.dag.has(b.Ref()) {
			rn.acceptWithChildren(b)
		}
	}
	for s := range rn.reported {
		if s.Round <= round {
			delete(rn.reported, s)
		}
	}
	for ref := range rn.held {
		if ref.Round <= round {
			delete(rn.held, ref)
		}
	}
}

// requeueOwn forgets the own blocks drop selects, giving the transactions of those
// lost selects back to the mempool (oldest first), so that none is lost.
func (rn *RawNode) requeueOwn(drop, lost func(*ownBlock) bool) {
	refs := make([]BlockRef, 0, len(rn.own))
	for ref, ob := range rn.own {
		if drop(ob) {
			refs = append(refs, ref)
		}
	}
	slices.SortFunc(refs, compareRefs)
	var requeue []chain.Tx
	for _, ref := range refs {
		if ob := rn.own[ref]; lost(ob) {
			requeue = append(requeue, ob.txs...)
		}
		delete(rn.own, ref)
	}
	if len(requeue) > 0 {
		rn.mempool = append(requeue, rn.mempool...)
	}
}

// requestMissing asks for missing blocks that were never asked for, or not
// answered within FetchTimeout (then from another validator).
func (rn *RawNode) requestMissing() {
	if len(rn.missing) == 0 {
		return
	}
	byPeer := map[uint32][]BlockRef{}
	// Only the refs due for a (new) request, sorted so requests are deterministic.
	refs := make([]BlockRef, 0, len(rn.missing))
	for ref, m := range rn.missing {
		if m.requested.IsZero() || rn.now.Sub(m.requested) >= rn.cfg.FetchTimeout {
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 {
		return
	}
	slices.SortFunc(refs, compareRefs)
	n := uint32(rn.dag.set.Len())
	for _, ref := range refs {
		m := rn.missing[ref]
		// Ask fetchFanout validators: the known holders first, then the others in
		// index order, moving on by fetchFanout with every attempt.
		cands := make([]uint32, 0, n)
		for _, h := range m.holders {
			if h != rn.self {
				cands = append(cands, h)
			}
		}
		for v := uint32(0); v < n; v++ {
			if v != rn.self && !slices.Contains(m.holders, v) {
				cands = append(cands, v)
			}
		}
		if len(cands) == 0 {
			continue
		}
		asked := false
		for k := 0; k < min(fetchFanout, len(cands)); k++ {
			peer := cands[(m.attempts*fetchFanout+k)%len(cands)]
			if len(byPeer[peer]) < rn.cfg.MaxFetchRefs {
				byPeer[peer] = append(byPeer[peer], ref)
				asked = true
			}
		}
		if asked {
			m.requested = rn.now
			m.attempts++
		}
	}
	have := make([]uint64, n)
	for a := range have {
		if l := rn.dag.latest[a]; l != nil {
			have[a] = l.Round
		}
	}
	for peer := uint32(0); peer < n; peer++ {
		if refs := byPeer[peer]; len(refs) > 0 {
			rn.pending.Messages = append(rn.pending.Messages, Message{Type: MsgFetchRequest, Epoch: rn.dag.epoch, From: rn.self, To: peer, Refs: refs, Have: have})
		}
	}
}

func compareRefs(a, b BlockRef) int {
	if c := cmp.Compare(a.Round, b.Round); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Author, b.Author); c != 0 {
		return c
	}
	return slices.Compare(a.Digest[:], b.Digest[:])
}

// onFetchRequest answers from the DAG of the asker's epoch (the current one or
// the one before), oldest first, up to MaxFetchBlocks: with refs, those blocks
// and their ancestors above what the asker has; without, everything above what it
// has, round by round (catching up).
func (rn *RawNode) onFetchRequest(m Message) error {
	d, self := rn.dag, rn.self
	if m.Epoch != d.epoch {
		if rn.prevDAG == nil || m.Epoch != rn.prevDAG.epoch {
			return nil // an epoch we no longer hold
		}
		// The answer is of that epoch, and so is its sender's index.
		d, self = rn.prevDAG, rn.prevSelf
	}
	if len(m.Refs) > rn.cfg.MaxFetchRefs {
		return fmt.Errorf("%w: fetch request for %d refs, at most %d", ErrInvalidMessage, len(m.Refs), rn.cfg.MaxFetchRefs)
	}
	if len(m.Have) != d.set.Len() {
		return fmt.Errorf("%w: fetch request: have has %d entries, want %d", ErrInvalidMessage, len(m.Have), d.set.Len())
	}
	limit := rn.cfg.MaxFetchBlocks
	var out []*Block
	if len(m.Refs) == 0 {
		// A catch-up request costs up to MaxFetchBlocks blocks: answer each
		// validator at most once per FetchTimeout, so it cannot amplify a flood.
		if int(m.From) < len(rn.caughtUp) {
			if t := rn.caughtUp[m.From]; !t.IsZero() && rn.now.Sub(t) < rn.cfg.FetchTimeout {
				return nil
			}
			rn.caughtUp[m.From] = rn.now
		}
		low := slices.Min(m.Have)
		for r := max(low, d.gcRound) + 1; r <= d.highest && len(out) < limit; r++ {
			for _, b := range d.rounds[r] {
				if b.Round > m.Have[b.Author] && len(out) < limit {
					out = append(out, b)
				}
			}
		}
	} else {
		seen := map[BlockRef]bool{}
		queue := slices.Clone(m.Refs)
		for len(queue) > 0 && len(out) < 4*limit {
			ref := queue[0]
			queue = queue[1:]
			if seen[ref] || ref.Round == 0 {
				continue
			}
			seen[ref] = true
			b := d.served(ref)
			if b == nil {
				continue
			}
			out = append(out, b)
			for _, p := range b.Parents {
				if p.Round > m.Have[p.Author] && !seen[p] {
					queue = append(queue, p)
				}
			}
		}
		slices.SortFunc(out, func(a, b *Block) int { return compareRefs(a.Ref(), b.Ref()) })
		if len(out) > limit {
			out = out[:limit] // the oldest first: the asker can accept them at once
		}
	}
	if len(out) == 0 {
		return nil
	}
	rn.pending.Messages = append(rn.pending.Messages, Message{Type: MsgFetchResponse, Epoch: d.epoch, From: self, To: m.From, Blocks: out})
	return nil
}

// catchUp asks peer for everything above what this node has, at most once per
// FetchTimeout: used when a block shows the node is behind (a newer epoch).
func (rn *RawNode) catchUp(peer uint32) {
	if !rn.catchUpT.IsZero() && rn.now.Sub(rn.catchUpT) < rn.cfg.FetchTimeout {
		return
	}
	rn.catchUpT = rn.now
	have := make([]uint64, rn.dag.set.Len())
	for a := range have {
		if l := rn.dag.latest[a]; l != nil {
			have[a] = l.Round
		}
	}
	rn.pending.Messages = append(rn.pending.Messages, Message{Type: MsgFetchRequest, Epoch: rn.dag.epoch, From: rn.self, To: peer, Have: have})
}

// NextEpoch ends the epoch after commit last — the commit whose application
// returned a new validator set — and starts the next epoch with set: a new DAG
// from round 1, the commit chain continuing from last. Commits of the old epoch
// after last that Ready already returned are void, on every validator alike, and
// the caller must not apply them. Own transactions not ordered by last go back to
// the mempool. The old DAG is kept to answer validators still finishing the old
// epoch. If this validator is not in set, NextEpoch returns an error wrapping
// ErrConfig and the node must stop.
func (rn *RawNode) NextEpoch(set *chain.ValidatorSet, last chain.Commit) error {
	self, ok := set.Index(rn.cfg.Signer.PublicKey())
	if !ok {
		return fmt.Errorf("%w: this validator is not in the validator set of epoch %d", ErrConfig, rn.dag.epoch+1)
	}
	next := rn.userCfg
	next.Validators, next.Epoch, next.Start = set, rn.dag.epoch+1, last
	// Leaders per round chosen for a larger set: at most the new set's size
	// (every validator a leader), or the epoch change would halt the network.
	next.LeadersPerRound = min(next.LeadersPerRound, set.Len())
	cfg, err := next.withDefaults()
	if err != nil {
		return err
	}
	rn.endEpoch(last)
	rn.prevDAG, rn.prevSelf = rn.dag, rn.self
	rn.cfg, rn.userCfg = cfg, next
	rn.self = self
	rn.dag = newDAGState(set, next.Epoch, cfg.GCDepth)
	rn.suspended = map[BlockRef]*suspended{}
	rn.waiting = map[BlockRef][]BlockRef{}
	rn.missing = map[BlockRef]*missingRef{}
	rn.perAuthor = make([]int, set.Len())
	rn.future = nil
	rn.included = make([]uint64, set.Len())
	rn.caughtUp = make([]time.Time, set.Len())
	rn.reported = map[Slot]bool{}
	rn.held = map[BlockRef]*Block{}
	rn.votes = make([]uint64, set.Len())
	rn.syncMarks = map[BlockRef]bool{}
	rn.syncAsked, rn.syncHint = time.Time{}, false
	rn.syncPart = nil
	rn.awaitOwn = nil
	rn.lastOwn = rn.dag.Block(rn.dag.genesis[self])
	rn.proposed = 0
	rn.roundT, rn.progressT = rn.now, rn.now
	rn.lastDecided = LeaderSlot{}
	rn.commitIndex, rn.commitDigest, rn.commitTime, rn.commitLeaderRnd = last.Index, last.Digest, last.Timestamp, 0
	rn.delivered = last.Index
	rn.pending.Headers = nil
	rn.pending.Accepted = nil
	rn.pending.Broadcast = nil
	rn.tryPropose(false)
	return nil
}

// Leave ends this validator's part after commit last, the closing commit of
// an epoch whose next validator set leaves it out (NextEpoch would refuse
// it). It returns the transactions it holds that last does not order, oldest
// first: those of its own blocks never committed, or only in the void
// commits after last, then its mempool. The caller hands them to a validator
// of the next set, which proposes them: no acknowledged transaction is lost
// as a validator leaves, and none is committed twice (an own block not
// ordered by last can no longer be). After Leave the RawNode proposes
// nothing; it may still answer fetches for the ended epoch.
func (rn *RawNode) Leave(last chain.Commit) []chain.Tx {
	rn.endEpoch(last)
	txs := rn.mempool
	rn.mempool = nil
	rn.left = true
	rn.pending.Broadcast = nil
	return txs
}

// endEpoch is what NextEpoch and Leave share at the end of the epoch closed
// by last: every own block goes, those last does not order (never committed,
// or only in the void commits after it) giving their transactions back to the
// mempool, and the commits after last, pending or in the inflight Ready, are
// void (Advance does not count them delivered).
func (rn *RawNode) endEpoch(last chain.Commit) {
	notOrdered := func(ob *ownBlock) bool { return ob.committed == 0 || ob.committed > last.Index }
	rn.requeueOwn(func(*ownBlock) bool { return true }, notOrdered)
	rn.own = map[BlockRef]*ownBlock{}
	rn.pending.Commits = nil
	if rn.inflight != nil {
		rn.inflight.Commits = nil
	}
}

// Recover rebuilds the DAG of a restarted validator from the blocks it persisted
// (every Ready.Accepted), in any order; they are trusted, not checked again. Call it once, on a new RawNode, before
// anything else. The node resumes after its own latest block, so it never signs
// a second block for a round it signed before the crash. Commits are derived
// again and appear in Ready: the caller skips those it already applied (by
// Index). Transactions that were only in the mempool are lost; clients submit
// them again.
func (rn *RawNode) Recover(blocks []*Block) error {
	sorted := slices.Clone(blocks)
	slices.SortStableFunc(sorted, func(a, b *Block) int { return cmp.Compare(a.Round, b.Round) })
	for _, b := range sorted {
		if b.Epoch != rn.dag.epoch {
			return fmt.Errorf("%w: recovered block %s is of epoch %d, this is %d", ErrWrongEpoch, b.Ref(), b.Epoch, rn.dag.epoch)
		}
		if b.Author == rn.self && b.Round > rn.proposed {
			rn.proposed, rn.lastOwn = b.Round, b
		}
	}
	rn.recovering = true
	defer func() { rn.recovering = false }()
	for _, b := range sorted {
		// Every persisted block was accepted before the crash, when its missing
		// parents (if any) were below the GC round: take it as it is.
		if b.Round == 0 || b.Round <= rn.dag.gcRound || rn.dag.has(b.Ref()) {
			continue
		}
		rn.accept(b)
		rn.tryCommit()
	}
	if rn.lastOwn.Round > 0 {
		for _, p := range rn.lastOwn.Parents[1:] {
			rn.included[p.Author] = max(rn.included[p.Author], p.Round)
		}
	}
	rn.lastPropT = rn.now
	rn.recovering = false
	rn.tryCommit()
	return nil
}

// Err returns an error wrapping ErrSafetyViolated once the commit rule has
// found more than f faulty validators; the node then neither commits nor
// proposes, and the caller must stop it (Node.Run does). Nil otherwise.
func (rn *RawNode) Err() error { return rn.err }

// HasReady reports whether Ready has something to do.
func (rn *RawNode) HasReady() bool { return rn.inflight == nil && !rn.pending.Empty() }

// Ready returns what the caller must do now. Call Advance when done; until then
// Ready returns the same batch.
func (rn *RawNode) Ready() Ready {
	if rn.inflight == nil {
		r := rn.pending
		rn.pending = Ready{}
		rn.inflight = &r
	}
	return *rn.inflight
}

// Advance tells the node the last Ready was handled.
func (rn *RawNode) Advance() {
	if rn.inflight != nil {
		for _, c := range rn.inflight.Commits {
			rn.delivered = max(rn.delivered, c.Index)
		}
	}
	rn.inflight = nil
}
