package chain

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// Tx is an opaque transaction: the engine orders its bytes, the Application gives
// them meaning.
type Tx []byte

// Digest is a SHA-256 digest.
type Digest [32]byte

// String returns the digest as 64 hex digits.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// Short returns the first 8 hex digits, for logs.
func (d Digest) Short() string { return hex.EncodeToString(d[:4]) }

// IsZero reports whether d is all zeros.
func (d Digest) IsZero() bool { return d == Digest{} }

// Commit is one step of the total order an Engine produces: the transactions of a
// committed leader's not yet committed history, in their deterministic order.
type Commit struct {
	// Epoch is the validator-set epoch the commit belongs to.
	Epoch uint64
	// Index counts commits from 1 within the chain (it does not restart per epoch).
	Index uint64
	// Leader is the digest of the block whose commit produced this one, and
	// LeaderRound and LeaderAuthor its slot (engine-specific; solo uses its own).
	Leader       Digest
	LeaderRound  uint64
	LeaderAuthor uint32
	// Timestamp is the commit time in Unix milliseconds, agreed by all validators
	// (not any one validator's clock) and never decreasing.
	Timestamp int64
	// Txs are the ordered transactions.
	Txs []Tx
	// Digest chains the commit to the previous one: SHA-256 over the previous
	// digest, the index and the digests of the blocks the commit orders
	// (HashCommit, chain/solo), or also over every other field but Txs
	// (HashCommitV2, chain/dag). Block digests cover the transactions, so the
	// chain of digests commits to the whole history.
	Digest Digest
}

// Result is what an Application reports after applying a commit.
type Result struct {
	// AppHash commits to the application state after the commit.
	AppHash Digest
	// NextValidators, if not nil, is the validator set of the next epoch, which
	// starts after this commit.
	NextValidators *ValidatorSet
}

// Application is the deterministic state machine an Engine drives. An engine
// never calls its methods concurrently (CheckTx and ApplyCommit are serialised),
// and the Application must not call back into the engine from them.
type Application interface {
	// CheckTx reports whether tx may be ordered. It must not change state.
	CheckTx(tx Tx) error
	// ApplyCommit applies the transactions of c in order. It must be
	// deterministic: the same commits give the same results on every validator.
	ApplyCommit(c Commit) (Result, error)
}

// Snapshotter is implemented by applications whose state can be saved and
// restored (for restarts and state sync). Engines find it by type assertion.
type Snapshotter interface {
	Snapshot() ([]byte, error)
	Restore(snapshot []byte) error
}

// StateCommitter is a Snapshotter whose application hash commits to its state
// (not only to its history): Restore derives the hash from the restored state
// and refuses a snapshot that does not give the hash it records. Only such an
// application can take a snapshot from an untrusted peer (state sync, see
// chain/dag): comparing its hash after Restore with a quorum-certified one
// then checks the state itself. An application whose hash chains its commits
// cannot, and validators running it do not state-sync.
type StateCommitter interface {
	Snapshotter
	// CommitsToState reports whether the hash commits to the state.
	CommitsToState() bool
}

// PeerRestorer is a StateCommitter whose Restore trusts the hash a snapshot
// records (the application's own snapshots, which an earlier version may
// have taken under other hash rules) and whose RestoreFromPeer derives the
// hash from the restored state and refuses a snapshot that does not give the
// hash it records. A validator restores a snapshot a peer served with
// RestoreFromPeer when the application has it, and with Restore otherwise.
type PeerRestorer interface {
	StateCommitter
	RestoreFromPeer(snapshot []byte) error
}

// Engine orders transactions. chain/dag and chain/solo implement it.
type Engine interface {
	// Submit checks tx with the Application and queues it for ordering.
	Submit(ctx context.Context, tx Tx) error
	// Commits delivers the commits the engine has applied, in order, through a
	// bounded buffer: readers must drain it, since a full buffer holds the engine
	// back. It is closed when the engine stops.
	Commits() <-chan Commit
	// Run runs the engine until ctx ends or Close is called.
	Run(ctx context.Context) error
	// Close stops the engine and waits for its goroutines.
	Close() error
}

// Errors shared by engines.
var (
	// ErrInvalidTx reports a transaction the Application or the engine refused.
	ErrInvalidTx = errors.New("chain: invalid transaction")
	// ErrClosed reports a call on an engine that has stopped.
	ErrClosed = errors.New("chain: engine closed")
	// ErrInvalidValidatorSet reports a bad validator set.
	ErrInvalidValidatorSet = errors.New("chain: invalid validator set")
)

