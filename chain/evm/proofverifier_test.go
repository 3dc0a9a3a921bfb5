package evm

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/inrange"
)

// TestRegisteredStatementOnChain: a statement registered outside package
// proof (proof/inrange, "a committed value lies in [Lo, Hi]") is proved,
// verified in Go one by one and in batch, its Solidity verifier exported,
// compiled and deployed, and its proofs verified on the simulated chain,
// with no code for it in proof, proof/solidity or chain/evm. Another claim,
// another key's proof and a signature-path proof are refused.
func TestRegisteredStatementOnChain(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	s := f.deployer.WithAddresses(f.deployer.Addresses())
	st, err := inrange.Register()
	require.NoError(t, err)
	dev, err := device.GenerateKey(device.Ed25519, seeded(7))
	require.NoError(t, err)
	var salt fr.Element
	salt.SetUint64(0xfeed)

	backends := []proof.Backend{proof.Groth16, proof.PLONK}
	if testing.Short() {
		backends = backends[:1] // each backend compiles its own verifier with solc
	}
	for _, backend := range backends {
		t.Run(backend.String(), func(t *testing.T) {
			keys, err := proof.DevSetup(st, backend)
			require.NoError(t, err)
			prover, err := proof.NewProver(keys)
			require.NoError(t, err)
			var bundles []*proof.Bundle
			for i := range uint64(3) {
				w, err := inrange.NewWitness(dev.Public(), 100*i, 100*i+50, 100*i+25, salt)
				require.NoError(t, err)
				b, err := prover.Prove(ctx, w)
				require.NoError(t, err)
				bundles = append(bundles, b)
			}

			// In Go: one by one and in batch.
			v, err := proof.NewVerifier(keys.VerifyingOnly())
			require.NoError(t, err)
			require.NoError(t, v.VerifyBundle(bundles[0]))
			res, err := v.VerifyBatch(ctx, bundles)
			require.NoError(t, err)
			require.Equal(t, []error{nil, nil, nil}, res)

			// On chain.
			code, err := CompileProofVerifier(ctx, keys)
			require.NoError(t, err)
			at, r, err := s.DeployProofVerifier(ctx, code)
			require.NoError(t, err)
			require.NotEqual(t, common.Address{}, at)
			require.NotNil(t, r)
			for _, b := range bundles {
				require.NoError(t, s.VerifyProof(ctx, at, b))
			}
			gas, err := s.ProofGas(ctx, at, bundles[0])
			require.NoError(t, err)
			data, _, err := verifyCalldata(bundles[0])
			require.NoError(t, err)
			rcpt, err := s.transact(ctx, "ProofVerifier.verify", &at, data)
			require.NoError(t, err)
			t.Logf("%s in-range proof: a verify transaction uses %d gas (limit needed %d)", backend, rcpt.GasUsed, gas)
			require.Less(t, rcpt.GasUsed, gas)
			require.Less(t, gas, uint64(600_000))

			// A claim of a narrower range, of the next range: refused.
			c := *bundles[0].Claim.(*proof.InputClaim)
			c.Inputs = []*big.Int{c.Inputs[0], big.NewInt(49), c.Inputs[2]}
			err = s.VerifyProof(ctx, at, &proof.Bundle{Claim: &c, Proof: bundles[0].Proof})
			require.ErrorIs(t, err, ErrInvalidProof)
			require.ErrorIs(t, err, proof.ErrInvalidProof)
			require.ErrorIs(t, s.VerifyProof(ctx, at, &proof.Bundle{Claim: bundles[1].Claim, Proof: bundles[0].Proof}), ErrInvalidProof)

			w, err := inrange.NewWitness(dev.Public(), 0, 50, 25, salt)
			require.NoError(t, err)
			if backend == proof.Groth16 {
				// A proof made with another key of the same statement. (Two
				// PLONK dev setups in one process make the same key: gnark's
				// unsafekzg caches the SRS it draws, per process.)
				other, err := proof.DevSetup(st, backend)
				require.NoError(t, err)
				op, err := proof.NewProver(other)
				require.NoError(t, err)
				foreign, err := op.Prove(ctx, w)
				require.NoError(t, err)
				require.ErrorIs(t, s.VerifyProof(ctx, at, foreign), ErrInvalidProof)
			}

			// A signature-path proof has no on-chain form.
			signed, err := proof.Signed(w)
			require.NoError(t, err)
			require.ErrorIs(t, s.VerifyProof(ctx, at, signed), ErrInput)
		})
	}
	require.ErrorIs(t, s.VerifyProof(ctx, common.Address{}, nil), ErrInput)
	_, _, err = s.DeployProofVerifier(ctx, nil)
	require.ErrorIs(t, err, ErrInput)
}
