package subnet

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/ports"
)

// The key files of a validator's directory, depinkit key files
// (device.SaveKeyFile, mode 0600).
const (
	// ConsensusKeyFile holds the ed25519 consensus key, as chain/validator
	// names it (its DefaultKeyFile).
	ConsensusKeyFile = "validator.key"
	// SettlementKeyFile holds the secp256k1 settlement key.
	SettlementKeyFile = "settlement.key"
)

// Defaults of InitOptions.
const (
	DefaultValidators    = 4
	DefaultStake         = 100
	DefaultChainID       = 4242
	DefaultEpochLength   = 1000
	DefaultEpochDuration = "1h"
	// DefaultInitialEmission is the halving curve's emission in epoch 0: 1,000
	// tokens of 18 decimals.
	DefaultInitialEmission = "1000000000000000000000"
	// DefaultHalvingPeriod is the epochs between halvings: a year of hourly
	// epochs.
	DefaultHalvingPeriod = 8760
)

// InitOptions configures Init. The zero value of each field but Vertical
// means its default.
type InitOptions struct {
	// Vertical is the subnet's vertical (required).
	Vertical string
	// Name is the subnet's name. Default: the vertical.
	Name string
	// ChainID is the subnet chain's id. Default DefaultChainID.
	ChainID uint64
	// Validators is the number of validators. Default DefaultValidators.
	Validators int
	// Stake is each validator's stake. Default DefaultStake.
	Stake uint64
	// ClaimTypes are the claim types the vertical names: each gets the
	// signature-only proof policy. Default none.
	ClaimTypes []string
	// ProofKeys is the spec's proof_keys: the directory, relative to the
	// subnet's, of the proof key store whose verifying keys the validators
	// load. Init does not create it ("depinkit proof setup --keys" or a
	// ceremony writes it). Default none.
	ProofKeys string
	// BasePort numbers the ports on 127.0.0.1: validator i listens for peers
	// on BasePort+2i, serves its API on BasePort+2i+1 and device ingest on
	// BasePort+2n+i (n validators). Default: ports that are free when Init
	// runs.
	BasePort int
	// Rand is the randomness keys are made from. Default crypto/rand; a
	// seeded reader makes Init deterministic (tests).
	Rand io.Reader
	// Force writes into a directory that is not empty, replacing the spec and
	// the key files it would write.
	Force bool
}

