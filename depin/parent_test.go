package depin_test

import (
	"context"
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// TestLocalNetworkParent settles a local subnet on a chain it reaches over
// JSON-RPC, as on a real EVM chain: from an operator's funded account the
// network deploys, registers, sends its validators gas money and tokens, and
// an epoch's root and checkpoint land there; the owner's claim pays exactly.
func TestLocalNetworkParent(t *testing.T) {
	if testing.Short() {
		t.Skip("an EVM chain over JSON-RPC")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	operator, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	chain, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}, RPC: "127.0.0.1:0", AutoCommit: 10 * time.Millisecond})
	require.NoError(t, err)
	defer chain.Close()
	parent, err := evm.Dial(ctx, chain.RPCURL(), operator)
	require.NoError(t, err)
	defer parent.Close()
	parent.SetPollInterval(20 * time.Millisecond)

	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators: 2, NewVertical: newMeter, Parent: parent,
		Config: depin.Config{EpochDuration: 1500 * time.Millisecond},
	})
	require.NoError(t, err)
	defer net.Close()
	require.Nil(t, net.Chain(), "no embedded chain")

	key, err := device.GenerateKey(device.Ed25519, rand.Reader)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	_, err = net.Provision(ctx, key, owner, "m1", "serial-p", "meter:certified", "meter:kWh")
	require.NoError(t, err)
	epoch := net.Node(0).CurrentEpoch()
	env, err := device.Seal(device.ForNetwork(key, net.Network()), device.Header{Device: key.Public().ID(), ContentType: readingType, Seq: 1, Time: time.Now()}, reading{Wh: 700})
	require.NoError(t, err)
	require.NoError(t, net.Submit(ctx, env))
	var sums []depin.EpochSummary
	for ; epoch < net.Node(0).CurrentEpoch()+2; epoch++ {
		if sums, err = net.WaitEpoch(ctx, epoch); err != nil || sums[0].Accepted > 0 {
			break
		}
	}
	require.NoError(t, err)
	require.EqualValues(t, 1, sums[0].Accepted)
	require.NoError(t, net.WaitSettled(ctx, epoch))
	addr, err := owner.Public().Address()
	require.NoError(t, err)
	before, err := parent.TokenBalance(ctx, addr)
	require.NoError(t, err)
	c, err := net.Claim(ctx, epoch, addr)
	require.NoError(t, err)
	after, err := parent.TokenBalance(ctx, addr)
	require.NoError(t, err)
	require.Equal(t, c.Amount, new(big.Int).Sub(after, before))
	require.Positive(t, c.Amount.Sign())
}
