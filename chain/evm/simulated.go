package evm

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/depinkit/depinkit/device"
)

// SimulatedConfig configures NewSimulated. The zero value funds one new
// account with DefaultBalance.
type SimulatedConfig struct {
	// Accounts are the secp256k1 keys funded in the genesis block. Empty: one
	// key drawn from crypto/rand.
	Accounts []*device.PrivateKey
	// Balance is each account's balance in wei. Nil: DefaultBalance.
	Balance *big.Int
}

// DefaultBalance is a simulated account's balance unless
// SimulatedConfig.Balance says otherwise: a million ether.
var DefaultBalance = new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)

// Simulated is the embedded chain: go-ethereum's simulated backend
// (ethclient/simulated), a full in-process node that seals a block whenever
// one of its Settlers sends a transaction. It follows Ethereum mainnet's
// Osaka rules (go-ethereum's dev chain would also enable the unscheduled
// Bogota fork, with other gas costs).
type Simulated struct {
	backend  *simulated.Backend
	client   simulated.Client
	accounts []*device.PrivateKey
}

// NewSimulated starts a simulated chain with funded accounts. Close stops it.
func NewSimulated(cfg SimulatedConfig) (*Simulated, error) {
	accounts := cfg.Accounts
	if len(accounts) == 0 {
		k, err := device.GenerateKey(device.Secp256k1, rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("evm: simulated account: %w", err)
		}
		accounts = []*device.PrivateKey{k}
	}
	balance := cfg.Balance
	if balance == nil {
		balance = DefaultBalance
	}
	alloc := make(types.GenesisAlloc, len(accounts))
	for _, k := range accounts {
		a, err := Address(k)
		if err != nil {
			return nil, err
		}
		alloc[a] = types.Account{Balance: new(big.Int).Set(balance)}
	}
	osaka := func(_ *node.Config, eth *ethconfig.Config) {
		c := *eth.Genesis.Config
		c.BogotaTime = nil
		eth.Genesis.Config = &c
	}
	b := simulated.NewBackend(alloc, osaka)
	return &Simulated{backend: b, client: b.Client(), accounts: append([]*device.PrivateKey(nil), accounts...)}, nil
}

// Accounts returns the funded keys.
func (s *Simulated) Accounts() []*device.PrivateKey {
	return append([]*device.PrivateKey(nil), s.accounts...)
}

// Client returns the chain's client.
func (s *Simulated) Client() Backend { return s.client }

// Commit seals a block with the pending transactions and returns its hash.
// Settlers of this chain commit after each transaction themselves.
func (s *Simulated) Commit() common.Hash { return s.backend.Commit() }

// Settler returns a Settler sending from key's account (one of Accounts, or
// funded since), with no contracts yet: Deploy them, or use WithAddresses.
func (s *Simulated) Settler(ctx context.Context, key *device.PrivateKey) (*Settler, error) {
	st, err := NewSettler(ctx, s.client, key, Addresses{})
	if err != nil {
		return nil, err
	}
	st.mine = func() { s.backend.Commit() }
	return st, nil
}

// Close stops the chain.
func (s *Simulated) Close() error { return s.backend.Close() }
