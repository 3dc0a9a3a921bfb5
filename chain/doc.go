// Package chain holds the plug points of depinkit's consensus layer: the types an
// Engine orders (Tx, Commit), the stake-weighted ValidatorSet with its quorum
// math, the Application that consumes commits, and the Engine interface that
// chain/dag (the DAG BFT core) and chain/solo (one validator, for development)
// implement.
//
// A network's state machine is an Application: it checks transactions before they
// are ordered (CheckTx) and applies each Commit deterministically (ApplyCommit),
// returning an app hash and, at an epoch boundary, the next validator set. The
// engine decides the order; the application decides what the order means.
//
// Validator keys are ed25519 behind the small Signer interface, so an HSM or a
// remote signer plugs in; signatures are checked through a Verifier, so a
// simulator can share one verification cache among many in-process validators.
package chain
