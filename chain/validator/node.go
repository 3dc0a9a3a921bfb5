package validator

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/chain/store"
	"github.com/depinkit/depinkit/transport"
)

// storeMemTableSize is the memtable size of a validator's store.
const storeMemTableSize = 32 << 20

// shutdownTimeout bounds the wait for API requests in flight at shutdown.
const shutdownTimeout = 5 * time.Second

// drainTimeout bounds the wait, at a clean shutdown, for the transactions the
// API accepted to be proposed in a block.
const drainTimeout = 3 * time.Second

// Option configures New. Each returns an error for a value it refuses.
type Option func(*options) error

type options struct {
	key       ed25519.PrivateKey
	app       chain.Application
	transport TransportFactory
	fs        vfs.FS
	logger    *slog.Logger
	now       func() time.Time
	handlers  []route
	// commits, if set, receives every commit once it is stored (Engine).
	commits chan<- chain.Commit
}

// route is an extra handler of the JSON API (WithHandler).
type route struct {
	pattern string
	h       http.Handler
}

// WithKey sets the validator's key instead of reading Config.KeyFile.
func WithKey(key ed25519.PrivateKey) Option {
	return func(o *options) error {
		if len(key) != ed25519.PrivateKeySize {
			return fmt.Errorf("%w: WithKey: %d bytes, want %d", ErrKey, len(key), ed25519.PrivateKeySize)
		}
		o.key = key
		return nil
	}
}

// WithApp sets the application. Default: NewKV(). An application that
// implements chain.Snapshotter is snapshotted every
// Config.Consensus.SnapshotInterval commits and restored on restart; one that
// does not replays the chain from its first commit.
func WithApp(app chain.Application) Option {
	return func(o *options) error {
		if app == nil {
			return errors.New("validator: WithApp: nil application")
		}
		o.app = app
		return nil
	}
}

// WithTransport sets how the network endpoint is made. Required: MemoryTransport
// in one process; a transport/p2p factory in a validator process (see
// cmd/depinkit).
func WithTransport(f TransportFactory) Option {
	return func(o *options) error {
		if f == nil {
			return errors.New("validator: WithTransport: nil factory")
		}
		o.transport = f
		return nil
	}
}

// WithFS sets the file system of the store. Default: vfs.Default, the
// operating system's. Tests pass vfs.NewMem() or vfs.NewCrashableMem().
func WithFS(fs vfs.FS) Option {
	return func(o *options) error {
		if fs == nil {
			return errors.New("validator: WithFS: nil file system")
		}
		o.fs = fs
		return nil
	}
}

// WithLogger sets the logger. Default: discarded.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return errors.New("validator: WithLogger: nil logger")
		}
		o.logger = l
		return nil
	}
}

// WithHandler serves h under pattern (a net/http.ServeMux pattern, such as
// "POST /envelopes" or "GET /depin/") on the JSON API's listener, beside
// /txs, /commits and /status: an application's own endpoints. New refuses a
// pattern that conflicts with the API's.
func WithHandler(pattern string, h http.Handler) Option {
	return func(o *options) error {
		if h == nil {
			return fmt.Errorf("validator: WithHandler %q: nil handler", pattern)
		}
		o.handlers = append(o.handlers, route{pattern, h})
		return nil
	}
}

// WithClock sets the clock of the consensus core and of the latency metric.
// Default: time.Now.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return errors.New("validator: WithClock: nil clock")
		}
		o.now = now
		return nil
	}
}

// Node is one validator, assembled: its store, application, consensus core,
// network and API. New checks the configuration and the key; Run does the rest
// and runs until its context ends. A Node runs once: a restart is a new Node
// on the same data directory.
type Node struct {
	cfg     Config
	opts    options
	set     *chain.ValidatorSet
	genesis chain.Digest
	self    uint32
	log     *slog.Logger

	started atomic.Bool
	ready   chan struct{}
	mu      sync.Mutex
	r       *running // set while serving
	final   Status   // the status when Run returned
}

