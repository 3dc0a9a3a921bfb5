package reward

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSpeedtestTiers(t *testing.T) {
	mbps := func(m uint64) uint64 { return m * 125_000 }
	two := func(up, down, lat uint64) []Speedtest {
		s := Speedtest{UploadBps: mbps(up), DownloadBps: mbps(down), LatencyMs: lat}
		return []Speedtest{s, s}
	}
	cases := []struct {
		name  string
		tests []Speedtest
		tier  SpeedTier
		mult  string
	}{
		{"good", two(10, 100, 49), TierGood, "1"},
		{"latency 50 is acceptable", two(10, 100, 50), TierAcceptable, "3/4"},
		{"download 74 is degraded", two(100, 74, 10), TierDegraded, "1/2"},
		{"upload 4 is poor", two(4, 500, 10), TierPoor, "1/4"},
		{"latency 100 fails", two(100, 500, 100), TierFail, "0"},
		{"one test fails", two(100, 500, 10)[:1], TierFail, "0"},
		// Means: upload (9.5+10.5)/2 = 10 Mbps exactly, download 100.
		{"integer means", []Speedtest{{1_187_500, mbps(100), 40}, {1_312_500, mbps(100), 58}}, TierGood, "1"},
		// 1,249,999 bytes/s is 9.999992 Mbps, which floors to 9: acceptable.
		{"floor of Mbps", []Speedtest{{1_249_999, mbps(100), 10}, {1_249_999, mbps(100), 10}}, TierAcceptable, "3/4"},
	}
	for _, c := range cases {
		tier, m := SpeedtestMultiplier(c.tests)
		require.Equal(t, c.tier, tier, c.name)
		require.Equal(t, c.mult, m.Value.RatString(), c.name)
	}
}

func TestLocationTrustAndBoosts(t *testing.T) {
	m := LocationTrust(WifiTrustBands, []uint64{10, 300, 301, 400, 401})
	// (1 + 1 + 1/4 + 1/4 + 0) / 5 = 1/2
	require.Equal(t, "1/2", m.Value.RatString())
	require.Equal(t, "0", LocationTrust(WifiTrustBands, nil).Value.RatString())

	boost := Multiplier{Name: "hex-boost", Value: big.NewRat(4, 1)}
	threshold := big.NewRat(3, 4)
	low := ApplyBoosts(nil, m, threshold, boost)
	require.Len(t, low, 1, "trust 1/2 is below 3/4: no boost")
	high := ApplyBoosts(nil, LocationTrust(WifiTrustBands, []uint64{5, 6}), threshold, boost)
	require.Len(t, high, 2)
	require.Equal(t, "hex-boost", high[1].Name)
}
