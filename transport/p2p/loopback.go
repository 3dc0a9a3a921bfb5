package p2p

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/transport"
)

// WaitPeers waits until every one of peers is connected and known to have
// joined every topic of Config.Topics (Publish reaches it), or ctx ends.
func (h *Host) WaitPeers(ctx context.Context, peers ...transport.PeerID) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		if h.isClosed() {
			return fmt.Errorf("p2p: wait for peers: %w", transport.ErrClosed)
		}
		if h.reaches(peers) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("p2p: wait for peers: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// reaches reports whether every one of peers is connected and in every topic.
func (h *Host) reaches(peers []transport.PeerID) bool {
	connected := h.Peers()
	for _, p := range peers {
		if _, ok := slices.BinarySearchFunc(connected, p, compareIDs); !ok {
			return false
		}
	}
	for name := range h.topics {
		in := h.TopicPeers(name)
		for _, p := range peers {
			if _, ok := slices.BinarySearchFunc(in, p, compareIDs); !ok {
				return false
			}
		}
	}
	return true
}

// NewLoopback starts one host per key with cfg (its Key and, unless cfg.Open,
// its Allowed peers — all the keys — filled in; it listens on 127.0.0.1 unless
// cfg.ListenAddrs says otherwise), connects every pair and waits until each
// host reaches every other on every topic. For tests, benchmarks and single-machine
// networks. On error it closes the hosts it started.
func NewLoopback(ctx context.Context, cfg Config, keys []ed25519.PrivateKey) (hosts []*Host, err error) {
	ids := make([]transport.PeerID, len(keys))
	for i, k := range keys {
		if len(k) != ed25519.PrivateKeySize {
			return nil, fmt.Errorf("p2p: %w: key %d is %d bytes", transport.ErrConfig, i, len(k))
		}
		ids[i], _ = transport.IDFromPublicKey(k.Public().(ed25519.PublicKey))
	}
	defer func() {
		if err != nil {
			for _, h := range hosts {
				_ = h.Close()
			}
			hosts = nil
		}
	}()
	for _, k := range keys {
		c := cfg
		c.Key = k
		if !c.Open {
			c.Allowed = ids
		}
		h, err := New(ctx, c)
		if err != nil {
			return hosts, err
		}
		hosts = append(hosts, h)
	}
	for i, h := range hosts {
		for _, o := range hosts[i+1:] {
			var errs []error
			for _, a := range o.Addrs() {
				if err := h.Connect(ctx, a); err != nil {
					errs = append(errs, err)
					continue
				}
				errs = nil
				break
			}
			if errs != nil {
				return hosts, errors.Join(errs...)
			}
		}
	}
	for i, h := range hosts {
		others := slices.Concat(ids[:i], ids[i+1:])
		if err := h.WaitPeers(ctx, others...); err != nil {
			return hosts, err
		}
	}
	return hosts, nil
}
