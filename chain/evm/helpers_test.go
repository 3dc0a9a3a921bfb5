package evm

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
	"github.com/depinkit/depinkit/reward"
)

// The tests of this package share one simulated chain with the contracts
// deployed (fixture), and, for the coverage tests, one coverage key with its
// verifier deployed (coverageFixture): each is set up once per test binary.
// Tests do not run in parallel: they take turns on the chain, each on
// subnets, epochs and devices of its own.

// TestMain stops the shared chain.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.f != nil {
		_ = shared.f.sim.Close()
	}
	os.Exit(code)
}

// seeded returns a deterministic randomness source.
func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	s[0], s[1] = byte(seed), byte(seed>>8)
	return rand.NewChaCha8(s)
}

// key makes a new key of type typ from the fixture's randomness: tests
// that run again on the shared chain (-count) get other devices.
func (f *fixture) key(t testing.TB, typ device.KeyType) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(typ, f.rand)
	require.NoError(t, err)
	return k
}

// uniqueHash returns a hash no other call returns on the shared chain.
func (f *fixture) uniqueHash() common.Hash {
	return common.BigToHash(new(big.Int).SetUint64(f.genesis.Add(1)))
}

func addr(t testing.TB, k *device.PrivateKey) common.Address {
	t.Helper()
	a, err := Address(k)
	require.NoError(t, err)
	return a
}

type fixture struct {
	sim        *Simulated
	deployer   *Settler // deployed everything; DeviceRegistry's admin; TestToken's owner
	maker      *device.PrivateKey
	makerS     *Settler // the maker, funded
	owner      *device.PrivateKey
	ownerS     *Settler             // a device owner, funded
	strangerS  *Settler             // funded, no role
	validators []*device.PrivateKey // 16 validator settlement keys
	rand       *rand.ChaCha8
	genesis    atomic.Uint64 // makes each subnet's genesis unique
}

var shared struct {
	once sync.Once
	f    *fixture
	err  error
}

// setup returns the shared chain, deploying the contracts on first use.
func setup(t testing.TB) *fixture {
	t.Helper()
	shared.once.Do(func() { shared.f, shared.err = newFixture() })
	require.NoError(t, shared.err)
	return shared.f
}

func newFixture() (*fixture, error) {
	ctx := context.Background()
	r := seeded(1)
	gen := func() (*device.PrivateKey, error) { return device.GenerateKey(device.Secp256k1, r) }
	f := &fixture{rand: r}
	var funded []*device.PrivateKey
	for range 4 {
		k, err := gen()
		if err != nil {
			return nil, err
		}
		funded = append(funded, k)
	}
	f.maker, f.owner = funded[1], funded[2]
	for range 16 {
		k, err := gen()
		if err != nil {
			return nil, err
		}
		f.validators = append(f.validators, k)
	}
	var err error
	if f.sim, err = NewSimulated(SimulatedConfig{Accounts: funded}); err != nil {
		return nil, err
	}
	if f.deployer, err = f.sim.Settler(ctx, funded[0]); err != nil {
		return nil, err
	}
	if _, err := f.deployer.Deploy(ctx, DeployConfig{}); err != nil {
		return nil, err
	}
	if f.makerS, err = f.deployer.As(f.maker); err != nil {
		return nil, err
	}
	if f.ownerS, err = f.deployer.As(f.owner); err != nil {
		return nil, err
	}
	if f.strangerS, err = f.deployer.As(funded[3]); err != nil {
		return nil, err
	}
	makerAddr, _ := Address(f.maker)
	if _, err := f.deployer.ApproveMaker(ctx, makerAddr); err != nil {
		return nil, err
	}
	return f, nil
}

