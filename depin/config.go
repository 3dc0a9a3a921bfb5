package depin

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// Defaults Validate fills in for zero Config fields.
const (
	DefaultName         = "depin"
	DefaultEpochLength  = time.Hour
	DefaultKeepEpochs   = 32
	DefaultMaxNotes     = 8
	DefaultMaxUntracked = 1024
)

// Validator is one validator of a subnet: its consensus key and stake (as in
// chain.ValidatorSet) and its settlement address, the EVM address of the
// secp256k1 key it signs epoch roots and checkpoints with.
type Validator struct {
	Name       string
	Key        ed25519.PublicKey
	Stake      uint64
	Settlement common.Address
	// P2P (a libp2p multiaddr with a fixed port) and API (host:port) are the
	// validator's endpoints, as in its subnet.Member. They are required only
	// with Config.ValidatorChanges, whose state holds whole members.
	P2P string
	API string
}

// member returns v as the validator-set state machine holds it.
func (v Validator) member() subnet.Member {
	return subnet.Member{Name: v.Name, Key: v.Key, Settlement: v.Settlement, Stake: v.Stake, P2P: v.P2P, API: v.API}
}

func validatorOf(m subnet.Member) Validator {
	return Validator{Name: m.Name, Key: m.Key, Stake: m.Stake, Settlement: m.Settlement, P2P: m.P2P, API: m.API}
}

// Maker is a device maker approved at genesis.
type Maker struct {
	Key  device.PublicKey
	Name string
}

// Settlement says where the subnet settles: the contracts' deployment (chain
// id and addresses, for EIP-712 digests) and the subnet's id in its
// SubnetRegistry. Every validator must hold the same.
type Settlement struct {
	Subnet     evm.SubnetID
	Deployment evm.Deployment
}

// Config is the genesis of a DePIN subnet's application: what every
// validator must agree on. Every zero field but Validators takes the default
// its comment gives (Validate fills them in).
type Config struct {
	// Name names the subnet; it is hashed into the state. Default "depin".
	Name string
	// Validators are the subnet's validators, in the order of the consensus
	// validator set. Required (at least one).
	Validators []Validator
	// Makers are the makers approved at genesis; devices register only with a
	// certificate one of them signed.
	Makers []Maker

	// An epoch ends with the first commit whose timestamp is at least
	// EpochDuration after the epoch's first commit, or with its EpochCommits-th
	// commit, whichever comes first; a zero field does not apply. Both zero:
	// EpochDuration is DefaultEpochLength (1h). With chain/solo, which makes
	// no commit while nothing is submitted, a time-based epoch ends only
	// with the next transaction.
	EpochDuration time.Duration
	EpochCommits  uint64

	// KeepEpochs is how many closed epochs stay queryable (Explain,
	// Payouts, Claim proofs) and can be voted on; each holds its devices'
	// activity, so memory grows with KeepEpochs times the active devices.
	// Default 32.
	KeepEpochs int
	// StatePoints makes the app hash commit to the whole state every
	// StatePoints commits (statepoint.go): after a commit whose index is a
	// multiple of it, the hash is a digest of the state alone, and Restore
	// refuses a snapshot whose state does not give the hash it records.
	// Validators can then take a snapshot from a peer they do not trust
	// (state sync: chain.StateCommitter). It must equal the validators'
	// consensus.state_interval, the commits their state votes certify;
	// RunValidator sets it so. 0 (the default, and what NewLocalNetwork
	// runs): the hash chains the commits only, and such a node is never
	// state-synced. All the validators of a subnet must agree on it.
	StatePoints uint64
	// MaxNotes bounds the rejection notes (sequence number, reason, detail)
	// kept per device and epoch for Explain; counts by reason are always kept.
	// Default 8.
	MaxNotes int
	// MaxUntracked bounds how many unregistered device IDs per epoch keep
	// rejection notes (envelopes naming unknown devices), so that garbage
	// cannot grow the state. Default 1024.
	MaxUntracked int
	// ReplayWindow is the devices' out-of-order sequence window
	// (device.NewReplayGuard). Default device.DefaultReplayWindow.
	ReplayWindow int

	// ValidatorChanges turns on validator-set changes (TxChange): validators
	// approve joins, leaves and stake changes, and a change approved by
	// more than 2/3 of the stake during a reward epoch takes effect when
	// that epoch closes (ChangeTx). It needs every validator to be a whole
	// subnet.Member (name, settlement address, P2P and API endpoints, all
	// distinct) and Validators in the order of their consensus keys
	// (bytewise), the order subnet.Changes numbers them in. Off: TxChange
	// is rejected ("change:disabled") and the set is the genesis one.
	ValidatorChanges bool

	// Settlement, if not nil, turns on settlement votes: validators sign each
	// closed epoch's root and checkpoint, and every Validator needs a
	// Settlement address. Nil: epochs are computed but never settled.
	Settlement *Settlement
	// Verifier checks proof bundles. Nil: proof.NewVerifier() with no keys,
	// which checks signature-path bundles only.
	Verifier *proof.Verifier
}

