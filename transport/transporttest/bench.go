package transporttest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/depinkit/depinkit/transport"
)

// benchPeers is the size of the benchmark network: four validators, as the
// consensus benchmarks.
const benchPeers = 4

// benchWindow bounds the messages a sender has in flight (sent, not yet received
// by every target), so that a fast sender measures throughput instead of
// overflowing inboxes. Implementations need queues of benchWindow per peer.
const benchWindow = 64

// stall is how long a sender waits for progress before the benchmark fails.
const stall = 10 * time.Second

// Bench measures a transport on a conformance-like workload over four peers,
// one sub-benchmark per pattern and message size:
//
//   - publish: every peer publishes; b.N messages in all, each delivered to the
//     three others;
//   - send: every peer sends to the next one (a ring); b.N messages in all;
//   - request: every peer runs four requesters against the next peer's echo
//     handler; b.N round trips in all.
//
// It reports deliveries (or round trips) per second as msgs/s, and delivered
// bytes per second as MB/s (b.SetBytes).
func Bench(b *testing.B, newNetwork NetworkFunc) {
	for _, size := range []int{512, 64 << 10} {
		name := fmt.Sprintf("%dB", size)
		if size >= 1<<10 {
			name = fmt.Sprintf("%dKiB", size>>10)
		}
		b.Run("publish/"+name, func(b *testing.B) { benchFlow(b, newNetwork, size, true) })
		b.Run("send/"+name, func(b *testing.B) { benchFlow(b, newNetwork, size, false) })
		b.Run("request/"+name, func(b *testing.B) { benchRequest(b, newNetwork, size) })
	}
}

// benchFlow runs the publish (all to all) or send (ring) workload.
func benchFlow(b *testing.B, newNetwork NetworkFunc, size int, publish bool) {
	tr := network(b, newNetwork, benchPeers)
	ctx := context.Background()
	n := len(tr)
	index := map[transport.PeerID]int{}
	for i, x := range tr {
		index[x.Self()] = i
	}
	targets := 1
	if publish {
		targets = n - 1
	}
	perSender := (b.N + n - 1) / n
	// got[s][r]: messages from s received by r; progress[s] wakes sender s.
	got := make([][]atomic.Int64, n)
	progress := make([]chan struct{}, n)
	for s := range got {
		got[s] = make([]atomic.Int64, n)
		progress[s] = make(chan struct{}, 1)
	}
	var received atomic.Int64
	var wg sync.WaitGroup
	for r, x := range tr {
		wg.Go(func() {
			for env := range x.Inbox() {
				s, ok := index[env.From]
				if !ok {
					continue
				}
				got[s][r].Add(1)
				received.Add(1)
				select {
				case progress[s] <- struct{}{}:
				default:
				}
			}
		})
	}
	// delivered returns the fewest messages of s any of its targets has.
	delivered := func(s int) int64 {
		low := int64(-1)
		for r := range n {
			if r == s || !publish && r != (s+1)%n {
				continue
			}
			if v := got[s][r].Load(); low < 0 || v < low {
				low = v
			}
		}
		return low
	}
	b.SetBytes(int64(size * targets))
	b.ResetTimer()
	start := time.Now()
	var senders sync.WaitGroup
	errs := make(chan error, n)
	for s, x := range tr {
		senders.Go(func() {
			msg := bytes.Repeat([]byte{byte(s)}, size)
			to := tr[(s+1)%n].Self()
			for k := 0; k < perSender; k++ {
				for int64(k)-delivered(s) >= benchWindow {
					select {
					case <-progress[s]:
					case <-time.After(stall):
						errs <- fmt.Errorf("sender %d: no progress for %v with %d messages in flight (lost?)", s, stall, int64(k)-delivered(s))
						return
					}
				}
				var err error
				if publish {
					err = x.Publish(ctx, TopicA, msg)
				} else {
					err = x.Send(ctx, to, ProtoMsg, msg)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			for delivered(s) < int64(perSender) {
				select {
				case <-progress[s]:
				case <-time.After(stall):
					errs <- fmt.Errorf("sender %d: %d of %d messages delivered (lost?)", s, delivered(s), perSender)
					return
				}
			}
		})
	}
	senders.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.ReportMetric(float64(received.Load())/elapsed.Seconds(), "msgs/s")
	for _, x := range tr {
		_ = x.Close()
	}
	wg.Wait()
}

// benchRequest runs round trips: each peer's requesters ask the next peer.
func benchRequest(b *testing.B, newNetwork NetworkFunc, size int) {
	const requesters = 4
	tr := network(b, newNetwork, benchPeers)
	ctx := context.Background()
	for _, x := range tr {
		x.Handle(ProtoEcho, func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
	}
	n := len(tr)
	per := (b.N + n*requesters - 1) / (n * requesters)
	var done atomic.Int64
	errs := make(chan error, n*requesters)
	b.SetBytes(int64(2 * size))
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for s, x := range tr {
		to := tr[(s+1)%n].Self()
		for range requesters {
			wg.Go(func() {
				req := bytes.Repeat([]byte{byte(s)}, size)
				for range per {
					resp, err := x.Request(ctx, to, ProtoEcho, req)
					if err == nil && len(resp) != size {
						err = fmt.Errorf("response of %d bytes, want %d", len(resp), size)
					}
					if err != nil {
						errs <- err
						return
					}
					done.Add(1)
				}
			})
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.ReportMetric(float64(done.Load())/elapsed.Seconds(), "msgs/s")
}
