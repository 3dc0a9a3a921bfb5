package dag

// A second, deliberately naive implementation of the Mysticeti-C decision rule
// and of the linearizer, written from the design notes (sections 4 and 5) rather
// than from committer.go or rawnode.go. The scripts and the randomized tests
// compare the production code against it, as raft's quorum/quick_test.go checks
// an optimised function against a plain one. It favours the letter of the rules
// over speed: votes are found with the first-hit support walk of D1, stakes are
// summed over sets of authors by hand, and each slot is decided lazily by
// recursion instead of one pass from the top.

import (
	"cmp"
	"fmt"
	"slices"
)

// refMysticeti is the reference commit rule.
type refMysticeti struct {
	schedule LeaderSchedule
	leaders  int
}

var _ Committer = (*refMysticeti)(nil)

func newRefMysticeti(schedule LeaderSchedule, leaders, n int) (*refMysticeti, error) {
	if leaders < 1 || leaders > n {
		return nil, fmt.Errorf("reference: %d leaders per round with %d validators", leaders, n)
	}
	return &refMysticeti{schedule: schedule, leaders: leaders}, nil
}

func (m *refMysticeti) Name() string { return "reference" }

func (m *refMysticeti) Leaders(round uint64) []LeaderSlot {
	if round == 0 {
		return nil
	}
	var out []LeaderSlot
	for k := range m.leaders {
		out = append(out, LeaderSlot{Round: round, Offset: k, Author: m.schedule.Leader(round, k)})
	}
	return out
}

// TryDecide decides the slots after last in order, each as late as it is needed,
// and stops at the first one it cannot decide (R5).
func (m *refMysticeti) TryDecide(d DAG, last LeaderSlot) ([]Decision, error) {
	// The slots whose wave (r, r+1, r+2) fits in the DAG (R4), oldest first.
	var slots []LeaderSlot
	for r := max(last.Round, 1); r+2 <= d.HighestRound(); r++ {
		for _, s := range m.Leaders(r) {
			if last.before(s) {
				slots = append(slots, s)
			}
		}
	}
	memo := map[int]Decision{}
	var decide func(i int) (Decision, error)
	decide = func(i int) (Decision, error) {
		if dec, ok := memo[i]; ok {
			return dec, nil
		}
		dec, err := m.direct(d, slots[i])
		if err == nil && dec.Kind == Undecided {
			dec, err = m.indirect(d, slots[i], func(s LeaderSlot) (Decision, error) {
				return decide(slices.Index(slots, s))
			}, slots[i+1:])
		}
		if err != nil {
			return Decision{}, err
		}
		memo[i] = dec
		return dec, nil
	}
	var out []Decision
	for i := range slots {
		dec, err := decide(i)
		if err != nil {
			return nil, err
		}
		if dec.Kind == Undecided {
			break
		}
		out = append(out, dec)
	}
	return out, nil
}

// quorum reports whether the distinct authors hold more than 2/3 of the stake.
func quorum(d DAG, authors map[uint32]bool) bool {
	set := d.Validators()
	var stake uint64
	for a := range authors {
		stake += set.Stake(a)
	}
	return 3*stake > 2*set.TotalStake()
}

// support is D1: the block of slot s that x supports, found by walking x's
// ancestors depth first in their stored order; the first hit wins.
func support(d DAG, x *Block, s Slot) (BlockRef, bool) {
	if x.Round < s.Round {
		return BlockRef{}, false
	}
	for _, a := range x.Parents {
		if a.Slot() == s {
			return a, true
		}
		if a.Round <= s.Round {
			continue
		}
		if ab := d.Block(a); ab != nil {
			if ref, ok := support(d, ab, s); ok {
				return ref, true
			}
		}
	}
	return BlockRef{}, false
}

// certifies is D4: the parents of c at b.Round+1 that vote for b (D2) come
// from a quorum of authors.
func certifies(d DAG, c, b *Block) bool {
	voters := map[uint32]bool{}
	for _, p := range c.Parents {
		if p.Round != b.Round+1 {
			continue
		}
		if x := d.Block(p); x != nil {
			if ref, ok := support(d, x, b.Slot()); ok && ref == b.Ref() {
				voters[x.Author] = true
			}
		}
	}
	return quorum(d, voters)
}

