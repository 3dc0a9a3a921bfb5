package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSetChanges: a restake, a join and a leave, each at an epoch boundary
// that a committed transaction sets: every validator in the last set ends in
// epoch 3 and agrees on every commit (the joiner from the epoch it joined),
// every transaction is committed once, those the leaving validator held
// included (it hands them to one that stays), and the validator that left
// stops.
func TestSetChanges(t *testing.T) {
	t.Parallel()
	cfg := Config{
		Validators: 4, Joiners: 1, Seed: 11, Rounds: 100, TxRate: 300, Duration: 8 * time.Second, Network: lan,
		SetChanges: []SetChange{
			{At: 2 * time.Second, Restake: []Stake{{Node: 1, Stake: 3}}},
			{At: 4 * time.Second, Join: []int{4}},
			{At: 6 * time.Second, Leave: []int{0}},
		},
	}
	res := run(t, cfg)
	require.True(t, res.Nodes[0].Left && !res.Nodes[0].Up, "validator 0 left")
	require.Positive(t, res.HandedOff, "validator 0 left holding transactions")
	for i := 1; i <= 4; i++ {
		nd := res.Nodes[i]
		require.True(t, nd.Up, "validator %d", i)
		require.Equal(t, uint64(3), nd.Epoch, "validator %d", i)
		require.Equal(t, res.Nodes[1].LastDigest, nd.LastDigest, "validator %d", i)
	}
}
