package dagtransport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/transport"
)

// Default topic and protocol names.
const (
	// DefaultTopic carries blocks broadcast by their authors.
	DefaultTopic = "/depinkit/dag/block/1"
	// DefaultProtocol carries point-to-point messages (fetch requests and
	// responses).
	DefaultProtocol = "/depinkit/dag/msg/1"
)

// ErrNotValidator reports a call for an epoch this node is not a validator of,
// or a message to an index that is no validator.
var ErrNotValidator = errors.New("dagtransport: not a validator")

// blockMessageOverhead bounds the bytes a block message adds to its block: the
// message's array, version, type, epoch, indices, empty fields and the block's
// byte-string head.
const blockMessageOverhead = 64

// keptEpochs is how many validator sets the adapter keeps: the current epoch's
// and the previous one's (validators still finishing it).
const keptEpochs = 2

// Config configures an Adapter. Transport and Validators are required; other
// zero fields take the defaults their comments give.
type Config struct {
	// Transport carries the messages. The adapter reads its Inbox and does not
	// close it.
	Transport transport.Transport
	// Validators is the validator set of Epoch; their ed25519 keys are their
	// PeerIDs. The transport's own ID must be among them.
	Validators *chain.ValidatorSet
	// Epoch numbers Validators.
	Epoch uint64
	// Limits bound inbound messages. Zero fields: dag.DefaultMessageLimits. Its
	// block Limits must be the node's (dag.Config.Limits), and a largest block
	// must fit in a message of the transport: New checks.
	Limits dag.MessageLimits
	// Topic carries blocks. Default DefaultTopic.
	Topic string
	// Protocol carries point-to-point messages. Default DefaultProtocol.
	Protocol string
	// Direct sends each block to every other validator of its epoch on
	// Protocol (one encoding for all of them) instead of publishing it on
	// Topic. It spares the gossip layer's per-message signature, hashing and
	// relaying: a block is signed by its author, and the transport
	// authenticates its sender. Nothing relays a block to a validator the
	// author is not connected to: that one fetches it once a later block refers
	// to it. Default false: gossip.
	Direct bool
	// Buffer is the capacity of Receive. Default 1024.
	Buffer int
	// Unhandled receives the envelopes of other topics and protocols, in the
	// adapter's goroutine (it must not block). Default: dropped and counted.
	Unhandled func(transport.Envelope)
	// Logger receives one debug line per dropped message. Default: discarded.
	Logger *slog.Logger
}

// Stats are an Adapter's counters.
type Stats struct {
	Received   uint64 // messages delivered to Receive
	Broadcast  uint64 // blocks broadcast (published, or sent to every validator with Config.Direct)
	Sent       uint64 // encoded messages sent (a split fetch response counts each part; a direct broadcast one per validator)
	Split      uint64 // fetch responses split to fit the transport's message size
	SendErrors uint64 // Broadcast and Send calls that failed

	// Inbound messages dropped, by reason.
	NotValidator uint64 // from a peer in no kept validator set
	Malformed    uint64 // undecodable, or not a block on the topic
	Spoofed      uint64 // the claimed sender is not the authenticated one
	Misdirected  uint64 // addressed to another validator
	UnknownEpoch uint64 // of an epoch older than the kept sets
	Unhandled    uint64 // other topics and protocols, without Config.Unhandled
}

// Adapter implements dag.Transport on a transport.Transport: blocks are
// published on a topic, other messages sent to one peer, all in the dag wire
// encoding (dag.Message.Marshal). Validator indices map to PeerIDs through the
// validator set's keys. Inbound messages are authenticated: the sender must be
// a validator and the message's From its index; anything else is dropped and
// counted.
type Adapter struct {
	tr        transport.Transport
	limits    dag.MessageLimits
	topic     string
	protocol  string
	unhandled func(transport.Envelope)
	direct    bool
	log       *slog.Logger
	out       chan dag.Message

	mu   sync.RWMutex
	sets []epochSet // newest last

	closing   chan struct{}
	closeOnce sync.Once
	done      chan struct{}

	stats struct {
		received, broadcast, sent, split, sendErrors                                atomic.Uint64
		notValidator, malformed, spoofed, misdirected, unknownEpoch, unhandledCount atomic.Uint64
	}
}

