package dag

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"

	"github.com/depinkit/depinkit/chain"
)

// Leader reputation, after Mysticeti's and HammerHead's leader swapping (Sui
// consensus/core/src/leader_schedule.rs and leader_scoring.rs, read for the
// rules, not ported).
//
// Scores. Every committed block is looked at once, in commit order. A committed
// block at round r+1 that links a committed leader of round r is a vote; every
// committed block at r+2 that links a vote adds its author's stake to the
// vote's author's score (Sui's "distributed vote" score: a vote counts as much
// as the stake that saw it in time to build on it). Authors are counted once
// per vote slot, so twins earn nothing extra. A crashed validator scores 0; a
// slow one, whose blocks arrive after the others moved on, scores little.
//
// Swap table. Windows are ReputationWindow commits long, counted by commit
// index from the epoch's first commit (Config.Start.Index+1). At the end of
// each window the scores are turned into a table and reset. The table's bad
// validators are the lowest scorers (ties: lower index first), taken while
// their stake stays within min(30% of the total, the f of the BFT bound) —
// Sui's consensus_bad_nodes_stake_threshold of 30 — and only those scoring
// below half of the best score (a healthy network, whose scores differ by
// noise, swaps nobody and keeps its full set of leaders per round). A slot the base schedule
// gives to a bad validator goes to a validator that is neither bad nor already
// a leader of that round, drawn uniformly with a generator keyed by (round,
// offset), as Sui does. If no such validator is left (four validators, four
// leaders per round, one bad) the slot is dropped: that round has one leader
// fewer, and nobody waits for the bad one.
//
// Schedule changes (Sui pitfall 5, PR #18206). A table made by the commit of
// the leader of round r applies from round r+1; the slots of rounds up to r keep
// the table they were decided with. RawNode stops its decision pass at that
// commit and decides again, so that no slot after it is decided with the old
// table. Every validator therefore decides every slot with the table made from
// the same prefix of the commit sequence.
//
// Epochs. The scores and the table start afresh with every epoch: validator
// indices and stakes change with the set, and the base schedule with them.

// DefaultReputationWindow is the default Config.ReputationWindow. Sui uses 300
// commits, for a hundred validators and one leader per round. depinkit runs 4
// to 10 validators with min(n, 4) leaders per round, so 32 commits are about 8
// rounds in which every healthy validator votes about 8 times, each vote worth
// the stake of a quorum or more: a crashed validator (0) or one slower than
// half the best stands apart, and a crash costs at most about 32/3 leader
// timeouts (3 s at the defaults) before the table stops waiting for it. A
// validator that recovers is a leader again one window after it votes again.
const DefaultReputationWindow = 32

// badStakePercent bounds the stake swapped out, as Sui's
// consensus_bad_nodes_stake_threshold (30 on mainnet); the BFT bound f caps it
// too.
const badStakePercent = 30

// swapTable is one leader swap table and the first round it applies to.
type swapTable struct {
	from uint64
	bad  []bool // per validator; nil: nobody is swapped
	// scores are those the table was made from (for tests and inspection).
	scores []uint64
}

