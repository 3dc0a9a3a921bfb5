package depin_test

import (
	"testing"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
)

// BenchmarkApplyEnvelopes measures one validator's application alone:
// commits of 512 signed readings from 64 meters, opened (signatures on all
// cores), claimed and applied; b.N counts envelopes.
func BenchmarkApplyEnvelopes(b *testing.B) {
	f := newFixture(b, 1, func(c *depin.Config) { c.EpochCommits = 1 << 40 })
	meters := make([]*meterKit, 64)
	var regs []chain.Tx
	for i := range meters {
		meters[i] = f.newDevice(i%2 == 0)
		regs = append(regs, meters[i].reg)
	}
	f.commit(regs...)
	const per = 512
	b.ResetTimer()
	for done := 0; done < b.N; done += per {
		b.StopTimer()
		txs := make([]chain.Tx, per)
		for i := range txs {
			txs[i] = f.reading(meters[i%len(meters)], 10)
		}
		c := f.next(txs...)
		b.StartTimer()
		if _, err := f.nodes[0].ApplyCommit(c); err != nil {
			b.Fatal(err)
		}
	}
}
