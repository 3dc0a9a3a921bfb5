package store

import (
	"crypto/ed25519"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// epochRounds stores rounds 1..rounds of 4 authors in epoch, and a commit
// header per round from index first on (leader: author round%4, ordering the
// round's four blocks). It returns the blocks and the headers.
func epochRounds(t testing.TB, s *Store, epoch, rounds, first uint64) ([]*dag.Block, []dag.CommitHeader) {
	var blocks []*dag.Block
	var headers []dag.CommitHeader
	var prev chain.Digest
	for r := uint64(1); r <= rounds; r++ {
		var round []*dag.Block
		for a := uint32(0); a < 4; a++ {
			round = append(round, testBlock(t, epoch, r, a, 1, 0))
		}
		require.NoError(t, s.SaveBlocks(round))
		blocks = append(blocks, round...)
		leader := round[r%4]
		h := dag.CommitHeader{Epoch: epoch, Index: first + r - 1, Timestamp: int64(r), Leader: leader.Ref(), LeaderOffset: 0, Blocks: refs(round)}
		ds := make([]chain.Digest, len(round))
		for i, b := range round {
			ds[i] = b.Digest()
		}
		h.Digest = chain.HashCommitV2(prev, chain.CommitHead{Index: h.Index, Epoch: epoch, Timestamp: h.Timestamp, Leader: leader.Digest(), LeaderRound: r, LeaderAuthor: leader.Author}, ds)
		prev = h.Digest
		require.NoError(t, s.SaveHeaders([]dag.CommitHeader{h}))
		headers = append(headers, h)
	}
	return blocks, headers
}

func TestHeadersServeAndRecover(t *testing.T) {
	const gcDepth = 10
	mem := vfs.NewMem()
	s := openMem(t, mem, Options{})
	blocks, headers := epochRounds(t, s, 0, 60, 1)
	// Saving again (derived again after a restart) changes nothing.
	require.NoError(t, s.SaveHeaders(headers[:5]))
	got, err := s.CommitHeaders(3, 4)
	require.NoError(t, err)
	require.Equal(t, headers[2:6], got)
	got, err = s.CommitHeaders(59, 10)
	require.NoError(t, err)
	require.Equal(t, headers[58:], got)
	got, err = s.CommitHeaders(61, 10)
	require.NoError(t, err)
	require.Empty(t, got)
	bs, err := s.Blocks(0, headers[9].Blocks)
	require.NoError(t, err)
	requireSameBlocks(t, blocks[36:40], bs)
	bs, err = s.Blocks(1, headers[9].Blocks) // another epoch
	require.NoError(t, err)
	require.Equal(t, []*dag.Block{nil, nil, nil, nil}, bs)

	// Reopened, the store knows its last header and recovers from it.
	require.NoError(t, s.Close())
	s = openMem(t, mem, Options{})
	defer s.Close()
	require.NoError(t, s.SaveHeaders(headers[59:])) // skipped: already stored
	r, err := s.LoadRecovery(0, 50, dag.RecoveryNeeds{GCDepth: gcDepth}, 2)
	require.NoError(t, err)
	require.Equal(t, uint64(60), r.SignedRound)
	require.Equal(t, uint64(50), r.Headers[len(r.Headers)-1].Index)
	require.Equal(t, headers[40:50], r.Headers, "the headers of the GC window")
	requireSameBlocks(t, blocks[40*4:], r.Blocks) // above round 50-10

	// A ServeCommits over the store answers from its headers and blocks.
	set := testValidators(t)
	m, ok, err := dag.ServeCommits(s, func(uint64) *chain.ValidatorSet { return set }, 0, dag.Message{Type: dag.MsgCommitRequest, From: 1, To: 0, Index: 20}, dag.SyncLimits{MaxBlocks: 16})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 4, m.Full)
	require.Equal(t, uint64(21), m.Headers[0].Index)
	requireSameBlocks(t, blocks[80:96], m.Blocks)

	// Pruning below commit 30 drops the headers before it and the blocks at or
	// below the GC round of commit 29; recovery and serving go on above.
	require.NoError(t, s.PruneCommits(30, gcDepth))
	got, err = s.CommitHeaders(1, 100)
	require.NoError(t, err)
	require.Empty(t, got)
	got, err = s.CommitHeaders(30, 100)
	require.NoError(t, err)
	require.Equal(t, headers[29:], got)
	left, err := s.LoadEpochBlocks(0)
	require.NoError(t, err)
	requireSameBlocks(t, blocks[19*4:], left) // rounds above 29-10
	r, err = s.LoadRecovery(0, 60, dag.RecoveryNeeds{GCDepth: gcDepth}, 2)
	require.NoError(t, err)
	require.Equal(t, headers[50:], r.Headers)
}

// TestRecoveryReadsBounded checks that a restart's reads do not grow with the
// epoch's length: the same GC window of blocks (and, with leader reputation,
// the same three windows of commits) after 100 rounds and after 1000.
func TestRecoveryReadsBounded(t *testing.T) {
	const gcDepth = 20
	for _, history := range []uint64{0, 96} {
		for _, rounds := range []uint64{200, 1000} {
			s := openMem(t, vfs.NewMem(), Options{})
			epochRounds(t, s, 3, rounds, 1)
			r, err := s.LoadRecovery(3, rounds, dag.RecoveryNeeds{GCDepth: gcDepth, History: history}, 1)
			require.NoError(t, err)
			window := max(gcDepth, history+1) // one header, and four blocks, per round
			require.Len(t, r.Blocks, 4*int(window), "history %d, rounds %d", history, rounds)
			require.Len(t, r.Headers, int(window), "history %d, rounds %d", history, rounds)
			require.Equal(t, rounds, r.SignedRound)
			require.NoError(t, s.Close())
		}
	}
}

