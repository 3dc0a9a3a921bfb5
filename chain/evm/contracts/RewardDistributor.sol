// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

import {SubnetRegistry} from "./SubnetRegistry.sol";

/// @title RewardDistributor
/// @notice Pays a subnet's epoch rewards in one ERC-20 token. For each
/// (subnet, epoch), a Merkle root of (address, amount) claims and their total
/// are accepted only with the EIP-712 signatures of validators holding more
/// than 2/3 of the stake of the subnet's validator set that validated that
/// epoch in SubnetRegistry (verifyEpochQuorum: a later set posted first does
/// not make the root revert); whoever posts the root
/// pays the total in. Each address then claims its amount once per epoch,
/// for one epoch or several in one call.
/// @dev Leaves are OpenZeppelin StandardMerkleTree's for ["address",
/// "uint256"]: keccak256(bytes.concat(keccak256(abi.encode(account, amount)))),
/// what depinkit's reward.MerkleTree builds. An epoch never pays out more
/// than its signed total, whatever its tree holds. The token must be a plain
/// ERC-20 (no fee on transfer, no rebasing).
contract RewardDistributor is EIP712 {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    /// @notice EIP-712 type of an epoch's claims root.
    bytes32 public constant EPOCH_ROOT_TYPEHASH =
        keccak256("EpochRoot(bytes32 subnet,uint64 epoch,bytes32 root,uint256 total)");

    /// @notice The token rewards are paid in.
    IERC20 public immutable token;
    /// @notice Where validator sets and quorums are checked.
    SubnetRegistry public immutable registry;

    /// @notice An epoch's claims.
    struct Epoch {
        bytes32 root; // Merkle root of the (address, amount) claims; 0: not posted
        uint128 total; // what the epoch pays out at most, paid in when posted
        uint128 paid; // what it has paid so far
    }

    mapping(bytes32 subnet => mapping(uint64 epoch => Epoch)) private _epochs;
    /// @dev Claimed epochs by (subnet, account): one bit per epoch, so an
    /// account's claims of 256 consecutive epochs share a storage slot.
    mapping(bytes32 subnet => mapping(address account => BitMaps.BitMap)) private _claimed;

    event EpochPosted(bytes32 indexed subnet, uint64 indexed epoch, bytes32 root, uint256 total, address funder);
    event Claimed(bytes32 indexed subnet, uint64 indexed epoch, address indexed account, uint256 amount);

    /// @notice The root is zero.
    error EmptyRoot();
    /// @notice The total is zero or does not fit 128 bits.
    error InvalidTotal(uint256 total);
    /// @notice A root was posted for this epoch already.
    error EpochExists(bytes32 subnet, uint64 epoch);
    /// @notice No root was posted for this epoch.
    error UnknownEpoch(bytes32 subnet, uint64 epoch);
    /// @notice The account has claimed this epoch already.
    error AlreadyClaimed(bytes32 subnet, uint64 epoch, address account);
    /// @notice The proof does not show (account, amount) in the epoch's tree.
    error InvalidProof(bytes32 subnet, uint64 epoch, address account, uint256 amount);
    /// @notice Paying this claim would take the epoch past its signed total.
    error EpochOverpaid(bytes32 subnet, uint64 epoch, uint256 paid, uint256 total);
    /// @notice Two arrays that go together differ in length.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice A claim for several epochs names none.
    error NoEpochs();

    constructor(IERC20 token_, SubnetRegistry registry_) EIP712("depinkit RewardDistributor", "1") {
        token = token_;
        registry = registry_;
    }

    /// @notice Accepts an epoch's claims root and total, signed by a quorum
    /// of the subnet's validator set of that epoch (see
    /// SubnetRegistry.verifyEpochQuorum), and takes
    /// the total from msg.sender, which must have approved this contract.
    function postEpoch(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total, bytes[] calldata signatures)
        external
    {
        if (root == 0) revert EmptyRoot();
        if (total == 0 || total > type(uint128).max) revert InvalidTotal(total);
        Epoch storage e = _epochs[subnet][epoch];
        if (e.root != 0) revert EpochExists(subnet, epoch);
        registry.verifyEpochQuorum(subnet, epoch, epochDigest(subnet, epoch, root, total), signatures);
        e.root = root;
        e.total = uint128(total);
        emit EpochPosted(subnet, epoch, root, total, msg.sender);
        token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @notice Pays account its amount for one epoch. Anyone may send the
    /// claim: the tokens go to account.
    /// @param proof the sibling hashes from the leaf up (reward.MerkleTree's Proof)
    function claim(bytes32 subnet, uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external {
        _claim(subnet, epoch, account, amount, proof);
        token.safeTransfer(account, amount);
    }

    /// @notice Pays account its amounts for several epochs, in one transfer.
    function claimMany(
        bytes32 subnet,
        address account,
        uint64[] calldata epochs,
        uint256[] calldata amounts,
        bytes32[][] calldata proofs
    ) external {
        uint256 n = epochs.length;
        if (n == 0) revert NoEpochs();
        if (amounts.length != n) revert LengthMismatch(n, amounts.length);
        if (proofs.length != n) revert LengthMismatch(n, proofs.length);
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            _claim(subnet, epochs[i], account, amounts[i], proofs[i]);
            sum += amounts[i];
        }
        token.safeTransfer(account, sum);
    }

    /// @notice The EIP-712 digest validators sign to accept an epoch's root.
    function epochDigest(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(EPOCH_ROOT_TYPEHASH, subnet, epoch, root, total)));
    }

    /// @notice An epoch's root, total and what it has paid (all zero if not posted).
    function epochInfo(bytes32 subnet, uint64 epoch) external view returns (Epoch memory) {
        return _epochs[subnet][epoch];
    }

    /// @notice Whether account has claimed the epoch.
    function isClaimed(bytes32 subnet, uint64 epoch, address account) external view returns (bool) {
        return _claimed[subnet][account].get(epoch);
    }

    /// @dev Checks one claim and records it, without paying.
    function _claim(bytes32 subnet, uint64 epoch, address account, uint256 amount, bytes32[] calldata proof)
        private
    {
        Epoch storage e = _epochs[subnet][epoch];
        bytes32 root = e.root;
        if (root == 0) revert UnknownEpoch(subnet, epoch);
        BitMaps.BitMap storage claimed = _claimed[subnet][account];
        if (claimed.get(epoch)) revert AlreadyClaimed(subnet, epoch, account);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert InvalidProof(subnet, epoch, account, amount);
        uint256 paid = e.paid + amount;
        if (paid > e.total) revert EpochOverpaid(subnet, epoch, paid, e.total);
        e.paid = uint128(paid);
        claimed.set(epoch);
        emit Claimed(subnet, epoch, account, amount);
    }
}
