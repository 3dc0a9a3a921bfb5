// Package solidity verifies the proof package's gnark proofs on an EVM chain:
// it writes the Solidity verifier of a BN254 Groth16 or PLONK verifying key,
// wraps it in a contract with one behaviour for both backends, and turns a
// proof and its public witness into that contract's calldata.
//
// # 1. Sources
//
// Groth16Sources and PlonkSources return the Solidity files of one verifying
// key, keyed by file name:
//
//	Groth16File / PlonkFile   gnark's generated verifier (contract Verifier or
//	                          PlonkVerifier), as ExportGroth16 / ExportPlonk
//	                          write it
//	WrapperFile               ProofVerifier, which inherits it: the contract to
//	                          deploy (no constructor arguments)
//
// Every file pins `pragma solidity 0.8.37;` (PragmaVersion), the compiler
// package internal/solc runs (installed into internal/solc by its first use,
// which needs Node.js with npm):
//
//	sources, err := solidity.Groth16Sources(vk)
//	contracts, err := solc.Compile(ctx, sources, solc.Options{})
//	verifier, err := contracts.Get(solidity.WrapperContract)
//	// deploy verifier.Bin
//
// # 2. One behaviour: ProofVerifier
//
// gnark's Groth16 verifier reverts on an invalid proof (ProofInvalid), its
// PLONK verifier returns false when the final pairing fails but reverts on a
// malformed proof or input (gnark issue #1094). ProofVerifier gives both one
// interface (ABI):
//
//	function verify(bytes calldata proof, uint256[] calldata input)
//	    external view returns (bool ok);
//	uint256 public constant PUBLIC_INPUTS;  // inputs the circuit takes
//	uint256 public constant PROOF_SIZE;     // proof bytes
//	uint256 public constant MIN_GAS;        // gas verify needs left
//	error VerifierOutOfGas();
//
// verify returns true exactly when proof is valid for input, and false for
// everything else: a tampered, truncated or malformed proof, other public
// inputs, the wrong number of them, an input at or above the scalar field
// order. It calls gnark's function on itself inside try/catch, so a revert of
// the verifier becomes false; it never reverts on an invalid proof.
//
// It reverts only with VerifierOutOfGas, when it starts with less than
// MIN_GAS (or the verifier fails with no reason at all). gnark's verifiers
// read a precompile that ran out of gas as an invalid proof, so without the
// bound a caller could make a valid proof answer false by starving it of gas;
// with it, false always means invalid. MIN_GAS is a required limit, not a
// cost (Groth16 about 250,000 + 7,000 per input; PLONK 450,000 + 1,000 per
// input), and eth_estimateGas accounts for it. The PLONK wrapper also checks
// that the proof's G1 points lie on the curve before calling gnark's verifier:
// an off-curve point makes two precompile calls in a row consume the gas they
// are given, which would otherwise leave too little to answer false.
//
// # 3. Proving for the chain
//
// Proofs meant for a contract are made with gnark's Solidity target options,
// and checked in Go with the matching verifier option:
//
//	proof, err := groth16.Prove(ccs, pk, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
//	err = groth16.Verify(proof, vk, pub, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16))
//
// (gnark's backend/solidity, imported under another name beside this
// package). For a Groth16 circuit with a commitment (gnark's BSB22, which
// range checks and some std gadgets add), the prover hashes the commitment to
// a field element; by default with an RFC 9380 expander over SHA-256, while
// the Solidity verifier uses keccak256. A default proof then verifies in Go
// and fails on chain (TestCommitmentNeedsTargetOption shows it). For PLONK
// the option changes nothing in gnark v0.14.0; use it anyway, so that proofs
// stay valid on chain if gnark's default moves.
//
// # 4. Calldata
//
// Groth16Call and PlonkCall turn a BN254 proof and its public witness into a
// Call, the arguments of verify: the proof encoded for the wrapper (Groth16:
// A, B, C as eight big-endian words, B in EIP-197 order, then the commitment
// and its proof of knowledge if the circuit has one; PLONK: gnark's
// MarshalSolidity bytes) and the public inputs (Inputs) in the circuit's
// order. Call.Calldata ABI-encodes the call for a transaction or eth_call;
// ParseResult reads the answer.
//
// # 5. Gas
//
// Measured on go-ethereum's simulated chain under Osaka rules, for a whole
// verification transaction (21,000 intrinsic and calldata included,
// BenchmarkVerifyOnChain): the Coverage circuit (6 public inputs) costs
// about 253,000 gas with Groth16 and 305,000 with PLONK; Usage over 16
// readings (5 inputs) 246,000 and 304,000. The wrapper adds about 4,800 gas
// (Groth16) and 3,400 (PLONK) to calling gnark's function directly. Most of a
// Groth16 verification is the pairing precompile (181,000 gas for four pairs)
// and one ecMul per public input (6,000 each).
package solidity
