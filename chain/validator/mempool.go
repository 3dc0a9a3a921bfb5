package validator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// resubmitBatch bounds the transactions of one SubmitBatch when the WAL's
// transactions are proposed again.
const resubmitBatch = 1000

// resubmitRetry is the wait before offering again what a full mempool
// refused.
const resubmitRetry = 20 * time.Millisecond

// commitLoader reads the stored commit log (chain/store.Store).
type commitLoader interface {
	LoadCommits(from uint64, limit int) ([]chain.Commit, error)
}

// heldTx is a transaction of the WAL that a restarted validator found in one
// of its own stored blocks: the network may still commit that block, so it is
// not proposed again unless the block can no longer be committed.
type heldTx struct {
	entry walEntry
	epoch uint64
	round uint64
}

// recoveryPlan is what a restarted validator does with the transactions its
// WAL holds: drop those the commit log holds, propose again those that never
// left the process, and hold those in its own blocks (heldSet).
type recoveryPlan struct {
	resubmit  []walEntry
	held      *heldSet
	committed int // dropped: already in the stored commit log
	dups      int // dropped: a second copy of a transaction
}

// planRecovery sorts the WAL's entries (oldest first). Deduplication is by
// transaction hash (SHA-256), at three places: (1) here, against the stored
// commit log from the oldest entry's from index on (no earlier commit can
// hold it) and against the WAL itself; (2) here, against the validator's own
// stored blocks (the core persists a block before it sends it, so a
// transaction in no stored own block never left the process and cannot be
// committed but by proposing it again); (3) in consume, against every commit
// delivered after the start (heldSet.committed, mempoolWAL.committed). The
// entries found committed are removed from the WAL (forget).
func planRecovery(entries []walEntry, log commitLoader, stored uint64, own []*dag.Block, gcDepth uint64) (recoveryPlan, []chain.Digest, error) {
	plan := recoveryPlan{held: newHeldSet(gcDepth)}
	if len(entries) == 0 {
		return plan, nil, nil
	}
	pending := make(map[chain.Digest]bool, len(entries))
	from := entries[0].from
	for _, e := range entries {
		from = min(from, e.from)
		pending[e.hash] = true
	}
	var done []chain.Digest
	isDone := map[chain.Digest]bool{}
	for next := from + 1; next <= stored; {
		cs, err := log.LoadCommits(next, 1024)
		if err != nil {
			return recoveryPlan{}, nil, fmt.Errorf("validator: mempool wal: read commits from %d: %w", next, err)
		}
		if len(cs) == 0 {
			break
		}
		for _, c := range cs {
			for _, tx := range c.Txs {
				if h := txHash(tx); pending[h] {
					delete(pending, h)
					done = append(done, h)
					isDone[h] = true
					plan.committed++
				}
			}
		}
		next = cs[len(cs)-1].Index + 1
	}
	inOwn := map[chain.Digest]*dag.Block{}
	for _, b := range own {
		for _, tx := range b.Txs {
			if h := txHash(tx); pending[h] {
				if _, ok := inOwn[h]; !ok {
					inOwn[h] = b
				}
			}
		}
	}
	seen := make(map[chain.Digest]bool, len(pending))
	for _, e := range entries {
		if isDone[e.hash] {
			continue
		}
		if seen[e.hash] {
			plan.dups++
			continue
		}
		seen[e.hash] = true
		if b, ok := inOwn[e.hash]; ok {
			plan.held.add(heldTx{entry: e, epoch: b.Epoch, round: b.Round})
			continue
		}
		plan.resubmit = append(plan.resubmit, e)
	}
	return plan, done, nil
}

// heldSet tracks the held transactions of a restarted validator until they
// are committed, or their block falls below the GC round of a commit (or an
// epoch ends) without them: then the network can no longer commit that block,
// and the transaction is proposed again.
type heldSet struct {
	gcDepth uint64
	byHash  map[chain.Digest]bool
	order   []heldTx // by (epoch, round), then WAL order
	sorted  bool
}

func newHeldSet(gcDepth uint64) *heldSet {
	return &heldSet{gcDepth: gcDepth, byHash: map[chain.Digest]bool{}}
}

func (s *heldSet) add(h heldTx) {
	s.byHash[h.entry.hash] = true
	s.order = append(s.order, h)
	s.sorted = false
}

// len returns how many transactions are held.
func (s *heldSet) len() int { return len(s.byHash) }

// committed handles commit c (delivered in order): its transactions are no
// longer held, and the ones whose block c shows can no longer be committed
// are returned, to be proposed again.
func (s *heldSet) committed(c chain.Commit) []walEntry {
	if len(s.byHash) == 0 {
		return nil
	}
	for _, tx := range c.Txs {
		delete(s.byHash, txHash(tx))
	}
	if !s.sorted {
		slices.SortStableFunc(s.order, func(a, b heldTx) int {
			return cmp.Or(cmp.Compare(a.epoch, b.epoch), cmp.Compare(a.round, b.round))
		})
		s.sorted = true
	}
	var lost []walEntry
	k := 0
	for ; k < len(s.order); k++ {
		h := s.order[k]
		if c.Epoch == h.epoch && h.round+s.gcDepth > c.LeaderRound {
			break // its block may still be committed
		}
		if s.byHash[h.entry.hash] {
			delete(s.byHash, h.entry.hash)
			lost = append(lost, h.entry)
		}
	}
	s.order = s.order[k:]
	if len(s.byHash) == 0 {
		s.order = nil
	}
	return lost
}

