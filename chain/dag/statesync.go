package dag

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// State sync: how a validator with an empty data directory (or one whose
// peers pruned the commits it would need) starts from an application snapshot
// instead of commit 1. It follows CometBFT's statesync (light-client-verified
// snapshots offered in chunks, internal/statesync/syncer.go) and Sui's
// checkpoint-certified state in its rules, not its code:
//
//   - every block carries a state vote (Block.State): "after applying commit
//     Index, whose digest is Commit, my application's hash is AppHash". A
//     validator votes only after commits whose index is a multiple of
//     Config.StateInterval (RawNode.NoteState), so honest votes coincide;
//   - a state certificate (StateCertificate) is a set of blocks of one epoch
//     by distinct keys of that epoch's set holding a quorum of stake, all
//     carrying the same vote. A quorum holds an honest validator, which voted
//     only for the state it computed;
//   - a validator that keeps snapshots at those commits serves them
//     (ServeState, off the consensus goroutine): the certificate, the commit
//     headers ending at the snapshot's commit (a GC window and three leader
//     reputation windows of them, whose digest chain must end at the
//     certified Commit), the committed blocks those headers order, and the
//     snapshot itself, in chunks of at most StateLimits.ChunkBytes;
//   - the asker (StateSyncer) checks the certificate against the validator set
//     it knows for its epoch, the header chain against the certified digest,
//     every block against the headers' digests, and hands the snapshot to the
//     embedder, who restores it and checks the application hash against the
//     certified one. Then the node resumes at that commit exactly as
//     RawNode.RecoverFrom does from a store, waits for its peers to show its
//     own latest block (AwaitOwnBlock: the amnesia guard stays in force), and
//     commit-syncs on from there. A server that lies or withholds only makes
//     the asker move on to the next peer.
//
// Limit: the asker trusts only the validator set it knows for its epoch (the
// genesis set, or its EpochStore record). A validator wiped after validator
// set changes cannot state-sync into a later epoch; it commit-syncs across
// the epoch boundaries from where it can (see docs/operations.md).

// ErrStateSync reports a state sync answer that fails verification, or a
// state sync that cannot go on.
var ErrStateSync = errors.New("dag: state sync")

// NoteState records the application's state after commit index (digest
// commit): its own next blocks carry it as their state vote (Block.State). It
// is ignored unless state votes are on (Config.StateInterval) and index is a
// multiple of the interval above the state already noted. Node calls it after
// each commit it applies.
func (rn *RawNode) NoteState(index uint64, commit, appHash chain.Digest) {
	iv := rn.cfg.StateInterval
	if iv <= 0 || index == 0 || index%uint64(iv) != 0 || index <= rn.stateVote.Index {
		return
	}
	rn.stateVote = StateVote{Index: index, Commit: commit, AppHash: appHash}
}

// StateCertificate certifies an application state: blocks of one epoch, by
// distinct keys of that epoch's validator set holding a quorum of stake, that
// all carry State as their state vote.
type StateCertificate struct {
	Epoch  uint64
	State  StateVote
	Blocks []*Block
}

// Verify checks the certificate against set, the validator set of c.Epoch:
// every block is of that epoch, by a validator of set, validly signed by its
// key, and votes for c.State; the distinct keys among them hold a quorum of
// set's stake (a key counts once however many of its blocks are there). v
// checks the signatures (nil: chain.Ed25519Verifier). Errors wrap
// ErrStateSync and name the offending block.
func (c StateCertificate) Verify(set *chain.ValidatorSet, v chain.Verifier) error {
	if v == nil {
		v = chain.Ed25519Verifier{}
	}
	if c.State.IsZero() {
		return fmt.Errorf("%w: certificate of no state", ErrStateSync)
	}
	seen := map[string]bool{}
	var stake uint64
	for i, b := range c.Blocks {
		switch {
		case b == nil:
			return fmt.Errorf("%w: certificate blocks[%d] is nil", ErrStateSync, i)
		case b.Epoch != c.Epoch:
			return fmt.Errorf("%w: certificate blocks[%d] %s is of epoch %d, the certificate of %d", ErrStateSync, i, b.Ref(), b.Epoch, c.Epoch)
		case !set.Valid(b.Author):
			return fmt.Errorf("%w: certificate blocks[%d] %s: author %d is not in the set of %d validators", ErrStateSync, i, b.Ref(), b.Author, set.Len())
		case b.State != c.State:
			return fmt.Errorf("%w: certificate blocks[%d] %s votes for the state at commit %d, the certificate is for %d", ErrStateSync, i, b.Ref(), b.State.Index, c.State.Index)
		}
		key := set.Key(b.Author)
		d := b.Digest()
		if !v.Verify(key, d[:], b.Signature) {
			return fmt.Errorf("%w: certificate blocks[%d] %s: bad signature", ErrStateSync, i, b.Ref())
		}
		if !seen[string(key)] {
			seen[string(key)] = true
			stake += set.Stake(b.Author)
		}
	}
	if !set.IsQuorum(stake) {
		return fmt.Errorf("%w: certificate of the state at commit %d: signers hold stake %d, a quorum is %d", ErrStateSync, c.State.Index, stake, set.QuorumThreshold())
	}
	return nil
}