// New checks cfg (Validate on a copy), reads the key (unless WithKey) and
// checks it is the genesis validator at cfg.Index. It opens nothing: Run does.
func New(cfg Config, opts ...Option) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	o := options{fs: vfs.Default, now: time.Now}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if o.transport == nil {
		return nil, errors.New("validator: no transport: pass WithTransport (MemoryTransport, or a transport/p2p factory)")
	}
	if o.logger == nil {
		o.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.app == nil {
		o.app = NewKV()
	}
	if err := checkRoutes(o.handlers); err != nil {
		return nil, err
	}
	set, err := cfg.Genesis.ValidatorSet()
	if err != nil {
		return nil, err
	}
	genesis, err := cfg.Genesis.Digest()
	if err != nil {
		return nil, err
	}
	if o.key == nil {
		if o.key, err = LoadKey(cfg.Path(cfg.KeyFile)); err != nil {
			return nil, fmt.Errorf("key_file: %w", err)
		}
	}
	pub := o.key.Public().(ed25519.PublicKey)
	if !pub.Equal(set.Key(uint32(cfg.Index))) {
		i, ok := set.Index(pub)
		hint := "it is in no genesis entry"
		if ok {
			hint = fmt.Sprintf("it is genesis.validators[%d]'s: set index = %d", i, i)
		}
		return nil, fmt.Errorf("%w: key_file: its public key %x is not genesis.validators[%d].public_key (%s)", ErrKey, []byte(pub), cfg.Index, hint)
	}
	return &Node{
		cfg:     cfg,
		opts:    o,
		set:     set,
		genesis: genesis,
		self:    uint32(cfg.Index),
		log:     o.logger.With("validator", cfg.Name, "index", cfg.Index),
		ready:   make(chan struct{}),
	}, nil
}

// Config returns the node's configuration, defaults filled in.
func (n *Node) Config() Config { return n.cfg }

// Ready is closed once Run serves: the store is open, the core runs and the
// API listens. A Run that fails before never closes it.
func (n *Node) Ready() <-chan struct{} { return n.ready }

// APIAddr returns the address the JSON API listens on (with the port the
// system chose for port 0) while Run serves, "" before Ready and after.
func (n *Node) APIAddr() string {
	if r := n.running(); r != nil {
		return r.apiAddr
	}
	return ""
}

// MetricsAddr returns the address /metrics is served on: APIAddr unless
// Config.API.MetricsListen is set; "" when APIAddr is.
func (n *Node) MetricsAddr() string {
	if r := n.running(); r != nil {
		return r.metricsAddr
	}
	return ""
}

// Submit hands txs to the running validator's consensus core, as POST /txs
// does (one batch, counted in the same metrics), for an application in the
// same process that submits transactions of its own (a settlement vote). The
// response says which were accepted and why the others were not; the error
// wraps ErrNotRunning before Ready and after Run returned.
func (n *Node) Submit(ctx context.Context, txs ...chain.Tx) (SubmitResponse, error) {
	r := n.running()
	if r == nil {
		return SubmitResponse{}, ErrNotRunning
	}
	return r.submit(ctx, txs), nil
}

