package validator

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/internal/httpguard"
	"github.com/depinkit/depinkit/transport"
)

// ConfigFile is the name of the configuration file in a validator's home
// directory.
const ConfigFile = "config.toml"

// MaxConfigSize bounds a configuration file, in bytes.
const MaxConfigSize = 4 << 20

// Defaults that Validate fills in for zero fields.
const (
	DefaultKeyFile          = "validator.key"
	DefaultDataDir          = "data"
	DefaultListen           = "/ip4/127.0.0.1/tcp/7600"
	DefaultAPIListen        = "127.0.0.1:7700"
	DefaultMaxBodyBytes     = 16 << 20
	DefaultMaxBatchTxs      = 10000
	DefaultMaxCommits       = 1000
	DefaultSnapshotInterval = 1024
	DefaultCommitBuffer     = 1024
	DefaultLogLevel         = "info"
	DefaultLogFormat        = "text"
	// MaxChainIDLen bounds Genesis.ChainID, in bytes.
	MaxChainIDLen = 64
	// MaxNameLen bounds validator names, in bytes (as chain.Validator's).
	MaxNameLen = 64
)

// Config is one validator's configuration: the TOML file config.toml in its
// home directory (see the package documentation for a sample). The zero value
// of every field but Genesis and Index means its default, as its comment says;
// Validate fills the defaults in and reports every problem at once.
type Config struct {
	// Home is the directory relative paths (KeyFile, DataDir) are resolved
	// against: the directory LoadConfig read config.toml from. It is not part
	// of the file.
	Home string `toml:"-"`

	// Index is this validator's position in Genesis.Validators; the key in
	// KeyFile must be the public key listed there.
	Index int `toml:"index" comment:"this validator's position in genesis.validators (from 0)"`
	// Name names the validator in logs and /status. Default: its genesis
	// entry's name.
	Name string `toml:"name,omitempty" comment:"the validator's name in logs (default: its genesis name)"`
	// KeyFile is the validator's ed25519 consensus key, a depinkit key file
	// ("depinkit keys new --type ed25519"), also its libp2p identity.
	// Default DefaultKeyFile.
	KeyFile string `toml:"key_file" comment:"the ed25519 key file (depinkit keys new --type ed25519), relative to this directory"`
	// DataDir holds the validator's store (chain/store). Default DefaultDataDir.
	DataDir string `toml:"data_dir" comment:"the store's directory, relative to this directory"`

	P2P       P2PConfig       `toml:"p2p"`
	API       APIConfig       `toml:"api"`
	Consensus ConsensusConfig `toml:"consensus"`
	Storage   StorageConfig   `toml:"storage"`
	StateSync StateSyncConfig `toml:"statesync"`
	Log       LogConfig       `toml:"log"`
	Genesis   Genesis         `toml:"genesis"`
}

// P2PConfig is the validator's network.
type P2PConfig struct {
	// Listen are the multiaddrs the transport listens on. Default
	// [DefaultListen].
	Listen []string `toml:"listen,multiline" comment:"multiaddrs to listen on"`
	// Peers are the multiaddrs of the other validators, each ending in
	// /p2p/<peer ID>: the transport dials them, and again while disconnected.
	Peers []string `toml:"peers,multiline" comment:"the other validators' multiaddrs, each ending in /p2p/<peer ID>"`
	// MaxMessageSize bounds a network message, in bytes. Default
	// transport.DefaultMaxMessageSize.
	MaxMessageSize int `toml:"max_message_size" comment:"bytes; a largest block must fit"`
}

