// Package ceremony runs a multi-party trusted setup for Groth16 on BN254: the
// proving and verifying keys of one circuit, made so that nobody knows the
// secrets behind them unless every contributor of a phase gave theirs away.
// It is built on gnark v0.14.0's backend/groth16/bn254/mpcsetup (the protocol
// of Bowe, Gabizon and Miers, https://eprint.iacr.org/2017/1050) and adds what
// running one needs: a directory transcript, versioned and bounded files, a
// hash chain, checks against the circuit, and a transcript summary.
//
// # 1. Flow
//
// A ceremony lives in a directory. Each step reads it and adds one file; the
// steps run one after another, whoever runs them (a coordinator passes the
// directory, or its latest file, from contributor to contributor). Each takes
// a context, checked between files; gnark's arithmetic within a step cannot be
// interrupted.
//
//  1. The coordinator compiles the circuit to a BN254 R1CS and calls Init(ctx,
//     dir, ccs, name): the header records the circuit's name, the SHA-256 of
//     its serialized constraint system and the domain size N (the next power of
//     two of the number of constraints); phase1-0000.mpc holds the initial
//     state. Every later step is given ccs again and refuses another circuit
//     (ErrMismatch).
//  2. Phase 1, powers of τ, α and β. Each contributor in turn calls
//     Contribute(ctx, dir, ccs, name), which writes phase1-NNNN.mpc, and keeps
//     the returned Contribution.Hash.
//  3. The coordinator announces a beacon in advance (for example "drand round
//     R", R a round after the last phase-1 contribution is due), waits for it,
//     and calls ClosePhase1(ctx, dir, ccs, beacon). It verifies phase 1, seals
//     it with the beacon, and writes phase2-0000.mpc: the circuit-specific
//     initial state, with the beacon recorded.
//  4. Phase 2, δ and the σ of each commitment: contributors call Contribute
//     again; it now writes phase2-NNNN.mpc.
//  5. Anyone calls Verify(ctx, dir, ccs): it redoes every check from the
//     header on and returns a Transcript (contributors and their hashes per
//     phase, the beacon, the digest of the whole). Each contributor checks that
//     its hash is listed.
//  6. After a second announced beacon, Finalize(ctx, dir, ccs, beacon) verifies
//     again and seals phase 2: it returns the proving and verifying keys. Anyone
//     with the directory and the beacon gets the same keys; publish all three.
//
// # 2. Trust
//
// The keys are sound, so that nobody can prove a false statement, if in each
// phase at least one contributor was honest: its secrets were random and are
// gone. Contribute does not take randomness from its caller: gnark's mpcsetup
// draws the secrets from crypto/rand, uses them in memory for the length of
// the call, and never writes them; the files carry only their effect and
// proofs of knowledge. The contributor must trust the machine it runs on
// (a compromised one can copy the secrets while they are in memory): use a
// machine you control, and end the process when the call returns.
//
// The beacons stop the last contributor of a phase from choosing its secrets
// until the result suits it: the final step mixes in a value nobody could
// predict before that contribution was in. It must be public, fixed in advance
// and out of the coordinator's control. The beacon alone adds no secrecy; it is
// applied openly and Verify replays it.
//
// Names are labels the contributors typed, not identities: nothing here
// authenticates them. A contributor that wants to be known signs its Hash
// through another channel.
//
// # 3. Files
//
//	ceremony.hdr       header: circuit name, circuit hash, domain size, constraints
//	phase1-0000.mpc    initial phase-1 state (recomputed by Verify)
//	phase1-0001.mpc    first phase-1 contribution, and so on
//	phase2-0000.mpc    initial phase-2 state and the phase-1 beacon
//	phase2-0001.mpc    first phase-2 contribution, and so on
//
// Every file is a 4-byte magic, a format version (Version; another is
// ErrVersion), a canonical CBOR record, the mpcsetup state for state files, and
// the SHA-256 of all that. A state's record names its phase, index,
// contributor, circuit hash, and the digest of the file before it (the header
// for phase1-0000, the last phase-1 file for phase2-0000), so the files form
// one hash chain and Transcript.Digest commits to the whole. Files are read
// with a bound that follows from the circuit (ErrTooLarge), states are checked
// against the layout the circuit implies before gnark decodes them, and must
// re-encode to the same bytes (ErrFormat), so no file can make a reader
// allocate more than the circuit needs, or panic. A new file is written to a
// temporary file, synced, and published under its name only if no file of that
// name exists (ErrConflict); a failed step leaves the directory as it was.
// Other files in the directory (temporary files, keys) are ignored.
//
// # 4. Costs
//
// gnark's mpcsetup does the arithmetic; its phase-1 updates run on one core.
// For the 7,571-constraint Coverage circuit (N = 8192), on two cores shared
// with other work (load average 6 to 14; TestCoverageCeremony logs them):
//
//	Init                    0.1 s
//	Contribute, phase 1     5 to 7 s
//	ClosePhase1             35 to 47 s
//	Contribute, phase 2     1.6 to 2.3 s
//	Finalize                29 to 45 s
//
// ClosePhase1, Verify and Finalize spend most of their time in the phase-2
// initialization (a Lagrange transform over group elements), which Verify and
// Finalize redo rather than trust. Phase-1 states are 192·N bytes (1.6 MB
// there); phase-2 states about 32 bytes per wire and per power of τ.
package ceremony
