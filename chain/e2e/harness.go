//go:build unix

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/validator"
)

// BinaryPackage is the package Build compiles.
const BinaryPackage = "github.com/depinkit/depinkit/cmd/depinkit"

// Timeouts of the harness.
const (
	// callTimeout bounds one API call: a paused validator does not answer.
	callTimeout = 2 * time.Second
	// stopTimeout bounds a clean stop (SIGTERM) before the harness kills.
	stopTimeout = 20 * time.Second
	// logTail is how many bytes of each validator's log a failure prints.
	logTail = 6 << 10
)

// Build compiles the depinkit binary into dir and returns its path.
func Build(dir string) (string, error) {
	bin := filepath.Join(dir, "depinkit")
	cmd := exec.Command("go", "build", "-o", bin, BinaryPackage)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", BinaryPackage, err, out)
	}
	return bin, nil
}

// state is what the harness did to a validator.
type state int

const (
	stateDown state = iota
	stateUp
	statePaused
	stateCut
)

func (s state) String() string {
	return [...]string{"down", "up", "paused", "disconnected"}[s]
}

// Process is one validator process.
type Process struct {
	Index   int
	Home    string
	LogPath string
	Client  *validator.Client

	cmd  *exec.Cmd
	done chan struct{}
	err  error // cmd.Wait's, once done is closed
}

// Network is a testnet of validator processes started from one binary.
type Network struct {
	t     testing.TB
	bin   string
	dir   string
	Net   validator.Testnet
	Nodes []*Process
	hc    *http.Client

	mu    sync.Mutex
	state []state
	// gen counts the stops (kill or SIGTERM) of each validator: transactions
	// it acknowledged in an earlier generation may be lost (its mempool is in
	// memory only).
	gen []int
	// stops[i][g] is how generation g of validator i ended: "kill" or "term".
	stops [][]string
	// hashes records the app hash seen at each height, on any validator.
	hashes map[uint64]string
	// divergence is the first app hash mismatch Status saw.
	divergence  error
	stopMonitor func()
	events      []string
}

// Start writes a testnet of n validators into a new temporary directory with
// "depinkit testnet init", enables their admin endpoints, and starts every
// validator. Every process is killed (its whole process group) when the test
// ends; if the test failed, the tail of every log is printed.
func Start(t testing.TB, bin string, n int) *Network {
	t.Helper()
	return StartWith(t, bin, n, nil)
}

