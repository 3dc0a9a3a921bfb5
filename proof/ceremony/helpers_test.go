package ceremony_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/proof/ceremony"
)

// cubic proves knowledge of x with f^rounds(x) == Y for f(x) = x³ + x + 5, and
// commits to x (a Pedersen commitment, so the ceremony's σ path runs too).
type cubic struct {
	X frontend.Variable
	Y frontend.Variable `gnark:",public"`

	rounds int
}

func (c *cubic) Define(api frontend.API) error {
	x := c.X
	for range c.rounds {
		x = api.Add(api.Mul(x, x, x), x, 5)
	}
	api.AssertIsEqual(x, c.Y)
	cm, err := api.(frontend.Committer).Commit(c.X)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(cm, 0)
	return nil
}

// cubicAssignment returns a full assignment for x.
func cubicAssignment(rounds int, x uint64) *cubic {
	var v, five fr.Element
	v.SetUint64(x)
	five.SetUint64(5)
	for range rounds {
		var cube fr.Element
		cube.Square(&v).Mul(&cube, &v)
		v.Add(&cube, &v).Add(&v, &five)
	}
	return &cubic{X: x, Y: v, rounds: rounds}
}

// testRounds gives the test circuit a few hundred constraints.
const testRounds = 150

func compileCubic(t testing.TB, rounds int) constraint.ConstraintSystem {
	t.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &cubic{rounds: rounds})
	require.NoError(t, err)
	return ccs
}

// runCeremony runs Init, n1 phase-1 contributions, ClosePhase1 and n2 phase-2
// contributions in a new directory, and returns it with the contributions.
func runCeremony(t testing.TB, ccs constraint.ConstraintSystem, n1, n2 int) (string, []ceremony.Contribution) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	_, err := ceremony.Init(ctx, dir, ccs, "test")
	require.NoError(t, err)
	var all []ceremony.Contribution
	for i := range n1 {
		c, err := ceremony.Contribute(ctx, dir, ccs, fmt.Sprintf("contributor %d", i+1))
		require.NoError(t, err)
		all = append(all, c)
	}
	if n2 < 0 {
		return dir, all
	}
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("beacon 1"))
	require.NoError(t, err)
	for i := range n2 {
		c, err := ceremony.Contribute(ctx, dir, ccs, fmt.Sprintf("contributor %d", n1+i+1))
		require.NoError(t, err)
		all = append(all, c)
	}
	return dir, all
}

// proveAndCheck proves assignment with pk and checks the proof against vk for
// the right public input and against a wrong one.
func proveAndCheck(t testing.TB, ccs constraint.ConstraintSystem, pk groth16.ProvingKey, vk groth16.VerifyingKey, good, wrongPublic frontend.Circuit) {
	t.Helper()
	w, err := frontend.NewWitness(good, ecc.BN254.ScalarField())
	require.NoError(t, err)
	proof, err := groth16.Prove(ccs, pk, w)
	require.NoError(t, err)
	pub, err := w.Public()
	require.NoError(t, err)
	require.NoError(t, groth16.Verify(proof, vk, pub))

	bad, err := frontend.NewWitness(wrongPublic, ecc.BN254.ScalarField(), frontend.PublicOnly())
	require.NoError(t, err)
	require.Error(t, groth16.Verify(proof, vk, bad), "a proof must not verify for another public input")
}

// Files are framed as magic (4), version (2), record length (4), record,
// payload, SHA-256 digest (32).

func statePath(dir string, phase, index int) string {
	return filepath.Join(dir, fmt.Sprintf("phase%d-%04d.mpc", phase, index))
}

// payloadOffset is where the state begins in a state file.
func payloadOffset(data []byte) int { return 10 + int(binary.BigEndian.Uint32(data[6:10])) }

// redigest recomputes a file's trailing digest, as a forger would.
func redigest(data []byte) {
	d := sha256.Sum256(data[:len(data)-32])
	copy(data[len(data)-32:], d[:])
}

// edit applies f to the bytes of a file and writes them back.
func edit(t testing.TB, path string, f func([]byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, f(data), 0o644))
}

// copyDir copies the regular files of src into a new directory.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644))
	}
	return dst
}
