package depin_test

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
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
