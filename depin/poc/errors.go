package poc

import "errors"

// Sentinel errors. Every error the package returns for bad input wraps one of
// them (test with errors.Is) and names the offending field.
var (
	// ErrMalformed reports input that is not the canonical encoding of a message.
	ErrMalformed = errors.New("poc: malformed")
	// ErrTooLarge reports input over its size limit.
	ErrTooLarge = errors.New("poc: too large")
	// ErrInvalidField reports a message field outside its range.
	ErrInvalidField = errors.New("poc: invalid field")
	// ErrContentType reports an envelope whose content type is not the message's.
	ErrContentType = errors.New("poc: wrong content type")
	// ErrWrongDevice reports an envelope signed by another device than the one
	// the message names (the beaconer, the witness, the hotspot).
	ErrWrongDevice = errors.New("poc: envelope device is not the reporter")
	// ErrStaleAssertion reports a location assertion whose nonce is not above
	// the hotspot's last one.
	ErrStaleAssertion = errors.New("poc: stale location assertion")
	// ErrInvalidRules reports Rules or ScoreConfig values that cannot be used.
	ErrInvalidRules = errors.New("poc: invalid rules")
	// ErrCoverage reports a coverage claim or witness that cannot be built or
	// does not match what the verifier expects.
	ErrCoverage = errors.New("poc: coverage")
	// ErrSnapshot reports a State snapshot that cannot be restored.
	ErrSnapshot = errors.New("poc: bad snapshot")
)
