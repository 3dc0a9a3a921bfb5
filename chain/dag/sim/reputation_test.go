package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
)

// crashOneRun commits a backlog of transactions on four validators, one of them
// crashed from the start if crash, with leader reputation on (window 0: the
// default) or off (window -1), and returns the result and its throughput in
// committed transactions per virtual second. Blocks hold at most 100
// transactions, so throughput is set by how fast rounds go, which is what a
// crashed leader slows down (the simulator's virtual time costs no CPU, so
// the wall-clock rate would not show it).
func crashOneRun(t *testing.T, seed uint64, crash bool, window int) (*Result, float64) {
	t.Helper()
	cfg := Config{
		Validators: 4,
		Seed:       seed,
		TxSize:     64,
		TxRate:     1_000_000,
		TotalTxs:   120_000,
		Network:    NetworkConfig{Latency: 5 * time.Millisecond, Jitter: 2 * time.Millisecond},
		MaxTime:    10 * time.Minute,
		NodeConfig: func(c *dag.Config) {
			c.Limits.MaxBlockTxs = 100
			c.ReputationWindow = window
		},
	}
	if crash {
		cfg.Crashes = []Crash{{Node: 3, At: time.Millisecond}}
	}
	res, err := Run(cfg)
	require.NoError(t, err)
	require.NoError(t, res.Check())
	return res, float64(res.Committed) / res.VirtualTime.Seconds()
}

// TestReputationCrashOneThroughput: with one of four validators crashed, leader
// reputation keeps at least 60% of the all-up throughput (three proposers of
// four, at the all-up round pace once the crashed one is out of the leader
// slots: 75% at best), where without it every round waits the full leader
// timeout for the crashed leader's block: far below. All three in one run,
// safety and validity checked.
func TestReputationCrashOneThroughput(t *testing.T) {
	seeds := []uint64{1}
	if !testing.Short() {
		seeds = append(seeds, 2)
	}
	for _, seed := range seeds {
		up, upTPS := crashOneRun(t, seed, false, 0)
		crashed, crashTPS := crashOneRun(t, seed, true, 0)
		off, offTPS := crashOneRun(t, seed, true, -1)
		t.Logf("seed %d: all up %.0f tx/s (p50 %v, %d rounds in %v); one crashed %.0f tx/s = %.0f%% (p50 %v, %d rounds in %v); without reputation %.0f tx/s = %.0f%% (p50 %v, %d rounds in %v)",
			seed, upTPS, up.LatencyP50, up.Rounds, up.VirtualTime,
			crashTPS, 100*crashTPS/upTPS, crashed.LatencyP50, crashed.Rounds, crashed.VirtualTime,
			offTPS, 100*offTPS/upTPS, off.LatencyP50, off.Rounds, off.VirtualTime)
		require.GreaterOrEqual(t, crashTPS, 0.6*upTPS, "seed %d: one crashed, with reputation", seed)
		require.Less(t, offTPS, 0.4*upTPS, "seed %d: one crashed, without reputation", seed)
		require.Greater(t, crashTPS, 2*offTPS, "seed %d", seed)
	}
}
