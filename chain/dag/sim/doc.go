// Package sim is a deterministic simulator for chain/dag: n validators, each a
// real *dag.RawNode signing its blocks with ed25519, on a simulated network, in
// one goroutine, driven by a virtual clock.
//
// A run is a Config and its Seed. Everything random (keys, the leader schedule,
// latencies, losses, the client's choices, Byzantine behaviour) comes from
// generators seeded by it, and events of equal virtual time run in the order
// they were scheduled, so the same Config gives the same Result, bit for bit:
// a failing run is reproduced from its seed. The wall clock is only read to
// report WallTime and TPS.
//
// # What is simulated
//
//   - Network: each message takes a base latency plus an exponentially
//     distributed jitter (so messages overtake one another), may be lost
//     (per mille), waits for the sender's upload bandwidth if one is set, and
//     is dropped while a Partition separates its ends. Every broadcast block is
//     encoded (Block.Marshal) and decoded (dag.DecodeBlock) once, and the
//     decoded copy is shared by the receivers: digests always come from bytes.
//     Fetch requests and responses travel as structs.
//   - Validators tick every TickInterval and carry out their Ready at once:
//     persist, broadcast, send, apply commits, record evidence, Advance.
//   - Crashes: a crashed validator neither receives nor ticks and loses its
//     mempool; on restart a new RawNode recovers every block it had persisted
//     (every Ready.Accepted) and derives its commits again, which the
//     simulator checks against those it applied before and skips.
//   - Byzantine validators run an honest RawNode whose output a Behavior
//     corrupts: equivocation (twin blocks to different peers), withholding,
//     invalid signatures, bogus parents, floods of junk, floods of valid
//     requests naming real blocks (FloodRefs).
//   - Serving: with a ServeCost, fetch and commit sync responses go through
//     each validator's serving goroutine (dag.Node's), one at a time, and at
//     most MaxServing of them per peer wait there; more are dropped, as
//     Node.offload drops them.
//   - Validator-set changes (SetChanges): a committed transaction ends the
//     epoch; validators move on with RawNode.NextEpoch; leavers hand what
//     they hold uncommitted (RawNode.Leave) to a validator of the next set
//     and stop; joiners start at the new epoch with the closing commit's
//     state.
//   - A client submits unique transactions (an id inside each) at TxRate,
//     round robin or at random over the validators that are up.
//   - Signatures are checked through one cache shared by all validators
//     (verification is a pure function), so a block is verified once, not n-1
//     times; Result.Verify says how many checks it saved.
//
// # What is checked
//
// Run checks as it goes and at the end; Result.Violations lists what broke and
// Result.Check returns it as an error with the config that reproduces it.
//
//   - Safety: the commit sequences (index and digest) of honest validators are
//     prefixes of one another; commit indices are contiguous; a restarted
//     validator derives the commits it applied before; an honest validator
//     never signs two blocks for a round (I8), restarts included; every
//     accepted block has its parents above the GC round (I6).
//   - Validity: every transaction given to an honest validator that never
//     crashes (one that leaves the set included: it hands its transactions
//     off) is committed exactly once by every honest validator up at the
//     end; no transaction is committed twice by one validator unless it was
//     given to an equivocator (whose twin blocks may both be committed).
//   - Liveness: after the last disruption (a partition healing, a crash or a
//     restart), every honest validator that is up commits within
//     LivenessBound (10s of virtual time by default: with f faulty validators
//     on a lossy network the honest ones are exactly a quorum, and every fetch
//     that fails costs the 1s FetchTimeout), and reaches the Rounds asked for.
//   - Degraded throughput: with Config.Throughput, every live honest
//     validator's commit rate after the last disruption (past RateWarmup
//     commits, over RateSpan or more) is at least a stated share of the
//     all-up rate of the same seed. The randomized runs state (n-c)/n minus
//     15% for scenarios with c crashed validators, no Byzantine one, equal
//     stakes, no loss and leader reputation on (see ThroughputBound).
//   - Accountability: every equivocator is in the evidence of some honest
//     validator, all evidence is two validly signed blocks of one slot, and
//     no honest validator is ever accused.
//
// Byzantine validators are excluded from every check. Validators that crash
// and never restart are only held to safety.
//
// # Commit sync, recovery and wipes
//
// Every validator keeps its accepted blocks and commit headers in a
// dag.MemoryStore and answers commit sync requests from it with
// dag.ServeCommits (Byzantine ones withhold or corrupt some answers). A
// restarted validator recovers from its last applied commit
// (RawNode.RecoverFrom: a GC window of blocks and, with leader reputation on,
// the committed blocks of the last three reputation windows); a Crash with
// Wipe restarts it
// with an empty store, asking its peers for its own latest block first. A
// validator that falls behind by more than the GC depth — a long crash or
// partition — catches up by commit sync; the randomized runs draw some with a
// small GCDepth and restarts ten to twenty GC depths later.
package sim
