package dag

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

// BlockRef names a block: its slot (round, author) and its digest.
type BlockRef struct {
	Round  uint64
	Author uint32
	Digest chain.Digest
}

// Slot returns the (round, author) slot of the ref.
func (r BlockRef) Slot() Slot { return Slot{Round: r.Round, Author: r.Author} }

// String returns "round/author/digest-prefix".
func (r BlockRef) String() string {
	return fmt.Sprintf("%d/%d/%s", r.Round, r.Author, r.Digest.Short())
}

// Slot is a (round, author) pair: where an honest author puts at most one block.
type Slot struct {
	Round  uint64
	Author uint32
}

// String returns "round/author".
func (s Slot) String() string { return fmt.Sprintf("%d/%d", s.Round, s.Author) }

// Block is a vertex of the DAG: an author's proposal for a round, linking at least
// a quorum of the previous round's blocks and carrying transactions inline.
// Blocks are immutable once signed or decoded: never modify one.
type Block struct {
	Epoch     uint64
	Round     uint64
	Author    uint32
	Timestamp int64 // Unix milliseconds, the author's clock
	// Parents: the author's own previous block first, then at most one block of
	// each other author, all from earlier rounds, with a quorum from Round-1.
	Parents []BlockRef
	// Vote is the latest commit the author had linearized when it proposed
	// the block (the zero CommitVote: none yet). Signed with the block, votes
	// certify commits to validators that sync them (see CommitSync).
	Vote CommitVote
	// State is the author's latest state vote (the zero StateVote: none yet):
	// the application hash it reached after a commit whose index is a multiple
	// of Config.StateInterval. Signed with the block, a quorum of equal votes
	// certifies a snapshot to a validator that state-syncs (statesync.go).
	State     StateVote
	Txs       []chain.Tx
	Signature []byte

	digest chain.Digest
	size   int // encoded size
}

// CommitVote names a commit by index and digest (chain.Commit.Digest).
type CommitVote struct {
	Index  uint64
	Digest chain.Digest
}

// StateVote says "after applying commit Index, whose digest is Commit, my
// application's hash is AppHash". The zero StateVote is no vote.
type StateVote struct {
	Index   uint64
	Commit  chain.Digest
	AppHash chain.Digest
}

// IsZero reports whether v is no vote.
func (v StateVote) IsZero() bool { return v == StateVote{} }

type refWire struct {
	_      struct{} `cbor:",toarray"`
	Round  uint64
	Author uint32
	Digest []byte
}

type blockWire struct {
	_          struct{} `cbor:",toarray"`
	Version    uint8
	Epoch      uint64
	Round      uint64
	Author     uint32
	Timestamp  int64
	Parents    []refWire
	VoteIndex  uint64
	VoteDigest []byte // empty when VoteIndex is 0
	// The state vote: StateCommit and StateApp are empty when StateIndex is 0.
	StateIndex  uint64
	StateCommit []byte
	StateApp    []byte
	Txs         [][]byte
	Signature   []byte
}

const (
	blockVersion = 3 // 2: commit votes; 3: state votes
	blockDomain  = "depinkit/dag-block/v3\x00"
)

// Digest returns the block's digest: SHA-256 over a domain tag and the canonical
// CBOR of the block without its signature. The author signs the digest.
func (b *Block) Digest() chain.Digest { return b.digest }

// Ref returns the block's ref.
func (b *Block) Ref() BlockRef { return BlockRef{Round: b.Round, Author: b.Author, Digest: b.digest} }

// Slot returns the block's slot.
func (b *Block) Slot() Slot { return Slot{Round: b.Round, Author: b.Author} }

// Size returns the encoded size in bytes.
func (b *Block) Size() int { return b.size }

// String describes the block for logs.
func (b *Block) String() string {
	return fmt.Sprintf("block %s (%d parents, %d txs)", b.Ref(), len(b.Parents), len(b.Txs))
}

func (b *Block) wire(withSig bool) blockWire {
	w := blockWire{
		Version: blockVersion, Epoch: b.Epoch, Round: b.Round, Author: b.Author, Timestamp: b.Timestamp,
		Parents: make([]refWire, len(b.Parents)),
		Txs:     make([][]byte, len(b.Txs)),
	}
	if b.Vote.Index > 0 {
		w.VoteIndex, w.VoteDigest = b.Vote.Index, b.Vote.Digest[:]
	}
	if b.State.Index > 0 {
		w.StateIndex, w.StateCommit, w.StateApp = b.State.Index, b.State.Commit[:], b.State.AppHash[:]
	}
	for i, p := range b.Parents {
		w.Parents[i] = refWire{Round: p.Round, Author: p.Author, Digest: p.Digest[:]}
	}
	for i, tx := range b.Txs {
		w.Txs[i] = tx
	}
	if withSig {
		w.Signature = b.Signature
	}
	return w
}

// signingDigest hashes the unsigned encoding and returns its length.
func (b *Block) signingDigest() (chain.Digest, int, error) {
	body, err := canonical.Marshal(b.wire(false))
	if err != nil {
		return chain.Digest{}, 0, err
	}
	h := sha256.New()
	h.Write([]byte(blockDomain))
	h.Write(body)
	var d chain.Digest
	h.Sum(d[:0])
	return d, len(body), nil
}

// Sign computes the block's digest and signs it with s.
func (b *Block) Sign(s chain.Signer) error {
	d, n, err := b.signingDigest()
	if err != nil {
		return fmt.Errorf("dag: encode block: %w", err)
	}
	sig, err := s.Sign(d[:])
	if err != nil {
		return fmt.Errorf("dag: sign block: %w", err)
	}
	b.digest, b.Signature = d, sig
	// The signed encoding is the unsigned one with the empty signature (one byte)
	// replaced by the real one.
	b.size = n - 1 + len(appendBstrHead(nil, len(sig))) + len(sig)
	return nil
}

