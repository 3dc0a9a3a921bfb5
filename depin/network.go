package depin

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// LocalConfig configures NewLocalNetwork. Every zero field but NewVertical
// takes the default its comment gives.
type LocalConfig struct {
	// Validators is the number of validators. Default 4.
	Validators int
	// NewVertical returns a fresh Vertical for each validator (each keeps its
	// own replica of the state). Required.
	NewVertical func() Vertical
	// Config is the subnet's genesis: NewLocalNetwork sets its Validators
	// (one stake each), adds its own maker to Makers and, unless
	// NoSettlement, sets Settlement. Zero fields take Config's defaults.
	// With ValidatorChanges, the validators are numbered by consensus key
	// and get nominal loopback endpoints (P2P /ip4/127.0.0.1/tcp/7600+i, API
	// 127.0.0.1:7700+i) that nothing listens on: the network is in memory.
	Config Config
	// Parent, if set, is the EVM chain to settle on instead of the embedded
	// one: a Settler of a funded account on it (evm.Dial). NewLocalNetwork
	// deploys the contracts from it, registers the subnet, and sends each
	// validator's settlement account ParentGas wei for the gas of what it
	// posts, and Fund test tokens.
	Parent *evm.Settler
	// ParentGas is the wei each validator gets on Parent. Default 10^17.
	ParentGas *big.Int
	// NoSettlement leaves out the embedded EVM chain: epochs are computed
	// but never settled.
	NoSettlement bool
	// Rand is where keys come from. Default crypto/rand.Reader.
	Rand io.Reader
	// Fund is how many reward tokens each validator's settlement account is
	// minted to pay the epochs it posts. Default 10^30 base units.
	Fund *big.Int
	// Timing is the settlement workers' timing. Default Retry 200ms, Fallback
	// 2s.
	Timing SettlementTiming
	// Tune, if not nil, adjusts each validator's dag.NodeConfig.
	Tune func(i int, nc *dag.NodeConfig)
	// Logger receives the validators' logs. Default: discarded.
	Logger *slog.Logger
}

// Network is a whole DePIN subnet in one process: validators on chain/dag
// over an in-memory network (dag.MemoryNetwork), the embedded EVM chain with
// the contracts deployed, the subnet registered and the validators funded,
// and a maker to provision devices with.
type Network struct {
	nodes      []*Node
	keys       []ed25519.PrivateKey
	settleKeys []*device.PrivateKey
	maker      *device.PrivateKey
	sim        *evm.Simulated
	operator   *evm.Settler
	subnet     evm.SubnetID
	next       atomic.Uint64
	closeOnce  sync.Once
	closeErr   error
}

