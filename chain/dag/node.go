package dag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// Transport is what a Node needs of the network. Implementations authenticate
// the sender of every message they deliver (Message.From).
type Transport interface {
	// Broadcast sends a block to every other validator, best effort.
	Broadcast(ctx context.Context, b *Block) error
	// Send sends a message to validator m.To, best effort.
	Send(ctx context.Context, m Message) error
	// Receive delivers incoming messages.
	Receive() <-chan Message
}

// Store is what a Node persists: the blocks it accepted, so that after a crash it
// recovers its DAG and never signs a second block for a round. SaveBlocks must be
// durable when it returns.
type Store interface {
	SaveBlocks(blocks []*Block) error
	LoadBlocks() ([]*Block, error)
}

// CommitStore is a Store that also keeps commit headers (Ready.Headers) and
// serves commit sync from them and its blocks. A Node whose Store is one saves
// every Ready's headers after its blocks and answers MsgCommitRequest with
// ServeCommits on a goroutine of its own.
type CommitStore interface {
	Store
	CommitSource
	SaveHeaders(headers []CommitHeader) error
}

// NodeConfig configures a Node.
type NodeConfig struct {
	// Config is the consensus core's configuration.
	Config
	// App is the application the node applies commits to. Required.
	App chain.Application
	// Transport connects the node to the other validators. Required.
	Transport Transport
	// Store persists accepted blocks. Default: NewMemoryStore().
	Store Store
	// Now is the node's clock. Required: pass time.Now (the consensus packages
	// never read the wall clock themselves), or a fake in tests.
	Now func() time.Time
	// TickInterval is how often the core's timers are checked. Default 10ms.
	TickInterval time.Duration
	// Applied is the index of the last commit the App already holds (after a
	// restart with a persistent App); commits up to it are not applied again.
	Applied uint64
	// CommitBuffer is the capacity of Commits(). Default 1024.
	CommitBuffer int
	// Logger receives the node's logs. Default: discarded.
	Logger *slog.Logger
	// SyncLimits bound the commit sync responses the node serves (when its
	// Store is a CommitStore). Zero fields: DefaultSyncLimits.
	SyncLimits SyncLimits
	// MaxServing bounds, per peer, the fetch and commit responses queued for
	// or being encoded and sent by the node's serving goroutine; requests
	// past it are dropped (the peer asks again). Default 2.
	MaxServing int
	// StateSync, if set, makes the node serve state sync and, when it starts
	// with nothing (no commit applied, no block stored), start from a
	// certified snapshot its peers serve (statesync.go, StateSyncOptions).
	StateSync *StateSyncOptions
}

// Node runs a RawNode in one goroutine and owns its I/O: it persists accepted
// blocks before sending anything, sends blocks and messages, applies commits to
// the Application, handles epoch changes, and keeps evidence of equivocation. It
// implements chain.Engine.
type Node struct {
	cfg        NodeConfig
	rn         *RawNode
	maxTxBytes int // the transaction limit, for SubmitBatch
	log        *slog.Logger
	appMu      sync.Mutex // serialises App calls
	propose    chan proposal
	commits    chan chain.Commit
	applied    uint64
	needs      RecoveryNeeds // set by the configuration: read without a lock

	mu       sync.Mutex
	evidence []Equivocation
	stats    Stats
	stepErrs uint64
	sets     map[uint64]*chain.ValidatorSet // the current epoch's set and the one before, for ServeCommits
	serving  map[uint32]int                 // per peer, responses queued or in progress
	leftTxs  []chain.Tx                     // what RawNode.Leave returned

	// serveQ feeds the serving goroutine: commit requests to answer from the
	// store, and fetch responses to encode and send, off the consensus
	// goroutine (a request for hundreds of blocks costs that goroutine nothing).
	serveQ chan Message

	// State sync (statesync_node.go): wantState is set when the node starts
	// with nothing and may state-sync; syncing is its progress (under mu).
	wantState   bool
	syncing     StateSyncStatus
	stateServer *StateServer // used by the serving goroutine only

	started   bool
	closing   chan struct{}
	closeOnce sync.Once
	done      chan struct{}
}