// Marshal encodes the signed block as canonical CBOR.
func (b *Block) Marshal() ([]byte, error) {
	out, err := canonical.Marshal(b.wire(true))
	if err != nil {
		return nil, fmt.Errorf("dag: encode block: %w", err)
	}
	return out, nil
}

// Limits bound what a validator accepts. The zero value means DefaultLimits.
type Limits struct {
	MaxBlockBytes int // encoded block, default 4 MiB
	MaxTxBytes    int // one transaction, default 64 KiB
	MaxBlockTxs   int // transactions in one block, default 10000
}

// DefaultLimits are the limits used for zero fields.
var DefaultLimits = Limits{MaxBlockBytes: 4 << 20, MaxTxBytes: 64 << 10, MaxBlockTxs: 10000}

func (l Limits) withDefaults() Limits {
	if l.MaxBlockBytes <= 0 {
		l.MaxBlockBytes = DefaultLimits.MaxBlockBytes
	}
	if l.MaxTxBytes <= 0 {
		l.MaxTxBytes = DefaultLimits.MaxTxBytes
	}
	if l.MaxBlockTxs <= 0 {
		l.MaxBlockTxs = DefaultLimits.MaxBlockTxs
	}
	return l
}

// DecodeBlock decodes a block within limits and computes its digest from the bytes.
// It checks the encoding only; RawNode checks validity (signature, parents, ...).
func DecodeBlock(data []byte, l Limits) (*Block, error) {
	l = l.withDefaults()
	if len(data) > l.MaxBlockBytes {
		return nil, fmt.Errorf("%w: block is %d bytes, at most %d", ErrInvalidBlock, len(data), l.MaxBlockBytes)
	}
	dec, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: max(l.MaxBlockTxs, chain.MaxValidators, 16), MaxMap: 16})
	if err != nil {
		return nil, err
	}
	var w blockWire
	if err := dec.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidBlock, err)
	}
	if w.Version != blockVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrInvalidBlock, w.Version, blockVersion)
	}
	b := &Block{Epoch: w.Epoch, Round: w.Round, Author: w.Author, Timestamp: w.Timestamp, Signature: w.Signature, size: len(data)}
	switch {
	case w.VoteIndex == 0 && len(w.VoteDigest) == 0:
	case w.VoteIndex > 0 && len(w.VoteDigest) == len(chain.Digest{}):
		b.Vote.Index = w.VoteIndex
		copy(b.Vote.Digest[:], w.VoteDigest)
	default:
		return nil, fmt.Errorf("%w: vote of commit %d with a %d-byte digest", ErrInvalidBlock, w.VoteIndex, len(w.VoteDigest))
	}
	switch {
	case w.StateIndex == 0 && len(w.StateCommit) == 0 && len(w.StateApp) == 0:
	case w.StateIndex > 0 && len(w.StateCommit) == len(chain.Digest{}) && len(w.StateApp) == len(chain.Digest{}):
		b.State.Index = w.StateIndex
		copy(b.State.Commit[:], w.StateCommit)
		copy(b.State.AppHash[:], w.StateApp)
	default:
		return nil, fmt.Errorf("%w: state vote of commit %d with a %d-byte commit digest and a %d-byte app hash", ErrInvalidBlock, w.StateIndex, len(w.StateCommit), len(w.StateApp))
	}
	b.Parents = make([]BlockRef, len(w.Parents))
	for i, p := range w.Parents {
		if len(p.Digest) != len(chain.Digest{}) {
			return nil, fmt.Errorf("%w: parents[%d].digest is %d bytes", ErrInvalidBlock, i, len(p.Digest))
		}
		b.Parents[i] = BlockRef{Round: p.Round, Author: p.Author}
		copy(b.Parents[i].Digest[:], p.Digest)
	}
	b.Txs = make([]chain.Tx, len(w.Txs))
	for i, tx := range w.Txs {
		b.Txs[i] = tx
	}
	// The digest covers the canonical encoding with an empty signature: the input
	// (canonical, checked above) with its last item, the signature, replaced by an
	// empty byte string.
	sigItem := len(appendBstrHead(nil, len(w.Signature))) + len(w.Signature)
	h := sha256.New()
	h.Write([]byte(blockDomain))
	h.Write(data[:len(data)-sigItem])
	h.Write([]byte{0x40})
	h.Sum(b.digest[:0])
	return b, nil
}

// appendBstrHead appends the CBOR head of a byte string of length n.
func appendBstrHead(out []byte, n int) []byte {
	const major = 2 << 5
	switch {
	case n < 24:
		return append(out, major|byte(n))
	case n <= 0xff:
		return append(out, major|24, byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(out, major|25), uint16(n))
	case uint64(n) <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(out, major|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(out, major|27), uint64(n))
}

// genesisRef is the implicit round-0 block of author a in an epoch: never sent,
// never output, linked by every author's first block.
func genesisRef(epoch uint64, set *chain.ValidatorSet, a uint32) BlockRef {
	h := sha256.New()
	h.Write([]byte("depinkit/dag-genesis/v1\x00"))
	setDigest := set.Digest()
	h.Write(setDigest[:])
	h.Write(binary.BigEndian.AppendUint64(nil, epoch))
	h.Write(binary.BigEndian.AppendUint32(nil, a))
	ref := BlockRef{Round: 0, Author: a}
	h.Sum(ref.Digest[:0])
	return ref
}

// equalRefs reports whether two ref lists are the same.
func equalRefs(a, b []BlockRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
