//go:build unix

package solc

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// installDirEnv names, for TestInstallHelperProcess, the directory a child
// process installs into.
const installDirEnv = "DEPINKIT_SOLC_TEST_INSTALL_DIR"

// lockedDir returns a fresh directory holding this package's package.json and
// package-lock.json, and nothing installed.
func lockedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"package.json", "package-lock.json"} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	return dir
}

// TestInstallHelperProcess is the child process of TestInstallConcurrent: it
// installs into the directory installDirEnv names, as another package's test
// binary would.
func TestInstallHelperProcess(t *testing.T) {
	dir := os.Getenv(installDirEnv)
	if dir == "" {
		t.Skip("child process of TestInstallConcurrent")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	require.NoError(t, Install(ctx, Options{Dir: dir}))
}

// TestInstallConcurrent is a first use of the compiler by three processes and
// three goroutines at once, over a stale node_modules (another solc version):
// npm runs once, one of them says it installs, the others wait and find the
// pinned packages, and the result compiles.
func TestInstallConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs npm ci (a download on a machine without npm's cache)")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm not in PATH: TestInstallNoNpm covers that case")
	}
	dir := lockedDir(t)
	stale := filepath.Join(dir, "node_modules", "solc")
	require.NoError(t, os.MkdirAll(stale, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(stale, "package.json"), []byte(`{"version":"0.8.20"}`), 0o644))

	// npm, first in PATH, logs each run before running the real one.
	bin, runs := t.TempDir(), filepath.Join(t.TempDir(), "runs")
	script := fmt.Sprintf("#!/bin/sh\necho \"$*\" >> %q\nexec %q \"$@\"\n", runs, npm)
	require.NoError(t, os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	const procs, goroutines = 3, 3
	outputs := make([]bytes.Buffer, procs+goroutines)
	errs := make([]error, procs+goroutines)
	var wg sync.WaitGroup
	for i := range procs {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestInstallHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), installDirEnv+"="+dir)
		cmd.Stdout, cmd.Stderr = &outputs[i], &outputs[i]
		require.NoError(t, cmd.Start())
		wg.Go(func() { errs[i] = cmd.Wait() })
	}
	for i := procs; i < procs+goroutines; i++ {
		wg.Go(func() { errs[i] = Install(ctx, Options{Dir: dir, Progress: &outputs[i]}) })
	}
	wg.Wait()
	installing := 0
	for i, err := range errs {
		require.NoError(t, err, "installer %d: %s", i, outputs[i].String())
		installing += strings.Count(outputs[i].String(), "solc: installing solc "+Version)
	}
	require.Equal(t, 1, installing, "one installer says it installs")

	log, err := os.ReadFile(runs)
	require.NoError(t, err)
	require.Equal(t, "ci --ignore-scripts --no-audit --no-fund\n", string(log), "npm ran once")
	require.NoError(t, (Options{Dir: dir}).installedPackages())
	left, err := filepath.Glob(filepath.Join(dir, installPrefix+"*"))
	require.NoError(t, err)
	require.Empty(t, left, "scratch directories removed")

	// A second use installs nothing.
	require.NoError(t, Install(ctx, Options{Dir: dir}))
	log, err = os.ReadFile(runs)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(log), "\n"))

	cs, err := Compile(ctx, map[string]string{"Token.sol": tokenSource}, Options{Dir: dir})
	require.NoError(t, err)
	_, err = cs.Get("Token")
	require.NoError(t, err)
}

// TestInstallNoNpm: without Node.js in PATH, the first use says that npm is
// missing; with node but no npm, too.
func TestInstallNoNpm(t *testing.T) {
	node, nodeErr := exec.LookPath("node")
	empty := t.TempDir()
	t.Setenv("PATH", empty)
	dir := lockedDir(t)
	for _, compile := range []bool{false, true} {
		var err error
		if compile {
			_, err = Compile(context.Background(), map[string]string{"Base.sol": baseSource}, Options{Dir: dir})
		} else {
			err = Installed(Options{Dir: dir})
		}
		require.ErrorIs(t, err, ErrNoNode)
		require.ErrorIs(t, err, ErrNotInstalled)
		require.ErrorContains(t, err, "npm is not in PATH")
		require.ErrorContains(t, err, "install Node.js")
	}
	if nodeErr == nil {
		require.NoError(t, os.Symlink(node, filepath.Join(empty, "node")))
		err := Install(context.Background(), Options{Dir: dir})
		require.ErrorIs(t, err, ErrNoNode)
		require.ErrorContains(t, err, "npm is not in PATH")
	}
	// Nothing was left behind.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2, "only package.json and package-lock.json")
}

// TestInstallNeedsPinnedLock: a directory whose lock file pins other versions
// (or that has none) is not installed into: the error says what is missing
// and how to install by hand.
func TestInstallNeedsPinnedLock(t *testing.T) {
	dir := lockedDir(t)
	lock := filepath.Join(dir, "package-lock.json")
	data, err := os.ReadFile(lock)
	require.NoError(t, err)
	require.NoError(t, (Options{Dir: dir}).lockPinned())
	other := strings.Replace(string(data), `"version": "`+Version+`"`, `"version": "0.8.20"`, 1)
	require.NotEqual(t, string(data), other)
	require.NoError(t, os.WriteFile(lock, []byte(other), 0o644))
	require.ErrorContains(t, (Options{Dir: dir}).lockPinned(), "0.8.20")

	err = Install(context.Background(), Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.ErrorContains(t, err, InstallCommand)
	_, err = os.Stat(filepath.Join(dir, lockName))
	require.ErrorIs(t, err, os.ErrNotExist, "no install was tried")
}

// TestLockExcludes: while one holder has the lock, another open of the same
// file in the same process waits, says so once, and gives up when its
// context ends; it gets the lock once the first lets go.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), lockName)
	unlock, err := lockDir(context.Background(), path, func() { t.Error("the first holder waited") })
	require.NoError(t, err)

	waited := 0
	ctx, cancel := context.WithTimeout(context.Background(), 3*lockPoll)
	defer cancel()
	_, err = lockDir(ctx, path, func() { waited++ })
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Equal(t, 1, waited)

	unlock()
	unlock2, err := lockDir(context.Background(), path, func() { t.Error("waited for a released lock") })
	require.NoError(t, err)
	unlock2()
}
