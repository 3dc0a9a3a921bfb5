package dag

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

func TestBlockStateVote(t *testing.T) {
	keys := testKeys(4)
	mk := func(v StateVote) *Block {
		b := &Block{Epoch: 2, Round: 5, Author: 1, Timestamp: 9, Parents: []BlockRef{{Round: 4, Author: 1}}, State: v}
		require.NoError(t, b.Sign(chain.NewKeySigner(keys[1])))
		return b
	}
	v := StateVote{Index: 256, Commit: chain.Digest{1}, AppHash: chain.Digest{2}}
	b := mk(v)
	enc, err := b.Marshal()
	require.NoError(t, err)
	got, err := DecodeBlock(enc, Limits{})
	require.NoError(t, err)
	require.Equal(t, v, got.State)
	require.Equal(t, b.Digest(), got.Digest())
	require.Equal(t, len(enc), got.Size())
	// The signature covers the vote: another vote is another digest.
	require.NotEqual(t, b.Digest(), mk(StateVote{Index: 256, Commit: chain.Digest{1}, AppHash: chain.Digest{3}}).Digest())
	require.NotEqual(t, b.Digest(), mk(StateVote{}).Digest())
	none, err := mk(StateVote{}).Marshal()
	require.NoError(t, err)
	got, err = DecodeBlock(none, Limits{})
	require.NoError(t, err)
	require.True(t, got.State.IsZero())

	// Malformed votes are refused.
	w := b.wire(true)
	for name, mutate := range map[string]func(*blockWire){
		"short app hash":          func(w *blockWire) { w.StateApp = w.StateApp[:31] },
		"no commit digest":        func(w *blockWire) { w.StateCommit = nil },
		"digests of no vote":      func(w *blockWire) { w.StateIndex = 0 },
		"index without digests":   func(w *blockWire) { w.StateCommit, w.StateApp = nil, nil },
		"version 2 (no state)":    func(w *blockWire) { w.Version = 2 },
		"version 2 with no votes": func(w *blockWire) { w.Version, w.StateIndex, w.StateCommit, w.StateApp = 2, 0, nil, nil },
	} {
		t.Run(name, func(t *testing.T) {
			bad := w
			mutate(&bad)
			data, err := canonical.Marshal(bad)
			require.NoError(t, err)
			_, err = DecodeBlock(data, Limits{})
			require.ErrorIs(t, err, ErrInvalidBlock)
		})
	}
}

func TestNoteState(t *testing.T) {
	l := newLockstep(t, 4, func(c *Config) { c.StateInterval = 4 })
	rn := l.nodes[0]
	rn.NoteState(3, chain.Digest{3}, chain.Digest{30}) // not a multiple
	require.True(t, rn.stateVote.IsZero())
	rn.NoteState(8, chain.Digest{8}, chain.Digest{80})
	rn.NoteState(4, chain.Digest{4}, chain.Digest{40}) // older: ignored
	want := StateVote{Index: 8, Commit: chain.Digest{8}, AppHash: chain.Digest{80}}
	require.Equal(t, want, rn.stateVote)
	for range 4 {
		l.step(60 * time.Millisecond)
	}
	last := rn.lastOwn
	require.Greater(t, last.Round, uint64(0))
	require.Equal(t, want, last.State, "the next own block carries the vote")

	off := newLockstep(t, 4, func(c *Config) { c.StateInterval = -1 })
	off.nodes[0].NoteState(128, chain.Digest{1}, chain.Digest{2})
	require.True(t, off.nodes[0].stateVote.IsZero(), "negative StateInterval: no votes")
	def := newLockstep(t, 4, nil)
	def.nodes[0].NoteState(DefaultStateInterval, chain.Digest{1}, chain.Digest{2})
	require.Equal(t, uint64(DefaultStateInterval), def.nodes[0].stateVote.Index)
}