// Status returns the node's state, as GET /status does: the zero Status
// before Ready, and the last one once Run has returned.
func (n *Node) Status() Status {
	if r := n.running(); r != nil {
		return r.status()
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.final
}

func (n *Node) running() *running {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.r
}

// running is the state of a Node between Ready and the end of Run.
type running struct {
	n       *Node
	st      *store.Store
	core    *dag.Node
	tr      transport.Transport
	ad      *dagtransport.Adapter
	app     *appHook
	metrics *metrics
	latency *latencyTracker
	// wal logs the accepted transactions until they commit; held and resub
	// are what a restart does with those it found (mempool.go).
	wal   *mempoolWAL
	held  *heldSet
	resub *resubmitter
	// gate keeps the transport's allow list on the validator set.
	gate *epochGate
	// gcDepth is the core's GCDepth; prunedBelow the commit below which the
	// store was last pruned (storage.retain_commits), logBelow the same for
	// the commit log (retain_log), epochBelow the epoch below which it was
	// (retain_epochs).
	gcDepth, prunedBelow, logBelow, epochBelow uint64
	// snaps lists the snapshots stored, for state sync (statesync.go);
	// stateKeep is how many commits before the newest one pruning keeps, so
	// that the older one can be served too (0: no state sync served).
	snaps     *snapshotIndex
	stateKeep uint64
	// fatal stops Run with an error.
	fatal chan error

	apiAddr, metricsAddr string
	adminToken           string // with api.admin (http.go)

	mu     sync.Mutex
	stored store.Position // the last commit saved
}

// Run opens the store in the data directory, restores the application from
// its latest snapshot, starts the network and the consensus core (which
// recovers its DAG from the store and derives the commits after the snapshot
// again), saves every commit and a snapshot every
// Config.Consensus.SnapshotInterval commits, and serves the JSON API and
// /metrics, until ctx ends. Then it stops the API, the core and the network,
// saves what was committed (and a last snapshot), closes the store, and
// returns nil; every goroutine it started has ended. It returns an error if it
// cannot start, or if the node cannot go on (a store or application failure).
//
// Committed state survives a crash (kill -9) at any point: the blocks are on
// stable storage before anything derived from them leaves the process, and a
// restarted node derives the commits again.
func (n *Node) Run(ctx context.Context) (err error) {
	if !n.started.CompareAndSwap(false, true) {
		return ErrStarted
	}
	cfg := &n.cfg
	log := n.log

	// 1. The store, and the application restored from its snapshot.
	st, err := store.Open(cfg.Path(cfg.DataDir), store.Options{
		FS:     n.opts.fs,
		Limits: cfg.limits(),
		// Blocks of thousands of transactions fill the default 4 MiB
		// memtable in a round or two; each flush and the compactions it
		// starts cost the consensus goroutine's saves their latency.
		MemTableSize: storeMemTableSize,
		Logger:       log.With("component", "store"),
	})
	if err != nil {
		return fmt.Errorf("validator: data_dir: %w", err)
	}
	defer func() {
		if cerr := st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("validator: close store: %w", cerr)
		}
	}()
	app := newAppHook(n.opts.app, max(cfg.Consensus.SnapshotInterval, 0))
	applied, pos, err := n.recover(st, app)
	if err != nil {
		return err
	}
	// The epoch to resume in: the latest one the store recorded starting at
	// or below the application's height (the consensus core resumes there by
	// itself, dag.EpochStore); genesis's if none.
	set, epoch := n.set, uint64(0)
	if es, ok, err := st.LoadEpoch(applied); err != nil {
		return fmt.Errorf("validator: data_dir: %w", err)
	} else if ok {
		set, epoch = es.Validators, es.Epoch
		app.resumeEpoch(epoch)
	}
	selfKey := n.opts.key.Public().(ed25519.PublicKey)
	self, ok := set.Index(selfKey)
	if !ok && epoch > 0 {
		// A change left it out: hand off what its WAL still holds.
		return n.leftAtStart(ctx, st, pos.Index, set, epoch)
	}
	if !ok {
		return fmt.Errorf("%w: this validator is not in the validator set of epoch %d, where its store resumes", ErrKey, epoch)
	}
	// The mempool WAL: what this validator acknowledged and did not see
	// committed before it stopped.
	wal, plan, err := n.openMempoolWAL(st, pos.Index, epoch, self)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := wal.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()

	// 2. The network.
	tr, err := n.openTransport(ctx, set)
	if err != nil {
		return err
	}
	defer tr.Close()
	ad, err := dagtransport.New(dagtransport.Config{
		Transport:  tr,
		Validators: set,
		Epoch:      epoch,
		Limits:     dag.MessageLimits{Limits: cfg.limits()},
		// Blocks go straight to each validator: gossip would sign, hash and
		// copy each again, and relaying is no use among validators that are
		// all connected (a block that misses one is fetched).
		Direct: true,
		Logger: log.With("component", "dagtransport"),
	})
	if err != nil {
		return fmt.Errorf("validator: p2p: %w", err)
	}
	defer ad.Close()
	gate := newEpochGate(tr, set, n.opts.now, log.With("component", "gate"))
	var leaving atomic.Pointer[chain.ValidatorSet] // the next set, which leaves this validator out
	app.onEpoch = func(epoch uint64, set *chain.ValidatorSet) error {
		if _, in := set.Index(selfKey); !in {
			// The core stops after this commit (dag.ErrLeft); the gate
			// admits the next set, to hand off to.
			leaving.Store(set)
			return gate.enter(epoch, set)
		}
		if err := ad.SetValidators(epoch, set); err != nil {
			return err
		}
		return gate.enter(epoch, set)
	}

	// 3. The consensus core, which recovers its DAG from the store (or, with
	// nothing stored, state-syncs first).
	dcfg := cfg.dagConfig(n.set, n.genesis)
	dcfg.Signer = chain.NewKeySigner(n.opts.key)
	snaps, err := newSnapshotIndex(st)
	if err != nil {
		return fmt.Errorf("validator: data_dir: %w", err)
	}
	stateOpts := n.stateSyncOptions(app, snaps, epoch)
	var stateKeep uint64
	if stateOpts != nil {
		stateKeep = dag.StateRetain(dcfg) + uint64(cfg.Consensus.SnapshotInterval)
	}
	core, err := dag.NewNode(dag.NodeConfig{
		StateSync:    stateOpts,
		Config:       dcfg,
		App:          app,
		Transport:    ad,
		Store:        st,
		Now:          n.opts.now,
		TickInterval: cfg.Consensus.TickInterval.Duration,
		Applied:      applied,
		CommitBuffer: cfg.Consensus.CommitBuffer,
		Logger:       log.With("component", "dag"),
	})
	if err != nil {
		return fmt.Errorf("validator: consensus: %w", err)
	}
	defer core.Close()

	fatal := make(chan error, 5) // core, consumer, two servers, the WAL
	r := &running{
		n: n, st: st, core: core, tr: tr, ad: ad, app: app,
		metrics: newMetrics(),
		latency: newLatencyTracker(max(dcfg.MaxPendingTxs, 100000)),
		wal:     wal, held: plan.held, resub: newResubmitter(), gate: gate, gcDepth: plan.held.gcDepth,
		snaps: snaps, stateKeep: stateKeep,
		fatal:  fatal,
		stored: pos,
	}
	r.resub.add(plan.resubmit)
	r.metrics.reg.MustRegister(&statsCollector{node: core, ad: ad, tr: tr, app: app, wal: wal})

	// 4. The API and metrics listeners, before anything starts, so that a busy
	// port fails the start.
	servers, listeners, err := r.listenAPI(cfg)
	if err != nil {
		return err
	}

	// 5. Run: the core, the commit consumer, the servers.
	// The core outlives ctx by the drain at shutdown (step 6), so it runs on
	// a context of its own.
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	var wg sync.WaitGroup
	left := make(chan struct{}) // closed when the core stops on dag.ErrLeft
	wg.Go(func() {
		if err := core.Run(runCtx); errors.Is(err, dag.ErrLeft) {
			close(left)
		} else if err != nil {
			fatal <- fmt.Errorf("validator: consensus: %w", err)
		}
	})
	tr.Handle(handoffProtocol, r.serveHandoff)
	wg.Go(func() {
		if err := r.consume(); err != nil {
			fatal <- err
		}
	})
	wg.Go(func() { r.resub.run(runCtx, r) })
	wg.Go(func() { r.watchSync(runCtx, syncLogInterval) })
	var swg sync.WaitGroup
	for i, srv := range servers {
		swg.Go(func() {
			if err := srv.Serve(listeners[i]); !errors.Is(err, http.ErrServerClosed) {
				fatal <- fmt.Errorf("validator: serve %s: %w", listeners[i].Addr(), err)
			}
		})
	}
	n.mu.Lock()
	n.r = r
	n.mu.Unlock()
	close(n.ready)
	log.Info("validator started", "chain", cfg.Genesis.ChainID, "api", r.apiAddr, "metrics", r.metricsAddr,
		"height", applied, "stored", pos.Index, "epoch", epoch, "validators", set.Len())

	handoff := false
	select {
	case <-ctx.Done():
		log.Info("stopping")
	case err = <-fatal:
		log.Error("stopping on failure", "err", err)
	case <-left:
		handoff = true
		log.Info("this validator is not in the next validator set: it hands off what it holds and stops", "epoch", r.app.lastCommit().Epoch+1)
	}
	tr.Handle(handoffProtocol, nil)

	// 6. Shut down: the API first (no new transactions), then the core; the
	// consumer saves what the core delivered, then a last snapshot.
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	for _, srv := range servers {
		if serr := srv.Shutdown(sctx); serr != nil {
			srv.Close()
		}
	}
	scancel()
	swg.Wait()
	if err == nil && !handoff {
		r.drain(drainTimeout)
	}
	cancel()
	wg.Wait()
	if err == nil {
		select {
		case err = <-fatal:
		default:
		}
	}
	if err == nil {
		err = r.saveLast()
	}
	if err == nil {
		err = r.finalSnapshot()
	}
	if err == nil && handoff {
		// Every commit up to the closing one is consumed: what the WAL
		// still holds, no commit ordered.
		var entries []walEntry
		if entries, err = wal.pending(); err == nil {
			_, err = handOff(ctx, tr, wal, entries, leaving.Load(), selfKey, log)
		}
		if err == nil {
			err = fmt.Errorf("%w: epoch %d leaves it out", ErrLeft, r.app.lastCommit().Epoch+1)
		}
	}
	final := r.status()
	n.mu.Lock()
	n.r, n.final = nil, final
	n.mu.Unlock()
	log.Info("validator stopped", "height", final.Height, "app_hash", final.AppHash[:8], "stored", final.Stored)
	return err
}

