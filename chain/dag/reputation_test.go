package dag

import (
	"crypto/ed25519"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

func stakeSet(t *testing.T, stakes ...uint64) *chain.ValidatorSet {
	keys := testKeys(len(stakes))
	vals := make([]chain.Validator, len(keys))
	for i, k := range keys {
		vals[i] = chain.Validator{Key: k.Public().(ed25519.PublicKey), Stake: stakes[i], Name: fmt.Sprint("v", i)}
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	return set
}

func badOf(t swapTable, n int) []uint32 {
	var out []uint32
	for v := range uint32(n) {
		if t.isBad(v) {
			out = append(out, v)
		}
	}
	return out
}

func TestReputationSwapTable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stakes []uint64
		scores []uint64
		bad    []uint32
	}{
		{"all equal: nobody", []uint64{1, 1, 1, 1}, []uint64{9, 9, 9, 9}, nil},
		{"all zero: nobody", []uint64{1, 1, 1, 1}, []uint64{0, 0, 0, 0}, nil},
		{"one crashed", []uint64{1, 1, 1, 1}, []uint64{12, 0, 11, 12}, []uint32{1}},
		{"noise is not bad", []uint64{1, 1, 1, 1}, []uint64{12, 6, 11, 12}, nil},
		{"below half is bad", []uint64{1, 1, 1, 1}, []uint64{12, 5, 11, 12}, []uint32{1}},
		{"two low of four: f=1, the lower", []uint64{1, 1, 1, 1}, []uint64{12, 3, 12, 2}, []uint32{3}},
		{"two equal low of four: lower index", []uint64{1, 1, 1, 1}, []uint64{0, 12, 12, 0}, []uint32{0}},
		{"seven: f=2", []uint64{1, 1, 1, 1, 1, 1, 1}, []uint64{0, 9, 9, 0, 9, 0, 9}, []uint32{0, 3}},
		{"stake: a heavy low scorer exceeds the bound", []uint64{2, 1, 1, 1}, []uint64{0, 9, 9, 9}, nil},
		{"stake: the bound stops at the heavy one", []uint64{1, 3, 1, 1, 1, 1}, []uint64{0, 0, 9, 9, 9, 9}, []uint32{0}},
		{"stake: two light ones within the bound", []uint64{3, 1, 1, 3}, []uint64{9, 0, 1, 9}, []uint32{1, 2}},
		{"huge stakes and scores do not overflow", []uint64{1 << 58, 1 << 58, 1 << 58, 1 << 58}, []uint64{math.MaxUint64, 0, math.MaxUint64 - 1, math.MaxUint64}, []uint32{1}},
		{"huge scores: half the best is not bad", []uint64{1, 1, 1, 1}, []uint64{math.MaxUint64, math.MaxUint64/2 + 1, math.MaxUint64, math.MaxUint64}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := stakeSet(t, tc.stakes...)
			tab := newSwapTable(set, tc.scores, 7)
			require.Equal(t, uint64(7), tab.from)
			require.Equal(t, tc.bad, badOf(tab, set.Len()))
			var stake uint64
			for _, v := range tc.bad {
				stake += set.Stake(v)
			}
			require.LessOrEqual(t, stake, set.TotalStake()-set.QuorumThreshold(), "at most f swapped out")
		})
	}
}

func TestReputationAddSat(t *testing.T) {
	require.Equal(t, uint64(5), addSat(2, 3))
	require.Equal(t, uint64(math.MaxUint64), addSat(math.MaxUint64-1, 3))
	require.Equal(t, uint64(math.MaxUint64), addSat(math.MaxUint64, math.MaxUint64))
}

