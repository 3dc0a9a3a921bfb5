package circuit

import (
	"fmt"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	p2native "github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"
)

// hashCircuit hashes In with the in-circuit Merkle-Damgard Poseidon2 hasher.
type hashCircuit struct {
	In  []frontend.Variable
	Out frontend.Variable `gnark:",public"`
}

func (c *hashCircuit) Define(api frontend.API) error {
	h, err := NewHasher(api)
	if err != nil {
		return err
	}
	h.Write(c.In...)
	api.AssertIsEqual(h.Sum(), c.Out)
	return nil
}

// gnarkCryptoHash is the reference: gnark-crypto's native Merkle-Damgard hasher,
// fed each element as 32 big-endian bytes, as package device does.
func gnarkCryptoHash(t *testing.T, in []fr.Element) fr.Element {
	h := p2native.NewMerkleDamgardHasher()
	for i := range in {
		b := in[i].Bytes()
		_, err := h.Write(b[:])
		require.NoError(t, err)
	}
	var out fr.Element
	require.NoError(t, out.SetBytesCanonical(h.Sum(nil)))
	return out
}

// TestPoseidon2Agreement is the acceptance check of issue 5: for random inputs
// (and the edge values 0 and p-1) the in-circuit hash equals gnark-crypto's native
// poseidon2.NewMerkleDamgardHasher(), and so does the native Hash.
func TestPoseidon2Agreement(t *testing.T) {
	r := rng(1)
	var pMinus1 fr.Element
	pMinus1.SetOne().Neg(&pMinus1)
	assert := test.NewAssert(t)
	for n := range 7 {
		in := make([]fr.Element, n)
		for i := range in {
			in[i] = randElement(r)
		}
		if n == 2 {
			in[0], in[1] = fr.Element{}, pMinus1
		}
		want := gnarkCryptoHash(t, in)
		require.Equal(t, want, Hash(in...), "native Hash, %d inputs", n)

		vars := make([]frontend.Variable, n)
		for i := range in {
			vars[i] = in[i]
		}
		circuit := &hashCircuit{In: make([]frontend.Variable, n)}
		mustSolve(t, circuit, &hashCircuit{In: vars, Out: want})
		var wrong fr.Element
		wrong.SetOne().Add(&wrong, &want)
		assert.Run(func(assert *test.Assert) {
			assert.ProverSucceeded(circuit, &hashCircuit{In: vars, Out: want}, checkOpts...)
			assert.ProverFailed(circuit, &hashCircuit{In: vars, Out: wrong}, checkOpts...)
		}, fmt.Sprintf("inputs=%d", n))
	}
}

// TestCompressMatchesGnarkCrypto checks the native compression function against
// gnark-crypto's Permutation.Compress on byte encodings.
func TestCompressMatchesGnarkCrypto(t *testing.T) {
	r := rng(2)
	perm := p2native.NewPermutation(Poseidon2Width, Poseidon2FullRounds, Poseidon2PartialRounds)
	for range 20 {
		a, b := randElement(r), randElement(r)
		ab, bb := a.Bytes(), b.Bytes()
		want, err := perm.Compress(ab[:], bb[:])
		require.NoError(t, err)
		got := Compress(a, b)
		gb := got.Bytes()
		require.Equal(t, want, gb[:])
	}
	// The parameters are gnark-crypto's defaults, which package device uses.
	def := p2native.GetDefaultParameters()
	require.Equal(t, [3]int{Poseidon2Width, Poseidon2FullRounds, Poseidon2PartialRounds},
		[3]int{def.Width, def.NbFullRounds, def.NbPartialRounds})
}