// APIConfig is the validator's JSON API and metrics. Both listen on loopback
// addresses only: the API has no authentication.
type APIConfig struct {
	// Listen is the host:port of the JSON API (POST /txs, GET /commits,
	// GET /status) and, unless MetricsListen is set, of GET /metrics. The host
	// must be a loopback address. Default DefaultAPIListen.
	Listen string `toml:"listen" comment:"loopback host:port of the JSON API (and of /metrics unless metrics_listen is set)"`
	// MetricsListen, if set, is a second loopback host:port that serves only
	// GET /metrics.
	MetricsListen string `toml:"metrics_listen,omitempty" comment:"optional loopback host:port serving only /metrics"`
	// MaxBodyBytes bounds a request body, and roughly a GET /commits response.
	// Default DefaultMaxBodyBytes.
	MaxBodyBytes int `toml:"max_body_bytes"`
	// MaxBatchTxs bounds the transactions of one POST /txs. Default
	// DefaultMaxBatchTxs.
	MaxBatchTxs int `toml:"max_batch_txs"`
	// MaxCommits bounds the commits of one GET /commits. Default
	// DefaultMaxCommits.
	MaxCommits int `toml:"max_commits"`
	// Admin enables the admin endpoints (POST /admin/disconnect and
	// /admin/reconnect, see AdminRequest): test and operator controls that
	// cut the validator off its peers. Default false.
	Admin bool `toml:"admin,omitempty" comment:"serve /admin/disconnect and /admin/reconnect (tests and operators; default false)"`
	// Hosts are the names, besides the listen address itself and localhost,
	// that requests may carry as their Host header (a host, any port, or
	// host:port): the name of a proxy in front of the API. Any other Host is
	// refused (421), so that a web page whose name resolves to 127.0.0.1
	// (DNS rebinding) cannot reach the API. Default none.
	Hosts []string `toml:"hosts,omitempty" comment:"Host header names accepted besides the listen address and localhost (default none)"`
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout bound a
	// request's headers, its whole body, writing its response and a
	// keep-alive connection's wait for the next request. Defaults 5s, 30s,
	// 60s and 60s.
	ReadHeaderTimeout Duration `toml:"read_header_timeout,omitempty" comment:"bound on reading request headers (default 5s)"`
	ReadTimeout       Duration `toml:"read_timeout,omitempty" comment:"bound on reading a whole request (default 30s)"`
	WriteTimeout      Duration `toml:"write_timeout,omitempty" comment:"bound on writing a response (default 60s)"`
	IdleTimeout       Duration `toml:"idle_timeout,omitempty" comment:"bound on an idle keep-alive connection (default 60s)"`
	// MaxConns bounds the connections each API listener has open at once;
	// more wait to be accepted. Default 256.
	MaxConns int `toml:"max_conns,omitempty" comment:"connections open at once per API listener (default 256)"`
}

// limits returns the API's server limits.
func (a *APIConfig) limits() httpguard.Limits {
	return httpguard.Limits{
		ReadHeaderTimeout: a.ReadHeaderTimeout.Duration, ReadTimeout: a.ReadTimeout.Duration,
		WriteTimeout: a.WriteTimeout.Duration, IdleTimeout: a.IdleTimeout.Duration, MaxConns: a.MaxConns,
	}
}

