package evm_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/inrange"
)

// A statement a vertical registered (proof/inrange: a committed value lies
// in [Lo, Hi]) verifies on chain like coverage: its keys compile to a
// ProofVerifier, deployed once, which checks its proofs against the claims'
// public inputs.
func ExampleSettler_VerifyProof() {
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

	st, err := inrange.Register()
	if err != nil {
		fmt.Println(err)
		return
	}
	keys, err := proof.DevSetup(st, proof.Groth16)
	if err != nil {
		fmt.Println(err)
		return
	}
	code, err := evm.CompileProofVerifier(ctx, keys) // needs Node.js (internal/solc)
	if err != nil {
		fmt.Println(err)
		return
	}
	verifier, _, err := s.DeployProofVerifier(ctx, code)
	if err != nil {
		fmt.Println(err)
		return
	}

	dev, _ := device.GenerateKey(device.Ed25519, rnd)
	var salt fr.Element
	salt.SetUint64(0xc0ffee)
	w, _ := inrange.NewWitness(dev.Public(), 60, 100, 72, salt)
	prover, _ := proof.NewProver(keys)
	bundle, err := prover.Prove(ctx, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.VerifyProof(ctx, verifier, bundle))

	// The same proof for the claim "in [73, 100]" is refused on chain.
	narrower := *bundle.Claim.(*proof.InputClaim)
	narrower.Inputs = []*big.Int{big.NewInt(73), narrower.Inputs[1], narrower.Inputs[2]}
	err = s.VerifyProof(ctx, verifier, &proof.Bundle{Claim: &narrower, Proof: bundle.Proof})
	fmt.Println(errors.Is(err, evm.ErrInvalidProof))
	// Output:
	// <nil>
	// true
}
