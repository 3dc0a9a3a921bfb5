package depin

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// EpochSummary is what a subnet did in an epoch.
type EpochSummary struct {
	Epoch uint64
	// Open: the epoch is still running; only the counts are filled in.
	Open bool
	// FirstCommit and LastCommit are the commits it spans; Start and End
	// their agreed timestamps.
	FirstCommit, LastCommit uint64
	Start, End              time.Time
	// Accepted envelopes, Registered devices, and the rejections of devices'
	// transactions by reason (envelopes; registrations as
	// "register:<reason>"), late rejections by the vertical included.
	Accepted   uint64
	Registered uint64
	Rejected   []ReasonCount
	// ValidatorRejected counts the rejections of validators' own
	// transactions apart: settlement votes ("vote:<reason>"), maker approvals
	// ("maker:<reason>") and validator-set change approvals
	// ("change:<reason>").
	ValidatorRejected []ReasonCount
	// Emission is the curve's emission for the epoch; Paid the sum of the
	// payouts; Unallocated the rest (Paid + Unallocated == Emission): pools
	// with no scoring contributor, or an epoch the vertical failed to score.
	Emission, Paid, Unallocated *big.Int
	// Root is the root of the claims' Merkle tree (zero: nobody is paid), and
	// Claims the number of addresses paid.
	Root   common.Hash
	Claims int
	// ScoreError is why the vertical's scores were refused, if they were.
	ScoreError string
	// CommitDigest and AppHash are those of LastCommit: with the subnet, the
	// epoch and LastCommit, the checkpoint validators sign.
	CommitDigest chain.Digest
	AppHash      chain.Digest
	// Votes is how many validators have submitted settlement signatures,
	// VotedStake their stake, and Quorum whether it is more than 2/3.
	Votes      int
	VotedStake uint64
	Quorum     bool
}

// RejectedTotal returns the number of devices' rejections (Rejected) of all
// reasons; validators' (ValidatorRejected) are not counted.
func (s EpochSummary) RejectedTotal() uint64 {
	var t uint64
	for _, r := range s.Rejected {
		t += r.Count
	}
	return t
}

// RejectedFor returns the number of rejections for reason, a device's
// (Rejected) or a validator's (ValidatorRejected, "vote:..." and the like).
func (s EpochSummary) RejectedFor(reason string) uint64 {
	for _, r := range slices.Concat(s.Rejected, s.ValidatorRejected) {
		if r.Reason == reason {
			return r.Count
		}
	}
	return 0
}

// Payout is what one contributor earned from one pool in an epoch.
type Payout struct {
	Pool        string
	Contributor string         // a device ID, or an address
	Address     common.Address // where it is paid
	Amount      *big.Int
}

// Height returns the last commit applied and the app hash after it.
func (n *Node) Height() (uint64, chain.Digest) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.app.height, n.app.hash
}

// CurrentEpoch returns the open epoch's number.
func (n *Node) CurrentEpoch() uint64 {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.app.open.Number
}

// Device returns the registry's record of a device.
func (n *Node) Device(id device.ID) (device.Record, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.app.registry.Device(id)
}

// Maker returns the registry's record of a maker.
func (n *Node) Maker(id device.ID) (device.Maker, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.app.registry.Maker(id)
}

// Devices returns the number of registered devices, revoked ones included.
func (n *Node) Devices() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.app.registry.Len()
}

