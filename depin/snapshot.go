package depin

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
)

const snapshotVersion = 1

// snapshotWire is the whole replicated state of a Node.
type snapshotWire struct {
	_        struct{} `cbor:",toarray"`
	Version  uint8
	Name     string
	Vertical string
	Height   uint64
	Hash     chain.Digest
	Open     openEpoch
	Closed   []closedEpoch
	Makers   []pendingMaker
	Registry []byte
	Replay   []byte
	State    []byte // the vertical's
}

// MaxSnapshotEntries bounds every list a snapshot holds.
const MaxSnapshotEntries = 1 << 24

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 12, MaxArray: MaxSnapshotEntries, MaxMap: 16})

// Snapshot implements chain.Snapshotter: the Node's whole replicated state —
// registry, replay guard, open epoch, kept closed epochs, the vertical's
// state and the app hash — as canonical CBOR.
func (n *Node) Snapshot() ([]byte, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.snapshotLocked()
}

func (n *Node) snapshotLocked() ([]byte, error) {
	a := n.app
	reg, err := a.registry.Snapshot()
	if err != nil {
		return nil, fmt.Errorf("depin: snapshot registry: %w", err)
	}
	rep, err := a.opener.Replay().Snapshot()
	if err != nil {
		return nil, fmt.Errorf("depin: snapshot replay guard: %w", err)
	}
	vs, err := n.vertical.Snapshot()
	if err != nil {
		return nil, fmt.Errorf("depin: snapshot vertical: %w", err)
	}
	w := snapshotWire{
		Version: snapshotVersion, Name: n.cfg.Name, Vertical: n.vertical.Name(),
		Height: a.height, Hash: a.hash, Open: a.open, Closed: a.closed, Makers: a.makers,
		Registry: reg, Replay: rep, State: vs,
	}
	if w.Closed == nil {
		w.Closed = []closedEpoch{}
	}
	return canonical.Marshal(w)
}

// Restore implements chain.Snapshotter: it replaces the Node's state with a
// snapshot's after checking all of it (and the vertical's Restore); on error
// the state is unchanged.
func (n *Node) Restore(snapshot []byte) error {
	var w snapshotWire
	if err := snapshotDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return fmt.Errorf("%w: snapshot: %v", ErrMalformed, err)
	}
	if w.Version != snapshotVersion {
		return fmt.Errorf("%w: snapshot version %d, want %d", ErrMalformed, w.Version, snapshotVersion)
	}
	if w.Name != n.cfg.Name || w.Vertical != n.vertical.Name() {
		return fmt.Errorf("%w: snapshot of subnet %q vertical %q, this node runs %q %q", ErrMalformed, w.Name, w.Vertical, n.cfg.Name, n.vertical.Name())
	}
	if err := n.checkSnapshot(&w); err != nil {
		return err
	}
	reg := device.NewMemoryRegistry()
	if err := reg.Restore(w.Registry); err != nil {
		return fmt.Errorf("depin: snapshot registry: %w", err)
	}
	guard, err := device.RestoreReplayGuard(w.Replay)
	if err != nil {
		return fmt.Errorf("depin: snapshot replay guard: %w", err)
	}
	op, err := device.NewOpener(reg, device.OpenerConfig{Replay: guard})
	if err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if err := n.vertical.Restore(w.State); err != nil {
		return fmt.Errorf("depin: snapshot vertical: %w", err)
	}
	n.app = &app{registry: reg, opener: op, height: w.Height, hash: w.Hash, open: w.Open, closed: w.Closed, makers: w.Makers}
	n.broadcast()
	n.notifyClosed()
	return nil
}

