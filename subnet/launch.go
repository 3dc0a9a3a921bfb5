package subnet

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// DeploymentFile is the file, in the spec's directory, where Up writes the
// subnet's Deployment for its validator processes.
const DeploymentFile = "deployment.json"

// maxDeploymentSize bounds a deployment file.
const maxDeploymentSize = 64 << 10

// Deployment is where a running subnet settles: the parent chain's JSON-RPC
// URL, its contracts and the subnet's id in its SubnetRegistry.
type Deployment struct {
	// RPC is the parent chain's JSON-RPC URL (the embedded chain's loopback
	// URL while Up runs it).
	RPC string `json:"rpc"`
	// ChainID is the parent chain's id.
	ChainID uint64 `json:"chain_id"`
	// Subnet is the subnet's id in SubnetRegistry.
	Subnet common.Hash `json:"subnet"`
	// Genesis is the spec's GenesisHash the subnet was registered with.
	Genesis common.Hash `json:"genesis"`
	// Operator registered the subnet (and, on the embedded chain, deployed
	// the contracts and owns the test token).
	Operator common.Address `json:"operator"`
	// Contracts are the parent chain's contracts.
	Contracts evm.Addresses `json:"contracts"`
}

// SubnetID returns Subnet as chain/evm names it.
func (d Deployment) SubnetID() evm.SubnetID { return evm.SubnetID(d.Subnet) }

// Save writes the deployment to path, atomically.
func (d Deployment) Save(path string) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("subnet: deployment: %w", err)
	}
	return writeFileAtomic(path, append(data, '\n'), 0o644)
}

