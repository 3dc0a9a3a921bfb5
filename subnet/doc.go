// Package subnet describes and governs a depinkit subnet: a network of
// validators serving one vertical (telecom, energy...), with its own chain,
// that settles on a parent EVM chain. Several subnets can share one parent.
//
// # 1. The spec
//
// A subnet is one TOML file, its Spec. Init writes a ready one for a local
// network, with keys (depinkit subnet init --vertical telecom --out DIR does
// the same):
//
//	spec, err := subnet.Init("telecom", subnet.InitOptions{Vertical: "telecom", Validators: 4})
//
// and Load reads one back (Parse decodes bytes, Marshal and Save write). A
// spec reads:
//
//	name = 'telecom'              # letters, digits, '.', '_', '-'
//	chain_id = 4242               # the subnet chain's id
//	vertical = 'telecom'          # a lowercase identifier
//	proof_keys = 'keys'           # optional: a proof key store, relative to
//	                              # this file; every verifying key is loaded
//
//	[epoch]                       # an epoch ends after length commits or
//	length = 1000                 # duration of commit time, whichever first;
//	duration = '1h'               # one of them may be left out
//
//	[reward]                      # amounts: decimal strings of base units
//	curve = 'halving'             # halving | constant | linear | exponential
//	                              # | spread-halving
//	initial = '1000000000000000000000'
//	period = 8760                 # halving, exponential: epochs per step
//	# cap = '...'                 # halving, optional
//	# step = '...', floor = '...' # linear
//	# factor = '85/100'           # exponential
//
//	[reward.pools]                # optional: the vertical's pools' weights
//	beacons = 6                   # (names are the vertical's; its factory
//	witnesses = 24                # refuses one it has no pool of)
//
//	[proofs]                      # claim type = signature | groth16 | plonk
//	'telecom/coverage/v1' = 'groth16'
//
//	[verticals.telecom]           # optional: the vertical's own settings,
//	beacon_interval_ms = 1000     # decoded by its factory (DecodeVertical)
//
//	[parent]                      # 'embedded', or an http(s)/ws(s) RPC URL,
//	rpc = 'embedded'              # and optionally the contracts' addresses:
//	# subnet_registry, device_registry, reward_distributor, token = '0x...'
//
//	[[validators]]                # one per validator, in any order
//	name = 'v0'
//	consensus_key = '<64 hex digits: ed25519 public key>'
//	settlement_address = '0x...'  # of its secp256k1 settlement key
//	stake = 100
//	p2p = '/ip4/127.0.0.1/tcp/7600'
//	api = '127.0.0.1:7601'
//	dir = 'v0'                    # holds validator.key and settlement.key
//
//	[[makers]]                    # manufacturers approved at genesis
//	name = 'acme'
//	key = 'did:key:z...'          # as "depinkit keys did" prints it
//
// The economics belong to the subnet: Curve builds the reward.Curve of the
// [reward] section (any curve package reward has), PoolWeights gives the
// pools' weights, and the vertical's factory (depin/vertical.Register)
// gets both with its own section, which it decodes into its typed config
// with DecodeVertical, unknown keys refused with their path.
//
// # 2. Validation and the genesis hash
//
// Validate reports every problem at once, each a *FieldError with the TOML
// path of its field ("validators[2].stake") and all wrapping ErrInvalidSpec;
// FieldErrors lists them. "depinkit subnet validate SPEC" prints them, or
// "ok <name> genesis 0x...".
//
// GenesisHash is keccak256 of the canonical CBOR of the spec in a normalised
// form: what the subnet is (name, chain id, vertical, epochs, curve, proofs,
// validators' consensus keys, settlement addresses, stakes and names, makers), not where it runs
// (network addresses, directories, parent chain), with validators sorted by
// consensus key so that file order does not matter. Its documentation lists
// exactly what is covered.
//
// # 3. Validator sets and the parent chain
//
// ValidatorSet is the genesis chain.ValidatorSet, ordered by consensus key;
// EVMValidators is the same set as the parent chain's SubnetRegistry takes
// it. Registering the subnet there:
//
//	id, _, err := settler.RegisterSubnet(ctx, spec.GenesisHash(), spec.EVMValidators())
//
// # 4. Changing the validator set
//
// A Change (Join, Leave, Restake) is a transaction: validators approve it by
// signing its digest with their consensus keys (SignChange), and the subnet's
// application feeds the approvals, in commit order, to Changes, a pure state
// machine. Once approvals hold more than 2/3 of the current stake the change
// is queued; EndEpoch applies the queued changes and returns the next
// epoch's set (what chain.Result.NextValidators carries). Changes of other
// epochs, approvals by non-validators, bad or repeated signatures, joins of
// keys in use and leaves that would empty the set are refused without effect.
// The new set goes to the parent chain with evm.Settler.UpdateValidators,
// signed by a quorum of the old one.
//
// # 5. Checkpoints
//
// At each epoch end every validator signs the subnet's Checkpoint (subnet
// id, epoch, height, app hash, commit digest) with its settlement key
// (SignCheckpoint). A CheckpointSigs collects the signatures, keeping only
// those of validators, and reports when they make a quorum; one validator
// then posts them (CheckpointSigs.Post). The contract checks the quorum
// again: a validator alone cannot post. Anyone can then check a subnet's
// state root against the parent chain with VerifyStateRoot.
//
// # 6. Running the validators
//
// Each validator's directory (Validator.Dir, relative to the spec) holds its
// consensus key (ConsensusKeyFile, the name chain/validator uses too) and its
// settlement key (SettlementKeyFile), both depinkit key files (package
// device). Spec.LoadKeys reads and checks them.
//
// Up launches a subnet on one machine: StartParent readies the parent chain
// (with parent rpc = "embedded", the embedded EVM chain, served over JSON-RPC
// on loopback; otherwise the chain at the URL), deploying what the spec does
// not name, registering the subnet with its GenesisHash and validator set,
// and funding the validators; Up writes the Deployment (DeploymentFile, next
// to the spec) and starts one process per validator with the command it is
// given ("depinkit subnet up" runs "depinkit subnet node" for each, which
// runs package depin's node), and stops them all when its context ends.
package subnet
