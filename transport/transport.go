package transport

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Implementations wrap them with %w and context; callers test
// with errors.Is.
var (
	// ErrClosed reports a call on a Transport that is closed, or a call that
	// Close interrupted.
	ErrClosed = errors.New("transport: closed")
	// ErrTooLarge reports a message (or request, or response) over the size limit.
	ErrTooLarge = errors.New("transport: message too large")
	// ErrUnreachable reports a peer the transport cannot reach: not connected,
	// disconnected, closed, unknown, or the caller itself.
	ErrUnreachable = errors.New("transport: peer unreachable")
	// ErrUnsupported reports a request for a protocol the peer has no handler for.
	ErrUnsupported = errors.New("transport: protocol not supported")
	// ErrRemote reports a request whose handler returned an error; the error
	// carries the handler's message (at most MaxRemoteErrorLen bytes of it).
	ErrRemote = errors.New("transport: remote handler failed")
	// ErrInvalidName reports an empty or overlong topic or protocol name.
	ErrInvalidName = errors.New("transport: invalid topic or protocol name")
	// ErrConfig reports an invalid Config.
	ErrConfig = errors.New("transport: invalid config")
)

// MaxNameLen bounds topic and protocol names, in bytes.
const MaxNameLen = 256

// MaxRemoteErrorLen bounds the text of a handler's error carried back to the
// requester, in bytes.
const MaxRemoteErrorLen = 256

// PeerID identifies a peer: the raw ed25519 public key of its identity, the same
// key that signs its blocks (a validator's consensus key). A fixed-size array, so
// that it is comparable, a valid map key and never malformed; the libp2p
// implementation converts it to and from a libp2p peer ID (an identity multihash
// of the same key) without loss.
type PeerID [ed25519.PublicKeySize]byte

// IDFromPublicKey returns the PeerID of an ed25519 public key.
func IDFromPublicKey(key ed25519.PublicKey) (PeerID, error) {
	var id PeerID
	if len(key) != ed25519.PublicKeySize {
		return id, fmt.Errorf("transport: peer key is %d bytes, want %d", len(key), ed25519.PublicKeySize)
	}
	copy(id[:], key)
	return id, nil
}

// PublicKey returns the ed25519 public key the ID is made of.
func (id PeerID) PublicKey() ed25519.PublicKey { return ed25519.PublicKey(id[:]) }

// String returns the key as 64 hex digits.
func (id PeerID) String() string { return hex.EncodeToString(id[:]) }

// Short returns the first 8 hex digits, for logs.
func (id PeerID) Short() string { return hex.EncodeToString(id[:4]) }

// IsZero reports whether id is the zero PeerID (no peer).
func (id PeerID) IsZero() bool { return id == PeerID{} }

// Envelope is a message delivered to the Inbox. Exactly one of Topic (a message
// published with Publish) and Protocol (one sent with Send) is set. Data belongs
// to the receiver: the transport neither keeps nor shares it.
type Envelope struct {
	// From is the authenticated sender.
	From     PeerID
	Topic    string
	Protocol string
	Data     []byte
}

// Handler answers a request sent with Request. ctx ends when the requester gives
// up (where the implementation can tell) or the transport closes; a handler must
// return when it does. A returned error reaches the requester as an error
// wrapping ErrRemote; the response is not sent then.
type Handler func(ctx context.Context, from PeerID, req []byte) ([]byte, error)

// PeerEvent reports a change of connectivity to one peer.
type PeerEvent struct {
	Peer      PeerID
	Connected bool // false: disconnected
}

