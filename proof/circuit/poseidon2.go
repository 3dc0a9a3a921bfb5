package circuit

import (
	"fmt"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	p2native "github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/hash"
	"github.com/consensys/gnark/std/permutation/poseidon2"
)

// Poseidon2 parameters on BN254: the defaults of gnark-crypto's
// ecc/bn254/fr/poseidon2 (GetDefaultParameters), which the device package uses to
// map messages to field elements and to hash H(R, A, M) in EdDSA-BN254.
const (
	Poseidon2Width         = 2
	Poseidon2FullRounds    = 6
	Poseidon2PartialRounds = 50
)

// NewPermutation returns the in-circuit Poseidon2 permutation on BN254 with the
// parameters above. gnark v0.14.0's poseidon2.NewPoseidon2 only knows default
// parameters for BLS12-377, so the permutation is built from its parameters
// (NewPoseidon2FromParameters derives the same round keys as gnark-crypto's
// NewParameters). It fails unless api works over the BN254 scalar field.
func NewPermutation(api frontend.API) (*poseidon2.Permutation, error) {
	p, err := poseidon2.NewPoseidon2FromParameters(api, Poseidon2Width, Poseidon2FullRounds, Poseidon2PartialRounds)
	if err != nil {
		return nil, fmt.Errorf("circuit: poseidon2: %w", err)
	}
	return p, nil
}

// NewHasher returns the in-circuit Poseidon2 Merkle-Damgard hasher that agrees with
// gnark-crypto's native poseidon2.NewMerkleDamgardHasher() on BN254: IV zero, and
// each written element x updates the state s to Compress(s, x), where
// Compress(l, r) = Permutation(l, r)[1] + r. Sum returns the state.
func NewHasher(api frontend.API) (hash.FieldHasher, error) {
	p, err := NewPermutation(api)
	if err != nil {
		return nil, err
	}
	return hash.NewMerkleDamgardHasher(api, p, 0), nil
}

// Hash is the native counterpart of NewHasher: Poseidon2-MD over the elements,
// exactly what gnark-crypto's poseidon2.NewMerkleDamgardHasher() computes when each
// element is written as 32 big-endian bytes.
func Hash(elems ...fr.Element) fr.Element {
	var s fr.Element // IV zero
	for i := range elems {
		s = Compress(s, elems[i])
	}
	return s
}

// Compress is the native Poseidon2 compression function of the Merkle-Damgard
// hasher and of the Merkle trees in this package: Permutation(l, r)[1] + r.
func Compress(left, right fr.Element) fr.Element {
	x := [2]fr.Element{left, right}
	// Permutation only fails on a wrong buffer length, which cannot happen here.
	_ = nativePermutation().Permutation(x[:])
	x[1].Add(&x[1], &right)
	return x[1]
}

// nativePermutation is built once: deriving the round keys costs more than a
// permutation. A Permutation only reads its parameters, so it is safe to share.
var nativePermutation = sync.OnceValue(func() *p2native.Permutation {
	return p2native.NewPermutation(Poseidon2Width, Poseidon2FullRounds, Poseidon2PartialRounds)
})
