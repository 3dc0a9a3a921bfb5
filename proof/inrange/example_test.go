package inrange_test

import (
	"context"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/inrange"
)

// A health device proves its reading lies in the normal range [60, 100]
// without revealing it: the statement is registered, keys are made for it
// and the proof verifies like any built-in statement's.
func Example() {
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
	dev, _ := device.GenerateKey(device.Ed25519, fixed(3))
	var salt fr.Element
	salt.SetUint64(0x5a17) // draw it at random in practice (salt.SetRandom)
	w, err := inrange.NewWitness(dev.Public(), 60, 100, 72, salt)
	if err != nil {
		fmt.Println(err)
		return
	}
	prover, _ := proof.NewProver(keys)
	bundle, err := prover.Prove(context.Background(), w)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := proof.NewVerifier(keys)
	lo, hi, _, _ := inrange.Bounds(bundle.Claim.(*proof.InputClaim))
	fmt.Println(bundle.ContentType(), lo, hi, v.VerifyBundle(bundle))
	// Output: depinkit/proof/in-range/v1 60 100 <nil>
}
