package p2p_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log"
	"time"

	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/p2p"
)

// Example starts two validators' hosts on loopback, each admitting only the
// other, then publishes a block and asks for one.
func Example() {
	key := func(b byte) ed25519.PrivateKey {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = b
		return ed25519.NewKeyFromSeed(seed)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	hosts, err := p2p.NewLoopback(ctx, p2p.Config{Topics: []string{"/blocks/1"}}, []ed25519.PrivateKey{key(1), key(2)})
	if err != nil {
		log.Fatal(err)
	}
	alice, bob := hosts[0], hosts[1]
	defer alice.Close()
	defer bob.Close()
	bob.Handle("/fetch/1", func(_ context.Context, from transport.PeerID, req []byte) ([]byte, error) {
		return append([]byte("block "), req...), nil
	})

	if err := alice.Publish(ctx, "/blocks/1", []byte("block 1")); err != nil {
		log.Fatal(err)
	}
	env := <-bob.Inbox()
	fmt.Printf("bob got %q on %s from alice: %v\n", env.Data, env.Topic, env.From == alice.Self())

	resp, err := alice.Request(ctx, bob.Self(), "/fetch/1", []byte("7"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(resp))
	// Output:
	// bob got "block 1" on /blocks/1 from alice: true
	// block 7
}

// ExampleNew starts a validator's host as a node would: its consensus key,
// addresses to listen on, peers to dial, the validator set it admits, and the
// topics it joins.
func ExampleNew() {
	seed := make([]byte, ed25519.SeedSize)
	seed[0] = 9
	key := ed25519.NewKeyFromSeed(seed)
	self, _ := transport.IDFromPublicKey(key.Public().(ed25519.PublicKey))
	h, err := p2p.New(context.Background(), p2p.Config{
		Key:         key,
		ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"},
		// Bootstrap: []string{"/ip4/10.0.0.2/tcp/4001/p2p/12D3KooW..."},
		Allowed: []transport.PeerID{self /* and the other validators */},
		Topics:  []string{"/depinkit/dag/block/1"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()
	fmt.Println(h.Self() == self, len(h.Addrs()), len(h.Peers()))
	// Output: true 2 0
}
