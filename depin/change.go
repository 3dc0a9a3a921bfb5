package depin

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"hash"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/subnet"
)

// This file holds validator-set changes (Config.ValidatorChanges).
//
// Reward epochs and validator-set epochs. A subnet.Change names the reward
// epoch it is proposed in (Change.Epoch is the number of the open epoch,
// CurrentEpoch). Its approvals (TxChange) are fed, in commit order, to a
// replicated subnet.Changes whose epoch counter is the reward epoch number.
// Once approvals hold more than 2/3 of the current set's stake the change is
// queued; the commit that closes the reward epoch applies the queued changes
// (subnet.Changes.EndEpoch) and returns the resulting set as
// chain.Result.NextValidators, so that the engine's next consensus epoch
// starts after that very commit. The consensus epoch (chain.Commit.Epoch)
// therefore advances only at reward-epoch ends that change the set: it counts
// set changes, the reward epoch counts epochs. The set that was current
// during reward epoch E is the one that votes on E's settlement (its root
// and checkpoint are signed after E closed, by E's validators); the next
// set validates, and signs, from epoch E+1 on.
//
// Settlement. The parent chain's SubnetRegistry holds the genesis set
// (version 1) and must be handed each next one before it accepts roots and
// checkpoints the next set signs. So the votes on an epoch at whose end the
// set changed also sign the next set (Tx.SetSignature over its
// evm.ValidatorSet, version one more than the old set's); the settlement
// worker posts that epoch's root and checkpoint (signed by the old set, which
// the registry still holds) and then the new set with
// evm.Settler.UpdateValidators, before it goes on to the next epoch.

// memberWire is a validator in the snapshot and state root.
type memberWire struct {
	_          struct{} `cbor:",toarray"`
	Name       string
	Key        []byte
	Stake      uint64
	Settlement common.Address
	P2P        string
	API        string
}

// setWire is a validator set and the first reward epoch it validates.
type setWire struct {
	_       struct{} `cbor:",toarray"`
	From    uint64
	Version uint64 // its version in the parent chain's SubnetRegistry (genesis: 1)
	Members []memberWire
	// Approvals are the previous set's settlement signatures over this set
	// (evm.ValidatorSet), by validator index in the previous set, ascending:
	// what evm.Settler.UpdateValidators posts. Empty for the genesis set.
	Approvals []setApproval
}

// setApproval is a validator's settlement signature over the next set.
type setApproval struct {
	_         struct{} `cbor:",toarray"`
	Validator uint32
	Signature []byte
}

// valSet is a validator set of some reward epochs, with its lookups.
type valSet struct {
	from         uint64
	version      uint64
	vals         []Validator
	set          *chain.ValidatorSet
	bySettlement map[common.Address]uint32
	approvals    []setApproval
}

func newValSet(from, version uint64, vals []Validator) (*valSet, error) {
	cv := make([]chain.Validator, len(vals))
	s := &valSet{from: from, version: version, vals: slices.Clone(vals), bySettlement: make(map[common.Address]uint32, len(vals)), approvals: []setApproval{}}
	for i, v := range vals {
		cv[i] = chain.Validator{Key: v.Key, Stake: v.Stake, Name: v.Name}
		if v.Settlement != (common.Address{}) {
			s.bySettlement[v.Settlement] = uint32(i)
		}
	}
	set, err := chain.NewValidatorSet(cv)
	if err != nil {
		return nil, err
	}
	s.set = set
	return s, nil
}

func (s *valSet) wire() setWire {
	w := setWire{From: s.from, Version: s.version, Members: make([]memberWire, len(s.vals)), Approvals: s.approvals}
	for i, v := range s.vals {
		w.Members[i] = memberWire{Name: v.Name, Key: v.Key, Stake: v.Stake, Settlement: v.Settlement, P2P: v.P2P, API: v.API}
	}
	return w
}

func valSetOf(w setWire) (*valSet, error) {
	vals := make([]Validator, len(w.Members))
	for i, m := range w.Members {
		vals[i] = Validator{Name: m.Name, Key: ed25519.PublicKey(bytes.Clone(m.Key)), Stake: m.Stake, Settlement: m.Settlement, P2P: m.P2P, API: m.API}
	}
	s, err := newValSet(w.From, w.Version, vals)
	if err != nil {
		return nil, err
	}
	for i, a := range w.Approvals {
		if i > 0 && w.Approvals[i-1].Validator >= a.Validator || len(a.Signature) != signatureSize {
			return nil, fmt.Errorf("approvals out of order or of the wrong size")
		}
	}
	if w.Approvals != nil {
		s.approvals = w.Approvals
	}
	return s, nil
}

