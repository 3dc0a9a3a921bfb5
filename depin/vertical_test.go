package depin_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// byID wraps the meter: its pools name contributors by reward.ContributorID
// (Pool.ByID) instead of by string, and it may add an address contributor or
// a zero one.
type byID struct {
	depin.Vertical
	extra *vertical.Contribution
}

func (b *byID) Score(epoch uint64) (*depin.Score, error) {
	s, err := b.Vertical.Score(epoch)
	if err != nil {
		return nil, err
	}
	for i := range s.Pools {
		p := &s.Pools[i]
		for _, c := range p.Contributions {
			id, err := device.ParseID(c.Contributor)
			if err != nil {
				return nil, err
			}
			p.ByID = append(p.ByID, vertical.Contribution{Contributor: reward.ContributorID(id), Units: c.Units, Multipliers: c.Multipliers, Cap: c.Cap})
		}
		p.Contributions = nil
	}
	if b.extra != nil {
		s.Pools[0].ByID = append(s.Pools[0].ByID, *b.extra)
	}
	return s, nil
}

// TestPoolByID: a pool naming its contributors by reward.ContributorID pays
// exactly what the same pool named by strings pays (the validators agree on
// every app hash), an address contributor is paid at its address, and a zero
// contributor is refused with the epoch's ScoreError.
func TestPoolByID(t *testing.T) {
	f := newFixture(t, 1, nil)
	byName := f.nodes[0]
	n, err := depin.New(depin.WithVertical(&byID{Vertical: newMeter()}), depin.WithConfig(f.cfg), depin.WithoutEngine())
	require.NoError(t, err)
	f.nodes = append(f.nodes, n)
	a, b := f.newDevice(true), f.newDevice(false)
	f.commit(a.reg, b.reg)
	f.commit(f.reading(a, 1000), f.reading(b, 3000), f.usage(a, 5))
	f.commit() // closes epoch 0
	want, err := byName.Payouts(0)
	require.NoError(t, err)
	got, err := n.Payouts(0)
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Len(t, got, 3)

	// An address contributor.
	addr := common.HexToAddress("0x00000000000000000000000000000000000000a1")
	f.nodes = []*depin.Node{n}
	n.Inspect(func(v depin.Vertical) {
		w, ok := vertical.As[*byID](v)
		require.True(t, ok)
		w.extra = &vertical.Contribution{Contributor: reward.AddressContributor(addr), Units: big.NewInt(4000)}
	})
	f.commit(f.reading(a, 1000), f.reading(b, 3000))
	f.commit()
	f.commit() // closes epoch 1
	pay, err := n.Payouts(1)
	require.NoError(t, err)
	var toAddr *big.Int
	for _, p := range pay {
		if p.Address == addr {
			require.Equal(t, addr.Hex(), p.Contributor)
			toAddr = p.Amount
		}
	}
	require.NotNil(t, toAddr, "payouts %v", pay)
	// 4000 units of 1000 + 3000/2 + 4000 (b is uncertified: half) in the
	// readings pool, 3/4 of 1,000,000: 461,538.46, rounded down.
	require.Equal(t, big.NewInt(461_538), toAddr)

	// A zero contributor.
	n.Inspect(func(v depin.Vertical) {
		w, _ := vertical.As[*byID](v)
		w.extra = &vertical.Contribution{Units: big.NewInt(1)}
	})
	f.commit(f.reading(a, 1000))
	f.commit()
	f.commit() // closes epoch 2
	s, err := n.Epoch(2)
	require.NoError(t, err)
	require.Contains(t, s.ScoreError, "ByID[")
	require.Contains(t, s.ScoreError, "zero contributor")
}
