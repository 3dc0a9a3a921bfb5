package device

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/depinkit/depinkit/internal/canonical"
)

// DefaultReplayWindow is the replay window NewReplayGuard uses for 0.
const DefaultReplayWindow = 64

// MaxReplayWindow is the largest replay window.
const MaxReplayWindow = 64

// ReplayGuard accepts each (device, sequence number) once. Sequence numbers need not
// arrive in order: one up to Window-1 below the highest accepted so far is still
// accepted if it was not seen, as in IPsec's anti-replay window (RFC 4303 section
// 3.4.3). Anything older is refused. A ReplayGuard is safe for concurrent use.
type ReplayGuard struct {
	window uint64
	shards [replayShards]replayShard
}

const replayShards = 64

type replayShard struct {
	mu sync.Mutex
	m  map[ID]replayState
}

// replayState is a device's highest accepted sequence number and a bitmap of the
// window below it: bit i set means top-i was accepted.
type replayState struct {
	top  uint64
	seen uint64
}

// NewReplayGuard returns a guard with the given window (1 to MaxReplayWindow; 0
// means DefaultReplayWindow).
func NewReplayGuard(window int) (*ReplayGuard, error) {
	if window == 0 {
		window = DefaultReplayWindow
	}
	if window < 1 || window > MaxReplayWindow {
		return nil, fmt.Errorf("device: replay window %d: want 1 to %d", window, MaxReplayWindow)
	}
	g := &ReplayGuard{window: uint64(window)}
	for i := range g.shards {
		g.shards[i].m = map[ID]replayState{}
	}
	return g, nil
}

// Window returns the guard's window.
func (g *ReplayGuard) Window() int { return int(g.window) }

func (g *ReplayGuard) shard(id ID) *replayShard { return &g.shards[id[0]%replayShards] }

// check decides whether seq is new for st, and returns the state after accepting it.
func (g *ReplayGuard) check(id ID, st replayState, known bool, seq uint64) (replayState, error) {
	if seq == 0 {
		return st, fmt.Errorf("%w: device %s: seq 0", ErrReplay, id)
	}
	if !known {
		return replayState{top: seq, seen: 1}, nil
	}
	if seq > st.top {
		shift := seq - st.top
		if shift >= 64 {
			st.seen = 0
		} else {
			st.seen <<= shift
		}
		st.top, st.seen = seq, st.seen|1
		return st, nil
	}
	d := st.top - seq
	if d >= g.window {
		return st, fmt.Errorf("%w: device %s: seq %d is older than the window (highest %d, window %d)", ErrReplay, id, seq, st.top, g.window)
	}
	if st.seen&(1<<d) != 0 {
		return st, fmt.Errorf("%w: device %s: seq %d already accepted", ErrReplay, id, seq)
	}
	st.seen |= 1 << d
	return st, nil
}

// Check reports whether seq would be accepted for id, changing nothing.
func (g *ReplayGuard) Check(id ID, seq uint64) error {
	s := g.shard(id)
	s.mu.Lock()
	st, known := s.m[id]
	s.mu.Unlock()
	_, err := g.check(id, st, known, seq)
	return err
}

// Accept records seq for id, or returns an error wrapping ErrReplay if it was
// accepted before or is older than the window.
func (g *ReplayGuard) Accept(id ID, seq uint64) error {
	s := g.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	st, known := s.m[id]
	next, err := g.check(id, st, known, seq)
	if err != nil {
		return err
	}
	s.m[id] = next
	return nil
}

// Highest returns the highest sequence number accepted for id, and false if none.
func (g *ReplayGuard) Highest(id ID) (uint64, bool) {
	s := g.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[id]
	return st.top, ok
}

type replayWire struct {
	_       struct{} `cbor:",toarray"`
	Window  uint8
	Devices []replayEntryWire
}

type replayEntryWire struct {
	_    struct{} `cbor:",toarray"`
	ID   []byte
	Top  uint64
	Seen uint64
}

var replayDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: MaxSnapshotEntries, MaxMap: 16})

// Snapshot encodes the guard's state as canonical CBOR, devices in ID order, so a
// restarted node refuses what it accepted before.
func (g *ReplayGuard) Snapshot() ([]byte, error) {
	w := replayWire{Window: uint8(g.window)}
	all := map[ID]replayState{}
	for i := range g.shards {
		s := &g.shards[i]
		s.mu.Lock()
		for id, st := range s.m {
			all[id] = st
		}
		s.mu.Unlock()
	}
	for _, id := range sortedIDs(all) {
		st := all[id]
		w.Devices = append(w.Devices, replayEntryWire{ID: bytes.Clone(id[:]), Top: st.top, Seen: st.seen})
	}
	return canonical.Marshal(w)
}

// RestoreReplayGuard rebuilds a guard from a Snapshot.
func RestoreReplayGuard(snapshot []byte) (*ReplayGuard, error) {
	var w replayWire
	if err := replayDecoder.UnmarshalCanonical(snapshot, &w); err != nil {
		return nil, fmt.Errorf("%w: replay snapshot: %v", ErrMalformed, err)
	}
	g, err := NewReplayGuard(int(w.Window))
	if err != nil || w.Window == 0 {
		return nil, fmt.Errorf("%w: replay snapshot: window %d", ErrMalformed, w.Window)
	}
	var prev ID
	for i, e := range w.Devices {
		id, err := idFromBytes(fmt.Sprintf("replay snapshot: devices[%d].id", i), e.ID)
		if err != nil {
			return nil, err
		}
		if i > 0 && bytes.Compare(prev[:], id[:]) >= 0 {
			return nil, fmt.Errorf("%w: replay snapshot: devices[%d] out of order", ErrMalformed, i)
		}
		if e.Top == 0 || e.Seen&1 == 0 {
			return nil, fmt.Errorf("%w: replay snapshot: devices[%d]: highest seq not marked seen", ErrMalformed, i)
		}
		prev = id
		g.shard(id).m[id] = replayState{top: e.Top, seen: e.Seen}
	}
	return g, nil
}
