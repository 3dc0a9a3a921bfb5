package validator

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/store"
)

func TestParseKVTx(t *testing.T) {
	for _, tc := range []struct {
		tx, key, value string
		ok             bool
	}{
		{"a=b", "a", "b", true},
		{"a=", "a", "", true},
		{"a=b=c", "a", "b=c", true},
		{"k\xff=\x00", "k\xff", "\x00", true},
		{strings.Repeat("k", MaxKVKeyBytes) + "=v", strings.Repeat("k", MaxKVKeyBytes), "v", true},
		{"=b", "", "", false},
		{"ab", "", "", false},
		{"", "", "", false},
		{strings.Repeat("k", MaxKVKeyBytes+1) + "=v", "", "", false},
		{"k=" + strings.Repeat("v", MaxKVValueBytes+1), "", "", false},
	} {
		k, v, err := ParseKVTx([]byte(tc.tx))
		if !tc.ok {
			require.ErrorIs(t, err, ErrInvalidKVTx, "%q", tc.tx)
			require.Error(t, NewKV().CheckTx(chain.Tx(tc.tx)))
			continue
		}
		require.NoError(t, err, "%q", tc.tx)
		require.Equal(t, tc.key, string(k))
		require.Equal(t, tc.value, string(v))
		require.NoError(t, NewKV().CheckTx(chain.Tx(tc.tx)))
	}
}

func kvCommit(index uint64, txs ...string) chain.Commit {
	c := chain.Commit{Index: index}
	for _, tx := range txs {
		c.Txs = append(c.Txs, chain.Tx(tx))
	}
	return c
}

func TestKV(t *testing.T) {
	a, b := NewKV(), NewKV()
	commits := []chain.Commit{
		kvCommit(1, "x=1", "y=2"),
		kvCommit(2),
		kvCommit(3, "x=3", "not a kv tx", "z="),
		kvCommit(4),
	}
	var hashes []chain.Digest
	for _, c := range commits {
		ra, err := a.ApplyCommit(c)
		require.NoError(t, err)
		rb, err := b.ApplyCommit(c)
		require.NoError(t, err)
		require.Equal(t, ra, rb, "deterministic")
		require.Nil(t, ra.NextValidators)
		hashes = append(hashes, ra.AppHash)
	}
	require.NotEqual(t, chain.Digest{}, hashes[0])
	require.Equal(t, hashes[0], hashes[1], "an empty commit leaves the hash")
	require.NotEqual(t, hashes[1], hashes[2])
	require.Equal(t, hashes[2], hashes[3])
	v, ok := a.Get("x")
	require.True(t, ok)
	require.Equal(t, "3", v)
	v, ok = a.Get("z")
	require.True(t, ok)
	require.Empty(t, v)
	_, ok = a.Get("not a kv tx")
	require.False(t, ok)
	require.Equal(t, 3, a.Len())
	applied, skipped := a.Counts()
	require.EqualValues(t, 4, applied)
	require.EqualValues(t, 1, skipped)
	h, hash := a.Height()
	require.EqualValues(t, 4, h)
	require.Equal(t, hashes[3], hash)

	// Out of order.
	_, err := a.ApplyCommit(kvCommit(6, "q=1"))
	require.Error(t, err)
	_, err = a.ApplyCommit(kvCommit(4, "q=1"))
	require.Error(t, err)

	// The hash commits to the state: another order of the same writes is the
	// same state and hash, another value another hash.
	c := NewKV()
	_, err = c.ApplyCommit(kvCommit(1, "y=2", "x=1"))
	require.NoError(t, err)
	_, hc := c.Height()
	require.Equal(t, hashes[0], hc)
	d := NewKV()
	_, err = d.ApplyCommit(kvCommit(1, "x=1", "y=3"))
	require.NoError(t, err)
	_, hd := d.Height()
	require.NotEqual(t, hashes[0], hd)
}

// TestKVSnapshotTampered: a snapshot whose key-values were altered but whose
// recorded hash was kept (what a lying state sync server would send) is
// refused: the hash is derived from the state.
func TestKVSnapshotTampered(t *testing.T) {
	a := NewKV()
	_, err := a.ApplyCommit(kvCommit(1, "balance=100", "other=1"))
	require.NoError(t, err)
	snap, err := a.Snapshot()
	require.NoError(t, err)
	tampered := bytes.Replace(snap, []byte("100"), []byte("999"), 1)
	require.NotEqual(t, snap, tampered)
	r := NewKV()
	require.ErrorIs(t, r.Restore(tampered), ErrSnapshot)
	require.Zero(t, r.Len(), "a refused snapshot changes nothing")
	require.NoError(t, r.Restore(snap))
}

func TestKVSnapshot(t *testing.T) {
	a, b := NewKV(), NewKV()
	for i := uint64(1); i <= 20; i++ {
		c := kvCommit(i, fmt.Sprintf("k%d=v%d", i%7, i), fmt.Sprintf("n%d=", i))
		_, err := a.ApplyCommit(c)
		require.NoError(t, err)
		_, err = b.ApplyCommit(c)
		require.NoError(t, err)
	}
	sa, err := a.Snapshot()
	require.NoError(t, err)
	sb, err := b.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sb, "equal states, equal snapshots")

	r := NewKV()
	require.NoError(t, r.Restore(sa))
	ha, hasha := a.Height()
	hr, hashr := r.Height()
	require.Equal(t, ha, hr)
	require.Equal(t, hasha, hashr)
	require.Equal(t, a.Len(), r.Len())
	sr, err := r.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sr)
	// Both go on alike.
	next := kvCommit(21, "k1=after")
	ra, err := a.ApplyCommit(next)
	require.NoError(t, err)
	rr, err := r.ApplyCommit(next)
	require.NoError(t, err)
	require.Equal(t, ra, rr)

	empty, err := NewKV().Snapshot()
	require.NoError(t, err)
	require.NoError(t, NewKV().Restore(empty))
}

