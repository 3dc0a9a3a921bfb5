// Package p2p is the libp2p transport.Transport: a validator's node on the
// network, with gossipsub for blocks and transactions, streams for messages to
// one peer and for requests, and gating by the validator set.
//
//	h, err := p2p.New(ctx, p2p.Config{
//		Key:         validatorKey,                       // ed25519: the libp2p identity
//		ListenAddrs: []string{"/ip4/0.0.0.0/tcp/4001", "/ip4/0.0.0.0/udp/4001/quic-v1"},
//		Bootstrap:   []string{"/ip4/10.0.0.2/tcp/4001/p2p/12D3KooW..."},
//		Allowed:     validatorIDs,                       // who may connect and publish
//		Topics:      []string{dagtransport.DefaultTopic}, // joined for good
//	})
//	ad, err := dagtransport.New(dagtransport.Config{Transport: h, Validators: set})
//
// A Host implements transport.Transport, transport.Disconnector and
// transport.StatsReporter, and passes transport/transporttest.Run over TCP and
// over QUIC.
//
// # Identity and security
//
// The validator's ed25519 key is the host's identity: its PeerID is the raw
// public key, its libp2p peer ID the identity multihash of the same key
// (ToLibp2p, FromLibp2p), so a validator index maps to a peer with no directory.
// TCP connections are secured with Noise only (no TLS) and multiplexed with
// yamux; QUIC brings its own TLS 1.3 handshake, which binds the same key. Every
// Envelope carries the authenticated sender: the connection's peer for a
// message sent, the signed author for a message published (gossipsub's strict
// signing: a relayer cannot forge it).
//
// # Who may talk
//
// Config.Allowed is the validator set; Host.SetAllowed replaces it at an epoch
// change and closes the connections to peers that left it. The gate refuses
// connections from and to anyone else (counted in Stats.Refused). Gossip
// messages are checked by a validator on every topic: one written or relayed
// by a peer that is not allowed is rejected (Stats.NotAllowed), and gossipsub's
// peer scoring marks the relayer down; three rejected messages take it under
// the graylist threshold, where its messages are ignored until its score
// decays (Host.Scores). Peers that are not allowed score -1000. Config.Open
// admits everyone instead, for networks of non-validators and tests.
// Host implements transport.Gater: chain/validator widens the list to the
// union of the ending and the next validator set at an epoch change, and
// narrows it to the new set at the new epoch's first commit.
//
// The Inbox queues messages per sender (transport.PeerInbox): each sender's
// waiting messages are bounded in bytes (Config.InboxPeerBytes, default twice
// the message limit), all of them in number (InboxSize), and the consumer gets
// the senders in turn, so a flooding peer neither fills the receiver's memory
// nor delays the others'. What would pass a bound is dropped and counted
// (Stats.DroppedFull).
//
// # Sending
//
//   - Publish on a topic of Config.Topics goes through gossipsub: to every
//     peer of the topic at once (flood publishing), and on through the mesh.
//     Topics are joined when the host starts, never later. Publish on another
//     topic sends the message to each connected peer directly.
//   - Send writes a frame to a long-lived stream per peer. It never waits for
//     the peer: frames go to a queue of Config.PeerQueue messages that one
//     goroutine per peer drains in batches, so a node's loop (dag.Node sends
//     synchronously) is never held up by a slow peer. A full queue drops the
//     message (Stats.QueueFull).
//   - Request opens a stream per request: a frame one way, a status and data
//     (or the handler's error text, or "unsupported", or "too large") back.
//     The handler's context ends when the requester resets or closes the
//     stream, or the host closes.
//
// Every frame is length-prefixed — kind, protocol or topic name (1 to
// transport.MaxNameLen bytes), data — and every read is bounded by
// MaxMessageSize: a frame over it, or bytes that are not a frame, reset the
// stream and are counted (Stats.DroppedOversize, Stats.Malformed); a response
// that does not parse fails the request with ErrMalformed. Gossipsub's own
// limit is MaxMessageSize plus its envelope, and the topic validators drop
// data over MaxMessageSize.
//
// # Peers
//
// Config.Bootstrap lists peers to dial at the start and again every
// Config.RedialInterval while not connected (after a restart or a partition),
// Connect dials one more, and Config.MDNS finds hosts on the local network.
// PeerEvents follows libp2p's connectedness events, one per peer however
// many connections it has. WaitPeers waits until given peers are connected
// and in every topic; NewLoopback starts a whole network on 127.0.0.1 for
// tests and benchmarks.
//
// Disconnect tells the peer, closes the connections and refuses new ones until
// Reconnect; meanwhile neither end delivers the other's gossip relayed by third
// peers, so the link is cut as it would be on transport/mem.
//
// # Lifecycle
//
// A host runs a goroutine per joined topic, one for peer events, one for
// redialing, one per peer it sends to, and one per inbound stream or running
// handler, besides libp2p's and gossipsub's own. Close stops them all,
// libp2p's and gossipsub's included, and returns when its own are gone; the
// package's tests check that no goroutine outlives it.
package p2p
