package dag

import (
	"fmt"

	"github.com/depinkit/depinkit/chain"
)

// The amnesia guard (Sui's FetchOwnLastBlock in synchronizer.rs; pitfall 10
// of the notes): a validator whose store holds no block of its own for the
// epoch — a new one, or one whose data directory was wiped or restored from an
// old backup — may have signed blocks before that its peers hold. It must not
// sign a second block for any of those rounds. AwaitOwnBlock makes it ask
// every peer for the latest block of its own they hold, and propose nothing
// until validators with f+1 stake have answered; it then never proposes at or
// below the highest round they showed (with its signature checked). They show
// the latest block of the asker they hold, accepted or still waiting for its
// parents. Limit: a block that reached only validators that do not answer,
// or none (still in flight, or cut by a partition and lost with the wiped
// disk), is not shown, and the validator may sign its round again; whoever
// holds both blocks then has evidence against it (campaign seed 30064771593:
// a validator alone in a partition signed round 67, was wiped, and signed it
// again once the network, stalled there, let it). Closing this needs the
// guard to wait past the rounds the validator may have signed, which the
// answers do not bound without trusting a peer's round. A persisted
// signed-round watermark (RawNode.raiseSigned, in the store) prevents this
// for any restart that keeps the data directory.

// ownAsk tracks an AwaitOwnBlock.
type ownAsk struct {
	answered *chain.StakeAggregator
	from     []bool // per validator: answered
	highest  uint64 // highest own round shown
}

// AwaitOwnBlock makes a node that starts with no own block stored (new,
// wiped, or restored from a backup) ask its peers for its latest block and
// hold its proposals until validators with f+1 stake answered (asking again
// every FetchTimeout). Call it after NewRawNode (and Recover, if any), before
// anything else. Node calls it when its store holds no own block of the epoch.
func (rn *RawNode) AwaitOwnBlock() {
	if rn.ownAskTarget() == 0 {
		return // nobody else to ask
	}
	rn.awaitOwn = &ownAsk{answered: chain.NewStakeAggregator(rn.dag.set), from: make([]bool, rn.dag.set.Len())}
	rn.askOwn()
}

// Awaiting reports whether the node is still waiting for its peers to show
// its latest block (AwaitOwnBlock).
func (rn *RawNode) Awaiting() bool { return rn.awaitOwn != nil }

// askOwn asks the validators that have not answered yet.
func (rn *RawNode) askOwn() {
	rn.ownAskT = rn.now
	for v := range rn.awaitOwn.from {
		if uint32(v) != rn.self && !rn.awaitOwn.from[v] {
			rn.pending.Messages = append(rn.pending.Messages, Message{Type: MsgLastBlockRequest, Epoch: rn.dag.epoch, From: rn.self, To: uint32(v)})
		}
	}
}

// ownAskTarget is the stake of answers AwaitOwnBlock waits for: f+1, or all
// the others' stake if that is less (a single validator waits for nobody).
func (rn *RawNode) ownAskTarget() uint64 {
	set := rn.dag.set
	return min(set.ValidityThreshold(), set.TotalStake()-set.Stake(rn.self))
}

// onLastBlockRequest answers with the asker's latest block this node holds
// (none if it holds none): accepted, or still waiting for its parents
// (suspended) or for its round (future). A block the asker signed just
// before it was wiped often waits here on parents that a partition or the
// crash kept away; answering with the latest accepted one only let it sign
// that round again (campaign seed 17179871394).
func (rn *RawNode) onLastBlockRequest(m Message) error {
	if m.Epoch != rn.dag.epoch {
		return nil
	}
	resp := Message{Type: MsgLastBlockResponse, Epoch: rn.dag.epoch, From: rn.self, To: m.From}
	if l := rn.dag.latest[m.From]; l != nil && l.Round > 0 {
		resp.Block = l
	}
	later := func(b *Block) {
		if b.Author != m.From || b.Epoch != rn.dag.epoch {
			return
		}
		// The highest round; between two blocks of one round (an
		// equivocation), the lower digest, so that the answer does not
		// depend on map order.
		if c := resp.Block; c == nil || b.Round > c.Round || b.Round == c.Round && compareRefs(b.Ref(), c.Ref()) < 0 {
			resp.Block = b
		}
	}
	if rn.perAuthor[m.From] > 0 {
		for _, s := range rn.suspended {
			later(s.b)
		}
		for _, b := range rn.future {
			later(b)
		}
	}
	rn.pending.Messages = append(rn.pending.Messages, resp)
	return nil
}

// onLastBlockResponse takes an answer to AwaitOwnBlock.
func (rn *RawNode) onLastBlockResponse(m Message) error {
	a := rn.awaitOwn
	if a == nil || m.Epoch != rn.dag.epoch || a.from[m.From] {
		return nil
	}
	if b := m.Block; b != nil {
		if b.Author != rn.self {
			return fmt.Errorf("%w: last block response with a block of author %d, not %d", ErrInvalidMessage, b.Author, rn.self)
		}
		if err := rn.validate(b); err != nil {
			return err
		}
		a.highest = max(a.highest, b.Round)
	}
	a.from[m.From] = true
	a.answered.Add(m.From)
	if a.answered.Stake() >= rn.ownAskTarget() {
		rn.raiseSigned(a.highest)
		rn.awaitOwn = nil
		rn.tryPropose(false)
	}
	return nil
}
