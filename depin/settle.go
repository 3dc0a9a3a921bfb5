package depin

import (
	"context"
	"errors"
	"fmt"
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

// settleLoop is the settlement worker. After every closed epoch it signs and
// submits this validator's vote (again every Retry until the vote is in the
// state); once the votes in the state make a quorum, the designated
// validator (epoch mod n; the next ones after Fallback each) posts the root
// with evm.Settler.PostEpoch and the checkpoint with PostCheckpoint,
// retrying every Retry, in epoch order (checkpoints must increase). It runs
// outside ApplyCommit and never blocks consensus; a root or checkpoint
// someone else posted first counts as posted.
func (n *Node) settleLoop(ctx context.Context) {
	addr, _ := n.settleKey.Public().Address() // checked by New
	voted := map[uint64]time.Time{}
	quorumAt := map[uint64]time.Time{}
	posted := map[uint64]bool{}
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
				if tx, err := n.VoteTx(st.epoch); err != nil {
					n.log.Warn("vote", "epoch", st.epoch, "err", err)
				} else if err := n.SubmitTx(ctx, tx); err != nil && ctx.Err() == nil {
					n.log.Warn("submit vote", "epoch", st.epoch, "err", err)
				}
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
			if err := n.post(ctx, st.epoch); err != nil {
				if ctx.Err() == nil {
					n.log.Warn("post epoch", "epoch", st.epoch, "err", err)
				}
				blocked = true
				continue
			}
			posted[st.epoch] = true
			n.log.Info("settled", "epoch", st.epoch)
		}
		for _, m := range []map[uint64]time.Time{voted, quorumAt} {
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

// post puts a closed epoch's root (if any) and checkpoint on chain with the
// signatures in the state, unless they are there already.
func (n *Node) post(ctx context.Context, epoch uint64) error {
	s := n.settler
	subnet := n.cfg.Settlement.Subnet
	rootSigs, cpSigs, quorum, err := n.Signatures(epoch)
	if err != nil {
		return err
	}
	if !quorum {
		return fmt.Errorf("epoch %d: no quorum yet", epoch)
	}
	if er, err := n.EpochRoot(epoch); err == nil {
		on, err := s.Epoch(ctx, subnet, epoch)
		if err != nil {
			return err
		}
		if on.Root == (common.Hash{}) {
			if _, err := s.PostEpoch(ctx, er, rootSigs); err != nil && !errors.Is(err, evm.ErrEpochExists) {
				return err
			}
		}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	cp, err := n.Checkpoint(epoch)
	if err != nil {
		return err
	}
	if _, _, err := s.CheckpointAt(ctx, subnet, epoch); errors.Is(err, evm.ErrUnknownCheckpoint) {
		if _, err := s.PostCheckpoint(ctx, cp, cpSigs); err != nil && !errors.Is(err, evm.ErrStaleCheckpoint) {
			return err
		}
	} else if err != nil {
		return err
	}
	return n.postValidators(ctx, epoch)
}

// postValidators hands the parent chain the validator set that took over at
// the end of epoch, if it changed then, unless it has it already. It runs
// after the epoch's root and checkpoint are posted: the old set signed them.
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
		return fmt.Errorf("validator set %d: the parent chain holds version %d", set.Version, on.Version)
	}
	if _, err := n.settler.UpdateValidators(ctx, set, sigs); err != nil {
		// Someone else may have posted it meanwhile.
		if on, err2 := n.settler.Validators(ctx, set.Subnet); err2 == nil && on.Version >= set.Version {
			return nil
		}
		return err
	}
	n.log.Info("validator set posted", "epoch", epoch, "version", set.Version)
	return nil
}
