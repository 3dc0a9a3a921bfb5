package store

import (
	"fmt"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// BenchmarkSaveBlocks measures SaveBlocks, one synced batch per call, against
// dag.MemoryStore as the baseline: blocks of 64 transactions of 512 bytes,
// 1 or 4 blocks per call (a Ready holds the blocks accepted since the last
// one). "pebble-mem" runs on vfs.NewMem (a sync costs nothing: the encoding
// and pebble's write path), "pebble-disk" on the OS file system in a temporary
// directory (a real fsync per call).
//
//	go test -run '^$' -bench SaveBlocks -benchtime 2s ./chain/store/
func BenchmarkSaveBlocks(b *testing.B) {
	const pool, txs, txSize = 256, 64, 512
	blocks := make([]*dag.Block, pool)
	signer := chain.NewKeySigner(testKey(0))
	size := 0
	for i := range blocks {
		blk := &dag.Block{Round: uint64(i/4 + 1), Author: uint32(i % 4), Timestamp: int64(i)}
		blk.Parents = []dag.BlockRef{{Round: blk.Round - 1, Author: blk.Author}}
		for k := 0; k < txs; k++ {
			tx := make(chain.Tx, txSize)
			tx[0], tx[1], tx[2] = byte(i), byte(i>>8), byte(k)
			blk.Txs = append(blk.Txs, tx)
		}
		if err := blk.Sign(signer); err != nil {
			b.Fatal(err)
		}
		blocks[i] = blk
		size += blk.Size()
	}
	size /= pool
	stores := []struct {
		name string
		open func(b *testing.B) (dag.Store, func())
	}{
		{"memory", func(*testing.B) (dag.Store, func()) { return dag.NewMemoryStore(), func() {} }},
		{"pebble-mem", func(b *testing.B) (dag.Store, func()) {
			s, err := Open("db", Options{FS: vfs.NewMem()})
			if err != nil {
				b.Fatal(err)
			}
			return s, func() { _ = s.Close() }
		}},
		{"pebble-disk", func(b *testing.B) (dag.Store, func()) {
			s, err := Open(b.TempDir(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			return s, func() { _ = s.Close() }
		}},
	}
	for _, st := range stores {
		for _, per := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/blocks=%d", st.name, per), func(b *testing.B) {
				s, done := st.open(b)
				defer done()
				b.SetBytes(int64(size * per))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					k := (i * per) % pool
					if err := s.SaveBlocks(blocks[k : k+per]); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(b.N*per)/b.Elapsed().Seconds(), "blocks/s")
			})
		}
	}
}