// StateSnapshot is an application snapshot at commit Index (after applying
// it), with the application hash there.
type StateSnapshot struct {
	Index   uint64
	AppHash chain.Digest
	Data    []byte
}

// StateSource is what ServeState reads: the commit headers and blocks a
// validator stored, and the application snapshots it keeps (more than one:
// the newest is not certified until blocks voting for it are committed, a
// few rounds after it is taken).
type StateSource interface {
	CommitSource
	// StateSnapshots returns the snapshots kept, newest first, without their
	// Data (nil when none is kept).
	StateSnapshots() ([]StateSnapshot, error)
	// StateSnapshotData returns the bytes of the snapshot at commit index.
	StateSnapshotData(index uint64) ([]byte, error)
}

// StateLimits bound what ServeState sends and what a StateSyncer accepts.
// Zero fields take the DefaultStateLimits ones.
type StateLimits struct {
	// ChunkBytes bounds the payload of one chunk (the snapshot piece, or the
	// encoded blocks of a chunk; a single larger block travels alone). Default
	// 1 MiB; keep it well within MessageLimits.MaxMessageBytes.
	ChunkBytes int
	// Batch is how many chunks the asker asks for in one request. Default
	// 4, at most MaxStateBatch.
	Batch int
	// MaxBytes bounds the snapshot and blocks of one answer, as the asker
	// counts them. Default 1 GiB.
	MaxBytes int64
	// MaxScan bounds the commits after the snapshot's that ServeState reads
	// to find certifier blocks. Default 256.
	MaxScan int
}

// MaxStateBatch bounds the chunks one MsgStateRequest asks for: a server
// sends no more.
const MaxStateBatch = 16

// DefaultStateLimits are the limits used for zero fields.
var DefaultStateLimits = StateLimits{ChunkBytes: 1 << 20, Batch: 4, MaxBytes: 1 << 30, MaxScan: 256}

func (l StateLimits) withDefaults() StateLimits {
	if l.ChunkBytes <= 0 {
		l.ChunkBytes = DefaultStateLimits.ChunkBytes
	}
	if l.Batch <= 0 {
		l.Batch = DefaultStateLimits.Batch
	}
	l.Batch = min(l.Batch, MaxStateBatch)
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultStateLimits.MaxBytes
	}
	if l.MaxScan <= 0 {
		l.MaxScan = DefaultStateLimits.MaxScan
	}
	return l
}

// StateHistory returns how many commit headers before a snapshot's commit
// RecoverFrom needs to resume there under cfg (with its defaults): three
// leader reputation windows and one more commit. ServeState also reaches
// back a GC window of leader rounds.
func StateHistory(cfg Config) int {
	w := cfg.ReputationWindow
	if w == 0 {
		w = DefaultReputationWindow
	}
	return 3*max(w, 0) + 2
}

