package evm_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// counter is a deterministic randomness source for reproducible example keys.
type counter struct{ n byte }

func (c *counter) Read(p []byte) (int, error) {
	for i := range p {
		c.n++
		p[i] = c.n
	}
	return len(p), nil
}

// A subnet of four validators settles an epoch on the embedded chain: the
// validators sign the epoch's claims root off chain, a quorum of them is
// enough to post it, and each contributor claims its reward once.
func ExampleNewSimulated() {
	ctx := context.Background()
	rnd := &counter{}
	operator, _ := device.GenerateKey(device.Secp256k1, rnd)
	sim, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sim.Close()
	s, _ := sim.Settler(ctx, operator)
	if _, err := s.Deploy(ctx, evm.DeployConfig{}); err != nil {
		fmt.Println(err)
		return
	}

	// Four validators with settlement keys and equal stakes.
	var keys []*device.PrivateKey
	var validators []evm.Validator
	for range 4 {
		k, _ := device.GenerateKey(device.Secp256k1, rnd)
		a, _ := evm.Address(k)
		keys = append(keys, k)
		validators = append(validators, evm.Validator{Address: a, Stake: 100})
	}
	subnet, _, err := s.RegisterSubnet(ctx, common.Hash{0x01}, validators)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Epoch 1 pays two contributors; three validators of four sign its root.
	alice, bob := common.Address{0xa1}, common.Address{0xb0}
	tree, _ := reward.NewMerkleTree([]reward.Claim{{Address: alice, Amount: big.NewInt(700)}, {Address: bob, Amount: big.NewInt(300)}})
	epoch := evm.EpochRootOf(subnet, 1, tree)
	var sigs []evm.Signature
	for _, k := range keys[:3] {
		sig, _ := s.Deployment().Sign(k, epoch)
		sigs = append(sigs, sig)
	}
	s.MintTestToken(ctx, s.From(), epoch.Total) // the operator funds the epoch
	if _, err := s.PostEpoch(ctx, epoch, sigs); err != nil {
		fmt.Println(err)
		return
	}

	// Alice's claim, sent by the operator; the tokens go to Alice, once.
	claim, _ := evm.ClaimOf(tree, 1, alice)
	r, err := s.Claim(ctx, subnet, alice, claim)
	if err != nil {
		fmt.Println(err)
		return
	}
	paid, _ := s.TokenBalance(ctx, alice)
	fmt.Println("alice paid", paid, "gas below 100000:", r.GasUsed < 100_000)

	_, err = s.Claim(ctx, subnet, alice, claim)
	var revert *evm.RevertError
	fmt.Println(errors.Is(err, evm.ErrAlreadyClaimed), errors.As(err, &revert), revert.Name)

	// Two signatures of four are not a quorum.
	epoch2 := evm.EpochRootOf(subnet, 2, tree)
	sigs = sigs[:0]
	for _, k := range keys[:2] {
		sig, _ := s.Deployment().Sign(k, epoch2)
		sigs = append(sigs, sig)
	}
	_, err = s.PostEpoch(ctx, epoch2, sigs)
	fmt.Println(errors.As(err, &revert), revert.Reason())
	// Output:
	// alice paid 700 gas below 100000: true
	// true true AlreadyClaimed
	// true UnderQuorum(signedStake: 200, totalStake: 400)
}

// A maker signs a device's registration; the registry mints the device's
// token to its owner.
func ExampleSettler_RegisterDevice() {
	ctx := context.Background()
	rnd := &counter{}
	admin, _ := device.GenerateKey(device.Secp256k1, rnd)
	maker, _ := device.GenerateKey(device.Secp256k1, rnd)
	hotspot, _ := device.GenerateKey(device.Ed25519, rnd)
	sim, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{admin}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sim.Close()
	s, _ := sim.Settler(ctx, admin)
	if _, err := s.Deploy(ctx, evm.DeployConfig{}); err != nil {
		fmt.Println(err)
		return
	}
	makerAddr, _ := evm.Address(maker)
	s.ApproveMaker(ctx, makerAddr)

	model, _ := evm.Model("hotspot-v2")
	owner := common.Address{0x0e}
	reg := evm.DeviceRegistration{Key: hotspot.Public(), Model: model, Owner: owner}
	sig, _ := s.Deployment().Sign(maker, reg) // made at the factory, off chain
	if _, err := s.RegisterDevice(ctx, reg, sig); err != nil {
		fmt.Println(err)
		return
	}
	rec, _ := s.Device(ctx, hotspot.Public().ID())
	fmt.Println(evm.ModelName(rec.Model), rec.Owner == owner, rec.Maker == makerAddr, rec.Revoked)

	_, err = s.RegisterDevice(ctx, reg, sig) // the same signature again
	fmt.Println(errors.Is(err, evm.ErrDeviceExists))
	// Output:
	// hotspot-v2 true true false
	// true
}

