package sim

import (
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// Validator-set changes. A SetChange is carried out as an application would:
// at its time the client submits a set-change transaction to every validator
// up; the commit that first orders it closes the epoch on every validator
// alike (its application returns the next set: chain.CommitResult's
// NextValidators), and the simulator calls RawNode.NextEpoch with that set
// and commit, as dag.Node does. A validator the next set leaves out stops;
// a joiner starts at the new epoch from the closing commit, with the
// application state (its commit log) of the first honest validator to close
// the epoch, as state sync would give it.
//
// On the simulated network, validators are addressed by their number
// (0 to Validators+Joiners-1); a RawNode addresses them by their index in
// the set of a message's epoch. The simulator translates at the RawNode's
// edge: what a RawNode sends (toNet), and what it is given (fromNet), by the
// set its Step judges the sender by.

// setTxMagic starts a set-change transaction: magic, 8-byte change number.
const setTxMagic = "dkep"

// SetChange changes the validator set at an epoch boundary: at At the client
// submits a transaction for it, and the commit that orders it ends the epoch.
// The next epoch's set is the current one without Leave, with Join (joiners:
// numbers from Validators on, stake 1 unless restaked) at the end, and the
// stakes of Restake.
type SetChange struct {
	At      time.Duration
	Join    []int
	Leave   []int
	Restake []Stake
}

// Stake is a validator's new stake.
type Stake struct {
	Node  int
	Stake uint64
}

// epochs holds the validator sets the SetChanges make, by epoch.
type epochs struct {
	sets    []*chain.ValidatorSet
	members [][]int   // per epoch, the validators' numbers in set order
	index   [][]int32 // per epoch, per validator number: its index, -1: none
	leaves  []bool    // per validator: leaves at some point
}

// buildEpochs computes the set of every epoch from the config, checking the
// changes; keys are the validators' public keys by number.
func buildEpochs(c *Config, keys []ed25519.PublicKey) (*epochs, error) {
	n := len(keys)
	stake := make([]uint64, n)
	for i := range stake {
		stake[i] = 1
		if c.Stakes != nil && i < len(c.Stakes) {
			stake[i] = c.Stakes[i]
		}
	}
	members := make([]int, c.Validators)
	for i := range members {
		members[i] = i
	}
	ep := &epochs{leaves: make([]bool, n)}
	joined := make([]bool, n)
	for i := range members {
		joined[i] = true
	}
	add := func(members []int) error {
		vals := make([]chain.Validator, len(members))
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = -1
		}
		for k, v := range members {
			vals[k] = chain.Validator{Key: keys[v], Stake: stake[v], Name: fmt.Sprint("v", v)}
			idx[v] = int32(k)
		}
		set, err := chain.NewValidatorSet(vals)
		if err != nil {
			return fmt.Errorf("%w: epoch %d: %w", ErrConfig, len(ep.sets), err)
		}
		ep.sets = append(ep.sets, set)
		ep.members = append(ep.members, slices.Clone(members))
		ep.index = append(ep.index, idx)
		return nil
	}
	if err := add(members); err != nil {
		return nil, err
	}
	var last time.Duration
	for k, ch := range c.SetChanges {
		if ch.At <= last {
			return nil, fmt.Errorf("%w: SetChanges[%d] at %v: want times after 0 and increasing", ErrConfig, k, ch.At)
		}
		last = ch.At
		for _, v := range ch.Leave {
			i := slices.Index(members, v)
			if i < 0 {
				return nil, fmt.Errorf("%w: SetChanges[%d]: validator %d leaves but is not in the set", ErrConfig, k, v)
			}
			members = slices.Delete(members, i, i+1)
			ep.leaves[v] = true
		}
		for _, v := range ch.Join {
			if v < c.Validators || v >= n || joined[v] {
				return nil, fmt.Errorf("%w: SetChanges[%d]: joiner %d is not a joiner (%d to %d) that has not joined", ErrConfig, k, v, c.Validators, n-1)
			}
			joined[v] = true
			members = append(members, v)
		}
		for _, r := range ch.Restake {
			if !slices.Contains(members, r.Node) || r.Stake == 0 {
				return nil, fmt.Errorf("%w: SetChanges[%d]: restake %+v of no member or to 0", ErrConfig, k, r)
			}
			stake[r.Node] = r.Stake
		}
		if len(members) == 0 {
			return nil, fmt.Errorf("%w: SetChanges[%d] leaves no validator", ErrConfig, k)
		}
		if err := add(members); err != nil {
			return nil, err
		}
	}
	return ep, nil
}

