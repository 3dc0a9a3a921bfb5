// Package depinkit is a Go SDK for building DePIN networks: decentralized physical
// infrastructure such as coverage hotspots, bandwidth and VPN nodes, energy meters,
// vehicles and mappers, GPU providers and health devices. This package holds no code;
// it is the map of the SDK. Each paragraph below is a package that has landed.
//
// device gives devices an identity and makes their reports trustworthy: Ed25519,
// secp256k1, P-256 and EdDSA-on-BN254 keys with IDs and did:key DIDs, maker
// certificates, owner bindings, a deterministic registry of makers and devices with
// key rotation and revocation, and signed envelopes (COSE_Sign1 over canonical CBOR)
// that a validator opens with full checks, including replay, one at a time or in
// parallel batches.
//
// reward is where a network states its economics: exact emission curves (halving,
// decay, piecewise, progress-minted, burn-and-mint), streaming epochs that score
// work with multipliers (Helium's speedtest tiers, location trust), an exact
// distribution that conserves the pool to the base unit and explains every payout,
// vesting and slashing, and Merkle claims that match OpenZeppelin's
// StandardMerkleTree, so roots verify on an EVM chain. It builds without cgo;
// reward/h3density (HIP-17/104 hex density scaling over uber/h3-go) is the one
// part that needs it. canonical is the public form of the CBOR rules every signed
// or hashed structure follows, for verticals' snapshots and payloads.
//
// chain holds the plug points of the consensus layer: transactions, commits, the
// stake-weighted validator set with its quorum math, the Application a network's
// state machine implements, and the Engine interface. chain/dag is the consensus
// core: an uncertified round-based DAG BFT (Mysticeti-C commit rule by default, a
// Bullshark-style rule behind the same Committer seam) as a deterministic RawNode
// with no I/O, and a Node that runs it with a transport, a store and a clock;
// validator-set changes at epoch boundaries. chain/dag/sim simulates whole
// networks of RawNodes deterministically, with faulty networks and Byzantine
// validators, and checks safety, validity, liveness and accountability.
// chain/solo is a single-validator engine with instant finality, for developing
// applications.
//
// proof turns what devices measure into claims a network can check: coverage (a
// device within a radius of a point signed the epoch's nonce), usage and threshold
// (a signed series of readings below a cap sums to, or at least to, a value). Each
// is proved on the signature path (the signed data itself) or the zero-knowledge
// path (proof/circuit: gnark Groth16 or PLONK circuits on BN254 with Poseidon2 and
// EdDSA-BN254 in-circuit), with a key store bound to the constraint system,
// batched verification, a multi-party trusted setup (proof/ceremony) and Solidity
// verifiers tested on a simulated chain (proof/solidity).
//
// chain/store keeps a validator's blocks, commits and snapshots on pebble, synced
// where safety needs it, so a killed validator restarts without signing twice.
// transport is the byte-level network a validator consumes, with transport/mem (in
// process), transport/p2p (go-libp2p: gossipsub, request/response streams,
// validator gating) and transport/transporttest, the conformance suite both pass;
// chain/dagtransport runs chain/dag's Node over any of them. chain/evm settles
// on any EVM chain: subnet validator sets and checkpoints under stake quorums, a
// device registry minting ERC-721s, epoch reward roots that contributors claim from,
// and on-chain coverage proof verification, over go-ethereum's simulated chain or any
// JSON-RPC endpoint.
//
// chain/validator assembles a validator process (TOML config, store, consensus
// over libp2p, JSON API, Prometheus metrics); chain/e2e runs four of them under
// kill -9, pauses, partitions and restarts.
//
// subnet describes a subnet in one TOML spec (validators with consensus and
// settlement keys, epochs, reward curve, proof policy, makers, parent chain),
// validates it field by field, hashes its genesis, approves validator-set changes
// by stake quorum, signs checkpoints for the parent chain, and launches it on one
// machine with its parent chain (Up). depin/vertical is all a vertical's author
// implements and exchanges (Vertical, or Typed with a claim type of its own,
// reports, rejections, scores, pools by name or by reward.ContributorID, proof
// rules), light and cgo-free; depin/vertical/meter is a small complete vertical
// and depin/vertical/verticaltest the conformance suite every vertical runs.
// depin assembles everything into a running DePIN network: a Vertical is the plug
// point for an industry; a Node is the
// subnet's replicated application (device registry, claims, epochs, exact payouts,
// Merkle roots, settlement votes and posting); NewLocalNetwork runs a whole subnet
// in one process, RunValidator one validator of a spec as a process, and Remote
// drives such processes. depin/poc (Helium-style proof of coverage), depin/bandwidth
// (co-signed bandwidth sessions) and depin/telecom (the telecom vertical) are the
// pieces of the flagship example, examples/telecom.
//
// cmd/depinkit is the command line: keys (new key files, DIDs, DID documents),
// envelopes (seal a payload as a device, open and check one), reward curves and
// trees, proofs (setup, prove, verify, export-solidity, ceremony), settlement
// (settle demo), validators (node, testnet init), subnets (init, validate, up,
// node, status) and benchmarks.
//
// internal/canonical holds the CBOR rules every signed or hashed structure follows
// (Core Deterministic Encoding out, strict bounded decoding in); internal/base58 is
// the base58btc alphabet DIDs use; internal/solc compiles Solidity with a pinned
// solc from npm. Users do not import them.
//
// Still to come, as their issues land: the energy, mobility, compute and health
// example networks.
package depinkit
