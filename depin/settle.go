package depin

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
)

// VoteTx signs a closed epoch's evm.EpochRoot (if it pays anyone),
// evm.Checkpoint and, if the validator set changed at its end, the next
// evm.ValidatorSet (ValidatorUpdate) with this validator's settlement key and
// returns the vote transaction. The settlement worker submits it on its own; VoteTx is for a
// Node run WithoutEngine.
func (n *Node) VoteTx(epoch uint64) (chain.Tx, error) {
	if n.cfg.Settlement == nil || n.settleKey == nil {
		return nil, ErrNoSettlement
	}
	d := n.cfg.Settlement.Deployment
	cp, err := n.Checkpoint(epoch)
	if err != nil {
		return nil, err
	}
	t := &Tx{Kind: TxVote, Epoch: epoch}
	sig, err := d.Sign(n.settleKey, cp)
	if err != nil {
		return nil, fmt.Errorf("depin: sign checkpoint %d: %w", epoch, err)
	}
	t.CheckpointSignature = sig[:]
	er, err := n.EpochRoot(epoch)
	switch {
	case err == nil:
		sig, err := d.Sign(n.settleKey, er)
		if err != nil {
			return nil, fmt.Errorf("depin: sign epoch root %d: %w", epoch, err)
		}
		t.RootSignature = sig[:]
	case errors.Is(err, ErrNotFound): // pays nobody: no root
	default:
		return nil, err
	}
	set, _, _, err := n.ValidatorUpdate(epoch)
	switch {
	case err == nil:
		sig, err := d.Sign(n.settleKey, set)
		if err != nil {
			return nil, fmt.Errorf("depin: sign validator set %d: %w", set.Version, err)
		}
		t.SetSignature = sig[:]
	case errors.Is(err, ErrNotFound): // the set did not change
	default:
		return nil, err
	}
	return t.Marshal()
}

// voteStatus is what the worker needs to know of a closed epoch.
type voteStatus struct {
	epoch  uint64
	voted  bool // this validator's vote is in the state, or it has none to give
	quorum bool
	// rank is this validator's turn to post (0 first), size the number of
	// validators of the epoch's set.
	rank, size uint64
}

// voteStatuses reports on the kept closed epochs, each with the validator
// set that validated it (and signs its settlement).
func (n *Node) voteStatuses(addr common.Address) []voteStatus {
	n.mu.RLock()
	defer n.mu.RUnlock()
	out := make([]voteStatus, len(n.app.closed))
	for i := range n.app.closed {
		ce := &n.app.closed[i]
		vs := n.app.setFor(ce.Number)
		size := uint64(vs.set.Len())
		st := voteStatus{epoch: ce.Number, quorum: vs.set.IsQuorum(n.votedStakeLocked(ce)), size: size}
		self, member := vs.bySettlement[addr]
		if member {
			st.rank = (uint64(self) + size - ce.Number%size) % size
		} else {
			st.voted, st.rank = true, size // no vote to give; posts last
		}
		for _, v := range ce.Votes {
			if member && v.Validator == self {
				st.voted = true
			}
		}
		out[i] = st
	}
	return out
}

// maxUnpostable is how many times in a row the worker tries an epoch whose
// signatures cannot settle on chain (they make no quorum of the set the
// registry checks the epoch against) before it gives up on it, so that
// later epochs post.
const maxUnpostable = 3

// errUnpostable marks a post that no retry of the same signatures can make
// succeed: after Select, they make no quorum of the set on chain, or the
// contract refused a signature.
var errUnpostable = errors.New("depin: the signatures cannot settle on chain")

