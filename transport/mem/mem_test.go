package mem_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
	"github.com/depinkit/depinkit/transport/transporttest"
)

func key(i int) ed25519.PublicKey {
	seed := make([]byte, ed25519.SeedSize)
	seed[0], seed[1] = byte(i), 0x3e
	return ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
}

func id(i int) transport.PeerID {
	p, _ := transport.IDFromPublicKey(key(i))
	return p
}

// join builds a network of n endpoints with cfg.
func join(tb testing.TB, cfg mem.Config, n int) (*mem.Network, []*mem.Endpoint) {
	tb.Helper()
	net, err := mem.NewNetwork(cfg)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = net.Close() })
	eps := make([]*mem.Endpoint, n)
	for i := range eps {
		eps[i], err = net.Join(key(i))
		require.NoError(tb, err)
	}
	return net, eps
}

func newNetwork(cfg mem.Config) transporttest.NetworkFunc {
	return func(tb testing.TB, n int) []transport.Transport {
		_, eps := join(tb, cfg, n)
		out := make([]transport.Transport, n)
		for i, e := range eps {
			out[i] = e
		}
		return out
	}
}

func TestConformance(t *testing.T) {
	tests := []struct {
		name string
		cfg  mem.Config
	}{
		{"default", mem.Config{}},
		{"small", mem.Config{Config: transport.Config{MaxMessageSize: 1 << 10}}},
		{"latency", mem.Config{Config: transport.Config{MaxMessageSize: 64 << 10}, Latency: time.Millisecond, Jitter: time.Millisecond, Seed: 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { transporttest.Run(t, newNetwork(tc.cfg)) })
	}
}

func BenchmarkTransport(b *testing.B) {
	b.Run("mem", func(b *testing.B) { transporttest.Bench(b, newNetwork(mem.Config{})) })
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  mem.Config
	}{
		{"negative size", mem.Config{Config: transport.Config{MaxMessageSize: -1}}},
		{"huge size", mem.Config{Config: transport.Config{MaxMessageSize: transport.HardMaxMessageSize + 1}}},
		{"negative inbox", mem.Config{Config: transport.Config{InboxSize: -1}}},
		{"drop rate above 1", mem.Config{DropRate: 1.5}},
		{"drop rate NaN", mem.Config{DropRate: func() float64 { var z float64; return z / z }()}},
		{"negative latency", mem.Config{Latency: -time.Second}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mem.NewNetwork(tc.cfg)
			require.ErrorIs(t, err, transport.ErrConfig)
		})
	}
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	_, err = net.Join(ed25519.PublicKey{1, 2, 3})
	require.Error(t, err)
	e, err := net.Join(key(0))
	require.NoError(t, err)
	require.Equal(t, transport.DefaultMaxMessageSize, e.MaxMessageSize())
	_, err = net.Join(key(0))
	require.ErrorIs(t, err, mem.ErrDuplicate)
	require.NoError(t, net.Close())
	_, err = net.Join(key(1))
	require.ErrorIs(t, err, transport.ErrClosed)
	_, ok := <-e.Inbox()
	require.False(t, ok, "Network.Close closes the endpoints")
}

// TestFIFO: without jitter, one sender's messages reach a receiver in order (a
// property of this implementation, not of the interface).
func TestFIFO(t *testing.T) {
	ctx := context.Background()
	_, eps := join(t, mem.Config{Latency: time.Millisecond}, 2)
	for k := 0; k < 100; k++ {
		require.NoError(t, eps[0].Send(ctx, eps[1].Self(), "p", []byte{byte(k)}))
	}
	for k := 0; k < 100; k++ {
		env := <-eps[1].Inbox()
		require.Equal(t, []byte{byte(k)}, env.Data)
	}
}

func TestDropRate(t *testing.T) {
	ctx := context.Background()
	run := func(seed uint64) (lost uint64, got []int) {
		net, eps := join(t, mem.Config{Seed: seed, DropRate: 0.3}, 3)
		for k := 0; k < 200; k++ {
			require.NoError(t, eps[0].Publish(ctx, "t", []byte{byte(k)}))
		}
		for _, e := range eps[1:] {
			got = append(got, len(e.Inbox()))
		}
		return net.Lost(), got
	}
	lost, got := run(1)
	require.InDelta(t, 0.3*400, float64(lost), 40, "lost %d of 400", lost)
	require.Equal(t, 400, int(lost)+got[0]+got[1])
	lost2, got2 := run(1)
	require.Equal(t, lost, lost2, "the same seed loses the same messages")
	require.Equal(t, got, got2)
	lost3, _ := run(2)
	require.NotEqual(t, lost, lost3)
}

