package dag

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestCommitResponseWithoutBlocks: a lying server answers with genuine,
// certified headers but no full commit (Full 0, no blocks). The asker must
// take nothing and go on, not fail (an index out of range once panicked
// here).
func TestCommitResponseWithoutBlocks(t *testing.T) {
	const n = 4
	net := newRepNet(t, n, []int{n - 1}, nil)
	net.run(30, 60*time.Millisecond)
	require.NotEmpty(t, net.commits[0])

	keys := func(uint64) *chain.ValidatorSet { return net.nodes[0].cfg.Validators }
	req := Message{Type: MsgCommitRequest, From: n - 1, To: 0, Index: 0}
	m, ok, err := ServeCommits(net.stores[0], keys, 0, req, SyncLimits{})
	require.NoError(t, err)
	require.True(t, ok)
	require.Positive(t, m.Full)

	behind := net.nodes[n-1]
	// The lie keeps every signed vote (the full blocks move to the
	// certifiers), so its headers are certified.
	lie := m
	lie.Full, lie.Blocks = 0, nil
	lie.Certifiers = append([]*Block(nil), m.Certifiers...)
	lie.Keys = append([]ed25519.PublicKey(nil), m.Keys...)
	set := keys(0)
	for _, b := range m.Blocks {
		lie.Certifiers = append(lie.Certifiers, b)
		lie.Keys = append(lie.Keys, set.Key(b.Author))
	}
	require.NotPanics(t, func() { _ = behind.Step(lie) })
	require.Zero(t, behind.Stats().SyncedCommits, "a response with no blocks syncs nothing")

	// The honest answer still syncs.
	require.NoError(t, behind.Step(m))
	require.Positive(t, behind.Stats().SyncedCommits)
}
