package depin_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// TestSubmitKeepsDeviceOrder: a burst of one device's envelopes, many more
// than the replay window, submitted through Network.Submit commits whole:
// they all reach one validator's mempool in order. Spread over the
// validators in turn, they committed interleaved with the validators'
// blocks, and those that landed more than the window below a later one were
// refused as replays.
func TestSubmitKeepsDeviceOrder(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rnd := rand.NewChaCha8([32]byte{9})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators: 4, NewVertical: newMeter, Rand: rnd, NoSettlement: true,
		Config: depin.Config{Name: "burst", EpochDuration: time.Hour},
	})
	require.NoError(t, err)
	defer net.Close()
	key, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	_, err = net.Provision(ctx, key, owner, "m1", "burst-1", "meter:certified", "meter:kWh")
	require.NoError(t, err)

	const n = 8 * device.DefaultReplayWindow
	for seq := uint64(1); seq <= n; seq++ {
		env, err := device.Seal(device.ForNetwork(key, net.Network()), device.Header{ContentType: readingType, Seq: seq, Time: time.Now()}, reading{Wh: 1})
		require.NoError(t, err)
		require.NoError(t, net.Submit(ctx, env))
	}
	for i, node := range net.Nodes() {
		require.NoError(t, node.WaitFor(ctx, func(nd *depin.Node) bool {
			s, err := nd.Epoch(0)
			return err == nil && s.Accepted+rejected(s) >= n
		}), "validator %d", i)
		s, err := node.Epoch(0)
		require.NoError(t, err)
		require.EqualValues(t, n, s.Accepted, "validator %d: rejected %v", i, s.Rejected)
	}
}

func rejected(s depin.EpochSummary) uint64 {
	var total uint64
	for _, r := range s.Rejected {
		total += r.Count
	}
	return total
}
