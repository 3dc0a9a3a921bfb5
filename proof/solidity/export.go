package solidity

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"text/template"

	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	plonkbn254 "github.com/consensys/gnark/backend/plonk/bn254"
	gnarksol "github.com/consensys/gnark/backend/solidity"
)

// PragmaVersion is the exact compiler version every generated source pins
// (`pragma solidity 0.8.37;`): the solc of package internal/solc.
const PragmaVersion = "0.8.37"

// File and contract names of the sources Groth16Sources and PlonkSources
// return.
const (
	// Groth16File holds gnark's Groth16 verifier, contract Groth16Contract.
	Groth16File     = "Groth16Verifier.sol"
	Groth16Contract = "Verifier"
	// PlonkFile holds gnark's PLONK verifier, contract PlonkContract.
	PlonkFile     = "PlonkVerifier.sol"
	PlonkContract = "PlonkVerifier"
	// WrapperFile holds the wrapper, contract WrapperContract: the one to deploy.
	WrapperFile     = "ProofVerifier.sol"
	WrapperContract = "ProofVerifier"
)

// PLONK proof sizes in bytes, from gnark's PLONK verifier (FIXED_PROOF_SIZE
// and 0x60 per custom gate, that is per commitment).
const (
	plonkFixedProofSize      = 0x300
	plonkCommitmentProofSize = 0x60
)

// Groth16 proof sizes in bytes: A, B, C as 8 words, and per commitment a G1
// point, plus one G1 proof of knowledge when there is any commitment.
const (
	groth16ProofSize = 8 * 32
	g1Size           = 2 * 32
)

// ExportGroth16 writes gnark's Solidity verifier (contract Verifier) for a
// BN254 Groth16 verifying key, pinned to PragmaVersion. Its verifyProof
// reverts on an invalid proof; deploy the wrapper of Groth16Sources for a
// verify that returns false instead.
//
// The contract hashes commitments to the field with keccak256 (gnark's
// default for Solidity export), so it accepts only proofs made with
// gnarksol.WithProverTargetSolidityVerifier(backend.GROTH16) when the circuit
// has a commitment. gnark negates parts of vk while it writes: do not use vk
// concurrently.
func ExportGroth16(w io.Writer, vk groth16.VerifyingKey) error {
	k, err := groth16Key(vk)
	if err != nil {
		return err
	}
	if err := k.ExportSolidity(w, gnarksol.WithPragmaVersion(PragmaVersion)); err != nil {
		return fmt.Errorf("solidity: export groth16 verifier: %w", err)
	}
	return nil
}

// ExportPlonk writes gnark's Solidity verifier (contract PlonkVerifier) for a
// BN254 PLONK verifying key, pinned to PragmaVersion. Its Verify returns false
// when the final pairing check fails and reverts on malformed proofs or
// inputs; deploy the wrapper of PlonkSources for one behaviour.
func ExportPlonk(w io.Writer, vk plonk.VerifyingKey) error {
	k, err := plonkKey(vk)
	if err != nil {
		return err
	}
	if err := k.ExportSolidity(w, gnarksol.WithPragmaVersion(PragmaVersion)); err != nil {
		return fmt.Errorf("solidity: export plonk verifier: %w", err)
	}
	return nil
}