func TestReputationRoundLeaders(t *testing.T) {
	for _, tc := range []struct {
		n, leaders int
		bad        []uint32
		want       int // slots per round
	}{
		{4, 4, nil, 4},
		{4, 4, []uint32{3}, 3}, // nobody left to take the bad one's slot
		{4, 1, []uint32{3}, 1},
		{7, 4, []uint32{1, 5}, 4},
		{10, 4, []uint32{0, 1, 2}, 4},
	} {
		t.Run(fmt.Sprintf("n=%d,leaders=%d,bad=%v", tc.n, tc.leaders, tc.bad), func(t *testing.T) {
			set := testSet(t, testKeys(tc.n))
			base := NewStakeSchedule(set, [32]byte{1})
			r := newReputationSchedule(base, set, tc.leaders, 8, 0)
			scores := make([]uint64, tc.n)
			for i := range scores {
				scores[i] = 10
			}
			for _, v := range tc.bad {
				scores[v] = 0
			}
			r.tables = append(r.tables, newSwapTable(set, scores, 100))
			require.Equal(t, tc.bad, badOf(r.tables[1], tc.n))
			swapped := 0
			for round := uint64(1); round < 300; round++ {
				got := r.roundLeaders(round, tc.leaders)
				require.Equal(t, got, r.roundLeaders(round, tc.leaders), "deterministic")
				if round < 100 { // the base schedule before the table applies
					require.Len(t, got, tc.leaders)
					for _, s := range got {
						require.Equal(t, base.Leader(round, s.Offset), s.Author)
					}
					continue
				}
				require.Len(t, got, tc.want, "round %d", round)
				seen := map[uint32]bool{}
				for i, s := range got {
					require.Equal(t, round, s.Round)
					require.False(t, seen[s.Author], "round %d: %v has a leader twice", round, got)
					seen[s.Author] = true
					require.False(t, r.tables[1].isBad(s.Author), "round %d: bad leader %d", round, s.Author)
					if i > 0 {
						require.Less(t, got[i-1].Offset, s.Offset)
					}
					require.Equal(t, s.Author, r.Leader(round, s.Offset))
					if s.Author != base.Leader(round, s.Offset) {
						swapped++
					}
				}
			}
			if len(tc.bad) > 0 && tc.want == tc.leaders {
				require.Positive(t, swapped, "bad leaders are replaced")
			}
		})
	}
}

// mkBlock makes an unsigned block with a digest of its own, for scoring tests.
func mkBlock(round uint64, author uint32, parents ...*Block) *Block {
	b := &Block{Round: round, Author: author}
	b.digest = chain.Digest{byte(round), byte(author), 0xb1}
	for _, p := range parents {
		b.Parents = append(b.Parents, p.Ref())
	}
	return b
}

func TestReputationScoresVotes(t *testing.T) {
	set := testSet(t, testKeys(4))
	r := newReputationSchedule(RoundRobin{N: 4}, set, 4, 4, 100) // the epoch starts after commit 100
	g := make([]*Block, 4)
	for a := range g {
		g[a] = mkBlock(0, uint32(a))
	}
	// Round 1: 0, 1, 2 (3 is down); the leader is 0's block.
	r1 := []*Block{mkBlock(1, 0, g[0], g[1], g[2]), mkBlock(1, 1, g[1], g[0], g[2]), mkBlock(1, 2, g[2], g[0], g[1])}
	r.observe(101, r1[0], []*Block{r1[0]})
	// Round 2: each links the leader: three votes. A twin of 2's vote earns nothing more.
	r2 := []*Block{mkBlock(2, 0, r1[0], r1[1], r1[2]), mkBlock(2, 1, r1[1], r1[0], r1[2]), mkBlock(2, 2, r1[2], r1[0], r1[1])}
	twin := mkBlock(2, 2, r1[2], r1[0], r1[1])
	twin.digest[3] = 1
	// Round 3: 0 and 1 link all three votes; 2 saw 2's vote only (the others were late).
	r3 := []*Block{mkBlock(3, 0, r2[0], r2[1], r2[2]), mkBlock(3, 1, r2[1], r2[0], twin), mkBlock(3, 2, r2[2], twin)}
	// A weak link (round 4 to a round-2 vote) is not counted.
	r4 := mkBlock(4, 3, r3[0], r3[1], r3[2], r2[0])
	r.observe(102, r3[0], []*Block{r1[1], r1[2], r2[0], r2[1], r2[2], twin, r3[0]})
	require.Equal(t, []uint64{1, 1, 1, 0}, r.scores, "a vote is worth the stake that linked it so far: its own author's")
	r.observe(103, r4, []*Block{r3[1], r3[2], r4})
	// vote(0) linked by 0, 1; vote(1) by 0, 1; vote(2) and its twin by 0, 1, 2.
	require.Equal(t, []uint64{2, 2, 3, 0}, r.scores)
	require.False(t, r.takeChange())

	// The fourth commit closes the window: a new table from round 5, scores reset.
	r.observe(104, mkBlock(5, 0), nil)
	require.True(t, r.takeChange())
	require.False(t, r.takeChange())
	require.Len(t, r.tables, 2)
	require.Equal(t, uint64(6), r.tables[1].from)
	require.Equal(t, []uint32{3}, badOf(r.tables[1], 4))
	require.Equal(t, []uint64{2, 2, 3, 0}, r.tables[1].scores)
	require.Equal(t, []uint64{0, 0, 0, 0}, r.scores)
	require.Empty(t, r.leaders)
	require.Empty(t, r.votes)
}

