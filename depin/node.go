package depin

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/solo"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/device"
)

// Node is one validator of a DePIN subnet. It is the subnet's
// chain.Application (and chain.Snapshotter): the replicated device registry,
// the open epoch's claims through the Vertical, epoch transitions, scoring,
// distribution, Merkle roots and settlement votes. Built with an engine
// (chain/solo, chain/dag or any chain.Engine), it also runs it (Start), takes
// envelopes (Submit, IngestHandler), and settles closed epochs on an EVM
// chain (a worker goroutine that signs, submits votes and posts roots and
// checkpoints). Queries (Device, Epoch, Payouts, Claim, Explain) are safe
// from any goroutine.
type Node struct {
	cfg          Config
	vertical     Vertical
	starter      EpochStarter
	types        map[string]ContentType
	set          *chain.ValidatorSet
	bySettlement map[common.Address]uint32
	self         int // index in the validator set, -1 if unknown
	log          *slog.Logger

	mu  sync.RWMutex
	app *app

	verified verifiedCache // signatures Admit checked (ingest_admit.go)
	network  [32]byte      // the genesis hash envelopes are sealed for

	watchMu sync.Mutex
	watch   chan struct{} // closed and replaced after every commit
	wake    chan struct{} // the settlement worker's doorbell

	engine       chain.Engine
	keyForEngine ed25519.PrivateKey
	settleKey    *device.PrivateKey
	settler      *evm.Settler
	timing       SettlementTiming
	settleStats  settleCounters // the settlement worker's (settle_stats.go)

	runMu   sync.Mutex
	started bool
	stopped bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	runErr  error
}

// EngineFactory builds the engine that drives a Node (its Application is the
// Node itself; it reads the Node's Config and key).
type EngineFactory func(n *Node) (chain.Engine, error)

// Option configures New. Each returns an error for a bad argument.
type Option func(*options) error

type options struct {
	cfg       *Config
	vertical  Vertical
	key       ed25519.PrivateKey
	engine    EngineFactory
	noEngine  bool
	settleKey *device.PrivateKey
	settler   *evm.Settler
	timing    SettlementTiming
	log       *slog.Logger
}

// WithVertical sets the industry the subnet runs. Required.
func WithVertical(v Vertical) Option {
	return func(o *options) error {
		if v == nil {
			return fmt.Errorf("%w: nil vertical", ErrConfig)
		}
		o.vertical = v
		return nil
	}
}

// WithConfig sets the subnet's Config (its genesis). Default: a subnet of
// one validator, the key of WithKey, with stake 1 and Config's defaults.
func WithConfig(cfg Config) Option {
	return func(o *options) error {
		o.cfg = &cfg
		return nil
	}
}

// WithKey sets this validator's ed25519 consensus key (needed by WithDAG, and
// by the default Config). Default: none.
func WithKey(key ed25519.PrivateKey) Option {
	return func(o *options) error {
		if len(key) != ed25519.PrivateKeySize {
			return fmt.Errorf("%w: validator key of %d bytes, want %d", ErrConfig, len(key), ed25519.PrivateKeySize)
		}
		o.key = key
		return nil
	}
}

// WithEngine sets the engine. Default: chain/solo with its defaults when the
// subnet has one validator; with several, one of WithEngine, WithDAG or
// WithoutEngine is required.
func WithEngine(f EngineFactory) Option {
	return func(o *options) error {
		if f == nil {
			return fmt.Errorf("%w: nil engine factory", ErrConfig)
		}
		o.engine = f
		return nil
	}
}

// WithSolo runs the Node on chain/solo with cfg (cfg.App is set to the Node;
// a zero MaxTxBytes becomes MaxTxBytes).
func WithSolo(cfg solo.Config) Option {
	return WithEngine(func(n *Node) (chain.Engine, error) {
		cfg.App = n
		if cfg.MaxTxBytes == 0 {
			cfg.MaxTxBytes = MaxTxBytes
		}
		if cfg.Logger == nil {
			cfg.Logger = n.log
		}
		return solo.New(cfg)
	})
}

