package solidity

import "errors"

var (
	// ErrCurve: the key or proof is not on BN254, the only curve with EVM
	// precompiles.
	ErrCurve = errors.New("solidity: not a BN254 key or proof")
	// ErrUnsupported: gnark's Solidity verifier cannot take this verifying key
	// (no public input, or more than one Groth16 commitment).
	ErrUnsupported = errors.New("solidity: verifying key not supported on chain")
	// ErrInput: a public input or proof cannot be turned into calldata (not a
	// public witness on BN254's scalar field, wrong length...).
	ErrInput = errors.New("solidity: bad proof or public input")
	// ErrResult: what a contract returned is not verify's ABI-encoded bool.
	ErrResult = errors.New("solidity: malformed verify result")
)