// Signer signs with a validator's ed25519 key.
type Signer interface {
	// PublicKey returns the validator's ed25519 public key.
	PublicKey() ed25519.PublicKey
	// Sign signs msg.
	Sign(msg []byte) ([]byte, error)
}

// Verifier checks validator signatures.
type Verifier interface {
	// Verify reports whether sig is pub's signature of msg.
	Verify(pub ed25519.PublicKey, msg, sig []byte) bool
}

// KeySigner is a Signer holding an ed25519 private key in memory.
type KeySigner struct{ key ed25519.PrivateKey }

// NewKeySigner returns a Signer for key.
func NewKeySigner(key ed25519.PrivateKey) *KeySigner { return &KeySigner{key: key} }

// PublicKey implements Signer.
func (s *KeySigner) PublicKey() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// Sign implements Signer.
func (s *KeySigner) Sign(msg []byte) ([]byte, error) { return ed25519.Sign(s.key, msg), nil }

// Ed25519Verifier is the plain Verifier.
type Ed25519Verifier struct{}

// Verify implements Verifier.
func (Ed25519Verifier) Verify(pub ed25519.PublicKey, msg, sig []byte) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, msg, sig)
}

// HashCommit computes a commit's chained digest: SHA-256 over "depinkit/commit/v1",
// the previous commit's digest, the index (8 bytes big-endian) and the digests of
// the blocks ordered, in order.
func HashCommit(prev Digest, index uint64, blocks []Digest) Digest {
	h := sha256.New()
	h.Write([]byte("depinkit/commit/v1\x00"))
	h.Write(prev[:])
	var b [8]byte
	for i := range b {
		b[i] = byte(index >> (56 - 8*i))
	}
	h.Write(b[:])
	for _, d := range blocks {
		h.Write(d[:])
	}
	var out Digest
	h.Sum(out[:0])
	return out
}

// HashCommitV2 computes the chained digest of a DAG commit: SHA-256 over
// "depinkit/commit/v2", the previous commit's digest, and everything of the
// commit an application sees that is not inside its blocks — index, epoch,
// timestamp and leader slot and digest — then the digests of the blocks
// ordered, in order (numbers big-endian, fixed width). Blocks cover their
// transactions, so a verified chain of these digests commits to the whole
// history: chain/dag's commit sync checks commits it did not derive itself
// against it.
func HashCommitV2(prev Digest, h CommitHead, blocks []Digest) Digest {
	sh := sha256.New()
	sh.Write([]byte("depinkit/commit/v2\x00"))
	sh.Write(prev[:])
	var b [8 + 8 + 8 + 8 + 4]byte
	binary.BigEndian.PutUint64(b[0:], h.Index)
	binary.BigEndian.PutUint64(b[8:], h.Epoch)
	binary.BigEndian.PutUint64(b[16:], uint64(h.Timestamp))
	binary.BigEndian.PutUint64(b[24:], h.LeaderRound)
	binary.BigEndian.PutUint32(b[32:], h.LeaderAuthor)
	sh.Write(b[:])
	sh.Write(h.Leader[:])
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(blocks)))
	sh.Write(n[:])
	for _, d := range blocks {
		sh.Write(d[:])
	}
	var out Digest
	sh.Sum(out[:0])
	return out
}

// CommitHead is what HashCommitV2 covers of a commit besides the previous
// digest and the blocks: the fields of Commit an application sees.
type CommitHead struct {
	Index        uint64
	Epoch        uint64
	Timestamp    int64
	Leader       Digest
	LeaderRound  uint64
	LeaderAuthor uint32
}

// Head returns the commit's CommitHead.
func (c Commit) Head() CommitHead {
	return CommitHead{Index: c.Index, Epoch: c.Epoch, Timestamp: c.Timestamp, Leader: c.Leader, LeaderRound: c.LeaderRound, LeaderAuthor: c.LeaderAuthor}
}

// String describes the commit for logs.
func (c Commit) String() string {
	return fmt.Sprintf("commit %d (epoch %d, leader %d/%d %s, %d txs)", c.Index, c.Epoch, c.LeaderRound, c.LeaderAuthor, c.Leader.Short(), len(c.Txs))
}
