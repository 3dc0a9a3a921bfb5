// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title DeviceRegistry
/// @notice Devices of a depinkit network as ERC-721 tokens. The registry's
/// owner approves makers (manufacturers); a device is registered with its
/// maker's EIP-712 signature over (device id, key type, public key, model,
/// owner) and minted to its owner, token id = uint256(device id). The maker or
/// the token's owner may revoke it: the token is burnt and the id can never be
/// registered again. Transferring the token transfers the device.
/// Ownership moves in two steps (OpenZeppelin Ownable2Step): the owner
/// names a pending owner (transferOwnership), which takes over only when it
/// accepts (acceptOwnership), so a mistyped address cannot take the registry
/// or lose it. The owner should be the subnet's own multisig or governance
/// contract; it only approves and retires makers.
/// @dev The device id is depinkit's device.ID, checked on chain:
/// sha256("depinkit/id/v1" || 0x00 || keyType || publicKey).
contract DeviceRegistry is ERC721, EIP712, Ownable2Step {
    /// @notice EIP-712 type a maker signs to register a device.
    bytes32 public constant DEVICE_TYPEHASH =
        keccak256("Device(bytes32 id,uint8 keyType,bytes publicKey,bytes32 model,address owner)");

    /// @notice The longest public key accepted (an uncompressed ECDSA point).
    uint256 public constant MAX_PUBLIC_KEY = 65;

    /// @notice What the registry keeps of a device.
    struct Device {
        address maker; // the maker that signed its registration; 0: unknown
        uint8 keyType; // depinkit's device.KeyType
        bool revoked; // revoked by its maker or owner
        uint64 registeredAt; // block timestamp of its registration
        bytes32 model; // the maker's model name or digest
        bytes publicKey; // depinkit's canonical public key (PublicKey.Bytes)
    }

    mapping(address maker => bool) private _makers;
    mapping(bytes32 id => Device) private _devices;

    event MakerApproved(address indexed maker);
    event MakerRetired(address indexed maker);
    event DeviceRegistered(bytes32 indexed id, address indexed maker, address indexed owner, bytes32 model);
    event DeviceRevoked(bytes32 indexed id, address indexed by);

    /// @notice The maker's signature is not a valid 65-byte low-s ECDSA signature.
    error InvalidSignature();
    /// @notice The signature recovers to an address that is not an approved maker
    /// (a forged signature, one for other data, or one for another registry).
    error MakerNotApproved(address signer);
    /// @notice The id is not sha256("depinkit/id/v1" || 0x00 || keyType || publicKey).
    error DeviceIDMismatch(bytes32 id, bytes32 derived);
    /// @notice The key type is zero or the public key empty or too long.
    error InvalidPublicKey();
    /// @notice A device with this id was registered already (and maybe revoked).
    error DeviceExists(bytes32 id);
    /// @notice No device with this id was registered.
    error UnknownDevice(bytes32 id);
    /// @notice The device is revoked already.
    error AlreadyRevoked(bytes32 id);
    /// @notice Only the device's maker or owner may revoke it.
    error NotMakerOrOwner(bytes32 id, address caller);
    /// @notice The maker address is zero.
    error ZeroMaker();

    constructor(address admin)
        ERC721("depinkit device", "DEVICE")
        EIP712("depinkit DeviceRegistry", "1")
        Ownable(admin)
    {}

    /// @notice Lets maker sign device registrations.
    function approveMaker(address maker) external onlyOwner {
        if (maker == address(0)) revert ZeroMaker();
        _makers[maker] = true;
        emit MakerApproved(maker);
    }

    /// @notice Stops maker from signing new registrations; its devices stay.
    function retireMaker(address maker) external onlyOwner {
        _makers[maker] = false;
        emit MakerRetired(maker);
    }

    /// @notice Whether maker may sign registrations.
    function isMaker(address maker) external view returns (bool) {
        return _makers[maker];
    }

    /// @notice Registers a device on its maker's signature and mints its
    /// token to `to`, the owner the maker signed. Anyone may send it: the
    /// signature decides.
    function registerDevice(
        bytes32 id,
        uint8 keyType,
        bytes calldata publicKey,
        bytes32 model,
        address to,
        bytes calldata makerSignature
    ) external returns (uint256 tokenId) {
        if (keyType == 0 || publicKey.length == 0 || publicKey.length > MAX_PUBLIC_KEY) revert InvalidPublicKey();
        bytes32 derived = sha256(abi.encodePacked("depinkit/id/v1", bytes1(0), keyType, publicKey));
        if (derived != id) revert DeviceIDMismatch(id, derived);
        Device storage d = _devices[id];
        if (d.maker != address(0)) revert DeviceExists(id);
        (address maker, ECDSA.RecoverError err,) =
            ECDSA.tryRecoverCalldata(deviceDigest(id, keyType, publicKey, model, to), makerSignature);
        if (err != ECDSA.RecoverError.NoError) revert InvalidSignature();
        if (!_makers[maker]) revert MakerNotApproved(maker);
        d.maker = maker;
        d.keyType = keyType;
        d.registeredAt = uint64(block.timestamp);
        d.model = model;
        d.publicKey = publicKey;
        tokenId = uint256(id);
        _mint(to, tokenId);
        emit DeviceRegistered(id, maker, to, model);
    }

    /// @notice Revokes a device: only its maker or its token's owner may.
    /// The token is burnt; the device stays known as revoked.
    function revoke(bytes32 id) external {
        Device storage d = _devices[id];
        if (d.maker == address(0)) revert UnknownDevice(id);
        if (d.revoked) revert AlreadyRevoked(id);
        uint256 tokenId = uint256(id);
        if (msg.sender != d.maker && msg.sender != _ownerOf(tokenId)) revert NotMakerOrOwner(id, msg.sender);
        d.revoked = true;
        _burn(tokenId);
        emit DeviceRevoked(id, msg.sender);
    }

    /// @notice A device and its current owner (zero once revoked); reverts
    /// for an unknown id.
    function device(bytes32 id) external view returns (Device memory info, address holder) {
        info = _devices[id];
        if (info.maker == address(0)) revert UnknownDevice(id);
        holder = _ownerOf(uint256(id));
    }

    /// @notice The EIP-712 digest a maker signs to register a device.
    function deviceDigest(bytes32 id, uint8 keyType, bytes calldata publicKey, bytes32 model, address to)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(DEVICE_TYPEHASH, id, keyType, keccak256(publicKey), model, to)));
    }
}
