package depin_test

import (
	"context"
	"math/big"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// TestSettlementRetry: validators that cannot pay an epoch's total in keep
// retrying without holding the chain back, and settle once they are funded.
func TestSettlementRetry(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rnd := rand.NewChaCha8([32]byte{3})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "broke", EpochDuration: time.Second},
		Rand:        rnd,
		Fund:        big.NewInt(1), // far too little to pay an epoch in
		Timing:      depin.SettlementTiming{Retry: 100 * time.Millisecond, Fallback: 300 * time.Millisecond},
	})
	require.NoError(t, err)
	defer net.Close()

	meter, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	_, err = net.Provision(ctx, meter, owner, "m1", "sn-1", "meter:certified")
	require.NoError(t, err)
	env, err := device.Seal(device.ForNetwork(meter, net.Network()), device.Header{ContentType: readingType, Seq: 1, Time: time.Now()}, reading{Wh: 10})
	require.NoError(t, err)
	require.NoError(t, net.Submit(ctx, env))
	var epoch uint64
	n0 := net.Node(0)
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool {
		for e := range n.CurrentEpoch() + 1 {
			if x, err := n.Explain(meter.Public().ID(), e); err == nil && x.Accepted > 0 {
				epoch = e
				return true
			}
		}
		return false
	}))
	// The votes make a quorum, every validator's post fails, the chain goes on.
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool { s, err := n.Epoch(epoch); return err == nil && s.Quorum }))
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool { return n.CurrentEpoch() > epoch+2 }))
	on, err := net.Operator().Epoch(ctx, net.Subnet(), epoch)
	require.NoError(t, err)
	require.Equal(t, common.Hash{}, on.Root, "nobody could pay the epoch in")

	for i := range net.Nodes() {
		addr, err := net.SettlementKey(i).Public().Address()
		require.NoError(t, err)
		_, err = net.Operator().MintTestToken(ctx, addr, big.NewInt(10_000_000))
		require.NoError(t, err)
	}
	require.NoError(t, net.WaitSettled(ctx, epoch))
	require.NoError(t, net.WaitSettled(ctx, epoch+2), "later checkpoints follow in order")
}

// malleated returns vote tx with every signature replaced by its high-s twin
// (evm.Signature.Malleated): what a Byzantine validator makes of a vote it
// saw in a block, or signs with its own key.
func malleated(t testing.TB, tx chain.Tx) chain.Tx {
	t.Helper()
	v, err := depin.DecodeTx(tx)
	require.NoError(t, err)
	for _, sig := range []*[]byte{&v.RootSignature, &v.CheckpointSignature, &v.SetSignature} {
		if len(*sig) == 65 {
			m := evm.Signature(*sig).Malleated()
			*sig = m[:]
		}
	}
	out, err := v.Marshal()
	require.NoError(t, err)
	return out
}

// TestSettleMalleatedVote: a Byzantine validator's copy of an honest vote
// with (r, n-s, v^1), committed first, and its own high-s vote, are refused
// when checked; the honest vote is then accepted (it is not a duplicate),
// and every signature kept is one the contract accepts. Before the fix both
// copies were counted, the honest vote was refused as a duplicate, and the
// posts reverted with InvalidSignature on every retry.
func TestSettleMalleatedVote(t *testing.T) {
	f := newFixture(t, 4, nil)
	d := f.newDevice(true)
	f.commit(d.reg)
	f.commit(f.reading(d, 10))
	for {
		if s, err := f.nodes[0].Epoch(0); err == nil && !s.Open {
			require.NotEqual(t, common.Hash{}, s.Root, "the epoch pays the meter: it has a root to sign")
			break
		}
		f.commit()
	}
	votes := make([]chain.Tx, 4)
	for i, n := range f.nodes {
		var err error
		votes[i], err = n.VoteTx(0)
		require.NoError(t, err)
	}
	// Validator 2 is Byzantine: it commits validator 0's vote malleated,
	// then its own vote with high-s signatures.
	f.commit(malleated(t, votes[0]), malleated(t, votes[2]))
	s, err := f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.Zero(t, s.Votes, "no high-s signature is counted")
	open, err := f.nodes[0].Epoch(f.nodes[0].CurrentEpoch())
	require.NoError(t, err)
	require.EqualValues(t, 2, open.RejectedFor("vote:"+depin.ReasonBadSignature))

	// The honest votes of 0, 1 and 3 are counted: stakes 1+2+2 of 6, a
	// quorum without 2.
	f.commit(votes[0], votes[1], votes[3])
	s, err = f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.Equal(t, 3, s.Votes)
	require.True(t, s.Quorum)
	root, cp, quorum, err := f.nodes[0].Signatures(0)
	require.NoError(t, err)
	require.True(t, quorum)
	require.Len(t, root, 3)
	require.Len(t, cp, 3)
	dep := f.cfg.Settlement.Deployment
	er, err := f.nodes[0].EpochRoot(0)
	require.NoError(t, err)
	rootDigest, err := dep.Digest(er)
	require.NoError(t, err)
	for i, sig := range root {
		require.True(t, sig.LowS())
		by, err := sig.Signer(rootDigest)
		require.NoError(t, err)
		require.Equal(t, f.cfg.Validators[[]int{0, 1, 3}[i]].Settlement, by)
	}
}