// A validator signs a checkpoint off chain, knowing only the chain id and
// the registry's address; anyone can check who signed.
func ExampleDeployment_Sign() {
	validator, _ := device.GenerateKey(device.Secp256k1, &counter{})
	d := evm.Deployment{ChainID: big.NewInt(39), Addresses: evm.Addresses{SubnetRegistry: common.Address{0x5e}}}
	cp := evm.Checkpoint{Subnet: evm.SubnetID{1}, Epoch: 12, Height: 86_400, StateRoot: common.Hash{0xaa}}
	sig, err := d.Sign(validator, cp)
	if err != nil {
		fmt.Println(err)
		return
	}
	digest, _ := d.Digest(cp)
	signer, _ := sig.Signer(digest)
	want, _ := evm.Address(validator)
	fmt.Println(signer == want)
	// Output: true
}

// Every ECDSA signature has a high-s twin anyone can make from it. The
// contracts refuse it, and so does Signer; Select keeps of a list of votes
// those the registry counts.
func ExampleValidatorSet_Select() {
	rnd := &counter{}
	d := evm.Deployment{ChainID: big.NewInt(39), Addresses: evm.Addresses{SubnetRegistry: common.Address{0x5e}}}
	cp := evm.Checkpoint{Subnet: evm.SubnetID{1}, Epoch: 12, Height: 86_400}
	digest, _ := d.Digest(cp)
	set := evm.ValidatorSet{Subnet: cp.Subnet, Version: 1}
	var sigs []evm.Signature
	for range 4 {
		k, _ := device.GenerateKey(device.Secp256k1, rnd)
		a, _ := evm.Address(k)
		set.Validators = append(set.Validators, evm.Validator{Address: a, Stake: 10})
		sig, _ := d.Sign(k, cp)
		sigs = append(sigs, sig)
	}
	high := sigs[0].Malleated() // what a Byzantine validator replays
	_, err := high.Signer(digest)
	fmt.Println(high.LowS(), errors.Is(err, evm.ErrInvalidSignature))

	kept, stake, quorum := set.Select(digest, []evm.Signature{high, sigs[1], sigs[2], sigs[2], sigs[3]})
	fmt.Println(len(kept), stake, quorum)
	// Output:
	// false true
	// 3 30 true
}

// A coverage proof sent to CoverageVerifier is made over a nonce that names
// the epoch and the account that sends it: a copy sent by another account,
// or under another epoch, is refused.
func ExampleCoverageNonce() {
	d := evm.Deployment{ChainID: big.NewInt(39), Addresses: evm.Addresses{CoverageVerifier: common.Address{0xc0}}}
	mine, _ := evm.CoverageNonce(d, 7, common.Address{0xa1})
	theirs, _ := evm.CoverageNonce(d, 7, common.Address{0xb0})
	later, _ := evm.CoverageNonce(d, 8, common.Address{0xa1})
	fmt.Println(mine.Equal(&theirs), mine.Equal(&later))
	// Output: false false
}

// The registry checks an epoch's root and checkpoint against the validator
// set that validated the epoch, even once a later set is posted.
func ExampleSettler_EpochValidators() {
	ctx := context.Background()
	rnd := &counter{}
	operator, _ := device.GenerateKey(device.Secp256k1, rnd)
	sim, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sim.Close()
	s, _ := sim.Settler(ctx, operator)
	if _, err := s.Deploy(ctx, evm.DeployConfig{}); err != nil {
		fmt.Println(err)
		return
	}
	var keys []*device.PrivateKey
	var validators []evm.Validator
	for range 4 {
		k, _ := device.GenerateKey(device.Secp256k1, rnd)
		a, _ := evm.Address(k)
		keys = append(keys, k)
		validators = append(validators, evm.Validator{Address: a, Stake: 1})
	}
	subnet, _, err := s.RegisterSubnet(ctx, common.Hash{0x02}, validators)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Version 2 doubles the first validator's stake from epoch 5 on.
	next := evm.ValidatorSet{Subnet: subnet, Version: 2, FirstEpoch: 5, Validators: append([]evm.Validator(nil), validators...)}
	next.Validators[0].Stake = 2
	var sigs []evm.Signature
	for _, k := range keys {
		sig, _ := s.Deployment().Sign(k, next)
		sigs = append(sigs, sig)
	}
	if _, err := s.UpdateValidators(ctx, next, sigs); err != nil {
		fmt.Println(err)
		return
	}
	for _, epoch := range []uint64{0, 4, 5, 99} {
		set, _ := s.EpochValidators(ctx, subnet, epoch)
		fmt.Println(epoch, set.Version, set.FirstEpoch)
	}
	// Output:
	// 0 1 0
	// 4 1 0
	// 5 2 5
	// 99 2 5
}
