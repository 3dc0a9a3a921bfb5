package mem

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/depinkit/depinkit/transport"
)

// Endpoint is one peer's end of a Network. It implements transport.Transport,
// transport.Disconnector and transport.StatsReporter.
type Endpoint struct {
	net *Network
	id  transport.PeerID
	cfg transport.Config

	inbox  chan transport.Envelope
	events chan transport.PeerEvent

	// mu guards closed, handlers and sends on inbox and events (read-locked),
	// so that Close (write-locked) can close the channels.
	mu       sync.RWMutex
	closed   bool
	handlers map[string]transport.Handler

	closing chan struct{}      // closed by Close: interrupts pending calls
	ctx     context.Context    // the handlers' base context, canceled by Close
	cancel  context.CancelFunc // cancels ctx
	wg      sync.WaitGroup     // pump and running handlers

	qmu   sync.Mutex
	queue delayQueue    // delayed messages to this endpoint
	seq   uint64        // orders equal due times (FIFO)
	wake  chan struct{} // tells pump the queue head changed

	stats counters
}

var (
	_ transport.Transport     = (*Endpoint)(nil)
	_ transport.Disconnector  = (*Endpoint)(nil)
	_ transport.StatsReporter = (*Endpoint)(nil)
)

type counters struct {
	published, sent, requestsOut, requestsIn, received, bytesIn, bytesOut atomic.Uint64
	droppedFull, droppedOversize, droppedEvents                           atomic.Uint64
}

func newEndpoint(n *Network, id transport.PeerID, cfg transport.Config) *Endpoint {
	ctx, cancel := context.WithCancel(context.Background())
	return &Endpoint{
		net:      n,
		id:       id,
		cfg:      cfg,
		inbox:    make(chan transport.Envelope, cfg.InboxSize),
		events:   make(chan transport.PeerEvent, cfg.EventBuffer),
		handlers: map[string]transport.Handler{},
		closing:  make(chan struct{}),
		ctx:      ctx,
		cancel:   cancel,
		wake:     make(chan struct{}, 1),
	}
}

// Self implements transport.Transport.
func (e *Endpoint) Self() transport.PeerID { return e.id }

// MaxMessageSize implements transport.Transport.
func (e *Endpoint) MaxMessageSize() int { return e.cfg.MaxMessageSize }

// Inbox implements transport.Transport.
func (e *Endpoint) Inbox() <-chan transport.Envelope { return e.inbox }

// PeerEvents implements transport.Transport.
func (e *Endpoint) PeerEvents() <-chan transport.PeerEvent { return e.events }

// Peers implements transport.Transport.
func (e *Endpoint) Peers() []transport.PeerID {
	if e.isClosed() {
		return nil
	}
	return e.net.peersOf(e.id)
}

// Stats implements transport.StatsReporter.
func (e *Endpoint) Stats() transport.Stats {
	c := &e.stats
	return transport.Stats{
		Published: c.published.Load(), Sent: c.sent.Load(),
		RequestsOut: c.requestsOut.Load(), RequestsIn: c.requestsIn.Load(),
		Received: c.received.Load(), BytesIn: c.bytesIn.Load(), BytesOut: c.bytesOut.Load(),
		DroppedFull: c.droppedFull.Load(), DroppedOversize: c.droppedOversize.Load(), DroppedEvents: c.droppedEvents.Load(),
	}
}

func (e *Endpoint) isClosed() bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.closed
}

// check runs the checks every outgoing call starts with.
func (e *Endpoint) check(ctx context.Context, op, name string, size int) error {
	if e.isClosed() {
		return fmt.Errorf("mem: %s: %w", op, transport.ErrClosed)
	}
	if err := transport.CheckName(name); err != nil {
		return fmt.Errorf("mem: %s: %w", op, err)
	}
	if size > e.cfg.MaxMessageSize {
		return fmt.Errorf("mem: %s %q: %w: %d bytes, at most %d", op, name, transport.ErrTooLarge, size, e.cfg.MaxMessageSize)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mem: %s %q: %w", op, name, err)
	}
	return nil
}

// Publish implements transport.Transport.
func (e *Endpoint) Publish(ctx context.Context, topic string, data []byte) error {
	if err := e.check(ctx, "publish", topic, len(data)); err != nil {
		return err
	}
	hops := e.net.routeAll(e.id)
	for _, h := range hops {
		e.forward(h, transport.Envelope{From: e.id, Topic: topic, Data: bytes.Clone(data)})
	}
	e.stats.published.Add(1)
	e.stats.bytesOut.Add(uint64(len(data) * len(hops)))
	return nil
}