// ConsensusConfig holds the consensus tunables: the dag.Config fields of the
// same names (zero: dag's defaults, which every validator should share) and
// the node's own.
type ConsensusConfig struct {
	MinRoundDelay       Duration `toml:"min_round_delay,omitempty" comment:"least time between two own blocks (default 50ms)"`
	LeaderTimeout       Duration `toml:"leader_timeout,omitempty" comment:"how long a round waits for its leaders (default 250ms)"`
	MaxTimestampDrift   Duration `toml:"max_timestamp_drift,omitempty" comment:"how far ahead a block's timestamp may be (default 500ms)"`
	FetchTimeout        Duration `toml:"fetch_timeout,omitempty" comment:"wait before asking another validator for missing blocks (default 1s)"`
	RebroadcastInterval Duration `toml:"rebroadcast_interval,omitempty" comment:"resend the own latest block after this long without a new round (default 1s)"`
	TickInterval        Duration `toml:"tick_interval,omitempty" comment:"how often timers are checked (default 10ms)"`
	LeadersPerRound     int      `toml:"leaders_per_round,omitempty" comment:"Mysticeti leaders per round (default: validators, at most 4)"`
	GCDepth             uint64   `toml:"gc_depth,omitempty" comment:"rounds kept below the last committed leader (default 50)"`
	ReputationWindow    int      `toml:"reputation_window,omitempty" comment:"commits per leader-reputation window, after which crashed or slow validators leave the leader schedule; negative: off (default 32)"`
	MaxPendingTxs       int      `toml:"max_pending_txs,omitempty" comment:"mempool bound (default 100000)"`
	MaxBlockTxs         int      `toml:"max_block_txs,omitempty" comment:"transactions per block (default 10000)"`
	MaxBlockBytes       int      `toml:"max_block_bytes,omitempty" comment:"encoded block bytes (default 4 MiB)"`
	MaxTxBytes          int      `toml:"max_tx_bytes,omitempty" comment:"bytes per transaction (default 64 KiB)"`
	// SnapshotInterval is how many commits apart the application's state is
	// saved; negative: never (a restart applies the chain again from its first
	// commit). Default DefaultSnapshotInterval. The snapshot is taken in the
	// consensus goroutine, and costs what the application's Snapshot costs
	// (the whole state, for KV): keep it large for a large state.
	SnapshotInterval int `toml:"snapshot_interval" comment:"commits between application snapshots (negative: never)"`
	// CommitBuffer is the capacity of the node's commit channel. Default
	// DefaultCommitBuffer.
	CommitBuffer int `toml:"commit_buffer"`
	// StateInterval is dag.Config.StateInterval: validators vote for their
	// application's hash after every commit whose index is a multiple of it,
	// and a quorum of equal votes certifies a snapshot there for state sync.
	// It must be equal on every validator, and SnapshotInterval a multiple
	// of it. Default dag.DefaultStateInterval (128); negative: no votes.
	StateInterval int `toml:"state_interval,omitempty" comment:"commits between state votes, which certify snapshots for state sync: equal on every validator, snapshot_interval a multiple of it (default 128; negative: off)"`
}

// StateSyncConfig is how a validator that starts with an empty data
// directory (new, or wiped) starts from a snapshot its peers certify instead
// of the chain's first commit (chain/dag's state sync), and how it serves its
// own snapshots to others.
type StateSyncConfig struct {
	// Enable turns asking on. Default true. A validator serves its snapshots
	// either way (when it takes them: consensus.snapshot_interval).
	Enable *bool `toml:"enable,omitempty" comment:"on a start with an empty data directory, fetch a certified snapshot from the peers (default true)"`
	// RequestTimeout is how long a peer may take to send the next chunks
	// before the next one is asked. Default 2s.
	RequestTimeout Duration `toml:"request_timeout,omitempty" comment:"wait for a peer's next chunks before asking another (default 2s)"`
	// Timeout is how long state sync goes on without progress before the
	// validator starts without it (commit sync from the first commit, which
	// works only if its peers kept every commit). Default 10s.
	Timeout Duration `toml:"timeout,omitempty" comment:"give up after this long without progress (default 10s)"`
	// ChunkBytes bounds the snapshot bytes (or blocks) of one chunk served.
	// Default and maximum 1 MiB; it must leave 64 KiB of p2p.max_message_size.
	ChunkBytes int `toml:"chunk_bytes,omitempty" comment:"snapshot bytes per chunk served (default and maximum 1 MiB)"`
	// MaxBytes bounds the snapshot and blocks a state sync takes in. Default
	// 1 GiB.
	MaxBytes int64 `toml:"max_bytes,omitempty" comment:"bound on the snapshot and blocks one state sync takes in (default 1 GiB)"`
}

// enabled reports whether asking is on.
func (s *StateSyncConfig) enabled() bool { return s.Enable == nil || *s.Enable }

// limits returns the dag limits of state sync.
func (s *StateSyncConfig) limits() dag.StateLimits {
	return dag.StateLimits{ChunkBytes: s.ChunkBytes, MaxBytes: s.MaxBytes}
}