// Groth16Sources returns the Solidity sources of the on-chain verifier of a
// BN254 Groth16 verifying key, keyed by file name: gnark's verifier
// (Groth16File) and the wrapper (WrapperFile), contract ProofVerifier, which
// inherits it. Compile both and deploy ProofVerifier (no constructor
// arguments); call it with Groth16Call.
func Groth16Sources(vk groth16.VerifyingKey) (map[string]string, error) {
	k, err := groth16Key(vk)
	if err != nil {
		return nil, err
	}
	commitments := len(k.PublicAndCommitmentCommitted)
	if commitments > 1 {
		return nil, fmt.Errorf("%w: %d groth16 commitments (gnark's verifier takes at most one)", ErrUnsupported, commitments)
	}
	inputs := k.NbPublicWitness() - commitments
	size := groth16ProofSize
	if commitments > 0 {
		size += commitments*g1Size + g1Size
	}
	var verifier bytes.Buffer
	if err := ExportGroth16(&verifier, vk); err != nil {
		return nil, err
	}
	wrapper, err := writeWrapper(wrapperParams{
		Backend: "Groth16", Base: Groth16Contract, BaseFile: Groth16File,
		Inputs: inputs, ProofSize: size, Commitments: commitments, CommitmentWords: 2 * commitments,
		MinGas: groth16MinGas(inputs, commitments),
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{Groth16File: verifier.String(), WrapperFile: wrapper}, nil
}

// PlonkSources returns the Solidity sources of the on-chain verifier of a
// BN254 PLONK verifying key, keyed by file name: gnark's verifier (PlonkFile)
// and the wrapper (WrapperFile), contract ProofVerifier, which inherits it.
// Compile both and deploy ProofVerifier (no constructor arguments); call it
// with PlonkCall.
func PlonkSources(vk plonk.VerifyingKey) (map[string]string, error) {
	k, err := plonkKey(vk)
	if err != nil {
		return nil, err
	}
	commitments := len(k.CommitmentConstraintIndexes)
	var verifier bytes.Buffer
	if err := ExportPlonk(&verifier, vk); err != nil {
		return nil, err
	}
	wrapper, err := writeWrapper(wrapperParams{
		Backend: "PLONK", Base: PlonkContract, BaseFile: PlonkFile,
		Inputs: k.NbPublicWitness(), ProofSize: plonkFixedProofSize + commitments*plonkCommitmentProofSize,
		Commitments: commitments, MinGas: plonkMinGas(k.NbPublicWitness(), commitments),
		Points: plonkPoints(commitments),
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{PlonkFile: verifier.String(), WrapperFile: wrapper}, nil
}

func groth16Key(vk groth16.VerifyingKey) (*groth16bn254.VerifyingKey, error) {
	k, ok := vk.(*groth16bn254.VerifyingKey)
	if !ok {
		return nil, fmt.Errorf("%w: groth16 verifying key %T", ErrCurve, vk)
	}
	if k.NbPublicWitness()-len(k.PublicAndCommitmentCommitted) < 1 {
		return nil, fmt.Errorf("%w: circuit has no public input", ErrUnsupported)
	}
	return k, nil
}

func plonkKey(vk plonk.VerifyingKey) (*plonkbn254.VerifyingKey, error) {
	k, ok := vk.(*plonkbn254.VerifyingKey)
	if !ok {
		return nil, fmt.Errorf("%w: plonk verifying key %T", ErrCurve, vk)
	}
	if k.NbPublicWitness() < 1 {
		return nil, fmt.Errorf("%w: circuit has no public input", ErrUnsupported)
	}
	return k, nil
}

//go:embed wrapper.sol.tmpl
var wrapperSource string

var wrapperTemplate = template.Must(template.New(WrapperFile).Parse(wrapperSource))

// wrapperParams fill wrapper.sol.tmpl.
type wrapperParams struct {
	Pragma          string
	Backend         string // "Groth16" or "PLONK"
	Base, BaseFile  string // gnark's contract and its file
	Inputs          int    // public inputs, commitments excluded
	ProofSize       int    // bytes
	Commitments     int
	CommitmentWords int // Groth16: 2 per commitment
	MinGas          int
	Points          []int // offsets of the G1 points the wrapper checks
}

// plonkPoints returns the offsets of the G1 points in a PLONK proof as
// gnark's MarshalSolidity lays it out: the commitments to L, R, O and to the
// three parts of the quotient H, then five evaluations, Z, Z(ζω), the two
// opening proofs; then per commitment an evaluation, and the commitments.
func plonkPoints(commitments int) []int {
	points := []int{0x00, 0x40, 0x80, 0xc0, 0x100, 0x140, 0x220, 0x280, 0x2c0}
	for i := range commitments {
		points = append(points, plonkFixedProofSize+commitments*0x20+i*g1Size)
	}
	return points
}

// groth16MinGas bounds from above the gas a valid Groth16 verification takes
// through the wrapper, including the 1/64 each call keeps back (EIP-150):
// the pairing of four pairs (181,000 gas since EIP-1108), an ecMul and an
// ecAdd per public input (6,150), and per commitment a pairing of two pairs,
// a keccak256 and its ecAdd (about 115,000), with room for the rest.
// Measured on the coverage circuit (6 inputs): 225,383 gas of execution for
// a bound of 292,000; TestMinGas checks that the bound suffices.
func groth16MinGas(inputs, commitments int) int {
	return 250_000 + 7_000*inputs + 150_000*commitments
}

// plonkMinGas bounds from above the gas a valid PLONK verification takes
// through the wrapper: one pairing of two pairs (113,000), some twenty ecMul
// (6,000 each) and ecAdd, SHA-256 and modexp (EIP-7883 prices), and per
// commitment a few more of each. Measured on the coverage circuit (6 inputs):
// 269,387 gas of execution for a bound of 456,000; TestMinGas checks that the
// bound suffices.
func plonkMinGas(inputs, commitments int) int {
	return 450_000 + 1_000*inputs + 60_000*commitments
}

func writeWrapper(p wrapperParams) (string, error) {
	p.Pragma = PragmaVersion
	var b bytes.Buffer
	if err := wrapperTemplate.Execute(&b, p); err != nil {
		return "", fmt.Errorf("solidity: write %s wrapper: %w", p.Backend, err)
	}
	return b.String(), nil
}