type proposal struct {
	txs   []chain.Tx
	reply chan error
}

var _ chain.Engine = (*Node)(nil)

// NewNode builds a Node and recovers its DAG from the Store.
func NewNode(cfg NodeConfig) (*Node, error) {
	if cfg.App == nil {
		return nil, fmt.Errorf("%w: App missing", ErrConfig)
	}
	if cfg.Transport == nil {
		return nil, fmt.Errorf("%w: Transport missing", ErrConfig)
	}
	if cfg.Now == nil {
		return nil, fmt.Errorf("%w: Now missing (pass time.Now)", ErrConfig)
	}
	if cfg.Store == nil {
		cfg.Store = NewMemoryStore()
	}
	setDuration(&cfg.TickInterval, 10*time.Millisecond)
	if cfg.CommitBuffer <= 0 {
		cfg.CommitBuffer = 1024
	}
	if cfg.MaxServing <= 0 {
		cfg.MaxServing = 2
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if es, ok := cfg.Store.(EpochStore); ok {
		// Resume in the latest epoch the store recorded (a restart after a
		// validator-set change).
		e, found, err := es.LoadEpoch(cfg.Applied)
		if err != nil {
			return nil, fmt.Errorf("dag: load epoch: %w", err)
		}
		if found && e.Epoch > cfg.Epoch {
			cfg.Epoch, cfg.Validators, cfg.Start = e.Epoch, e.Validators, e.Start
			log.Info("resuming in a later epoch", "epoch", e.Epoch, "start", e.Start.Index)
		}
	}
	rn, err := NewRawNode(cfg.Config, cfg.Now())
	if err != nil {
		return nil, err
	}
	if rs, ok := cfg.Store.(RecoveryStore); ok {
		// Bounded: from the last commit applied, a GC window of blocks and
		// the commits leader reputation replays (RecoveryNeeds).
		r, err := rs.LoadRecovery(rn.Epoch(), cfg.Applied, rn.RecoveryNeeds(), rn.Self())
		if err != nil {
			return nil, fmt.Errorf("dag: load recovery: %w", err)
		}
		if err = rn.RecoverFrom(r); errors.Is(err, ErrIncompleteRecovery) {
			// The store lacks some of the commits reputation replays (pruned
			// too close): the whole epoch's blocks, derived again, still
			// give the peers' schedule.
			log.Warn("bounded recovery incomplete: recovering the whole epoch", "err", err)
			if rn, err = NewRawNode(cfg.Config, cfg.Now()); err != nil {
				return nil, err
			}
			if r, err = rs.LoadRecovery(rn.Epoch(), 0, rn.RecoveryNeeds(), rn.Self()); err != nil {
				return nil, fmt.Errorf("dag: load recovery: %w", err)
			}
			err = rn.RecoverFrom(r)
		}
		if err != nil {
			return nil, fmt.Errorf("dag: recover: %w", err)
		}
		if len(r.Blocks) > 0 || len(r.Headers) > 0 {
			log.Info("recovered", "blocks", len(r.Blocks), "headers", len(r.Headers), "round", rn.Stats().Round)
		}
	} else {
		blocks, err := cfg.Store.LoadBlocks()
		if err != nil {
			return nil, fmt.Errorf("dag: load blocks: %w", err)
		}
		if len(blocks) > 0 {
			if err := rn.Recover(blocks); err != nil {
				return nil, fmt.Errorf("dag: recover: %w", err)
			}
			log.Info("recovered", "blocks", len(blocks), "round", rn.Stats().Round)
		}
	}
	if rn.proposed == 0 {
		// No own block stored: new, or wiped. Learn the rounds this validator
		// may have signed from its peers before proposing.
		rn.AwaitOwnBlock()
	}
	return &Node{
		cfg:        cfg,
		rn:         rn,
		maxTxBytes: rn.cfg.Limits.MaxTxBytes,
		log:        log.With("validator", rn.Self()),
		propose:    make(chan proposal),
		commits:    make(chan chain.Commit, cfg.CommitBuffer),
		applied:    cfg.Applied,
		needs:      rn.RecoveryNeeds(),
		closing:    make(chan struct{}),
		done:       make(chan struct{}),
		sets:       map[uint64]*chain.ValidatorSet{rn.Epoch(): rn.cfg.Validators},
		serving:    map[uint32]int{},
		serveQ:     make(chan Message, cfg.MaxServing*rn.cfg.Validators.Len()),
		// Nothing applied, nothing recovered: a new or wiped validator.
		wantState: cfg.Applied == 0 && rn.dag.highest == 0 && rn.commitIndex == rn.cfg.Start.Index &&
			cfg.StateSync != nil && cfg.StateSync.Restore != nil && !cfg.StateSync.Disable,
	}, nil
}

// Submit checks tx with the Application and queues it for the node's next blocks.
// A nil error means queued, not committed: a transaction still in the queue when
// the node crashes is lost, so clients submit again until they see it committed.
func (n *Node) Submit(ctx context.Context, tx chain.Tx) error {
	n.appMu.Lock()
	err := n.cfg.App.CheckTx(tx)
	n.appMu.Unlock()
	if err != nil {
		return fmt.Errorf("%w: %v", chain.ErrInvalidTx, err)
	}
	return n.queue(ctx, []chain.Tx{append(chain.Tx(nil), tx...)})
}

// SubmitBatch is Submit for several transactions in one step of the node (one
// hand-over to its goroutine, not one per transaction): each is checked with
// the Application, and those that pass are queued together, in order. It
// returns one error per transaction, nil for those queued: an error wrapping
// chain.ErrInvalidTx for one the Application refused or larger than the
// transaction limit, and, for all the others, ErrMempoolFull if they do not
// all fit (none is queued then). The second result is chain.ErrClosed, or
// ctx's error, when the batch did not reach the node (or ctx ended while it
// was being queued: it may be queued then, as with Submit).
func (n *Node) SubmitBatch(ctx context.Context, txs []chain.Tx) ([]error, error) {
	errs := make([]error, len(txs))
	var (
		valid []chain.Tx
		index []int
		size  int
	)
	n.appMu.Lock()
	for i, tx := range txs {
		if len(tx) > n.maxTxBytes {
			errs[i] = fmt.Errorf("%w: %d bytes, at most %d", chain.ErrInvalidTx, len(tx), n.maxTxBytes)
			continue
		}
		if err := n.cfg.App.CheckTx(tx); err != nil {
			errs[i] = fmt.Errorf("%w: %v", chain.ErrInvalidTx, err)
			continue
		}
		index = append(index, i)
		size += len(tx)
	}
	n.appMu.Unlock()
	if len(index) == 0 {
		return errs, nil
	}
	buf := make([]byte, 0, size) // one copy of them all
	valid = make([]chain.Tx, len(index))
	for k, i := range index {
		buf = append(buf, txs[i]...)
		valid[k] = buf[len(buf)-len(txs[i]) : len(buf) : len(buf)]
	}
	err := n.queue(ctx, valid)
	switch {
	case err == nil:
	case errors.Is(err, ErrMempoolFull), errors.Is(err, ErrInvalidBlock):
		for _, i := range index {
			errs[i] = err
		}
	default:
		return nil, err
	}
	return errs, nil
}

// queue hands txs to the node's goroutine, which proposes them.
func (n *Node) queue(ctx context.Context, txs []chain.Tx) error {
	p := proposal{txs: txs, reply: make(chan error, 1)}
	select {
	case n.propose <- p:
	case <-ctx.Done():
		return ctx.Err()
	case <-n.closing:
		return chain.ErrClosed
	case <-n.done:
		return chain.ErrClosed
	}
	select {
	case err := <-p.reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Commits implements chain.Engine.
func (n *Node) Commits() <-chan chain.Commit { return n.commits }

// LeftTxs returns, once Run has returned an error wrapping ErrLeft, the
// transactions the node held that the closing commit does not order
// (RawNode.Leave): the caller hands them to a validator of the next set.
// Before that it returns nil.
func (n *Node) LeftTxs() []chain.Tx {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.leftTxs)
}

// Evidence returns the equivocations the node has seen.
func (n *Node) Evidence() []Equivocation {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]Equivocation(nil), n.evidence...)
}

