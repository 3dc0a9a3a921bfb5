package proof

import "errors"

// Sentinel errors. Every error of this package wraps one of them (and, for
// verification failures, ErrInvalidProof as well), with the offending field.
var (
	// ErrInvalidProof: the proof does not prove the claim — tampered, made for
	// another nonce, point, radius, key, root or total, made with other keys,
	// or not a proof at all. Every verification failure wraps it.
	ErrInvalidProof = errors.New("proof: invalid proof")
	// ErrMalformed: bytes that do not decode as a proof, claim or bundle
	// (truncated, oversized, trailing bytes, a point off the curve).
	ErrMalformed = errors.New("proof: malformed")
	// ErrStatement: an unknown statement or an unsupported size.
	ErrStatement = errors.New("proof: unsupported statement")
	// ErrRegistered: Register was given a name registered already, or one
	// whose statement ID collides with another statement's.
	ErrRegistered = errors.New("proof: statement registered already")
	// ErrBackend: an unknown backend, or one that cannot do what was asked
	// (the signature path has no keys).
	ErrBackend = errors.New("proof: unsupported backend")
	// ErrUnsatisfied: the prover's values do not satisfy the statement (a
	// position outside the radius, a reading over the cap, a bad signature),
	// so no proof exists.
	ErrUnsatisfied = errors.New("proof: statement does not hold")
	// ErrNoKey: the verifier or prover holds no key for the statement and
	// backend asked for.
	ErrNoKey = errors.New("proof: no key")
	// ErrKeyMismatch: keys made for another constraint system or gnark version
	// than this build compiles, or for another statement than asked for.
	ErrKeyMismatch = errors.New("proof: key mismatch")
)