// ServeState answers a MsgStateRequest from the validator's store: the chunks
// of its newest snapshot in the asker's epoch (req.Epoch) that it holds a
// state certificate for, from req.Chunk on, req.Chunks of them (at most
// MaxStateBatch). set is
// the validator set of req.Epoch (nil: not known, nothing to serve); self is
// the answering validator; gcDepth and history are Config.GCDepth and
// StateHistory of its config. When it has nothing to serve (no snapshot, no
// certificate yet, pruned blocks, another snapshot than req.Index names) it
// returns one MsgStateResponse with Chunks 0, so that the asker moves on at
// once. Chunk 0 carries the state vote and the commit headers, from the one
// before the window (an anchor: only its digest counts) to the snapshot's;
// then come the certifier blocks, the blocks the headers order, and the
// snapshot's bytes. Call it off the consensus goroutine.
func ServeState(src StateSource, set *chain.ValidatorSet, self uint32, req Message, gcDepth uint64, history int, l StateLimits) ([]Message, error) {
	if req.Type != MsgStateRequest {
		return nil, fmt.Errorf("%w: serve a %v", ErrInvalidMessage, req.Type)
	}
	l = l.withDefaults()
	none := []Message{{Type: MsgStateResponse, Epoch: req.Epoch, From: self, To: req.From}}
	if set == nil {
		return none, nil
	}
	snaps, err := src.StateSnapshots()
	if err != nil || len(snaps) == 0 {
		return none, err
	}
	// From here on the answer says that this validator keeps a snapshot (the
	// asker then does not give up: commits below it may be pruned).
	none[0].Index = snaps[0].Index
	var (
		sn    StateSnapshot
		at    CommitHeader
		vote  StateVote
		certs []*Block
	)
	for _, c := range snaps[:min(len(snaps), 3)] {
		if c.Index == 0 || (req.Index != 0 && req.Index != c.Index) {
			continue
		}
		hs, err := src.CommitHeaders(c.Index, 1)
		if err != nil {
			return none, err
		}
		if len(hs) != 1 {
			continue
		}
		v := StateVote{Index: c.Index, Commit: hs[0].Digest, AppHash: c.AppHash}
		cs, err := findCertificate(src, set, req.Epoch, v, l.MaxScan)
		if err != nil {
			return none, err
		}
		if cs != nil {
			sn, at, vote, certs = c, hs[0], v, cs
			break
		}
	}
	if certs == nil {
		return none, nil
	}
	if sn.Data, err = src.StateSnapshotData(sn.Index); err != nil {
		return none, err
	}
	// The headers: history commits before the snapshot's and every commit of
	// its GC window, all of its epoch, and one more as the chain's anchor.
	first := sn.Index - min(sn.Index-1, uint64(history))
	gc := uint64(0)
	if at.Leader.Round > gcDepth {
		gc = at.Leader.Round - gcDepth
	}
	var headers []CommitHeader
	anchor := true // headers[0] is only the chain's anchor; false: the epoch's first commit
	for idx := sn.Index; ; idx-- {
		hs, err := src.CommitHeaders(idx, 1)
		if err != nil {
			return none, err
		}
		if len(hs) == 0 {
			break // pruned
		}
		if hs[0].Epoch != at.Epoch {
			anchor = false // the epoch's start: the asker checks from there
			break
		}
		headers = append(headers, hs[0])
		if idx == 1 {
			anchor = false
			break
		}
		if idx < first && hs[0].Leader.Round <= gc {
			break
		}
	}
	slices.Reverse(headers)
	// The blocks of every header but the anchor.
	var blocks []*Block
	for i, h := range headers {
		if i == 0 && anchor {
			continue
		}
		bs, err := src.Blocks(h.Epoch, h.Blocks)
		if err != nil {
			return none, err
		}
		for _, b := range bs {
			if b == nil {
				return none, nil // pruned: nothing to serve
			}
		}
		blocks = append(blocks, bs...)
	}
	// The chunks.
	chunks := []Message{{Headers: headers}}
	pack := func(bs []*Block, put func(*Message, []*Block)) {
		for start := 0; start < len(bs); {
			end, used := start, 0
			for end < len(bs) && (end == start || used+bs[end].Size() <= l.ChunkBytes) {
				used += bs[end].Size()
				end++
			}
			var m Message
			put(&m, bs[start:end])
			chunks = append(chunks, m)
			start = end
		}
	}
	pack(certs, func(m *Message, bs []*Block) { m.Certifiers = bs })
	pack(blocks, func(m *Message, bs []*Block) { m.Blocks = bs })
	for off := 0; off < len(sn.Data); off += l.ChunkBytes {
		chunks = append(chunks, Message{Data: sn.Data[off:min(off+l.ChunkBytes, len(sn.Data))]})
	}
	if req.Chunk < 0 || req.Chunk >= len(chunks) {
		return none, nil
	}
	want := req.Chunks
	if want <= 0 {
		want = DefaultStateLimits.Batch
	}
	out := chunks[req.Chunk:min(req.Chunk+min(want, MaxStateBatch), len(chunks))]
	for i := range out {
		m := &out[i]
		m.Type, m.Epoch, m.From, m.To = MsgStateResponse, req.Epoch, self, req.From
		m.Index, m.State, m.Chunk, m.Chunks = sn.Index, vote, req.Chunk+i, len(chunks)
	}
	return out, nil
}

