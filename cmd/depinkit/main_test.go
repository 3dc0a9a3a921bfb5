package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// result is what one in-process run of depinkit produced.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs depinkit in-process with args and stdin, as main would.
func runCLI(t testing.TB, stdin []byte, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// requireOK checks that a run succeeded without a word on stderr.
func requireOK(t testing.TB, r result) {
	t.Helper()
	require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
	require.Empty(t, r.stderr)
}

// requireFailure checks that a run failed as the CLI contract says: exit status 1,
// nothing on stdout, and exactly one line on stderr, prefixed "depinkit: ", that
// contains each of want.
func requireFailure(t testing.TB, r result, want ...string) {
	t.Helper()
	require.Equal(t, 1, r.code, "stdout: %q", r.stdout)
	require.Empty(t, r.stdout)
	requireOneErrorLine(t, r.stderr, want...)
}

func requireOneErrorLine(t testing.TB, stderr string, want ...string) {
	t.Helper()
	require.True(t, strings.HasPrefix(stderr, "depinkit: "), "stderr: %q", stderr)
	require.True(t, strings.HasSuffix(stderr, "\n"), "stderr: %q", stderr)
	require.Equal(t, 1, strings.Count(stderr, "\n"), "stderr: %q", stderr)
	for _, w := range want {
		require.Contains(t, stderr, w)
	}
}

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\nb", "a; b"},
		{"a\r\nb\rc\n", "a; b; c"},
		{"  padded  \n", "padded"},
		{errors.Join(errors.New("first"), errors.New("second")).Error(), "first; second"},
	} {
		require.Equal(t, tc.want, oneLine(tc.in))
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"bogus"}, `unknown command "bogus"`},
		{"unknown subcommand", []string{"keys", "bogus"}, `unknown command "bogus" for "depinkit keys"`},
		{"unknown envelope subcommand", []string{"envelope", "bogus"}, `unknown command "bogus" for "depinkit envelope"`},
		{"unknown flag", []string{"keys", "new", "--type", "p256", "--bogus"}, "unknown flag: --bogus"},
		{"missing type", []string{"keys", "new"}, `required flag(s) "type" not set`},
		{"bad type", []string{"keys", "new", "--type", "rsa"}, `invalid argument "rsa" for "--type" flag`},
		{"extra argument", []string{"keys", "new", "--type", "p256", "extra"}, `unknown command "extra"`},
		{"missing seal flags", []string{"envelope", "seal"}, `required flag(s) "content-type", "key", "seq" not set`},
		{"bad format", []string{"envelope", "seal", "--format", "yaml"}, `invalid argument "yaml" for "--format" flag: want raw, json, cbor`},
		{"negative seq", []string{"envelope", "seal", "--seq", "-1"}, `invalid argument "-1" for "--seq" flag`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireFailure(t, runCLI(t, nil, tc.args...), tc.want)
		})
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{}, {"--help"}, {"keys"}, {"envelope"},
		{"keys", "new", "--help"}, {"keys", "did", "--help"}, {"keys", "doc", "--help"},
		{"envelope", "seal", "--help"}, {"envelope", "open", "--help"},
	} {
		r := runCLI(t, nil, args...)
		requireOK(t, r)
		require.Contains(t, r.stdout, "Usage:", "args %q", args)
		require.Contains(t, r.stdout, "Examples:", "args %q", args)
	}
}

// Every command documents itself: Short, Long and Example.
func TestCommandsHaveHelpText(t *testing.T) {
	root := newRootCmd(nil, nil, nil)
	for cmds := []*cobra.Command{root}; len(cmds) > 0; {
		c := cmds[0]
		cmds = append(cmds[1:], c.Commands()...)
		require.NotEmpty(t, c.Short, c.CommandPath())
		require.NotEmpty(t, c.Long, c.CommandPath())
		require.NotEmpty(t, c.Example, c.CommandPath())
	}
}

// TestBinaryPipeline builds the real binary and runs, through os/exec,
//
//	depinkit keys new --type p256 --out K &&
//	echo hi | depinkit envelope seal --key K --content-type depin/test/v1 --seq 1 > E &&
//	depinkit envelope open --type p256 --public <public from keys new> --in E
//
// and then opens a tampered E.
func TestBinaryPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "depinkit")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command(goTool, "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	keyPath, envPath := filepath.Join(dir, "K"), filepath.Join(dir, "E")

	// depinkit keys new --type p256 --out K
	var info device.PublicInfo
	stdout, stderr, err := runBinary(bin, nil, "keys", "new", "--type", "p256", "--out", keyPath)
	require.NoError(t, err, "stderr: %s", stderr)
	require.NoError(t, json.Unmarshal(stdout, &info))
	require.Equal(t, device.P256, info.Type)

	// echo hi | depinkit envelope seal ... > E
	stdout, stderr, err = runBinary(bin, []byte("hi\n"), "envelope", "seal", "--key", keyPath, "--content-type", "depin/test/v1", "--seq", "1")
	require.NoError(t, err, "stderr: %s", stderr)
	require.NoError(t, os.WriteFile(envPath, stdout, 0o644))

	// depinkit envelope open --type p256 --public HEX --in E
	stdout, stderr, err = runBinary(bin, nil, "envelope", "open", "--type", "p256", "--public", info.Public, "--in", envPath)
	require.NoError(t, err, "stderr: %s", stderr)
	require.Empty(t, stderr)
	var opened openedEnvelope
	require.NoError(t, json.Unmarshal(stdout, &opened))
	require.Equal(t, "4368690a", opened.Payload) // CBOR byte string of "hi\n"
	require.Equal(t, info.ID.String(), opened.Device)
	require.Equal(t, "depin/test/v1", opened.ContentType)
	require.Equal(t, uint64(1), opened.Seq)

	// A tampered E: exit status 1, one line on stderr, nothing on stdout.
	env, err := os.ReadFile(envPath)
	require.NoError(t, err)
	env[len(env)-1] ^= 0x01 // a bit of the signature
	require.NoError(t, os.WriteFile(envPath, env, 0o644))
	stdout, stderr, err = runBinary(bin, nil, "envelope", "open", "--type", "p256", "--public", info.Public, "--in", envPath)
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	require.Equal(t, 1, exitErr.ExitCode())
	require.Empty(t, stdout)
	requireOneErrorLine(t, string(stderr), "bad signature")
}

// runBinary runs bin with args and stdin, and returns what it wrote.
func runBinary(bin string, stdin []byte, args ...string) (stdout, stderr []byte, err error) {
	var o, e bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.Bytes(), e.Bytes(), err
}

// mustGenerate makes a fresh key of type kt.
func mustGenerate(t testing.TB, kt device.KeyType) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(kt, nil)
	require.NoError(t, err)
	return k
}

// requireMode checks the permission bits of the file at path.
func requireMode(t testing.TB, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, want, st.Mode().Perm(), path)
}