// newSwapTable makes the table of scores (one per validator of set): the bad
// validators are the lowest scorers, while their stake stays within the bound
// and each scores below half of the best.
func newSwapTable(set *chain.ValidatorSet, scores []uint64, from uint64) swapTable {
	t := swapTable{from: from, scores: slices.Clone(scores)}
	high := slices.Max(scores)
	total := set.TotalStake()
	hi, lo := bits.Mul64(total, badStakePercent)
	pct, _ := bits.Div64(hi, lo, 100) // hi < 100: no overflow
	limit := min(pct, total-set.QuorumThreshold())
	order := make([]uint32, set.Len())
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		if c := cmp.Compare(scores[a], scores[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var stake uint64
	for _, v := range order {
		if scores[v] >= high-scores[v] { // not below half the best (2s >= high, without overflow)
			break
		}
		stake += set.Stake(v)
		if stake > limit {
			break
		}
		if t.bad == nil {
			t.bad = make([]bool, set.Len())
		}
		t.bad[v] = true
	}
	return t
}

// isBad reports whether v is swapped out by t.
func (t *swapTable) isBad(v uint32) bool { return t.bad != nil && t.bad[v] }

// reputationSchedule is a LeaderSchedule over a base schedule that swaps
// validators with a bad reputation out of the leader slots. It is fed every
// commit (observe) and is a pure function of the commit sequence of its epoch.
// Not safe for concurrent use, like the RawNode that owns it.
type reputationSchedule struct {
	base   LeaderSchedule
	set    *chain.ValidatorSet
	slots  int // leader slots per round
	window int

	// tables are in ascending order of from: at first the empty table alone,
	// later the table in force at the round of the last change's commit and
	// the one it made. tables[0] answers every round before tables[1].from
	// (rounds below the last decided one are never asked for again).
	tables []swapTable

	start uint64 // the index of the commit before the epoch's first

	// The current window.
	leaders map[BlockRef]bool               // committed leaders
	votes   map[Slot]*chain.StakeAggregator // votes for them, with who linked each
	scores  []uint64                        // per validator
	changed bool                            // a new table since the last takeChange
}

// newReputationSchedule wraps base for set and leaders slots per round,
// rebuilding the swap table after every window commits of the epoch that
// follows commit start.
func newReputationSchedule(base LeaderSchedule, set *chain.ValidatorSet, leaders, window int, start uint64) *reputationSchedule {
	return &reputationSchedule{
		base:    base,
		set:     set,
		slots:   leaders,
		window:  window,
		start:   start,
		tables:  []swapTable{{}},
		leaders: map[BlockRef]bool{},
		votes:   map[Slot]*chain.StakeAggregator{},
		scores:  make([]uint64, set.Len()),
	}
}

// table returns the swap table of round.
func (r *reputationSchedule) table(round uint64) *swapTable {
	for i := len(r.tables) - 1; i > 0; i-- {
		if r.tables[i].from <= round {
			return &r.tables[i]
		}
	}
	return &r.tables[0]
}

// Leader implements LeaderSchedule: the author of slot k of round after swaps,
// or the base schedule's author if the slot is dropped (no validator left to
// take it; Mysticeti asks roundLeaders and leaves such a slot out).
func (r *reputationSchedule) Leader(round uint64, k int) uint32 {
	for _, s := range r.roundLeaders(round, max(r.slots, k+1)) {
		if s.Offset == k {
			return s.Author
		}
	}
	return r.base.Leader(round, k)
}

// roundLeaders implements roundSchedule: the slots 0..leaders-1 of round with
// bad validators swapped out, in offset order, dropped slots left out.
func (r *reputationSchedule) roundLeaders(round uint64, leaders int) []LeaderSlot {
	t := r.table(round)
	out := make([]LeaderSlot, 0, leaders)
	for k := 0; k < leaders; k++ {
		out = append(out, LeaderSlot{Round: round, Offset: k, Author: r.base.Leader(round, k)})
	}
	if t.bad == nil {
		return out
	}
	taken := make([]bool, r.set.Len())
	for _, s := range out {
		if !t.isBad(s.Author) {
			taken[s.Author] = true
		}
	}
	kept := out[:0]
	for _, s := range out {
		if t.isBad(s.Author) {
			var cands []uint32
			for v := range uint32(r.set.Len()) {
				if !taken[v] && !t.isBad(v) {
					cands = append(cands, v)
				}
			}
			if len(cands) == 0 {
				continue // nobody left to lead it: drop the slot
			}
			s.Author = cands[swapDraw(round, s.Offset, len(cands))]
			taken[s.Author] = true
		}
		kept = append(kept, s)
	}
	return kept
}

// swapDraw picks one of n candidates for slot (round, offset), uniformly, with
// a ChaCha8 generator keyed by SHA-256 of the slot.
func swapDraw(round uint64, offset, n int) int {
	h := sha256.New()
	h.Write([]byte("depinkit/leader-swap/v1\x00"))
	h.Write(binary.BigEndian.AppendUint64(nil, round))
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(offset)))
	var key [32]byte
	h.Sum(key[:0])
	return int(rand.New(rand.NewChaCha8(key)).Uint64N(uint64(n)))
}

// observe scores commit index: leader and its blocks, sorted by round. At the
// end of a window it makes the next table, applying from the round after
// leader's.
//
// The table in force after commit i depends only on the commits of the last
// window completed by i, and the next one on those since: a validator that
// adopts commits without deciding them (commit sync) must observe each of
// them, in order, from at least the start of the window before the one it
// resumes deciding in, or it would elect other leaders than its peers.
func (r *reputationSchedule) observe(index uint64, leader *Block, blocks []*Block) {
	for _, b := range blocks {
		for _, p := range b.Parents {
			if p.Round+1 != b.Round {
				continue // a weak link is not a vote, nor a sign of timeliness
			}
			if r.leaders[p] && r.votes[b.Slot()] == nil {
				r.votes[b.Slot()] = chain.NewStakeAggregator(r.set)
			}
			if agg := r.votes[p.Slot()]; agg != nil {
				before := agg.Stake()
				r.scores[p.Author] = addSat(r.scores[p.Author], agg.Add(b.Author)-before)
			}
		}
	}
	r.leaders[leader.Ref()] = true
	if index <= r.start || (index-r.start)%uint64(r.window) != 0 {
		return
	}
	t := newSwapTable(r.set, r.scores, leader.Round+1)
	// Keep the table in force at leader's round (its later slots are still to
	// be decided with it), drop the older ones, and add t.
	r.tables = append(r.tables[:0], *r.table(leader.Round), t)
	clear(r.leaders)
	clear(r.votes)
	clear(r.scores)
	r.changed = true
}