// unpostable reports whether err is a failure of the signatures rather
// than of the poster (funds, the RPC, a nonce).
func unpostable(err error) bool {
	for _, e := range []error{errUnpostable, evm.ErrInvalidSignature, evm.ErrSignersNotAscending, evm.ErrNotValidator, evm.ErrUnderQuorum} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// settleLoop is the settlement worker. After every closed epoch it signs and
// submits this validator's vote (again every Retry until the vote is in the
// state); once the votes in the state make a quorum, the designated
// validator (epoch mod n; the next ones after Fallback each) posts the root
// with evm.Settler.PostEpoch, the checkpoint with PostCheckpoint and, if the
// set changed at the epoch's end, the new set with UpdateValidators,
// retrying every Retry, in epoch order (checkpoints must increase). It runs
// outside ApplyCommit and never blocks consensus; a root or checkpoint
// someone else posted first counts as posted.
//
// It posts only the signatures the registry will count for the epoch's set
// on chain (evm.ValidatorSet.Select: low-s, members, one per signer), so a
// Byzantine validator's vote never makes a post revert. A failure of the
// poster (funds, the RPC) holds the later epochs back until it is retried
// successfully; a failure of the signatures (no quorum of the set on chain
// after Select) is retried maxUnpostable times, then the worker gives up on
// that part of the epoch (logged at error level, counted in
// SettlementStats.GaveUp) and goes on with the later epochs.
func (n *Node) settleLoop(ctx context.Context) {
	addr, _ := n.settleKey.Public().Address() // checked by New
	voted := map[uint64]time.Time{}
	attempts := map[uint64]int{}
	quorumAt := map[uint64]time.Time{}
	posted := map[uint64]bool{}
	failed := map[uint64]int{}
	ticker := time.NewTicker(n.timing.Retry)
	defer ticker.Stop()
	for {
		now := time.Now()
		statuses := n.voteStatuses(addr)
		blocked := false
		kept := map[uint64]bool{}
		for _, st := range statuses {
			kept[st.epoch] = true
			if !st.voted && now.Sub(voted[st.epoch]) >= n.timing.Retry {
				voted[st.epoch] = now
				n.submitVote(ctx, addr, st.epoch, attempts[st.epoch])
				attempts[st.epoch]++
			}
			if n.settler == nil || posted[st.epoch] || blocked {
				continue
			}
			if !st.quorum {
				blocked = true
				continue
			}
			if quorumAt[st.epoch].IsZero() {
				quorumAt[st.epoch] = now
			}
			if now.Sub(quorumAt[st.epoch]) < time.Duration(st.rank)*n.timing.Fallback {
				blocked = true
				continue
			}
			if h := settleHooksOf(); h != nil && h.hold != nil && h.hold(addr, st.epoch) {
				blocked = true
				continue
			}
			err := n.post(ctx, st.epoch)
			switch {
			case err == nil:
				posted[st.epoch] = true
				n.settleStats.posted.Add(1)
				n.log.Info("settled", "epoch", st.epoch)
			case ctx.Err() != nil:
				blocked = true
			case unpostable(err):
				failed[st.epoch]++
				if failed[st.epoch] < maxUnpostable {
					n.log.Warn("post epoch", "epoch", st.epoch, "attempt", failed[st.epoch], "err", err)
					blocked = true
					continue
				}
				posted[st.epoch] = true
				n.settleStats.gaveUp.Add(1)
				n.log.Error("settlement gave up on an epoch: its signatures make no quorum of the validator set on chain; later epochs go on",
					"epoch", st.epoch, "attempts", failed[st.epoch], "err", err)
			default:
				n.log.Warn("post epoch", "epoch", st.epoch, "err", err)
				blocked = true
			}
		}
		for _, m := range []map[uint64]time.Time{voted, quorumAt} {
			for e := range m {
				if !kept[e] {
					delete(m, e)
				}
			}
		}
		for _, m := range []map[uint64]int{attempts, failed} {
			for e := range m {
				if !kept[e] {
					delete(m, e)
				}
			}
		}
		for e := range posted {
			if !kept[e] {
				delete(posted, e)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-n.wake:
		case <-ticker.C:
		}
	}
}

// submitVote signs and submits this validator's vote on epoch (or, in a
// test playing a Byzantine validator, what the test's hook gives instead).
func (n *Node) submitVote(ctx context.Context, addr common.Address, epoch uint64, attempt int) {
	tx, err := n.VoteTx(epoch)
	if err != nil {
		n.log.Warn("vote", "epoch", epoch, "err", err)
		return
	}
	txs := []chain.Tx{tx}
	if h := settleHooksOf(); h != nil && h.vote != nil {
		txs = h.vote(addr, epoch, attempt, tx)
	}
	for _, tx := range txs {
		if err := n.SubmitTx(ctx, tx); err != nil && ctx.Err() == nil {
			n.log.Warn("submit vote", "epoch", epoch, "err", err)
		}
	}
}

// post puts a closed epoch's root (if any), checkpoint and, if the set
// changed at its end, the new set on chain with the signatures in the state,
// unless they are there already. Each part is posted with the signatures
// the registry counts for the set it checks that part against (Select); a
// part they make no quorum for is skipped, the others still posted, and the
// error wraps errUnpostable.
func (n *Node) post(ctx context.Context, epoch uint64) error {
	rootSigs, cpSigs, quorum, err := n.Signatures(epoch)
	if err != nil {
		return err
	}
	if !quorum {
		return fmt.Errorf("epoch %d: no quorum yet", epoch)
	}
	var skipped []error
	for _, step := range []func() error{
		func() error { return n.postRoot(ctx, epoch, rootSigs) },
		func() error { return n.postCheckpoint(ctx, epoch, cpSigs) },
		func() error { return n.postValidators(ctx, epoch) },
	} {
		if err := step(); errors.Is(err, errUnpostable) {
			skipped = append(skipped, err)
		} else if err != nil {
			return err
		}
	}
	return errors.Join(skipped...)
}

// selectFor returns the signatures of sigs over m that the registry counts
// for set, or an error wrapping errUnpostable if they make no quorum of it.
func (n *Node) selectFor(set evm.ValidatorSet, m evm.Message, what string, sigs []evm.Signature) ([]evm.Signature, error) {
	digest, err := n.cfg.Settlement.Deployment.Digest(m)
	if err != nil {
		return nil, err
	}
	kept, stake, ok := set.Select(digest, sigs)
	if dropped := len(sigs) - len(kept); dropped > 0 {
		n.settleStats.dropped.Add(uint64(dropped))
		n.log.Warn("settlement signatures left out: the registry would refuse them", "what", what, "dropped", dropped,
			"version", set.Version)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s: %d signatures with stake %s, no quorum of validator set %d (total %s)",
			errUnpostable, what, len(kept), stake, set.Version, totalStake(set))
	}
	return kept, nil
}

func totalStake(set evm.ValidatorSet) *big.Int {
	t := new(big.Int)
	for _, v := range set.Validators {
		t.Add(t, new(big.Int).SetUint64(v.Stake))
	}
	return t
}

// postRoot posts the epoch's root, if it pays anyone and is not on chain.
func (n *Node) postRoot(ctx context.Context, epoch uint64, sigs []evm.Signature) error {
	s, subnet := n.settler, n.cfg.Settlement.Subnet
	er, err := n.EpochRoot(epoch)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	on, err := s.Epoch(ctx, subnet, epoch)
	if err != nil {
		return err
	}
	if on.Root != (common.Hash{}) {
		return nil
	}
	set, err := s.EpochValidators(ctx, subnet, epoch)
	if err != nil {
		return err
	}
	kept, err := n.selectFor(set, er, fmt.Sprintf("epoch %d root", epoch), sigs)
	if err != nil {
		return err
	}
	if _, err := s.PostEpoch(ctx, er, kept); err != nil && !errors.Is(err, evm.ErrEpochExists) {
		return err
	}
	return nil
}

// postCheckpoint posts the epoch's checkpoint unless it, or a later one, is
// on chain.
func (n *Node) postCheckpoint(ctx context.Context, epoch uint64, sigs []evm.Signature) error {
	s, subnet := n.settler, n.cfg.Settlement.Subnet
	cp, err := n.Checkpoint(epoch)
	if err != nil {
		return err
	}
	_, _, err = s.CheckpointAt(ctx, subnet, epoch)
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, evm.ErrUnknownCheckpoint):
		return err
	}
	set, err := s.EpochValidators(ctx, subnet, epoch)
	if err != nil {
		return err
	}
	kept, err := n.selectFor(set, cp, fmt.Sprintf("epoch %d checkpoint", epoch), sigs)
	if err != nil {
		return err
	}
	if _, err := s.PostCheckpoint(ctx, cp, kept); err != nil && !errors.Is(err, evm.ErrStaleCheckpoint) {
		return err
	}
	return nil
}

