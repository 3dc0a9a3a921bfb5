package dag

import (
	"github.com/depinkit/depinkit/chain"
)

// DAG is the read-only view of a validator's local DAG that a Committer decides
// on. Only accepted blocks (all of whose parents above the GC round are present)
// appear in it.
type DAG interface {
	// Validators returns the epoch's validator set.
	Validators() *chain.ValidatorSet
	// HighestRound returns the highest round with an accepted block.
	HighestRound() uint64
	// BlocksAt returns the accepted blocks of round, twins included, in the
	// order they were accepted.
	BlocksAt(round uint64) []*Block
	// SlotBlocks returns the accepted blocks of a slot: more than one means its
	// author equivocated.
	SlotBlocks(s Slot) []*Block
	// Block returns an accepted block, or nil if it is absent or collected.
	Block(ref BlockRef) *Block
	// GCRound returns the round at and below which blocks have been collected
	// (genesis, round 0, always stays).
	GCRound() uint64
}

// vertex is an accepted block with its bookkeeping.
type vertex struct {
	b         *Block
	committed bool
	// taint is the highest round of an ancestor of the block that was never
	// seen here (a parent at or below the GC round this validator never had,
	// or an ancestor's such parent); 0: every ancestor was seen (or is
	// genesis). A tainted block is not vouched for while its taint is within
	// the GC window (dagState.vouched): it is kept (others may link it) but not
	// linked by an own block, so a Byzantine author cannot make honest blocks
	// depend on parents that never existed, which validators behind the GC
	// round could never fetch. Once the taint is a GC window below the GC round,
	// a validator that far behind catches up by commit sync anyway, and the
	// block (and its author's later ones) are vouched for again: the state
	// recovers instead of leaving an author unlinked for good.
	taint uint64
}

// dagState holds the accepted blocks of one epoch.
type dagState struct {
	set     *chain.ValidatorSet
	epoch   uint64
	byRef   map[BlockRef]*vertex
	rounds  map[uint64][]*Block
	slots   map[Slot][]*Block
	highest uint64
	gcRound uint64
	genesis []BlockRef
	// window is how many rounds below the GC round a taint still counts (the
	// GC depth).
	window uint64
	// collected holds refs of vouched blocks dropped by GC, for a window below
	// the GC round, so that later blocks linking them are vouched for too.
	collected map[BlockRef]bool
	// retired keeps the blocks GC dropped, for the same window, only to answer
	// fetches: a validator a commit or two behind still needs them.
	retired map[BlockRef]*Block

	// threshold clock: authors seen per round, for rounds above the clock.
	clockRound uint64
	roundAgg   map[uint64]*chain.StakeAggregator
	// latest accepted block of each author (the first-seen one of a slot).
	latest []*Block
}

func newDAGState(set *chain.ValidatorSet, epoch, window uint64) *dagState {
	d := &dagState{
		window:    window,
		set:       set,
		epoch:     epoch,
		byRef:     map[BlockRef]*vertex{},
		rounds:    map[uint64][]*Block{},
		slots:     map[Slot][]*Block{},
		roundAgg:  map[uint64]*chain.StakeAggregator{},
		latest:    make([]*Block, set.Len()),
		collected: map[BlockRef]bool{},
		retired:   map[BlockRef]*Block{},
	}
	for a := 0; a < set.Len(); a++ {
		ref := genesisRef(epoch, set, uint32(a))
		g := &Block{Epoch: epoch, Round: 0, Author: uint32(a), digest: ref.Digest}
		d.genesis = append(d.genesis, ref)
		d.byRef[ref] = &vertex{b: g, committed: true}
		d.rounds[0] = append(d.rounds[0], g)
		d.slots[g.Slot()] = []*Block{g}
		d.latest[a] = g
	}
	d.clockRound = 1
	return d
}

func (d *dagState) Validators() *chain.ValidatorSet { return d.set }
func (d *dagState) HighestRound() uint64            { return d.highest }
func (d *dagState) BlocksAt(round uint64) []*Block  { return d.rounds[round] }
func (d *dagState) SlotBlocks(s Slot) []*Block      { return d.slots[s] }
func (d *dagState) GCRound() uint64                 { return d.gcRound }

func (d *dagState) Block(ref BlockRef) *Block {
	if v := d.byRef[ref]; v != nil {
		return v.b
	}
	return nil
}

func (d *dagState) has(ref BlockRef) bool { _, ok := d.byRef[ref]; return ok }

// accept adds a block whose parents are present (or collected). It updates the
// threshold clock and returns true if the block advanced it.
func (d *dagState) accept(b *Block) bool {
	v := &vertex{b: b}
	for _, p := range b.Parents {
		if pv := d.byRef[p]; pv != nil {
			v.taint = max(v.taint, pv.taint)
		} else if !d.collected[p] {
			v.taint = max(v.taint, p.Round)
		}
	}
	d.byRef[b.Ref()] = v
	d.rounds[b.Round] = append(d.rounds[b.Round], b)
	s := b.Slot()
	d.slots[s] = append(d.slots[s], b)
	if b.Round > d.highest {
		d.highest = b.Round
	}
	if l := d.latest[b.Author]; l == nil || b.Round > l.Round {
		d.latest[b.Author] = b
	}
	// Threshold clock: a quorum of authors at round r moves the clock to r+1; a
	// block at round r implies a quorum at r-1, so the clock reaches r at least.
	before := d.clockRound
	if b.Round > d.clockRound {
		d.clockRound = b.Round
	}
	if b.Round+1 > d.clockRound {
		agg := d.roundAgg[b.Round]
		if agg == nil {
			agg = chain.NewStakeAggregator(d.set)
			d.roundAgg[b.Round] = agg
		}
		agg.Add(b.Author)
		if agg.Quorum() {
			d.clockRound = b.Round + 1
		}
	}
	if d.clockRound != before {
		for r := range d.roundAgg {
			if r+1 <= d.clockRound {
				delete(d.roundAgg, r)
			}
		}
		return true
	}
	return false
}

// collect drops every block at or below round (not genesis) and returns them.
// window is how many rounds below round to remember the vouched ones.
func (d *dagState) collect(round, window uint64) []*Block {
	var dropped []*Block
	for r := d.gcRound + 1; r <= round; r++ {
		for _, b := range d.rounds[r] {
			if d.vouched(b.Ref()) {
				d.collected[b.Ref()] = true
			}
			d.retired[b.Ref()] = b
			delete(d.byRef, b.Ref())
			delete(d.slots, b.Slot())
			dropped = append(dropped, b)
		}
		delete(d.rounds, r)
	}
	if round > d.gcRound {
		d.gcRound = round
	}
	for ref := range d.collected {
		if ref.Round+window <= round {
			delete(d.collected, ref)
		}
	}
	for ref := range d.retired {
		if ref.Round+window <= round {
			delete(d.retired, ref)
		}
	}
	return dropped
}

// served returns a block to send to a validator that asks for it: an accepted
// one, or one GC dropped not long ago.
func (d *dagState) served(ref BlockRef) *Block {
	if b := d.Block(ref); b != nil {
		return b
	}
	return d.retired[ref]
}

// vouched reports whether an accepted block is vouched for (see vertex).
func (d *dagState) vouched(ref BlockRef) bool {
	v := d.byRef[ref]
	return v != nil && (v.taint == 0 || v.taint+d.window <= d.gcRound)
}

// isCommitted reports whether an accepted block was committed.
func (d *dagState) isCommitted(ref BlockRef) bool {
	v := d.byRef[ref]
	return v != nil && v.committed
}
