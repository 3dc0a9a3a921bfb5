package p2p

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/depinkit/depinkit/transport"
)

// streamBuffer is the size of the buffers on message streams.
const streamBuffer = 64 << 10

// queue holds the frames waiting for one peer's message stream; a writer
// goroutine drains it.
type queue struct {
	peer peer.ID
	wake chan struct{} // capacity 1: frames are waiting
	stop chan struct{} // closed when the peer disconnects or the host closes

	mu     sync.Mutex
	frames [][]byte
}

// Send implements transport.Transport. It returns once the message is queued
// for the peer's stream, without waiting for the peer: a message that finds
// the queue full (a slow peer) is dropped and counted (Stats.QueueFull, not
// Stats.Sent), and one whose stream fails is lost (Stats.SendFailed).
func (h *Host) Send(ctx context.Context, to transport.PeerID, protocol string, data []byte) error {
	if err := h.check(ctx, "send", protocol, len(data)); err != nil {
		return err
	}
	p, err := h.target("send", protocol, to)
	if err != nil {
		return err
	}
	frame := appendFrame(make([]byte, 0, frameLen(protocol, data)), kindSend, protocol, data)
	queued, err := h.enqueue(p, frame)
	if err != nil {
		return fmt.Errorf("p2p: send %q: %w", protocol, err)
	}
	if queued {
		h.stats.sent.Add(1)
		h.stats.bytesOut.Add(uint64(len(data)))
	}
	return nil
}

// enqueue queues a frame for p, starting its writer if needed, or drops and
// counts it if p's queue is full. The frame is shared: nobody modifies it.
func (h *Host) enqueue(p peer.ID, frame []byte) (queued bool, err error) {
	h.qmu.Lock()
	q := h.queues[p]
	if q == nil {
		if !h.track() {
			h.qmu.Unlock()
			return false, transport.ErrClosed
		}
		q = &queue{peer: p, wake: make(chan struct{}, 1), stop: make(chan struct{})}
		h.queues[p] = q
		go h.write(q)
	}
	h.qmu.Unlock()
	q.mu.Lock()
	full := len(q.frames) >= h.cfg.PeerQueue
	if !full {
		q.frames = append(q.frames, frame)
	}
	q.mu.Unlock()
	if full {
		h.stats.queueFull.Add(1)
		return false, nil
	}
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return true, nil
}

// stopQueue stops the writer of p's queue: the peer is gone.
func (h *Host) stopQueue(p peer.ID) {
	h.qmu.Lock()
	defer h.qmu.Unlock()
	if q := h.queues[p]; q != nil {
		close(q.stop)
		delete(h.queues, p)
	}
}

// write drains q into a stream to its peer, opened on demand and reopened
// after a failure, until the peer disconnects or the host closes. Frames queued
// meanwhile are written in batches.
func (h *Host) write(q *queue) {
	defer h.wg.Done()
	var s network.Stream
	var w *bufio.Writer
	defer func() {
		if s != nil {
			_ = s.Close()
		}
	}()
	for {
		select {
		case <-q.stop:
			return
		case <-h.ctx.Done():
			return
		case <-q.wake:
		}
		q.mu.Lock()
		batch := q.frames
		q.frames = nil
		q.mu.Unlock()
		if len(batch) == 0 {
			continue
		}
		if s == nil {
			var err error
			s, err = h.openStream(q.peer, msgProtocol)
			if err != nil {
				h.stats.sendFailed.Add(uint64(len(batch)))
				h.cfg.Logger.Debug("p2p: open message stream", "peer", q.peer, "err", err)
				if h.host.Network().Connectedness(q.peer) != network.Connected {
					h.dropQueue(q)
					return
				}
				continue
			}
			w = bufio.NewWriterSize(s, streamBuffer)
		}
		_ = s.SetWriteDeadline(time.Now().Add(h.cfg.StreamTimeout))
		var err error
		written := 0
		for _, f := range batch {
			if _, err = w.Write(f); err != nil {
				break
			}
			written++
		}
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			h.stats.sendFailed.Add(uint64(len(batch) - written))
			h.cfg.Logger.Debug("p2p: write message stream", "peer", q.peer, "err", err)
			_ = s.Reset()
			s, w = nil, nil
		}
	}
}

// dropQueue removes q, if it is still p's queue: its writer is ending.
func (h *Host) dropQueue(q *queue) {
	h.qmu.Lock()
	defer h.qmu.Unlock()
	if h.queues[q.peer] == q {
		delete(h.queues, q.peer)
	}
}

// openStream opens a stream on protocol to a connected peer, without dialing.
func (h *Host) openStream(p peer.ID, proto protocol.ID) (network.Stream, error) {
	ctx, cancel := context.WithTimeout(network.WithNoDial(h.ctx, "stream"), h.cfg.StreamTimeout)
	defer cancel()
	return h.host.NewStream(ctx, p, proto)
}

