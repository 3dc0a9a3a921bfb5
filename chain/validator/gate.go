package validator

import (
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/transport"
)

// epochGate keeps the transport's allow list (transport.Gater, which
// transport/p2p implements) on the validator set. When the application
// returns the next epoch's set, it admits the union of the set of the epoch
// ending and the next one: validators that join can connect at once, and the
// ones that leave can still serve the blocks the others need to finish the
// old epoch. Once the first commit of the new epoch is delivered (a quorum of
// the new set runs it), it narrows the list to the new set, which disconnects
// the validators that left — but not before gateGrace has passed since it
// admitted the union, so that a validator that left can hand off what it
// held (handoff.go).
type epochGate struct {
	g   transport.Gater // nil: the transport keeps no allow list
	log *slog.Logger
	now func() time.Time

	mu        sync.Mutex
	current   *chain.ValidatorSet
	next      *chain.ValidatorSet // nil: no change under way
	nextEpoch uint64
	entered   time.Time // when next was admitted
}

// gateGrace is how long the gate admits the validators that left after the
// epoch change: longer than a handoff takes (handoffTimeout bounds it).
const gateGrace = handoffTimeout

func newEpochGate(tr transport.Transport, set *chain.ValidatorSet, now func() time.Time, log *slog.Logger) *epochGate {
	g, _ := tr.(transport.Gater)
	return &epochGate{g: g, log: log, now: now, current: set}
}

// admits reports whether peer is a validator of the current set or, during
// a change, of the next one.
func (e *epochGate) admits(peer transport.PeerID) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range []*chain.ValidatorSet{e.current, e.next} {
		if s == nil {
			continue
		}
		if _, ok := s.Index(peer.PublicKey()); ok {
			return true
		}
	}
	return false
}

// peerIDs returns the PeerIDs of the validators of the sets, once each, in
// ascending order.
func peerIDs(sets ...*chain.ValidatorSet) ([]transport.PeerID, error) {
	var out []transport.PeerID
	for _, s := range sets {
		for i := range s.Len() {
			id, err := transport.IDFromPublicKey(s.Key(uint32(i)))
			if err != nil {
				return nil, fmt.Errorf("validator: validator %d: %w", i, err)
			}
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b transport.PeerID) int { return slices.Compare(a[:], b[:]) })
	return slices.Compact(out), nil
}

// enter admits the union of the current set and set, the validators of
// epoch.
func (e *epochGate) enter(epoch uint64, set *chain.ValidatorSet) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.next != nil {
		// Two changes before a commit of the first: the first one is done.
		e.current = e.next
	}
	e.next, e.nextEpoch, e.entered = set, epoch, e.now()
	if e.g == nil {
		return nil
	}
	ids, err := peerIDs(e.current, set)
	if err != nil {
		return err
	}
	if err := e.g.SetAllowed(ids); err != nil {
		return fmt.Errorf("validator: allow the validators of epochs %d and %d: %w", epoch-1, epoch, err)
	}
	e.log.Info("transport admits the validators of the ending and the next epoch", "epoch", epoch, "peers", len(ids))
	return nil
}

// committed narrows the allow list to the new set at the first commit of the
// new epoch gateGrace or more after the change.
func (e *epochGate) committed(c chain.Commit) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.next == nil || c.Epoch < e.nextEpoch || e.now().Sub(e.entered) < gateGrace {
		return nil
	}
	e.current, e.next = e.next, nil
	if e.g == nil {
		return nil
	}
	ids, err := peerIDs(e.current)
	if err != nil {
		return err
	}
	if err := e.g.SetAllowed(ids); err != nil {
		return fmt.Errorf("validator: allow the validators of epoch %d: %w", c.Epoch, err)
	}
	e.log.Info("transport admits the validators of the epoch only; those that left are disconnected", "epoch", c.Epoch, "peers", len(ids))
	return nil
}
