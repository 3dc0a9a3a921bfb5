//go:build unix

package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// LoadConfig shapes the load: Batch distinct transactions per request, one
// request every Interval, to the validators that are up in turn.
type LoadConfig struct {
	Batch    int
	Interval time.Duration
	// Keys, if positive, bounds the keys the transactions write: the n-th
	// one sets key n mod Keys (each transaction stays distinct by its
	// value), so that the application's state, and its snapshots, stop
	// growing (the soak). 0: a new key per transaction.
	Keys int
	// Pad adds that many bytes to each transaction's value.
	Pad int
}

// ack is a transaction a validator accepted.
type ack struct {
	node, gen int
}

// Load submits transactions and remembers what became of each: acknowledged
// (by which validator, in which of its generations), or unknown (the request
// failed or timed out: it may have been accepted).
type Load struct {
	nw  *Network
	cfg LoadConfig

	mu      sync.Mutex
	seq     int
	acked   map[string]ack
	unknown map[string]bool
	full    int // rejected as full
	errs    int // failed requests

	cancel context.CancelFunc
	done   chan struct{}
}

// StartLoad starts submitting until Stop.
func (nw *Network) StartLoad(ctx context.Context, cfg LoadConfig) *Load {
	ctx, cancel := context.WithCancel(ctx)
	l := &Load{nw: nw, cfg: cfg, acked: map[string]ack{}, unknown: map[string]bool{}, cancel: cancel, done: make(chan struct{})}
	go l.run(ctx)
	return l
}

// Stop ends the load and waits for its last request.
func (l *Load) Stop() {
	l.cancel()
	<-l.done
}

func (l *Load) run(ctx context.Context) {
	defer close(l.done)
	tick := time.NewTicker(l.cfg.Interval)
	defer tick.Stop()
	next := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		up := l.nw.running()
		if len(up) == 0 {
			continue
		}
		next++
		l.submit(ctx, up[next%len(up)])
	}
}

func (l *Load) submit(ctx context.Context, node int) {
	gen := l.nw.generation(node)
	l.mu.Lock()
	txs := make([]chain.Tx, l.cfg.Batch)
	for i := range txs {
		l.seq++
		pad := padding(l.seq, l.cfg.Pad)
		if l.cfg.Keys > 0 {
			txs[i] = chain.Tx(fmt.Sprintf("k%07d=%d.v%d%s", l.seq%l.cfg.Keys, l.seq, node, pad))
		} else {
			txs[i] = chain.Tx(fmt.Sprintf("k%07d=v%d%s", l.seq, node, pad))
		}
	}
	l.mu.Unlock()

	cctx, cancel := context.WithTimeout(ctx, callTimeout)
	resp, err := l.nw.Nodes[node].Client.Submit(cctx, txs...)
	cancel()

	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.errs++
		for _, tx := range txs {
			l.unknown[string(tx)] = true
		}
		return
	}
	rejected := make(map[int]bool, len(resp.Rejected))
	for _, r := range resp.Rejected {
		rejected[r.Index] = true
		if r.Reason == "full" {
			l.full++
		}
	}
	for i, tx := range txs {
		if !rejected[i] {
			l.acked[string(tx)] = ack{node: node, gen: gen}
		}
	}
}

// padding returns n bytes of base64 drawn from seq: pebble's compression
// cannot shrink them much, as it would a run of one byte.
func padding(seq, n int) string {
	if n <= 0 {
		return ""
	}
	rng := rand.New(rand.NewPCG(uint64(seq), 0x50ad))
	raw := make([]byte, base64.RawURLEncoding.DecodedLen(n)+1)
	for i := range raw {
		raw[i] = byte(rng.Uint32())
	}
	return base64.RawURLEncoding.EncodeToString(raw)[:n]
}

// Stats returns the transactions acknowledged, of unknown fate, rejected as
// full, and the failed requests.
func (l *Load) Stats() (acked, unknown, full, errs int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked), len(l.unknown), l.full, l.errs
}
