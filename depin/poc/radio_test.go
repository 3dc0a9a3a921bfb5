package poc

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/reward"
)

// Helium's calc_expected_rssi vector (iot_verifier poc.rs tests).
func TestExpectedRSSIHeliumVector(t *testing.T) {
	got := ExpectedRSSI(12, 81, 83, 508, 867_900_024)
	require.InDelta(t, -57.334232963418515, got, 1e-12)
	// The exact rule flips between the deci-dBm values around it.
	require.True(t, RSSITooHigh(-573, 12, 81, 83, 508, 867_900_024))  // -57.3 > -57.334
	require.False(t, RSSITooHigh(-574, 12, 81, 83, 508, 867_900_024)) // -57.4 < -57.334
}

func TestFourPiMatchesFloat(t *testing.T) {
	f, _ := fourPi.Float64()
	require.Equal(t, 4*math.Pi, f)
}

// The exact rule agrees with Helium's float64 computation on integer inputs
// across the range that matters.
func TestRSSITooHighAgreesWithFloat(t *testing.T) {
	n := 0
	for _, f := range []uint64{433_175_000, 867_900_024, 903_900_000, 923_300_000, 2_400_000_000} {
		for _, d := range []uint32{1, 7, 50, 508, 999, 1234, 5000, 31_415, 99_999, 100_999} {
			for _, tx := range []int32{14, 27} {
				for _, gains := range [][2]int32{{0, 0}, {12, 30}, {81, 83}, {-15, 59}} {
					exp := ExpectedRSSI(tx, gains[0], gains[1], d, f)
					centre := int32(math.Round(exp * 10))
					for s := centre - 15; s <= centre+15; s++ {
						want := float64(s)/10 > exp
						require.Equal(t, want, RSSITooHigh(s, tx, gains[0], gains[1], d, f), "s=%d tx=%d g=%v d=%d f=%d exp=%v", s, tx, gains, d, f, exp)
						n++
					}
				}
			}
		}
	}
	require.Greater(t, n, 10_000)
	require.False(t, RSSITooHigh(500, 30, 0, 0, 0, 915_000_000), "zero distance: infinite expected signal")
}

func TestMaxPlausibleDistance(t *testing.T) {
	for _, c := range []struct {
		s  int32
		tx int32
		f  uint64
	}{{-1200, 27, 903_900_000}, {-573, 12, 867_900_024}, {-1400, 14, 867_100_000}, {0, 27, 915_000_000}, {400, 27, 915_000_000}} {
		d := MaxPlausibleDistanceM(c.s, c.tx, 30, 30, c.f)
		require.False(t, RSSITooHigh(c.s, c.tx, 30, 30, d, c.f), "%+v d=%d", c, d)
		require.True(t, d == math.MaxUint32 || RSSITooHigh(c.s, c.tx, 30, 30, d+1, c.f), "%+v d=%d", c, d)
	}
	// -57.3 dBm over Helium's vector link: plausible to just under 508 m.
	require.Less(t, MaxPlausibleDistanceM(-573, 12, 81, 83, 867_900_024), uint32(508))
	require.GreaterOrEqual(t, MaxPlausibleDistanceM(-574, 12, 81, 83, 867_900_024), uint32(508))
}

// Helium's test_calc_distance: two London resolution-15 cells.
func TestDistanceHeliumVector(t *testing.T) {
	a, b := h3.Cell(644459695463521437), h3.Cell(644460986971331488)
	d, ok := DistanceM(a, b)
	require.True(t, ok)
	require.Equal(t, uint32(14_318), d)
	require.Equal(t, 360, CellDistance(a, b, 11))
	_, ok = DistanceM(0, b)
	require.False(t, ok)
	require.Equal(t, 0, CellDistance(0, b, 11))
}

// The float64 filter never disagrees with the exact comparison.
func TestTooStrongFilterMatchesExact(t *testing.T) {
	for _, m := range []PathLoss{FreeSpace, DefaultTrustModel, {ExponentTenths: 27, MarginDeciDB: -35}} {
		for _, f := range []uint64{433_175_000, 867_900_024, 903_900_000} {
			for d := uint32(1); d < 200_000; d = d*3 + 7 {
				for s := int32(-1500); s <= 200; s += 7 {
					k := 10*linkBudget(27, 30, 45) + int64(m.MarginDeciDB) - int64(s)
					require.Equal(t, m.tooStrongExact(k, d, f), m.TooStrong(s, 27, 30, 45, d, f), "%+v s=%d d=%d f=%d", m, s, d, f)
				}
			}
		}
	}
}

