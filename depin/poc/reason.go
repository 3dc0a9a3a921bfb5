package poc

import "strconv"

// Reason says why a beacon or witness report earned nothing (ReasonNone: it is
// valid). Each maps to one of Helium's InvalidReason values, named in its doc.
type Reason uint8

// The reasons, in the order Validate checks them.
const (
	// ReasonNone: the report is valid.
	ReasonNone Reason = iota
	// ReasonDenied: the reporter is on the denylist (Denied).
	ReasonDenied
	// ReasonEdgeDenied: the beaconer-witness pair is on the edge denylist.
	ReasonEdgeDenied
	// ReasonSelfWitness: a hotspot witnessed its own beacon (SelfWitness);
	// such a report is dropped from every other count.
	ReasonSelfWitness
	// ReasonUnknownEntropy: the beacon was built from entropy the network never
	// published.
	ReasonUnknownEntropy
	// ReasonEntropyExpired: received outside [start, start + lifespan] of the
	// entropy, in whole seconds (EntropyExpired).
	ReasonEntropyExpired
	// ReasonUnassertedLocation: the hotspot has asserted no location
	// (NotAsserted; Helium's full-hotspot capability check).
	ReasonUnassertedLocation
	// ReasonTooSoon: a beacon in a schedule bucket no later than the
	// beaconer's last one (IrregularInterval).
	ReasonTooSoon
	// ReasonInvalidPayload: the beacon's data is not what its entropy
	// generates (InvalidPacket).
	ReasonInvalidPayload
	// ReasonLate: a witness report received too long after the beacon or the
	// first witness report (TooLate).
	ReasonLate
	// ReasonPayloadMismatch: the witness heard other data than the beacon's
	// (InvalidPacket).
	ReasonPayloadMismatch
	// ReasonFrequency: the witness heard the beacon more than 100 kHz off its
	// frequency (InvalidFrequency).
	ReasonFrequency
	// ReasonTooClose: the asserted cells are fewer than 8 resolution-11 cells
	// apart (BelowMinDistance).
	ReasonTooClose
	// ReasonTooFar: the asserted cells are more than 100 km apart
	// (MaxDistanceExceeded).
	ReasonTooFar
	// ReasonRSSITooHigh: the signal is stronger than free space allows at the
	// asserted distance (BadRssi).
	ReasonRSSITooHigh
	// ReasonNoReciprocity: a beaconer that witnessed no one, or a witness whose
	// beacons drew no one, within the reciprocity window
	// (GatewayNoValidWitnesses, GatewayNoValidBeacons).
	ReasonNoReciprocity
	// ReasonBeaconInvalid: the witness heard a beacon that is itself invalid.
	ReasonBeaconInvalid
	// ReasonDuplicate: a later report by a witness that already reported the
	// beacon (Duplicate).
	ReasonDuplicate
	// ReasonNotSelected: valid, but after the first MaxWitnesses valid reports
	// by received time (Helium's max_witnesses_per_poc).
	ReasonNotSelected
	// ReasonNoBeacon: a witness report of a beacon that was never reported.
	ReasonNoBeacon

	numReasons // the number of reasons
)

// NumReasons is the number of Reason values, for arrays indexed by Reason.
const NumReasons = int(numReasons)

var reasonNames = [numReasons]string{
	"valid", "denied", "edge-denied", "self-witness", "unknown-entropy", "entropy-expired",
	"unasserted-location", "too-soon", "invalid-payload", "late", "payload-mismatch",
	"frequency", "too-close", "too-far", "rssi-too-high", "no-reciprocity", "beacon-invalid",
	"duplicate", "not-selected", "no-beacon",
}

// String returns the reason's short name, e.g. "too-close".
func (r Reason) String() string {
	if r < numReasons {
		return reasonNames[r]
	}
	return "reason(" + strconv.Itoa(int(r)) + ")"
}

// Reasons returns every reason, ReasonNone first.
func Reasons() []Reason {
	out := make([]Reason, numReasons)
	for i := range out {
		out[i] = Reason(i)
	}
	return out
}
