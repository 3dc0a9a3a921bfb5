// Depinkit is the command-line tool of the depinkit SDK: it makes device keys,
// shows their DIDs, and seals and opens device reports (envelopes).
//
// Usage:
//
//	depinkit keys new --type {ed25519|secp256k1|p256|eddsa-bn254} [--out FILE] [--force]
//	depinkit keys did --type T --public HEX
//	depinkit keys doc --type T --public HEX
//	depinkit envelope seal --key FILE --content-type CT --seq N [--in FILE] [--out FILE] [--format raw|json|cbor] [--time RFC3339]
//	depinkit envelope open --type T --public HEX [--in FILE]
//
// A round trip, from a new key to an opened report:
//
//	depinkit keys new --type p256 --out device.key        # prints type, public, id, did
//	echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
//	depinkit envelope open --type p256 --public <public from keys new> --in report.cose
//
// Every error is printed as one line on standard error, starting with "depinkit: ",
// and the exit status is 1; nothing is written to standard output then.
// Run "depinkit help COMMAND" for the details of each command.
package main