// StorageConfig bounds what the validator's store keeps on disk.
type StorageConfig struct {
	// RetainCommits, if positive, is how many commits back the store keeps
	// the commit headers and blocks that commit sync serves and a restart
	// reads: at every snapshot, older ones are pruned (chain/store
	// PruneCommits), never past what a restart from the application's last
	// snapshot reads (its GC window and, with leader reputation on, the three
	// reputation windows before it: chain/store RecoveryFloor), as CometBFT's
	// retain_height does. A validator away for longer than this
	// many commits cannot catch up by commit sync from this one. The commit
	// log itself (GET /commits) and the snapshots are kept. Default 0: keep
	// everything.
	RetainCommits uint64 `toml:"retain_commits,omitempty" comment:"commits of headers and blocks kept for commit sync and restarts; older ones are pruned at each snapshot (0: keep all)"`
	// RetainLog, if positive, is how many commits of the commit log (GET
	// /commits, transactions included) the store keeps: at every snapshot,
	// older ones are deleted (chain/store PruneLog), never past the
	// application's last snapshot. With RetainCommits alone the commit log
	// still grows with every transaction; with both set the data directory
	// levels off under a constant load (docs/benchmarks.md, "Soak"). A
	// client reading the log below the first commit kept finds none. Default
	// 0: keep the whole log.
	RetainLog uint64 `toml:"retain_log,omitempty" comment:"commits of the commit log (GET /commits) kept; older ones are pruned at each snapshot (0: keep all)"`
	// RetainEpochs, if positive, is how many epochs the store keeps, the
	// current one included: at every snapshot, everything of older epochs —
	// blocks, round marks, commit headers, commits, epoch records and
	// snapshots — is deleted (chain/store PruneBefore), never the epoch of
	// the application's last snapshot, which a restart resumes in. 1 keeps
	// the current epoch only. A validator more than that many epochs behind
	// rejoins by state sync. Default 0, keep every epoch, as CometBFT keeps
	// every block by default (min_retain_blocks = 0): pruning history is the
	// operator's choice of disk over what it can serve to peers that are far
	// behind, and a small network without state sync needs its peers' history.
	RetainEpochs uint64 `toml:"retain_epochs,omitempty" comment:"epochs kept, the current one included; older ones are pruned at each snapshot (0: keep all)"`
}

// LogConfig sets the process's logging (log/slog); Run itself logs to the
// Logger option.
type LogConfig struct {
	// Level is debug, info, warn or error. Default DefaultLogLevel.
	Level string `toml:"level" comment:"debug, info, warn or error"`
	// Format is text or json. Default DefaultLogFormat.
	Format string `toml:"format" comment:"text or json"`
}

// Genesis is what every validator of a network shares: the chain's name and its
// first validator set.
type Genesis struct {
	// ChainID names the network: 1 to MaxChainIDLen bytes of letters, digits,
	// '.', '_' and '-'.
	ChainID string `toml:"chain_id" comment:"the network's name, the same on every validator"`
	// Validators is the first validator set, in index order.
	Validators []GenesisValidator `toml:"validators"`
}

// GenesisValidator is one member of the genesis validator set.
type GenesisValidator struct {
	Name string `toml:"name"`
	// PublicKey is the ed25519 public key, 64 hex digits.
	PublicKey string `toml:"public_key"`
	// Stake is the voting power, at least 1.
	Stake uint64 `toml:"stake"`
}

// Duration is a time.Duration written in TOML as a string such as "250ms".
type Duration struct{ time.Duration }

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// ParseConfig reads a configuration from TOML. Unknown keys are errors (a
// misspelt setting would otherwise be ignored). It does not Validate.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, fmt.Errorf("%w: %s", ErrConfig, describeTOMLError(err))
	}
	return cfg, nil
}

