package validator

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
)

// TestSyncWatcherStall: a validator behind the network that makes no commit
// for stuckAfter warns once that no peer serves the commits it needs (its
// peers may have pruned them: only state sync from an empty data directory
// helps then); a commit resets the watch, and a new stall warns again. One
// that catches up says so, and never warns.
func TestSyncWatcherStall(t *testing.T) {
	var buf bytes.Buffer
	w := syncWatcher{log: slog.New(slog.NewTextHandler(&buf, nil)), logEvery: 5 * time.Second, stuckAfter: 30 * time.Second,
		prev: dag.Stats{CommitIndex: 10, VotedIndex: 10}}
	t0 := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	stalls := func() int { return strings.Count(buf.String(), "no peer serves") }
	behind := dag.Stats{CommitIndex: 10, VotedIndex: 5000}
	for s := 0; s <= 29; s++ {
		w.observe(behind, t0.Add(time.Duration(s)*time.Second))
	}
	require.Zero(t, stalls(), "29 s without a commit")
	require.Contains(t, buf.String(), "catching up")
	w.observe(behind, t0.Add(30*time.Second))
	require.Equal(t, 1, stalls(), "30 s without a commit")
	require.Contains(t, buf.String(), "commits_behind=4990")
	w.observe(behind, t0.Add(90*time.Second))
	require.Equal(t, 1, stalls(), "once per stall")

	moved := dag.Stats{CommitIndex: 11, VotedIndex: 5000}
	w.observe(moved, t0.Add(91*time.Second))
	w.observe(moved, t0.Add(120*time.Second))
	require.Equal(t, 1, stalls(), "29 s since the last commit")
	w.observe(moved, t0.Add(121*time.Second))
	require.Equal(t, 2, stalls(), "a second stall")

	// Caught up: no warning however long it then stays at one commit.
	buf.Reset()
	in := dag.Stats{CommitIndex: 5000, VotedIndex: 5000}
	w.observe(in, t0.Add(122*time.Second))
	w.observe(in, t0.Add(300*time.Second))
	require.Contains(t, buf.String(), "caught up")
	require.Zero(t, stalls())
}
