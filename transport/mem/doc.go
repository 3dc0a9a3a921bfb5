// Package mem is an in-process transport.Transport, for tests and simulations.
//
// A Network connects the endpoints that Join it, each named by an ed25519
// public key, every endpoint to every other:
//
//	net, _ := mem.NewNetwork(mem.Config{})
//	a, _ := net.Join(keyA)
//	b, _ := net.Join(keyB)
//	a.Send(ctx, b.Self(), "/app/1", []byte("hello")) // in b.Inbox() on return
//
// By default the network is perfect: a message is in its receivers' inboxes
// when Publish or Send returns, and one sender's messages reach a receiver in
// order (a property of this implementation, not of the interface). Tests make it
// worse:
//
//   - Config.DropRate loses published and sent messages, drawn from a random
//     source seeded by Config.Seed, so a run is reproducible (Network.Lost
//     counts them);
//   - Config.Latency and Config.Jitter delay messages, requests and responses
//     (jitter reorders messages);
//   - Network.Cut, Isolate, Partition, Restore and Heal cut and restore links
//     (messages in flight on a cut link are lost); Endpoint implements
//     transport.Disconnector on top of them. Both ends of a link see a
//     transport.PeerEvent when it changes.
//
// Endpoints may have their own limits (JoinConfig): a message over the
// receiver's MaxMessageSize is dropped and counted, as a peer with a smaller
// limit would. A closed endpoint's key may join again (a restart).
//
// Each endpoint runs one goroutine (its delay queue) and one per running request
// handler; Close stops them all and returns when they are gone. Network.Close
// closes every endpoint. The package passes transport/transporttest.Run, and
// its tests check for leaked goroutines with testing/synctest.
package mem