// checkSnapshot checks the order and bounds of what a snapshot holds.
func (n *Node) checkSnapshot(w *snapshotWire) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: snapshot: %s", ErrMalformed, fmt.Sprintf(format, args...))
	}
	if len(w.Open.Seed) != 32 {
		return bad("open epoch seed of %d bytes", len(w.Open.Seed))
	}
	if err := checkActivity(w.Open.Devices, w.Open.Rejected); err != nil {
		return bad("open epoch: %v", err)
	}
	for i, p := range w.Makers {
		if i > 0 {
			prev := w.Makers[i-1]
			if c := bytes.Compare(prev.Key, p.Key); c > 0 || c == 0 && prev.Name >= p.Name {
				return bad("pending makers out of order")
			}
		}
		for j, v := range p.Voters {
			if int(v) >= n.set.Len() || j > 0 && p.Voters[j-1] >= v {
				return bad("pending maker votes out of order or of no validator")
			}
		}
	}
	if len(w.Closed) > n.cfg.KeepEpochs {
		return bad("%d closed epochs, at most %d kept", len(w.Closed), n.cfg.KeepEpochs)
	}
	for i := range w.Closed {
		ce := &w.Closed[i]
		if ce.Number >= w.Open.Number || i > 0 && ce.Number <= w.Closed[i-1].Number {
			return bad("closed epoch %d out of order", ce.Number)
		}
		if err := checkActivity(ce.Devices, ce.Rejected); err != nil {
			return bad("epoch %d: %v", ce.Number, err)
		}
		for _, f := range []struct {
			name string
			b    []byte
		}{{"emission", ce.Emission}, {"paid", ce.Paid}, {"unallocated", ce.Unallocated}} {
			if err := checkAmountBytes(f.name, f.b); err != nil {
				return err
			}
		}
		if amountOf(ce.Paid).Add(amountOf(ce.Paid), amountOf(ce.Unallocated)).Cmp(amountOf(ce.Emission)) != 0 {
			return bad("epoch %d: paid and unallocated do not add up to the emission", ce.Number)
		}
		for k, c := range ce.Claims {
			if err := checkAmountBytes("claim", c.Amount); err != nil {
				return err
			}
			if k > 0 && bytes.Compare(ce.Claims[k-1].Address[:], c.Address[:]) >= 0 {
				return bad("epoch %d: claims out of order", ce.Number)
			}
		}
		for k, p := range ce.Pools {
			if k > 0 && strings.Compare(ce.Pools[k-1].Name, p.Name) >= 0 {
				return bad("epoch %d: pools out of order", ce.Number)
			}
			for j, c := range p.Contributions {
				if j > 0 && strings.Compare(p.Contributions[j-1].Contributor, c.Contributor) >= 0 {
					return bad("epoch %d pool %s: contributions out of order", ce.Number, p.Name)
				}
				for _, m := range c.Multipliers {
					if len(m.Den) == 0 {
						return bad("epoch %d pool %s: a multiplier with a zero denominator", ce.Number, p.Name)
					}
				}
			}
		}
		for k, v := range ce.Votes {
			if int(v.Validator) >= n.set.Len() || k > 0 && ce.Votes[k-1].Validator >= v.Validator {
				return bad("epoch %d: votes out of order or of no validator", ce.Number)
			}
			if len(v.Checkpoint) != signatureSize || len(v.Root) != 0 && len(v.Root) != signatureSize {
				return bad("epoch %d: vote signature sizes", ce.Number)
			}
		}
	}
	return nil
}

func checkActivity(devs []activity, rejected []ReasonCount) error {
	for i := range devs {
		if i > 0 && bytes.Compare(devs[i-1].Device[:], devs[i].Device[:]) >= 0 {
			return fmt.Errorf("devices out of order")
		}
		if err := checkReasons(devs[i].Rejected); err != nil {
			return err
		}
	}
	return checkReasons(rejected)
}

func checkReasons(rs []ReasonCount) error {
	for i := range rs {
		if i > 0 && rs[i-1].Reason >= rs[i].Reason {
			return fmt.Errorf("reasons out of order")
		}
	}
	return nil
}

// stateRootLocked digests the whole replicated state: the snapshots of the
// registry, the replay guard and the vertical, the open epoch, and each kept
// closed epoch (its record, digested once, then its app hash and votes). A
// restored state gives the same digest.
func (n *Node) stateRootLocked() (chain.Digest, error) {
	a := n.app
	h := sha256.New()
	h.Write([]byte("depinkit/depin/state-root/v1\x00"))
	parts := []func() ([]byte, error){
		a.registry.Snapshot,
		a.opener.Replay().Snapshot,
		n.vertical.Snapshot,
		func() ([]byte, error) { return canonical.Marshal(a.open) },
		func() ([]byte, error) { return canonical.Marshal(a.makers) },
	}
	for _, part := range parts {
		b, err := part()
		if err != nil {
			return chain.Digest{}, err
		}
		d := sha256.Sum256(b)
		h.Write(d[:])
	}
	for i := range a.closed {
		ce := &a.closed[i]
		if ce.digest.IsZero() {
			rec := *ce
			rec.Votes, rec.AppHash = []vote{}, chain.Digest{}
			b, err := canonical.Marshal(rec)
			if err != nil {
				return chain.Digest{}, err
			}
			ce.digest = sha256.Sum256(b)
		}
		votes, err := canonical.Marshal(ce.Votes)
		if err != nil {
			return chain.Digest{}, err
		}
		vd := sha256.Sum256(votes)
		h.Write(ce.digest[:])
		h.Write(ce.AppHash[:])
		h.Write(vd[:])
	}
	var out chain.Digest
	h.Sum(out[:0])
	return out, nil
}
