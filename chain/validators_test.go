package chain

import (
	"crypto/ed25519"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func testSet(t testing.TB, stakes ...uint64) *ValidatorSet {
	t.Helper()
	var vals []Validator
	for i, s := range stakes {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		vals = append(vals, Validator{Key: ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey), Stake: s, Name: fmt.Sprint("v", i)})
	}
	set, err := NewValidatorSet(vals)
	require.NoError(t, err)
	return set
}

func TestThresholds(t *testing.T) {
	cases := []struct {
		stakes           []uint64
		quorum, validity uint64
	}{
		{[]uint64{1}, 1, 1},
		{[]uint64{1, 1, 1, 1}, 3, 2},                   // n=4, f=1: 2f+1, f+1
		{[]uint64{1, 1, 1, 1, 1, 1, 1}, 5, 3},          // n=7, f=2
		{[]uint64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 7, 4}, // n=10, f=3 (T=10: floor(20/3)+1=7, ceil(10/3)=4)
		{[]uint64{1, 1, 1}, 3, 1},                      // T=3: more than 2 -> 3
		{[]uint64{10, 20, 30, 40}, 67, 34},             // T=100
		{[]uint64{5, 1}, 5, 2},                         // T=6: floor(12/3)+1=5, ceil(6/3)=2
	}
	for _, c := range cases {
		s := testSet(t, c.stakes...)
		require.Equal(t, c.quorum, s.QuorumThreshold(), "%v", c.stakes)
		require.Equal(t, c.validity, s.ValidityThreshold(), "%v", c.stakes)
		// A quorum is more than 2/3, and two quorums intersect in more than 1/3.
		q := s.QuorumThreshold()
		require.Greater(t, 3*q, 2*s.TotalStake())
		require.LessOrEqual(t, 3*(q-1), 2*s.TotalStake())
		require.GreaterOrEqual(t, 3*s.ValidityThreshold(), s.TotalStake())
	}
}

func TestValidatorSetRejects(t *testing.T) {
	key := testSet(t, 1).Key(0)
	for name, vals := range map[string][]Validator{
		"empty":     nil,
		"zero":      {{Key: key, Stake: 0}},
		"short key": {{Key: key[:31], Stake: 1}},
		"duplicate": {{Key: key, Stake: 1}, {Key: key, Stake: 2}},
		"overflow":  {{Key: key, Stake: 1 << 62}},
	} {
		_, err := NewValidatorSet(vals)
		require.ErrorIs(t, err, ErrInvalidValidatorSet, name)
	}
}

func TestStakeAggregatorCountsAuthorsOnce(t *testing.T) {
	s := testSet(t, 1, 1, 1, 1)
	a := NewStakeAggregator(s)
	a.Add(0)
	a.Add(0)
	a.Add(1)
	require.Equal(t, uint64(2), a.Stake())
	require.False(t, a.Quorum())
	require.True(t, a.Validity())
	a.Add(1)
	a.Add(99) // ignored
	require.False(t, a.Quorum())
	a.Add(3)
	require.True(t, a.Quorum())
	a.Reset()
	require.Zero(t, a.Stake())
}

func TestSetDigestAndIndex(t *testing.T) {
	a, b := testSet(t, 1, 2, 3), testSet(t, 1, 2, 3)
	require.Equal(t, a.Digest(), b.Digest())
	require.NotEqual(t, a.Digest(), testSet(t, 1, 2, 4).Digest())
	i, ok := a.Index(a.Key(2))
	require.True(t, ok)
	require.Equal(t, uint32(2), i)
	require.Equal(t, uint64(0), a.Stake(7))
}

func TestHashCommitChains(t *testing.T) {
	d1 := HashCommit(Digest{}, 1, []Digest{{1}, {2}})
	require.NotEqual(t, d1, HashCommit(Digest{}, 1, []Digest{{2}, {1}}))
	require.NotEqual(t, d1, HashCommit(Digest{}, 2, []Digest{{1}, {2}}))
	require.NotEqual(t, d1, HashCommit(Digest{9}, 1, []Digest{{1}, {2}}))
	require.Equal(t, d1, HashCommit(Digest{}, 1, []Digest{{1}, {2}}))
}
