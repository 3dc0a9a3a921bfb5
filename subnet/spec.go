package subnet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// SpecFile is the name of the spec in a subnet directory (Init writes it).
const SpecFile = "subnet.toml"

// MaxSpecSize bounds a spec file, in bytes.
const MaxSpecSize = 1 << 20

// Spec describes a subnet: its genesis (name, chain id, vertical, validators,
// epochs, reward curve, proof policy, approved makers) and where it runs (the
// validators' network addresses and directories, the parent chain). It is one
// TOML file; see the package documentation for a sample.
//
// Parse and Load read it, Validate reports every problem, GenesisHash
// identifies it.
type Spec struct {
	// Dir is the directory the spec was loaded from: validator directories
	// resolve against it. It is not part of the file.
	Dir string `toml:"-"`

	// Name names the subnet: 1 to 64 bytes of letters, digits, '.', '_', '-'.
	Name string `toml:"name" comment:"the subnet's name: letters, digits, '.', '_' and '-'"`
	// ChainID is the subnet chain's id, at least 1. It is not the parent
	// chain's id.
	ChainID uint64 `toml:"chain_id" comment:"the subnet chain's id (not the parent chain's)"`
	// Vertical names the industry the subnet serves ("telecom", "energy"): a
	// lowercase identifier, what depin.Vertical implementations are chosen by.
	Vertical string `toml:"vertical" comment:"the industry: a lowercase identifier such as telecom or energy"`
	// ValidatorChanges turns on validator-set changes: the validators
	// approve joins, leaves and stake changes (subnet.Change, "depinkit
	// subnet change"), and one approved by more than 2/3 of the stake during
	// an epoch takes effect when that epoch ends (depin.Config.ValidatorChanges).
	// Off (the default): the set is Validators for the subnet's whole life,
	// and approvals are rejected. It is part of the genesis (GenesisHash): a
	// subnet cannot turn it on later. On, the validators' p2p and api
	// addresses are part of the subnet's replicated state (a member is
	// whole, depin.Config.Genesis covers them): edit them in the spec of a
	// running subnet and its validators no longer agree on its genesis.
	ValidatorChanges bool `toml:"validator_changes,omitempty" comment:"true: validators may join, leave and restake by approvals of more than 2/3 of the stake (depinkit subnet change)"`

	Epoch  Epoch  `toml:"epoch" comment:"when an epoch ends: after length commits, or duration of commit time, whichever comes first"`
	Reward Reward `toml:"reward" comment:"the emission curve; amounts are decimal strings of token base units"`
	// Proofs is the proof policy: for each claim type the vertical names,
	// the proof a claim needs (ProofSignature, ProofGroth16, ProofPlonk).
	// Claim types it does not list need a signature only.
	Proofs map[string]string `toml:"proofs,omitempty" comment:"claim type = signature | groth16 | plonk"`
	// ProofKeys is the directory of the subnet's proof key store (a
	// proof.KeyStore, as "depinkit proof setup --keys" and "proof ceremony
	// finalize --keys" write it), relative to the spec's: every verifying
	// key in it ("<statement>.<backend>.vk") is loaded by each validator
	// (depin.VerifierFromSpec), so that they all check zero-knowledge
	// proofs with the same keys. Empty: no keys, the signature path only.
	// Like validators' directories it must lie under the spec's directory.
	// It says where the keys are, not what they are: it is not part of the
	// GenesisHash (the key files carry their circuit's hash, which the
	// store checks).
	ProofKeys string `toml:"proof_keys,omitempty" comment:"the proof key store's directory, relative to this file: every verifying key in it is loaded"`
	Parent    Parent `toml:"parent" comment:"the chain checkpoints and rewards settle on"`
	// Verticals holds the vertical's own settings, one Section per vertical
	// name: [verticals.telecom]. Only the spec's Vertical may have one; its
	// factory decodes it (DecodeVertical) and refuses keys it does not know.
	// A section is part of the GenesisHash: every validator must run the
	// vertical with the same settings.
	Verticals map[string]Section `toml:"verticals,omitempty" comment:"the vertical's own settings: [verticals.<vertical>]"`

	// Validators is the first validator set. Its order does not matter: the
	// validator set orders them by consensus key (see ValidatorSet).
	Validators []Validator `toml:"validators"`
	// Makers are the manufacturers approved to certify devices at genesis.
	Makers []Maker `toml:"makers,omitempty"`
}

