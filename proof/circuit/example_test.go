package circuit_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/test"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

// A device proves it covers a hotspot's point: it signs the epoch's beacon nonce,
// and its gateway builds the witness from Go values. test.IsSolved stands in for
// a prover here.
func ExampleCoverageAssignment() {
	key, err := device.NewPrivateKey(device.EdDSABN254, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		log.Fatal(err)
	}
	var nonce fr.Element
	nonce.SetUint64(20260101) // the epoch's beacon, as a field element

	sig, err := key.Sign(circuit.NonceMessage(nonce)) // on the device
	if err != nil {
		log.Fatal(err)
	}

	// Millimetres on a local plane: 3 m east and 4 m north of the point, radius 5 m.
	point := circuit.Position{X: 0, Y: 0}
	pos := circuit.Position{X: 3000, Y: 4000}
	w, err := circuit.CoverageAssignment(pos, point, 5000, nonce, key.Public(), sig)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("within 5 m:", test.IsSolved(&circuit.Coverage{}, w, ecc.BN254.ScalarField()) == nil)

	_, err = circuit.CoverageAssignment(pos, point, 4999, nonce, key.Public(), sig)
	fmt.Println(err)
	// Output:
	// within 5 m: true
	// circuit: statement does not hold: position {3000 4000} is outside radius 4999 of {0 0}
}

// A meter commits to 16 readings by signing their Merkle root; the Usage circuit
// proves their total without revealing them.
func ExampleUsageAssignment() {
	key, err := device.NewPrivateKey(device.EdDSABN254, bytes.Repeat([]byte{9}, 32))
	if err != nil {
		log.Fatal(err)
	}
	readings := make([]uint64, 16) // Wh per interval
	for i := range readings {
		readings[i] = uint64(100 + i)
	}
	root, err := circuit.ReadingsRoot(readings)
	if err != nil {
		log.Fatal(err)
	}
	sig, err := key.Sign(circuit.RootMessage(root)) // on the device
	if err != nil {
		log.Fatal(err)
	}

	w, err := circuit.UsageAssignment(readings, 1000, key.Public(), sig)
	if err != nil {
		log.Fatal(err)
	}
	c, err := circuit.NewUsage(len(readings))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total:", w.Total)
	fmt.Println("solved:", test.IsSolved(c, w, ecc.BN254.ScalarField()) == nil)
	// Output:
	// total: 1720
	// solved: true
}
