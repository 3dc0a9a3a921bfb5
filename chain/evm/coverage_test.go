package evm

import (
	"math/big"
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

	const epoch = coverageEpoch
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

	// The same claim again in that epoch.
	_, _, err = s.VerifyCoverage(ctx, epoch, c.bundle)
	requireRevert(t, err, ErrAlreadyVerified, "AlreadyVerified")

	// A fresh proof for another epoch, tampered: each byte region of A, B
	// and C.
	fresh, err := c.proveFor(ctx, s, epoch+2, 700)
	require.NoError(t, err)
	freshCall, err := solidity.BundleCall(fresh)
	require.NoError(t, err)
	to := s.Addresses().CoverageVerifier
	for _, at := range []int{0, 40, 70, 130, 200, 255} {
		bad := append([]byte(nil), freshCall.Proof...)
		bad[at] ^= 0x01
		data := coverageABI.PackVerifyCoverage(epoch+2, bad, freshCall.Input)
		_, err := s.transact(ctx, "CoverageVerifier.verifyCoverage", &to, data)
		requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	}
	// The proof of a claim with another radius, and truncated inputs.
	other := *fresh.Claim.(*proof.CoverageClaim)
	other.Radius++
	_, _, err = s.VerifyCoverage(ctx, epoch+2, &proof.Bundle{Claim: &other, Proof: fresh.Proof})
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")
	data := coverageABI.PackVerifyCoverage(epoch+2, freshCall.Proof, freshCall.Input[:5])
	_, err = s.transact(ctx, "CoverageVerifier.verifyCoverage", &to, data)
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")

	// A proof of the same statement with other keys (another setup).
	otherKeys, err := proof.DevSetup(proof.CoverageStatement(), proof.Groth16)
	require.NoError(t, err)
	p, err := proof.NewProver(otherKeys)
	require.NoError(t, err)
	cc := &coverage{prover: p, device: c.device}
	nonce2, err := CoverageNonce(s.Deployment(), epoch+2, s.From())
	require.NoError(t, err)
	foreign, err := cc.prove(ctx, nonce2, 600)
	require.NoError(t, err)
	_, _, err = s.VerifyCoverage(ctx, epoch+2, foreign)
	requireRevert(t, err, ErrInvalidProof, "InvalidProof")

	// The fresh proof, untampered, verifies in its epoch.
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

// TestCoverageBoundToEpochAndSubmitter: a coverage proof is made for one
// epoch and one submitter (CoverageNonce). Before the fix, the same proof was
// recorded under any epoch it was sent with, and a copy taken from the
// mempool and sent first by another account took the attribution.
func TestCoverageBoundToEpochAndSubmitter(t *testing.T) {
	c := setupCoverage(t)
	f := setup(t)
	ctx := ctxT(t)
	s := c.s
	const epoch = 60
	b, err := c.proveFor(ctx, s, epoch, 650)
	require.NoError(t, err)
	call, err := solidity.BundleCall(b)
	require.NoError(t, err)
	want, err := CoverageNonce(s.Deployment(), epoch, s.From())
	require.NoError(t, err)
	require.Equal(t, want.BigInt(new(big.Int)), call.Input[3], "the nonce is the fourth public input")

	// A front-runner sends the copy first: refused, and nothing is recorded.
	thief := f.strangerS.WithAddresses(s.Addresses())
	_, _, err = thief.VerifyCoverage(ctx, epoch, b)
	rev := requireRevert(t, err, ErrNonceMismatch, "NonceMismatch")
	require.Equal(t, thief.From(), rev.Arg("submitter"))
	// The same proof under every other epoch: refused.
	for _, other := range []uint64{0, epoch - 1, epoch + 1, 1 << 40} {
		_, _, err = s.VerifyCoverage(ctx, other, b)
		requireRevert(t, err, ErrNonceMismatch, "NonceMismatch")
	}
	claim := CoverageClaimID(call.Input)
	for _, e := range []uint64{epoch, epoch + 1} {
		by, err := s.CoverageVerifiedBy(ctx, e, claim)
		require.NoError(t, err)
		require.Equal(t, common.Address{}, by)
	}
	// Its submitter, in its epoch: recorded, once.
	_, _, err = s.VerifyCoverage(ctx, epoch, b)
	require.NoError(t, err)
	by, err := s.CoverageVerifiedBy(ctx, epoch, claim)
	require.NoError(t, err)
	require.Equal(t, s.From(), by)

	// The nonce as the contract computes it.
	out, err := s.call(ctx, "coverageNonce", s.Addresses().CoverageVerifier, coverageABI.PackCoverageNonce(epoch, thief.From()))
	require.NoError(t, err)
	onChain, err := coverageABI.UnpackCoverageNonce(out)
	require.NoError(t, err)
	theirs, err := CoverageNonce(s.Deployment(), epoch, thief.From())
	require.NoError(t, err)
	require.Equal(t, theirs.BigInt(new(big.Int)), onChain)
	_, err = CoverageNonce(Deployment{ChainID: big.NewInt(1)}, epoch, thief.From())
	require.ErrorIs(t, err, ErrNotDeployed)
	_, err = CoverageNonce(Deployment{Addresses: s.Addresses()}, epoch, thief.From())
	require.ErrorIs(t, err, ErrInput)
}
