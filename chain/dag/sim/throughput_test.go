package sim

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
)

// TestThroughputBound: the degraded-throughput checker passes a run with one
// of four validators crashed and leader reputation on, and fails the same run
// with reputation off (every round the crashed validator leads waits the
// leader timeout), against the same all-up baseline.
func TestThroughputBound(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		window int
		fail   bool
	}{{0, false}, {-1, true}} {
		window := tc.window
		cfg := Config{
			Validators: 4, Seed: 3, Rounds: 250, TxRate: 300, Duration: 5 * time.Second, Network: lan,
			Crashes:    []Crash{{Node: 2, At: 2 * time.Second}},
			NodeConfig: func(c *dag.Config) { c.LeadersPerRound = 1; c.ReputationWindow = window },
		}
		require.NoError(t, degradedBound(&cfg))
		require.NotNil(t, cfg.Throughput, "window %d: no bound", window)
		require.Equal(t, uint64(600), cfg.Throughput.MinPerMille)
		res, err := Run(cfg)
		require.NoError(t, err)
		require.Positive(t, res.RateJudged, "window %d: not judged", window)
		t.Logf("window %d: all up %d, one crashed %d commits per 1000 s (%d per mille)", window, cfg.Throughput.Baseline, res.CommitRate, res.CommitRate*1000/cfg.Throughput.Baseline)
		err = res.Check()
		if !tc.fail {
			require.NoError(t, err)
			continue
		}
		require.Error(t, err)
		require.True(t, strings.Contains(err.Error(), "throughput: "), "%v", err)
	}
}
