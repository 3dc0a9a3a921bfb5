// Package telecom is depinkit's telecom vertical (a vertical.Vertical): a
// Helium-style LoRa coverage network and a U2DPN-style bandwidth (VPN)
// network on one subnet, with private hotspots that prove coverage in zero
// knowledge. It is a library package so that both the flagship example
// (examples/telecom) and launchers that instantiate a vertical by name
// (depinkit subnet up) can build it: New(Config), or NewFactory for
// depin.LocalConfig.NewVertical.
//
// # 1. What devices send
//
//	poc.ContentTypeLocation  a hotspot's location assertion (package poc)
//	poc.ContentTypeBeacon    a beacon built from the epoch's entropy
//	poc.ContentTypeWitness   a report of a heard beacon
//	ContentTypeSession       a bandwidth session co-signed by provider and
//	                         client (package bandwidth), sealed by the
//	                         provider, with an optional usage proof
//	                         (SessionPayload)
//	ContentTypeClient        a bandwidth client's hello: sessions it co-signs
//	                         count only after it (the vertical learns its key)
//	ContentTypeCoverage      a private hotspot's coverage proof
//	                         (proof.Coverage, vertical.BundleZK: Groth16 or PLONK
//	                         only)
//
// All but the coverage proof are signature-only: the envelope's signature is
// the evidence, checked by the Node. SealSession, SealHello and SealCoverage
// seal them; poc.SealLocation, SealBeacon and SealWitness the PoC messages.
//
// # 2. Time and entropy
//
// The vertical reads no clock. A report's received time (poc's ReceivedMs)
// is the commit timestamp the validators agreed on (vertical.Report.Time). Each
// epoch's entropy is Entropy(seed) of the epoch's seed (vertical.EpochStarter:
// the digest of the commit that closed the previous epoch, so nobody knows it
// before then); it counts as published at the commit time of the epoch's
// first accepted claim, and stays valid through the next epoch. Beacons must
// be built from it (poc.BeaconData) and coverage claims must sign its
// CoverageNonce.
//
// # 3. Proof of coverage
//
// Location assertions move a hotspot at once (poc.State.Assert; a stale
// nonce is ReasonStaleAssertion). Beacons and witness reports are kept until
// the epoch ends; Score then judges every round in Helium's order with
// poc.Validate (entropy window, 6-hour schedule by default, payload, lag,
// frequency, minimum resolution-11 distance 8, maximum 100 km, RSSI no
// stronger than free space, deduplication, 48 h reciprocity, 14 witnesses
// selected) and poc.State.Apply, and turns the rounds into poc.Scores: HIP-15
// units × HIP-17/HIP-104 hex density × location trust, and Config.Boosts, which
// a hotspot keeps only with trust ≥ 3/4 — liars, whose radio links contradict
// their assertions, lose them. Every report that earns nothing is a
// vertical.LateRejection with poc's reason ("too-close", "rssi-too-high",
// "no-reciprocity", "duplicate", "not-selected", "no-beacon"...), so
// depin.Node.Explain shows why.
//
// # 4. Bandwidth
//
// A session goes on the epoch's bandwidth.Ledger in Apply: both signatures
// (the client's key is the one of its hello), duplicates, nonces, rate. Its
// rejections carry bandwidth's reasons ("bad-client-signature",
// "duplicate-session", "replayed-nonce", "rate-too-high"; an unknown client
// is ReasonUnknownClient). A usage proof in the session is checked in Claim
// with bandwidth.VerifyUsage (Config.Verifier; Config.RequireUsageProof makes
// it mandatory). Providers earn bandwidth units per GB
// (bandwidth.Config.UnitsPerGB).
//
// # 5. Private coverage
//
// A private hotspot keeps its exact position to itself and proves, each
// epoch, with a zero-knowledge Coverage proof, that it is within a radius of
// the public point of a coarse cell. The claim's public inputs must match
// (CheckCoverage): Nonce = CoverageNonce of the open or the previous epoch's
// entropy (no replay across epochs), Point = Anchor(cell) exactly — the
// centre of an H3 cell at Config.PrivateRes (8), in microdegrees, which names
// the hotspot's public cell — and Radius ≤ Config.MaxPrivateRadius (10,000
// µdeg); the Node checks that the claim's device key is the envelope's
// signer and verifies the proof. One proof per hotspot and epoch counts
// (ReasonDuplicateProof). It earns one unit in the private-coverage pool,
// shared with the other private hotspots proving the same cell (1/k).
//
// # 6. Rewards
//
// Epoch n emits reward.SpreadHalving(Config.PeriodEmission, HalvingPeriod,
// SupplyCap).Emission(n) — by default Helium's HIP-20 table year by year:
// 120,000,000 tokens of 10^8 base units over the first 35,040 thirty-minute
// epochs (60,000,000 a year), halving every 35,040 epochs without a cap
// (HIP-20's 223M "true max supply" reflects tokens the real chain never
// minted, not a stop). Config.InitialEmission selects a per-epoch
// reward.Halving instead (LegacyEpochEmission: the legacy chain's 3,424).
//
// Score returns five pools (Helium's IoT split, Config.Weights): beacons 6,
// witnesses 24, data-transfer 50, private-coverage 1, reserved 19 (nobody
// earns it: Helium's operations, oracles and delegation shares, unallocated
// here). The data-transfer share is a ceiling, as in Helium's oracle
// (reward_share.rs normalize_dc_transfer_rewards): each provider's epoch
// bytes cost data credits (24 bytes each, Config.DataCredits), the pool pays
// their worth in tokens (at $0.00001 a credit and DataCredits.TokenPriceUSD)
// up to its share, shared by credits, and the unused part of the share goes
// to beacons and witnesses, 20% and 80% (Weights.Split). The pools' weights
// are their exact amounts; the Node splits the emission exactly among the
// pools and within each (reward.Distribute), so payouts plus unallocated
// equal the emission.
//
// # 7. Determinism
//
// The vertical is part of the replicated state machine: no clock, no map
// order in results, integers for amounts. The floating-point H3 arithmetic of
// package poc (distances, cell centres) and Anchor's rounding are
// reproducible on one platform; see poc.DistanceM for the cross-platform
// caveat. Snapshot encodes the whole state canonically (PoC state, ledger,
// keys, entropies, the open epoch's reports and proofs, the last epoch's
// counts) and Restore checks all of it.
//
// Package telecomsim simulates the devices and runs a whole network with
// them.
package telecom
