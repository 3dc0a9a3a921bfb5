// Package depin turns the SDK into a running DePIN network: it assembles
// device identity (package device), proofs (proof), rewards (reward),
// consensus (chain/solo, chain/dag) and settlement (chain/evm) into the
// application of a subnet, and leaves one thing to the builder — the
// industry, a Vertical.
//
// # 1. Write a Vertical
//
// A Vertical says what an industry's devices send and what it is worth:
//
//	Name()          a short identifier, hashed into the state
//	ContentTypes()  the envelope schemas its devices send, each with a
//	                ProofRule: SignatureOnly (the envelope's signature is the
//	                evidence), BundleAnyBackend or BundleZK (the payload is a
//	                proof.Bundle the Node verifies before the vertical sees it),
//	                and a MaxPayload
//	Claim(report)   decode one opened envelope into a claim, or reject it
//	                with Reject(reason, ...): a machine-readable reason
//	Apply(epoch, c) add an accepted claim to the open epoch's state, in
//	                commit order (it may still reject it)
//	Score(epoch)    close the epoch: pools of reward.Contribution (units and
//	                multipliers per contributor, shared by weight) and the
//	                claims rejected only now (LateRejection: a witness too close
//	                to its beacon, a session never co-signed)
//	Curve()         optional (CurveProposer): an emission curve for a
//	                subnet that names none (Config.Curve)
//	Snapshot/Restore its whole state, canonical bytes
//
// The interface and everything it exchanges live in the light package
// depin/vertical (it depends on device, proof and reward only, and builds with
// CGO_ENABLED=0); depin re-exports each name (depin.Vertical is
// vertical.Vertical). A vertical package imports depin/vertical, not depin.
// There a vertical may write Claim(report) (C, error) and Apply(epoch, C) for
// a claim type C of its own (vertical.Typed[C]) and hand vertical.Adapt(v) to
// the Node; pools may name contributors by reward.ContributorID
// (vertical.Pool.ByID). Snapshots use the public canonical CBOR of package
// canonical.
//
// Multi-message rounds (a beacon and its witnesses, from different devices)
// are kept by Apply and decided in Score. Device metadata (an asserted
// location, a certified capability) lives in the vertical's state; the Report
// carries the device's registry record and certificate. A vertical that
// derives challenges from the epoch implements EpochStarter and gets each
// epoch's seed. Package depin/vertical/meter is a complete small vertical
// (energy readings in Wh, a usage-proof pool, a late over-capacity
// rejection) that the package's tests and examples run, and
// depin/vertical/verticaltest the conformance suite every vertical runs.
// docs/verticals.md builds the meter step by step.
//
// Everything a Vertical does is replicated: it must be deterministic (no wall
// clock, no global randomness, no map order, no floats in amounts).
//
// # 2. The Node: the subnet's application
//
// A Node is a chain.Application and chain.Snapshotter. Transactions are
// canonical CBOR Tx values (DecodeTx bounds and checks them):
//
//	TxRegister  a maker certificate and the owner binding: the device joins
//	            the replicated device.Registry, if a genesis maker signed it
//	TxEnvelope  a device envelope: opened as device.Opener does (registered,
//	            not revoked, algorithm, signature, sequence number within the
//	            replay window), content type and size checked, proof bundle
//	            verified (Config.Verifier), then Claim and Apply
//	TxRotate    a device's move to a new key (device.KeyRotation)
//	TxRevoke    a device's revocation by its maker or owner (device.Revocation)
//	TxVote      a validator's settlement signatures over a closed epoch
//	TxApproveMaker  a validator's vote for a new maker, approved at >2/3 stake
//	TxChange    a validator's approval of a validator-set change (join, leave,
//	            stake change), with Config.ValidatorChanges (see below)
//
// CheckTx checks only what needs no state (framing, limits, envelope
// structure). ApplyCommit decides everything else, in order, and records
// every rejection with its reason, per epoch and per device. An epoch ends by
// commit timestamp (Config.EpochDuration) or commit count
// (Config.EpochCommits); then the vertical scores it, the emission
// Config.Curve.Emission(epoch) (the subnet's curve, or the vertical's
// proposal) is split exactly among the pools by weight and
// within each pool by reward.Distribute, contributors are mapped to their
// settlement address (a device's owner's secp256k1 address; an owner without
// one is rejected late as ReasonNoPayee), and the claims (one per address,
// pools summed) make the epoch's reward.MerkleTree and root. Payouts plus
// Unallocated always equal the emission. The app hash chains every outcome;
// at an epoch's end it also covers a digest of the whole state (registry,
// replay guard, vertical, epochs): the state root its checkpoint carries.
//
// Queries: Device, Epoch (an EpochSummary: counts by reason, emission,
// payouts, root, votes), Payouts, Tree, Claim (an address's amount and
// Merkle proof), and Explain(device, epoch), which says why a device earned
// what it earned or nothing: its rejections with their reasons and details,
// and per pool the reward.Explanation (units, multipliers, share, rounding).
//
// Validator-set changes. With Config.ValidatorChanges, validators approve a
// subnet.Change (ApproveChangeTx, or ChangeTx with a subnet.SignChange
// approval) proposed for the open reward epoch; the approvals go, in commit
// order, to a replicated subnet.Changes. A change approved by more than 2/3
// of the stake is queued and takes effect at the commit that closes the
// reward epoch: ApplyCommit returns the next set as chain.Result
// .NextValidators and the engine starts a new consensus epoch after that
// commit. So the consensus epoch advances only at reward-epoch ends that
// change the set. Validators returns the open epoch's set (which votes on
// makers and changes), ValidatorsAt a kept epoch's (which signs its
// settlement), PendingChanges what is proposed and queued; Config stays the
// genesis. Rejected approvals count under "change:" reasons.
//
// # 3. Settlement
//
// With Config.Settlement (the chain's evm.Deployment and the subnet's id) and
// WithSettlement on a validator, a worker goroutine owned by the Node signs
// each closed epoch's evm.EpochRoot and evm.Checkpoint with the validator's
// secp256k1 key and submits them as a TxVote. The votes are checked and kept
// in the replicated state; once their stake is more than 2/3 of the subnet's,
// the designated validator (epoch mod n, the next one after
// SettlementTiming.Fallback, and so on) posts the root with
// evm.Settler.PostEpoch and the checkpoint with PostCheckpoint, retrying
// every SettlementTiming.Retry, outside ApplyCommit: settlement never holds
// consensus back. A contributor then claims with Node.Claim's proof and
// evm.Settler.Claim.
//
// An epoch is signed by the set that validated it. When the set changed at an
// epoch's end, the votes on that epoch also sign the next set
// (Tx.SetSignature over its evm.ValidatorSet, ValidatorUpdate), and the worker
// posts it with evm.Settler.UpdateValidators right after the epoch's root and
// checkpoint, so that the parent chain holds the new set before any root the
// new set signs reaches it.
//
// # 4. Running it
//
// depin.New(options...) builds a validator: WithVertical, WithConfig (or
// WithKey alone for a one-validator subnet), an engine (chain/solo by default
// with one validator; WithDAG over a dag.Transport for several; WithEngine for
// any chain.Engine; WithoutEngine to run under chain/validator), WithSettlement
// and WithLogger. Start runs it; Close stops it and waits for its goroutines.
// Submit and IngestHandler (POST /envelopes, a bounded body, a JSON
// IngestStatus) take envelopes, each admitted before the mempool (Node.Admit:
// a registered, unrevoked device, its signature, the replay window, the
// subnet's network). NewIngest and ServeIngest serve them on a listener of
// their own with rate limits per address and per device (RunValidator uses
// the spec's ingest address); a libp2p ingest protocol is still to come.
//
// NewLocalNetwork stands up a whole subnet in one process — n validators on
// chain/dag over dag.MemoryNetwork, the embedded EVM chain with the contracts
// deployed, the subnet registered and every validator funded with reward
// tokens — with Provision to certify and register devices, Submit to hand
// envelopes to the validators (each device's to one of them, so that they
// commit in order), WaitEpoch, WaitSettled and Claim. See Example.
//
// For a demo or a test of a whole network, use the devnet kit
// (package depin/devnet) rather than driving NewLocalNetwork by hand: write a
// devnet.Workload (the devices and what they send each epoch), and
// devnet.Run provisions them, runs the subnet in one process or as
// validator processes, checks that every validator agrees on every epoch's
// root, settles, claims and prints a report, reproducibly from a seed.
// A subnet described by a spec (package subnet) runs a registered vertical
// (vertical.Register; RunValidator, "depinkit subnet up"), and anyone can
// re-execute its history against the parent chain with package depin/audit
// ("depinkit audit").
package depin