// findCertificate looks for a state certificate of vote in epoch among the
// blocks of the (at most maxScan) commits after vote.Index: per validator, its
// smallest block voting for it. It returns nil if they hold no quorum.
func findCertificate(src CommitSource, set *chain.ValidatorSet, epoch uint64, vote StateVote, maxScan int) ([]*Block, error) {
	certs := make([]*Block, set.Len())
	agg := chain.NewStakeAggregator(set)
	for from, scanned := vote.Index+1, 0; scanned < maxScan && !agg.Quorum(); {
		hs, err := src.CommitHeaders(from, min(64, maxScan-scanned))
		if err != nil {
			return nil, err
		}
		if len(hs) == 0 {
			break
		}
		for _, h := range hs {
			if h.Epoch != epoch {
				continue
			}
			bs, err := src.Blocks(h.Epoch, h.Blocks)
			if err != nil {
				return nil, err
			}
			for _, b := range bs {
				if b == nil || b.Epoch != epoch || b.State != vote || !set.Valid(b.Author) {
					continue
				}
				if c := certs[b.Author]; c == nil || b.Size() < c.Size() {
					certs[b.Author] = b
				}
				agg.Add(b.Author)
			}
		}
		scanned += len(hs)
		from = hs[len(hs)-1].Index + 1
	}
	if !agg.Quorum() {
		return nil, nil
	}
	out := make([]*Block, 0, set.Len())
	for _, b := range certs {
		if b != nil {
			out = append(out, b)
		}
	}
	return out, nil
}

// SyncedState is what a StateSyncer delivers: a certified state, the
// snapshot's bytes, and what RawNode.RecoverFrom resumes from there.
type SyncedState struct {
	// Certificate certifies State (its State field).
	Certificate StateCertificate
	// Data is the snapshot: restore the application from it and check that
	// its hash is Certificate.State.AppHash.
	Data []byte
	// Recovery holds the verified commit headers ending at the certified
	// commit and the blocks they order (SignedRound 0: the amnesia guard
	// learns it from the peers).
	Recovery Recovery
	// From is the validator that served it.
	From uint32
}

// State returns the certified state vote.
func (s *SyncedState) State() StateVote { return s.Certificate.State }

// StateSyncConfig configures a StateSyncer.
type StateSyncConfig struct {
	// Self is the asker's index in Validators.
	Self uint32
	// Epoch and Validators are the epoch the asker starts in and its set: the
	// only set it trusts a certificate of.
	Epoch      uint64
	Validators *chain.ValidatorSet
	// Start is the commit the epoch continues from (Config.Start): a header
	// chain that begins at the epoch's first commit is checked from it.
	Start chain.Commit
	// Verifier checks signatures. Default chain.Ed25519Verifier.
	Verifier chain.Verifier
	// Limits bound each block (the decoded ones are checked again).
	Limits Limits
	// StateLimits bound the answer (MaxBytes, ChunkBytes).
	StateLimits StateLimits
	// RequestTimeout is how long a peer may take to send the next chunks
	// before the next peer is asked. Default 2s.
	RequestTimeout time.Duration
	// Timeout is how long the syncer goes on without progress (no chunk of a
	// valid answer) before it gives up. Default 10s.
	Timeout time.Duration
}

