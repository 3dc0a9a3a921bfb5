package evm

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/evm/contracts"
	"github.com/depinkit/depinkit/device"
)

// TestEveryContractErrorHasASentinel: each custom error the contracts of
// this package declare maps to a sentinel, and each mapping names an error
// that exists; OpenZeppelin's errors only wrap ErrReverted.
func TestEveryContractErrorHasASentinel(t *testing.T) {
	sources, err := contracts.Sources()
	require.NoError(t, err)
	declared := map[string]bool{}
	for _, src := range sources {
		for _, line := range strings.Split(src, "\n") {
			line = strings.TrimSpace(line)
			if name, ok := strings.CutPrefix(line, "error "); ok {
				declared[name[:strings.IndexByte(name, '(')]] = true
			}
		}
	}
	declared["VerifierOutOfGas"] = true // proof/solidity's ProofVerifier
	require.NotEmpty(t, declared)
	for name := range declared {
		require.Contains(t, revertSentinels, name, "error %s has no sentinel", name)
	}
	for name := range revertSentinels {
		require.True(t, declared[name], "sentinel for %s, which no contract declares", name)
	}
	for _, e := range knownErrors {
		if declared[e.Name] {
			continue
		}
		rev := &RevertError{Name: e.Name}
		require.Len(t, rev.Unwrap(), 1, e.Name)
	}
}

func TestDecodeRevert(t *testing.T) {
	// A custom error with arguments.
	a := rewardABI.GetABI()
	def := a.Errors["AlreadyClaimed"]
	args, err := def.Inputs.Pack([32]byte{1}, uint64(3), common.Address{0xab})
	require.NoError(t, err)
	rev := DecodeRevert("RewardDistributor.claim", append(def.ID[:4:4], args...))
	require.Equal(t, "AlreadyClaimed", rev.Name)
	require.Equal(t, uint64(3), rev.Arg("epoch"))
	require.Nil(t, rev.Arg("nope"))
	require.True(t, errors.Is(rev, ErrAlreadyClaimed))
	require.True(t, errors.Is(rev, ErrReverted))
	require.False(t, errors.Is(rev, ErrUnderQuorum))
	require.Equal(t, "evm: RewardDistributor.claim reverted: AlreadyClaimed(subnet: 0x01"+strings.Repeat("00", 31)+
		", epoch: 3, account: "+common.Address{0xab}.Hex()+")", rev.Error())

	// An error raised by another contract on the way (the registry's, from
	// the distributor) decodes too.
	def = subnetABI.GetABI().Errors["UnderQuorum"]
	args, err = def.Inputs.Pack(big.NewInt(1), big.NewInt(4))
	require.NoError(t, err)
	rev = DecodeRevert("RewardDistributor.postEpoch", append(def.ID[:4:4], args...))
	require.Equal(t, "UnderQuorum(signedStake: 1, totalStake: 4)", rev.Reason())
	require.ErrorIs(t, rev, ErrUnderQuorum)

	// require strings and panics.
	str, err := abi.Arguments{{Type: mustType(t, "string")}}.Pack("nope")
	require.NoError(t, err)
	rev = DecodeRevert("X.f", append(crypto.Keccak256([]byte("Error(string)"))[:4], str...))
	require.Equal(t, `Error(message: "nope")`, rev.Reason())
	code, err := abi.Arguments{{Type: mustType(t, "uint256")}}.Pack(big.NewInt(0x11))
	require.NoError(t, err)
	rev = DecodeRevert("X.f", append(crypto.Keccak256([]byte("Panic(uint256)"))[:4], code...))
	require.Equal(t, "Panic(code: 17)", rev.Reason())

	// Nothing, garbage, unknown selectors, truncated arguments.
	require.Equal(t, "no reason given", DecodeRevert("X.f", nil).Reason())
	require.Equal(t, "unknown error 0x0102", DecodeRevert("X.f", []byte{1, 2}).Reason())
	require.Equal(t, "unknown error 0xdeadbeef00", DecodeRevert("X.f", []byte{0xde, 0xad, 0xbe, 0xef, 0}).Reason())
	id := a.Errors["AlreadyClaimed"].ID
	trunc := DecodeRevert("X.f", id[:5])
	require.Equal(t, "", trunc.Name)
	require.Len(t, trunc.Unwrap(), 1)
	require.Equal(t, "", DecodeRevert("X.f", errorSelector).Name, "an Error(string) without its string")
}

func mustType(t *testing.T, s string) abi.Type {
	t.Helper()
	typ, err := abi.NewType(s, "", nil)
	require.NoError(t, err)
	return typ
}

func TestNotDeployed(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	empty := f.deployer.WithAddresses(Addresses{})
	_, err := empty.Claim(ctx, SubnetID{}, common.Address{}, EpochClaim{Amount: big.NewInt(1)})
	require.ErrorIs(t, err, ErrNotDeployed)
	_, err = empty.TokenBalance(ctx, common.Address{})
	require.ErrorIs(t, err, ErrNotDeployed)
	_, err = empty.PostEpoch(ctx, EpochRoot{Total: big.NewInt(1)}, nil)
	require.ErrorIs(t, err, ErrNotDeployed)
	// An address without code.
	nowhere := f.deployer.WithAddresses(Addresses{RewardDistributor: common.Address{0x66}})
	_, err = nowhere.Claimed(ctx, SubnetID{}, 1, common.Address{})
	require.ErrorIs(t, err, ErrNotDeployed)

	_, err = f.sim.Settler(ctx, f.key(t, device.Ed25519))
	require.ErrorIs(t, err, ErrKey)
}
