package proof

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

// Batch verification of Groth16 proofs under one verifying key. A proof
// (A, B, C) with public inputs x verifies when
//
//	e(A, B) · e(C, -δ) · e(L(x), -γ) · e(-α, β) = 1,   L(x) = K₀ + Σⱼ xⱼ·Kⱼ
//
// For k proofs and random 128-bit r₁..r_k, the product of the k equations each
// raised to rᵢ is
//
//	Πᵢ e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·Cᵢ, -δ) · e(Σ rᵢ·L(xᵢ), -γ) · e(-(Σ rᵢ)·α, β) = 1
//
// one Miller loop of k+3 pairs and one final exponentiation instead of k of
// each; Σ rᵢ·L(xᵢ) is one small multi-scalar multiplication over the public
// input bases. If any proof is invalid the product is 1 with probability at
// most 2⁻¹²⁸ over the rᵢ. The rᵢ are derived by hashing every proof and
// input of the batch (Fiat-Shamir), so the result is deterministic and a
// prover cannot pick proofs after seeing them. Proofs with Pedersen
// commitments (none of this package's circuits have them) are not batched.
//
// The proofs' points were checked to be in their subgroups when they were
// parsed (ParseProof) or made by a Prover.

// groth16Item is one proof of a batch with its public inputs, and the proof's
// wire body (what the batch coefficients hash: it is already encoded).
type groth16Item struct {
	proof  *groth16bn254.Proof
	body   []byte
	public fr.Vector
}

// groth16Public returns the public input vector of a claim for batching.
func groth16Public(c Claim) (fr.Vector, error) {
	w, err := PublicWitness(c)
	if err != nil {
		return nil, err
	}
	v, ok := w.Vector().(fr.Vector)
	if !ok {
		return nil, ErrInvalidProof
	}
	return v, nil
}

// batchVerifyGroth16 reports whether every item verifies under vk (false
// when any does not, or when the batch cannot be checked this way).
func batchVerifyGroth16(vk *groth16bn254.VerifyingKey, items []groth16Item) bool {
	nPub := len(vk.G1.K) - 1
	if len(items) == 0 || len(vk.PublicAndCommitmentCommitted) != 0 || len(vk.CommitmentKeys) != 0 {
		return false
	}
	for _, it := range items {
		if len(it.public) != nPub || len(it.proof.Commitments) != 0 {
			return false
		}
	}
	rs := batchScalars(items)

	k := len(items)
	ps := make([]bn254.G1Affine, 0, k+3)
	qs := make([]bn254.G2Affine, 0, k+3)
	cs := make([]bn254.G1Affine, k)
	var rSum fr.Element
	coeffs := make([]fr.Element, nPub) // Σᵢ rᵢ·xᵢⱼ
	var rBig big.Int
	for i, it := range items {
		rs[i].BigInt(&rBig)
		var ra bn254.G1Affine
		ra.ScalarMultiplication(&it.proof.Ar, &rBig)
		ps = append(ps, ra)
		qs = append(qs, it.proof.Bs)
		cs[i] = it.proof.Krs
		rSum.Add(&rSum, &rs[i])
		for j := range coeffs {
			var t fr.Element
			t.Mul(&rs[i], &it.public[j])
			coeffs[j].Add(&coeffs[j], &t)
		}
	}
	var cSum bn254.G1Jac
	if _, err := cSum.MultiExp(cs, rs, ecc.MultiExpConfig{NbTasks: 1}); err != nil {
		return false
	}
	// Σ rᵢ·L(xᵢ) = (Σ rᵢ)·K₀ + Σⱼ (Σᵢ rᵢ·xᵢⱼ)·Kⱼ
	var lSum bn254.G1Jac
	if nPub > 0 {
		if _, err := lSum.MultiExp(vk.G1.K[1:], coeffs, ecc.MultiExpConfig{NbTasks: 1}); err != nil {
			return false
		}
	}
	var k0 bn254.G1Jac
	k0.FromAffine(&vk.G1.K[0])
	k0.ScalarMultiplication(&k0, rSum.BigInt(&rBig))
	lSum.AddAssign(&k0)

	var alpha bn254.G1Jac
	alpha.FromAffine(&vk.G1.Alpha)
	alpha.ScalarMultiplication(&alpha, rSum.BigInt(&rBig))
	alpha.Neg(&alpha)

	var deltaNeg, gammaNeg bn254.G2Affine
	deltaNeg.Neg(&vk.G2.Delta)
	gammaNeg.Neg(&vk.G2.Gamma)
	var cAff, lAff, aAff bn254.G1Affine
	cAff.FromJacobian(&cSum)
	lAff.FromJacobian(&lSum)
	aAff.FromJacobian(&alpha)
	ps = append(ps, cAff, lAff, aAff)
	qs = append(qs, deltaNeg, gammaNeg, vk.G2.Beta)

	ml, err := bn254.MillerLoop(ps, qs)
	if err != nil {
		return false
	}
	res := bn254.FinalExponentiation(&ml)
	return res.IsOne()
}

// batchScalars derives the 128-bit random coefficients of a batch from a
// hash of all its proofs and public inputs.
func batchScalars(items []groth16Item) []fr.Element {
	h := sha256.New()
	h.Write([]byte("depinkit/proof/groth16-batch/1"))
	for _, it := range items {
		h.Write(it.body)
		for j := range it.public {
			b := it.public[j].Bytes()
			h.Write(b[:])
		}
	}
	seed := h.Sum(nil)
	out := make([]fr.Element, len(items))
	for i := range out {
		var ctr [8]byte
		binary.BigEndian.PutUint64(ctr[:], uint64(i))
		d := sha256.Sum256(append(append([]byte(nil), seed...), ctr[:]...))
		out[i].SetBytes(d[:16]) // 128 bits
		if out[i].IsZero() {
			out[i].SetOne()
		}
	}
	return out
}
