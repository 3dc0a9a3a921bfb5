package subnet

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// TestCheckpointOnEmbeddedChain registers a subnet of 4 validators on the
// embedded chain from its spec, collects the validators' signatures of a
// checkpoint until they make a quorum, posts it, and verifies the state root
// from the parent chain; a lone validator's signature is refused by the
// contract, and a second subnet lives beside the first.
func TestCheckpointOnEmbeddedChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	spec, keys := testSpec(t, 4, 42)

	operator := mustKey(t, device.Secp256k1, 1000)
	sim, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}})
	require.NoError(t, err)
	defer sim.Close()
	settler, err := sim.Settler(ctx, operator)
	require.NoError(t, err)
	_, err = settler.Deploy(ctx, evm.DeployConfig{})
	require.NoError(t, err)
	id, _, err := settler.RegisterSubnet(ctx, spec.GenesisHash(), spec.EVMValidators())
	require.NoError(t, err)
	require.Equal(t, evm.SubnetIDOf(settler.From(), spec.GenesisHash()), id)
	onChain, err := settler.Validators(ctx, id)
	require.NoError(t, err)
	require.ElementsMatch(t, spec.EVMValidators(), onChain.Validators)

	cp := Checkpoint{Subnet: id, Epoch: 1, Height: 1000, AppHash: chain.Digest{0xaa}, CommitDigest: chain.Digest{0xbb}}
	d := settler.Deployment()
	sigs, err := spec.CheckpointSigs(d, cp)
	require.NoError(t, err)
	for i, k := range keys[:3] {
		sig, err := SignCheckpoint(d, k.Settlement, cp)
		require.NoError(t, err)
		quorum, err := sigs.Add(sig)
		require.NoError(t, err)
		require.Equal(t, i == 2, quorum, "signer %d", i)
		// The same signature again is not counted.
		_, err = sigs.Add(sig)
		require.ErrorIs(t, err, ErrDuplicateSignature)
	}
	require.Equal(t, int64(300), sigs.SignedStake().Int64())

	// Signatures the collector refuses: by a stranger, of another checkpoint,
	// malformed.
	stranger := mustKey(t, device.Secp256k1, 2000)
	sig, err := SignCheckpoint(d, stranger, cp)
	require.NoError(t, err)
	_, err = sigs.Add(sig)
	require.ErrorIs(t, err, ErrNotValidator)
	other := cp
	other.Height++
	sig, err = SignCheckpoint(d, keys[3].Settlement, other)
	require.NoError(t, err)
	_, err = sigs.Add(sig)
	require.ErrorIs(t, err, ErrNotValidator, "recovers to some other address")
	_, err = sigs.Add(evm.Signature{})
	require.ErrorIs(t, err, ErrBadSignature)
	_, err = SignCheckpoint(d, keys[0].Consensus, cp)
	require.ErrorIs(t, err, evm.ErrKey, "an ed25519 key cannot sign for the EVM chain")

	// Posted by anyone (the operator here); anyone can verify the root.
	require.NoError(t, sigs.Post(ctx, settler))
	got, err := VerifyStateRoot(ctx, settler, id, 1, chain.Digest{0xaa})
	require.NoError(t, err)
	require.Equal(t, cp, got)
	_, err = VerifyStateRoot(ctx, settler, id, 1, chain.Digest{0xab})
	require.ErrorIs(t, err, ErrStateRootMismatch)
	_, err = VerifyStateRoot(ctx, settler, id, 2, chain.Digest{0xaa})
	require.ErrorIs(t, err, evm.ErrUnknownCheckpoint)

	// A lone validator's signature: the collector reports no quorum, and the
	// contract refuses it.
	cp2 := Checkpoint{Subnet: id, Epoch: 2, Height: 2000, AppHash: chain.Digest{0xcc}, CommitDigest: chain.Digest{0xdd}}
	lone, err := spec.CheckpointSigs(d, cp2)
	require.NoError(t, err)
	sig, err = SignCheckpoint(d, keys[1].Settlement, cp2)
	require.NoError(t, err)
	quorum, err := lone.Add(sig)
	require.NoError(t, err)
	require.False(t, quorum)
	err = lone.Post(ctx, settler)
	require.ErrorIs(t, err, evm.ErrUnderQuorum)
	_, err = VerifyStateRoot(ctx, settler, id, 2, chain.Digest{0xcc})
	require.ErrorIs(t, err, evm.ErrUnknownCheckpoint)

	// A second subnet (another vertical) side by side on the same parent
	// chain, with its own validators and checkpoints.
	energy, energyKeys := testSpec(t, 1, 43)
	energy.Name, energy.Vertical = "energy", "energy"
	require.NotEqual(t, spec.GenesisHash(), energy.GenesisHash())
	id2, _, err := settler.RegisterSubnet(ctx, energy.GenesisHash(), energy.EVMValidators())
	require.NoError(t, err)
	cp3 := Checkpoint{Subnet: id2, Epoch: 1, Height: 10, AppHash: chain.Digest{0xee}}
	sigs3, err := energy.CheckpointSigs(d, cp3)
	require.NoError(t, err)
	sig, err = SignCheckpoint(d, energyKeys[0].Settlement, cp3)
	require.NoError(t, err)
	quorum, err = sigs3.Add(sig)
	require.NoError(t, err)
	require.True(t, quorum, "the only validator holds all the stake")
	require.NoError(t, sigs3.Post(ctx, settler))
	_, err = VerifyStateRoot(ctx, settler, id2, 1, chain.Digest{0xee})
	require.NoError(t, err)
	_, err = VerifyStateRoot(ctx, settler, id, 1, chain.Digest{0xaa})
	require.NoError(t, err, "the first subnet's checkpoint is untouched")
}

