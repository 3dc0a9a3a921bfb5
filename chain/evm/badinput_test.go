package evm

import (
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// The bad inputs, each refused with its reason: forged or
// under-quorum signatures, a stale validator set, a second claim, a wrong
// proof (Merkle here, coverage in coverage_test.go), a root posted twice, an
// unapproved maker, a replayed EIP-712 signature. Nothing pays twice.

func TestBadQuorumSignatures(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	tree, _ := f.tree(t, 4, 100)
	e := EpochRootOf(sn.id, 1, tree)
	_, err := f.deployer.MintTestToken(ctx, f.deployer.From(), e.Total)
	require.NoError(t, err)
	outsiders := f.validators[8:12]

	t.Run("forged by non-validators", func(t *testing.T) {
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, e, outsiders[:3]...))
		rev := requireRevert(t, err, ErrNotValidator, "NotValidator")
		require.Contains(t, []any{addr(t, outsiders[0]), addr(t, outsiders[1]), addr(t, outsiders[2])}, rev.Arg("signer"))
	})
	t.Run("one forged among a quorum", func(t *testing.T) {
		sigs := append(f.sign(t, e, sn.keys[:3]...), f.sign(t, e, outsiders[0])...)
		_, err := f.deployer.PostEpoch(ctx, e, sigs)
		requireRevert(t, err, ErrNotValidator, "NotValidator")
	})
	t.Run("signed other data", func(t *testing.T) {
		other := e
		other.Total = new(big.Int).Add(e.Total, big.NewInt(1))
		// Signatures over another total recover to other addresses.
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, other, sn.keys[:3]...))
		requireRevert(t, err, ErrNotValidator, "NotValidator")
	})
	t.Run("garbage signature", func(t *testing.T) {
		var junk Signature
		junk[64] = 27
		_, err := f.deployer.PostEpoch(ctx, e, append(f.sign(t, e, sn.keys[:3]...), junk))
		rev := requireRevert(t, err, ErrInvalidSignature, "InvalidSignature")
		require.Equal(t, "0", argString(rev, "index"), "an unrecoverable signature is sent first")
	})
	t.Run("high-s signature", func(t *testing.T) {
		// The same signature with s' = n - s recovers to the same signer on
		// a bare ecrecover; OpenZeppelin's ECDSA refuses it.
		sigs := f.sign(t, e, sn.keys[:3]...)
		sigs[0] = sigs[0].Malleated()
		_, err := f.deployer.PostEpoch(ctx, e, sigs)
		requireRevert(t, err, ErrInvalidSignature, "InvalidSignature")
	})
	t.Run("under quorum", func(t *testing.T) {
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, e, sn.keys[:2]...))
		rev := requireRevert(t, err, ErrUnderQuorum, "UnderQuorum")
		require.Equal(t, "20", argString(rev, "signedStake"))
		require.Equal(t, "40", argString(rev, "totalStake"))
		_, err = f.deployer.PostEpoch(ctx, e, nil)
		requireRevert(t, err, ErrUnderQuorum, "UnderQuorum")
	})
	t.Run("exactly two thirds", func(t *testing.T) {
		three := f.newSubnet(t, 3, 1, 1, 1)
		e3 := EpochRootOf(three.id, 1, tree)
		_, err := f.deployer.MintTestToken(ctx, f.deployer.From(), e3.Total)
		require.NoError(t, err)
		_, err = f.deployer.PostEpoch(ctx, e3, f.sign(t, e3, three.keys[:2]...))
		requireRevert(t, err, ErrUnderQuorum, "UnderQuorum")
		_, err = f.deployer.PostEpoch(ctx, e3, f.sign(t, e3, three.keys...))
		require.NoError(t, err, "3 of 3 is more than 2/3")
	})
	t.Run("a signer counted twice", func(t *testing.T) {
		sigs := f.sign(t, e, sn.keys[:2]...)
		sigs = append(sigs, sigs[1])
		_, err := f.deployer.PostEpoch(ctx, e, sigs)
		requireRevert(t, err, ErrSignersNotAscending, "SignersNotAscending")
	})
	t.Run("signatures out of order on the wire", func(t *testing.T) {
		digest, err := f.deployer.Deployment().Digest(e)
		require.NoError(t, err)
		ordered := orderSignatures(digest, f.sign(t, e, sn.keys[:3]...))
		ordered[0], ordered[2] = ordered[2], ordered[0]
		data := rewardABI.PackPostEpoch(e.Subnet, e.Epoch, e.Root, e.Total, ordered)
		to := f.deployer.Addresses().RewardDistributor
		_, err = f.deployer.transact(ctx, "RewardDistributor.postEpoch", &to, data)
		requireRevert(t, err, ErrSignersNotAscending, "SignersNotAscending")
	})
	t.Run("unknown subnet", func(t *testing.T) {
		lost := e
		lost.Subnet = SubnetID{0xde, 0xad}
		_, err := f.deployer.PostEpoch(ctx, lost, f.sign(t, lost, sn.keys...))
		requireRevert(t, err, ErrUnknownSubnet, "UnknownSubnet")
	})
	// After all of that, the epoch is still open and a real quorum posts it.
	_, err = f.deployer.PostEpoch(ctx, e, f.sign(t, e, sn.keys[1:]...))
	require.NoError(t, err)
}

