package proof_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark/frontend"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// averageCircuit: four private readings (each below 2^32) average at least a
// public Min (below 2^32): Σ readings >= 4·Min.
type averageCircuit struct {
	Min      frontend.Variable `gnark:",public"`
	Readings [4]frontend.Variable
}

func (c *averageCircuit) Define(api frontend.API) error {
	circuit.AssertBits(api, c.Min, 32)
	sum := frontend.Variable(0)
	for _, r := range c.Readings {
		circuit.AssertBits(api, r, 32)
		sum = api.Add(sum, r)
	}
	circuit.AssertLessOrEqual(api, api.Mul(c.Min, 4), sum, 34)
	return nil
}

// averageCheck is the signature path: the evidence is the four readings,
// 4 bytes each, and the same inequality is checked natively.
func averageCheck(c *proof.InputClaim, ev []byte) error {
	if len(ev) != 16 {
		return fmt.Errorf("evidence of %d bytes, want 16", len(ev))
	}
	minimum := c.Input("Min")
	if minimum == nil || !minimum.IsUint64() || minimum.Uint64() >= 1<<32 {
		return errors.New("Min is not a 32-bit integer")
	}
	var sum uint64
	for i := range 4 {
		sum += uint64(binary.BigEndian.Uint32(ev[4*i:]))
	}
	if sum < 4*minimum.Uint64() {
		return fmt.Errorf("average %d/4 below %d", sum, minimum)
	}
	return nil
}

// A vertical registers its own circuit as a statement: a name, the public
// inputs in the circuit's order, the circuit and the native check of the
// signature path. Keys, prover, verifier, bundles, key store and the Solidity
// export then work for it as for coverage.
func ExampleRegister() {
	st, err := proof.Register(proof.Definition{
		Name:        "average-at-least-4",
		Public:      []string{"Min"},
		Circuit:     func() frontend.Circuit { return &averageCircuit{} },
		Check:       averageCheck,
		MaxEvidence: 16,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A second registration of the name is refused.
	_, err = proof.Register(proof.Definition{Name: "average-at-least-4"})
	fmt.Println(st, errors.Is(err, proof.ErrStatement) || errors.Is(err, proof.ErrRegistered))

	dev, _ := device.GenerateKey(device.Ed25519, zeros{})
	readings := []uint32{70, 80, 65, 90} // average 76.25
	ev := make([]byte, 0, 16)
	var a averageCircuit
	for i, r := range readings {
		ev = binary.BigEndian.AppendUint32(ev, r)
		a.Readings[i] = r
	}
	a.Min = 75
	w := &proof.InputWitness{
		InputClaim: proof.InputClaim{Of: st, Device: dev.Public(), Inputs: []*big.Int{big.NewInt(75)}},
		Assignment: &a,
		Evidence:   ev,
	}

	keys, err := proof.DevSetup(st, proof.Groth16)
	if err != nil {
		fmt.Println(err)
		return
	}
	prover, _ := proof.NewProver(keys)
	zk, err := prover.Prove(context.Background(), w)
	if err != nil {
		fmt.Println(err)
		return
	}
	signed, err := proof.Signed(w)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := proof.NewVerifier(keys.VerifyingOnly())
	fmt.Println(zk.ContentType(), zk.Proof.Size(), v.VerifyBundle(zk), v.VerifyBundle(signed))

	// A claim of a higher minimum fails on both paths.
	higher := proof.InputClaim{Of: st, Device: dev.Public(), Inputs: []*big.Int{big.NewInt(77)}}
	fmt.Println(v.Verify(&higher, zk.Proof) != nil, v.Verify(&higher, signed.Proof) != nil)
	// Output:
	// average-at-least-4 true
	// depinkit/proof/average-at-least-4/v1 141 <nil> <nil>
	// true true
}
