package store

import (
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// threeEpochs stores epochs 0, 1 and 2 of 20 rounds each (blocks, one
// header and one commit per round: commits 1-20, 21-40, 41-60), and the
// records of epochs 1 and 2, starting at commits 20 and 40 (the closing
// commits of the epochs before).
func threeEpochs(t *testing.T, s *Store) (blocks [][]*dag.Block, commits []chain.Commit) {
	set := testValidators(t)
	var prev chain.Digest
	for e := uint64(0); e < 3; e++ {
		bs, _ := epochRounds(t, s, e, 20, 20*e+1)
		blocks = append(blocks, bs)
		for i := 20*e + 1; i <= 20*e+20; i++ {
			c := testCommit(prev, e, i, 2)
			prev = c.Digest
			commits = append(commits, c)
		}
		require.NoError(t, s.SaveCommits(commits[20*e:]))
		if e > 0 {
			require.NoError(t, s.SaveEpoch(dag.EpochStart{Epoch: e, Validators: set, Start: commits[20*e-1]}))
		}
	}
	return blocks, commits
}

// TestPruneBefore: after three epochs, keeping the last one deletes every
// block, round mark, header, commit, epoch record and snapshot of the first
// two, keeps the last one's whole, refuses to go past the newest snapshot's
// epoch, and a reopened store recovers the last epoch as before.
func TestPruneBefore(t *testing.T) {
	const gcDepth = 5
	mem := vfs.NewMem()
	s := openMem(t, mem, Options{})
	blocks, commits := threeEpochs(t, s)

	// The newest snapshot is in epoch 1: epoch 1's data must stay.
	require.NoError(t, s.SaveSnapshot(Snapshot{Height: 10, Data: []byte("s10")}))
	require.NoError(t, s.SaveSnapshot(Snapshot{Height: 30, Data: []byte("s30")}))
	require.ErrorIs(t, s.PruneBefore(2, 0), ErrRetention)
	require.ErrorIs(t, s.PruneLog(31), ErrRetention)
	left, err := s.LoadEpochBlocks(1)
	require.NoError(t, err)
	requireSameBlocks(t, blocks[1], left)

	require.NoError(t, s.SaveSnapshot(Snapshot{Height: 50, Data: []byte("s50")}))
	require.ErrorIs(t, s.PruneBefore(3, 0), ErrRetention, "no epoch 3: the snapshot's epoch is 2")
	require.NoError(t, s.PruneBefore(2, 0))

	for e := uint64(0); e < 2; e++ {
		bs, err := s.LoadEpochBlocks(e)
		require.NoError(t, err)
		require.Empty(t, bs, "epoch %d blocks", e)
		for a := uint32(0); a < 4; a++ {
			r, err := s.LastRound(e, a)
			require.NoError(t, err)
			require.Zero(t, r, "epoch %d author %d round mark", e, a)
		}
	}
	bs, err := s.LoadEpochBlocks(2)
	require.NoError(t, err)
	requireSameBlocks(t, blocks[2], bs)
	// Headers and commits from epoch 2's start commit (40, epoch 1's closing
	// one) on.
	hs, err := s.CommitHeaders(1, 100)
	require.NoError(t, err)
	require.Empty(t, hs)
	hs, err = s.CommitHeaders(40, 100)
	require.NoError(t, err)
	require.Len(t, hs, 21)
	_, err = s.LoadCommit(39)
	require.ErrorIs(t, err, ErrNotFound)
	cs, err := s.LoadCommits(1, 0)
	require.NoError(t, err)
	require.Equal(t, commits[39:], cs)
	// Epoch records: only epoch 2's.
	_, found, err := s.LoadEpoch(39)
	require.NoError(t, err)
	require.False(t, found)
	e, found, err := s.LoadEpoch(60)
	require.NoError(t, err)
	require.True(t, found)
	require.EqualValues(t, 2, e.Epoch)
	// Snapshots: 30 went with epoch 1, 50 stays.
	sn, err := s.LoadSnapshot()
	require.NoError(t, err)
	require.EqualValues(t, 50, sn.Height)
	require.NoError(t, s.Close())

	// Reopened, the store is at commit 60 and recovers epoch 2 from commit
	// 50's GC window, round marks included.
	s = openMem(t, mem, Options{})
	defer s.Close()
	pos, err := s.CommitPosition()
	require.NoError(t, err)
	require.EqualValues(t, 60, pos.Index)
	r, err := s.LoadRecovery(2, 50, dag.RecoveryNeeds{GCDepth: gcDepth}, 1)
	require.NoError(t, err)
	require.EqualValues(t, 20, r.SignedRound)
	require.EqualValues(t, 50, r.Headers[len(r.Headers)-1].Index)
	// Commit 61 follows.
	require.NoError(t, s.SaveCommits([]chain.Commit{testCommit(commits[59].Digest, 2, 61, 1)}))
	// A commit below the first kept one is taken as it is (it may come again
	// from a node deriving commits it had saved).
	require.NoError(t, s.SaveCommits(commits[10:12]))
}

// TestPruneLog: the commit log below a retained index goes, the rest stays,
// never past the newest snapshot, and a reopened store keeps its position.
func TestPruneLog(t *testing.T) {
	mem := vfs.NewMem()
	s := openMem(t, mem, Options{})
	commits := testCommits(1, 100)
	require.NoError(t, s.SaveCommits(commits))
	require.ErrorIs(t, s.PruneLog(50), ErrRetention, "no snapshot")
	require.NoError(t, s.SaveSnapshot(Snapshot{Height: 80, Data: []byte("x")}))
	require.ErrorIs(t, s.PruneLog(81), ErrRetention)
	require.NoError(t, s.PruneLog(1)) // nothing below 1
	require.NoError(t, s.PruneLog(70))
	_, err := s.LoadCommit(69)
	require.ErrorIs(t, err, ErrNotFound)
	cs, err := s.LoadCommits(1, 0)
	require.NoError(t, err)
	require.Equal(t, commits[69:], cs)
	require.NoError(t, s.Close())
	s = openMem(t, mem, Options{})
	defer s.Close()
	pos, err := s.CommitPosition()
	require.NoError(t, err)
	require.EqualValues(t, 100, pos.Index)
	require.NoError(t, s.SaveCommits(testCommits(101, 101)))
}

// TestLoadAuthorBlocks: one author's blocks of an epoch above a round, in
// round order, and nothing of the other authors or epochs.
func TestLoadAuthorBlocks(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{})
	defer s.Close()
	blocks, _ := threeEpochs(t, s)
	got, err := s.LoadAuthorBlocks(1, 2, 15)
	require.NoError(t, err)
	var want []*dag.Block
	for _, b := range blocks[1] {
		if b.Author == 2 && b.Round > 15 {
			want = append(want, b)
		}
	}
	require.Len(t, want, 5)
	requireSameBlocks(t, want, got)
	got, err = s.LoadAuthorBlocks(1, 2, 0)
	require.NoError(t, err)
	require.Len(t, got, 20)
	got, err = s.LoadAuthorBlocks(1, 2, ^uint64(0))
	require.NoError(t, err)
	require.Empty(t, got)
	got, err = s.LoadAuthorBlocks(7, 2, 0)
	require.NoError(t, err)
	require.Empty(t, got)
}
