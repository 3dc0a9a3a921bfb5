package p2p

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	"github.com/libp2p/go-libp2p/p2p/host/eventbus"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	quic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"

	"github.com/depinkit/depinkit/transport"
)

// Host is a validator's libp2p node. It implements transport.Transport,
// transport.Disconnector and transport.StatsReporter.
type Host struct {
	cfg  Config
	self transport.PeerID
	pid  peer.ID
	host host.Host
	gate *gate

	ps     *pubsub.PubSub
	topics map[string]*pubsub.Topic // the joined topics; fixed after New
	subs   []*pubsub.Subscription
	evsub  event.Subscription
	mdns   io.Closer
	boot   []peer.AddrInfo

	inbox  *transport.PeerInbox
	events chan transport.PeerEvent

	// mu guards closed, handlers and sends on inbox and events (read-locked),
	// so that Close (write-locked) can close the channels; and the starts of
	// goroutines (read-locked), so that Close waits for all of them.
	mu       sync.RWMutex
	closed   bool
	handlers map[string]transport.Handler

	ctx    context.Context    // canceled by Close: handlers, pending calls, pubsub
	cancel context.CancelFunc // cancels ctx
	wg     sync.WaitGroup     // every goroutine the host started

	qmu    sync.Mutex
	queues map[peer.ID]*queue // outbound message queues, one per peer

	connected atomic.Int64 // peers connected, for Stats.BytesOut

	smu    sync.Mutex
	scores map[peer.ID]float64 // gossipsub's scores, as of the last inspection
	stats  counters
}

var (
	_ transport.Transport     = (*Host)(nil)
	_ transport.Disconnector  = (*Host)(nil)
	_ transport.StatsReporter = (*Host)(nil)
	_ transport.EventReporter = (*Host)(nil)
	_ transport.Gater         = (*Host)(nil)
)

// New starts a host: it listens on cfg.ListenAddrs, joins cfg.Topics and
// dials the bootstrap peers in the background. ctx bounds the start, not the
// host's life: Close ends it.
func New(ctx context.Context, cfg Config) (*Host, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("p2p: new host: %w", err)
	}
	priv, err := crypto.UnmarshalEd25519PrivateKey(cfg.Key)
	if err != nil {
		return nil, fmt.Errorf("p2p: %w: key: %v", transport.ErrConfig, err)
	}
	pid, err := peer.IDFromPrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("p2p: %w: key: %v", transport.ErrConfig, err)
	}
	self, err := transport.IDFromPublicKey(cfg.Key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, fmt.Errorf("p2p: %w: key: %v", transport.ErrConfig, err)
	}
	h := &Host{
		cfg:      cfg,
		self:     self,
		pid:      pid,
		topics:   map[string]*pubsub.Topic{},
		inbox:    transport.NewPeerInbox(cfg.Config),
		events:   make(chan transport.PeerEvent, cfg.EventBuffer),
		handlers: map[string]transport.Handler{},
		queues:   map[peer.ID]*queue{},
	}
	h.gate = newGate(pid, cfg.Open, &h.stats.refused)
	if err := h.SetAllowed(cfg.Allowed); err != nil {
		h.inbox.Close()
		return nil, err
	}
	for _, b := range cfg.Bootstrap {
		ai, _ := peer.AddrInfoFromString(b) // checked by Validate
		if ai.ID != pid {
			h.boot = append(h.boot, *ai)
		}
	}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	if err := h.start(priv); err != nil {
		h.cancel()
		h.inbox.Close()
		if h.evsub != nil {
			_ = h.evsub.Close()
		}
		if h.host != nil {
			_ = h.host.Close()
		}
		return nil, err
	}
	return h, nil
}

