package mem

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/depinkit/depinkit/transport"
)

// ErrDuplicate reports a Join with a key that is already in the network.
var ErrDuplicate = errors.New("mem: peer already joined")

// Config configures a Network. The zero value is valid: a perfect network
// (no loss, no latency) with transport's default limits.
type Config struct {
	// Config holds the limits of every endpoint; JoinConfig overrides them for one.
	transport.Config
	// Seed seeds the random source that drops messages and draws latencies: the
	// same seed and the same sequence of calls give the same losses and delays.
	Seed uint64
	// DropRate is the probability, 0 to 1, that a published or sent message is
	// lost on its way to one peer. Requests are never dropped (they run on
	// streams that either answer or fail).
	DropRate float64
	// Latency delays every message, request and response by Latency plus a
	// uniform draw from [0, Jitter). Zero Latency and Jitter: a message is in the
	// receiver's Inbox when Publish or Send returns, and the messages from one
	// sender reach a receiver in order (jitter reorders them).
	Latency, Jitter time.Duration
}

// Network is an in-process network of endpoints, for tests and simulations:
// every endpoint is connected to every other one unless a test cuts the link.
// Its methods are safe for concurrent use.
type Network struct {
	cfg transport.Config

	mu       sync.Mutex
	rng      *rand.Rand
	dropRate float64
	latency  time.Duration
	jitter   time.Duration
	peers    []*Endpoint // sorted by ID
	cut      map[link]bool
	lost     uint64
	closed   bool
}

// link is an unordered pair of peers, lower ID first.
type link struct{ a, b transport.PeerID }

func linkOf(a, b transport.PeerID) link {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return link{a, b}
}

// NewNetwork returns an empty network.
func NewNetwork(cfg Config) (*Network, error) {
	if err := cfg.Config.Validate(); err != nil {
		return nil, err
	}
	n := &Network{
		cfg: cfg.Config,
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		cut: map[link]bool{},
	}
	if err := n.SetDropRate(cfg.DropRate); err != nil {
		return nil, err
	}
	if err := n.SetLatency(cfg.Latency, cfg.Jitter); err != nil {
		return nil, err
	}
	return n, nil
}

// Join adds an endpoint with the identity key, connected to every endpoint in the
// network, with the network's limits. A key may join again after its endpoint
// is closed (a restart).
func (n *Network) Join(key ed25519.PublicKey) (*Endpoint, error) {
	return n.JoinConfig(key, n.cfg)
}

// JoinConfig is Join with the endpoint's own limits.
func (n *Network) JoinConfig(key ed25519.PublicKey, cfg transport.Config) (*Endpoint, error) {
	id, err := transport.IDFromPublicKey(key)
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil, fmt.Errorf("mem: join %s: %w", id.Short(), transport.ErrClosed)
	}
	i, found := slices.BinarySearchFunc(n.peers, id, func(e *Endpoint, id transport.PeerID) int {
		return bytes.Compare(e.id[:], id[:])
	})
	if found {
		return nil, fmt.Errorf("%w: %s", ErrDuplicate, id.Short())
	}
	e := newEndpoint(n, id, cfg)
	for _, p := range n.peers {
		if !n.cut[linkOf(id, p.id)] {
			p.event(transport.PeerEvent{Peer: id, Connected: true})
			e.event(transport.PeerEvent{Peer: p.id, Connected: true})
		}
	}
	n.peers = slices.Insert(n.peers, i, e)
	e.wg.Add(1)
	go e.pump()
	return e, nil
}

// SetDropRate sets the probability, 0 to 1, that a message is lost.
func (n *Network) SetDropRate(p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("%w: drop rate %v, want 0 to 1", transport.ErrConfig, p)
	}
	n.mu.Lock()
	n.dropRate = p
	n.mu.Unlock()
	return nil
}

// SetLatency sets the delay of every later message: latency plus a uniform draw
// from [0, jitter).
func (n *Network) SetLatency(latency, jitter time.Duration) error {
	if latency < 0 || jitter < 0 {
		return fmt.Errorf("%w: latency %v, jitter %v: negative", transport.ErrConfig, latency, jitter)
	}
	n.mu.Lock()
	n.latency, n.jitter = latency, jitter
	n.mu.Unlock()
	return nil
}

// Lost returns the number of messages the drop rate has dropped.
func (n *Network) Lost() uint64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.lost
}

// Cut cuts the link between a and b: messages between them are lost and
// requests fail, until Restore or Heal. Both see a disconnection.
func (n *Network) Cut(a, b transport.PeerID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.setLink(a, b, false)
}

// Restore restores the link between a and b. Both see a connection.
func (n *Network) Restore(a, b transport.PeerID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.setLink(a, b, true)
}

// Isolate cuts every link of p.
func (n *Network) Isolate(p transport.PeerID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, q := range n.peers {
		n.setLink(p, q.id, false)
	}
}

