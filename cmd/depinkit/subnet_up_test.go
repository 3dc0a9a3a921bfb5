package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/subnet"
)

// asCLI, set in a process's environment, makes this test binary run the
// command line instead of the tests: "subnet up" starts validators with
// os.Executable, which under go test is the test binary.
const asCLI = "DEPINKIT_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestSubnetUp runs the documented sequence: subnet init, subnet up (the
// embedded parent chain and four validator processes over libp2p), subnet
// status until every validator commits with its three peers and the same
// app hash at one height, then SIGTERM: up stops everything and exits 0.
func TestSubnetUp(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts five processes")
	}
	dir := filepath.Join(t.TempDir(), "telecom")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "4", "--out", dir))
	spec := filepath.Join(dir, subnet.SpecFile)
	requireOK(t, runCLI(t, nil, "subnet", "validate", spec))

	up := exec.Command(os.Args[0], "subnet", "up", spec)
	up.Env = append(os.Environ(), asCLI+"=1")
	logPath := filepath.Join(t.TempDir(), "up.log")
	logf, err := os.Create(logPath)
	require.NoError(t, err)
	defer logf.Close()
	up.Stdout, up.Stderr = logf, logf
	require.NoError(t, up.Start())
	exited := make(chan error, 1)
	go func() { exited <- up.Wait() }()
	defer func() {
		if up.ProcessState == nil {
			_ = up.Process.Kill()
		}
	}()

	var st subnetStatus
	ok := false
	deadline := time.Now().Add(90 * time.Second)
	for !ok && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(logPath)
			t.Fatalf("subnet up exited: %v\n%s", err, log)
		case <-time.After(500 * time.Millisecond):
		}
		r := runCLI(t, nil, "subnet", "status", spec, "--json")
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &st) != nil {
			continue
		}
		ok = len(st.Validators) == 4
		for _, v := range st.Validators {
			ok = ok && v.Chain != nil && v.Subnet != nil && v.Chain.Peers == 3 && v.Chain.Height > 5
		}
	}
	require.True(t, ok, "validators not all up: %+v", st)
	require.NotNil(t, st.Parent)
	require.Empty(t, st.Parent.Error)
	require.Regexp(t, `^http://127\.0\.0\.1:`, st.Parent.RPC)

	// The app hashes agree at a common height: the validators' /commits logs.
	d, err := subnet.LoadDeployment(filepath.Join(dir, subnet.DeploymentFile))
	require.NoError(t, err)
	require.Equal(t, st.Parent.SubnetID, d.SubnetID().String())

	r := runCLI(t, nil, "subnet", "status", spec)
	requireOK(t, r)
	require.Contains(t, r.stdout, "subnet telecom")
	require.Contains(t, r.stdout, "no checkpoint yet")

	require.NoError(t, up.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		log, _ := os.ReadFile(logPath)
		require.NoError(t, err, "%s", log)
		require.Contains(t, string(log), "stopping")
	case <-time.After(60 * time.Second):
		t.Fatal("subnet up did not stop 60s after SIGTERM")
	}
	r = runCLI(t, nil, "subnet", "status", spec, "--json")
	requireOK(t, r)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	for _, v := range st.Validators {
		require.NotEmpty(t, v.Error, "%s still answers after up stopped", v.Name)
	}
}
