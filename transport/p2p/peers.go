package p2p

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/depinkit/depinkit/transport"
)

// Connect dials a peer at addr, a multiaddr ending in its peer ID, and returns
// once connected. A peer that is not allowed is refused.
func (h *Host) Connect(ctx context.Context, addr string) error {
	if h.isClosed() {
		return fmt.Errorf("p2p: connect: %w", transport.ErrClosed)
	}
	ai, err := peer.AddrInfoFromString(addr)
	if err != nil {
		return fmt.Errorf("p2p: connect to %q: %w: %v", addr, transport.ErrUnreachable, err)
	}
	if err := h.host.Connect(ctx, *ai); err != nil {
		return h.callErr(ctx, fmt.Sprintf("connect to %s", ai.ID), err)
	}
	return nil
}

// Disconnect implements transport.Disconnector: it closes the connections to
// peer and refuses new ones until Reconnect. The peer is told first, so that it
// too stops delivering this host's messages relayed by others.
func (h *Host) Disconnect(ctx context.Context, id transport.PeerID) error {
	if h.isClosed() {
		return fmt.Errorf("p2p: disconnect: %w", transport.ErrClosed)
	}
	p, err := ToLibp2p(id)
	if err != nil {
		return fmt.Errorf("p2p: disconnect: %w: %v", transport.ErrUnreachable, err)
	}
	if p == h.pid {
		return fmt.Errorf("p2p: disconnect: %w: itself", transport.ErrUnreachable)
	}
	h.tellCut(ctx, p)
	h.gate.setCut(p, true)
	if err := h.host.Network().ClosePeer(p); err != nil {
		return fmt.Errorf("p2p: disconnect %s: %w", id.Short(), err)
	}
	return nil
}

// Reconnect implements transport.Disconnector: it lifts Disconnect and dials
// the peer at the addresses it last had.
func (h *Host) Reconnect(ctx context.Context, id transport.PeerID) error {
	if h.isClosed() {
		return fmt.Errorf("p2p: reconnect: %w", transport.ErrClosed)
	}
	p, err := ToLibp2p(id)
	if err != nil {
		return fmt.Errorf("p2p: reconnect: %w: %v", transport.ErrUnreachable, err)
	}
	if p == h.pid {
		return fmt.Errorf("p2p: reconnect: %w: itself", transport.ErrUnreachable)
	}
	h.gate.setCut(p, false)
	h.gate.setCutBy(p, false)
	if err := h.host.Connect(ctx, peer.AddrInfo{ID: p}); err != nil {
		return h.callErr(ctx, "reconnect to "+id.Short(), err)
	}
	return nil
}

// tellCut tells p that this host cuts the link, and waits (briefly) for it to
// take note.
func (h *Host) tellCut(ctx context.Context, p peer.ID) {
	ctx, cancel := context.WithTimeout(network.WithNoDial(ctx, "disconnect"), 2*time.Second)
	defer cancel()
	s, err := h.host.NewStream(ctx, p, cutProtocol)
	if err != nil {
		return
	}
	defer s.Close()
	_ = s.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := s.Write([]byte{1}); err != nil {
		return
	}
	_ = s.CloseWrite()
	var ack [1]byte
	_, _ = io.ReadFull(s, ack[:])
}

// handleCut takes note that the peer cut the link to this host: until it
// connects again, its gossip relayed by others is not delivered and this host
// does not dial it.
func (h *Host) handleCut(s network.Stream) {
	defer s.Close()
	_ = s.SetDeadline(time.Now().Add(2 * time.Second))
	var b [1]byte
	if _, err := io.ReadFull(s, b[:]); err != nil {
		_ = s.Reset()
		return
	}
	h.gate.setCutBy(s.Conn().RemotePeer(), true)
	_, _ = s.Write(b[:])
}

// watchPeers turns libp2p's connectedness events into PeerEvents, until
// Close.
func (h *Host) watchPeers() {
	up := map[peer.ID]bool{}
	for {
		var e any
		var ok bool
		select {
		case e, ok = <-h.evsub.Out():
			if !ok {
				return
			}
		case <-h.ctx.Done():
			return
		}
		ev := e.(event.EvtPeerConnectednessChanged)
		id, err := FromLibp2p(ev.Peer)
		if err != nil {
			continue
		}
		switch {
		case ev.Connectedness == network.Connected && !up[ev.Peer]:
			up[ev.Peer] = true
			h.connected.Add(1)
			h.gate.setCutBy(ev.Peer, false) // it came back
			h.event(transport.PeerEvent{Peer: id, Connected: true})
		case ev.Connectedness == network.NotConnected && up[ev.Peer]:
			delete(up, ev.Peer)
			h.connected.Add(-1)
			h.stopQueue(ev.Peer)
			h.event(transport.PeerEvent{Peer: id, Connected: false})
		}
	}
}

// redial dials the bootstrap peers the host is not connected to, at once and
// every RedialInterval, until Close.
func (h *Host) redial() {
	if len(h.boot) == 0 {
		return
	}
	var t *time.Ticker
	if h.cfg.RedialInterval > 0 {
		t = time.NewTicker(h.cfg.RedialInterval)
		defer t.Stop()
	}
	for {
		var wg sync.WaitGroup
		for _, ai := range h.boot {
			if h.host.Network().Connectedness(ai.ID) == network.Connected || !h.gate.dialable(ai.ID) {
				continue
			}
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
				defer cancel()
				if err := h.host.Connect(ctx, peer.AddrInfo{ID: ai.ID}); err != nil {
					h.cfg.Logger.Debug("p2p: dial bootstrap peer", "peer", ai.ID, "err", err)
				}
			})
		}
		wg.Wait()
		if t == nil {
			return
		}
		select {
		case <-h.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// discovered connects to the hosts mDNS finds.
type discovered struct{ h *Host }

func (d discovered) HandlePeerFound(ai peer.AddrInfo) {
	h := d.h
	if !h.gate.dialable(ai.ID) || h.host.Network().Connectedness(ai.ID) == network.Connected || !h.track() {
		return
	}
	go func() {
		defer h.wg.Done()
		ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
		defer cancel()
		if err := h.host.Connect(ctx, ai); err != nil {
			h.cfg.Logger.Debug("p2p: dial mDNS peer", "peer", ai.ID, "err", err)
		}
	}()
}
