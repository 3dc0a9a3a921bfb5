package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
		{"--warmup", "-1s", "--mode", "p2p"},
		{"--sweep-windows", "1000,500", "--mode", "p2p", "--sweep"}, {"--sweep-windows", "100", "--mode", "p2p", "--sweep"},
		{"--sweep-windows", "1000,x", "--mode", "p2p", "--sweep"}, {"--sweep-windows", "", "--mode", "p2p", "--sweep"},
		{"--cpuprofile", "p.out", "--mode", "p2p", "--sweep"},
		{"--crash", "2"}, {"--crash", "-1"}, {"--max-block-txs", "-1"}, {"--crash", "2", "--mode", "p2p"}, {"--crash", "1", "--mode", "p2p", "--sweep"},
	} {
		requireFailure(t, runCLI(t, nil, append([]string{"bench", "consensus", "--quiet"}, args...)...), args[0])
	}
}

func TestBenchConsensusCrash(t *testing.T) {
	r := runCLI(t, nil, "bench", "consensus", "--mode", "sim", "--tx-size", "64", "--txs", "20000", "--rate", "1000000",
		"--max-block-txs", "100", "--crash", "1", "--json", "--quiet")
	requireOK(t, r)
	var rep crashReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Zero(t, rep.AllUp.Crashed)
	require.Equal(t, 1, rep.Crashed.Crashed)
	require.Equal(t, 1, rep.NoReputation.Crashed)
	require.True(t, rep.NoReputation.NoReputation)
	require.False(t, rep.Crashed.NoReputation)
	for _, x := range []consensusReport{rep.AllUp, rep.Crashed, rep.NoReputation} {
		require.Equal(t, "sim", x.Mode)
		require.Equal(t, 4, x.Validators)
		require.Positive(t, x.Txs)
		require.Positive(t, x.VirtualTPS)
		require.LessOrEqual(t, x.P50ms, x.P99ms)
	}
	require.InDelta(t, rep.Crashed.VirtualTPS/rep.AllUp.VirtualTPS, rep.Ratio, 1e-9)
	require.InDelta(t, rep.NoReputation.VirtualTPS/rep.AllUp.VirtualTPS, rep.RatioNoReputation, 1e-9)

	r = runCLI(t, nil, "bench", "consensus", "--mode", "sim", "--tx-size", "64", "--txs", "2000", "--crash", "1", "--quiet")
	requireOK(t, r)
	require.Contains(t, r.stdout, "(1 crashed)")
	require.Contains(t, r.stdout, "with 1 of 4 validators crashed: ")
	require.Contains(t, r.stdout, "(no leader reputation)")

	if testing.Short() || raceEnabled {
		// Three libp2p networks of one second each: under the race detector
		// the all-up one may commit nothing in its window (then the command
		// refuses to give a ratio, TestCrashReportNeedsAllUpThroughput).
		return
	}
	r = runCLI(t, nil, "bench", "consensus", "--mode", "p2p", "--crash", "1", "--tx-size", "512",
		"--duration", "1s", "--warmup", "300ms", "--window", "500", "--batch", "100", "--json", "--quiet")
	requireOK(t, r)
	rep = crashReport{}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Equal(t, 1, rep.Crashed.Crashed)
	require.Equal(t, "p2p", rep.Crashed.Mode)
	require.Positive(t, rep.Crashed.Txs, "three of four validators commit")
	require.Positive(t, rep.AllUp.Txs)
	require.Positive(t, rep.NoReputation.Txs)
	require.True(t, rep.NoReputation.NoReputation)
	require.InDelta(t, rep.Crashed.TPS/rep.AllUp.TPS, rep.Ratio, 1e-9)
}

func TestBenchConsensusP2P(t *testing.T) {
	if testing.Short() {
		t.Skip("starts four validators over libp2p for seconds")
	}
	r := runCLI(t, nil, "bench", "consensus", "--mode", "p2p", "--validators", "4", "--tx-size", "512",
		"--duration", "2s", "--warmup", "500ms", "--window", "1000", "--batch", "100", "--json", "--quiet")
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
	require.InDelta(t, 2, rep.Seconds, 1)
	require.Equal(t, 1000, rep.Window)
	require.LessOrEqual(t, rep.P50ms, rep.P99ms)
	require.Empty(t, r.stderr, "--quiet")
}

func TestBenchConsensusSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts four validators over libp2p twice for seconds")
	}
	out := filepath.Join(t.TempDir(), "sweep")
	r := runCLI(t, nil, "bench", "consensus", "--mode", "p2p", "--sweep", "--sweep-windows", "200,1000",
		"--duration", "2s", "--warmup", "500ms", "--batch", "100", "--out", out, "--json", "--quiet")
	requireOK(t, r)
	var reps []consensusReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &reps))
	require.Len(t, reps, 2)
	for i, w := range []int{200, 1000} {
		require.Equal(t, w, reps[i].Window)
		require.Positive(t, reps[i].Txs)
		require.LessOrEqual(t, reps[i].P50ms, reps[i].P99ms)
	}
	f, err := os.Open(filepath.Join(out, sweepCSV))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3, "a header and a row per window")
	require.Equal(t, "window_per_client", rows[0][0])
	for i, row := range rows[1:] {
		require.Equal(t, strconv.Itoa(reps[i].Window), row[0])
		require.Equal(t, strconv.Itoa(4*reps[i].Window), row[1])
		require.Equal(t, strconv.FormatFloat(reps[i].TPS, 'f', 0, 64), row[2])
	}
	svg, err := os.ReadFile(filepath.Join(out, sweepSVG))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(svg), "<?xml"), "an SVG")
	require.Contains(t, string(svg), "committed throughput")
	png, err := os.ReadFile(filepath.Join(out, sweepPNG))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG")
}

func TestCrashReportNeedsAllUpThroughput(t *testing.T) {
	up := consensusReport{Mode: "p2p"}
	crashed := consensusReport{Mode: "p2p", TPS: 10}
	_, err := newCrashReport(up, crashed, crashed)
	require.ErrorContains(t, err, "committed no transaction")
	up.TPS = 20
	rep, err := newCrashReport(up, crashed, crashed)
	require.NoError(t, err)
	require.InDelta(t, 0.5, rep.Ratio, 1e-12)
}
