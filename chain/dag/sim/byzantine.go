package sim

import (
	"encoding/binary"
	"slices"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

const (
	junkMagic    = "junk"
	floodPerTick = 1 // junk messages to each peer per tick
)

// byzState is what a Byzantine validator remembers between sends.
type byzState struct {
	// The latest own block and how it was sent, so that a rebroadcast repeats
	// the same lie.
	round      uint64
	orig, twin *dag.Block // decoded, as sent
	toTwin     []bool     // per peer: gets the twin
	replay     *dag.Block // something old to send again
}

// byzBroadcast sends a Byzantine validator's own block, misbehaving.
func (s *sim) byzBroadcast(nd *node, b *dag.Block) {
	r := s.byzRng
	st := &nd.byz
	if st.round != b.Round || st.orig == nil {
		*st = byzState{round: b.Round, replay: st.orig}
		st.orig = s.wire(nd, b)
		if st.orig == nil {
			return
		}
		if nd.behavior&Equivocate != 0 {
			st.twin = s.makeTwin(nd, b)
			st.toTwin = make([]bool, s.n)
			var peers []int
			for j := 0; j < s.n; j++ {
				if j != nd.idx {
					peers = append(peers, j)
					st.toTwin[j] = r.IntN(2) == 0
				}
			}
			if len(peers) >= 2 { // make sure both twins go out
				st.toTwin[peers[0]], st.toTwin[peers[len(peers)-1]] = false, true
			}
		}
	}
	withholdAll := nd.behavior&Withhold != 0 && r.IntN(5) == 0
	var corrupt [2]*dag.Block
	for j := 0; j < s.n; j++ {
		if j == nd.idx {
			continue
		}
		if nd.behavior&Withhold != 0 && (withholdAll || r.IntN(2) == 0) {
			continue
		}
		blk, variant := st.orig, 0
		if st.twin != nil && st.toTwin[j] {
			blk, variant = st.twin, 1
		}
		if nd.behavior&InvalidSignatures != 0 && r.IntN(2) == 0 {
			if corrupt[variant] == nil {
				corrupt[variant] = s.corrupt(nd, blk)
			}
			blk = corrupt[variant]
		}
		if blk != nil {
			s.send(dag.Message{Type: dag.MsgBlock, Epoch: blk.Epoch, From: uint32(nd.idx), To: uint32(j), Block: blk})
		}
	}
	if nd.behavior&BogusParents != 0 && r.IntN(4) == 0 {
		s.sendBogus(nd, b)
	}
}

// byzSend sends a Byzantine validator's point-to-point message, misbehaving.
func (s *sim) byzSend(nd *node, m dag.Message) {
	r := s.byzRng
	if m.Type == dag.MsgFetchResponse {
		if nd.behavior&Withhold != 0 && r.IntN(2) == 0 {
			return
		}
		if nd.behavior&InvalidSignatures != 0 && len(m.Blocks) > 0 && r.IntN(2) == 0 {
			blocks := slices.Clone(m.Blocks)
			i := r.IntN(len(blocks))
			if b := blocks[i]; b != nil {
				if c := s.corrupt(nd, b); c != nil {
					blocks[i] = c
				}
			}
			m.Blocks = blocks
		}
	}
	s.send(m)
}

// makeTwin signs a second block for b's slot: same round and parents, another
// timestamp and other transactions.
func (s *sim) makeTwin(nd *node, b *dag.Block) *dag.Block {
	junk := make([]byte, txHeader)
	copy(junk, junkMagic)
	binary.BigEndian.PutUint64(junk[len(junkMagic):], b.Round)
	txs := slices.Clone(b.Txs)
	maxTxs := nd.limits.MaxBlockTxs
	if maxTxs <= 0 {
		maxTxs = dag.DefaultLimits.MaxBlockTxs
	}
	if len(txs) >= maxTxs {
		txs[len(txs)-1] = junk
	} else {
		txs = append(txs, junk)
	}
	twin := &dag.Block{Epoch: b.Epoch, Round: b.Round, Author: b.Author, Timestamp: b.Timestamp + 1, Parents: slices.Clone(b.Parents), Txs: txs}
	if err := twin.Sign(s.signers[nd.idx]); err != nil {
		return nil
	}
	return s.wire(nd, twin)
}

// corrupt returns b with a broken signature: its encoding with one bit of the
// signature (the last item) flipped, decoded.
func (s *sim) corrupt(nd *node, b *dag.Block) *dag.Block {
	data, err := b.Marshal()
	if err != nil || len(b.Signature) == 0 {
		return nil
	}
	data[len(data)-1] ^= 1
	return s.decode(nd, data, nil)
}

// sendBogus sends a validly signed twin of b whose parents are b's but for one,
// replaced by a digest that does not exist.
func (s *sim) sendBogus(nd *node, b *dag.Block) {
	if len(b.Parents) < 2 {
		return
	}
	parents := slices.Clone(b.Parents)
	parents[1+s.byzRng.IntN(len(parents)-1)].Digest = s.randomDigest()
	bogus := &dag.Block{Epoch: b.Epoch, Round: b.Round, Author: b.Author, Timestamp: b.Timestamp + 2, Parents: parents}
	if err := bogus.Sign(s.signers[nd.idx]); err != nil {
		return
	}
	dec := s.wire(nd, bogus)
	if dec == nil {
		return
	}
	for j := 0; j < s.n; j++ {
		if j != nd.idx {
			s.send(dag.Message{Type: dag.MsgBlock, Epoch: dec.Epoch, From: uint32(nd.idx), To: uint32(j), Block: dec})
		}
	}
}

func (s *sim) randomDigest() chain.Digest {
	var d chain.Digest
	for i := 0; i < len(d); i += 8 {
		binary.LittleEndian.PutUint64(d[i:], s.byzRng.Uint64())
	}
	return d
}

// flood sends every peer junk: the validators must refuse it, change nothing,
// and stay live.
func (s *sim) flood(nd *node) {
	r := s.byzRng
	st := nd.rn.Stats()
	epoch := nd.rn.Epoch()
	self := uint32(nd.idx)
	size := s.ep.set(epoch).Len()
	have := make([]uint64, size)
	for j := 0; j < s.n; j++ {
		if j == nd.idx || s.ep.idx(epoch, j) < 0 {
			continue
		}
		to := uint32(j)
		for k := 0; k < floodPerTick; k++ {
			m := dag.Message{From: self, To: to, Epoch: epoch}
			switch r.IntN(9) {
			case 0: // bytes that are no block
				data := make([]byte, 1+r.IntN(200))
				for i := range data {
					data[i] = byte(r.Uint32())
				}
				if b := s.decode(nd, data, nil); b != nil {
					m.Type, m.Block = dag.MsgBlock, b
				}
			case 1: // a well-formed block with a bad signature
				m.Type, m.Block = dag.MsgBlock, s.junkBlock(nd, epoch, st.Round+r.Uint64N(3))
			case 2: // a block of a future epoch
				m.Type, m.Block = dag.MsgBlock, s.junkBlock(nd, epoch+1, 1+r.Uint64N(3))
			case 3: // a fetch request for blocks nobody has
				m.Type, m.Have = dag.MsgFetchRequest, have
				for i := 0; i < 1+r.IntN(8); i++ {
					m.Refs = append(m.Refs, dag.BlockRef{Round: 1 + r.Uint64N(st.Round+1), Author: uint32(r.IntN(size)), Digest: s.randomDigest()})
				}
			case 4: // a fetch request for too much, or with a bad have
				m.Type, m.Have = dag.MsgFetchRequest, have
				if r.IntN(2) == 0 {
					m.Have = have[:len(have)-1]
					m.Refs = []dag.BlockRef{{Round: 1, Author: to}}
				} else {
					m.Refs = make([]dag.BlockRef, 1000)
				}
			case 5: // a catch-up request: everything the peer has
				m.Type, m.Have = dag.MsgFetchRequest, have
			case 6: // a fetch response with junk
				m.Type, m.Blocks = dag.MsgFetchResponse, []*dag.Block{nil, s.junkBlock(nd, epoch, st.Round+1)}
			case 7: // malformed messages
				if r.IntN(2) == 0 {
					m.Type = dag.MessageType(100 + r.IntN(100))
				} else {
					m.Type = dag.MsgBlock
				}
			case 8: // a replay
				if nd.byz.replay != nil {
					m.Type, m.Block = dag.MsgBlock, nd.byz.replay
				}
			}
			if m.Type == 0 || (m.Type == dag.MsgBlock && m.Block == nil && r.IntN(4) != 0) {
				continue
			}
			s.send(m)
		}
	}
}

// junkBlock makes a well-formed block of the flooding validator with a random
// signature: it passes every check but the signature's.
func (s *sim) junkBlock(nd *node, epoch, round uint64) *dag.Block {
	r := s.byzRng
	round = max(round, 2)
	self := uint32(max(s.ep.idx(nd.rn.Epoch(), nd.idx), 0))
	b := &dag.Block{Epoch: epoch, Round: round, Author: self, Timestamp: s.clock().UnixMilli()}
	b.Parents = append(b.Parents, dag.BlockRef{Round: round - 1, Author: self, Digest: s.randomDigest()})
	for a := 0; a < s.ep.set(nd.rn.Epoch()).Len(); a++ {
		if uint32(a) != self {
			b.Parents = append(b.Parents, dag.BlockRef{Round: round - 1, Author: uint32(a), Digest: s.randomDigest()})
		}
	}
	b.Signature = make([]byte, 64)
	for i := range b.Signature {
		b.Signature[i] = byte(r.Uint32())
	}
	data, err := b.Marshal()
	if err != nil {
		return nil
	}
	return s.decode(nd, data, nil)
}

// A FloodRefs validator sends floodRefsPerTick messages naming real blocks
// on each tick (Config.floodRefs in tests), each to a peer drawn at random:
// a hundred a second at the default 10ms tick, five or more per round; one
// in sixteen is a fetch request for up to 32 blocks (half the time with
// every ancestor, the costliest request there is), one a catch-up request,
// one a commit sync request, the others real blocks sent again. The rate does not grow with the committee, so
// neither does what the simulator spends on it.
const floodRefsPerTick = 1

// floodRefs sends every peer valid messages naming real blocks: requests
// that make it look up, and maybe serve, hundreds of blocks, and blocks it
// has already. Progress must go on, and what an honest validator serves one
// peer stays within its serving bound (sim.serve).
func (s *sim) floodRefs(nd *node) {
	r := s.byzRng
	d := nd.rn.DAG()
	lo, hi := d.GCRound()+1, d.HighestRound()
	if hi < lo {
		return
	}
	pick := func() *dag.Block {
		for k := 0; k < 4; k++ {
			if bs := d.BlocksAt(lo + r.Uint64N(hi-lo+1)); len(bs) > 0 {
				return bs[r.IntN(len(bs))]
			}
		}
		return nil
	}
	st := nd.rn.Stats()
	epoch, commits, self := nd.rn.Epoch(), st.CommitIndex, uint32(nd.idx)
	size := s.ep.set(epoch).Len()
	none := make([]uint64, size) // Have: nothing, so every ancestor is wanted
	have := make([]uint64, size) // or a few rounds below its highest
	for a := range have {
		have[a] = st.HighestAccepted - min(st.HighestAccepted, r.Uint64N(8))
	}
	perTick := floodRefsPerTick
	if s.cfg.floodRefs > 0 {
		perTick = s.cfg.floodRefs
	}
	for k := 0; k < perTick && s.n > 1; k++ {
		j := r.IntN(s.n - 1)
		if j >= nd.idx {
			j++
		}
		{
			m := dag.Message{From: self, To: uint32(j), Epoch: epoch}
			switch r.IntN(16) {
			case 0: // real refs and all their ancestors (or those above its own)
				m.Type, m.Have = dag.MsgFetchRequest, none
				if r.IntN(2) == 0 {
					m.Have = have
				}
				for i := 1 + r.IntN(nd.maxFetchRefs); i > 0; i-- {
					if b := pick(); b != nil {
						m.Refs = append(m.Refs, b.Ref())
					}
				}
				if len(m.Refs) == 0 {
					continue
				}
			case 1: // catch up from nothing
				m.Type, m.Have = dag.MsgFetchRequest, none
			case 2: // commit sync from an early commit
				m.Type, m.Index = dag.MsgCommitRequest, r.Uint64N(commits+1)
			default: // a real block again (often another author's)
				b := pick()
				if b == nil {
					continue
				}
				m.Type, m.Block = dag.MsgBlock, b
			}
			s.send(m)
		}
	}
}