// NewLocalNetwork builds and starts a local subnet. Close stops it.
func NewLocalNetwork(ctx context.Context, lc LocalConfig) (*Network, error) {
	if lc.NewVertical == nil {
		return nil, fmt.Errorf("%w: LocalConfig.NewVertical is required", ErrConfig)
	}
	if lc.Validators < 0 || lc.Validators > 64 {
		return nil, fmt.Errorf("%w: %d validators, want 1 to 64", ErrConfig, lc.Validators)
	}
	if lc.Validators == 0 {
		lc.Validators = 4
	}
	if lc.Rand == nil {
		lc.Rand = rand.Reader
	}
	if lc.Fund == nil {
		lc.Fund = new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
	}
	if lc.Timing.Retry == 0 {
		lc.Timing.Retry = 200 * time.Millisecond
	}
	if lc.Timing.Fallback == 0 {
		lc.Timing.Fallback = 2 * time.Second
	}
	net := &Network{}
	cfg := lc.Config
	cfg.Validators = nil
	var err error
	if net.maker, err = device.GenerateKey(device.Ed25519, lc.Rand); err != nil {
		return nil, fmt.Errorf("depin: maker key: %w", err)
	}
	cfg.Makers = append(append([]Maker(nil), cfg.Makers...), Maker{Key: net.maker.Public(), Name: "local maker"})
	for range lc.Validators {
		_, k, err := ed25519.GenerateKey(lc.Rand)
		if err != nil {
			return nil, fmt.Errorf("depin: validator key: %w", err)
		}
		sk, err := device.GenerateKey(device.Secp256k1, lc.Rand)
		if err != nil {
			return nil, fmt.Errorf("depin: settlement key: %w", err)
		}
		net.keys, net.settleKeys = append(net.keys, k), append(net.settleKeys, sk)
	}
	if cfg.ValidatorChanges {
		// The order subnet.Changes numbers validators in: by consensus key.
		order := make([]int, len(net.keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			return bytes.Compare(net.keys[a].Public().(ed25519.PublicKey), net.keys[b].Public().(ed25519.PublicKey))
		})
		keys, settleKeys := slices.Clone(net.keys), slices.Clone(net.settleKeys)
		for i, j := range order {
			net.keys[i], net.settleKeys[i] = keys[j], settleKeys[j]
		}
	}
	for i, k := range net.keys {
		addr, _ := net.settleKeys[i].Public().Address()
		v := Validator{Name: fmt.Sprintf("validator-%d", i), Key: k.Public().(ed25519.PublicKey), Stake: 1, Settlement: addr}
		if cfg.ValidatorChanges {
			// Nominal endpoints, which nothing listens on (the validators
			// talk in memory): they make each validator a whole member.
			v.P2P, v.API = fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", 7600+i), fmt.Sprintf("127.0.0.1:%d", 7700+i)
		}
		cfg.Validators = append(cfg.Validators, v)
	}
	ok := false
	defer func() {
		if !ok {
			net.Close()
		}
	}()
	settlers := make([]*evm.Settler, lc.Validators)
	if !lc.NoSettlement {
		operator, err := device.GenerateKey(device.Secp256k1, lc.Rand)
		if err != nil {
			return nil, fmt.Errorf("depin: operator key: %w", err)
		}
		if lc.Parent != nil {
			net.operator = lc.Parent
		} else {
			if net.sim, err = evm.NewSimulated(evm.SimulatedConfig{Accounts: append([]*device.PrivateKey{operator}, net.settleKeys...)}); err != nil {
				return nil, err
			}
			if net.operator, err = net.sim.Settler(ctx, operator); err != nil {
				return nil, err
			}
		}
		if _, err := net.operator.Deploy(ctx, evm.DeployConfig{}); err != nil {
			return nil, fmt.Errorf("depin: deploy: %w", err)
		}
		if net.subnet, _, err = net.operator.RegisterSubnet(ctx, cfg.Genesis(), cfg.EVMValidators()); err != nil {
			return nil, fmt.Errorf("depin: register subnet: %w", err)
		}
		cfg.Settlement = &Settlement{Subnet: net.subnet, Deployment: net.operator.Deployment()}
		var gas *big.Int // the embedded chain funds them at genesis
		if lc.Parent != nil {
			if gas = lc.ParentGas; gas == nil {
				gas = evm.DefaultValidatorGas()
			}
		}
		if err := net.operator.FundValidators(ctx, cfg.EVMValidators(), gas, lc.Fund); err != nil {
			return nil, fmt.Errorf("depin: %w", err)
		}
		for i, sk := range net.settleKeys {
			if settlers[i], err = net.operator.As(sk); err != nil {
				return nil, err
			}
		}
	}
	mem := dag.NewMemoryNetwork(lc.Validators, 0)
	for i := range lc.Validators {
		opts := []Option{
			WithVertical(lc.NewVertical()), WithConfig(cfg), WithKey(net.keys[i]),
			WithDAG(mem.Transport(uint32(i)), func(nc *dag.NodeConfig) {
				if lc.Tune != nil {
					lc.Tune(i, nc)
				}
			}),
			WithSettlementTiming(lc.Timing),
		}
		if lc.Logger != nil {
			opts = append(opts, WithLogger(lc.Logger))
		}
		if !lc.NoSettlement {
			opts = append(opts, WithSettlement(net.settleKeys[i], settlers[i]))
		}
		n, err := New(opts...)
		if err != nil {
			return nil, fmt.Errorf("depin: validator %d: %w", i, err)
		}
		net.nodes = append(net.nodes, n)
	}
	for i, n := range net.nodes {
		if err := n.Start(ctx); err != nil {
			return nil, fmt.Errorf("depin: start validator %d: %w", i, err)
		}
	}
	ok = true
	return net, nil
}

