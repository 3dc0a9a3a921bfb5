package solidity

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"sync"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/plonk"
	gnarksol "github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/frontend/cs/scs"
	"github.com/consensys/gnark/test/unsafekzg"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/solc"
	"github.com/depinkit/depinkit/proof/circuit"
)

var field = ecc.BN254.ScalarField()

// defaultFixtureTimeout bounds one solc run and the deployments after it.
const defaultFixtureTimeout = 3 * time.Minute

// TestMain closes the simulated chain the tests share, if they started one.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.chain != nil {
		_ = shared.chain.Close()
	}
	os.Exit(code)
}

// onChain is one circuit under one backend: its keys, a valid proof made with
// the Solidity target option, and its ProofVerifier deployed on the chain.
type onChain struct {
	name    string // "coverage/groth16"...
	backend backend.ID
	ccs     constraint.ConstraintSystem
	g16pk   groth16.ProvingKey
	g16vk   groth16.VerifyingKey
	plonkPK plonk.ProvingKey
	plonkVK plonk.VerifyingKey
	sources map[string]string
	valid   Call
	addr    common.Address
}

// newOnChain compiles c for the backend, runs a test-only setup (Groth16 dev
// setup, PLONK on an unsafe KZG SRS), proves assignment for the chain and
// checks the proof with gnark's Go verifier first.
func newOnChain(b backend.ID, c, assignment frontend.Circuit) (*onChain, error) {
	o := &onChain{backend: b}
	var err error
	switch b {
	case backend.GROTH16:
		if o.ccs, err = frontend.Compile(field, r1cs.NewBuilder, c); err != nil {
			return nil, err
		}
		if o.g16pk, o.g16vk, err = groth16.Setup(o.ccs); err != nil {
			return nil, err
		}
		if o.sources, err = Groth16Sources(o.g16vk); err != nil {
			return nil, err
		}
	case backend.PLONK:
		if o.ccs, err = frontend.Compile(field, scs.NewBuilder, c); err != nil {
			return nil, err
		}
		srs, lagrange, err := unsafekzg.NewSRS(o.ccs)
		if err != nil {
			return nil, err
		}
		if o.plonkPK, o.plonkVK, err = plonk.Setup(o.ccs, srs, lagrange); err != nil {
			return nil, err
		}
		if o.sources, err = PlonkSources(o.plonkVK); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("backend %s", b)
	}
	if o.valid, err = o.prove(assignment, gnarksol.WithProverTargetSolidityVerifier(b)); err != nil {
		return nil, err
	}
	return o, nil
}

// prove proves assignment with the prover options given, checks the proof
// in Go (with the verifier options that match proving for the chain, when the
// prover had them) and returns the contract call.
func (o *onChain) prove(assignment frontend.Circuit, opts ...backend.ProverOption) (Call, error) {
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		return Call{}, err
	}
	pub, err := w.Public()
	if err != nil {
		return Call{}, err
	}
	var vopts []backend.VerifierOption
	if len(opts) > 0 {
		vopts = append(vopts, gnarksol.WithVerifierTargetSolidityVerifier(o.backend))
	}
	switch o.backend {
	case backend.GROTH16:
		p, err := groth16.Prove(o.ccs, o.g16pk, w, opts...)
		if err != nil {
			return Call{}, err
		}
		if err := groth16.Verify(p, o.g16vk, pub, vopts...); err != nil {
			return Call{}, fmt.Errorf("go verifier: %w", err)
		}
		return Groth16Call(p, pub)
	default:
		p, err := plonk.Prove(o.ccs, o.plonkPK, w, opts...)
		if err != nil {
			return Call{}, err
		}
		if err := plonk.Verify(p, o.plonkVK, pub, vopts...); err != nil {
			return Call{}, fmt.Errorf("go verifier: %w", err)
		}
		return PlonkCall(p, pub)
	}
}

// compileAll compiles the sources of every onChain in one solc run (one node
// start), each under its own directory, and deploys their ProofVerifier.
func compileAll(ctx context.Context, ch *chain, all map[string]*onChain) error {
	sources := make(map[string]string)
	for dir, o := range all {
		for file, text := range o.sources {
			sources[path.Join(dir, file)] = text
		}
	}
	contracts, err := solc.Compile(ctx, sources, solc.Options{})
	if err != nil {
		return err
	}
	for dir, o := range all {
		o.name = dir
		c, err := contracts.Get(path.Join(dir, WrapperFile) + ":" + WrapperContract)
		if err != nil {
			return err
		}
		if o.addr, err = ch.deploy(ctx, c.Bin); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
	}
	return nil
}

// coverageCase is a Coverage statement and the values it is made of.
type coverageCase struct {
	pos, point circuit.Position
	radius     uint32
	nonce      fr.Element
	key        *device.PrivateKey
}

