package evm

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/ports"
)

// SimulatedConfig configures NewSimulated. The zero value funds one new
// account with DefaultBalance.
type SimulatedConfig struct {
	// Accounts are the secp256k1 keys funded in the genesis block. Empty: one
	// key drawn from crypto/rand.
	Accounts []*device.PrivateKey
	// Balance is each account's balance in wei. Nil: DefaultBalance.
	Balance *big.Int
	// RPC, if set, is a loopback host:port where the chain also serves
	// Ethereum JSON-RPC over HTTP (the eth, net and web3 namespaces), so that
	// other processes reach it with Dial. Port 0 picks a free port; RPCURL
	// returns the URL.
	RPC string
	// AutoCommit, if positive, seals a block every AutoCommit while
	// transactions wait: the chain then serves Settlers of other processes,
	// which do not commit blocks themselves. Zero: blocks are sealed only by
	// this process's Settlers and Commit.
	AutoCommit time.Duration
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
	rpcURL   string
	mu       sync.Mutex // serialises Commit with the auto-commit loop
	stop     chan struct{}
	done     chan struct{}
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
	opts := []func(*node.Config, *ethconfig.Config){osaka}
	var rpcURL string
	if cfg.RPC != "" {
		host, port, err := loopbackAddr(cfg.RPC)
		if err != nil {
			return nil, err
		}
		rpcURL = fmt.Sprintf("http://%s", net.JoinHostPort(host, strconv.Itoa(port)))
		opts = append(opts, func(n *node.Config, _ *ethconfig.Config) {
			n.HTTPHost, n.HTTPPort = host, port
			n.HTTPModules = []string{"eth", "net", "web3"}
			n.HTTPVirtualHosts = []string{"*"}
		})
	}
	b := simulated.NewBackend(alloc, opts...)
	s := &Simulated{backend: b, client: b.Client(), accounts: append([]*device.PrivateKey(nil), accounts...), rpcURL: rpcURL}
	if cfg.AutoCommit > 0 {
		s.stop, s.done = make(chan struct{}), make(chan struct{})
		go s.autoCommit(cfg.AutoCommit)
	}
	return s, nil
}

// loopbackAddr checks that addr is a loopback host:port and resolves port 0
// to a free port.
func loopbackAddr(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("evm: simulated RPC %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", 0, fmt.Errorf("evm: simulated RPC %q: not a loopback address", addr)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("evm: simulated RPC %q: bad port", addr)
	}
	if port == 0 {
		free, err := ports.Pick(1, 0)
		if err != nil {
			return "", 0, fmt.Errorf("evm: simulated RPC %q: %w", addr, err)
		}
		port = free[0]
	}
	return host, port, nil
}

// autoCommit seals a block every interval while transactions are pending.
func (s *Simulated) autoCommit(interval time.Duration) {
	defer close(s.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			n, err := s.client.PendingTransactionCount(context.Background())
			if err == nil && n > 0 {
				s.Commit()
			}
		}
	}
}

// RPCURL returns the URL of the chain's JSON-RPC endpoint (for Dial), or ""
// without SimulatedConfig.RPC.
func (s *Simulated) RPCURL() string { return s.rpcURL }

// Accounts returns the funded keys.
func (s *Simulated) Accounts() []*device.PrivateKey {
	return append([]*device.PrivateKey(nil), s.accounts...)
}

// Client returns the chain's client.
func (s *Simulated) Client() Backend { return s.client }

// Commit seals a block with the pending transactions and returns its hash.
// Settlers of this chain commit after each transaction themselves.
func (s *Simulated) Commit() common.Hash {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backend.Commit()
}

// Settler returns a Settler sending from key's account (one of Accounts, or
// funded since), with no contracts yet: Deploy them, or use WithAddresses.
func (s *Simulated) Settler(ctx context.Context, key *device.PrivateKey) (*Settler, error) {
	st, err := NewSettler(ctx, s.client, key, Addresses{})
	if err != nil {
		return nil, err
	}
	st.mine = func() { s.Commit() }
	return st, nil
}

// Close stops the chain (and its auto-commit loop).
func (s *Simulated) Close() error {
	if s.stop != nil {
		close(s.stop)
		<-s.done
		s.stop = nil
	}
	return s.backend.Close()
}
