// Package evm settles a depinkit network on an EVM chain: its subnets'
// validator sets and checkpoints, its devices, its epoch rewards and
// on-chain coverage proofs. The same code talks to the embedded simulated
// chain (tests, demos) and to any EVM JSON-RPC endpoint (a U2U node, geth,
// anvil), chosen by one URL.
//
// # 1. The contracts
//
// Four contracts, in contracts/ (Solidity 0.8.37, OpenZeppelin Contracts 5
// for ERC-20, ERC-721, EIP-712, ECDSA, MerkleProof and BitMaps), compiled
// into the committed artifacts (contracts/artifacts) and Go bindings
// (bindings/<contract>, go-ethereum's abigen v2):
//
//	SubnetRegistry     validator sets (settlement addresses, stakes, first epoch)
//	                   per subnet and version; set changes need a >2/3-stake
//	                   quorum of the current set, checkpoints one of the set
//	                   of their epoch
//	DeviceRegistry     approved makers; devices registered on a maker's EIP-712
//	                   signature, minted as ERC-721 tokens to their owners;
//	                   revocation by maker or owner; lookup by device id
//	RewardDistributor  per (subnet, epoch) a Merkle root of (address, amount)
//	                   claims and its total, accepted on a quorum; each
//	                   address claims once per epoch, one or many epochs a call
//	CoverageVerifier   runs gnark's Groth16 (or PLONK) verifier of the coverage
//	                   key, behind package proof/solidity's wrapper, and records
//	                   the verified claims per epoch; a proof is bound to its
//	                   epoch and submitter by its nonce (CoverageNonce)
//
// plus TestToken, a mintable OpenZeppelin ERC-20 that tests and demos pay in.
// Every refusal is a custom error with its arguments (UnderQuorum(signedStake,
// totalStake), AlreadyClaimed(subnet, epoch, account)...). The sources are
// Apache-2.0, as the rest of depinkit.
//
// Who controls what:
//
//	contract           function                      who may call it
//	SubnetRegistry     registerSubnet                anyone (the id is bound to the caller)
//	                   updateValidators              anyone, with a >2/3-stake quorum of the current set
//	                   postCheckpoint                anyone, with a quorum of the set of the epoch
//	RewardDistributor  postEpoch                     anyone who pays the total in, with a quorum of
//	                                                 the set of the epoch
//	                   claim, claimMany              anyone; the tokens go to the claimed account
//	DeviceRegistry     approveMaker, retireMaker     the owner (one address; Ownable2Step)
//	                   transferOwnership             the owner names a pending owner...
//	                   acceptOwnership               ...which takes over only when it accepts
//	                   registerDevice                anyone, with an approved maker's signature
//	                   revoke                        the device's maker or token owner
//	CoverageVerifier   verifyCoverage                anyone, for a proof made for the sender and epoch
//	TestToken          mint                          its owner (tests and demos only)
//
// DeviceRegistry's owner is not the subnet's validator quorum: it should be
// the network's own multisig or governance contract, and ownership moves in
// two steps so a mistyped address can neither take nor lose it.
//
// # 2. Quorum signatures
//
// Validators sign with secp256k1 settlement keys (device.Secp256k1; a subnet
// spec is to carry them beside the validators' ed25519 consensus keys), makers
// with theirs. What is signed is EIP-712 typed data, under the domain of the
// contract that checks it: name ("depinkit SubnetRegistry", "depinkit
// DeviceRegistry", "depinkit RewardDistributor"), version "1", the chain id
// and the contract's address, so a signature is good on one deployment of one
// chain only. The types are
//
//	ValidatorSet(bytes32 subnet,uint64 version,uint64 firstEpoch,address[] validators,uint64[] stakes)
//	Checkpoint(bytes32 subnet,uint64 epoch,uint64 height,bytes32 stateRoot,bytes32 commitDigest)
//	EpochRoot(bytes32 subnet,uint64 epoch,bytes32 root,uint256 total)
//	Device(bytes32 id,uint8 keyType,bytes publicKey,bytes32 model,address owner)
//
// A quorum is a list of 65-byte signatures (r, s, v; low s only and v in
// {27, 28}, as OpenZeppelin's ECDSA requires) in strictly ascending order of
// the signers' addresses: SubnetRegistry recovers each, refuses an
// unrecoverable or high-s one (InvalidSignature), a signer out of order or
// repeated (SignersNotAscending), a signer outside the set checked against
// (NotValidator), and a signed stake of at most 2/3 of that set's total
// (UnderQuorum: signed*3 must exceed total*2). A set change is checked
// against the current set (verifyQuorum); a checkpoint, and an epoch root
// (RewardDistributor asks the registry, verifyEpochQuorum), against the set
// that validated the epoch: version v validates the epochs from its
// firstEpoch up to the next version's (versionAt), so posting set v+1 first
// never makes the last set-v epoch revert, and a retired set cannot sign a
// later epoch. Signature.Signer refuses exactly what the contracts refuse,
// and ValidatorSet.Select keeps of a list of signatures those the registry
// counts, so a Byzantine validator's high-s or malleated vote (Malleated)
// never makes a post revert. Settlers order the signatures themselves.
// Replays are stopped by what is signed: a validator set names its version,
// which must be the current one plus one (StaleValidatorSet), and its first
// epoch, which must be after the current set's (StaleFirstEpoch);
// checkpoints must move to a later epoch (StaleCheckpoint); an epoch root is
// accepted once (EpochExists); a device is registered once, revoked devices
// included (DeviceExists).
//
// Deployment (a chain id and the contracts' addresses) computes the digests
// (Digest) and signs (Sign): validators and makers need nothing else, and
// never send a transaction.
//
// # 3. Storage
//
// SubnetRegistry keeps per subnet its registrant, genesis digest, current set
// version, total stake and latest checkpoint epoch; the members, stakes,
// total stake and first epoch of each version under (subnet, version), so a
// new set never clears an old one; and each checkpoint, with the version
// that signed it, under (subnet, epoch). A subnet's id is
// keccak256(abi.encode(registrant, genesis)) (SubnetIDOf): nobody can take
// another registrant's id. RewardDistributor keeps per (subnet, epoch) the
// root in one slot and the total and amount paid (128 bits each) in another,
// and per (subnet, account) a bitmap of claimed epochs, so that an account's
// claims of 256 consecutive epochs share one slot. DeviceRegistry keeps per
// device its maker, key type, revocation flag, registration time, model and
// public key; the ERC-721 token id is uint256(device id), and the id must be
// depinkit's device.ID of the key (sha256 over "depinkit/id/v1", 0x00, the
// key type and the key), checked on chain. CoverageVerifier keeps who had each
// claim (keccak256 of its public inputs) verified under each epoch; the
// claim's nonce must be keccak256(abi.encode(chain id, the verifier, epoch,
// sender)) modulo BN254's scalar field, so a copy sent by another account or
// under another epoch is refused (NonceMismatch).
//
// # 4. Settling
//
// A Settler sends transactions from one account and waits for their receipts:
//
//	sim, _ := evm.NewSimulated(evm.SimulatedConfig{Accounts: keys}) // or evm.Dial(ctx, url, key)
//	s, _ := sim.Settler(ctx, keys[0])
//	s.Deploy(ctx, evm.DeployConfig{ProofVerifierCode: code})
//	subnet, _, _ := s.RegisterSubnet(ctx, genesis, validators)
//	s.ApproveMaker(ctx, makerAddress)
//	s.RegisterDevice(ctx, reg, makerSignature)
//	s.PostEpoch(ctx, evm.EpochRootOf(subnet, epoch, tree), validatorSignatures)
//	s.Claim(ctx, subnet, account, claims...)
//	s.PostCheckpoint(ctx, checkpoint, validatorSignatures)
//	s.VerifyCoverage(ctx, epoch, bundle)
//
// Roots come from reward.MerkleTree (OpenZeppelin's StandardMerkleTree for
// (address, uint256)); ClaimOf gives an account's amount and proof. Whoever
// posts an epoch pays its total in (PostEpoch approves the distributor when it
// must); anyone may send a claim, the tokens always go to the account. A
// coverage bundle comes from proof.Prover; CompileProofVerifier turns the
// network's coverage keys into the ProofVerifier to deploy (it runs the
// pinned solc of internal/solc, so it needs Node.js with npm: the first use
// installs that solc into internal/solc; the rest of the package does not).
//
// Any statement's proofs verify on chain the same way, a vertical's own
// statement (proof.Register) included, with no code for it here:
//
//	code, _ := evm.CompileProofVerifier(ctx, keys)  // keys of any statement
//	verifier, _, _ := s.DeployProofVerifier(ctx, code)
//	err := s.VerifyProof(ctx, verifier, bundle)     // nil, or ErrInvalidProof
//	gas, _ := s.ProofGas(ctx, verifier, bundle)     // the gas limit a transaction needs
//
// VerifyProof is an eth_call of the ProofVerifier's verify(bytes, uint256[])
// with the claim's public inputs in the statement's layout order; a contract
// of the vertical's that must record or bind its claims (as CoverageVerifier
// does for coverage) calls the same function.
//
// # 5. Errors
//
// A transaction the contracts would refuse fails when its gas is estimated,
// before it is sent, with a *RevertError carrying the contract's reason (name
// and arguments) and wrapping ErrReverted and the reason's sentinel
// (ErrUnderQuorum, ErrAlreadyClaimed...). One that passes its estimate but
// reverts once mined (the state moved in between) returns its receipt and a
// RevertError with Tx set, the reason found by replaying it. Errors before the
// chain wrap ErrKey, ErrInput or ErrNotDeployed.
//
// # 6. Gas
//
// Measured on the simulated chain under Osaka rules, whole transactions
// (BenchmarkGas: go test -run '^$' -bench Gas ./chain/evm): a claim by an
// account that claimed the epoch before 58,975 gas, its first claim ever
// 93,177 (two new storage slots: its claimed-epochs word and its token
// balance, 22,100 gas each); ten epochs in one claim 248,501; PostEpoch signed
// by 4 validators 127,106, by 16 219,606 (about 7,700 per signature);
// PostCheckpoint by 4 138,778; RegisterDevice 170,442; VerifyCoverage of a
// Groth16 coverage proof 282,022 (253,167 of which was the bare verification
// when last measured alone). Checking an epoch against the set that
// validated it costs PostCheckpoint 6,169 gas (the signing version is stored
// with the checkpoint; 132,609 before) and PostEpoch 352 (126,754 before);
// the coverage nonce check costs VerifyCoverage 605 (281,417 before).
// A transaction that verifies a proof/inrange proof (3 public inputs) at its
// ProofVerifier uses 231,526 gas with Groth16 and 300,790 with PLONK, and
// needs a gas limit of about 300,600 and 490,700 (ProofGas: the wrapper's
// MIN_GAS); TestRegisteredStatementOnChain logs them.
// Claims trees of 128 claims (proofs of 7 hashes).
package evm