// Transport connects a node to its peers. All methods are safe for concurrent use.
//
// Delivery is best effort and at most once: a message may be lost (a full inbox,
// a partition, a lossy network), is never delivered twice, and carries its
// authenticated sender. No order is guaranteed, not even between two messages of
// one sender to one receiver: consumers that need an order restore it (the DAG
// core does, by rounds and parents).
type Transport interface {
	// Self returns this transport's own ID.
	Self() PeerID
	// MaxMessageSize returns the largest message, request or response, in bytes,
	// this transport sends or accepts.
	MaxMessageSize() int
	// Publish sends data on topic to every connected peer, never to the sender
	// itself. It returns once the message is handed over (not delivered); a nil
	// error promises nothing about any peer. data may be reused when it returns.
	Publish(ctx context.Context, topic string, data []byte) error
	// Send sends data to one peer, one way, tagged with protocol; it arrives in
	// the peer's Inbox. It fails with ErrUnreachable if the peer cannot be reached
	// (to == Self() included).
	Send(ctx context.Context, to PeerID, protocol string, data []byte) error
	// Request sends req to the peer's handler for protocol and waits for its
	// response until ctx ends or the transport closes. It fails with
	// ErrUnsupported if the peer has no handler, ErrRemote if the handler failed.
	Request(ctx context.Context, to PeerID, protocol string, req []byte) ([]byte, error)
	// Handle registers h for requests of protocol, replacing any earlier
	// handler; a nil h removes it, and an invalid name (see CheckName)
	// registers nothing. Handlers may run concurrently.
	Handle(protocol string, h Handler)
	// Inbox delivers published and sent messages. It is closed by Close. A
	// message that finds it full is dropped (and counted, see StatsReporter): a
	// consumer that falls behind loses messages rather than stalling its peers.
	Inbox() <-chan Envelope
	// Peers returns the peers connected now, in ascending order.
	Peers() []PeerID
	// PeerEvents delivers connections and disconnections, starting with one
	// connection event per peer connected when the transport was made (as far as
	// the channel's buffer holds: Peers is the truth). It is closed by Close;
	// events that find it full are dropped.
	PeerEvents() <-chan PeerEvent
	// Close disconnects from every peer, stops every goroutine the transport
	// started, interrupts pending calls (they return ErrClosed), and closes Inbox
	// and PeerEvents. Calls after Close fail with ErrClosed. Close is idempotent.
	Close() error
}

// Disconnector is an optional capability, for tests and operators: cutting and
// restoring the link to one peer (the libp2p implementation gates the peer's
// connections; transport/mem cuts the link). Both ends see a PeerEvent.
type Disconnector interface {
	// Disconnect closes the connection to peer and refuses new ones until
	// Reconnect. Messages between the two are lost meanwhile.
	Disconnect(ctx context.Context, peer PeerID) error
	// Reconnect lifts Disconnect and reconnects to peer; it returns once
	// connected, or with an error when ctx ends first.
	Reconnect(ctx context.Context, peer PeerID) error
}

// Gater is an optional capability: a transport that admits only listed peers
// (a validator set) and follows the list as it changes, at every epoch change
// (transport/p2p gates connections and gossip by it).
type Gater interface {
	// SetAllowed replaces the peers admitted: connections to and from peers
	// no longer in it are closed and refused, and their messages dropped.
	SetAllowed(peers []PeerID) error
}

// Stats are a transport's counters since it was made.
type Stats struct {
	Published   uint64 // Publish calls that succeeded
	Sent        uint64 // Send calls that succeeded
	RequestsOut uint64 // Request calls that got a response
	RequestsIn  uint64 // requests answered by a handler (without error)
	Received    uint64 // messages delivered to the Inbox
	BytesIn     uint64 // bytes of the messages delivered to the Inbox
	BytesOut    uint64 // bytes handed over by Publish (once per peer) and Send

	DroppedFull     uint64 // inbound messages dropped because the Inbox was full
	DroppedOversize uint64 // inbound messages, requests or responses over MaxMessageSize
	DroppedEvents   uint64 // peer events dropped because PeerEvents was full
}

// StatsReporter is an optional capability: a transport that counts.
type StatsReporter interface {
	Stats() Stats
}

// Event is a count of something an implementation does beyond what Stats
// covers (a refused connection, a dropped gossip message), under a stable
// snake_case name.
type Event struct {
	Name  string
	Count uint64
}

// EventReporter is an optional capability: a transport that counts events of
// its own kind, for metrics that do not know the implementation.
type EventReporter interface {
	// Events returns every counter, in a fixed order.
	Events() []Event
}

// CheckName returns an error wrapping ErrInvalidName unless name is a valid topic
// or protocol name: 1 to MaxNameLen bytes. Implementations call it on every
// Publish, Send, Request and Handle.
func CheckName(name string) error {
	if name == "" || len(name) > MaxNameLen {
		return fmt.Errorf("%w: %d bytes, want 1 to %d", ErrInvalidName, len(name), MaxNameLen)
	}
	return nil
}

// RemoteError returns the error a requester sees when the peer's handler failed
// with text msg: it wraps ErrRemote and keeps at most MaxRemoteErrorLen bytes of
// msg. Implementations use it so that callers see one form.
func RemoteError(peer PeerID, protocol, msg string) error {
	if len(msg) > MaxRemoteErrorLen {
		msg = strings.ToValidUTF8(msg[:MaxRemoteErrorLen], "")
	}
	return fmt.Errorf("%w: %s from %s: %s", ErrRemote, protocol, peer.Short(), msg)
}
