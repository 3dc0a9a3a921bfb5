package evm

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/solidity"
)

// TestCoverageOnChain: a coverage proof made by package proof verifies on
// chain through the CoverageVerifier and is recorded under its epoch; a
// tampered proof, the proof of another claim and a replay are refused.
func TestCoverageOnChain(t *testing.T) {
	c := setupCoverage(t)
	ctx := ctxT(t)
	s := c.s

	// The Go verifier agrees first.
	v, err := proof.NewVerifier(c.keys.VerifyingOnly())
	require.NoError(t, err)
	require.NoError(t, v.VerifyBundle(c.bundle))

	const epoch = 41
	claim, r, err := s.VerifyCoverage(ctx, epoch, c.bundle)
	require.NoError(t, err)
	require.Less(t, r.GasUsed, uint64(300_000), "Groth16 verification and record")
	call, err := solidity.BundleCall(c.bundle)
	require.NoError(t, err)
	require.Equal(t, CoverageClaimID(call.Input), claim)
	by, err := s.CoverageVerifiedBy(ctx, epoch, claim)
	require.NoError(t, err)
	require.Equal(t, s.From(), by)
	by, err = s.CoverageVerifiedBy(ctx, epoch+1, claim)
	require.NoError(t, err)
	require.Equal(t, common.Address{}, by, "recorded under its epoch only")

	// The same claim again in that epoch; it may be recorded in another.
	_, _, err = s.VerifyCoverage(ctx, epoch, c.bundle)
	requireRevert(t, err, ErrAlreadyVerified, "AlreadyVerified")

	// A tampered proof: each byte region of A, B and C.
	to := s.Addresses().CoverageVerifier
	for _, at := range []int{0, 40, 70, 130, 200, 255} {
		bad := append([]byte(nil), call.Proof...)
		bad[at] ^= 0x01
		data := coverageABI.PackVerifyCoverage(epoch+2, bad, call.Input)
		_, err := s.transact(ctx, "CoverageVerifier.verifyCoverage", &to, data)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	}
	// The proof of a claim with another radius, and truncated inputs.
	other := *c.bundle.Claim.(*proof.CoverageClaim)
	other.Radius++
	_, _, err = s.VerifyCoverage(ctx, epoch+2, &proof.Bundle{Claim: &other, Proof: c.bundle.Proof})
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	data := coverageABI.PackVerifyCoverage(epoch+2, call.Proof, call.Input[:5])
	_, err = s.transact(ctx, "CoverageVerifier.verifyCoverage", &to, data)
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")

	// A proof of the same statement with other keys (another setup).
	otherKeys, err := proof.DevSetup(proof.CoverageStatement(), proof.Groth16)
	require.NoError(t, err)
	p, err := proof.NewProver(otherKeys)
	require.NoError(t, err)
	cc := &coverage{prover: p, device: c.device}
	foreign, err := cc.prove(ctx, "epoch 2 beacon", 600)
	require.NoError(t, err)
	_, _, err = s.VerifyCoverage(ctx, epoch+2, foreign)
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")

	// A fresh proof with the right keys verifies in another epoch.
	fresh, err := c.prove(ctx, "epoch 2 beacon", 700)
	require.NoError(t, err)
	_, _, err = s.VerifyCoverage(ctx, epoch+2, fresh)
	require.NoError(t, err)

	// Not a coverage bundle, or no bundle.
	usage := &proof.Bundle{Claim: &proof.UsageClaim{}, Proof: c.bundle.Proof}
	_, _, err = s.VerifyCoverage(ctx, epoch, usage)
	require.ErrorIs(t, err, ErrInput)
	_, _, err = s.VerifyCoverage(ctx, epoch, nil)
	require.ErrorIs(t, err, ErrInput)
	_, _, err = setup(t).deployer.VerifyCoverage(ctx, epoch, c.bundle)
	require.ErrorIs(t, err, ErrNotDeployed, "the deployer's Settler has no CoverageVerifier")
}

// TestCoverageVerifierNeedsCode: the wrapper refuses to be built over an
// address without a verifier.
func TestCoverageVerifierNeedsCode(t *testing.T) {
	f := setup(t)
	s := f.deployer.WithAddresses(f.deployer.Addresses())
	_, err := s.DeployCoverageVerifier(ctxT(t), common.Address{0x12}, nil)
	requireRevert(t, err, ErrNoVerifier, "NoVerifier")
	_, err = s.DeployCoverageVerifier(ctxT(t), common.Address{}, nil)
	require.ErrorIs(t, err, ErrInput)
	_, err = CompileProofVerifier(ctxT(t), nil)
	require.ErrorIs(t, err, ErrInput)
}
