package dag

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// epochApp is a recordApp that changes the validator set (to the same
// validators, a new epoch) after commit closeAt.
type epochApp struct {
	recordApp
	closeAt uint64
	next    *chain.ValidatorSet
}

func (a *epochApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	res, err := a.recordApp.ApplyCommit(c)
	if c.Index == a.closeAt {
		res.NextValidators = a.next
	}
	return res, err
}

// TestEpochChangeCrashWindow crashes a validator between applying an epoch's
// closing commit and starting the next epoch (its application holds the
// closing commit; nothing of the new epoch is stored). Restarted with its
// store and Applied at the closing commit, it must resume in the new epoch —
// not derive and apply the old epoch's void commits after it — and agree with
// the others.
func TestEpochChangeCrashWindow(t *testing.T) {
	const closeAt = 30
	keys := testKeys(4)
	set := testSet(t, keys)
	next := testSet(t, keys)
	net := NewMemoryNetwork(4, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	apps := make([]*epochApp, 4)
	stores := make([]*MemoryStore, 4)
	nodes := make([]*Node, 4)
	start := func(i int, buffer int) (epoch uint64) {
		var err error
		nodes[i], err = NewNode(NodeConfig{
			Config: Config{Signer: chain.NewKeySigner(keys[i]), Validators: set,
				MinRoundDelay: 5 * time.Millisecond, LeaderTimeout: 30 * time.Millisecond},
			App: apps[i], Transport: net.Transport(uint32(i)), Store: stores[i], Now: time.Now,
			Applied: uint64(len(apps[i].commits)), CommitBuffer: buffer, TickInterval: 5 * time.Millisecond,
		})
		require.NoError(t, err)
		epoch = nodes[i].rn.Epoch()
		go func() { _ = nodes[i].Run(ctx) }()
		return epoch
	}
	for i := range nodes {
		apps[i] = &epochApp{closeAt: closeAt, next: next}
		stores[i] = NewMemoryStore()
	}
	for i := 0; i < 3; i++ {
		start(i, 0)
		drain(nodes[i])
	}
	// Validator 3 reads its commits up to two before the closing commit, then
	// stops reading: the next fills its buffer of one, and it blocks
	// delivering the closing commit, after applying it, before NextEpoch.
	// Then it crashes.
	start(3, 1)
	for c := range nodes[3].Commits() {
		if c.Index == closeAt-2 {
			break
		}
	}
	require.True(t, assertEventually(20*time.Second, func() bool {
		apps[3].mu.Lock()
		defer apps[3].mu.Unlock()
		return len(apps[3].commits) == closeAt
	}), "validator 3 did not apply the closing commit")
	time.Sleep(50 * time.Millisecond)
	require.NoError(t, nodes[3].Close())
	require.Equal(t, uint64(0), nodes[3].rn.Epoch(), "validator 3 went on to the new epoch before crashing")
	for len(net.inboxes[3]) > 0 {
		<-net.inboxes[3]
	}
	require.Equal(t, uint64(1), start(3, 0), "validator 3 restarted in the old epoch")
	drain(nodes[3])
	ok := assertEventually(30*time.Second, func() bool {
		apps[3].mu.Lock()
		defer apps[3].mu.Unlock()
		return len(apps[3].commits) >= closeAt+20
	})
	require.True(t, ok, "validator 3 did not commit in the new epoch: %+v", nodes[3].Stats())
	for _, n := range nodes {
		require.NoError(t, n.Close())
	}
	ref := apps[0].commits
	for i, a := range apps {
		for k := 0; k < min(len(ref), len(a.commits)); k++ {
			require.Equal(t, ref[k].Digest, a.commits[k].Digest, "validator %d commit %d", i, k+1)
			require.Equal(t, uint64(k+1) > closeAt, a.commits[k].Epoch == 1, "validator %d commit %d epoch", i, k+1)
		}
	}
}
