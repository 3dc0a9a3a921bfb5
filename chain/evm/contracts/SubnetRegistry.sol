// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title SubnetRegistry
/// @notice The validator sets of depinkit subnets and their checkpoints. A
/// subnet registers its validators (settlement addresses and stakes); from
/// then on a new validator set is accepted only with the EIP-712 signatures
/// of validators holding more than 2/3 of the current set's stake, and an
/// epoch's checkpoint (or, through verifyEpochQuorum, RewardDistributor's
/// epoch root) only with those of more than 2/3 of the stake of the set that
/// validated that epoch.
/// @dev Each set version names the first epoch it validates (firstEpoch,
/// signed by the previous set with the rest of the new set); version v then
/// validates epochs [firstEpoch(v), firstEpoch(v+1)). Every version's members,
/// stakes and total are kept. This binds an epoch's root and checkpoint to the
/// set that signed them: posting set v+1 (anyone may, once its signatures are
/// out) never makes the last set-v epoch's root or checkpoint revert, and a
/// retired set cannot sign an epoch of a later one. The alternative the
/// design allowed, making updateValidators wait for its epoch's checkpoint,
/// was not chosen: roots are posted independently of checkpoints and may come
/// late (a poster that cannot pay an epoch in yet), and they would still fail
/// against the new set.
/// Signatures are 65-byte (r, s, v) ECDSA signatures over an EIP-712 digest
/// of this contract's domain, low-s only and v in {27, 28} (OpenZeppelin
/// ECDSA), listed in strictly ascending order of signer address: that rejects
/// a signer counted twice without any storage.
contract SubnetRegistry is EIP712 {
    /// @notice The largest validator set a subnet may register.
    uint256 public constant MAX_VALIDATORS = 256;

    /// @notice EIP-712 type of a validator set change: the set that becomes
    /// version `version` of the subnet.
    bytes32 public constant VALIDATOR_SET_TYPEHASH =
        keccak256("ValidatorSet(bytes32 subnet,uint64 version,uint64 firstEpoch,address[] validators,uint64[] stakes)");

    /// @notice EIP-712 type of a checkpoint of a subnet's chain.
    bytes32 public constant CHECKPOINT_TYPEHASH =
        keccak256("Checkpoint(bytes32 subnet,uint64 epoch,uint64 height,bytes32 stateRoot,bytes32 commitDigest)");

    /// @notice What the registry keeps of a subnet.
    struct Subnet {
        address registrant; // who registered it; no further rights
        uint64 version; // the current validator set's version, from 1; 0: no such subnet
        uint32 validatorCount; // members of the current set
        uint64 latestEpoch; // epoch of the latest checkpoint, if checkpointed
        bool checkpointed; // a checkpoint has been posted
        uint256 totalStake; // the current set's total stake
        bytes32 genesis; // what the registrant named the subnet by (its genesis digest)
    }

    /// @notice A checkpoint of a subnet's chain at the end of an epoch.
    struct Checkpoint {
        uint64 height; // the chain height the epoch ended at
        uint64 postedAt; // the block number it was posted in; 0: no checkpoint
        uint64 version; // the version of the validator set that signed it
        bytes32 stateRoot; // the application state root at that height
        bytes32 commitDigest; // the digest of the commit that ended the epoch
    }

    mapping(bytes32 subnet => Subnet) private _subnets;
    mapping(bytes32 subnet => mapping(uint64 version => address[])) private _members;
    mapping(bytes32 subnet => mapping(uint64 version => mapping(address validator => uint64))) private _stakes;
    mapping(bytes32 subnet => mapping(uint64 version => uint256)) private _totals;
    mapping(bytes32 subnet => mapping(uint64 version => uint64)) private _firstEpochs;
    mapping(bytes32 subnet => mapping(uint64 epoch => Checkpoint)) private _checkpoints;

    event SubnetRegistered(bytes32 indexed subnet, address indexed registrant, bytes32 genesis, uint256 totalStake);
    event ValidatorSetUpdated(bytes32 indexed subnet, uint64 indexed version, uint64 firstEpoch, uint256 totalStake);
    event CheckpointPosted(
        bytes32 indexed subnet, uint64 indexed epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest
    );

    /// @notice A subnet with this id is registered already.
    error SubnetExists(bytes32 subnet);
    /// @notice No subnet with this id is registered.
    error UnknownSubnet(bytes32 subnet);
    /// @notice A validator set has no members.
    error EmptyValidatorSet();
    /// @notice A validator set has more than MAX_VALIDATORS members.
    error TooManyValidators(uint256 count, uint256 max);
    /// @notice Two arrays that go together differ in length.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice validators[index] is zero or not above validators[index-1]:
    /// a set lists distinct non-zero addresses in ascending order.
    error ValidatorsNotAscending(uint256 index);
    /// @notice stakes[index] is zero.
    error ZeroStake(uint256 index);
    /// @notice A validator set change names another version than the next one.
    error StaleValidatorSet(uint64 version, uint64 expected);
    /// @notice signatures[index] is not a valid 65-byte low-s ECDSA signature.
    error InvalidSignature(uint256 index);
    /// @notice The signer of signatures[index] is not above the previous
    /// signer: signatures are ordered by signer, each signer once.
    error SignersNotAscending(uint256 index);
    /// @notice A new set's first epoch is not after the current set's.
    error StaleFirstEpoch(uint64 firstEpoch, uint64 currentFirstEpoch);
    /// @notice The signer of signatures[index] is not in the validator set checked against.
    error NotValidator(uint256 index, address signer);
    /// @notice The signers hold at most 2/3 of the stake of the set checked against.
    error UnderQuorum(uint256 signedStake, uint256 totalStake);
    /// @notice A checkpoint's epoch is not after the latest checkpoint's.
    error StaleCheckpoint(uint64 epoch, uint64 latestEpoch);
    /// @notice No checkpoint was posted for this epoch.
    error UnknownCheckpoint(bytes32 subnet, uint64 epoch);

    constructor() EIP712("depinkit SubnetRegistry", "1") {}

    /// @notice The id a registrant gets for a subnet registered with genesis.
    function subnetId(address registrant, bytes32 genesis) public pure returns (bytes32) {
        return keccak256(abi.encode(registrant, genesis));
    }

    /// @notice Registers a subnet with its first validator set (version 1),
    /// which validates the subnet's epochs from epoch 0. The id is subnetId(msg.sender, genesis): nobody can take another
    /// registrant's id.
    /// @param validators settlement addresses, distinct, non-zero, ascending
    /// @param stakes their stakes, each at least 1
    function registerSubnet(bytes32 genesis, address[] calldata validators, uint64[] calldata stakes)
        external
        returns (bytes32 subnet)
    {
        subnet = subnetId(msg.sender, genesis);
        Subnet storage s = _subnets[subnet];
        if (s.version != 0) revert SubnetExists(subnet);
        s.registrant = msg.sender;
        s.genesis = genesis;
        uint256 total = _storeSet(subnet, s, 1, 0, validators, stakes);
        emit SubnetRegistered(subnet, msg.sender, genesis, total);
    }

    /// @notice Makes version `version` the subnet's current validator set,
    /// validating the epochs from firstEpoch on. The version must be the next
    /// one, firstEpoch after the current set's, and the change signed by a
    /// quorum of the current set. The older sets stay: the epochs they
    /// validated are still checked against them.
    function updateValidators(
        bytes32 subnet,
        uint64 version,
        uint64 firstEpoch,
        address[] calldata validators,
        uint64[] calldata stakes,
        bytes[] calldata signatures
    ) external {
        Subnet storage s = _subnet(subnet);
        if (version != s.version + 1) revert StaleValidatorSet(version, s.version + 1);
        uint64 current = _firstEpochs[subnet][s.version];
        if (firstEpoch <= current) revert StaleFirstEpoch(firstEpoch, current);
        verifyQuorum(subnet, validatorSetDigest(subnet, version, firstEpoch, validators, stakes), signatures);
        uint256 total = _storeSet(subnet, s, version, firstEpoch, validators, stakes);
        emit ValidatorSetUpdated(subnet, version, firstEpoch, total);
    }

    /// @notice Records a checkpoint of a subnet's chain, signed by a quorum of
    /// the validator set of its epoch (versionAt). Epochs strictly increase.
    function postCheckpoint(
        bytes32 subnet,
        uint64 epoch,
        uint64 height,
        bytes32 stateRoot,
        bytes32 commitDigest,
        bytes[] calldata signatures
    ) external {
        Subnet storage s = _subnet(subnet);
        if (s.checkpointed && epoch <= s.latestEpoch) revert StaleCheckpoint(epoch, s.latestEpoch);
        (, uint64 version) =
            verifyEpochQuorum(subnet, epoch, checkpointDigest(subnet, epoch, height, stateRoot, commitDigest), signatures);
        s.latestEpoch = epoch;
        s.checkpointed = true;
        _checkpoints[subnet][epoch] = Checkpoint(height, uint64(block.number), version, stateRoot, commitDigest);
        emit CheckpointPosted(subnet, epoch, height, stateRoot, commitDigest);
    }

    /// @notice Checks that signatures over digest come from validators of the
    /// subnet's current set holding more than 2/3 of its stake, and returns
    /// the stake that signed. Reverts with the reason otherwise.
    /// @param signatures 65-byte signatures, in strictly ascending order of
    /// their signers' addresses
    function verifyQuorum(bytes32 subnet, bytes32 digest, bytes[] calldata signatures)
        public
        view
        returns (uint256 signedStake)
    {
        return _verifyQuorum(subnet, _subnet(subnet).version, digest, signatures);
    }

    /// @notice Checks that signatures over digest come from validators of the
    /// set that validated epoch (versionAt) holding more than 2/3 of its
    /// stake, and returns the stake that signed and the set's version.
    /// Reverts with the reason otherwise.
    function verifyEpochQuorum(bytes32 subnet, uint64 epoch, bytes32 digest, bytes[] calldata signatures)
        public
        view
        returns (uint256 signedStake, uint64 version)
    {
        version = versionAt(subnet, epoch);
        signedStake = _verifyQuorum(subnet, version, digest, signatures);
    }

    /// @notice The version of the validator set that validates epoch: the
    /// last one whose first epoch is at or before it (as the subnet's chain
    /// sees it once the sets are posted). Reverts for an unknown subnet.
    function versionAt(bytes32 subnet, uint64 epoch) public view returns (uint64) {
        Subnet storage s = _subnet(subnet);
        mapping(uint64 => uint64) storage first = _firstEpochs[subnet];
        // First epochs strictly increase with the version, version 1's is 0.
        uint64 lo = 1;
        uint64 hi = s.version;
        while (lo < hi) {
            uint64 mid = hi - (hi - lo) / 2;
            if (first[mid] <= epoch) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    function _verifyQuorum(bytes32 subnet, uint64 version, bytes32 digest, bytes[] calldata signatures)
        private
        view
        returns (uint256 signedStake)
    {
        mapping(address => uint64) storage stakes = _stakes[subnet][version];
        address previous;
        for (uint256 i = 0; i < signatures.length; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            if (signer <= previous) revert SignersNotAscending(i);
            previous = signer;
            uint64 stake = stakes[signer];
            if (stake == 0) revert NotValidator(i, signer);
            signedStake += stake;
        }
        uint256 total = _totals[subnet][version];
        if (signedStake * 3 <= total * 2) revert UnderQuorum(signedStake, total);
    }

    /// @notice The EIP-712 digest validators sign to make `validators` version
    /// `version` of the subnet's set, validating the epochs from firstEpoch on.
    function validatorSetDigest(
        bytes32 subnet,
        uint64 version,
        uint64 firstEpoch,
        address[] calldata validators,
        uint64[] calldata stakes
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    VALIDATOR_SET_TYPEHASH,
                    subnet,
                    version,
                    firstEpoch,
                    keccak256(abi.encodePacked(validators)),
                    keccak256(abi.encodePacked(stakes))
                )
            )
        );
    }

    /// @notice The EIP-712 digest validators sign for a checkpoint.
    function checkpointDigest(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(CHECKPOINT_TYPEHASH, subnet, epoch, height, stateRoot, commitDigest)));
    }

    /// @notice What the registry keeps of a subnet; reverts for an unknown one.
    function subnetInfo(bytes32 subnet) external view returns (Subnet memory) {
        return _subnet(subnet);
    }

    /// @notice The subnet's current validator set and its version.
    function validatorSet(bytes32 subnet)
        external
        view
        returns (address[] memory members, uint64[] memory stakes, uint64 version)
    {
        Subnet storage s = _subnet(subnet);
        version = s.version;
        members = _members[subnet][version];
        stakes = new uint64[](members.length);
        for (uint256 i = 0; i < members.length; ++i) {
            stakes[i] = _stakes[subnet][version][members[i]];
        }
    }

    /// @notice The subnet's validator set of version `version` and the first
    /// epoch it validates; no members for a version never posted.
    function validatorSetAt(bytes32 subnet, uint64 version)
        external
        view
        returns (address[] memory members, uint64[] memory stakes, uint64 firstEpoch)
    {
        _subnet(subnet);
        firstEpoch = _firstEpochs[subnet][version];
        members = _members[subnet][version];
        stakes = new uint64[](members.length);
        for (uint256 i = 0; i < members.length; ++i) {
            stakes[i] = _stakes[subnet][version][members[i]];
        }
    }

    /// @notice The stake of validator in the subnet's current set, 0 if it is
    /// not a member.
    function stakeOf(bytes32 subnet, address validator) external view returns (uint64) {
        return _stakes[subnet][_subnet(subnet).version][validator];
    }

    /// @notice The checkpoint posted for epoch; reverts if there is none.
    function checkpoint(bytes32 subnet, uint64 epoch) external view returns (Checkpoint memory c) {
        c = _checkpoints[subnet][epoch];
        if (c.postedAt == 0) revert UnknownCheckpoint(subnet, epoch);
    }

    function _subnet(bytes32 subnet) private view returns (Subnet storage s) {
        s = _subnets[subnet];
        if (s.version == 0) revert UnknownSubnet(subnet);
    }

    /// @dev Checks a validator set and stores it as version `version`.
    function _storeSet(
        bytes32 subnet,
        Subnet storage s,
        uint64 version,
        uint64 firstEpoch,
        address[] calldata members,
        uint64[] calldata stakes
    ) private returns (uint256 total) {
        uint256 n = members.length;
        if (n == 0) revert EmptyValidatorSet();
        if (n > MAX_VALIDATORS) revert TooManyValidators(n, MAX_VALIDATORS);
        if (stakes.length != n) revert LengthMismatch(n, stakes.length);
        mapping(address => uint64) storage set = _stakes[subnet][version];
        address previous;
        for (uint256 i = 0; i < n; ++i) {
            address v = members[i];
            if (v <= previous) revert ValidatorsNotAscending(i);
            previous = v;
            if (stakes[i] == 0) revert ZeroStake(i);
            set[v] = stakes[i];
            total += stakes[i];
        }
        _members[subnet][version] = members;
        _totals[subnet][version] = total;
        _firstEpochs[subnet][version] = firstEpoch;
        s.version = version;
        s.validatorCount = uint32(n);
        s.totalStake = total;
    }
}
