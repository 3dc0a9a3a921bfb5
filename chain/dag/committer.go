package dag

import (
	"fmt"
	"slices"

	"github.com/depinkit/depinkit/chain"
)

// LeaderSlot is a position in the leader schedule: the k-th leader (Offset) of a
// round, and the author elected for it. Slots are ordered by (Round, Offset).
type LeaderSlot struct {
	Round  uint64
	Offset int
	Author uint32
}

// before reports whether s comes before o in the leader order.
func (s LeaderSlot) before(o LeaderSlot) bool {
	return s.Round < o.Round || s.Round == o.Round && s.Offset < o.Offset
}

// String returns "round.offset(author)".
func (s LeaderSlot) String() string { return fmt.Sprintf("%d.%d(%d)", s.Round, s.Offset, s.Author) }

// DecisionKind says what a committer decided for a leader slot.
type DecisionKind uint8

// Decisions.
const (
	// Undecided: the local DAG proves neither a commit nor a skip yet.
	Undecided DecisionKind = iota
	// Commit: the slot's block Leader is committed.
	Commit
	// Skip: the slot is skipped; no block of it will ever be committed.
	Skip
)

func (k DecisionKind) String() string {
	switch k {
	case Commit:
		return "commit"
	case Skip:
		return "skip"
	}
	return "undecided"
}

// Decision is a committer's verdict on one leader slot.
type Decision struct {
	Slot   LeaderSlot
	Kind   DecisionKind
	Leader *Block // the committed block, for Commit
	Direct bool   // decided by the direct rule (not through a later anchor)
}

// String describes the decision, e.g. "commit 5.0(2) direct".
func (d Decision) String() string {
	how := "indirect"
	if d.Direct {
		how = "direct"
	}
	if d.Kind == Undecided {
		return fmt.Sprintf("undecided %s", d.Slot)
	}
	return fmt.Sprintf("%s %s %s", d.Kind, d.Slot, how)
}

// Committer is a commit rule: it decides leader slots from the local DAG.
type Committer interface {
	// Name identifies the rule, e.g. "mysticeti".
	Name() string
	// Leaders returns the leader slots of a round, in offset order (none for a
	// round without leaders).
	Leaders(round uint64) []LeaderSlot
	// TryDecide returns the decisions of the leader slots after last, in order, as
	// far as the DAG decides them: every entry is Commit or Skip, and it stops
	// before the first slot it cannot decide. It is a pure function of the DAG
	// and last, and re-running it never changes a decision. The zero LeaderSlot
	// means nothing has been decided. An error means the BFT assumption is broken
	// (two blocks of one slot would commit).
	TryDecide(d DAG, last LeaderSlot) ([]Decision, error)
}

// Mysticeti is the Mysticeti-C commit rule over an uncertified DAG, with waves of
// three rounds and one or more leaders per round. For a leader slot s at round r:
//
//   - direct skip: blocks at r+1 from a quorum of authors link no block of s's
//     author;
//   - direct commit: a quorum of authors have a certificate for block B of s at
//     r+2, a certificate being a block whose parents at r+1 that link B come from
//     a quorum of authors;
//   - indirect: otherwise the first later slot (round >= r+3) decided as a commit
//     is the anchor; B commits if the anchor's history holds a certificate for it
//     at r+2, else s is skipped. An undecided slot before the anchor leaves s
//     undecided.
//
// Stake is always summed over distinct authors, so equivocators count once.
type Mysticeti struct {
	schedule LeaderSchedule
	leaders  int
	n        int
}

// NewMysticeti returns the rule with the given schedule and leaders per round
// (at least 1, at most the number of validators n).
func NewMysticeti(schedule LeaderSchedule, leadersPerRound, n int) (*Mysticeti, error) {
	if leadersPerRound < 1 || leadersPerRound > n {
		return nil, fmt.Errorf("%w: %d leaders per round with %d validators", ErrConfig, leadersPerRound, n)
	}
	return &Mysticeti{schedule: schedule, leaders: leadersPerRound, n: n}, nil
}

// Name implements Committer.
func (m *Mysticeti) Name() string { return "mysticeti" }

// Leaders implements Committer.
func (m *Mysticeti) Leaders(round uint64) []LeaderSlot {
	if round == 0 {
		return nil
	}
	if rs, ok := m.schedule.(roundSchedule); ok {
		return rs.roundLeaders(round, m.leaders)
	}
	out := make([]LeaderSlot, m.leaders)
	for k := range out {
		out[k] = LeaderSlot{Round: round, Offset: k, Author: m.schedule.Leader(round, k)}
	}
	return out
}

const wave = 3 // rounds from a leader to its decision round, inclusive