// acceptStream starts serving an inbound stream: it counts it among the
// host's goroutines (the caller calls h.wg.Done when it is done) and names
// its peer. It resets the stream and reports false if the host is closed or
// the peer's ID is not an ed25519 one.
func (h *Host) acceptStream(s network.Stream) (transport.PeerID, bool) {
	if !h.track() {
		_ = s.Reset()
		return transport.PeerID{}, false
	}
	from, err := FromLibp2p(s.Conn().RemotePeer())
	if err != nil {
		h.wg.Done()
		_ = s.Reset()
		return transport.PeerID{}, false
	}
	return from, true
}

// handleMessages reads the frames of a peer's message stream into the Inbox.
// A frame over the size limit or one that does not parse resets the stream
// (the peer opens another for its next messages), dropped and counted.
func (h *Host) handleMessages(s network.Stream) {
	from, ok := h.acceptStream(s)
	if !ok {
		return
	}
	defer h.wg.Done()
	r := bufio.NewReaderSize(s, streamBuffer)
	for {
		kind, name, data, err := readFrame(r, h.cfg.MaxMessageSize)
		if err == nil && kind == kindRequest {
			err = fmt.Errorf("%w: a request frame on a message stream", ErrMalformed)
		}
		switch {
		case err == nil:
		case errors.Is(err, errOversize):
			h.stats.droppedOversize.Add(1)
			h.cfg.Logger.Debug("p2p: oversized message", "peer", from.Short(), "err", err)
			_ = s.Reset()
			return
		case errors.Is(err, ErrMalformed):
			h.stats.malformed.Add(1)
			h.cfg.Logger.Debug("p2p: malformed message", "peer", from.Short(), "err", err)
			_ = s.Reset()
			return
		case errors.Is(err, io.EOF):
			_ = s.Close()
			return
		default:
			_ = s.Reset()
			return
		}
		env := transport.Envelope{From: from, Data: data}
		if kind == kindSend {
			env.Protocol = name
		} else {
			env.Topic = name
		}
		h.deliver(env)
	}
}

// Request implements transport.Transport. Each request has a stream of its
// own: a request frame one way, a status and data (or error text) the other.
func (h *Host) Request(ctx context.Context, to transport.PeerID, protocol string, req []byte) ([]byte, error) {
	if err := h.check(ctx, "request", protocol, len(req)); err != nil {
		return nil, err
	}
	p, err := h.target("request", protocol, to)
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("request %q to %s", protocol, to.Short())
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(h.ctx, cancel)()
	s, err := h.host.NewStream(network.WithNoDial(rctx, "request"), p, reqProtocol)
	if err != nil {
		return nil, h.callErr(ctx, what, err)
	}
	defer context.AfterFunc(rctx, func() { _ = s.Reset() })()
	// The frame, written in pieces so as not to copy req.
	hdr := []byte{kindRequest}
	hdr = binary.AppendUvarint(hdr, uint64(len(protocol)))
	hdr = append(hdr, protocol...)
	hdr = binary.AppendUvarint(hdr, uint64(len(req)))
	w := bufio.NewWriterSize(s, min(len(hdr)+len(req), streamBuffer))
	_, err = w.Write(hdr)
	if err == nil {
		_, err = w.Write(req)
	}
	if err == nil {
		err = w.Flush()
	}
	// On a failed write, the peer may still have said why (a request over its
	// limit): read the response anyway.
	resp, rerr := h.readResponse(bufio.NewReader(s), to, protocol)
	if err == nil || rerr != nil && isAnswer(rerr) {
		err = rerr
	}
	if err != nil {
		_ = s.Reset()
		return nil, h.callErr(ctx, what, err)
	}
	_ = s.Close()
	h.stats.requestsOut.Add(1)
	return resp, nil
}

// isAnswer reports whether err is a peer's answer rather than a failure to get
// one.
func isAnswer(err error) bool {
	return errors.Is(err, transport.ErrRemote) || errors.Is(err, transport.ErrUnsupported) ||
		errors.Is(err, transport.ErrTooLarge) || errors.Is(err, ErrMalformed)
}

