package subnet_test

import (
	"context"
	"crypto/rand"
	"math/big"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// TestHelperValidator is not a test: Up's tests run it as a validator
// process (DEPINKIT_HELPER_VALIDATOR set). It checks it got the deployment,
// then waits for SIGTERM, or exits at once with status 3 if told to fail.
func TestHelperValidator(t *testing.T) {
	mode := os.Getenv("DEPINKIT_HELPER_VALIDATOR")
	if mode == "" {
		t.Skip("a helper process for TestUp")
	}
	if _, err := subnet.LoadDeployment(os.Getenv("DEPINKIT_DEPLOYMENT")); err != nil {
		os.Exit(2)
	}
	if mode == "fail" {
		os.Exit(3)
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	<-c
	os.Exit(0)
}

func initSpec(t *testing.T, n int) *subnet.Spec {
	t.Helper()
	dir := t.TempDir()
	_, err := subnet.Init(dir, subnet.InitOptions{Vertical: "telecom", Validators: n})
	require.NoError(t, err)
	spec, err := subnet.Load(filepath.Join(dir, subnet.SpecFile))
	require.NoError(t, err)
	return spec
}

// TestStartParent readies the embedded parent chain of a fresh spec: the
// subnet is registered with the spec's genesis and validator set, and every
// validator holds the reward tokens it pays epochs with.
func TestStartParent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	spec := initSpec(t, 4)
	p, err := subnet.StartParent(ctx, spec, subnet.ParentConfig{})
	require.NoError(t, err)
	defer func() { require.NoError(t, p.Close()) }()
	d := p.Deployment
	require.Equal(t, spec.GenesisHash(), d.Genesis)
	require.Equal(t, evm.SubnetIDOf(d.Operator, d.Genesis), d.SubnetID())
	require.Regexp(t, `^http://127\.0\.0\.1:[0-9]+$`, d.RPC)
	set, err := p.Operator.Validators(ctx, d.SubnetID())
	require.NoError(t, err)
	require.ElementsMatch(t, spec.EVMValidators(), set.Validators)

	// A validator process reaches the chain over its RPC with its own key.
	keys, err := spec.LoadKeys(2)
	require.NoError(t, err)
	s, err := evm.Dial(ctx, d.RPC, keys.Settlement)
	require.NoError(t, err)
	defer s.Close()
	s = s.WithAddresses(d.Contracts)
	bal, err := s.TokenBalance(ctx, s.From())
	require.NoError(t, err)
	require.Positive(t, bal.Sign(), "funded with reward tokens")

	path := filepath.Join(t.TempDir(), subnet.DeploymentFile)
	require.NoError(t, d.Save(path))
	back, err := subnet.LoadDeployment(path)
	require.NoError(t, err)
	require.Equal(t, d, back)
	require.NoError(t, os.WriteFile(path, []byte(`{"rpc":""}`), 0o644))
	_, err = subnet.LoadDeployment(path)
	require.ErrorContains(t, err, "rpc")
}

// TestUp launches a subnet's validators as processes, stops them all when
// its context ends, and returns the error of one that exits on its own.
func TestUp(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	spec := initSpec(t, 2)
	command := func(mode string) func(int, string) (*exec.Cmd, error) {
		return func(_ int, deployment string) (*exec.Cmd, error) {
			c := exec.Command(os.Args[0], "-test.run=^TestHelperValidator$")
			c.Env = append(os.Environ(), "DEPINKIT_HELPER_VALIDATOR="+mode, "DEPINKIT_DEPLOYMENT="+deployment)
			return c, nil
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- subnet.Up(ctx, spec, subnet.UpConfig{Command: command("run")}) }()
	require.Eventually(t, func() bool {
		_, err := os.Stat(filepath.Join(spec.Dir, subnet.DeploymentFile))
		return err == nil
	}, 30*time.Second, 10*time.Millisecond)
	time.Sleep(300 * time.Millisecond) // the validators run
	select {
	case err := <-done:
		t.Fatalf("Up returned while its validators run: %v", err)
	default:
	}
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("Up did not stop its validators")
	}

	err := subnet.Up(context.Background(), spec, subnet.UpConfig{Command: command("fail")})
	require.ErrorContains(t, err, "exit status 3")
}

// TestStartParentDialled readies a parent chain reached over JSON-RPC, as
// one a subnet settles on in production: the operator's funded key deploys,
// registers, and sends the validators gas money and reward tokens.
func TestStartParentDialled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	spec := initSpec(t, 2)
	operator, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	chain, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}, RPC: "127.0.0.1:0", AutoCommit: 10 * time.Millisecond})
	require.NoError(t, err)
	defer chain.Close()
	spec.Parent.RPC = chain.RPCURL()
	require.NoError(t, spec.Validate())

	_, err = subnet.StartParent(ctx, spec, subnet.ParentConfig{})
	require.ErrorContains(t, err, "operator key is required")
	p, err := subnet.StartParent(ctx, spec, subnet.ParentConfig{Operator: operator})
	require.NoError(t, err)
	defer func() { require.NoError(t, p.Close()) }()
	require.Equal(t, chain.RPCURL(), p.Deployment.RPC)
	ec, err := ethclient.DialContext(ctx, chain.RPCURL())
	require.NoError(t, err)
	defer ec.Close()
	for _, v := range spec.EVMValidators() {
		wei, err := ec.BalanceAt(ctx, v.Address, nil)
		require.NoError(t, err)
		require.Equal(t, big.NewInt(1e17), wei, "gas money")
		tokens, err := p.Operator.TokenBalance(ctx, v.Address)
		require.NoError(t, err)
		require.Positive(t, tokens.Sign())
	}
	set, err := p.Operator.Validators(ctx, p.Deployment.SubnetID())
	require.NoError(t, err)
	require.ElementsMatch(t, spec.EVMValidators(), set.Validators)
}
