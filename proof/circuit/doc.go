// Package circuit holds the gnark circuits of package proof: the zero-knowledge
// path of its coverage, usage and threshold statements, on BN254, with the
// gadgets they are built from. Each circuit is a struct with public and secret
// fields and a Define method; each gadget is a function of frontend.API. Package
// proof compiles, sets up, proves and verifies; this package only says what is
// proved, and builds witnesses from Go values so that the prover side need not
// know circuit internals.
//
// # 1. Statements
//
//	Coverage        a device at a private position (X, Y) is within Radius of a
//	                public point (PX, PY) and signed the public beacon Nonce.
//	Usage[N]        N private readings, each below a public Cap, sum to a public
//	                Total and are the leaves of a public Root the device signed.
//	Threshold[N]    the same signed series sums to at least a public Min
//	                (for an average of at least a, Min = a·N).
//
// NewUsage(n) and NewThreshold(n) size the circuits; Sizes returns the ones that
// ship precompiled (16, 64, 256). The device key is public as its affine point
// (Key.A.X, Key.A.Y) in every circuit. Public inputs come in field order:
//
//	Coverage    PX, PY, Radius, Nonce, Key.A.X, Key.A.Y
//	Usage       Cap, Total, Root, Key.A.X, Key.A.Y
//	Threshold   Cap, Min, Root, Key.A.X, Key.A.Y
//
// R1CS sizes (TestConstraintCounts): Coverage 7,571; Usage 12,210 / 27,378 /
// 88,050 and Threshold 12,347 / 27,519 / 88,195 for N = 16 / 64 / 256.
//
// # 2. Witnesses
//
// A device signs with its EdDSA-BN254 key (package device), through the ordinary
// message mapping, one of two messages (ElementMessage): NonceMessage(nonce) for
// coverage, RootMessage(ReadingsRoot(readings)) for a series. Each is a 31-byte
// domain tag chunk (NonceTag, RootTag) followed by the element's 32 big-endian
// bytes, so a coverage signature never reads as a usage one. The prover then calls
//
//	CoverageAssignment(pos, point, radius, nonce, pub, sig)
//	UsageAssignment(readings, cap, pub, sig)
//	ThresholdAssignment(readings, cap, min, pub, sig)
//
// which check the statement and the signature natively (ErrStatement,
// ErrSignature, ErrKey, ErrSize, ErrRange) and return a full assignment. A
// verifier builds the public part with CoveragePublic, UsagePublic or
// ThresholdPublic and frontend.PublicOnly().
//
// # 3. Representations
//
// Positions are fixed-point int32 coordinates on a local plane (millimetres east
// and north of a reference, or microdegrees over a small area) and the radius a
// uint32 in the same unit (CoordBits, RadiusBits). The circuit range-checks every
// coordinate and the radius before squaring, so (X-PX)^2 + (Y-PY)^2 < 2^65 and
// Radius^2 < 2^64 never wrap modulo the field: without those checks, a position
// "sqrt(-1) units away" would pass (TestAssertWithinRadius shows the attack).
//
// Readings and the cap are uint64 (ReadingBits); each reading r satisfies
// 0 <= r < Cap by two bit decompositions, and sums of up to MaxReadings readings
// stay far below the modulus. The series tree is a complete binary Merkle tree,
// leaf i = reading i, node = Compress(left, right); ReadingsRoot computes it
// natively with gnark-crypto.
//
// # 4. Gadgets
//
//	NewPermutation, NewHasher   Poseidon2 on BN254 (width 2, 6 full and 50 partial
//	                            rounds) built from its parameters, as a
//	                            Merkle-Damgard hasher equal to gnark-crypto's
//	                            poseidon2.NewMerkleDamgardHasher(); Hash and
//	                            Compress are its native twins.
//	MessageElement              device.BN254MessageElement in-circuit.
//	ElementMessageElement       the element of ElementMessage(tag, x): two
//	                            compressions, the tag chunk being a constant.
//	VerifySignature             EdDSA-BN254 (gnark's std/signature/eddsa with
//	                            Poseidon2), as strict as the native verifier.
//	AssertBits, AssertSignedBits, AssertLessOrEqual
//	                            bit-decomposition range checks (no lookup
//	                            tables: cheaper to verify on chain).
//	AssertWithinRadius, BoundedSum, MerkleRoot
//
// # 5. Testing
//
// In gnark v0.14.0, test.Assert's ProverSucceeded and ProverFailed (deprecated
// aliases of CheckCircuit) run the test engine and the constraint solver, and run
// the Groth16 or PLONK prover only when built with -tags prover_checks. The tests
// here use them with test.IsSolved for every good and bad witness, and run real
// Groth16 (Coverage, Usage[16]) and PLONK (Coverage) provers explicitly.
package circuit
