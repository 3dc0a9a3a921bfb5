package circuit

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// field is the BN254 scalar field every circuit of the package runs over.
var field = ecc.BN254.ScalarField()

// checkOpts restrict test.Assert to Groth16 on BN254. Note that in gnark v0.14.0
// ProverSucceeded/ProverFailed run the test engine and the constraint solver only;
// the Groth16 prover runs only under the prover_checks build tag, so
// proveGroth16 below runs it explicitly.
var checkOpts = []test.TestingOption{test.WithCurves(ecc.BN254), test.WithBackends(backend.GROTH16)}

// rng returns a deterministic random source for a test.
func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// randReader adapts a seeded source to io.Reader for key generation.
type randReader struct{ r *rand.Rand }

func (r randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

// newKey returns a deterministic EdDSA-BN254 device key.
func newKey(t testing.TB, seed uint64) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(device.EdDSABN254, randReader{rng(seed)})
	require.NoError(t, err)
	return k
}

// randElement returns a random field element.
func randElement(r *rand.Rand) fr.Element {
	var b [fr.Bytes]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	var e fr.Element
	e.SetBytes(b[:]) // reduces mod p
	return e
}

// mustSolve and mustFail check an assignment with gnark's test engine.
func mustSolve(t *testing.T, c, a frontend.Circuit) {
	t.Helper()
	require.NoError(t, test.IsSolved(c, a, field))
}

func mustFail(t *testing.T, c, a frontend.Circuit) {
	t.Helper()
	require.Error(t, test.IsSolved(c, a, field))
}

// proveGroth16 compiles c, runs a (unsafe, test-only) Groth16 setup, proves valid
// and verifies the proof against its public part, then checks that the prover
// refuses each invalid assignment. It returns the time of one proof.
func proveGroth16(t *testing.T, c, valid frontend.Circuit, invalid ...frontend.Circuit) time.Duration {
	t.Helper()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, c)
	require.NoError(t, err)
	pk, vk, err := groth16.Setup(ccs)
	require.NoError(t, err)
	w, err := frontend.NewWitness(valid, field)
	require.NoError(t, err)
	start := time.Now()
	proof, err := groth16.Prove(ccs, pk, w)
	elapsed := time.Since(start)
	require.NoError(t, err)
	pub, err := w.Public()
	require.NoError(t, err)
	require.NoError(t, groth16.Verify(proof, vk, pub))
	for _, a := range invalid {
		w, err := frontend.NewWitness(a, field)
		require.NoError(t, err)
		_, err = groth16.Prove(ccs, pk, w)
		require.Error(t, err)
	}
	return elapsed
}

// countConstraints compiles c to R1CS and returns its number of constraints.
func countConstraints(t testing.TB, c frontend.Circuit) int {
	t.Helper()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, c)
	require.NoError(t, err)
	return ccs.GetNbConstraints()
}