// Send implements transport.Transport.
func (e *Endpoint) Send(ctx context.Context, to transport.PeerID, protocol string, data []byte) error {
	if err := e.check(ctx, "send", protocol, len(data)); err != nil {
		return err
	}
	h, lost, err := e.net.routeOne(e.id, to, true)
	if err != nil {
		return fmt.Errorf("mem: send %q: %w", protocol, err)
	}
	if !lost {
		e.forward(h, transport.Envelope{From: e.id, Protocol: protocol, Data: bytes.Clone(data)})
	}
	e.stats.sent.Add(1)
	e.stats.bytesOut.Add(uint64(len(data)))
	return nil
}

// forward hands a message to its receiver, at once or through the receiver's
// delay queue.
func (e *Endpoint) forward(h hop, env transport.Envelope) {
	if h.delay <= 0 {
		h.to.deliver(env)
		return
	}
	h.to.enqueue(env, time.Now().Add(h.delay))
}

// deliver puts env in the Inbox, or drops and counts it.
func (e *Endpoint) deliver(env transport.Envelope) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return
	}
	if len(env.Data) > e.cfg.MaxMessageSize {
		e.stats.droppedOversize.Add(1)
		return
	}
	select {
	case e.inbox <- env:
		e.stats.received.Add(1)
		e.stats.bytesIn.Add(uint64(len(env.Data)))
	default:
		e.stats.droppedFull.Add(1)
	}
}

// event sends a peer event, or drops and counts it.
func (e *Endpoint) event(ev transport.PeerEvent) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return
	}
	select {
	case e.events <- ev:
	default:
		e.stats.droppedEvents.Add(1)
	}
}

// Request implements transport.Transport.
func (e *Endpoint) Request(ctx context.Context, to transport.PeerID, protocol string, req []byte) ([]byte, error) {
	if err := e.check(ctx, "request", protocol, len(req)); err != nil {
		return nil, err
	}
	h, _, err := e.net.routeOne(e.id, to, false)
	if err != nil {
		return nil, fmt.Errorf("mem: request %q: %w", protocol, err)
	}
	if err := e.sleep(ctx, h.delay); err != nil {
		return nil, fmt.Errorf("mem: request %q to %s: %w", protocol, to.Short(), err)
	}
	hctx, hcancel := context.WithCancel(h.to.ctx)
	defer hcancel() // the handler's context ends when the requester stops waiting
	res, err := h.to.serve(hctx, e.id, protocol, bytes.Clone(req))
	if err != nil {
		return nil, fmt.Errorf("mem: request %q to %s: %w", protocol, to.Short(), err)
	}
	var r result
	select {
	case r = <-res:
	case <-ctx.Done():
		return nil, fmt.Errorf("mem: request %q to %s: %w", protocol, to.Short(), ctx.Err())
	case <-e.closing:
		return nil, fmt.Errorf("mem: request %q to %s: %w", protocol, to.Short(), transport.ErrClosed)
	case <-h.to.closing:
		return nil, fmt.Errorf("mem: request %q: %w: %s closed", protocol, transport.ErrUnreachable, to.Short())
	}
	if r.err != nil {
		return nil, fmt.Errorf("mem: request %q: %w", protocol, r.err)
	}
	if len(r.resp) > e.cfg.MaxMessageSize {
		e.stats.droppedOversize.Add(1)
		return nil, fmt.Errorf("mem: request %q to %s: response %w: %d bytes, at most %d", protocol, to.Short(), transport.ErrTooLarge, len(r.resp), e.cfg.MaxMessageSize)
	}
	if err := e.sleep(ctx, h.delay); err != nil {
		return nil, fmt.Errorf("mem: request %q to %s: %w", protocol, to.Short(), err)
	}
	e.stats.requestsOut.Add(1)
	return r.resp, nil
}

type result struct {
	resp []byte
	err  error
}