// Init writes a ready subnet directory dir and returns its spec: for each
// validator i a directory "v<i>" with a new consensus key (ConsensusKeyFile,
// ed25519) and settlement key (SettlementKeyFile, secp256k1), and dir/SpecFile
// naming them, on 127.0.0.1 ports, with the default halving curve,
// signature-only proofs for opts.ClaimTypes and the embedded parent chain.
// It refuses a dir that exists and is not empty (ErrNotEmpty) unless
// opts.Force.
func Init(dir string, opts InitOptions) (*Spec, error) {
	if opts.Name == "" {
		opts.Name = opts.Vertical
	}
	if opts.ChainID == 0 {
		opts.ChainID = DefaultChainID
	}
	if opts.Validators == 0 {
		opts.Validators = DefaultValidators
	}
	if opts.Stake == 0 {
		opts.Stake = DefaultStake
	}
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.Validators < 0 || opts.Validators > MaxValidators {
		return nil, fmt.Errorf("%w: %d validators, want 1 to %d", ErrInvalidSpec, opts.Validators, MaxValidators)
	}
	if opts.BasePort < 0 || opts.BasePort > 0 && opts.BasePort+3*opts.Validators-1 > 65535 {
		return nil, fmt.Errorf("%w: base port %d: %d ports from it pass 65535", ErrInvalidSpec, opts.BasePort, 3*opts.Validators)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("subnet: init: %w", err)
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 && !opts.Force {
		return nil, fmt.Errorf("%w: %s (pass Force to write into it)", ErrNotEmpty, dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("subnet: init: %w", err)
	}
	picked, err := ports.Pick(3*opts.Validators, opts.BasePort)
	if err != nil {
		return nil, err
	}

	s := &Spec{
		Dir:       abs,
		Name:      opts.Name,
		ChainID:   opts.ChainID,
		Vertical:  opts.Vertical,
		Epoch:     Epoch{Length: DefaultEpochLength, Duration: DefaultEpochDuration},
		Reward:    Reward{Curve: CurveHalving, Initial: DefaultInitialEmission, Period: DefaultHalvingPeriod},
		Parent:    Parent{RPC: EmbeddedParent},
		ProofKeys: opts.ProofKeys,
	}
	if len(opts.ClaimTypes) > 0 {
		s.Proofs = map[string]string{}
		for _, ct := range opts.ClaimTypes {
			s.Proofs[ct] = ProofSignature
		}
	}
	type keys struct{ consensus, settlement *device.PrivateKey }
	all := make([]keys, opts.Validators)
	for i := range opts.Validators {
		cons, err := device.GenerateKey(device.Ed25519, opts.Rand)
		if err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
		set, err := device.GenerateKey(device.Secp256k1, opts.Rand)
		if err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
		addr, err := evm.Address(set)
		if err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
		all[i] = keys{cons, set}
		name := "v" + strconv.Itoa(i)
		s.Validators = append(s.Validators, Validator{
			Name:              name,
			ConsensusKey:      hexKey(cons.Public().Bytes()),
			SettlementAddress: addr.Hex(),
			Stake:             opts.Stake,
			P2P:               "/ip4/127.0.0.1/tcp/" + strconv.Itoa(picked[2*i]),
			API:               net.JoinHostPort("127.0.0.1", strconv.Itoa(picked[2*i+1])),
			Ingest:            net.JoinHostPort("127.0.0.1", strconv.Itoa(picked[2*opts.Validators+i])),
			Dir:               name,
		})
	}
	// Everything is checked before anything is written.
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("subnet: init: %w", err)
	}
	for i, k := range all {
		vdir := s.ValidatorDir(i)
		if err := os.MkdirAll(vdir, 0o700); err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
		if err := device.SaveKeyFile(filepath.Join(vdir, ConsensusKeyFile), k.consensus, opts.Force); err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
		if err := device.SaveKeyFile(filepath.Join(vdir, SettlementKeyFile), k.settlement, opts.Force); err != nil {
			return nil, fmt.Errorf("subnet: init: %w", err)
		}
	}
	if err := s.Save(filepath.Join(abs, SpecFile)); err != nil {
		return nil, err
	}
	return s, nil
}

// Keys are a validator's private keys.
type Keys struct {
	// Consensus is the ed25519 consensus key (also the libp2p identity).
	Consensus *device.PrivateKey
	// Settlement is the secp256k1 settlement key.
	Settlement *device.PrivateKey
}

// ConsensusKey returns the consensus key as crypto/ed25519 holds it (what
// chain.NewKeySigner takes).
func (k *Keys) ConsensusKey() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(k.Consensus.Bytes()) }

// LoadKeys reads validator i's key files from its directory (ValidatorDir)
// and checks they are the keys the spec lists. Errors wrap ErrKey.
func (s *Spec) LoadKeys(i int) (*Keys, error) {
	if i < 0 || i >= len(s.Validators) {
		return nil, fmt.Errorf("%w: no validator %d", ErrKey, i)
	}
	v := s.Validators[i]
	dir := s.ValidatorDir(i)
	if dir == "" {
		return nil, fmt.Errorf("%w: validators[%d] (%s) has no dir", ErrKey, i, v.Name)
	}
	cons, err := loadKey(filepath.Join(dir, ConsensusKeyFile), device.Ed25519)
	if err != nil {
		return nil, err
	}
	if want, msg := parseConsensusKey(v.ConsensusKey); msg != "" || !want.Equal(ed25519.PublicKey(cons.Public().Bytes())) {
		return nil, fmt.Errorf("%w: %s: not validators[%d].consensus_key", ErrKey, filepath.Join(dir, ConsensusKeyFile), i)
	}
	set, err := loadKey(filepath.Join(dir, SettlementKeyFile), device.Secp256k1)
	if err != nil {
		return nil, err
	}
	addr, _ := evm.Address(set)
	if want, msg := parseAddress(v.SettlementAddress); msg != "" || want != addr {
		return nil, fmt.Errorf("%w: %s: the key of %s, not of validators[%d].settlement_address", ErrKey, filepath.Join(dir, SettlementKeyFile), addr.Hex(), i)
	}
	return &Keys{Consensus: cons, Settlement: set}, nil
}

func loadKey(path string, t device.KeyType) (*device.PrivateKey, error) {
	k, err := device.LoadKeyFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if k.Type() != t {
		return nil, fmt.Errorf("%w: %s holds a %s key, want %s", ErrKey, path, k.Type(), t)
	}
	return k, nil
}
