package telecomsim_test

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
)

// TestMain makes the test binary a validator when RunP2P starts it as one:
// RunP2P re-executes os.Executable, which under go test is this binary.
func TestMain(m *testing.M) {
	telecomsim.MainIfValidator()
	os.Exit(m.Run())
}

// TestRunP2PConfig: the validator processes are handed the vertical's
// default Config but for the beacon interval; RunP2P refuses any other
// before it starts anything.
func TestRunP2PConfig(t *testing.T) {
	var cfg telecomsim.RunConfig
	cfg.Vertical.Weights.Beacons = 1
	dir := filepath.Join(t.TempDir(), "subnet")
	_, err := telecomsim.RunP2P(context.Background(), cfg, telecomsim.P2PConfig{Dir: dir})
	require.ErrorIs(t, err, telecomsim.ErrConfig)
	_, err = os.Stat(dir)
	require.ErrorIs(t, err, os.ErrNotExist, "nothing written")
}

// TestRunP2P runs the simulation on four validator processes over libp2p
// (this test binary, re-executed) with the embedded parent chain — 20
// hotspots, one of them private and proving coverage in zero knowledge, 20
// clients, 2 epochs — and checks its totals: every validator has the same
// summary, payouts and root in every epoch, the emission is conserved, the
// checkpoint on the parent chain holds the validators' state root, the
// coverage proofs were verified by the processes with the key RunP2P
// handed them, and the claim pays exactly the payout.
func TestRunP2P(t *testing.T) {
	if testing.Short() {
		t.Skip("runs five processes for about 30 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "subnet")
	res, err := telecomsim.RunP2P(ctx, telecomsim.RunConfig{
		Sim:           telecomsim.Config{Seed: 3, Hotspots: 20, Private: 1, Clients: 20},
		Validators:    4,
		Epochs:        2,
		EpochDuration: 3 * time.Second,
		Progress:      t.Logf,
	}, telecomsim.P2PConfig{Dir: dir})
	require.NoError(t, err)
	require.Len(t, res.Epochs, 2)
	proofs := 0
	for _, e := range res.Epochs {
		s := e.Summary
		require.True(t, e.Agree, "validators disagree on epoch %d", s.Epoch)
		require.Len(t, e.Roots, 4)
		for _, r := range e.Roots {
			require.Equal(t, s.Root, r, "epoch %d", s.Epoch)
		}
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated), "conservation in epoch %d", s.Epoch)
		paid := new(big.Int)
		for _, p := range e.Payouts {
			paid.Add(paid, p.Amount)
		}
		require.Equal(t, s.Paid, paid)
		require.Positive(t, s.Accepted)
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
		require.Equal(t, [32]byte(s.AppHash), [32]byte(e.Checkpoint.StateRoot))
		require.NotZero(t, e.SettlementGas)
		require.True(t, e.HasStats, "the validators serve the vertical's stats: epoch %d, stats of %d", s.Epoch, e.Stats.Epoch)
		require.Equal(t, s.Epoch, e.Stats.Epoch)
		proofs += e.Stats.PrivateProofs
	}
	require.Positive(t, proofs, "coverage proofs verified by the validator processes")
	require.Equal(t, len(res.Sim.Hotspots())+len(res.Sim.Providers())+len(res.Sim.Clients()), res.Devices)
	c := res.Claim
	require.NotNil(t, c.Hotspot)
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before), "the claim pays exactly the payout")
	require.NotEmpty(t, res.Explanations)
	for i := range 4 {
		_, err := os.Stat(filepath.Join(dir, fmt.Sprintf("v%d", i), telecomsim.LogFile))
		require.NoError(t, err, "validator %d logs in its directory", i)
	}
}