// describeTOMLError turns go-toml's errors into lines naming the key and line.
func describeTOMLError(err error) string {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var lines []string
		for _, e := range strict.Errors {
			row, _ := e.Position()
			lines = append(lines, fmt.Sprintf("%s: unknown setting (line %d)", strings.Join(e.Key(), "."), row))
		}
		return strings.Join(lines, "; ")
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		if key := de.Key(); len(key) > 0 {
			return fmt.Sprintf("%s: %v (line %d, column %d)", strings.Join(key, "."), de.Error(), row, col)
		}
		return fmt.Sprintf("line %d, column %d: %v", row, col, de.Error())
	}
	return err.Error()
}

// LoadConfig reads home/config.toml, sets Home to home (made absolute) and
// validates the result.
func LoadConfig(home string) (Config, error) {
	abs, err := filepath.Abs(home)
	if err != nil {
		return Config{}, fmt.Errorf("validator: home %s: %w", home, err)
	}
	path := filepath.Join(abs, ConfigFile)
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("validator: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return Config{}, fmt.Errorf("validator: %s: %w", path, err)
	}
	if len(data) > MaxConfigSize {
		return Config{}, fmt.Errorf("%w: %s: larger than %d bytes", ErrConfig, path, MaxConfigSize)
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	cfg.Home = abs
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Marshal encodes the configuration as commented TOML (Home is left out).
func (c *Config) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.SetIndentTables(false)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("validator: encode config: %w", err)
	}
	return buf.Bytes(), nil
}

// Path resolves p against Home: an absolute p is returned as it is.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Home == "" {
		return p
	}
	return filepath.Join(c.Home, p)
}

// problems collects the errors of a Validate, each prefixed with its field
// path.
type problems []error

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrConfig, errors.Join(p...))
}

