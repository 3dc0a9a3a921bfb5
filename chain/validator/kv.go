package validator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/lthash"
)

// Limits of KV transactions.
const (
	// MaxKVKeyBytes bounds a key.
	MaxKVKeyBytes = 256
	// MaxKVValueBytes bounds a value.
	MaxKVValueBytes = 64 << 10
)

// kvMagic starts a KV snapshot. v2: the app hash commits to the state.
var kvMagic = []byte("depinkit/kv/v2\n")

// kvDomain separates the LtHash elements of KV's key-values.
const kvDomain = "depinkit/kv/entry/v2"

// KV is a small deterministic key-value Application, for testnets and
// end-to-end tests: a transaction "key=value" sets key to value (the key is the
// bytes before the first '=', 1 to MaxKVKeyBytes of them; the value may be
// empty). Validators that applied the same commits show the same app hash,
// so comparing hashes compares states.
//
// The app hash commits to the state: it is SHA-256 over a domain tag, the
// counts of transactions applied and skipped, and the LtHash16 (a homomorphic
// multiset hash, internal/lthash) of the key-values, which each write updates
// in constant time. So a snapshot restored from an untrusted peer (state
// sync) is checked by recomputing the hash from the restored keys
// (chain.StateCommitter). A commit without transactions leaves it unchanged,
// so validators that applied the same transactions show the same hash even
// while their heights differ by empty commits (the consensus core commits
// every round, loaded or not): once a load stops and all of it is applied
// everywhere, every validator's GET /status shows one app hash. A transaction
// CheckTx would refuse (a faulty validator may still order one) is skipped,
// alike on every validator, never an error. KV implements chain.Snapshotter:
// a snapshot is canonical (keys sorted), so equal states give equal bytes. It
// is safe for concurrent use.
type KV struct {
	mu      sync.Mutex
	data    map[string]string
	height  uint64
	hash    chain.Digest
	applied uint64 // transactions applied
	skipped uint64 // transactions skipped as invalid
	lt      lthash.Hash
}

var (
	_ chain.Application    = (*KV)(nil)
	_ chain.StateCommitter = (*KV)(nil)
)

// CommitsToState implements chain.StateCommitter: Restore derives the app
// hash from the restored key-values.
func (kv *KV) CommitsToState() bool { return true }

// kvEntry is the LtHash element of key set to value.
func kvEntry(key, value string) []byte {
	out := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(key)+len(value)), uint32(len(key)))
	out = append(out, key...)
	return append(out, value...)
}

// stateHash returns the app hash of lt and the counts: zero before any
// transaction (the empty KV's).
func stateHash(lt *lthash.Hash, applied, skipped uint64) chain.Digest {
	if applied == 0 && skipped == 0 {
		return chain.Digest{}
	}
	h := sha256.New()
	h.Write([]byte("depinkit/kv/state/v2"))
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], applied)
	binary.BigEndian.PutUint64(buf[8:], skipped)
	h.Write(buf[:])
	sum := lt.Sum()
	h.Write(sum[:])
	var d chain.Digest
	h.Sum(d[:0])
	return d
}

// NewKV returns an empty KV at height 0.
func NewKV() *KV { return &KV{data: map[string]string{}} }

// ParseKVTx splits a transaction "key=value" into its key and value.
func ParseKVTx(tx []byte) (key, value []byte, err error) {
	i := bytes.IndexByte(tx, '=')
	switch {
	case i < 0:
		return nil, nil, fmt.Errorf("%w: no '=' (want key=value)", ErrInvalidKVTx)
	case i == 0:
		return nil, nil, fmt.Errorf("%w: empty key", ErrInvalidKVTx)
	case i > MaxKVKeyBytes:
		return nil, nil, fmt.Errorf("%w: key of %d bytes, at most %d", ErrInvalidKVTx, i, MaxKVKeyBytes)
	case len(tx)-i-1 > MaxKVValueBytes:
		return nil, nil, fmt.Errorf("%w: value of %d bytes, at most %d", ErrInvalidKVTx, len(tx)-i-1, MaxKVValueBytes)
	}
	return tx[:i], tx[i+1:], nil
}

// CheckTx implements chain.Application.
func (kv *KV) CheckTx(tx chain.Tx) error {
	_, _, err := ParseKVTx(tx)
	return err
}

// ApplyCommit implements chain.Application. Commits must come in order: an
// index other than the next one is an error.
func (kv *KV) ApplyCommit(c chain.Commit) (chain.Result, error) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if c.Index != kv.height+1 {
		return chain.Result{}, fmt.Errorf("validator: kv at height %d given commit %d", kv.height, c.Index)
	}
	kv.height = c.Index
	if len(c.Txs) == 0 {
		return chain.Result{AppHash: kv.hash}, nil
	}
	for _, tx := range c.Txs {
		key, value, err := ParseKVTx(tx)
		if err != nil {
			kv.skipped++
			continue
		}
		k, v := string(key), string(value)
		if old, ok := kv.data[k]; ok {
			if old == v {
				kv.applied++
				continue
			}
			kv.lt.Remove(kvDomain, kvEntry(k, old))
		}
		kv.lt.Add(kvDomain, kvEntry(k, v))
		kv.data[k] = v
		kv.applied++
	}
	kv.hash = stateHash(&kv.lt, kv.applied, kv.skipped)
	return chain.Result{AppHash: kv.hash}, nil
}

