package reward

import "errors"

// Sentinel errors of the curves, distribution and epoch code. Every error for bad
// input wraps one of them (test with errors.Is) and names the offending field.
var (
	// ErrNegative reports a negative amount, score or parameter.
	ErrNegative = errors.New("reward: negative value")
	// ErrOverflow reports an amount or count beyond its range.
	ErrOverflow = errors.New("reward: overflow")
	// ErrZeroDenominator reports a rational with a zero denominator, or a zero
	// period or duration where one is needed.
	ErrZeroDenominator = errors.New("reward: zero denominator")
	// ErrInvalidParameter reports a parameter outside its range.
	ErrInvalidParameter = errors.New("reward: invalid parameter")
	// ErrUnknownContributor reports a contributor a distribution or epoch does not hold.
	ErrUnknownContributor = errors.New("reward: unknown contributor")
	// ErrDuplicateContributor reports a contributor listed twice.
	ErrDuplicateContributor = errors.New("reward: duplicate contributor")
	// ErrFinalized reports an epoch used after Finalize.
	ErrFinalized = errors.New("reward: epoch finalized")
)