func TestStaleValidatorSet(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	// Version 2: validators 4..7 replace 0..3 from epoch 5 on.
	next := ValidatorSet{Subnet: sn.id, Version: 2, FirstEpoch: 5}
	newKeys := f.validators[4:8]
	for _, k := range newKeys {
		next.Validators = append(next.Validators, Validator{Address: addr(t, k), Stake: 10})
	}
	sigs := f.sign(t, next, sn.keys[:3]...)
	_, err := f.deployer.UpdateValidators(ctx, next, sigs)
	require.NoError(t, err)

	t.Run("replayed change", func(t *testing.T) {
		_, err := f.deployer.UpdateValidators(ctx, next, sigs)
		rev := requireRevert(t, err, ErrStaleValidatorSet, "StaleValidatorSet")
		require.Equal(t, uint64(3), rev.Arg("expected"))
	})
	t.Run("old set signs a root of the new set's epoch", func(t *testing.T) {
		tree, _ := f.tree(t, 3, 10)
		e := EpochRootOf(sn.id, 5, tree)
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, e, sn.keys...))
		requireRevert(t, err, ErrNotValidator, "NotValidator")
		// The current set posts it.
		f.post(t, subnet{id: sn.id, keys: newKeys}, e)
	})
	t.Run("new set signs a root of the old set's epoch", func(t *testing.T) {
		tree, _ := f.tree(t, 3, 10)
		e := EpochRootOf(sn.id, 3, tree)
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, e, newKeys...))
		requireRevert(t, err, ErrNotValidator, "NotValidator")
	})
	t.Run("old set signs a checkpoint of the new set's epoch", func(t *testing.T) {
		cp := Checkpoint{Subnet: sn.id, Epoch: 5, Height: 10}
		_, err := f.deployer.PostCheckpoint(ctx, cp, f.sign(t, cp, sn.keys...))
		requireRevert(t, err, ErrNotValidator, "NotValidator")
	})
	t.Run("first epoch not after the current set's", func(t *testing.T) {
		for _, first := range []uint64{0, 4, 5} {
			v3 := ValidatorSet{Subnet: sn.id, Version: 3, FirstEpoch: first, Validators: sn.set}
			_, err := f.deployer.UpdateValidators(ctx, v3, f.sign(t, v3, newKeys...))
			rev := requireRevert(t, err, ErrStaleValidatorSet, "StaleFirstEpoch")
			require.Equal(t, uint64(5), rev.Arg("currentFirstEpoch"))
		}
	})
	t.Run("old set changes the set", func(t *testing.T) {
		v3 := ValidatorSet{Subnet: sn.id, Version: 3, FirstEpoch: 9, Validators: sn.set}
		_, err := f.deployer.UpdateValidators(ctx, v3, f.sign(t, v3, sn.keys...))
		requireRevert(t, err, ErrNotValidator, "NotValidator")
	})
	t.Run("skipped version", func(t *testing.T) {
		v4 := ValidatorSet{Subnet: sn.id, Version: 4, FirstEpoch: 9, Validators: sn.set}
		_, err := f.deployer.UpdateValidators(ctx, v4, f.sign(t, v4, newKeys...))
		requireRevert(t, err, ErrStaleValidatorSet, "StaleValidatorSet")
	})
	t.Run("invalid sets", func(t *testing.T) {
		v3 := ValidatorSet{Subnet: sn.id, Version: 3, FirstEpoch: 9}
		for _, tc := range []struct {
			name string
			vals []Validator
			err  string
		}{
			{"empty", nil, "EmptyValidatorSet"},
			{"zero stake", []Validator{{Address: common.Address{1}, Stake: 0}}, "ZeroStake"},
			{"zero address", []Validator{{Address: common.Address{}, Stake: 1}}, "ValidatorsNotAscending"},
			{"duplicate", []Validator{{Address: common.Address{1}, Stake: 1}, {Address: common.Address{1}, Stake: 2}}, "ValidatorsNotAscending"},
		} {
			v3.Validators = tc.vals
			_, err := f.deployer.UpdateValidators(ctx, v3, f.sign(t, v3, newKeys...))
			requireRevert(t, err, ErrInvalidValidatorSet, tc.err)
			_, _, err = f.deployer.RegisterSubnet(ctx, common.Hash{0x77}, tc.vals)
			requireRevert(t, err, ErrInvalidValidatorSet, tc.err)
		}
		var many []Validator
		for i := range 257 {
			many = append(many, Validator{Address: common.BigToAddress(big.NewInt(int64(i + 1))), Stake: 1})
		}
		_, _, err := f.deployer.RegisterSubnet(ctx, common.Hash{0x77}, many)
		requireRevert(t, err, ErrInvalidValidatorSet, "TooManyValidators")
	})
	t.Run("subnet registered twice", func(t *testing.T) {
		genesis := f.uniqueHash()
		_, _, err := f.strangerS.RegisterSubnet(ctx, genesis, sn.set)
		require.NoError(t, err)
		_, _, err = f.strangerS.RegisterSubnet(ctx, genesis, sn.set)
		requireRevert(t, err, ErrSubnetExists, "SubnetExists")
		// Another registrant's id differs: nobody takes another's.
		id, _, err := f.ownerS.RegisterSubnet(ctx, genesis, sn.set)
		require.NoError(t, err)
		require.NotEqual(t, SubnetIDOf(f.strangerS.From(), genesis), id)
	})
}

