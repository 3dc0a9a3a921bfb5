package validator

import (
	"context"

	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/p2p"
)

// P2PTransport is the TransportFactory of a validator process: a libp2p host
// (transport/p2p) with the validator's consensus key as its identity,
// config.toml's listen addresses and peers, and only the genesis validators
// admitted (a connection gater and topic validators).
func P2PTransport(ctx context.Context, p TransportParams) (transport.Transport, error) {
	return p2p.New(ctx, p2p.Config{
		Config:      p.Config,
		Key:         p.Key,
		ListenAddrs: p.Listen,
		Bootstrap:   p.Peers,
		Topics:      p.Topics,
		Allowed:     p.AllowedPeers(),
		Logger:      p.Logger,
	})
}
