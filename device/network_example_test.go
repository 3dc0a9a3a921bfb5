package device_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/depinkit/depinkit/device"
)

// A device seals for the network it reports to (a subnet's genesis hash);
// an opener of another network refuses the envelope.
func ExampleForNetwork() {
	mainnet, testnet := sha256.Sum256([]byte("mainnet genesis")), sha256.Sum256([]byte("testnet genesis"))
	maker, _ := device.GenerateKey(device.P256, rand.NewChaCha8([32]byte{1}))
	meter, _ := device.GenerateKey(device.Ed25519, rand.NewChaCha8([32]byte{2}))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	reg := device.NewMemoryRegistryFor(mainnet)
	_ = reg.ApproveMaker(maker.Public(), "acme")
	cert := &device.Certificate{Device: meter.Public(), Model: "m1", Serial: "sn-1", NotBefore: t0, NotAfter: t0.Add(time.Hour)}
	_ = cert.Sign(maker)
	if _, err := reg.Register(cert, nil, t0); err != nil {
		fmt.Println(err)
		return
	}

	env, _ := device.Seal(device.ForNetwork(meter, mainnet), device.Header{ContentType: "depin/meter/reading/v1", Seq: 1, Time: t0}, []byte{42})
	onMain, _ := device.NewOpener(reg, device.OpenerConfig{Network: mainnet})
	_, err := onMain.Open(env)
	fmt.Println("mainnet", err == nil)
	onTest, _ := device.NewOpener(reg, device.OpenerConfig{Network: testnet})
	_, err = onTest.Open(env)
	fmt.Println("testnet", errors.Is(err, device.ErrBadSignature))
	// Output:
	// mainnet true
	// testnet true
}
