package evm

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// TestSettlement is the acceptance story on the simulated chain: a subnet of
// 4 validators, devices registered on maker signatures, an epoch root built
// by reward.MerkleTree for 100 claims posted with a validator quorum, every
// claimant paid exactly its amount once, claims of several epochs in one
// call, a checkpoint and a validator set change.
func TestSettlement(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	d := f.deployer

	// A subnet of 4 validators.
	sn := f.newSubnet(t, 4)
	set, err := d.Validators(ctx, sn.id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), set.Version)
	require.ElementsMatch(t, sn.set, set.Validators)
	require.Equal(t, sortValidators(sn.set), set.Validators, "kept in address order")
	require.Equal(t, SubnetIDOf(d.From(), common.BigToHash(new(big.Int).SetUint64(f.genesis.Load()))), sn.id)

	// Devices of three key types, registered on the maker's signature and
	// minted to their owner.
	model, err := Model("hotspot-v2")
	require.NoError(t, err)
	ownerAddr := addr(t, f.owner)
	var ids []device.ID
	for _, typ := range []device.KeyType{device.Ed25519, device.Secp256k1, device.P256} {
		key := f.key(t, typ)
		reg := DeviceRegistration{Key: key.Public(), Model: model, Owner: ownerAddr}
		sig, err := d.Deployment().Sign(f.maker, reg)
		require.NoError(t, err)
		// Anyone may send it: the signature decides.
		_, err = f.strangerS.RegisterDevice(ctx, reg, sig)
		require.NoError(t, err)
		rec, err := d.Device(ctx, key.Public().ID())
		require.NoError(t, err)
		require.Equal(t, addr(t, f.maker), rec.Maker)
		require.Equal(t, ownerAddr, rec.Owner, "the token is the owner's")
		require.True(t, rec.Key.Equal(key.Public()))
		require.Equal(t, "hotspot-v2", ModelName(rec.Model))
		require.False(t, rec.Revoked)
		require.WithinDuration(t, time.Now(), rec.RegisteredAt, 24*time.Hour)
		ids = append(ids, key.Public().ID())
	}
	// Revocation by the owner, then by the maker: the token is burnt.
	_, err = f.ownerS.RevokeDevice(ctx, ids[0])
	require.NoError(t, err)
	_, err = f.makerS.RevokeDevice(ctx, ids[1])
	require.NoError(t, err)
	for i, id := range ids {
		rec, err := d.Device(ctx, id)
		require.NoError(t, err)
		require.Equal(t, i < 2, rec.Revoked)
		require.Equal(t, i < 2, rec.Owner == common.Address{})
	}

	// An epoch of 100 claims, posted with 3 of the 4 validators (30 of 40 stake).
	tree, claims := f.tree(t, 100, 1_000)
	e := EpochRootOf(sn.id, 1, tree)
	distributor := d.Addresses().RewardDistributor
	held := f.balance(t, distributor) // other tests' epochs
	f.post(t, sn, e)
	st, err := d.Epoch(ctx, sn.id, 1)
	require.NoError(t, err)
	require.Equal(t, tree.Root(), st.Root)
	require.Equal(t, e.Total, st.Total)
	require.Zero(t, st.Paid.Sign())
	require.Equal(t, new(big.Int).Add(held, e.Total), f.balance(t, distributor), "the poster paid the total in")

	// Every claimant claims exactly its amount, sent by a relayer.
	for _, c := range claims {
		ec, err := ClaimOf(tree, 1, c.Address)
		require.NoError(t, err)
		_, err = f.strangerS.Claim(ctx, sn.id, c.Address, ec)
		require.NoError(t, err)
		require.Equal(t, c.Amount, f.balance(t, c.Address))
		claimed, err := d.Claimed(ctx, sn.id, 1, c.Address)
		require.NoError(t, err)
		require.True(t, claimed)
	}
	st, err = d.Epoch(ctx, sn.id, 1)
	require.NoError(t, err)
	require.Equal(t, e.Total, st.Paid, "the epoch paid exactly its total")
	require.Equal(t, held, f.balance(t, distributor))

	// Nobody is paid twice.
	ec, err := ClaimOf(tree, 1, claims[7].Address)
	require.NoError(t, err)
	_, err = d.Claim(ctx, sn.id, claims[7].Address, ec)
	requireRevert(t, err, ErrAlreadyClaimed, "AlreadyClaimed")
	require.Equal(t, claims[7].Amount, f.balance(t, claims[7].Address))

	// Claims of several epochs in one call.
	account := claims[3].Address
	var many []EpochClaim
	want := new(big.Int).Set(claims[3].Amount)
	for epoch := uint64(2); epoch <= 4; epoch++ {
		other, _ := f.tree(t, 9, 50)
		all := append(other.Claims(), reward.Claim{Address: account, Amount: big.NewInt(int64(epoch * 7))})
		tree, err := reward.NewMerkleTree(all)
		require.NoError(t, err)
		f.post(t, sn, EpochRootOf(sn.id, epoch, tree))
		ec, err := ClaimOf(tree, epoch, account)
		require.NoError(t, err)
		many = append(many, ec)
		want.Add(want, ec.Amount)
	}
	_, err = d.Claim(ctx, sn.id, account, many...)
	require.NoError(t, err)
	require.Equal(t, want, f.balance(t, account))
	_, err = d.Claim(ctx, sn.id, account, many[1])
	requireRevert(t, err, ErrAlreadyClaimed, "AlreadyClaimed")

	// A checkpoint, read back.
	cp := Checkpoint{Subnet: sn.id, Epoch: 1, Height: 1_000, StateRoot: common.Hash{0xaa}, CommitDigest: common.Hash{0xbb}}
	r, err := d.PostCheckpoint(ctx, cp, f.sign(t, cp, sn.keys[1:]...))
	require.NoError(t, err)
	got, block, err := d.CheckpointAt(ctx, sn.id, 1)
	require.NoError(t, err)
	require.Equal(t, cp, got)
	require.Equal(t, r.BlockNumber.Uint64(), block)

	// The validator set changes to 5 members with other stakes; the new set
	// then signs.
	next := ValidatorSet{Subnet: sn.id, Version: 2, FirstEpoch: 2}
	for i, k := range f.validators[2:7] {
		next.Validators = append(next.Validators, Validator{Address: addr(t, k), Stake: uint64(5 + i)})
	}
	_, err = d.UpdateValidators(ctx, next, f.sign(t, next, sn.keys[:3]...))
	require.NoError(t, err)
	set, err = d.Validators(ctx, sn.id)
	require.NoError(t, err)
	require.Equal(t, uint64(2), set.Version)
	require.Equal(t, next.Sorted(), set.Validators)
	// Stakes 5..9 (35): validators 3..6 hold 6+7+8+9 = 30 > 2/3.
	cp2 := Checkpoint{Subnet: sn.id, Epoch: 2, Height: 2_000, StateRoot: common.Hash{1}, CommitDigest: common.Hash{2}}
	_, err = d.PostCheckpoint(ctx, cp2, f.sign(t, cp2, f.validators[3:7]...))
	require.NoError(t, err)
}

