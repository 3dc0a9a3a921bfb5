package p2p

import (
	"bytes"
	"fmt"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/depinkit/depinkit/transport"
)

// ToLibp2p returns the libp2p peer ID of a PeerID: the identity multihash of
// its ed25519 key.
func ToLibp2p(id transport.PeerID) (peer.ID, error) {
	pub, err := crypto.UnmarshalEd25519PublicKey(id[:])
	if err != nil {
		return "", fmt.Errorf("p2p: peer %s: %w", id.Short(), err)
	}
	p, err := peer.IDFromPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("p2p: peer %s: %w", id.Short(), err)
	}
	return p, nil
}

// FromLibp2p returns the PeerID of a libp2p peer ID. It fails for an ID that
// does not embed an ed25519 key (a hashed ID, or another key type): such peers
// cannot be validators.
func FromLibp2p(p peer.ID) (transport.PeerID, error) {
	var id transport.PeerID
	pub, err := p.ExtractPublicKey()
	if err != nil {
		return id, fmt.Errorf("p2p: peer %s: %w", p, err)
	}
	if pub.Type() != crypto.Ed25519 {
		return id, fmt.Errorf("p2p: peer %s: key type %v, want ed25519", p, pub.Type())
	}
	raw, err := pub.Raw()
	if err != nil {
		return id, fmt.Errorf("p2p: peer %s: %w", p, err)
	}
	if len(raw) != len(id) {
		return id, fmt.Errorf("p2p: peer %s: ed25519 key of %d bytes", p, len(raw))
	}
	copy(id[:], raw)
	return id, nil
}

// compareIDs orders PeerIDs by their bytes.
func compareIDs(a, b transport.PeerID) int { return bytes.Compare(a[:], b[:]) }
