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
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A GC depth of 10 rounds makes the outages 20 to 60 times as long.
			tc.cfg.NodeConfig = func(c *dag.Config) { c.GCDepth = 10 }
			res := run(t, tc.cfg)
			var synced uint64
			for _, nd := range res.Nodes {
				synced += nd.Stats.SyncedCommits
			}
			if synced == 0 {
				t.Fatalf("no validator synced a commit: %v", res)
			}
			t.Logf("synced %d commits, %d requests served", synced, res.Messages.CommitRequests)
		})
	}
}
