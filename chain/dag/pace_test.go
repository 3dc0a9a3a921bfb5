package dag

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// lateLeader brings a 4-validator lockstep network (four leaders per round:
// every validator leads every round) to a round in step, then has every
// validator propose the next round, k, and holds validator 2's block of k
// back from validator 0. Validators 1, 2 and 3 then propose k+1, built on
// 2's block of k, and validator 0 gets their k+1 blocks (which it must
// suspend) before, at last, 2's block of k. after is how long after its own
// proposal of k validator 0's clock reads when the blocks arrive. It returns
// validator 0's RawNode, k, and the time the blocks arrived.
func lateLeader(t *testing.T, after time.Duration) (*RawNode, uint64, time.Time) {
	t.Helper()
	l := newLockstep(t, 4, nil)
	for range 8 {
		l.step(60 * time.Millisecond)
	}
	rn := l.nodes[0]
	k := rn.dag.clockRound
	for i, n := range l.nodes {
		require.Equal(t, k-1, n.proposed, "validator %d in step", i)
	}

	// Everyone proposes k; validator 0 misses 2's block.
	l.now = l.now.Add(60 * time.Millisecond)
	broadcasts := make([][]*Block, 4)
	for i, n := range l.nodes {
		n.Tick(l.now)
		rd := n.Ready()
		broadcasts[i] = rd.Broadcast
		n.Advance()
	}
	var held *Block
	for i, bs := range broadcasts {
		for _, b := range bs {
			require.Equal(t, k, b.Round)
			for j, n := range l.nodes {
				if j == i {
					continue
				}
				if i == 2 && j == 0 {
					held = b
					continue
				}
				require.NoError(t, n.Step(Message{Type: MsgBlock, From: uint32(i), To: uint32(j), Block: b}))
			}
		}
	}
	require.NotNil(t, held)
	require.Equal(t, k, rn.proposed)
	require.Equal(t, k+1, rn.dag.clockRound)

	// 1, 2 and 3 propose k+1; validator 0 gets their blocks, then 2's block of k.
	l.now = l.now.Add(60 * time.Millisecond)
	var next []Message
	for i := 1; i < 4; i++ {
		n := l.nodes[i]
		n.Tick(l.now)
		rd := n.Ready()
		require.Len(t, rd.Broadcast, 1, "validator %d proposes k+1", i)
		require.Equal(t, k+1, rd.Broadcast[0].Round)
		next = append(next, Message{Type: MsgBlock, From: uint32(i), To: 0, Block: rd.Broadcast[0]})
		n.Advance()
	}
	arrive := rn.lastPropT.Add(after)
	rn.Tick(arrive)
	require.Equal(t, k, rn.proposed, "validator 0 cannot propose k+1 without 2's block of k")
	for _, m := range next {
		require.NoError(t, rn.Step(m))
	}
	require.Equal(t, k+1, rn.dag.clockRound, "the k+1 blocks wait for 2's block of k")
	require.NoError(t, rn.Step(Message{Type: MsgBlock, From: 2, To: 0, Block: held}))
	require.Equal(t, k+2, rn.dag.clockRound, "2's block of k frees the k+1 blocks")
	return rn, k, arrive
}

// TestProposeWithinCascade: a late block of round k that frees the suspended
// blocks of round k+1 lets the validator propose k+1 before it accepts them
// (campaign seed 17179870466). Accepting them first moved its clock to k+2
// and left its leader slot in k+1 empty, for every validator to wait the
// leader timeout on.
func TestProposeWithinCascade(t *testing.T) {
	rn, k, _ := lateLeader(t, 60*time.Millisecond)
	require.Equal(t, k+1, rn.proposed, "validator 0 proposed k+1 as the late block came")
	require.Equal(t, k+1, rn.lastOwn.Round)
}

// TestSkippedOwnSlot: a validator whose clock moved past a round before it
// could propose (here the minimum round delay had not passed when the
// blocks came) does not wait the leader timeout for its own block of that
// round, which will never come.
func TestSkippedOwnSlot(t *testing.T) {
	rn, k, arrive := lateLeader(t, 20*time.Millisecond)
	require.Equal(t, k, rn.proposed, "too soon after its own block of k to propose k+1")
	rn.Tick(arrive.Add(rn.cfg.MinRoundDelay))
	require.Equal(t, k+2, rn.proposed, "proposed k+2 once the minimum delay passed, without waiting for its own k+1")
	require.Less(t, rn.cfg.MinRoundDelay, rn.cfg.LeaderTimeout)
}

// TestLastBlockAnswerSuspended: a validator asked for a wiped peer's latest
// block answers with one it holds suspended (its parents not all here), not
// only with the latest it accepted: the peer signed it, and must not sign
// its round again (campaign seed 17179871394: the blocks a validator signed
// before it crashed waited at its only reachable peer on parents a partition
// kept away; answered with an older block, it signed their rounds again
// after a wiped restart).
func TestLastBlockAnswerSuspended(t *testing.T) {
	l := newLockstep(t, 4, nil)
	for range 6 {
		l.step(60 * time.Millisecond)
	}
	rn := l.nodes[1]
	round := rn.dag.clockRound
	// Validator 3's block of round: its parents are the round-1 blocks, one
	// of which (validator 2's) validator 1 has never seen.
	b := &Block{Epoch: 0, Round: round, Author: 3, Timestamp: l.now.UnixMilli()}
	for _, a := range []uint32{3, 0, 1, 2} { // its own previous block first
		blocks := rn.dag.slots[Slot{Round: round - 1, Author: a}]
		require.NotEmpty(t, blocks)
		ref := blocks[0].Ref()
		if a == 2 {
			ref.Digest[0] ^= 0xff // a block of validator 2 that never came
		}
		b.Parents = append(b.Parents, ref)
	}
	require.NoError(t, b.Sign(chain.NewKeySigner(testKeys(4)[3])))
	require.NoError(t, rn.Step(Message{Type: MsgBlock, From: 3, To: 1, Block: b}))
	require.NotContains(t, rn.dag.slots[b.Slot()], b, "suspended, not accepted")
	require.Less(t, rn.dag.latest[3].Round, round)
	rn.Ready()
	rn.Advance()

	require.NoError(t, rn.Step(Message{Type: MsgLastBlockRequest, Epoch: 0, From: 3, To: 1}))
	var answer *Block
	for _, m := range rn.Ready().Messages {
		if m.Type == MsgLastBlockResponse && m.To == 3 {
			answer = m.Block
		}
	}
	rn.Advance()
	require.NotNil(t, answer)
	require.Equal(t, b.Ref(), answer.Ref(), "the suspended block, round %d", round)
}
