package depin

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/subnet"
)

const snapshotVersion = 2 // 2: validator sets and changes

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
	// Sets are the validator sets of the kept epochs; Changes the
	// validator-set state machine's snapshot (empty when changes are off).
	Sets    []setWire
	Changes []byte
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
		Registry: reg, Replay: rep, State: vs, Changes: []byte{},
	}
	for _, set := range a.sets {
		w.Sets = append(w.Sets, set.wire())
	}
	if a.changes != nil {
		if w.Changes, err = a.changes.Snapshot(); err != nil {
			return nil, fmt.Errorf("depin: snapshot validator changes: %w", err)
		}
	}
	if w.Closed == nil {
		w.Closed = []closedEpoch{}
	}
	return canonical.Marshal(w)
}

// Restore implements chain.Snapshotter: it replaces the Node's state with a
// snapshot's after checking all of it (and the vertical's Restore); on error
// the state is unchanged. It trusts the app hash the snapshot records, as a
// restart from the Node's own snapshots does (an earlier version may have
// taken them under other hash rules); a snapshot from a peer goes through
// RestoreFromPeer.
func (n *Node) Restore(snapshot []byte) error { return n.restore(snapshot, false) }

// RestoreFromPeer implements chain.PeerRestorer: it is Restore for a
// snapshot an untrusted peer served (state sync), and needs
// Config.StatePoints. It refuses a snapshot off a state point, and one whose
// state does not give the app hash it records (statepoint.go), so that a
// hash certified by a quorum of validators certifies the state itself.
func (n *Node) RestoreFromPeer(snapshot []byte) error { return n.restore(snapshot, true) }

func (n *Node) restore(snapshot []byte, fromPeer bool) error {
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
	sets, changes, err := n.restoreSets(&w)
	if err != nil {
		return err
	}
	if err := n.checkSnapshot(&w, sets); err != nil {
		return err
	}
	if fromPeer {
		if err := n.checkStatePoint(&w, changes != nil); err != nil {
			return err
		}
	}
	reg := device.NewMemoryRegistryFor(n.cfg.Genesis())
	if err := reg.Restore(w.Registry); err != nil {
		return fmt.Errorf("depin: snapshot registry: %w", err)
	}
	guard, err := device.RestoreReplayGuard(w.Replay)
	if err != nil {
		return fmt.Errorf("depin: snapshot replay guard: %w", err)
	}
	op, err := device.NewOpener(reg, device.OpenerConfig{Replay: guard, Network: n.cfg.Genesis()})
	if err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if err := n.vertical.Restore(w.State); err != nil {
		return fmt.Errorf("depin: snapshot vertical: %w", err)
	}
	n.app = &app{registry: reg, opener: op, height: w.Height, hash: w.Hash, open: w.Open, closed: w.Closed, makers: w.Makers,
		sets: sets, changes: changes}
	n.broadcast()
	n.notifyClosed()
	return nil
}

