// Package lthash is a homomorphic multiset hash: LtHash16 of Lewi, Kim,
// Maykov and Weis, "Securing Update Propagation with Homomorphic Hashing"
// (IACR ePrint 2019/227), with 1,024 lanes of 16 bits and SHAKE128 as the
// extendable-output function (the paper uses BLAKE2xb; the construction only
// needs an XOF). A Hash of a set is the lane-wise sum, modulo 2^16, of its
// elements' expansions, so adding or removing one element costs one
// expansion, whatever the set's size, and the result does not depend on the
// order of the updates. The paper puts the collision resistance of these
// parameters at about 200 bits.
//
// An application uses it to make its hash commit to its state (not only to
// its history): a snapshot restored from an untrusted peer can then be
// checked by recomputing the hash from the restored state.
package lthash

import (
	"crypto/sha256"
	"crypto/sha3"
	"encoding/binary"
)

// Lanes is the number of 16-bit lanes; Size the bytes of a Hash's state.
const (
	Lanes = 1024
	Size  = 2 * Lanes
)

// Hash is the LtHash16 of a multiset. The zero value is the empty set's.
type Hash struct {
	lanes [Lanes]uint16
}

// expand returns the lanes of element under domain.
func expand(domain string, element []byte, out *[Lanes]uint16) {
	x := sha3.NewSHAKE128()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(domain)))
	x.Write(n[:])
	x.Write([]byte(domain))
	x.Write(element)
	var buf [Size]byte
	x.Read(buf[:])
	for i := range out {
		out[i] = binary.LittleEndian.Uint16(buf[2*i:])
	}
}

// Add adds element (under domain: the same bytes under two domains are two
// elements) to the set.
func (h *Hash) Add(domain string, element []byte) {
	var e [Lanes]uint16
	expand(domain, element, &e)
	for i := range h.lanes {
		h.lanes[i] += e[i]
	}
}

// Remove removes element (added before with the same domain) from the set.
func (h *Hash) Remove(domain string, element []byte) {
	var e [Lanes]uint16
	expand(domain, element, &e)
	for i := range h.lanes {
		h.lanes[i] -= e[i]
	}
}

// Sum returns the SHA-256 of the lanes: a 32-byte digest of the set.
func (h *Hash) Sum() [32]byte {
	var buf [Size]byte
	for i, l := range h.lanes {
		binary.LittleEndian.PutUint16(buf[2*i:], l)
	}
	return sha256.Sum256(buf[:])
}
