package evm

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/depinkit/depinkit/chain/evm/bindings/coverageverifier"
	"github.com/depinkit/depinkit/chain/evm/bindings/deviceregistry"
	"github.com/depinkit/depinkit/chain/evm/bindings/rewarddistributor"
	"github.com/depinkit/depinkit/chain/evm/bindings/subnetregistry"
	"github.com/depinkit/depinkit/chain/evm/bindings/testtoken"
	"github.com/depinkit/depinkit/device"
)

// Backend is what a Settler needs of a chain: an ethclient.Client (any EVM
// JSON-RPC endpoint) or the simulated chain's client.
type Backend interface {
	bind.ContractBackend
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
	ChainID(ctx context.Context) (*big.Int, error)
}

// Addresses are the deployed contracts. A zero address is a contract that
// was not deployed; calls that need it fail with ErrNotDeployed.
type Addresses struct {
	SubnetRegistry    common.Address
	DeviceRegistry    common.Address
	RewardDistributor common.Address
	Token             common.Address // the ERC-20 rewards are paid in
	ProofVerifier     common.Address // the coverage key's ProofVerifier (package proof/solidity)
	CoverageVerifier  common.Address
}

// Bindings of the contracts, parsed once.
var (
	subnetABI   = subnetregistry.NewSubnetRegistry()
	deviceABI   = deviceregistry.NewDeviceRegistry()
	rewardABI   = rewarddistributor.NewRewardDistributor()
	coverageABI = coverageverifier.NewCoverageVerifier()
	tokenABI    = testtoken.NewTestToken()
)

// DefaultPollInterval is how often a Settler asks a chain for a receipt.
const DefaultPollInterval = time.Second

// A Settler sends a depinkit network's settlement transactions from one
// secp256k1 account and reads the contracts' state. Every transaction is
// estimated first, so that one the contracts would refuse fails with a
// *RevertError before anything is paid; every method that sends one waits
// for its receipt and returns it.
//
// A Settler is safe for concurrent use: its transactions are sent one at a
// time, in order (Settlers made from it for the same account by As or
// WithAddresses share that order; keep one Settler per account).
type Settler struct {
	backend Backend
	key     *ecdsa.PrivateKey
	from    common.Address
	chainID *big.Int
	mine    func()       // the simulated chain: seal a block after each transaction
	close   func() error // Dial: close the client
	poll    time.Duration
	lock    *sync.Mutex // shared by Settlers of one account (As)

	mu    sync.RWMutex
	addrs Addresses
}

// NewSettler returns a Settler sending from key's account to the contracts at
// addrs (zero Addresses: call Deploy first).
func NewSettler(ctx context.Context, backend Backend, key *device.PrivateKey, addrs Addresses) (*Settler, error) {
	k, err := ecdsaKey(key)
	if err != nil {
		return nil, err
	}
	id, err := backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("evm: chain id: %w", err)
	}
	return &Settler{
		backend: backend, key: k, from: addressOf(k), chainID: id,
		poll: DefaultPollInterval, lock: new(sync.Mutex), addrs: addrs,
	}, nil
}

// Dial connects to an EVM JSON-RPC endpoint (http, https, ws, wss or an IPC
// path) and returns a Settler sending from key's account, with no contracts
// yet: Deploy them, or use WithAddresses for a deployment. Close closes the
// connection.
func Dial(ctx context.Context, url string, key *device.PrivateKey) (*Settler, error) {
	if _, err := ecdsaKey(key); err != nil {
		return nil, err
	}
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("evm: dial %s: %w", url, err)
	}
	s, err := NewSettler(ctx, client, key, Addresses{})
	if err != nil {
		client.Close()
		return nil, err
	}
	s.close = func() error { client.Close(); return nil }
	return s, nil
}

// Close closes the connection Dial opened; it does nothing for other Settlers.
func (s *Settler) Close() error {
	if s.close != nil {
		return s.close()
	}
	return nil
}

// From returns the account the Settler sends from.
func (s *Settler) From() common.Address { return s.from }

// ChainID returns the chain's id.
func (s *Settler) ChainID() *big.Int { return new(big.Int).Set(s.chainID) }

// Backend returns the chain the Settler talks to.
func (s *Settler) Backend() Backend { return s.backend }

// Addresses returns the contracts the Settler uses.
func (s *Settler) Addresses() Addresses {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.addrs
}

