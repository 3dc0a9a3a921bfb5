package circuit

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
)

// The Merkle tree of a reading series: a complete binary tree over a power-of-two
// number of leaves, leaf i being reading i as a field element, each node
// Compress(left, right) (one Poseidon2 permutation, see Compress). Every leaf sits
// at the same depth, fixed by the circuit size, so a node can never pass for a
// leaf; a tree over N leaves costs N-1 compressions.

// MerkleRoot computes in-circuit the root of the tree over leaves, whose number
// must be a power of two (one leaf is its own root).
func MerkleRoot(api frontend.API, leaves []frontend.Variable) (frontend.Variable, error) {
	if !isPowerOfTwo(len(leaves)) {
		return nil, fmt.Errorf("%w: %d leaves, want a power of two", ErrSize, len(leaves))
	}
	p, err := NewPermutation(api)
	if err != nil {
		return nil, err
	}
	level := append([]frontend.Variable(nil), leaves...)
	for len(level) > 1 {
		for i := range len(level) / 2 {
			level[i] = p.Compress(level[2*i], level[2*i+1])
		}
		level = level[:len(level)/2]
	}
	return level[0], nil
}

// ReadingsRoot computes natively the root MerkleRoot computes over the readings,
// whose number must be a power of two: what a device signs (with
// ElementMessage(RootTag, root)) and what the Usage and Threshold circuits take as
// their public Root.
func ReadingsRoot(readings []uint64) (fr.Element, error) {
	if !isPowerOfTwo(len(readings)) {
		return fr.Element{}, fmt.Errorf("%w: %d readings, want a power of two", ErrSize, len(readings))
	}
	level := make([]fr.Element, len(readings))
	for i, r := range readings {
		level[i].SetUint64(r)
	}
	for len(level) > 1 {
		for i := range len(level) / 2 {
			level[i] = Compress(level[2*i], level[2*i+1])
		}
		level = level[:len(level)/2]
	}
	return level[0], nil
}

func isPowerOfTwo(n int) bool { return n > 0 && n&(n-1) == 0 }
