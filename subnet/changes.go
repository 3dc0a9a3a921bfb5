package subnet

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
)

// MaxProposals bounds the changes one validator may propose (approve first)
// in one epoch, so that no validator can crowd out the others' proposals.
const MaxProposals = 8

// Changes is the validator-set state machine of a subnet: it collects
// approvals of Changes and, at each epoch end, produces the next validator
// set. It is pure and deterministic (no clock, no I/O, no dependence on map
// order): every validator that feeds it the same approvals in the same order
// (the order consensus commits them) and ends the same epochs reaches the same
// sets. It is not safe for concurrent use.
//
// A change is proposed for the current epoch by its first approval. Once the
// members approving it hold a quorum of the current set's stake (more than
// 2/3: chain.ValidatorSet.IsQuorum) it is queued; EndEpoch applies the queued
// changes in the order they were queued and starts the next epoch with the
// resulting set. Changes of an epoch that did not reach a quorum by its end
// are dropped.
type Changes struct {
	genesis common.Hash
	epoch   uint64
	members []Member // current, in key order
	set     *chain.ValidatorSet
	pending []*pendingChange // in order of proposal
	queued  []*pendingChange // in order of queueing
}

type pendingChange struct {
	change   Change
	digest   chain.Digest
	agg      *chain.StakeAggregator
	by       []bool // by set index: approved
	proposer uint32 // set index of the first approver
	queued   bool
}

// NewChanges starts the state machine of the subnet with genesis hash genesis
// in epoch, with members as the current set (in any order: the set orders
// them by key).
func NewChanges(genesis common.Hash, epoch uint64, members []Member) (*Changes, error) {
	ms := cloneMembers(members)
	sortMembers(ms)
	for i, m := range ms {
		if err := m.check(); err != nil {
			return nil, fmt.Errorf("members[%d]: %w", i, err)
		}
	}
	if err := checkDistinct(ms); err != nil {
		return nil, err
	}
	set, err := membersSet(ms)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidChange, err)
	}
	return &Changes{genesis: genesis, epoch: epoch, members: ms, set: set}, nil
}

// Changes returns the validator-set state machine of the spec's subnet at its
// genesis, epoch 0.
func (s *Spec) Changes() (*Changes, error) {
	m, err := s.Members()
	if err != nil {
		return nil, err
	}
	return NewChanges(s.GenesisHash(), 0, m)
}

// Epoch returns the current epoch.
func (c *Changes) Epoch() uint64 { return c.epoch }

// Set returns the current validator set.
func (c *Changes) Set() *chain.ValidatorSet { return c.set }

// Members returns the current members, in key order (the set's order).
func (c *Changes) Members() []Member { return cloneMembers(c.members) }

// Queued returns the changes that take effect at the end of the epoch, in
// order.
func (c *Changes) Queued() []Change { return queuedChanges(c.queued) }

func queuedChanges(q []*pendingChange) []Change {
	out := make([]Change, len(q))
	for i, p := range q {
		out[i] = p.change
	}
	return out
}

// Pending returns the changes proposed this epoch that have no quorum yet, in
// order of proposal, with the stake approving each.
func (c *Changes) Pending() []PendingChange {
	var out []PendingChange
	for _, p := range c.pending {
		if !p.queued {
			out = append(out, PendingChange{Change: p.change, Digest: p.digest, Stake: p.agg.Stake()})
		}
	}
	return out
}

// PendingChange is a proposed change without a quorum yet.
type PendingChange struct {
	Change Change
	Digest chain.Digest
	Stake  uint64 // approving stake so far
}

