package telecom_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/telecom"
)

// TestHeliumDataTransferCap reproduces Helium's own scenario
// (helium/oracles iot_verifier/src/reward_share.rs @824f7724,
// test_reward_share_calculation_fixed_dc_spend_with_transfer_distribution):
// six gateways, a 10-minute epoch of 618,340,943,683 bones, an HNT price of
// 3,590,000 at 8 decimals, and 60,502 data credits spent. The data pool pays
// the credits' worth, not half the epoch; the rest goes to PoC 1:4. With
// Helium's truncation every payout is Helium's to the bone.
func TestHeliumDataTransferCap(t *testing.T) {
	emission := big.NewInt(618_340_943_683)
	dc := telecom.DataCredits{TokenPriceUSD: big.NewRat(3_590_000, 100_000_000)}
	cfg := telecom.Config{DataCredits: dc}
	require.NoError(t, cfg.Validate())
	dc = cfg.DataCredits

	type gw struct {
		name                     string
		beacon, witness, credits int64
		// Helium's asserted payouts.
		wantBeacon, wantWitness, wantData int64
	}
	gws := []gw{
		{"gw1", 10, 300, 502, 2_166_977_856, 51_442_169_996, 13_983_286},
		{"gw2", 200, 550, 5000, 43_339_557_139, 94_310_644_993, 139_275_766},
		{"gw3", 75, 400, 5000, 16_252_333_927, 68_589_559_995, 139_275_766},
		{"gw5", 20, 700, 0, 4_333_955_713, 120_031_729_992, 0},
		{"gw6", 150, 350, 50000, 32_504_667_854, 60_015_864_996, 1_392_757_660},
	}
	total := uint64(0)
	for _, g := range gws {
		total += uint64(g.credits)
	}
	require.Equal(t, uint64(60_502), total)
	value := dc.Value(total)
	split := telecom.DefaultWeights.Split(emission, value)
	require.Equal(t, value.RatString(), split.DataTransfer.RatString(), "capped at the credits' worth")
	require.Equal(t, "1685292479", new(big.Int).Quo(value.Num(), value.Denom()).String(), "60,502 DC at $0.0359/HNT")

	// Helium's compute_rewards: trunc(pool × shares / Σ shares).
	pay := func(pool *big.Rat, shares, sum int64) int64 {
		r := new(big.Rat).Mul(pool, big.NewRat(shares, sum))
		return new(big.Int).Quo(r.Num(), r.Denom()).Int64()
	}
	var sb, sw, sd int64
	for _, g := range gws {
		sb, sw, sd = sb+g.beacon, sw+g.witness, sd+g.credits
	}
	for _, g := range gws {
		require.Equal(t, g.wantBeacon, pay(split.Beacons, g.beacon, sb), "%s beacon", g.name)
		require.Equal(t, g.wantWitness, pay(split.Witnesses, g.witness, sw), "%s witness", g.name)
		require.Equal(t, g.wantData, pay(split.DataTransfer, g.credits, sd), "%s data", g.name)
	}

	// The old rule (the whole 50% shared by traffic whenever any flowed)
	// paid gw6 about 183 times Helium's amount.
	old := pay(new(big.Rat).Mul(new(big.Rat).SetInt(emission), big.NewRat(1, 2)), 50000, sd)
	require.Equal(t, int64(255_504_340_221), old)
	require.Equal(t, int64(183), old/1_392_757_660)
}

// The data-transfer pool never exceeds its share: traffic worth more than
// half the epoch shares half the epoch (Helium's normalize_dc_transfer_rewards).
func TestDataTransferCapAtShare(t *testing.T) {
	e := big.NewInt(1_000_000)
	split := telecom.DefaultWeights.Split(e, big.NewRat(900_000, 1))
	require.Equal(t, "500000", split.DataTransfer.RatString())
	require.Equal(t, "60000", split.Beacons.RatString())
	require.Equal(t, "240000", split.Witnesses.RatString())
	require.Zero(t, split.Unused.Sign())
	sum := new(big.Rat)
	for _, a := range []*big.Rat{split.Beacons, split.Witnesses, split.DataTransfer, split.PrivateCoverage, split.Reserved} {
		sum.Add(sum, a)
	}
	require.Equal(t, "1000000", sum.RatString())
}
