package dag

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestNodeCommitSync starts a validator long after the others (more than ten
// times the GC depth of rounds later): its peers have collected the blocks it
// would need, so it can only catch up by commit sync, served from their stores
// by their serving goroutines. It must apply the same commits as they do and
// then commit live again.
func TestNodeCommitSync(t *testing.T) {
	keys := testKeys(4)
	set := testSet(t, keys)
	net := NewMemoryNetwork(4, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	apps := make([]*recordApp, 4)
	nodes := make([]*Node, 4)
	done := make([]chan error, 4)
	start := func(i int) {
		apps[i] = &recordApp{}
		var err error
		nodes[i], err = NewNode(NodeConfig{
			Config: Config{Signer: chain.NewKeySigner(keys[i]), Validators: set, GCDepth: 6,
				MinRoundDelay: 5 * time.Millisecond, LeaderTimeout: 20 * time.Millisecond, FetchTimeout: 200 * time.Millisecond},
			App: apps[i], Transport: net.Transport(uint32(i)), Store: NewMemoryStore(), Now: time.Now, TickInterval: 5 * time.Millisecond,
		})
		require.NoError(t, err)
		drain(nodes[i])
		done[i] = make(chan error, 1)
		go func() { done[i] <- nodes[i].Run(ctx) }()
	}
	for i := 0; i < 3; i++ {
		start(i)
	}
	for k := 0; k < 50; k++ {
		require.NoError(t, nodes[k%3].Submit(ctx, chain.Tx(fmt.Sprint("a", k))))
	}
	require.True(t, assertEventually(30*time.Second, func() bool { return nodes[0].Stats().Round > 100 }), "the three did not reach round 100")
	// Validator 3 was down: it missed everything sent so far.
	for len(net.inboxes[3]) > 0 {
		<-net.inboxes[3]
	}
	start(3)
	for k := 0; k < 50; k++ {
		require.NoError(t, nodes[k%4].Submit(ctx, chain.Tx(fmt.Sprint("b", k))))
	}
	ok := assertEventually(30*time.Second, func() bool {
		for _, a := range apps {
			if a.txCount() < 100 {
				return false
			}
		}
		return true
	})
	for i, n := range nodes {
		t.Logf("validator %d: %d txs, stats %+v", i, apps[i].txCount(), n.Stats())
	}
	require.True(t, ok, "not every validator committed every transaction")
	require.NotZero(t, nodes[3].Stats().SyncedCommits, "validator 3 caught up without commit sync")
	for i, n := range nodes {
		require.NoError(t, n.Close())
		require.NoError(t, <-done[i])
	}
	ref := apps[0].commits
	for i, a := range apps {
		require.NotEmpty(t, a.commits)
		require.Equal(t, uint64(1), a.commits[0].Index, "validator %d starts at commit 1", i)
		for k := 0; k < min(len(ref), len(a.commits)); k++ {
			require.Equal(t, ref[k].Digest, a.commits[k].Digest, "validator %d commit %d", i, k+1)
			require.Equal(t, len(ref[k].Txs), len(a.commits[k].Txs), "validator %d commit %d", i, k+1)
		}
	}
}

// brokenCommitter reports two committed blocks of one slot, as Mysticeti does
// beyond the fault assumption.
type brokenCommitter struct{ Committer }

func (brokenCommitter) TryDecide(DAG, LeaderSlot) ([]Decision, error) {
	return nil, errors.New("two blocks of leader slot 2.0(2) directly committed")
}

// TestSafetyViolationStops checks that a broken BFT assumption stops the node
// loudly: RawNode.Err and Node.Run return ErrSafetyViolated, and the node
// proposes nothing more.
func TestSafetyViolationStops(t *testing.T) {
	keys := testKeys(4)
	set := testSet(t, keys)
	m, err := NewMysticeti(NewStakeSchedule(set, [32]byte{}), 1, 4)
	require.NoError(t, err)
	net := NewMemoryNetwork(4, 0)
	n, err := NewNode(NodeConfig{
		Config: Config{Signer: chain.NewKeySigner(keys[0]), Validators: set, Committer: brokenCommitter{m}},
		App:    &recordApp{}, Transport: net.Transport(0), Now: time.Now, TickInterval: time.Millisecond,
	})
	require.NoError(t, err)
	drain(n)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The first own proposal (round 1, forced by the leader timeout) runs the
	// commit rule.
	err = n.Run(ctx)
	require.ErrorIs(t, err, ErrSafetyViolated)
	require.NoError(t, ctx.Err(), "Run returned only when the context ended")
	require.ErrorIs(t, n.rn.Err(), ErrSafetyViolated)
	proposed := n.rn.proposed
	n.rn.Tick(time.Now().Add(time.Hour))
	require.Equal(t, proposed, n.rn.proposed, "a stopped node proposed again")
}
