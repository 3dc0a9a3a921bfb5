// Package transport is the network as a validator node sees it: a small,
// bytes-level interface, independent of libp2p, with implementations beside it
// (transport/mem in process, transport/p2p over libp2p) that all pass one
// conformance suite (transport/transporttest).
//
// # Peers
//
// A peer is named by its PeerID: the raw 32-byte ed25519 public key of its
// identity. For a validator that is its consensus key (chain.Validator.Key),
// which is also its libp2p identity, so a validator index maps to a PeerID
// through the validator set with no directory:
//
//	id, err := transport.IDFromPublicKey(set.Key(i))
//
// Every delivered message carries the authenticated PeerID of its sender
// (Envelope.From): libp2p's Noise handshake proves it, transport/mem trusts the
// key an endpoint joined with. What a peer may say is for the layer above to
// judge (chain/dagtransport drops consensus messages whose claimed sender is
// not the authenticated one).
//
// # Sending
//
// Three ways, all with a context first:
//
//   - Publish(ctx, topic, data): to every connected peer, never to the sender;
//     for blocks and transactions. Returns once handed over.
//   - Send(ctx, to, protocol, data): to one peer, one way; for fetch requests
//     and answers in the consensus protocol.
//   - Request(ctx, to, protocol, req): to the handler a peer registered with
//     Handle(protocol, h), waiting for its answer; for fetching. Handler errors
//     come back as ErrRemote, a missing handler as ErrUnsupported.
//
// Published and sent messages arrive in the receiver's Inbox as Envelopes,
// tagged with their topic or protocol. Delivery is best effort and at most
// once: a message may be lost (a full inbox, a partition), is never duplicated,
// and no order is promised, not even per sender (gossip takes several paths,
// streams race). Consumers restore what order they need: the DAG core orders
// blocks by rounds and parents, and fetches what it misses.
//
// # Limits
//
// MaxMessageSize bounds every message, request and response (Config, default 8
// MiB: a largest chain/dag block fits). Larger ones are refused on the way out
// with ErrTooLarge, and dropped and counted on the way in (a peer with a larger
// limit). A consumer that must send more splits it: dag.Message.MarshalChunks
// splits fetch responses to fit. Inbox and PeerEvents are bounded channels
// (Config.InboxSize, Config.EventBuffer); what finds them full is dropped and
// counted, so a slow consumer loses messages rather than stalling the network.
//
// # Peers coming and going
//
// Peers lists the connected peers; PeerEvents reports connections and
// disconnections, starting with the peers connected at creation.
//
// # Optional capabilities
//
// Found by type assertion:
//
//   - Disconnector (Disconnect, Reconnect): cut and restore the link to one
//     peer — for tests and for operators (the libp2p implementation gates the
//     peer).
//   - StatsReporter (Stats): counters of messages in and out and of drops by
//     reason.
//   - EventReporter (Events): the implementation's own counters by name (the
//     libp2p one: refused connections, gossip from non-validators, malformed
//     frames, sends lost to a full queue or a failed stream).
//
// # Lifecycle
//
// Close disconnects, stops every goroutine the transport started, interrupts
// pending calls (ErrClosed), cancels running handlers' contexts and closes Inbox
// and PeerEvents. All errors are the package's sentinels wrapped with context:
// test them with errors.Is.
//
// # Writing an implementation
//
// Run the conformance suite from a test of the implementation's package, with a
// function that builds n connected transports:
//
//	func TestConformance(t *testing.T) {
//		transporttest.Run(t, func(tb testing.TB, n int) []transport.Transport { ... })
//	}
//
// and measure it with transporttest.Bench in a BenchmarkTransport.
package transport