// Partition splits the peers in the network into groups: links within a group
// are restored, links between groups cut. Peers in none of the groups form one
// more group.
func (n *Network) Partition(groups ...[]transport.PeerID) {
	n.mu.Lock()
	defer n.mu.Unlock()
	group := map[transport.PeerID]int{}
	for g, members := range groups {
		for _, p := range members {
			group[p] = g + 1
		}
	}
	for i, p := range n.peers {
		for _, q := range n.peers[i+1:] {
			n.setLink(p.id, q.id, group[p.id] == group[q.id])
		}
	}
}

// Heal restores every link.
func (n *Network) Heal() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for l := range n.cut {
		n.setLink(l.a, l.b, true)
	}
}

// Close closes every endpoint; Join fails afterwards.
func (n *Network) Close() error {
	n.mu.Lock()
	n.closed = true
	peers := slices.Clone(n.peers)
	n.mu.Unlock()
	for _, p := range peers {
		_ = p.Close()
	}
	return nil
}

// setLink changes the link between a and b and tells both ends. n.mu is held.
func (n *Network) setLink(a, b transport.PeerID, up bool) {
	if a == b {
		return
	}
	l := linkOf(a, b)
	if n.cut[l] == !up {
		return
	}
	if up {
		delete(n.cut, l)
	} else {
		n.cut[l] = true
	}
	ea, eb := n.lookup(a), n.lookup(b)
	if ea != nil && eb != nil {
		ea.event(transport.PeerEvent{Peer: b, Connected: up})
		eb.event(transport.PeerEvent{Peer: a, Connected: up})
	}
}

// lookup returns the endpoint of id, or nil. n.mu is held.
func (n *Network) lookup(id transport.PeerID) *Endpoint {
	i, found := slices.BinarySearchFunc(n.peers, id, func(e *Endpoint, id transport.PeerID) int {
		return bytes.Compare(e.id[:], id[:])
	})
	if !found {
		return nil
	}
	return n.peers[i]
}

// leave removes a closing endpoint and tells its peers. n.mu is not held.
func (n *Network) leave(e *Endpoint) {
	n.mu.Lock()
	defer n.mu.Unlock()
	i := slices.Index(n.peers, e)
	if i < 0 {
		return
	}
	n.peers = slices.Delete(n.peers, i, i+1)
	for _, p := range n.peers {
		if !n.cut[linkOf(e.id, p.id)] {
			p.event(transport.PeerEvent{Peer: e.id, Connected: false})
		}
	}
}

// hop is one delivery decided by the network: to whom, after how long.
type hop struct {
	to    *Endpoint
	delay time.Duration
}

// route decides the fate of one message from -> to: an error if the peer cannot
// be reached, lost (drop rate), or a hop. n.mu is held.
func (n *Network) route(from, to transport.PeerID, lossy bool) (h hop, lost bool, err error) {
	if from == to {
		return hop{}, false, fmt.Errorf("%w: %s is the sender itself", transport.ErrUnreachable, to.Short())
	}
	e := n.lookup(to)
	if e == nil {
		return hop{}, false, fmt.Errorf("%w: %s is not in the network", transport.ErrUnreachable, to.Short())
	}
	if n.cut[linkOf(from, to)] {
		return hop{}, false, fmt.Errorf("%w: %s is disconnected", transport.ErrUnreachable, to.Short())
	}
	if lossy && n.dropRate > 0 && n.rng.Float64() < n.dropRate {
		n.lost++
		return hop{}, true, nil
	}
	d := n.latency
	if n.jitter > 0 {
		d += time.Duration(n.rng.Int64N(int64(n.jitter)))
	}
	return hop{to: e, delay: d}, false, nil
}

// routeOne routes a message or request to one peer.
func (n *Network) routeOne(from, to transport.PeerID, lossy bool) (hop, bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.route(from, to, lossy)
}

// routeAll routes a published message to every connected peer, in ID order (so
// that the seeded random draws are reproducible).
func (n *Network) routeAll(from transport.PeerID) []hop {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]hop, 0, len(n.peers))
	for _, p := range n.peers {
		if p.id == from || n.cut[linkOf(from, p.id)] {
			continue
		}
		if h, lost, err := n.route(from, p.id, true); err == nil && !lost {
			out = append(out, h)
		}
	}
	return out
}

// linked reports whether the link between from and to is up (for delayed
// deliveries: a message in flight when its link is cut is lost).
func (n *Network) linked(from, to transport.PeerID) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return !n.cut[linkOf(from, to)]
}

// peersOf lists the peers connected to id.
func (n *Network) peersOf(id transport.PeerID) []transport.PeerID {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []transport.PeerID
	for _, p := range n.peers {
		if p.id != id && !n.cut[linkOf(id, p.id)] {
			out = append(out, p.id)
		}
	}
	return out // n.peers is sorted
}