// addSat is a+b, saturated: huge stakes make equal (saturated) scores, which
// swap nobody, never a wrapped small one.
func addSat(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

// takeChange reports whether a table was made since the last call.
func (r *reputationSchedule) takeChange() bool {
	c := r.changed
	r.changed = false
	return c
}

// Reputation describes a validator's leader reputation (Config.ReputationWindow):
// the swap table in force at the node's highest rounds.
type Reputation struct {
	// Window is the number of commits per window; 0 when reputation is off.
	Window int
	// From is the first round the table applies to; 0 before the first window
	// of the epoch has ended (nobody is swapped then).
	From uint64
	// Scores are the validators' scores the table was made from, by index;
	// nil before the first window has ended.
	Scores []uint64
	// Swapped lists the validators the table keeps out of the leader slots,
	// in index order.
	Swapped []uint32
}

// Reputation returns the node's leader reputation: which validators are out of
// the leader schedule, and the scores that put them there. Every validator
// derives the same from the same commits.
func (rn *RawNode) Reputation() Reputation {
	r := rn.reputation()
	if r == nil {
		return Reputation{}
	}
	t := r.tables[len(r.tables)-1]
	out := Reputation{Window: r.window, From: t.from, Scores: slices.Clone(t.scores)}
	for v := range uint32(r.set.Len()) {
		if t.isBad(v) {
			out.Swapped = append(out.Swapped, v)
		}
	}
	return out
}

// reputation returns the node's reputation schedule, nil when it has none (a
// Committer of the caller's, or ReputationWindow negative).
func (rn *RawNode) reputation() *reputationSchedule {
	r, _ := rn.cfg.Schedule.(*reputationSchedule)
	return r
}

// scoreCommit feeds commit index, leader and its blocks sorted by round, to the
// reputation schedule. linearize calls it for every commit it makes; any other
// way of adopting commits must too (see reputationSchedule.observe).
func (rn *RawNode) scoreCommit(index uint64, leader *Block, blocks []*Block) {
	if r := rn.reputation(); r != nil {
		r.observe(index, leader, blocks)
	}
}

// scheduleChanged reports whether the last commit changed the leader schedule:
// tryCommit then stops its pass there and decides again.
func (rn *RawNode) scheduleChanged() bool {
	r := rn.reputation()
	return r != nil && r.takeChange()
}

// replayReputation rebuilds the reputation schedule of a node that resumes
// from stored commit headers (RecoverFrom) rather than deriving every commit
// of the epoch: it observes the commits of headers (the epoch's, contiguous,
// oldest first) from the first window boundary they cover, with their blocks
// taken from blocks. The table in force then is the one the node's peers
// derived, provided the headers reach back to the start of the window before
// the last header's and every block of those commits is at hand; complete
// reports whether they did. (A node given fewer could elect other leaders than
// its peers: loaders should keep that much, about 2 x ReputationWindow
// commits, which the GC window of headers and blocks usually covers.)
func (rn *RawNode) replayReputation(headers []CommitHeader, blocks []*Block) (complete bool) {
	r := rn.reputation()
	if r == nil || len(headers) == 0 {
		return true
	}
	w := uint64(r.window)
	first, last := headers[0].Index, headers[len(headers)-1].Index
	// The first boundary b (b = start + j*w) with b+1 >= first: the windows
	// after it are whole in headers.
	b := r.start
	if first > r.start+1 {
		b = r.start + (first-r.start-1+w-1)/w*w
	}
	// The windows needed: the one before last's (it made the newest table),
	// last's own (it makes the next), and the one before those: the newest
	// table applies from the round after its boundary commit's leader, so the
	// later leader slots of that round, which may still be undecided at last,
	// are decided with the table before it.
	need := r.start
	if k := (last - r.start - 1) / w; k >= 2 && last > r.start {
		need = r.start + (k-2)*w
	}
	complete = b <= need
	byRef := make(map[BlockRef]*Block, len(blocks))
	for _, blk := range blocks {
		byRef[blk.Ref()] = blk
	}
	for _, h := range headers {
		if h.Index <= b {
			continue
		}
		cblocks := make([]*Block, 0, len(h.Blocks))
		for _, ref := range h.Blocks {
			if blk := byRef[ref]; blk != nil {
				cblocks = append(cblocks, blk)
			} else {
				complete = false
			}
		}
		leader := byRef[h.Leader]
		if leader == nil {
			complete = false
			leader = &Block{Round: h.Leader.Round, Author: h.Leader.Author, digest: h.Leader.Digest}
		}
		r.observe(h.Index, leader, cblocks)
	}
	r.takeChange() // the tables apply from the rounds they name: nothing to decide again
	return complete
}
