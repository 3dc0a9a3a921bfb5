package reward

import (
	"fmt"
	"math/big"
)

// SpeedTier is a Helium Mobile speedtest tier.
type SpeedTier int

// Speedtest tiers, best first (Helium Mobile, HIP-74 as the oracles applied it in
// January 2026).
const (
	TierGood SpeedTier = iota
	TierAcceptable
	TierDegraded
	TierPoor
	TierFail
)

func (t SpeedTier) String() string {
	return [...]string{"good", "acceptable", "degraded", "poor", "fail"}[t]
}

// speedTiers: multiplier and thresholds per tier: upload and download at least
// (Mbps), latency at most (ms).
var speedTiers = []struct {
	tier           SpeedTier
	mult           *big.Rat
	up, down, late uint64
}{
	{TierGood, big.NewRat(1, 1), 10, 100, 49},
	{TierAcceptable, big.NewRat(3, 4), 8, 75, 59},
	{TierDegraded, big.NewRat(1, 2), 5, 50, 74},
	{TierPoor, big.NewRat(1, 4), 2, 30, 99},
}

// Speedtest is one speed test of a radio: throughput in bytes per second and
// latency in milliseconds.
type Speedtest struct {
	UploadBps, DownloadBps uint64
	LatencyMs              uint64
}

// SpeedtestMultiplier grades a radio by its recent speed tests (give it the
// newest six of the last 48 hours): fewer than 2 tests fail; otherwise the
// integer means of upload, download and latency, with Mbps = floor(bytes/s ÷
// 125,000), each fall in a tier, and the worst of the three is the radio's:
//
//	tier        multiplier  upload Mbps  download Mbps  latency ms
//	good        1           >= 10        >= 100         <= 49
//	acceptable  3/4         >= 8         >= 75          <= 59
//	degraded    1/2         >= 5         >= 50          <= 74
//	poor        1/4         >= 2         >= 30          <= 99
//	fail        0           otherwise
func SpeedtestMultiplier(tests []Speedtest) (SpeedTier, Multiplier) {
	if len(tests) < 2 {
		return TierFail, Multiplier{Name: "speedtest", Value: new(big.Rat), Note: fmt.Sprintf("%d speed tests, at least 2 needed", len(tests))}
	}
	var up, down, lat big.Int
	for _, t := range tests {
		up.Add(&up, new(big.Int).SetUint64(t.UploadBps))
		down.Add(&down, new(big.Int).SetUint64(t.DownloadBps))
		lat.Add(&lat, new(big.Int).SetUint64(t.LatencyMs))
	}
	n := big.NewInt(int64(len(tests)))
	mbps := func(sum *big.Int) uint64 {
		m := new(big.Int).Quo(sum, n)
		return m.Quo(m, big.NewInt(125_000)).Uint64()
	}
	u, d, l := mbps(&up), mbps(&down), new(big.Int).Quo(&lat, n).Uint64()
	tier := TierFail
	for _, st := range speedTiers {
		if u >= st.up && d >= st.down && l <= st.late {
			tier = st.tier
			break
		}
	}
	m := Multiplier{Name: "speedtest", Value: new(big.Rat), Note: fmt.Sprintf("%s: %d/%d Mbps, %d ms", tier, u, d, l)}
	if tier != TierFail {
		m.Value.Set(speedTiers[tier].mult)
	}
	return tier, m
}

// TrustBand is a band of distances from a radio's asserted location with a trust
// factor.
type TrustBand struct {
	MaxMeters uint64 // inclusive
	Trust     *big.Rat
}

// WifiTrustBands are Helium Mobile's location-trust bands for Wi-Fi radios
// (November 2025): within 300 m full trust, within 400 m a quarter, beyond none.
var WifiTrustBands = []TrustBand{{300, big.NewRat(1, 1)}, {400, big.NewRat(1, 4)}}

// LocationTrust is the mean of the trust of each heartbeat: a heartbeat's trust
// is that of the first band its distance from the asserted location falls in, or
// 0 beyond them all. No heartbeats give 0.
func LocationTrust(bands []TrustBand, distancesMeters []uint64) Multiplier {
	m := Multiplier{Name: "location-trust", Value: new(big.Rat)}
	if len(distancesMeters) == 0 {
		m.Note = "no heartbeats"
		return m
	}
	for _, dist := range distancesMeters {
		for _, b := range bands {
			if dist <= b.MaxMeters {
				m.Value.Add(m.Value, b.Trust)
				break
			}
		}
	}
	m.Value.Quo(m.Value, new(big.Rat).SetInt64(int64(len(distancesMeters))))
	m.Note = fmt.Sprintf("mean over %d heartbeats", len(distancesMeters))
	return m
}

// ApplyBoosts returns the multipliers with the boosts kept only if trust reaches
// threshold: boosts reward a location, so a radio not trusted to be there loses
// them (Helium: boosted hexes pay only radios with trust of at least 3/4).
func ApplyBoosts(multipliers []Multiplier, trust Multiplier, threshold *big.Rat, boosts ...Multiplier) []Multiplier {
	out := append(append([]Multiplier(nil), multipliers...), trust)
	if trust.Value.Cmp(threshold) < 0 {
		return out
	}
	return append(out, boosts...)
}