func TestPathLossModel(t *testing.T) {
	// Free space through the model is Helium's rule.
	require.Equal(t, RSSITooHigh(-900, 27, 30, 30, 2000, freq), FreeSpace.TooStrong(-900, 27, 30, 30, 2000, freq))
	// n = 3.5 shortens the plausible link; a margin lengthens it.
	free := FreeSpace.MaxDistanceM(-1200, 27, 30, 30, freq)
	urban := PathLoss{ExponentTenths: 35}.MaxDistanceM(-1200, 27, 30, 30, freq)
	margin := DefaultTrustModel.MaxDistanceM(-1200, 27, 30, 30, freq)
	require.Less(t, urban, margin)
	require.Less(t, margin, free)
	require.InDelta(t, 3016, float64(urban), 1) // (33 + 120 − 31.22 dB) / 35 dB per decade
	for _, d := range []uint32{urban, margin, free} {
		require.False(t, FreeSpace.TooStrong(-1200, 27, 30, 30, min(d, free), freq))
	}
	require.Equal(t, uint32(math.MaxUint32), PathLoss{}.MaxDistanceM(-1200, 27, 30, 30, freq))
	require.False(t, PathLoss{ExponentTenths: MaxExponentTenths + 1}.Valid())
	require.False(t, PathLoss{ExponentTenths: 20, MarginDeciDB: -MaxMarginDeciDB - 1}.TooStrong(0, 27, 0, 0, 1000, freq))
	// Extreme inputs decide without overflow.
	require.True(t, FreeSpace.TooStrong(math.MaxInt32, 27, 0, 0, math.MaxUint32, math.MaxUint64))
	require.False(t, FreeSpace.TooStrong(math.MinInt32, 27, 0, 0, 1, 1))
	require.Equal(t, uint32(0), FreeSpace.MaxDistanceM(math.MaxInt32, 27, 0, 0, freq))
	require.Equal(t, uint32(math.MaxUint32), FreeSpace.MaxDistanceM(math.MinInt32, 27, 0, 0, freq))
}

// TestTrustKeepsHeliumFixtures: the links Helium's oracle validates in its
// own tests (helium/oracles iot_verifier/src/poc.rs @824f7724: LOC0 to LOC1
// in test_verify_witness_rssi, LOC0 to LOC4 with the default witness report
// of test_witness_verification_list) keep full trust under
// DefaultTrustModel; the former default (UrbanTrustModel) gave both trust 0.
func TestTrustKeepsHeliumFixtures(t *testing.T) {
	loc0, loc1, loc4 := h3.Cell(631615575095659519), h3.Cell(631615576056478207), h3.Cell(627111975465463807)
	type link struct {
		a, b                     h3.Cell
		signal, tx, gainB, gainW int32
		freq                     uint64
		wantM                    uint32
	}
	links := []link{
		{loc0, loc1, -1060, 27, 80, 12, 904_700_032, 22_694},
		{loc0, loc4, -1080, 8, 12, 20, 867_900_032, 1_314},
	}
	for _, m := range []struct {
		model PathLoss
		trust string
	}{{DefaultTrustModel, "1"}, {UrbanTrustModel, "0"}} {
		var excess []uint64
		for _, l := range links {
			d, ok := DistanceM(l.a, l.b)
			require.True(t, ok)
			require.Equal(t, l.wantM, d)
			require.False(t, RSSITooHigh(l.signal, l.tx, l.gainB, l.gainW, d, l.freq), "Helium validates it")
			w := WitnessResult{Report: WitnessReport{Witness: Witness{SignalDeciDBm: l.signal, FrequencyHz: l.freq}},
				Location: Location{GainDeciDBi: l.gainW}, Measured: true, DistanceM: d}
			excess = append(excess, uint64(w.ExcessM(m.model, l.tx, l.gainB)))
		}
		require.Equal(t, m.trust, reward.LocationTrust(IoTTrustBands, excess).Value.RatString(), "%+v: excess %v", m.model, excess)
	}
	require.Equal(t, uint32(28_846), DefaultTrustModel.MaxDistanceM(-1060, 27, 80, 12, 904_700_032))
	require.Equal(t, uint32(4_184), DefaultTrustModel.MaxDistanceM(-1080, 8, 12, 20, 867_900_032))
}