// Deployment returns the chain id and addresses signatures are bound to.
func (s *Settler) Deployment() Deployment {
	return Deployment{ChainID: s.ChainID(), Addresses: s.Addresses()}
}

// SetPollInterval sets how often the Settler asks for a receipt
// (DefaultPollInterval; the simulated chain needs no polling). Call it
// before the Settler is in use.
func (s *Settler) SetPollInterval(d time.Duration) {
	if d > 0 {
		s.poll = d
	}
}

// As returns a Settler for the same chain and contracts sending from another
// account (a device owner, a maker...).
func (s *Settler) As(key *device.PrivateKey) (*Settler, error) {
	k, err := ecdsaKey(key)
	if err != nil {
		return nil, err
	}
	o := s.clone(s.Addresses())
	o.key, o.from = k, addressOf(k)
	if o.from != s.from {
		o.lock = new(sync.Mutex)
	}
	return o, nil
}

// WithAddresses returns a Settler for the same chain and account using the
// contracts at addrs.
func (s *Settler) WithAddresses(addrs Addresses) *Settler { return s.clone(addrs) }

func (s *Settler) clone(addrs Addresses) *Settler {
	return &Settler{
		backend: s.backend, key: s.key, from: s.from, chainID: s.chainID,
		mine: s.mine, poll: s.poll, lock: s.lock, addrs: addrs,
	}
}

func addressOf(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

// transact sends data to `to` (nil: a contract creation), waits for the
// receipt and returns it, or a *RevertError for a revert.
func (s *Settler) transact(ctx context.Context, call string, to *common.Address, data []byte) (*types.Receipt, error) {
	return s.transactValue(ctx, call, to, data, nil)
}

// transactValue is transact with value wei sent along (nil: none).
func (s *Settler) transactValue(ctx context.Context, call string, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	if to != nil && *to == (common.Address{}) {
		return nil, fmt.Errorf("%w: %s", ErrNotDeployed, call)
	}
	s.lock.Lock()
	defer s.lock.Unlock()
	msg := ethereum.CallMsg{From: s.from, To: to, Data: data, Value: value}
	gas, err := s.backend.EstimateGas(ctx, msg)
	if err != nil {
		if rev, ok := asRevert(call, err); ok {
			return nil, rev
		}
		return nil, fmt.Errorf("evm: %s: estimate gas: %w", call, err)
	}
	// Headroom for state that moves between estimate and inclusion; only the
	// gas used is paid.
	gas += gas / 4
	tx, err := s.newTx(ctx, to, data, gas, value)
	if err != nil {
		return nil, fmt.Errorf("evm: %s: %w", call, err)
	}
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(s.chainID), s.key)
	if err != nil {
		return nil, fmt.Errorf("evm: %s: sign: %w", call, err)
	}
	if err := s.backend.SendTransaction(ctx, signed); err != nil {
		return nil, fmt.Errorf("evm: %s: send: %w", call, err)
	}
	if s.mine != nil {
		s.mine()
	}
	r, err := s.wait(ctx, signed.Hash())
	if err != nil {
		return nil, fmt.Errorf("evm: %s: tx %s: %w", call, signed.Hash().Hex(), err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		msg.Gas = signed.Gas()
		rev := s.replay(ctx, call, msg, r.BlockNumber)
		rev.Tx = signed.Hash()
		return r, rev
	}
	return r, nil
}

// replay finds why a mined transaction reverted: it runs it again on the
// state after its block (where whatever made it fail, such as a competing
// transaction earlier in the block, has happened), then on the state before.
// Neither is the exact state it ran on, so the reason may be missing.
func (s *Settler) replay(ctx context.Context, call string, msg ethereum.CallMsg, block *big.Int) *RevertError {
	for _, n := range []*big.Int{block, new(big.Int).Sub(block, big.NewInt(1))} {
		if _, err := s.backend.CallContract(ctx, msg, n); err != nil {
			if rev, ok := asRevert(call, err); ok {
				return rev
			}
		}
	}
	return DecodeRevert(call, nil)
}

// SendValue sends wei of the chain's native currency to an account (gas
// money for a validator's settlement account, say) and returns the receipt.
func (s *Settler) SendValue(ctx context.Context, to common.Address, wei *big.Int) (*types.Receipt, error) {
	if wei == nil || wei.Sign() <= 0 {
		return nil, fmt.Errorf("%w: send value: amount must be positive", ErrInput)
	}
	return s.transactValue(ctx, "send value", &to, nil, wei)
}

// DefaultValidatorGas returns the wei a launcher gives each validator's
// settlement account on a real chain for the gas of the roots and
// checkpoints it posts: 10^17 (0.1 ether).
func DefaultValidatorGas() *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(17), nil) }