// RecoveryNeeds returns what a restart of this node reads below its last
// applied commit (RawNode.RecoveryNeeds): a store pruned below
// chain/store's RecoveryFloor for it still restarts in bounded time.
func (n *Node) RecoveryNeeds() RecoveryNeeds { return n.needs }

// Stats returns the core's counters as of its last step.
func (n *Node) Stats() Stats {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.stats
}

// Run implements chain.Engine: it runs the node until ctx ends or Close is
// called, and returns an error only if the node cannot go on (a store or
// application failure).
func (n *Node) Run(ctx context.Context) (err error) {
	n.mu.Lock()
	if n.started {
		n.mu.Unlock()
		return errors.New("dag: node already started")
	}
	n.started = true
	n.mu.Unlock()
	defer close(n.done)
	defer close(n.commits)
	stop := make(chan struct{})
	var serving sync.WaitGroup
	serving.Add(1)
	go func() {
		defer serving.Done()
		n.serveLoop(ctx, stop)
	}()
	defer serving.Wait()
	defer close(stop)
	ticker := time.NewTicker(n.cfg.TickInterval)
	defer ticker.Stop()
	in := n.cfg.Transport.Receive()
	if n.wantState {
		if done, err := n.syncState(ctx, in, ticker.C); err != nil || done {
			return err
		}
	}
	for {
		if err := n.handleReady(ctx); errors.Is(err, ErrLeft) {
			return err // logged as it left
		} else if err != nil {
			n.log.Error("stopping", "err", err)
			return err
		}
		if err := n.rn.Err(); err != nil {
			n.log.Error("stopping: more than f validators are faulty", "err", err)
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-n.closing:
			return nil
		case <-ticker.C:
			n.rn.Tick(n.cfg.Now())
		case m, ok := <-in:
			if !ok {
				return errors.New("dag: transport closed")
			}
			n.step(m)
			if !n.drain(in) {
				return errors.New("dag: transport closed")
			}
		case p := <-n.propose:
			p.reply <- n.rn.Propose(p.txs...)
		}
	}
}

