package depin

import (
	"errors"

	"github.com/depinkit/depinkit/depin/vertical"
)

// Sentinel errors of the package, wrapped with %w and the offending field;
// test with errors.Is.
var (
	// ErrConfig reports an unusable Config or Option.
	ErrConfig = errors.New("depin: invalid config")
	// ErrMalformed reports a transaction that does not decode, or decodes to
	// something invalid.
	ErrMalformed = errors.New("depin: malformed transaction")
	// ErrTooLarge reports a transaction or request body over its limit.
	ErrTooLarge = errors.New("depin: too large")
	// ErrNotAdmitted reports an envelope refused before the mempool (Admit,
	// CheckTx); it also wraps the reason, such as device.ErrUnknownDevice.
	ErrNotAdmitted = errors.New("depin: envelope not admitted")
	// ErrLimited reports a request over an ingest rate limit (HTTP 429):
	// retry later.
	ErrLimited = errors.New("depin: over the rate limit")
	// ErrRejected is wrapped by every *Rejection.
	ErrRejected = vertical.ErrRejected
	// ErrUnknownEpoch reports an epoch not closed yet, or no longer kept.
	ErrUnknownEpoch = errors.New("depin: unknown epoch")
	// ErrNotFound reports a device, contributor or claim the state does not hold.
	ErrNotFound = errors.New("depin: not found")
	// ErrNoEngine reports a call that needs a running engine on a Node built
	// without one, or not started.
	ErrNoEngine = errors.New("depin: no engine")
	// ErrNoSettlement reports a settlement call on a subnet without settlement.
	ErrNoSettlement = errors.New("depin: no settlement")
	// ErrClosed reports a call on a closed Node or Network.
	ErrClosed = errors.New("depin: closed")
)
