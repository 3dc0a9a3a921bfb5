package reward

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

func TestEpochOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var recs []Record
	for i := 0; i < 5000; i++ {
		recs = append(recs, Record{Contributor: cid(fmt.Sprintf("node-%02d", r.IntN(50))), Units: uint64(r.IntN(100))})
	}
	policy := func(c ContributorID, u *big.Int, records uint64) ([]Multiplier, *big.Int, error) {
		if c == cid("node-07") {
			return []Multiplier{{Name: "trust", Value: new(big.Rat)}}, nil, nil
		}
		return []Multiplier{{Name: "quality", Value: big.NewRat(int64(c[0]%3+1), 3)}}, nil, nil
	}
	run := func(recs []Record, shards int) []Payout {
		parts := make([]*Epoch, shards)
		for i := range parts {
			parts[i] = NewEpoch(0)
		}
		for i, rec := range recs {
			require.NoError(t, parts[i%shards].Add(rec))
		}
		for _, p := range parts[1:] {
			require.NoError(t, parts[0].Merge(p))
		}
		require.Equal(t, uint64(len(recs)), parts[0].Records())
		d, err := parts[0].Finalize(big.NewInt(1_000_000_007), policy)
		require.NoError(t, err)
		require.Equal(t, "1000000007", new(big.Int).Add(d.Total(), d.Unallocated()).String())
		return d.Payouts()
	}
	want := run(recs, 1)
	r.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	require.Equal(t, want, run(recs, 1))
	require.Equal(t, want, run(recs, 3))
}

func TestEpochMisuse(t *testing.T) {
	e := NewEpoch(4)
	a := cid("a")
	require.NoError(t, e.AddUnits(a, ^uint64(0)))
	require.NoError(t, e.AddUnits(a, 2)) // beyond uint64: kept exactly
	o := NewEpoch(0)
	require.NoError(t, o.AddUnits(a, ^uint64(0)))
	require.NoError(t, e.Merge(o))
	u, n, err := e.Units(a)
	require.NoError(t, err)
	require.Equal(t, "36893488147419103232", u.String()) // 2^64+1 + 2^64-1
	require.Equal(t, uint64(3), n)
	_, _, err = e.Units(cid("b"))
	require.ErrorIs(t, err, ErrUnknownContributor)
	_, err = e.Finalize(big.NewInt(10), func(ContributorID, *big.Int, uint64) ([]Multiplier, *big.Int, error) {
		return nil, nil, fmt.Errorf("no location")
	})
	require.ErrorContains(t, err, "no location")
	_, err = e.Finalize(big.NewInt(10), nil)
	require.NoError(t, err)
	require.ErrorIs(t, e.AddUnits(a, 1), ErrFinalized)
	_, err = e.Finalize(big.NewInt(10), nil)
	require.ErrorIs(t, err, ErrFinalized)
}

func TestVestingAndSlash(t *testing.T) {
	v, err := NewVesting(big.NewInt(1200), 10, 3, 12)
	require.NoError(t, err)
	for n, want := range map[uint64]int64{0: 0, 10: 0, 12: 0, 13: 300, 16: 600, 21: 1100, 22: 1200, 100: 1200} {
		require.Equal(t, want, v.Vested(n).Int64(), "epoch %d", n)
	}
	r, err := v.Releasable(16, big.NewInt(300))
	require.NoError(t, err)
	require.Equal(t, int64(300), r.Int64())
	_, err = v.Releasable(13, big.NewInt(301))
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, err = NewVesting(big.NewInt(1), 0, 0, 0)
	require.ErrorIs(t, err, ErrZeroDenominator)

	s, rest, err := Slash(big.NewInt(1001), big.NewRat(1, 10))
	require.NoError(t, err)
	require.Equal(t, []int64{100, 901}, []int64{s.Int64(), rest.Int64()})
	_, _, err = Slash(big.NewInt(1), big.NewRat(3, 2))
	require.ErrorIs(t, err, ErrInvalidParameter)
	_, _, err = Slash(big.NewInt(-1), big.NewRat(1, 2))
	require.ErrorIs(t, err, ErrNegative)
}

// cid names a test contributor.
func cid(name string) ContributorID { return ContributorID(sha256.Sum256([]byte(name))) }

func TestContributorID(t *testing.T) {
	addr := common.HexToAddress("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
	c := AddressContributor(addr)
	require.Equal(t, addr, c.Address())
	back, err := ParseContributorID(c.String())
	require.NoError(t, err)
	require.Equal(t, c, back)
	_, err = ParseContributorID("zz")
	require.ErrorIs(t, err, ErrInvalidParameter)
}

// TestEpochTallies: Tallies lists each contributor once, in ID order, with the
// units and records Units reports, leaves the epoch open, and fails after
// Finalize.
func TestEpochTallies(t *testing.T) {
	e := NewEpoch(0)
	r := rand.New(rand.NewPCG(5, 5))
	for range 2000 {
		require.NoError(t, e.AddUnits(cid(fmt.Sprintf("n-%d", r.IntN(40))), uint64(r.IntN(1000))))
	}
	require.NoError(t, e.AddUnits(cid("big"), ^uint64(0)))
	require.NoError(t, e.AddUnits(cid("big"), 2)) // past uint64
	ts, err := e.Tallies()
	require.NoError(t, err)
	require.Len(t, ts, e.Contributors())
	var records uint64
	for i, tl := range ts {
		if i > 0 {
			require.Negative(t, bytes.Compare(ts[i-1].Contributor[:], tl.Contributor[:]))
		}
		u, n, err := e.Units(tl.Contributor)
		require.NoError(t, err)
		require.Zero(t, u.Cmp(tl.Units))
		require.Equal(t, n, tl.Records)
		records += tl.Records
	}
	require.Equal(t, e.Records(), records)
	require.NoError(t, e.AddUnits(cid("late"), 1), "the epoch stays open")
	_, err = e.Finalize(big.NewInt(10), nil)
	require.NoError(t, err)
	_, err = e.Tallies()
	require.ErrorIs(t, err, ErrFinalized)
}
