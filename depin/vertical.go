package depin

import (
	"github.com/depinkit/depinkit/depin/vertical"
)

// What a vertical implements and exchanges lives in the light package
// depin/vertical (no runtime dependencies, no cgo); these aliases keep every
// name available here, so that depin.Vertical and vertical.Vertical are one
// type.
type (
	// Vertical is vertical.Vertical: an industry plugged into a subnet.
	Vertical = vertical.Vertical
	// EpochStarter is vertical.EpochStarter: a vertical that learns each
	// epoch's seed.
	EpochStarter = vertical.EpochStarter
	// ProofRule is vertical.ProofRule: what an envelope of a content type
	// must carry.
	ProofRule = vertical.ProofRule
	// ContentType is vertical.ContentType: one kind of envelope a vertical
	// accepts.
	ContentType = vertical.ContentType
	// Report is vertical.Report: what a vertical is given for one opened
	// envelope.
	Report = vertical.Report
	// Rejection is vertical.Rejection: a refusal with a machine-readable
	// reason.
	Rejection = vertical.Rejection
	// Score is vertical.Score: a vertical's verdict on an epoch.
	Score = vertical.Score
	// Pool is vertical.Pool: one reward pool of an epoch.
	Pool = vertical.Pool
	// LateRejection is vertical.LateRejection: a claim rejected at scoring.
	LateRejection = vertical.LateRejection
)

// Proof rules (vertical.SignatureOnly...).
const (
	SignatureOnly    = vertical.SignatureOnly
	BundleAnyBackend = vertical.BundleAnyBackend
	BundleZK         = vertical.BundleZK
)

// Machine-readable rejection reasons of the Node (vertical.ReasonMalformed...).
// Verticals add their own (Reject).
const (
	ReasonMalformed     = vertical.ReasonMalformed
	ReasonOversized     = vertical.ReasonOversized
	ReasonUnknownDevice = vertical.ReasonUnknownDevice
	ReasonRevoked       = vertical.ReasonRevoked
	ReasonWrongAlg      = vertical.ReasonWrongAlg
	ReasonBadSignature  = vertical.ReasonBadSignature
	ReasonReplay        = vertical.ReasonReplay
	ReasonContentType   = vertical.ReasonContentType
	ReasonProofRequired = vertical.ReasonProofRequired
	ReasonInvalidProof  = vertical.ReasonInvalidProof
	ReasonInvalidClaim  = vertical.ReasonInvalidClaim
	ReasonNoPayee       = vertical.ReasonNoPayee
	ReasonTimeSkew      = vertical.ReasonTimeSkew
	ReasonUnknownVoter  = vertical.ReasonUnknownVoter
	ReasonDuplicateVote = vertical.ReasonDuplicateVote
	ReasonUnknownEpoch  = vertical.ReasonUnknownEpoch
	ReasonNoSettlement  = vertical.ReasonNoSettlement
)

// DefaultMaxSkew is vertical.DefaultMaxSkew: how far an envelope's time may be
// from its commit's when its content type sets no ContentType.MaxSkew.
const DefaultMaxSkew = vertical.DefaultMaxSkew

// Reject is vertical.Reject: a *Rejection with reason and a formatted detail.
func Reject(reason, format string, args ...any) *Rejection {
	return vertical.Reject(reason, format, args...)
}

// maxReasonLen bounds a rejection reason.
const maxReasonLen = vertical.MaxReasonLen

// maxDetailLen bounds the detail kept with a rejection.
const maxDetailLen = vertical.MaxDetailLen

// reasonOf returns the reason and detail of a vertical's error.
func reasonOf(err error) (string, string) { return vertical.ReasonOf(err) }

func validReason(s string) bool { return vertical.ValidReason(s) }
