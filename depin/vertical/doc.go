// Package vertical is what a DePIN vertical's author implements and
// exchanges with the runtime, and nothing else: the Vertical interface (or
// Typed, with a claim type of the vertical's own), the Report it is given for
// each envelope, the Rejection it answers with, the Score, Pools and
// LateRejections it closes an epoch with, the ProofRule of each ContentType,
// and the optional capabilities (EpochStarter).
//
// It depends on device, proof and reward only — not on the runtime (package
// depin, with its consensus, networking, storage and settlement) — and builds
// with CGO_ENABLED=0, so a vertical's package is light to build and to test.
// Package depin re-exports every name here (depin.Vertical is
// vertical.Vertical), so code written against either works with both.
//
// # Writing a vertical
//
//  1. Choose the envelopes the devices send: ContentTypes, each with a schema
//     name, a ProofRule (SignatureOnly: the device's signature is the
//     evidence; BundleAnyBackend or BundleZK: the payload is a proof.Bundle the
//     runtime verifies before the vertical sees it) and a MaxPayload.
//  2. Write Claim(report) (C, error) for a claim type C of your own: decode
//     the payload (report.Envelope.Decode, or canonical.UnmarshalCanonical),
//     check what needs no state, and refuse with Reject(reason, detail...): a
//     machine-readable reason people see in Explain. Claim must not change
//     the state.
//  3. Write Apply(epoch, C): add the claim to the open epoch, in commit order;
//     it may still refuse (a duplicate), leaving the state as it was.
//  4. Write Score(epoch): the epoch's pools — reward.Contribution per
//     contributor (units and multipliers), named by device ID string or by
//     reward.ContributorID (Pool.ByID) — shared by weight, and the claims
//     refused only now (LateRejection). Then drop the epoch's working state.
//  5. Snapshot and Restore: the whole state in canonical CBOR (package
//     canonical), sorted, so that equal states give equal bytes. The
//     emission curve is the subnet's; Curve (CurveProposer) only proposes
//     one for a subnet that names none.
//  6. Hand Adapt(yourVertical) to the runtime (depin.WithVertical, a
//     depin.LocalConfig's factory), and Register a Factory under its name
//     so that a subnet spec naming it runs it (depinkit subnet up): the
//     factory gets the subnet's curve, pool weights, proof keys and the
//     vertical's own section of the spec (Setup).
//
// Everything a vertical does is replicated on every validator: it must be
// deterministic — no wall clock (use Report.Time, the commit's agreed time),
// no global randomness (derive it from EpochStarter's seed), no map order, no
// floats in amounts.
//
// A vertical with many records per epoch tallies them on reward's fast path
// (reward.Epoch, keyed by reward.ContributorID) and makes its pool with
// PoolFromEpoch.
//
// See the package example (a small typed vertical, end to end), package
// depin/vertical/meter (a complete one, which depin's tests and examples run)
// and package depin/vertical/verticaltest, the conformance suite every
// vertical's tests run (determinism, snapshot round trip, state unchanged
// after an error).
package vertical
