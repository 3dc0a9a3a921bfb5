// SPDX-License-Identifier: Apache-2.0
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
/// and records the verified claims per epoch, each with the account it was
/// proven for. The proof is checked by a ProofVerifier made from the network's
/// coverage verifying key (gnark's exported verifier and depinkit's wrapper),
/// deployed first and named here.
/// @dev The public inputs are (point x, point y, radius, nonce, device key x,
/// device key y); the device signs the nonce inside the circuit. The nonce
/// must be coverageNonce(epoch, msg.sender): keccak256(abi.encode(chain id,
/// this contract, epoch, submitter)) reduced modulo the BN254 scalar field.
/// So a proof is bound to the epoch and to the account it was made for: a
/// copy sent from another account (front-running it out of the mempool) or
/// under another epoch is refused with NonceMismatch, and one proof is
/// recorded under one epoch only. A claim is identified by
/// keccak256(abi.encodePacked(input)).
contract CoverageVerifier {
    /// @notice The order of BN254's scalar field, where the nonce lives.
    uint256 public constant SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice The coverage circuit's number of public inputs.
    uint256 public constant PUBLIC_INPUTS = 6;

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
    /// @notice The claim's nonce is not coverageNonce(epoch, submitter): the
    /// proof was made for another epoch or another submitter.
    error NonceMismatch(uint64 epoch, address submitter, uint256 nonce, uint256 expected);

    constructor(IProofVerifier verifier_) {
        if (address(verifier_).code.length == 0) revert NoVerifier(address(verifier_));
        verifier = verifier_;
    }

    /// @notice The nonce a device signs in a coverage proof that `submitter`
    /// sends for epoch.
    function coverageNonce(uint64 epoch, address submitter) public view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), epoch, submitter))) % SCALAR_FIELD;
    }

    /// @notice Verifies a coverage proof made for msg.sender and epoch, and
    /// records its claim under epoch. Reverts with InvalidProof for a wrong,
    /// tampered or malformed proof, NonceMismatch for one made for another
    /// epoch or submitter.
    /// @return claim the claim's id, keccak256(abi.encodePacked(input))
    function verifyCoverage(uint64 epoch, bytes calldata proof, uint256[] calldata input)
        external
        returns (bytes32 claim)
    {
        claim = keccak256(abi.encodePacked(input));
        if (input.length != PUBLIC_INPUTS) revert InvalidProof(epoch, claim);
        uint256 expected = coverageNonce(epoch, msg.sender);
        if (input[3] != expected) revert NonceMismatch(epoch, msg.sender, input[3], expected);
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
