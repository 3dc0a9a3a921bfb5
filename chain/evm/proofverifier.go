package evm

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/solidity"
)

// On-chain verification of any statement's proofs. A ProofVerifier
// (package proof/solidity's wrapper over gnark's exported verifier) checks
// the proofs of the one statement and key it was compiled from: coverage,
// usage, threshold, or a statement a vertical registered (proof.Register).
// CompileProofVerifier makes its creation code from the keys,
// DeployProofVerifier deploys it, and VerifyProof asks it about a bundle.
// CoverageVerifier adds to coverage what only coverage needs (the nonce bound
// to the epoch and the submitter, the record of verified claims); another
// statement's contract that needs such rules calls its ProofVerifier's
// verify(bytes, uint256[]) the same way.

// DeployProofVerifier deploys a ProofVerifier from its creation code
// (CompileProofVerifier) and returns its address and receipt. It does not
// change the Settler's Addresses: the deployment's ProofVerifier is
// coverage's (DeployCoverageVerifier).
func (s *Settler) DeployProofVerifier(ctx context.Context, code []byte) (common.Address, *types.Receipt, error) {
	if len(code) == 0 {
		return common.Address{}, nil, fmt.Errorf("%w: no ProofVerifier code", ErrInput)
	}
	r, err := s.transact(ctx, "ProofVerifier.constructor", nil, code)
	if err != nil {
		return common.Address{}, r, err
	}
	return r.ContractAddress, r, nil
}

// VerifyProof asks the ProofVerifier at verifier whether b's zero-knowledge
// proof (Groth16 or PLONK, made by proof.Prover with the keys the verifier
// was compiled from) proves b's claim, with the claim's public inputs
// (proof.PublicWitness) as the contract's input. It is an eth_call: free,
// recorded nowhere. It returns nil when the contract answers true, an error
// wrapping ErrInvalidProof and proof.ErrInvalidProof when it answers false
// (another claim, another key, a tampered proof), and ErrInput for a bundle
// with no on-chain form (a signature-path proof).
func (s *Settler) VerifyProof(ctx context.Context, verifier common.Address, b *proof.Bundle) error {
	data, st, err := verifyCalldata(b)
	if err != nil {
		return err
	}
	out, err := s.call(ctx, "ProofVerifier.verify", verifier, data)
	if err != nil {
		return err
	}
	ok, err := solidity.ParseResult(out)
	if err != nil {
		return fmt.Errorf("evm: ProofVerifier.verify: %w", err)
	}
	if !ok {
		return fmt.Errorf("%w: %w: the ProofVerifier at %s refuses the %s/%s proof", ErrInvalidProof, proof.ErrInvalidProof, verifier.Hex(), st, b.Proof.Backend)
	}
	return nil
}

// ProofGas returns the gas limit a transaction calling the ProofVerifier at
// verifier with b needs, as the node estimates it: calldata included, and at
// least the wrapper's MIN_GAS (it refuses to start a verification with less
// gas left, so that a verification never fails for want of gas). A
// transaction uses less than this limit.
func (s *Settler) ProofGas(ctx context.Context, verifier common.Address, b *proof.Bundle) (uint64, error) {
	data, _, err := verifyCalldata(b)
	if err != nil {
		return 0, err
	}
	if verifier == (common.Address{}) {
		return 0, fmt.Errorf("%w: ProofVerifier", ErrNotDeployed)
	}
	g, err := s.backend.EstimateGas(ctx, ethereum.CallMsg{From: s.from, To: &verifier, Data: data})
	if err != nil {
		if rev, ok := asRevert("ProofVerifier.verify", err); ok {
			return 0, rev
		}
		return 0, fmt.Errorf("evm: ProofVerifier.verify: estimate gas: %w", err)
	}
	return g, nil
}

// verifyCalldata is the verify(bytes, uint256[]) call of a bundle.
func verifyCalldata(b *proof.Bundle) ([]byte, proof.Statement, error) {
	if b == nil || b.Claim == nil || b.Proof == nil {
		return nil, proof.Statement{}, fmt.Errorf("%w: bundle without claim or proof", ErrInput)
	}
	c, err := solidity.BundleCall(b)
	if err != nil {
		return nil, proof.Statement{}, fmt.Errorf("%w: %w", ErrInput, err)
	}
	data, err := c.Calldata()
	if err != nil {
		return nil, proof.Statement{}, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return data, b.Claim.Statement(), nil
}
