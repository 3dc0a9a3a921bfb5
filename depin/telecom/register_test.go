package telecom_test

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/reward"
	"github.com/depinkit/depinkit/subnet"
)

// telecomSpec is the subnet package's golden spec (a telecom subnet) with
// more TOML appended and the reward section replaced by reward.
func telecomSpec(t *testing.T, reward subnet.Reward, more string) *subnet.Spec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "subnet", "testdata", "genesis.toml"))
	require.NoError(t, err)
	s, err := subnet.Parse(append(data, "\n"+more...))
	require.NoError(t, err)
	s.Reward = reward
	require.NoError(t, s.Validate())
	return s
}

// TestFromSpec: "telecom" is registered; a spec with an exponential curve
// (the CLI took only halving before), pool weights and a section builds a
// telecom vertical with all of them.
func TestFromSpec(t *testing.T) {
	require.Contains(t, vertical.Registered(), telecom.Name)
	spec := telecomSpec(t, subnet.Reward{Curve: subnet.CurveExponential, Initial: "1000000", Factor: "85/100", Period: 10,
		Pools: map[string]uint64{"beacons": 1, "witnesses": 4, "data-transfer": 5}}, `
[verticals.telecom]
require_usage_proof = true
private_res = 7
[verticals.telecom.rules]
beacon_interval_ms = 1000
no_reciprocity = true
[verticals.telecom.score]
boost_threshold = '1/2'
[verticals.telecom.score.trust_model]
exponent_tenths = 27
margin_deci_db = 100
[verticals.telecom.data_credits]
token_price_usd = '0.25'
[[verticals.telecom.boosts]]
cell = '8828308281fffff'
factor = '3/2'
`)
	v, err := depin.VerticalFromSpec(spec, nil)
	require.NoError(t, err)
	tv, ok := vertical.As[*telecom.Vertical](v)
	require.True(t, ok)
	cfg := tv.Config()
	require.Equal(t, int64(1000), cfg.Rules.BeaconIntervalMs)
	require.True(t, cfg.Rules.NoReciprocity)
	require.True(t, cfg.RequireUsageProof)
	require.Equal(t, 7, cfg.PrivateRes)
	require.Equal(t, poc.PathLoss{ExponentTenths: 27, MarginDeciDB: 100}, cfg.Score.TrustModel)
	require.Equal(t, big.NewRat(1, 2), cfg.Score.BoostThreshold)
	require.Equal(t, big.NewRat(1, 4), cfg.DataCredits.TokenPriceUSD)
	require.Len(t, cfg.Boosts, 1)
	require.Equal(t, "8828308281fffff", cfg.Boosts[0].Cell.String())
	require.Equal(t, telecom.Weights{Beacons: 1, Witnesses: 4, DataTransfer: 5}, cfg.Weights)

	// The vertical splits the emission the runtime mints: the spec's curve.
	curve, err := spec.Curve()
	require.NoError(t, err)
	rc, err := depin.ConfigFromSpec(spec, nil)
	require.NoError(t, err)
	for _, e := range []uint64{0, 10, 25} {
		require.Equal(t, curve.Emission(e), tv.Curve().Emission(e), "epoch %d", e)
		require.Equal(t, curve.Emission(e), rc.Curve.Emission(e), "epoch %d", e)
	}
	require.Equal(t, big.NewInt(850_000), tv.Curve().Emission(10))
}

