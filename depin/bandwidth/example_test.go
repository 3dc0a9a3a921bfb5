package bandwidth_test

import (
	"fmt"
	"log"
	"math/big"

	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// constant is a randomness source of one repeated byte: reproducible keys.
type constant byte

func (c constant) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

// A VPN node serves two clients; each session is co-signed, the ledger adds
// them up per provider and turns bytes into units per GB; a replayed session
// is refused with its reason.
func ExampleLedger() {
	node, _ := device.GenerateKey(device.Ed25519, constant(1))
	alice, _ := device.GenerateKey(device.Secp256k1, constant(2))
	bob, _ := device.GenerateKey(device.P256, constant(3))
	keyOf := func(id device.ID) (device.PublicKey, error) {
		for _, k := range []*device.PrivateKey{node, alice, bob} {
			if k.Public().ID() == id {
				return k.Public(), nil
			}
		}
		return device.PublicKey{}, device.ErrUnknownDevice
	}
	ledger, err := bandwidth.NewLedger(bandwidth.Config{MaxBytesPerSecond: 12_500_000}) // 100 Mbit/s
	if err != nil {
		log.Fatal(err)
	}
	serve := func(client *device.PrivateKey, id byte, n, ms, nonce uint64) *bandwidth.Session {
		s := &bandwidth.Session{Provider: node.Public().ID(), Client: client.Public().ID(),
			SessionID: [16]byte{id}, Bytes: n, DurationMs: ms, StartMs: 1_780_000_000_000, Nonce: nonce}
		if err := s.SignProvider(node); err != nil {
			log.Fatal(err)
		}
		if err := s.SignClient(client); err != nil {
			log.Fatal(err)
		}
		return s
	}
	s1 := serve(alice, 1, 1_500_000_000, 600_000, 1) // 1.5 GB in 10 minutes
	s2 := serve(bob, 2, 700_000_999, 120_000, 1)
	s3 := serve(bob, 3, 9_000_000_000, 60_000, 2) // 150 MB/s: implausible
	for _, s := range []*bandwidth.Session{s1, s2, s1, s3} {
		r, _ := bandwidth.ReasonOf(ledger.Add(s, keyOf))
		fmt.Println("session", s.SessionID[0], r)
	}
	for _, t := range ledger.Totals() {
		fmt.Println("sessions", t.Sessions, "bytes", t.Bytes, "units", t.Units)
	}
	d, _ := reward.Distribute(big.NewInt(1_000), ledger.Contributions())
	fmt.Println("payout", d.Payouts()[0].Amount)
	// Output:
	// session 1 valid
	// session 2 valid
	// session 1 duplicate-session
	// session 3 rate-too-high
	// sessions 2 bytes 2200000999 units 2200000
	// payout 1000
}

// A provider proves the bytes it served from per-second readings that both
// parties committed to, on the signature path (proof.Signed); a Groth16
// prover (EdDSA-BN254 key) hides the readings instead.
func ExampleUsageWitness() {
	node, _ := device.GenerateKey(device.Ed25519, constant(1))
	client, _ := device.GenerateKey(device.Ed25519, constant(2))
	readings := []uint64{400_000, 380_000, 410_000, 0, 12_345}
	root, _ := bandwidth.ReadingsRoot(readings)
	s := &bandwidth.Session{Provider: node.Public().ID(), Client: client.Public().ID(), SessionID: [16]byte{7},
		Bytes: 1_202_345, DurationMs: 5_000, StartMs: 1_780_000_000_000, Nonce: 1, ReadingsRoot: root}
	_ = s.SignProvider(node)
	_ = s.SignClient(client)

	limit, _ := bandwidth.ReadingCap(12_500_000, 1000) // 100 Mbit/s, 1-second readings
	w, err := bandwidth.UsageWitness(s, node, readings, limit)
	if err != nil {
		log.Fatal(err)
	}
	bundle, err := proof.Signed(w)
	if err != nil {
		log.Fatal(err)
	}
	v, _ := proof.NewVerifier()
	fmt.Println(bundle.ContentType(), bandwidth.VerifyUsage(v, s, bundle, node.Public(), limit))
	// Output:
	// depinkit/proof/usage-16/v1 <nil>
}

// Bytes to units: one million units per gigabyte, truncated.
func ExampleUnits() {
	fmt.Println(bandwidth.Units(1_000_000_000, bandwidth.DefaultUnitsPerGB))
	fmt.Println(bandwidth.Units(1_234_567, bandwidth.DefaultUnitsPerGB))
	fmt.Println(bandwidth.Units(999, bandwidth.DefaultUnitsPerGB))
	// Output:
	// 1000000
	// 1234
	// 0
}

// A session the client did not sign is refused, with the reason.
func ExampleSession_Verify() {
	node, _ := device.GenerateKey(device.Ed25519, constant(1))
	client, _ := device.GenerateKey(device.P256, constant(2))
	keyOf := func(id device.ID) (device.PublicKey, error) {
		if id == node.Public().ID() {
			return node.Public(), nil
		}
		return client.Public(), nil
	}
	s := &bandwidth.Session{Provider: node.Public().ID(), Client: client.Public().ID(), SessionID: [16]byte{1},
		Bytes: 50_000_000, DurationMs: 30_000, StartMs: 1_780_000_000_000, Nonce: 1}
	_ = s.SignProvider(node)
	_ = s.SignClient(node) // the provider signs in the client's place
	r, _ := bandwidth.ReasonOf(s.Verify(keyOf, 0))
	fmt.Println(r)
	_ = s.SignClient(client)
	r, _ = bandwidth.ReasonOf(s.Verify(keyOf, 0))
	fmt.Println(r)
	// Output:
	// bad-client-signature
	// valid
}