// StateSyncer is the asking side of state sync: a synchronous state machine
// like RawNode (no I/O, no clock of its own, not safe for concurrent use).
// Tick it; send the messages Tick and Step return; Step it with every
// MsgStateResponse. Once Result returns a state, restore it; if the
// application refuses it (hash mismatch), call Reject and go on. GaveUp
// reports that no peer has a certified state to offer.
type StateSyncer struct {
	cfg   StateSyncConfig
	peers []uint32 // the other validators, in asking order

	next      int // index in peers of the next peer to ask
	peer      uint32
	active    bool
	index     uint64 // the snapshot's commit, once chunk 0 came
	chunks    []*Message
	have      int // chunks received
	asked     int // chunks requested (from 0)
	bytes     int64
	askedT    time.Time       // when the last request went out
	progress  time.Time       // when the last progress was made
	none      map[uint32]bool // peers that had nothing or failed, this pass
	snapshots bool            // one of them keeps a snapshot (not certified yet)
	result    *SyncedState
	gaveUp    bool
	started   bool
	failures  int
}

// NewStateSyncer returns a syncer for cfg; now is the starting time.
func NewStateSyncer(cfg StateSyncConfig, now time.Time) (*StateSyncer, error) {
	if cfg.Validators == nil || !cfg.Validators.Valid(cfg.Self) {
		return nil, fmt.Errorf("%w: state sync: validator %d is not in the set", ErrConfig, cfg.Self)
	}
	if cfg.Verifier == nil {
		cfg.Verifier = chain.Ed25519Verifier{}
	}
	cfg.Limits = cfg.Limits.withDefaults()
	cfg.StateLimits = cfg.StateLimits.withDefaults()
	setDuration(&cfg.RequestTimeout, 2*time.Second)
	setDuration(&cfg.Timeout, 10*time.Second)
	s := &StateSyncer{cfg: cfg, none: map[uint32]bool{}, progress: now}
	for k := 1; k < cfg.Validators.Len(); k++ {
		s.peers = append(s.peers, (cfg.Self+uint32(k))%uint32(cfg.Validators.Len()))
	}
	if len(s.peers) == 0 {
		s.gaveUp = true
	}
	return s, nil
}

// Result returns the verified state once every chunk is in, nil before.
func (s *StateSyncer) Result() *SyncedState { return s.result }

// GaveUp reports that the syncer stopped: every other validator said it has
// no certified state to offer, or Timeout passed without progress. The node
// then starts as it would without state sync (commit sync from its store).
func (s *StateSyncer) GaveUp() bool { return s.gaveUp && s.result == nil }

// Failures counts the answers refused so far (bad certificate, bad chain,
// bad blocks, too large, rejected by the application).
func (s *StateSyncer) Failures() int { return s.failures }

// Progress returns the chunks received and expected of the answer being
// assembled, its bytes so far, and its commit index (0 before its first
// chunk).
func (s *StateSyncer) Progress() (have, total int, bytes int64, index uint64) {
	return s.have, len(s.chunks), s.bytes, s.index
}

// Reject drops the delivered state (the application refused it: its hash is
// not the certified one) and asks the next peer.
func (s *StateSyncer) Reject() {
	s.result = nil
	s.failures++
	s.none[s.peer] = true
	s.active = false
}

// Tick advances time: it sends the first request, asks the next peer when
// the current one is too slow (a withholding peer stalls the sync for at most
// RequestTimeout), and gives up after Timeout without progress.
func (s *StateSyncer) Tick(now time.Time) []Message {
	if s.result != nil || s.gaveUp {
		return nil
	}
	if s.started && now.Sub(s.progress) >= s.cfg.Timeout {
		s.gaveUp = true
		return nil
	}
	if s.started && now.Sub(s.askedT) < s.cfg.RequestTimeout {
		return nil
	}
	if s.active {
		s.none[s.peer] = true // too slow: the next one
	}
	if len(s.none) >= len(s.peers) {
		clear(s.none) // a new pass over the peers
		s.snapshots = false
	}
	s.started = true
	return s.askNext(now)
}

// askNext starts over with the next peer that has not refused or failed in
// this pass over the peers. When every peer has, it gives up if none of them
// keeps a snapshot (a young chain: nobody pruned a commit, commit sync from
// the first commit works), and otherwise waits for Tick to start a new pass
// (a snapshot not certified yet, an answer that failed).
func (s *StateSyncer) askNext(now time.Time) []Message {
	s.active, s.index, s.chunks, s.have, s.asked, s.bytes = false, 0, nil, 0, 0, 0
	s.askedT = now
	for range s.peers {
		p := s.peers[s.next%len(s.peers)]
		s.next++
		if s.none[p] {
			continue
		}
		s.active, s.peer, s.asked = true, p, s.cfg.StateLimits.Batch
		return []Message{{Type: MsgStateRequest, Epoch: s.cfg.Epoch, From: s.cfg.Self, To: p, Chunks: s.cfg.StateLimits.Batch}}
	}
	if s.failures == 0 && !s.snapshots {
		s.gaveUp = true
	}
	return nil
}

