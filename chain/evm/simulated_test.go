package evm_test

import (
	"context"
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// TestSimulatedRPC serves the embedded chain over JSON-RPC on loopback with
// auto-commit, and drives it from a Settler that dialed it, as a validator
// process does: deploy, register a subnet, read it back.
func TestSimulatedRPC(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	key, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	sim, err := evm.NewSimulated(evm.SimulatedConfig{
		Accounts: []*device.PrivateKey{key}, RPC: "127.0.0.1:0", AutoCommit: 10 * time.Millisecond,
	})
	require.NoError(t, err)
	defer func() { require.NoError(t, sim.Close()) }()
	require.Regexp(t, `^http://127\.0\.0\.1:[0-9]+$`, sim.RPCURL())

	s, err := evm.Dial(ctx, sim.RPCURL(), key)
	require.NoError(t, err)
	defer s.Close()
	s.SetPollInterval(5 * time.Millisecond)
	deployed, err := s.Deploy(ctx, evm.DeployConfig{})
	require.NoError(t, err)
	require.NotEmpty(t, deployed)
	a, err := evm.Address(key)
	require.NoError(t, err)
	subnet, _, err := s.RegisterSubnet(ctx, common.Hash{0x07}, []evm.Validator{{Address: a, Stake: 1}})
	require.NoError(t, err)
	set, err := s.Validators(ctx, subnet)
	require.NoError(t, err)
	require.Len(t, set.Validators, 1)
	require.Equal(t, a, set.Validators[0].Address)

	// Gas money for another account, exactly.
	other := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	_, err = s.SendValue(ctx, other, big.NewInt(12345))
	require.NoError(t, err)
	ec, err := ethclient.DialContext(ctx, sim.RPCURL())
	require.NoError(t, err)
	defer ec.Close()
	bal, err := ec.BalanceAt(ctx, other, nil)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(12345), bal)
	_, err = s.SendValue(ctx, other, big.NewInt(0))
	require.ErrorIs(t, err, evm.ErrInput)

	for _, bad := range []string{"10.0.0.1:8545", "127.0.0.1", "127.0.0.1:99999", "example.com:1"} {
		_, err := evm.NewSimulated(evm.SimulatedConfig{RPC: bad})
		require.Error(t, err, bad)
	}
}
