// Package poc is Helium-style proof of coverage for LoRa hotspots: the
// messages hotspots sign, the rules that decide which beacons and witness
// reports are valid, the HIP-15 reward units they earn, and per-hotspot scores
// with hex density (HIP-17) and location trust, ready for package reward.
//
// The rules and constants are those of Helium's IoT oracle, pinned to
// helium/oracles @824f7724 (January 2026, the last tree with iot_verifier), with
// the HIP-104 density levels; see each function for where it departs.
//
// # 1. Messages
//
// A hotspot signs three kinds of reports, each as the payload of a device
// envelope (device.Seal; the helpers SealLocation, SealBeacon, SealWitness):
//
//	LocationAssertion  "depinkit/poc/location/v1"  an H3 cell (resolution 12,
//	                   11..15 accepted), antenna gain (deci-dBi), elevation, nonce
//	Beacon             "depinkit/poc/beacon/v1"    entropy, local entropy, data,
//	                   frequency, tx power, data rate, time
//	Witness            "depinkit/poc/witness/v1"   the beacon's payload hash,
//	                   signal (deci-dBm), SNR, frequency, data rate, time
//
// Each is a canonical CBOR array with a bounded decoder (MaxMessageSize):
// Parse* accept exactly the bytes Marshal writes and check every field's range.
// After device.Opener has checked an envelope, LocationFromEnvelope,
// BeaconFromEnvelope and WitnessFromEnvelope decode it and refuse a report
// whose reporter is not the envelope's signer (ErrWrongDevice).
//
// # 2. Rounds
//
// The network stamps each report with the time it received it (BeaconReport,
// WitnessReport: a time every validator agrees on) and Group pairs witness
// reports with their beacon by payload hash. Validate then applies Helium's
// rules to one round, in Helium's order: for the beacon, asserted location
// (first, as Helium looks the gateway up before it checks anything), entropy
// known, denylist, entropy window, 6-hour schedule, payload; for each witness
// report, self-witness (dropped), duplicate, asserted location (first again,
// as Helium), denylist, edge denylist, entropy window, lag (4,000 ms after the
// beacon, or 1,500 ms after the first witness report, a self-witness
// included, when a report came before the beacon), same payload, frequency
// (±100 kHz), at least 8
// resolution-11 cells apart, at most 100 km apart, RSSI no stronger than free
// space; then reciprocity (strictly less than 48 h) for both sides; then the
// first 14 valid reports by received time are selected. Every report gets
// a Reason, so an operator can say why a hotspot earned nothing (Tally counts
// them over rounds); valid ones get HIP-15 units (BeaconerUnits, WitnessUnits: exact 4-decimal rationals, in
// integers of 1/UnitScale).
//
// The rules read a State: asserted locations (State.Assert, nonce-ordered), the
// last beacon of each hotspot (recorded for every beacon of an asserted
// hotspot, valid or not, as Helium's last_beacon) and the times reciprocity
// needs: a hotspot's last valid witness report, and its last beacon that
// passed the regular rules and drew any witness report (Helium's
// last_beacon_reciprocity, which also makes it interactive for hex density). Validate only
// reads it; State.Apply records a round's effects. Call them in commit order,
// round after round (State.Process does both), and every validator holds the
// same State; State.Snapshot and RestoreState move it as canonical CBOR.
//
// Nothing reads the clock: times are Unix milliseconds passed in. Nothing
// depends on map order. Units are integers.
//
// # 3. Radio arithmetic
//
// DistanceM (rounded metres between cell centres) and CellDistance come from
// H3. RSSITooHigh, Helium's rule signal/10 > tx + gains − FSPL(d, f), is
// decided exactly: the comparison is rewritten as an inequality between
// powers (x^200 > 10^K) and evaluated in 512-bit big.Float when a float64
// filter cannot decide it with certainty, so the verdict never depends on
// floating-point rounding; it reproduces Helium's float64 computation on every
// integer input tested (ExpectedRSSI gives Helium's number, −57.334232963418515
// for its vector, for display only). PathLoss generalises the rule to a
// log-distance model, and MaxDistanceM inverts it: the longest link a signal
// allows.
//
// # 4. Scores
//
// At the end of an epoch, Scores turns the rounds into a Score per hotspot:
// its HIP-15 units, its Helium shares (units × the HIP-17 transmit scale of
// each beacon's beaconer, from h3density.NewScaler over the hotspots that
// were interactive in the last 60 h: State.Interactive), its rejected reports
// by reason, and its location trust. Trust is reward.LocationTrust over how
// much farther apart each of its measured links asserts the two hotspots to be
// than the signal allows under ScoreConfig.TrustModel (a contradiction is
// blamed on the endpoint whose links contradict it more often). The default
// model, DefaultTrustModel (log-distance, n = 2.7, 10 dB margin), is
// calibrated so that the links Helium's oracle validates in its own tests,
// 22.7 km at −106 dBm among them, keep full trust; UrbanTrustModel (n = 3.5)
// catches more liars where every link is urban, and zeroes such long links.
// Density's scaler names the hotspots it counted, so its Explain shows which
// neighbours lowered a scale. A hotspot
// whose trust is below 3/4 loses its boosts (reward.ApplyBoosts), and trust
// multiplies its score.
//
// Score.Contribution turns a score into a reward.Contribution named by the
// hotspot's device ID (the same 64 hex digits as reward.ContributorID), with
// Units in 10^-8 and a "hex-density" multiplier such that Units × multipliers
// = Helium's shares × trust × boosts; pay beacons and witnesses from separate
// pools with RoleBeacon and RoleWitness as Helium does, or RoleAll from one.
// Score.Explain says in a line what a hotspot did and what it lost.
//
// # 5. Private locations
//
// A hotspot that keeps its exact location private can assert a coarse cell
// and prove, each epoch, that it stands within a radius of that cell's centre
// and signed the epoch's nonce: package proof's Coverage statement on a local
// Plane (millimetres around an origin). CoverageWitness builds the hotspot's
// witness (prove it with proof.Signed, or with a Groth16 proof.Prover to hide
// the position; the key must then be EdDSA-BN254); VerifyCoverage checks a
// bundle against the claim the network expects (CoverageClaim).
//
// # 6. Where it departs from Helium
//
//   - Regions and data-only hotspots are not modelled: every hotspot with an
//     asserted location is a full hotspot of one region (Helium's capability
//     and same-region checks always pass).
//   - A beacon states its frequency, data rate and tx power; Helium derives
//     them, with the payload, from the entropy and the region's parameters.
//     The payload is BeaconData(entropy, local entropy), a SHA-256.
//   - Helium stamps each valid report with the transmit scale of its
//     beaconer's density map at validation time; Scores uses the map at the
//     end of the epoch.
//   - Self-witness reports are marked and dropped first, before the duplicate
//     and denylist checks (the notes list self-witness third, after the two
//     denylists; only the reason given to a denylisted beaconer's own report
//     differs).
//   - An unknown entropy is a verdict (ReasonUnknownEntropy, after the
//     asserted-location check); Helium never verifies such a beacon (its
//     runner only loads reports whose entropy it holds). Neither records
//     anything.
//   - When the beacon is invalid, Helium gives every witness report the
//     beacon's reason; Validate gives ReasonBeaconInvalid (and the beaconer's
//     own report ReasonSelfWitness).
//   - Helium overwrites its last-beacon and reciprocity timestamps with each
//     newer report; State keeps the latest, which is the same when rounds
//     are applied in received order.
//   - Location trust and boosts are Helium Mobile ideas (HIP-93, HIP-119)
//     applied to PoC links; Helium IoT has neither.
//
// # 7. Simulation
//
// Package pocsim builds a deterministic city of hotspots from a seed, with
// liars that assert a location far from where they stand, and produces the
// reports their radios would (and the sealed envelopes), for examples, tests
// and benchmarks.
package poc