// TestRecoveryHistory: with leader reputation's history the headers reach
// back that many commits below the GC window, with every block they order,
// and pruning below RecoveryFloor keeps all of it.
func TestRecoveryHistory(t *testing.T) {
	needs := dag.RecoveryNeeds{GCDepth: 10, History: 24}
	s := openMem(t, vfs.NewMem(), Options{})
	defer s.Close()
	blocks, headers := epochRounds(t, s, 0, 100, 1)
	r, err := s.LoadRecovery(0, 100, needs, 0)
	require.NoError(t, err)
	require.Equal(t, headers[75:], r.Headers, "commits 76..100: 24 before the last")
	requireSameBlocks(t, blocks[75*4:], r.Blocks)

	floor, err := s.RecoveryFloor(100, needs)
	require.NoError(t, err)
	require.Equal(t, uint64(76), floor)
	floor, err = s.RecoveryFloor(500, needs) // not stored
	require.NoError(t, err)
	require.Equal(t, uint64(500), floor)

	require.NoError(t, s.PruneCommits(76, needs.GCDepth))
	again, err := s.LoadRecovery(0, 100, needs, 0)
	require.NoError(t, err)
	require.Equal(t, r.Headers, again.Headers)
	requireSameBlocks(t, r.Blocks, again.Blocks)
}

// TestCrashKeepsHeadersWithBlocks: headers are not synced, but the next
// synced write makes them durable; a crash before it loses headers, never
// their blocks, and the node derives them again.
func TestCrashKeepsHeadersWithBlocks(t *testing.T) {
	mem := vfs.NewCrashableMem()
	s := openMem(t, mem, Options{})
	_, headers := epochRounds(t, s, 0, 10, 1)
	crashed := mem.CrashClone(vfs.CrashCloneCfg{})
	c := openMem(t, crashed, Options{})
	got, err := c.CommitHeaders(1, 100)
	require.NoError(t, err)
	require.LessOrEqual(t, len(got), 10)
	require.Equal(t, headers[:len(got)], got, "what survives is a prefix")
	for _, h := range got {
		bs, err := c.Blocks(0, h.Blocks)
		require.NoError(t, err)
		require.NotContains(t, bs, (*dag.Block)(nil), "a header survived without its blocks")
	}
	require.NoError(t, c.Close())
	// One more synced write and all ten are durable.
	require.NoError(t, s.SaveBlocks([]*dag.Block{testBlock(t, 0, 11, 0, 1, 0)}))
	c = openMem(t, mem.CrashClone(vfs.CrashCloneCfg{}), Options{})
	got, err = c.CommitHeaders(1, 100)
	require.NoError(t, err)
	require.Equal(t, headers, got)
	require.NoError(t, c.Close())
	require.NoError(t, s.Close())
}

func testValidators(t testing.TB) *chain.ValidatorSet {
	var vals []chain.Validator
	for i := 0; i < 4; i++ {
		vals = append(vals, chain.Validator{Key: testKey(i).Public().(ed25519.PublicKey), Stake: 1})
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	return set
}

// TestEpochRecords: epoch starts survive a reopen, and LoadEpoch picks the
// latest one at or below the application's height.
func TestEpochRecords(t *testing.T) {
	mem := vfs.NewMem()
	s := openMem(t, mem, Options{})
	set := testValidators(t)
	_, ok, err := s.LoadEpoch(100)
	require.NoError(t, err)
	require.False(t, ok)
	c1 := testCommit(chain.Digest{}, 0, 10, 3)
	c2 := testCommit(c1.Digest, 1, 20, 0)
	require.NoError(t, s.SaveEpoch(dag.EpochStart{Epoch: 1, Validators: set, Start: c1}))
	require.NoError(t, s.SaveEpoch(dag.EpochStart{Epoch: 2, Validators: set, Start: c2}))
	require.NoError(t, s.Close())
	s = openMem(t, mem, Options{})
	defer s.Close()
	for _, tc := range []struct {
		applied uint64
		epoch   uint64
		ok      bool
	}{{5, 0, false}, {10, 1, true}, {19, 1, true}, {20, 2, true}, {99, 2, true}} {
		e, ok, err := s.LoadEpoch(tc.applied)
		require.NoError(t, err)
		require.Equal(t, tc.ok, ok, "applied %d", tc.applied)
		if ok {
			require.Equal(t, tc.epoch, e.Epoch)
			require.Equal(t, set.Digest(), e.Validators.Digest())
			want := map[uint64]chain.Commit{1: c1, 2: c2}[tc.epoch]
			require.Equal(t, want.Digest, e.Start.Digest)
			require.Equal(t, want.Index, e.Start.Index)
			require.Equal(t, want.Timestamp, e.Start.Timestamp)
			require.Empty(t, e.Start.Txs)
		}
	}
}