// TestStateCertificate counts certifiers by key and stake.
func TestStateCertificate(t *testing.T) {
	keys := testKeys(5)
	vals := make([]chain.Validator, 4)
	for i := range vals {
		vals[i] = chain.Validator{Key: keys[i].Public().(ed25519.PublicKey), Stake: 1}
	}
	equal, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	vals[0].Stake = 10 // validator 0 alone holds a quorum (10 of 13 > 2*13/3)
	heavy, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	// Epoch 8's set: validator 3 replaced by keys[4].
	vals = append([]chain.Validator(nil), equal.Validators()...)
	vals[3].Key = keys[4].Public().(ed25519.PublicKey)
	other, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)

	vote := StateVote{Index: 64, Commit: chain.Digest{6}, AppHash: chain.Digest{4}}
	blk := func(epoch uint64, round uint64, author uint32, key ed25519.PrivateKey, v StateVote) *Block {
		b := &Block{Epoch: epoch, Round: round, Author: author, Parents: []BlockRef{{Round: round - 1, Author: author}}, State: v}
		require.NoError(t, b.Sign(chain.NewKeySigner(key)))
		return b
	}
	v := func(round uint64, author uint32) *Block { return blk(7, round, author, keys[author], vote) }
	forged := *v(9, 2)
	forged.Signature = bytes.Clone(forged.Signature)
	forged.Signature[0] ^= 1
	tests := []struct {
		name   string
		set    *chain.ValidatorSet
		blocks []*Block
		ok     bool
	}{
		{"three of four", equal, []*Block{v(9, 0), v(9, 1), v(10, 2)}, true},
		{"all four", equal, []*Block{v(9, 0), v(9, 1), v(9, 2), v(9, 3)}, true},
		{"two of four", equal, []*Block{v(9, 0), v(9, 1)}, false},
		{"duplicate key counts once", equal, []*Block{v(9, 0), v(10, 0), v(11, 0), v(9, 1)}, false},
		{"twins count once", equal, []*Block{v(9, 0), blk(7, 9, 0, keys[0], vote), v(9, 1)}, false},
		{"one heavy validator", heavy, []*Block{v(9, 0)}, true},
		{"three light of heavy set", heavy, []*Block{v(9, 1), v(9, 2), v(9, 3)}, false},
		{"another vote", equal, []*Block{v(9, 0), v(9, 1), blk(7, 9, 2, keys[2], StateVote{Index: 64, Commit: chain.Digest{6}, AppHash: chain.Digest{5}})}, false},
		{"a block of another epoch", equal, []*Block{v(9, 0), v(9, 1), blk(8, 9, 2, keys[2], vote)}, false},
		{"another epoch's key", equal, []*Block{v(9, 0), v(9, 1), blk(7, 9, 3, keys[4], vote)}, false},
		{"that key in its own set", other, []*Block{v(9, 0), v(9, 1), blk(7, 9, 3, keys[4], vote)}, true},
		{"the old key in the new set", other, []*Block{v(9, 0), v(9, 1), v(9, 3)}, false},
		{"bad signature", equal, []*Block{v(9, 0), v(9, 1), &forged}, false},
		{"author outside the set", equal, []*Block{v(9, 0), v(9, 1), blk(7, 9, 4, keys[4], vote)}, false},
		{"nil block", equal, []*Block{v(9, 0), v(9, 1), v(9, 2), nil}, false},
		{"no blocks", equal, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := StateCertificate{Epoch: 7, State: vote, Blocks: tc.blocks}.Verify(tc.set, nil)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrStateSync)
			}
		})
	}
	require.ErrorIs(t, StateCertificate{Epoch: 7, Blocks: []*Block{v(9, 0)}}.Verify(heavy, nil), ErrStateSync, "a certificate of no state")
}

// hashApp is a toy application for state sync tests: its hash chains the
// commits it applied; its snapshot is its height and hash.
type hashApp struct {
	height uint64
	hash   chain.Digest
}

