package evm

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// RegisterSubnet registers a subnet with its first validator set (version 1)
// in SubnetRegistry and returns its id, SubnetIDOf(s.From(), genesis).
// Validators may come in any order; they are sent in address order.
func (s *Settler) RegisterSubnet(ctx context.Context, genesis common.Hash, validators []Validator) (SubnetID, *types.Receipt, error) {
	addrs, stakes := splitValidators(validators)
	data, err := subnetABI.TryPackRegisterSubnet(genesis, addrs, stakes)
	if err != nil {
		return SubnetID{}, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().SubnetRegistry
	r, err := s.transact(ctx, "SubnetRegistry.registerSubnet", &to, data)
	if err != nil {
		return SubnetID{}, r, err
	}
	return SubnetIDOf(s.from, genesis), r, nil
}

// UpdateValidators makes set the subnet's validator set, with the
// signatures of a quorum of the current set over set (Deployment.Sign). The
// version must be the current one plus one, and set.FirstEpoch after the
// current set's. The signatures are sent as given, in signer order: the
// current set's Select keeps only those the registry counts.
func (s *Settler) UpdateValidators(ctx context.Context, set ValidatorSet, sigs []Signature) (*types.Receipt, error) {
	digest, err := s.Deployment().Digest(set)
	if err != nil {
		return nil, err
	}
	addrs, stakes := splitValidators(set.Validators)
	data, err := subnetABI.TryPackUpdateValidators(set.Subnet, set.Version, set.FirstEpoch, addrs, stakes, orderSignatures(digest, sigs))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().SubnetRegistry
	return s.transact(ctx, "SubnetRegistry.updateValidators", &to, data)
}

// Validators returns the subnet's current validator set.
func (s *Settler) Validators(ctx context.Context, subnet SubnetID) (ValidatorSet, error) {
	const name = "SubnetRegistry.validatorSet"
	out, err := s.call(ctx, name, s.Addresses().SubnetRegistry, subnetABI.PackValidatorSet(subnet))
	if err != nil {
		return ValidatorSet{}, err
	}
	v, err := subnetABI.UnpackValidatorSet(out)
	if err != nil {
		return ValidatorSet{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	return s.ValidatorsAt(ctx, subnet, v.Version)
}

// ValidatorsAt returns version `version` of the subnet's validator set, with
// the first epoch it validates; no validators for a version the registry
// has not been given.
func (s *Settler) ValidatorsAt(ctx context.Context, subnet SubnetID, version uint64) (ValidatorSet, error) {
	const name = "SubnetRegistry.validatorSetAt"
	out, err := s.call(ctx, name, s.Addresses().SubnetRegistry, subnetABI.PackValidatorSetAt(subnet, version))
	if err != nil {
		return ValidatorSet{}, err
	}
	v, err := subnetABI.UnpackValidatorSetAt(out)
	if err != nil {
		return ValidatorSet{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	if len(v.Stakes) != len(v.Members) {
		return ValidatorSet{}, fmt.Errorf("evm: %s: %d members, %d stakes", name, len(v.Members), len(v.Stakes))
	}
	set := ValidatorSet{Subnet: subnet, Version: version, FirstEpoch: v.FirstEpoch}
	for i := range v.Members {
		set.Validators = append(set.Validators, Validator{Address: v.Members[i], Stake: v.Stakes[i]})
	}
	return set, nil
}

// EpochValidators returns the validator set the registry checks the
// subnet's epoch against (its root and checkpoint): the last version posted
// whose FirstEpoch is at or before epoch.
func (s *Settler) EpochValidators(ctx context.Context, subnet SubnetID, epoch uint64) (ValidatorSet, error) {
	const name = "SubnetRegistry.versionAt"
	out, err := s.call(ctx, name, s.Addresses().SubnetRegistry, subnetABI.PackVersionAt(subnet, epoch))
	if err != nil {
		return ValidatorSet{}, err
	}
	version, err := subnetABI.UnpackVersionAt(out)
	if err != nil {
		return ValidatorSet{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	return s.ValidatorsAt(ctx, subnet, version)
}

// PostCheckpoint records a checkpoint of the subnet's chain, with the
// signatures of a quorum of the validator set of its epoch over cp
// (EpochValidators: a later set posted first changes nothing). Epochs must
// increase from one checkpoint to the next.
func (s *Settler) PostCheckpoint(ctx context.Context, cp Checkpoint, sigs []Signature) (*types.Receipt, error) {
	digest, err := s.Deployment().Digest(cp)
	if err != nil {
		return nil, err
	}
	data, err := subnetABI.TryPackPostCheckpoint(cp.Subnet, cp.Epoch, cp.Height, cp.StateRoot, cp.CommitDigest,
		orderSignatures(digest, sigs))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().SubnetRegistry
	return s.transact(ctx, "SubnetRegistry.postCheckpoint", &to, data)
}

// CheckpointAt returns the checkpoint posted for the subnet's epoch and the
// block it was posted in (ErrUnknownCheckpoint if none was).
func (s *Settler) CheckpointAt(ctx context.Context, subnet SubnetID, epoch uint64) (Checkpoint, uint64, error) {
	const name = "SubnetRegistry.checkpoint"
	out, err := s.call(ctx, name, s.Addresses().SubnetRegistry, subnetABI.PackCheckpoint(subnet, epoch))
	if err != nil {
		return Checkpoint{}, 0, err
	}
	c, err := subnetABI.UnpackCheckpoint(out)
	if err != nil {
		return Checkpoint{}, 0, fmt.Errorf("evm: %s: %w", name, err)
	}
	return Checkpoint{Subnet: subnet, Epoch: epoch, Height: c.Height, StateRoot: c.StateRoot, CommitDigest: c.CommitDigest},
		c.PostedAt, nil
}

// QuorumStake returns the stake of the subnet's current validators that
// signed digest, as SubnetRegistry.verifyQuorum counts it; it fails with the
// contract's reason when the signatures do not make a quorum.
func (s *Settler) QuorumStake(ctx context.Context, subnet SubnetID, digest common.Hash, sigs []Signature) (*big.Int, error) {
	const name = "SubnetRegistry.verifyQuorum"
	data, err := subnetABI.TryPackVerifyQuorum(subnet, digest, orderSignatures(digest, sigs))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	out, err := s.call(ctx, name, s.Addresses().SubnetRegistry, data)
	if err != nil {
		return nil, err
	}
	v, err := subnetABI.UnpackVerifyQuorum(out)
	if err != nil {
		return nil, fmt.Errorf("evm: %s: %w", name, err)
	}
	return v, nil
}

func splitValidators(vals []Validator) ([]common.Address, []uint64) {
	sorted := sortValidators(vals)
	addrs := make([]common.Address, len(sorted))
	stakes := make([]uint64, len(sorted))
	for i, v := range sorted {
		addrs[i], stakes[i] = v.Address, v.Stake
	}
	return addrs, stakes
}