// Step takes a MsgStateResponse (other messages are ignored) and returns the
// requests to send next. An answer that fails verification returns an error
// wrapping ErrStateSync (log it); the syncer has moved on to the next peer.
func (s *StateSyncer) Step(m Message, now time.Time) ([]Message, error) {
	if m.Type != MsgStateResponse || s.result != nil || s.gaveUp || !s.active || m.From != s.peer || m.Epoch != s.cfg.Epoch {
		return nil, nil
	}
	if m.Chunks == 0 {
		s.none[m.From] = true
		s.snapshots = s.snapshots || m.Index != 0
		return s.askNext(now), nil
	}
	fail := func(err error) ([]Message, error) {
		s.failures++
		s.none[s.peer] = true
		return s.askNext(now), fmt.Errorf("%w: the answer of validator %d: %v", ErrStateSync, m.From, err)
	}
	if s.index == 0 {
		if m.Chunk != 0 {
			return nil, nil // a late chunk of an abandoned answer
		}
		maxChunks := int(s.cfg.StateLimits.MaxBytes/int64(s.cfg.StateLimits.ChunkBytes)) + 2*chain.MaxValidators + 1<<14
		if m.Chunks > maxChunks {
			return fail(fmt.Errorf("%d chunks, at most %d", m.Chunks, maxChunks))
		}
		if m.State.IsZero() || m.Index != m.State.Index {
			return fail(fmt.Errorf("chunk 0 for commit %d with a state vote for %d", m.Index, m.State.Index))
		}
		s.index, s.chunks = m.Index, make([]*Message, m.Chunks)
	}
	if m.Index != s.index || len(s.chunks) != m.Chunks || m.State.Index != s.index || m.Chunk < 0 || m.Chunk >= m.Chunks {
		return fail(fmt.Errorf("chunk %d of %d for commit %d, the answer is %d chunks for commit %d", m.Chunk, m.Chunks, m.Index, len(s.chunks), s.index))
	}
	if first := s.chunks[0]; first != nil && m.State != first.State {
		return fail(fmt.Errorf("chunk %d names another state than chunk 0", m.Chunk))
	}
	if s.chunks[m.Chunk] != nil {
		return nil, nil
	}
	for _, b := range append(slices.Clone(m.Blocks), m.Certifiers...) {
		s.bytes += int64(b.Size())
	}
	s.bytes += int64(len(m.Data))
	if s.bytes > s.cfg.StateLimits.MaxBytes {
		return fail(fmt.Errorf("the answer passes %d bytes (state sync's MaxBytes)", s.cfg.StateLimits.MaxBytes))
	}
	mm := m
	s.chunks[m.Chunk] = &mm
	s.have++
	s.progress, s.askedT = now, now
	if s.have == len(s.chunks) {
		r, err := s.assemble()
		if err != nil {
			return fail(err)
		}
		s.result = r
		return nil, nil
	}
	if s.asked < len(s.chunks) && s.have == s.asked {
		from := s.asked
		s.asked += s.cfg.StateLimits.Batch
		return []Message{{Type: MsgStateRequest, Epoch: s.cfg.Epoch, From: s.cfg.Self, To: s.peer, Index: s.index, Chunk: from, Chunks: s.cfg.StateLimits.Batch}}, nil
	}
	return nil, nil
}

