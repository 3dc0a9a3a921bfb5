// Package dagtransport runs the consensus core's network (dag.Transport) on a
// transport.Transport: the same Node over transport/mem in tests and over
// libp2p in production.
//
//	ad, err := dagtransport.New(dagtransport.Config{Transport: tr, Validators: set})
//	node, err := dag.NewNode(dag.NodeConfig{Config: cfg, App: app, Transport: ad, Now: time.Now})
//
// # On the wire
//
// Messages travel in the dag wire encoding (dag.Message.Marshal, canonical CBOR,
// decoded within Config.Limits): blocks are published on Config.Topic — or,
// with Config.Direct, sent to each other validator with Config.Protocol, one
// encoding for all (no gossip signature, hashing or relaying; chain/validator
// does this) — fetch requests and responses sent to one validator with
// Config.Protocol. A fetch
// response too large for one transport message is split into several, each
// carrying whole blocks in order (dag.Message.MarshalChunks); New refuses a
// configuration in which a largest block would not fit in a message.
//
// # Who is who
//
// Validator indices map to PeerIDs through the validator set: validator i's
// PeerID is its ed25519 key. Each inbound message is checked before the core
// sees it, and dropped and counted (Stats) when:
//
//   - its sender is a validator of no kept epoch (checked before decoding);
//   - it does not decode, or is not a block but came on the block topic;
//   - its From is not its authenticated sender's index in the message's epoch;
//   - it was sent to another validator's index (a block, which is for every
//     validator, excepted);
//   - its epoch is older than the kept validator sets.
//
// A block, on the topic or sent directly, is handed to the core with To set
// to this validator.
// Envelopes of other topics and protocols go to Config.Unhandled.
//
// # Epochs
//
// Indices are per epoch. The adapter keeps the validator sets of two epochs —
// the current one and the previous, whose stragglers it still answers — and
// interprets a message in its own epoch's set (a later epoch's, in the newest
// set: the core reacts by catching up). When the application returns a new
// validator set, call SetValidators.
//
// The adapter runs one goroutine, reading the transport's Inbox and handing
// messages to Receive (waiting when the core is busy, so that the transport's
// bounded inbox, not the adapter, drops under overload). Close stops it; it
// does not close the transport.
package dagtransport
