package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// floodRun runs four validators on a lossy network (lost blocks must be
// fetched) whose serving goroutines spend cost per block served, validator 3
// flooding the others with requests naming real blocks, with the given
// per-peer serving bound; the throughput is bounded at 60% of the same
// network's all-up rate without the flood.
func floodRun(t *testing.T, seed uint64, cost time.Duration, maxServing int) (*Result, Config) {
	t.Helper()
	cfg := Config{
		Validators: 4, Seed: seed, Rounds: 150, TxRate: 400, Duration: 4 * time.Second,
		Network:   NetworkConfig{Latency: 10 * time.Millisecond, Jitter: 3 * time.Millisecond, LossPerMille: 20},
		ServeCost: cost, MaxServing: maxServing,
		floodRefs: 6, // six times the randomized runs' rate: two hundred messages a second per peer, twelve of them fetch requests for real blocks
	}
	base, err := Run(cfg)
	require.NoError(t, err)
	require.NoError(t, base.Check())
	require.Positive(t, base.RateJudged)
	cfg.Byzantine = map[int]Behavior{3: FloodRefs}
	cfg.MaxTime = 30 * time.Second // a stalled run fails by then
	cfg.Throughput = &ThroughputBound{Baseline: base.CommitRate, MinPerMille: 600}
	res, err := Run(cfg)
	require.NoError(t, err)
	t.Logf("max serving %d: all up %d, flooded %d commits per 1000 s; %d responses served, %d throttled, at most %d queued for one peer; %d violations",
		res.Config.MaxServing, base.CommitRate, res.CommitRate, res.Messages.Served, res.Messages.Throttled, res.Messages.MaxQueued, len(res.Violations))
	return res, cfg
}

// TestFloodRealDigests: a validator flooding its peers with valid requests
// for real blocks (every ancestor of up to 32 of them, catch-ups, commit
// sync from early commits) and old real blocks, every tick, does not stop
// the honest ones: with the per-peer serving bound (dag.Node's MaxServing,
// modelled by sim.serve) at most two responses to the flooder wait in a
// validator's serving goroutine, and the fetches honest validators need
// after losses are served in time. Without the bound the flooder's responses
// fill the serving goroutine, the fetches wait behind them, and the
// throughput checker fails the run.
func TestFloodRealDigests(t *testing.T) {
	t.Parallel()
	const cost = 400 * time.Microsecond
	res, _ := floodRun(t, 5, cost, 0)
	require.NoError(t, res.Check())
	require.Positive(t, res.Messages.Throttled, "the flood never reached the bound")
	require.LessOrEqual(t, res.Messages.MaxQueued, 2)
	for i, nd := range res.Nodes[:3] {
		require.Zero(t, nd.StepErrors, "validator %d refused real requests", i)
	}

	res, _ = floodRun(t, 5, cost, -1)
	require.Error(t, res.Check(), "an unbounded serving queue should have slowed the honest validators")
	require.Greater(t, res.Messages.MaxQueued, 2)
}
