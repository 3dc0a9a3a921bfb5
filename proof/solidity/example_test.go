package solidity_test

import (
	"context"
	"fmt"
	"log"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	gnarksol "github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/depinkit/depinkit/internal/solc"
	"github.com/depinkit/depinkit/proof/solidity"
)

// square proves knowledge of a square root of a public Y.
type square struct {
	Y frontend.Variable `gnark:",public"`
	X frontend.Variable
}

func (c *square) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.X, c.X), c.Y)
	return nil
}

// ExampleGroth16Sources proves a statement for the chain, writes and compiles
// its verifier, and builds the calldata of verify. Deploy ProofVerifier's Bin
// with any Ethereum client and send the calldata (eth_call or a transaction);
// the tests of this package do so on go-ethereum's simulated chain. It needs
// node and `npm ci --prefix internal/solc`, so it is not run as a test.
func ExampleGroth16Sources() {
	field := ecc.BN254.ScalarField()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &square{})
	if err != nil {
		log.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs) // a test setup: use a ceremony's keys
	if err != nil {
		log.Fatal(err)
	}

	// Prove for the Solidity verifier, and check the proof the same way in Go.
	w, err := frontend.NewWitness(&square{Y: 49, X: 7}, field)
	if err != nil {
		log.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, w, gnarksol.WithProverTargetSolidityVerifier(backend.GROTH16))
	if err != nil {
		log.Fatal(err)
	}
	pub, err := w.Public()
	if err != nil {
		log.Fatal(err)
	}
	if err := groth16.Verify(proof, vk, pub, gnarksol.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		log.Fatal(err)
	}

	// The contract.
	sources, err := solidity.Groth16Sources(vk)
	if err != nil {
		log.Fatal(err)
	}
	contracts, err := solc.Compile(context.Background(), sources, solc.Options{})
	if err != nil {
		log.Fatal(err)
	}
	verifier, err := contracts.Get(solidity.WrapperContract)
	if err != nil {
		log.Fatal(err)
	}

	// The call.
	call, err := solidity.Groth16Call(proof, pub)
	if err != nil {
		log.Fatal(err)
	}
	data, err := call.Calldata()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("deploy %d bytes of code; call verify with %d bytes, inputs %v\n", len(verifier.Bin), len(data), call.Input)
}

// ExampleCall_Calldata shows the ABI encoding of verify(bytes, uint256[]).
func ExampleCall_Calldata() {
	call := solidity.Call{Proof: []byte{0xaa, 0xbb}, Input: []*big.Int{big.NewInt(7)}}
	data, err := call.Calldata()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("selector %x\n", data[:4])
	for i := 4; i < len(data); i += 32 {
		fmt.Printf("%x\n", data[i:i+32])
	}
	// Output:
	// selector 9649daae
	// 0000000000000000000000000000000000000000000000000000000000000040
	// 0000000000000000000000000000000000000000000000000000000000000080
	// 0000000000000000000000000000000000000000000000000000000000000002
	// aabb000000000000000000000000000000000000000000000000000000000000
	// 0000000000000000000000000000000000000000000000000000000000000001
	// 0000000000000000000000000000000000000000000000000000000000000007
}
