// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The interface of depinkit's ProofVerifier (package proof/solidity):
/// gnark's Groth16 or PLONK verifier for one verifying key behind one
/// behaviour, true for a valid proof and false for anything else.
interface IProofVerifier {
    function verify(bytes calldata proof, uint256[] calldata input) external view returns (bool ok);
    function PUBLIC_INPUTS() external view returns (uint256);
}

/// @title CoverageVerifier
/// @notice Verifies coverage proofs of depinkit's coverage circuit on chain
/// and records the verified claims per epoch. The proof is checked by a
/// ProofVerifier made from the network's coverage verifying key (gnark's
/// exported verifier and depinkit's wrapper), deployed first and named here.
/// @dev A claim is identified by keccak256(abi.encodePacked(input)), its
/// public inputs: (point x, point y, radius, nonce, device key x, device key y).
/// Binding the nonce to the epoch is the caller's business (the epoch's
/// beacon); the contract records what was proven under the epoch it was given.
contract CoverageVerifier {
    /// @notice The verifier of the coverage verifying key.
    IProofVerifier public immutable verifier;

    mapping(uint64 epoch => mapping(bytes32 claim => address submitter)) private _verified;

    event CoverageVerified(uint64 indexed epoch, bytes32 indexed claim, address indexed submitter);

    /// @notice The proof is not valid for the claim.
    error InvalidProof(uint64 epoch, bytes32 claim);
    /// @notice The claim was verified for this epoch already.
    error AlreadyVerified(uint64 epoch, bytes32 claim);
    /// @notice The verifier address holds no contract.
    error NoVerifier(address verifier);

    constructor(IProofVerifier verifier_) {
        if (address(verifier_).code.length == 0) revert NoVerifier(address(verifier_));
        verifier = verifier_;
    }

    /// @notice Verifies a coverage proof and records its claim under epoch.
    /// Reverts with InvalidProof for a wrong, tampered or malformed proof.
    /// @return claim the claim's id, keccak256(abi.encodePacked(input))
    function verifyCoverage(uint64 epoch, bytes calldata proof, uint256[] calldata input)
        external
        returns (bytes32 claim)
    {
        claim = keccak256(abi.encodePacked(input));
        if (_verified[epoch][claim] != address(0)) revert AlreadyVerified(epoch, claim);
        if (!verifier.verify(proof, input)) revert InvalidProof(epoch, claim);
        _verified[epoch][claim] = msg.sender;
        emit CoverageVerified(epoch, claim, msg.sender);
    }

    /// @notice Who had the claim verified under epoch; zero if nobody did.
    function verifiedBy(uint64 epoch, bytes32 claim) external view returns (address) {
        return _verified[epoch][claim];
    }
}