// TestSettleByzantineValidator: on a running network, validator 3 votes
// with high-s signatures and races validator 0's vote with a malleated copy
// (validator 0's worker holds its first vote back so that the copy commits
// first); every epoch is still posted on chain, none given up.
func TestSettleByzantineValidator(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	type roles struct {
		byzantine, victim common.Address
		victimNode        *depin.Node
	}
	var who atomic.Pointer[roles]
	var copies atomic.Int64
	depin.SetSettleHooks(t, func(addr common.Address, epoch uint64, attempt int, honest chain.Tx) []chain.Tx {
		r := who.Load()
		switch {
		case r == nil:
			return []chain.Tx{honest}
		case addr == r.byzantine:
			out := []chain.Tx{malleated(t, honest)}
			if v, err := r.victimNode.VoteTx(epoch); err == nil {
				out = append([]chain.Tx{malleated(t, v)}, out...)
				copies.Add(1)
			}
			return out
		case addr == r.victim && attempt == 0:
			return nil // the copy goes first
		}
		return []chain.Tx{honest}
	}, nil)
	rnd := rand.NewChaCha8([32]byte{13})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "byzantine", EpochDuration: time.Second},
		Rand:        rnd,
		Timing:      depin.SettlementTiming{Retry: 150 * time.Millisecond, Fallback: 300 * time.Millisecond},
	})
	require.NoError(t, err)
	defer net.Close()
	address := func(i int) common.Address {
		a, err := net.SettlementKey(i).Public().Address()
		require.NoError(t, err)
		return a
	}
	who.Store(&roles{byzantine: address(3), victim: address(0), victimNode: net.Node(0)})
	n0 := net.Node(0)
	start := n0.CurrentEpoch() + 1

	// A meter is paid, so that epochs have roots as well as checkpoints.
	meter, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	_, err = net.Provision(ctx, meter, owner, "m1", "sn-1", "meter:certified")
	require.NoError(t, err)
	env, err := device.Seal(device.ForNetwork(meter, net.Network()), device.Header{ContentType: readingType, Seq: 1, Time: time.Now()}, reading{Wh: 10})
	require.NoError(t, err)
	require.NoError(t, net.Submit(ctx, env))
	var paid uint64
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool {
		for e := range n.CurrentEpoch() {
			if x, err := n.Explain(meter.Public().ID(), e); err == nil && x.Accepted > 0 {
				paid = e
				return true
			}
		}
		return false
	}))

	last := max(start+4, paid+1)
	for e := start; e <= last; e++ {
		require.NoError(t, net.WaitSettled(ctx, e), "epoch %d", e)
	}
	on, err := net.Operator().Epoch(ctx, net.Subnet(), paid)
	require.NoError(t, err)
	require.NotEqual(t, common.Hash{}, on.Root, "the meter's epoch root was posted")
	require.Positive(t, copies.Load(), "the Byzantine validator raced malleated copies")
	var refused uint64
	for e := start; e <= last+1; e++ {
		s, err := n0.Epoch(e)
		require.NoError(t, err)
		refused += s.RejectedFor("vote:" + depin.ReasonBadSignature)
	}
	require.Positive(t, refused, "the high-s votes reached consensus and were refused")
	for i, n := range net.Nodes() {
		require.Zero(t, n.SettlementStats().GaveUp, "validator %d", i)
	}
	for e := start; e <= last; e++ {
		_, cp, _, err := n0.Signatures(e)
		require.NoError(t, err)
		for _, s := range cp {
			require.True(t, s.LowS(), "epoch %d", e)
		}
	}
}

