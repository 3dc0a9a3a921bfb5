package validator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
)

func TestConfigDefaults(t *testing.T) {
	cfg := Config{Index: 2, Genesis: testGenesis(4)}
	require.NoError(t, cfg.Validate())
	require.Equal(t, "v2", cfg.Name)
	require.Equal(t, DefaultKeyFile, cfg.KeyFile)
	require.Equal(t, DefaultDataDir, cfg.DataDir)
	require.Equal(t, []string{DefaultListen}, cfg.P2P.Listen)
	require.Equal(t, transport.DefaultMaxMessageSize, cfg.P2P.MaxMessageSize)
	require.Equal(t, DefaultAPIListen, cfg.API.Listen)
	require.Empty(t, cfg.API.MetricsListen)
	require.Equal(t, DefaultMaxBodyBytes, cfg.API.MaxBodyBytes)
	require.Equal(t, DefaultMaxBatchTxs, cfg.API.MaxBatchTxs)
	require.Equal(t, DefaultMaxCommits, cfg.API.MaxCommits)
	require.EqualValues(t, DefaultSnapshotInterval, cfg.Consensus.SnapshotInterval)
	require.Equal(t, DefaultCommitBuffer, cfg.Consensus.CommitBuffer)
	require.Equal(t, "info", cfg.Log.Level)
	require.Equal(t, "text", cfg.Log.Format)
	require.Zero(t, cfg.Consensus.LeaderTimeout, "dag's own defaults apply")
	require.NoError(t, cfg.Validate(), "Validate is idempotent")
}