// StartWith is Start with configure, if not nil, applied to validator i's
// configuration (config.toml) before it first starts.
func StartWith(t testing.TB, bin string, n int, configure func(i int, cfg *validator.Config)) *Network {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command(bin, "testnet", "init", "--validators", strconv.Itoa(n), "--out", dir).CombinedOutput()
	require.NoError(t, err, "testnet init: %s", out)
	tn, err := validator.LoadTestnet(dir)
	require.NoError(t, err)
	require.Len(t, tn.Validators, n)

	nw := &Network{t: t, bin: bin, dir: dir, Net: tn, state: make([]state, n), gen: make([]int, n), stops: make([][]string, n), hashes: map[uint64]string{}}
	nw.hc = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	for i, v := range tn.Validators {
		editConfig(t, v.Home, func(cfg *validator.Config) {
			cfg.API.Admin = true
			if configure != nil {
				configure(i, cfg)
			}
		})
		nw.Nodes = append(nw.Nodes, &Process{
			Index: i, Home: v.Home, LogPath: filepath.Join(dir, fmt.Sprintf("v%d.log", i)),
			Client: validator.NewClient(v.API, nw.hc),
		})
	}
	t.Cleanup(nw.cleanup)
	for i := range nw.Nodes {
		nw.StartNode(i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		nw.monitor(ctx)
	}()
	nw.stopMonitor = func() {
		cancel()
		<-done
	}
	return nw
}

// monitorInterval is how often the monitor asks every running validator for
// its status.
const monitorInterval = 250 * time.Millisecond

// monitor polls the status of the running validators until ctx ends: every
// answer records an app hash at a height (Status), for Check to compare.
func (nw *Network) monitor(ctx context.Context) {
	tick := time.NewTicker(monitorInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		for _, i := range nw.running() {
			_, _ = nw.Status(ctx, i)
		}
	}
}

// editConfig applies edit to home's config.toml.
func editConfig(t testing.TB, home string, edit func(*validator.Config)) {
	path := filepath.Join(home, validator.ConfigFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	cfg, err := validator.ParseConfig(data)
	require.NoError(t, err)
	edit(&cfg)
	data, err = cfg.Marshal()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

func (nw *Network) cleanup() {
	if nw.stopMonitor != nil {
		nw.stopMonitor()
	}
	defer nw.hc.CloseIdleConnections()
	for _, p := range nw.Nodes {
		if p.cmd != nil && !p.exited() {
			_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	}
	if nw.t.Failed() {
		nw.mu.Lock()
		nw.t.Logf("events:\n%s", bytes.Join(toBytes(nw.events), []byte("\n")))
		nw.mu.Unlock()
		for _, p := range nw.Nodes {
			nw.t.Logf("--- tail of %s ---\n%s", p.LogPath, tail(p.LogPath, logTail))
		}
	}
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// tail returns the last n bytes of the file at path.
func tail(path string, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err.Error()
	}
	off := max(fi.Size()-n, 0)
	buf := make([]byte, fi.Size()-off)
	if _, err := f.ReadAt(buf, off); err != nil {
		return err.Error()
	}
	return string(buf)
}

// Logf records an event (printed if the test fails) and logs it.
func (nw *Network) Logf(format string, args ...any) {
	msg := time.Now().Format("15:04:05.000 ") + fmt.Sprintf(format, args...)
	nw.mu.Lock()
	nw.events = append(nw.events, msg)
	nw.mu.Unlock()
	nw.t.Log(msg)
}

func (p *Process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// StartNode starts validator i, in its own process group, its output
// appended to its log file.
func (nw *Network) StartNode(i int) {
	t, p := nw.t, nw.Nodes[i]
	t.Helper()
	require.True(t, p.cmd == nil || p.exited(), "v%d is running", i)
	f, err := os.OpenFile(p.LogPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	require.NoError(t, err)
	fmt.Fprintf(f, "=== harness: start %s ===\n", time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(nw.bin, "node", "--home", p.Home)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = sysProcAttr()
	require.NoError(t, cmd.Start())
	f.Close() // the child holds its own descriptor
	p.cmd, p.done = cmd, make(chan struct{})
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	nw.setState(i, stateUp)
	nw.Logf("v%d: started (pid %d)", i, cmd.Process.Pid)
}

func (nw *Network) setState(i int, s state) {
	nw.mu.Lock()
	nw.state[i] = s
	nw.mu.Unlock()
}

// down marks validator i stopped, by kill or term: the transactions it
// acknowledged so far may be lost.
func (nw *Network) down(i int, how string) {
	nw.mu.Lock()
	nw.state[i] = stateDown
	nw.gen[i]++
	nw.stops[i] = append(nw.stops[i], how)
	nw.mu.Unlock()
}

// running returns the validators whose processes run and are not paused:
// those that take load (a validator cut off from the others takes load, and
// must commit it once reconnected).
func (nw *Network) running() []int {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	var out []int
	for i, s := range nw.state {
		if s == stateUp || s == stateCut {
			out = append(out, i)
		}
	}
	return out
}

func (nw *Network) generation(i int) int {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	return nw.gen[i]
}

// Kill sends SIGKILL to validator i's process group and waits for it.
func (nw *Network) Kill(i int) {
	p := nw.Nodes[i]
	nw.down(i, "kill")
	require.NoError(nw.t, syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL))
	<-p.done
	nw.Logf("v%d: killed (SIGKILL)", i)
}

// Stop sends SIGTERM to validator i and requires a clean exit (status 0)
// within stopTimeout.
func (nw *Network) Stop(i int) {
	p := nw.Nodes[i]
	nw.down(i, "term")
	start := time.Now()
	require.NoError(nw.t, syscall.Kill(p.cmd.Process.Pid, syscall.SIGTERM))
	select {
	case <-p.done:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
		require.FailNow(nw.t, fmt.Sprintf("v%d did not stop within %v of SIGTERM", i, stopTimeout))
	}
	require.NoError(nw.t, p.err, "v%d: exit after SIGTERM", i)
	nw.Logf("v%d: stopped (SIGTERM, exit 0 after %v)", i, time.Since(start).Round(time.Millisecond))
}

// Pause stops validator i with SIGSTOP; Resume continues it.
func (nw *Network) Pause(i int) {
	nw.setState(i, statePaused)
	require.NoError(nw.t, syscall.Kill(-nw.Nodes[i].cmd.Process.Pid, syscall.SIGSTOP))
	nw.Logf("v%d: paused (SIGSTOP)", i)
}

// Resume sends SIGCONT to a paused validator.
func (nw *Network) Resume(i int) {
	require.NoError(nw.t, syscall.Kill(-nw.Nodes[i].cmd.Process.Pid, syscall.SIGCONT))
	nw.setState(i, stateUp)
	nw.Logf("v%d: resumed (SIGCONT)", i)
}

// admin returns validator i's client with the admin token of its data
// directory, read at each call (a wiped directory gets a new token).
func (nw *Network) admin(i int) *validator.Client {
	tok, err := validator.LoadAdminToken(filepath.Join(nw.Nodes[i].Home, validator.DefaultDataDir))
	require.NoError(nw.t, err, "v%d: admin token", i)
	return nw.Nodes[i].Client.WithAdminToken(tok)
}

// Disconnect cuts validator i off from every other one (its admin
// endpoint); Reconnect joins it again.
func (nw *Network) Disconnect(ctx context.Context, i int) {
	nw.setState(i, stateCut)
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	resp, err := nw.admin(i).Disconnect(cctx, validator.AdminAll)
	require.NoError(nw.t, err, "v%d: disconnect", i)
	require.Empty(nw.t, resp.Failed, "v%d: disconnect", i)
	nw.Logf("v%d: disconnected from %v", i, resp.Peers)
}

// Reconnect lifts Disconnect on validator i.
func (nw *Network) Reconnect(ctx context.Context, i int) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := nw.admin(i).Reconnect(cctx, validator.AdminAll)
	require.NoError(nw.t, err, "v%d: reconnect", i)
	require.Empty(nw.t, resp.Failed, "v%d: reconnect", i)
	nw.setState(i, stateUp)
	nw.Logf("v%d: reconnected to %v", i, resp.Peers)
}

// Status asks validator i for its status, within callTimeout, and records
// its app hash at its height (CheckHashes compares them).
func (nw *Network) Status(ctx context.Context, i int) (validator.Status, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	s, err := nw.Nodes[i].Client.Status(ctx)
	if err != nil {
		return s, err
	}
	nw.mu.Lock()
	defer nw.mu.Unlock()
	if h, ok := nw.hashes[s.Height]; !ok {
		nw.hashes[s.Height] = s.AppHash
	} else if h != s.AppHash {
		err := fmt.Errorf("%w: v%d has %s at height %d, another validator had %s", errDiverged, i, s.AppHash, s.Height, h)
		if nw.divergence == nil {
			nw.divergence = err
		}
		return s, err
	}
	return s, nil
}

// errDiverged marks an app hash mismatch: the waits stop on it.
var errDiverged = errors.New("e2e: app hashes differ at one height")

// WaitReady waits until every running validator answers, sees all its peers
// and has committed.
func (nw *Network) WaitReady(ctx context.Context, within time.Duration) {
	nw.t.Helper()
	nodes := nw.running()
	nw.waitFor(ctx, within, fmt.Sprintf("validators %v ready (peers %d, height > 0)", nodes, len(nw.Nodes)-1), func(ctx context.Context) (bool, error) {
		for _, i := range nodes {
			if nw.Nodes[i].exited() {
				return false, fmt.Errorf("v%d exited: %v", i, nw.Nodes[i].err)
			}
			s, err := nw.Status(ctx, i)
			if err != nil {
				return false, nil
			}
			if s.Peers < len(nw.Nodes)-1 || s.Height == 0 {
				return false, nil
			}
		}
		return true, nil
	})
}

// WaitProgress waits until every running validator's height has grown by at
// least delta from what it is now: commits resumed.
func (nw *Network) WaitProgress(ctx context.Context, delta uint64, within time.Duration) {
	nw.t.Helper()
	nodes := nw.running()
	from := map[int]uint64{}
	nw.waitFor(ctx, within, fmt.Sprintf("heights of %v to grow by %d", nodes, delta), func(ctx context.Context) (bool, error) {
		done := true
		for _, i := range nodes {
			if nw.Nodes[i].exited() {
				return false, fmt.Errorf("v%d exited: %v", i, nw.Nodes[i].err)
			}
			s, err := nw.Status(ctx, i)
			if err != nil {
				done = false
				continue
			}
			h0, ok := from[i]
			if !ok {
				from[i], done = s.Height, false
				continue
			}
			if s.Height < h0+delta {
				done = false
			}
		}
		return done, nil
	})
	nw.Logf("commits resumed on %v (from heights %v)", nodes, from)
}

// waitFor polls cond until it holds, fails the test when it errs (a status
// with a diverging app hash, an exited process) or within passes.
func (nw *Network) waitFor(ctx context.Context, within time.Duration, what string, cond func(context.Context) (bool, error)) {
	nw.t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, err := cond(ctx)
		require.NoError(nw.t, err, what)
		nw.mu.Lock()
		div := nw.divergence
		nw.mu.Unlock()
		require.NoError(nw.t, div)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			require.FailNow(nw.t, fmt.Sprintf("timed out after %v waiting for %s", within, what))
		}
		select {
		case <-ctx.Done():
			require.FailNow(nw.t, fmt.Sprintf("waiting for %s: %v", what, ctx.Err()))
		case <-time.After(200 * time.Millisecond):
		}
	}
}
