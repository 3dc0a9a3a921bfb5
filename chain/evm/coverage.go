package evm

import (
	"context"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/depinkit/depinkit/internal/solc"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/solidity"
)

// CompileProofVerifier returns the creation code of the ProofVerifier of a
// verifying key (Groth16 or PLONK): gnark's exported verifier behind package
// proof/solidity's wrapper, compiled by the pinned solc of internal/solc.
// It needs Node.js with npm (the first use installs the pinned solc into
// internal/solc; solc.ErrNoNode says when npm is missing), and takes a few
// seconds. A network compiles its
// ceremony key's verifier once and deploys it (DeployConfig).
func CompileProofVerifier(ctx context.Context, keys *proof.Keys) ([]byte, error) {
	if keys == nil {
		return nil, fmt.Errorf("%w: nil keys", ErrInput)
	}
	var sources map[string]string
	var err error
	switch keys.Backend {
	case proof.Groth16:
		sources, err = solidity.Groth16Sources(keys.Groth16VerifyingKey())
	case proof.PLONK:
		sources, err = solidity.PlonkSources(keys.PLONKVerifyingKey())
	default:
		return nil, fmt.Errorf("%w: backend %s has no Solidity verifier", ErrInput, keys.Backend)
	}
	if err != nil {
		return nil, fmt.Errorf("evm: verifier sources: %w", err)
	}
	contracts, err := solc.Compile(ctx, sources, solc.Options{})
	if err != nil {
		return nil, fmt.Errorf("evm: compile verifier: %w", err)
	}
	c, err := contracts.Get(solidity.WrapperFile + ":" + solidity.WrapperContract)
	if err != nil {
		return nil, fmt.Errorf("evm: compile verifier: %w", err)
	}
	return c.Bin, nil
}

// CoverageClaimID returns the id CoverageVerifier records a claim under:
// keccak256 of its public inputs, each a 32-byte word.
func CoverageClaimID(input []*big.Int) common.Hash {
	buf := make([]byte, 0, 32*len(input))
	for _, x := range input {
		buf = append(buf, bigWord(x)...)
	}
	return crypto.Keccak256Hash(buf)
}

// CoverageNonce returns the nonce a device signs in a coverage proof that
// submitter sends to the deployment's CoverageVerifier for epoch:
// keccak256(abi.encode(chain id, CoverageVerifier address, epoch,
// submitter)) reduced modulo BN254's scalar field, as the contract computes
// it. The proof is then bound to the epoch and the submitter: a copy sent by
// another account or under another epoch reverts with ErrNonceMismatch.
func CoverageNonce(d Deployment, epoch uint64, submitter common.Address) (fr.Element, error) {
	var out fr.Element
	if d.ChainID == nil {
		return out, fmt.Errorf("%w: no chain id", ErrInput)
	}
	if d.Addresses.CoverageVerifier == (common.Address{}) {
		return out, fmt.Errorf("%w: CoverageVerifier has no address", ErrNotDeployed)
	}
	h := crypto.Keccak256(bigWord(d.ChainID), word(d.Addresses.CoverageVerifier[:]), uint64Word(epoch), word(submitter[:]))
	v := new(big.Int).SetBytes(h)
	v.Mod(v, fr.Modulus())
	out.SetBigInt(v)
	return out, nil
}

// VerifyCoverage has CoverageVerifier check a coverage proof bundle (made by
// proof.Prover with the key the deployed ProofVerifier was compiled from,
// over the nonce CoverageNonce(deployment, epoch, s.From())) and record its
// claim under epoch. It returns the claim's id (CoverageClaimID). A proof
// made for another epoch or account reverts with ErrNonceMismatch, one that
// does not verify with ErrInvalidProof, a claim recorded for the epoch
// already with ErrAlreadyVerified.
func (s *Settler) VerifyCoverage(ctx context.Context, epoch uint64, b *proof.Bundle) (common.Hash, *types.Receipt, error) {
	if b == nil {
		return common.Hash{}, nil, fmt.Errorf("%w: nil bundle", ErrInput)
	}
	if _, ok := b.Claim.(*proof.CoverageClaim); !ok {
		return common.Hash{}, nil, fmt.Errorf("%w: bundle of %T, want a coverage claim", ErrInput, b.Claim)
	}
	c, err := solidity.BundleCall(b)
	if err != nil {
		return common.Hash{}, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	data, err := coverageABI.TryPackVerifyCoverage(epoch, c.Proof, c.Input)
	if err != nil {
		return common.Hash{}, nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().CoverageVerifier
	r, err := s.transact(ctx, "CoverageVerifier.verifyCoverage", &to, data)
	if err != nil {
		return common.Hash{}, r, err
	}
	return CoverageClaimID(c.Input), r, nil
}

// CoverageVerifiedBy returns who had a coverage claim verified under epoch,
// zero if nobody did.
func (s *Settler) CoverageVerifiedBy(ctx context.Context, epoch uint64, claim common.Hash) (common.Address, error) {
	const name = "CoverageVerifier.verifiedBy"
	out, err := s.call(ctx, name, s.Addresses().CoverageVerifier, coverageABI.PackVerifiedBy(epoch, claim))
	if err != nil {
		return common.Address{}, err
	}
	v, err := coverageABI.UnpackVerifiedBy(out)
	if err != nil {
		return common.Address{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	return v, nil
}
