//go:build unix

package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/validator"
)

// diskUsage returns the bytes the files under dir occupy on disk, as du(1)
// counts them (allocated blocks, not apparent sizes: pebble preallocates its
// write-ahead log, a memtable's worth, 32 MiB in a validator), and those of
// pebble's tables (*.sst) alone: where the data lives once flushed, and what
// grows without retention.
func diskUsage(dir string) (total, tables int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil // a file pebble deleted during the walk
			}
			return err
		}
		fi, err := d.Info()
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		n := fi.Size()
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			n = st.Blocks * 512
		}
		total += n
		if strings.HasSuffix(path, ".sst") {
			tables += n
		}
		return nil
	})
	return total, tables, err
}

// soakSample is one reading of the soak: the time since the load started,
// the height of the first validator, and each validator's data directory size.
type soakSample struct {
	at     time.Duration
	height uint64
	bytes  []int64 // du of each data directory
	tables []int64 // of its pebble tables
}

// soakConfig is one soak's shape.
type soakConfig struct {
	dur, every time.Duration
	// snapshot is consensus.snapshot_interval on every validator; retain is
	// storage.retain_commits and retain_log on every one but the last, which
	// keeps everything as the same-run baseline.
	snapshot int
	retain   uint64
	load     LoadConfig
}

// runSoak starts four validators (the last keeping everything), loads them
// steadily for cfg.dur, samples every data directory every cfg.every, checks
// the network as TestFaults does, and returns the samples.
func runSoak(t *testing.T, cfg soakConfig) []soakSample {
	needBinary(t)
	ctx := context.Background()
	const n = 4
	nw := StartWith(t, bin, n, func(i int, c *validator.Config) {
		// State votes at every snapshot (the snapshot interval must be a
		// multiple of the consensus-wide state interval).
		c.Consensus.SnapshotInterval, c.Consensus.StateInterval = cfg.snapshot, cfg.snapshot
		if i < n-1 {
			c.Storage.RetainCommits = cfg.retain
			c.Storage.RetainLog = cfg.retain
		}
	})
	dirs := make([]string, n)
	for i, p := range nw.Nodes {
		dirs[i] = filepath.Join(p.Home, validator.DefaultDataDir)
	}
	nw.WaitReady(ctx, readyWithin)
	load := nw.StartLoad(ctx, cfg.load)
	defer load.Stop()
	start := time.Now()
	var samples []soakSample
	sample := func() {
		s := soakSample{at: time.Since(start).Round(time.Second), bytes: make([]int64, n), tables: make([]int64, n)}
		if st, err := nw.Status(ctx, 0); err == nil {
			s.height = st.Height
		}
		for i, d := range dirs {
			var err error
			s.bytes[i], s.tables[i], err = diskUsage(d)
			require.NoError(t, err)
		}
		samples = append(samples, s)
		nw.Logf("soak %v: height %d, data dirs %v, tables %v", s.at, s.height, s.bytes, s.tables)
	}
	sample()
	tick := time.NewTicker(cfg.every)
	defer tick.Stop()
	for time.Since(start) < cfg.dur {
		<-tick.C
		sample()
	}
	load.Stop()
	acked, unknown, full, errs := load.Stats()
	nw.Logf("load: %d acknowledged, %d unknown, %d rejected as full, %d failed requests", acked, unknown, full, errs)
	// v3 keeps the whole commit log: Check reads it there (the others answer
	// GET /commits from their first kept commit, an empty page from 1).
	nw.Check(ctx, load, settleWithin)
	t.Logf("data directory sizes (MiB, du; pebble tables in parentheses), v0-v2 with retain_commits = retain_log = %d, v3 keeping everything, snapshot_interval = %d, load %d txs of about %d bytes every %v over %d keys:\n%s",
		cfg.retain, cfg.snapshot, cfg.load.Batch, cfg.load.Pad+20, cfg.load.Interval, cfg.load.Keys, soakTable(samples))
	return samples
}