// repNet is a lockstep network with validators that are down from the start.
type repNet struct {
	t       *testing.T
	nodes   []*RawNode
	down    []bool
	now     time.Time
	commits [][]chain.Commit
	blocks  []*Block // every block broadcast, in order
	stores  []*MemoryStore
}

func newRepNet(t *testing.T, n int, down []int, mutate func(*Config)) *repNet {
	keys := testKeys(n)
	set := testSet(t, keys)
	net := &repNet{t: t, now: epoch0, down: make([]bool, n), commits: make([][]chain.Commit, n)}
	for _, d := range down {
		net.down[d] = true
	}
	for i := range keys {
		cfg := Config{Signer: chain.NewKeySigner(keys[i]), Validators: set}
		if mutate != nil {
			mutate(&cfg)
		}
		rn, err := NewRawNode(cfg, net.now)
		require.NoError(t, err)
		net.nodes = append(net.nodes, rn)
		net.stores = append(net.stores, NewMemoryStore())
	}
	return net
}

func (net *repNet) step(d time.Duration) {
	net.now = net.now.Add(d)
	for i, rn := range net.nodes {
		if !net.down[i] {
			rn.Tick(net.now)
		}
	}
	for {
		var inbox []Message
		for i, rn := range net.nodes {
			if net.down[i] || !rn.HasReady() {
				continue
			}
			rd := rn.Ready()
			for _, b := range rd.Broadcast {
				net.blocks = append(net.blocks, b)
				for j := range net.nodes {
					if j != i {
						inbox = append(inbox, Message{Type: MsgBlock, From: uint32(i), To: uint32(j), Block: b})
					}
				}
			}
			inbox = append(inbox, rd.Messages...)
			net.commits[i] = append(net.commits[i], rd.Commits...)
			require.NoError(net.t, net.stores[i].SaveBlocks(rd.Accepted))
			require.NoError(net.t, net.stores[i].SaveHeaders(rd.Headers))
			rn.Advance()
		}
		if len(inbox) == 0 {
			return
		}
		for _, m := range inbox {
			if !net.down[m.To] {
				_ = net.nodes[m.To].Step(m)
			}
		}
	}
}