// WithDAG runs the Node on chain/dag over transport t, signing blocks with
// the key of WithKey, with the Config's validator set, transactions up to
// MaxTxBytes, the wall clock and blocks kept in memory (dag.NewMemoryStore). tune, if not nil, adjusts the
// dag.NodeConfig before the node is built (timeouts, a durable Store).
func WithDAG(t dag.Transport, tune func(*dag.NodeConfig)) Option {
	return WithEngine(func(n *Node) (chain.Engine, error) {
		if n.self < 0 {
			return nil, fmt.Errorf("%w: WithDAG needs WithKey with a validator's key", ErrConfig)
		}
		nc := dag.NodeConfig{
			Config: dag.Config{Signer: chain.NewKeySigner(n.keyForEngine), Validators: n.set,
				Limits: dag.Limits{MaxTxBytes: MaxTxBytes}},
			App:       n,
			Transport: t,
			Now:       time.Now,
			Logger:    n.log,
		}
		if tune != nil {
			tune(&nc)
		}
		return dag.NewNode(nc)
	})
}

// WithoutEngine builds the Node as a bare chain.Application, to run under an
// engine built elsewhere (chain/validator.New(cfg, validator.WithApp(node))).
// Start is then refused; votes can be made with VoteTx and submitted through
// that engine.
func WithoutEngine() Option {
	return func(o *options) error {
		o.noEngine = true
		return nil
	}
}

// WithSettlement makes this validator settle: key is its secp256k1
// settlement key (whose address Config.Validators lists), with which it signs
// every closed epoch's root and checkpoint and submits them as a vote; s, if
// not nil, is the Settler (sending from any funded account, holding the
// reward tokens it pays in) it posts quorum-signed roots and checkpoints
// with. Default: no settlement work on this validator.
func WithSettlement(key *device.PrivateKey, s *evm.Settler) Option {
	return func(o *options) error {
		if key == nil || key.Type() != device.Secp256k1 {
			return fmt.Errorf("%w: settlement key must be secp256k1", ErrConfig)
		}
		o.settleKey, o.settler = key, s
		return nil
	}
}

// SettlementTiming tunes the settlement worker. Zero fields take the
// defaults.
type SettlementTiming struct {
	// Retry is how often the worker retries a vote that did not land or a
	// post that failed. Default 1s.
	Retry time.Duration
	// Fallback is how long after a quorum each next validator waits before it
	// posts in place of the designated one (validator (epoch + k) mod n posts
	// after k*Fallback). Default 5s.
	Fallback time.Duration
}

// WithSettlementTiming sets the settlement worker's timing.
func WithSettlementTiming(t SettlementTiming) Option {
	return func(o *options) error {
		if t.Retry < 0 || t.Fallback < 0 {
			return fmt.Errorf("%w: negative settlement timing", ErrConfig)
		}
		o.timing = t
		return nil
	}
}

// WithLogger sets the logger. Default: logs are discarded.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return fmt.Errorf("%w: nil logger", ErrConfig)
		}
		o.log = l
		return nil
	}
}

