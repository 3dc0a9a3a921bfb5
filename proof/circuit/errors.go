package circuit

import "errors"

// Errors of the native helpers that build assignments. Each is wrapped with the
// offending value.
var (
	// ErrKey: the key is not a valid EdDSA-BN254 device key.
	ErrKey = errors.New("circuit: not an eddsa-bn254 key")
	// ErrSignature: the signature is malformed or does not verify.
	ErrSignature = errors.New("circuit: invalid signature")
	// ErrRange: a value is outside the range a circuit represents.
	ErrRange = errors.New("circuit: value out of range")
	// ErrSize: a circuit size (number of readings) is not supported.
	ErrSize = errors.New("circuit: unsupported size")
	// ErrStatement: the values do not satisfy the statement, so no proof exists.
	ErrStatement = errors.New("circuit: statement does not hold")
)
