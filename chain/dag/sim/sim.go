package sim

import (
	"container/heap"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"runtime/debug"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// epochStart is virtual time zero: RawNodes see epochStart plus the virtual time.
var epochStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	txMagic        = "dks1" // client transactions: magic, 8-byte id, filler
	txHeader       = len(txMagic) + 8
	submitInterval = 5 * time.Millisecond  // the client submits in batches this often
	checkInterval  = 50 * time.Millisecond // stop conditions and Progress
	cacheEntries   = 1 << 16               // signature cache bound
	maxPerKind     = 10                    // violations kept per kind
)

type eventKind uint8

const (
	evDeliver eventKind = iota
	evTick
	evSubmit
	evCrash
	evRestart
	evCheck
	evSetChange
)

// event is one thing happening at a virtual time. Events of equal time run in
// the order they were scheduled (seq), so a run is deterministic.
type event struct {
	at   time.Duration
	seq  uint64
	kind eventKind
	node int
	gen  uint32 // node generation, for ticks: a crash voids the old ones
	msg  dag.Message
}

type eventQueue []*event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(*event)) }
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return e
}

// commitRec is what the checkers keep of an applied commit.
type commitRec struct {
	index       uint64
	digest      chain.Digest
	epoch       uint64
	leaderRound uint64
	at          time.Duration // virtual time it was applied
}

// node is one simulated validator.
type node struct {
	idx      int
	behavior Behavior
	honest   bool
	limits   dag.Limits
	rn       *dag.RawNode // nil while crashed
	up       bool
	gen      uint32
	crashes  int

	persist   bool             // it will restart: recover from db
	amnesia   bool             // test only: restart without recovering
	recovered int              // blocks handed to RecoverFrom, over all restarts
	wipes     int              // restarts with an empty store
	db        *dag.MemoryStore // every block of Ready.Accepted and header of Ready.Headers

	applied  uint64 // index of the last commit applied
	log      []commitRec
	ownSlots map[slotKey]chain.Digest // own block per epoch and round (honest nodes)
	evidence []bool                   // per author: equivocation evidence held
	stepErrs uint64
	dupTxs   uint64
	cursor   int // into sim.expected: all before it are committed here

	byz byzState

	maxFetchRefs, maxFetchBlocks int // its dag.Config's, defaults filled in

	// Validator-set changes (epochs.go).
	epoch   uint64       // its epoch
	start   chain.Commit // the commit that started it
	changes int          // set changes applied
	joined  bool         // a joiner that has joined
	left    bool         // left the set: stopped for good
	inbound []chain.Tx   // handed off by a validator that left, proposed at the next tick
}

// slotKey is an own block's epoch and round.
type slotKey struct{ epoch, round uint64 }

// sim is one run.
type sim struct {
	cfg       Config
	n         int
	set       *chain.ValidatorSet // epoch 0's
	ep        *epochs
	signers   []chain.Signer
	schedSeed [32]byte
	verifier  *verifyCache
	nodes     []*node

	queue eventQueue
	free  []*event
	seq   uint64
	now   time.Duration
	done  bool

	netRng, cliRng, byzRng *rand.Rand
	linkFree               []time.Duration   // per sender, with a bandwidth limit
	serveFree              []time.Duration   // per validator: when its serving goroutine is free
	queued                 [][]time.Duration // per validator and peer: when each queued response leaves
	groups                 [][]int           // per partition, per validator: its group

	// Transactions, by id.
	txSubmit    []time.Duration
	txTarget    []int32 // validator it was given to; -1: refused
	txFirst     []time.Duration
	counts      [][]uint8       // per node, per id: times committed (saturating)
	expected    []uint64        // ids given to honest validators that never crash
	handedOff   int             // transactions handed off by validators that left
	excused     map[uint64]bool // expected ids handed off to a validator that may lose them (epochs.go)
	attempted   int
	submitted   int
	rejected    int
	committed   int
	rr          int
	batches     [][]chain.Tx
	equivocates []bool
	crashes     []bool // will crash at some time

	submitEnd      time.Duration
	lastDisruption time.Duration
	runEnd         time.Duration // least time the run lasts
	resume         time.Duration
	commitRate     uint64 // Result.CommitRate
	rateJudged     int

	msgs       MessageStats
	events     uint64
	violations []string
	kinds      map[string]int

	hooks hooks // white-box tests only (statesync_test.go)
}

