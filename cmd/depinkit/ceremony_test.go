package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCeremony runs a whole two-party ceremony for coverage from the command
// line, then proves and verifies with its keys; a tampered ceremony file fails
// verify with one line. The ceremony package tests the protocol on a small
// circuit; this is the real statement end to end (about a minute of gnark
// arithmetic, skipped under the race detector).
func TestCeremony(t *testing.T) {
	if raceEnabled {
		t.Skip("a coverage ceremony takes minutes under the race detector; the ceremony package covers the protocol")
	}
	dir := t.TempDir()
	cer := filepath.Join(dir, "ceremony")
	keys := filepath.Join(dir, "keys")
	run := func(args ...string) map[string]any {
		t.Helper()
		r := runCLI(t, nil, append([]string{"proof", "ceremony"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
		return out
	}
	h := run("init", "--statement", "coverage", "--dir", cer)
	require.Equal(t, float64(7571), h["constraints"])
	alice := run("contribute", "--statement", "coverage", "--dir", cer, "--name", "alice")
	require.Equal(t, float64(1), alice["phase"])
	// verify in phase 1 is cheap; in phase 2 it redoes gnark's phase-2
	// initialization, as finalize does (its transcript is checked below).
	tr := run("verify", "--statement", "coverage", "--dir", cer)
	require.Equal(t, alice["hash"], tr["phase1"].([]any)[0].(map[string]any)["hash"])
	tr = run("phase2", "--statement", "coverage", "--dir", cer, "--beacon", "5eed")
	require.Equal(t, float64(2), tr["phase"])
	bob := run("contribute", "--statement", "coverage", "--dir", cer, "--name", "bob")
	require.Equal(t, float64(2), bob["phase"])
	fin := run("finalize", "--statement", "coverage", "--dir", cer, "--beacon", "0b5e", "--keys", keys)
	require.Equal(t, alice["hash"], fin["phase1"].([]any)[0].(map[string]any)["hash"])
	require.Equal(t, bob["hash"], fin["phase2"].([]any)[0].(map[string]any)["hash"])
	require.Equal(t, "0b5e", fin["beacon2"])

	// Prove and verify with the ceremony's keys.
	devKey := filepath.Join(dir, "device.key")
	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "eddsa-bn254", "--out", devKey))
	in := []byte(`{"point":{"x":0,"y":0},"radius":600,"nonce":"0a0b0c","position":{"x":300,"y":400}}`)
	r := runCLI(t, in, "proof", "prove", "--statement", "coverage", "--keys", keys, "--key", devKey, "--input", "-")
	require.Equal(t, 0, r.code, r.stderr)
	v := runCLI(t, []byte(r.stdout), "proof", "verify", "--keys", keys, "-")
	requireOK(t, v)
	require.Contains(t, v.stdout, `"valid": true`)

	// The wrong statement, and a tampered file.
	// Steps print progress on stderr; the error is its last line.
	failsWith := func(r result, want string) {
		t.Helper()
		require.Equal(t, 1, r.code)
		require.Empty(t, r.stdout)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		require.True(t, strings.HasPrefix(lines[len(lines)-1], "depinkit: "), r.stderr)
		require.Contains(t, lines[len(lines)-1], want)
	}
	failsWith(runCLI(t, nil, "proof", "ceremony", "verify", "--statement", "usage-16", "--dir", cer), "made for another circuit")
	file := filepath.Join(cer, "phase1-0001.mpc")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	data[len(data)/2] ^= 1
	require.NoError(t, os.WriteFile(file, data, 0o644))
	failsWith(runCLI(t, nil, "proof", "ceremony", "verify", "--statement", "coverage", "--dir", cer), "phase1-0001.mpc")
}

func TestCeremonyErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"init", "--dir", dir}, "--statement and --dir are required"},
		{[]string{"contribute", "--statement", "coverage", "--dir", dir}, "--name is required"},
		{[]string{"phase2", "--statement", "coverage", "--dir", dir, "--beacon", "xyz"}, "--beacon"},
		{[]string{"finalize", "--statement", "coverage", "--dir", dir, "--beacon", "00"}, "--keys is required"},
		{[]string{"verify", "--statement", "usage-5", "--dir", dir}, "--statement"},
	}
	for _, tc := range cases {
		r := runCLI(t, nil, append([]string{"proof", "ceremony"}, tc.args...)...)
		requireFailure(t, r, tc.want)
	}
}
