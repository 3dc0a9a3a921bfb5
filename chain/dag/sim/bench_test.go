package sim

import (
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// BenchmarkSim measures the whole consensus stack in one process: validators
// that are each a RawNode signing every block with ed25519, blocks encoded and
// decoded on every broadcast, a LAN-like network (5ms plus about 2ms of jitter),
// and a client offering 512-byte transactions at 100,000 per virtual second:
// blocks of about 1,250 transactions. (The simulator runs as fast as it can
// whatever the virtual rate, which only sets the block size; larger blocks
// mean a larger live heap, GCDepth rounds of them.) One op is one committed
// transaction: each run submits b.N of them and ends when every validator has
// committed them all.
//
// Metrics: tx/s is transactions committed per wall-clock second; p50-ms and
// p99-ms the virtual time from submission to commit; p50-rounds that latency
// in rounds; rounds the rounds run; cache-hit the share of signature
// verifications the shared cache answered.
//
// The sub-benchmarks: the default committer (Mysticeti with min(n, 4) leaders
// per round, so every validator leads each round here), Mysticeti with one
// leader per round, and Bullshark.
func BenchmarkSim(b *testing.B) {
	for _, bc := range []struct {
		name    string
		leaders int
		cm      func(*chain.ValidatorSet, dag.LeaderSchedule) dag.Committer
	}{
		{name: "n=4,tx=512B"},
		{name: "n=4,tx=512B,leaders=1", leaders: 1},
		{name: "n=4,tx=512B,bullshark", cm: func(_ *chain.ValidatorSet, s dag.LeaderSchedule) dag.Committer { return dag.NewBullshark(s) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := Config{
				Validators: 4,
				Seed:       1,
				TxSize:     512,
				TxRate:     100_000,
				TotalTxs:   b.N,
				Network:    NetworkConfig{Latency: 5 * time.Millisecond, Jitter: 2 * time.Millisecond},
				Committer:  bc.cm,
			}
			if bc.leaders > 0 {
				cfg.NodeConfig = func(c *dag.Config) { c.LeadersPerRound = bc.leaders }
			}
			res, err := Run(cfg)
			if err != nil {
				b.Fatal(err)
			}
			if err := res.Check(); err != nil {
				b.Fatal(err)
			}
			if res.Committed != b.N {
				b.Fatalf("committed %d of %d transactions", res.Committed, b.N)
			}
			b.ReportMetric(res.TPS, "tx/s")
			b.ReportMetric(float64(res.LatencyP50)/float64(time.Millisecond), "p50-ms")
			b.ReportMetric(float64(res.LatencyP99)/float64(time.Millisecond), "p99-ms")
			b.ReportMetric(res.LatencyRounds(res.LatencyP50), "p50-rounds")
			b.ReportMetric(float64(res.Rounds), "rounds")
			b.ReportMetric(float64(res.Verify.Hits)/float64(max(res.Verify.Calls, 1)), "cache-hit")
		})
	}
}
