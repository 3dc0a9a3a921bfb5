package transport

import (
	"sync"
)

// PeerInbox is an Inbox for implementations: messages queue per sender, each
// sender's queue bounded in bytes (Config.InboxPeerBytes), all of them
// together in messages (Config.InboxSize), and one goroutine hands them to
// the consumer's channel taking the senders in turn (round robin), so that a
// flooding peer neither fills the memory nor delays the other peers'
// messages by more than one of its own. A message that finds its sender's
// share full is dropped: Put reports it, the implementation counts it.
//
// The queue is in the manner of go-libp2p-pubsub's per-peer validation
// queues (pubsub.go, peer outbound queues), on the receiving side.
type PeerInbox struct {
	out       chan Envelope
	maxMsgs   int
	peerBytes int

	mu     sync.Mutex
	queues map[PeerID]*peerQueue
	ring   []PeerID // senders with queued messages, in turn
	msgs   int      // queued and held
	// held is the message the goroutine took and has not handed over yet:
	// it still counts against its sender's bytes and the message bound.
	held     bool
	heldFrom PeerID
	heldSize int
	closed   bool
	wake     chan struct{}
	done     chan struct{}
	exited   chan struct{}
}

type peerQueue struct {
	envs  []Envelope
	bytes int
}

// NewPeerInbox returns a running PeerInbox with cfg's InboxSize and
// InboxPeerBytes (cfg validated). Close stops it.
func NewPeerInbox(cfg Config) *PeerInbox {
	q := &PeerInbox{
		out:       make(chan Envelope),
		maxMsgs:   cfg.InboxSize,
		peerBytes: cfg.InboxPeerBytes,
		queues:    map[PeerID]*peerQueue{},
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		exited:    make(chan struct{}),
	}
	go q.pump()
	return q
}

// C is the consumer's channel (Transport.Inbox), closed by Close.
func (q *PeerInbox) C() <-chan Envelope { return q.out }

// Put queues env; it returns false, queueing nothing, if the inbox is closed,
// holds InboxSize messages, or env.From's queue would exceed InboxPeerBytes.
func (q *PeerInbox) Put(env Envelope) bool {
	q.mu.Lock()
	if q.closed || q.msgs >= q.maxMsgs {
		q.mu.Unlock()
		return false
	}
	pq := q.queues[env.From]
	if pq == nil {
		pq = &peerQueue{}
		q.queues[env.From] = pq
	}
	queued := pq.bytes
	if q.held && q.heldFrom == env.From {
		queued += q.heldSize
	}
	if queued+len(env.Data) > q.peerBytes {
		if len(pq.envs) == 0 {
			delete(q.queues, env.From)
		}
		q.mu.Unlock()
		return false
	}
	if len(pq.envs) == 0 {
		q.ring = append(q.ring, env.From)
	}
	pq.envs = append(pq.envs, env)
	pq.bytes += len(env.Data)
	q.msgs++
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return true
}

// Queued returns the messages queued and the bytes queued for peer.
func (q *PeerInbox) Queued(peer PeerID) (msgs, peerBytes int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if pq := q.queues[peer]; pq != nil {
		peerBytes = pq.bytes
	}
	if q.held && q.heldFrom == peer {
		peerBytes += q.heldSize
	}
	return q.msgs, peerBytes
}

// next takes the head message of the next sender in turn, and holds it
// (after releasing the one held before, handed over).
func (q *PeerInbox) next() (Envelope, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.held {
		q.held = false
		q.msgs--
	}
	if len(q.ring) == 0 {
		return Envelope{}, false
	}
	from := q.ring[0]
	q.ring = q.ring[1:]
	pq := q.queues[from]
	env := pq.envs[0]
	pq.envs[0] = Envelope{}
	pq.envs = pq.envs[1:]
	pq.bytes -= len(env.Data)
	q.held, q.heldFrom, q.heldSize = true, from, len(env.Data)
	if len(pq.envs) == 0 {
		delete(q.queues, from)
	} else {
		q.ring = append(q.ring, from)
	}
	return env, true
}

func (q *PeerInbox) pump() {
	defer close(q.exited)
	defer close(q.out)
	for {
		env, ok := q.next()
		if !ok {
			select {
			case <-q.wake:
				continue
			case <-q.done:
				return
			}
		}
		select {
		case q.out <- env:
		case <-q.done:
			return
		}
	}
}

// Close drops what is queued, stops the goroutine and closes C. It is
// idempotent; Put fails after it.
func (q *PeerInbox) Close() {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		<-q.exited
		return
	}
	q.closed = true
	q.queues, q.ring, q.msgs, q.held = nil, nil, 0, false
	q.mu.Unlock()
	close(q.done)
	<-q.exited
}
