package p2p

import (
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/depinkit/depinkit/transport"
)

// Defaults of Config.
const (
	// DefaultPeerQueue is the capacity, in messages, of each peer's outbound
	// queues: gossipsub's and the one of Send.
	DefaultPeerQueue = 1024
	// DefaultRedialInterval is how often a host dials the bootstrap peers it is
	// not connected to.
	DefaultRedialInterval = 2 * time.Second
	// DefaultStreamTimeout bounds reading a request and writing a response or a
	// batch of messages on a stream.
	DefaultStreamTimeout = 30 * time.Second
	// DefaultMDNSService is the mDNS service name hosts look for when Config.MDNS
	// is set.
	DefaultMDNSService = "depinkit"
)

// DefaultListenAddrs are the addresses a host listens on when
// Config.ListenAddrs is empty: TCP and QUIC on the loopback interface, on ports
// the system picks. A node that other machines must reach sets its own.
var DefaultListenAddrs = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}

// Config configures a Host. Key is required, and so is Allowed unless Open;
// other zero fields take the defaults their comments give.
type Config struct {
	// Config holds the limits every transport takes; zero fields take
	// transport's defaults.
	transport.Config

	// Key is the host's identity: a validator's consensus key. Its public half
	// is the host's PeerID and, as an identity multihash, its libp2p peer ID.
	Key ed25519.PrivateKey

	// ListenAddrs are the multiaddrs to listen on ("/ip4/0.0.0.0/tcp/4001",
	// "/ip4/0.0.0.0/udp/4001/quic-v1"). Default DefaultListenAddrs.
	ListenAddrs []string
	// Bootstrap are peers to connect to, as multiaddrs ending in their peer ID
	// ("/ip4/10.0.0.2/tcp/4001/p2p/12D3Koo..."). The host dials them when it
	// starts and again, every RedialInterval, while not connected.
	Bootstrap []string
	// RedialInterval is how often the host dials the bootstrap peers it is not
	// connected to. Default DefaultRedialInterval; negative: never again after
	// the start.
	RedialInterval time.Duration

	// Topics are the gossipsub topics the host joins, for good: Publish on them
	// goes through gossipsub, and messages on them reach the Inbox. Publish on
	// another topic sends the message directly to each connected peer (a peer
	// receives it whatever topics it joined).
	Topics []string

	// Allowed are the peers the host admits: the validator set. Connections
	// from and to others are refused, and gossip messages they wrote or relayed
	// are rejected (and their relayers scored down). Replace it with
	// Host.SetAllowed. Required (non-empty) unless Open.
	Allowed []transport.PeerID
	// Open admits every peer: no gating, for networks of non-validators and
	// tests. Allowed is then ignored.
	Open bool

	// MDNS turns on local discovery with multicast DNS: the host connects to the
	// (admitted) hosts it finds on the local network. Default off.
	MDNS bool
	// MDNSService is the service name of mDNS discovery; hosts find the hosts
	// of the same name. Default DefaultMDNSService.
	MDNSService string

	// PeerQueue is the capacity, in messages, of each peer's outbound queues
	// (gossipsub's and the one of Send): what finds a queue full is dropped and
	// counted. Default DefaultPeerQueue.
	PeerQueue int
	// StreamTimeout bounds reading a request and writing a response or a batch
	// of sent messages. Default DefaultStreamTimeout.
	StreamTimeout time.Duration

	// Logger receives the host's debug and warning lines. Default: discarded.
	Logger *slog.Logger
}

// Validate fills zero fields with their defaults and rejects invalid ones with
// an error wrapping transport.ErrConfig.
func (c *Config) Validate() error {
	if err := c.Config.Validate(); err != nil {
		return fmt.Errorf("p2p: %w", err)
	}
	if len(c.Key) != ed25519.PrivateKeySize {
		return fmt.Errorf("p2p: %w: Key is %d bytes, want an ed25519 private key of %d", transport.ErrConfig, len(c.Key), ed25519.PrivateKeySize)
	}
	if !c.Open && len(c.Allowed) == 0 {
		return fmt.Errorf("p2p: %w: no Allowed peers and not Open: the host would admit nobody", transport.ErrConfig)
	}
	for _, a := range c.ListenAddrs {
		if _, err := ma.NewMultiaddr(a); err != nil {
			return fmt.Errorf("p2p: %w: listen address %q: %v", transport.ErrConfig, a, err)
		}
	}
	for _, b := range c.Bootstrap {
		if _, err := peer.AddrInfoFromString(b); err != nil {
			return fmt.Errorf("p2p: %w: bootstrap peer %q (want a multiaddr ending in /p2p/ID): %v", transport.ErrConfig, b, err)
		}
	}
	seen := map[string]bool{}
	for _, t := range c.Topics {
		if err := transport.CheckName(t); err != nil {
			return fmt.Errorf("p2p: %w: topic %q: %v", transport.ErrConfig, t, err)
		}
		if seen[t] {
			return fmt.Errorf("p2p: %w: topic %q listed twice", transport.ErrConfig, t)
		}
		seen[t] = true
	}
	switch {
	case c.PeerQueue < 0:
		return fmt.Errorf("p2p: %w: PeerQueue %d is negative", transport.ErrConfig, c.PeerQueue)
	case c.StreamTimeout < 0:
		return fmt.Errorf("p2p: %w: StreamTimeout %v is negative", transport.ErrConfig, c.StreamTimeout)
	}
	if len(c.ListenAddrs) == 0 {
		c.ListenAddrs = DefaultListenAddrs
	}
	if c.RedialInterval == 0 {
		c.RedialInterval = DefaultRedialInterval
	}
	if c.MDNSService == "" {
		c.MDNSService = DefaultMDNSService
	}
	if c.PeerQueue == 0 {
		c.PeerQueue = DefaultPeerQueue
	}
	if c.StreamTimeout == 0 {
		c.StreamTimeout = DefaultStreamTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}