// Epoch says when an epoch ends: at the first commit that makes Length
// commits in the epoch, or whose timestamp is Duration or more after the
// epoch's first commit, whichever comes first. At least one must be set.
type Epoch struct {
	// Length is the number of commits per epoch; 0: by Duration only.
	Length uint64 `toml:"length,omitempty" comment:"commits per epoch (0 or absent: by duration only)"`
	// Duration is a Go duration ("1h", "10m"), measured in commit timestamps
	// (agreed by the validators, not read from any clock); empty: by Length
	// only.
	Duration string `toml:"duration,omitempty" comment:"commit time per epoch, such as 1h (absent: by length only)"`
}

// The reward curves a Spec names (Reward.Curve), each mapped to a
// constructor of package reward.
const (
	// CurveHalving is reward.NewHalving(initial, period, cap): cap optional.
	CurveHalving = "halving"
	// CurveConstant is reward.NewConstant(initial).
	CurveConstant = "constant"
	// CurveLinear is reward.NewLinearDecay(initial, step, floor).
	CurveLinear = "linear"
	// CurveExponential is reward.NewExponentialDecay(initial, factor, period).
	CurveExponential = "exponential"
	// CurveSpreadHalving is reward.NewSpreadHalving(initial, period, cap):
	// initial is the first period's total, spread evenly over its epochs,
	// halving each period (Helium's HIP-20 table, telecom's default curve).
	CurveSpreadHalving = "spread-halving"
)

// Reward is the emission curve. Amounts are decimal strings of token base
// units (they may exceed 64 bits); fields a curve does not use must be left
// out.
type Reward struct {
	// Curve is CurveHalving, CurveConstant, CurveLinear, CurveExponential or
	// CurveSpreadHalving.
	Curve string `toml:"curve" comment:"halving, constant, linear, exponential or spread-halving"`
	// Initial is the emission of epoch 0 (every epoch for constant; the
	// first period's total, spread over its epochs, for spread-halving).
	Initial string `toml:"initial" comment:"base units emitted in epoch 0 (every epoch for constant; in the first period for spread-halving)"`
	// Period is the number of epochs between halvings (halving,
	// spread-halving) or decay steps (exponential).
	Period uint64 `toml:"period,omitempty" comment:"epochs between halvings or decay steps (halving, spread-halving, exponential)"`
	// Cap bounds the total emission (halving, spread-halving; optional).
	Cap string `toml:"cap,omitempty" comment:"total supply cap in base units (halving, spread-halving; optional)"`
	// Step is the decrease per epoch (linear).
	Step string `toml:"step,omitempty" comment:"decrease per epoch (linear)"`
	// Floor is the least emission per epoch (linear).
	Floor string `toml:"floor,omitempty" comment:"least emission per epoch (linear)"`
	// Factor is the decay per period, a fraction in [0, 1] such as "85/100"
	// or "0.85" (exponential).
	Factor string `toml:"factor,omitempty" comment:"emission multiplier per period, such as 85/100 (exponential)"`
	// Pools are the weights of the vertical's reward pools, by pool name
	// ([reward.pools] beacons = 6): each pool's share of an epoch's emission
	// relative to the others. The vertical's factory takes them (a vertical
	// may have rules between its pools, such as telecom's data-transfer cap,
	// so it applies them itself) and refuses a name it has no pool of.
	// Empty: the vertical's defaults. Names are 1 to 48 bytes of [a-z0-9-];
	// the weights add up to at least 1 and at most 2^63-1. Part of the
	// GenesisHash when set.
	Pools map[string]uint64 `toml:"pools,omitempty" comment:"pool name = weight: the vertical's pools' shares of each epoch's emission"`
}

// The proofs a claim type may need (Spec.Proofs).
const (
	// ProofSignature: the device's signature on its report is the proof.
	ProofSignature = "signature"
	// ProofGroth16: a Groth16 zero-knowledge proof.
	ProofGroth16 = "groth16"
	// ProofPlonk: a PLONK zero-knowledge proof.
	ProofPlonk = "plonk"
)

// EmbeddedParent is Parent.RPC for the embedded EVM chain (chain/evm's
// simulated backend) that the subnet's launcher starts itself.
const EmbeddedParent = "embedded"

// Parent is the EVM chain the subnet settles on: its SubnetRegistry keeps the
// subnet's validator set and checkpoints, its RewardDistributor pays rewards.
type Parent struct {
	// RPC is EmbeddedParent or the http(s) or ws(s) URL of a JSON-RPC
	// endpoint. Empty means EmbeddedParent.
	RPC string `toml:"rpc" comment:"embedded, or the http(s)/ws(s) URL of the parent chain's JSON-RPC"`
	// The contracts' addresses (0x...), empty when not deployed yet (the
	// embedded chain deploys its own).
	SubnetRegistry    string `toml:"subnet_registry,omitempty"`
	DeviceRegistry    string `toml:"device_registry,omitempty"`
	RewardDistributor string `toml:"reward_distributor,omitempty"`
	Token             string `toml:"token,omitempty"`
}