// openTransport starts the network, admitting the validators of set.
func (n *Node) openTransport(ctx context.Context, set *chain.ValidatorSet) (transport.Transport, error) {
	cfg := &n.cfg
	tr, err := n.opts.transport(ctx, TransportParams{
		Key:        n.opts.key,
		Listen:     cfg.P2P.Listen,
		Peers:      cfg.P2P.Peers,
		Validators: set,
		Topics:     []string{dagtransport.DefaultTopic},
		Config:     transport.Config{MaxMessageSize: cfg.P2P.MaxMessageSize},
		Logger:     n.log.With("component", "transport"),
	})
	if err != nil {
		return nil, fmt.Errorf("validator: p2p: %w", err)
	}
	return tr, nil
}

// leftAtStart is a start whose store resumes in an epoch whose set leaves
// this validator out: it hands off what its mempool WAL holds beyond the
// stored commit log (a handoff cut short), then returns ErrLeft.
func (n *Node) leftAtStart(ctx context.Context, st *store.Store, stored uint64, set *chain.ValidatorSet, epoch uint64) error {
	left := fmt.Errorf("%w: the validator set of epoch %d, where its store resumes, leaves it out", ErrLeft, epoch)
	wal, plan, err := n.openMempoolWAL(st, stored, epoch, noSelf)
	if err != nil {
		return err
	}
	defer wal.close()
	if len(plan.resubmit) == 0 {
		n.log.Info("this validator left the validator set: nothing to hand off", "epoch", epoch)
		return left
	}
	tr, err := n.openTransport(ctx, set)
	if err != nil {
		return err
	}
	defer tr.Close()
	// The WAL was just read back: what is left to hand off is plan.resubmit,
	// with no second read of the segments.
	if _, err := handOff(ctx, tr, wal, plan.resubmit, set, n.opts.key.Public().(ed25519.PublicKey), n.log); err != nil {
		return err
	}
	return left
}

