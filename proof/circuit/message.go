package circuit

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
)

// ChunkSize is how many message bytes one field element carries in the device
// package's message mapping: 31 bytes are always below the BN254 modulus.
const ChunkSize = 31

// Domain tags of the messages a device signs for the statements of this package
// (see ElementMessage). Each is at most ChunkSize bytes and fills the first chunk,
// so a signature for one statement never reads as one for another.
const (
	// NonceTag prefixes the coverage beacon nonce a device signs.
	NonceTag = "depinkit/proof/coverage-nonce/1"
	// RootTag prefixes the Merkle root of a reading series a device signs (Usage
	// and Threshold).
	RootTag = "depinkit/proof/readings-root/1"
)

// elementMessageSize is the length of ElementMessage's output: one tag chunk and a
// 32-byte field element.
const elementMessageSize = ChunkSize + fr.Bytes

// The solver finds hints by the name of their function: renaming
// splitLowByteHint changes every compiled constraint system that uses it.
func init() {
	solver.RegisterHint(splitLowByteHint)
}

// MessageElement computes in-circuit the field element that an EdDSA-BN254
// signature of the device package signs for a message (device.BN254MessageElement):
//
//	Poseidon2-MD(length, chunk_1, ..., chunk_k)
//
// where length is the message length in bytes and chunk_i are its 31-byte slices
// (the last one shorter) read as big-endian integers; MessageChunks computes them
// natively. The chunks are not range-checked: a signature binds the exact
// sequence of elements hashed, so a forged chunk only names a message the device
// never signed. When length is a constant it must match len(chunks).
func MessageElement(api frontend.API, length frontend.Variable, chunks []frontend.Variable) (frontend.Variable, error) {
	if n, ok := api.Compiler().ConstantValue(length); ok {
		if !n.IsUint64() || chunkCount(n.Uint64()) != uint64(len(chunks)) {
			return nil, fmt.Errorf("circuit: message of %s bytes has %d chunks, want %d", n, len(chunks), chunkCount(n.Uint64()))
		}
	}
	h, err := NewHasher(api)
	if err != nil {
		return nil, err
	}
	h.Write(length)
	h.Write(chunks...)
	return h.Sum(), nil
}

func chunkCount(n uint64) uint64 { return (n + ChunkSize - 1) / ChunkSize }

// MessageChunks returns the inputs of MessageElement for msg: its length and its
// chunks as field elements.
func MessageChunks(msg []byte) (length uint64, chunks []fr.Element) {
	length = uint64(len(msg))
	for len(msg) > 0 {
		n := min(len(msg), ChunkSize)
		var c fr.Element
		c.SetBigInt(new(big.Int).SetBytes(msg[:n]))
		chunks = append(chunks, c)
		msg = msg[n:]
	}
	return length, chunks
}

// ElementMessage returns the message a device signs to vouch for the field element
// x under tag (NonceTag or RootTag): 63 bytes, the tag left-aligned in a 31-byte
// chunk padded with zero bytes, then x as 32 big-endian bytes. Sign it with the
// device's EdDSA-BN254 key (device.PrivateKey.Sign or any device.Signer); the
// circuits check that signature with ElementMessageElement.
func ElementMessage(tag string, x fr.Element) ([]byte, error) {
	if len(tag) > ChunkSize {
		return nil, fmt.Errorf("%w: tag %q is %d bytes, at most %d", ErrRange, tag, len(tag), ChunkSize)
	}
	msg := make([]byte, elementMessageSize)
	copy(msg, tag)
	xb := x.Bytes()
	copy(msg[ChunkSize:], xb[:])
	return msg, nil
}

// ElementMessageElement computes in-circuit the message element (MessageElement) of
// ElementMessage(tag, x). The tag chunk is a constant, so only the two chunks of x
// (its top 31 bytes and its low byte, taken from a hint and recombined to x) cost
// constraints: two Poseidon2 compressions. Neither part is range-checked: the
// element binds the exact parts, and the device only signs canonical encodings
// (ElementMessage), whose parts recombine to x.
func ElementMessageElement(api frontend.API, tag string, x frontend.Variable) (frontend.Variable, error) {
	if len(tag) > ChunkSize {
		return nil, fmt.Errorf("%w: tag %q is %d bytes, at most %d", ErrRange, tag, len(tag), ChunkSize)
	}
	var tagChunk [ChunkSize]byte
	copy(tagChunk[:], tag)
	parts, err := api.Compiler().NewHint(splitLowByteHint, 2, x)
	if err != nil {
		return nil, fmt.Errorf("circuit: %w", err)
	}
	hi, lo := parts[0], parts[1]
	api.AssertIsEqual(api.Add(api.Mul(hi, 256), lo), x)
	return MessageElement(api, elementMessageSize, []frontend.Variable{new(big.Int).SetBytes(tagChunk[:]), hi, lo})
}

// splitLowByteHint returns x >> 8 and x & 0xff.
func splitLowByteHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 1 || len(out) != 2 {
		return fmt.Errorf("circuit: split hint takes 1 input and 2 outputs, got %d and %d", len(in), len(out))
	}
	out[0].Rsh(in[0], 8)
	out[1].And(in[0], big.NewInt(0xff))
	return nil
}
