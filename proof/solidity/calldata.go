package solidity

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	plonkbn254 "github.com/consensys/gnark/backend/plonk/bn254"
	"github.com/consensys/gnark/backend/witness"

	"github.com/depinkit/depinkit/proof"
)

// ABI is the JSON ABI of the part of ProofVerifier this package documents:
// verify, its three constants and its error. The compiled contract also carries
// the functions of gnark's verifier it inherits.
const ABI = `[
  {"type":"function","name":"verify","stateMutability":"view",
   "inputs":[{"name":"proof","type":"bytes"},{"name":"input","type":"uint256[]"}],
   "outputs":[{"name":"ok","type":"bool"}]},
  {"type":"function","name":"PUBLIC_INPUTS","stateMutability":"view","inputs":[],
   "outputs":[{"name":"","type":"uint256"}]},
  {"type":"function","name":"PROOF_SIZE","stateMutability":"view","inputs":[],
   "outputs":[{"name":"","type":"uint256"}]},
  {"type":"function","name":"MIN_GAS","stateMutability":"view","inputs":[],
   "outputs":[{"name":"","type":"uint256"}]},
  {"type":"error","name":"VerifierOutOfGas","inputs":[]}
]`

// VerifySelector is the selector of verify(bytes,uint256[]): the first four
// bytes of its keccak256.
var VerifySelector = [4]byte{0x96, 0x49, 0xda, 0xae}

// Call holds the arguments of ProofVerifier.verify(bytes proof, uint256[] input).
type Call struct {
	Proof []byte     // the proof, encoded for the contract
	Input []*big.Int // the public inputs, in the circuit's order
}

// Groth16Call returns the verify arguments for a BN254 Groth16 proof and its
// public witness (a full witness is cut to its public part). Proof holds the
// big-endian words of gnark's verifyProof arguments before the input: A, B, C
// (Proof.MarshalSolidity's 256 bytes; B as EIP-197 orders G2 coordinates),
// then for a circuit with a commitment, the commitment and its proof of
// knowledge (64 bytes each).
//
// The proof must come from groth16.Prove with
// solidity.WithProverTargetSolidityVerifier(backend.GROTH16): otherwise a
// circuit with a commitment gets a proof that verifies in Go and fails on
// chain (see the package documentation).
func Groth16Call(pr groth16.Proof, public witness.Witness) (Call, error) {
	p, ok := pr.(*groth16bn254.Proof)
	if !ok {
		return Call{}, fmt.Errorf("%w: groth16 proof %T", ErrCurve, pr)
	}
	if len(p.Commitments) > 1 {
		return Call{}, fmt.Errorf("%w: %d groth16 commitments (gnark's verifier takes at most one)", ErrUnsupported, len(p.Commitments))
	}
	in, err := Inputs(public)
	if err != nil {
		return Call{}, err
	}
	b := p.MarshalSolidity()[:groth16ProofSize] // A, B, C; then gnark's raw commitment encoding
	if len(p.Commitments) > 0 {
		for i := range p.Commitments {
			c := p.Commitments[i].RawBytes()
			b = append(b, c[:]...)
		}
		pok := p.CommitmentPok.RawBytes()
		b = append(b, pok[:]...)
	}
	return Call{Proof: b, Input: in}, nil
}

// PlonkCall returns the verify arguments for a BN254 PLONK proof and its
// public witness (a full witness is cut to its public part): Proof is gnark's
// Proof.MarshalSolidity. Prove with
// solidity.WithProverTargetSolidityVerifier(backend.PLONK), which is a no-op
// in gnark v0.14.0 and keeps the proof on chain if gnark changes its default.
func PlonkCall(pr plonk.Proof, public witness.Witness) (Call, error) {
	p, ok := pr.(*plonkbn254.Proof)
	if !ok {
		return Call{}, fmt.Errorf("%w: plonk proof %T", ErrCurve, pr)
	}
	in, err := Inputs(public)
	if err != nil {
		return Call{}, err
	}
	return Call{Proof: p.MarshalSolidity(), Input: in}, nil
}

// Inputs returns the public inputs of a BN254 witness (full or public-only)
// as integers, in the circuit's order: what the contract takes as input.
func Inputs(w witness.Witness) ([]*big.Int, error) {
	if w == nil {
		return nil, fmt.Errorf("%w: nil witness", ErrInput)
	}
	pub, err := w.Public()
	if err != nil {
		return nil, fmt.Errorf("%w: public witness: %w", ErrInput, err)
	}
	v, ok := pub.Vector().(fr.Vector)
	if !ok {
		return nil, fmt.Errorf("%w: witness vector %T", ErrCurve, pub.Vector())
	}
	out := make([]*big.Int, len(v))
	for i := range v {
		out[i] = v[i].BigInt(new(big.Int))
	}
	return out, nil
}

// Calldata returns the ABI-encoded call verify(c.Proof, c.Input): the data of
// a transaction or eth_call to a ProofVerifier. Inputs must lie in
// [0, 2^256); the contract itself answers false for inputs at or above the
// BN254 scalar field order.
func (c Call) Calldata() ([]byte, error) {
	const word = 32
	padded := (len(c.Proof) + word - 1) / word * word
	n := 4 + 2*word + word + padded + word + len(c.Input)*word
	out := make([]byte, 0, n)
	out = append(out, VerifySelector[:]...)
	out = appendUint(out, 2*word)                // offset of proof
	out = appendUint(out, uint64(3*word+padded)) // offset of input
	out = appendUint(out, uint64(len(c.Proof)))
	out = append(out, c.Proof...)
	out = append(out, make([]byte, padded-len(c.Proof))...)
	out = appendUint(out, uint64(len(c.Input)))
	for i, x := range c.Input {
		if x == nil || x.Sign() < 0 || x.BitLen() > 256 {
			return nil, fmt.Errorf("%w: input %d is %v, not a uint256", ErrInput, i, x)
		}
		var b [word]byte
		x.FillBytes(b[:])
		out = append(out, b[:]...)
	}
	return out, nil
}

// ParseResult decodes what verify returns.
func ParseResult(ret []byte) (bool, error) {
	var one, zero [32]byte
	one[31] = 1
	switch {
	case bytes.Equal(ret, one[:]):
		return true, nil
	case bytes.Equal(ret, zero[:]):
		return false, nil
	default:
		return false, fmt.Errorf("%w: %x", ErrResult, ret)
	}
}

func appendUint(b []byte, v uint64) []byte {
	var w [32]byte
	binary.BigEndian.PutUint64(w[24:], v)
	return append(b, w[:]...)
}

// BundleCall returns the verify arguments of a proof bundle made by package
// proof's Prover (Groth16 or PLONK; its proofs target gnark's Solidity
// verifier): the proof and the claim's public inputs.
func BundleCall(b *proof.Bundle) (Call, error) {
	if b == nil || b.Claim == nil || b.Proof == nil {
		return Call{}, fmt.Errorf("%w: bundle without claim or proof", ErrInput)
	}
	pub, err := proof.PublicWitness(b.Claim)
	if err != nil {
		return Call{}, err
	}
	switch b.Proof.Backend {
	case proof.Groth16:
		return Groth16Call(b.Proof.Groth16Proof(), pub)
	case proof.PLONK:
		return PlonkCall(b.Proof.PLONKProof(), pub)
	default:
		return Call{}, fmt.Errorf("%w: a %s proof has no on-chain verifier", ErrUnsupported, b.Proof.Backend)
	}
}