// hooks let a test drive what the simulator does not model itself (state
// sync: an application with snapshots, and its protocol around the core).
// Nil hooks do nothing.
type hooks struct {
	// deliver sees a message to an up node before anything else; true: it
	// handled the message.
	deliver func(nd *node, m dag.Message) bool
	// tick sees a node's tick before its RawNode; true: it handled the tick
	// (the next one is scheduled as usual).
	tick func(nd *node) bool
	// applied sees each Ready's commits once apply has checked them.
	applied func(nd *node, commits []chain.Commit)
	// restarted sees a node just restarted (wiped: with an empty store).
	restarted func(nd *node, wiped bool)
}

// Run runs one simulation to its end and checks it: Result.Violations lists what
// the checkers found (Result.Check returns them as an error). Run returns an
// error for an invalid Config, or if a validator panicked, with the seed and the
// config to reproduce it.
func Run(cfg Config) (res *Result, err error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s, err := newSim(c)
	if err != nil {
		return nil, err
	}
	wall := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("sim: panic at virtual time %v: %v\nreproduce with %v\n%s", s.now, r, c, debug.Stack())
		}
	}()
	s.run()
	s.check()
	return s.result(time.Since(wall)), nil
}

func newSim(c Config) (*sim, error) {
	n := c.Validators + c.Joiners
	s := &sim{
		cfg:            c,
		n:              n,
		netRng:         rand.New(rand.NewPCG(c.Seed, 1)),
		cliRng:         rand.New(rand.NewPCG(c.Seed, 2)),
		byzRng:         rand.New(rand.NewPCG(c.Seed, 3)),
		linkFree:       make([]time.Duration, n),
		serveFree:      make([]time.Duration, n),
		queued:         make([][]time.Duration, n*n),
		counts:         make([][]uint8, n),
		batches:        make([][]chain.Tx, n),
		equivocates:    make([]bool, n),
		crashes:        make([]bool, n),
		kinds:          map[string]int{},
		verifier:       newVerifyCache(chain.Ed25519Verifier{}, cacheEntries),
		submitEnd:      c.submitEnd(),
		lastDisruption: c.lastDisruption(),
	}
	s.runEnd = max(c.Duration, s.submitEnd, s.lastDisruption)
	keys := make([]ed25519.PublicKey, n)
	s.signers = make([]chain.Signer, n)
	for i := range keys {
		seed := derive("key", c.Seed, uint64(i))
		key := ed25519.NewKeyFromSeed(seed[:])
		s.signers[i] = chain.NewKeySigner(key)
		keys[i] = key.Public().(ed25519.PublicKey)
	}
	ep, err := buildEpochs(&c, keys)
	if err != nil {
		return nil, err
	}
	s.ep, s.set = ep, ep.sets[0]
	s.schedSeed = derive("schedule", c.Seed, 0)
	for _, p := range c.Partitions {
		g := make([]int, n)
		for i := range g {
			g[i] = -1
		}
		for k, members := range p.Groups {
			for _, v := range members {
				g[v] = k
			}
		}
		s.groups = append(s.groups, g)
	}
	for _, cr := range c.Crashes {
		s.crashes[cr.Node] = true
	}
	for i := 0; i < n; i++ {
		b := c.Byzantine[i]
		nd := &node{idx: i, behavior: b, honest: b == 0, up: true, evidence: make([]bool, n), db: dag.NewMemoryStore()}
		s.equivocates[i] = b&Equivocate != 0
		if nd.honest {
			nd.ownSlots = map[slotKey]chain.Digest{}
		}
		nd.maxFetchRefs, nd.maxFetchBlocks = s.fetchLimits()
		if i >= c.Validators { // a joiner: not running before it joins
			nd.up = false
			s.nodes = append(s.nodes, nd)
			continue
		}
		for _, cr := range c.Crashes {
			if cr.Node == i && cr.Restart > 0 {
				nd.persist = true
			}
		}
		rn, limits, err := s.newRawNode(i)
		if err != nil {
			return nil, err
		}
		nd.rn, nd.limits = rn, limits
		s.nodes = append(s.nodes, nd)
	}
	// Ticks start at random phases, so validators do not move in lockstep.
	for _, nd := range s.nodes[:c.Validators] {
		s.schedule(time.Duration(s.netRng.Int64N(int64(c.TickInterval))), evTick, nd.idx, nd.gen, dag.Message{})
	}
	if c.TxRate > 0 && s.submitEnd > 0 {
		s.schedule(0, evSubmit, 0, 0, dag.Message{})
	}
	for _, cr := range c.Crashes {
		s.schedule(cr.At, evCrash, cr.Node, 0, dag.Message{})
		if cr.Restart > 0 {
			s.schedule(cr.Restart, evRestart, cr.Node, 0, dag.Message{})
		}
	}
	for k, ch := range c.SetChanges {
		s.schedule(ch.At, evSetChange, k, 0, dag.Message{})
	}
	s.schedule(checkInterval, evCheck, 0, 0, dag.Message{})
	return s, nil
}

