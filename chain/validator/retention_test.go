package validator

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/store"
)

// TestRetainEpochs: a validator with storage.retain_epochs = 1 goes through
// three epoch changes; its store then holds nothing of epochs 0-2 (blocks,
// commits, epoch records) and the current epoch whole, and the validator
// restarts from it in epoch 3 and goes on committing. retain_commits = 30 is
// set too: its prune point falls below the current epoch's start for the
// first snapshots of each epoch, where retain_epochs already deleted the
// headers (it failed the node with "store: not found" before).
func TestRetainEpochs(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 1)
	defer tn.close()
	tn.tweak = func(_ int, c *Config) {
		c.Consensus.GCDepth = 10
		c.Storage.RetainEpochs = 1
		c.Storage.RetainCommits = 30
	}
	gen := testGenesis(1)
	set, err := gen.ValidatorSet()
	require.NoError(t, err)
	app := func() Option { return WithApp(epochKV{NewKV(), set}) }
	node := tn.start(0, app())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for e := uint64(1); e <= 3; e++ {
		// A few snapshots into the epoch before the next change.
		h := node.Status().Stored
		require.True(t, eventually(30*time.Second, func() bool { return node.Status().Stored >= h+40 }), "epoch %d: %+v", e-1, node.Status())
		tn.submit(ctx, 0, []chain.Tx{chain.Tx(fmt.Sprintf("epoch=%d", e))})
		require.True(t, eventually(30*time.Second, func() bool { return node.Status().Epoch == e }), "epoch %d: %+v", e, node.Status())
	}
	h := node.Status().Stored
	require.True(t, eventually(30*time.Second, func() bool { return node.Status().Stored >= h+40 }), "%+v", node.Status())
	tn.stop(0)

	cfg := testConfig(0, 1)
	st, err := store.Open(cfg.Path(cfg.DataDir), store.Options{FS: tn.fs[0]})
	require.NoError(t, err)
	for e := uint64(0); e < 3; e++ {
		bs, err := st.LoadEpochBlocks(e)
		require.NoError(t, err)
		require.Empty(t, bs, "blocks of epoch %d", e)
	}
	bs, err := st.LoadEpochBlocks(3)
	require.NoError(t, err)
	require.NotEmpty(t, bs)
	start, found, err := st.LoadEpoch(^uint64(0))
	require.NoError(t, err)
	require.True(t, found)
	require.EqualValues(t, 3, start.Epoch)
	_, found, err = st.LoadEpoch(start.Start.Index - 1)
	require.NoError(t, err)
	require.False(t, found, "epoch records before epoch 3")
	_, err = st.LoadCommit(start.Start.Index - 1)
	require.ErrorIs(t, err, store.ErrNotFound, "commits of the epochs before")
	_, err = st.LoadCommit(start.Start.Index)
	require.NoError(t, err, "the closing commit of epoch 2 stays")
	require.NoError(t, st.Close())

	node = tn.start(0, app())
	require.EqualValues(t, 3, node.Status().Epoch, "it resumes in epoch 3")
	// GET /commits from a pruned commit says so, and where the log starts
	// (it used to answer an empty page, which a client takes for the end).
	_, _, err = tn.clients[0].Commits(ctx, 1, 10)
	require.ErrorIs(t, err, ErrNotKept)
	require.ErrorIs(t, err, ErrAPI)
	require.ErrorContains(t, err, fmt.Sprintf("its commit log starts at %d", start.Start.Index))
	var nk *NotKeptError
	require.ErrorAs(t, err, &nk)
	require.Equal(t, start.Start.Index, nk.First)
	cs, _, err := tn.clients[0].Commits(ctx, start.Start.Index, 10)
	require.NoError(t, err)
	require.Equal(t, start.Start.Index, cs[0].Index)
	// and stays there: before the log's pruning kept the mempool WAL's floor,
	// the restart proposed "epoch=3" again (its commit pruned, the WAL's
	// record of it read back) and went to epoch 4.
	h = node.Status().Stored
	require.True(t, eventually(30*time.Second, func() bool { return node.Status().Stored >= h+20 }), "%+v", node.Status())
	tx := chain.Tx("after=restart")
	tn.submit(ctx, 0, []chain.Tx{tx})
	require.True(t, eventually(30*time.Second, func() bool {
		cs, _, err := tn.clients[0].Commits(ctx, h, 1000)
		if err != nil {
			return false
		}
		for _, c := range cs {
			for _, x := range c.Txs {
				if string(x) == string(tx) {
					return true
				}
			}
		}
		return false
	}), "the transaction submitted after the restart commits")
	require.EqualValues(t, 3, node.Status().Epoch, "no epoch change proposed again")
	tn.stop(0)
}

// TestWALFloor: the mempool WAL's floor is the lowest from of the records on
// disk, committed ones included (a restart reads them back and looks for
// them in the commit log from there on), read back after a reopen, and it
// goes once an idle active segment is rotated away.
func TestWALFloor(t *testing.T) {
	fs := vfs.NewMem()
	w, _, err := openWAL(fs, "wal", walSegmentBytes, discard)
	require.NoError(t, err)
	_, ok := w.floor()
	require.False(t, ok, "an empty WAL holds no floor")
	a, b := []chain.Tx{chain.Tx("a=1")}, []chain.Tx{chain.Tx("b=1")}
	walAppend(t, w, 5, a)
	walAppend(t, w, 9, b)
	w.committed(chain.Commit{Index: 6, Txs: a})
	f, ok := w.floor()
	require.True(t, ok)
	require.EqualValues(t, 5, f, "a's record is on disk until its segment goes")
	w.rotateIdle() // b is live: nothing moves
	walAppend(t, w, 12, []chain.Tx{chain.Tx("c=1")})
	f, _ = w.floor()
	require.EqualValues(t, 5, f)
	require.NoError(t, w.close())

	w, entries, err := openWAL(fs, "wal", walSegmentBytes, discard)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	f, ok = w.floor()
	require.True(t, ok)
	require.EqualValues(t, 5, f, "read back")
	w.forget([]chain.Digest{txHash(a[0]), txHash(b[0]), txHash(chain.Tx("c=1"))})
	_, ok = w.floor()
	require.False(t, ok, "the old segment held nothing live and went")
	walAppend(t, w, 20, []chain.Tx{chain.Tx("d=1")})
	w.committed(chain.Commit{Index: 21, Txs: []chain.Tx{chain.Tx("d=1")}})
	f, _ = w.floor()
	require.EqualValues(t, 20, f)
	w.rotateIdle()
	require.True(t, eventually(5*time.Second, func() bool { _, ok := w.floor(); return !ok }), "the idle segment rotated away")
	require.NoError(t, w.close())
}
