package validator

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
)

// The mempool write-ahead log.
//
// A validator acknowledges a transaction (POST /txs, Node.Submit,
// Engine.Submit) only once the transaction is on stable storage in its data
// directory: in the WAL's directory (walDir), a sequence of segment files,
// each the header walMagic and then records
//
//	u32 payload length | u32 CRC-32C of the payload | payload
//	payload: u64 from | u32 count | count x (u32 length | transaction)
//
// all little-endian, one record per accepted batch; from is the index of the
// last commit stored before the batch reached the consensus core, so no
// commit at or below it can hold one of its transactions. Records are
// written by one goroutine and synced per group of batches (group commit, as
// pebble's and etcd's WALs do: concurrent submitters share one fsync).
//
// The WAL is truncated as its transactions commit: an in-memory index maps
// each live transaction's SHA-256 to the segment holding it, a commit removes
// its transactions from the index, and a segment no longer holding a live
// transaction (other than the one being written) is deleted. Removals are not
// logged: after a restart the transactions the stored commit log already
// holds are dropped by hash (planRecovery), and the rest are proposed again.
// A record cut short by a crash (a torn tail) ends its segment: its batch was
// never acknowledged.
const (
	walDir = "mempool-wal"
	// walMagic begins every segment file.
	walMagic = "dpkwal01"
	// walSegmentBytes is the size past which the writer starts a new segment.
	// A restart reads every segment on disk back, committed records included,
	// and checks them against the commit log: small segments, deleted as soon
	// as their transactions commit, keep that read short (BenchmarkRestart:
	// 2 s at 32 MiB after a few minutes of load).
	walSegmentBytes = 1 << 20
	// walMaxGroup bounds the batches one fsync covers.
	walMaxGroup = 256
	// walRecordHeader is a record's length and checksum.
	walRecordHeader = 8
)

// errWAL reports a corrupt or unwritable mempool WAL.
var errWAL = errors.New("validator: mempool wal")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// walEntry is one transaction read back from the WAL.
type walEntry struct {
	tx   chain.Tx
	hash chain.Digest
	from uint64 // no commit at or below this index holds tx
}

// walRef is one logged (or being logged) copy of a transaction: the segment
// that holds it (0 while its record is being written), and whether it was
// committed or cancelled (then it no longer holds its segment).
type walRef struct {
	seg  uint64
	dead bool
}

// walWrite is a record handed to the writer goroutine.
type walWrite struct {
	from uint64
	rec  []byte
	refs []*walRef
	done chan error
}

// mempoolWAL is the mempool write-ahead log of a running validator.
type mempoolWAL struct {
	fs           vfs.FS
	dir          string
	segmentBytes int64
	log          *slog.Logger

	reqs    chan *walWrite
	stop    chan struct{}
	stopped chan struct{}

	// Only the writer goroutine touches file and size.
	file vfs.File
	size int64

	mu     sync.Mutex
	index  map[chain.Digest][]*walRef
	live   map[uint64]int // segment -> live transactions
	active uint64
	// floors holds, per segment on disk, the lowest from of its records,
	// dead ones included: a restart reads the commit log from there on
	// (planRecovery), so the log must not be pruned above it (floor).
	floors map[uint64]uint64
	err    error // the first write failure: every later write fails with it
	closed bool
	// handedOff numbers the last handoff record (markHandedOff).
	handedOff uint64
	// idle asks the writer to start a new segment if the active one holds
	// no live transaction (rotateIdle), so that its floor can go.
	idle chan struct{}
}

// txHash is the key of a transaction in the WAL's index.
func txHash(tx chain.Tx) chain.Digest { return sha256.Sum256(tx) }