// evmSet returns the set as the parent chain's SubnetRegistry holds it.
func (s *valSet) evmSet(subnet evm.SubnetID) evm.ValidatorSet {
	out := evm.ValidatorSet{Subnet: subnet, Version: s.version, FirstEpoch: s.from, Validators: make([]evm.Validator, len(s.vals))}
	for i, v := range s.vals {
		out.Validators[i] = evm.Validator{Address: v.Settlement, Stake: v.Stake}
	}
	return out
}

// nextSet returns the set that took over when epoch closed, or nil if the
// set did not change then.
func (a *app) nextSet(epoch uint64) *valSet {
	for _, s := range a.sets {
		if s.from == epoch+1 && s.version > 1 {
			return s
		}
	}
	return nil
}

// setFor returns the validator set of reward epoch epoch: the last
// one that starts at or before it (the current one for the open epoch).
func (a *app) setFor(epoch uint64) *valSet {
	for i := len(a.sets) - 1; i > 0; i-- {
		if a.sets[i].from <= epoch {
			return a.sets[i]
		}
	}
	return a.sets[0]
}

// current returns the validator set of the open epoch.
func (a *app) current() *valSet { return a.sets[len(a.sets)-1] }

// pruneSets drops the sets that no kept closed epoch and not the open one
// needs.
func (a *app) pruneSets() {
	oldest := a.open.Number
	if len(a.closed) > 0 {
		oldest = a.closed[0].Number
	}
	i := 0
	for i+1 < len(a.sets) && a.sets[i+1].from <= oldest {
		i++
	}
	a.sets = slices.Delete(a.sets, 0, i)
}

// ChangeTx makes the transaction of a validator's approval of a change of
// the validator set: approval is subnet.SignChange with the validator's
// consensus key, for the subnet's Config.Genesis. The first approval of a
// change proposes it; Change.Epoch must be the open reward epoch
// (CurrentEpoch).
func ChangeTx(approval subnet.Approval) (chain.Tx, error) {
	c, err := approval.Change.Encode()
	if err != nil {
		return nil, fmt.Errorf("%w: change: %w", ErrMalformed, err)
	}
	return (&Tx{Kind: TxChange, Change: c, Validator: approval.Validator, Signature: approval.Signature}).Marshal()
}

// ApproveChangeTx signs this validator's approval of change (with the key
// of WithKey, for this subnet's genesis) and returns the transaction.
// Submit it; the change takes effect at the end of reward epoch
// change.Epoch if validators with more than 2/3 of the stake approved it
// by then.
func (n *Node) ApproveChangeTx(change subnet.Change) (chain.Tx, error) {
	if n.keyForEngine == nil {
		return nil, fmt.Errorf("%w: ApproveChangeTx needs WithKey with a validator's key", ErrConfig)
	}
	a, err := subnet.SignChange(n.cfg.Genesis(), chain.NewKeySigner(n.keyForEngine), change)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return ChangeTx(a)
}

// Reasons of rejected TxChange transactions, after the "change:" prefix
// (with ReasonMalformed, ReasonUnknownVoter, ReasonBadSignature and
// ReasonDuplicateVote).
const (
	ReasonChangesOff     = "disabled"    // the subnet does not take validator-set changes
	ReasonWrongEpoch     = "wrong-epoch" // a change for another reward epoch than the open one
	ReasonRefused        = "refused"     // the set refuses the change (a key in use, a leave that would empty the set...)
	ReasonTooManyChanges = "too-many"    // the approver proposed subnet.MaxProposals changes this epoch already
	reasonChangePrefix   = "change:"     // of every TxChange rejection
)

func changeReason(err error) string {
	for _, r := range []struct {
		err    error
		reason string
	}{
		{subnet.ErrStaleEpoch, ReasonWrongEpoch},
		{subnet.ErrFutureEpoch, ReasonWrongEpoch},
		{subnet.ErrNotValidator, ReasonUnknownVoter},
		{subnet.ErrBadSignature, ReasonBadSignature},
		{subnet.ErrDuplicateSignature, ReasonDuplicateVote},
		{subnet.ErrTooManyChanges, ReasonTooManyChanges},
		{subnet.ErrMalformed, ReasonMalformed},
		{subnet.ErrInvalidChange, ReasonRefused},
	} {
		if errors.Is(err, r.err) {
			return r.reason
		}
	}
	return ReasonMalformed
}

// applyChange counts a validator's approval of a validator-set change.
func (n *Node) applyChange(h hash.Hash, ep *openEpoch, t *Tx) {
	a := n.app
	if a.changes == nil {
		n.reject(h, ep, nil, 0, reasonChangePrefix+ReasonChangesOff, "validator-set changes are off (Config.ValidatorChanges)")
		return
	}
	c, err := subnet.DecodeChange(t.Change)
	if err != nil {
		n.reject(h, ep, nil, 0, reasonChangePrefix+changeReason(err), err.Error())
		return
	}
	if err := a.changes.Approve(subnet.Approval{Change: c, Validator: ed25519.PublicKey(t.Validator), Signature: t.Signature}); err != nil {
		n.reject(h, ep, nil, 0, reasonChangePrefix+changeReason(err), err.Error())
		return
	}
	h.Write([]byte{outcomeAccepted})
	h.Write(t.Validator)
}