// TryDecide implements Committer.
func (m *Mysticeti) TryDecide(d DAG, last LeaderSlot) ([]Decision, error) {
	high := d.HighestRound()
	if high < wave {
		return nil, nil
	}
	// Walk slots from the newest decidable down to just after last, deciding each
	// directly or through the later decisions of this pass.
	var desc []Decision // newest first
	for r := high - (wave - 1); r >= 1 && r >= last.Round; r-- {
		slots := m.Leaders(r)
		for k := len(slots) - 1; k >= 0; k-- {
			s := slots[k]
			if !last.before(s) {
				continue
			}
			dec, err := m.decideDirect(d, s)
			if err != nil {
				return nil, err
			}
			if dec.Kind == Undecided {
				if dec, err = m.decideIndirect(d, s, desc); err != nil {
					return nil, err
				}
			}
			desc = append(desc, dec)
		}
	}
	// Output the longest decided prefix, oldest first.
	var out []Decision
	for i := len(desc) - 1; i >= 0; i-- {
		if desc[i].Kind == Undecided {
			break
		}
		out = append(out, desc[i])
	}
	return out, nil
}

func (m *Mysticeti) decideDirect(d DAG, s LeaderSlot) (Decision, error) {
	set := d.Validators()
	// Direct skip: a quorum at r+1 links no block of the leader's author.
	blame := chain.NewStakeAggregator(set)
	for _, b := range d.BlocksAt(s.Round + 1) {
		if !linksAuthor(b, s.Author) {
			blame.Add(b.Author)
		}
	}
	if blame.Quorum() {
		return Decision{Slot: s, Kind: Skip, Direct: true}, nil
	}
	// Direct commit: certificates for B at r+2 from a quorum of authors.
	decisionRound := d.BlocksAt(s.Round + wave - 1)
	all := chain.NewStakeAggregator(set)
	for _, c := range decisionRound {
		all.Add(c.Author)
	}
	if !all.Quorum() {
		return Decision{Slot: s}, nil
	}
	var committed *Block
	for _, b := range d.SlotBlocks(Slot{Round: s.Round, Author: s.Author}) {
		certs := chain.NewStakeAggregator(set)
		for _, c := range decisionRound {
			if isCertificate(d, c, b) {
				certs.Add(c.Author)
			}
		}
		if certs.Quorum() {
			if committed != nil {
				return Decision{}, fmt.Errorf("dag: BFT assumption broken: two blocks of leader slot %s directly committed (%s, %s)", s, committed.Ref(), b.Ref())
			}
			committed = b
		}
	}
	if committed != nil {
		return Decision{Slot: s, Kind: Commit, Leader: committed, Direct: true}, nil
	}
	return Decision{Slot: s}, nil
}

// linksAuthor reports whether b links any block of author. A block that links an
// older block of the leader's author does not blame the leader: the skip test is
// conservative.
func linksAuthor(b *Block, author uint32) bool {
	for _, p := range b.Parents {
		if p.Author == author {
			return true
		}
	}
	return false
}

// isCertificate reports whether c (at leader round + 2) certifies leader block b:
// c's parents at b.Round+1 that vote for b come from a quorum of authors. A block
// at b.Round+1 votes for b iff it links b itself (each block links at most one
// block per author, so at most one twin of the slot).
func isCertificate(d DAG, c, b *Block) bool {
	votes := chain.NewStakeAggregator(d.Validators())
	ref := b.Ref()
	for _, p := range c.Parents {
		if p.Round != b.Round+1 {
			continue
		}
		voter := d.Block(p)
		if voter == nil {
			continue // collected: a non-vote
		}
		if slices.Contains(voter.Parents, ref) {
			votes.Add(voter.Author)
		}
	}
	return votes.Quorum()
}

// decideIndirect decides s through the first later slot (round >= r+3) of this
// pass decided as a commit. laterDesc holds this pass's decisions newest first.
func (m *Mysticeti) decideIndirect(d DAG, s LeaderSlot, laterDesc []Decision) (Decision, error) {
	var anchor *Block
	for i := len(laterDesc) - 1; i >= 0; i-- { // oldest first
		dec := laterDesc[i]
		if dec.Slot.Round < s.Round+wave {
			continue
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
	certRound := ancestorsAtRound(d, anchor, s.Round+wave-1)
	var committed *Block
	for _, b := range d.SlotBlocks(Slot{Round: s.Round, Author: s.Author}) {
		if slices.ContainsFunc(certRound, func(c *Block) bool { return isCertificate(d, c, b) }) {
			if committed != nil {
				return Decision{}, fmt.Errorf("dag: BFT assumption broken: two blocks of leader slot %s indirectly committed (%s, %s)", s, committed.Ref(), b.Ref())
			}
			committed = b
		}
	}
	if committed != nil {
		return Decision{Slot: s, Kind: Commit, Leader: committed}, nil
	}
	return Decision{Slot: s, Kind: Skip}, nil
}

// ancestorsAtRound returns the blocks at round in the causal history of from.
func ancestorsAtRound(d DAG, from *Block, round uint64) []*Block {
	var out []*Block
	seen := map[BlockRef]bool{from.Ref(): true}
	stack := []*Block{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.Round == round {
			out = append(out, b)
			continue
		}
		for _, p := range b.Parents {
			if p.Round < round || seen[p] {
				continue
			}
			seen[p] = true
			if pb := d.Block(p); pb != nil {
				stack = append(stack, pb)
			}
		}
	}
	return out
}
