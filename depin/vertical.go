package depin

import (
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// A Vertical is an industry plugged into a DePIN subnet: telecom coverage,
// energy metering, bandwidth, compute. The Node does everything that is the
// same for every industry — device identity, signatures, replay, proof
// verification, epochs, distribution, the Merkle root, settlement — and asks
// the Vertical only what differs.
//
// A Vertical is part of the replicated state machine: every method must be
// deterministic (no wall clock, no global randomness, no iteration over maps
// whose order leaks into results, no floats in amounts), and it is called from
// one goroutine at a time, in commit order. Apply and Score must leave the
// state unchanged when they return an error.
//
// Optional capabilities are separate interfaces the Node finds by type
// assertion: EpochStarter (learn an epoch's seed, e.g. to derive beacon
// challenges).
type Vertical interface {
	// Name is a short identifier ("meter", "telecom"), hashed into the
	// application state: validators of one subnet must agree on it.
	Name() string

	// ContentTypes lists the envelope content types the vertical's devices
	// send, each with the proof it needs. An envelope of any other content type
	// is rejected (ReasonContentType) before the vertical sees it.
	ContentTypes() []ContentType

	// Claim turns one opened envelope — parsed, its device registered and not
	// revoked, its signature and sequence number checked, its proof verified if
	// its content type needs one — into the vertical's claim (any value Apply
	// understands). It returns an error to reject the envelope: a *Rejection
	// (Reject) gives the machine-readable reason Explain shows; any other error
	// counts as ReasonInvalidClaim. Claim must not change the vertical's state.
	Claim(r *Report) (any, error)

	// Apply adds an accepted claim to the state of the open epoch, in commit
	// order. It may still reject it (a duplicate, a device without an asserted
	// location) with an error, as Claim does, and must then leave the state as
	// it was. Claims that can only be judged with others (a beacon and its
	// witnesses) are kept here and judged in Score.
	Apply(epoch uint64, claim any) error

	// Score closes an epoch: it returns the epoch's pools of contributions
	// and the claims it rejects only now (Score.Rejected), and drops the
	// epoch's working state. Contributors are device IDs (device.ID.String():
	// the device's owner is paid) or EVM addresses ("0x" and 40 hex digits).
	// The returned epoch is not used again.
	Score(epoch uint64) (*Score, error)

	// Curve is the emission curve: epoch n mints Curve().Emission(n).
	Curve() reward.Curve

	// Snapshot encodes the vertical's whole state (device metadata, the open
	// epoch's claims) deterministically: equal states give equal bytes.
	Snapshot() ([]byte, error)
	// Restore replaces the state with a snapshot's, checking all of it; on
	// error the state is unchanged.
	Restore(snapshot []byte) error
}

// EpochStarter is implemented by verticals that want to know when an epoch
// opens and its seed: the digest of the commit that closed the previous epoch
// (zero for epoch 0), unknown to anyone before that commit, the same on every
// validator. A coverage vertical derives its beacon challenges from it.
type EpochStarter interface {
	StartEpoch(epoch uint64, seed [32]byte) error
}

// ProofRule says what an envelope of a content type must carry.
type ProofRule uint8

const (
	// SignatureOnly: the device's envelope signature is the evidence; the
	// payload is the vertical's own CBOR.
	SignatureOnly ProofRule = iota
	// BundleAnyBackend: the payload is a proof.Bundle whose statement the
	// content type names (proof.ContentType), verified on the signature path
	// or the zero-knowledge path.
	BundleAnyBackend
	// BundleZK: as BundleAnyBackend, but only a zero-knowledge proof (Groth16
	// or PLONK) is accepted; a signature-path bundle is ReasonProofRequired.
	BundleZK
)

// ContentType is one kind of envelope a vertical accepts.
type ContentType struct {
	// Name is the envelope schema name (device.CheckSchema), e.g.
	// "depin/meter/reading/v1", or proof.ContentType(statement) for bundles.
	Name string
	// Proof is what an envelope of this type must carry.
	Proof ProofRule
	// MaxPayload bounds the envelope's payload in bytes; larger envelopes are
	// rejected with ReasonOversized. Zero: device.MaxEnvelopeSize.
	MaxPayload int
	// MaxSkew bounds how far the envelope's time (device.Header.Time) may be
	// from the time of the commit that orders it, either way; further ones
	// are rejected with ReasonTimeSkew. Wide for a meter that uploads a
	// day of buffered readings, narrow for a beacon. Zero: DefaultMaxSkew.
	MaxSkew time.Duration
}

// Report is what a Vertical is given for one opened envelope.
type Report struct {
	// Epoch is the open epoch, and Commit and Time (Unix milliseconds, the
	// commit's agreed timestamp) where the envelope was ordered.
	Epoch  uint64
	Commit uint64
	Time   int64
	// Envelope is the opened envelope (header and payload).
	Envelope *device.Envelope
	// Device is the registry's record of the sending device.
	Device device.Record
	// Bundle is the verified proof bundle of a content type with a Bundle
	// rule, nil otherwise.
	Bundle *proof.Bundle
}

// Machine-readable rejection reasons of the Node. Verticals add their own
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
	ReasonUnknownVoter  = "unknown-validator"  // a settlement vote not signed by a validator
	ReasonDuplicateVote = "duplicate-vote"     // a validator voted twice for an epoch
	ReasonUnknownEpoch  = "unknown-epoch"      // a vote for an epoch not closed or no longer kept
	ReasonNoSettlement  = "no-settlement"      // a vote on a subnet without settlement
)