// LoadDeployment reads a deployment file Up wrote.
func LoadDeployment(path string) (Deployment, error) {
	var d Deployment
	f, err := os.Open(path)
	if err != nil {
		return d, fmt.Errorf("subnet: deployment: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDeploymentSize+1))
	if err != nil {
		return d, fmt.Errorf("subnet: deployment %s: %w", path, err)
	}
	if len(data) > maxDeploymentSize {
		return d, fmt.Errorf("subnet: deployment %s: more than %d bytes", path, maxDeploymentSize)
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return d, fmt.Errorf("subnet: deployment %s: %w", path, err)
	}
	switch {
	case d.RPC == "":
		return d, fmt.Errorf("subnet: deployment %s: rpc: empty", path)
	case d.Subnet == (common.Hash{}):
		return d, fmt.Errorf("subnet: deployment %s: subnet: empty", path)
	case d.Contracts.SubnetRegistry == (common.Address{}) || d.Contracts.RewardDistributor == (common.Address{}):
		return d, fmt.Errorf("subnet: deployment %s: contracts: subnet_registry and reward_distributor are required", path)
	}
	return d, nil
}

// ParentConfig configures StartParent.
type ParentConfig struct {
	// Operator is the account that deploys missing contracts and registers
	// the subnet. On the embedded chain a new key is drawn when nil; a
	// dialled chain needs a funded one.
	Operator *device.PrivateKey
	// Listen is where the embedded chain serves JSON-RPC. Default
	// "127.0.0.1:0" (a free port).
	Listen string
	// Fund is how many reward tokens each validator's settlement address is
	// minted when the operator owns the token (the embedded chain's test
	// token). Default 10^30 base units.
	Fund *big.Int
	// Settlement returns validator i's settlement key, funded with ether on
	// the embedded chain. Default: Spec.LoadKeys(i).Settlement.
	Settlement func(i int) (*device.PrivateKey, error)
	// Gas is the wei the operator sends each validator's settlement account
	// on a dialled parent chain, for the gas of the roots and checkpoints it
	// posts (the embedded chain funds them at genesis). Default 10^17 (0.1
	// ether); negative: none.
	Gas *big.Int
}

// ParentChain is a subnet's parent chain, ready for its validators:
// contracts deployed, the subnet registered with the spec's genesis hash and
// validator set, the validators funded. Close stops the embedded chain.
type ParentChain struct {
	// Deployment says where the subnet settles; Up hands it to the
	// validators in DeploymentFile.
	Deployment Deployment
	// Operator is the operator's Settler.
	Operator *evm.Settler
	sim      *evm.Simulated
}

// StartParent makes the spec's parent chain ready. With an embedded parent it
// starts the embedded EVM chain serving JSON-RPC on loopback (blocks sealed
// as transactions arrive), funds the operator and the validators' settlement
// accounts with ether, deploys the contracts and mints each validator Fund
// test tokens. With a parent RPC URL it dials it with the operator's key,
// deploys the contracts the spec does not name, sends each validator Gas wei,
// and mints them Fund test tokens if it deployed the token. Either way it registers the subnet unless it is
// already registered with the same validators.
func StartParent(ctx context.Context, spec *Spec, cfg ParentConfig) (_ *ParentChain, err error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if cfg.Fund == nil {
		cfg.Fund = new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
	}
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	if cfg.Gas == nil {
		cfg.Gas = evm.DefaultValidatorGas()
	}
	if cfg.Settlement == nil {
		cfg.Settlement = func(i int) (*device.PrivateKey, error) {
			k, err := spec.LoadKeys(i)
			if err != nil {
				return nil, err
			}
			return k.Settlement, nil
		}
	}
	p := &ParentChain{}
	defer func() {
		if err != nil {
			_ = p.Close()
		}
	}()
	addrs, err := spec.Parent.Addresses()
	if err != nil {
		return nil, err
	}
	deployed := false
	if spec.Parent.Embedded() {
		if cfg.Operator == nil {
			if cfg.Operator, err = device.GenerateKey(device.Secp256k1, rand.Reader); err != nil {
				return nil, fmt.Errorf("subnet: operator key: %w", err)
			}
		}
		accounts := []*device.PrivateKey{cfg.Operator}
		for i := range spec.Validators {
			k, err := cfg.Settlement(i)
			if err != nil {
				return nil, fmt.Errorf("subnet: validators[%d] settlement key: %w", i, err)
			}
			accounts = append(accounts, k)
		}
		if p.sim, err = evm.NewSimulated(evm.SimulatedConfig{Accounts: accounts, RPC: cfg.Listen, AutoCommit: 50 * time.Millisecond}); err != nil {
			return nil, err
		}
		if p.Operator, err = p.sim.Settler(ctx, cfg.Operator); err != nil {
			return nil, err
		}
		if _, err := p.Operator.Deploy(ctx, evm.DeployConfig{}); err != nil {
			return nil, fmt.Errorf("subnet: deploy on the embedded chain: %w", err)
		}
		deployed = true
		p.Deployment.RPC = p.sim.RPCURL()
	} else {
		if cfg.Operator == nil {
			return nil, fmt.Errorf("subnet: parent %s: an operator key is required", spec.Parent.RPC)
		}
		if p.Operator, err = evm.Dial(ctx, spec.Parent.RPC, cfg.Operator); err != nil {
			return nil, err
		}
		p.Operator.SetPollInterval(100 * time.Millisecond)
		if addrs.SubnetRegistry == (common.Address{}) || addrs.RewardDistributor == (common.Address{}) {
			if _, err := p.Operator.Deploy(ctx, evm.DeployConfig{Token: addrs.Token}); err != nil {
				return nil, fmt.Errorf("subnet: deploy on %s: %w", spec.Parent.RPC, err)
			}
			deployed = addrs.Token == (common.Address{})
		} else {
			p.Operator = p.Operator.WithAddresses(addrs)
		}
		p.Deployment.RPC = spec.Parent.RPC
	}
	genesis := spec.GenesisHash()
	validators := spec.EVMValidators()
	id := evm.SubnetIDOf(p.Operator.From(), genesis)
	if set, err := p.Operator.Validators(ctx, id); err != nil || len(set.Validators) == 0 {
		if id, _, err = p.Operator.RegisterSubnet(ctx, genesis, validators); err != nil {
			return nil, fmt.Errorf("subnet: register: %w", err)
		}
	}
	var gas, tokens *big.Int // the embedded chain funds gas at genesis
	if !spec.Parent.Embedded() {
		gas = cfg.Gas
	}
	if deployed {
		tokens = cfg.Fund
	}
	if err := p.Operator.FundValidators(ctx, validators, gas, tokens); err != nil {
		return nil, fmt.Errorf("subnet: %w", err)
	}
	p.Deployment.ChainID = p.Operator.ChainID().Uint64()
	p.Deployment.Subnet = common.Hash(id)
	p.Deployment.Genesis = genesis
	p.Deployment.Operator = p.Operator.From()
	p.Deployment.Contracts = p.Operator.Addresses()
	return p, nil
}

// Close stops the embedded chain (nothing for a dialled one but the
// connection).
func (p *ParentChain) Close() error {
	var err error
	if p.Operator != nil {
		err = p.Operator.Close()
	}
	if p.sim != nil {
		err = errors.Join(err, p.sim.Close())
		p.sim = nil
	}
	return err
}

// UpConfig configures Up.
type UpConfig struct {
	// Parent configures the parent chain (StartParent).
	Parent ParentConfig
	// Command returns the command that runs validator i (by its position in
	// the spec), given the path of the deployment file. Required. Up starts
	// it, and stops it with SIGTERM when ctx ends.
	Command func(i int, deployment string) (*exec.Cmd, error)
	// StopTimeout is how long Up waits for a validator after SIGTERM before
	// it kills it. Default 15s.
	StopTimeout time.Duration
	// Progress, if set, receives one line per step.
	Progress io.Writer
}

// Up launches a subnet on this machine: the parent chain (StartParent), the
// deployment file (DeploymentFile, in the spec's directory), then one process
// per validator (UpConfig.Command). It returns when ctx ends, after stopping
// the validators (SIGTERM, then SIGKILL after StopTimeout) and the parent
// chain, or as soon as a validator exits on its own, with its error.
func Up(ctx context.Context, spec *Spec, cfg UpConfig) error {
	if cfg.Command == nil {
		return errors.New("subnet: up: no Command")
	}
	if cfg.StopTimeout <= 0 {
		cfg.StopTimeout = 15 * time.Second
	}
	say := func(format string, args ...any) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, format+"\n", args...)
		}
	}
	parent, err := StartParent(ctx, spec, cfg.Parent)
	if err != nil {
		return err
	}
	defer parent.Close()
	d := parent.Deployment
	say("parent chain %s (chain id %d): subnet %s registered, contracts: registry %s, distributor %s, token %s",
		d.RPC, d.ChainID, d.SubnetID(), d.Contracts.SubnetRegistry.Hex(), d.Contracts.RewardDistributor.Hex(), d.Contracts.Token.Hex())
	path := filepath.Join(spec.Dir, DeploymentFile)
	if err := d.Save(path); err != nil {
		return err
	}
	type exit struct {
		i   int
		err error
	}
	exits := make(chan exit, len(spec.Validators))
	var cmds []*exec.Cmd
	stopAll := func() {
		for _, c := range cmds {
			_ = c.Process.Signal(syscall.SIGTERM)
		}
		deadline := time.After(cfg.StopTimeout)
		for range cmds {
			select {
			case e := <-exits:
				if e.err != nil {
					say("validator %s stopped: %v", spec.Validators[e.i].Name, e.err)
				}
			case <-deadline:
				for _, c := range cmds {
					_ = c.Process.Kill()
				}
				deadline = nil
			}
		}
	}
	for i, v := range spec.Validators {
		c, err := cfg.Command(i, path)
		if err != nil {
			stopAll()
			return fmt.Errorf("subnet: up: validators[%d] (%s): %w", i, v.Name, err)
		}
		if err := c.Start(); err != nil {
			stopAll()
			return fmt.Errorf("subnet: up: start validators[%d] (%s): %w", i, v.Name, err)
		}
		cmds = append(cmds, c)
		go func() { exits <- exit{i, c.Wait()} }()
		say("validator %s: pid %d, p2p %s, api %s", v.Name, c.Process.Pid, v.P2P, v.API)
	}
	select {
	case <-ctx.Done():
		say("stopping")
		stopAll()
		return nil
	case e := <-exits:
		exits <- e // stopAll waits for every exit
		stopAll()
		if e.err == nil {
			e.err = errors.New("exited")
		}
		return fmt.Errorf("subnet: up: validator %s: %w", spec.Validators[e.i].Name, e.err)
	}
}