func TestFromSpecErrors(t *testing.T) {
	halving := subnet.Reward{Curve: subnet.CurveHalving, Initial: "1000", Period: 10}
	for name, tc := range map[string]struct {
		reward subnet.Reward
		toml   string
		want   string
	}{
		"unknown key":     {halving, "[verticals.telecom.rules]\nbeacon_interval = 1000\n", "verticals.telecom.rules.beacon_interval: unknown setting"},
		"wrong type":      {halving, "[verticals.telecom]\nprivate_res = 'eight'\n", "verticals.telecom.private_res"},
		"bad fraction":    {halving, "[verticals.telecom.data_credits]\ntoken_price_usd = '1e3'\n", `verticals.telecom.data_credits.token_price_usd: "1e3" is not a fraction`},
		"bad cell":        {halving, "[[verticals.telecom.boosts]]\ncell = 'nope'\nfactor = '2'\n", `verticals.telecom.boosts[0].cell: "nope" is not an H3 cell`},
		"no factor":       {halving, "[[verticals.telecom.boosts]]\ncell = '8828308281fffff'\n", "verticals.telecom.boosts[0].factor: missing"},
		"bad rules":       {halving, "[verticals.telecom.rules]\nbeacon_interval_ms = 7\n", "telecom: invalid config: rules"},
		"unknown pool":    {subnet.Reward{Curve: subnet.CurveConstant, Initial: "1", Pools: map[string]uint64{"beacons": 1, "coverage": 2}}, "", "reward.pools: coverage: the telecom vertical's pools are beacons"},
		"no paying pools": {subnet.Reward{Curve: subnet.CurveConstant, Initial: "1", Pools: map[string]uint64{"reserved": 1}}, "", "every paying pool has weight 0"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := depin.VerticalFromSpec(telecomSpec(t, tc.reward, tc.toml), nil)
			require.ErrorContains(t, err, tc.want)
			require.ErrorContains(t, err, "vertical telecom: ")
		})
	}
}

// TestConfigCurve: a Config takes a curve or halving parameters, not both;
// with a curve, that is the curve the vertical proposes.
func TestConfigCurve(t *testing.T) {
	c, err := subnetCurve(subnet.Reward{Curve: subnet.CurveLinear, Initial: "100", Step: "10"})
	require.NoError(t, err)
	v, err := telecom.New(telecom.Config{Curve: c})
	require.NoError(t, err)
	require.Equal(t, big.NewInt(70), v.Curve().Emission(3))
	require.Zero(t, v.Config().HalvingPeriod, "no halving defaults with a curve")
	_, err = telecom.NewFactory(telecom.Config{Curve: c}) // validates twice
	require.NoError(t, err)
	_, err = telecom.New(telecom.Config{Curve: c, HalvingPeriod: 5})
	require.ErrorIs(t, err, telecom.ErrConfig)
	_, err = telecom.New(telecom.Config{Curve: c, InitialEmission: big.NewInt(1)})
	require.ErrorIs(t, err, telecom.ErrConfig)
}

func subnetCurve(r subnet.Reward) (reward.Curve, error) {
	s := subnet.Spec{Reward: r}
	return s.Curve()
}

// TestSettingsRoundTrip: a Config that is not the default (what telecomsim's
// p2p validators could only get in part before) travels whole through a
// spec: SettingsOf, subnet.SectionOf, the spec file, the registry.
func TestSettingsRoundTrip(t *testing.T) {
	want := telecom.Config{
		Rules:             poc.Rules{BeaconIntervalMs: 1000, NoReciprocity: true, MaxWitnesses: 5},
		RequireUsageProof: true, UsageIntervalMs: 30_000, PrivateRes: 7, MaxPrivateRadius: 12_000,
		Weights: telecom.Weights{Beacons: 1, Witnesses: 2, DataTransfer: 3, Reserved: 4},
	}
	want.Score.TrustModel = poc.PathLoss{ExponentTenths: 30, MarginDeciDB: -50}
	want.Score.BoostThreshold = big.NewRat(2, 3)
	want.DataCredits.TokenPriceUSD = big.NewRat(5, 2)
	want.Bandwidth.UnitsPerGB = 7
	want.Boosts = []telecom.Boost{{Cell: h3.Cell(h3.IndexFromString("8828308281fffff")), Factor: big.NewRat(3, 2)}}
	st, err := telecom.SettingsOf(want)
	require.NoError(t, err)
	sec, err := subnet.SectionOf(st)
	require.NoError(t, err)
	spec := telecomSpec(t, subnet.Reward{Curve: subnet.CurveConstant, Initial: "1000", Pools: want.Weights.Pools()}, "")
	spec.Verticals = map[string]subnet.Section{telecom.Name: sec}
	data, err := spec.Marshal()
	require.NoError(t, err)
	spec, err = subnet.Parse(data)
	require.NoError(t, err)
	require.NoError(t, spec.Validate())
	v, err := depin.VerticalFromSpec(spec, nil)
	require.NoError(t, err)
	tv, _ := vertical.As[*telecom.Vertical](v)
	got := tv.Config()

	w, err := telecom.New(want) // the defaults filled in, as got's
	require.NoError(t, err)
	exp := w.Config()
	require.Equal(t, exp.Rules, got.Rules)
	require.Equal(t, exp.Score.TrustModel, got.Score.TrustModel)
	require.Equal(t, exp.Score.BoostThreshold, got.Score.BoostThreshold)
	require.Equal(t, exp.DataCredits, got.DataCredits)
	require.Equal(t, exp.Bandwidth, got.Bandwidth)
	require.Equal(t, exp.Boosts, got.Boosts)
	require.Equal(t, exp.Weights, got.Weights)
	require.Equal(t, []any{exp.RequireUsageProof, exp.UsageIntervalMs, exp.PrivateRes, exp.MaxPrivateRadius},
		[]any{got.RequireUsageProof, got.UsageIntervalMs, got.PrivateRes, got.MaxPrivateRadius})

	bad := want
	bad.Score.TrustBands = []reward.TrustBand{}
	_, err = telecom.SettingsOf(bad)
	require.ErrorIs(t, err, telecom.ErrConfig)
}

