package depin_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
)

// TestStatePoints: with Config.StatePoints the app hash at every fourth
// commit is the state's alone. A node restored from the snapshot at commit 4
// that applies commits 5 to 8 with the same transactions but other commit
// digests has another hash at 5, 6 and 7 and the same at 8 (no epoch ends
// there: an epoch's seed comes from the digest of the commit that opens
// it); a snapshot at 8 whose state differs (a reading left out) but which
// records the honest hash is refused (RestoreFromPeer), though Restore, which
// trusts the node's own snapshots, takes it; a snapshot off a state point is
// refused, and so is any snapshot from a peer without state points.
func TestStatePoints(t *testing.T) {
	for _, epochCommits := range []uint64{100, 4} {
		t.Run(fmt.Sprintf("epoch=%d", epochCommits), func(t *testing.T) { testStatePoints(t, epochCommits) })
	}
}

// testStatePoints is TestStatePoints with epochs of epochCommits commits (4:
// every state point also ends an epoch).
func testStatePoints(t *testing.T, epochCommits uint64) {
	f := newFixture(t, 2, func(c *depin.Config) { c.StatePoints, c.EpochCommits = 4, epochCommits })
	a, b := f.newDevice(true), f.newDevice(true)
	f.commit(a.reg, b.reg)
	f.commit(f.reading(a, 100))
	f.commit(f.reading(b, 200))
	f.commit(f.reading(a, 50)) // a state point
	at4, err := f.nodes[0].Snapshot()
	require.NoError(t, err)
	require.True(t, f.nodes[0].CommitsToState())

	// Commits 5-8 as every validator applies them, and as a node that was
	// given other digests (its history differs, its state does not) and one
	// that also misses a reading (its state differs) apply them.
	other, short := f.newNode(1), f.newNode(1)
	require.NoError(t, other.RestoreFromPeer(at4))
	require.NoError(t, short.RestoreFromPeer(at4))
	var batches [][]chain.Tx
	for k := range 4 {
		batches = append(batches, []chain.Tx{f.reading(a, uint64(10+k)), f.reading(b, uint64(20+k))})
	}
	for k, txs := range batches {
		c := f.next(txs...)
		var want chain.Digest
		for i, n := range f.nodes {
			res, err := n.ApplyCommit(c)
			require.NoError(t, err)
			if i == 0 {
				want = res.AppHash
			}
			require.Equal(t, want, res.AppHash)
		}
		forked := c
		forked.Digest[0] ^= 0xff
		res, err := other.ApplyCommit(forked)
		require.NoError(t, err)
		switch {
		case epochCommits == 4:
			// The epoch that opens at 5 has another seed: another state.
		case c.Index == 8:
			require.Equal(t, want, res.AppHash, "at the state point the hash is the state's")
		default:
			require.NotEqual(t, want, res.AppHash, "commit %d: the hash chains the digests", c.Index)
		}
		missing := c
		if k == 2 {
			missing.Txs = txs[:1]
		}
		res, err = short.ApplyCommit(missing)
		require.NoError(t, err)
		if c.Index == 8 {
			require.NotEqual(t, want, res.AppHash, "another state, another hash")
		}
	}
	_, honest := f.nodes[0].Height()
	at8, err := f.nodes[0].Snapshot()
	require.NoError(t, err)
	fresh := f.newNode(1)
	require.NoError(t, fresh.RestoreFromPeer(at8))
	h, d := fresh.Height()
	require.EqualValues(t, 8, h)
	require.Equal(t, honest, d)

	// A forged snapshot: short's state, with the honest hash recorded.
	snap, err := short.Snapshot()
	require.NoError(t, err)
	_, shortHash := short.Height()
	// The hash is recorded once, and again as the closing epoch's app hash
	// when the commit ends an epoch.
	require.NotZero(t, bytes.Count(snap, shortHash[:]))
	forged := bytes.ReplaceAll(snap, shortHash[:], honest[:])
	err = f.newNode(1).RestoreFromPeer(forged)
	require.ErrorIs(t, err, depin.ErrMalformed)
	require.ErrorContains(t, err, "its state gives")
	// Restore trusts the recorded hash: the forgery passes.
	trusting := f.newNode(1)
	require.NoError(t, trusting.Restore(forged))
	_, d = trusting.Height()
	require.Equal(t, honest, d)

	// Off a state point: refused from a peer.
	f.commit(f.reading(a, 1))
	at9, err := f.nodes[0].Snapshot()
	require.NoError(t, err)
	require.ErrorContains(t, f.newNode(1).RestoreFromPeer(at9), "not a state point")
	require.NoError(t, f.newNode(1).Restore(at9))
	// Without state points nothing from a peer is taken.
	f.cfg.StatePoints = 0
	plain := f.newNode(1)
	require.False(t, plain.CommitsToState())
	require.ErrorContains(t, plain.RestoreFromPeer(at8), "cannot be checked")
}