type epochSet struct {
	epoch uint64
	set   *chain.ValidatorSet
	self  uint32
}

var _ dag.Transport = (*Adapter)(nil)

// New returns an Adapter and starts its goroutine, which reads the transport's
// Inbox until Close or the transport closes.
func New(cfg Config) (*Adapter, error) {
	if cfg.Transport == nil {
		return nil, fmt.Errorf("dagtransport: %w: Transport missing", dag.ErrConfig)
	}
	if cfg.Validators == nil {
		return nil, fmt.Errorf("dagtransport: %w: Validators missing", dag.ErrConfig)
	}
	if cfg.Topic == "" {
		cfg.Topic = DefaultTopic
	}
	if cfg.Protocol == "" {
		cfg.Protocol = DefaultProtocol
	}
	for _, name := range []string{cfg.Topic, cfg.Protocol} {
		if err := transport.CheckName(name); err != nil {
			return nil, fmt.Errorf("dagtransport: %w: %w", dag.ErrConfig, err)
		}
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = 1024
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	a := &Adapter{
		tr:        cfg.Transport,
		limits:    cfg.Limits,
		topic:     cfg.Topic,
		protocol:  cfg.Protocol,
		unhandled: cfg.Unhandled,
		direct:    cfg.Direct,
		log:       log,
		out:       make(chan dag.Message, cfg.Buffer),
		closing:   make(chan struct{}),
		done:      make(chan struct{}),
	}
	if err := a.SetValidators(cfg.Epoch, cfg.Validators); err != nil {
		return nil, err
	}
	blockBytes := cfg.Limits.MaxBlockBytes
	if blockBytes <= 0 {
		blockBytes = dag.DefaultLimits.MaxBlockBytes
	}
	if blockBytes+blockMessageOverhead > a.maxBytes() {
		return nil, fmt.Errorf("dagtransport: %w: blocks of up to %d bytes do not fit in messages of %d bytes (the transport's MaxMessageSize or Limits.MaxMessageBytes)",
			dag.ErrConfig, blockBytes, a.maxBytes())
	}
	go a.run()
	return a, nil
}

// SetValidators adds the validator set of a new epoch; the adapter keeps it and
// the one before. Call it before the node enters the epoch: from the
// Application's ApplyCommit when it returns the set (chain.Result.NextValidators)
// for epoch commit.Epoch+1. The transport's own ID must be in set.
func (a *Adapter) SetValidators(epoch uint64, set *chain.ValidatorSet) error {
	self, ok := set.Index(a.tr.Self().PublicKey())
	if !ok {
		return fmt.Errorf("%w: %s in epoch %d", ErrNotValidator, a.tr.Self().Short(), epoch)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if n := len(a.sets); n > 0 && epoch <= a.sets[n-1].epoch {
		return fmt.Errorf("dagtransport: %w: epoch %d after epoch %d", dag.ErrConfig, epoch, a.sets[n-1].epoch)
	}
	a.sets = append(a.sets, epochSet{epoch: epoch, set: set, self: self})
	if len(a.sets) > keptEpochs {
		a.sets = a.sets[len(a.sets)-keptEpochs:]
	}
	return nil
}

// setFor returns the set of epoch: the kept one, or the newest for a later
// epoch (a validator ahead of this one, whose blocks tell the node to catch up).
func (a *Adapter) setFor(epoch uint64) (epochSet, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, s := range a.sets {
		if s.epoch == epoch {
			return s, true
		}
	}
	if newest := a.sets[len(a.sets)-1]; epoch > newest.epoch {
		return newest, true
	}
	return epochSet{}, false
}

// ownSet returns the set of an epoch this node sends in: a kept one exactly.
func (a *Adapter) ownSet(epoch uint64) (epochSet, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, s := range a.sets {
		if s.epoch == epoch {
			return s, nil
		}
	}
	return epochSet{}, fmt.Errorf("%w: epoch %d is not kept", ErrNotValidator, epoch)
}

// known reports whether peer is a validator of a kept epoch.
func (a *Adapter) known(peer transport.PeerID) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, s := range a.sets {
		if _, ok := s.set.Index(peer.PublicKey()); ok {
			return true
		}
	}
	return false
}

// maxBytes is the largest message this adapter sends.
func (a *Adapter) maxBytes() int {
	l := a.limits.MaxMessageBytes
	if l <= 0 {
		l = dag.DefaultMessageLimits.MaxMessageBytes
	}
	return min(l, a.tr.MaxMessageSize())
}

// Broadcast implements dag.Transport: it publishes b on the topic or, with
// Config.Direct, sends it to each other validator. The wire message's To is
// meaningless in a block message; receivers set it to themselves.
func (a *Adapter) Broadcast(ctx context.Context, b *dag.Block) error {
	err := a.broadcast(ctx, b)
	if err != nil {
		a.stats.sendErrors.Add(1)
	}
	return err
}

func (a *Adapter) broadcast(ctx context.Context, b *dag.Block) error {
	if b == nil {
		return fmt.Errorf("dagtransport: broadcast: %w: nil block", dag.ErrInvalidMessage)
	}
	s, err := a.ownSet(b.Epoch)
	if err != nil {
		return fmt.Errorf("dagtransport: broadcast %s: %w", b.Ref(), err)
	}
	chunks, err := dag.Message{Type: dag.MsgBlock, Epoch: b.Epoch, From: s.self, Block: b}.MarshalChunks(a.maxBytes())
	if err != nil {
		return fmt.Errorf("dagtransport: broadcast %s: %w", b.Ref(), err)
	}
	if a.direct {
		return a.sendAll(ctx, s, b, chunks[0])
	}
	if err := a.tr.Publish(ctx, a.topic, chunks[0]); err != nil {
		return fmt.Errorf("dagtransport: broadcast %s: %w", b.Ref(), err)
	}
	a.stats.broadcast.Add(1)
	return nil
}

// sendAll sends an encoded block message to every validator of s but this one.
// It tries them all and returns the first error.
func (a *Adapter) sendAll(ctx context.Context, s epochSet, b *dag.Block, data []byte) error {
	var first error
	for i := range uint32(s.set.Len()) {
		if i == s.self {
			continue
		}
		to, err := transport.IDFromPublicKey(s.set.Key(i))
		if err == nil {
			err = a.tr.Send(ctx, to, a.protocol, data)
		}
		if err != nil {
			if first == nil {
				first = fmt.Errorf("dagtransport: broadcast %s to %d: %w", b.Ref(), i, err)
			}
			continue
		}
		a.stats.sent.Add(1)
	}
	if first != nil {
		return first
	}
	a.stats.broadcast.Add(1)
	return nil
}

// Send implements dag.Transport: it sends m to validator m.To of m.Epoch, as
// several messages if it is a fetch response too large for one. m.From is set
// to this validator's index.
func (a *Adapter) Send(ctx context.Context, m dag.Message) error {
	err := a.send(ctx, m)
	if err != nil {
		a.stats.sendErrors.Add(1)
	}
	return err
}

func (a *Adapter) send(ctx context.Context, m dag.Message) error {
	s, err := a.ownSet(m.Epoch)
	if err != nil {
		return fmt.Errorf("dagtransport: send %s to %d: %w", m.Type, m.To, err)
	}
	if !s.set.Valid(m.To) {
		return fmt.Errorf("dagtransport: send %s: %w: index %d of epoch %d", m.Type, ErrNotValidator, m.To, m.Epoch)
	}
	to, err := transport.IDFromPublicKey(s.set.Key(m.To))
	if err != nil {
		return fmt.Errorf("dagtransport: send %s to %d: %w", m.Type, m.To, err)
	}
	m.From = s.self
	chunks, err := m.MarshalChunks(a.maxBytes())
	if err != nil {
		return fmt.Errorf("dagtransport: send %s to %d: %w", m.Type, m.To, err)
	}
	if len(chunks) > 1 {
		a.stats.split.Add(1)
	}
	for _, c := range chunks {
		if err := a.tr.Send(ctx, to, a.protocol, c); err != nil {
			return fmt.Errorf("dagtransport: send %s to %d: %w", m.Type, m.To, err)
		}
		a.stats.sent.Add(1)
	}
	return nil
}

// Receive implements dag.Transport. The channel is closed when the adapter or
// its transport closes.
func (a *Adapter) Receive() <-chan dag.Message { return a.out }

// Stats returns the adapter's counters.
func (a *Adapter) Stats() Stats {
	c := &a.stats
	return Stats{
		Received: c.received.Load(), Broadcast: c.broadcast.Load(), Sent: c.sent.Load(), Split: c.split.Load(),
		SendErrors: c.sendErrors.Load(), NotValidator: c.notValidator.Load(), Malformed: c.malformed.Load(),
		Spoofed: c.spoofed.Load(), Misdirected: c.misdirected.Load(), UnknownEpoch: c.unknownEpoch.Load(),
		Unhandled: c.unhandledCount.Load(),
	}
}

// Close stops the adapter's goroutine and closes Receive. It does not close
// the transport. It is idempotent.
func (a *Adapter) Close() error {
	a.closeOnce.Do(func() { close(a.closing) })
	<-a.done
	return nil
}

// run reads the transport's Inbox until Close or the transport closes.
func (a *Adapter) run() {
	defer close(a.done)
	defer close(a.out)
	in := a.tr.Inbox()
	for {
		select {
		case <-a.closing:
			return
		case env, ok := <-in:
			if !ok {
				return
			}
			var m dag.Message
			switch {
			case env.Topic == a.topic:
				ok = a.accept(env, true, &m)
			case env.Protocol == a.protocol:
				ok = a.accept(env, false, &m)
			case a.unhandled != nil:
				a.unhandled(env)
				continue
			default:
				a.stats.unhandledCount.Add(1)
				continue
			}
			if !ok {
				continue
			}
			select {
			case a.out <- m:
				a.stats.received.Add(1)
			case <-a.closing:
				return
			}
		}
	}
}

// accept decodes and authenticates one envelope into m, or counts why not.
func (a *Adapter) accept(env transport.Envelope, published bool, m *dag.Message) bool {
	drop := func(counter *atomic.Uint64, reason string, err error) bool {
		counter.Add(1)
		a.log.Debug("dropped message", "from", env.From.Short(), "reason", reason, "err", err)
		return false
	}
	// Before decoding: strangers cost nothing more.
	if !a.known(env.From) {
		return drop(&a.stats.notValidator, "not a validator", nil)
	}
	var err error
	if *m, err = dag.DecodeMessage(env.Data, a.limits); err != nil {
		return drop(&a.stats.malformed, "malformed", err)
	}
	if published && m.Type != dag.MsgBlock {
		return drop(&a.stats.malformed, "not a block on the block topic", nil)
	}
	s, ok := a.setFor(m.Epoch)
	if !ok {
		return drop(&a.stats.unknownEpoch, "unknown epoch", nil)
	}
	from, ok := s.set.Index(env.From.PublicKey())
	if !ok {
		return drop(&a.stats.notValidator, "not a validator of the epoch", nil)
	}
	if m.From != from {
		return drop(&a.stats.spoofed, "spoofed sender", fmt.Errorf("claims %d, is %d", m.From, from))
	}
	if published || m.Type == dag.MsgBlock {
		// A block message is for every validator (Config.Direct sends one
		// encoding to all): its To means nothing.
		m.To = s.self
	} else if m.To != s.self {
		return drop(&a.stats.misdirected, "misdirected", fmt.Errorf("to %d, this is %d", m.To, s.self))
	}
	return true
}