func TestStaleCheckpoint(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	cp := Checkpoint{Subnet: sn.id, Epoch: 5, Height: 500, StateRoot: common.Hash{5}}
	_, err := f.deployer.PostCheckpoint(ctx, cp, f.sign(t, cp, sn.keys...))
	require.NoError(t, err)
	for _, epoch := range []uint64{5, 4} {
		old := cp
		old.Epoch = epoch
		_, err := f.deployer.PostCheckpoint(ctx, old, f.sign(t, old, sn.keys...))
		rev := requireRevert(t, err, ErrStaleCheckpoint, "StaleCheckpoint")
		require.Equal(t, uint64(5), rev.Arg("latestEpoch"))
	}
	_, _, err = f.deployer.CheckpointAt(ctx, sn.id, 4)
	requireRevert(t, err, ErrUnknownCheckpoint, "UnknownCheckpoint")
	under := cp
	under.Epoch = 6
	_, err = f.deployer.PostCheckpoint(ctx, under, f.sign(t, under, sn.keys[:2]...))
	requireRevert(t, err, ErrUnderQuorum, "UnderQuorum")
}

func TestBadClaims(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	tree, claims := f.tree(t, 20, 1_000)
	e := EpochRootOf(sn.id, 1, tree)
	f.post(t, sn, e)
	c := claims[4]
	ec, err := ClaimOf(tree, 1, c.Address)
	require.NoError(t, err)

	t.Run("root posted twice", func(t *testing.T) {
		_, err := f.deployer.PostEpoch(ctx, e, f.sign(t, e, sn.keys...))
		requireRevert(t, err, ErrEpochExists, "EpochExists")
		other, _ := f.tree(t, 3, 5)
		e2 := EpochRootOf(sn.id, 1, other)
		_, err = f.deployer.PostEpoch(ctx, e2, f.sign(t, e2, sn.keys...))
		requireRevert(t, err, ErrEpochExists, "EpochExists")
	})
	t.Run("invalid roots", func(t *testing.T) {
		zero := EpochRoot{Subnet: sn.id, Epoch: 9, Total: big.NewInt(1)}
		_, err := f.deployer.PostEpoch(ctx, zero, f.sign(t, zero, sn.keys...))
		requireRevert(t, err, ErrInvalidEpoch, "EmptyRoot")
		none := EpochRoot{Subnet: sn.id, Epoch: 9, Root: common.Hash{1}, Total: big.NewInt(0)}
		_, err = f.deployer.PostEpoch(ctx, none, f.sign(t, none, sn.keys...))
		requireRevert(t, err, ErrInvalidEpoch, "InvalidTotal")
		_, err = f.deployer.PostEpoch(ctx, EpochRoot{Subnet: sn.id, Root: common.Hash{1}}, nil)
		require.ErrorIs(t, err, ErrInput)
	})
	t.Run("unfunded", func(t *testing.T) {
		poor := EpochRoot{Subnet: sn.id, Epoch: 10, Root: common.Hash{1}, Total: big.NewInt(1_000_000_000)}
		_, err := f.strangerS.PostEpoch(ctx, poor, f.sign(t, poor, sn.keys...))
		requireRevert(t, err, ErrReverted, "ERC20InsufficientBalance")
	})
	t.Run("wrong amount", func(t *testing.T) {
		more := ec
		more.Amount = new(big.Int).Add(ec.Amount, big.NewInt(1))
		_, err := f.deployer.Claim(ctx, sn.id, c.Address, more)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	})
	t.Run("wrong account", func(t *testing.T) {
		_, err := f.deployer.Claim(ctx, sn.id, f.deployer.From(), ec)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	})
	t.Run("wrong proof", func(t *testing.T) {
		bad := ec
		bad.Proof = append([]common.Hash(nil), ec.Proof...)
		bad.Proof[0][0] ^= 1
		_, err := f.deployer.Claim(ctx, sn.id, c.Address, bad)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
		// Another claim's proof.
		other, err := ClaimOf(tree, 1, claims[5].Address)
		require.NoError(t, err)
		bad.Proof = other.Proof
		_, err = f.deployer.Claim(ctx, sn.id, c.Address, bad)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	})
	t.Run("unknown epoch", func(t *testing.T) {
		later := ec
		later.Epoch = 2
		_, err := f.deployer.Claim(ctx, sn.id, c.Address, later)
		requireRevert(t, err, ErrUnknownEpoch, "UnknownEpoch")
		_, err = f.deployer.Claim(ctx, SubnetID{1}, c.Address, ec)
		requireRevert(t, err, ErrUnknownEpoch, "UnknownEpoch")
	})
	t.Run("second claim", func(t *testing.T) {
		_, err := f.deployer.Claim(ctx, sn.id, c.Address, ec)
		require.NoError(t, err)
		require.Equal(t, c.Amount, f.balance(t, c.Address))
		_, err = f.deployer.Claim(ctx, sn.id, c.Address, ec)
		requireRevert(t, err, ErrAlreadyClaimed, "AlreadyClaimed")
		require.Equal(t, c.Amount, f.balance(t, c.Address), "paid once")
	})
	t.Run("one epoch twice in one call", func(t *testing.T) {
		c := claims[6]
		ec, err := ClaimOf(tree, 1, c.Address)
		require.NoError(t, err)
		_, err = f.deployer.Claim(ctx, sn.id, c.Address, ec, ec)
		requireRevert(t, err, ErrAlreadyClaimed, "AlreadyClaimed")
		require.Zero(t, f.balance(t, c.Address).Sign(), "nothing paid")
	})
	t.Run("malformed many", func(t *testing.T) {
		to := f.deployer.Addresses().RewardDistributor
		data := rewardABI.PackClaimMany(sn.id, c.Address, []uint64{1}, []*big.Int{}, [][][32]byte{{}})
		_, err := f.deployer.transact(ctx, "RewardDistributor.claimMany", &to, data)
		requireRevert(t, err, ErrLengthMismatch, "LengthMismatch")
		data = rewardABI.PackClaimMany(sn.id, c.Address, nil, nil, nil)
		_, err = f.deployer.transact(ctx, "RewardDistributor.claimMany", &to, data)
		requireRevert(t, err, ErrInvalidEpoch, "NoEpochs")
		_, err = f.deployer.Claim(ctx, sn.id, c.Address)
		require.ErrorIs(t, err, ErrInput)
	})
}