func TestPartition(t *testing.T) {
	ctx := context.Background()
	net, eps := join(t, mem.Config{}, 4)
	tests := []struct {
		name  string
		apply func()
		peers [4]int // how many peers each endpoint sees
	}{
		{"isolate 3", func() { net.Isolate(id(3)) }, [4]int{2, 2, 2, 0}},
		{"heal", net.Heal, [4]int{3, 3, 3, 3}},
		{"two halves", func() { net.Partition([]transport.PeerID{id(0), id(1)}, []transport.PeerID{id(2), id(3)}) }, [4]int{1, 1, 1, 1}},
		{"one group, rest implicit", func() { net.Partition([]transport.PeerID{id(0)}) }, [4]int{0, 2, 2, 2}},
		{"cut 1-2", func() { net.Heal(); net.Cut(id(1), id(2)) }, [4]int{3, 2, 2, 3}},
		{"restore 1-2", func() { net.Restore(id(2), id(1)) }, [4]int{3, 3, 3, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.apply()
			for i, e := range eps {
				require.Len(t, e.Peers(), tc.peers[i], "endpoint %d", i)
			}
			// A publication reaches exactly the connected peers.
			for _, e := range eps {
				for len(e.Inbox()) > 0 {
					<-e.Inbox()
				}
			}
			require.NoError(t, eps[1].Publish(ctx, "t", []byte("x")))
			reached := 0
			for _, e := range eps {
				reached += len(e.Inbox())
			}
			require.Equal(t, tc.peers[1], reached)
		})
	}
}

// TestInboundLimits: a message over the receiver's own limit, and messages that
// find its inbox full, are dropped and counted.
func TestInboundLimits(t *testing.T) {
	ctx := context.Background()
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	defer net.Close()
	big, err := net.Join(key(0))
	require.NoError(t, err)
	small, err := net.JoinConfig(key(1), transport.Config{MaxMessageSize: 100, InboxSize: 2})
	require.NoError(t, err)
	require.NoError(t, big.Send(ctx, small.Self(), "p", make([]byte, 101)))
	require.NoError(t, big.Publish(ctx, "t", make([]byte, 101)))
	big.Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return make([]byte, 101), nil })
	small.Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
	_, err = big.Request(ctx, small.Self(), "echo", make([]byte, 101))
	require.ErrorIs(t, err, transport.ErrTooLarge)
	_, err = small.Request(ctx, big.Self(), "echo", nil)
	require.ErrorIs(t, err, transport.ErrTooLarge)
	for k := 0; k < 5; k++ {
		require.NoError(t, big.Send(ctx, small.Self(), "p", []byte{byte(k)}))
	}
	s := small.Stats()
	require.Equal(t, uint64(4), s.DroppedOversize)
	require.Equal(t, uint64(3), s.DroppedFull)
	require.Equal(t, uint64(2), s.Received)
	b := big.Stats()
	require.Equal(t, uint64(1), b.Published)
	require.Equal(t, uint64(6), b.Sent)
}

// TestRestart: a closed peer can join again with the same key, and its peers
// see it leave and come back.
func TestRestart(t *testing.T) {
	ctx := context.Background()
	net, eps := join(t, mem.Config{}, 2)
	ev := func(e *mem.Endpoint) transport.PeerEvent {
		select {
		case ev := <-e.PeerEvents():
			return ev
		case <-time.After(time.Second):
			return transport.PeerEvent{}
		}
	}
	require.Equal(t, transport.PeerEvent{Peer: id(1), Connected: true}, ev(eps[0]))
	require.NoError(t, eps[1].Close())
	require.Equal(t, transport.PeerEvent{Peer: id(1), Connected: false}, ev(eps[0]))
	require.ErrorIs(t, eps[0].Send(ctx, id(1), "p", nil), transport.ErrUnreachable)
	again, err := net.Join(key(1))
	require.NoError(t, err)
	require.Equal(t, transport.PeerEvent{Peer: id(1), Connected: true}, ev(eps[0]))
	require.Equal(t, transport.PeerEvent{Peer: id(0), Connected: true}, ev(again))
	require.NoError(t, eps[0].Send(ctx, id(1), "p", []byte("hi")))
	require.Equal(t, "hi", string((<-again.Inbox()).Data))
}

