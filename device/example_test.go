package device_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/depinkit/depinkit/device"
)

// key returns a fixed key so that the examples print the same every time; real
// code uses device.GenerateKey(t, nil).
func key(t device.KeyType, b byte) *device.PrivateKey {
	k, err := device.NewPrivateKey(t, bytes.Repeat([]byte{b}, device.PrivateKeySize))
	if err != nil {
		log.Fatal(err)
	}
	return k
}

func ExampleGenerateKey() {
	k, err := device.GenerateKey(device.Ed25519, nil)
	if err != nil {
		log.Fatal(err)
	}
	sig, err := k.Sign([]byte("hello"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(sig), k.Public().Verify([]byte("hello"), sig))
	// Output: 64 <nil>
}

func ExamplePublicKey_DID() {
	k, err := device.NewPrivateKey(device.Ed25519, make([]byte, 32))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(k.Public().DID())
	back, err := device.ParseDID(k.Public().DID())
	fmt.Println(back.Equal(k.Public()), err)
	// Output:
	// did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp
	// true <nil>
}

func ExamplePublicKey_Address() {
	addr, err := key(device.Secp256k1, 1).Public().Address()
	fmt.Println(addr.Hex(), err)
	// Output: 0x1a642f0E3c3aF545E7AcBD38b07251B3990914F1 <nil>
}

func ExampleCertificate_Sign() {
	maker := key(device.P256, 1)
	dev := key(device.Ed25519, 2)
	cert := &device.Certificate{
		Device:       dev.Public(),
		Model:        "Acme HS-1",
		Serial:       "SN-0001",
		Capabilities: []string{"lorawan", "5g"},
		NotBefore:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	if err := cert.Sign(maker); err != nil {
		log.Fatal(err)
	}
	data, err := cert.Marshal()
	if err != nil {
		log.Fatal(err)
	}
	parsed, err := device.ParseCertificate(data)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parsed.Verify(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)))
	fmt.Println(parsed.Capabilities, parsed.HasCapability("5g"))
	err = parsed.Verify(time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(errors.Is(err, device.ErrExpired))
	// Output:
	// <nil>
	// [5g lorawan] true
	// true
}

// ExampleMemoryRegistry walks a device from certificate to registration, owner,
// key rotation and revocation.
func ExampleMemoryRegistry() {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	maker, dev, owner := key(device.P256, 1), key(device.Ed25519, 2), key(device.Secp256k1, 3)

	reg := device.NewMemoryRegistry()
	if err := reg.ApproveMaker(maker.Public(), "Acme Hotspots"); err != nil {
		log.Fatal(err)
	}
	cert := &device.Certificate{Device: dev.Public(), Model: "Acme HS-1", Serial: "SN-0001",
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(5, 0, 0)}
	if err := cert.Sign(maker); err != nil {
		log.Fatal(err)
	}
	id := cert.ID()
	bind, err := device.NewOwnerBinding(dev, id, owner, 0)
	if err != nil {
		log.Fatal(err)
	}
	rec, err := reg.Register(cert, bind, now)
	if err != nil {
		log.Fatal(err)
	}
	addr, _ := rec.Owner.Address()
	fmt.Println("owner", addr.Hex())

	// The device moves to a new key; it keeps its ID.
	next := key(device.Ed25519, 4)
	rot, err := device.NewKeyRotation(id, rec.Rotations(), dev, next)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("rotate:", reg.Rotate(rot))
	byDID, err := reg.LookupDID(next.Public().DID())
	fmt.Println("lookup by new DID finds it:", byDID.ID == id, err)

	// Its owner revokes it.
	rev, err := device.NewRevocation(id, "stolen", owner)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("revoke:", reg.Revoke(rev))
	_, err = reg.DeviceKey(id)
	fmt.Println(errors.Is(err, device.ErrRevoked))
	// Output:
	// owner 0x3325a78425F17a7E487Eb5666b2bFd93aBb06c70
	// rotate: <nil>
	// lookup by new DID finds it: true <nil>
	// revoke: <nil>
	// true
}

// ExampleSeal shows a device reporting and a validator opening the report.
func ExampleSeal() {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	maker, dev := key(device.P256, 1), key(device.Ed25519, 2)
	reg := device.NewMemoryRegistry()
	if err := reg.ApproveMaker(maker.Public(), "Acme"); err != nil {
		log.Fatal(err)
	}
	cert := &device.Certificate{Device: dev.Public(), Model: "HS-1", Serial: "1",
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0)}
	if err := cert.Sign(maker); err != nil {
		log.Fatal(err)
	}
	if _, err := reg.Register(cert, nil, now); err != nil {
		log.Fatal(err)
	}

	// On the device.
	type beacon struct {
		Cell string `cbor:"1,keyasint"`
		RSSI int64  `cbor:"2,keyasint"`
	}
	msg, err := device.Seal(dev, device.Header{ContentType: "depin/telecom/beacon/v1", Seq: 1, Time: now},
		beacon{Cell: "8a2a1072b59ffff", RSSI: -97})
	if err != nil {
		log.Fatal(err)
	}

	// On the validator.
	opener, err := device.NewOpener(reg, device.OpenerConfig{})
	if err != nil {
		log.Fatal(err)
	}
	env, err := opener.Open(msg)
	if err != nil {
		log.Fatal(err)
	}
	var b beacon
	if err := env.Decode(&b); err != nil {
		log.Fatal(err)
	}
	fmt.Println(env.ContentType, env.Seq, b.Cell, b.RSSI)
	_, err = opener.Open(msg)
	fmt.Println(errors.Is(err, device.ErrReplay))
	// Output:
	// depin/telecom/beacon/v1 1 8a2a1072b59ffff -97
	// true
}

func ExampleOpener_OpenBatch() {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	maker, dev := key(device.P256, 1), key(device.Secp256k1, 2)
	reg := device.NewMemoryRegistry()
	_ = reg.ApproveMaker(maker.Public(), "Acme")
	cert := &device.Certificate{Device: dev.Public(), Model: "Meter", Serial: "7",
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0)}
	if err := cert.Sign(maker); err != nil {
		log.Fatal(err)
	}
	if _, err := reg.Register(cert, nil, now); err != nil {
		log.Fatal(err)
	}
	var msgs [][]byte
	for _, seq := range []uint64{1, 3, 2, 3} { // out of order, and 3 twice
		m, err := device.Seal(dev, device.Header{ContentType: "depin/energy/reading/v1", Seq: seq, Time: now}, seq*100)
		if err != nil {
			log.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	opener, _ := device.NewOpener(reg, device.OpenerConfig{})
	envs, errs := opener.OpenBatch(context.Background(), msgs)
	for i := range msgs {
		if errs[i] != nil {
			fmt.Println(i, "refused:", errors.Is(errs[i], device.ErrReplay))
			continue
		}
		fmt.Println(i, "seq", envs[i].Seq)
	}
	// Output:
	// 0 seq 1
	// 1 seq 3
	// 2 seq 2
	// 3 refused: true
}