// readResponse reads a response: a status, then data or error text.
func (h *Host) readResponse(r *bufio.Reader, to transport.PeerID, protocol string) ([]byte, error) {
	status, err := r.ReadByte()
	if err != nil {
		return nil, err
	}
	switch status {
	case statusOK:
		data, err := readData(r, h.cfg.MaxMessageSize)
		if errors.Is(err, errOversize) {
			h.stats.droppedOversize.Add(1)
			return nil, fmt.Errorf("response %w: %v", transport.ErrTooLarge, err)
		}
		if errors.Is(err, ErrMalformed) {
			h.stats.malformed.Add(1)
		}
		return data, err
	case statusError:
		text, err := readData(r, transport.MaxRemoteErrorLen)
		if err != nil {
			if errors.Is(err, errOversize) || errors.Is(err, ErrMalformed) {
				h.stats.malformed.Add(1)
				return nil, fmt.Errorf("%w: error text: %v", ErrMalformed, err)
			}
			return nil, err
		}
		return nil, transport.RemoteError(to, protocol, string(text))
	case statusUnsupported:
		return nil, fmt.Errorf("%w: %q by %s", transport.ErrUnsupported, protocol, to.Short())
	case statusTooLarge:
		return nil, fmt.Errorf("%w: refused by %s (its limit, or the response's size)", transport.ErrTooLarge, to.Short())
	default:
		h.stats.malformed.Add(1)
		return nil, fmt.Errorf("%w: response status %d", ErrMalformed, status)
	}
}

// handleRequest answers a request stream. The handler's context ends when the
// host closes or the requester goes away (resets or closes the stream).
func (h *Host) handleRequest(s network.Stream) {
	from, ok := h.acceptStream(s)
	if !ok {
		return
	}
	defer h.wg.Done()
	_ = s.SetReadDeadline(time.Now().Add(h.cfg.StreamTimeout))
	r := bufio.NewReader(s)
	kind, protocol, req, err := readFrame(r, h.cfg.MaxMessageSize)
	if err == nil && kind != kindRequest {
		err = fmt.Errorf("%w: frame kind %d on a request stream", ErrMalformed, kind)
	}
	switch {
	case err == nil:
	case errors.Is(err, errOversize):
		h.stats.droppedOversize.Add(1)
		h.respond(s, statusTooLarge, nil)
		return
	case errors.Is(err, ErrMalformed):
		h.stats.malformed.Add(1)
		h.cfg.Logger.Debug("p2p: malformed request", "peer", from.Short(), "err", err)
		_ = s.Reset()
		return
	default:
		_ = s.Reset()
		return
	}
	handler := h.handler(protocol)
	if handler == nil {
		h.respond(s, statusUnsupported, nil)
		return
	}
	// Watch the stream: the requester closes or resets it when it stops
	// waiting.
	_ = s.SetReadDeadline(time.Time{})
	ctx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		var b [1]byte
		_, _ = r.Read(b[:])
		cancel()
	}()
	resp, herr := handler(ctx, from, req)
	switch {
	case herr != nil:
		msg := herr.Error()
		if len(msg) > transport.MaxRemoteErrorLen {
			msg = msg[:transport.MaxRemoteErrorLen]
		}
		h.respondAndWait(s, statusError, []byte(msg), gone)
	case len(resp) > h.cfg.MaxMessageSize:
		h.respondAndWait(s, statusTooLarge, nil, gone)
	default:
		if h.respondAndWait(s, statusOK, resp, gone) {
			h.stats.requestsIn.Add(1)
		}
	}
}

// respond writes a response and closes the stream.
func (h *Host) respond(s network.Stream, status byte, data []byte) bool {
	_ = s.SetWriteDeadline(time.Now().Add(h.cfg.StreamTimeout))
	w := bufio.NewWriterSize(s, min(len(data)+binary.MaxVarintLen64+1, streamBuffer))
	_ = w.WriteByte(status)
	_, _ = w.Write(binary.AppendUvarint(nil, uint64(len(data))))
	_, _ = w.Write(data)
	if err := w.Flush(); err != nil {
		_ = s.Reset()
		return false
	}
	_ = s.Close()
	return true
}

// respondAndWait writes a response, then waits for the stream watcher to end
// (the requester closes its end after reading) before closing the stream.
func (h *Host) respondAndWait(s network.Stream, status byte, data []byte, gone <-chan struct{}) bool {
	_ = s.SetWriteDeadline(time.Now().Add(h.cfg.StreamTimeout))
	w := bufio.NewWriterSize(s, min(len(data)+binary.MaxVarintLen64+1, streamBuffer))
	_ = w.WriteByte(status)
	_, _ = w.Write(binary.AppendUvarint(nil, uint64(len(data))))
	_, _ = w.Write(data)
	if w.Flush() != nil || s.CloseWrite() != nil {
		_ = s.Reset() // ends the watcher
		<-gone
		return false
	}
	t := time.NewTimer(h.cfg.StreamTimeout)
	defer t.Stop()
	select {
	case <-gone:
		_ = s.Close()
		return true
	case <-h.ctx.Done():
	case <-t.C:
	}
	_ = s.Reset()
	<-gone
	return true
}
