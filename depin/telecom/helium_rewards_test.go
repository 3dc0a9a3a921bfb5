package telecom_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/reward"
)

// heliumPay is Helium's payout (reward_share.rs rewards_per_share and
// compute_rewards): the rate pool/total rounded half-even to 15 decimals,
// times the shares, truncated.
func heliumPay(pool, shares, total *big.Rat) int64 {
	rate := reward.RoundHalfEven(new(big.Rat).Quo(pool, total), 15)
	r := rate.Mul(rate, shares)
	return new(big.Int).Quo(r.Num(), r.Denom()).Int64()
}

// heliumEpoch is the 10-minute epoch of Helium's reward_share.rs tests, and
// its HNT price (PriceInfo::new(3590000, 8): $0.0359).
var (
	heliumEmission = big.NewInt(618_340_943_683)
	heliumPrice    = big.NewRat(3_590_000, 100_000_000)
)

// heliumGateway is a gateway of those tests: its beacon and witness shares,
// its data credits (fractions of a total in two of the tests), and the
// payouts Helium asserts.
type heliumGateway struct {
	name                              string
	beacon, witness                   int64
	credits                           *big.Rat
	wantBeacon, wantWitness, wantData int64
}

// checkHeliumScenario splits the epoch (DefaultWeights.Split, the credits
// valued at $0.00001 each) and pays every gateway Helium's way.
func checkHeliumScenario(t *testing.T, gws []heliumGateway) telecom.Split {
	t.Helper()
	var sb, sw int64
	sd := new(big.Rat)
	for _, g := range gws {
		sb, sw = sb+g.beacon, sw+g.witness
		sd.Add(sd, g.credits)
	}
	value := new(big.Rat).Mul(sd, telecom.DefaultCreditPriceUSD)
	value.Quo(value, heliumPrice)
	value.Mul(value, big.NewRat(100_000_000, 1))
	split := telecom.DefaultWeights.Split(heliumEmission, value)
	for _, g := range gws {
		require.Equal(t, g.wantBeacon, heliumPay(split.Beacons, big.NewRat(g.beacon, 1), big.NewRat(sb, 1)), "%s beacon", g.name)
		require.Equal(t, g.wantWitness, heliumPay(split.Witnesses, big.NewRat(g.witness, 1), big.NewRat(sw, 1)), "%s witness", g.name)
		if g.credits.Sign() > 0 {
			require.Equal(t, g.wantData, heliumPay(split.DataTransfer, g.credits, sd), "%s data", g.name)
		}
	}
	return split
}

// The other two scenarios of reward_share.rs: 55% of the data pool's worth
// spent (test_reward_share_calculation_with_data_transfer_distribution), and
// all of it, 80% by one gateway
// (test_reward_share_calculation_without_data_transfer_distribution). In
// both the credits are fractions of hnt_bones_to_dc(pool) = 11,099,219 DC.
func TestHeliumDataTransferScenarios(t *testing.T) {
	total := big.NewRat(11_099_219, 1)
	frac := func(num, den int64) *big.Rat { return new(big.Rat).Mul(total, big.NewRat(num, den)) }
	split := checkHeliumScenario(t, []heliumGateway{
		{"gw1", 10, 300, frac(1, 10), 1_426_940_702, 33_874_331_459, 30_917_044_568},
		{"gw2", 200, 550, new(big.Rat), 28_538_814_050, 62_102_941_009, 0},
		{"gw3", 75, 400, frac(2, 10), 10_702_055_268, 45_165_775_279, 61_834_089_136},
		{"gw5", 20, 700, frac(5, 100), 2_853_881_405, 79_040_106_739, 15_458_522_284},
		{"gw6", 150, 350, frac(2, 10), 21_404_110_537, 39_520_053_369, 61_834_089_136},
	})
	require.Positive(t, split.Unused.Sign(), "45% of the data share goes to PoC")
	split = checkHeliumScenario(t, []heliumGateway{
		{"gw1", 10, 300, frac(1, 10), 815_394_651, 19_356_759_976, 25_764_205_986},
		{"gw2", 200, 550, frac(1, 10), 16_307_893_020, 35_487_393_289, 25_764_205_986},
		{"gw3", 75, 400, frac(1, 10), 6_115_459_882, 25_809_013_301, 25_764_205_986},
		{"gw5", 20, 700, frac(1, 10), 1_630_789_302, 45_165_773_277, 25_764_205_986},
		{"gw6", 150, 350, frac(8, 10), 12_230_919_765, 22_582_886_638, 206_113_647_894},
	})
	require.Zero(t, split.Unused.Sign(), "credits worth more than the share: capped at it, nothing to PoC")
	require.Equal(t, "309170471841.5", split.DataTransfer.FloatString(1))
}

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

	var sb, sw, sd int64
	for _, g := range gws {
		sb, sw, sd = sb+g.beacon, sw+g.witness, sd+g.credits
	}
	for _, g := range gws {
		require.Equal(t, g.wantBeacon, heliumPay(split.Beacons, big.NewRat(g.beacon, 1), big.NewRat(sb, 1)), "%s beacon", g.name)
		require.Equal(t, g.wantWitness, heliumPay(split.Witnesses, big.NewRat(g.witness, 1), big.NewRat(sw, 1)), "%s witness", g.name)
		require.Equal(t, g.wantData, heliumPay(split.DataTransfer, big.NewRat(g.credits, 1), big.NewRat(sd, 1)), "%s data", g.name)
	}

	// The old rule (the whole 50% shared by traffic whenever any flowed)
	// paid gw6 about 183 times Helium's amount.
	old := heliumPay(new(big.Rat).Mul(new(big.Rat).SetInt(emission), big.NewRat(1, 2)), big.NewRat(50000, 1), big.NewRat(sd, 1))
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
