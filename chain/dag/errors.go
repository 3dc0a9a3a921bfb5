package dag

import "errors"

// Sentinel errors. Step returns them wrapped with the offending field; a message
// that fails changes no state.
var (
	// ErrInvalidBlock reports a block that fails a validity check.
	ErrInvalidBlock = errors.New("dag: invalid block")
	// ErrInvalidMessage reports a malformed message.
	ErrInvalidMessage = errors.New("dag: invalid message")
	// ErrWrongEpoch reports a block or message of another epoch.
	ErrWrongEpoch = errors.New("dag: wrong epoch")
	// ErrMempoolFull reports that Propose would exceed the pending-transaction bound.
	ErrMempoolFull = errors.New("dag: mempool full")
	// ErrConfig reports an invalid Config.
	ErrConfig = errors.New("dag: invalid config")
)
