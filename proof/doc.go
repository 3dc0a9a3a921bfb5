// Package proof turns what devices measure into claims a network can check
// without trusting the device's word alone: coverage (a hotspot was where it
// says when it heard the epoch's beacon) and usage (a meter's readings add up
// to what it bills), each proved on one of two paths that mean the same thing.
//
// # 1. Which statement
//
//	Coverage       a device at a private position is within Radius of a
//	               public Point and signed the epoch's beacon Nonce.
//	               Telecom hotspots, mappers, vehicles: "I was here, now".
//	Usage (N)      N private readings, each below a public Cap, sum to a
//	               public Total and are the series the device signed
//	               (a Merkle root). Energy meters (Wh), bandwidth nodes
//	               (bytes), GPU providers (GPU-seconds): "I delivered this much".
//	Threshold (N)  the same signed series sums to at least a public Min,
//	               revealing neither readings nor sum: eligibility checks
//	               (a health device's average above a level: Min = level·N).
//
// N is a power of two; 16, 64 and 256 are the sizes that ship (Statements).
// Positions are fixed-point integers on a local plane (see package
// proof/circuit): millimetres east and north of a reference, or microdegrees
// over a small area. A Statement names one ("coverage", "usage-64").
//
// These three are not special: they are entries of a registry of statements
// that package proof fills itself (name, public-input layout, circuit, and
// how their claims are read off the wire), and a vertical adds its own
// circuit to the same registry with Register (section 6). Everything below
// works the same for every registered statement; the built-ins keep their
// typed claims (CoverageClaim...) and their wire encoding, every other
// statement's claim is an InputClaim.
//
// # 2. Two paths, one meaning
//
// The prover holds a Witness (CoverageWitness, UsageWitness,
// ThresholdWitness): the public Claim plus the private values and the
// device's signature (SignNonce, SignReadings). It proves the claim on a path:
//
//	Signed(w)                 the signature path: the proof carries the signed
//	                          data; the verifier checks the signature and the
//	                          arithmetic. Microseconds, no keys, any device key
//	                          type, nothing private.
//	NewProver(keys).Prove     the zero-knowledge path: a gnark proof on BN254,
//	                          Groth16 (133 bytes, ~1.5 ms to verify, cheapest on
//	                          an EVM) or PLONK (universal setup, slower). The
//	                          position or readings stay with the prover; the
//	                          device key must be EdDSA-BN254.
//
// Either way the result is a Bundle (claim and Proof), which travels inside a
// device envelope (device.Seal) under ContentType(statement), or as a file
// (`depinkit proof prove`). A Verifier checks bundles of both paths: Verify,
// VerifyBundle, and VerifyBatch on all cores. Every failure wraps
// ErrInvalidProof: a proof checked against another nonce, point, radius,
// device, root, total or minimum, a tampered or truncated proof, a proof made
// with other keys. A zero-knowledge proof binds its exact public inputs; a
// signature-path proof proves whatever claim its signed data makes true (a
// device 500 m from a point is also within 600 m of it).
//
// The nonce is a public input, so a proof cannot be replayed in another epoch.
// Groth16 proofs are malleable: never use proof bytes as a replay key; use the
// claim (device, nonce) instead.
//
// # 3. Keys
//
// The zero-knowledge path needs keys per statement and backend. Keys record
// the SHA-256 of the constraint system they were made for (CSHash) and the
// gnark version; a KeyStore keeps them in a directory in a fast-loading form
// and refuses keys that no longer match this build's circuits
// (ErrKeyMismatch). Verifiers load only verifying keys (LoadVerifying).
//
//	DevSetup(st, backend)   keys made on one machine: for development and tests
//	                        only. Whoever ran it could forge proofs (Origin says
//	                        so).
//	proof/ceremony          a multi-party Groth16 setup (gnark's mpcsetup):
//	                        phase 1 and phase 2 contributions from several
//	                        parties, each verified, sealed by a public random
//	                        beacon. Sound if one contributor destroyed its
//	                        randomness. `depinkit proof ceremony init |
//	                        contribute | verify | finalize`; NewGroth16Keys
//	                        wraps the result.
//
// # 4. On chain
//
// Keys.ExportSolidity writes gnark's Solidity verifier for a statement;
// package proof/solidity compiles it with a pinned solc, wraps Groth16 and
// PLONK verifiers behind one behaviour and tests them on go-ethereum's
// simulated chain. The Prover always proves with gnark's Solidity target
// options, so one proof verifies in Go and on chain.
//
// # 5. Wire formats and limits
//
// ParseProof and ParseBundle bound their input (MaxProofSize, MaxBundleSize),
// decode every point with curve and subgroup checks and every scalar
// canonically, accept exactly one encoding per value and never panic; both
// are fuzzed. Errors wrap ErrMalformed as well as ErrInvalidProof. A proof's
// header names its statement by a kind byte (1 coverage, 2 usage, 3
// threshold, with log2 N: the numbers proofs have always carried) or, for a
// registered statement, by kind 255 and an 8-byte statement ID (see Proof).
//
// # 6. A vertical's own statement
//
// A vertical whose claims are neither coverage nor a reading series (a health
// eligibility criterion, an energy delivery bound) registers its own gnark
// circuit:
//
//	st, err := proof.Register(proof.Definition{
//		Name:    "in-range",                          // its text form
//		Public:  []string{"Lo", "Hi", "Digest"},      // public inputs, circuit order
//		Circuit: func() frontend.Circuit { return &Circuit{} },
//		Check:   Check,                               // the signature path, natively
//	})
//
// and gets, with no code of package proof, proof/solidity or chain/evm
// changed: DevSetup and the ceremony (ConstraintSystem, NewGroth16Keys), the
// KeyStore ("in-range.groth16.vk"), Prover and Signed, Verifier and
// VerifyBatch, bundles under ContentType(st), Keys.ExportSolidity and the
// ProofVerifier contract of proof/solidity, and on-chain verification
// (chain/evm: CompileProofVerifier, Settler.DeployProofVerifier,
// Settler.VerifyProof). Its claims are InputClaim (the device and the public
// inputs in layout order), its witnesses InputWitness (the circuit's
// assignment for the zero-knowledge path, the evidence bytes Check reads for
// the signature path). Package proof/inrange is a complete small statement
// to copy.
//
// Registration is explicit and global, and it is safe: Register is safe for
// concurrent use, cannot be undone and refuses a name registered already
// (ErrRegistered), a reserved name ("coverage", "named", "usage-…",
// "threshold-…"), and a layout that is not the circuit's (ErrStatement). A
// registered statement is identified by its name and its layout: its wire ID
// is the first 8 bytes of SHA-256("depinkit/proof/statement/v1", name,
// layout), so a proof made for another layout under the same name does not
// parse, and two statements whose IDs collide cannot both be registered (the
// second is refused, naming the first). Keys bind the compiled circuit
// (CSHash): keys of another circuit registered under the same name are
// refused by the key store and the verifier cannot be handed them by file. A
// process must register a statement before it parses or verifies its proofs;
// until then they are malformed ("not registered in this program"), and a
// verifier with no key for a registered statement refuses its
// zero-knowledge proofs with ErrNoKey naming it.
package proof
