package store

import (
	"encoding/binary"

	"github.com/depinkit/depinkit/chain"
)

// Key layout. Every key starts with a one-byte prefix naming its kind; numbers
// follow big-endian and fixed-width, so pebble's bytewise order is numeric
// order and a prefix scan reads a kind (or an epoch of it) in order.
//
//	"v"                                        format version: 8-byte big-endian (1)
//	"b" epoch:8 round:8 author:4 digest:32     a block: Block.Marshal (canonical CBOR)
//	"r" epoch:8 author:4                       highest round stored of author in epoch: 8 bytes
//	"c" index:8                                a commit: canonical CBOR (commitWire)
//	"s" height:8                               an application snapshot: canonical CBOR (snapshotWire)
//	"h" index:8                                a commit header: dag.CommitHeader.Marshal
//	"e" epoch:8                                an epoch start: canonical CBOR (epochWire)
//
// Blocks of one slot with different digests (an equivocation) get two keys:
// both are kept, as the DAG keeps them.
const (
	prefixVersion  = 'v'
	prefixBlock    = 'b'
	prefixRound    = 'r'
	prefixCommit   = 'c'
	prefixSnapshot = 's'
	prefixHeader   = 'h'
	prefixEpoch    = 'e'

	formatVersion = 2 // 2: blocks with commit votes, commit headers

	blockKeyLen    = 1 + 8 + 8 + 4 + 32
	roundKeyLen    = 1 + 8 + 4
	commitKeyLen   = 1 + 8
	snapshotKeyLen = 1 + 8
)

var versionKey = []byte{prefixVersion}

func blockKey(epoch, round uint64, author uint32, d chain.Digest) []byte {
	k := make([]byte, 0, blockKeyLen)
	k = append(k, prefixBlock)
	k = binary.BigEndian.AppendUint64(k, epoch)
	k = binary.BigEndian.AppendUint64(k, round)
	k = binary.BigEndian.AppendUint32(k, author)
	return append(k, d[:]...)
}

// blockKeyParts splits a block key; ok is false if k is not one.
func blockKeyParts(k []byte) (epoch, round uint64, author uint32, d chain.Digest, ok bool) {
	if len(k) != blockKeyLen || k[0] != prefixBlock {
		return 0, 0, 0, d, false
	}
	epoch = binary.BigEndian.Uint64(k[1:])
	round = binary.BigEndian.Uint64(k[9:])
	author = binary.BigEndian.Uint32(k[17:])
	copy(d[:], k[21:])
	return epoch, round, author, d, true
}

// epochBounds returns the key range [lo, hi) of one epoch's keys of a prefix
// whose keys start with the epoch (blocks, rounds).
func epochBounds(prefix byte, epoch uint64) (lo, hi []byte) {
	lo = binary.BigEndian.AppendUint64([]byte{prefix}, epoch)
	if epoch == ^uint64(0) {
		return lo, []byte{prefix + 1}
	}
	return lo, binary.BigEndian.AppendUint64([]byte{prefix}, epoch+1)
}

// prefixBounds returns the key range [lo, hi) of every key of a prefix.
func prefixBounds(prefix byte) (lo, hi []byte) { return []byte{prefix}, []byte{prefix + 1} }

func roundKey(epoch uint64, author uint32) []byte {
	k := make([]byte, 0, roundKeyLen)
	k = append(k, prefixRound)
	k = binary.BigEndian.AppendUint64(k, epoch)
	return binary.BigEndian.AppendUint32(k, author)
}

// roundKeyParts splits a round-mark key.
func roundKeyParts(k []byte) (epoch uint64, author uint32, ok bool) {
	if len(k) != roundKeyLen || k[0] != prefixRound {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(k[1:]), binary.BigEndian.Uint32(k[9:]), true
}

func uint64Key(prefix byte, n uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefix}, n)
}

// uint64KeyPart returns the number of a commit or snapshot key.
func uint64KeyPart(k []byte, prefix byte) (uint64, bool) {
	if len(k) != 9 || k[0] != prefix {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[1:]), true
}

func encodeUint64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func decodeUint64(v []byte) (uint64, bool) {
	if len(v) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(v), true
}
