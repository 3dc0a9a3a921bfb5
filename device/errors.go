package device

import "errors"

// Sentinel errors. Every error the package returns for bad input wraps one of them
// (test with errors.Is) and names the offending field.
var (
	// ErrKeyType reports an unknown or unsupported key type, or a key of the wrong type.
	ErrKeyType = errors.New("device: unsupported key type")
	// ErrInvalidKey reports a malformed public or private key.
	ErrInvalidKey = errors.New("device: invalid key")
	// ErrBadSignature reports a signature that does not verify.
	ErrBadSignature = errors.New("device: bad signature")
	// ErrInvalidID reports a malformed device ID string.
	ErrInvalidID = errors.New("device: invalid id")
	// ErrInvalidDID reports a malformed or unsupported DID.
	ErrInvalidDID = errors.New("device: invalid did")

	// ErrMalformed reports input that is not a well-formed structure of its kind.
	ErrMalformed = errors.New("device: malformed")
	// ErrTooLarge reports input over its size limit.
	ErrTooLarge = errors.New("device: too large")
	// ErrUnprotectedHeader reports an envelope whose unprotected COSE header
	// is not empty: what it holds is not signed, so a relay could change it.
	ErrUnprotectedHeader = errors.New("device: envelope unprotected header not empty")
	// ErrKeyFileMode reports a key file that its group or others may read
	// (or that is not a regular file).
	ErrKeyFileMode = errors.New("device: key file permissions too open")
	// ErrWrongAlg reports a COSE algorithm that is not the one of the signing key.
	ErrWrongAlg = errors.New("device: wrong algorithm")

	// ErrExpired reports a certificate used after its validity window.
	ErrExpired = errors.New("device: certificate expired")
	// ErrNotYetValid reports a certificate used before its validity window.
	ErrNotYetValid = errors.New("device: certificate not yet valid")

	// ErrUnknownMaker reports a maker that was never approved.
	ErrUnknownMaker = errors.New("device: unknown maker")
	// ErrMakerRetired reports a maker that may no longer certify new devices.
	ErrMakerRetired = errors.New("device: maker retired")
	// ErrUnknownDevice reports a device that is not registered.
	ErrUnknownDevice = errors.New("device: unknown device")
	// ErrRevoked reports a revoked device.
	ErrRevoked = errors.New("device: revoked")
	// ErrExists reports a maker, device or key that is already registered.
	ErrExists = errors.New("device: already registered")
	// ErrUnauthorized reports a signer that may not perform the operation.
	ErrUnauthorized = errors.New("device: unauthorized")
	// ErrStale reports a rotation or binding made against an out-of-date counter.
	ErrStale = errors.New("device: stale counter")
	// ErrReplay reports an envelope whose sequence number was already accepted or
	// has fallen out of the replay window.
	ErrReplay = errors.New("device: replayed envelope")
)