// Validate fills c's zero fields with their defaults and reports an error
// wrapping ErrConfig for a Config no subnet can run: no validators, a bad
// validator set, a bad maker, negative limits, settlement without addresses.
func (c *Config) Validate() error {
	if c.Name == "" {
		c.Name = DefaultName
	}
	if len(c.Name) > 64 {
		return fmt.Errorf("%w: name: %d bytes, at most 64", ErrConfig, len(c.Name))
	}
	if _, err := c.ValidatorSet(); err != nil {
		return fmt.Errorf("%w: validators: %w", ErrConfig, err)
	}
	if c.ValidatorChanges {
		if _, err := c.changes(); err != nil {
			return fmt.Errorf("%w: validator changes: %w", ErrConfig, err)
		}
	}
	for i, m := range c.Makers {
		if m.Key.IsZero() {
			return fmt.Errorf("%w: makers[%d].key missing", ErrConfig, i)
		}
		if m.Name == "" {
			return fmt.Errorf("%w: makers[%d].name missing", ErrConfig, i)
		}
	}
	if c.EpochDuration < 0 {
		return fmt.Errorf("%w: epoch duration %v is negative", ErrConfig, c.EpochDuration)
	}
	if c.EpochDuration == 0 && c.EpochCommits == 0 {
		c.EpochDuration = DefaultEpochLength
	}
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"keep epochs", &c.KeepEpochs, DefaultKeepEpochs},
		{"max notes", &c.MaxNotes, DefaultMaxNotes},
		{"max untracked", &c.MaxUntracked, DefaultMaxUntracked},
		{"replay window", &c.ReplayWindow, device.DefaultReplayWindow},
	} {
		if *f.v < 0 {
			return fmt.Errorf("%w: %s is %d, want 0 (default %d) or more", ErrConfig, f.name, *f.v, f.def)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if c.ReplayWindow > device.MaxReplayWindow {
		return fmt.Errorf("%w: replay window %d, at most %d", ErrConfig, c.ReplayWindow, device.MaxReplayWindow)
	}
	if c.Settlement != nil {
		if c.Settlement.Deployment.ChainID == nil {
			return fmt.Errorf("%w: settlement.deployment.chain id missing", ErrConfig)
		}
		seen := map[common.Address]int{}
		for i, v := range c.Validators {
			if v.Settlement == (common.Address{}) {
				return fmt.Errorf("%w: validators[%d].settlement: address missing (settlement is on)", ErrConfig, i)
			}
			if j, dup := seen[v.Settlement]; dup {
				return fmt.Errorf("%w: validators[%d].settlement repeats validators[%d]'s", ErrConfig, i, j)
			}
			seen[v.Settlement] = i
		}
	}
	if c.Verifier == nil {
		v, err := proof.NewVerifier()
		if err != nil {
			return fmt.Errorf("%w: verifier: %w", ErrConfig, err)
		}
		c.Verifier = v
	}
	return nil
}

// ValidatorSet returns the consensus validator set of c.Validators.
func (c *Config) ValidatorSet() (*chain.ValidatorSet, error) {
	vals := make([]chain.Validator, len(c.Validators))
	for i, v := range c.Validators {
		vals[i] = chain.Validator{Key: v.Key, Stake: v.Stake, Name: v.Name}
	}
	return chain.NewValidatorSet(vals)
}

// changes returns the genesis state of the validator-set state machine.
func (c *Config) changes() (*subnet.Changes, error) {
	ms := make([]subnet.Member, len(c.Validators))
	for i, v := range c.Validators {
		if i > 0 && bytes.Compare(c.Validators[i-1].Key, v.Key) >= 0 {
			return nil, fmt.Errorf("validators[%d]: not in consensus key order", i)
		}
		ms[i] = v.member()
	}
	return subnet.NewChanges(c.Genesis(), 0, ms)
}

// EVMValidators returns the settlement validator set to register in
// SubnetRegistry (evm.Settler.RegisterSubnet).
func (c *Config) EVMValidators() []evm.Validator {
	out := make([]evm.Validator, len(c.Validators))
	for i, v := range c.Validators {
		out[i] = evm.Validator{Address: v.Settlement, Stake: v.Stake}
	}
	return out
}

// Genesis returns a digest of what validators must agree on: the name, the
// validators (keys, stakes, settlement addresses), the makers and the epoch
// rule. It is the genesis hash to register the subnet with.
func (c *Config) Genesis() common.Hash {
	h := sha256.New()
	h.Write([]byte("depinkit/depin/genesis/v1\x00"))
	writeString(h, c.Name)
	for _, v := range c.Validators {
		h.Write(v.Key)
		h.Write(binary.BigEndian.AppendUint64(nil, v.Stake))
		h.Write(v.Settlement[:])
	}
	for _, m := range c.Makers {
		b, _ := m.Key.MarshalBinary()
		h.Write(b)
		writeString(h, m.Name)
	}
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(c.EpochDuration)))
	h.Write(binary.BigEndian.AppendUint64(nil, c.EpochCommits))
	if c.ValidatorChanges {
		// Written only when on, so that other subnets keep their genesis.
		h.Write([]byte("validator-changes\x00"))
		for _, v := range c.Validators {
			writeString(h, v.Name)
			writeString(h, v.P2P)
			writeString(h, v.API)
		}
	}
	var out common.Hash
	h.Sum(out[:0])
	return out
}

type writer interface{ Write([]byte) (int, error) }

func writeString(h writer, s string) {
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(s))))
	h.Write([]byte(s))
}
