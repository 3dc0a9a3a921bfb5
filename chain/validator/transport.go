package validator

import (
	"context"
	"crypto/ed25519"
	"log/slog"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

// TransportFactory makes a validator's network endpoint when Run starts; Run
// closes it when it returns. A factory for transport/p2p builds a libp2p host
// from the parameters (the process entry point, cmd/depinkit, wires one);
// MemoryTransport joins an in-process network.
type TransportFactory func(ctx context.Context, p TransportParams) (transport.Transport, error)

// TransportParams is what a TransportFactory gets from the validator's
// Config.
type TransportParams struct {
	// Key is the validator's consensus key: its network identity.
	Key ed25519.PrivateKey
	// Listen and Peers are Config.P2P.Listen and Config.P2P.Peers.
	Listen, Peers []string
	// Validators is the genesis validator set: the peers to admit.
	Validators *chain.ValidatorSet
	// Topics are the topics the validator publishes on.
	Topics []string
	// Config holds the limits (Config.P2P.MaxMessageSize).
	Config transport.Config
	// Logger is the validator's logger.
	Logger *slog.Logger
}

// AllowedPeers returns the PeerIDs of the validator set: a p2p allow-list.
func (p TransportParams) AllowedPeers() []transport.PeerID {
	out := make([]transport.PeerID, 0, p.Validators.Len())
	for i := range p.Validators.Len() {
		id, err := transport.IDFromPublicKey(p.Validators.Key(uint32(i)))
		if err == nil {
			out = append(out, id)
		}
	}
	return out
}

// MemoryTransport returns a factory that joins net with the validator's key:
// several validators in one process, for tests and examples. Listen and Peers
// are ignored. A restarted validator joins again (its previous endpoint was
// closed when its Run returned).
func MemoryTransport(net *mem.Network) TransportFactory {
	return func(_ context.Context, p TransportParams) (transport.Transport, error) {
		return net.JoinConfig(p.Key.Public().(ed25519.PublicKey), p.Config)
	}
}