// The telecom vertical built by name, as "depinkit subnet up" builds it: the
// subnet's curve and pool weights, its section's settings.
func ExampleFromSetup() {
	curve, _ := reward.NewConstant(big.NewInt(1_000_000))
	section := func(into any) error { // what subnet.Spec.DecodeVertical does with [verticals.telecom]
		into.(*telecom.Settings).Rules.BeaconIntervalMs = 60_000
		return nil
	}
	v, err := vertical.New(telecom.Name, vertical.Setup{
		Curve:       curve,
		PoolWeights: map[string]uint64{"beacons": 1, "witnesses": 4, "data-transfer": 5},
		Section:     section,
	})
	if err != nil {
		panic(err)
	}
	tv, _ := vertical.As[*telecom.Vertical](v)
	cfg := tv.Config()
	fmt.Println(cfg.Rules.BeaconIntervalMs, cfg.Weights, tv.Curve().Emission(9))

	_, err = vertical.New(telecom.Name, vertical.Setup{PoolWeights: map[string]uint64{"coverage": 1}})
	fmt.Println(err)
	// Output:
	// 60000 {1 4 5 0 0} 1000000
	// vertical telecom: telecom: invalid config: reward.pools: coverage: the telecom vertical's pools are beacons, witnesses, data-transfer, private-coverage and reserved
}

// FuzzSettings: whatever a spec's section says, FromSetup returns a vertical
// or an error wrapping ErrConfig; it never panics.
func FuzzSettings(f *testing.F) {
	f.Add(int64(1000), int64(4000), 8, uint32(10_000), "1/100000", "8828308281fffff", "3/2", uint64(60_000), uint64(0))
	f.Add(int64(-1), int64(0), 16, uint32(0), "0", "", "", uint64(0), ^uint64(0))
	f.Fuzz(func(t *testing.T, beacon, lag int64, res int, radius uint32, price, cell, factor string, interval, rate uint64) {
		s := telecom.Settings{PrivateRes: res, MaxPrivateRadius: radius, UsageIntervalMs: interval}
		s.Rules.BeaconIntervalMs, s.Rules.BeaconLagMs = beacon, lag
		s.DataCredits.CreditPriceUSD, s.DataCredits.TokenPriceUSD = price, price
		s.Bandwidth.MaxBytesPerSecond = rate
		if cell != "" || factor != "" {
			s.Boosts = []telecom.BoostSettings{{Cell: cell, Factor: factor}}
		}
		v, err := telecom.FromSetup(vertical.Setup{Section: func(into any) error {
			*into.(*telecom.Settings) = s
			return nil
		}})
		if err != nil {
			require.ErrorIs(t, err, telecom.ErrConfig)
			return
		}
		require.NotNil(t, v)
	})
}