// syncLogInterval is how often a validator that is behind logs its progress;
// syncPollInterval how often it looks; syncStuckAfter how long it may be
// behind without a commit before it says that commit sync is not helping.
const (
	syncLogInterval  = 5 * time.Second
	syncPollInterval = 100 * time.Millisecond
	syncStuckAfter   = 30 * time.Second
)

// watchSync logs, while the validator is behind the network (or takes
// commits from commit sync), how far behind it is and how fast it catches up
// (at once, then every syncLogInterval), and once when it has caught up: what
// an operator watches after a restart, with the gauges
// depinkit_consensus_behind_commits and depinkit_consensus_sync_state. A
// validator behind that makes no commit for syncStuckAfter warns, once per
// stall, that no peer serves the commits it needs (syncWatcher).
func (r *running) watchSync(ctx context.Context, logEvery time.Duration) {
	t := time.NewTicker(syncPollInterval)
	defer t.Stop()
	w := syncWatcher{log: r.n.log, logEvery: logEvery, stuckAfter: syncStuckAfter, prev: r.core.Stats()}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.observe(r.core.Stats(), r.n.opts.now())
	}
}

// syncWatcher is watchSync's state, fed the core's counters as they are
// polled.
type syncWatcher struct {
	log                  *slog.Logger
	logEvery, stuckAfter time.Duration
	prev                 dag.Stats
	since                time.Time // when it fell behind; zero: in sync
	startCommit          uint64
	startSynced          uint64
	lastLog              uint64
	lastLogT             time.Time
	movedT               time.Time // when the commit index last moved (or it fell behind)
	warned               bool      // the stall since movedT was reported
}

func (w *syncWatcher) observe(s dag.Stats, now time.Time) {
	prev := w.prev
	w.prev = s
	behind := commitsBehind(s)
	syncing := behind > 0 || s.SyncedCommits > prev.SyncedCommits
	if s.CommitIndex != prev.CommitIndex || w.since.IsZero() {
		w.movedT, w.warned = now, false
	}
	switch {
	case syncing && (w.since.IsZero() || now.Sub(w.lastLogT) >= w.logEvery):
		if w.since.IsZero() {
			w.since, w.startCommit, w.startSynced = now, prev.CommitIndex, prev.SyncedCommits
			w.lastLog, w.lastLogT = prev.CommitIndex, now
		}
		args := []any{"commits_behind", behind, "commit", s.CommitIndex, "network_commit", max(s.VotedIndex, s.CommitIndex),
			"synced_commits", s.SyncedCommits - w.startSynced}
		if d := now.Sub(w.lastLogT); d > 0 {
			rate := float64(s.CommitIndex-w.lastLog) / d.Seconds()
			args = append(args, "commits_per_s", int64(rate))
			if rate > 0 {
				args = append(args, "eta", (time.Duration(float64(behind) / rate * float64(time.Second))).Round(time.Second))
			}
		}
		w.log.Info("catching up", args...)
		w.lastLog, w.lastLogT = s.CommitIndex, now
	case !syncing && !w.since.IsZero():
		w.log.Info("caught up", "commit", s.CommitIndex, "commits", s.CommitIndex-w.startCommit,
			"synced_commits", s.SyncedCommits-w.startSynced, "took", now.Sub(w.since).Round(time.Millisecond))
		w.since = time.Time{}
	}
	if behind > 0 && !w.warned && now.Sub(w.movedT) >= w.stuckAfter {
		// Commit sync asks the peers in turn; none answered with the next
		// commit. Peers that pruned their logs past it (storage.retain_commits
		// or retain_epochs) never will: state sync runs at start, from an
		// empty data directory only.
		w.log.Warn("catching up: no commit while behind; no peer serves the commits after this validator's — if they pruned them (storage.retain_commits, retain_epochs), stop this validator, empty its data_dir and start it again to rejoin by state sync (docs/operations.md)",
			"commit", s.CommitIndex, "network_commit", s.VotedIndex, "commits_behind", behind, "stalled_for", now.Sub(w.movedT).Round(time.Second),
			"sync_requests", s.SyncRequests)
		w.warned = true
	}
}