func TestCheckpointSigsUnequalStake(t *testing.T) {
	d := evm.Deployment{ChainID: common.Big1, Addresses: evm.Addresses{SubnetRegistry: common.Address{0x5e}}}
	var keys []*device.PrivateKey
	var vals []evm.Validator
	for i, stake := range []uint64{70, 10, 10, 10} {
		k := mustKey(t, device.Secp256k1, uint64(500+i))
		a, err := evm.Address(k)
		require.NoError(t, err)
		keys = append(keys, k)
		vals = append(vals, evm.Validator{Address: a, Stake: stake})
	}
	cp := Checkpoint{Epoch: 3}
	c, err := NewCheckpointSigs(d, cp, vals)
	require.NoError(t, err)
	for _, k := range keys[1:] {
		sig, err := SignCheckpoint(d, k, cp)
		require.NoError(t, err)
		q, err := c.Add(sig)
		require.NoError(t, err)
		require.False(t, q, "30 of 100")
	}
	sig, err := SignCheckpoint(d, keys[0], cp)
	require.NoError(t, err)
	q, err := c.Add(sig)
	require.NoError(t, err)
	require.True(t, q)
	require.Len(t, c.Signatures(), 4)

	_, err = NewCheckpointSigs(d, cp, append(vals, vals[0]))
	require.ErrorIs(t, err, evm.ErrInput)
	_, err = NewCheckpointSigs(evm.Deployment{}, cp, vals)
	require.Error(t, err)
}

// TestCheckpointSigsMalleated: the high-s twin of a validator's signature,
// made by anyone who saw it, is refused (the registry would revert on it),
// and does not keep the validator's own signature out as a duplicate.
// Before the fix the twin was counted in its place and the post reverted
// with InvalidSignature.
func TestCheckpointSigsMalleated(t *testing.T) {
	d := evm.Deployment{ChainID: common.Big1, Addresses: evm.Addresses{SubnetRegistry: common.Address{0x5e}}}
	var keys []*device.PrivateKey
	var vals []evm.Validator
	for i := range 4 {
		k := mustKey(t, device.Secp256k1, uint64(600+i))
		a, err := evm.Address(k)
		require.NoError(t, err)
		keys = append(keys, k)
		vals = append(vals, evm.Validator{Address: a, Stake: 1})
	}
	cp := Checkpoint{Epoch: 4, Height: 40}
	c, err := NewCheckpointSigs(d, cp, vals)
	require.NoError(t, err)
	for _, k := range keys[:3] {
		sig, err := SignCheckpoint(d, k, cp)
		require.NoError(t, err)
		_, err = c.Add(sig.Malleated())
		require.ErrorIs(t, err, ErrBadSignature)
		require.ErrorIs(t, err, evm.ErrInvalidSignature)
		_, err = c.Add(sig)
		require.NoError(t, err, "the honest signature is no duplicate")
	}
	require.True(t, c.Quorum())
	require.Len(t, c.Signatures(), 3)
	for _, s := range c.Signatures() {
		require.True(t, s.LowS())
	}
}