// workload exercises every path of the endpoints: publish, send, requests
// (one left pending), partitions, latency.
func workload(t *testing.T, cfg mem.Config) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	net, eps := join(t, cfg, 4)
	block := make(chan struct{})
	for _, e := range eps {
		e.Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
		e.Handle("block", func(ctx context.Context, _ transport.PeerID, _ []byte) ([]byte, error) {
			select {
			case <-ctx.Done():
			case <-block:
			}
			return nil, ctx.Err()
		})
	}
	for k := 0; k < 20; k++ {
		e := eps[k%4]
		require.NoError(t, e.Publish(ctx, "t", []byte(fmt.Sprint(k))))
		require.NoError(t, e.Send(ctx, eps[(k+1)%4].Self(), "p", []byte("x")))
		_, err := e.Request(ctx, eps[(k+2)%4].Self(), "echo", []byte("y"))
		require.NoError(t, err)
	}
	net.Isolate(eps[3].Self())
	require.NoError(t, eps[0].Publish(ctx, "t", []byte("z")))
	net.Heal()
	// A request still waiting when its requester closes, one whose responder
	// closes, and messages still in the delay queues.
	pending := make(chan error, 2)
	go func() { _, err := eps[0].Request(ctx, eps[1].Self(), "block", nil); pending <- err }()
	go func() { _, err := eps[2].Request(ctx, eps[3].Self(), "block", nil); pending <- err }()
	for k := 0; k < 10; k++ {
		require.NoError(t, eps[1].Publish(ctx, "t", []byte("late")))
	}
	time.Sleep(10 * time.Millisecond)
	require.NoError(t, eps[0].Close())
	require.NoError(t, eps[3].Close())
	require.Error(t, <-pending)
	require.Error(t, <-pending)
	require.NoError(t, net.Close())
}

// TestNoLeaks runs the workload in a synctest bubble, which fails if any
// goroutine the endpoints started outlives Close (and keeps latency instant).
func TestNoLeaks(t *testing.T) {
	tests := []struct {
		name string
		cfg  mem.Config
	}{
		{"immediate", mem.Config{}},
		{"latency", mem.Config{Latency: 20 * time.Millisecond, Jitter: 10 * time.Millisecond, DropRate: 0.1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) { workload(t, tc.cfg) })
		})
	}
}

// TestGoroutines counts goroutines around a workload outside any bubble.
func TestGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	workload(t, mem.Config{Latency: time.Millisecond})
	ok := assertEventually(5*time.Second, func() bool { return runtime.NumGoroutine() <= before })
	if !ok {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
	}
}

func assertEventually(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if f() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return f()
}

// TestLatency checks delays on a fake clock.
func TestLatency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		_, eps := join(t, mem.Config{Latency: 40 * time.Millisecond}, 2)
		eps[1].Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
		start := time.Now()
		require.NoError(t, eps[0].Send(ctx, eps[1].Self(), "p", []byte("x")))
		<-eps[1].Inbox()
		require.Equal(t, 40*time.Millisecond, time.Since(start))
		start = time.Now()
		_, err := eps[0].Request(ctx, eps[1].Self(), "echo", nil)
		require.NoError(t, err)
		require.Equal(t, 80*time.Millisecond, time.Since(start), "a round trip is two hops")
		// A message in flight when its link is cut is lost.
		require.NoError(t, eps[0].Send(ctx, eps[1].Self(), "p", []byte("lost")))
		time.Sleep(20 * time.Millisecond)
		require.NoError(t, eps[0].Disconnect(ctx, eps[1].Self()))
		time.Sleep(40 * time.Millisecond)
		synctest.Wait()
		require.Empty(t, eps[1].Inbox())
	})
}
