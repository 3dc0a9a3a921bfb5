package sim

import (
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain/dag"
)

// TestLongOutageRejoins checks commit sync: a validator down for tens of times
// the GC depth and one cut off by a
// partition as long come back, sync the commits they missed from their peers
// and commit again, with the same commits as the others (the safety checker
// compares them), and the client's transactions to the partitioned one are
// all committed.
func TestLongOutageRejoins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"crash", Config{
			Validators: 4, Seed: 21, TxRate: 400, Duration: 40 * time.Second, Network: lan,
			Crashes: []Crash{{Node: 3, At: 3 * time.Second, Restart: 33 * time.Second}},
		}},
		{"partition", Config{
			Validators: 4, Seed: 22, TxRate: 400, Duration: 40 * time.Second, Network: wan,
			Partitions: []Partition{{Start: 3 * time.Second, End: 33 * time.Second, Groups: [][]int{{2}}}},
		}},
		{"crash-7", Config{
			Validators: 7, Seed: 23, TxRate: 400, Duration: 40 * time.Second, Network: wan,
			Crashes: []Crash{{Node: 0, At: 2 * time.Second, Restart: 30 * time.Second}, {Node: 5, At: 4 * time.Second, Restart: 36 * time.Second}},
		}},
		{"parts", Config{
			// Responses of about four blocks: larger commits come in parts
			// (and catching up takes more round trips: a shorter outage).
			Validators: 4, Seed: 24, TxRate: 400, Duration: 40 * time.Second, Network: lan,
			Crashes:    []Crash{{Node: 2, At: 3 * time.Second, Restart: 13 * time.Second}},
			SyncLimits: dag.SyncLimits{MaxBytes: 2500},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A GC depth of 10 rounds makes the outages 20 to 60 times as long.
			tc.cfg.NodeConfig = func(c *dag.Config) { c.GCDepth = 10 }
			res := run(t, tc.cfg)
			var synced, parts uint64
			for _, nd := range res.Nodes {
				synced += nd.Stats.SyncedCommits
				parts += nd.Stats.SyncedParts
			}
			if synced == 0 {
				t.Fatalf("no validator synced a commit: %v", res)
			}
			if tc.cfg.SyncLimits.MaxBytes > 0 && parts == 0 {
				t.Fatalf("no commit came in parts: %v", res)
			}
			t.Logf("synced %d commits (%d parts), %d requests served", synced, parts, res.Messages.CommitRequests)
		})
	}
}

// TestRecoveryBounded checks that a restart reads a GC window of blocks, not
// the epoch: a validator that crashes late in a long run recovers from its
// last applied commit (RawNode.RecoverFrom) with a number of blocks bounded by
// the GC depth and, with leader reputation on, its three windows of commits
// (RawNode.RecoveryNeeds), and derives the same commits as the others afterwards (the
// checkers compare them).
func TestRecoveryBounded(t *testing.T) {
	t.Parallel()
	const gcDepth = 10
	for _, window := range []int{-1, 0} { // leader reputation off, and on (the default window)
		for _, at := range []time.Duration{4 * time.Second, 16 * time.Second} {
			c, err := Config{
				Validators: 4, Seed: 31, TxRate: 200, Duration: at + 3*time.Second, Network: lan,
				Crashes:    []Crash{{Node: 1, At: at, Restart: at + 100*time.Millisecond}},
				NodeConfig: func(c *dag.Config) { c.GCDepth = gcDepth; c.ReputationWindow = window },
			}.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			s, err := newSim(c)
			if err != nil {
				t.Fatal(err)
			}
			s.run()
			s.check()
			if len(s.violations) > 0 {
				t.Fatalf("window %d, crash at %v: %v", window, at, s.violations)
			}
			stored, _ := s.nodes[1].db.LoadBlocks()
			got := s.nodes[1].recovered
			t.Logf("window %d, crash at %v: recovered from %d blocks of %d stored", window, at, got, len(stored))
			// The GC window and the rounds above the last applied commit's
			// leader; with reputation, the blocks of three windows of commits
			// (at most one round of four blocks each).
			limit := 4 * (gcDepth + 8)
			if window == 0 {
				limit += 4 * 3 * dag.DefaultReputationWindow
			}
			if got > limit || got == len(stored) {
				t.Fatalf("window %d, crash at %v: recovered from %d blocks of %d stored, limit %d", window, at, got, len(stored), limit)
			}
		}
	}
}

// TestWipedRejoins restarts validators with an empty store (a wiped data
// directory), soon after their crash and long after: each asks its peers for
// its own latest block before proposing, so it never signs a second block
// for a round (the I8 checker and the others' evidence would show it), syncs
// every commit from the first (checked against those it applied before) and
// commits live again.
func TestWipedRejoins(t *testing.T) {
	t.Parallel()
	res := run(t, Config{
		Validators: 4, Seed: 41, TxRate: 300, Duration: 30 * time.Second, Network: wan,
		Crashes: []Crash{
			{Node: 1, At: 3 * time.Second, Restart: 3100 * time.Millisecond, Wipe: true},
			{Node: 2, At: 8 * time.Second, Restart: 20 * time.Second, Wipe: true},
		},
		NodeConfig: func(c *dag.Config) { c.GCDepth = 10 },
	})
	if res.Nodes[2].Stats.SyncedCommits == 0 {
		t.Fatalf("validator 2 rejoined without commit sync: %+v", res.Nodes[2].Stats)
	}
}