func newCoverageCase() (*coverageCase, error) {
	r := rand.New(rand.NewPCG(7, 0x5eed))
	key, err := device.GenerateKey(device.EdDSABN254, randReader{r})
	if err != nil {
		return nil, err
	}
	c := &coverageCase{
		pos:    circuit.Position{X: 1_200_000, Y: -350_000},
		point:  circuit.Position{X: 1_200_150, Y: -350_200},
		radius: 300,
		key:    key,
	}
	c.nonce.SetUint64(r.Uint64())
	return c, nil
}

func (c *coverageCase) assignment() (*circuit.Coverage, error) {
	sig, err := c.key.Sign(circuit.NonceMessage(c.nonce))
	if err != nil {
		return nil, err
	}
	return circuit.CoverageAssignment(c.pos, c.point, c.radius, c.nonce, c.key.Public(), sig)
}

// public returns the public inputs a verifier assigns for another point,
// radius or nonce: what a wrong claim looks like on chain.
func (c *coverageCase) public(point circuit.Position, radius uint32, nonce fr.Element) (Call, error) {
	pub, err := circuit.CoveragePublic(point, radius, nonce, c.key.Public())
	if err != nil {
		return Call{}, err
	}
	w, err := frontend.NewWitness(pub, field, frontend.PublicOnly())
	if err != nil {
		return Call{}, err
	}
	in, err := Inputs(w)
	return Call{Input: in}, err
}

// randReader adapts a seeded source to io.Reader for key generation.
type randReader struct{ r *rand.Rand }

func (r randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

// commitCircuit has a Groth16 commitment (gnark's BSB22), whose challenge the
// prover hashes to the field: a circuit where the Solidity target option
// matters.
type commitCircuit struct {
	X, Y frontend.Variable `gnark:",public"`
	W    frontend.Variable
}

func (c *commitCircuit) Define(api frontend.API) error {
	xw := api.Mul(c.X, c.W)
	api.AssertIsEqual(xw, c.Y)
	committer, ok := api.(frontend.Committer)
	if !ok {
		return fmt.Errorf("builder %T cannot commit", api)
	}
	challenge, err := committer.Commit(c.W, xw)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(challenge, 0)
	return nil
}

// fixture is what the tests share: one chain, and the Coverage circuit and
// commitCircuit proved and deployed.
type fixture struct {
	chain    *chain
	coverage *coverageCase
	groth16  *onChain // Coverage
	plonk    *onChain // Coverage
	commit   *onChain // commitCircuit, Groth16
	commitP  *onChain // commitCircuit, PLONK
	setup    time.Duration
}

var (
	sharedOnce sync.Once
	shared     fixture
	sharedErr  error
)

// setup builds the fixture once per test binary: about 15 s of key setup,
// proving and compiling on two loaded cores.
func setup(t testing.TB) *fixture {
	t.Helper()
	require.NoError(t, solc.Installed(solc.Options{}))
	sharedOnce.Do(func() { sharedErr = shared.build() })
	require.NoError(t, sharedErr, "fixture")
	return &shared
}

func (f *fixture) build() error {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), defaultFixtureTimeout)
	defer cancel()
	var err error
	if f.coverage, err = newCoverageCase(); err != nil {
		return err
	}
	a, err := f.coverage.assignment()
	if err != nil {
		return err
	}
	if f.groth16, err = newOnChain(backend.GROTH16, &circuit.Coverage{}, a); err != nil {
		return fmt.Errorf("coverage groth16: %w", err)
	}
	if f.plonk, err = newOnChain(backend.PLONK, &circuit.Coverage{}, a); err != nil {
		return fmt.Errorf("coverage plonk: %w", err)
	}
	if f.commit, err = newOnChain(backend.GROTH16, &commitCircuit{}, &commitCircuit{X: 3, Y: 15, W: 5}); err != nil {
		return fmt.Errorf("commitment groth16: %w", err)
	}
	if f.commitP, err = newOnChain(backend.PLONK, &commitCircuit{}, &commitCircuit{X: 3, Y: 15, W: 5}); err != nil {
		return fmt.Errorf("commitment plonk: %w", err)
	}
	if f.chain, err = newChain(); err != nil {
		return err
	}
	err = compileAll(ctx, f.chain, map[string]*onChain{
		"coverage/groth16": f.groth16, "coverage/plonk": f.plonk, "commit/groth16": f.commit,
		"commit/plonk": f.commitP,
	})
	f.setup = time.Since(start)
	return err
}

// all returns every deployed verifier.
func (f *fixture) all() []*onChain { return []*onChain{f.groth16, f.plonk, f.commit, f.commitP} }

// verify runs verify(call) on the contract at o as an eth_call and returns
// its result; it fails the test if the call reverts.
func (f *fixture) verify(t testing.TB, o *onChain, c Call) bool {
	t.Helper()
	data, err := c.Calldata()
	require.NoError(t, err)
	ret, err := f.chain.call(context.Background(), o.addr, data, 0)
	require.NoError(t, err, "verify reverted")
	ok, err := ParseResult(ret)
	require.NoError(t, err)
	return ok
}