func ctxT(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// subnet is a registered subnet and its validators' keys.
type subnet struct {
	id    SubnetID
	keys  []*device.PrivateKey
	set   []Validator
	total uint64
}

// newSubnet registers a subnet of the first n fixture validators with the
// given stakes (all 10 if none).
func (f *fixture) newSubnet(t testing.TB, n int, stakes ...uint64) subnet {
	t.Helper()
	sn := subnet{keys: f.validators[:n]}
	for i, k := range sn.keys {
		stake := uint64(10)
		if len(stakes) > 0 {
			stake = stakes[i]
		}
		sn.set = append(sn.set, Validator{Address: addr(t, k), Stake: stake})
		sn.total += stake
	}
	genesis := f.uniqueHash()
	id, r, err := f.deployer.RegisterSubnet(ctxT(t), genesis, sn.set)
	require.NoError(t, err)
	require.NotNil(t, r)
	sn.id = id
	return sn
}

// sign has each key sign m under the fixture's deployment.
func (f *fixture) sign(t testing.TB, m Message, keys ...*device.PrivateKey) []Signature {
	t.Helper()
	var sigs []Signature
	for _, k := range keys {
		s, err := f.deployer.Deployment().Sign(k, m)
		require.NoError(t, err)
		sigs = append(sigs, s)
	}
	return sigs
}

// tree makes a claims tree of n accounts, amounts from base up.
func (f *fixture) tree(t testing.TB, n int, base int64) (*reward.MerkleTree, []reward.Claim) {
	t.Helper()
	claims := make([]reward.Claim, n)
	for i := range claims {
		var a common.Address
		_, _ = f.rand.Read(a[:])
		claims[i] = reward.Claim{Address: a, Amount: big.NewInt(base + int64(i))}
	}
	tree, err := reward.NewMerkleTree(claims)
	require.NoError(t, err)
	return tree, claims
}

// post mints an epoch's total to the deployer and posts it with the
// signatures of the subnet's first keys, enough for a quorum.
func (f *fixture) post(t testing.TB, sn subnet, e EpochRoot) {
	t.Helper()
	ctx := ctxT(t)
	_, err := f.deployer.MintTestToken(ctx, f.deployer.From(), e.Total)
	require.NoError(t, err)
	_, err = f.deployer.PostEpoch(ctx, e, f.sign(t, e, sn.keys[:quorumSize(len(sn.keys))]...))
	require.NoError(t, err)
}

// quorumSize is the fewest of n equal-stake validators above 2/3.
func quorumSize(n int) int { return 2*n/3 + 1 }

// balance returns account's reward token balance.
func (f *fixture) balance(t testing.TB, account common.Address) *big.Int {
	t.Helper()
	b, err := f.deployer.TokenBalance(ctxT(t), account)
	require.NoError(t, err)
	return b
}

// requireRevert checks that err is a revert refused before sending, wrapping
// want, whose reason is the Solidity error name.
func requireRevert(t testing.TB, err error, want error, name string) *RevertError {
	t.Helper()
	require.ErrorIs(t, err, ErrReverted)
	require.ErrorIs(t, err, want)
	var rev *RevertError
	require.ErrorAs(t, err, &rev)
	require.Equal(t, name, rev.Name, "reason: %s", rev.Reason())
	require.Equal(t, common.Hash{}, rev.Tx, "refused when estimated, never sent")
	require.Contains(t, err.Error(), name+"(")
	return rev
}

// coverage is the coverage key, its verifier deployed, and a valid bundle.
type coverage struct {
	s      *Settler // the deployer, with the CoverageVerifier
	keys   *proof.Keys
	prover *proof.Prover
	bundle *proof.Bundle
	device *device.PrivateKey
}

var sharedCoverage struct {
	once sync.Once
	c    *coverage
	err  error
}

// setupCoverage returns the shared coverage key and verifier, making them on
// first use: a Groth16 dev setup of the coverage statement, its verifier
// compiled by the pinned solc and deployed with a CoverageVerifier.
func setupCoverage(t testing.TB) *coverage {
	t.Helper()
	f := setup(t)
	sharedCoverage.once.Do(func() { sharedCoverage.c, sharedCoverage.err = newCoverage(f) })
	require.NoError(t, sharedCoverage.err)
	return sharedCoverage.c
}

func newCoverage(f *fixture) (*coverage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := &coverage{}
	var err error
	if c.keys, err = proof.DevSetup(proof.CoverageStatement(), proof.Groth16); err != nil {
		return nil, err
	}
	if c.prover, err = proof.NewProver(c.keys); err != nil {
		return nil, err
	}
	code, err := CompileProofVerifier(ctx, c.keys)
	if err != nil {
		return nil, err
	}
	c.s = f.deployer.WithAddresses(f.deployer.Addresses())
	if _, err := c.s.DeployCoverageVerifier(ctx, common.Address{}, code); err != nil {
		return nil, err
	}
	if c.device, err = device.GenerateKey(device.EdDSABN254, seeded(2)); err != nil {
		return nil, err
	}
	if c.bundle, err = c.proveFor(ctx, c.s, coverageEpoch, 600); err != nil {
		return nil, err
	}
	return c, nil
}

// coverageEpoch is the epoch the shared coverage bundle is made for.
const coverageEpoch = 41

// proveFor makes a coverage bundle that submitter may send for epoch
// (evm.CoverageNonce), with a radius.
func (c *coverage) proveFor(ctx context.Context, submitter *Settler, epoch uint64, radius uint32) (*proof.Bundle, error) {
	nonce, err := CoverageNonce(c.s.Deployment(), epoch, submitter.From())
	if err != nil {
		return nil, err
	}
	return c.prove(ctx, nonce, radius)
}

// prove makes a coverage bundle of the device 500 units from a point, for a
// nonce and a radius.
func (c *coverage) prove(ctx context.Context, nonce fr.Element, radius uint32) (*proof.Bundle, error) {
	sig, err := proof.SignNonce(c.device, nonce)
	if err != nil {
		return nil, err
	}
	w := &proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Point: circuit.Position{X: 1000, Y: 1000}, Radius: radius, Nonce: nonce, Device: c.device.Public()},
		Position:      circuit.Position{X: 1300, Y: 1400},
		Signature:     sig,
	}
	b, err := c.prover.Prove(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("prove: %w", err)
	}
	return b, nil
}

// argString returns a revert argument as formatted in reasons.
func argString(rev *RevertError, name string) string { return formatValue(rev.Arg(name)) }