// New builds a Node from options: WithVertical is required; WithConfig (or
// WithKey for a one-validator subnet) says who the validators are. The Node
// holds the genesis state; Start runs its engine.
func New(opts ...Option) (*Node, error) {
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if o.vertical == nil {
		return nil, fmt.Errorf("%w: WithVertical is required", ErrConfig)
	}
	var cfg Config
	switch {
	case o.cfg != nil:
		cfg = *o.cfg
	case o.key != nil:
		cfg = Config{Validators: []Validator{{Key: o.key.Public().(ed25519.PublicKey), Stake: 1}}}
	default:
		return nil, fmt.Errorf("%w: WithConfig or WithKey is required", ErrConfig)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	set, _ := cfg.ValidatorSet() // checked by Validate
	types := map[string]ContentType{}
	for i, ct := range o.vertical.ContentTypes() {
		if err := device.CheckSchema(ct.Name); err != nil {
			return nil, fmt.Errorf("%w: vertical content types[%d]: %w", ErrConfig, i, err)
		}
		if _, dup := types[ct.Name]; dup {
			return nil, fmt.Errorf("%w: vertical content types[%d]: %q repeats", ErrConfig, i, ct.Name)
		}
		if ct.Proof > BundleZK || ct.MaxPayload < 0 || ct.MaxSkew < 0 {
			return nil, fmt.Errorf("%w: vertical content types[%d] (%s): bad proof rule, size or skew", ErrConfig, i, ct.Name)
		}
		types[ct.Name] = ct
	}
	if len(types) == 0 {
		return nil, fmt.Errorf("%w: the vertical lists no content types", ErrConfig)
	}
	curve, err := cfg.curveFor(o.vertical)
	if err != nil {
		return nil, err
	}
	cfg.Curve = curve
	a, err := newApp(&cfg)
	if err != nil {
		return nil, err
	}
	log := o.log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	n := &Node{
		cfg: cfg, vertical: o.vertical, types: types, set: set, self: -1,
		bySettlement: map[common.Address]uint32{}, app: a, network: cfg.Genesis(),
		watch: make(chan struct{}), wake: make(chan struct{}, 1),
		settleKey: o.settleKey, settler: o.settler, timing: o.timing,
	}
	n.starter, _ = o.vertical.(EpochStarter)
	if cfg.Settlement != nil {
		for i, v := range cfg.Validators {
			n.bySettlement[v.Settlement] = uint32(i)
		}
	}
	if o.key != nil {
		if i, ok := set.Index(o.key.Public().(ed25519.PublicKey)); ok {
			n.self = int(i)
		}
		n.keyForEngine = o.key
	}
	n.log = log.With("subnet", cfg.Name, "validator", n.self)
	if n.settleKey != nil {
		if cfg.Settlement == nil {
			return nil, fmt.Errorf("%w: WithSettlement on a subnet whose Config has no Settlement", ErrConfig)
		}
		addr, err := n.settleKey.Public().Address()
		if err != nil {
			return nil, fmt.Errorf("%w: settlement key: %w", ErrConfig, err)
		}
		if _, ok := n.bySettlement[addr]; !ok && !cfg.ValidatorChanges { // with changes, it may join later
			return nil, fmt.Errorf("%w: settlement key %s is no validator's settlement address", ErrConfig, addr.Hex())
		}
	}
	if n.timing.Retry == 0 {
		n.timing.Retry = time.Second
	}
	if n.timing.Fallback == 0 {
		n.timing.Fallback = 5 * time.Second
	}
	switch {
	case o.noEngine:
	case o.engine != nil:
		if n.engine, err = o.engine(n); err != nil {
			return nil, fmt.Errorf("depin: engine: %w", err)
		}
	case set.Len() == 1:
		if n.engine, err = solo.New(solo.Config{App: n, Logger: n.log, MaxTxBytes: MaxTxBytes}); err != nil {
			return nil, fmt.Errorf("depin: engine: %w", err)
		}
	default:
		return nil, fmt.Errorf("%w: %d validators: choose WithDAG, WithEngine or WithoutEngine", ErrConfig, set.Len())
	}
	return n, nil
}

// Config returns the Node's validated Config.
func (n *Node) Config() Config { return n.cfg }

// Network returns the network devices seal for (device.ForNetwork,
// device.Header.Network): the subnet's genesis hash, Config.Genesis.
// Envelopes, owner bindings, rotations and revocations signed for another
// network, or for none, do not verify here.
func (n *Node) Network() [32]byte { return n.network }

// Inspect calls f with the Node's vertical while no commit is being applied,
// for queries of the vertical's own state (f must not change it).
func (n *Node) Inspect(f func(Vertical)) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	f(n.vertical)
}

// Engine returns the Node's engine, nil if built WithoutEngine.
func (n *Node) Engine() chain.Engine { return n.engine }

