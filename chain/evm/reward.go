package evm

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/depinkit/depinkit/reward"
)

// EpochRootOf returns the epoch root of a claims tree: its root and the sum
// of its amounts.
func EpochRootOf(subnet SubnetID, epoch uint64, tree *reward.MerkleTree) EpochRoot {
	total := new(big.Int)
	for _, c := range tree.Claims() {
		total.Add(total, c.Amount)
	}
	return EpochRoot{Subnet: subnet, Epoch: epoch, Root: tree.Root(), Total: total}
}

// PostEpoch posts an epoch's claims root and total to RewardDistributor with
// the signatures of a quorum of the subnet's validator set of e's epoch
// (EpochValidators; a later set posted first changes nothing) over e, and
// pays the total in from the Settler's account. If the distributor may not
// take that much yet (ERC-20 allowance), PostEpoch first approves it for the
// total, in a transaction of its own. The receipt is postEpoch's.
func (s *Settler) PostEpoch(ctx context.Context, e EpochRoot, sigs []Signature) (*types.Receipt, error) {
	if e.Total == nil {
		return nil, fmt.Errorf("%w: nil total", ErrInput)
	}
	digest, err := s.Deployment().Digest(e)
	if err != nil {
		return nil, err
	}
	data, err := rewardABI.TryPackPostEpoch(e.Subnet, e.Epoch, e.Root, e.Total, orderSignatures(digest, sigs))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	a := s.Addresses()
	r, err := s.transact(ctx, "RewardDistributor.postEpoch", &a.RewardDistributor, data)
	var rev *RevertError
	if !errors.As(err, &rev) || rev.Name != "ERC20InsufficientAllowance" || rev.Tx != (common.Hash{}) {
		return r, err
	}
	if _, err := s.ApproveToken(ctx, a.RewardDistributor, e.Total); err != nil {
		return nil, err
	}
	return s.transact(ctx, "RewardDistributor.postEpoch", &a.RewardDistributor, data)
}

// EpochClaim is one epoch's claim of an account: its amount and the Merkle
// proof of (account, amount) in the epoch's tree.
type EpochClaim struct {
	Epoch  uint64
	Amount *big.Int
	Proof  []common.Hash
}

// ClaimOf returns account's claim in an epoch's tree (ErrInput if it has none).
func ClaimOf(tree *reward.MerkleTree, epoch uint64, account common.Address) (EpochClaim, error) {
	for i, c := range tree.Claims() {
		if c.Address != account {
			continue
		}
		p, err := tree.Proof(i)
		if err != nil {
			return EpochClaim{}, err
		}
		return EpochClaim{Epoch: epoch, Amount: new(big.Int).Set(c.Amount), Proof: p}, nil
	}
	return EpochClaim{}, fmt.Errorf("%w: no claim for %s in epoch %d", ErrInput, account.Hex(), epoch)
}

// Claim pays account its claims from RewardDistributor: one epoch with
// claim, several with claimMany in one token transfer. Anyone may send it;
// the tokens go to account.
func (s *Settler) Claim(ctx context.Context, subnet SubnetID, account common.Address, claims ...EpochClaim) (*types.Receipt, error) {
	if len(claims) == 0 {
		return nil, fmt.Errorf("%w: no claims", ErrInput)
	}
	for _, c := range claims {
		if c.Amount == nil {
			return nil, fmt.Errorf("%w: epoch %d: nil amount", ErrInput, c.Epoch)
		}
	}
	to := s.Addresses().RewardDistributor
	if len(claims) == 1 {
		c := claims[0]
		data, err := rewardABI.TryPackClaim(subnet, c.Epoch, account, c.Amount, hashes(c.Proof))
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInput, err)
		}
		return s.transact(ctx, "RewardDistributor.claim", &to, data)
	}
	epochs := make([]uint64, len(claims))
	amounts := make([]*big.Int, len(claims))
	proofs := make([][][32]byte, len(claims))
	for i, c := range claims {
		epochs[i], amounts[i], proofs[i] = c.Epoch, c.Amount, hashes(c.Proof)
	}
	data, err := rewardABI.TryPackClaimMany(subnet, account, epochs, amounts, proofs)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return s.transact(ctx, "RewardDistributor.claimMany", &to, data)
}

// EpochState is what RewardDistributor holds of an epoch.
type EpochState struct {
	Root  common.Hash // zero: not posted
	Total *big.Int    // what it pays at most
	Paid  *big.Int    // what it has paid
}

// Epoch returns the distributor's state of a subnet's epoch.
func (s *Settler) Epoch(ctx context.Context, subnet SubnetID, epoch uint64) (EpochState, error) {
	const name = "RewardDistributor.epochInfo"
	out, err := s.call(ctx, name, s.Addresses().RewardDistributor, rewardABI.PackEpochInfo(subnet, epoch))
	if err != nil {
		return EpochState{}, err
	}
	e, err := rewardABI.UnpackEpochInfo(out)
	if err != nil {
		return EpochState{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	return EpochState{Root: e.Root, Total: e.Total, Paid: e.Paid}, nil
}

// Claimed reports whether account has claimed the subnet's epoch.
func (s *Settler) Claimed(ctx context.Context, subnet SubnetID, epoch uint64, account common.Address) (bool, error) {
	const name = "RewardDistributor.isClaimed"
	out, err := s.call(ctx, name, s.Addresses().RewardDistributor, rewardABI.PackIsClaimed(subnet, epoch, account))
	if err != nil {
		return false, err
	}
	v, err := rewardABI.UnpackIsClaimed(out)
	if err != nil {
		return false, fmt.Errorf("evm: %s: %w", name, err)
	}
	return v, nil
}

// TokenBalance returns account's balance of the reward token.
func (s *Settler) TokenBalance(ctx context.Context, account common.Address) (*big.Int, error) {
	const name = "Token.balanceOf"
	out, err := s.call(ctx, name, s.Addresses().Token, tokenABI.PackBalanceOf(account))
	if err != nil {
		return nil, err
	}
	v, err := tokenABI.UnpackBalanceOf(out)
	if err != nil {
		return nil, fmt.Errorf("evm: %s: %w", name, err)
	}
	return v, nil
}

// ApproveToken lets spender take amount of the reward token from the
// Settler's account (ERC-20 approve).
func (s *Settler) ApproveToken(ctx context.Context, spender common.Address, amount *big.Int) (*types.Receipt, error) {
	data, err := tokenABI.TryPackApprove(spender, amount)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().Token
	return s.transact(ctx, "Token.approve", &to, data)
}

// MintTestToken mints amount of a TestToken reward token to `to`; only the
// token's owner (who deployed it) may.
func (s *Settler) MintTestToken(ctx context.Context, to common.Address, amount *big.Int) (*types.Receipt, error) {
	data, err := tokenABI.TryPackMint(to, amount)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	token := s.Addresses().Token
	return s.transact(ctx, "TestToken.mint", &token, data)
}

func hashes(hs []common.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}
