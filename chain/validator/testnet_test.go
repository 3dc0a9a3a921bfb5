package validator

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport/mem"
)

// TestTestnet writes a testnet, checks what is on disk, and runs it in this
// process from its files (configurations, key files, on-disk stores), over
// transport/mem instead of libp2p, through the API addresses the manifest
// lists.
func TestTestnet(t *testing.T) {
	checkGoroutines(t)
	dir := t.TempDir()
	tn, err := WriteTestnet(dir, TestnetOptions{Consensus: ConsensusConfig{MinRoundDelay: Duration{20 * time.Millisecond}}})
	require.NoError(t, err)
	require.Len(t, tn.Validators, DefaultTestnetValidators)
	require.Equal(t, DefaultTestnetChainID, tn.ChainID)
	loaded, err := LoadTestnet(dir)
	require.NoError(t, err)
	require.Equal(t, tn, loaded)

	cfgs := make([]Config, len(tn.Validators))
	ports := map[string]bool{}
	for i, v := range tn.Validators {
		require.Equal(t, filepath.Join(dir, v.Name), v.Home)
		info, err := os.Stat(filepath.Join(v.Home, DefaultKeyFile))
		require.NoError(t, err)
		require.Equal(t, fs.FileMode(0o600), info.Mode().Perm(), "key file mode")
		info, err = os.Stat(filepath.Join(v.Home, DefaultDataDir))
		require.NoError(t, err)
		require.True(t, info.IsDir())

		cfgs[i], err = LoadConfig(v.Home)
		require.NoError(t, err)
		cfg := cfgs[i]
		require.Equal(t, i, cfg.Index)
		require.Equal(t, cfgs[0].Genesis, cfg.Genesis, "one genesis")
		require.Equal(t, v.API, cfg.API.Listen)
		require.Len(t, cfg.P2P.Peers, len(tn.Validators)-1)
		require.NotContains(t, cfg.P2P.Peers, v.P2P)
		key, err := LoadKey(cfg.Path(cfg.KeyFile))
		require.NoError(t, err)
		require.Equal(t, v.PublicKey, hex.EncodeToString(key.Public().(ed25519.PublicKey)))
		pid, err := PeerID(key.Public().(ed25519.PublicKey))
		require.NoError(t, err)
		require.Equal(t, v.PeerID, pid)
		require.Contains(t, v.P2P, "/ip4/127.0.0.1/tcp/")
		ports[v.API], ports[cfg.P2P.Listen[0]] = true, true
	}
	require.Len(t, ports, 2*len(tn.Validators), "distinct ports")
	g, err := cfgs[0].Genesis.Digest()
	require.NoError(t, err)
	require.Equal(t, tn.Genesis, g.String())

	// Not over an existing testnet.
	_, err = WriteTestnet(dir, TestnetOptions{})
	require.ErrorIs(t, err, fs.ErrExist)

	// Run it from the files.
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	defer net.Close()
	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, len(cfgs))
	for _, cfg := range cfgs {
		node, err := New(cfg, WithTransport(MemoryTransport(net))) // the key from key_file
		require.NoError(t, err)
		go func() { done <- node.Run(runCtx) }()
		select {
		case <-node.Ready():
		case err := <-done:
			t.Fatal(err)
		}
	}
	defer func() {
		stop()
		for range cfgs {
			require.NoError(t, <-done)
		}
	}()
	want := map[string]bool{}
	for i, v := range tn.Validators {
		txs := txBatch(v.Name, 0, 10)
		resp, err := NewClient(v.API, hc).Submit(ctx, txs...)
		require.NoError(t, err, "validator %d", i)
		require.Equal(t, len(txs), resp.Accepted)
		addAll(want, txs)
	}
	for _, v := range tn.Validators {
		c := NewClient(v.API, hc)
		require.True(t, eventually(30*time.Second, func() bool {
			st, err := c.Status(ctx)
			if err != nil || st.Stored == 0 {
				return false
			}
			cs, _, err := c.Commits(ctx, 1, 1000)
			if err != nil {
				return false
			}
			n := 0
			for _, cm := range cs {
				for _, tx := range cm.Txs {
					if want[string(tx)] {
						n++
					}
				}
			}
			return n == len(want)
		}), "%s did not commit everything", v.Name)
	}
}

func TestWriteTestnetOptions(t *testing.T) {
	dir := t.TempDir()
	tn, err := WriteTestnet(dir, TestnetOptions{Validators: 1, ChainID: "solo-net", BasePort: 20000})
	require.NoError(t, err)
	require.Len(t, tn.Validators, 1)
	require.Equal(t, "127.0.0.1:20001", tn.Validators[0].API)
	require.Contains(t, tn.Validators[0].P2P, "/tcp/20000/p2p/")
	cfg, err := LoadConfig(tn.Validators[0].Home)
	require.NoError(t, err)
	require.Empty(t, cfg.P2P.Peers)
	require.Equal(t, "solo-net", cfg.Genesis.ChainID)

	for _, bad := range []TestnetOptions{
		{Validators: -1}, {Validators: 300}, {BasePort: -1}, {BasePort: 65530}, {ChainID: "bad id"},
	} {
		_, err := WriteTestnet(t.TempDir(), bad)
		require.ErrorIs(t, err, ErrConfig, "%+v", bad)
	}
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k.key")
	key, err := GenerateKey(path, nil)
	require.NoError(t, err)
	again, err := LoadKey(path)
	require.NoError(t, err)
	require.True(t, key.Equal(again))
	_, err = GenerateKey(path, nil)
	require.ErrorIs(t, err, fs.ErrExist)
	_, err = LoadKey(filepath.Join(dir, "missing"))
	require.ErrorIs(t, err, ErrKey)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "junk"), []byte("{}"), 0o600))
	_, err = LoadKey(filepath.Join(dir, "junk"))
	require.ErrorIs(t, err, ErrKey)
}