// Epoch returns the summary of an epoch: a kept closed one, or the open one.
func (n *Node) Epoch(epoch uint64) (EpochSummary, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if ep := &n.app.open; ep.Number == epoch {
		devices, validators := splitReasons(ep.Rejected)
		return EpochSummary{
			Epoch: epoch, Open: true, FirstCommit: ep.FirstCommit, LastCommit: n.app.height,
			Start: time.UnixMilli(ep.Start).UTC(), Accepted: ep.Accepted, Registered: ep.Registered,
			Rejected: devices, ValidatorRejected: validators,
		}, nil
	}
	ce := n.closedLocked(epoch)
	if ce == nil {
		return EpochSummary{}, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	s := EpochSummary{
		Epoch: epoch, FirstCommit: ce.FirstCommit, LastCommit: ce.LastCommit,
		Start: time.UnixMilli(ce.Start).UTC(), End: time.UnixMilli(ce.End).UTC(),
		Accepted: ce.Accepted, Registered: ce.Registered,
		Emission: amountOf(ce.Emission), Paid: amountOf(ce.Paid), Unallocated: amountOf(ce.Unallocated),
		Root: ce.Root, Claims: len(ce.Claims), ScoreError: ce.ScoreError,
		CommitDigest: ce.CommitDigest, AppHash: ce.AppHash, Votes: len(ce.Votes),
	}
	s.Rejected, s.ValidatorRejected = splitReasons(ce.Rejected)
	s.VotedStake = n.votedStakeLocked(ce)
	s.Quorum = n.app.setFor(epoch).set.IsQuorum(s.VotedStake)
	return s, nil
}

func (n *Node) votedStakeLocked(ce *closedEpoch) uint64 {
	agg := chain.NewStakeAggregator(n.app.setFor(ce.Number).set)
	for _, v := range ce.Votes {
		agg.Add(v.Validator)
	}
	return agg.Stake()
}

// Payouts returns a closed epoch's payouts, by pool then contributor; zero
// payouts are left out.
func (n *Node) Payouts(epoch uint64) ([]Payout, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	ce := n.closedLocked(epoch)
	if ce == nil {
		return nil, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	out := make([]Payout, len(ce.Payouts))
	for i, p := range ce.Payouts {
		out[i] = Payout{Pool: p.Pool, Contributor: p.Contributor, Address: p.Address, Amount: amountOf(p.Amount)}
	}
	return out, nil
}

// Tree returns a closed epoch's claims tree (ErrNotFound if nobody is paid).
func (n *Node) Tree(epoch uint64) (*reward.MerkleTree, error) {
	n.mu.RLock()
	ce := n.closedLocked(epoch)
	if ce == nil {
		n.mu.RUnlock()
		return nil, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	claims := make([]reward.Claim, len(ce.Claims))
	for i, c := range ce.Claims {
		claims[i] = reward.Claim{Address: c.Address, Amount: amountOf(c.Amount)}
	}
	n.mu.RUnlock()
	if len(claims) == 0 {
		return nil, fmt.Errorf("%w: epoch %d pays nobody", ErrNotFound, epoch)
	}
	return reward.NewMerkleTree(claims)
}

// Claim returns what account may claim for a closed epoch, with its Merkle
// proof, ready for evm.Settler.Claim.
func (n *Node) Claim(epoch uint64, account common.Address) (evm.EpochClaim, error) {
	tree, err := n.Tree(epoch)
	if err != nil {
		return evm.EpochClaim{}, err
	}
	c, err := evm.ClaimOf(tree, epoch, account)
	if err != nil {
		return evm.EpochClaim{}, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return c, nil
}

// EpochRoot returns the evm.EpochRoot validators sign for a closed epoch
// (ErrNotFound if it pays nobody: there is no root to post).
func (n *Node) EpochRoot(epoch uint64) (evm.EpochRoot, error) {
	if n.cfg.Settlement == nil {
		return evm.EpochRoot{}, ErrNoSettlement
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	ce := n.closedLocked(epoch)
	if ce == nil {
		return evm.EpochRoot{}, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	if ce.Root == (common.Hash{}) {
		return evm.EpochRoot{}, fmt.Errorf("%w: epoch %d pays nobody", ErrNotFound, epoch)
	}
	return n.epochRootOf(ce), nil
}

// Checkpoint returns the evm.Checkpoint validators sign for a closed epoch.
func (n *Node) Checkpoint(epoch uint64) (evm.Checkpoint, error) {
	if n.cfg.Settlement == nil {
		return evm.Checkpoint{}, ErrNoSettlement
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	ce := n.closedLocked(epoch)
	if ce == nil {
		return evm.Checkpoint{}, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	return n.checkpointOf(ce), nil
}

// Signatures returns the settlement signatures recorded for a closed epoch:
// over its root (empty if it has none) and its checkpoint, in validator
// order, and whether their stake is a quorum.
func (n *Node) Signatures(epoch uint64) (root, checkpoint []evm.Signature, quorum bool, err error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	ce := n.closedLocked(epoch)
	if ce == nil {
		return nil, nil, false, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
	}
	for _, v := range ce.Votes {
		if len(v.Root) == signatureSize {
			root = append(root, evm.Signature(v.Root))
		}
		checkpoint = append(checkpoint, evm.Signature(v.Checkpoint))
	}
	return root, checkpoint, n.app.setFor(epoch).set.IsQuorum(n.votedStakeLocked(ce)), nil
}

// Explanation says why a device earned what it earned in an epoch, or
// nothing: what happened to its envelopes and, for a closed epoch, how each
// pool's payout came about (reward.Explanation: units, multipliers, share,
// rounding).
type Explanation struct {
	Device device.ID
	Epoch  uint64
	Open   bool
	// Accepted envelopes, and rejections by reason (late ones included).
	Accepted uint64
	Rejected []ReasonCount
	// Notes are the first rejections in detail (Config.MaxNotes of them).
	Notes []Note
	// Pools explains the device's payout in each pool it took part in.
	Pools []PoolExplanation
	// Amount is the total payout, and Address where it is paid (zero if it
	// has none).
	Amount  *big.Int
	Address common.Address
	// Reason sums it up in words.
	Reason string
}

// PoolExplanation is a device's payout from one pool.
type PoolExplanation struct {
	Pool string
	reward.Explanation
}

// String renders the explanation for people.
func (x Explanation) String() string {
	var b strings.Builder
	state := "closed"
	if x.Open {
		state = "open"
	}
	fmt.Fprintf(&b, "device %s, epoch %d (%s)\n", x.Device, x.Epoch, state)
	fmt.Fprintf(&b, "  accepted     %d\n", x.Accepted)
	for _, r := range x.Rejected {
		fmt.Fprintf(&b, "  rejected     %d %s\n", r.Count, r.Reason)
	}
	for _, nt := range x.Notes {
		late := ""
		if nt.Late {
			late = " (at scoring)"
		}
		fmt.Fprintf(&b, "    seq %d: %s%s: %s\n", nt.Seq, nt.Reason, late, nt.Detail)
	}
	for _, p := range x.Pools {
		fmt.Fprintf(&b, "  pool %s\n", p.Pool)
		for _, line := range strings.Split(strings.TrimRight(p.Explanation.String(), "\n"), "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	if x.Amount != nil {
		fmt.Fprintf(&b, "  payout       %s to %s\n", x.Amount, x.Address.Hex())
	}
	fmt.Fprintf(&b, "  why          %s\n", x.Reason)
	return b.String()
}

// Explain says why a device earned what it earned in an epoch (kept closed,
// or open), or nothing.
func (n *Node) Explain(id device.ID, epoch uint64) (Explanation, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	x := Explanation{Device: id, Epoch: epoch}
	var act *activity
	if ep := &n.app.open; ep.Number == epoch {
		x.Open = true
		act = (&closedEpoch{Devices: ep.Devices}).findDevice(id)
	} else {
		ce := n.closedLocked(epoch)
		if ce == nil {
			return Explanation{}, fmt.Errorf("%w: %d", ErrUnknownEpoch, epoch)
		}
		act = ce.findDevice(id)
		x.Amount = new(big.Int)
		contributor := id.String()
		for _, p := range ce.Pools {
			if _, ok := slices.BinarySearchFunc(p.Contributions, contributor, func(c contribution, s string) int { return strings.Compare(c.Contributor, s) }); !ok {
				continue
			}
			cs := make([]reward.Contribution, len(p.Contributions))
			for k, c := range p.Contributions {
				cs[k] = fromWire(c)
			}
			d, err := reward.Distribute(amountOf(p.Amount), cs)
			if err != nil {
				return Explanation{}, fmt.Errorf("depin: replaying pool %s of epoch %d: %w", p.Name, epoch, err)
			}
			rx, err := d.Explain(contributor)
			if err != nil {
				return Explanation{}, err
			}
			x.Pools = append(x.Pools, PoolExplanation{Pool: p.Name, Explanation: rx})
			x.Amount.Add(x.Amount, rx.Amount)
		}
		if addr, err := n.payeeLocked(contributor); err == nil {
			x.Address = addr
		}
	}
	if act != nil {
		x.Accepted = act.Accepted
		x.Rejected = cloneOrNil(act.Rejected)
		x.Notes = cloneOrNil(act.Notes)
	}
	if act == nil && len(x.Pools) == 0 {
		if _, err := n.app.registry.Device(id); err != nil {
			x.Reason = "no activity in the epoch, and the device is not registered"
		} else {
			x.Reason = "no activity in the epoch"
		}
		return x, nil
	}
	x.Reason = n.summarize(&x)
	return x, nil
}

func (n *Node) summarize(x *Explanation) string {
	var rejected uint64
	var reasons []string
	for _, r := range x.Rejected {
		rejected += r.Count
		reasons = append(reasons, fmt.Sprintf("%s ×%d", r.Reason, r.Count))
	}
	why := ""
	if rejected > 0 {
		why = " (" + strings.Join(reasons, ", ") + ")"
	}
	switch {
	case x.Open:
		return fmt.Sprintf("epoch still open: %d envelopes accepted, %d rejected so far%s", x.Accepted, rejected, why)
	case x.Amount != nil && x.Amount.Sign() > 0:
		return fmt.Sprintf("earned %s: %d envelopes accepted, %d rejected%s", x.Amount, x.Accepted, rejected, why)
	case len(x.Pools) > 0:
		return "scored, but earned nothing: " + x.Pools[0].Reason
	case x.Accepted == 0 && rejected > 0:
		return fmt.Sprintf("earned nothing: all %d envelopes rejected%s", rejected, why)
	case x.Accepted > 0 && rejected > 0:
		return fmt.Sprintf("earned nothing: %d envelopes accepted, then rejected at scoring or unpayable%s", x.Accepted, why)
	case x.Accepted > 0:
		return fmt.Sprintf("earned nothing: %d envelopes accepted, but the vertical scored none of them", x.Accepted)
	}
	return "earned nothing: no accepted envelopes"
}

// cloneOrNil copies s, nil when empty (so that a restored state answers
// exactly as the original).
func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