func (a *hashApp) apply(c chain.Commit) {
	h := sha256.New()
	h.Write(a.hash[:])
	h.Write(c.Digest[:])
	for _, tx := range c.Txs {
		h.Write(tx)
	}
	h.Sum(a.hash[:0])
	a.height = c.Index
}

func (a *hashApp) snapshot() []byte {
	return binary.BigEndian.AppendUint64(bytes.Clone(a.hash[:]), a.height)
}

func (a *hashApp) restore(data []byte, want StateVote) error {
	if len(data) != 40 {
		return fmt.Errorf("snapshot of %d bytes", len(data))
	}
	var b hashApp
	copy(b.hash[:], data)
	b.height = binary.BigEndian.Uint64(data[32:])
	if b.height != want.Index || b.hash != want.AppHash {
		return fmt.Errorf("restored to %d/%s, certified %d/%s", b.height, b.hash.Short(), want.Index, want.AppHash.Short())
	}
	*a = b
	return nil
}

// ssNode is a validator of ssNet: a RawNode with a store and a snapshotting
// application.
type ssNode struct {
	rn    *RawNode
	st    *MemoryStore
	app   hashApp
	snaps []StateSnapshot // newest first, at most 2
	src   StateSource     // what it serves state sync from (a lying one in tests)
	down  bool
}

type memStateSource struct {
	*MemoryStore
	n *ssNode
}

func (s memStateSource) StateSnapshots() ([]StateSnapshot, error) {
	out := make([]StateSnapshot, len(s.n.snaps))
	for i, sn := range s.n.snaps {
		out[i] = StateSnapshot{Index: sn.Index, AppHash: sn.AppHash}
	}
	return out, nil
}

func (s memStateSource) StateSnapshotData(index uint64) ([]byte, error) {
	for _, sn := range s.n.snaps {
		if sn.Index == index {
			return sn.Data, nil
		}
	}
	return nil, fmt.Errorf("no snapshot at %d", index)
}

// ssNet is a lockstep network whose validators persist, snapshot, and serve
// commit sync and state sync from their stores.
type ssNet struct {
	t      testing.TB
	keys   []ed25519.PrivateKey
	set    *chain.ValidatorSet
	cfg    func(i int) Config
	nodes  []*ssNode
	now    time.Time
	inbox  []Message
	served map[uint32]int // state requests answered, per server
	// syncer, when set, takes the state responses sent to its node.
	syncer   *StateSyncer
	syncerOf uint32
	// tamper, when set, alters the state response chunks a server sends.
	tamper func(from uint32, m *Message)
}

func newSSNet(t testing.TB, mutate func(*Config)) *ssNet {
	keys := testKeys(4)
	n := &ssNet{t: t, keys: keys, set: testSet(t, keys), now: epoch0, served: map[uint32]int{}}
	n.cfg = func(i int) Config {
		c := Config{Signer: chain.NewKeySigner(keys[i]), Validators: n.set}
		if mutate != nil {
			mutate(&c)
		}
		return c
	}
	for i := range keys {
		rn, err := NewRawNode(n.cfg(i), n.now)
		require.NoError(t, err)
		nd := &ssNode{rn: rn, st: NewMemoryStore()}
		nd.src = memStateSource{nd.st, nd}
		n.nodes = append(n.nodes, nd)
	}
	return n
}