// maxReasonLen bounds a rejection reason.
const maxReasonLen = 48

// maxDetailLen bounds the detail kept with a rejection.
const maxDetailLen = 160

// Rejection is a vertical's (or the Node's) refusal of an envelope or claim,
// with a machine-readable reason and a detail for people.
type Rejection struct {
	// Reason is 1 to 48 bytes of [a-z0-9-], e.g. "too-close", "rssi-implausible".
	Reason string
	// Detail explains it (cut to 160 bytes when kept in state).
	Detail string
}

// Reject returns a *Rejection with reason and a formatted detail.
func Reject(reason, format string, args ...any) *Rejection {
	return &Rejection{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Error implements error.
func (r *Rejection) Error() string { return "depin: rejected (" + r.Reason + "): " + r.Detail }

// Unwrap lets errors.Is(err, ErrRejected) match.
func (r *Rejection) Unwrap() error { return ErrRejected }

// reasonOf returns the reason and detail of a vertical's error.
func reasonOf(err error) (string, string) {
	var r *Rejection
	if errors.As(err, &r) && validReason(r.Reason) {
		return r.Reason, r.Detail
	}
	return ReasonInvalidClaim, err.Error()
}

func validReason(s string) bool {
	if len(s) == 0 || len(s) > maxReasonLen {
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

// Score is a vertical's verdict on an epoch.
type Score struct {
	// Pools share the epoch's emission by Weight (exactly, with
	// reward.Distribute over the pools); each pool's amount is then divided
	// among its contributions by reward.Distribute. A pool whose
	// contributions all score zero leaves its amount unallocated. With one
	// pool, Weight is ignored.
	Pools []Pool
	// Rejected are claims accepted by Apply but refused at scoring (a witness
	// too close to its beacon, a session the client never co-signed), for
	// Explain.
	Rejected []LateRejection
}

// Pool is one reward pool of an epoch: "coverage", "bandwidth".
type Pool struct {
	// Name identifies the pool: 1 to 48 bytes of [a-z0-9-].
	Name string
	// Weight is the pool's share of the emission relative to the others, at
	// least 1 when there are several pools.
	Weight *big.Int
	// Contributions are the pool's contributors, each once.
	Contributions []reward.Contribution
}

// LateRejection is a claim a vertical rejected at scoring.
type LateRejection struct {
	Device device.ID
	Seq    uint64 // the envelope's sequence number, 0 if none applies
	Reason string // as Rejection.Reason
	Detail string
}