// openWAL opens (creating it if need be) the WAL in dir, reads every segment
// back, and starts its writer on a new segment. It returns the transactions
// the WAL holds, oldest first; the caller drops those already committed
// (committed) and proposes the others again.
func openWAL(fs vfs.FS, dir string, segmentBytes int64, log *slog.Logger) (*mempoolWAL, []walEntry, error) {
	if err := fs.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", errWAL, dir, err)
	}
	// The directory's entry in its parent survives a crash.
	if d, err := fs.OpenDir(filepath.Dir(dir)); err == nil {
		err = d.Sync()
		d.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%w: sync %s: %w", errWAL, filepath.Dir(dir), err)
		}
	}
	names, err := fs.List(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", errWAL, dir, err)
	}
	var segs []uint64
	for _, name := range names {
		if seq, ok := parseSegmentName(name); ok {
			segs = append(segs, seq)
		}
	}
	slices.Sort(segs)
	w := &mempoolWAL{
		fs: fs, dir: dir, segmentBytes: segmentBytes, log: log,
		reqs:    make(chan *walWrite, walMaxGroup),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
		index:   map[chain.Digest][]*walRef{},
		live:    map[uint64]int{},
		floors:  map[uint64]uint64{},
		idle:    make(chan struct{}, 1),
	}
	gone, handedOff, handedFiles, err := readHandedOff(fs, dir, names)
	if err != nil {
		return nil, nil, err
	}
	w.handedOff = handedOff
	var entries []walEntry
	for k, seq := range segs {
		data, err := w.readSegment(seq)
		if err != nil {
			return nil, nil, err
		}
		got, n, err := decodeSegment(data)
		if err != nil {
			if k != len(segs)-1 {
				// Only the segment being written at a crash can end torn.
				log.Warn("mempool wal: a segment ends in a damaged record; reading what precedes it", "segment", seq, "err", err)
			}
			log.Debug("mempool wal: torn tail", "segment", seq, "valid_bytes", n, "bytes", len(data))
		}
		for _, e := range got {
			if gone[e.hash] {
				continue // handed off by a validator leaving the set (handoff.go)
			}
			w.index[e.hash] = append(w.index[e.hash], &walRef{seg: seq})
			w.live[seq]++
			w.lowerFloor(seq, e.from)
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		// Every handed-off transaction is dropped with its segment.
		for _, f := range handedFiles {
			if err := fs.Remove(f); err != nil {
				log.Warn("mempool wal: cannot delete a handoff record", "file", f, "err", err)
			}
		}
		w.handedOff = 0
	}
	w.active = 1
	if len(segs) > 0 {
		w.active = segs[len(segs)-1] + 1
	}
	if err := w.create(w.active); err != nil {
		return nil, nil, err
	}
	// Segments holding nothing can go now.
	for _, seq := range segs {
		if w.live[seq] == 0 {
			w.remove(seq)
		}
	}
	go w.run()
	return w, entries, nil
}

func segmentName(seq uint64) string { return fmt.Sprintf("%020d.wal", seq) }

func parseSegmentName(name string) (uint64, bool) {
	s, ok := strings.CutSuffix(name, ".wal")
	if !ok || len(s) != 20 {
		return 0, false
	}
	seq, err := strconv.ParseUint(s, 10, 64)
	return seq, err == nil && seq > 0
}

func (w *mempoolWAL) path(seq uint64) string { return filepath.Join(w.dir, segmentName(seq)) }

func (w *mempoolWAL) readSegment(seq uint64) ([]byte, error) {
	f, err := w.fs.Open(w.path(seq))
	if err != nil {
		return nil, fmt.Errorf("%w: segment %d: %w", errWAL, seq, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("%w: segment %d: %w", errWAL, seq, err)
	}
	return data, nil
}

// create starts segment seq as the active one, and syncs the directory so
// that the file survives a crash.
func (w *mempoolWAL) create(seq uint64) error {
	f, err := w.fs.Create(w.path(seq), vfs.WriteCategoryUnspecified)
	if err != nil {
		return fmt.Errorf("%w: segment %d: %w", errWAL, seq, err)
	}
	if _, err := f.Write([]byte(walMagic)); err != nil {
		f.Close()
		return fmt.Errorf("%w: segment %d: %w", errWAL, seq, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("%w: segment %d: %w", errWAL, seq, err)
	}
	if err := w.syncDir(); err != nil {
		f.Close()
		return err
	}
	w.file, w.size = f, int64(len(walMagic))
	return nil
}

func (w *mempoolWAL) syncDir() error {
	d, err := w.fs.OpenDir(w.dir)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", errWAL, w.dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("%w: sync %s: %w", errWAL, w.dir, err)
	}
	return nil
}

// remove deletes a segment that holds no live transaction. A failure is only
// logged: the segment is read again, and its transactions dropped, at the
// next start.
func (w *mempoolWAL) remove(seq uint64) {
	w.mu.Lock()
	delete(w.floors, seq)
	w.mu.Unlock()
	if err := w.fs.Remove(w.path(seq)); err != nil {
		w.log.Warn("mempool wal: cannot delete a segment", "segment", seq, "err", err)
	}
}

// reserve enters txs into the index before they reach the consensus core, so
// that a commit that holds one of them before its record is synced still
// removes it (the record then does not hold its segment). hashes[i] is
// txs[i]'s.
func (w *mempoolWAL) reserve(hashes []chain.Digest) []*walRef {
	refs := make([]*walRef, len(hashes))
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, h := range hashes {
		refs[i] = &walRef{}
		w.index[h] = append(w.index[h], refs[i])
	}
	return refs
}

// held reports, per hash, whether the WAL holds a synced copy of that
// transaction that no commit has removed yet.
func (w *mempoolWAL) held(hashes []chain.Digest) []bool {
	out := make([]bool, len(hashes))
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.index) == 0 {
		return out
	}
	for i, h := range hashes {
		for _, ref := range w.index[h] {
			if ref.seg != 0 && !ref.dead {
				out[i] = true
				break
			}
		}
	}
	return out
}

