package dag

import (
	"fmt"
	"slices"

	"github.com/depinkit/depinkit/chain"
)

// Bullshark is a Bullshark-style commit rule on the same DAG, there to show that
// the commit rule is a plug point: one leader (anchor) every two rounds, at even
// rounds from 2, committed directly when blocks of the next round that link it
// come from authors with at least validity stake (f+1); an earlier anchor then
// commits if the newly committed anchor's history reaches it, and is skipped
// otherwise.
//
// Bullshark's f+1 rule is safe on a certified DAG, where reliable broadcast leaves
// at most one block per slot. On depinkit's uncertified DAG an equivocating anchor
// could gather f+1 links for two twins, so use Bullshark only where authors do
// not equivocate (a permissioned test network, say), and Mysticeti, the default,
// everywhere else. It refuses to commit a slot whose twins it can see.
type Bullshark struct {
	schedule LeaderSchedule
}

// NewBullshark returns the rule over schedule (offset 0 of each even round).
func NewBullshark(schedule LeaderSchedule) *Bullshark { return &Bullshark{schedule: schedule} }

// Name implements Committer.
func (b *Bullshark) Name() string { return "bullshark" }

// Leaders implements Committer.
func (b *Bullshark) Leaders(round uint64) []LeaderSlot {
	if round < 2 || round%2 != 0 {
		return nil
	}
	return []LeaderSlot{{Round: round, Offset: 0, Author: b.schedule.Leader(round, 0)}}
}

// TryDecide implements Committer.
func (b *Bullshark) TryDecide(d DAG, last LeaderSlot) ([]Decision, error) {
	high := d.HighestRound()
	if high < 3 {
		return nil, nil
	}
	// The newest anchor with f+1 direct links at the next round.
	top := high - 1
	if top%2 != 0 {
		top--
	}
	var anchor *Block
	var anchorSlot LeaderSlot
	for r := top; r >= 2 && r > last.Round; r -= 2 {
		s := b.Leaders(r)[0]
		blocks := d.SlotBlocks(Slot{Round: r, Author: s.Author})
		if len(blocks) != 1 {
			continue // absent, or twins: never commit directly
		}
		links := chain.NewStakeAggregator(d.Validators())
		ref := blocks[0].Ref()
		for _, x := range d.BlocksAt(r + 1) {
			if slices.Contains(x.Parents, ref) {
				links.Add(x.Author)
			}
		}
		if links.Validity() {
			anchor, anchorSlot = blocks[0], s
			break
		}
	}
	if anchor == nil {
		return nil, nil
	}
	// Walk back to the last decided anchor: each earlier anchor reachable from the
	// current one commits, the others are skipped.
	desc := []Decision{{Slot: anchorSlot, Kind: Commit, Leader: anchor, Direct: true}}
	cur := anchor
	for r := anchorSlot.Round - 2; r >= 2 && r > last.Round; r -= 2 {
		s := b.Leaders(r)[0]
		var reached *Block
		for _, x := range d.SlotBlocks(Slot{Round: r, Author: s.Author}) {
			if reaches(d, cur, x.Ref()) {
				if reached != nil {
					return nil, fmt.Errorf("dag: bullshark: twins %s and %s of anchor slot %s both reachable", reached.Ref(), x.Ref(), s)
				}
				reached = x
			}
		}
		if reached == nil {
			desc = append(desc, Decision{Slot: s, Kind: Skip})
			continue
		}
		desc = append(desc, Decision{Slot: s, Kind: Commit, Leader: reached})
		cur = reached
	}
	slices.Reverse(desc)
	return desc, nil
}

// reaches reports whether target is in the causal history of from.
func reaches(d DAG, from *Block, target BlockRef) bool {
	seen := map[BlockRef]bool{}
	stack := []*Block{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range b.Parents {
			if p == target {
				return true
			}
			if p.Round <= target.Round || seen[p] {
				continue
			}
			seen[p] = true
			if pb := d.Block(p); pb != nil {
				stack = append(stack, pb)
			}
		}
	}
	return false
}
