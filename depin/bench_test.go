package depin_test

import (
	"fmt"
	"testing"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
)

// BenchmarkApplyEnvelopes measures one validator's application alone:
// commits of 512 signed readings from 64 meters, opened (signatures on all
// cores), claimed and applied; b.N counts envelopes. state-points=K also
// hashes the whole state after every K-th commit (Config.StatePoints, what a
// validator process runs with its consensus.state_interval); compare it with
// state-points=0 of the same run. The state is small here (64 meters): the
// cost of a state point grows with the registry and the vertical's state.
func BenchmarkApplyEnvelopes(b *testing.B) {
	for _, k := range []uint64{0, 1, 128} {
		b.Run(fmt.Sprintf("state-points=%d", k), func(b *testing.B) { benchApplyEnvelopes(b, k) })
	}
}

func benchApplyEnvelopes(b *testing.B, statePoints uint64) {
	f := newFixture(b, 1, func(c *depin.Config) { c.EpochCommits, c.StatePoints = 1<<40, statePoints })
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