// Validate fills the zero fields of c with their defaults and reports every
// problem it finds, each prefixed with the TOML path of its field
// ("genesis.validators[2].public_key: ..."), in one error wrapping ErrConfig
// (errors.Join of them all). It does not read the key file: New checks the key
// against the genesis entry.
func (c *Config) Validate() error {
	var p problems
	setString(&c.KeyFile, DefaultKeyFile)
	setString(&c.DataDir, DefaultDataDir)
	if len(c.P2P.Listen) == 0 {
		c.P2P.Listen = []string{DefaultListen}
	}
	setString(&c.API.Listen, DefaultAPIListen)
	setInt(&c.P2P.MaxMessageSize, transport.DefaultMaxMessageSize)
	setInt(&c.API.MaxBodyBytes, DefaultMaxBodyBytes)
	setInt(&c.API.MaxBatchTxs, DefaultMaxBatchTxs)
	setInt(&c.API.MaxCommits, DefaultMaxCommits)
	setInt(&c.Consensus.SnapshotInterval, DefaultSnapshotInterval)
	setInt(&c.Consensus.CommitBuffer, DefaultCommitBuffer)
	setInt(&c.Consensus.StateInterval, dag.DefaultStateInterval)
	setInt(&c.StateSync.ChunkBytes, dag.DefaultStateLimits.ChunkBytes)
	if c.StateSync.MaxBytes == 0 {
		c.StateSync.MaxBytes = dag.DefaultStateLimits.MaxBytes
	}
	if c.StateSync.RequestTimeout.Duration == 0 {
		c.StateSync.RequestTimeout.Duration = 2 * time.Second
	}
	if c.StateSync.Timeout.Duration == 0 {
		c.StateSync.Timeout.Duration = 10 * time.Second
	}
	setString(&c.Log.Level, DefaultLogLevel)
	setString(&c.Log.Format, DefaultLogFormat)

	c.Genesis.check(&p)
	if c.Index < 0 || c.Index >= max(len(c.Genesis.Validators), 1) {
		p.add("index", "%d is not a position in genesis.validators (0 to %d)", c.Index, len(c.Genesis.Validators)-1)
	} else if c.Name == "" && c.Index < len(c.Genesis.Validators) {
		c.Name = c.Genesis.Validators[c.Index].Name
	}
	if len(c.Name) > MaxNameLen {
		p.add("name", "longer than %d bytes", MaxNameLen)
	}

	for i, a := range c.P2P.Listen {
		if err := checkMultiaddr(a, false); err != nil {
			p.add(fmt.Sprintf("p2p.listen[%d]", i), "%v", err)
		}
	}
	seen := map[string]bool{}
	for i, a := range c.P2P.Peers {
		field := fmt.Sprintf("p2p.peers[%d]", i)
		if err := checkMultiaddr(a, true); err != nil {
			p.add(field, "%v", err)
		} else if seen[a] {
			p.add(field, "%q listed twice", a)
		}
		seen[a] = true
	}
	if c.P2P.MaxMessageSize < 0 || c.P2P.MaxMessageSize > transport.HardMaxMessageSize {
		p.add("p2p.max_message_size", "%d is not between 1 and %d", c.P2P.MaxMessageSize, transport.HardMaxMessageSize)
	}

	if err := checkLoopback(c.API.Listen); err != nil {
		p.add("api.listen", "%v", err)
	}
	if c.API.MetricsListen != "" {
		if err := checkLoopback(c.API.MetricsListen); err != nil {
			p.add("api.metrics_listen", "%v", err)
		} else if c.API.MetricsListen == c.API.Listen && !strings.HasSuffix(c.API.Listen, ":0") {
			p.add("api.metrics_listen", "the same address as api.listen: leave it empty to serve /metrics there")
		}
	}
	nonNegative(&p, "api.max_body_bytes", c.API.MaxBodyBytes)
	nonNegative(&p, "api.max_batch_txs", c.API.MaxBatchTxs)
	nonNegative(&p, "api.max_commits", c.API.MaxCommits)
	if err := c.API.limits().Validate("api."); err != nil {
		field, msg, _ := strings.Cut(err.Error(), ": ")
		p.add(field, "%s", msg)
	}
	for i, h := range c.API.Hosts {
		if h == "" || strings.ContainsAny(h, " \t\r\n/") || len(h) > 255 {
			p.add(fmt.Sprintf("api.hosts[%d]", i), "%q is not a host or host:port", h)
		}
	}

	cc := &c.Consensus
	for _, d := range []struct {
		field string
		v     Duration
	}{
		{"consensus.min_round_delay", cc.MinRoundDelay},
		{"consensus.leader_timeout", cc.LeaderTimeout},
		{"consensus.max_timestamp_drift", cc.MaxTimestampDrift},
		{"consensus.fetch_timeout", cc.FetchTimeout},
		{"consensus.rebroadcast_interval", cc.RebroadcastInterval},
		{"consensus.tick_interval", cc.TickInterval},
	} {
		if d.v.Duration < 0 {
			p.add(d.field, "negative duration %v", d.v)
		}
	}
	nonNegative(&p, "consensus.leaders_per_round", cc.LeadersPerRound)
	if n := len(c.Genesis.Validators); n > 0 && cc.LeadersPerRound > n {
		p.add("consensus.leaders_per_round", "%d is more than the %d validators", cc.LeadersPerRound, n)
	}
	if cc.GCDepth != 0 && cc.GCDepth < 6 {
		p.add("consensus.gc_depth", "%d is below 6", cc.GCDepth)
	}
	nonNegative(&p, "consensus.max_pending_txs", cc.MaxPendingTxs)
	nonNegative(&p, "consensus.max_block_txs", cc.MaxBlockTxs)
	nonNegative(&p, "consensus.max_block_bytes", cc.MaxBlockBytes)
	nonNegative(&p, "consensus.max_tx_bytes", cc.MaxTxBytes)
	nonNegative(&p, "consensus.commit_buffer", cc.CommitBuffer)
	if si, iv := cc.StateInterval, cc.SnapshotInterval; si > 0 && iv > 0 && iv%si != 0 {
		p.add("consensus.snapshot_interval", "%d is not a multiple of consensus.state_interval %d: only snapshots at state votes can be certified for state sync", iv, si)
	}
	ss := &c.StateSync
	switch {
	case ss.ChunkBytes < 0 || ss.ChunkBytes > dag.DefaultStateLimits.ChunkBytes:
		p.add("statesync.chunk_bytes", "%d is not between 1 and %d", ss.ChunkBytes, dag.DefaultStateLimits.ChunkBytes)
	case c.P2P.MaxMessageSize > 0 && ss.ChunkBytes+64<<10 > c.P2P.MaxMessageSize:
		p.add("statesync.chunk_bytes", "a chunk of %d bytes does not fit in a message of p2p.max_message_size %d (leave 64 KiB)", ss.ChunkBytes, c.P2P.MaxMessageSize)
	}
	if ss.MaxBytes < 0 {
		p.add("statesync.max_bytes", "negative: %d", ss.MaxBytes)
	}
	if ss.RequestTimeout.Duration < 0 {
		p.add("statesync.request_timeout", "negative duration %v", ss.RequestTimeout)
	}
	if ss.Timeout.Duration < 0 {
		p.add("statesync.timeout", "negative duration %v", ss.Timeout)
	}
	if l := c.limits(); l.MaxBlockBytes > 0 && c.P2P.MaxMessageSize > 0 && l.MaxBlockBytes+4096 > c.P2P.MaxMessageSize {
		p.add("consensus.max_block_bytes", "a block of %d bytes does not fit in a message of p2p.max_message_size %d", l.MaxBlockBytes, c.P2P.MaxMessageSize)
	}

	if _, err := parseLevel(c.Log.Level); err != nil {
		p.add("log.level", "%v", err)
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		p.add("log.format", "%q is not text or json", c.Log.Format)
	}
	return p.err()
}