func (n *ssNet) step(d time.Duration) {
	t := n.t
	n.now = n.now.Add(d)
	for _, nd := range n.nodes {
		if !nd.down {
			nd.rn.Tick(n.now)
		}
	}
	if n.syncer != nil {
		n.inbox = append(n.inbox, n.syncer.Tick(n.now)...)
	}
	for range 200 {
		quiet := true
		for i, nd := range n.nodes {
			if nd.down || !nd.rn.HasReady() {
				continue
			}
			quiet = false
			rd := nd.rn.Ready()
			require.NoError(t, nd.st.SaveBlocks(rd.Accepted))
			require.NoError(t, nd.st.SaveHeaders(rd.Headers))
			for _, b := range rd.Broadcast {
				for j := range n.nodes {
					if j != i {
						n.inbox = append(n.inbox, Message{Type: MsgBlock, From: uint32(i), To: uint32(j), Block: b})
					}
				}
			}
			n.inbox = append(n.inbox, rd.Messages...)
			for _, c := range rd.Commits {
				if c.Index <= nd.app.height {
					continue
				}
				require.Equal(t, nd.app.height+1, c.Index, "node %d applies commits in order", i)
				nd.app.apply(c)
				nd.rn.NoteState(c.Index, c.Digest, nd.app.hash)
				if iv := nd.rn.cfg.StateInterval; iv > 0 && c.Index%uint64(iv) == 0 {
					sn := StateSnapshot{Index: c.Index, AppHash: nd.app.hash, Data: nd.app.snapshot()}
					nd.snaps = append([]StateSnapshot{sn}, nd.snaps[:min(len(nd.snaps), 1)]...)
				}
			}
			nd.rn.Advance()
		}
		msgs := n.inbox
		n.inbox = nil
		for _, m := range msgs {
			quiet = false
			to := n.nodes[m.To]
			if to.down && !(n.syncer != nil && m.To == n.syncerOf) {
				continue
			}
			switch m.Type {
			case MsgCommitRequest:
				resp, ok, err := ServeCommits(to.st, func(uint64) *chain.ValidatorSet { return n.set }, m.To, m, SyncLimits{})
				require.NoError(t, err)
				if ok {
					n.inbox = append(n.inbox, resp)
				}
			case MsgStateRequest:
				if to.src == nil {
					continue // withholds
				}
				cfg := to.rn.cfg
				out, err := ServeState(to.src, n.set, m.To, m, cfg.GCDepth, StateHistory(cfg), StateLimits{ChunkBytes: 4 << 10, Batch: 3})
				require.NoError(t, err)
				n.served[m.To]++
				// Every chunk goes over the wire.
				for _, c := range out {
					if n.tamper != nil {
						c.Headers = slices.Clone(c.Headers)
						n.tamper(m.To, &c)
					}
					enc, err := c.Marshal()
					require.NoError(t, err)
					d, err := DecodeMessage(enc, MessageLimits{})
					require.NoError(t, err)
					n.inbox = append(n.inbox, d)
				}
			case MsgStateResponse:
				if n.syncer != nil && m.To == n.syncerOf {
					out, err := n.syncer.Step(m, n.now)
					if err != nil {
						t.Logf("state sync: %v", err)
					}
					n.inbox = append(n.inbox, out...)
				}
			default:
				if to.down {
					continue
				}
				if err := to.rn.Step(m); err != nil {
					require.ErrorIs(t, err, ErrWrongEpoch)
				}
			}
		}
		if quiet {
			return
		}
	}
}