// cancel forgets reserved transactions the core refused (and loaded ones that
// are no longer wanted).
func (w *mempoolWAL) cancel(hashes []chain.Digest, refs []*walRef) {
	var empty []uint64
	w.mu.Lock()
	for i, h := range hashes {
		empty = w.dropRef(h, refs[i], empty)
	}
	w.mu.Unlock()
	for _, seq := range empty {
		w.remove(seq)
	}
}

// forget drops every logged copy of the transactions with these hashes, as a
// commit does: a transaction the restarted validator finds committed, or
// cannot propose again.
func (w *mempoolWAL) forget(hashes []chain.Digest) {
	var empty []uint64
	w.mu.Lock()
	for _, h := range hashes {
		refs, ok := w.index[h]
		if !ok {
			continue
		}
		delete(w.index, h)
		for _, ref := range refs {
			empty = w.release(ref, empty)
		}
	}
	w.mu.Unlock()
	for _, seq := range empty {
		w.remove(seq)
	}
}

// committed removes the transactions of c from the WAL.
func (w *mempoolWAL) committed(c chain.Commit) {
	if len(c.Txs) == 0 || w.size0() {
		return
	}
	hashes := make([]chain.Digest, len(c.Txs))
	for i, tx := range c.Txs {
		hashes[i] = txHash(tx)
	}
	w.forget(hashes)
}

// size0 reports whether the index is empty (nothing to remove).
func (w *mempoolWAL) size0() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.index) == 0
}

// release marks ref dead and, if it was the last live transaction of a
// segment other than the active one, appends that segment to empty (to be
// deleted once w.mu is released); w.mu is held.
func (w *mempoolWAL) release(ref *walRef, empty []uint64) []uint64 {
	if !ref.dead && ref.seg != 0 {
		if w.live[ref.seg]--; w.live[ref.seg] <= 0 && ref.seg != w.active {
			delete(w.live, ref.seg)
			empty = append(empty, ref.seg)
		}
	}
	ref.dead = true
	return empty
}

// dropRef removes one reference from the index; w.mu is held.
func (w *mempoolWAL) dropRef(h chain.Digest, ref *walRef, empty []uint64) []uint64 {
	refs := w.index[h]
	for k, r := range refs {
		if r == ref {
			refs = slices.Delete(refs, k, k+1)
			break
		}
	}
	if len(refs) == 0 {
		delete(w.index, h)
	} else {
		w.index[h] = refs
	}
	return w.release(ref, empty)
}

// stats returns how many transactions the WAL holds that are not committed,
// and how many segment files it has.
func (w *mempoolWAL) stats() (live, segments int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	segments = 1
	for seq, n := range w.live {
		live += n
		if seq != w.active {
			segments++
		}
	}
	return live, segments
}

