package poc

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/reward"
)

func TestScores(t *testing.T) {
	f := newFixture(t, layout...)
	// Two rounds: hotspot 0 beacons (witnesses 1, 2, 6 valid; 3 too close),
	// hotspot 1 beacons (witness 0 valid, 4 too far).
	b0 := f.beacon(0, t0+10_000)
	b1 := f.beacon(1, t0+20_000)
	inputs := []Input{
		{Beacon: b0, Witnesses: []WitnessReport{f.witness(t, 1, b0, b0.ReceivedMs+100), f.witness(t, 2, b0, b0.ReceivedMs+200), f.witness(t, 3, b0, b0.ReceivedMs+300), f.witness(t, 6, b0, b0.ReceivedMs+400)}},
		{Beacon: b1, Witnesses: []WitnessReport{f.witness(t, 0, b1, b1.ReceivedMs+100), f.witness(t, 4, b1, b1.ReceivedMs+200)}},
	}
	rounds, err := f.st.Process(inputs, f.env)
	require.NoError(t, err)
	boost := reward.Multiplier{Name: "boost", Value: big.NewRat(2, 1)}
	boosted := f.ids[1]
	cfg := ScoreConfig{AtMs: t0 + hour, Boost: func(c h3.Cell) (reward.Multiplier, bool) {
		l, _ := f.st.Location(boosted)
		return boost, c == l.Cell
	}}
	scores, err := Scores(f.st, rounds, cfg)
	require.NoError(t, err)
	by := map[int]Score{}
	for _, s := range scores {
		for i, id := range f.ids {
			if id == s.Hotspot {
				by[i] = s
			}
		}
	}
	require.Len(t, scores, 6) // 0, 1, 2, 3, 4, 6
	dens, err := Density(f.st, cfg)
	require.NoError(t, err)
	scale4 := func(i int) uint64 {
		l, _ := f.st.Location(f.ids[i])
		v := new(big.Rat).Mul(dens.HeliumScale(l.Cell), big.NewRat(UnitScale, 1))
		require.True(t, v.IsInt())
		return v.Num().Uint64()
	}
	s0 := by[0]
	require.Equal(t, 1, s0.Beacons)
	require.Equal(t, uint64(7500), s0.BeaconUnits) // 3 witnesses: 3/4
	require.Equal(t, uint64(7500)*scale4(0), s0.BeaconShares)
	require.Equal(t, uint64(10_000), s0.WitnessUnits) // witnessed 1's beacon, n = 1
	require.Equal(t, uint64(10_000)*scale4(1), s0.WitnessShares)
	require.Equal(t, 1, by[3].Rejected[ReasonTooClose])
	require.Equal(t, 1, by[4].Rejected[ReasonTooFar])
	require.Zero(t, by[3].WitnessUnits)

	// The contribution's units times its hex-density multiplier are the shares.
	c := s0.Contribution(RoleAll)
	require.Equal(t, s0.Hotspot.String(), c.Contributor)
	require.Equal(t, reward.ContributorID(s0.Hotspot).String(), c.Contributor)
	require.Equal(t, "hex-density", c.Multipliers[0].Name)
	got := new(big.Rat).Mul(new(big.Rat).SetInt(c.Units), c.Multipliers[0].Value)
	require.Equal(t, new(big.Rat).SetUint64(s0.BeaconShares+s0.WitnessShares).String(), got.String())
	cb := s0.Contribution(RoleBeacon)
	require.Equal(t, new(big.Int).SetUint64(7500*UnitScale), cb.Units)

	// Honest hotspots: full trust; the boosted one keeps its boost.
	for _, i := range []int{0, 1, 2} {
		require.Equal(t, "1", by[i].Trust.Value.RatString(), by[i].Explain())
	}
	require.Len(t, by[1].Multipliers, 2)
	require.Equal(t, "boost", by[1].Multipliers[1].Name)
	require.Contains(t, by[1].Explain(), "boosts kept")
	require.Contains(t, by[4].Explain(), "too-far 1")

	// Hotspot 1 moves its assertion 20 km away: its links now contradict it,
	// and it loses the boost of its new cell.
	require.NoError(t, f.st.Assert(&LocationAssertion{Hotspot: f.ids[1], Cell: cellAt(0, 20_000), GainDeciDBi: gainDeci, Nonce: 2}))
	boosted = f.ids[1]
	b2 := f.beacon(2, t0+6*hour+10_000)
	f.table[string(testEntropy)] = t0 + 6*hour
	w := f.witness(t, 1, b2, b2.ReceivedMs+100)
	w.SignalDeciDBm = -700 // strong: they are really 2.2 km apart
	more, err := f.st.Process([]Input{{Beacon: b2, Witnesses: []WitnessReport{w}}}, f.env)
	require.NoError(t, err)
	cfg.AtMs = t0 + 7*hour
	scores, err = Scores(f.st, more, cfg)
	require.NoError(t, err)
	for _, s := range scores {
		if s.Hotspot == f.ids[1] {
			require.Equal(t, "0", s.Trust.Value.RatString(), s.Explain())
			require.Len(t, s.Multipliers, 1, "boost lost")
		}
	}

	_, err = Scores(f.st, rounds, ScoreConfig{})
	require.ErrorIs(t, err, ErrInvalidRules)
}