func (g *Genesis) check(p *problems) {
	if g.ChainID == "" {
		p.add("genesis.chain_id", "missing")
	} else if len(g.ChainID) > MaxChainIDLen {
		p.add("genesis.chain_id", "longer than %d bytes", MaxChainIDLen)
	} else if i := strings.IndexFunc(g.ChainID, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
	}); i >= 0 {
		p.add("genesis.chain_id", "%q: only letters, digits, '.', '_' and '-' are allowed", g.ChainID)
	}
	if len(g.Validators) == 0 {
		p.add("genesis.validators", "missing: at least one validator")
		return
	}
	if len(g.Validators) > chain.MaxValidators {
		p.add("genesis.validators", "%d validators, more than %d", len(g.Validators), chain.MaxValidators)
		return
	}
	keys := map[string]int{}
	valid := true
	var total uint64
	for i, v := range g.Validators {
		field := fmt.Sprintf("genesis.validators[%d]", i)
		if len(v.Name) > MaxNameLen {
			p.add(field+".name", "longer than %d bytes", MaxNameLen)
			valid = false
		}
		if _, err := parsePublicKey(v.PublicKey); err != nil {
			p.add(field+".public_key", "%v", err)
			valid = false
		} else if j, dup := keys[strings.ToLower(v.PublicKey)]; dup {
			p.add(field+".public_key", "the key of genesis.validators[%d] too", j)
			valid = false
		} else {
			keys[strings.ToLower(v.PublicKey)] = i
		}
		if v.Stake == 0 {
			p.add(field+".stake", "missing: at least 1")
			valid = false
		}
		total += v.Stake
		if v.Stake >= 1<<62 || total >= 1<<62 {
			p.add(field+".stake", "the total stake reaches 2^62")
			valid = false
			break
		}
	}
	if valid {
		if _, err := g.ValidatorSet(); err != nil {
			p.add("genesis.validators", "%v", err)
		}
	}
}

// ValidatorSet returns the genesis validator set.
func (g *Genesis) ValidatorSet() (*chain.ValidatorSet, error) {
	vals := make([]chain.Validator, len(g.Validators))
	for i, v := range g.Validators {
		key, err := parsePublicKey(v.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("%w: genesis.validators[%d].public_key: %v", ErrConfig, i, err)
		}
		vals[i] = chain.Validator{Key: key, Stake: v.Stake, Name: v.Name}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		return nil, fmt.Errorf("%w: genesis.validators: %w", ErrConfig, err)
	}
	return set, nil
}

