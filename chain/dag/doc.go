// Package dag is depinkit's consensus core: a round-based, uncertified DAG of
// blocks (the Mysticeti / Cordial Miners family) with a pluggable commit rule,
// built as a library to embed, in three layers as etcd's raft:
//
//   - the algorithm (unexported): the DAG, the validity checks, the threshold
//     clock, the proposer, the commit rule and the linearizer;
//   - RawNode: the algorithm as a synchronous, deterministic state machine with
//     no I/O, no wall clock and no randomness of its own — the same RawNode runs
//     in the simulator (chain/dag/sim), in tests and in production;
//   - Node: a RawNode run in one goroutine, owning transport, storage and clock
//     through small interfaces (Transport, Store, NodeConfig.Now); it implements
//     chain.Engine.
//
// # The protocol
//
// Each validator proposes one block per round. A block carries its author, round,
// timestamp, transactions inline, the author's signature, and links (parents):
// the author's own previous block first, then at most one block of each other
// author, with blocks from a quorum (more than 2/3 of the stake) at the previous
// round. Its digest is SHA-256 of its canonical CBOR. A validator enters round r
// when it holds blocks from a quorum at r-1 (the threshold clock), and proposes
// once the leaders of r-1 are in (or LeaderTimeout passes).
//
// Every received block is checked: epoch, round, author, signature, parents
// (own first, distinct authors, earlier rounds, exact genesis refs, a quorum at
// round-1), sizes, and a timestamp at most MaxTimestampDrift ahead. A block whose
// parents are missing waits while they are fetched (MsgFetchRequest). A second
// block for one (author, round) is equivocation: both are kept (other blocks may
// link either), this validator links only the first, and Ready.Evidence carries
// the two signed blocks as proof.
//
// The default commit rule is Mysticeti-C (see Mysticeti): a leader commits
// directly when a quorum of blocks two rounds later certify it, is skipped
// directly when a quorum of the next round does not link it, and is otherwise
// decided through the next committed leader. Bullshark is a second rule behind
// the same Committer interface. A committed leader orders its not yet committed
// history by (round, author, digest) into a chain.Commit, whose timestamp is the
// stake-weighted median of the leader's parents' timestamps.
//
// # The caller's duties
//
// Drive a RawNode like this (Node does exactly this):
//
//  1. Feed it: Step(msg) for every message from another validator, Tick(now)
//     regularly (every 10ms, say), Propose(txs...) for transactions to order.
//  2. When HasReady, take Ready.
//  3. Persist Ready.Accepted (durably) before anything of this Ready leaves the
//     process: a validator must never sign two blocks for one round, even across a
//     crash, and a restart recovers the DAG from these blocks (RawNode.Recover,
//     or RawNode.RecoverFrom from the last commit: a GC window of blocks).
//  4. Send Ready.Broadcast to every other validator and Ready.Messages to their
//     To. Answer a MsgCommitRequest with ServeCommits from the store, off the
//     RawNode's goroutine (Step ignores it).
//  5. Apply Ready.Commits to the application in order, skipping any already
//     applied before a restart (by Index), each after persisting its header
//     (Ready.Headers: to serve commit sync and to recover from). Never persist
//     the headers of the commits an epoch change voids (HeadersUpTo): a store
//     holding one serves commit sync a chain no honest validator has. If the application returns a new
//     validator set, call NextEpoch with it and that commit, and apply none of the
//     Ready's later commits: every validator voids them alike. After each commit,
//     call NoteState with its index, digest and the application's hash: the own
//     blocks vote for that state every Config.StateInterval commits (state sync).
//  6. Keep Ready.Evidence (for slashing).
//  7. Call Advance.
//
// # Falling behind, and restarts
//
// Blocks carry signed commit votes; a validator that finds itself more than
// Config.CommitSyncLag commits behind what f+1 stake voted for fetches
// certified commits from its peers (commit sync, see commitsync.go and
// ServeCommits), however far behind it is, and rejoins the live DAG at its
// GC round. A validator whose store holds no own block (new, or wiped) asks
// its peers for its latest block before proposing (AwaitOwnBlock). Blocks
// also carry signed state votes (Block.State): a quorum of equal ones
// certifies an application snapshot, which a validator starting with nothing
// fetches, verifies and restores before it resumes consensus at that commit
// (state sync, see statesync.go, ServeState, StateSyncer and
// NodeConfig.StateSync), so that it needs no peer to keep every commit. More than
// f faulty validators make the commit rule fail: the node stops with
// ErrSafetyViolated.
//
// # Epochs
//
// An application changes the validator set by returning it from ApplyCommit;
// the epoch ends after that commit on every validator, and the next starts a new
// DAG from round 1 with the commit chain continuing (Config.Start for a validator
// that joins).
package dag
