package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBenchConsensus(t *testing.T) {
	for _, committer := range []string{"mysticeti", "bullshark"} {
		r := runCLI(t, nil, "bench", "consensus", "--mode", "sim", "--validators", "4", "--tx-size", "512",
			"--txs", "3000", "--committer", committer, "--json", "--quiet")
		requireOK(t, r)
		var rep consensusReport
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
		require.Equal(t, "sim", rep.Mode)
		require.Equal(t, committer, rep.Committer)
		require.Equal(t, 4, rep.Validators)
		require.Equal(t, 3000, rep.Txs)
		require.Positive(t, rep.TPS)
		require.Positive(t, rep.Rounds)
		require.LessOrEqual(t, rep.P50ms, rep.P99ms)
		require.Empty(t, r.stderr, "--quiet")
	}
	for _, args := range [][]string{
		{"--mode", "p2p"}, {"--validators", "0"}, {"--txs", "0"}, {"--tx-size", "3"}, {"--committer", "raft"},
	} {
		requireFailure(t, runCLI(t, nil, append([]string{"bench", "consensus", "--quiet"}, args...)...), args[0])
	}
}