// derive makes 32 bytes for a purpose from the seed.
func derive(purpose string, seed, i uint64) [32]byte {
	h := sha256.New()
	h.Write([]byte("depinkit/sim/" + purpose + "\x00"))
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], seed)
	binary.BigEndian.PutUint64(b[8:], i)
	h.Write(b[:])
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// newRawNode makes validator i's RawNode at the current virtual time, in its
// epoch.
func (s *sim) newRawNode(i int) (*dag.RawNode, dag.Limits, error) {
	var epoch uint64
	var start chain.Commit
	if i < len(s.nodes) {
		epoch, start = s.nodes[i].epoch, s.nodes[i].start
	}
	set := s.ep.set(epoch)
	cfg := dag.Config{
		Signer:     s.signers[i],
		Validators: set,
		Epoch:      epoch,
		Start:      start,
		Seed:       s.schedSeed,
		Verifier:   s.verifier,
	}
	if s.cfg.Committer != nil {
		// (Not with SetChanges: NextEpoch keeps the Committer it was given.)
		cfg.Schedule = dag.NewStakeSchedule(set, s.schedSeed)
		cm := s.cfg.Committer(set, cfg.Schedule)
		if cm == nil {
			return nil, dag.Limits{}, fmt.Errorf("%w: Committer returned nil", ErrConfig)
		}
		cfg.Committer = cm
	}
	if s.cfg.NodeConfig != nil {
		s.cfg.NodeConfig(&cfg)
	}
	rn, err := dag.NewRawNode(cfg, s.clock())
	if err != nil {
		return nil, dag.Limits{}, fmt.Errorf("sim: validator %d: %w", i, err)
	}
	return rn, cfg.Limits, nil
}

// fetchLimits returns the validators' MaxFetchRefs and MaxFetchBlocks,
// defaults filled in.
func (s *sim) fetchLimits() (refs, blocks int) {
	var cfg dag.Config
	if s.cfg.NodeConfig != nil {
		s.cfg.NodeConfig(&cfg)
	}
	refs, blocks = cfg.MaxFetchRefs, cfg.MaxFetchBlocks
	if refs <= 0 {
		refs = 32
	}
	if blocks <= 0 {
		blocks = 512
	}
	return refs, blocks
}

func (s *sim) clock() time.Time { return epochStart.Add(s.now) }

func (s *sim) schedule(at time.Duration, kind eventKind, node int, gen uint32, m dag.Message) {
	var e *event
	if k := len(s.free); k > 0 {
		e = s.free[k-1]
		s.free = s.free[:k-1]
	} else {
		e = new(event)
	}
	s.seq++
	*e = event{at: at, seq: s.seq, kind: kind, node: node, gen: gen, msg: m}
	heap.Push(&s.queue, e)
}

// violate records a broken invariant (at most maxPerKind per kind are kept).
func (s *sim) violate(kind, format string, args ...any) {
	s.kinds[kind]++
	if s.kinds[kind] <= maxPerKind {
		s.violations = append(s.violations, fmt.Sprintf("%s: at %v: %s", kind, s.now, fmt.Sprintf(format, args...)))
	}
}

func (s *sim) run() {
	for s.step() {
	}
}

// step runs the next event, and reports false when the run is over.
func (s *sim) step() bool {
	if len(s.queue) == 0 || s.done {
		return false
	}
	e := heap.Pop(&s.queue).(*event)
	if e.at > s.cfg.MaxTime {
		s.now = s.cfg.MaxTime
		return false
	}
	s.now = e.at
	s.events++
	switch e.kind {
	case evDeliver:
		s.deliver(e.msg)
	case evTick:
		s.tick(e.node, e.gen)
	case evSubmit:
		s.submit()
	case evCrash:
		s.crash(e.node)
	case evRestart:
		s.restart(e.node)
	case evSetChange:
		s.submitSetChange(e.node)
	case evCheck:
		s.progress()
		if s.finished() {
			s.done = true
		} else {
			s.schedule(s.now+checkInterval, evCheck, 0, 0, dag.Message{})
		}
	}
	*e = event{}
	s.free = append(s.free, e)
	return true
}

