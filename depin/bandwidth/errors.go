package bandwidth

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error the package returns for bad input wraps one of
// them (test with errors.Is) and names the offending field.
var (
	// ErrMalformed reports input that is not the canonical encoding of a session.
	ErrMalformed = errors.New("bandwidth: malformed")
	// ErrTooLarge reports input over its size limit.
	ErrTooLarge = errors.New("bandwidth: too large")
	// ErrInvalidField reports a session field outside its range.
	ErrInvalidField = errors.New("bandwidth: invalid field")
	// ErrRejected reports a session that fails verification; errors.As with a
	// *RejectError gives the Reason.
	ErrRejected = errors.New("bandwidth: session rejected")
	// ErrConfig reports a Config that cannot be used.
	ErrConfig = errors.New("bandwidth: invalid config")
	// ErrUsage reports a usage proof that does not match its session.
	ErrUsage = errors.New("bandwidth: usage proof does not match the session")
	// ErrSnapshot reports a Ledger snapshot that cannot be restored.
	ErrSnapshot = errors.New("bandwidth: bad snapshot")
	// ErrOverflow reports a provider's epoch total beyond 2^64-1 bytes.
	ErrOverflow = errors.New("bandwidth: overflow")
)

// Reason says why a session was rejected.
type Reason uint8

// The reasons, in the order they are checked.
const (
	ReasonNone Reason = iota
	// ReasonSelfSession: provider and client are the same device.
	ReasonSelfSession
	// ReasonZeroBytes: the session carried nothing.
	ReasonZeroBytes
	// ReasonRateTooHigh: Bytes over DurationMs exceeds Config.MaxBytesPerSecond.
	ReasonRateTooHigh
	// ReasonUnknownDevice: the key of the provider or the client is unknown.
	ReasonUnknownDevice
	// ReasonBadProviderSignature: the provider's signature does not verify.
	ReasonBadProviderSignature
	// ReasonBadClientSignature: the client's signature does not verify.
	ReasonBadClientSignature
	// ReasonDuplicateSession: a session with this SessionID was accepted in the
	// epoch.
	ReasonDuplicateSession
	// ReasonReplayedNonce: the nonce is not above the last nonce accepted for
	// this client and provider.
	ReasonReplayedNonce

	numReasons
)

// NumReasons is the number of Reason values, for arrays indexed by Reason.
const NumReasons = int(numReasons)

var reasonNames = [numReasons]string{"valid", "self-session", "zero-bytes", "rate-too-high", "unknown-device",
	"bad-provider-signature", "bad-client-signature", "duplicate-session", "replayed-nonce"}

// String returns the reason's short name, e.g. "rate-too-high".
func (r Reason) String() string {
	if r < numReasons {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// RejectError is the error of a rejected session: why, and the detail.
type RejectError struct {
	Reason  Reason
	Session [16]byte
	Err     error // the detail (a key lookup or signature error), may be nil
}

func (e *RejectError) Error() string {
	msg := fmt.Sprintf("bandwidth: session %x rejected: %s", e.Session, e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns ErrRejected and the detail.
func (e *RejectError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrRejected, e.Err}
	}
	return []error{ErrRejected}
}

// ReasonOf returns the Reason of a rejection error, ReasonNone for nil, and
// false for any other error.
func ReasonOf(err error) (Reason, bool) {
	if err == nil {
		return ReasonNone, true
	}
	var re *RejectError
	if errors.As(err, &re) {
		return re.Reason, true
	}
	return ReasonNone, false
}
