package ceremony

import "errors"

// Errors of the ceremony. Each is wrapped with the file, phase or contribution
// at fault; test for them with errors.Is.
var (
	// ErrMismatch: the ceremony was made for another constraint system (the
	// SHA-256 of the serialized R1CS differs from the one in the header).
	ErrMismatch = errors.New("ceremony: made for another circuit")
	// ErrInvalidContribution: a state does not follow from its predecessor (a
	// failed proof of knowledge, update check or challenge), or an initial state
	// differs from the one recomputed from the circuit.
	ErrInvalidContribution = errors.New("ceremony: invalid contribution")
	// ErrPhase: the step does not fit the phase the ceremony is in (contributing
	// to a closed phase 1, closing phase 1 twice or without a contribution,
	// finalizing without a phase-2 contribution).
	ErrPhase = errors.New("ceremony: wrong phase")
	// ErrFormat: a file cannot be decoded (bad magic, digest, record, encoding,
	// truncation) or the directory is not a contiguous transcript.
	ErrFormat = errors.New("ceremony: malformed file")
	// ErrVersion: a file has a format version this package does not read.
	ErrVersion = errors.New("ceremony: unsupported format version")
	// ErrTooLarge: a file is larger than its kind can be for this circuit.
	ErrTooLarge = errors.New("ceremony: file too large")
	// ErrExists: Init found a ceremony already in the directory.
	ErrExists = errors.New("ceremony: already initialized")
	// ErrConflict: another process wrote the same contribution first.
	ErrConflict = errors.New("ceremony: concurrent write")
	// ErrUnsupported: the constraint system is not a BN254 R1CS this ceremony
	// can set up (Groth16 on BN254 only).
	ErrUnsupported = errors.New("ceremony: unsupported constraint system")
	// ErrName: a circuit or contributor name is empty, too long or not
	// printable UTF-8.
	ErrName = errors.New("ceremony: invalid name")
	// ErrBeacon: a beacon is empty or longer than MaxBeacon.
	ErrBeacon = errors.New("ceremony: invalid beacon")
)
