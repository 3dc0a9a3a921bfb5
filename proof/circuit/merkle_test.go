package circuit

import (
	"fmt"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	p2native "github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/stretchr/testify/require"
)

type merkleCircuit struct {
	Leaves []frontend.Variable
	Root   frontend.Variable `gnark:",public"`
}

func (c *merkleCircuit) Define(api frontend.API) error {
	r, err := MerkleRoot(api, c.Leaves)
	if err != nil {
		return err
	}
	api.AssertIsEqual(r, c.Root)
	return nil
}

// referenceRoot builds the tree with gnark-crypto's Permutation.Compress on byte
// encodings, independently of Compress.
func referenceRoot(t *testing.T, readings []uint64) fr.Element {
	perm := p2native.NewPermutation(2, 6, 50)
	level := make([][]byte, len(readings))
	for i, r := range readings {
		var e fr.Element
		e.SetUint64(r)
		b := e.Bytes()
		level[i] = b[:]
	}
	for len(level) > 1 {
		next := make([][]byte, len(level)/2)
		for i := range next {
			var err error
			next[i], err = perm.Compress(level[2*i], level[2*i+1])
			require.NoError(t, err)
		}
		level = next
	}
	var root fr.Element
	require.NoError(t, root.SetBytesCanonical(level[0]))
	return root
}

func TestMerkleRoot(t *testing.T) {
	r := rng(5)
	for _, n := range []int{1, 2, 4, 16} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			readings := make([]uint64, n)
			leaves := make([]frontend.Variable, n)
			for i := range readings {
				readings[i] = r.Uint64()
				leaves[i] = readings[i]
			}
			root, err := ReadingsRoot(readings)
			require.NoError(t, err)
			require.Equal(t, referenceRoot(t, readings), root)

			c := &merkleCircuit{Leaves: make([]frontend.Variable, n)}
			mustSolve(t, c, &merkleCircuit{Leaves: leaves, Root: root})
			// Another leaf order is another root.
			if n > 1 {
				swapped := append([]frontend.Variable(nil), leaves...)
				swapped[0], swapped[1] = swapped[1], swapped[0]
				if readings[0] != readings[1] {
					mustFail(t, c, &merkleCircuit{Leaves: swapped, Root: root})
				}
			}
		})
	}
	for _, n := range []int{0, 3, 12} {
		_, err := ReadingsRoot(make([]uint64, n))
		require.ErrorIs(t, err, ErrSize)
		require.Error(t, mustCompileErr(&merkleCircuit{Leaves: make([]frontend.Variable, n)}))
	}
}

func mustCompileErr(c frontend.Circuit) error {
	_, err := frontend.Compile(field, r1cs.NewBuilder, c)
	return err
}