// start builds the libp2p host, gossipsub and the goroutines.
func (h *Host) start(priv crypto.PrivKey) error {
	var err error
	h.host, err = libp2p.New(
		libp2p.Identity(priv),
		libp2p.ListenAddrStrings(h.cfg.ListenAddrs...),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(quic.NewTransport),
		libp2p.ConnectionGater(h.gate),
		libp2p.DisableRelay(),
		libp2p.DisableMetrics(),
		libp2p.Ping(false),
		libp2p.UserAgent("depinkit"),
	)
	if err != nil {
		return fmt.Errorf("p2p: start libp2p: %w", err)
	}
	for _, ai := range h.boot {
		h.host.Peerstore().AddAddrs(ai.ID, ai.Addrs, peerstore.PermanentAddrTTL)
	}
	// Subscribe before any connection, so that no event is missed.
	h.evsub, err = h.host.EventBus().Subscribe(new(event.EvtPeerConnectednessChanged), eventbus.BufSize(256))
	if err != nil {
		return fmt.Errorf("p2p: subscribe to peer events: %w", err)
	}
	params, thresholds := h.scoreParams()
	h.ps, err = pubsub.NewGossipSub(h.ctx, h.host,
		pubsub.WithMessageSignaturePolicy(pubsub.StrictSign),
		pubsub.WithMaxMessageSize(h.cfg.MaxMessageSize+gossipOverhead),
		pubsub.WithPeerOutboundQueueSize(h.cfg.PeerQueue),
		pubsub.WithValidateQueueSize(h.cfg.PeerQueue),
		pubsub.WithPeerScore(params, thresholds),
		pubsub.WithPeerScoreInspect(pubsub.PeerScoreInspectFn(h.keepScores), scoreInterval),
		// A validator's own messages go to every peer of the topic at once, not
		// only to its mesh peers: the lowest latency, and no wait for a mesh.
		pubsub.WithFloodPublish(true),
		pubsub.WithPeerExchange(false),
		pubsub.WithLogger(h.cfg.Logger),
	)
	if err != nil {
		return fmt.Errorf("p2p: start gossipsub: %w", err)
	}
	for _, name := range h.cfg.Topics {
		if err := h.ps.RegisterTopicValidator(name, h.validate, pubsub.WithValidatorInline(true)); err != nil {
			return fmt.Errorf("p2p: topic %q: %w", name, err)
		}
		t, err := h.ps.Join(name)
		if err != nil {
			return fmt.Errorf("p2p: join topic %q: %w", name, err)
		}
		sub, err := t.Subscribe(pubsub.WithBufferSize(h.cfg.InboxSize))
		if err != nil {
			return fmt.Errorf("p2p: subscribe to topic %q: %w", name, err)
		}
		h.topics[name], h.subs = t, append(h.subs, sub)
	}
	h.host.SetStreamHandler(msgProtocol, h.handleMessages)
	h.host.SetStreamHandler(reqProtocol, h.handleRequest)
	h.host.SetStreamHandler(cutProtocol, h.handleCut)
	for _, sub := range h.subs {
		h.wg.Go(func() { h.readTopic(sub) })
	}
	h.wg.Go(h.watchPeers)
	h.wg.Go(h.redial)
	if h.cfg.MDNS {
		svc := mdns.NewMdnsService(h.host, h.cfg.MDNSService, discovered{h})
		if err := svc.Start(); err != nil {
			return fmt.Errorf("p2p: start mDNS: %w", err)
		}
		h.mdns = svc
	}
	return nil
}

type counters struct {
	published, sent, requestsOut, requestsIn, received, bytesIn, bytesOut atomic.Uint64
	droppedFull, droppedOversize, droppedEvents                           atomic.Uint64
	refused, notAllowed, malformed, queueFull, sendFailed                 atomic.Uint64
}

// Stats are a host's counters: the transport's, and what its gating and
// streams dropped.
type Stats struct {
	transport.Stats
	// Refused counts connections the gate refused: peers not allowed, or cut
	// by Disconnect.
	Refused uint64
	// NotAllowed counts gossip messages rejected because their author or the
	// peer that relayed them is not allowed; gossipsub scores the relayer down.
	NotAllowed uint64
	// Malformed counts inbound streams reset for a frame that does not parse.
	Malformed uint64
	// QueueFull counts outbound messages dropped because a peer's send queue
	// was full (a slow peer).
	QueueFull uint64
	// SendFailed counts outbound messages lost because the stream to the peer
	// failed.
	SendFailed uint64
}

