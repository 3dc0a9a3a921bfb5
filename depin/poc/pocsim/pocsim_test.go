package pocsim_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/poc/pocsim"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

const interval = 6 * 3_600_000

// epochStart is a bucket boundary.
const epochStart = int64(1_780_000_000_000) / interval * interval

func run(t testing.TB, cfg pocsim.Config, buckets int, sc poc.ScoreConfig) (*pocsim.World, *poc.State, []*poc.Round, []poc.Score) {
	w, err := pocsim.New(cfg)
	require.NoError(t, err)
	st := poc.NewState()
	for _, a := range w.Assertions() {
		require.NoError(t, st.Assert(&a))
	}
	rep := w.Reports(epochStart, interval, buckets)
	inputs, orphans := poc.Group(rep.Beacons, rep.Witnesses)
	require.Empty(t, orphans)
	rounds, err := st.Process(inputs, poc.Env{Entropy: rep.Entropy.Lookup})
	require.NoError(t, err)
	sc.AtMs = epochStart + int64(buckets)*interval
	scores, err := poc.Scores(st, rounds, sc)
	require.NoError(t, err)
	return w, st, rounds, scores
}

func TestWorldIsDeterministic(t *testing.T) {
	cfg := pocsim.Config{Seed: 7, Hotspots: 40, Liars: 4, LatePerMille: 20}
	_, st1, r1, s1 := run(t, cfg, 3, poc.ScoreConfig{})
	_, st2, r2, s2 := run(t, cfg, 3, poc.ScoreConfig{})
	require.Equal(t, r1, r2)
	require.Equal(t, s1, s2)
	a, err := st1.Snapshot()
	require.NoError(t, err)
	b, err := st2.Snapshot()
	require.NoError(t, err)
	require.Equal(t, a, b)

	_, _, r3, _ := run(t, pocsim.Config{Seed: 8, Hotspots: 40, Liars: 4}, 3, poc.ScoreConfig{})
	require.NotEqual(t, r1, r3)
}

func TestWorldPlacement(t *testing.T) {
	w, err := pocsim.New(pocsim.Config{Seed: 1, Hotspots: 50, Liars: 5})
	require.NoError(t, err)
	centre := h3.LatLngToCell(h3.NewLatLng(37.7749, -122.4194), 12)
	liars := 0
	for _, h := range w.Hotspots() {
		require.Equal(t, 12, h.True.Resolution())
		require.True(t, h.True.IsValid() && h.Asserted.IsValid())
		d, ok := poc.DistanceM(centre, h.True)
		require.True(t, ok)
		require.Less(t, d, uint32(8000), "hotspots stand within about 6 km")
		off, _ := poc.DistanceM(h.True, h.Asserted)
		if h.Liar {
			liars++
			require.Greater(t, off, uint32(8000), "liars assert far away")
		} else {
			require.Zero(t, off)
		}
	}
	require.Equal(t, 5, liars)

	for _, bad := range []pocsim.Config{{Hotspots: 1}, {Hotspots: 5, Liars: 6}, {Hotspots: 5, PathLossExponentTenths: 10}} {
		_, err := pocsim.New(bad)
		require.ErrorIs(t, err, pocsim.ErrConfig)
	}
}

// Liars lose their boosts and most of their score; honest hotspots keep theirs.
func TestLiarsLoseBoosts(t *testing.T) {
	boost := reward.Multiplier{Name: "boost", Value: big.NewRat(3, 1), Note: "boosted hex"}
	w, _, rounds, scores := run(t, pocsim.Config{Seed: 3, Hotspots: 120, Liars: 8}, 4, poc.ScoreConfig{
		TrustModel: poc.UrbanTrustModel, // the simulated city's propagation is urban (n = 4.2)
		Boost:      func(h3.Cell) (reward.Multiplier, bool) { return boost, true },
	})
	require.NotEmpty(t, rounds)
	honestBoosted, honest := 0, 0
	for _, s := range scores {
		h, ok := w.Hotspot(s.Hotspot)
		require.True(t, ok)
		boosted := len(s.Multipliers) == 2
		if h.Liar {
			require.False(t, boosted, "liar %s keeps its boost: %s", s.Hotspot, s.Explain())
			require.Equal(t, -1, s.Trust.Value.Cmp(poc.DefaultBoostThreshold), s.Explain())
			continue
		}
		honest++
		if boosted {
			honestBoosted++
		}
	}
	require.GreaterOrEqual(t, honestBoosted*10, honest*9, "at least 90%% of honest hotspots keep their boost")

	// Contributions distribute: liars earn less than the honest median.
	d, err := reward.Distribute(big.NewInt(1_000_000_000), poc.Contributions(scores, poc.RoleAll))
	require.NoError(t, err)
	require.Zero(t, d.Unallocated().Sign())
	var liarMax, honestSum int64
	for _, s := range scores {
		amt, err := d.Amount(s.Hotspot.String())
		require.NoError(t, err)
		if h, _ := w.Hotspot(s.Hotspot); h.Liar {
			liarMax = max(liarMax, amt.Int64())
		} else {
			honestSum += amt.Int64()
		}
	}
	require.Less(t, liarMax, honestSum/int64(honest))
}

