package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProofRoundTrip: setup, prove and verify a coverage proof on files, as
// the README shows; then a tampered proof fails verify with one line.
func TestProofRoundTrip(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	devKey := filepath.Join(dir, "device.key")
	r := runCLI(t, nil, "proof", "setup", "--statement", "coverage", "--keys", keys)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "UNSAFE")
	var setup map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &setup))
	require.Equal(t, float64(7571), setup["constraints"])

	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "eddsa-bn254", "--out", devKey))
	claim := filepath.Join(dir, "claim.json")
	require.NoError(t, os.WriteFile(claim, []byte(`{"point":{"x":0,"y":0},"radius":600,"nonce":"0a0b0c","position":{"x":300,"y":400}}`), 0o644))
	out := filepath.Join(dir, "coverage.proof")
	r = runCLI(t, nil, "proof", "prove", "--statement", "coverage", "--keys", keys, "--key", devKey, "--input", claim, "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "133-byte proof")

	r = runCLI(t, nil, "proof", "verify", "--keys", keys, out)
	requireOK(t, r)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Equal(t, true, got["valid"])
	require.Equal(t, "coverage", got["statement"])
	require.Equal(t, float64(600), got["radius"])

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	for _, i := range []int{len(data) - 20, len(data) - 70, len(data) / 2} {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0x04
		r = runCLI(t, bad, "proof", "verify", "--keys", keys, "-")
		requireFailure(t, r, "invalid proof")
	}
	r = runCLI(t, data[:len(data)-3], "proof", "verify", "--keys", keys, "-")
	requireFailure(t, r, "invalid proof")

	// Solidity export of the same keys.
	r = runCLI(t, nil, "proof", "export-solidity", "--statement", "coverage", "--keys", keys)
	requireOK(t, r)
	require.Contains(t, r.stdout, "function verifyProof")
	contracts := filepath.Join(dir, "contracts")
	requireOK(t, runCLI(t, nil, "proof", "export-solidity", "--statement", "coverage", "--keys", keys, "--out", contracts))
	wrapper, err := os.ReadFile(filepath.Join(contracts, "ProofVerifier.sol"))
	require.NoError(t, err)
	require.Contains(t, string(wrapper), "contract ProofVerifier")
	_, err = os.Stat(filepath.Join(contracts, "Groth16Verifier.sol"))
	require.NoError(t, err)
}

// TestProofSignaturePath: the signature path needs no keys and takes any
// device key type.
func TestProofSignaturePath(t *testing.T) {
	dir := t.TempDir()
	devKey := filepath.Join(dir, "meter.key")
	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "ed25519", "--out", devKey))
	rs := make([]string, 16)
	for i := range rs {
		rs[i] = fmt.Sprint(100 + i)
	}
	in := `{"cap": 1000, "readings": [` + strings.Join(rs, ",") + `]}`
	r := runCLI(t, []byte(in), "proof", "prove", "--statement", "usage-16", "--backend", "signature", "--key", devKey, "--input", "-")
	require.Equal(t, 0, r.code, r.stderr)
	v := runCLI(t, []byte(r.stdout), "proof", "verify", "-")
	requireOK(t, v)
	require.Contains(t, v.stdout, `"total": "1720"`)

	in = `{"cap": 110, "readings": [` + strings.Join(rs, ",") + `]}`
	requireFailure(t, runCLI(t, []byte(in), "proof", "prove", "--statement", "usage-16", "--backend", "signature", "--key", devKey, "--input", "-"), "statement does not hold", "not below the cap")
}

func TestProofErrors(t *testing.T) {
	dir := t.TempDir()
	devKey := filepath.Join(dir, "device.key")
	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "eddsa-bn254", "--out", devKey))
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  []string
	}{
		{"no statement", "", []string{"proof", "setup", "--keys", dir}, []string{"--statement is required"}},
		{"bad statement", "", []string{"proof", "setup", "--statement", "usage-17", "--keys", dir}, []string{"--statement", "usage-17"}},
		{"bad backend", "", []string{"proof", "setup", "--statement", "coverage", "--backend", "stark", "--keys", dir}, []string{"--backend", "stark"}},
		{"signature setup", "", []string{"proof", "setup", "--statement", "coverage", "--backend", "signature", "--keys", dir}, []string{"signature has no keys"}},
		{"no keys", "{}", []string{"proof", "prove", "--statement", "coverage", "--key", devKey, "--input", "-"}, []string{"coverage needs point"}},
		{"unknown field", `{"radius": 5, "altitude": 3}`, []string{"proof", "prove", "--statement", "coverage", "--key", devKey, "--input", "-"}, []string{"altitude"}},
		{"readings count", `{"cap": 5, "readings": [1,2]}`, []string{"proof", "prove", "--statement", "usage-16", "--backend", "signature", "--key", devKey, "--input", "-"}, []string{"2 values", "16"}},
		{"missing key store", `{"point":{"x":0,"y":0},"radius":600,"nonce":"0a","position":{"x":3,"y":4}}`, []string{"proof", "prove", "--statement", "coverage", "--keys", filepath.Join(dir, "none"), "--key", devKey, "--input", "-"}, []string{"no key", "not found"}},
		{"garbage proof", "not a proof", []string{"proof", "verify", "-"}, []string{"malformed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			requireFailure(t, runCLI(t, []byte(tc.stdin), tc.args...), tc.want...)
		})
	}
}
