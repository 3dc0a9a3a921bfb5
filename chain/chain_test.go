package chain

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHashCommitV2Covers checks that every field of the head, the previous
// digest and the block list change the digest.
func TestHashCommitV2Covers(t *testing.T) {
	base := CommitHead{Index: 7, Epoch: 2, Timestamp: 1000, Leader: Digest{5}, LeaderRound: 9, LeaderAuthor: 1}
	blocks := []Digest{{1}, {2}}
	d := HashCommitV2(Digest{3}, base, blocks)
	require.Equal(t, d, HashCommitV2(Digest{3}, base, blocks))
	variants := []func(h *CommitHead){
		func(h *CommitHead) { h.Index++ },
		func(h *CommitHead) { h.Epoch++ },
		func(h *CommitHead) { h.Timestamp++ },
		func(h *CommitHead) { h.Leader[0]++ },
		func(h *CommitHead) { h.LeaderRound++ },
		func(h *CommitHead) { h.LeaderAuthor++ },
	}
	for i, f := range variants {
		h := base
		f(&h)
		require.NotEqual(t, d, HashCommitV2(Digest{3}, h, blocks), "variant %d", i)
	}
	require.NotEqual(t, d, HashCommitV2(Digest{4}, base, blocks))
	require.NotEqual(t, d, HashCommitV2(Digest{3}, base, []Digest{{2}, {1}}))
	require.NotEqual(t, d, HashCommitV2(Digest{3}, base, blocks[:1]))
	// The v1 hash of the same commit differs (a different domain).
	require.NotEqual(t, d, HashCommit(Digest{3}, 7, blocks))
	c := Commit{Index: 7, Epoch: 2, Timestamp: 1000, Leader: Digest{5}, LeaderRound: 9, LeaderAuthor: 1}
	require.Equal(t, base, c.Head())
}