// direct applies R1 then R2.
func (m *refMysticeti) direct(d DAG, s LeaderSlot) (Decision, error) {
	// R1: a quorum of authors at r+1 have a block linking no block of s's author (D3).
	blamers := map[uint32]bool{}
	for _, x := range d.BlocksAt(s.Round + 1) {
		if !slices.ContainsFunc(x.Parents, func(p BlockRef) bool { return p.Author == s.Author }) {
			blamers[x.Author] = true
		}
	}
	if quorum(d, blamers) {
		return Decision{Slot: s, Kind: Skip, Direct: true}, nil
	}
	// R2: a quorum of authors at r+2 have a certificate for one block of s.
	var committed *Block
	for _, b := range d.SlotBlocks(Slot{Round: s.Round, Author: s.Author}) {
		certifiers := map[uint32]bool{}
		for _, c := range d.BlocksAt(s.Round + 2) {
			if certifies(d, c, b) {
				certifiers[c.Author] = true
			}
		}
		if quorum(d, certifiers) {
			if committed != nil {
				return Decision{}, fmt.Errorf("dag: BFT assumption broken: two blocks of leader slot %s directly committed (%s, %s)", s, committed.Ref(), b.Ref())
			}
			committed = b
		}
	}
	if committed == nil {
		return Decision{Slot: s}, nil
	}
	return Decision{Slot: s, Kind: Commit, Leader: committed, Direct: true}, nil
}

// indirect applies R3: the anchor is the first later slot at round r+3 or more
// that is not skipped; it must be a commit, and s commits iff one block at r+2 in
// the anchor's history certifies it.
func (m *refMysticeti) indirect(d DAG, s LeaderSlot, decide func(LeaderSlot) (Decision, error), later []LeaderSlot) (Decision, error) {
	var anchor *Block
	for _, t := range later {
		if t.Round < s.Round+3 {
			continue
		}
		dec, err := decide(t)
		if err != nil {
			return Decision{}, err
		}
		if dec.Kind == Skip {
			continue
		}
		if dec.Kind == Undecided {
			return Decision{Slot: s}, nil
		}
		anchor = dec.Leader
		break
	}
	if anchor == nil {
		return Decision{Slot: s}, nil
	}
	// The anchor's causal history at r+2, by plain reachability.
	var history []*Block
	seen := map[BlockRef]bool{}
	var walk func(b *Block)
	walk = func(b *Block) {
		if seen[b.Ref()] {
			return
		}
		seen[b.Ref()] = true
		if b.Round == s.Round+2 {
			history = append(history, b)
			return
		}
		for _, p := range b.Parents {
			if pb := d.Block(p); pb != nil && pb.Round >= s.Round+2 {
				walk(pb)
			}
		}
	}
	walk(anchor)
	var committed *Block
	for _, b := range d.SlotBlocks(Slot{Round: s.Round, Author: s.Author}) {
		if slices.ContainsFunc(history, func(c *Block) bool { return certifies(d, c, b) }) {
			if committed != nil {
				return Decision{}, fmt.Errorf("dag: BFT assumption broken: two blocks of leader slot %s indirectly committed (%s, %s)", s, committed.Ref(), b.Ref())
			}
			committed = b
		}
	}
	if committed == nil {
		return Decision{Slot: s, Kind: Skip}, nil
	}
	return Decision{Slot: s, Kind: Commit, Leader: committed}, nil
}

// refLinearize is Lin1-Lin4: for each committed leader in order, the leader and
// its ancestors not yet committed, above the GC round taken from the previous
// leader (gcDepth 0: no GC), without genesis, sorted by (round, author, digest).
func refLinearize(d DAG, leaders []*Block, gcDepth uint64) ([][]*Block, error) {
	committed := map[BlockRef]bool{}
	var out [][]*Block
	var lastRound uint64
	for _, leader := range leaders {
		if committed[leader.Ref()] {
			return nil, fmt.Errorf("leader %s committed twice", leader.Ref())
		}
		var gc uint64
		if gcDepth > 0 && lastRound > gcDepth {
			gc = lastRound - gcDepth
		}
		committed[leader.Ref()] = true
		blocks := []*Block{}
		stack := []*Block{leader}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			blocks = append(blocks, b)
			for _, p := range b.Parents {
				if p.Round == 0 || p.Round <= gc || committed[p] {
					continue
				}
				pb := d.Block(p)
				if pb == nil {
					return nil, fmt.Errorf("ancestor %s of %s missing", p, leader.Ref())
				}
				committed[p] = true
				stack = append(stack, pb)
			}
		}
		slices.SortFunc(blocks, func(a, b *Block) int {
			da, db := a.Digest(), b.Digest()
			return cmp.Or(cmp.Compare(a.Round, b.Round), cmp.Compare(a.Author, b.Author), slices.Compare(da[:], db[:]))
		})
		out = append(out, blocks)
		lastRound = leader.Round
	}
	return out, nil
}