// drain waits, at a clean shutdown with the API already closed, until every
// transaction the API accepted is in a block this validator proposed, and
// then until the validator has moved two rounds past that block: its own
// rounds advance only on a quorum of the others' blocks, which by then have
// received and referenced it, so the network commits it without this
// validator (a block only queued for sending when the transport closes would
// be lost with it). It gives up after timeout: with too few peers to advance
// rounds, what is left is lost, and logged.
func (r *running) drain(timeout time.Duration) {
	pending := r.core.Stats().PendingTxs
	if pending == 0 {
		return
	}
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	var target uint64 // the round to reach once the mempool is empty; 0 before
	for {
		select {
		case <-t.C:
			s := r.core.Stats()
			if target == 0 && s.PendingTxs == 0 {
				target = s.LastProposed + 2
			}
			if target != 0 && s.Round >= target {
				r.n.log.Info("proposed the accepted transactions before stopping", "txs", pending, "round", s.Round)
				return
			}
		case <-deadline.C:
			s := r.core.Stats()
			r.n.log.Warn("stopping before the accepted transactions are proposed and referenced: they may be lost, clients submit them again",
				"txs", s.PendingTxs, "round", s.Round, "waited", timeout)
			return
		}
	}
}

// noSelf is the index of a validator that epoch's set leaves out.
const noSelf = ^uint32(0)

// openMempoolWAL opens the mempool WAL in the data directory and plans what
// to do with the transactions it holds (planRecovery): stored is the index of
// the last stored commit; self is this validator's index in epoch's set
// (noSelf if it left: its own blocks, all of an ended epoch, can no longer
// commit).
// (Own blocks of another epoch than epoch are not looked at: that is the
// crash window of an epoch change, where the old epoch's uncommitted blocks
// are void anyway.)
func (n *Node) openMempoolWAL(st *store.Store, stored, epoch uint64, self uint32) (*mempoolWAL, recoveryPlan, error) {
	cfg := &n.cfg
	wal, entries, err := openWAL(n.opts.fs, filepath.Join(cfg.Path(cfg.DataDir), walDir), walSegmentBytes, n.log.With("component", "wal"))
	if err != nil {
		return nil, recoveryPlan{}, err
	}
	gcDepth := cfg.Consensus.GCDepth
	if gcDepth == 0 {
		// The core's default, which a zero consensus.gc_depth means: a held
		// transaction is proposed again only once a commit shows its block
		// below the GC round, so a smaller depth could commit it twice.
		gcDepth = dag.DefaultGCDepth
	}
	var own []*dag.Block
	if len(entries) > 0 && self != noSelf {
		// Own blocks below the GC round of the last stored commit can no
		// longer commit: their transactions not in the commit log are
		// proposed again, found there or not. Reading only those above
		// (with a GC window's margin) keeps a restart's reads independent
		// of the epoch's length (BenchmarkRestart); with no header of the
		// epoch at stored, every own block of the epoch is read.
		above := uint64(0)
		if h, err := st.LoadHeader(stored); err == nil && h.Epoch == epoch && h.Leader.Round > 2*gcDepth {
			above = h.Leader.Round - 2*gcDepth
		}
		own, err = st.LoadAuthorBlocks(epoch, self, above)
		if err != nil {
			wal.close()
			return nil, recoveryPlan{}, fmt.Errorf("validator: data_dir: %w", err)
		}
	}
	plan, done, err := planRecovery(entries, st, stored, own, gcDepth)
	if err != nil {
		wal.close()
		return nil, recoveryPlan{}, err
	}
	wal.forget(done)
	if len(entries) > 0 {
		n.log.Info("mempool wal read", "txs", len(entries), "committed", plan.committed, "duplicates", plan.dups,
			"propose_again", len(plan.resubmit), "in_own_blocks", plan.held.len())
	}
	return wal, plan, nil
}

// recover restores the application from the store's latest snapshot and
// returns the height it restored to and the stored commit position.
func (n *Node) recover(st *store.Store, app *appHook) (uint64, store.Position, error) {
	pos, err := st.CommitPosition()
	if err != nil {
		return 0, store.Position{}, fmt.Errorf("validator: data_dir: %w", err)
	}
	sn, err := st.LoadSnapshot()
	if errors.Is(err, store.ErrNotFound) {
		return 0, pos, nil
	}
	if err != nil {
		return 0, store.Position{}, fmt.Errorf("validator: data_dir: %w", err)
	}
	if sn.Height > pos.Index {
		return 0, store.Position{}, fmt.Errorf("validator: data_dir: a snapshot at commit %d beyond the commit log's end at %d", sn.Height, pos.Index)
	}
	if err := app.restore(sn, pos.Epoch); err != nil {
		return 0, store.Position{}, err
	}
	return sn.Height, pos, nil
}

