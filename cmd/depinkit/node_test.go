package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/validator"
)

func TestTestnetInit(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "net")
	r := runCLI(t, nil, "testnet", "init", "--validators", "3", "--base-port", "21000", "--chain-id", "cli-net", "--out", dir)
	requireOK(t, r)
	var tn validator.Testnet
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tn))
	require.Equal(t, "cli-net", tn.ChainID)
	require.Len(t, tn.Validators, 3)
	for i, v := range tn.Validators {
		require.Equal(t, filepath.Join(dir, fmt.Sprintf("v%d", i)), v.Home)
		require.Equal(t, fmt.Sprintf("127.0.0.1:%d", 21000+2*i+1), v.API)
		info, err := os.Stat(filepath.Join(v.Home, "validator.key"))
		require.NoError(t, err)
		require.Equal(t, fs.FileMode(0o600), info.Mode().Perm())
		cfg, err := validator.LoadConfig(v.Home)
		require.NoError(t, err)
		require.Equal(t, i, cfg.Index)
		require.Len(t, cfg.P2P.Peers, 2)
	}
	manifest, err := validator.LoadTestnet(dir)
	require.NoError(t, err)
	require.Equal(t, tn, manifest)

	// Never over an existing testnet.
	requireFailure(t, runCLI(t, nil, "testnet", "init", "--out", dir), "file already exists", "choose another --out")
}

func TestTestnetInitErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"testnet", "init"}, "--out is required"},
		{[]string{"testnet", "init", "--out", t.TempDir(), "--validators", "0"}, "--validators 0"},
		{[]string{"testnet", "init", "--out", t.TempDir(), "--base-port", "65535"}, "base port"},
		{[]string{"testnet", "init", "--out", t.TempDir(), "--chain-id", "no spaces"}, "genesis.chain_id"},
		{[]string{"testnet", "bogus"}, `unknown command "bogus"`},
	} {
		requireFailure(t, runCLI(t, nil, tc.args...), tc.want)
	}
}

func TestNodeErrors(t *testing.T) {
	t.Parallel()
	requireFailure(t, runCLI(t, nil, "node"), "--home is required")
	requireFailure(t, runCLI(t, nil, "node", "--home", t.TempDir()), "config.toml", "no such file")

	// A configuration with two mistakes: both reported, on one line.
	dir := filepath.Join(t.TempDir(), "net")
	requireOK(t, runCLI(t, nil, "testnet", "init", "--validators", "1", "--out", dir))
	path := filepath.Join(dir, "v0", "config.toml")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	bad := strings.Replace(string(data), "listen = '127.0.0.1:", "listen = '0.0.0.0:", 1)
	bad = strings.Replace(bad, "level = 'info'", "level = 'chatty'", 1)
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	requireFailure(t, runCLI(t, nil, "node", "--home", filepath.Join(dir, "v0")), "api.listen", "log.level")

	// A key that is not the genesis one.
	require.NoError(t, os.WriteFile(path, data, 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "v0", "validator.key")))
	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "ed25519", "--out", filepath.Join(dir, "v0", "validator.key")))
	requireFailure(t, runCLI(t, nil, "node", "--home", filepath.Join(dir, "v0")), "key_file", "not genesis.validators[0].public_key")
}

// TestNodeTestnet runs "depinkit testnet init" and four "depinkit node" in
// this process, over real libp2p on loopback: they connect, commit the
// transactions submitted to their APIs, agree, and exit with status 0 on
// SIGTERM.
func TestNodeTestnet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four validators over libp2p; skipped with -short")
	}
	dir := filepath.Join(t.TempDir(), "net")
	r := runCLI(t, nil, "testnet", "init", "--validators", "4", "--out", dir)
	requireOK(t, r)
	var tn validator.Testnet
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tn))

	codes := make(chan result, len(tn.Validators))
	for _, v := range tn.Validators {
		go func() {
			// stderr is a locked buffer, as a process's stderr is safe to share:
			// libp2p's goroutines may still log a moment after the host closed.
			var stdout bytes.Buffer
			stderr := &lockedBuffer{}
			code := run([]string{"node", "--home", v.Home}, nil, &stdout, stderr)
			codes <- result{stdout: stdout.String(), stderr: stderr.String(), code: code}
		}()
	}
	stopped := false
	sigterm := func() {
		if !stopped {
			stopped = true
			require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
		}
	}
	defer sigterm()

	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	clients := make([]*validator.Client, len(tn.Validators))
	for i, v := range tn.Validators {
		clients[i] = validator.NewClient(v.API, hc)
		require.True(t, waitFor(30*time.Second, func() bool {
			st, err := clients[i].Status(ctx)
			return err == nil && st.Peers == len(tn.Validators)-1
		}), "%s did not come up with its peers", v.Name)
	}
	want := map[string]bool{}
	for i, c := range clients {
		var txs []chain.Tx
		for k := range 25 {
			txs = append(txs, chain.Tx(fmt.Sprintf("v%d-%02d=%d", i, k, k)))
			want[string(txs[k])] = true
		}
		resp, err := c.Submit(ctx, txs...)
		require.NoError(t, err)
		require.Equal(t, len(txs), resp.Accepted)
	}
	logs := make([][]chain.Commit, len(clients))
	for i, c := range clients {
		require.True(t, waitFor(30*time.Second, func() bool {
			var all []chain.Commit
			for {
				cs, stored, err := c.Commits(ctx, uint64(len(all))+1, 1000)
				if err != nil {
					return false
				}
				all = append(all, cs...)
				if len(cs) == 0 || uint64(len(all)) >= stored {
					break
				}
			}
			seen := 0
			for _, cm := range all {
				for _, tx := range cm.Txs {
					require.True(t, want[string(tx)], "unexpected %q", tx)
					seen++
				}
			}
			logs[i] = all
			return seen == len(want)
		}), "validator %d did not commit every transaction exactly once", i)
	}
	for i := range logs {
		n := min(len(logs[0]), len(logs[i]))
		for k := range n {
			require.Equal(t, logs[0][k].Digest, logs[i][k].Digest, "validator %d, commit %d", i, k+1)
		}
	}
	var hashes []string
	for _, c := range clients {
		st, err := c.Status(ctx)
		require.NoError(t, err)
		hashes = append(hashes, st.AppHash)
	}
	for _, h := range hashes {
		require.Equal(t, hashes[0], h, "app hashes once the load is in: %v", hashes)
	}

	sigterm()
	for range tn.Validators {
		select {
		case r := <-codes:
			require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
			require.Empty(t, r.stdout)
			require.Contains(t, r.stderr, "validator stopped")
		case <-time.After(30 * time.Second):
			t.Fatal("a node did not exit 30s after SIGTERM")
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func waitFor(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if f() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return f()
}
