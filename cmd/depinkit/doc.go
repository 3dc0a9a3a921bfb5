// Depinkit is the command-line tool of the depinkit SDK, a Go library for
// building DePIN networks. It follows a network from a device's key to the
// reward paid on an EVM chain; its commands come in four groups:
//
//   - devices: keys (make device, maker, owner and validator keys, print DIDs
//     and DID documents) and envelope (seal and open signed device reports,
//     COSE_Sign1);
//   - proofs and rewards: proof (prove and verify coverage, usage and
//     threshold claims; development keys, multi-party ceremonies, Solidity
//     verifiers; any statement a vertical registers), reward (emission
//     curves, Merkle trees of reward claims) and audit (re-execute a
//     subnet's history and check every epoch against the parent chain);
//   - networks: subnet (write, check, launch and watch a subnet), testnet
//     (write a local validator network), node (run one validator) and settle
//     (the settlement story on an EVM chain, with each step's gas);
//   - measurement: bench (the consensus engine's throughput and latency).
//
// One example per group:
//
//	depinkit keys new --type p256 --out device.key        # prints type, public, id, did
//	echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
//	depinkit proof setup --statement coverage --keys keys/
//	depinkit reward curve --kind halving --initial 1000 --period 4 --epochs 12
//	depinkit audit telecom/subnet.toml --validator v0
//	depinkit subnet init --vertical telecom --validators 4 --out telecom
//	depinkit settle demo
//	depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json
//
// Every error is printed as one line on standard error, starting with "depinkit: ",
// and the exit status is 1; nothing is written to standard output then.
// Run "depinkit help COMMAND" for the details and examples of each command.
package main