func TestSealOpens(t *testing.T) {
	w, err := pocsim.New(pocsim.Config{Seed: 2, Hotspots: 6})
	require.NoError(t, err)
	rep := w.Reports(epochStart, interval, 1)
	envs, err := w.Seal(rep, epochStart-1000)
	require.NoError(t, err)
	require.Len(t, envs, len(w.Hotspots())+len(rep.Beacons)+len(rep.Witnesses))
	lastSeq := map[device.ID]uint64{}
	beacons, witnesses, locations := 0, 0, 0
	for i, e := range envs {
		if i > 0 {
			require.GreaterOrEqual(t, e.ReceivedMs, envs[i-1].ReceivedMs)
		}
		env, err := device.ParseEnvelope(e.Data)
		require.NoError(t, err)
		h, ok := w.Hotspot(env.Device)
		require.True(t, ok)
		require.NoError(t, env.Verify(h.Key.Public()))
		require.Greater(t, env.Seq, lastSeq[env.Device])
		lastSeq[env.Device] = env.Seq
		switch env.ContentType {
		case poc.ContentTypeBeacon:
			_, err = poc.BeaconFromEnvelope(env)
			beacons++
		case poc.ContentTypeWitness:
			_, err = poc.WitnessFromEnvelope(env)
			witnesses++
		case poc.ContentTypeLocation:
			_, err = poc.LocationFromEnvelope(env)
			locations++
		}
		require.NoError(t, err)
	}
	require.Equal(t, len(rep.Beacons), beacons)
	require.Equal(t, len(rep.Witnesses), witnesses)
	require.Equal(t, len(w.Hotspots()), locations)
}

// A validator that restarts from a snapshot mid-epoch reaches the same State
// and verdicts as one that did not.
func TestSnapshotMidEpoch(t *testing.T) {
	w, err := pocsim.New(pocsim.Config{Seed: 11, Hotspots: 50, Liars: 3, LatePerMille: 30, DuplicatePerMille: 30})
	require.NoError(t, err)
	rep := w.Reports(epochStart, interval, 3)
	inputs, _ := poc.Group(rep.Beacons, rep.Witnesses)
	env := poc.Env{Entropy: rep.Entropy.Lookup}
	fresh := func() *poc.State {
		st := poc.NewState()
		for _, a := range w.Assertions() {
			require.NoError(t, st.Assert(&a))
		}
		return st
	}
	a := fresh()
	want, err := a.Process(inputs, env)
	require.NoError(t, err)

	b := fresh()
	half := len(inputs) / 2
	got, err := b.Process(inputs[:half], env)
	require.NoError(t, err)
	snap, err := b.Snapshot()
	require.NoError(t, err)
	b, err = poc.RestoreState(snap)
	require.NoError(t, err)
	rest, err := b.Process(inputs[half:], env)
	require.NoError(t, err)
	require.Equal(t, want, append(got, rest...))

	sa, err := a.Snapshot()
	require.NoError(t, err)
	sb, err := b.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sb)
	beacons, witnesses := poc.Tally(want)
	require.Positive(t, beacons[poc.ReasonNone])
	require.Positive(t, witnesses[poc.ReasonDuplicate])
	require.Positive(t, witnesses[poc.ReasonLate])
}
