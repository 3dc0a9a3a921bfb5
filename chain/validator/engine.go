package validator

import (
	"context"
	"fmt"
	"sync"

	"github.com/depinkit/depinkit/chain"
)

// Engine is a Node seen as a chain.Engine, for an application that drives its
// validator as it drives any engine (package depin's Node, through
// depin.WithEngine): Submit hands a transaction to the core, Commits delivers
// every commit once it is stored, Run runs the Node, Close stops it.
type Engine struct {
	*Node
	commits chan chain.Commit

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

var _ chain.Engine = (*Engine)(nil)

// engineBuffer is the capacity of Engine.Commits.
const engineBuffer = 256

// NewEngine builds a Node as New does and wraps it as a chain.Engine.
func NewEngine(cfg Config, opts ...Option) (*Engine, error) {
	commits := make(chan chain.Commit, engineBuffer)
	opts = append(opts, func(o *options) error {
		o.commits = commits
		return nil
	})
	n, err := New(cfg, opts...)
	if err != nil {
		return nil, err
	}
	return &Engine{Node: n, commits: commits, done: make(chan struct{})}, nil
}

// Submit implements chain.Engine: it hands tx to the running core. A
// transaction the application refuses wraps chain.ErrInvalidTx, a full
// mempool dag.ErrMempoolFull, and a node that is not running chain.ErrClosed.
func (e *Engine) Submit(ctx context.Context, tx chain.Tx) error {
	resp, err := e.Node.Submit(ctx, tx)
	if err != nil {
		return fmt.Errorf("%w: %w", chain.ErrClosed, err)
	}
	if resp.Accepted == 1 {
		return nil
	}
	if len(resp.Rejected) != 1 {
		return fmt.Errorf("validator: submit: %d accepted, %d rejected", resp.Accepted, len(resp.Rejected))
	}
	return resp.Rejected[0].Err()
}

// Commits implements chain.Engine: every commit, once stored, in order. It is
// closed when Run returns; a reader that stops draining it holds the node's
// commit log back.
func (e *Engine) Commits() <-chan chain.Commit { return e.commits }

// Run implements chain.Engine: Node.Run until ctx ends or Close is called.
func (e *Engine) Run(ctx context.Context) error {
	e.mu.Lock()
	if e.cancel != nil {
		e.mu.Unlock()
		return ErrStarted
	}
	ctx, e.cancel = context.WithCancel(ctx)
	e.mu.Unlock()
	defer close(e.done)
	defer close(e.commits)
	return e.Node.Run(ctx)
}

// Done is closed when Run has returned (on a failure, or after Close or the
// end of its context).
func (e *Engine) Done() <-chan struct{} { return e.done }

// Close implements chain.Engine: it stops Run and waits for it to return.
func (e *Engine) Close() error {
	e.mu.Lock()
	cancel := e.cancel
	if cancel == nil {
		e.cancel = func() {} // Run now refuses to start
		e.mu.Unlock()
		return nil
	}
	e.mu.Unlock()
	cancel()
	<-e.done
	return nil
}
