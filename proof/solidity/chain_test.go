package solidity

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// chain is go-ethereum's simulated chain with one funded account. Not safe for
// concurrent use.
type chain struct {
	sim     *simulated.Backend
	client  simulated.Client
	key     *ecdsa.PrivateKey
	from    common.Address
	chainID *big.Int
}

// verifyGasLimit is the gas limit of verification transactions: far above
// what a verification costs, so the outcome never depends on it.
const verifyGasLimit = 3_000_000

// newChain starts a simulated chain that follows Osaka, Ethereum mainnet's
// rules since December 2025: go-ethereum's dev chain also enables the
// unscheduled Bogota fork (Amsterdam's repricings), which would skew the gas
// figures.
func newChain() (*chain, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, fmt.Errorf("account key: %w", err)
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	balance := new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	osaka := func(_ *node.Config, eth *ethconfig.Config) {
		cfg := *eth.Genesis.Config
		cfg.BogotaTime = nil
		eth.Genesis.Config = &cfg
	}
	sim := simulated.NewBackend(types.GenesisAlloc{from: {Balance: balance}}, osaka)
	client := sim.Client()
	id, err := client.ChainID(context.Background())
	if err != nil {
		_ = sim.Close()
		return nil, fmt.Errorf("chain id: %w", err)
	}
	return &chain{sim: sim, client: client, key: key, from: from, chainID: id}, nil
}

func (c *chain) Close() error { return c.sim.Close() }

// send signs and sends a transaction (to nil: a contract creation), mines it
// and returns its receipt. A zero gas limit is estimated.
func (c *chain) send(ctx context.Context, to *common.Address, data []byte, gas uint64) (*types.Receipt, error) {
	nonce, err := c.client.PendingNonceAt(ctx, c.from)
	if err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	if gas == 0 {
		gas, err = c.client.EstimateGas(ctx, ethereum.CallMsg{From: c.from, To: to, Data: data})
		if err != nil {
			return nil, fmt.Errorf("estimate gas: %w", err)
		}
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   c.chainID,
		Nonce:     nonce,
		GasTipCap: big.NewInt(params.GWei),
		GasFeeCap: big.NewInt(100 * params.GWei),
		Gas:       gas,
		To:        to,
		Data:      data,
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(c.chainID), c.key)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if err := c.client.SendTransaction(ctx, signed); err != nil {
		return nil, fmt.Errorf("send: %w", err)
	}
	c.sim.Commit()
	r, err := c.client.TransactionReceipt(ctx, signed.Hash())
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	return r, nil
}

// deploy creates a contract from its creation bytecode.
func (c *chain) deploy(ctx context.Context, bin []byte) (common.Address, error) {
	r, err := c.send(ctx, nil, bin, 0)
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy: %w", err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return common.Address{}, errors.New("deploy: creation reverted")
	}
	return r.ContractAddress, nil
}

// call runs an eth_call with an optional gas limit (0: the node's default).
func (c *chain) call(ctx context.Context, to common.Address, data []byte, gas uint64) ([]byte, error) {
	return c.client.CallContract(ctx, ethereum.CallMsg{From: c.from, To: &to, Data: data, Gas: gas}, nil)
}

// revertData returns the revert data an eth_call error carries, if any.
func revertData(err error) (string, bool) {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return "", false
	}
	s, ok := de.ErrorData().(string)
	return strings.TrimPrefix(s, "0x"), ok
}

// calldataGas is what a transaction's data costs before execution (EIP-2028:
// 4 gas per zero byte, 16 per other byte).
func calldataGas(data []byte) uint64 {
	var g uint64
	for _, b := range data {
		if b == 0 {
			g += 4
		} else {
			g += 16
		}
	}
	return g
}