// TestConfigValidate: each case breaks a valid configuration and must be
// reported with the field's TOML path.
func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*Config)
		want   []string
	}{
		{"no chain id", func(c *Config) { c.Genesis.ChainID = "" }, []string{"genesis.chain_id: missing"}},
		{"bad chain id", func(c *Config) { c.Genesis.ChainID = "a b" }, []string{"genesis.chain_id:", "only letters"}},
		{"long chain id", func(c *Config) { c.Genesis.ChainID = strings.Repeat("a", 65) }, []string{"genesis.chain_id: longer"}},
		{"no validators", func(c *Config) { c.Genesis.Validators = nil }, []string{"genesis.validators: missing"}},
		{"bad key hex", func(c *Config) { c.Genesis.Validators[1].PublicKey = "zz" }, []string{"genesis.validators[1].public_key: not hex"}},
		{"short key", func(c *Config) { c.Genesis.Validators[2].PublicKey = "abcd" }, []string{"genesis.validators[2].public_key: 2 bytes"}},
		{"missing key", func(c *Config) { c.Genesis.Validators[0].PublicKey = "" }, []string{"genesis.validators[0].public_key: missing"}},
		{"duplicate key", func(c *Config) { c.Genesis.Validators[3].PublicKey = c.Genesis.Validators[0].PublicKey },
			[]string{"genesis.validators[3].public_key: the key of genesis.validators[0]"}},
		{"zero stake", func(c *Config) { c.Genesis.Validators[1].Stake = 0 }, []string{"genesis.validators[1].stake: missing"}},
		{"huge stake", func(c *Config) { c.Genesis.Validators[1].Stake = 1 << 62 }, []string{"genesis.validators[1].stake: the total stake"}},
		{"long name", func(c *Config) { c.Genesis.Validators[1].Name = strings.Repeat("n", 65) }, []string{"genesis.validators[1].name: longer"}},
		{"index out of range", func(c *Config) { c.Index = 4 }, []string{"index: 4 is not a position"}},
		{"negative index", func(c *Config) { c.Index = -1 }, []string{"index: -1"}},
		{"own long name", func(c *Config) { c.Name = strings.Repeat("n", 65) }, []string{"name: longer"}},
		{"listen not multiaddr", func(c *Config) { c.P2P.Listen = []string{"127.0.0.1:7600"} }, []string{"p2p.listen[0]:", "not a multiaddr"}},
		{"peer without id", func(c *Config) { c.P2P.Peers = []string{"/ip4/127.0.0.1/tcp/7601"} }, []string{"p2p.peers[0]:", "/p2p/"}},
		{"duplicate peer", func(c *Config) { c.P2P.Peers = []string{"/ip4/1.2.3.4/tcp/1/p2p/x", "/ip4/1.2.3.4/tcp/1/p2p/x"} }, []string{"p2p.peers[1]:", "twice"}},
		{"message size", func(c *Config) { c.P2P.MaxMessageSize = -1 }, []string{"p2p.max_message_size:"}},
		{"api not loopback", func(c *Config) { c.API.Listen = "0.0.0.0:7700" }, []string{"api.listen:", "not a loopback"}},
		{"api public", func(c *Config) { c.API.Listen = "192.0.2.1:7700" }, []string{"api.listen:", "not a loopback"}},
		{"api no port", func(c *Config) { c.API.Listen = "127.0.0.1" }, []string{"api.listen:", "not host:port"}},
		{"api bad port", func(c *Config) { c.API.Listen = "127.0.0.1:99999" }, []string{"api.listen:", "port"}},
		{"metrics not loopback", func(c *Config) { c.API.MetricsListen = "example.com:9100" }, []string{"api.metrics_listen:", "not a loopback"}},
		{"metrics same", func(c *Config) { c.API.Listen, c.API.MetricsListen = "127.0.0.1:80", "127.0.0.1:80" }, []string{"api.metrics_listen: the same address"}},
		{"negative body", func(c *Config) { c.API.MaxBodyBytes = -5 }, []string{"api.max_body_bytes: negative"}},
		{"negative batch", func(c *Config) { c.API.MaxBatchTxs = -5 }, []string{"api.max_batch_txs: negative"}},
		{"negative commits", func(c *Config) { c.API.MaxCommits = -5 }, []string{"api.max_commits: negative"}},
		{"negative duration", func(c *Config) { c.Consensus.LeaderTimeout = Duration{-time.Second} }, []string{"consensus.leader_timeout: negative"}},
		{"negative tick", func(c *Config) { c.Consensus.TickInterval = Duration{-time.Second} }, []string{"consensus.tick_interval: negative"}},
		{"too many leaders", func(c *Config) { c.Consensus.LeadersPerRound = 5 }, []string{"consensus.leaders_per_round: 5 is more"}},
		{"shallow gc", func(c *Config) { c.Consensus.GCDepth = 3 }, []string{"consensus.gc_depth: 3 is below 6"}},
		{"negative mempool", func(c *Config) { c.Consensus.MaxPendingTxs = -1 }, []string{"consensus.max_pending_txs: negative"}},
		{"block too large", func(c *Config) { c.Consensus.MaxBlockBytes = 16 << 20 }, []string{"consensus.max_block_bytes:", "does not fit"}},
		{"log level", func(c *Config) { c.Log.Level = "loud" }, []string{"log.level:", "loud"}},
		{"log format", func(c *Config) { c.Log.Format = "xml" }, []string{"log.format:", "xml"}},
		{"several", func(c *Config) {
			c.Genesis.ChainID = ""
			c.API.Listen = "10.0.0.1:1"
			c.Log.Format = "xml"
		}, []string{"genesis.chain_id", "api.listen", "log.format"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Index: 1, Genesis: testGenesis(4)}
			tc.mutate(&cfg)
			err := cfg.Validate()
			require.Error(t, err)
			require.ErrorIs(t, err, ErrConfig)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestConfigLoopback(t *testing.T) {
	for _, ok := range []string{"127.0.0.1:0", "127.0.0.2:80", "localhost:7700", "[::1]:7700"} {
		require.NoError(t, checkLoopback(ok), ok)
	}
	for _, bad := range []string{"0.0.0.0:1", "[::]:1", ":7700", "8.8.8.8:53", "host:1", "127.0.0.1:-1", "127.0.0.1:x"} {
		require.Error(t, checkLoopback(bad), bad)
	}
}

func TestParseConfig(t *testing.T) {
	sample, err := os.ReadFile("testdata/config.toml")
	require.NoError(t, err)
	cfg, err := ParseConfig(sample)
	require.NoError(t, err)
	require.NoError(t, cfg.Validate())
	require.Equal(t, "depinkit-testnet", cfg.Genesis.ChainID)
	require.Len(t, cfg.Genesis.Validators, 4)
	require.Equal(t, 250*time.Millisecond, cfg.Consensus.LeaderTimeout.Duration)
	require.Len(t, cfg.P2P.Peers, 3)

	// Marshal and parse again: the same configuration.
	data, err := cfg.Marshal()
	require.NoError(t, err)
	again, err := ParseConfig(data)
	require.NoError(t, err)
	require.NoError(t, again.Validate())
	require.Equal(t, cfg, again)

	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"unknown key", "index = 0\nbogus = 1\n[api]\nlisen = 'x'\n", []string{"bogus: unknown setting (line 2)", "api.lisen: unknown setting (line 4)"}},
		{"wrong type", "index = 'zero'\n", []string{"index"}},
		{"bad duration", "[consensus]\nleader_timeout = '5 parsecs'\n", []string{"consensus.leader_timeout", "line 2"}},
		{"integer duration", "[consensus]\nleader_timeout = 5\n", []string{"missing unit"}},
		{"syntax", "index = = 1\n", []string{"line 1"}},
		{"wrong stake type", "[[genesis.validators]]\nstake = 'lots'\n", []string{"genesis.validators.stake"}},
	} {
		_, err := ParseConfig([]byte(tc.text))
		require.ErrorIs(t, err, ErrConfig, tc.name)
		for _, w := range tc.want {
			require.Contains(t, err.Error(), w, tc.name)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	home := t.TempDir()
	_, err := LoadConfig(home)
	require.ErrorIs(t, err, os.ErrNotExist)

	sample, err := os.ReadFile("testdata/config.toml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home, ConfigFile), sample, 0o644))
	cfg, err := LoadConfig(home)
	require.NoError(t, err)
	require.Equal(t, home, cfg.Home)
	require.Equal(t, filepath.Join(home, "validator.key"), cfg.Path(cfg.KeyFile))
	require.Equal(t, "/abs/data", cfg.Path("/abs/data"))

	bad := strings.Replace(string(sample), "listen = '127.0.0.1:7603'", "listen = '0.0.0.0:7603'", 1)
	require.NotEqual(t, string(sample), bad)
	require.NoError(t, os.WriteFile(filepath.Join(home, ConfigFile), []byte(bad), 0o644))
	_, err = LoadConfig(home)
	require.ErrorIs(t, err, ErrConfig)
	require.ErrorContains(t, err, "api.listen")
	require.ErrorContains(t, err, ConfigFile)

	require.NoError(t, os.WriteFile(filepath.Join(home, ConfigFile), make([]byte, MaxConfigSize+1), 0o644))
	_, err = LoadConfig(home)
	require.ErrorIs(t, err, ErrConfig)
}

func TestGenesisDigest(t *testing.T) {
	a, b := testGenesis(4), testGenesis(4)
	da, err := a.Digest()
	require.NoError(t, err)
	b.Validators[0].Name = "renamed" // names are not part of it
	db, err := b.Digest()
	require.NoError(t, err)
	require.Equal(t, da, db)
	b.ChainID = "other"
	db, err = b.Digest()
	require.NoError(t, err)
	require.NotEqual(t, da, db)
	b = testGenesis(4)
	b.Validators[3].Stake = 2
	db, err = b.Digest()
	require.NoError(t, err)
	require.NotEqual(t, da, db)

	b.Validators[0].PublicKey = "00"
	_, err = b.Digest()
	require.True(t, errors.Is(err, ErrConfig))
}

func TestNewLogger(t *testing.T) {
	var sb strings.Builder
	l, err := NewLogger(&sb, LogConfig{Level: "warn", Format: "json"})
	require.NoError(t, err)
	l.Info("hidden")
	l.Warn("shown", "k", 1)
	require.NotContains(t, sb.String(), "hidden")
	require.Contains(t, sb.String(), `"msg":"shown"`)
	_, err = NewLogger(&sb, LogConfig{Format: "xml"})
	require.ErrorIs(t, err, ErrConfig)
	_, err = NewLogger(&sb, LogConfig{Level: "x"})
	require.ErrorIs(t, err, ErrConfig)
	l, err = NewLogger(&sb, LogConfig{})
	require.NoError(t, err)
	l.Info("text line")
	require.Contains(t, sb.String(), "msg=\"text line\"")
}