// maxStepBatch bounds the messages and proposals the node takes in before it
// carries out a Ready: one Ready, one synced write of the blocks they brought.
const maxStepBatch = 256

// drain steps what else has already arrived, up to maxStepBatch, so that the
// next Ready persists their blocks in one write instead of one each. It
// reports false if the transport closed.
func (n *Node) drain(in <-chan Message) bool {
	for range maxStepBatch - 1 {
		select {
		case m, ok := <-in:
			if !ok {
				return false
			}
			n.step(m)
		case p := <-n.propose:
			p.reply <- n.rn.Propose(p.txs...)
		default:
			return true
		}
	}
	return true
}

// step hands m to the core and counts a refusal. A commit request goes to the
// serving goroutine instead.
func (n *Node) step(m Message) {
	if m.Type == MsgCommitRequest {
		if _, ok := n.cfg.Store.(CommitStore); ok && n.rn.dag.set.Valid(m.From) && m.From != n.rn.self {
			n.offload(m.From, m)
		}
		return
	}
	if m.Type == MsgStateRequest {
		if n.servesState() && n.rn.dag.set.Valid(m.From) && m.From != n.rn.self {
			n.offload(m.From, m)
		}
		return
	}
	if err := n.rn.Step(m); err != nil {
		n.mu.Lock()
		n.stepErrs++
		n.mu.Unlock()
		n.log.Debug("refused message", "from", m.From, "type", m.Type, "err", err)
	}
}

