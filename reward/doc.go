// Package reward is where a DePIN network states its economics once, so that
// every validator computes the same payouts to the last base unit, and can
// explain them. Amounts are integers of base units (*big.Int); every rate,
// multiplier and scale is an exact rational (*big.Rat); nothing is a float.
//
// # 1. How much: curves
//
// A Curve gives the emission of each epoch: Constant, LinearDecay,
// ExponentialDecay (DIMO's yearly -15%), Halving with a supply cap,
// SpreadHalving (a halving amount per period spread over its epochs: Helium's
// HIP-20 table, year by year, TestHIP20Table), Piecewise chains of them (Helium's per-epoch schedule on Solana),
// ProgressMinted (tokens minted for measured coverage progress, as Hivemapper),
// and BurnAndMint (usage credits burned and tokens minted again, smoothed and
// capped, as Helium's Data Credits; CreditsForTokens and TokensForCredits
// convert). Cumulative(n) is always the exact sum of the emissions of epochs
// 0..n.
//
// # 2. Who did what: epochs and scores
//
// An Epoch ingests work records — sessions, beacons, readings — one at a time,
// keyed by a fixed-size ContributorID (a device ID or an EVM address), with
// memory proportional to the contributors, not the records; ingest on several
// cores and Merge. A contributor's score is its units times its multipliers,
// which a Policy supplies at Finalize: SpeedtestMultiplier (Helium Mobile's
// quality tiers), LocationTrust with ApplyBoosts (boosts only for trusted
// locations), and the hex density scale of package reward/h3density
// (h3density.NewScaler: Helium's HIP-17 and HIP-104, reproducing Helium's own
// test vector; only hotspots active in the epoch count). The density scale is
// the one part that needs H3, a C library (cgo): it lives in its own package so
// that reward itself, and every vertical that does not scale by hex density,
// builds with CGO_ENABLED=0.
//
// # 3. Who gets what: distribution
//
// Distribute divides a pool by score with exact conservation: the payouts plus
// the unallocated rest equal the pool. Each contributor gets the floor of its
// exact share; the leftover base units go to the largest remainders, ties broken
// by contributor name; payout caps are honoured by giving the excess to the
// others.
//
// Rounding differs from Helium's on purpose. Helium's oracles compute a rate
// per share (rounded half-even to 15 decimals) and pay each hotspot
// trunc(rate × shares): the few bones the truncations drop are never paid
// (its reward_share.rs tests count 5 to 7 of them per epoch). depinkit pays
// them, to the largest remainders, so that a settled epoch's claims add up to
// its emission exactly; at most one base unit per contributor moves. A network
// that wants Helium's rule passes Rounding Truncate to DistributeWith: each
// payout is then the floor of its exact share and the rest is Unallocated
// (paid + unallocated == pool still holds). Helium's 15-decimal rate can, in
// rare cases, pay a bone more or less than the exact floor. Distribution.Explain says how a payout came about — units, each
// multiplier and its note, share, rounding — and why a contributor earned nothing.
// Vesting releases an amount linearly after a cliff; Slash takes a rational
// fraction of a stake.
//
// # 4. Claims on chain
//
// Distribution.MerkleTree turns the payouts into a Merkle tree of (address,
// amount) claims that matches OpenZeppelin's StandardMerkleTree for
// ["address","uint256"] exactly: the root posted on chain, and each contributor's
// proof, verify with MerkleProof.verify in Solidity (VerifyProof checks them in
// Go).
package reward