// Start runs the engine, a reader of its commits and, with WithSettlement,
// the settlement worker, until ctx ends or Close is called.
func (n *Node) Start(ctx context.Context) error {
	if n.engine == nil {
		return ErrNoEngine
	}
	n.runMu.Lock()
	defer n.runMu.Unlock()
	if n.stopped {
		return ErrClosed
	}
	if n.started {
		return errors.New("depin: node already started")
	}
	n.started = true
	ctx, n.cancel = context.WithCancel(ctx)
	n.wg.Add(2)
	go func() {
		defer n.wg.Done()
		if err := n.engine.Run(ctx); err != nil {
			if errors.Is(err, validator.ErrLeft) {
				n.log.Info("engine stopped: this validator left the validator set", "err", err)
			} else {
				n.log.Error("engine stopped", "err", err)
			}
			n.runMu.Lock()
			n.runErr = err
			n.runMu.Unlock()
		}
	}()
	go func() { // drain commits: the engine waits on a full buffer
		defer n.wg.Done()
		for range n.engine.Commits() {
		}
	}()
	if n.settleKey != nil {
		n.wg.Add(1)
		go func() {
			defer n.wg.Done()
			n.settleLoop(ctx)
		}()
	}
	return nil
}

// Close stops what Start started and waits for it. It returns the engine's
// error if it stopped on one.
func (n *Node) Close() error {
	n.runMu.Lock()
	if n.stopped {
		n.runMu.Unlock()
		return nil
	}
	n.stopped = true
	cancel, started := n.cancel, n.started
	n.runMu.Unlock()
	if !started {
		return nil
	}
	cancel()
	err := n.engine.Close()
	n.wg.Wait()
	n.runMu.Lock()
	defer n.runMu.Unlock()
	if n.runErr != nil {
		return n.runErr
	}
	return err
}

// SubmitTx checks tx and queues it with the engine.
func (n *Node) SubmitTx(ctx context.Context, tx chain.Tx) error {
	if n.engine == nil {
		return ErrNoEngine
	}
	return n.engine.Submit(ctx, tx)
}

// Submit queues a device envelope (COSE_Sign1 bytes). An error wrapping
// chain.ErrInvalidTx means it was not admitted (Admit: too large, malformed,
// an unknown or revoked device, a bad signature, a replay; the error also
// wraps ErrNotAdmitted and the reason's sentinel); nil means queued: whether
// it is accepted is decided when it is committed, and Explain tells.
func (n *Node) Submit(ctx context.Context, envelope []byte) error {
	if _, err := n.admit(envelope); err != nil {
		return fmt.Errorf("%w: %w", chain.ErrInvalidTx, err)
	}
	tx, err := EnvelopeTx(envelope)
	if err != nil {
		return fmt.Errorf("%w: %w", chain.ErrInvalidTx, err)
	}
	return n.SubmitTx(ctx, tx)
}

// Register queues the registration of a device.
func (n *Node) Register(ctx context.Context, cert *device.Certificate, owner *device.OwnerBinding) error {
	tx, err := RegisterTx(cert, owner)
	if err != nil {
		return err
	}
	return n.SubmitTx(ctx, tx)
}

// changed returns a channel closed at the next commit.
func (n *Node) changed() <-chan struct{} {
	n.watchMu.Lock()
	defer n.watchMu.Unlock()
	return n.watch
}

func (n *Node) broadcast() {
	n.watchMu.Lock()
	close(n.watch)
	n.watch = make(chan struct{})
	n.watchMu.Unlock()
}

// notifyClosed rings the settlement worker.
func (n *Node) notifyClosed() {
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// WaitFor waits until cond, checked after every commit, holds.
func (n *Node) WaitFor(ctx context.Context, cond func(*Node) bool) error {
	for {
		ch := n.changed()
		if cond(n) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitEpoch waits until epoch has closed and returns its summary.
func (n *Node) WaitEpoch(ctx context.Context, epoch uint64) (EpochSummary, error) {
	if err := n.WaitFor(ctx, func(n *Node) bool { return n.CurrentEpoch() > epoch }); err != nil {
		return EpochSummary{}, err
	}
	return n.Epoch(epoch)
}
