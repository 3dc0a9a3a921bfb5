package vertical

import (
	"errors"
	"fmt"
)

// ErrRejected is wrapped by every *Rejection. Its text keeps the "depin:"
// prefix the runtime has always used: a rejection's text can reach the
// replicated state, which must not change with a refactor.
var ErrRejected = errors.New("depin: rejected")

// Machine-readable rejection reasons of the runtime. Verticals add their own
// (Reject).
const (
	ReasonMalformed     = "malformed"          // not a well-formed transaction or envelope
	ReasonOversized     = "oversized"          // over a size limit
	ReasonUnknownDevice = "unknown-device"     // the envelope names no registered device
	ReasonRevoked       = "revoked"            // the device was revoked
	ReasonWrongAlg      = "wrong-algorithm"    // the envelope's algorithm is not the device key's
	ReasonBadSignature  = "bad-signature"      // a forged or corrupted envelope
	ReasonReplay        = "replay"             // the sequence number was seen, or is too old
	ReasonContentType   = "wrong-content-type" // the vertical does not take this content type
	ReasonProofRequired = "proof-required"     // a zero-knowledge proof is needed
	ReasonInvalidProof  = "invalid-proof"      // the bundle's proof does not verify, or is of another device
	ReasonInvalidClaim  = "invalid-claim"      // the vertical refused it without a reason of its own
	ReasonNoPayee       = "no-payee"           // a contributor with no settlement address (no secp256k1 owner)
	ReasonTimeSkew      = "time-skew"          // the envelope's time is too far from its commit's (ContentType.MaxSkew)
	ReasonUnknownVoter  = "unknown-validator"  // a settlement vote not signed by a validator
	ReasonDuplicateVote = "duplicate-vote"     // a validator voted twice for an epoch
	ReasonUnknownEpoch  = "unknown-epoch"      // a vote for an epoch not closed or no longer kept
	ReasonNoSettlement  = "no-settlement"      // a vote on a subnet without settlement
)

// MaxReasonLen bounds a rejection reason and a pool name.
const MaxReasonLen = 48

// MaxDetailLen bounds the detail the runtime keeps with a rejection.
const MaxDetailLen = 160

// Rejection is a vertical's (or the runtime's) refusal of an envelope or
// claim, with a machine-readable reason and a detail for people.
type Rejection struct {
	// Reason is 1 to 48 bytes of [a-z0-9-] (ValidReason), e.g. "too-close",
	// "rssi-implausible". A rejection with any other reason counts as
	// ReasonInvalidClaim.
	Reason string
	// Detail explains it (cut to MaxDetailLen bytes when kept in state).
	Detail string
}

// Reject returns a *Rejection with reason and a formatted detail.
func Reject(reason, format string, args ...any) *Rejection {
	return &Rejection{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Error implements error.
func (r *Rejection) Error() string { return ErrRejected.Error() + " (" + r.Reason + "): " + r.Detail }

// Unwrap lets errors.Is(err, ErrRejected) match.
func (r *Rejection) Unwrap() error { return ErrRejected }

// ValidReason reports whether s can be a rejection reason or a pool name: 1
// to MaxReasonLen bytes of [a-z0-9-], and ':' (the runtime's own prefixes,
// "vote:", "register:").
func ValidReason(s string) bool {
	if len(s) == 0 || len(s) > MaxReasonLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == ':') {
			return false
		}
	}
	return true
}

// ReasonOf returns the reason and detail the runtime records for an error of
// Claim or Apply: a *Rejection's (anywhere in the chain) if its reason is
// valid, else ReasonInvalidClaim and the error's text.
func ReasonOf(err error) (reason, detail string) {
	var r *Rejection
	if errors.As(err, &r) && ValidReason(r.Reason) {
		return r.Reason, r.Detail
	}
	return ReasonInvalidClaim, err.Error()
}