// idx is validator v's index in epoch e's set, -1 if it is not in it.
func (ep *epochs) idx(e uint64, v int) int32 {
	if e >= uint64(len(ep.index)) || v < 0 || v >= len(ep.index[e]) {
		return -1
	}
	return ep.index[e][v]
}

// num is the number of the validator of index i in epoch e's set, -1: none.
func (ep *epochs) num(e uint64, i uint32) int {
	if e >= uint64(len(ep.members)) || int(i) >= len(ep.members[e]) {
		return -1
	}
	return ep.members[e][i]
}

// set is epoch e's set, nil if there is none.
func (ep *epochs) set(e uint64) *chain.ValidatorSet {
	if e >= uint64(len(ep.sets)) {
		return nil
	}
	return ep.sets[e]
}

// toNet addresses a message a RawNode sent by validator numbers.
func (s *sim) toNet(m dag.Message) dag.Message {
	from, to := s.ep.num(m.Epoch, m.From), s.ep.num(m.Epoch, m.To)
	if from < 0 || to < 0 {
		m.From, m.To = uint32(s.n), uint32(s.n) // nobody: dropped by send
		return m
	}
	m.From, m.To = uint32(from), uint32(to)
	return m
}

// fromNet addresses a message for nd's RawNode by indices: of the set its
// Step judges the sender by (the message's epoch if it is earlier than nd's,
// else nd's). It reports false if either end is not in that set.
func (s *sim) fromNet(nd *node, m dag.Message) (dag.Message, bool) {
	e := m.Epoch
	if m.Type == dag.MsgBlock && m.Block != nil {
		e = m.Block.Epoch
	}
	e = min(e, nd.rn.Epoch())
	from, to := s.ep.idx(e, int(m.From)), s.ep.idx(e, int(m.To))
	if from < 0 || to < 0 {
		return m, false
	}
	m.From, m.To = uint32(from), uint32(to)
	return m, true
}

// submitSetChange is the client submitting set change k to every validator up.
func (s *sim) submitSetChange(k int) {
	tx := make([]byte, len(setTxMagic)+8)
	copy(tx, setTxMagic)
	binary.BigEndian.PutUint64(tx[len(setTxMagic):], uint64(k))
	for _, nd := range s.nodes {
		if nd.up {
			_ = nd.rn.Propose(tx) // a full mempool refuses it: the others have it
			s.drain(nd)
		}
	}
}

// closes reports whether commit c, applied by nd, orders nd's next set
// change: the epoch ends with it.
func (s *sim) closes(nd *node, c chain.Commit) bool {
	if nd.changes >= len(s.cfg.SetChanges) {
		return false
	}
	for _, tx := range c.Txs {
		if len(tx) == len(setTxMagic)+8 && string(tx[:len(setTxMagic)]) == setTxMagic && binary.BigEndian.Uint64(tx[len(setTxMagic):]) == uint64(nd.changes) {
			return true
		}
	}
	return false
}