// restoreSets rebuilds and checks a snapshot's validator sets and
// validator-set state machine.
func (n *Node) restoreSets(w *snapshotWire) ([]*valSet, *subnet.Changes, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: snapshot: %s", ErrMalformed, fmt.Sprintf(format, args...))
	}
	if len(w.Sets) == 0 || len(w.Sets) > n.cfg.KeepEpochs+1 || w.Sets[0].From != 0 && len(w.Closed) > 0 && w.Sets[0].From > w.Closed[0].Number {
		return nil, nil, bad("%d validator sets", len(w.Sets))
	}
	sets := make([]*valSet, len(w.Sets))
	for i, sw := range w.Sets {
		if i > 0 && sw.From <= w.Sets[i-1].From || sw.From > w.Open.Number {
			return nil, nil, bad("validator set %d starts at epoch %d, out of order", i, sw.From)
		}
		var err error
		if sets[i], err = valSetOf(sw); err != nil {
			return nil, nil, bad("validator set %d: %v", i, err)
		}
		if i > 0 {
			if sw.Version != w.Sets[i-1].Version+1 {
				return nil, nil, bad("validator set %d: version %d after %d", i, sw.Version, w.Sets[i-1].Version)
			}
			if k := len(sw.Approvals); k > 0 && int(sw.Approvals[k-1].Validator) >= sets[i-1].set.Len() {
				return nil, nil, bad("validator set %d: an approval of no validator", i)
			}
		}
	}
	if w.Sets[0].Version == 0 || w.Sets[0].Version == 1 && len(w.Sets[0].Approvals) != 0 {
		return nil, nil, bad("validator set version 0, or approvals of the genesis set")
	}
	if !n.cfg.ValidatorChanges {
		if len(w.Changes) != 0 || len(sets) != 1 || sets[0].set.Digest() != n.set.Digest() {
			return nil, nil, bad("validator changes on a subnet without them")
		}
		return sets, nil, nil
	}
	changes, err := subnet.RestoreChanges(w.Changes)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: snapshot: validator changes: %w", ErrMalformed, err)
	}
	if changes.Epoch() != w.Open.Number || changes.Set().Digest() != sets[len(sets)-1].set.Digest() {
		return nil, nil, bad("validator changes at epoch %d disagree with the open epoch %d or the current set", changes.Epoch(), w.Open.Number)
	}
	return sets, changes, nil
}

// checkSnapshot checks the order and bounds of what a snapshot holds.
func (n *Node) checkSnapshot(w *snapshotWire, sets []*valSet) error {
	setFor := (&app{sets: sets}).setFor
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
			if int(v) >= sets[len(sets)-1].set.Len() || j > 0 && p.Voters[j-1] >= v {
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
			if int(v.Validator) >= setFor(ce.Number).set.Len() || k > 0 && ce.Votes[k-1].Validator >= v.Validator {
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
// closed epoch whose last commit is the one being applied counts with a zero
// app hash: that hash is the one being computed. A restored state gives the
// same digest, and so does its snapshot (stateRootOf).
func (n *Node) stateRootLocked() (chain.Digest, error) {
	a := n.app
	parts := stateParts{
		registry: a.registry.Snapshot,
		replay:   a.opener.Replay().Snapshot,
		vertical: n.vertical.Snapshot,
		open:     a.open,
		makers:   a.makers,
		closed:   a.closed,
		height:   a.height,
	}
	if a.changes != nil {
		parts.changes = a.changes.Snapshot
		parts.sets = make([]setWire, len(a.sets))
		for i, s := range a.sets {
			parts.sets[i] = s.wire()
		}
	}
	return parts.root()
}

// stateParts are what a state root digests, from a live state
// (stateRootLocked) or a snapshot (stateRootOf).
type stateParts struct {
	registry, replay, vertical func() ([]byte, error)
	open                       openEpoch
	makers                     []pendingMaker
	// changes is nil without validator changes (sets are then left out, so
	// that other subnets' roots stay as they were).
	changes func() ([]byte, error)
	sets    []setWire
	closed  []closedEpoch // records digested once (closedEpoch.digest)
	height  uint64        // the commit whose closing epoch's app hash counts as zero
}

func (p stateParts) root() (chain.Digest, error) {
	h := sha256.New()
	h.Write([]byte("depinkit/depin/state-root/v1\x00"))
	parts := []func() ([]byte, error){
		p.registry,
		p.replay,
		p.vertical,
		func() ([]byte, error) { return canonical.Marshal(p.open) },
		func() ([]byte, error) { return canonical.Marshal(p.makers) },
	}
	if p.changes != nil {
		parts = append(parts, p.changes, func() ([]byte, error) { return canonical.Marshal(p.sets) })
	}
	for _, part := range parts {
		b, err := part()
		if err != nil {
			return chain.Digest{}, err
		}
		d := sha256.Sum256(b)
		h.Write(d[:])
	}
	for i := range p.closed {
		ce := &p.closed[i]
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
		appHash := ce.AppHash
		if ce.LastCommit == p.height {
			appHash = chain.Digest{}
		}
		h.Write(ce.digest[:])
		h.Write(appHash[:])
		h.Write(vd[:])
	}
	var out chain.Digest
	h.Sum(out[:0])
	return out, nil
}
