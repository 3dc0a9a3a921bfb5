package validator

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/transport"
)

// The handoff: what a validator leaving the set does with the transactions
// it acknowledged and no commit ordered.
//
// When the application returns a next validator set without this
// validator, the consensus core delivers the closing commit and stops
// (dag.ErrLeft). Every transaction still in the mempool WAL then was
// acknowledged (a client holds an accepted answer) and is in no commit up to
// the closing one: in the mempool, in an own block that was never ordered, or
// in one ordered only by the void commits after the closing one. No validator
// of the next set can commit such a block (the epoch is closed), so the
// leaver hands the transactions to a validator of the next set over the
// handoff protocol, which submits them as a client would (CheckTx, its own
// WAL, synced, before it answers), and forgets each one only once that
// validator acknowledged it. A transaction is therefore never in two
// mempools that can both commit it, and never in none.
//
// What was handed off is recorded, synced, before the next request
// (handed-off files in the WAL's directory, markHandedOff), since the WAL
// logs no removals. A leaver killed during the handoff keeps the rest in its
// WAL; started again, it finds itself out of the set, hands off what its WAL
// holds beyond its stored commit log and those records, and stops with
// ErrLeft. (A kill between a receiver's answer and that record hands that
// one batch off again: the receiver takes a copy it still holds as a
// duplicate, but one it already committed would be proposed again, as a
// client's retry after a lost answer would be.)
//
// As with a client's submission, a Byzantine receiver can drop what it
// acknowledged: the leaver cannot tell, and the trust is the one a client
// puts in the validator it submits to.
const (
	handoffProtocol = "/depinkit/validator/handoff/1"
	// handoffMaxTxs bounds the transactions of one handoff request (the
	// transport bounds its bytes).
	handoffMaxTxs = 4096
	// handoffRequestTimeout bounds one request; handoffRetry is the wait
	// before a round of requests after one that left transactions behind
	// (receivers down, or with a full mempool).
	handoffRequestTimeout = 10 * time.Second
	handoffRetry          = 500 * time.Millisecond
	// handoffTimeout bounds the whole handoff: past it, what is left stays in
	// the WAL for the next start.
	handoffTimeout = 2 * time.Minute
)

// Per-transaction results of a handoff request, one byte each.
const (
	handoffTaken   byte = iota // acknowledged (or already held) by the receiver
	handoffLater               // not now: mempool full, or the receiver is stopping
	handoffInvalid             // refused by the application's CheckTx
)

// ErrLeft reports that this validator is not in the validator set any more:
// a validator-set change left it out, at an epoch end while it ran (Run
// returns it once it has handed off what it held) or before it started.
var ErrLeft = errors.New("validator: left the validator set")

// encodeHandoff encodes a handoff request: a WAL record's payload (from 0).
func encodeHandoff(txs []chain.Tx) []byte {
	return encodeRecord(0, txs)[walRecordHeader:]
}

// decodeHandoff decodes a handoff request, within handoffMaxTxs.
func decodeHandoff(req []byte) ([]chain.Tx, error) {
	entries, err := decodePayload(req)
	if err != nil {
		return nil, fmt.Errorf("%w: handoff request: %w", ErrAPI, err)
	}
	if len(entries) > handoffMaxTxs {
		return nil, fmt.Errorf("%w: handoff request: %d transactions, at most %d", ErrAPI, len(entries), handoffMaxTxs)
	}
	txs := make([]chain.Tx, len(entries))
	for i, e := range entries {
		txs[i] = e.tx
	}
	return txs, nil
}

// serveHandoff takes the transactions a validator leaving the set hands
// off: from validators of the ending epoch only (the gate's sets), submitted
// as a client's, with one result byte per transaction.
func (r *running) serveHandoff(ctx context.Context, from transport.PeerID, req []byte) ([]byte, error) {
	if !r.gate.admits(from) {
		return nil, fmt.Errorf("%w: handoff from %s, not a validator of this epoch or the one ending", ErrAPI, from.Short())
	}
	txs, err := decodeHandoff(req)
	if err != nil {
		return nil, err
	}
	resp := r.submit(ctx, txs)
	out := make([]byte, len(txs))
	for _, rej := range resp.Rejected {
		if rej.Index < 0 || rej.Index >= len(out) {
			continue
		}
		out[rej.Index] = handoffLater
		if rej.Reason == resultInvalid {
			out[rej.Index] = handoffInvalid
		}
	}
	r.n.log.Info("took over transactions from a validator leaving the set", "from", from.Short(), "txs", len(txs), "accepted", resp.Accepted)
	return out, nil
}