// write logs txs (whose reserved refs are refs) with from, synced, and
// returns once they are on stable storage.
func (w *mempoolWAL) write(from uint64, txs []chain.Tx, refs []*walRef) error {
	if len(txs) == 0 {
		return nil
	}
	req := &walWrite{from: from, rec: encodeRecord(from, txs), refs: refs, done: make(chan error, 1)}
	w.mu.Lock()
	closed, err := w.closed, w.err
	w.mu.Unlock()
	if closed {
		return fmt.Errorf("%w: closed", errWAL)
	}
	if err != nil {
		return err
	}
	select {
	case w.reqs <- req:
	case <-w.stopped:
		return fmt.Errorf("%w: closed", errWAL)
	}
	select {
	case err := <-req.done:
		return err
	case <-w.stopped:
		// The writer may have answered just before it stopped.
		select {
		case err := <-req.done:
			return err
		default:
			return fmt.Errorf("%w: closed", errWAL)
		}
	}
}

// run is the writer: it takes the records queued, writes them, syncs once,
// and answers them all.
func (w *mempoolWAL) run() {
	defer close(w.stopped)
	group := make([]*walWrite, 0, walMaxGroup)
	for {
		group = group[:0]
		select {
		case req := <-w.reqs:
			group = append(group, req)
		case <-w.idle:
			w.mu.Lock()
			idle := w.live[w.active] == 0 && w.err == nil
			w.mu.Unlock()
			if idle && w.size > int64(len(walMagic)) {
				if err := w.rotate(); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
						w.log.Error("mempool wal: rotation failed; the validator acknowledges no more transactions", "err", err)
					}
					w.mu.Unlock()
				}
			}
			continue
		case <-w.stop:
			return
		}
	more:
		for len(group) < walMaxGroup {
			select {
			case req := <-w.reqs:
				group = append(group, req)
			default:
				break more
			}
		}
		err := w.writeGroup(group)
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
			w.log.Error("mempool wal: write failed; the validator acknowledges no more transactions", "err", err)
		}
		if err == nil {
			for _, req := range group {
				w.lowerFloor(w.active, req.from)
				for _, ref := range req.refs {
					if !ref.dead {
						ref.seg = w.active
						w.live[w.active]++
					}
				}
			}
		}
		err = w.err
		w.mu.Unlock()
		for _, req := range group {
			req.done <- err
		}
	}
}

// writeGroup appends the records of group to the active segment (a new one
// if it is full) and syncs it.
func (w *mempoolWAL) writeGroup(group []*walWrite) error {
	w.mu.Lock()
	err := w.err
	w.mu.Unlock()
	if err != nil {
		return err
	}
	if w.size >= w.segmentBytes {
		if err := w.rotate(); err != nil {
			return err
		}
	}
	var n int
	for _, req := range group {
		n += len(req.rec)
	}
	buf := make([]byte, 0, n)
	for _, req := range group {
		buf = append(buf, req.rec...)
	}
	if _, err := w.file.Write(buf); err != nil {
		return fmt.Errorf("%w: write segment %d: %w", errWAL, w.active, err)
	}
	w.size += int64(n)
	if err := w.file.Sync(); err != nil {
		return fmt.Errorf("%w: sync segment %d: %w", errWAL, w.active, err)
	}
	return nil
}

// lowerFloor records a record with from in segment seq; w.mu is held (or
// the WAL not yet shared).
func (w *mempoolWAL) lowerFloor(seq, from uint64) {
	if f, ok := w.floors[seq]; !ok || from < f {
		w.floors[seq] = from
	}
}

// floor returns the lowest from of the records on disk, and false if there
// is none: a restart reads the stored commit log from floor+1 on to drop the
// transactions already committed, so commits from there on must be kept.
func (w *mempoolWAL) floor() (uint64, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var low uint64
	found := false
	for _, f := range w.floors {
		if !found || f < low {
			low, found = f, true
		}
	}
	return low, found
}

// rotateIdle asks the writer to start a new segment, deleting the active one,
// if the active one holds no live transaction: its records (all committed)
// then stop holding the floor. It does not wait.
func (w *mempoolWAL) rotateIdle() {
	select {
	case w.idle <- struct{}{}:
	default:
	}
}

