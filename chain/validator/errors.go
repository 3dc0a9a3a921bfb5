package validator

import "errors"

// Sentinel errors, wrapped with context: test with errors.Is.
var (
	// ErrConfig reports an invalid configuration; the message names each
	// offending field by its TOML path.
	ErrConfig = errors.New("validator: invalid config")
	// ErrKey reports a key file that is missing, unreadable, not ed25519, or
	// not the key genesis lists at the configured index.
	ErrKey = errors.New("validator: bad key")
	// ErrInvalidKVTx reports a KV transaction that is not key=value within the
	// limits.
	ErrInvalidKVTx = errors.New("validator: invalid kv transaction")
	// ErrSnapshot reports a snapshot the application cannot restore.
	ErrSnapshot = errors.New("validator: bad snapshot")
	// ErrStarted reports a second call of Run on one Node.
	ErrStarted = errors.New("validator: node already started")
	// ErrAPI reports a failed call of the JSON API (Client).
	ErrAPI = errors.New("validator: api")
	// ErrNotKept reports, with ErrAPI, a GET /commits from a commit the
	// validator no longer keeps (its storage retention pruned it, or it
	// started from a state sync above it): ask another validator, or from
	// the first commit it keeps, which the error names.
	ErrNotKept = errors.New("validator: commit not kept")
	// ErrNotRunning reports a Submit before Ready or after Run returned.
	ErrNotRunning = errors.New("validator: not running")
)
