package subnet

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// Checkpoint is a subnet chain's state at the end of an epoch: what its
// validators sign with their settlement keys and one of them posts to the
// parent chain's SubnetRegistry, so that anyone can check the subnet's state
// root there (VerifyStateRoot).
type Checkpoint struct {
	Subnet       evm.SubnetID // evm.SubnetIDOf(registrant, GenesisHash())
	Epoch        uint64       // the epoch that ended
	Height       uint64       // the index of the commit that ended it
	AppHash      chain.Digest // the application state root after that commit
	CommitDigest chain.Digest // that commit's digest
}

// EVM returns the checkpoint as chain/evm signs and posts it.
func (c Checkpoint) EVM() evm.Checkpoint {
	return evm.Checkpoint{
		Subnet:       c.Subnet,
		Epoch:        c.Epoch,
		Height:       c.Height,
		StateRoot:    common.Hash(c.AppHash),
		CommitDigest: common.Hash(c.CommitDigest),
	}
}

// SignCheckpoint signs cp with a validator's secp256k1 settlement key, under
// the EIP-712 domain of deployment's SubnetRegistry (evm.Deployment.Sign):
// the signature the contract checks.
func SignCheckpoint(deployment evm.Deployment, key *device.PrivateKey, cp Checkpoint) (evm.Signature, error) {
	return deployment.Sign(key, cp.EVM())
}

// CheckpointSigs collects the validators' signatures of one checkpoint and
// tells when they make a quorum as SubnetRegistry counts it: the signers'
// stake is more than 2/3 of the set's total. It is not safe for concurrent
// use.
type CheckpointSigs struct {
	cp     Checkpoint
	digest common.Hash
	stakes map[common.Address]uint64
	total  *big.Int
	signed *big.Int
	by     map[common.Address]bool
	sigs   []evm.Signature
}

// NewCheckpointSigs starts collecting signatures of cp by validators (the
// set the parent chain's registry checks cp's epoch against,
// evm.Settler.EpochValidators; the genesis set's EVMValidators until the set
// first changes) under deployment.
func NewCheckpointSigs(deployment evm.Deployment, cp Checkpoint, validators []evm.Validator) (*CheckpointSigs, error) {
	digest, err := deployment.Digest(cp.EVM())
	if err != nil {
		return nil, fmt.Errorf("subnet: checkpoint: %w", err)
	}
	c := &CheckpointSigs{
		cp: cp, digest: digest, stakes: make(map[common.Address]uint64, len(validators)),
		total: new(big.Int), signed: new(big.Int), by: map[common.Address]bool{},
	}
	for _, v := range validators {
		if _, dup := c.stakes[v.Address]; dup {
			return nil, fmt.Errorf("%w: validator %s listed twice", evm.ErrInput, v.Address.Hex())
		}
		c.stakes[v.Address] = v.Stake
		c.total.Add(c.total, new(big.Int).SetUint64(v.Stake))
	}
	return c, nil
}

// CheckpointSigs starts collecting signatures of cp by the spec's genesis
// validators.
func (s *Spec) CheckpointSigs(deployment evm.Deployment, cp Checkpoint) (*CheckpointSigs, error) {
	return NewCheckpointSigs(deployment, cp, s.EVMValidators())
}

// Add counts sig if it recovers to a validator that has not signed yet, and
// reports whether the signatures so far make a quorum. A signature that is
// not counted returns an error (ErrBadSignature, ErrNotValidator,
// ErrDuplicateSignature) and changes nothing. A high-s signature, which the
// registry refuses, is ErrBadSignature (evm.Signature.Signer): a malleated
// copy of a validator's signature, added first, never keeps the validator's
// own signature out as a duplicate.
func (c *CheckpointSigs) Add(sig evm.Signature) (bool, error) {
	by, err := sig.Signer(c.digest)
	if err != nil {
		return c.Quorum(), fmt.Errorf("%w: checkpoint: %w", ErrBadSignature, err)
	}
	stake, ok := c.stakes[by]
	if !ok {
		return c.Quorum(), fmt.Errorf("%w: checkpoint signed by %s", ErrNotValidator, by.Hex())
	}
	if c.by[by] {
		return c.Quorum(), fmt.Errorf("%w: checkpoint signed by %s already", ErrDuplicateSignature, by.Hex())
	}
	c.by[by] = true
	c.sigs = append(c.sigs, sig)
	c.signed.Add(c.signed, new(big.Int).SetUint64(stake))
	return c.Quorum(), nil
}

// Quorum reports whether the signers hold more than 2/3 of the stake.
func (c *CheckpointSigs) Quorum() bool {
	lhs := new(big.Int).Mul(c.signed, big.NewInt(3))
	rhs := new(big.Int).Mul(c.total, big.NewInt(2))
	return c.total.Sign() > 0 && lhs.Cmp(rhs) > 0
}

// SignedStake returns the stake of the signers so far.
func (c *CheckpointSigs) SignedStake() *big.Int { return new(big.Int).Set(c.signed) }

// Signatures returns the counted signatures, in the order added (the
// evm.Settler orders them as the contract wants).
func (c *CheckpointSigs) Signatures() []evm.Signature { return append([]evm.Signature(nil), c.sigs...) }

// Checkpoint returns the checkpoint being signed.
func (c *CheckpointSigs) Checkpoint() Checkpoint { return c.cp }

// Post sends the checkpoint with the signatures collected to the parent
// chain's SubnetRegistry through settler. The contract refuses it
// (evm.ErrUnderQuorum...) unless they make a quorum of the set it checks
// the checkpoint's epoch against (evm.Settler.EpochValidators).
func (c *CheckpointSigs) Post(ctx context.Context, settler *evm.Settler) error {
	_, err := settler.PostCheckpoint(ctx, c.cp.EVM(), c.sigs)
	return err
}

// VerifyStateRoot checks that the parent chain holds a checkpoint of
// subnet's epoch whose state root is appHash, and returns the checkpoint. It
// fails with evm.ErrUnknownCheckpoint if none was posted, and
// ErrStateRootMismatch if another root was.
func VerifyStateRoot(ctx context.Context, settler *evm.Settler, subnet evm.SubnetID, epoch uint64, appHash chain.Digest) (Checkpoint, error) {
	cp, _, err := settler.CheckpointAt(ctx, subnet, epoch)
	if err != nil {
		return Checkpoint{}, err
	}
	got := Checkpoint{Subnet: subnet, Epoch: epoch, Height: cp.Height, AppHash: chain.Digest(cp.StateRoot), CommitDigest: chain.Digest(cp.CommitDigest)}
	if got.AppHash != appHash {
		return got, fmt.Errorf("%w: subnet %s epoch %d: the parent chain holds %s, not %s", ErrStateRootMismatch, subnet, epoch, got.AppHash, appHash)
	}
	return got, nil
}