// consume saves the commits the core delivers, in batches of what is queued,
// updates the metrics, and saves the pending snapshot once the commit log
// reaches it. It returns when the core closes its channel.
func (r *running) consume() error {
	log := r.n.log
	commits := r.core.Commits()
	var (
		batch     []chain.Commit
		lastLog   = r.n.opts.now()
		lastTxs   uint64
		totalTxs  uint64
		lastPrune = lastLog
	)
	for c := range commits {
		batch = append(batch[:0], c)
	more:
		for len(batch) < 256 {
			select {
			case c, ok := <-commits:
				if !ok {
					break more
				}
				batch = append(batch, c)
			default:
				break more
			}
		}
		if err := r.st.SaveCommits(batch); err != nil {
			// Run cancels the core, which stops waiting for us.
			return fmt.Errorf("validator: save commits %d-%d: %w", batch[0].Index, batch[len(batch)-1].Index, err)
		}
		last := batch[len(batch)-1]
		r.mu.Lock()
		r.stored = store.Position{Epoch: last.Epoch, Index: last.Index, Digest: last.Digest, Timestamp: last.Timestamp}
		r.mu.Unlock()
		if sink := r.n.opts.commits; sink != nil {
			for _, c := range batch {
				sink <- c
			}
		}
		now := r.n.opts.now()
		for _, c := range batch {
			if err := r.gate.committed(c); err != nil {
				return err
			}
			r.wal.committed(c)
			if lost := r.held.committed(c); len(lost) > 0 {
				log.Info("proposing again acknowledged transactions whose block can no longer be committed", "txs", len(lost), "commit", c.Index)
				r.resub.add(lost)
			}
			r.metrics.commits.Inc()
			r.metrics.txs.Add(float64(len(c.Txs)))
			totalTxs += uint64(len(c.Txs))
			r.latency.committed(c, now, r.metrics.latency)
		}
		if sn := r.app.takeSnapshot(last.Index); sn != nil {
			if err := r.st.SaveSnapshot(*sn); err != nil {
				return fmt.Errorf("validator: save snapshot at %d: %w", sn.Height, err)
			}
			r.snaps.saved(*sn)
			log.Debug("snapshot saved", "height", sn.Height, "bytes", len(sn.Data))
			if err := r.prune(last.Epoch, last.Index, sn.Height); err != nil {
				return err
			}
		}
		if d := now.Sub(lastLog); d >= 10*time.Second {
			s := r.core.Stats()
			log.Info("progress", "height", last.Index, "round", s.Round, "tx_per_s", float64(totalTxs-lastTxs)/d.Seconds(),
				"peers", len(r.tr.Peers()), "pending", s.PendingTxs)
			lastLog, lastTxs = now, totalTxs
		}
		if now.Sub(lastPrune) >= time.Minute {
			r.latency.prune(now)
			lastPrune = now
		}
	}
	return nil
}

// prune applies the storage retention after a snapshot at height snapshot,
// with commit stored (of epoch) the last one stored: retain_commits drops the
// commit headers and blocks older than that many commits, never past what a
// restart from the snapshot reads (the GC window and leader reputation's
// windows below it: store.RecoveryFloor); retain_log the commit log's
// commits; retain_epochs everything of the epochs before the last
// retain_epochs ones. None goes past the snapshot: a restart restores it and
// resumes in its epoch (chain/store refuses otherwise); and the commit log is
// kept from the mempool WAL's oldest record on.
func (r *running) prune(epoch, stored, snapshot uint64) error {
	// A WAL segment whose records all committed is asked to go, whatever the
	// retention: a restart reads every record on disk back and looks for it
	// in the commit log, so dead records make it slower (BenchmarkRestart),
	// and they hold the commit log's floor below.
	r.wal.rotateIdle()
	cfg := r.n.cfg.Storage
	if retain := cfg.RetainCommits; retain > 0 && stored > retain {
		floor, err := r.st.RecoveryFloor(snapshot, r.core.RecoveryNeeds())
		if err != nil {
			return fmt.Errorf("validator: prune: %w", err)
		}
		below := min(stored-retain, floor)
		if k := r.stateKeep; k > 0 {
			// What state sync serves: the commits before the snapshots kept
			// (statesync.go).
			below = min(below, snapshot-min(snapshot, k))
		}
		if below > r.prunedBelow {
			// ErrNotFound: commit below's header went with its epoch
			// (retain_epochs), and every block and header below it too; or
			// the store began with a state sync and holds no header below
			// the synced one's window.
			if err := r.st.PruneCommits(below, r.gcDepth); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("validator: prune below commit %d: %w", below, err)
			}
			r.prunedBelow = below
			r.n.log.Debug("pruned", "below", below)
		}
	}
	// The commit log is kept from the mempool WAL's oldest record on: a
	// restart drops the WAL's transactions it finds there (planRecovery), and
	// would propose again one it cannot see.
	logFrom := uint64(0)
	if f, ok := r.wal.floor(); ok {
		logFrom = f + 1
	}
	if retain := cfg.RetainLog; retain > 0 && stored > retain {
		below := min(stored-retain, snapshot)
		if logFrom > 0 && below > logFrom {
			below = logFrom
		}
		if below > r.logBelow {
			if err := r.st.PruneLog(below); err != nil {
				return fmt.Errorf("validator: prune the commit log below %d: %w", below, err)
			}
			r.logBelow = below
			r.n.log.Debug("pruned commit log", "below", below)
		}
	}
	if retain := cfg.RetainEpochs; retain > 0 && epoch+1 > retain {
		at, ok, err := r.st.LoadEpoch(snapshot)
		if err != nil {
			return fmt.Errorf("validator: prune epochs: epoch at snapshot %d: %w", snapshot, err)
		}
		// Made at every snapshot, not only when below moves: commits the
		// WAL's floor kept last time go once it has moved.
		if below := min(epoch+1-retain, at.Epoch); ok && below > 0 {
			if err := r.st.PruneBefore(below, logFrom); err != nil {
				return fmt.Errorf("validator: prune epochs below %d: %w", below, err)
			}
			if below > r.epochBelow {
				r.n.log.Info("pruned epochs", "below", below)
			}
			r.epochBelow = below
		}
	}
	return nil
}

