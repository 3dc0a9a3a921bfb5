package vertical

import (
	"time"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// Base is what every vertical says whatever the type of its claims: its name,
// its content types, its scores and its state. Vertical and Typed add the
// claim methods. The emission curve is not the vertical's: it is the
// subnet's (the spec's [reward] section, depin.Config.Curve); a vertical
// may propose one (CurveProposer) for a subnet that names none.
type Base interface {
	// Name is a short identifier ("meter", "telecom"), hashed into the
	// application state: validators of one subnet must agree on it.
	Name() string

	// ContentTypes lists the envelope content types the vertical's devices
	// send, each with the proof it needs. An envelope of any other content type
	// is rejected (ReasonContentType) before the vertical sees it.
	ContentTypes() []ContentType

	// Score closes an epoch: it returns the epoch's pools of contributions
	// and the claims it rejects only now (Score.Rejected), and drops the
	// epoch's working state. Contributors are device IDs (device.ID.String():
	// the device's owner is paid) or EVM addresses ("0x" and 40 hex digits),
	// or reward.ContributorID values (Pool.ByID). The returned epoch is not
	// used again.
	Score(epoch uint64) (*Score, error)

	// Snapshot encodes the vertical's whole state (device metadata, the open
	// epoch's claims) deterministically: equal states give equal bytes
	// (package canonical does that).
	Snapshot() ([]byte, error)
	// Restore replaces the state with a snapshot's, checking all of it; on
	// error the state is unchanged.
	Restore(snapshot []byte) error
}

// A Vertical is an industry plugged into a DePIN subnet: telecom coverage,
// energy metering, bandwidth, compute. The runtime (package depin) does
// everything that is the same for every industry — device identity,
// signatures, replay, proof verification, epochs, distribution, the Merkle
// root, settlement — and asks the Vertical only what differs.
//
// A Vertical is part of the replicated state machine: every method must be
// deterministic (no wall clock, no global randomness, no iteration over maps
// whose order leaks into results, no floats in amounts), and it is called from
// one goroutine at a time, in commit order. Apply and Score must leave the
// state unchanged when they return an error.
//
// Envelopes reach Claim in the order their transactions commit, which is not
// always the order a device sent them: a network that spreads one device's
// envelopes over several validators may commit them out of sequence (the
// replay window accepts that). A vertical that needs a device's reports in
// order sorts them itself (by Report.Envelope.Seq or time), or the device
// sends them through one validator.
//
// Vertical is the interface the runtime drives, with claims of any type;
// Typed is the same with a claim type of the vertical's own, and Adapt turns
// one into the other.
//
// Optional capabilities are separate interfaces the runtime finds by type
// assertion: EpochStarter (learn an epoch's seed, e.g. to derive beacon
// challenges) and CurveProposer (a default emission curve).
type Vertical interface {
	Base

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
}

// CurveProposer is implemented by verticals that propose an emission curve:
// the runtime mints Curve().Emission(n) in epoch n when the subnet names no
// curve itself (depin.Config.Curve nil). A subnet's curve, when it names
// one, wins: a vertical whose scoring depends on the emission (telecom caps
// its data-transfer pool by it) takes the subnet's curve from its factory
// (Setup.Curve) so that both agree. The runtime finds it with As, which
// looks through Adapt; a wrapper that embeds a Vertical hides it unless it
// has an Unwrap() any method returning the wrapped vertical, as Adapt's
// result does.
type CurveProposer interface {
	Curve() reward.Curve
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

// DefaultMaxSkew is how far an envelope's time may be from its commit's
// when its content type sets no ContentType.MaxSkew: a day, so that a device
// that was offline for hours can still upload what it buffered.
const DefaultMaxSkew = 24 * time.Hour

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
