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
		{"--tx-size", "20", "--mode", "p2p"}, {"--duration", "0s", "--mode", "p2p"}, {"--window", "10", "--mode", "p2p"},
		{"--mode", "tcp"}, {"--validators", "0"}, {"--txs", "0"}, {"--tx-size", "3"}, {"--committer", "raft"},
	} {
		requireFailure(t, runCLI(t, nil, append([]string{"bench", "consensus", "--quiet"}, args...)...), args[0])
	}
}

func TestBenchConsensusP2P(t *testing.T) {
	if testing.Short() {
		t.Skip("starts four validators over libp2p for seconds")
	}
	r := runCLI(t, nil, "bench", "consensus", "--mode", "p2p", "--validators", "4", "--tx-size", "512",
		"--duration", "3s", "--window", "1000", "--batch", "100", "--json", "--quiet")
	requireOK(t, r)
	var rep consensusReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Equal(t, "p2p", rep.Mode)
	require.Equal(t, "libp2p-loopback-inprocess", rep.Transport)
	require.Equal(t, 4, rep.Validators)
	require.Positive(t, rep.Txs)
	require.Positive(t, rep.TPS)
	require.Positive(t, rep.Rounds)
	require.Positive(t, rep.CPUSeconds)
	require.InDelta(t, 3, rep.Seconds, 1)
	require.LessOrEqual(t, rep.P50ms, rep.P99ms)
	require.Empty(t, r.stderr, "--quiet")
}
