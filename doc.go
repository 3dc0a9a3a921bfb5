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
// work with multipliers (Helium's speedtest tiers, location trust, HIP-17/104 hex
// density scaling), an exact distribution that conserves the pool to the base unit
// and explains every payout, vesting and slashing, and Merkle claims that match
// OpenZeppelin's StandardMerkleTree, so roots verify on an EVM chain.
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
// cmd/depinkit is the command line: keys (new key files, DIDs, DID documents) and
// envelopes (seal a payload as a device, open and check one).
//
// internal/canonical holds the CBOR rules every signed or hashed structure follows
// (Core Deterministic Encoding out, strict bounded decoding in); internal/base58 is
// the base58btc alphabet DIDs use. Users do not import them.
//
// Still to come, as their issues land: proof (coverage and usage proofs, with
// gnark circuits), chain/store and chain/evm (persistence, EVM settlement), subnet, transport,
// depin (the facade that assembles a running network) and examples/.
package depinkit
