package validator

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// walAppend logs txs as submitBatch does for a batch the core accepted.
func walAppend(t *testing.T, w *mempoolWAL, from uint64, txs []chain.Tx) {
	t.Helper()
	hashes := make([]chain.Digest, len(txs))
	for i, tx := range txs {
		hashes[i] = txHash(tx)
	}
	require.NoError(t, w.write(from, txs, w.reserve(hashes)))
}

func entryTxs(es []walEntry) []chain.Tx {
	out := make([]chain.Tx, len(es))
	for i, e := range es {
		out[i] = e.tx
	}
	return out
}

func walFiles(t *testing.T, fs vfs.FS) []string {
	t.Helper()
	names, err := fs.List("wal")
	require.NoError(t, err)
	slices.Sort(names)
	return names
}

// TestWALReopen: what was written is read back in order after a restart,
// commits truncate it segment by segment, and a WAL whose transactions all
// committed reads back empty.
func TestWALReopen(t *testing.T) {
	fs := vfs.NewMem()
	w, got, err := openWAL(fs, "wal", 200, discard) // a few records per segment
	require.NoError(t, err)
	require.Empty(t, got)
	var all []chain.Tx
	for b := range 10 {
		txs := txBatch(fmt.Sprintf("b%d", b), 0, 3)
		walAppend(t, w, uint64(b), txs)
		all = append(all, txs...)
	}
	live, segs := w.stats()
	require.Equal(t, len(all), live)
	require.Greater(t, segs, 3, "the segments rotate")
	require.NoError(t, w.close())

	w, got, err = openWAL(fs, "wal", 200, discard)
	require.NoError(t, err)
	require.Equal(t, all, entryTxs(got))
	require.EqualValues(t, 9, got[len(got)-1].from)
	before := len(walFiles(t, fs))
	// Commit the first half: their segments go.
	w.committed(chain.Commit{Index: 1, Txs: all[:15]})
	require.Less(t, len(walFiles(t, fs)), before, "segments of committed transactions are deleted")
	live, _ = w.stats()
	require.Equal(t, 15, live)
	require.NoError(t, w.close())

	w, got, err = openWAL(fs, "wal", 200, discard)
	require.NoError(t, err)
	// Removals are not logged: the segments that still hold a live
	// transaction are read back whole, and a restart drops the committed ones
	// against the commit log.
	require.Less(t, len(got), len(all))
	require.Equal(t, all[len(all)-len(got):], entryTxs(got))
	require.GreaterOrEqual(t, len(got), 15)
	w.forget(hashesOf(all))
	require.NoError(t, w.close())
	w, got, err = openWAL(fs, "wal", 200, discard)
	require.NoError(t, err)
	require.Empty(t, got)
	require.Len(t, walFiles(t, fs), 1, "only the active segment is left: %v", walFiles(t, fs))
	require.NoError(t, w.close())
}

func hashesOf(txs []chain.Tx) []chain.Digest {
	out := make([]chain.Digest, len(txs))
	for i, tx := range txs {
		out[i] = txHash(tx)
	}
	return out
}

// TestWALTornTail: a record cut short by a crash ends its segment; the
// records before it are read back.
func TestWALTornTail(t *testing.T) {
	fs := vfs.NewMem()
	w, _, err := openWAL(fs, "wal", walSegmentBytes, discard)
	require.NoError(t, err)
	first, second := txBatch("a", 0, 5), txBatch("b", 0, 5)
	walAppend(t, w, 1, first)
	walAppend(t, w, 2, second)
	require.NoError(t, w.close())
	name := "wal/" + walFiles(t, fs)[0]
	f, err := fs.Open(name)
	require.NoError(t, err)
	data, err := io.ReadAll(f)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	for _, cut := range []int{1, 7, 20, len(encodeRecord(2, second)) - 1} {
		g, err := fs.Create(name, vfs.WriteCategoryUnspecified)
		require.NoError(t, err)
		_, err = g.Write(bytes.Clone(data[:len(data)-cut])) // the file system may scribble on it (pebble invariants)
		require.NoError(t, err)
		require.NoError(t, g.Close())
		entries, n, derr := decodeSegment(data[:len(data)-cut])
		require.Error(t, derr, "cut %d", cut)
		require.Equal(t, len(walMagic)+len(encodeRecord(1, first)), n)
		require.Equal(t, first, entryTxs(entries))
	}
	// A flipped bit fails the checksum.
	bad := bytes.Clone(data)
	bad[len(bad)-3] ^= 1
	entries, _, derr := decodeSegment(bad)
	require.ErrorIs(t, derr, errWAL)
	require.Equal(t, first, entryTxs(entries))
}

