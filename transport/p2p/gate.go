package p2p

import (
	"sync"
	"sync/atomic"

	"github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// gate decides which peers a host talks to: the allow list (the validator
// set), less the peers cut by Disconnect. It is the host's libp2p connection
// gater and the judge of gossip authors and relayers.
type gate struct {
	self    peer.ID
	refused *atomic.Uint64

	mu      sync.RWMutex
	open    bool
	allowed map[peer.ID]bool
	// cut: peers this host disconnected (Disconnect), refused both ways.
	cut map[peer.ID]bool
	// cutBy: peers that disconnected this host; it neither dials them nor
	// delivers their gossip until they connect again.
	cutBy map[peer.ID]bool
}

var _ connmgr.ConnectionGater = (*gate)(nil)

func newGate(self peer.ID, open bool, refused *atomic.Uint64) *gate {
	return &gate{self: self, open: open, refused: refused, allowed: map[peer.ID]bool{}, cut: map[peer.ID]bool{}, cutBy: map[peer.ID]bool{}}
}

// setAllowed replaces the allow list.
func (g *gate) setAllowed(ids []peer.ID) {
	m := make(map[peer.ID]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	g.mu.Lock()
	g.allowed = m
	g.mu.Unlock()
}

// member reports whether p is allowed, regardless of cuts: a validator (or any
// ed25519 peer when the gate is open).
func (g *gate) member(p peer.ID) bool {
	if p == g.self {
		return true
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.memberLocked(p)
}

func (g *gate) memberLocked(p peer.ID) bool {
	if g.open {
		_, err := FromLibp2p(p)
		return err == nil
	}
	return g.allowed[p]
}

// severed reports whether the link to p is cut, by either end.
func (g *gate) severed(p peer.ID) bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.cut[p] || g.cutBy[p]
}

// dialable reports whether the host may dial p.
func (g *gate) dialable(p peer.ID) bool {
	if p == g.self {
		return false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.memberLocked(p) && !g.cut[p] && !g.cutBy[p]
}

func (g *gate) setCut(p peer.ID, on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if on {
		g.cut[p] = true
	} else {
		delete(g.cut, p)
	}
}

func (g *gate) setCutBy(p peer.ID, on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if on {
		g.cutBy[p] = true
	} else {
		delete(g.cutBy, p)
	}
}

// InterceptPeerDial implements connmgr.ConnectionGater.
func (g *gate) InterceptPeerDial(p peer.ID) bool {
	if !g.dialable(p) {
		g.refused.Add(1)
		return false
	}
	return true
}

// InterceptAddrDial implements connmgr.ConnectionGater.
func (g *gate) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return true }

// InterceptAccept implements connmgr.ConnectionGater.
func (g *gate) InterceptAccept(network.ConnMultiaddrs) bool { return true }

// InterceptSecured implements connmgr.ConnectionGater: the peer is known now,
// authenticated by the security handshake. A peer that cut the link to this
// host may dial it again (that is how it reconnects).
func (g *gate) InterceptSecured(dir network.Direction, p peer.ID, _ network.ConnMultiaddrs) bool {
	g.mu.RLock()
	ok := g.memberLocked(p) && !g.cut[p] && (dir == network.DirInbound || !g.cutBy[p])
	g.mu.RUnlock()
	if !ok {
		g.refused.Add(1)
	}
	return ok
}

// InterceptUpgraded implements connmgr.ConnectionGater.
func (g *gate) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return true, 0 }
