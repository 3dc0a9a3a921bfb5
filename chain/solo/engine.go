package solo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// Engine is a single-validator chain.Engine with instant finality: every
// Interval it cuts the queued transactions into a commit, applies it to the
// Application and delivers it on Commits. See the package documentation.
//
// Submit, Flush, Commits and Close are safe for concurrent use; Run is called
// once, usually in its own goroutine.
type Engine struct {
	cfg     Config
	commits chan chain.Commit
	flushc  chan chan flushReply // Flush requests, served by Run
	quit    chan struct{}        // closed by Close: Run must return
	done    chan struct{}        // closed when the engine has stopped for good

	closeOnce sync.Once

	// appMu serializes every call into the Application, so that CheckTx
	// (from any Submit goroutine) never runs during ApplyCommit (from Run).
	appMu sync.Mutex

	mu          sync.Mutex
	started     bool // Run was called
	closed      bool // Close was called or Run returned: Submit refuses
	queue       []chain.Tx
	queuedBytes int

	// Owned by Run.
	epoch  uint64
	index  uint64
	prev   chain.Digest
	lastTS int64
}

var _ chain.Engine = (*Engine)(nil)

type flushReply struct {
	commit chain.Commit
	err    error
}

// errStopped tells Run to return nil: its context ended or Close was called.
var errStopped = errors.New("solo: stopped")

// New returns an Engine for cfg, which it validates (see Config.Validate). The
// engine does nothing until Run is called.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Engine{
		cfg:     cfg,
		commits: make(chan chain.Commit, cfg.CommitBuffer),
		flushc:  make(chan chan flushReply),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
		epoch:   cfg.Epoch,
	}, nil
}