// runUntil runs the events before t.
func (s *sim) runUntil(t time.Duration) {
	for len(s.queue) > 0 && s.queue[0].at < t && s.step() {
	}
}

func (s *sim) deliver(m dag.Message) {
	nd := s.nodes[m.To]
	if !nd.up {
		s.msgs.ToDown++
		return
	}
	if s.cut(int(m.From), int(m.To)) {
		s.msgs.Cut++
		return
	}
	s.msgs.Delivered++
	if s.hooks.deliver != nil && s.hooks.deliver(nd, m) {
		return
	}
	if m.Type == dag.MsgCommitRequest {
		s.serveCommits(nd, m)
		return
	}
	sender := s.nodes[m.From]
	m, ok := s.fromNet(nd, m)
	if !ok {
		s.msgs.NotMember++
		return
	}
	if err := nd.rn.Step(m); err != nil {
		nd.stepErrs++
		// (A message of another epoch may be refused at an epoch change.)
		if sender.honest && nd.honest && (m.Epoch == nd.rn.Epoch() || m.Type == dag.MsgBlock && m.Block != nil && m.Block.Epoch == nd.rn.Epoch()) {
			s.violate("honest-error", "validator %d refused a %v from honest validator %d: %v", m.To, m.Type, m.From, err)
		}
	}
	s.drain(nd)
}

func (s *sim) tick(i int, gen uint32) {
	nd := s.nodes[i]
	if !nd.up || gen != nd.gen {
		return
	}
	if s.hooks.tick != nil && s.hooks.tick(nd) {
		s.schedule(s.now+s.cfg.TickInterval, evTick, i, nd.gen, dag.Message{})
		return
	}
	s.takeHandoff(nd)
	nd.rn.Tick(s.clock())
	if nd.behavior&Flood != 0 {
		s.flood(nd)
	}
	if nd.behavior&FloodRefs != 0 {
		s.floodRefs(nd)
	}
	s.drain(nd)
	s.schedule(s.now+s.cfg.TickInterval, evTick, i, nd.gen, dag.Message{})
}

func (s *sim) crash(i int) {
	nd := s.nodes[i]
	nd.up, nd.rn = false, nil
	nd.gen++
	nd.crashes++
}

func (s *sim) restart(i int) {
	nd := s.nodes[i]
	rn, _, err := s.newRawNode(i)
	if err != nil {
		s.violate("restart", "validator %d: %v", i, err)
		return
	}
	wipe := false
	for _, cr := range s.cfg.Crashes {
		if cr.Node == i && cr.Restart == s.now && cr.Wipe {
			wipe = true
		}
	}
	if wipe {
		nd.db = dag.NewMemoryStore()
		rn.AwaitOwnBlock()
		nd.wipes++
	} else if !nd.amnesia && nd.persist {
		// As a Node with a RecoveryStore: from the last commit applied (the
		// simulated application survives), a GC window of blocks and the
		// commits leader reputation replays (RawNode.RecoveryNeeds).
		r, _ := nd.db.LoadRecovery(0, nd.applied, rn.RecoveryNeeds(), uint32(i))
		if err := rn.RecoverFrom(r); err != nil {
			s.violate("restart", "validator %d: recover from %d headers and %d blocks: %v", i, len(r.Headers), len(r.Blocks), err)
			return
		}
		nd.recovered += len(r.Blocks)
	}
	nd.rn, nd.up = rn, true
	nd.gen++
	if s.hooks.restarted != nil {
		s.hooks.restarted(nd, wipe)
	}
	s.drain(nd)
	s.schedule(s.now+s.cfg.TickInterval, evTick, i, nd.gen, dag.Message{})
}

// drain carries out a node's Ready until it has nothing more to do.
func (s *sim) drain(nd *node) {
	for nd.up && nd.rn.HasReady() {
		rd := nd.rn.Ready()
		_ = nd.db.SaveBlocks(rd.Accepted)
		if nd.honest {
			d := nd.rn.DAG()
			for _, b := range rd.Accepted {
				s.checkOwn(nd, b)
				s.checkParents(nd, d, b)
			}
		}
		for _, b := range rd.Broadcast {
			if nd.honest {
				s.checkOwn(nd, b)
				s.broadcast(nd, b)
			} else {
				s.byzBroadcast(nd, b)
			}
		}
		for _, m := range rd.Messages {
			m = s.toNet(m)
			if nd.honest {
				s.send(m)
			} else {
				s.byzSend(nd, m)
			}
		}
		s.noteEvidence(nd, rd.Evidence)
		s.apply(nd, rd.Commits)
		// The headers of the commits applied, as dag.Node saves them: not
		// those after a closing commit, which the epoch change voided.
		_ = nd.db.SaveHeaders(dag.HeadersUpTo(rd.Headers, nd.applied))
		if s.hooks.applied != nil {
			s.hooks.applied(nd, rd.Commits)
		}
		if !nd.up {
			return // it left the validator set
		}
		nd.rn.Advance()
	}
}