// soakTable prints the samples as a markdown table: each data directory's
// size, and in parentheses its pebble tables', in MiB.
func soakTable(samples []soakSample) string {
	var b strings.Builder
	b.WriteString("| time | height | v0 | v1 | v2 | v3 (keep all) |\n|---|---|---|---|---|---|\n")
	for _, s := range samples {
		fmt.Fprintf(&b, "| %v | %d |", s.at, s.height)
		for i, x := range s.bytes {
			fmt.Fprintf(&b, " %.0f (%.0f) |", float64(x)/(1<<20), float64(s.tables[i])/(1<<20))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// soakLoad is the soak's steady load: 1,000 transactions a second of about
// 1 KiB, over 1,000 keys (the application's state stays bounded).
var soakLoad = LoadConfig{Batch: 50, Interval: 50 * time.Millisecond, Keys: 1000, Pad: 1000}

// soakLongLoad is TestSoak's: the same rate with transactions of about 320
// bytes, so that the checks at the end (which hold every transaction of the
// keep-all validator's log in memory) stay within a few GiB after 30 minutes.
var soakLongLoad = LoadConfig{Batch: 50, Interval: 50 * time.Millisecond, Keys: 1000, Pad: 300}

// TestSoakShort, in every run, is the soak's code path in a minute: with
// snapshots every 32 commits and a retention of 64 (about 3 s; pruning also
// keeps what a restart and state sync read below the snapshot: leader
// reputation's windows and the older snapshot's commits), the pebble tables
// of the three pruning validators level off — over the second half of the
// run they grow by less than a quarter of what the tables of the one keeping
// everything grow, under the same load in the same run. (The whole
// directories differ less in a minute: each holds a write-ahead log
// preallocated to a memtable's size, the validators' 32 MiB.)
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the soak runs four validator processes for a minute")
	}
	samples := runSoak(t, soakConfig{dur: 60 * time.Second, every: 10 * time.Second, snapshot: 32, retain: 64, load: soakLoad})
	mid, last := samples[len(samples)/2], samples[len(samples)-1]
	keepAll := last.tables[3] - mid.tables[3]
	require.Greater(t, keepAll, int64(16<<20), "the keep-all validator's tables grew %d bytes over the second half: too little load to judge pruning", keepAll)
	for i := range 3 {
		grown := last.tables[i] - mid.tables[i]
		require.Less(t, grown, keepAll/4, "v%d (retention 64) tables grew %d bytes over the second half, the keep-all v3's %d: pruning does not keep the disk down", i, grown, keepAll)
	}
}

// TestSoak runs with DEPINKIT_E2E_LONG=1 for DEPINKIT_E2E_SOAK (default
// 30m): four validators under a steady load, three with retain_commits =
// retain_log = 4096 and the default snapshot_interval (1024), the fourth
// keeping everything; every data directory is sampled every 30 s. It fails
// unless the pruning validators' disk levels off: over the last third of the
// run each grows by less than a quarter of what it grew in the first third
// (pebble's compactions make the size move by megabytes either way), and by
// less than a quarter of what the keep-all validator grows over the same last
// third.
//
//	DEPINKIT_E2E_LONG=1 DEPINKIT_E2E_SOAK=30m go test -run TestSoak -v -timeout 45m ./chain/e2e/
func TestSoak(t *testing.T) {
	if os.Getenv("DEPINKIT_E2E_LONG") != "1" {
		t.Skip("set DEPINKIT_E2E_LONG=1 (and DEPINKIT_E2E_SOAK, default 30m) to run the soak")
	}
	dur := 30 * time.Minute
	if s := os.Getenv("DEPINKIT_E2E_SOAK"); s != "" {
		d, err := time.ParseDuration(s)
		require.NoError(t, err, "DEPINKIT_E2E_SOAK")
		dur = d
	}
	samples := runSoak(t, soakConfig{
		dur: dur, every: 30 * time.Second,
		snapshot: validator.DefaultSnapshotInterval, retain: 4096, load: soakLongLoad,
	})
	require.GreaterOrEqual(t, len(samples), 7, "too few samples to judge a curve")
	third := (len(samples) - 1) / 3
	first, mid, last := samples[third], samples[len(samples)-1-third], samples[len(samples)-1]
	baseLast := last.bytes[3] - mid.bytes[3]
	for i := range 3 {
		early := first.bytes[i] - samples[0].bytes[i]
		late := last.bytes[i] - mid.bytes[i]
		t.Logf("v%d: grew %d bytes in the first third, %d in the last (keep-all v3: %d in the last)", i, early, late, baseLast)
		require.Less(t, late, early/4, "v%d: the last third grew %d bytes, the first %d: disk does not level off", i, late, early)
		require.Less(t, late, baseLast/4, "v%d: the last third grew %d bytes, the keep-all v3 %d", i, late, baseLast)
	}
}
