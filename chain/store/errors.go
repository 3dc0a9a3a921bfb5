package store

import "errors"

// Sentinel errors, wrapped with context: test with errors.Is.
var (
	// ErrInvalidOptions reports Options that Validate rejects.
	ErrInvalidOptions = errors.New("store: invalid options")
	// ErrClosed reports a call on a closed Store.
	ErrClosed = errors.New("store: closed")
	// ErrFailed reports a write or sync the file system refused. The Store
	// refuses every later call with it too (fail-stop: after a failed fsync
	// nothing in memory can be trusted to match the disk); Close it and Open
	// the directory again, which yields the state before or after the failed
	// write, never a mix.
	ErrFailed = errors.New("store: failed")
	// ErrCorrupt reports a stored value that does not decode, or does not
	// match its key.
	ErrCorrupt = errors.New("store: corrupt value")
	// ErrNotFound reports a missing commit or snapshot.
	ErrNotFound = errors.New("store: not found")
	// ErrTooLarge reports a value beyond the Options limits: it is refused
	// on the way in, so that everything stored can be read back.
	ErrTooLarge = errors.New("store: value too large")
	// ErrCommitGap reports a commit whose index does not follow the last
	// stored one.
	ErrCommitGap = errors.New("store: commit index gap")
	// ErrCommitConflict reports a commit whose digest differs from the one
	// stored under its index: the commit sequence forked, which a correct
	// engine never does.
	ErrCommitConflict = errors.New("store: commit conflicts with the stored one")
	// ErrVersion reports a directory written in a format this package does
	// not read.
	ErrVersion = errors.New("store: unsupported format version")
)