// Embedded reports whether the parent is the embedded chain.
func (p Parent) Embedded() bool { return p.RPC == "" || p.RPC == EmbeddedParent }

// Validator is one member of the genesis validator set, and where it runs.
type Validator struct {
	// Name names the validator in logs: 1 to 64 bytes of UTF-8.
	Name string `toml:"name"`
	// ConsensusKey is the ed25519 public key it signs blocks and approvals
	// with (also its libp2p identity): 64 hex digits.
	ConsensusKey string `toml:"consensus_key"`
	// SettlementAddress is the EVM address (0x..., of a secp256k1 key) it
	// signs checkpoints and reward roots with on the parent chain.
	SettlementAddress string `toml:"settlement_address"`
	// Stake is its voting power, at least 1.
	Stake uint64 `toml:"stake"`
	// P2P is the multiaddr it listens on for peers, such as
	// /ip4/127.0.0.1/tcp/7600 (no /p2p/ part: the peer ID is its consensus
	// key's).
	P2P string `toml:"p2p"`
	// API is the host:port of its API (transactions, queries, metrics): a
	// loopback address, as the validator process requires.
	API string `toml:"api"`
	// Ingest is the host:port of its device ingest (POST /envelopes, see
	// depin.ServeIngest), the one listener that may face the network.
	// Optional: without it the validator takes no envelopes over HTTP.
	Ingest string `toml:"ingest,omitempty"`
	// Dir is its directory, relative to the spec's (or absolute): it holds
	// ConsensusKeyFile and SettlementKeyFile. Optional.
	Dir string `toml:"dir,omitempty"`
}

// Maker is a manufacturer approved at genesis to certify devices.
type Maker struct {
	// Name names the maker.
	Name string `toml:"name"`
	// Key is the maker's public key as a DID (device.PublicKey.DID, as
	// "depinkit keys did" prints it): did:key:z... or did:depinkit:z....
	Key string `toml:"key"`
}

// Parse decodes a spec from TOML. Unknown keys are errors, each a *FieldError
// (a misspelt setting would otherwise be ignored). It does not Validate.
func Parse(data []byte) (*Spec, error) {
	if len(data) > MaxSpecSize {
		return nil, &FieldError{Path: "(file)", Msg: fmt.Sprintf("larger than %d bytes", MaxSpecSize)}
	}
	var s Spec
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, tomlError(err)
	}
	return &s, nil
}

// tomlError turns go-toml's errors into FieldErrors naming the key and line.
func tomlError(err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var p problems
		for _, e := range strict.Errors {
			row, _ := e.Position()
			p.add(strings.Join(e.Key(), "."), fmt.Sprintf("unknown setting (line %d)", row))
		}
		return p.err()
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		path := strings.Join(de.Key(), ".")
		if path == "" {
			path = fmt.Sprintf("line %d", row)
		}
		return &FieldError{Path: path, Msg: fmt.Sprintf("%v (line %d, column %d)", de.Error(), row, col)}
	}
	return &FieldError{Path: "(file)", Msg: err.Error()}
}

// Load reads the spec at path, sets Dir to its directory (made absolute) and
// validates it. A directory path means its SpecFile.
func Load(path string) (*Spec, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, SpecFile)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("subnet: %w", err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("subnet: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSpecSize+1))
	if err != nil {
		return nil, fmt.Errorf("subnet: %s: %w", path, err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.Dir = filepath.Dir(abs)
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Marshal encodes the spec as commented TOML (Dir is left out). Parse of the
// result gives the spec back.
func (s *Spec) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.SetIndentTables(false)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("subnet: encode spec: %w", err)
	}
	return buf.Bytes(), nil
}

// Save writes the spec to path as Marshal encodes it, atomically: through a
// temporary file in the same directory, synced, then renamed over path, so a
// failed Save leaves the old file as it was.
func (s *Spec) Save(path string) error {
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data, 0o644)
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("subnet: save %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("subnet: save %s: %w", path, err)
	}
	return nil
}

// ValidatorDir returns the directory of validator i (by its position in
// Validators): its Dir resolved against the spec's Dir, or "" if it has none.
func (s *Spec) ValidatorDir(i int) string {
	if i < 0 || i >= len(s.Validators) {
		return ""
	}
	d := s.Validators[i].Dir
	if d == "" || filepath.IsAbs(d) || s.Dir == "" {
		return d
	}
	return filepath.Join(s.Dir, d)
}
