package pocsim_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/poc/pocsim"
)

// BenchmarkEpoch validates and scores one 24-hour epoch of 200 hotspots (four
// beacon buckets); it reports witness reports per second.
func BenchmarkEpoch(b *testing.B) {
	w, err := pocsim.New(pocsim.Config{Seed: 1, Hotspots: 200, Liars: 10})
	require.NoError(b, err)
	rep := w.Reports(epochStart, interval, 4)
	inputs, _ := poc.Group(rep.Beacons, rep.Witnesses)
	b.ResetTimer()
	for range b.N {
		st := poc.NewState()
		for _, a := range w.Assertions() {
			require.NoError(b, st.Assert(&a))
		}
		rounds, err := st.Process(inputs, poc.Env{Entropy: rep.Entropy.Lookup})
		require.NoError(b, err)
		_, err = poc.Scores(st, rounds, poc.ScoreConfig{AtMs: epochStart + 4*interval})
		require.NoError(b, err)
	}
	b.ReportMetric(float64(len(rep.Witnesses)*b.N)/b.Elapsed().Seconds(), "reports/s")
}