// Get returns the value of key.
func (kv *KV) Get(key string) (string, bool) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	v, ok := kv.data[key]
	return v, ok
}

// Len returns the number of keys.
func (kv *KV) Len() int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return len(kv.data)
}

// Height returns the index of the last commit applied and the app hash after
// it.
func (kv *KV) Height() (uint64, chain.Digest) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return kv.height, kv.hash
}

// Counts returns the transactions applied and those skipped as invalid.
func (kv *KV) Counts() (applied, skipped uint64) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return kv.applied, kv.skipped
}

// Snapshot implements chain.Snapshotter: the magic line, the height, the app
// hash, the two counts, the number of keys, then each key and value with its
// length (big-endian), keys in ascending byte order.
func (kv *KV) Snapshot() ([]byte, error) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	keys := make([]string, 0, len(kv.data))
	size := len(kv.data) * 8
	for k, v := range kv.data {
		keys = append(keys, k)
		size += len(k) + len(v)
	}
	slices.Sort(keys)
	out := make([]byte, 0, len(kvMagic)+32+32+size)
	out = append(out, kvMagic...)
	out = binary.BigEndian.AppendUint64(out, kv.height)
	out = append(out, kv.hash[:]...)
	out = binary.BigEndian.AppendUint64(out, kv.applied)
	out = binary.BigEndian.AppendUint64(out, kv.skipped)
	out = binary.BigEndian.AppendUint64(out, uint64(len(keys)))
	for _, k := range keys {
		v := kv.data[k]
		out = binary.BigEndian.AppendUint32(out, uint32(len(k)))
		out = append(out, k...)
		out = binary.BigEndian.AppendUint32(out, uint32(len(v)))
		out = append(out, v...)
	}
	return out, nil
}

// Restore implements chain.Snapshotter: it replaces the state with the
// snapshot's. A malformed snapshot (bad magic, truncated, keys out of order or
// out of limits, trailing bytes) is refused with an error wrapping ErrSnapshot
// and changes nothing.
func (kv *KV) Restore(snapshot []byte) error {
	r := snapshotReader{b: snapshot}
	if !bytes.HasPrefix(snapshot, kvMagic) {
		return fmt.Errorf("%w: not a kv snapshot", ErrSnapshot)
	}
	r.b = r.b[len(kvMagic):]
	height := r.u64()
	var hash chain.Digest
	copy(hash[:], r.take(32))
	applied, skipped, n := r.u64(), r.u64(), r.u64()
	if r.err != nil {
		return r.err
	}
	if n > uint64(len(r.b))/8 {
		return fmt.Errorf("%w: %d keys in %d bytes", ErrSnapshot, n, len(r.b))
	}
	data := make(map[string]string, n)
	var prev []byte
	for i := uint64(0); i < n && r.err == nil; i++ {
		k := r.take(int(r.u32()))
		v := r.take(int(r.u32()))
		if r.err != nil {
			break
		}
		if len(k) == 0 || len(k) > MaxKVKeyBytes || bytes.IndexByte(k, '=') >= 0 || len(v) > MaxKVValueBytes {
			return fmt.Errorf("%w: key %d out of limits", ErrSnapshot, i)
		}
		if i > 0 && bytes.Compare(prev, k) >= 0 {
			return fmt.Errorf("%w: key %d out of order", ErrSnapshot, i)
		}
		prev = k
		data[string(k)] = string(v)
	}
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrSnapshot, len(r.b))
	}
	// The hash is derived from the state, never taken from the snapshot: a
	// snapshot whose recorded hash differs is refused.
	if applied == 0 && len(data) > 0 {
		return fmt.Errorf("%w: %d keys, no transaction applied", ErrSnapshot, len(data))
	}
	var lt lthash.Hash
	for k, v := range data {
		lt.Add(kvDomain, kvEntry(k, v))
	}
	if got := stateHash(&lt, applied, skipped); got != hash {
		return fmt.Errorf("%w: the key-values hash to %s, the snapshot says %s", ErrSnapshot, got.Short(), hash.Short())
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.data, kv.height, kv.hash, kv.applied, kv.skipped, kv.lt = data, height, hash, applied, skipped, lt
	return nil
}

// snapshotReader reads big-endian fields, remembering the first shortfall.
type snapshotReader struct {
	b   []byte
	err error
}

func (r *snapshotReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("%w: truncated", ErrSnapshot)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *snapshotReader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (r *snapshotReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}
