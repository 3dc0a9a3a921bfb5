// Package bandwidth rewards bandwidth sharing, as U2DPN-style VPN and proxy
// networks do: a provider serves a client, both sign what was served, and the
// provider earns units per gigabyte.
//
// # 1. Sessions
//
// A Session names a provider and a client (device IDs), a random SessionID,
// the bytes served, the duration, the start (Unix ms) and a nonce that counts
// the client's sessions with that provider. Both parties sign its Digest
// (SHA-256 over a domain tag and the canonical CBOR of the fields) with their
// device keys, of any type (SignProvider, SignClient): neither can inflate a
// session alone. Marshal and ParseSession move it as canonical CBOR, bounded
// by MaxSessionSize and fuzzed.
//
// Session.Verify checks, in order: provider and client differ
// (ReasonSelfSession), bytes are not zero (ReasonZeroBytes), the rate is at
// most the network's maximum bytes per second (ReasonRateTooHigh; a zero
// duration is infinitely fast), both keys are known (ReasonUnknownDevice) and
// both signatures verify (ReasonBadProviderSignature,
// ReasonBadClientSignature). A rejection is a *RejectError wrapping
// ErrRejected; ReasonOf reads its Reason.
//
// # 2. The ledger of an epoch
//
// A Ledger takes the sessions of an epoch in commit order (Add): it verifies
// each, refuses a SessionID already accepted this epoch
// (ReasonDuplicateSession) and a nonce not above the last one accepted for the
// same client and provider (ReasonReplayedNonce, across epochs too), counts
// rejections by reason, and adds bytes up per provider. Units are exact
// integers: floor(bytes × UnitsPerGB / 10^9) over the provider's epoch total
// (Units; the default, 10^6 per GB, is one unit per kilobyte), so no rounding
// is lost per session and the order sessions arrive in does not matter.
// Totals, Contributions (for reward.Distribute, named by device ID, which is
// also the hex of reward.ContributorID) and Records (for reward.Epoch) list
// providers in ID order; EndEpoch starts the next epoch; Snapshot and
// RestoreLedger move the state as canonical CBOR.
//
// # 3. Proving usage without revealing it
//
// A provider that meters a session per interval can commit to the readings:
// both parties sign ReadingsRoot(readings) with the session
// (Session.ReadingsRoot). UsageWitness then builds package proof's Usage
// witness (readings padded to a shipped size, each below ReadingCap, summing to
// the session's bytes, signed by the provider), which proof.Signed proves on
// the signature path or a proof.Prover proves with Groth16 or PLONK, hiding the
// readings (the provider's key must then be EdDSA-BN254). VerifyUsage checks a
// bundle against its session: total, root, provider key, cap, and the proof.
package bandwidth