// FundValidators readies validators' settlement accounts to settle: it
// sends each gas wei of the native currency and mints it tokens test tokens
// (MintTestToken: the Settler must own the test token). A nil or zero
// amount is skipped.
func (s *Settler) FundValidators(ctx context.Context, validators []Validator, gas, tokens *big.Int) error {
	for i, v := range validators {
		if gas != nil && gas.Sign() > 0 {
			if _, err := s.SendValue(ctx, v.Address, gas); err != nil {
				return fmt.Errorf("evm: gas for validator %d (%s): %w", i, v.Address.Hex(), err)
			}
		}
		if tokens != nil && tokens.Sign() > 0 {
			if _, err := s.MintTestToken(ctx, v.Address, tokens); err != nil {
				return fmt.Errorf("evm: tokens for validator %d (%s): %w", i, v.Address.Hex(), err)
			}
		}
	}
	return nil
}

// newTx makes an EIP-1559 transaction (a legacy one on chains without a
// base fee).
func (s *Settler) newTx(ctx context.Context, to *common.Address, data []byte, gas uint64, value *big.Int) (*types.Transaction, error) {
	nonce, err := s.backend.PendingNonceAt(ctx, s.from)
	if err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	head, err := s.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	if head.BaseFee == nil {
		price, err := s.backend.SuggestGasPrice(ctx)
		if err != nil {
			return nil, fmt.Errorf("gas price: %w", err)
		}
		return types.NewTx(&types.LegacyTx{Nonce: nonce, GasPrice: price, Gas: gas, To: to, Value: value, Data: data}), nil
	}
	tip, err := s.backend.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("gas tip: %w", err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	return types.NewTx(&types.DynamicFeeTx{
		ChainID: s.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: to, Value: value, Data: data,
	}), nil
}

// wait polls for a transaction's receipt until it is mined or ctx ends.
func (s *Settler) wait(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	for {
		r, err := s.backend.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		// Not mined yet, or mined but not indexed yet (go-ethereum answers
		// "transaction indexing is in progress" for a while after start).
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
			return nil, fmt.Errorf("receipt: %w", err)
		}
		t := time.NewTimer(s.poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for the receipt: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// call runs a view function and returns its raw result, or a *RevertError.
func (s *Settler) call(ctx context.Context, name string, to common.Address, data []byte) ([]byte, error) {
	if to == (common.Address{}) {
		return nil, fmt.Errorf("%w: %s", ErrNotDeployed, name)
	}
	out, err := s.backend.CallContract(ctx, ethereum.CallMsg{From: s.from, To: &to, Data: data}, nil)
	if err != nil {
		if rev, ok := asRevert(name, err); ok {
			return nil, rev
		}
		return nil, fmt.Errorf("evm: %s: %w", name, err)
	}
	if len(out) == 0 {
		code, err := s.backend.CodeAt(ctx, to, nil)
		if err == nil && len(code) == 0 {
			return nil, fmt.Errorf("%w: %s: no code at %s", ErrNotDeployed, name, to.Hex())
		}
	}
	return out, nil
}

// DeployConfig says what Deploy deploys. The zero value deploys the
// registries, a TestToken owned by the deployer and the RewardDistributor
// paying in it, and no CoverageVerifier.
type DeployConfig struct {
	// Token is the ERC-20 rewards are paid in. Zero: deploy a TestToken
	// (TokenName, TokenSymbol) whose owner, the deployer, can mint.
	Token common.Address
	// TokenName and TokenSymbol name a deployed TestToken; empty means
	// "depinkit test token" and "DPKT".
	TokenName, TokenSymbol string
	// DeviceAdmin owns DeviceRegistry and approves makers. Zero: the deployer.
	DeviceAdmin common.Address
	// ProofVerifier is a deployed ProofVerifier of the network's coverage
	// key, for the CoverageVerifier.
	ProofVerifier common.Address
	// ProofVerifierCode is the creation code of that ProofVerifier
	// (CompileProofVerifier), deployed first when ProofVerifier is zero.
	// With neither, no CoverageVerifier is deployed.
	ProofVerifierCode []byte
}

// Deployed is one contract Deploy created.
type Deployed struct {
	Name    string // "SubnetRegistry"...
	Address common.Address
	Receipt *types.Receipt
}

// Deploy deploys the contracts cfg asks for, in dependency order, and makes
// the Settler use them: SubnetRegistry, DeviceRegistry, the token (unless
// cfg.Token), RewardDistributor, then the ProofVerifier (if given as code) and
// the CoverageVerifier (if there is a ProofVerifier). Do not use the Settler
// concurrently with Deploy.
func (s *Settler) Deploy(ctx context.Context, cfg DeployConfig) ([]Deployed, error) {
	var out []Deployed
	deploy := func(name, bin string, args []byte) (common.Address, error) {
		code := append(common.FromHex(bin), args...)
		r, err := s.transact(ctx, name+".constructor", nil, code)
		if err != nil {
			return common.Address{}, err
		}
		out = append(out, Deployed{Name: name, Address: r.ContractAddress, Receipt: r})
		return r.ContractAddress, nil
	}
	var a Addresses
	var err error
	if a.SubnetRegistry, err = deploy("SubnetRegistry", subnetregistry.SubnetRegistryMetaData.Bin, nil); err != nil {
		return out, err
	}
	admin := cfg.DeviceAdmin
	if admin == (common.Address{}) {
		admin = s.from
	}
	args := deviceABI.PackConstructor(admin)
	if a.DeviceRegistry, err = deploy("DeviceRegistry", deviceregistry.DeviceRegistryMetaData.Bin, args); err != nil {
		return out, err
	}
	a.Token = cfg.Token
	if a.Token == (common.Address{}) {
		name, symbol := cfg.TokenName, cfg.TokenSymbol
		if name == "" {
			name = "depinkit test token"
		}
		if symbol == "" {
			symbol = "DPKT"
		}
		args := tokenABI.PackConstructor(name, symbol, s.from)
		if a.Token, err = deploy("TestToken", testtoken.TestTokenMetaData.Bin, args); err != nil {
			return out, err
		}
	}
	args = rewardABI.PackConstructor(a.Token, a.SubnetRegistry)
	if a.RewardDistributor, err = deploy("RewardDistributor", rewarddistributor.RewardDistributorMetaData.Bin, args); err != nil {
		return out, err
	}
	s.setAddresses(a)
	if cfg.ProofVerifier != (common.Address{}) || len(cfg.ProofVerifierCode) > 0 {
		more, err := s.DeployCoverageVerifier(ctx, cfg.ProofVerifier, cfg.ProofVerifierCode)
		out = append(out, more...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// DeployCoverageVerifier deploys a CoverageVerifier over the ProofVerifier
// at verifier, or, when verifier is zero, deploys the ProofVerifier from its
// creation code first; the Settler then uses them.
func (s *Settler) DeployCoverageVerifier(ctx context.Context, verifier common.Address, code []byte) ([]Deployed, error) {
	var out []Deployed
	if verifier == (common.Address{}) {
		if len(code) == 0 {
			return nil, fmt.Errorf("%w: no ProofVerifier address or code", ErrInput)
		}
		r, err := s.transact(ctx, "ProofVerifier.constructor", nil, code)
		if err != nil {
			return nil, err
		}
		verifier = r.ContractAddress
		out = append(out, Deployed{Name: "ProofVerifier", Address: verifier, Receipt: r})
	}
	args := coverageABI.PackConstructor(verifier)
	r, err := s.transact(ctx, "CoverageVerifier.constructor", nil,
		append(common.FromHex(coverageverifier.CoverageVerifierMetaData.Bin), args...))
	if err != nil {
		return out, err
	}
	out = append(out, Deployed{Name: "CoverageVerifier", Address: r.ContractAddress, Receipt: r})
	s.mu.Lock()
	s.addrs.ProofVerifier, s.addrs.CoverageVerifier = verifier, r.ContractAddress
	s.mu.Unlock()
	return out, nil
}

func (s *Settler) setAddresses(a Addresses) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addrs = a
}