// checkOwn checks I8: an honest validator signs at most one block per round,
// across restarts too.
func (s *sim) checkOwn(nd *node, b *dag.Block) {
	if s.ep.num(b.Epoch, b.Author) != nd.idx {
		return
	}
	key := slotKey{b.Epoch, b.Round}
	if d, ok := nd.ownSlots[key]; ok {
		if d != b.Digest() {
			s.violate("equivocation", "honest validator %d signed two blocks for round %d: %s and %s (I8)", nd.idx, b.Round, d.Short(), b.Digest().Short())
		}
		return
	}
	nd.ownSlots[key] = b.Digest()
}

// checkParents checks I6: a block is accepted only when all its parents above
// the GC round are in the DAG.
func (s *sim) checkParents(nd *node, d dag.DAG, b *dag.Block) {
	gc := d.GCRound()
	for _, p := range b.Parents {
		if p.Round > gc && p.Round > 0 && d.Block(p) == nil {
			s.violate("dag", "validator %d accepted %v without its parent %v (GC round %d) (I6)", nd.idx, b, p, gc)
			return
		}
	}
}

// wire encodes a block and decodes it back, as a network would: receivers get
// the decoded copy, whose digest is recomputed from the bytes.
func (s *sim) wire(nd *node, b *dag.Block) *dag.Block {
	data, err := b.Marshal()
	if err != nil {
		s.violate("encoding", "validator %d: encode %v: %v", nd.idx, b, err)
		return nil
	}
	return s.decode(nd, data, b)
}

// decode decodes bytes a node sends; want, if set, is the block they encode.
func (s *sim) decode(nd *node, data []byte, want *dag.Block) *dag.Block {
	dec, err := dag.DecodeBlock(data, nd.limits)
	if err != nil {
		if want != nil && nd.honest {
			s.violate("encoding", "validator %d: decode its own %v: %v", nd.idx, want, err)
		}
		s.msgs.Undecodable++
		return nil
	}
	if want != nil && nd.honest && dec.Digest() != want.Digest() {
		s.violate("encoding", "validator %d: %v decodes to digest %s", nd.idx, want, dec.Digest().Short())
	}
	return dec
}

// broadcast sends an honest node's block to every other validator.
func (s *sim) broadcast(nd *node, b *dag.Block) {
	dec := s.wire(nd, b)
	if dec == nil {
		return
	}
	for j := 0; j < s.n; j++ {
		if j != nd.idx {
			s.send(dag.Message{Type: dag.MsgBlock, Epoch: dec.Epoch, From: uint32(nd.idx), To: uint32(j), Block: dec})
		}
	}
}

// messageSize estimates a message's size on the wire, for the bandwidth model.
func messageSize(m dag.Message) int64 {
	size := int64(16)
	if m.Block != nil {
		size += int64(m.Block.Size())
	}
	size += int64(48*len(m.Refs) + 9*len(m.Have))
	for _, b := range m.Blocks {
		if b != nil {
			size += int64(b.Size())
		}
	}
	for _, b := range m.Certifiers {
		if b != nil {
			size += int64(b.Size()) + 32
		}
	}
	for _, h := range m.Headers {
		size += int64(100 + 48*len(h.Blocks))
	}
	size += int64(len(m.Data))
	return size
}

// send puts a message on the network: it may be lost or cut, and arrives after
// the link's latency. Fetch and commit responses go through the sender's
// serving goroutine first (serve).
func (s *sim) send(m dag.Message) {
	s.msgs.Sent++
	from, to := int(m.From), int(m.To)
	if from == to || to < 0 || to >= s.n {
		s.msgs.ToSelf++
		return
	}
	ready := s.now
	if m.Type == dag.MsgFetchResponse || m.Type == dag.MsgCommitResponse {
		var ok bool
		if ready, ok = s.serve(m); !ok {
			return
		}
	}
	nw := s.cfg.Network
	if nw.LossPerMille > 0 && s.netRng.IntN(1000) < nw.LossPerMille {
		s.msgs.Lost++
		return
	}
	if s.cut(from, to) {
		s.msgs.Cut++
		return
	}
	at := ready
	if nw.Bandwidth > 0 {
		start := max(ready, s.linkFree[from])
		s.linkFree[from] = start + time.Duration(messageSize(m)*int64(time.Second)/nw.Bandwidth)
		at = s.linkFree[from]
	}
	at += nw.Latency + expJitter(s.netRng, nw.Jitter)
	s.schedule(at, evDeliver, to, 0, m)
}