// TestKVRestoreRejects: malformed snapshots are refused and change nothing.
func TestKVRestoreRejects(t *testing.T) {
	src := NewKV()
	_, err := src.ApplyCommit(kvCommit(1, "a=1", "b=2"))
	require.NoError(t, err)
	good, err := src.Snapshot()
	require.NoError(t, err)
	header := len(kvMagic) + 8 + 32 + 8 + 8

	entry := func(k, v string) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(k)))
		out = append(out, k...)
		out = binary.BigEndian.AppendUint32(out, uint32(len(v)))
		return append(out, v...)
	}
	withEntries := func(n uint64, entries ...[]byte) []byte {
		out := bytes.Clone(good[:header])
		out = binary.BigEndian.AppendUint64(out, n)
		for _, e := range entries {
			out = append(out, e...)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"bad magic", append([]byte("nope"), good[4:]...)},
		{"truncated header", good[:header-3]},
		{"truncated entry", good[:len(good)-1]},
		{"trailing", append(bytes.Clone(good), 0)},
		{"count too large", withEntries(1 << 40)},
		{"out of order", withEntries(2, entry("b", "1"), entry("a", "2"))},
		{"duplicate", withEntries(2, entry("a", "1"), entry("a", "2"))},
		{"empty key", withEntries(1, entry("", "1"))},
		{"key with =", withEntries(1, entry("a=b", "1"))},
		{"long key", withEntries(1, entry(strings.Repeat("k", MaxKVKeyBytes+1), "1"))},
		{"huge length", withEntries(1, binary.BigEndian.AppendUint32(nil, 1<<31))},
	} {
		kv := NewKV()
		_, err := kv.ApplyCommit(kvCommit(1, "keep=1"))
		require.NoError(t, err)
		before, err := kv.Snapshot()
		require.NoError(t, err)
		require.ErrorIs(t, kv.Restore(tc.data), ErrSnapshot, tc.name)
		after, err := kv.Snapshot()
		require.NoError(t, err)
		require.Equal(t, before, after, "%s changed the state", tc.name)
	}
}

func FuzzKVRestore(f *testing.F) {
	kv := NewKV()
	_, _ = kv.ApplyCommit(kvCommit(1, "a=1", "bb=22", "c="))
	good, _ := kv.Snapshot()
	f.Add(good)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		kv := NewKV()
		if err := kv.Restore(data); err != nil {
			return
		}
		// What restores snapshots back to the same bytes.
		again, err := kv.Snapshot()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}

// historyKV is KV with a hash that, as far as the validator knows, only
// chains its commits (as depin's does without Config.StatePoints).
type historyKV struct{ *KV }

func (historyKV) CommitsToState() bool { return false }

// TestStateSyncNeedsStateCommitment: a validator restores snapshots from its
// peers only for an application whose hash commits to its state; for one
// whose hash chains its history it serves, but never asks.
func TestStateSyncNeedsStateCommitment(t *testing.T) {
	tn := newTestNet(t, 1)
	defer tn.close()
	n, err := New(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)), WithFS(tn.fs[0]))
	require.NoError(t, err)
	for _, tc := range []struct {
		name    string
		app     chain.Application
		restore bool
	}{{"kv", NewKV(), true}, {"history hash", historyKV{NewKV()}, false}} {
		o := n.stateSyncOptions(newAppHook(tc.app, 1024), nil, 0)
		require.NotNil(t, o, tc.name)
		require.Equal(t, tc.restore, o.Restore != nil, tc.name)
	}
}

// peerKV is KV with a RestoreFromPeer that counts its calls.
type peerKV struct {
	*KV
	fromPeer int
}

func (p *peerKV) RestoreFromPeer(b []byte) error {
	p.fromPeer++
	return p.Restore(b)
}

// TestRestoreFromPeer: a snapshot served by a peer is restored with the
// application's RestoreFromPeer (chain.PeerRestorer), one from the
// validator's own store with Restore.
func TestRestoreFromPeer(t *testing.T) {
	src := NewKV()
	_, err := src.ApplyCommit(chain.Commit{Index: 1, Txs: []chain.Tx{chain.Tx("k=v")}})
	require.NoError(t, err)
	data, err := src.Snapshot()
	require.NoError(t, err)
	height, hash := src.Height()
	sn := store.Snapshot{Height: height, AppHash: hash, Data: data}

	app := &peerKV{KV: NewKV()}
	var _ chain.PeerRestorer = app
	h := newAppHook(app, 1024)
	require.NoError(t, h.restore(sn, 0))
	require.Zero(t, app.fromPeer, "own snapshot: Restore")
	require.NoError(t, h.restoreFromPeer(sn, 0))
	require.Equal(t, 1, app.fromPeer, "a peer's snapshot: RestoreFromPeer")
	// An application without it restores a peer's snapshot with Restore.
	require.NoError(t, newAppHook(NewKV(), 1024).restoreFromPeer(sn, 0))
}