// Approve counts a validator's approval of a change. The first approval of a
// change proposes it: it must be for the current epoch and apply to the set
// the queued changes lead to. When the approving stake reaches a quorum of the
// current set, the change is queued for the end of the epoch; approvals after
// that are accepted and change nothing.
//
// Approvals that are not counted leave the state as it was and return an
// error: ErrStaleEpoch or ErrFutureEpoch (another epoch's change),
// ErrNotValidator (an approver outside the current set), ErrBadSignature,
// ErrDuplicateSignature (the approver approved it already), ErrInvalidChange
// (a malformed change, or one the set refuses: a join with a key, name,
// settlement address or endpoint in use, a leave or stake change of a
// non-member, a leave that would empty the set, a stake overflow),
// ErrTooManyChanges (the approver proposed MaxProposals changes this epoch
// already). The one exception: a change that reaches its quorum after a
// conflicting change was queued is dropped, and its last approval returns
// ErrInvalidChange.
func (c *Changes) Approve(a Approval) error {
	ch := a.Change
	if err := ch.Check(); err != nil {
		return err
	}
	switch {
	case ch.Epoch < c.epoch:
		return fmt.Errorf("%w: change for epoch %d, the current epoch is %d", ErrStaleEpoch, ch.Epoch, c.epoch)
	case ch.Epoch > c.epoch:
		return fmt.Errorf("%w: change for epoch %d, the current epoch is %d", ErrFutureEpoch, ch.Epoch, c.epoch)
	}
	idx, ok := c.set.Index(a.Validator)
	if !ok {
		return fmt.Errorf("%w: approver %x", ErrNotValidator, []byte(a.Validator))
	}
	digest, err := ch.Digest(c.genesis)
	if err != nil {
		return err
	}
	if !(chain.Ed25519Verifier{}).Verify(a.Validator, digest[:], a.Signature) {
		return fmt.Errorf("%w: approval of change %s by validator %d", ErrBadSignature, digest.Short(), idx)
	}
	var p *pendingChange
	for _, x := range c.pending {
		if x.digest == digest {
			p = x
			break
		}
	}
	if p == nil {
		if proposed := countProposals(c.pending, idx); proposed >= MaxProposals {
			return fmt.Errorf("%w: validator %d proposed %d changes this epoch", ErrTooManyChanges, idx, proposed)
		}
		if _, err := c.project(ch); err != nil {
			return err
		}
		p = c.newPending(ch, digest, idx)
		c.pending = append(c.pending, p)
	}
	if p.by[idx] {
		return fmt.Errorf("%w: validator %d approved change %s already", ErrDuplicateSignature, idx, digest.Short())
	}
	p.by[idx] = true
	p.agg.Add(idx)
	if !p.queued && p.agg.Quorum() {
		// Changes queued since the proposal may conflict with it now.
		if _, err := c.project(ch); err != nil {
			c.drop(p)
			return fmt.Errorf("dropped at quorum: %w", err)
		}
		p.queued = true
		c.queued = append(c.queued, p)
	}
	return nil
}

func (c *Changes) newPending(ch Change, digest chain.Digest, proposer uint32) *pendingChange {
	return &pendingChange{change: ch, digest: digest, agg: chain.NewStakeAggregator(c.set), by: make([]bool, c.set.Len()), proposer: proposer}
}

func countProposals(pending []*pendingChange, proposer uint32) int {
	n := 0
	for _, p := range pending {
		if p.proposer == proposer {
			n++
		}
	}
	return n
}

func (c *Changes) drop(p *pendingChange) {
	c.pending = slices.DeleteFunc(c.pending, func(x *pendingChange) bool { return x == p })
}

// project returns the members the queued changes and then ch lead to.
func (c *Changes) project(ch Change) ([]Member, error) {
	ms := cloneMembers(c.members)
	var err error
	for _, q := range c.queued {
		if ms, err = applyChange(ms, q.change); err != nil {
			return nil, err // cannot happen: each was checked when queued
		}
	}
	return applyChange(ms, ch)
}