// Stats implements transport.StatsReporter.
func (h *Host) Stats() transport.Stats { return h.Counters().Stats }

// Counters returns all of the host's counters.
func (h *Host) Counters() Stats {
	c := &h.stats
	return Stats{
		Stats: transport.Stats{
			Published: c.published.Load(), Sent: c.sent.Load(),
			RequestsOut: c.requestsOut.Load(), RequestsIn: c.requestsIn.Load(),
			Received: c.received.Load(), BytesIn: c.bytesIn.Load(), BytesOut: c.bytesOut.Load(),
			DroppedFull: c.droppedFull.Load(), DroppedOversize: c.droppedOversize.Load(), DroppedEvents: c.droppedEvents.Load(),
		},
		Refused: c.refused.Load(), NotAllowed: c.notAllowed.Load(), Malformed: c.malformed.Load(),
		QueueFull: c.queueFull.Load(), SendFailed: c.sendFailed.Load(),
	}
}

// Events implements transport.EventReporter with the counters of Stats that
// transport.Stats does not have.
func (h *Host) Events() []transport.Event {
	c := h.Counters()
	return []transport.Event{
		{Name: "refused_connection", Count: c.Refused},
		{Name: "not_allowed_gossip", Count: c.NotAllowed},
		{Name: "malformed_frame", Count: c.Malformed},
		{Name: "send_queue_full", Count: c.QueueFull},
		{Name: "send_failed", Count: c.SendFailed},
	}
}

// Self implements transport.Transport.
func (h *Host) Self() transport.PeerID { return h.self }

// MaxMessageSize implements transport.Transport.
func (h *Host) MaxMessageSize() int { return h.cfg.MaxMessageSize }

// Inbox implements transport.Transport.
func (h *Host) Inbox() <-chan transport.Envelope { return h.inbox.C() }

// PeerEvents implements transport.Transport.
func (h *Host) PeerEvents() <-chan transport.PeerEvent { return h.events }

// Addrs returns the multiaddrs other hosts dial to reach this one, each ending
// in its peer ID: what their Config.Bootstrap lists.
func (h *Host) Addrs() []string {
	var out []string
	for _, a := range h.host.Addrs() {
		out = append(out, a.String()+"/p2p/"+h.pid.String())
	}
	return out
}

// Peers implements transport.Transport.
func (h *Host) Peers() []transport.PeerID {
	if h.isClosed() {
		return nil
	}
	var out []transport.PeerID
	for _, p := range h.host.Network().Peers() {
		if h.host.Network().Connectedness(p) != network.Connected {
			continue
		}
		if id, err := FromLibp2p(p); err == nil {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, compareIDs)
	return out
}

// TopicPeers returns the connected peers known to have joined topic, in
// ascending order: those a Publish on it reaches directly. It is empty for a
// topic the host did not join.
func (h *Host) TopicPeers(topic string) []transport.PeerID {
	t := h.topics[topic]
	if t == nil || h.isClosed() {
		return nil
	}
	var out []transport.PeerID
	for _, p := range t.ListPeers() {
		if id, err := FromLibp2p(p); err == nil {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, compareIDs)
	return out
}

// SetAllowed replaces the peers the host admits (the validator set, after an
// epoch change) and closes the connections to peers no longer in it. On an
// Open host it only records the list.
func (h *Host) SetAllowed(ids []transport.PeerID) error {
	pids := make([]peer.ID, 0, len(ids))
	for _, id := range ids {
		p, err := ToLibp2p(id)
		if err != nil {
			return err
		}
		pids = append(pids, p)
	}
	h.gate.setAllowed(pids)
	if h.host == nil {
		return nil
	}
	for _, p := range h.host.Network().Peers() {
		if !h.gate.member(p) {
			_ = h.host.Network().ClosePeer(p)
		}
	}
	return nil
}

// Handle implements transport.Transport. An invalid protocol name is ignored
// (no request can name it).
func (h *Host) Handle(protocol string, handler transport.Handler) {
	if transport.CheckName(protocol) != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if handler == nil {
		delete(h.handlers, protocol)
		return
	}
	h.handlers[protocol] = handler
}

func (h *Host) handler(protocol string) transport.Handler {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.handlers[protocol]
}

func (h *Host) isClosed() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.closed
}

// track counts a goroutine the host is about to run (or is running: a stream
// handler libp2p started) unless the host is closed; the goroutine calls
// h.wg.Done when it ends.
func (h *Host) track() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		return false
	}
	h.wg.Add(1)
	return true
}