// assemble verifies a complete answer: the certificate, the header chain up
// to the certified commit, and the blocks against the headers.
func (s *StateSyncer) assemble() (*SyncedState, error) {
	meta := s.chunks[0]
	vote := meta.State
	cert := StateCertificate{Epoch: s.cfg.Epoch, State: vote}
	var blocks []*Block
	var data bytes.Buffer
	for i, c := range s.chunks {
		if i > 0 && len(c.Headers) > 0 {
			return nil, fmt.Errorf("chunk %d carries headers", i)
		}
		cert.Blocks = append(cert.Blocks, c.Certifiers...)
		blocks = append(blocks, c.Blocks...)
		data.Write(c.Data)
	}
	if err := cert.Verify(s.cfg.Validators, s.cfg.Verifier); err != nil {
		return nil, err
	}
	headers, err := VerifyStateHeaders(meta.Headers, vote, s.cfg.Start)
	if err != nil {
		return nil, err
	}
	want := map[BlockRef]bool{}
	for _, h := range headers {
		if h.Epoch != s.cfg.Epoch {
			return nil, fmt.Errorf("commit %d is of epoch %d, this is %d", h.Index, h.Epoch, s.cfg.Epoch)
		}
		for _, r := range h.Blocks {
			want[r] = true
		}
	}
	for i, b := range blocks {
		if !want[b.Ref()] {
			return nil, fmt.Errorf("blocks[%d] %s is no block of the certified commits (or repeats one)", i, b.Ref())
		}
		if b.Size() > s.cfg.Limits.MaxBlockBytes {
			return nil, fmt.Errorf("blocks[%d] %s is %d bytes, at most %d", i, b.Ref(), b.Size(), s.cfg.Limits.MaxBlockBytes)
		}
		delete(want, b.Ref())
	}
	if len(want) > 0 {
		return nil, fmt.Errorf("%d blocks of the certified commits are missing", len(want))
	}
	return &SyncedState{Certificate: cert, Data: data.Bytes(), Recovery: Recovery{Headers: headers, Blocks: blocks}, From: s.peer}, nil
}

// VerifyStateHeaders checks a state sync answer's commit headers: consecutive
// indices ending at the certified commit vote.Index, each well formed, whose
// digest chain ends at vote.Commit. The first header is only the chain's
// anchor (its digest is bound by the next one's, not its content) and is
// dropped, unless it is the epoch's first commit (after start), which is
// checked from start's digest. It returns the headers RecoverFrom resumes
// from. A block's digest binds its content, so the blocks of these headers
// need no signature check.
func VerifyStateHeaders(headers []CommitHeader, vote StateVote, start chain.Commit) ([]CommitHeader, error) {
	if len(headers) == 0 {
		return nil, fmt.Errorf("%w: no commit headers", ErrStateSync)
	}
	last := headers[len(headers)-1]
	if last.Index != vote.Index || last.Digest != vote.Commit {
		return nil, fmt.Errorf("%w: the headers end at commit %d (%s), the certified one is %d (%s)", ErrStateSync, last.Index, last.Digest.Short(), vote.Index, vote.Commit.Short())
	}
	from := 1
	if headers[0].Index == start.Index+1 {
		from = 0
	}
	for i := range headers {
		h := &headers[i]
		if i > 0 && h.Index != headers[i-1].Index+1 {
			return nil, fmt.Errorf("%w: headers[%d] is commit %d after %d", ErrStateSync, i, h.Index, headers[i-1].Index)
		}
		if i < from {
			continue
		}
		if err := h.check(); err != nil {
			return nil, fmt.Errorf("%w: headers[%d]: %w", ErrStateSync, i, err)
		}
		prev := start.Digest
		if i > 0 {
			prev = headers[i-1].Digest
		}
		if d := h.hash(prev); d != h.Digest {
			return nil, fmt.Errorf("%w: headers[%d] (commit %d) has digest %s, its chain gives %s", ErrStateSync, i, h.Index, h.Digest.Short(), d.Short())
		}
	}
	if from == 1 && len(headers) == 1 {
		return nil, fmt.Errorf("%w: only the anchor header", ErrStateSync)
	}
	return slices.Clone(headers[from:]), nil
}

// StateRetain returns how many commits before its newest snapshot's a
// validator that serves state sync must keep (headers and blocks): the
// StateHistory and a GC window of leader rounds at LeadersPerRound commits
// each.
func StateRetain(cfg Config) uint64 {
	gc, leaders := cfg.GCDepth, cfg.LeadersPerRound
	if gc == 0 {
		gc = DefaultGCDepth
	}
	if leaders <= 0 {
		leaders = 4
		if cfg.Validators != nil {
			leaders = min(cfg.Validators.Len(), 4)
		}
	}
	return uint64(StateHistory(cfg)) + gc*uint64(leaders)
}
