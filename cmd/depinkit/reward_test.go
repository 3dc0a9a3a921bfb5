package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRewardCurve(t *testing.T) {
	r := runCLI(t, nil, "reward", "curve", "--kind", "halving", "--initial", "1000", "--period", "4", "--epochs", "12")
	requireOK(t, r)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 12)
	require.Equal(t, "0 1000 1000", lines[0])
	require.Equal(t, "4 500 4500", lines[4])
	require.Equal(t, "11 250 7000", lines[11])

	for _, args := range [][]string{
		{"--kind", "constant", "--initial", "5", "--epochs", "2"},
		{"--kind", "linear", "--initial", "100", "--step", "30", "--floor", "5", "--epochs", "6"},
		{"--kind", "exponential", "--initial", "1000", "--factor", "85/100", "--period", "2", "--epochs", "7"},
		{"--kind", "halving", "--initial", "1000", "--period", "4", "--cap", "6500", "--epochs", "12", "--start", "8"},
	} {
		requireOK(t, runCLI(t, nil, append([]string{"reward", "curve"}, args...)...))
	}
	r = runCLI(t, nil, "reward", "curve", "--kind", "exponential", "--initial", "1000", "--factor", "85/100", "--period", "2", "--epochs", "7")
	require.Contains(t, r.stdout, "4 722 ")

	for _, args := range [][]string{
		{"--kind", "sigmoid", "--initial", "1"},
		{"--kind", "constant", "--initial", "-1"},
		{"--kind", "constant", "--initial", "x"},
		{"--kind", "halving", "--initial", "1", "--period", "0"},
		{"--kind", "exponential", "--initial", "1", "--factor", "1/0"},
	} {
		requireFailure(t, runCLI(t, nil, append([]string{"reward", "curve"}, args...)...))
	}
}

func TestRewardTree(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "claims.json")
	require.NoError(t, os.WriteFile(in, []byte(`[["0x1111111111111111111111111111111111111111","5000000000000000000"],["0x2222222222222222222222222222222222222222","2500000000000000000"]]`), 0o644))
	r := runCLI(t, nil, "reward", "tree", "--in", in)
	requireOK(t, r)
	var out struct {
		Root   string              `json:"root"`
		Proofs map[string][]string `json:"proofs"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.Len(t, out.Root, 66)
	require.Len(t, out.Proofs, 2)
	require.Contains(t, out.Proofs, "0x1111111111111111111111111111111111111111:5000000000000000000")

	for name, body := range map[string]string{
		"not json":  `{`,
		"bad addr":  `[["0x12","1"]]`,
		"negative":  `[["0x1111111111111111111111111111111111111111","-1"]]`,
		"duplicate": `[["0x1111111111111111111111111111111111111111","1"],["0x1111111111111111111111111111111111111111","2"]]`,
		"empty":     `[]`,
	} {
		p := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		requireFailure(t, runCLI(t, nil, "reward", "tree", "--in", p))
	}
}