func (n *ssNet) run(rounds int) {
	for r := range rounds {
		for i, nd := range n.nodes {
			if !nd.down {
				require.NoError(n.t, nd.rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d-%d", i, r, n.now.UnixMilli()))))
			}
		}
		n.step(60 * time.Millisecond)
	}
}

// stateConfig is small windows, so that a test reaches pruning soon.
func stateConfig(c *Config) {
	c.StateInterval, c.ReputationWindow, c.GCDepth = 32, 8, 10
}

// wipe runs validator 3 down for a while, prunes the others' stores as
// chain/validator does (below the snapshot, keeping StateRetain commits),
// and brings 3 back with an empty store and a state syncer.
func wipedNet(t testing.TB) *ssNet {
	n := newSSNet(t, stateConfig)
	n.run(20)
	n.nodes[3].down = true
	n.run(120)
	for i, nd := range n.nodes[:3] {
		require.Len(t, nd.snaps, 2, "node %d snapshots", i)
		below := nd.snaps[1].Index - StateRetain(nd.rn.cfg)
		require.NoError(t, nd.st.PruneCommits(below, 0))
		// Commit sync from the first commit is impossible now.
		_, ok, err := ServeCommits(nd.st, func(uint64) *chain.ValidatorSet { return n.set }, uint32(i), Message{Type: MsgCommitRequest, From: 3}, SyncLimits{})
		require.NoError(t, err)
		require.False(t, ok, "node %d still serves commit 1", i)
	}
	rn, err := NewRawNode(n.cfg(3), n.now)
	require.NoError(t, err)
	n.nodes[3] = &ssNode{rn: rn, st: NewMemoryStore(), down: true}
	n.nodes[3].src = memStateSource{n.nodes[3].st, n.nodes[3]}
	sy, err := NewStateSyncer(StateSyncConfig{Self: 3, Validators: n.set, StateLimits: StateLimits{ChunkBytes: 4 << 10}, RequestTimeout: 500 * time.Millisecond}, n.now)
	require.NoError(t, err)
	n.syncer, n.syncerOf = sy, 3
	return n
}

// resume restores validator 3 from what its syncer delivered, as Node does.
func (n *ssNet) resume(s *SyncedState) error {
	t := n.t
	nd := n.nodes[3]
	if err := nd.app.restore(s.Data, s.State()); err != nil {
		return err
	}
	rn, err := NewRawNode(n.cfg(3), n.now)
	require.NoError(t, err)
	require.NoError(t, rn.RecoverFrom(s.Recovery))
	rn.AwaitOwnBlock()
	rn.NoteState(s.State().Index, s.State().Commit, s.State().AppHash)
	require.NoError(t, nd.st.SaveBlocks(s.Recovery.Blocks))
	require.NoError(t, nd.st.SaveHeaders(s.Recovery.Headers))
	nd.rn, nd.down, n.syncer = rn, false, nil
	return nil
}

// TestStateSyncRejoin: a wiped validator whose peers pruned the commits
// before their snapshots state-syncs, resumes at the certified commit,
// commit-syncs on, and then commits what the others commit, with the same
// application state and no second block for a round it signed before.
func TestStateSyncRejoin(t *testing.T) {
	n := wipedNet(t)
	var signed []*Block // validator 3's blocks before the wipe, as its peers hold them
	for _, b := range n.nodes[0].st.blocks {
		if b.Author == 3 {
			signed = append(signed, b)
		}
	}
	for range 40 {
		n.step(60 * time.Millisecond)
		if n.syncer.Result() != nil {
			break
		}
	}
	res := n.syncer.Result()
	require.NotNil(t, res, "state sync delivered nothing")
	require.Zero(t, n.syncer.Failures())
	h := res.State().Index
	require.Contains(t, []uint64{n.nodes[res.From].snaps[0].Index, n.nodes[res.From].snaps[1].Index}, h)
	require.NoError(t, n.resume(res))
	require.Equal(t, n.nodes[0].rn.commitIndex >= h, true)

	n.run(60)
	me := n.nodes[3]
	ref := n.nodes[0]
	require.Greater(t, me.rn.Stats().CommitIndex, h+100, "it commits after the snapshot")
	require.Greater(t, me.rn.Stats().LastProposed, uint64(0), "it proposes again")
	require.Equal(t, ref.app.height, me.app.height, "same height")
	require.Equal(t, ref.app.hash, me.app.hash, "same application state")
	for i := range n.nodes {
		require.Zero(t, n.nodes[i].rn.Stats().Equivocations, "node %d saw an equivocation", i)
	}
	// Its commits after the snapshot are the others' commits.
	hs, err := me.st.CommitHeaders(h+1, 1<<20)
	require.NoError(t, err)
	require.NotEmpty(t, hs)
	for _, hh := range hs {
		want, err := ref.st.CommitHeaders(hh.Index, 1)
		require.NoError(t, err)
		require.Len(t, want, 1)
		require.Equal(t, want[0].Digest, hh.Digest, "commit %d", hh.Index)
	}
	// Never a second block for a round it signed before the wipe.
	for _, old := range signed {
		for _, b := range me.st.blocks {
			if b.Author == 3 && b.Round == old.Round {
				require.Equal(t, old.Digest(), b.Digest(), "round %d signed twice", old.Round)
			}
		}
	}
}

// TestStateSyncByzantineServers: validators 0 and 1 serve state sync
// badly — withholding, a certificate short of a quorum, an altered block or
// header, altered snapshot bytes, a forged app hash — and only delay the
// wiped validator 3, which state-syncs from the honest validator 2.
func TestStateSyncByzantineServers(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(n *ssNet, i int)
		tamper   func(m *Message)
		failures bool // the asker refuses an answer (or the application does)
	}{
		{"withholding", func(n *ssNet, i int) { n.nodes[i].src = nil }, nil, false},
		{"short certificate", nil, func(m *Message) {
			if len(m.Certifiers) > 0 {
				m.Certifiers = m.Certifiers[:1]
			}
		}, true},
		{"altered block", nil, func(m *Message) {
			if len(m.Blocks) > 0 {
				b := *m.Blocks[0]
				b.Txs = append([]chain.Tx{[]byte("forged")}, b.Txs...)
				require.NoError(t, b.Sign(chain.NewKeySigner(testKeys(4)[b.Author])))
				m.Blocks = append([]*Block{&b}, m.Blocks[1:]...)
			}
		}, true},
		{"missing block", nil, func(m *Message) {
			if len(m.Blocks) > 1 {
				m.Blocks = m.Blocks[1:]
			}
		}, true},
		{"altered header", nil, func(m *Message) {
			if len(m.Headers) > 2 {
				m.Headers[1].Timestamp++
			}
		}, true},
		{"altered snapshot", func(n *ssNet, i int) { n.nodes[i].src = lyingSource{StateSource: n.nodes[i].src, data: true} }, nil, true},
		{"forged app hash", func(n *ssNet, i int) { n.nodes[i].src = forgingSource{n.nodes[i].src} }, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := wipedNet(t)
			for i := range 2 {
				if tc.setup != nil {
					tc.setup(n, i)
				}
			}
			if tc.tamper != nil {
				n.tamper = func(from uint32, m *Message) {
					if from < 2 {
						tc.tamper(m)
					}
				}
			}
			var got *SyncedState
			for range 100 {
				n.step(60 * time.Millisecond)
				if r := n.syncer.Result(); r != nil {
					if err := n.nodes[3].app.restore(r.Data, r.State()); err != nil {
						n.syncer.Reject() // what Node does when the application refuses
						continue
					}
					got = r
					break
				}
			}
			require.NotNil(t, got, "no state synced")
			require.Equal(t, uint32(2), got.From, "only the honest server's state is taken")
			if tc.failures {
				require.GreaterOrEqual(t, n.syncer.Failures(), 1, "the bad answer was not refused")
			}
			require.NoError(t, n.resume(got))
			n.run(40)
			require.Equal(t, n.nodes[2].app.hash, n.nodes[3].app.hash)
		})
	}
}

// lyingSource serves altered snapshot bytes.
type lyingSource struct {
	StateSource
	data bool
}

func (s lyingSource) StateSnapshotData(index uint64) ([]byte, error) {
	data, err := s.StateSource.StateSnapshotData(index)
	if s.data && err == nil {
		data = bytes.Clone(data)
		data[0] ^= 1
	}
	return data, err
}

// forgingSource claims another app hash than the one its validator voted
// for: it finds no certificate for it and serves nothing.
type forgingSource struct{ StateSource }

func (s forgingSource) StateSnapshots() ([]StateSnapshot, error) {
	sns, err := s.StateSource.StateSnapshots()
	for i := range sns {
		sns[i].AppHash[0] ^= 1
	}
	return sns, err
}
