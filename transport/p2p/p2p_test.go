package p2p_test

import (
	"context"
	"crypto/ed25519"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/p2p"
	"github.com/depinkit/depinkit/transport/transporttest"
)

// key returns a deterministic ed25519 key; tag separates the tests' key sets.
func key(i int, tag byte) ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	seed[0], seed[1], seed[2] = byte(i), tag, 0x2b
	return ed25519.NewKeyFromSeed(seed)
}

func keys(n int, tag byte) []ed25519.PrivateKey {
	out := make([]ed25519.PrivateKey, n)
	for i := range out {
		out[i] = key(i, tag)
	}
	return out
}

func id(k ed25519.PrivateKey) transport.PeerID {
	p, _ := transport.IDFromPublicKey(k.Public().(ed25519.PublicKey))
	return p
}

// loopback starts n connected hosts with cfg, closed when the test ends.
func loopback(tb testing.TB, cfg p2p.Config, n int, tag byte) []*p2p.Host {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	hosts, err := p2p.NewLoopback(ctx, cfg, keys(n, tag))
	require.NoError(tb, err)
	tb.Cleanup(func() {
		for _, h := range hosts {
			_ = h.Close()
		}
	})
	return hosts
}

func newNetwork(cfg p2p.Config) transporttest.NetworkFunc {
	return func(tb testing.TB, n int) []transport.Transport {
		hosts := loopback(tb, cfg, n, 1)
		out := make([]transport.Transport, n)
		for i, h := range hosts {
			out[i] = h
		}
		return out
	}
}

func TestConformance(t *testing.T) {
	topics := transporttest.Topics()
	tests := []struct {
		name string
		cfg  p2p.Config
	}{
		{"tcp", p2p.Config{Topics: topics, ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}}},
		{"quic-small", p2p.Config{
			Config:      transport.Config{MaxMessageSize: 64 << 10},
			Topics:      topics,
			ListenAddrs: []string{"/ip4/127.0.0.1/udp/0/quic-v1"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { transporttest.Run(t, newNetwork(tc.cfg)) })
	}
}

func BenchmarkTransport(b *testing.B) {
	b.Run("p2p", func(b *testing.B) {
		transporttest.Bench(b, newNetwork(p2p.Config{Topics: transporttest.Topics()}))
	})
}

// workload exercises every path of three hosts — publish (gossip and direct),
// send, requests, a disconnection — and closes them with a request pending.
func workload(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	hosts, err := p2p.NewLoopback(ctx, p2p.Config{Topics: []string{"/t/1"}}, keys(3, 5))
	require.NoError(t, err)
	block := make(chan struct{})
	defer close(block)
	for _, h := range hosts {
		h.Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
		h.Handle("block", func(ctx context.Context, _ transport.PeerID, _ []byte) ([]byte, error) {
			select {
			case <-ctx.Done():
			case <-block:
			}
			return nil, ctx.Err()
		})
	}
	for k := range 10 {
		h, to := hosts[k%3], hosts[(k+1)%3]
		require.NoError(t, h.Publish(ctx, "/t/1", []byte("gossip")))
		require.NoError(t, h.Publish(ctx, "/other/1", []byte("direct")))
		require.NoError(t, h.Send(ctx, to.Self(), "p", []byte("sent")))
		_, err := h.Request(ctx, to.Self(), "echo", []byte("asked"))
		require.NoError(t, err)
	}
	require.NoError(t, hosts[0].Disconnect(ctx, hosts[1].Self()))
	require.NoError(t, hosts[0].Reconnect(ctx, hosts[1].Self()))
	pending := make(chan error, 2)
	go func() { _, err := hosts[0].Request(ctx, hosts[1].Self(), "block", nil); pending <- err }()
	go func() { _, err := hosts[2].Request(ctx, hosts[0].Self(), "block", nil); pending <- err }()
	time.Sleep(50 * time.Millisecond)
	for _, h := range hosts {
		require.NoError(t, h.Close())
	}
	require.Error(t, <-pending)
	require.Error(t, <-pending)
}

// TestNoLeaks: after Close, the goroutines the hosts started are gone (a
// first run starts the process-wide ones of libp2p and QUIC, which stay).
func TestNoLeaks(t *testing.T) {
	workload(t)
	settle := func(limit int) bool {
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if runtime.NumGoroutine() <= limit {
				return true
			}
			time.Sleep(20 * time.Millisecond)
		}
		return false
	}
	// Let the first run wind down: until the count holds still a moment.
	before := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		time.Sleep(300 * time.Millisecond)
		n := runtime.NumGoroutine()
		if n == before {
			break
		}
		before = n
	}
	workload(t)
	if !settle(before) {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
	}
}