// run offers a transaction to each live node and steps, rounds times.
func (net *repNet) run(rounds int, d time.Duration) {
	for r := 0; r < rounds; r++ {
		for i, rn := range net.nodes {
			if !net.down[i] {
				require.NoError(net.t, rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d", i, r))))
			}
		}
		net.step(d)
	}
}

// TestReputationSameScheduleAcrossChange runs four validators with one down:
// every live one builds the same swap tables from the same commits, drops the
// crashed one from the leader slots from the round after the change on, and
// stops skipping (waiting for) it. With all four up, nobody is swapped.
func TestReputationSameScheduleAcrossChange(t *testing.T) {
	t.Run("one down", func(t *testing.T) {
		net := newRepNet(t, 4, []int{3}, func(c *Config) { c.ReputationWindow = 8 })
		net.run(60, 60*time.Millisecond)
		ref := net.nodes[0].reputation()
		require.NotNil(t, ref)
		for i := 1; i < 3; i++ {
			require.Equal(t, len(net.commits[0]), len(net.commits[i]))
			for k := range net.commits[0] {
				require.Equal(t, net.commits[0][k].Digest, net.commits[i][k].Digest, "node %d commit %d", i, k+1)
			}
			require.Equal(t, ref.tables, net.nodes[i].reputation().tables, "node %d", i)
		}
		require.Len(t, ref.tables, 2)
		rep := net.nodes[0].Reputation()
		require.Equal(t, []uint32{3}, rep.Swapped)
		require.Equal(t, 8, rep.Window)
		require.Equal(t, ref.tables[1].from, rep.From)
		cur := ref.tables[1]
		require.Equal(t, []uint32{3}, badOf(cur, 4))
		require.Zero(t, cur.scores[3])
		// From the first change on, validator 3 leads no slot.
		first := uint64(0)
		for _, c := range net.commits[0] {
			if c.Index == 8 {
				first = c.LeaderRound + 1
			}
		}
		require.Positive(t, first)
		high := net.nodes[0].DAG().HighestRound()
		require.Greater(t, high, first+20)
		for round := first; round <= high; round++ {
			for _, s := range net.nodes[0].cfg.Committer.Leaders(round) {
				require.NotEqual(t, uint32(3), s.Author, "round %d", round)
			}
			require.Len(t, net.nodes[0].cfg.Committer.Leaders(round), 3)
		}
		for _, c := range net.commits[0] {
			require.NotEqual(t, uint32(3), c.LeaderAuthor)
		}
		// Skips of 3's slots stop at the change: far fewer than one per round.
		st := net.nodes[0].Stats()
		require.Less(t, st.SkippedLeaders, first)
	})
	t.Run("all up", func(t *testing.T) {
		net := newRepNet(t, 4, nil, func(c *Config) { c.ReputationWindow = 8 })
		net.run(40, 60*time.Millisecond)
		r := net.nodes[0].reputation()
		require.Len(t, r.tables, 2, "tables were made")
		require.Nil(t, r.tables[1].bad, "nobody swapped: %v", r.tables[1].scores)
		require.Zero(t, net.nodes[0].Stats().SkippedLeaders)
	})
	t.Run("off", func(t *testing.T) {
		net := newRepNet(t, 4, []int{3}, func(c *Config) { c.ReputationWindow = -1 })
		net.run(30, 60*time.Millisecond)
		require.Nil(t, net.nodes[0].reputation())
		require.Equal(t, Reputation{}, net.nodes[0].Reputation())
		require.Positive(t, len(net.commits[0]))
	})
}

// TestReputationRedecidesAfterChange is Sui's pitfall 5: a validator that takes
// a long stretch of the DAG at once decides many slots in one pass, across
// several schedule changes. It must stop at each change and decide the rest
// with the new table, as the validators that decided slot by slot did; else it
// keeps the old table's decisions (a skip of the crashed validator's slot where
// the others committed the block of the validator swapped in) and forks.
func TestReputationRedecidesAfterChange(t *testing.T) {
	const n = 7
	net := newRepNet(t, n, []int{n - 1}, func(c *Config) { c.ReputationWindow = 8 })
	net.run(50, 60*time.Millisecond)
	want := net.commits[0]
	require.Greater(t, len(want), 40)
	// Some commits are of validators swapped in for the down one: under the
	// old table those slots were the down validator's, and skipped.
	base := net.nodes[0].reputation().base
	swappedIn := 0
	for _, c := range want {
		elected := false
		for k := range 4 {
			elected = elected || base.Leader(c.LeaderRound, k) == c.LeaderAuthor
		}
		if !elected {
			swappedIn++
		}
	}
	require.Positive(t, swappedIn)

	// The down validator comes up empty and gets every block at once: all of
	// them wait for validator 0's first block, sent last.
	keys := testKeys(n)
	obs, err := NewRawNode(Config{Signer: chain.NewKeySigner(keys[n-1]), Validators: net.nodes[0].cfg.Validators, ReputationWindow: 8}, net.now)
	require.NoError(t, err)
	var first *Block
	for _, b := range net.blocks {
		if b.Round == 1 && b.Author == 0 {
			first = b
			continue
		}
		require.NoError(t, obs.Step(Message{Type: MsgBlock, From: b.Author, To: n - 1, Block: b}))
	}
	require.NotNil(t, first)
	require.Empty(t, obs.Ready().Commits, "nothing accepted yet")
	obs.Advance()
	require.NoError(t, obs.Step(Message{Type: MsgBlock, From: 0, To: n - 1, Block: first}))
	got := obs.Ready().Commits
	require.Greater(t, len(got), 3*8, "several windows decided in one pass")
	for k := range min(len(got), len(want)) {
		require.Equal(t, want[k].LeaderRound, got[k].LeaderRound, "commit %d", k+1)
		require.Equal(t, want[k].LeaderAuthor, got[k].LeaderAuthor, "commit %d", k+1)
		require.Equal(t, want[k].Digest, got[k].Digest, "commit %d", k+1)
	}
}

// TestReputationEpochReset: the next epoch starts with no swap table and counts
// its windows from its first commit (validator indices and stakes may change
// with the set).
func TestReputationEpochReset(t *testing.T) {
	net := newRepNet(t, 4, []int{3}, func(c *Config) { c.ReputationWindow = 8 })
	net.run(40, 60*time.Millisecond)
	rn := net.nodes[0]
	require.Equal(t, []uint32{3}, badOf(rn.reputation().tables[1], 4))
	last := net.commits[0][len(net.commits[0])-1]
	require.NoError(t, rn.NextEpoch(rn.cfg.Validators, last))
	r := rn.reputation()
	require.NotNil(t, r)
	require.Len(t, r.tables, 1)
	require.Nil(t, r.tables[0].bad)
	require.Equal(t, last.Index, r.start)
	require.Equal(t, []uint64{0, 0, 0, 0}, r.scores)
}

// TestReputationRecoveredValidatorLeadsAgain: a validator swapped out while it
// was down votes again once it is back, and the window after that puts it back
// in the leader schedule.
func TestReputationRecoveredValidatorLeadsAgain(t *testing.T) {
	net := newRepNet(t, 4, []int{3}, func(c *Config) { c.ReputationWindow = 8 })
	net.run(25, 60*time.Millisecond)
	require.Equal(t, []uint32{3}, net.nodes[0].Reputation().Swapped)
	back := len(net.commits[0])
	net.down[3] = false
	net.run(60, 60*time.Millisecond)
	require.Empty(t, net.nodes[0].Reputation().Swapped, "scores %v", net.nodes[0].Reputation().Scores)
	led := 0
	for _, c := range net.commits[0][back:] {
		if c.LeaderAuthor == 3 {
			led++
		}
	}
	require.Positive(t, led, "validator 3 leads again")
	for i := 1; i < 4; i++ {
		require.Equal(t, net.nodes[0].reputation().tables, net.nodes[i].reputation().tables, "node %d", i)
	}
}

// TestReputationRecoverFrom: a validator restarted from its stored commit
// headers and a GC window of blocks (RawNode.RecoverFrom), not the whole
// epoch, rebuilds the swap tables its peers hold, and goes on committing what
// they commit. Seven validators, one down: the swapped-in leaders' blocks are
// committed, so a node without the tables would decide other slots.
func TestReputationRecoverFrom(t *testing.T) {
	const n = 7
	mutate := func(c *Config) { c.ReputationWindow, c.GCDepth = 8, 20 }
	net := newRepNet(t, n, []int{n - 1}, mutate)
	net.run(60, 60*time.Millisecond)
	want := net.nodes[1].reputation()
	require.Equal(t, []uint32{n - 1}, badOf(want.tables[len(want.tables)-1], n))

	old := net.nodes[0]
	applied := net.commits[0][len(net.commits[0])-1].Index
	rec, err := net.stores[0].LoadRecovery(0, applied, old.RecoveryNeeds(), 0)
	require.NoError(t, err)
	require.NotEmpty(t, rec.Headers)
	require.Greater(t, rec.Headers[0].Index, uint64(1), "a bounded recovery, not the whole epoch")
	fresh := func() *RawNode {
		cfg := Config{Signer: old.cfg.Signer, Validators: old.cfg.Validators}
		mutate(&cfg)
		rn, err := NewRawNode(cfg, net.now)
		require.NoError(t, err)
		return rn
	}
	require.True(t, fresh().replayReputation(rec.Headers, rec.Blocks), "the headers reach back far enough")
	require.False(t, fresh().replayReputation(rec.Headers[len(rec.Headers)-3:], rec.Blocks), "three headers do not")
	rn := fresh()
	require.NoError(t, rn.RecoverFrom(rec))
	require.Equal(t, want.tables, rn.reputation().tables)

	// A store that lost some of those blocks (pruned too close): RecoverFrom
	// refuses it, and NewNode recovers the whole epoch instead, with the same
	// tables.
	lossy, err := lossyStore{net.stores[0]}.LoadRecovery(0, applied, old.RecoveryNeeds(), 0)
	require.NoError(t, err)
	require.ErrorIs(t, fresh().RecoverFrom(lossy), ErrIncompleteRecovery)
	nd, err := NewNode(NodeConfig{
		Config:    Config{Signer: old.cfg.Signer, Validators: old.cfg.Validators, ReputationWindow: 8, GCDepth: 20},
		App:       &recordApp{},
		Transport: NewMemoryNetwork(n, 0).Transport(0),
		Store:     lossyStore{net.stores[0]},
		Now:       func() time.Time { return net.now },
		Applied:   applied,
	})
	require.NoError(t, err)
	require.Equal(t, want.tables, nd.rn.reputation().tables)
	require.NoError(t, nd.Close())

	net.nodes[0] = rn
	net.run(40, 60*time.Millisecond)
	require.Greater(t, uint64(len(net.commits[1])), applied+40)
	for i := 0; i < n-1; i++ {
		require.Equal(t, net.nodes[1].reputation().tables, net.nodes[i].reputation().tables, "node %d", i)
		got := net.commits[i]
		for k := range min(len(got), len(net.commits[1])) {
			require.Equal(t, net.commits[1][k].Digest, got[k].Digest, "node %d commit %d", i, k+1)
		}
	}
}

// lossyStore loses the blocks of the older half of the headers a bounded
// recovery reads (at least one commit reputation replays).
type lossyStore struct{ *MemoryStore }

func (s lossyStore) LoadRecovery(epoch, applied uint64, needs RecoveryNeeds, self uint32) (Recovery, error) {
	r, err := s.MemoryStore.LoadRecovery(epoch, applied, needs, self)
	if err != nil || len(r.Headers) == 0 {
		return r, err
	}
	lost := map[BlockRef]bool{}
	for _, h := range r.Headers[:len(r.Headers)/2] {
		for _, ref := range h.Blocks {
			lost[ref] = true
		}
	}
	r.Blocks = slices.DeleteFunc(r.Blocks, func(b *Block) bool { return lost[b.Ref()] })
	return r, nil
}
