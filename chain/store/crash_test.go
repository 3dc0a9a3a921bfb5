package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// crashOp is one write of a crash workload: blocks (synced) or commits (not).
type crashOp struct {
	blocks  []*dag.Block
	commits []chain.Commit
}

func (op crashOp) apply(s *Store) error {
	if op.blocks != nil {
		return s.SaveBlocks(op.blocks)
	}
	return s.SaveCommits(op.commits)
}

// crashWorkload makes n writes: mostly block batches of 1 to 4 blocks, every
// third one a batch of commits. Blocks carry enough transactions that pebble
// rotates its memtable and log and flushes sstables during the run.
func crashWorkload(t testing.TB, n int, seed uint64) []crashOp {
	rng := rand.New(rand.NewPCG(seed, 1))
	ops := make([]crashOp, n)
	commits := testCommits(1, uint64(n))
	next := 0
	for i := range ops {
		if i%3 == 2 {
			k := 1 + rng.IntN(3)
			ops[i].commits = commits[next : next+k]
			next += k
			continue
		}
		round := uint64(i + 1)
		for a := 0; a < 1+rng.IntN(4); a++ {
			ops[i].blocks = append(ops[i].blocks, testBlock(t, 0, round, uint32(a), 20+rng.IntN(40), 0))
		}
	}
	return ops
}

// crashState is what a reopened store holds, by op: present entirely, absent
// entirely, or (a failure) partly.
func crashState(t *testing.T, s *Store, ops []crashOp) (present []bool) {
	t.Helper()
	blocks, err := s.LoadBlocks()
	require.NoError(t, err)
	have := map[dag.BlockRef]bool{}
	for _, b := range blocks {
		have[b.Ref()] = true
	}
	commits, err := s.LoadCommits(0, 0)
	require.NoError(t, err)
	haveCommit := map[uint64]chain.Digest{}
	for _, c := range commits {
		haveCommit[c.Index] = c.Digest
	}
	pos, err := s.CommitPosition()
	require.NoError(t, err)
	if len(commits) > 0 {
		require.Equal(t, commits[len(commits)-1].Index, pos.Index)
		require.EqualValues(t, 1, commits[0].Index)
		require.Len(t, commits, int(pos.Index), "the commit log has a hole")
	} else {
		require.Zero(t, pos)
	}
	present = make([]bool, len(ops))
	found := 0
	maxRound := map[uint32]uint64{}
	for i, op := range ops {
		n := 0
		for _, b := range op.blocks {
			if have[b.Ref()] {
				n++
				maxRound[b.Author] = max(maxRound[b.Author], b.Round)
			}
		}
		for _, c := range op.commits {
			if d, ok := haveCommit[c.Index]; ok {
				require.Equal(t, c.Digest, d)
				n++
			}
		}
		switch n {
		case 0:
		case len(op.blocks) + len(op.commits):
			present[i] = true
			found += len(op.blocks)
		default:
			t.Fatalf("op %d is half-written: %d of %d items", i, n, len(op.blocks)+len(op.commits))
		}
	}
	require.Equal(t, found, len(blocks), "blocks that no op wrote")
	for a := uint32(0); a < 4; a++ {
		r, err := s.LastRound(0, a)
		require.NoError(t, err)
		require.Equal(t, maxRound[a], r, "round mark of author %d", a)
	}
	return present
}

// TestCrashAfterSyncLosesNothing: a crash right after SaveBlocks returned
// loses nothing written up to then — the blocks, and the unsynced commits
// saved before them.
func TestCrashAfterSyncLosesNothing(t *testing.T) {
	ops := crashWorkload(t, 60, 1)
	mem := vfs.NewCrashableMem()
	s := openMem(t, mem, Options{MemTableSize: 64 << 10})
	for i, op := range ops {
		require.NoError(t, op.apply(s))
		if op.blocks == nil || i%7 != 0 {
			continue
		}
		// Only what was synced survives this crash.
		crashed := mem.CrashClone(vfs.CrashCloneCfg{})
		c := openMem(t, crashed, Options{})
		present := crashState(t, c, ops)
		require.NoError(t, c.Close())
		for j := range ops {
			require.Equal(t, j <= i, present[j], "after op %d: op %d", i, j)
		}
	}
	require.NoError(t, s.Close())
}

// TestCrashDuringWrites crashes the store at random moments while writes are
// in flight, keeping a random part of what was not synced (as a disk may),
// and checks every crash image reopens to a prefix of the writes, each write
// whole or absent, holding at least every synced write that had returned.
func TestCrashDuringWrites(t *testing.T) {
	for _, tc := range []struct {
		unsynced int // percent of unsynced data and directory entries kept
		seed     uint64
	}{
		{0, 1}, {30, 2}, {70, 3}, {100, 4},
	} {
		t.Run(fmt.Sprintf("unsynced=%d%%", tc.unsynced), func(t *testing.T) {
			ops := crashWorkload(t, 150, tc.seed)
			mem := vfs.NewCrashableMem()
			s := openMem(t, noReuseFS{mem}, Options{MemTableSize: 64 << 10})
			var synced atomic.Int64 // ops before it are synced (blocks returned)
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i, op := range ops {
					if err := op.apply(s); err != nil {
						t.Error(err)
						return
					}
					if op.blocks != nil {
						synced.Store(int64(i + 1))
					}
				}
			}()
			rng := rand.New(rand.NewPCG(tc.seed, 2))
			type image struct {
				fs     *vfs.MemFS
				synced int
			}
			// Crash points spread over the run: wait for a number of ops to
			// return, then clone at once, with the next write in flight.
			targets := make([]int64, 10)
			for k := range targets {
				targets[k] = int64(rng.IntN(len(ops)))
			}
			slices.Sort(targets)
			var images []image
			for _, target := range targets {
				for synced.Load() < target {
					time.Sleep(20 * time.Microsecond)
				}
				done := int(synced.Load())
				images = append(images, image{fs: mem.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: tc.unsynced, RNG: rng}), synced: done})
			}
			wg.Wait()
			require.NoError(t, s.Close())
			for n, img := range images {
				c := openMem(t, img.fs, Options{})
				present := crashState(t, c, ops)
				require.NoError(t, c.Close())
				prefix := 0
				for prefix < len(present) && present[prefix] {
					prefix++
				}
				for j := prefix; j < len(present); j++ {
					require.False(t, present[j], "image %d: op %d present after the missing op %d", n, j, prefix)
				}
				require.GreaterOrEqual(t, prefix, img.synced, "image %d lost a synced write", n)
				t.Logf("image %d: %d ops synced when taken, %d recovered", n, img.synced, prefix)
			}
		})
	}
}

// noReuseFS never recycles a file: ReuseForWrite removes the old one and
// creates the new. pebble's MemFS.ReuseForWrite takes its clone lock for
// reading and then again inside Rename (pebble v2.1.4, vfs/mem_fs.go), which
// deadlocks when a CrashClone asks for the lock in between, as
// TestCrashDuringWrites does while writes run; pebble's contract for
// ReuseForWrite allows this fallback.
type noReuseFS struct{ vfs.FS }

func (f noReuseFS) ReuseForWrite(oldname, newname string, category vfs.DiskWriteCategory) (vfs.File, error) {
	if err := f.Remove(oldname); err != nil {
		return nil, err
	}
	return f.Create(newname, category)
}