// handleReady carries out the core's Ready, in the documented order.
func (n *Node) handleReady(ctx context.Context) error {
	for n.rn.HasReady() {
		rd := n.rn.Ready()
		// 1. Persist accepted blocks (own ones included) before anything leaves.
		if len(rd.Accepted) > 0 {
			if err := n.cfg.Store.SaveBlocks(rd.Accepted); err != nil {
				return fmt.Errorf("dag: persist blocks: %w", err)
			}
		}
		// 2. Send own blocks, then point-to-point messages.
		for _, b := range rd.Broadcast {
			if err := n.cfg.Transport.Broadcast(ctx, b); err != nil {
				n.log.Debug("broadcast failed", "block", b.Ref(), "err", err)
			}
		}
		for _, m := range rd.Messages {
			if m.Type == MsgFetchResponse {
				n.offload(m.To, m) // encoded and sent by the serving goroutine
				continue
			}
			if err := n.cfg.Transport.Send(ctx, m); err != nil {
				n.log.Debug("send failed", "to", m.To, "type", m.Type, "err", err)
			}
		}
		// 3. Keep the evidence.
		if len(rd.Evidence) > 0 {
			n.mu.Lock()
			n.evidence = append(n.evidence, rd.Evidence...)
			n.mu.Unlock()
			for _, e := range rd.Evidence {
				n.log.Warn("equivocation", "author", e.Author, "round", e.Round)
			}
		}
		// 4. Apply commits in order; an epoch change voids the rest. Each
		// commit's header is saved before the commit is applied, and the
		// void commits' are not: a store that kept one would serve commit
		// sync a header no honest validator's chain has.
		cs, saveHeaders := n.cfg.Store.(CommitStore)
		headers := rd.Headers
		for _, c := range rd.Commits {
			if k := len(HeadersUpTo(headers, c.Index)); saveHeaders && k > 0 {
				if err := cs.SaveHeaders(headers[:k]); err != nil {
					return fmt.Errorf("dag: persist commit headers: %w", err)
				}
				headers = headers[k:]
			}
			if c.Index <= n.applied {
				continue // applied before a restart
			}
			n.appMu.Lock()
			res, err := n.cfg.App.ApplyCommit(c)
			n.appMu.Unlock()
			if err != nil {
				return fmt.Errorf("dag: apply commit %d: %w", c.Index, err)
			}
			n.applied = c.Index
			// The state vote of the next own blocks (statesync.go).
			n.rn.NoteState(c.Index, c.Digest, res.AppHash)
			if res.NextValidators != nil {
				// Record the new epoch before anyone sees the closing commit
				// (see EpochStore).
				if es, ok := n.cfg.Store.(EpochStore); ok {
					if err := es.SaveEpoch(EpochStart{Epoch: n.rn.Epoch() + 1, Validators: res.NextValidators, Start: c}); err != nil {
						return fmt.Errorf("dag: persist epoch %d: %w", n.rn.Epoch()+1, err)
					}
				}
			}
			select {
			case n.commits <- c:
			case <-ctx.Done():
				return nil
			case <-n.closing:
				return nil
			}
			if res.NextValidators != nil {
				if _, in := res.NextValidators.Index(n.rn.cfg.Signer.PublicKey()); !in {
					held := n.rn.Leave(c)
					n.mu.Lock()
					n.stats = n.rn.Stats()
					n.leftTxs = held
					n.mu.Unlock()
					n.log.Info("left the validator set", "epoch", n.rn.Epoch()+1, "closing_commit", c.Index, "held_txs", len(held))
					return fmt.Errorf("%w: epoch %d after commit %d", ErrLeft, n.rn.Epoch()+1, c.Index)
				}
				if err := n.rn.NextEpoch(res.NextValidators, c); err != nil {
					return err
				}
				n.mu.Lock()
				n.sets[n.rn.Epoch()] = res.NextValidators
				delete(n.sets, n.rn.Epoch()-2)
				n.mu.Unlock()
				n.log.Info("new epoch", "epoch", n.rn.Epoch(), "validators", res.NextValidators.Len())
				break
			}
		}
		// 5. Done.
		n.rn.Advance()
	}
	n.mu.Lock()
	n.stats = n.rn.Stats()
	n.mu.Unlock()
	return nil
}