// TestEpochNeverPaysPastItsTotal: a quorum signs a total below what its tree
// holds (a faulty subnet); the epoch pays claims until the total and refuses
// the rest, so other epochs' funds stay untouched.
func TestEpochNeverPaysPastItsTotal(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	tree, claims := f.tree(t, 3, 100) // 100 + 101 + 102
	e := EpochRootOf(sn.id, 1, tree)
	e.Total = big.NewInt(250)
	f.post(t, sn, e)
	pay := func(i int) error {
		ec, err := ClaimOf(tree, 1, claims[i].Address)
		require.NoError(t, err)
		_, err = f.deployer.Claim(ctx, sn.id, claims[i].Address, ec)
		return err
	}
	require.NoError(t, pay(0))
	require.NoError(t, pay(2))
	rev := requireRevert(t, pay(1), ErrEpochOverpaid, "EpochOverpaid")
	require.Equal(t, "303", argString(rev, "paid"))
	require.Equal(t, "250", argString(rev, "total"))
	st, err := f.deployer.Epoch(ctx, sn.id, 1)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(202), st.Paid)
	require.Zero(t, f.balance(t, claims[1].Address).Sign())
}

func TestBadDeviceRegistrations(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	d := f.deployer
	model, err := Model("meter")
	require.NoError(t, err)
	ownerAddr := addr(t, f.owner)
	newReg := func() DeviceRegistration {
		return DeviceRegistration{Key: f.key(t, device.Ed25519).Public(), Model: model, Owner: ownerAddr}
	}

	t.Run("unapproved maker", func(t *testing.T) {
		reg := newReg()
		rogue := f.validators[15]
		sig, err := d.Deployment().Sign(rogue, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		rev := requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
		require.Equal(t, addr(t, rogue), rev.Arg("signer"))
	})
	t.Run("retired maker", func(t *testing.T) {
		other := f.validators[14]
		_, err := d.ApproveMaker(ctx, addr(t, other))
		require.NoError(t, err)
		ok, err := d.IsMaker(ctx, addr(t, other))
		require.NoError(t, err)
		require.True(t, ok)
		reg := newReg()
		sig, err := d.Deployment().Sign(other, reg)
		require.NoError(t, err)
		_, err = d.RetireMaker(ctx, addr(t, other))
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
	})
	t.Run("only the admin approves makers", func(t *testing.T) {
		_, err := f.strangerS.ApproveMaker(ctx, f.strangerS.From())
		requireRevert(t, err, ErrReverted, "OwnableUnauthorizedAccount")
		_, err = d.ApproveMaker(ctx, common.Address{})
		requireRevert(t, err, ErrZeroMaker, "ZeroMaker")
	})
	t.Run("signature for other data", func(t *testing.T) {
		reg := newReg()
		sig, err := d.Deployment().Sign(f.maker, reg)
		require.NoError(t, err)
		stolen := reg
		stolen.Owner = f.strangerS.From() // someone else's address as owner
		_, err = d.RegisterDevice(ctx, stolen, sig)
		requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
		other := reg
		other.Model[0] ^= 1
		_, err = d.RegisterDevice(ctx, other, sig)
		requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
	})
	t.Run("replayed signature", func(t *testing.T) {
		reg := newReg()
		sig, err := d.Deployment().Sign(f.maker, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		require.NoError(t, err)
		_, err = f.strangerS.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrDeviceExists, "DeviceExists")
		// Revoked, the device stays known: the signature cannot bring it back.
		_, err = f.ownerS.RevokeDevice(ctx, reg.Key.ID())
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrDeviceExists, "DeviceExists")
	})
	t.Run("signature for another registry", func(t *testing.T) {
		reg := newReg()
		elsewhere := d.Deployment()
		elsewhere.Addresses.DeviceRegistry = common.Address{0x01}
		sig, err := elsewhere.Sign(f.maker, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
		otherChain := d.Deployment()
		otherChain.ChainID = big.NewInt(1)
		sig, err = otherChain.Sign(f.maker, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrMakerNotApproved, "MakerNotApproved")
	})
	t.Run("id not the key's", func(t *testing.T) {
		reg := newReg()
		reg.ID = newReg().Key.ID()
		sig, err := d.Deployment().Sign(f.maker, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		requireRevert(t, err, ErrDeviceIDMismatch, "DeviceIDMismatch")
	})
	t.Run("bad signature bytes", func(t *testing.T) {
		reg := newReg()
		var junk Signature
		junk[64] = 27
		_, err := d.RegisterDevice(ctx, reg, junk)
		requireRevert(t, err, ErrInvalidSignature, "InvalidSignature")
	})
	t.Run("revocation", func(t *testing.T) {
		reg := newReg()
		sig, err := d.Deployment().Sign(f.maker, reg)
		require.NoError(t, err)
		_, err = d.RegisterDevice(ctx, reg, sig)
		require.NoError(t, err)
		id := reg.Key.ID()
		_, err = f.strangerS.RevokeDevice(ctx, id)
		requireRevert(t, err, ErrNotMakerOrOwner, "NotMakerOrOwner")
		_, err = d.RevokeDevice(ctx, id) // the registry's admin is neither
		requireRevert(t, err, ErrNotMakerOrOwner, "NotMakerOrOwner")
		_, err = f.makerS.RevokeDevice(ctx, id)
		require.NoError(t, err)
		_, err = f.ownerS.RevokeDevice(ctx, id)
		requireRevert(t, err, ErrAlreadyRevoked, "AlreadyRevoked")
		_, err = d.RevokeDevice(ctx, device.ID{1})
		requireRevert(t, err, ErrUnknownDevice, "UnknownDevice")
		_, err = d.Device(ctx, device.ID{1})
		requireRevert(t, err, ErrUnknownDevice, "UnknownDevice")
	})
	t.Run("no key", func(t *testing.T) {
		_, err := d.RegisterDevice(ctx, DeviceRegistration{Owner: ownerAddr}, Signature{})
		require.ErrorIs(t, err, ErrInput)
	})
}

// TestRevertOnceMined: a claim that passes its estimate but loses the race
// to the same claim in the same block reverts on chain; the error carries the
// transaction and the reason found by replaying it.
func TestRevertOnceMined(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	tree, claims := f.tree(t, 2, 10)
	f.post(t, sn, EpochRootOf(sn.id, 1, tree))
	ec, err := ClaimOf(tree, 1, claims[0].Address)
	require.NoError(t, err)

	// A Settler of the same chain that does not seal blocks: its claim waits
	// in the pool until the other one's transaction seals a block.
	slow, err := NewSettler(ctx, f.sim.Client(), f.owner, f.deployer.Addresses())
	require.NoError(t, err)
	slow.SetPollInterval(5 * time.Millisecond)
	var wg sync.WaitGroup
	var slowErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, slowErr = slow.Claim(ctx, sn.id, claims[0].Address, ec)
	}()
	// Wait until the slow claim is in the pool.
	require.Eventually(t, func() bool {
		n, err := f.sim.client.PendingNonceAt(ctx, slow.From())
		require.NoError(t, err)
		latest, err := f.sim.client.NonceAt(ctx, slow.From(), nil)
		require.NoError(t, err)
		return n > latest
	}, 10*time.Second, 5*time.Millisecond)
	_, fastErr := f.strangerS.Claim(ctx, sn.id, claims[0].Address, ec)
	wg.Wait()

	// Exactly one of the two was paid; the other reverted on chain.
	require.Equal(t, claims[0].Amount, f.balance(t, claims[0].Address))
	failed := slowErr
	if failed == nil {
		failed = fastErr
	} else {
		require.NoError(t, fastErr)
	}
	require.ErrorIs(t, failed, ErrAlreadyClaimed)
	var rev *RevertError
	require.ErrorAs(t, failed, &rev)
	require.NotEqual(t, common.Hash{}, rev.Tx, "mined, then reverted")
}

// TestBadReward keeps reward.MerkleTree and the contract in step: a tree
// built with repeated addresses (OpenZeppelin allows it) pays each leaf once
// per epoch at most: the second leaf of an address is refused.
func TestBadReward(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	sn := f.newSubnet(t, 4)
	var a common.Address
	_, _ = f.rand.Read(a[:])
	tree, err := reward.NewMerkleTreeWith([]reward.Claim{{Address: a, Amount: big.NewInt(5)}, {Address: a, Amount: big.NewInt(7)}},
		reward.MerkleOptions{AllowRepeatedAddress: true})
	require.NoError(t, err)
	f.post(t, sn, EpochRootOf(sn.id, 1, tree))
	p0, err := tree.Proof(0)
	require.NoError(t, err)
	p1, err := tree.Proof(1)
	require.NoError(t, err)
	cs := tree.Claims()
	_, err = f.deployer.Claim(ctx, sn.id, a, EpochClaim{Epoch: 1, Amount: cs[0].Amount, Proof: p0})
	require.NoError(t, err)
	_, err = f.deployer.Claim(ctx, sn.id, a, EpochClaim{Epoch: 1, Amount: cs[1].Amount, Proof: p1})
	requireRevert(t, err, ErrAlreadyClaimed, "AlreadyClaimed")
	require.Equal(t, cs[0].Amount, f.balance(t, a))
}
