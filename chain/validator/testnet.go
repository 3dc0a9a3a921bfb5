package validator

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/depinkit/depinkit/internal/ports"
)

// TestnetFile is the manifest WriteTestnet leaves in its directory: the
// Testnet, as JSON.
const TestnetFile = "testnet.json"

// Defaults of TestnetOptions.
const (
	DefaultTestnetValidators = 4
	DefaultTestnetChainID    = "depinkit-testnet"
)

// TestnetOptions configure WriteTestnet. The zero value makes four validators
// on free loopback ports.
type TestnetOptions struct {
	// Validators is the number of validators. Default DefaultTestnetValidators.
	Validators int
	// ChainID names the network. Default DefaultTestnetChainID.
	ChainID string
	// BasePort, if not 0, numbers the ports: validator i listens for peers on
	// BasePort+2i and serves its API on BasePort+2i+1. With 0, WriteTestnet
	// picks ports that are free when it runs (another program may take them
	// before the validators start).
	BasePort int
	// Rand is the source of the keys. Default crypto/rand.
	Rand io.Reader
	// Consensus is copied into every configuration (zero fields: defaults).
	Consensus ConsensusConfig
}

// Testnet describes a network WriteTestnet wrote.
type Testnet struct {
	ChainID    string             `json:"chain_id"`
	Genesis    string             `json:"genesis"`
	Validators []TestnetValidator `json:"validators"`
}

// TestnetValidator is one validator of a Testnet.
type TestnetValidator struct {
	Name string `json:"name"`
	// Home is the validator's home directory: run "depinkit node --home Home".
	Home      string `json:"home"`
	PublicKey string `json:"public_key"`
	PeerID    string `json:"peer_id"`
	// P2P is the multiaddr its peers dial, ending in /p2p/PeerID.
	P2P string `json:"p2p"`
	// API is the host:port of its JSON API and /metrics.
	API string `json:"api"`
}

// WriteTestnet writes a ready local network into dir: for each validator i
// a home directory dir/v<i> with config.toml, the key file validator.key (mode
// 0600) and an empty data directory; every configuration holds the same
// genesis and lists the others as peers, all on 127.0.0.1. It also writes
// dir/testnet.json (the returned Testnet). dir may exist, but not the homes.
func WriteTestnet(dir string, opts TestnetOptions) (Testnet, error) {
	n := opts.Validators
	if n == 0 {
		n = DefaultTestnetValidators
	}
	if n < 1 || n > 256 {
		return Testnet{}, fmt.Errorf("%w: %d validators: want 1 to 256", ErrConfig, n)
	}
	chainID := opts.ChainID
	if chainID == "" {
		chainID = DefaultTestnetChainID
	}
	if opts.BasePort < 0 || opts.BasePort+2*n > 65536 {
		return Testnet{}, fmt.Errorf("%w: base port %d: the %d ports from it are not all valid", ErrConfig, opts.BasePort, 2*n)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet %s: %w", dir, err)
	}
	homes := make([]string, n)
	for i := range homes {
		homes[i] = filepath.Join(abs, fmt.Sprintf("v%d", i))
		if _, err := os.Lstat(homes[i]); err == nil {
			return Testnet{}, fmt.Errorf("validator: testnet: %s: %w", homes[i], fs.ErrExist)
		}
	}
	picked, err := ports.Pick(2*n, opts.BasePort)
	if err != nil {
		return Testnet{}, err
	}

	// Keys first: the genesis lists them all.
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
	}
	tn := Testnet{ChainID: chainID, Validators: make([]TestnetValidator, n)}
	genesis := Genesis{ChainID: chainID}
	for i, home := range homes {
		if err := os.Mkdir(home, 0o700); err != nil {
			return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
		}
		key, err := GenerateKey(filepath.Join(home, DefaultKeyFile), opts.Rand)
		if err != nil {
			return Testnet{}, err
		}
		pub := key.Public().(ed25519.PublicKey)
		pid, err := PeerID(pub)
		if err != nil {
			return Testnet{}, err
		}
		name := fmt.Sprintf("v%d", i)
		genesis.Validators = append(genesis.Validators, GenesisValidator{Name: name, PublicKey: hex.EncodeToString(pub), Stake: 1})
		tn.Validators[i] = TestnetValidator{
			Name: name, Home: home, PublicKey: hex.EncodeToString(pub), PeerID: pid,
			P2P: fmt.Sprintf("/ip4/127.0.0.1/tcp/%d/p2p/%s", picked[2*i], pid),
			API: fmt.Sprintf("127.0.0.1:%d", picked[2*i+1]),
		}
	}
	gd, err := genesis.Digest()
	if err != nil {
		return Testnet{}, err
	}
	tn.Genesis = gd.String()
	for i, home := range homes {
		cfg := Config{
			Index:     i,
			P2P:       P2PConfig{Listen: []string{fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", picked[2*i])}},
			API:       APIConfig{Listen: tn.Validators[i].API},
			Consensus: opts.Consensus,
			Genesis:   genesis,
		}
		for j, v := range tn.Validators {
			if j != i {
				cfg.P2P.Peers = append(cfg.P2P.Peers, v.P2P)
			}
		}
		if err := cfg.Validate(); err != nil {
			return Testnet{}, err
		}
		data, err := cfg.Marshal()
		if err != nil {
			return Testnet{}, err
		}
		if err := os.WriteFile(filepath.Join(home, ConfigFile), data, 0o644); err != nil {
			return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
		}
		if err := os.Mkdir(filepath.Join(home, cfg.DataDir), 0o700); err != nil {
			return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
		}
	}
	manifest, err := json.MarshalIndent(tn, "", "  ")
	if err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
	}
	if err := os.WriteFile(filepath.Join(abs, TestnetFile), append(manifest, '\n'), 0o644); err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
	}
	return tn, nil
}

// LoadTestnet reads the manifest WriteTestnet left in dir.
func LoadTestnet(dir string) (Testnet, error) {
	data, err := os.ReadFile(filepath.Join(dir, TestnetFile))
	if err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet: %w", err)
	}
	var tn Testnet
	if err := json.Unmarshal(data, &tn); err != nil {
		return Testnet{}, fmt.Errorf("validator: testnet: %s: %w", TestnetFile, err)
	}
	if len(tn.Validators) == 0 {
		return Testnet{}, errors.New("validator: testnet: no validators in " + TestnetFile)
	}
	return tn, nil
}