// saveLast saves, at shutdown, the commit the core applied but did not
// deliver because it was stopping (at most one: it applies nothing after it).
func (r *running) saveLast() error {
	height, _, _ := r.app.position()
	last := r.app.lastCommit()
	if last.Index != height || r.position().Index+1 != height {
		return nil
	}
	if err := r.st.SaveCommits([]chain.Commit{last}); err != nil {
		return fmt.Errorf("validator: save commit %d: %w", last.Index, err)
	}
	r.mu.Lock()
	r.stored = store.Position{Epoch: last.Epoch, Index: last.Index, Digest: last.Digest, Timestamp: last.Timestamp}
	r.mu.Unlock()
	return nil
}

// finalSnapshot saves the application's state at shutdown, when the commit
// log reaches it and the last snapshot is older: a restart then applies
// nothing again.
func (r *running) finalSnapshot() error {
	if r.app.snap == nil || r.app.interval == 0 {
		return nil
	}
	height, hash, _ := r.app.position()
	if height == 0 || r.position().Index < height {
		return nil
	}
	if sn, err := r.st.LoadSnapshot(); err == nil && sn.Height >= height {
		return nil
	}
	data, err := r.app.snap.Snapshot()
	if err != nil {
		return fmt.Errorf("validator: snapshot at %d: %w", height, err)
	}
	if err := r.st.SaveSnapshot(store.Snapshot{Height: height, AppHash: hash, Data: data}); err != nil {
		return fmt.Errorf("validator: save snapshot at %d: %w", height, err)
	}
	return nil
}

func (r *running) position() store.Position {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stored
}

// Status is a validator's state, as GET /status returns it.
type Status struct {
	ChainID string `json:"chain_id"`
	// Genesis is the genesis digest (Genesis.Digest), in hex: equal on every
	// validator of a network.
	Genesis   string `json:"genesis"`
	Name      string `json:"name"`
	Index     uint32 `json:"index"`
	PublicKey string `json:"public_key"`
	Epoch     uint64 `json:"epoch"`
	// Round is the consensus core's round, LastProposed the round of its last
	// own block.
	Round        uint64 `json:"round"`
	LastProposed uint64 `json:"last_proposed"`
	// Height is the index of the last commit applied, AppHash the application
	// hash after it (hex).
	Height  uint64 `json:"height"`
	AppHash string `json:"app_hash"`
	// Stored is the index of the last commit saved (GET /commits reaches it),
	// LastCommit its digest (hex).
	Stored        uint64 `json:"stored"`
	LastCommit    string `json:"last_commit"`
	Peers         int    `json:"peers"`
	PendingTxs    int    `json:"pending_txs"`
	Equivocations uint64 `json:"equivocations"`
}

func (r *running) status() Status {
	s := r.core.Stats()
	height, hash, epoch := r.app.position()
	pos := r.position()
	n := r.n
	return Status{
		ChainID:       n.cfg.Genesis.ChainID,
		Genesis:       n.genesis.String(),
		Name:          n.cfg.Name,
		Index:         n.self,
		PublicKey:     hex.EncodeToString(n.set.Key(n.self)),
		Epoch:         epoch,
		Round:         s.Round,
		LastProposed:  s.LastProposed,
		Height:        height,
		AppHash:       hash.String(),
		Stored:        pos.Index,
		LastCommit:    pos.Digest.String(),
		Peers:         len(r.tr.Peers()),
		PendingTxs:    s.PendingTxs,
		Equivocations: s.Equivocations,
	}
}