// Submit checks tx and queues a copy of it for the next commit. It refuses,
// with an error wrapping:
//   - chain.ErrClosed once the engine has stopped (Close, or Run returned);
//   - chain.ErrInvalidTx if tx is larger than MaxTxBytes, or if the
//     Application's CheckTx rejects it (the error also wraps the app's error);
//   - ErrQueueFull if MaxQueue transactions or MaxQueueBytes bytes are queued.
//
// Submit does not wait for the commit; Flush does.
func (e *Engine) Submit(ctx context.Context, tx chain.Tx) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e.mu.Lock()
	err := e.admitLocked(len(tx))
	e.mu.Unlock()
	if err != nil { // fail fast, before CheckTx
		return err
	}
	// Check the copy we queue, so that a caller reusing its buffer cannot
	// queue bytes other than those checked.
	tx = bytes.Clone(tx)
	e.appMu.Lock()
	err = e.cfg.App.CheckTx(tx)
	e.appMu.Unlock()
	if err != nil {
		return fmt.Errorf("%w: %w", chain.ErrInvalidTx, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.admitLocked(len(tx)); err != nil {
		return err
	}
	e.queue = append(e.queue, tx)
	e.queuedBytes += len(tx)
	return nil
}

// admitLocked reports whether a transaction of n bytes may be queued now.
// A permanent refusal (closed, too large) comes before a passing one (full).
func (e *Engine) admitLocked(n int) error {
	switch {
	case e.closed:
		return chain.ErrClosed
	case n > e.cfg.MaxTxBytes:
		return fmt.Errorf("%w: %d bytes, max %d", chain.ErrInvalidTx, n, e.cfg.MaxTxBytes)
	case len(e.queue) >= e.cfg.MaxQueue:
		return fmt.Errorf("%w: %d transactions queued, max %d", ErrQueueFull, len(e.queue), e.cfg.MaxQueue)
	case e.queuedBytes+n > e.cfg.MaxQueueBytes:
		return fmt.Errorf("%w: %d bytes queued, %d more would exceed %d", ErrQueueFull, e.queuedBytes, n, e.cfg.MaxQueueBytes)
	}
	return nil
}

// Commits delivers every commit the engine applies, in order, and is closed
// when the engine stops. Its buffer holds Config.CommitBuffer commits; when it
// is full the engine waits, so a reader must drain it. If the engine stops
// while it waits, the commit it holds, already applied, is not delivered.
func (e *Engine) Commits() <-chan chain.Commit { return e.commits }

// Run cuts, applies and delivers commits until ctx ends or Close is called,
// and then returns nil. If the Application's ApplyCommit fails, Run stops and
// returns its error, wrapped: the application is broken, and skipping the
// commit would fork its state. When Run returns, Commits is closed, queued
// transactions are dropped and Submit refuses with chain.ErrClosed.
//
// Run may be called once: again, it returns ErrStarted (chain.ErrClosed after
// Close).
func (e *Engine) Run(ctx context.Context) (err error) {
	e.mu.Lock()
	switch {
	case e.started:
		e.mu.Unlock()
		return ErrStarted
	case e.closed:
		e.mu.Unlock()
		return chain.ErrClosed
	}
	e.started = true
	e.mu.Unlock()

	defer func() {
		e.mu.Lock()
		e.stopLocked()
		e.mu.Unlock()
		close(e.commits)
		close(e.done)
		if errors.Is(err, errStopped) {
			err = nil
		}
	}()
	var tick <-chan time.Time
	if e.cfg.Interval > 0 {
		t := time.NewTicker(e.cfg.Interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-e.quit:
			return nil
		case <-tick:
			if _, _, err := e.step(ctx); err != nil {
				return err
			}
		case reply := <-e.flushc:
			c, err := e.flush(ctx)
			if errors.Is(err, errStopped) {
				reply <- flushReply{err: chain.ErrClosed}
			} else {
				reply <- flushReply{commit: c, err: err}
			}
			if err != nil {
				return err
			}
		}
	}
}

// flush commits every transaction queued now, in as many commits as
// MaxTxsPerCommit needs, and returns the last commit.
func (e *Engine) flush(ctx context.Context) (chain.Commit, error) {
	e.mu.Lock()
	pending := len(e.queue)
	e.mu.Unlock()
	var last chain.Commit
	for pending > 0 {
		c, n, err := e.step(ctx)
		if err != nil {
			return last, err
		}
		if n == 0 { // Close dropped the queue
			return last, errStopped
		}
		pending -= n
		last = c
	}
	return last, nil
}

// step cuts one commit of up to MaxTxsPerCommit queued transactions, applies
// it and delivers it. It returns the commit and its number of transactions (0
// if the queue was empty: no commit is made). The error is errStopped if the
// engine stopped while delivering.
func (e *Engine) step(ctx context.Context) (chain.Commit, int, error) {
	e.mu.Lock()
	n := min(len(e.queue), e.cfg.MaxTxsPerCommit)
	if n == 0 {
		e.mu.Unlock()
		return chain.Commit{}, 0, nil
	}
	txs := slices.Clone(e.queue[:n])
	for _, tx := range txs {
		e.queuedBytes -= len(tx)
	}
	clear(e.queue[:n])
	if n == len(e.queue) {
		e.queue = e.queue[:0]
	} else {
		e.queue = e.queue[n:]
	}
	e.mu.Unlock()

	ts := e.cfg.Clock.Now().UnixMilli()
	if e.index > 0 && ts < e.lastTS {
		ts = e.lastTS
	}
	index := e.index + 1
	leader := blockDigest(e.epoch, index, ts, txs)
	c := chain.Commit{
		Epoch:        e.epoch,
		Index:        index,
		Leader:       leader,
		LeaderRound:  index,
		LeaderAuthor: 0,
		Timestamp:    ts,
		Txs:          txs,
		Digest:       chain.HashCommit(e.prev, index, []chain.Digest{leader}),
	}

	e.appMu.Lock()
	res, err := e.cfg.App.ApplyCommit(c)
	e.appMu.Unlock()
	if err != nil {
		e.cfg.Logger.Error("solo: application failed to apply commit", "index", index, "err", err)
		return c, n, fmt.Errorf("solo: apply commit %d: %w", index, err)
	}
	e.index, e.prev, e.lastTS = index, c.Digest, ts
	e.cfg.Logger.Debug("solo: commit", "index", index, "epoch", c.Epoch, "txs", n, "digest", c.Digest.Short(), "app_hash", res.AppHash.Short())
	if res.NextValidators != nil {
		e.epoch++
		e.cfg.Logger.Info("solo: new epoch", "epoch", e.epoch, "after_commit", index, "validators", res.NextValidators.Len())
	}

	select { // deliver if there is room, even if the engine is stopping
	case e.commits <- c:
		return c, n, nil
	default:
	}
	select {
	case e.commits <- c:
		return c, n, nil
	case <-ctx.Done():
	case <-e.quit:
	}
	e.cfg.Logger.Warn("solo: stopped with commit undelivered", "index", index)
	return c, n, errStopped
}

// stopLocked makes Submit refuse and drops the queue.
func (e *Engine) stopLocked() {
	e.closed = true
	e.queue = nil
	e.queuedBytes = 0
}

// Flush makes the engine commit, now, every transaction Submit queued before
// Flush was called (in several commits if they exceed MaxTxsPerCommit), waits
// until they are applied and delivered to the Commits buffer, and returns the
// last of those commits. If nothing was queued it makes no commit and returns
// the zero Commit (Index 0).
//
// Flush is for tests and tools: with Config.Interval negative, it is the only
// way commits are cut, and a run is then fully deterministic. It waits for Run
// to serve it: it returns ctx's error if ctx ends first, chain.ErrClosed if the
// engine stops first, and Run's error if applying fails.
func (e *Engine) Flush(ctx context.Context) (chain.Commit, error) {
	reply := make(chan flushReply, 1)
	select {
	case e.flushc <- reply:
	case <-ctx.Done():
		return chain.Commit{}, ctx.Err()
	case <-e.done:
		return chain.Commit{}, chain.ErrClosed
	}
	select {
	case r := <-reply:
		return r.commit, r.err
	case <-ctx.Done():
		return chain.Commit{}, ctx.Err()
	}
}

// Close stops the engine: Run returns, Commits is closed, queued transactions
// are dropped and Submit refuses with chain.ErrClosed. It waits for Run to
// return, so it must not be called from the Application. Close is idempotent
// and always returns nil; Run reports the engine's error.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() {
		e.mu.Lock()
		started := e.started // read with closed set, so Run cannot start in between
		e.stopLocked()
		e.mu.Unlock()
		close(e.quit)
		if !started { // Run will never start: it sees closed
			close(e.commits)
			close(e.done)
		}
	})
	<-e.done
	return nil
}

// blockDigest is the Leader digest of a solo commit: the digest of the virtual
// block the single validator proposes (documented in doc.go). It is SHA-256 over
// "depinkit/solo/block/v1\x00", then epoch, round (the commit index),
// timestamp (Unix ms, two's complement) and the number of transactions as
// 8-byte big-endian integers, then each transaction as its length (8 bytes
// big-endian) followed by its bytes. Since chain.HashCommit chains the Leader
// digests, a commit's Digest covers every field of the commit.
func blockDigest(epoch, round uint64, timestamp int64, txs []chain.Tx) chain.Digest {
	h := sha256.New()
	h.Write([]byte("depinkit/solo/block/v1\x00"))
	var b [8]byte
	for _, v := range []uint64{epoch, round, uint64(timestamp), uint64(len(txs))} {
		h.Write(binary.BigEndian.AppendUint64(b[:0], v))
	}
	for _, tx := range txs {
		h.Write(binary.BigEndian.AppendUint64(b[:0], uint64(len(tx))))
		h.Write(tx)
	}
	var d chain.Digest
	h.Sum(d[:0])
	return d
}