// nextEpoch ends nd's epoch after commit c, as dag.Node does: the next set
// and RawNode.NextEpoch, or a stop if the validator leaves. The first honest
// validator to get there starts the joiners.
func (s *sim) nextEpoch(nd *node, c chain.Commit) {
	k := nd.changes
	nd.changes++
	e := uint64(k + 1)
	if s.ep.idx(e, nd.idx) < 0 {
		held := append(nd.rn.Leave(c), nd.inbound...)
		nd.up, nd.rn, nd.left, nd.inbound = false, nil, true, nil
		nd.gen++
		if nd.honest {
			s.handOff(nd, e, held)
		}
		return
	}
	if err := nd.rn.NextEpoch(s.ep.set(e), c); err != nil {
		s.violate("epoch", "validator %d: next epoch %d after commit %d: %v", nd.idx, e, c.Index, err)
		return
	}
	nd.epoch, nd.start = e, c
	if !nd.honest {
		return
	}
	for _, j := range s.cfg.SetChanges[k].Join {
		if jd := s.nodes[j]; !jd.joined {
			s.join(jd, nd, c, e)
		}
	}
}

// handOff gives the transactions held by nd, which leaves the set at epoch e,
// to a validator of epoch e's set, as chain/validator does from its mempool
// WAL: nothing acknowledged is lost as a validator leaves. The receiver is
// one that stays honest and up (picked by nd's index, so that the run stays
// a function of its seed); with none, the first of the set takes them, and
// the client transactions among them are excused from the validity check,
// as if they had been given to that validator first.
func (s *sim) handOff(nd *node, e uint64, txs []chain.Tx) {
	if len(txs) == 0 {
		return
	}
	var good, any []int
	for j, jd := range s.nodes {
		if j == nd.idx || jd.left || s.ep.idx(e, j) < 0 {
			continue
		}
		any = append(any, j)
		if jd.honest && !s.crashes[j] {
			good = append(good, j)
		}
	}
	if len(any) == 0 {
		return // ep's checks keep every set non-empty
	}
	to := any[0]
	if len(good) > 0 {
		to = good[nd.idx%len(good)]
	} else {
		for _, tx := range txs {
			if len(tx) >= txHeader && string(tx[:len(txMagic)]) == txMagic {
				if s.excused == nil {
					s.excused = map[uint64]bool{}
				}
				s.excused[binary.BigEndian.Uint64(tx[len(txMagic):txHeader])] = true
			}
		}
	}
	s.handedOff += len(txs)
	s.nodes[to].inbound = append(s.nodes[to].inbound, txs...)
}

// takeHandoff proposes the handed-off transactions nd holds, as many as its
// mempool takes now (the rest wait for the next tick).
func (s *sim) takeHandoff(nd *node) {
	for len(nd.inbound) > 0 {
		k := min(len(nd.inbound), handoffChunk)
		if err := nd.rn.Propose(nd.inbound[:k]...); err != nil {
			if !errors.Is(err, dag.ErrMempoolFull) {
				s.violate("handoff", "validator %d refused %d handed-off transactions: %v", nd.idx, k, err)
				nd.inbound = nil
			}
			return
		}
		nd.inbound = nd.inbound[k:]
	}
	nd.inbound = nil
}

// handoffChunk bounds one Propose of handed-off transactions.
const handoffChunk = 256

// join starts joiner jd at epoch e from commit c, with from's application
// state.
func (s *sim) join(jd, from *node, c chain.Commit, e uint64) {
	jd.joined, jd.epoch, jd.start = true, e, c
	rn, limits, err := s.newRawNode(jd.idx)
	if err != nil {
		s.violate("epoch", "validator %d joins at epoch %d: %v", jd.idx, e, err)
		return
	}
	jd.rn, jd.limits, jd.up = rn, limits, true
	jd.applied, jd.changes = c.Index, from.changes
	jd.log = slices.Clone(from.log)
	s.counts[jd.idx] = slices.Clone(s.counts[from.idx])
	jd.cursor = from.cursor
	jd.gen++
	s.schedule(s.now+s.cfg.TickInterval, evTick, jd.idx, jd.gen, dag.Message{})
}
