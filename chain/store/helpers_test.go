package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

func testKey(i int) ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	seed[0], seed[1] = byte(i), 0x5e
	return ed25519.NewKeyFromSeed(seed)
}

// testBlock makes a signed block. The store checks encodings, not DAG
// validity, so its parents are any refs.
func testBlock(t testing.TB, epoch, round uint64, author uint32, txs int, salt byte) *dag.Block {
	b := &dag.Block{Epoch: epoch, Round: round, Author: author, Timestamp: int64(round) * 100}
	b.Parents = []dag.BlockRef{{Round: round - 1, Author: author, Digest: sha256.Sum256([]byte{byte(round), byte(author)})}}
	for i := 0; i < txs; i++ {
		b.Txs = append(b.Txs, chain.Tx(fmt.Sprintf("tx-%d-%d-%d-%d-%d", epoch, round, author, i, salt)))
	}
	require.NoError(t, b.Sign(chain.NewKeySigner(testKey(int(author)))))
	return b
}

// testCommit makes commit index chained to prev.
func testCommit(prev chain.Digest, epoch, index uint64, txs int) chain.Commit {
	c := chain.Commit{Epoch: epoch, Index: index, LeaderRound: index * 2, LeaderAuthor: uint32(index % 4), Timestamp: int64(index) * 1000}
	c.Leader = sha256.Sum256(binary.BigEndian.AppendUint64(nil, index))
	for i := 0; i < txs; i++ {
		c.Txs = append(c.Txs, chain.Tx(fmt.Sprintf("c%d-%d", index, i)))
	}
	c.Digest = chain.HashCommit(prev, index, []chain.Digest{c.Leader})
	return c
}

// testCommits makes commits from..to chained from the zero digest at 1.
func testCommits(from, to uint64) []chain.Commit {
	var out []chain.Commit
	var prev chain.Digest
	for i := uint64(1); i <= to; i++ {
		c := testCommit(prev, 0, i, int(i%3))
		prev = c.Digest
		if i >= from {
			out = append(out, c)
		}
	}
	return out
}

func openMem(t testing.TB, fs vfs.FS, opts Options) *Store {
	t.Helper()
	opts.FS = fs
	s, err := Open("db", opts)
	require.NoError(t, err)
	return s
}

func refs(blocks []*dag.Block) []dag.BlockRef {
	out := make([]dag.BlockRef, len(blocks))
	for i, b := range blocks {
		out[i] = b.Ref()
	}
	return out
}

// requireSameBlocks checks two block lists hold the same blocks, byte for byte.
func requireSameBlocks(t testing.TB, want, got []*dag.Block) {
	t.Helper()
	require.Equal(t, refs(want), refs(got))
	for i := range want {
		a, err := want[i].Marshal()
		require.NoError(t, err)
		b, err := got[i].Marshal()
		require.NoError(t, err)
		require.Equal(t, a, b)
	}
}
