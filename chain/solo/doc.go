// Package solo is a chain.Engine with a single validator and instant finality:
// it orders transactions without running consensus, so that an Application
// can be developed, tested and demonstrated in one process.
//
// # Solo or dag
//
// Use solo to develop and test an Application, for local demos, and in the
// tests of anything that consumes commits: it has no network, no signatures,
// no peers and nothing to configure but the Application, and a transaction is
// final as soon as its commit is delivered. It tolerates no fault: the one
// process is the whole chain, and it keeps nothing on disk.
//
// Use chain/dag for a network: n = 3f+1 validators that order transactions
// with DAG BFT consensus and keep going while f of them fail or lie. Both
// implement chain.Engine and drive the same chain.Application, so an
// application moves from solo to dag unchanged, provided it honours the
// Application contract (deterministic ApplyCommit, state-free CheckTx).
//
// # Using it
//
//  1. Make the engine with New(Config{App: app}); every other field has a
//     documented default.
//  2. Start Run(ctx) in a goroutine. Every Config.Interval it cuts up to
//     MaxTxsPerCommit queued transactions into a commit, applies it with the
//     Application's ApplyCommit and delivers it on Commits.
//  3. Drain Commits: its buffer holds CommitBuffer commits, and when it is
//     full the engine waits for a reader (Submit then refuses with
//     ErrQueueFull once the queue fills: backpressure, never unbounded memory).
//  4. Submit transactions from any goroutine. Submit runs the Application's
//     CheckTx and queues a copy of the transaction.
//  5. Close the engine: Run returns, Commits is closed, Submit refuses with
//     chain.ErrClosed. Ending Run's context does the same.
//
// If ApplyCommit fails, Run stops and returns the error: the engine never
// skips a commit, since that would silently fork the application's state.
//
// # Commits
//
// Commits are numbered from 1 with no gap. Each is the commit of one virtual
// block the validator proposes: LeaderRound is the commit's Index and
// LeaderAuthor is 0. The Leader digest is SHA-256 over
// "depinkit/solo/block/v1\x00", then the epoch, round, timestamp (Unix ms, two's
// complement) and number of transactions as 8-byte big-endian integers, then
// each transaction as its 8-byte big-endian length and its bytes. Digest is
// chain.HashCommit(previous Digest, Index, [Leader]), with the zero Digest
// before the first commit, so the digest chain covers every field of every
// commit. Transactions keep their submission order.
//
// Timestamp is Config.Clock's time in Unix milliseconds when the commit is cut,
// raised to the previous commit's timestamp if the clock went back, so it never
// decreases. The first commit has Config.Epoch; when ApplyCommit returns a
// Result with NextValidators, the epoch goes up by one from the next commit on
// (the single validator stays the proposer: solo only records the epoch).
//
// # The application
//
// The engine calls the Application from more than one goroutine (CheckTx from
// Submit's callers, ApplyCommit from Run) but never concurrently: calls are
// serialized, so a CheckTx never sees a half-applied commit. For the same
// reason the Application must not call the engine (Submit, Flush, Close) from
// CheckTx or ApplyCommit: it would deadlock.
//
// # Tests
//
// The engine reads the time only through Config.Clock and paces commits with a
// time.Ticker, so tests either run in a testing/synctest bubble, where the
// ticker follows the bubble's fake clock, or set Config.Interval negative and
// cut commits with Flush, which commits everything queued and returns once it
// is applied. A fake Clock controls timestamps in both cases.
package solo