// EndEpoch ends the current epoch, which must be epoch: it applies the queued
// changes in order and returns the next epoch's validator set and the changes
// applied (none: the set is the current one). Unqueued changes are dropped.
func (c *Changes) EndEpoch(epoch uint64) (*chain.ValidatorSet, []Change, error) {
	switch {
	case epoch < c.epoch:
		return nil, nil, fmt.Errorf("%w: end of epoch %d, the current epoch is %d", ErrStaleEpoch, epoch, c.epoch)
	case epoch > c.epoch:
		return nil, nil, fmt.Errorf("%w: end of epoch %d, the current epoch is %d", ErrFutureEpoch, epoch, c.epoch)
	}
	applied := queuedChanges(c.queued)
	set := c.set
	if len(applied) > 0 {
		ms := cloneMembers(c.members)
		for _, q := range applied {
			var err error
			if ms, err = applyChange(ms, q); err != nil {
				return nil, nil, fmt.Errorf("subnet: queued change no longer applies (a bug): %w", err)
			}
		}
		next, err := membersSet(ms)
		if err != nil {
			return nil, nil, fmt.Errorf("subnet: next validator set (a bug): %w", err)
		}
		c.members, set = ms, next
	}
	c.set = set
	c.epoch++
	c.pending, c.queued = nil, nil
	return set, applied, nil
}

// applyChange returns ms (in key order, not modified) with ch applied, in key
// order, or why the set refuses ch.
func applyChange(ms []Member, ch Change) ([]Member, error) {
	i, found := slices.BinarySearchFunc(ms, ch.Member.Key, func(m Member, k ed25519.PublicKey) int { return bytes.Compare(m.Key, k) })
	out := cloneMembers(ms)
	switch ch.Kind {
	case Join:
		if found {
			return nil, fmt.Errorf("%w: join: key %x is a member's already", ErrInvalidChange, []byte(ch.Member.Key))
		}
		if len(ms) >= MaxValidators {
			return nil, fmt.Errorf("%w: join: the set has %d members already", ErrInvalidChange, MaxValidators)
		}
		out = slices.Insert(out, i, ch.Member)
	case Leave:
		if !found {
			return nil, fmt.Errorf("%w: leave: key %x is no member's", ErrInvalidChange, []byte(ch.Member.Key))
		}
		if len(ms) == 1 {
			return nil, fmt.Errorf("%w: leave: it would empty the set", ErrInvalidChange)
		}
		out = slices.Delete(out, i, i+1)
	case Restake:
		if !found {
			return nil, fmt.Errorf("%w: stake: key %x is no member's", ErrInvalidChange, []byte(ch.Member.Key))
		}
		out[i].Stake = ch.Member.Stake
	default:
		return nil, fmt.Errorf("%w: kind %d", ErrInvalidChange, uint8(ch.Kind))
	}
	if err := checkDistinct(out); err != nil {
		return nil, fmt.Errorf("%s: %w", ch.Kind, err)
	}
	return out, nil
}

// checkDistinct checks that members have distinct keys, names, settlement
// addresses and endpoints, and a total stake within MaxTotalStake.
func checkDistinct(ms []Member) error {
	names := map[string]bool{}
	keys := map[string]bool{}
	addrs := map[common.Address]bool{}
	endpoints := map[string]bool{}
	var total uint64
	for _, m := range ms {
		switch {
		case keys[string(m.Key)]:
			return fmt.Errorf("%w: key %x appears twice", ErrInvalidChange, []byte(m.Key))
		case names[m.Name]:
			return fmt.Errorf("%w: name %q appears twice", ErrInvalidChange, m.Name)
		case addrs[m.Settlement]:
			return fmt.Errorf("%w: settlement address %s appears twice", ErrInvalidChange, m.Settlement.Hex())
		}
		keys[string(m.Key)], names[m.Name], addrs[m.Settlement] = true, true, true
		p2p, _ := parseP2P(m.P2P)
		api, _ := parseAPI(m.API)
		for _, ep := range []string{p2p, api} {
			if endpoints[ep] {
				return fmt.Errorf("%w: endpoint %s appears twice", ErrInvalidChange, ep)
			}
			endpoints[ep] = true
		}
		sum, carry := bits.Add64(total, m.Stake, 0)
		if carry != 0 || sum > MaxTotalStake {
			return fmt.Errorf("%w: the total stake passes %d", ErrInvalidChange, uint64(MaxTotalStake))
		}
		total = sum
	}
	return nil
}

func cloneMembers(ms []Member) []Member {
	out := make([]Member, len(ms))
	for i, m := range ms {
		m.Key = bytes.Clone(m.Key)
		out[i] = m
	}
	return out
}