// TestWALCommitBeforeSync: a transaction committed while its record is being
// written does not hold its segment afterwards.
func TestWALCommitBeforeSync(t *testing.T) {
	fs := vfs.NewMem()
	w, _, err := openWAL(fs, "wal", walSegmentBytes, discard)
	require.NoError(t, err)
	defer w.close()
	txs := txBatch("c", 0, 4)
	refs := w.reserve(hashesOf(txs))
	w.committed(chain.Commit{Index: 1, Txs: txs[:3]})
	require.NoError(t, w.write(0, txs, refs))
	live, _ := w.stats()
	require.Equal(t, 1, live)
	// A refused transaction is cancelled.
	more := txBatch("d", 0, 2)
	refs = w.reserve(hashesOf(more))
	w.cancel(hashesOf(more[1:]), refs[1:])
	require.NoError(t, w.write(0, more[:1], refs[:1]))
	live, _ = w.stats()
	require.Equal(t, 2, live)
}

// TestWALCrash: what a write acknowledged survives a crash (a clone of the
// synced state of the file system).
func TestWALCrash(t *testing.T) {
	fs := vfs.NewCrashableMem()
	w, _, err := openWAL(fs, "wal", 300, discard)
	require.NoError(t, err)
	var all []chain.Tx
	for b := range 6 {
		txs := txBatch(fmt.Sprintf("x%d", b), 0, 3)
		walAppend(t, w, 0, txs)
		all = append(all, txs...)
	}
	image := fs.CrashClone(vfs.CrashCloneCfg{})
	require.NoError(t, w.close())
	w2, got, err := openWAL(image, "wal", 300, discard)
	require.NoError(t, err)
	require.Equal(t, all, entryTxs(got))
	require.NoError(t, w2.close())
}

type memLog []chain.Commit

func (l memLog) LoadCommits(from uint64, limit int) ([]chain.Commit, error) {
	if from == 0 || from > uint64(len(l)) {
		return nil, nil
	}
	out := l[from-1:]
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// TestPlanRecovery: a restarted validator drops what the commit log holds
// and duplicates, holds what is in its own blocks, and proposes the rest
// again; a held transaction is proposed again once a commit shows its block
// below the GC round, or the epoch ended, without it.
func TestPlanRecovery(t *testing.T) {
	tx := func(s string) chain.Tx { return chain.Tx(s + "=1") }
	entry := func(s string, from uint64) walEntry { return walEntry{tx: tx(s), hash: txHash(tx(s)), from: from} }
	log := memLog{
		{Index: 1, Txs: []chain.Tx{tx("old")}},
		{Index: 2, Txs: []chain.Tx{tx("a")}},
		{Index: 3, Txs: []chain.Tx{tx("z")}},
	}
	entries := []walEntry{entry("old", 1), entry("a", 1), entry("b", 1), entry("c", 2), entry("b", 2), entry("d", 3)}
	own := []*dag.Block{{Epoch: 0, Round: 10, Txs: []chain.Tx{tx("c")}}, {Epoch: 0, Round: 12, Txs: []chain.Tx{tx("d")}}}
	plan, done, err := planRecovery(entries, log, 3, own, 50)
	require.NoError(t, err)
	require.Equal(t, []chain.Digest{txHash(tx("a"))}, done, "old is committed at 1, before every entry's from: not looked for")
	require.Equal(t, []chain.Tx{tx("old"), tx("b")}, entryTxs(plan.resubmit))
	require.Equal(t, 1, plan.dups)
	require.Equal(t, 2, plan.held.len())

	h := plan.held
	require.Empty(t, h.committed(chain.Commit{Index: 4, LeaderRound: 59, Txs: []chain.Tx{tx("x")}}), "round 10 is above the GC round of leader 59")
	require.Equal(t, []chain.Tx{tx("c")}, entryTxs(h.committed(chain.Commit{Index: 5, LeaderRound: 60})), "leader 60 collects round 10")
	require.Empty(t, h.committed(chain.Commit{Index: 6, LeaderRound: 61, Txs: []chain.Tx{tx("d")}}), "d committed")
	require.Zero(t, h.len())

	// An epoch change voids the old epoch's uncommitted blocks.
	plan, _, err = planRecovery([]walEntry{entry("e", 0)}, memLog{}, 0, []*dag.Block{{Epoch: 0, Round: 3, Txs: []chain.Tx{tx("e")}}}, 50)
	require.NoError(t, err)
	require.Equal(t, []chain.Tx{tx("e")}, entryTxs(plan.held.committed(chain.Commit{Epoch: 1, Index: 1, LeaderRound: 1})))
}

// FuzzDecodeSegment: any input decodes without panic, within its size, and a
// segment re-encoded from what decoded decodes to the same.
func FuzzDecodeSegment(f *testing.F) {
	f.Add([]byte(walMagic))
	f.Add(append([]byte(walMagic), encodeRecord(7, txBatch("f", 0, 3))...))
	f.Add(append([]byte(walMagic), 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, n, _ := decodeSegment(data)
		require.LessOrEqual(t, n, len(data))
		if n == 0 {
			require.Empty(t, entries)
			return
		}
		_, m, err := decodeSegment(data[:n])
		require.NoError(t, err)
		require.Equal(t, n, m)
	})
}
