package dag

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestFairParents: when a validator's vouched blocks fall short of a quorum
// at round-1, its proposal links the first-seen block of every other author
// there, not just enough for a quorum in index order (which left the
// highest-index validators unlinked round after round, issue 14 6a).
func TestFairParents(t *testing.T) {
	l := newLockstep(t, 7, nil)
	for r := 0; r < 6; r++ {
		l.step(60 * time.Millisecond)
	}
	rn := l.nodes[0]
	round := rn.dag.clockRound
	// Authors 1, 2 and 3 built on a parent this validator never saw.
	for a := uint32(1); a <= 3; a++ {
		for _, b := range rn.dag.slots[Slot{Round: round - 1, Author: a}] {
			rn.dag.byRef[b.Ref()].taint = round
		}
		for _, b := range rn.dag.slots[Slot{Round: round - 2, Author: a}] {
			rn.dag.byRef[b.Ref()].taint = round
		}
	}
	rn.proposed = round - 1
	rn.tryPropose(true)
	require.Equal(t, round, rn.proposed, "no proposal")
	linked := map[uint32]bool{}
	for _, p := range rn.lastOwn.Parents[1:] {
		if p.Round == round-1 {
			linked[p.Author] = true
		}
	}
	for a := uint32(1); a < 7; a++ {
		require.True(t, linked[a], "author %d not linked at round %d: %v", a, round-1, rn.lastOwn.Parents)
	}
}

// TestTaintRecovers: a block built on a parent never seen is not vouched for
// while that parent is within the GC window, and is again once the GC round
// has moved a window past it, so its author is linked again.
func TestTaintRecovers(t *testing.T) {
	keys := testKeys(4)
	set := testSet(t, keys)
	d := newDAGState(set, 0, 10)
	d.gcRound = 26
	b := &Block{Round: 27, Author: 1, Parents: []BlockRef{{Round: 25, Author: 1, Digest: chain.Digest{7}}}}
	require.NoError(t, b.Sign(chain.NewKeySigner(keys[1])))
	d.accept(b)
	require.False(t, d.vouched(b.Ref()), "built on a parent never seen")
	c := &Block{Round: 38, Author: 1, Parents: []BlockRef{b.Ref()}}
	require.NoError(t, c.Sign(chain.NewKeySigner(keys[1])))
	d.accept(c)
	require.False(t, d.vouched(c.Ref()), "the taint passes to children")
	d.collect(34, 10)
	require.False(t, d.vouched(c.Ref()), "still within the window")
	d.collect(35, 10)
	require.True(t, d.vouched(c.Ref()), "a window past the taint: vouched again")
}

// TestStepJudgesSenderByEpoch: a validator of the previous epoch that the new
// set no longer has (index 3 of 4, the new set has 3) is still answered for
// the previous epoch's blocks (issue 14 6d).
func TestStepJudgesSenderByEpoch(t *testing.T) {
	l := newLockstep(t, 4, nil)
	for r := 0; r < 10; r++ {
		l.step(60 * time.Millisecond)
	}
	rn := l.nodes[0]
	require.NotEmpty(t, l.commits[0])
	last := l.commits[0][len(l.commits[0])-1]
	require.NoError(t, rn.NextEpoch(testSet(t, testKeys(4)[:3]), last))
	rn.Ready()
	rn.Advance()
	require.NoError(t, rn.Step(Message{Type: MsgFetchRequest, Epoch: 0, From: 3, To: 0, Have: make([]uint64, 4)}))
	found := false
	for _, m := range rn.Ready().Messages {
		if m.Type == MsgFetchResponse && m.To == 3 && len(m.Blocks) > 0 && m.Epoch == 0 {
			found = true
		}
	}
	require.True(t, found, "no answer from the previous epoch's DAG")
	rn.Advance()
	// A sender the set of the message's epoch does not have is refused.
	require.ErrorIs(t, rn.Step(Message{Type: MsgFetchRequest, Epoch: 1, From: 3, To: 0, Have: make([]uint64, 3)}), ErrInvalidMessage)
}