// serve starts the handler for protocol on req in a goroutine of this
// endpoint; its result arrives on the returned channel.
func (e *Endpoint) serve(ctx context.Context, from transport.PeerID, protocol string, req []byte) (<-chan result, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return nil, fmt.Errorf("%w: %s closed", transport.ErrUnreachable, e.id.Short())
	}
	if len(req) > e.cfg.MaxMessageSize {
		e.stats.droppedOversize.Add(1)
		return nil, fmt.Errorf("%w: request of %d bytes refused by %s, at most %d", transport.ErrTooLarge, len(req), e.id.Short(), e.cfg.MaxMessageSize)
	}
	h := e.handlers[protocol]
	if h == nil {
		return nil, fmt.Errorf("%w: %q by %s", transport.ErrUnsupported, protocol, e.id.Short())
	}
	res := make(chan result, 1)
	e.wg.Add(1) // under the read lock: Close sets closed before it waits
	go func() {
		defer e.wg.Done()
		resp, err := h(ctx, from, req)
		switch {
		case err != nil:
			res <- result{err: transport.RemoteError(e.id, protocol, err.Error())}
		case len(resp) > e.cfg.MaxMessageSize:
			res <- result{err: fmt.Errorf("%w: response of %d bytes from %s, at most %d", transport.ErrTooLarge, len(resp), e.id.Short(), e.cfg.MaxMessageSize)}
		default:
			e.stats.requestsIn.Add(1)
			res <- result{resp: bytes.Clone(resp)}
		}
	}()
	return res, nil
}

// sleep waits d, or until ctx ends or the endpoint closes.
func (e *Endpoint) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-e.closing:
		return transport.ErrClosed
	}
}

// Handle implements transport.Transport. An invalid protocol name is ignored
// (no request can name it).
func (e *Endpoint) Handle(protocol string, h transport.Handler) {
	if transport.CheckName(protocol) != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if h == nil {
		delete(e.handlers, protocol)
		return
	}
	e.handlers[protocol] = h
}

// Disconnect implements transport.Disconnector: it cuts the link to peer.
func (e *Endpoint) Disconnect(_ context.Context, peer transport.PeerID) error {
	if e.isClosed() {
		return fmt.Errorf("mem: disconnect: %w", transport.ErrClosed)
	}
	e.net.Cut(e.id, peer)
	return nil
}

// Reconnect implements transport.Disconnector: it restores the link to peer,
// at once.
func (e *Endpoint) Reconnect(ctx context.Context, peer transport.PeerID) error {
	if e.isClosed() {
		return fmt.Errorf("mem: reconnect: %w", transport.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mem: reconnect: %w", err)
	}
	e.net.Restore(e.id, peer)
	e.net.mu.Lock()
	present := e.net.lookup(peer) != nil
	e.net.mu.Unlock()
	if !present || peer == e.id {
		return fmt.Errorf("mem: reconnect: %w: %s is not in the network", transport.ErrUnreachable, peer.Short())
	}
	return nil
}

// Close implements transport.Transport.
func (e *Endpoint) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	close(e.inbox)
	close(e.events)
	e.mu.Unlock()
	close(e.closing)
	e.cancel()
	e.net.leave(e)
	e.wg.Wait()
	return nil
}

// enqueue schedules env for delivery at due.
func (e *Endpoint) enqueue(env transport.Envelope, due time.Time) {
	e.qmu.Lock()
	e.seq++
	heap.Push(&e.queue, delayed{env: env, due: due, seq: e.seq})
	head := e.queue[0].seq == e.seq
	e.qmu.Unlock()
	if head {
		select {
		case e.wake <- struct{}{}:
		default:
		}
	}
}

// pump delivers delayed messages when they are due, until Close.
func (e *Endpoint) pump() {
	defer e.wg.Done()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		e.qmu.Lock()
		now := time.Now()
		var due []delayed
		for len(e.queue) > 0 && !e.queue[0].due.After(now) {
			due = append(due, heap.Pop(&e.queue).(delayed))
		}
		wait := time.Duration(-1)
		if len(e.queue) > 0 {
			wait = e.queue[0].due.Sub(now)
		}
		e.qmu.Unlock()
		for _, d := range due {
			if e.net.linked(d.env.From, e.id) {
				e.deliver(d.env)
			}
		}
		var tc <-chan time.Time
		if wait >= 0 {
			timer.Reset(wait)
			tc = timer.C
		}
		select {
		case <-tc:
		case <-e.wake:
			timer.Stop()
		case <-e.closing:
			timer.Stop()
			return
		}
	}
}

// delayed is a message waiting in a delay queue.
type delayed struct {
	env transport.Envelope
	due time.Time
	seq uint64
}

// delayQueue is a min-heap of delayed messages by (due, seq).
type delayQueue []delayed

func (q delayQueue) Len() int { return len(q) }
func (q delayQueue) Less(i, j int) bool {
	if !q[i].due.Equal(q[j].due) {
		return q[i].due.Before(q[j].due)
	}
	return q[i].seq < q[j].seq
}
func (q delayQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *delayQueue) Push(x any)   { *q = append(*q, x.(delayed)) }
func (q *delayQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	old[len(old)-1] = delayed{}
	*q = old[:len(old)-1]
	return x
}
