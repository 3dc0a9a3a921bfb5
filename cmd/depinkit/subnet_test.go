package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/subnet"
)

func TestSubnetInitValidate(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "telecom")
	r := runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "4", "--out", dir,
		"--base-port", "23000", "--chain-id", "77", "--name", "telecom-test", "--claim-type", "telecom/coverage/v1")
	requireOK(t, r)
	spec, err := subnet.Load(dir)
	require.NoError(t, err)
	require.Equal(t, "telecom-test", spec.Name)
	require.Equal(t, uint64(77), spec.ChainID)
	require.Len(t, spec.Validators, 4)
	require.Equal(t, map[string]string{"telecom/coverage/v1": subnet.ProofSignature}, spec.Proofs)
	genesis := spec.GenesisHash().Hex()
	require.Contains(t, r.stdout, genesis)
	for i, v := range spec.Validators {
		require.Contains(t, r.stdout, v.SettlementAddress)
		requireMode(t, filepath.Join(dir, v.Dir, subnet.ConsensusKeyFile), 0o600)
		requireMode(t, filepath.Join(dir, v.Dir, subnet.SettlementKeyFile), 0o600)
		_, err := spec.LoadKeys(i)
		require.NoError(t, err)
	}

	// validate, by file and by directory.
	for _, arg := range []string{filepath.Join(dir, subnet.SpecFile), dir} {
		r = runCLI(t, nil, "subnet", "validate", arg)
		requireOK(t, r)
		require.Equal(t, "ok telecom-test genesis "+genesis+"\n", r.stdout)
	}

	// Never over an existing subnet, unless forced.
	requireFailure(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--out", dir), "not empty", "--force")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "energy", "--validators", "2", "--out", dir, "--force", "--base-port", "23100"))
	r = runCLI(t, nil, "subnet", "validate", dir)
	requireOK(t, r)
	require.Regexp(t, regexp.MustCompile(`^ok energy genesis 0x[0-9a-f]{64}\n$`), r.stdout)
}

func TestSubnetValidateProblems(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "net")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "3", "--out", dir, "--base-port", "23200"))
	path := filepath.Join(dir, subnet.SpecFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)

	// Three mistakes: all named, on one line.
	bad := strings.Replace(string(data), "stake = 100", "stake = 0", 1)
	bad = strings.Replace(bad, "vertical = 'telecom'", "vertical = 'Telecom'", 1)
	bad = strings.Replace(bad, "curve = 'halving'", "curve = 'sigmoid'", 1)
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	requireFailure(t, runCLI(t, nil, "subnet", "validate", path),
		"3 problems", "vertical: ", "reward.curve: ", "validators[0].stake: 0: at least 1")

	// Unknown settings are named with their line.
	require.NoError(t, os.WriteFile(path, append(data, []byte("bogus = 1\n")...), 0o644))
	requireFailure(t, runCLI(t, nil, "subnet", "validate", path), "1 problem", "bogus: unknown setting")

	// The registered vertical checks its section and pool weights; the
	// proof policy is checked against the spec's keys.
	for more, want := range map[string][]string{
		"[verticals.telecom.rules]\nbeacon_interval = 1\n":            {"1 problem", "verticals.telecom.rules.beacon_interval: unknown setting"},
		"[reward.pools]\nbeacons = 1\ncoverage = 2\n":                 {"1 problem", "vertical: vertical telecom: ", "reward.pools: coverage"},
		"[proofs]\n'depinkit/proof/coverage/v1' = 'groth16'\n":        {"1 problem", "proof_keys: ", "needs the groth16 verifying key of coverage"},
		"[verticals.telecom.data_credits]\ntoken_price_usd = '0.5'\n": nil,
	} {
		require.NoError(t, os.WriteFile(path, append(data, "\n"+more...), 0o644))
		r := runCLI(t, nil, "subnet", "validate", path)
		if want == nil {
			requireOK(t, r)
			continue
		}
		requireFailure(t, r, want...)
	}

	// A key file that is not the spec's.
	require.NoError(t, os.WriteFile(path, data, 0o644))
	other, err := os.ReadFile(filepath.Join(dir, "v1", subnet.SettlementKeyFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "v0", subnet.SettlementKeyFile), other, 0o600))
	requireFailure(t, runCLI(t, nil, "subnet", "validate", path), "validators[0].dir: ", "settlement_address")

	// A validator directory that is absent (run elsewhere) is fine.
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "v0")))
	requireOK(t, runCLI(t, nil, "subnet", "validate", path))
}

func TestSubnetErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"subnet", "init", "--vertical", "telecom"}, "--out is required"},
		{[]string{"subnet", "init", "--out", t.TempDir()}, "--vertical is required"},
		{[]string{"subnet", "init", "--vertical", "telecom", "--out", t.TempDir(), "--validators", "0"}, "--validators 0"},
		{[]string{"subnet", "init", "--vertical", "Tele com", "--out", t.TempDir()}, "vertical: "},
		{[]string{"subnet", "init", "--vertical", "telecom", "--out", t.TempDir(), "--base-port", "65530"}, "base port"},
		{[]string{"subnet", "validate"}, "accepts 1 arg(s)"},
		{[]string{"subnet", "validate", filepath.Join(t.TempDir(), "missing.toml")}, "no such file"},
		{[]string{"subnet", "bogus"}, `unknown command "bogus"`},
	} {
		requireFailure(t, runCLI(t, nil, tc.args...), tc.want)
	}
}

func TestSubnetHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"subnet"}, {"subnet", "init", "--help"}, {"subnet", "validate", "--help"}} {
		r := runCLI(t, nil, args...)
		requireOK(t, r)
		require.Contains(t, r.stdout, "Usage:")
		require.Contains(t, r.stdout, "Examples:")
	}
}