// HeadersUpTo returns the headers of headers (in index order, as Ready has
// them) with an index at most last. An embedder saves Ready.Headers only up to
// the last commit it applied: the commits after an epoch's closing commit are
// void (RawNode.NextEpoch), and so are their headers.
func HeadersUpTo(headers []CommitHeader, last uint64) []CommitHeader {
	i := len(headers)
	for i > 0 && headers[i-1].Index > last {
		i--
	}
	return headers[:i]
}

// offload queues m for the serving goroutine, unless peer already has
// MaxServing responses queued or in progress (then m is dropped: the peer asks
// again after its timeout).
func (n *Node) offload(peer uint32, m Message) {
	n.mu.Lock()
	if n.serving[peer] >= n.cfg.MaxServing {
		n.mu.Unlock()
		return
	}
	n.serving[peer]++
	n.mu.Unlock()
	select {
	case n.serveQ <- m:
	default:
		n.release(peer)
	}
}

func (n *Node) release(peer uint32) {
	n.mu.Lock()
	if n.serving[peer]--; n.serving[peer] <= 0 {
		delete(n.serving, peer)
	}
	n.mu.Unlock()
}

// setOf returns the validator set of a recent epoch, for ServeCommits.
func (n *Node) setOf(epoch uint64) *chain.ValidatorSet {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.sets[epoch]
}

// serveLoop answers commit requests from the store and sends fetch responses,
// until stop closes.
func (n *Node) serveLoop(ctx context.Context, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case m := <-n.serveQ:
			peer := m.To
			if m.Type == MsgStateRequest {
				n.serveState(ctx, m)
				n.release(m.From)
				continue
			}
			if m.Type == MsgCommitRequest {
				peer = m.From
				resp, ok, err := ServeCommits(n.cfg.Store.(CommitStore), n.setOf, m.To, m, n.cfg.SyncLimits)
				if err != nil {
					n.log.Warn("serving commits failed", "to", m.From, "after", m.Index, "err", err)
				}
				if !ok {
					n.release(peer)
					continue
				}
				m = resp
			}
			if err := n.cfg.Transport.Send(ctx, m); err != nil {
				n.log.Debug("send failed", "to", m.To, "type", m.Type, "err", err)
			}
			n.release(peer)
		}
	}
}

// Close implements chain.Engine.
func (n *Node) Close() error {
	n.closeOnce.Do(func() { close(n.closing) })
	n.mu.Lock()
	started := n.started
	n.mu.Unlock()
	if started {
		<-n.done
	}
	return nil
}

// MemoryStore is a Store in memory, for tests and simulations. It keeps commit
// headers too (SaveHeaders) and serves commit sync (CommitSource).
type MemoryStore struct {
	mu      sync.Mutex
	blocks  []*Block
	byRef   map[BlockRef]*Block
	headers []CommitHeader // contiguous, from index base
	base    uint64
	epochs  []EpochStart // recorded, in order
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{byRef: map[BlockRef]*Block{}} }

// SaveBlocks implements Store.
func (s *MemoryStore) SaveBlocks(blocks []*Block) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range blocks {
		if s.byRef[b.Ref()] == nil {
			s.byRef[b.Ref()] = b
			s.blocks = append(s.blocks, b)
		}
	}
	return nil
}

