package telecomsim

import (
	"cmp"
	"context"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// Workload is the simulation as a devnet.Workload: the kit provisions its
// devices, sends its setup envelopes (location assertions, client hellos),
// then each epoch its PoC reports (on the epoch's seed), its bandwidth
// sessions and, as jobs, its private hotspots' coverage proofs. It also
// describes the contributors, explains two hotspots that earned nothing
// (explainZeros), has the best-paid hotspot's owner claim, and reads the
// vertical's statistics (telecom.EpochStats, as EpochResult.Stats).
type Workload struct {
	sim    *Sim
	prover *proof.Prover
	// sessions prepared ahead (Prepare), for the next Traffic.
	sessions *Traffic

	mu    sync.Mutex
	stats *Stats // validator 0's, on a local subnet
}

// EpochMeta is a traffic epoch's devnet.EpochResult.Meta: how many of its
// sessions were meant to be rejected.
type EpochMeta struct {
	BadSessions int
}

var (
	_ devnet.Workload  = (*Workload)(nil)
	_ devnet.Preparer  = (*Workload)(nil)
	_ devnet.Describer = (*Workload)(nil)
	_ devnet.Explainer = (*Workload)(nil)
	_ devnet.Claimant  = (*Workload)(nil)
	_ devnet.Observer  = (*Workload)(nil)
)

// NewWorkload returns sim as a devnet.Workload whose private hotspots prove
// with keys (nil: sim must have no private hotspots).
func NewWorkload(sim *Sim, keys *proof.Keys) (*Workload, error) {
	w := &Workload{sim: sim}
	if sim.cfg.Private > 0 {
		if keys == nil {
			return nil, fmt.Errorf("%w: %d private hotspots and no coverage keys", ErrConfig, sim.cfg.Private)
		}
		var err error
		if w.prover, err = proof.NewProver(keys); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Sim returns the simulated devices.
func (w *Workload) Sim() *Sim { return w.sim }

// Registrations implements devnet.Workload (Sim.Registrations).
func (w *Workload) Registrations(maker device.Signer, network [32]byte, now time.Time) ([]chain.Tx, error) {
	w.sim.network = network
	return w.sim.Registrations(maker, now)
}

// Setup implements devnet.Workload (Sim.Setup).
func (w *Workload) Setup(now time.Time) ([][]byte, error) { return w.sim.Setup(now) }

// Prepare implements devnet.Preparer: it makes the next epoch's sessions.
func (w *Workload) Prepare(now time.Time) error {
	t, err := w.sim.Sessions(now)
	w.sessions = t
	return err
}

// Traffic implements devnet.Workload: the epoch's PoC reports, then its
// sessions (made now unless Prepare made them), and the coverage proofs as
// jobs.
func (w *Workload) Traffic(_ context.Context, e devnet.EpochInput) (*devnet.Traffic, error) {
	reports, err := w.sim.PoC(e.Seed, e.Now)
	if err != nil {
		return nil, err
	}
	cov, err := w.sim.Coverage(e.Seed, e.Now)
	if err != nil {
		return nil, err
	}
	sessions := w.sessions
	w.sessions = nil
	if sessions == nil {
		if sessions, err = w.sim.Sessions(e.Now); err != nil {
			return nil, err
		}
	}
	t := &devnet.Traffic{Envelopes: slices.Concat(reports, sessions.Sessions), Meta: EpochMeta{BadSessions: sessions.BadSessions}}
	if w.prover != nil {
		for _, j := range cov {
			t.Jobs = append(t.Jobs, func(ctx context.Context) ([]byte, error) { return j.Prove(ctx, w.prover) })
		}
	}
	return t, nil
}

// Describe implements devnet.Describer: hotspots by kind, and bandwidth
// providers, with their owners' addresses.
func (w *Workload) Describe(contributor string) (string, common.Address, bool) {
	id, err := device.ParseID(contributor)
	if err != nil {
		return "", common.Address{}, false
	}
	if h, ok := w.sim.Hotspot(id); ok {
		kind := "hotspot"
		switch {
		case h.Private:
			kind = "private hotspot"
		case h.Liar:
			kind = "hotspot (liar)"
		case h.Isolated:
			kind = "hotspot (isolated)"
		}
		return kind, h.Address, true
	}
	if p := w.sim.provider(id); p != nil {
		return "vpn provider", p.Address, true
	}
	return "", common.Address{}, false
}

// Explain implements devnet.Explainer: two hotspots that earned nothing in
// the epoch, a liar first if there is one, then the hotspot that is not one
// with the most rejections (or a second liar).
func (w *Workload) Explain(ctx context.Context, e *devnet.EpochResult, explain func(context.Context, device.ID) (depin.Explanation, error)) ([]depin.Explanation, error) {
	paid := map[string]bool{}
	for _, p := range e.Payouts {
		paid[p.Contributor] = true
	}
	var liars, others []depin.Explanation
	rejected := func(x depin.Explanation) uint64 {
		var n uint64
		for _, r := range x.Rejected {
			n += r.Count
		}
		return n
	}
	for i := range w.sim.hotspots {
		h := &w.sim.hotspots[i]
		if paid[h.ID.String()] {
			continue
		}
		x, err := explain(ctx, h.ID)
		if err != nil {
			return nil, err
		}
		if h.Liar {
			liars = append(liars, x)
		} else {
			others = append(others, x)
		}
	}
	slices.SortStableFunc(others, func(a, b depin.Explanation) int { return cmp.Compare(rejected(b), rejected(a)) })
	var out []depin.Explanation
	if len(liars) > 0 {
		out = append(out, liars[0])
		liars = liars[1:]
	}
	out = append(out, others...)
	out = append(out, liars...)
	return out[:min(2, len(out))], nil
}

// Claimant implements devnet.Claimant: the owner of the epoch's best-paid
// hotspot.
func (w *Workload) Claimant(e *devnet.EpochResult) (string, common.Address, string, bool) {
	var best *Hotspot
	bestAmount := new(big.Int)
	for i := range w.sim.hotspots {
		h := &w.sim.hotspots[i]
		sum := new(big.Int)
		for _, p := range e.Payouts {
			if p.Contributor == h.ID.String() {
				sum.Add(sum, p.Amount)
			}
		}
		if sum.Cmp(bestAmount) > 0 || best == nil && sum.Sign() > 0 {
			best, bestAmount = h, sum
		}
	}
	if best == nil {
		return "", common.Address{}, "", false
	}
	return best.ID.String(), best.Address, "hotspot", true
}

// Observe implements devnet.Observer: on a local subnet it records validator
// 0's statistics of every epoch (Stats); a subnet of processes serves them
// (StatsReader).
func (w *Workload) Observe(ctx context.Context, s devnet.Subnet) (func(), error) {
	net, ok := devnet.Network(s)
	if !ok {
		return nil, nil
	}
	stats := NewStats(net.Node(0))
	ctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		stats.Run(ctx)
	}()
	w.mu.Lock()
	w.stats = stats
	w.mu.Unlock()
	return func() { stop(); <-done }, nil
}

// EpochStats implements devnet.Observer: a telecom.EpochStats, from the
// Subnet if it is a StatsReader, from validator 0's StatsPath on a subnet of
// processes (*depin.Remote), or from validator 0 of a local one.
func (w *Workload) EpochStats(ctx context.Context, s devnet.Subnet, epoch uint64) (any, bool, error) {
	switch s := s.(type) {
	case StatsReader:
		st, ok, err := s.EpochStats(ctx, epoch)
		return st, ok, err
	case *depin.Remote:
		st, ok, err := remoteStats(ctx, s, epoch)
		return st, ok, err
	}
	w.mu.Lock()
	stats := w.stats
	w.mu.Unlock()
	if stats == nil {
		return telecom.EpochStats{}, false, nil
	}
	if st, ok := stats.Epoch(epoch); ok {
		return st, true, nil
	}
	// Not recorded yet: the vertical still holds it if no later epoch
	// closed (always so in a paced run).
	var st telecom.EpochStats
	ok := false
	stats.n.Inspect(func(v depin.Vertical) {
		if tv, isT := v.(*telecom.Vertical); isT {
			st = tv.LastEpoch()
			st.Scores = nil
			ok = st.Epoch == epoch
		}
	})
	return st, ok, nil
}
