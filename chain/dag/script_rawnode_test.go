package dag

// The reference linearizer of script_ref_test.go against RawNode's: random DAGs
// are replayed into a RawNode with Recover, and every commit it makes must be
// the reference's (same leader, same blocks in the same order, hence the same
// digest chain), without GC and with the shortest GC depth allowed (Lin3).

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

func TestScriptRawNodeLinearize(t *testing.T) {
	for _, gcDepth := range []uint64{0, 2 * wave} {
		t.Run(fmt.Sprintf("gc=%d", gcDepth), func(t *testing.T) {
			commits := 0
			for seed := range uint64(scriptRandomSeeds / 2) {
				commits += checkRawNodeLinearize(t, seed, gcDepth)
			}
			t.Logf("%d commits compared", commits)
			require.Positive(t, commits)
		})
	}
}

// checkRawNodeLinearize compares the commits of one random DAG and returns how
// many there are. Validator 0 runs the RawNode (it is never Byzantine: those are
// the last validators).
func checkRawNodeLinearize(t *testing.T, seed, gcDepth uint64) int {
	rng := rand.New(rand.NewPCG(seed, 0x11ea))
	o := randomOptions(rng, 0.8, true)
	set, keys, blocks := randomDAG(t, rng, o)
	where := fmt.Sprintf("seed %d, %s, gc depth %d", seed, o, gcDepth)

	d := buildDAG(t, set, blocks)
	ref, err := newRefMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
	require.NoError(t, err)
	ds, err := ref.TryDecide(d, LeaderSlot{})
	require.NoError(t, err, where)
	var leaders []*Block
	for _, dec := range ds {
		if dec.Kind == Commit {
			leaders = append(leaders, dec.Leader)
		}
	}
	want, err := refLinearize(d, leaders, gcDepth)
	require.NoError(t, err, where)

	m, err := NewMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
	require.NoError(t, err)
	rn, err := NewRawNode(Config{
		Signer: chain.NewKeySigner(keys[0]), Validators: set,
		Schedule: RoundRobin{N: o.n}, Committer: m,
		GCDepth: cmp.Or(gcDepth, uint64(o.rounds)+10), // 0: deeper than the DAG
	}, epoch0)
	require.NoError(t, err)
	require.NoError(t, rn.Recover(blocks), where)
	got := rn.Ready().Commits
	require.Len(t, got, len(want), where)
	var prev chain.Digest
	for i, c := range got {
		digests := make([]chain.Digest, len(want[i]))
		for j, b := range want[i] {
			digests[j] = b.Digest()
		}
		require.Equal(t, uint64(i+1), c.Index, where)
		require.Equal(t, leaders[i].Digest(), c.Leader, "%s: commit %d", where, i+1)
		require.Equal(t, chain.HashCommitV2(prev, c.Head(), digests), c.Digest, "%s: commit %d has other blocks", where, i+1)
		prev = c.Digest
	}
	return len(got)
}