// LoadBlocks implements Store.
func (s *MemoryStore) LoadBlocks() ([]*Block, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Block(nil), s.blocks...), nil
}

// SaveHeaders implements CommitStore: it appends the headers that follow the
// last one stored and ignores those already stored (derived again after a
// restart). A gap (a header after a missing one) restarts the sequence there.
func (s *MemoryStore) SaveHeaders(headers []CommitHeader) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range headers {
		next := s.base + uint64(len(s.headers))
		switch {
		case len(s.headers) == 0 || h.Index > next:
			s.headers, s.base = []CommitHeader{h}, h.Index
		case h.Index == next:
			s.headers = append(s.headers, h)
		}
	}
	return nil
}

// CommitHeaders implements CommitSource.
func (s *MemoryStore) CommitHeaders(from uint64, limit int) ([]CommitHeader, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from < s.base || from >= s.base+uint64(len(s.headers)) || limit <= 0 {
		return nil, nil
	}
	i := int(from - s.base)
	return append([]CommitHeader(nil), s.headers[i:min(i+limit, len(s.headers))]...), nil
}

// Blocks implements CommitSource.
func (s *MemoryStore) Blocks(_ uint64, refs []BlockRef) ([]*Block, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Block, len(refs))
	for i, r := range refs {
		out[i] = s.byRef[r]
	}
	return out, nil
}

// PruneCommits drops the headers below index below and the blocks no later
// header orders and no round above the oldest kept commit's GC window holds:
// blocks at or below round, which the caller takes as the GC round of the
// first kept commit.
func (s *MemoryStore) PruneCommits(below, round uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if below > s.base {
		k := min(int(below-s.base), len(s.headers))
		s.headers = append([]CommitHeader(nil), s.headers[k:]...)
		s.base += uint64(k)
	}
	keep := map[BlockRef]bool{}
	for _, h := range s.headers {
		for _, r := range h.Blocks {
			keep[r] = true
		}
	}
	kept := s.blocks[:0]
	for _, b := range s.blocks {
		if b.Round > round || keep[b.Ref()] {
			kept = append(kept, b)
		} else {
			delete(s.byRef, b.Ref())
		}
	}
	clear(s.blocks[len(kept):])
	s.blocks = kept
	return nil
}

// MemoryNetwork connects validators in one process: for tests and examples.
// Messages go into bounded inboxes and are dropped when one is full, as a lossy
// network would (the core fetches what it misses). Blocks are shared, not copied:
// they are immutable.
type MemoryNetwork struct {
	inboxes []chan Message
}

// NewMemoryNetwork returns a network of n validators with inboxes of size buffer
// (default 4096 when 0).
func NewMemoryNetwork(n, buffer int) *MemoryNetwork {
	if buffer <= 0 {
		buffer = 4096
	}
	m := &MemoryNetwork{inboxes: make([]chan Message, n)}
	for i := range m.inboxes {
		m.inboxes[i] = make(chan Message, buffer)
	}
	return m
}

// Transport returns validator i's end of the network.
func (m *MemoryNetwork) Transport(i uint32) Transport { return memTransport{net: m, self: i} }

type memTransport struct {
	net  *MemoryNetwork
	self uint32
}

func (t memTransport) deliver(m Message) {
	if int(m.To) >= len(t.net.inboxes) {
		return
	}
	select {
	case t.net.inboxes[m.To] <- m:
	default: // full: dropped
	}
}

func (t memTransport) Broadcast(_ context.Context, b *Block) error {
	for i := range t.net.inboxes {
		if uint32(i) != t.self {
			t.deliver(Message{Type: MsgBlock, Epoch: b.Epoch, From: t.self, To: uint32(i), Block: b})
		}
	}
	return nil
}

func (t memTransport) Send(_ context.Context, m Message) error {
	m.From = t.self
	t.deliver(m)
	return nil
}

func (t memTransport) Receive() <-chan Message { return t.net.inboxes[t.self] }