// serve models dag.Node's serving goroutine for a response m: unless
// MaxServing responses to the same peer are queued already (then m is
// dropped), m waits for the responses before it and costs ServeCost per
// block; serve returns when it leaves. An honest validator's fetch response
// must hold at most MaxFetchBlocks blocks.
func (s *sim) serve(m dag.Message) (time.Duration, bool) {
	from, to := int(m.From), int(m.To)
	nd := s.nodes[from]
	if m.Type == dag.MsgFetchResponse && nd.honest && len(m.Blocks) > nd.maxFetchBlocks {
		s.violate("serving", "validator %d answered a fetch request of validator %d with %d blocks, more than MaxFetchBlocks %d", from, to, len(m.Blocks), nd.maxFetchBlocks)
	}
	if s.cfg.ServeCost == 0 {
		s.msgs.Served++
		return s.now, true
	}
	q := s.queued[from*s.n+to] // in the order they leave: one serving goroutine
	k := 0
	for k < len(q) && q[k] <= s.now {
		k++
	}
	q = q[k:]
	if s.cfg.MaxServing > 0 && len(q) >= s.cfg.MaxServing {
		s.queued[from*s.n+to] = q
		s.msgs.Throttled++
		return 0, false
	}
	blocks := len(m.Blocks) + len(m.Certifiers)
	done := max(s.now, s.serveFree[from]) + time.Duration(blocks)*s.cfg.ServeCost
	s.serveFree[from] = done
	q = append(q, done)
	s.queued[from*s.n+to] = q
	s.msgs.Served++
	s.msgs.MaxQueued = max(s.msgs.MaxQueued, len(q))
	return done, true
}

// cut reports whether a partition separates a and b now.
func (s *sim) cut(a, b int) bool {
	for k, p := range s.cfg.Partitions {
		if s.now >= p.Start && s.now < p.End && s.groups[k][a] != s.groups[k][b] {
			return true
		}
	}
	return false
}

// submit runs the client: the transactions due since the last batch, spread over
// the validators that are up.
func (s *sim) submit() {
	c := &s.cfg
	due := int(int64(c.TxRate)*int64(s.now/time.Second) + int64(c.TxRate)*int64(s.now%time.Second)/int64(time.Second))
	if c.TotalTxs > 0 {
		due = min(due, c.TotalTxs)
	}
	if k := due - s.attempted; k > 0 {
		s.submitBatch(k)
	}
	if s.now >= s.submitEnd || (c.TotalTxs > 0 && s.attempted >= c.TotalTxs) {
		return
	}
	s.schedule(min(s.now+submitInterval, s.submitEnd), evSubmit, 0, 0, dag.Message{})
}

func (s *sim) submitBatch(k int) {
	var up []int
	for _, nd := range s.nodes {
		if nd.up {
			up = append(up, nd.idx)
		}
	}
	if len(up) == 0 {
		return // nobody to take them: they come later, in one burst
	}
	size := s.cfg.TxSize
	slab := make([]byte, k*size) // one allocation; transactions are views of it
	first := uint64(len(s.txSubmit))
	for i := range s.counts {
		s.counts[i] = grow(s.counts[i], k)
	}
	for j := 0; j < k; j++ {
		id := first + uint64(j)
		tx := slab[j*size : (j+1)*size : (j+1)*size]
		copy(tx, txMagic)
		binary.BigEndian.PutUint64(tx[len(txMagic):], id)
		var t int
		if s.cfg.RandomTargets {
			t = up[s.cliRng.IntN(len(up))]
		} else {
			t = up[s.rr%len(up)]
			s.rr++
		}
		s.batches[t] = append(s.batches[t], tx)
		s.txSubmit = append(s.txSubmit, s.now)
		s.txTarget = append(s.txTarget, int32(t))
		s.txFirst = append(s.txFirst, -1)
	}
	s.attempted += k
	for t, txs := range s.batches {
		if len(txs) == 0 {
			continue
		}
		nd := s.nodes[t]
		err := nd.rn.Propose(txs...)
		switch {
		case err == nil:
			s.submitted += len(txs)
			if nd.honest && !s.crashes[t] {
				for _, tx := range txs {
					s.expected = append(s.expected, binary.BigEndian.Uint64(tx[len(txMagic):]))
				}
			}
		case errors.Is(err, dag.ErrMempoolFull):
			s.rejected += len(txs)
			for _, tx := range txs {
				s.txTarget[binary.BigEndian.Uint64(tx[len(txMagic):])] = -1
			}
		default:
			s.violate("propose", "validator %d refused %d transactions: %v", t, len(txs), err)
			for _, tx := range txs {
				s.txTarget[binary.BigEndian.Uint64(tx[len(txMagic):])] = -1
			}
		}
		clear(txs)
		s.batches[t] = txs[:0]
		s.drain(nd)
	}
}

