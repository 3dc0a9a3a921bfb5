package telecom_test

import (
	"context"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// TestPipeline drives four validators with the same commits through two
// epochs of simulated traffic — public hotspots with liars, an isolated
// hotspot, private hotspots with Groth16 coverage proofs, bandwidth sessions
// with usage proofs, some bad — and checks that they agree on every app hash
// (pipeline.apply), summary, payout and root; that payouts plus unallocated
// is the emission; and that Explain shows why a liar earned nothing.
func TestPipeline(t *testing.T) {
	k := coverageKeys(t)
	verifier, err := proof.NewVerifier(k.VerifyingOnly())
	require.NoError(t, err)
	prover, err := proof.NewProver(k)
	require.NoError(t, err)
	p := newPipeline(t, 4, telecomsim.Config{Seed: 3, Hotspots: 40, Liars: 2, Private: 2, Clients: 100, Providers: 5, BadSessionsPerMille: 50},
		telecom.Config{Boosts: []telecom.Boost{{Cell: h3.LatLngToCell(sf, 3), Factor: big.NewRat(2, 1)}},
			Score: poc.ScoreConfig{TrustModel: poc.UrbanTrustModel}}, verifier) // the simulated city is urban
	ctx := context.Background()
	for range 2 {
		reports, err := p.sim.PoC(p.seed, p.now())
		require.NoError(t, err)
		sessions, err := p.sim.Sessions(p.now())
		require.NoError(t, err)
		jobs, err := p.sim.Coverage(p.seed, p.now())
		require.NoError(t, err)
		var proofs [][]byte
		for _, j := range jobs {
			env, err := j.Prove(ctx, prover)
			require.NoError(t, err)
			proofs = append(proofs, env)
		}
		p.submit(slices.Concat(proofs, reports, sessions.Sessions))
		epoch := p.close()

		var first depin.EpochSummary
		var firstPay []depin.Payout
		for i, n := range p.nodes {
			s, err := n.Epoch(epoch)
			require.NoError(t, err)
			pay, err := n.Payouts(epoch)
			require.NoError(t, err)
			if i == 0 {
				first, firstPay = s, pay
				continue
			}
			require.Equal(t, first, s, "validator %d, epoch %d", i, epoch)
			require.Equal(t, firstPay, pay, "validator %d, epoch %d", i, epoch)
		}
		require.Equal(t, first.Emission, new(big.Int).Add(first.Paid, first.Unallocated), "conservation, epoch %d", epoch)
		require.NotEqual(t, [32]byte{}, first.Root)
		pools := map[string]bool{}
		for _, po := range firstPay {
			pools[po.Pool] = true
		}
		require.True(t, pools[telecom.PoolDataTransfer] && pools[telecom.PoolPrivateCoverage], "pools paid: %v", pools)
		require.Positive(t, first.RejectedFor(poc.ReasonTooClose.String())+first.RejectedFor(poc.ReasonNoReciprocity.String()))
		require.Positive(t, first.RejectedFor("bad-client-signature")+first.RejectedFor("rate-too-high")+first.RejectedFor("duplicate-session"))
	}
	// In the second epoch PoC pays. Liars' links contradict their
	// assertions: their location trust is below 3/4, so they lose the boost
	// of the city's hex that honest hotspots keep; if a liar earned nothing,
	// Explain says it is for its trust.
	epoch := p.nodes[0].CurrentEpoch() - 1
	pay, err := p.nodes[0].Payouts(epoch)
	require.NoError(t, err)
	paid := map[string]bool{}
	for _, po := range pay {
		paid[po.Contributor] = true
		if po.Pool == telecom.PoolBeacons || po.Pool == telecom.PoolWitnesses {
			h, ok := p.sim.Hotspot(mustID(t, po.Contributor))
			require.True(t, ok)
			require.False(t, h.Isolated)
		}
	}
	var scores []poc.Score
	p.nodes[3].Inspect(func(v depin.Vertical) { scores = v.(*telecom.Vertical).LastEpoch().Scores })
	boosted := map[bool]int{}
	for _, s := range scores {
		h, _ := p.sim.Hotspot(s.Hotspot)
		hasBoost := slices.ContainsFunc(s.Multipliers, func(m reward.Multiplier) bool { return m.Name == "boost" })
		if h.Liar {
			require.Equal(t, -1, s.Trust.Value.Cmp(poc.DefaultBoostThreshold), "liar %s trust %s", s.Hotspot, s.Trust.Value)
			require.False(t, hasBoost)
			if !paid[h.ID.String()] {
				x, err := p.nodes[2].Explain(h.ID, epoch)
				require.NoError(t, err)
				require.Contains(t, x.Reason, "location-trust")
			}
		}
		if hasBoost {
			boosted[h.Liar]++
		}
	}
	require.Positive(t, boosted[false], "honest hotspots keep their boost")
	// So does the isolated hotspot, whose beacons nobody hears.
	for _, h := range p.sim.Hotspots() {
		if h.Isolated {
			x, err := p.nodes[1].Explain(h.ID, epoch)
			require.NoError(t, err)
			require.Zero(t, x.Amount.Sign())
			require.NotEmpty(t, x.Rejected)
		}
	}
}

// TestLocalNetwork runs the telecom vertical on a 4-validator
// depin.NewLocalNetwork (chain/dag over memory, the embedded EVM chain):
// every validator computes the same summaries, payouts and roots, the roots
// and checkpoints reach the chain, and a claim pays exactly the payout.
func TestLocalNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network for about 15 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := telecomsim.Run(ctx, telecomsim.RunConfig{
		Sim:           telecomsim.Config{Seed: 5, Hotspots: 30, Private: 1, Clients: 50},
		Validators:    4,
		Epochs:        2,
		EpochDuration: 3 * time.Second,
		CoverageKeys:  coverageKeys(t),
	})
	require.NoError(t, err)
	require.Len(t, res.Epochs, 2)
	for _, e := range res.Epochs {
		require.True(t, e.Agree, "epoch %d", e.Summary.Epoch)
		for _, r := range e.Roots {
			require.Equal(t, e.Summary.Root, r)
		}
		s := e.Summary
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated))
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
		require.Equal(t, [32]byte(s.AppHash), [32]byte(e.Checkpoint.StateRoot))
		require.NotZero(t, e.SettlementGas)
	}
	c := res.Claim
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before))
}