// postValidators hands the parent chain the validator set that took over at
// the end of epoch, if it changed then, unless it has it already. The
// registry checks each epoch against the set that validated it, so the
// order of this and the epoch's root and checkpoint does not matter; the
// worker posts it after them, and before any epoch the new set signs.
func (n *Node) postValidators(ctx context.Context, epoch uint64) error {
	set, sigs, quorum, err := n.ValidatorUpdate(epoch)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !quorum {
		return fmt.Errorf("validator set %d: no quorum yet", set.Version)
	}
	on, err := n.settler.Validators(ctx, set.Subnet)
	if err != nil {
		return err
	}
	switch {
	case on.Version >= set.Version:
		return nil // posted already
	case on.Version+1 < set.Version:
		return fmt.Errorf("%w: validator set %d: the parent chain holds version %d", errUnpostable, set.Version, on.Version)
	}
	kept, err := n.selectFor(on, set, fmt.Sprintf("validator set %d", set.Version), sigs)
	if err != nil {
		return err
	}
	if _, err := n.settler.UpdateValidators(ctx, set, kept); err != nil {
		// Someone else may have posted it meanwhile.
		if on, err2 := n.settler.Validators(ctx, set.Subnet); err2 == nil && on.Version >= set.Version {
			return nil
		}
		return err
	}
	n.log.Info("validator set posted", "epoch", epoch, "version", set.Version)
	return nil
}