// resubmitter proposes the WAL's transactions again, in order, retrying
// while the mempool is full. Its transactions are in the WAL already.
type resubmitter struct {
	mu    sync.Mutex
	queue []walEntry
	wake  chan struct{}
}

func newResubmitter() *resubmitter { return &resubmitter{wake: make(chan struct{}, 1)} }

func (q *resubmitter) add(es []walEntry) {
	if len(es) == 0 {
		return
	}
	q.mu.Lock()
	q.queue = append(q.queue, es...)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// pending returns how many transactions wait to be proposed again.
func (q *resubmitter) pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue)
}

// run hands the queue to the core until ctx ends. A transaction the
// application now refuses is dropped from the WAL, and logged.
func (q *resubmitter) run(ctx context.Context, r *running) {
	for {
		q.mu.Lock()
		batch := q.queue[:min(len(q.queue), resubmitBatch)]
		q.mu.Unlock()
		if len(batch) == 0 {
			select {
			case <-q.wake:
				continue
			case <-ctx.Done():
				return
			}
		}
		txs := make([]chain.Tx, len(batch))
		for i, e := range batch {
			txs[i] = e.tx
		}
		errs, err := r.core.SubmitBatch(ctx, txs)
		if err != nil {
			return // closed
		}
		var keep []walEntry
		var invalid []chain.Digest
		for i, e := range batch {
			switch {
			case errs[i] == nil:
			case errors.Is(errs[i], dag.ErrMempoolFull):
				keep = append(keep, e)
			default:
				invalid = append(invalid, e.hash)
				r.n.log.Warn("mempool wal: the application refuses a transaction it had accepted; dropped", "err", errs[i])
			}
		}
		if len(invalid) > 0 {
			r.wal.forget(invalid)
		}
		q.mu.Lock()
		q.queue = append(keep, q.queue[len(batch):]...)
		q.mu.Unlock()
		if len(keep) > 0 {
			select {
			case <-time.After(resubmitRetry):
			case <-ctx.Done():
				return
			}
		}
	}
}

// errHeld marks, in submitBatch's results, a transaction acknowledged again
// without a second copy: the WAL already holds it, synced and not committed.
var errHeld = errors.New("validator: already held")

// submitBatch hands txs to the core and, before it returns, logs those the
// core accepted in the WAL, synced: an acknowledged transaction survives a
// crash. It returns the core's per-transaction errors, or an error for all of
// them (the core is closed, or the WAL failed: then the accepted ones are in
// the mempool but not acknowledged, and the validator stops).
//
// A transaction the WAL already holds (synced, not committed yet) is not
// handed to the core again: its result is errHeld, an acknowledgement (a
// client retrying, or the same envelope posted again before its commit,
// which the application's replay guard cannot see yet). So is a second copy
// within txs, once the first is accepted. A copy still being logged by a
// concurrent call is not held yet, and goes to the core as before.
func (r *running) submitBatch(ctx context.Context, txs []chain.Tx) ([]error, error) {
	from := r.position().Index
	hashes := make([]chain.Digest, len(txs))
	for i, tx := range txs {
		hashes[i] = txHash(tx)
	}
	held := r.wal.held(hashes)
	errs := make([]error, len(txs))
	firstOf := make(map[chain.Digest]int, len(txs))
	copyOf := make([]int, len(txs)) // the index of the first copy in txs, or i
	var fresh []int
	for i, h := range hashes {
		copyOf[i] = i
		if held[i] {
			errs[i] = errHeld
			continue
		}
		if j, ok := firstOf[h]; ok {
			copyOf[i] = j
			continue
		}
		firstOf[h] = i
		fresh = append(fresh, i)
	}
	freshTxs := make([]chain.Tx, len(fresh))
	freshHashes := make([]chain.Digest, len(fresh))
	for k, i := range fresh {
		freshTxs[k], freshHashes[k] = txs[i], hashes[i]
	}
	refs := r.wal.reserve(freshHashes)
	coreErrs, err := r.core.SubmitBatch(ctx, freshTxs)
	if err != nil {
		r.wal.cancel(freshHashes, refs)
		return nil, err
	}
	accepted := make([]chain.Tx, 0, len(fresh))
	acceptedRefs := make([]*walRef, 0, len(fresh))
	var refusedHashes []chain.Digest
	var refusedRefs []*walRef
	for k, e := range coreErrs {
		errs[fresh[k]] = e
		if e == nil {
			accepted = append(accepted, freshTxs[k])
			acceptedRefs = append(acceptedRefs, refs[k])
		} else {
			refusedHashes = append(refusedHashes, freshHashes[k])
			refusedRefs = append(refusedRefs, refs[k])
		}
	}
	for i, j := range copyOf {
		if j != i {
			if errs[i] = errs[j]; errs[j] == nil {
				errs[i] = errHeld
			}
		}
	}
	if len(refusedRefs) > 0 {
		r.wal.cancel(refusedHashes, refusedRefs)
	}
	if err := r.wal.write(from, accepted, acceptedRefs); err != nil {
		select {
		case r.fatal <- err:
		default:
		}
		return nil, fmt.Errorf("%w: %w", chain.ErrClosed, err)
	}
	return errs, nil
}
