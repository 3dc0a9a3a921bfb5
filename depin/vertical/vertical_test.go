package vertical_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// starting is the example's meter that also learns epoch seeds.
type starting struct {
	*meter
	seeds []uint64
}

func (s *starting) StartEpoch(epoch uint64, _ [32]byte) error {
	s.seeds = append(s.seeds, epoch)
	return nil
}

func newMeter(t *testing.T) *meter {
	c, err := reward.NewConstant(big.NewInt(100))
	require.NoError(t, err)
	return &meter{curve: c, wh: map[device.ID]uint64{}}
}

func TestAdaptCapabilities(t *testing.T) {
	plain := vertical.Adapt[reading](newMeter(t))
	_, ok := plain.(vertical.EpochStarter)
	require.False(t, ok, "an adapter is an EpochStarter only if its vertical is")

	s := &starting{meter: newMeter(t)}
	v := vertical.Adapt[reading](s)
	es, ok := v.(vertical.EpochStarter)
	require.True(t, ok)
	require.NoError(t, es.StartEpoch(3, [32]byte{}))
	require.Equal(t, []uint64{3}, s.seeds)

	got, ok := vertical.As[*starting](v)
	require.True(t, ok)
	require.Same(t, s, got)
	_, ok = vertical.As[*meter](v)
	require.False(t, ok)
	require.Equal(t, "meter", v.Name())
	cp, ok := vertical.As[vertical.CurveProposer](v)
	require.True(t, ok, "As finds the proposed curve through the adapter")
	require.Equal(t, s.curve, cp.Curve())

	err := v.Apply(0, &reading{})
	require.ErrorIs(t, err, vertical.ErrClaimType)
	require.Contains(t, err.Error(), `vertical "meter"`)
	require.Contains(t, err.Error(), "*vertical_test.reading")
	require.Contains(t, err.Error(), "want vertical_test.reading")
}

func TestReasonOf(t *testing.T) {
	for _, tc := range []struct {
		err            error
		reason, detail string
	}{
		{vertical.Reject("too-close", "%d m", 3), "too-close", "3 m"},
		{fmt.Errorf("wrapped: %w", vertical.Reject("dup", "again")), "dup", "again"},
		{vertical.Reject("Not Valid", "x"), vertical.ReasonInvalidClaim, "depin: rejected (Not Valid): x"},
		{errors.New("boom"), vertical.ReasonInvalidClaim, "boom"},
	} {
		r, d := vertical.ReasonOf(tc.err)
		require.Equal(t, tc.reason, r)
		require.Equal(t, tc.detail, d)
	}
	require.ErrorIs(t, vertical.Reject("x", "y"), vertical.ErrRejected)
	require.True(t, vertical.ValidReason("vote:duplicate-vote"))
	require.False(t, vertical.ValidReason(""))
	require.False(t, vertical.ValidReason(string(make([]byte, vertical.MaxReasonLen+1))))
}

func TestContributorName(t *testing.T) {
	addr := common.HexToAddress("0x52908400098527886E0F7030069857D2E4169EE7")
	require.Equal(t, addr.Hex(), vertical.ContributorName(reward.AddressContributor(addr)))
	id := device.ID{0xab, 0x01}
	require.Equal(t, id.String(), vertical.ContributorName(reward.ContributorID(id)))

	p := vertical.Pool{
		Contributions: []reward.Contribution{{Contributor: "x", Units: big.NewInt(1)}},
		ByID:          []vertical.Contribution{{Contributor: reward.ContributorID(id), Units: big.NewInt(2)}},
	}
	all := p.All()
	require.Len(t, all, 2)
	require.Equal(t, "x", all[0].Contributor)
	require.Equal(t, id.String(), all[1].Contributor)
	require.Equal(t, big.NewInt(2), all[1].Units)
}

// TestPoolFromEpoch: a pool built from a fast-path reward.Epoch pays every
// contributor what the epoch's own Finalize pays it, with the same policy.
func TestPoolFromEpoch(t *testing.T) {
	e := reward.NewEpoch(0)
	ids := make([]reward.ContributorID, 30)
	for i := range ids {
		ids[i] = reward.ContributorID(sha256.Sum256([]byte{byte(i)}))
	}
	ids[7] = reward.AddressContributor(common.HexToAddress("0x00000000000000000000000000000000000000a1"))
	for k := range 3000 {
		require.NoError(t, e.AddUnits(ids[(k*7)%len(ids)], uint64(k%97)))
	}
	policy := func(c reward.ContributorID, _ *big.Int, records uint64) ([]reward.Multiplier, *big.Int, error) {
		m := []reward.Multiplier{{Name: "q", Value: big.NewRat(int64(c[31]%3+1), 3)}}
		if records > 105 {
			return m, big.NewInt(20_000), nil
		}
		return m, nil, nil
	}
	p, err := vertical.PoolFromEpoch("fast", big.NewInt(1), e, policy)
	require.NoError(t, err)
	require.Len(t, p.ByID, len(ids))
	pool := big.NewInt(1_000_000_007)
	got, err := reward.Distribute(pool, p.All())
	require.NoError(t, err)
	want, err := e.Finalize(pool, policy)
	require.NoError(t, err)
	for _, id := range ids {
		a, err := got.Amount(vertical.ContributorName(id))
		require.NoError(t, err)
		b, err := want.Amount(id.String())
		require.NoError(t, err)
		require.Zero(t, a.Cmp(b), "contributor %s: %s, Finalize %s", id, a, b)
	}
	_, err = vertical.PoolFromEpoch("late", nil, e, nil)
	require.ErrorIs(t, err, vertical.ErrPool)
	require.ErrorIs(t, err, reward.ErrFinalized)
}