// Nodes returns the validators.
func (net *Network) Nodes() []*Node { return append([]*Node(nil), net.nodes...) }

// Node returns validator i.
func (net *Network) Node(i int) *Node { return net.nodes[i] }

// Maker returns the maker the network approved at genesis, to certify
// devices with.
func (net *Network) Maker() *device.PrivateKey { return net.maker }

// Chain returns the embedded EVM chain (nil with NoSettlement or a Parent).
func (net *Network) Chain() *evm.Simulated { return net.sim }

// Operator returns the Settler of the account that deployed the contracts
// and registered the subnet (nil with NoSettlement); it owns the test token.
func (net *Network) Operator() *evm.Settler { return net.operator }

// Subnet returns the subnet's id in SubnetRegistry.
func (net *Network) Subnet() evm.SubnetID { return net.subnet }

// SettlementKey returns validator i's settlement key.
func (net *Network) SettlementKey(i int) *device.PrivateKey { return net.settleKeys[i] }

// Submit hands an envelope to a validator: the same one for every envelope
// of a device, so that a device's envelopes commit in the order they were
// submitted (see validatorFor); the devices spread over the validators.
func (net *Network) Submit(ctx context.Context, envelope []byte) error {
	return net.nodes[validatorFor(envelope, len(net.nodes), &net.next)].Submit(ctx, envelope)
}

// Provision certifies a device with the network's maker (valid from an hour
// ago for a year), binds it to owner, registers it and waits until every
// validator has it (or ctx ends: a registration that was rejected never
// shows up).
func (net *Network) Provision(ctx context.Context, dev, owner device.Signer, model, serial string, capabilities ...string) (device.Record, error) {
	cert, binding, err := Certify(net.maker, device.ForNetwork(dev, net.Network()), owner, time.Now(), model, serial, capabilities...)
	if err != nil {
		return device.Record{}, err
	}
	i := net.next.Add(1) % uint64(len(net.nodes))
	if err := net.nodes[i].Register(ctx, cert, binding); err != nil {
		return device.Record{}, err
	}
	id := cert.ID()
	for _, n := range net.nodes {
		if err := n.WaitFor(ctx, func(n *Node) bool { _, err := n.Device(id); return err == nil }); err != nil {
			return device.Record{}, fmt.Errorf("depin: waiting for device %s: %w", id, err)
		}
	}
	return net.nodes[0].Device(id)
}

// Certify makes what registers a device (RegisterTx): its certificate,
// signed by maker, valid from an hour before now for a year, and its binding
// to owner, signed by both (for the network of dev if it is a
// device.NetworkSigner: Network.Provision and Remote.Provision bind it to
// theirs).
//
// owner must have a settlement address (a secp256k1 key): rewards are paid
// to the owner's address, and a device whose owner has none would be
// registered and then silently earn nothing (every contribution rejected late
// as ReasonNoPayee). Certify refuses such an owner with an error wrapping
// ErrConfig.
func Certify(maker, dev, owner device.Signer, now time.Time, model, serial string, capabilities ...string) (*device.Certificate, *device.OwnerBinding, error) {
	if _, err := owner.Public().Address(); err != nil {
		return nil, nil, fmt.Errorf("%w: owner %s cannot be paid (%w): bind devices to a secp256k1 owner key", ErrConfig, owner.Public().Type(), err)
	}
	cert := &device.Certificate{
		Device: dev.Public(), Model: model, Serial: serial, Capabilities: capabilities,
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(365 * 24 * time.Hour),
	}
	if err := cert.Sign(maker); err != nil {
		return nil, nil, err
	}
	binding, err := device.NewOwnerBinding(dev, cert.ID(), owner, 0)
	if err != nil {
		return nil, nil, err
	}
	return cert, binding, nil
}