// TestQuorumStake reads the signed stake through verifyQuorum with unequal
// stakes: the check is by stake, not by head count.
func TestQuorumStake(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4, 70, 10, 10, 10)
	digest := common.Hash{0x42}
	sigs := func(keys ...*device.PrivateKey) []Signature {
		var out []Signature
		for _, k := range keys {
			s, err := SignDigest(k, digest)
			require.NoError(t, err)
			out = append(out, s)
		}
		return out
	}
	stake, err := f.deployer.QuorumStake(ctx, sn.id, digest, sigs(sn.keys[0]))
	require.NoError(t, err, "70 of 100 is above 2/3")
	require.Equal(t, int64(70), stake.Int64())
	_, err = f.deployer.QuorumStake(ctx, sn.id, digest, sigs(sn.keys[1:]...))
	rev := requireRevert(t, err, ErrUnderQuorum, "UnderQuorum")
	require.Equal(t, "30", argString(rev, "signedStake"))
	require.Equal(t, "100", argString(rev, "totalStake"))
	stake, err = f.deployer.QuorumStake(ctx, sn.id, digest, sigs(sn.keys...))
	require.NoError(t, err)
	require.Equal(t, int64(100), stake.Int64())
}

// TestClaimGas holds the aim: a claim under 60,000 gas for an
// account paid the epoch before (the first claim of an account also pays for
// its new storage; see BenchmarkGas).
func TestClaimGas(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	tree, claims := f.tree(t, 128, 1_000)
	for epoch := uint64(1); epoch <= 2; epoch++ {
		f.post(t, sn, EpochRootOf(sn.id, epoch, tree))
	}
	var used []uint64
	for epoch := uint64(1); epoch <= 2; epoch++ {
		ec, err := ClaimOf(tree, epoch, claims[0].Address)
		require.NoError(t, err)
		require.Len(t, ec.Proof, 7)
		r, err := f.deployer.Claim(ctx, sn.id, claims[0].Address, ec)
		require.NoError(t, err)
		used = append(used, r.GasUsed)
	}
	require.Less(t, used[0], uint64(100_000), "first claim")
	require.Less(t, used[1], uint64(60_000), "repeat claim")
}
