package mem_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log"

	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

// Example joins two endpoints, publishes, asks and cuts the link between them.
func Example() {
	pub := func(b byte) ed25519.PublicKey {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = b
		return ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	}
	net, err := mem.NewNetwork(mem.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer net.Close()
	alice, _ := net.Join(pub(1))
	bob, _ := net.Join(pub(2))
	bob.Handle("/greet/1", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) {
		return append([]byte("hello, "), req...), nil
	})
	ctx := context.Background()

	if err := alice.Publish(ctx, "/blocks/1", []byte("block 1")); err != nil {
		log.Fatal(err)
	}
	env := <-bob.Inbox()
	fmt.Printf("bob got %q on %s from alice: %v\n", env.Data, env.Topic, env.From == alice.Self())

	resp, err := alice.Request(ctx, bob.Self(), "/greet/1", []byte("alice"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(resp))

	net.Cut(alice.Self(), bob.Self())
	err = alice.Send(ctx, bob.Self(), "/msg/1", []byte("anyone there?"))
	fmt.Println("unreachable:", errors.Is(err, transport.ErrUnreachable))
	// Output:
	// bob got "block 1" on /blocks/1 from alice: true
	// hello, alice
	// unreachable: true
}
