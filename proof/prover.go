package proof

import (
	"context"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	plonkbn254 "github.com/consensys/gnark/backend/plonk/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/frontend"
)

// Prover makes zero-knowledge proofs of one statement with one backend's
// proving key. It is safe for concurrent use; each Prove uses all cores.
type Prover struct {
	keys *Keys
}

// NewProver returns a prover for the keys, which must hold a proving key.
func NewProver(k *Keys) (*Prover, error) {
	if k == nil || !k.CanProve() {
		return nil, fmt.Errorf("%w: no proving key", ErrNoKey)
	}
	return &Prover{keys: k}, nil
}

// Statement returns the statement the prover proves.
func (p *Prover) Statement() Statement { return p.keys.Statement }

// Prove proves the witness's claim and returns the claim with its proof. It
// checks the statement natively first: a witness that does not satisfy it
// (outside the radius, a reading over the cap, a bad signature, a non-BN254
// device key) fails with ErrUnsatisfied before any proving work. The proof
// targets gnark's Solidity verifier too (see Proof). ctx is checked before
// and after proving, which gnark cannot interrupt.
func (p *Prover) Prove(ctx context.Context, w Witness) (*Bundle, error) {
	claim, err := w.Claim()
	if err != nil {
		return nil, err
	}
	if st := claim.Statement(); st != p.keys.Statement {
		return nil, fmt.Errorf("%w: %s witness for a %s prover", ErrKeyMismatch, st, p.keys.Statement)
	}
	a, err := w.assignment()
	if err != nil {
		return nil, err
	}
	full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("%w: witness: %w", ErrUnsatisfied, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := &Proof{Statement: p.keys.Statement, Backend: p.keys.Backend}
	switch p.keys.Backend {
	case Groth16:
		pr, perr := groth16.Prove(p.keys.cs.ccs, p.keys.g16pk, full, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
		if perr != nil {
			return nil, fmt.Errorf("%w: groth16: %w", ErrUnsatisfied, perr)
		}
		out.groth16 = pr.(*groth16bn254.Proof)
		out.body, err = encodeGroth16(out.groth16)
	case PLONK:
		pr, perr := plonk.Prove(p.keys.cs.ccs, p.keys.plonkP, full, solidity.WithProverTargetSolidityVerifier(backend.PLONK))
		if perr != nil {
			return nil, fmt.Errorf("%w: plonk: %w", ErrUnsatisfied, perr)
		}
		out.plonk = pr.(*plonkbn254.Proof)
		out.body, err = encodePLONK(out.plonk)
	default:
		return nil, fmt.Errorf("%w: %s", ErrBackend, p.keys.Backend)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Bundle{Claim: claim, Proof: out}, nil
}

// Signed makes the signature-path proof of a witness's claim: the proof
// carries the signed data itself (the position, or the readings) and the
// device's signature. It needs no keys and takes microseconds, and reveals
// what the zero-knowledge path hides. Any device key type works on this path;
// the zero-knowledge path needs EdDSA-BN254. Signed checks the statement and
// fails with ErrUnsatisfied as Prove does.
func Signed(w Witness) (*Bundle, error) {
	claim, err := w.Claim()
	if err != nil {
		return nil, err
	}
	ev, err := w.evidence()
	if err != nil {
		return nil, err
	}
	body, err := encodeEvidence(ev)
	if err != nil {
		return nil, fmt.Errorf("proof: encode evidence: %w", err)
	}
	return &Bundle{Claim: claim, Proof: &Proof{Statement: claim.Statement(), Backend: Signature, body: body, evidence: ev}}, nil
}
