package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// demoSteps are lines every settle demo prints.
var demoSteps = []string{
	"SubnetRegistry at 0x", "DeviceRegistry at 0x", "TestToken at 0x", "RewardDistributor at 0x",
	"register subnet", "approve maker", "register ed25519 device", "register p256 device",
	"replay the maker's signature", "refused: DeviceExists(",
	"revoke device", "refused: UnderQuorum(", "post epoch 1: ", "refused: EpochExists(",
	"claims of epoch 1, each paid exactly its amount", "refused: AlreadyClaimed(",
	"claim epochs 2 and 3 in one call", "post checkpoint of epoch 1", "refused: StaleCheckpoint(",
	"done\n",
}

// TestSettleDemo runs the story on the embedded chain; the coverage step
// (gnark and solc) runs without the race detector only.
func TestSettleDemo(t *testing.T) {
	args := []string{"settle", "demo", "--claims", "5"}
	if raceEnabled {
		args = append(args, "--coverage=false")
	}
	r := runCLI(t, nil, args...)
	requireOK(t, r)
	for _, want := range demoSteps {
		require.Contains(t, r.stdout, want)
	}
	require.Contains(t, r.stdout, "5 claims of epoch 1")
	require.Contains(t, r.stdout, "chain: embedded simulated chain, id 1337")
	if !raceEnabled {
		require.Contains(t, r.stdout, "verify a Groth16 coverage proof on chain")
		require.Contains(t, r.stdout, "refused: InvalidProof(")
	}
	// Every transaction step reports its gas.
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "  register") || strings.HasPrefix(line, "  post epoch 1: ") {
			require.Regexp(t, ` [0-9]+ gas$`, line)
		}
	}
}

// TestSettleDemoRPC runs the story against a JSON-RPC endpoint on loopback:
// go-ethereum's simulated chain served over HTTP, sealing a block every few
// milliseconds, with the operator's key file funded at genesis.
func TestSettleDemoRPC(t *testing.T) {
	key, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	keyFile := filepath.Join(t.TempDir(), "operator.key")
	require.NoError(t, device.SaveKeyFile(keyFile, key, false))
	operator, err := key.Public().Address()
	require.NoError(t, err)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	serve := func(n *node.Config, _ *ethconfig.Config) {
		n.HTTPHost, n.HTTPPort, n.HTTPModules = "127.0.0.1", port, []string{"eth", "net", "web3"}
	}
	balance := new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	sim := simulated.NewBackend(types.GenesisAlloc{operator: {Balance: balance}}, serve)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the chain's block producer
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(5 * time.Millisecond):
				sim.Commit()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		require.NoError(t, sim.Close())
	})

	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	r := runCLI(t, nil, "settle", "demo", "--rpc", url, "--key", keyFile, "--poll", "5ms", "--claims", "3", "--coverage=false")
	requireOK(t, r)
	require.Contains(t, r.stdout, "chain: "+url+", id 1337")
	require.Contains(t, r.stdout, "operator: "+operator.Hex())
	for _, want := range demoSteps {
		require.Contains(t, r.stdout, want)
	}
	require.Contains(t, r.stdout, "skipped (--coverage=false)")
}

func TestSettleDemoErrors(t *testing.T) {
	dir := t.TempDir()
	ed, err := device.GenerateKey(device.Ed25519, rand.Reader)
	require.NoError(t, err)
	edFile := filepath.Join(dir, "ed.key")
	require.NoError(t, device.SaveKeyFile(edFile, ed, false))
	k1, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	k1File := filepath.Join(dir, "k1.key")
	require.NoError(t, device.SaveKeyFile(k1File, k1, false))
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--rpc", "http://127.0.0.1:1"}, []string{"--rpc and --key go together"}},
		{[]string{"--key", k1File}, []string{"--rpc and --key go together"}},
		{[]string{"--claims", "0"}, []string{"--claims 0"}},
		{[]string{"--claims", "10001"}, []string{"--claims 10001"}},
		{[]string{"--poll", "0s"}, []string{"--poll"}},
		{[]string{"--rpc", "http://127.0.0.1:1", "--key", edFile}, []string{"--key", "not a secp256k1 key"}},
		{[]string{"--rpc", "http://127.0.0.1:1", "--key", filepath.Join(dir, "missing.key")}, []string{"--key", "missing.key"}},
		{[]string{"--rpc", "ftp://127.0.0.1:1", "--key", k1File}, []string{"ftp://127.0.0.1:1"}},
		{[]string{"--rpc", "http://127.0.0.1:1", "--key", k1File, "--timeout", "5s"}, []string{"chain id"}},
		{[]string{"extra"}, []string{"unknown command"}},
	} {
		r := runCLI(t, nil, append([]string{"settle", "demo"}, tc.args...)...)
		requireFailure(t, r, tc.want...)
	}
}