// Admit checks an envelope as the validators will before their mempools
// (Node.Admit, on validator 0): IngestHandler over a Network charges device
// rate limits only for envelopes the device signed.
func (net *Network) Admit(envelope []byte) (device.ID, error) { return net.nodes[0].Admit(envelope) }

// Network returns the network devices seal for: the subnet's genesis hash
// (Node.Network).
func (net *Network) Network() [32]byte { return net.nodes[0].Network() }

// ApproveMaker has every validator vote to approve a maker and waits until
// all of them hold it.
func (net *Network) ApproveMaker(ctx context.Context, maker device.PublicKey, name string) error {
	for _, n := range net.nodes {
		tx, err := n.ApproveMakerTx(maker, name)
		if err != nil {
			return err
		}
		if err := n.SubmitTx(ctx, tx); err != nil {
			return err
		}
	}
	for _, n := range net.nodes {
		err := n.WaitFor(ctx, func(n *Node) bool { m, err := n.Maker(maker.ID()); return err == nil && !m.Retired })
		if err != nil {
			return fmt.Errorf("depin: waiting for maker %s: %w", maker.ID(), err)
		}
	}
	return nil
}

// WaitEpoch waits until every validator has closed epoch and returns their
// summaries.
func (net *Network) WaitEpoch(ctx context.Context, epoch uint64) ([]EpochSummary, error) {
	out := make([]EpochSummary, len(net.nodes))
	for i, n := range net.nodes {
		s, err := n.WaitEpoch(ctx, epoch)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// WaitSettled waits until a closed epoch's root (if it pays anyone) and its
// checkpoint are on the embedded chain.
func (net *Network) WaitSettled(ctx context.Context, epoch uint64) error {
	if net.operator == nil {
		return ErrNoSettlement
	}
	if _, err := net.nodes[0].WaitEpoch(ctx, epoch); err != nil {
		return err
	}
	sum, err := net.nodes[0].Epoch(epoch)
	if err != nil {
		return err
	}
	return waitSettled(ctx, net.operator, net.subnet, sum)
}

// waitSettled waits until the closed epoch of sum has its root (if it pays
// anyone) and its checkpoint on the parent chain s reads.
func waitSettled(ctx context.Context, s *evm.Settler, subnet evm.SubnetID, sum EpochSummary) error {
	epoch := sum.Epoch
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		done := true
		if sum.Root != (common.Hash{}) {
			on, err := s.Epoch(ctx, subnet, epoch)
			if err != nil {
				return err
			}
			done = on.Root == sum.Root
		}
		if done {
			cp, _, err := s.CheckpointAt(ctx, subnet, epoch)
			switch {
			case errors.Is(err, evm.ErrUnknownCheckpoint):
				done = false
			case err != nil:
				return err
			default:
				done = cp.StateRoot == common.Hash(sum.AppHash)
				if !done {
					return fmt.Errorf("depin: epoch %d: checkpoint on chain has state root %s, validators %s", epoch, cp.StateRoot.Hex(), sum.AppHash)
				}
			}
		}
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Claim claims account's reward of a settled epoch with the proof from the
// validators' state, sent by the operator (the tokens go to account).
func (net *Network) Claim(ctx context.Context, epoch uint64, account common.Address) (evm.EpochClaim, error) {
	if net.operator == nil {
		return evm.EpochClaim{}, ErrNoSettlement
	}
	c, err := net.nodes[0].Claim(epoch, account)
	if err != nil {
		return evm.EpochClaim{}, err
	}
	if _, err := net.operator.Claim(ctx, net.subnet, account, c); err != nil {
		return evm.EpochClaim{}, err
	}
	return c, nil
}

// Close stops every validator, then the chain.
func (net *Network) Close() error {
	net.closeOnce.Do(func() {
		var errs []error
		for _, n := range net.nodes {
			errs = append(errs, n.Close())
		}
		if net.sim != nil {
			errs = append(errs, net.sim.Close())
		}
		net.closeErr = errors.Join(errs...)
	})
	return net.closeErr
}