// check runs the checks every outgoing call starts with.
func (h *Host) check(ctx context.Context, op, name string, size int) error {
	if h.isClosed() {
		return fmt.Errorf("p2p: %s: %w", op, transport.ErrClosed)
	}
	if err := transport.CheckName(name); err != nil {
		return fmt.Errorf("p2p: %s: %w", op, err)
	}
	if size > h.cfg.MaxMessageSize {
		return fmt.Errorf("p2p: %s %q: %w: %d bytes, at most %d", op, name, transport.ErrTooLarge, size, h.cfg.MaxMessageSize)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("p2p: %s %q: %w", op, name, err)
	}
	return nil
}

// target returns the libp2p ID of a connected peer, or an error wrapping
// transport.ErrUnreachable.
func (h *Host) target(op, name string, to transport.PeerID) (peer.ID, error) {
	if to == h.self {
		return "", fmt.Errorf("p2p: %s %q: %w: itself", op, name, transport.ErrUnreachable)
	}
	p, err := ToLibp2p(to)
	if err != nil {
		return "", fmt.Errorf("p2p: %s %q: %w: %v", op, name, transport.ErrUnreachable, err)
	}
	if h.host.Network().Connectedness(p) != network.Connected {
		return "", fmt.Errorf("p2p: %s %q: %w: %s not connected", op, name, transport.ErrUnreachable, to.Short())
	}
	return p, nil
}

// callErr wraps the error of a call: transport.ErrClosed if the host closed,
// the context's error if it ended, else transport.ErrUnreachable with the cause.
func (h *Host) callErr(ctx context.Context, what string, err error) error {
	switch {
	case h.ctx.Err() != nil:
		return fmt.Errorf("p2p: %s: %w", what, transport.ErrClosed)
	case ctx.Err() != nil:
		return fmt.Errorf("p2p: %s: %w", what, ctx.Err())
	case errors.Is(err, transport.ErrClosed), errors.Is(err, transport.ErrUnreachable), isAnswer(err):
		return fmt.Errorf("p2p: %s: %w", what, err)
	default:
		return fmt.Errorf("p2p: %s: %w: %v", what, transport.ErrUnreachable, err)
	}
}

// deliver puts env in the Inbox, or drops and counts it.
func (h *Host) deliver(env transport.Envelope) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		return
	}
	if h.inbox.Put(env) {
		h.stats.received.Add(1)
		h.stats.bytesIn.Add(uint64(len(env.Data)))
	} else {
		h.stats.droppedFull.Add(1)
	}
}

// event sends a peer event, or drops and counts it.
func (h *Host) event(ev transport.PeerEvent) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		return
	}
	select {
	case h.events <- ev:
	default:
		h.stats.droppedEvents.Add(1)
	}
}

// Close implements transport.Transport.
func (h *Host) Close() error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	h.inbox.Close()
	close(h.events)
	h.mu.Unlock()
	h.cancel()
	if h.mdns != nil {
		_ = h.mdns.Close()
	}
	h.qmu.Lock()
	for p, q := range h.queues {
		close(q.stop)
		delete(h.queues, p)
	}
	h.qmu.Unlock()
	for _, sub := range h.subs {
		sub.Cancel()
	}
	_ = h.evsub.Close()
	err := h.host.Close()
	h.wg.Wait()
	if err != nil {
		return fmt.Errorf("p2p: close: %w", err)
	}
	return nil
}
