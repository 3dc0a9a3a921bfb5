package subnet

import (
	"errors"
)

// Sentinel errors of the package, wrapped with the offending field or value:
// test with errors.Is.
var (
	// ErrInvalidSpec is wrapped by every problem Parse and Validate report
	// (each a *FieldError naming its field).
	ErrInvalidSpec = errors.New("subnet: invalid spec")
	// ErrInvalidChange reports a validator-set change that is malformed, or
	// that the validator set it would apply to refuses (a join with a key
	// already in the set, a leave that would empty it, a stake overflow...).
	ErrInvalidChange = errors.New("subnet: invalid change")
	// ErrStaleEpoch reports a change proposed for an epoch that has ended,
	// or an epoch end for an epoch that is not the current one.
	ErrStaleEpoch = errors.New("subnet: stale epoch")
	// ErrFutureEpoch reports a change proposed for an epoch that has not
	// begun.
	ErrFutureEpoch = errors.New("subnet: future epoch")
	// ErrNotValidator reports an approval or a signature by someone who is not
	// a member of the current validator set: it is not counted.
	ErrNotValidator = errors.New("subnet: not a validator")
	// ErrBadSignature reports a signature that does not verify.
	ErrBadSignature = errors.New("subnet: bad signature")
	// ErrDuplicateSignature reports a second approval or signature by the same
	// validator: it is not counted again.
	ErrDuplicateSignature = errors.New("subnet: duplicate signature")
	// ErrTooManyChanges reports a proposal beyond MaxPendingChanges in one
	// epoch.
	ErrTooManyChanges = errors.New("subnet: too many pending changes")
	// ErrMalformed reports an encoding that does not decode, exceeds its
	// limits, or is not canonical.
	ErrMalformed = errors.New("subnet: malformed encoding")
	// ErrKey reports a validator key file that is missing, of the wrong type,
	// or not the key the spec lists.
	ErrKey = errors.New("subnet: bad key")
	// ErrStateRootMismatch reports a checkpoint on the parent chain whose state
	// root is not the one expected.
	ErrStateRootMismatch = errors.New("subnet: state root mismatch")
	// ErrNotEmpty reports an Init into a directory that holds files already.
	ErrNotEmpty = errors.New("subnet: directory not empty")
)

// FieldError is one problem of a Spec: the TOML path of the field
// ("validators[2].stake", `proofs."telecom/coverage/v1"`) and what is wrong
// with it. It wraps ErrInvalidSpec.
type FieldError struct {
	Path string
	Msg  string
}

func (e *FieldError) Error() string { return "subnet: " + e.Path + ": " + e.Msg }

// Unwrap returns ErrInvalidSpec.
func (e *FieldError) Unwrap() error { return ErrInvalidSpec }

// FieldErrors returns every *FieldError in err's tree (through wrapping and
// errors.Join), in order.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if fe, ok := e.(*FieldError); ok {
			out = append(out, fe)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// problems collects the FieldErrors of a Validate.
type problems []error

func (p *problems) add(path, msg string) {
	*p = append(*p, &FieldError{Path: path, Msg: msg})
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return errors.Join(p...)
}
