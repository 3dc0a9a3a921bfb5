package dag

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// BenchmarkRawNode measures one validator's core with no network: it is fed the
// blocks of three other validators (real ed25519 signatures, 100 transactions of
// 512 bytes each), round by round, and proposes and commits as it goes. Reported:
// blocks processed per second.
func BenchmarkRawNode(b *testing.B) {
	const rounds = 200
	l := newLockstep(b, 4, func(c *Config) { c.GCDepth = 1000 })
	for r := 0; r < rounds; r++ {
		for i := 1; i < 4; i++ {
			txs := make([]chain.Tx, 100)
			for k := range txs {
				txs[k] = make(chain.Tx, 512)
				_, _ = rand.Read(txs[k])
			}
			if err := l.nodes[i].Propose(txs...); err != nil {
				b.Fatal(err)
			}
		}
		l.step(60 * time.Millisecond)
	}
	var feed []Message
	for _, blk := range l.nodes[1].pendingBlocksAll() {
		if blk.Author != 0 {
			feed = append(feed, Message{Type: MsgBlock, From: blk.Author, Block: blk})
		}
	}
	keys := testKeys(4)
	set := testSet(b, keys)
	b.ReportAllocs()
	b.ResetTimer()
	processed := 0
	for i := 0; i < b.N; i++ {
		rn, err := NewRawNode(Config{Signer: chain.NewKeySigner(keys[0]), Validators: set, GCDepth: 1000}, epoch0)
		if err != nil {
			b.Fatal(err)
		}
		now := epoch0
		for _, m := range feed {
			if err := rn.Step(m); err != nil {
				b.Fatal(err)
			}
			now = now.Add(time.Millisecond)
			rn.Tick(now)
			if rn.HasReady() {
				rn.Ready()
				rn.Advance()
			}
			processed++
		}
	}
	b.ReportMetric(float64(processed)/b.Elapsed().Seconds(), "blocks/s")
}

// pendingBlocksAll is pendingBlocks for benchmarks that keep every round.
func (rn *RawNode) pendingBlocksAll() []*Block { return rn.pendingBlocks() }