// grow extends b by k zero bytes.
func grow(b []uint8, k int) []uint8 {
	n := len(b)
	if cap(b)-n < k {
		nb := make([]uint8, n, 2*n+k)
		copy(nb, b)
		b = nb
	}
	b = b[:n+k]
	clear(b[n:])
	return b
}

// apply applies a node's commits: it checks their sequence and counts their
// transactions.
func (s *sim) apply(nd *node, commits []chain.Commit) {
	for _, c := range commits {
		if c.Index <= nd.applied {
			// Derived again after a restart: it must be the commit applied then.
			if nd.honest && c.Index >= 1 && c.Index <= uint64(len(nd.log)) && nd.log[c.Index-1].digest != c.Digest {
				s.violate("restart", "validator %d derived commit %d as %s after restarting, applied %s before", nd.idx, c.Index, c.Digest.Short(), nd.log[c.Index-1].digest.Short())
			}
			continue
		}
		if c.Index != nd.applied+1 && nd.honest {
			s.violate("safety", "validator %d: commit %d follows commit %d", nd.idx, c.Index, nd.applied)
		}
		nd.applied = c.Index
		if !nd.honest {
			if s.closes(nd, c) {
				s.nextEpoch(nd, c)
				return // the rest of these commits are void
			}
			continue
		}
		nd.log = append(nd.log, commitRec{index: c.Index, digest: c.Digest, epoch: c.Epoch, leaderRound: c.LeaderRound, at: s.now})
		counts := s.counts[nd.idx]
		for _, tx := range c.Txs {
			if len(tx) < txHeader || string(tx[:len(txMagic)]) != txMagic {
				continue // a Byzantine validator's
			}
			id := binary.BigEndian.Uint64(tx[len(txMagic):])
			if id >= uint64(len(s.txSubmit)) {
				continue
			}
			if len(tx) != s.cfg.TxSize {
				s.violate("validity", "validator %d committed transaction %d with %d bytes, submitted with %d", nd.idx, id, len(tx), s.cfg.TxSize)
			}
			target := s.txTarget[id]
			if target < 0 {
				s.violate("validity", "validator %d committed transaction %d, which the mempool refused", nd.idx, id)
				continue
			}
			if counts[id] > 0 {
				nd.dupTxs++
				if !s.equivocates[target] {
					s.violate("validity", "validator %d committed transaction %d (given to validator %d) twice, in commits up to %d", nd.idx, id, target, c.Index)
				}
			}
			if counts[id] < 255 {
				counts[id]++
			}
			if s.txFirst[id] < 0 {
				s.txFirst[id] = s.now
				s.committed++
			}
		}
		if s.closes(nd, c) {
			s.nextEpoch(nd, c)
			return // the rest of these commits are void
		}
	}
}

// noteEvidence checks and records equivocation evidence.
func (s *sim) noteEvidence(nd *node, evs []dag.Equivocation) {
	for _, ev := range evs {
		if !nd.honest {
			continue
		}
		a, b := ev.First, ev.Second
		var set *chain.ValidatorSet
		if a != nil {
			set = s.ep.set(a.Epoch)
		}
		ok := a != nil && b != nil && set != nil && a.Epoch == b.Epoch && a.Author == ev.Author && b.Author == ev.Author && a.Round == ev.Round && b.Round == ev.Round &&
			a.Digest() != b.Digest() && set.Valid(ev.Author)
		if ok {
			key := set.Key(ev.Author)
			da, db := a.Digest(), b.Digest()
			ok = ed25519.Verify(key, da[:], a.Signature) && ed25519.Verify(key, db[:], b.Signature)
		}
		if !ok {
			s.violate("accountability", "validator %d reported invalid evidence against %d at round %d", nd.idx, ev.Author, ev.Round)
			continue
		}
		author := s.ep.num(a.Epoch, ev.Author)
		if s.nodes[author].honest {
			s.violate("accountability", "validator %d holds evidence against honest validator %d at round %d", nd.idx, author, ev.Round)
		}
		nd.evidence[author] = true

	}
}

