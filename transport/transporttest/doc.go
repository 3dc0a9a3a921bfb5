// Package transporttest is the conformance suite of transport.Transport
// implementations, and their benchmark, as slogtest is for slog handlers.
//
// An implementation's tests call Run with a function that builds n connected
// transports (the suite closes them):
//
//	func TestConformance(t *testing.T) {
//		transporttest.Run(t, func(tb testing.TB, n int) []transport.Transport {
//			net, _ := mem.NewNetwork(mem.Config{})
//			tb.Cleanup(func() { net.Close() })
//			out := make([]transport.Transport, n)
//			for i := range out {
//				out[i], _ = net.Join(keys[i])
//			}
//			return out
//		})
//	}
//
// Run documents the properties it checks. The suite publishes on Topics()
// (TopicA, TopicB): an implementation that must join topics ahead (gossipsub)
// joins them. It waits up to Timeout for what must happen, and listens a moment
// for what must not (duplicates, messages to the wrong peer).
//
// Bench(b, newNetwork) measures publish, send and request throughput over four
// peers with 512-byte and 64 KiB messages, reporting msgs/s and MB/s:
//
//	func BenchmarkTransport(b *testing.B) {
//		b.Run("mem", func(b *testing.B) { transporttest.Bench(b, newNetwork) })
//	}
package transporttest