// TestSettleSetUpdatedFirst: anyone may post the next validator set as soon
// as its signatures are out. Here it is posted before the last epoch of the
// old set settles (the workers are held back until then), and that epoch,
// signed by 3 of the old set's 4 validators, still settles: the registry
// checks it against the old set. Before the fix the registry checked it
// against the new set (stakes 1, 1, 3, 1: the three signers hold 3 of 6) and
// it reverted with UnderQuorum on every retry.
func TestSettleSetUpdatedFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	var silent sync.Map // epoch -> true: validator "target" does not vote on it
	var target atomic.Pointer[common.Address]
	var holding atomic.Bool
	holding.Store(true)
	depin.SetSettleHooks(t, func(addr common.Address, epoch uint64, _ int, honest chain.Tx) []chain.Tx {
		if a := target.Load(); a != nil && *a == addr {
			if _, ok := silent.Load(epoch); ok {
				return nil
			}
		}
		return []chain.Tx{honest}
	}, func(common.Address, uint64) bool { return holding.Load() })
	rnd := rand.NewChaCha8([32]byte{17})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "set-first", EpochDuration: 2 * time.Second, ValidatorChanges: true},
		Rand:        rnd,
		Timing:      depin.SettlementTiming{Retry: 100 * time.Millisecond, Fallback: 300 * time.Millisecond},
	})
	require.NoError(t, err)
	defer net.Close()
	n0 := net.Node(0)
	restaked := n0.Validators()[2]
	for i := range net.Nodes() {
		a, err := net.SettlementKey(i).Public().Address()
		require.NoError(t, err)
		if a == restaked.Settlement {
			target.Store(&a)
		}
	}
	require.NotNil(t, target.Load())

	// Validator 2's stake becomes 3 at the end of the epoch the change is
	// approved in; validator 2 does not vote on that epoch.
	var changedAt uint64
	for nonce, changed := uint64(1), false; !changed; nonce++ {
		require.Less(t, nonce, uint64(6), "the change never took effect")
		epoch := n0.CurrentEpoch()
		silent.Store(epoch, true)
		change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: restaked.Key, Stake: 3}, Epoch: epoch, Nonce: nonce}
		for _, n := range net.Nodes() {
			tx, err := n.ApproveChangeTx(change)
			require.NoError(t, err)
			require.NoError(t, n.SubmitTx(ctx, tx))
		}
		require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool { return n.CurrentEpoch() > epoch }))
		if n0.Validators()[2].Stake == 3 {
			changedAt, changed = epoch, true
		}
	}
	var set evm.ValidatorSet
	var sigs []evm.Signature
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool {
		var quorum bool
		set, sigs, quorum, _ = n.ValidatorUpdate(changedAt)
		s, err := n.Epoch(changedAt)
		return quorum && err == nil && s.Quorum
	}))
	s, err := n0.Epoch(changedAt)
	require.NoError(t, err)
	require.Equal(t, 3, s.Votes, "validator 2 did not vote on the last epoch of the old set")
	require.Equal(t, changedAt+1, set.FirstEpoch)

	// Someone posts the new set first.
	_, err = net.Operator().UpdateValidators(ctx, set, sigs)
	require.NoError(t, err)
	on, err := net.Operator().Validators(ctx, net.Subnet())
	require.NoError(t, err)
	require.EqualValues(t, 2, on.Version)
	old, err := net.Operator().EpochValidators(ctx, net.Subnet(), changedAt)
	require.NoError(t, err)
	require.EqualValues(t, 1, old.Version, "the registry checks the epoch against the set that validated it")

	holding.Store(false)
	for e := uint64(0); e <= changedAt+1; e++ {
		require.NoError(t, net.WaitSettled(ctx, e), "epoch %d", e)
	}
	cp, _, err := net.Operator().CheckpointAt(ctx, net.Subnet(), changedAt+1)
	require.NoError(t, err)
	require.Equal(t, changedAt+1, cp.Epoch)
	for i, n := range net.Nodes() {
		require.Zero(t, n.SettlementStats().GaveUp, "validator %d", i)
	}
}