// live reports whether an honest node is up (the checkers expect things of it).
func (nd *node) live() bool { return nd.honest && nd.up }

func (nd *node) lastLeaderRound() uint64 {
	if len(nd.log) == 0 {
		return 0
	}
	return nd.log[len(nd.log)-1].leaderRound
}

// committedSince reports whether the node applied a commit after t.
func (nd *node) committedSince(t time.Duration) bool {
	return len(nd.log) > 0 && nd.log[len(nd.log)-1].at > t
}

// finished reports whether the run has done what it was asked: submissions and
// disruptions over, the rounds reached, every expected transaction committed by
// every live honest validator, and each of them committing again after the last
// disruption.
func (s *sim) finished() bool {
	if s.now < s.runEnd {
		return false
	}
	if s.cfg.TotalTxs > 0 && s.attempted < s.cfg.TotalTxs {
		return false
	}
	for _, nd := range s.nodes {
		if !nd.live() {
			continue
		}
		if s.cfg.Rounds > 0 && nd.lastLeaderRound() < s.cfg.Rounds {
			return false
		}
		if !nd.committedSince(s.lastDisruption) {
			return false
		}
		counts := s.counts[nd.idx]
		for nd.cursor < len(s.expected) && (counts[s.expected[nd.cursor]] > 0 || s.excused[s.expected[nd.cursor]]) {
			nd.cursor++
		}
		if nd.cursor < len(s.expected) {
			return false
		}
	}
	return true
}

func (s *sim) progress() {
	if s.cfg.Progress == nil {
		return
	}
	switch {
	case s.cfg.TotalTxs > 0:
		s.cfg.Progress(s.committed, s.cfg.TotalTxs)
	case s.cfg.Rounds > 0:
		low := uint64(0)
		first := true
		for _, nd := range s.nodes {
			if nd.live() && (first || nd.lastLeaderRound() < low) {
				low, first = nd.lastLeaderRound(), false
			}
		}
		s.cfg.Progress(int(min(low, s.cfg.Rounds)), int(s.cfg.Rounds))
	default:
		s.cfg.Progress(int(min(s.now, s.cfg.Duration)/time.Millisecond), int(s.cfg.Duration/time.Millisecond))
	}
}

// expJitter draws a delay with mean about m and an exponential tail, with integer
// arithmetic only: -ln(u) = ln 2 * -log2(u), log2 taken piecewise linearly
// between powers of two (the mean comes out about 4% high).
func expJitter(r *rand.Rand, m time.Duration) time.Duration {
	if m <= 0 {
		return 0
	}
	u := r.Uint64() | 1
	lz := bits.LeadingZeros64(u)
	frac := (u << (lz + 1)) >> 48         // the 16-bit mantissa below the leading 1
	e := uint64(lz+1)<<16 - frac          // -log2(u / 2^64), 16.16 fixed point
	d := (uint64(m) * e) >> 16            // m * -log2(u)
	return time.Duration(d * 45426 >> 16) // * ln 2 (45426/65536)
}

// serveCommits answers a commit sync request from the node's store, as a
// validator's serving goroutine would.
func (s *sim) serveCommits(nd *node, m dag.Message) {
	s.msgs.CommitRequests++
	resp, ok, err := dag.ServeCommits(nd.db, s.ep.set, uint32(nd.idx), m, s.cfg.SyncLimits)
	if err != nil {
		s.violate("sync", "validator %d: serve commits after %d: %v", nd.idx, m.Index, err)
		return
	}
	if !ok {
		return
	}
	if !nd.honest {
		// A Byzantine server withholds half its answers, and corrupts some: a
		// header whose digest no longer matches its chain.
		if nd.behavior&Withhold != 0 && s.byzRng.IntN(2) == 0 {
			return
		}
		if nd.behavior&InvalidSignatures != 0 && s.byzRng.IntN(2) == 0 {
			resp.Headers = append([]dag.CommitHeader(nil), resp.Headers...)
			resp.Headers[0].Timestamp++
		}
	}
	s.msgs.CommitResponses++
	s.send(resp)
}
