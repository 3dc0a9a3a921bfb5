// Package device gives DePIN devices an identity and makes what they send
// trustworthy: keys and identifiers, the maker certificates that vouch for
// hardware, the registry a network keeps of its devices, and the signed envelopes
// devices report in.
//
// # 1. Keys
//
// A device, a maker (manufacturer) or an owner holds a PrivateKey of one KeyType:
//
//	Ed25519     RFC 8032; small, fast, the usual choice for a device.
//	Secp256k1   ECDSA over SHA-256, low-S; also an EVM account (PublicKey.Address).
//	P256        ECDSA over SHA-256 on NIST P-256, what secure elements and TPMs hold.
//	EdDSABN254  EdDSA on BN254's embedded twisted Edwards curve with Poseidon2:
//	            signatures a gnark circuit checks cheaply (package proof uses them).
//
// GenerateKey makes one from a randomness source; NewPrivateKey and PrivateKey.Bytes
// move its 32-byte raw form; SaveKeyFile and LoadKeyFile keep it on disk.
// ParsePublicKey reads a raw public key (compressed or uncompressed points for the
// ECDSA curves) and checks it. Signatures are always 64 bytes. Anything that can sign
// (a key in a secure element, say) plugs in through the small Signer interface.
//
// An EdDSA-BN254 signature signs one BN254 field element. A message becomes that
// element as Poseidon2 (gnark-crypto's Merkle-Damgard hasher, default BN254
// parameters: width 2, 6 full and 50 partial rounds, zero IV) over the element
// len(msg) followed by msg cut into 31-byte big-endian chunks. A circuit that knows
// the message recomputes the element the same way.
//
// # 2. Identifiers
//
// Every key has an ID: SHA-256 over a domain tag, the key type and the canonical
// key (see ID), written as 64 hex digits. A device is known by the ID of the key its
// certificate names, and keeps that ID when it rotates to another key.
//
// Every key also has a DID. Ed25519, secp256k1 and P-256 keys get a did:key exactly
// as the W3C CCG did:key method defines it (multicodec 0xed, 0xe7, 0x1200,
// compressed points, base58btc); EdDSA-BN254 keys, which did:key has no code for,
// get "did:depinkit:" followed by the same multibase form with the private-use
// multicodec 0x300254. PublicKey.DIDDocument gives the W3C DID Core document with
// one Multikey verification method; ParseDID goes back from a DID to the key.
//
// # 3. Maker certificates and owners
//
// A maker signs a Certificate for each device it builds: the device key, model,
// serial number, capabilities ("lorawan", "gpu:H100:80GB", "meter:kWh") and a window
// in which it may be used to register the device. Certificate.Verify checks the
// signature and the window; ParseCertificate reads only canonical encodings.
//
// An OwnerBinding pairs a device with the owner its rewards go to. The device and the
// owner both sign it, so nobody can claim a device they do not hold.
//
// # 4. The registry
//
// A network keeps its makers and devices in a Registry (NewMemoryRegistry). It
// approves and retires makers, registers a device only on a valid certificate from an
// approved maker, binds owners, rotates a device's key (KeyRotation, signed by the
// old and the new key) and revokes devices (Revocation, by maker or owner). It looks
// devices up by ID or DID. Every operation checks everything before it changes
// anything, and time comes in as an argument, never from the clock: the registry is
// deterministic, and Snapshot/Restore move it as canonical CBOR, because it becomes
// replicated chain state.
//
// # 5. Envelopes
//
// A device reports with Seal: a standard COSE_Sign1 message (RFC 9052) whose
// payload is canonical CBOR and whose protected header holds
//
//	1 alg           EdDSA (-8), ES256 (-7), ES256K (-47), or AlgEdDSABN254 (-65600, private use)
//	3 content type  the schema name, as the media type application/vnd.<name with '.' for '/'>+cbor
//	4 kid           the 32-byte device ID
//	-65537          the device's sequence number (private use label)
//	-65538          the device's time in Unix milliseconds (private use label)
//
// so any COSE library verifies an envelope with the device's public key. On the
// receiving side an Opener checks each envelope completely: size (MaxEnvelopeSize),
// structure, the device is registered and not revoked, the algorithm is its key's,
// the signature, and the sequence number against a ReplayGuard (strictly new per
// device, with an out-of-order window). OpenBatch does the same for many envelopes
// on all cores, keeping their order.
//
// # Errors
//
// Every error for bad input wraps one of the package's sentinel errors (ErrReplay,
// ErrRevoked, ErrBadSignature, ...) and names the field at fault; test with
// errors.Is. Decoders bound the size of what they read.
package device