// Digest identifies the genesis: SHA-256 over a domain tag, the chain ID and the
// validator set's digest (keys and stakes; names are not part of it). Two
// validators of one network show the same digest in /status.
func (g *Genesis) Digest() (chain.Digest, error) {
	set, err := g.ValidatorSet()
	if err != nil {
		return chain.Digest{}, err
	}
	sd := set.Digest()
	h := sha256.New()
	h.Write([]byte("depinkit/genesis/v1"))
	h.Write(binary.BigEndian.AppendUint16(nil, uint16(len(g.ChainID))))
	h.Write([]byte(g.ChainID))
	h.Write(sd[:])
	var d chain.Digest
	h.Sum(d[:0])
	return d, nil
}

// seed keys the leader schedule: every validator of the network derives the
// same one from the genesis.
func seed(genesis chain.Digest) [32]byte {
	return sha256.Sum256(append([]byte("depinkit/validator/seed/v1"), genesis[:]...))
}

// limits are the block limits of the configuration (zero fields: dag's
// defaults).
func (c *Config) limits() dag.Limits {
	l := dag.Limits{
		MaxBlockBytes: c.Consensus.MaxBlockBytes,
		MaxTxBytes:    c.Consensus.MaxTxBytes,
		MaxBlockTxs:   c.Consensus.MaxBlockTxs,
	}
	setInt(&l.MaxBlockBytes, dag.DefaultLimits.MaxBlockBytes)
	setInt(&l.MaxTxBytes, dag.DefaultLimits.MaxTxBytes)
	setInt(&l.MaxBlockTxs, dag.DefaultLimits.MaxBlockTxs)
	return l
}

// dagConfig is the consensus core's configuration, without the signer.
func (c *Config) dagConfig(set *chain.ValidatorSet, genesis chain.Digest) dag.Config {
	cc := c.Consensus
	return dag.Config{
		Validators:          set,
		Seed:                seed(genesis),
		LeadersPerRound:     cc.LeadersPerRound,
		Limits:              c.limits(),
		MinRoundDelay:       cc.MinRoundDelay.Duration,
		LeaderTimeout:       cc.LeaderTimeout.Duration,
		MaxTimestampDrift:   cc.MaxTimestampDrift.Duration,
		FetchTimeout:        cc.FetchTimeout.Duration,
		RebroadcastInterval: cc.RebroadcastInterval.Duration,
		GCDepth:             cc.GCDepth,
		ReputationWindow:    cc.ReputationWindow,
		MaxPendingTxs:       cc.MaxPendingTxs,
		StateInterval:       cc.StateInterval,
	}
}

func parsePublicKey(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, errors.New("missing")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("not hex: %v", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%d bytes, want %d", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// checkMultiaddr checks the shape of a multiaddr: the transport parses it.
func checkMultiaddr(a string, peer bool) error {
	if !strings.HasPrefix(a, "/") || strings.ContainsAny(a, " \t\r\n") || len(a) > 1024 {
		return fmt.Errorf("%q is not a multiaddr (/ip4/127.0.0.1/tcp/7600...)", a)
	}
	if peer && !strings.Contains(a, "/p2p/") {
		return fmt.Errorf("%q does not end in /p2p/<peer ID>", a)
	}
	return nil
}

// checkLoopback checks that addr is host:port with a loopback host: the
// check "subnet validate" makes of a spec's API addresses too.
func checkLoopback(addr string) error { return httpguard.CheckLoopback(addr) }

func nonNegative(p *problems, field string, v int) {
	if v < 0 {
		p.add(field, "negative: %d", v)
	}
}

func setString(s *string, def string) {
	if *s == "" {
		*s = def
	}
}

func setInt(v *int, def int) {
	if *v == 0 {
		*v = def
	}
}
