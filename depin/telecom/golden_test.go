package telecom_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/proof"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenEpoch is what a closed epoch must keep across refactors: its Merkle
// root, its amounts, its rejections by reason and every payout.
type goldenEpoch struct {
	Epoch       uint64
	Root        string
	Emission    string
	Paid        string
	Unallocated string
	Accepted    uint64
	Claims      int
	Rejected    []string // "reason=count", in the summary's order
	Payouts     []string // "pool contributor address amount", in the node's order
}

// TestGoldenRoots runs a fixed-seed telecom pipeline (four validators, fixed
// commit times, public hotspots with liars, private hotspots with Groth16
// coverage proofs, sessions with usage proofs, bad sessions) through three
// epochs and compares every closed epoch's root, amounts, rejections and
// payouts with testdata/golden-seed3.json, written from the code before the
// vertical kit refactor: a refactor of depin or telecom must not move a
// figure. go test -run TestGoldenRoots -update rewrites it (review the diff).
func TestGoldenRoots(t *testing.T) {
	k := coverageKeys(t)
	verifier, err := proof.NewVerifier(k.VerifyingOnly())
	require.NoError(t, err)
	prover, err := proof.NewProver(k)
	require.NoError(t, err)
	const start = 1_767_225_600_000 // 2026-01-01T00:00:00Z
	p := newPipelineAt(t, start, 4, telecomsim.Config{Seed: 3, Hotspots: 40, Liars: 2, Private: 2, Clients: 100, Providers: 5, BadSessionsPerMille: 50},
		telecom.Config{Boosts: []telecom.Boost{{Cell: h3.LatLngToCell(sf, 3), Factor: big.NewRat(2, 1)}},
			Score: poc.ScoreConfig{TrustModel: poc.UrbanTrustModel}}, verifier)
	ctx := context.Background()
	var got []goldenEpoch
	for range 3 {
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
		s, err := p.nodes[0].Epoch(epoch)
		require.NoError(t, err)
		pay, err := p.nodes[0].Payouts(epoch)
		require.NoError(t, err)
		g := goldenEpoch{Epoch: epoch, Root: s.Root.Hex(), Emission: s.Emission.String(), Paid: s.Paid.String(),
			Unallocated: s.Unallocated.String(), Accepted: s.Accepted, Claims: s.Claims}
		for _, r := range s.Rejected {
			g.Rejected = append(g.Rejected, fmt.Sprintf("%s=%d", r.Reason, r.Count))
		}
		for _, po := range pay {
			g.Payouts = append(g.Payouts, fmt.Sprintf("%s %s %s %s", po.Pool, po.Contributor, po.Address.Hex(), po.Amount))
		}
		got = append(got, g)
	}
	path := filepath.Join("testdata", "golden-seed3.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "\t")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var want []goldenEpoch
	require.NoError(t, json.Unmarshal(b, &want))
	require.Equal(t, want, got)
}
