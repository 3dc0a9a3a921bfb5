package proof_test

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// zeros is a deterministic randomness source for reproducible example keys.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 7
	}
	return len(p), nil
}

// A hotspot proves it heard the epoch's beacon within 600 units of its
// asserted location, on the signature path: no keys, nothing hidden.
func ExampleSigned() {
	key, _ := device.GenerateKey(device.EdDSABN254, zeros{})
	nonce := proof.NonceFromBytes([]byte("epoch 7 beacon"))
	sig, _ := proof.SignNonce(key, nonce)
	w := &proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Point: circuit.Position{X: 0, Y: 0}, Radius: 600, Nonce: nonce, Device: key.Public()},
		Position:      circuit.Position{X: 300, Y: 400},
		Signature:     sig,
	}
	bundle, err := proof.Signed(w)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := proof.NewVerifier()
	fmt.Println(bundle.ContentType(), v.VerifyBundle(bundle))

	far := *bundle.Claim.(*proof.CoverageClaim)
	far.Radius = 499
	fmt.Println(v.Verify(&far, bundle.Proof) != nil)
	// Output:
	// depinkit/proof/coverage/v1 <nil>
	// true
}

// A meter proves its 16 readings, each below 10 kWh, add up to a total,
// with a Groth16 proof that hides the readings.
func ExampleProver_Prove() {
	keys, err := proof.DevSetup(proof.UsageStatement(16), proof.Groth16)
	if err != nil {
		fmt.Println(err)
		return
	}
	meter, _ := device.GenerateKey(device.EdDSABN254, zeros{})
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = uint64(500 + 10*i) // Wh
	}
	sig, _ := proof.SignReadings(meter, readings)
	prover, _ := proof.NewProver(keys)
	bundle, err := prover.Prove(context.Background(), &proof.UsageWitness{Cap: 10_000, Readings: readings, Device: meter.Public(), Signature: sig})
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := proof.NewVerifier(keys.VerifyingOnly())
	claim := bundle.Claim.(*proof.UsageClaim)
	fmt.Println(claim.Total, bundle.Proof.Size(), v.VerifyBundle(bundle))

	claim.Total = new(big.Int).Add(claim.Total, big.NewInt(1))
	fmt.Println(v.VerifyBundle(bundle) != nil)
	// Output:
	// 9200 133 <nil>
	// true
}

// Keys are saved once and loaded by provers (both keys) and verifiers (the
// verifying key only).
func ExampleKeyStore() {
	dir, _ := os.MkdirTemp("", "keys")
	defer os.RemoveAll(dir)
	keys, err := proof.DevSetup(proof.CoverageStatement(), proof.Groth16)
	if err != nil {
		fmt.Println(err)
		return
	}
	store := proof.NewKeyStore(dir)
	if err := store.Save(keys); err != nil {
		fmt.Println(err)
		return
	}
	vk, err := store.LoadVerifying(proof.CoverageStatement(), proof.Groth16)
	fmt.Println(err, vk.CanProve(), vk.CSHash() == keys.CSHash())
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	// Output:
	// <nil> false true
	// coverage.groth16.pk
	// coverage.groth16.vk
}

func ExampleParseStatement() {
	st, err := proof.ParseStatement("threshold-64")
	fmt.Println(st.Kind, st.N, err, proof.ContentType(st))
	// Output: threshold 64 <nil> depinkit/proof/threshold-64/v1
}

// A device sends its proof inside a signed envelope; the network opens the
// envelope, reads the bundle under its content type and verifies the proof.
func ExampleBundle_envelope() {
	key, _ := device.GenerateKey(device.EdDSABN254, zeros{})
	nonce := proof.NonceFromBytes([]byte("epoch 8 beacon"))
	sig, _ := proof.SignNonce(key, nonce)
	bundle, _ := proof.Signed(&proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Radius: 1000, Nonce: nonce, Device: key.Public()},
		Position:      circuit.Position{X: -600, Y: 800},
		Signature:     sig,
	})
	env, err := device.Seal(key, device.Header{ContentType: bundle.ContentType(), Seq: 1, Time: time.UnixMilli(1_790_000_000_000)}, bundle)
	if err != nil {
		fmt.Println(err)
		return
	}

	// The receiving side.
	e, _ := device.ParseEnvelope(env)
	fmt.Println(e.ContentType, e.Verify(key.Public()))
	got, err := proof.ParseBundleOf(e.ContentType, e.Payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := proof.NewVerifier()
	fmt.Println(got.Claim.DeviceKey().Equal(key.Public()), v.VerifyBundle(got))
	// Output:
	// depinkit/proof/coverage/v1 <nil>
	// true <nil>
}
