package depin_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// TestLocalNetworkRestake: on a running network (chain/dag, the embedded EVM
// chain), a stake change approved by every validator takes effect at the end
// of its epoch; the engine switches sets, the network keeps committing, the
// parent chain gets the new set (version 2), and epochs after the change,
// signed by the new set, settle.
func TestLocalNetworkRestake(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rnd := rand.NewChaCha8([32]byte{7})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "restake", EpochDuration: 2 * time.Second, ValidatorChanges: true},
		Rand:        rnd,
		Timing:      depin.SettlementTiming{Retry: 100 * time.Millisecond, Fallback: 500 * time.Millisecond},
	})
	require.NoError(t, err)
	defer net.Close()
	n0 := net.Node(0)
	target := n0.Validators()[2]

	// Propose in the open epoch; if it closes before the approvals are
	// committed (they are then for a past epoch), propose again.
	var changedAt uint64
	for nonce, changed := uint64(1), false; !changed; nonce++ {
		require.Less(t, nonce, uint64(6), "the change never took effect")
		epoch := n0.CurrentEpoch()
		change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: target.Key, Stake: 3}, Epoch: epoch, Nonce: nonce}
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
	for _, n := range net.Nodes() {
		require.NoError(t, n.WaitFor(ctx, func(n *depin.Node) bool { return n.CurrentEpoch() > changedAt }))
		require.EqualValues(t, 3, n.Validators()[2].Stake)
	}

	// The network keeps committing: a device registers and is paid after
	// the change.
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
		for e := changedAt + 1; e < n.CurrentEpoch(); e++ {
			if x, err := n.Explain(meter.Public().ID(), e); err == nil && x.Accepted > 0 {
				paid = e
				return true
			}
		}
		return false
	}))

	// Settlement: the epoch of the change (old set), the new set on the
	// parent chain, then the paying epoch (new set).
	require.NoError(t, net.WaitSettled(ctx, changedAt))
	require.NoError(t, net.WaitSettled(ctx, paid))
	on, err := net.Operator().Validators(ctx, net.Subnet())
	require.NoError(t, err)
	require.EqualValues(t, 2, on.Version)
	var stakes uint64
	for _, v := range on.Validators {
		stakes += v.Stake
		if v.Address == target.Settlement {
			require.EqualValues(t, 3, v.Stake)
		}
	}
	require.EqualValues(t, 6, stakes)
	s, err := n0.Epoch(paid)
	require.NoError(t, err)
	require.True(t, s.Quorum)
	require.NotZero(t, s.Claims)
}