// endChanges ends the validator-set epoch with the reward epoch just closed
// and returns the next set if changes took effect, else nil.
func (n *Node) endChanges(closed uint64) (*chain.ValidatorSet, error) {
	a := n.app
	if a.changes == nil {
		return nil, nil
	}
	set, applied, err := a.changes.EndEpoch(closed)
	if err != nil {
		return nil, fmt.Errorf("depin: validator changes at the end of epoch %d: %w", closed, err)
	}
	if len(applied) == 0 {
		a.pruneSets()
		return nil, nil
	}
	ms := a.changes.Members()
	vals := make([]Validator, len(ms))
	for i, m := range ms {
		vals[i] = validatorOf(m)
	}
	next, err := newValSet(closed+1, a.current().version+1, vals)
	if err != nil {
		return nil, fmt.Errorf("depin: next validator set (a bug): %w", err)
	}
	if next.set.Digest() != set.Digest() {
		return nil, fmt.Errorf("depin: next validator set differs from subnet.Changes' (a bug)")
	}
	a.makers = remapMakers(a.makers, a.current().set, next.set)
	a.sets = append(a.sets, next)
	a.pruneSets()
	n.log.Info("validator set changed", "epoch", closed+1, "validators", next.set.Len(), "changes", len(applied))
	return next.set, nil
}

// remapMakers renumbers pending maker votes from the old set's indices to
// the new set's, dropping the votes of validators that left (and makers
// left with no vote).
func remapMakers(pm []pendingMaker, old, next *chain.ValidatorSet) []pendingMaker {
	out := pm[:0]
	for _, p := range pm {
		voters := []uint32{}
		for _, v := range p.Voters {
			if j, ok := next.Index(old.Validator(v).Key); ok {
				voters = append(voters, j)
			}
		}
		if len(voters) == 0 {
			continue
		}
		slices.Sort(voters)
		p.Voters = voters
		out = append(out, p)
	}
	return out
}

// Validators returns the validator set of the open reward epoch: the
// genesis Config.Validators until a validator-set change takes effect.
func (n *Node) Validators() []Validator {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return slices.Clone(n.app.current().vals)
}

// ValidatorsAt returns the validator set of a kept reward epoch (closed or
// open): the set that validated it and signs its settlement.
func (n *Node) ValidatorsAt(epoch uint64) ([]Validator, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if epoch > n.app.open.Number || epoch < n.app.open.Number && n.closedLocked(epoch) == nil {
		return nil, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	return slices.Clone(n.app.setFor(epoch).vals), nil
}

// PendingChanges returns the validator-set changes of the open epoch: the
// queued ones (approved by a quorum; they take effect when the epoch
// closes) and the proposed ones without a quorum yet. Both are empty when
// Config.ValidatorChanges is off.
func (n *Node) PendingChanges() (queued []subnet.Change, proposed []subnet.PendingChange) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if n.app.changes == nil {
		return nil, nil
	}
	return n.app.changes.Queued(), n.app.changes.Pending()
}

// ValidatorUpdate returns, for a kept closed epoch at whose end the
// validator set changed, the next set as the parent chain's SubnetRegistry
// takes it (version one more than the previous set's), the settlement
// signatures over it that the votes on the epoch carried, by the epoch's
// validators in index order, and whether their stake is a quorum of that
// (old) set: what evm.Settler.UpdateValidators needs. ErrNotFound if the set
// did not change at the epoch's end, ErrNoSettlement without settlement.
func (n *Node) ValidatorUpdate(epoch uint64) (evm.ValidatorSet, []evm.Signature, bool, error) {
	if n.cfg.Settlement == nil {
		return evm.ValidatorSet{}, nil, false, ErrNoSettlement
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	if n.closedLocked(epoch) == nil {
		return evm.ValidatorSet{}, nil, false, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	next := n.app.nextSet(epoch)
	if next == nil {
		return evm.ValidatorSet{}, nil, false, fmt.Errorf("%w: the validator set did not change at the end of epoch %d", ErrNotFound, epoch)
	}
	old := n.app.setFor(epoch).set
	agg := chain.NewStakeAggregator(old)
	sigs := make([]evm.Signature, len(next.approvals))
	for i, a := range next.approvals {
		agg.Add(a.Validator)
		sigs[i] = evm.Signature(a.Signature)
	}
	return next.evmSet(n.cfg.Settlement.Subnet), sigs, agg.Quorum(), nil
}