// rotate closes the active segment and starts the next; the old one is
// deleted at once if none of its transactions is live.
func (w *mempoolWAL) rotate() error {
	old := w.active
	if err := w.file.Close(); err != nil {
		return fmt.Errorf("%w: close segment %d: %w", errWAL, old, err)
	}
	if err := w.create(old + 1); err != nil {
		return err
	}
	w.mu.Lock()
	w.active = old + 1
	empty := w.live[old] == 0
	if empty {
		delete(w.live, old)
	}
	w.mu.Unlock()
	if empty {
		w.remove(old)
	}
	return nil
}

// close stops the writer and closes the active segment. Records not yet
// written fail; what is on disk stays for the next start.
func (w *mempoolWAL) close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	close(w.stop)
	<-w.stopped
	// Answer what was queued after the writer stopped.
	for {
		select {
		case req := <-w.reqs:
			req.done <- fmt.Errorf("%w: closed", errWAL)
		default:
			if err := w.file.Close(); err != nil {
				return fmt.Errorf("%w: close segment %d: %w", errWAL, w.active, err)
			}
			return nil
		}
	}
}

// encodeRecord encodes one record (header and payload).
func encodeRecord(from uint64, txs []chain.Tx) []byte {
	n := walRecordHeader + 12
	for _, tx := range txs {
		n += 4 + len(tx)
	}
	b := make([]byte, walRecordHeader, n)
	b = binary.LittleEndian.AppendUint64(b, from)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(txs)))
	for _, tx := range txs {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(tx)))
		b = append(b, tx...)
	}
	payload := b[walRecordHeader:]
	binary.LittleEndian.PutUint32(b[0:4], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[4:8], crc32.Checksum(payload, crcTable))
	return b
}

// decodeSegment decodes a segment file: its header, then records until the
// end or the first damaged one. It returns the entries of the intact
// records, the length of the intact prefix, and an error describing the
// damage, if any (a torn tail after a crash, or corruption). It allocates no
// more than the data's size.
func decodeSegment(data []byte) ([]walEntry, int, error) {
	if len(data) < len(walMagic) || string(data[:len(walMagic)]) != walMagic {
		return nil, 0, fmt.Errorf("%w: no segment header", errWAL)
	}
	var out []walEntry
	off := len(walMagic)
	for off < len(data) {
		rest := data[off:]
		if len(rest) < walRecordHeader {
			return out, off, fmt.Errorf("%w: record at %d: %d header bytes", errWAL, off, len(rest))
		}
		size := binary.LittleEndian.Uint32(rest[0:4])
		if uint64(size) > uint64(len(rest)-walRecordHeader) {
			return out, off, fmt.Errorf("%w: record at %d: length %d past the end", errWAL, off, size)
		}
		payload := rest[walRecordHeader : walRecordHeader+int(size)]
		if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(rest[4:8]) {
			return out, off, fmt.Errorf("%w: record at %d: checksum mismatch", errWAL, off)
		}
		entries, err := decodePayload(payload)
		if err != nil {
			return out, off, fmt.Errorf("%w: record at %d: %w", errWAL, off, err)
		}
		out = append(out, entries...)
		off += walRecordHeader + int(size)
	}
	return out, off, nil
}

// decodePayload decodes a record's payload; its transactions share the
// payload's memory.
func decodePayload(p []byte) ([]walEntry, error) {
	if len(p) < 12 {
		return nil, fmt.Errorf("payload of %d bytes", len(p))
	}
	from := binary.LittleEndian.Uint64(p[0:8])
	count := binary.LittleEndian.Uint32(p[8:12])
	p = p[12:]
	if uint64(count) > uint64(len(p)/4) {
		return nil, fmt.Errorf("count %d in %d bytes", count, len(p))
	}
	out := make([]walEntry, 0, count)
	for range count {
		if len(p) < 4 {
			return nil, errors.New("truncated transaction length")
		}
		n := binary.LittleEndian.Uint32(p[0:4])
		if uint64(n) > uint64(len(p)-4) {
			return nil, fmt.Errorf("transaction of %d bytes past the end", n)
		}
		tx := chain.Tx(p[4 : 4+n : 4+n])
		out = append(out, walEntry{tx: tx, hash: txHash(tx), from: from})
		p = p[4+n:]
	}
	if len(p) != 0 {
		return nil, fmt.Errorf("%d bytes after the transactions", len(p))
	}
	return out, nil
}
