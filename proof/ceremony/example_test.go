package ceremony_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/depinkit/depinkit/proof/ceremony"
)

// Cube proves knowledge of X with X³ + X + 5 == Y.
type Cube struct {
	X frontend.Variable
	Y frontend.Variable `gnark:",public"`
}

func (c *Cube) Define(api frontend.API) error {
	api.AssertIsEqual(api.Add(api.Mul(c.X, c.X, c.X), c.X, 5), c.Y)
	return nil
}

// A whole ceremony in one process: in practice each step runs on another
// machine, and the directory travels between them (or lives on a server the
// coordinator runs). Alice contributes to phase 1, a public beacon closes it,
// Bob contributes to phase 2, and a second beacon seals the keys.
func Example() {
	ctx := context.Background()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &Cube{})
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "ceremony")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// The coordinator.
	hdr, err := ceremony.Init(ctx, dir, ccs, "cube")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d constraints, domain size %d\n", hdr.Circuit, hdr.Constraints, hdr.DomainSize)

	// Alice, on her machine, with the directory's latest state.
	mine, err := ceremony.Contribute(ctx, dir, ccs, "alice")
	if err != nil {
		log.Fatal(err)
	}

	// The coordinator closes phase 1 with a beacon announced in advance.
	if _, err := ceremony.ClosePhase1(ctx, dir, ccs, []byte("drand round 5000000")); err != nil {
		log.Fatal(err)
	}

	// Bob, on his machine.
	if _, err := ceremony.Contribute(ctx, dir, ccs, "bob"); err != nil {
		log.Fatal(err)
	}

	// Anyone: check the transcript and derive the keys.
	pk, vk, tr, err := ceremony.Finalize(ctx, dir, ccs, []byte("drand round 5000100"))
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range append(tr.Phase1, tr.Phase2...) {
		fmt.Printf("phase %d, contribution %d: %s\n", c.Phase, c.Index, c.Contributor)
	}
	fmt.Println("alice's contribution is in the transcript:", tr.Phase1[0].Hash == mine.Hash)

	w, err := frontend.NewWitness(&Cube{X: 3, Y: 35}, ecc.BN254.ScalarField())
	if err != nil {
		log.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, w)
	if err != nil {
		log.Fatal(err)
	}
	pub, err := w.Public()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("proof verifies:", groth16.Verify(proof, vk, pub) == nil)
	// Output:
	// cube: 3 constraints, domain size 4
	// phase 1, contribution 1: alice
	// phase 2, contribution 1: bob
	// alice's contribution is in the transcript: true
	// proof verifies: true
}
