package devnet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/depin/devnet"
)

// TestClockTune: a tuned dag node reads the Clock, and its timers, zero or
// set, become virtual durations Slowdown times shorter (never zero, which
// dag would take for its default).
func TestClockTune(t *testing.T) {
	c := devnet.NewClock(devnet.Genesis)
	var nc dag.NodeConfig
	nc.LeaderTimeout = 2 * time.Second
	nc.MinRoundDelay = time.Nanosecond
	c.Tune(&nc)
	require.Equal(t, time.Nanosecond, nc.MinRoundDelay)
	require.Equal(t, 2000*time.Nanosecond, nc.LeaderTimeout)
	require.Equal(t, 500*time.Nanosecond, nc.MaxTimestampDrift)
	require.Equal(t, 1000*time.Nanosecond, nc.FetchTimeout)
	require.Equal(t, 1000*time.Nanosecond, nc.RebroadcastInterval)
	require.False(t, nc.Now().Before(devnet.Genesis))
	require.Less(t, nc.Now().Sub(devnet.Genesis), time.Millisecond, "crawls")
	c.Advance(time.Minute)
	require.Equal(t, devnet.Genesis.Add(time.Minute), c.Base())
	require.Equal(t, devnet.Genesis.Add(time.Minute).UnixMilli(), nc.Now().UnixMilli())
}
