package dag

import (
	"crypto/ed25519"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// testKeys returns n deterministic validator keys.
func testKeys(n int) []ed25519.PrivateKey {
	keys := make([]ed25519.PrivateKey, n)
	for i := range keys {
		seed := make([]byte, ed25519.SeedSize)
		seed[0], seed[1] = byte(i), 0xda
		keys[i] = ed25519.NewKeyFromSeed(seed)
	}
	return keys
}

func testSet(t testing.TB, keys []ed25519.PrivateKey) *chain.ValidatorSet {
	vals := make([]chain.Validator, len(keys))
	for i, k := range keys {
		vals[i] = chain.Validator{Key: k.Public().(ed25519.PublicKey), Stake: 1, Name: fmt.Sprint("v", i)}
	}
	set, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	return set
}

var epoch0 = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// lockstep is a tiny network: every message is delivered at once, all nodes share
// one clock. Enough to exercise the core; chain/dag/sim models real networks.
type lockstep struct {
	t       testing.TB
	nodes   []*RawNode
	now     time.Time
	commits [][]chain.Commit
	inbox   []Message
	// onCommit, if set, sees each commit as node i applies it; returning false
	// voids the rest of that Ready's commits (an epoch change).
	onCommit func(i int, c chain.Commit) bool
}

func newLockstep(t testing.TB, n int, mutate func(*Config)) *lockstep {
	keys := testKeys(n)
	set := testSet(t, keys)
	l := &lockstep{t: t, now: epoch0, commits: make([][]chain.Commit, n)}
	for i := range keys {
		cfg := Config{Signer: chain.NewKeySigner(keys[i]), Validators: set}
		if mutate != nil {
			mutate(&cfg)
		}
		rn, err := NewRawNode(cfg, l.now)
		require.NoError(t, err)
		l.nodes = append(l.nodes, rn)
	}
	return l
}

// step ticks every node by d and delivers everything until quiet.
func (l *lockstep) step(d time.Duration) {
	l.now = l.now.Add(d)
	for _, rn := range l.nodes {
		rn.Tick(l.now)
	}
	for rounds := 0; rounds < 100; rounds++ {
		quiet := true
		for i, rn := range l.nodes {
			if !rn.HasReady() {
				continue
			}
			quiet = false
			rd := rn.Ready()
			for _, b := range rd.Broadcast {
				for j := range l.nodes {
					if j != i {
						l.inbox = append(l.inbox, Message{Type: MsgBlock, From: uint32(i), To: uint32(j), Block: b})
					}
				}
			}
			l.inbox = append(l.inbox, rd.Messages...)
			for _, c := range rd.Commits {
				l.commits[i] = append(l.commits[i], c)
				if l.onCommit != nil && !l.onCommit(i, c) {
					break
				}
			}
			rn.Advance()
		}
		msgs := l.inbox
		l.inbox = nil
		for _, m := range msgs {
			quiet = false
			if err := l.nodes[m.To].Step(m); err != nil {
				require.ErrorIs(l.t, err, ErrWrongEpoch)
			}
		}
		if quiet {
			return
		}
	}
}

// requireAgreement checks that every node made the same commits and that they
// hold sent distinct transactions, each once.
func (l *lockstep) requireAgreement(sent int) {
	t := l.t
	for i := 1; i < len(l.nodes); i++ {
		require.Equal(t, len(l.commits[0]), len(l.commits[i]), "node %d", i)
		for k := range l.commits[0] {
			require.Equal(t, l.commits[0][k].Digest, l.commits[i][k].Digest, "node %d commit %d", i, k+1)
		}
	}
	seen := map[string]int{}
	for _, c := range l.commits[0] {
		for _, tx := range c.Txs {
			seen[string(tx)]++
		}
	}
	require.Len(t, seen, sent)
	for tx, n := range seen {
		require.Equal(t, 1, n, tx)
	}
}

func TestLockstepCommits(t *testing.T) {
	l := newLockstep(t, 4, nil)
	sent := 0
	for r := 0; r < 60; r++ {
		for i, rn := range l.nodes {
			require.NoError(t, rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d", i, r))))
			sent++
		}
		l.step(60 * time.Millisecond)
	}
	for i := 0; i < 20; i++ {
		l.step(60 * time.Millisecond)
	}
	l.requireAgreement(sent)
	st := l.nodes[0].Stats()
	t.Logf("stats: %+v", st)
	require.Zero(t, st.SkippedLeaders)
	require.Greater(t, st.CommittedLeaders, uint64(70))
}

func TestLockstepBullshark(t *testing.T) {
	l := newLockstep(t, 4, func(c *Config) { c.Committer = NewBullshark(RoundRobin{N: 4}) })
	for r := 0; r < 40; r++ {
		for i, rn := range l.nodes {
			require.NoError(t, rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d", i, r))))
		}
		l.step(60 * time.Millisecond)
	}
	for i := 0; i < 20; i++ {
		l.step(60 * time.Millisecond)
	}
	l.requireAgreement(160)
	st := l.nodes[0].Stats()
	require.Greater(t, st.CommittedLeaders, uint64(25))
}

// TestLockstepEpochChange adds a fifth validator at an epoch boundary: the four
// switch after commit 10, the newcomer starts there, and all five go on to agree
// with no transaction lost or doubled.
func TestLockstepEpochChange(t *testing.T) {
	l := newLockstep(t, 4, nil)
	keys := testKeys(5)
	set2 := testSet(t, keys)
	const boundary = 10
	l.onCommit = func(i int, c chain.Commit) bool {
		if c.Index != boundary {
			return true
		}
		require.NoError(t, l.nodes[i].NextEpoch(set2, c))
		if i == 0 {
			rn, err := NewRawNode(Config{Signer: chain.NewKeySigner(keys[4]), Validators: set2, Epoch: 1, Start: c}, l.now)
			require.NoError(t, err)
			l.nodes = append(l.nodes, rn)
			l.commits = append(l.commits, nil)
		}
		return false
	}
	sent := 0
	for r := 0; r < 80; r++ {
		for i, rn := range l.nodes {
			require.NoError(t, rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d", i, r))))
			sent++
		}
		l.step(60 * time.Millisecond)
	}
	for i := 0; i < 30; i++ {
		l.step(60 * time.Millisecond)
	}
	require.Len(t, l.nodes, 5)
	for i, rn := range l.nodes {
		require.Equal(t, uint64(1), rn.Epoch(), "node %d", i)
	}
	// Nodes 0-3 agree on everything; the newcomer on everything after the boundary.
	ref := l.commits[0]
	for i := 1; i < 5; i++ {
		got := l.commits[i]
		if i == 4 {
			require.Equal(t, uint64(boundary+1), got[0].Index)
			got = append(append([]chain.Commit{}, ref[:boundary]...), got...)
		}
		require.Equal(t, len(ref), len(got), "node %d", i)
		for k := range ref {
			require.Equal(t, ref[k].Digest, got[k].Digest, "node %d commit %d", i, k+1)
		}
	}
	seen := map[string]int{}
	for _, c := range ref {
		require.Equal(t, c.Index > boundary, c.Epoch == 1, "commit %d epoch %d", c.Index, c.Epoch)
		for _, tx := range c.Txs {
			seen[string(tx)]++
		}
	}
	require.Len(t, seen, sent)
	for tx, n := range seen {
		require.Equal(t, 1, n, tx)
	}
}