// handoffPeers returns the validators of set other than self, starting at a
// position derived from self's key, so that leavers spread their load.
func handoffPeers(set *chain.ValidatorSet, self ed25519.PublicKey) ([]transport.PeerID, error) {
	var ids []transport.PeerID
	for i := range set.Len() {
		k := set.Key(uint32(i))
		if k.Equal(self) {
			continue
		}
		id, err := transport.IDFromPublicKey(k)
		if err != nil {
			return nil, fmt.Errorf("validator: validator %d: %w", i, err)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: the next validator set has no other validator to hand off to", ErrConfig)
	}
	start := int(uint(self[0]) % uint(len(ids)))
	return append(ids[start:], ids[:start]...), nil
}

// handOff hands entries, the transactions the WAL holds uncommitted, to
// validators of set (the next epoch's, which leaves this validator out) over
// tr, forgetting each one once a receiver acknowledged it. It returns how
// many were handed off, and an error if some are left when ctx ends or
// handoffTimeout passes: they stay in the WAL for the next start.
func handOff(ctx context.Context, tr transport.Transport, wal *mempoolWAL, entries []walEntry, set *chain.ValidatorSet, self ed25519.PublicKey, log *slog.Logger) (int, error) {
	if len(entries) == 0 {
		log.Info("this validator left the validator set: nothing to hand off")
		return 0, nil
	}
	peers, err := handoffPeers(set, self)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, handoffTimeout)
	defer cancel()
	log.Info("handing off the acknowledged transactions no commit ordered to the next validator set", "txs", len(entries), "validators", set.Len())
	maxBytes := tr.MaxMessageSize() - 64
	handed, invalid, next := 0, 0, 0
	for len(entries) > 0 {
		var left []walEntry
		for len(entries) > 0 {
			// One request: up to handoffMaxTxs, within the message size.
			k, size := 0, 12
			for k < len(entries) && k < handoffMaxTxs && (k == 0 || size+4+len(entries[k].tx) <= maxBytes) {
				size += 4 + len(entries[k].tx)
				k++
			}
			batch := entries[:k]
			entries = entries[k:]
			txs := make([]chain.Tx, len(batch))
			for i, e := range batch {
				txs[i] = e.tx
			}
			peer := peers[next%len(peers)]
			rctx, rcancel := context.WithTimeout(ctx, handoffRequestTimeout)
			resp, err := tr.Request(rctx, peer, handoffProtocol, encodeHandoff(txs))
			rcancel()
			if err == nil && len(resp) != len(txs) {
				err = fmt.Errorf("%w: %d results for %d transactions", ErrAPI, len(resp), len(txs))
			}
			if err != nil {
				log.Warn("handoff request failed: trying another validator", "to", peer.Short(), "txs", len(txs), "err", err)
				next++
				left = append(left, batch...)
				continue
			}
			var done []chain.Digest
			for i, res := range resp {
				switch res {
				case handoffTaken:
					done = append(done, batch[i].hash)
					handed++
				case handoffInvalid:
					// The next set's application refuses it: no commit
					// would apply it (as for a client's invalid one).
					done = append(done, batch[i].hash)
					invalid++
				default:
					left = append(left, batch[i])
				}
			}
			if err := wal.markHandedOff(done); err != nil {
				return handed, err
			}
			wal.forget(done)
			if len(done) < len(batch) {
				next++
			}
		}
		entries = left
		if len(entries) == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return handed, fmt.Errorf("validator: handoff: %d acknowledged transactions not handed off (%w): they stay in the mempool WAL, and a start hands them off", len(entries), ctx.Err())
		case <-time.After(handoffRetry):
		}
	}
	if invalid > 0 {
		log.Warn("the next validator set refused handed-off transactions as invalid", "txs", invalid)
	}
	log.Info("handed off the acknowledged transactions", "txs", handed)
	return handed, nil
}

// pending returns the transactions the WAL holds and no commit removed,
// oldest first, read back from its segments. Call it once nothing is being
// written (the API is closed).
func (w *mempoolWAL) pending() ([]walEntry, error) {
	w.mu.Lock()
	segs := make([]uint64, 0, len(w.live)+1)
	for seq, n := range w.live {
		if n > 0 {
			segs = append(segs, seq)
		}
	}
	w.mu.Unlock()
	slices.Sort(segs)
	var out []walEntry
	seen := map[chain.Digest]bool{}
	for _, seq := range segs {
		data, err := w.readSegment(seq)
		if err != nil {
			return nil, err
		}
		got, _, _ := decodeSegment(data) // a torn tail was never acknowledged
		w.mu.Lock()
		for _, e := range got {
			if seen[e.hash] {
				continue
			}
			if slices.ContainsFunc(w.index[e.hash], func(r *walRef) bool { return r.seg == seq && !r.dead }) {
				seen[e.hash] = true
				out = append(out, e)
			}
		}
		w.mu.Unlock()
	}
	return out, nil
}

// handedOffPrefix names the files that record, 32-byte SHA-256 after 32-byte
// SHA-256, the transactions a leaving validator handed off: openWAL drops
// them from what its segments hold.
const handedOffPrefix = "handed-off-"

// markHandedOff records hashes as handed off, synced, in a new file.
func (w *mempoolWAL) markHandedOff(hashes []chain.Digest) error {
	if len(hashes) == 0 {
		return nil
	}
	w.mu.Lock()
	w.handedOff++
	name := filepath.Join(w.dir, fmt.Sprintf("%s%020d", handedOffPrefix, w.handedOff))
	w.mu.Unlock()
	f, err := w.fs.Create(name, vfs.WriteCategoryUnspecified)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", errWAL, name, err)
	}
	buf := make([]byte, 0, len(hashes)*len(chain.Digest{}))
	for _, h := range hashes {
		buf = append(buf, h[:]...)
	}
	_, err = f.Write(buf)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %w", errWAL, name, err)
	}
	return w.syncDir()
}

// readHandedOff reads the handed-off records in dir: the hashes, and the
// highest file number. A record cut short by a crash ends at its last whole
// hash (what it lacks was not recorded, and is handed off again).
func readHandedOff(fs vfs.FS, dir string, names []string) (map[chain.Digest]bool, uint64, []string, error) {
	gone := map[chain.Digest]bool{}
	var last uint64
	var files []string
	for _, name := range names {
		v, ok := strings.CutPrefix(name, handedOffPrefix)
		if !ok {
			continue
		}
		seq, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			continue
		}
		last = max(last, seq)
		path := filepath.Join(dir, name)
		files = append(files, path)
		f, err := fs.Open(path)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("%w: %s: %w", errWAL, path, err)
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, 0, nil, fmt.Errorf("%w: %s: %w", errWAL, path, err)
		}
		for len(data) >= len(chain.Digest{}) {
			gone[chain.Digest(data[:len(chain.Digest{})])] = true
			data = data[len(chain.Digest{}):]
		}
	}
	return gone, last, files, nil
}
