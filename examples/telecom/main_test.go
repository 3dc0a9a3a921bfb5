package main

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
)

// TestMain runs a validator when --p2p starts this test binary as one (it
// re-executes os.Executable), as main does.
func TestMain(m *testing.M) {
	telecomsim.MainIfValidator()
	os.Exit(m.Run())
}

// TestRun runs the example in a reduced size — 4 validators, 30 hotspots,
// 50 clients, 2 epochs, paced — and checks its totals: every epoch conserves
// its emission (payouts plus unallocated), every validator has the same
// summary, payouts and root, the root and checkpoint are on chain, and the
// owner's claim moves its balance by exactly its payout.
//
// It is also the reproducibility test: it runs again with the same seed and
// once with another, and compares the printed reports byte for byte but for
// what measures the run itself (devnet.WithoutRunFacts). Both runs with
// seed 7 print the same tables, counts, rejections, payouts, Merkle roots,
// earners, explanations and claim; seed 8 prints other roots. (With
// --realtime, two runs with seed 7 differ.)
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three networks for about 10 s each")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	report := func(seed uint64) (string, *telecomsim.Result) {
		var out bytes.Buffer
		res, err := run(ctx, options{validators: 4, hotspots: 30, clients: 50, epochs: 2, seed: seed, epochDuration: 3 * time.Second, quiet: true}, &out)
		require.NoError(t, err)
		return out.String(), res
	}
	text, res := report(7)
	require.Len(t, res.Epochs, 2)
	for _, e := range res.Epochs {
		s := e.Summary
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated), "conservation in epoch %d", s.Epoch)
		paid := new(big.Int)
		for _, p := range e.Payouts {
			paid.Add(paid, p.Amount)
		}
		require.Equal(t, s.Paid, paid)
		require.True(t, e.Agree, "validators disagree on epoch %d", s.Epoch)
		require.Len(t, e.Roots, 4)
		for _, r := range e.Roots {
			require.Equal(t, s.Root, r)
		}
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
		require.Positive(t, s.Accepted)
		require.NotZero(t, s.Root)
	}
	c := res.Claim
	require.NotNil(t, c.Hotspot)
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before), "the claim pays exactly the payout")
	require.NotEmpty(t, res.Explanations)
	for _, x := range res.Explanations {
		require.Zero(t, x.Amount.Sign())
	}
	for _, want := range []string{"epoch  envelopes", "top earners", "earn nothing", "on-chain claim", "equals payout: true", "checkpoint on the parent chain"} {
		require.True(t, strings.Contains(text, want), "report lacks %q:\n%s", want, text)
	}

	again, resAgain := report(7)
	require.Equal(t, devnet.WithoutRunFacts(text), devnet.WithoutRunFacts(again), "two runs with seed 7")
	for i := range res.Epochs {
		require.Equal(t, res.Epochs[i].Summary.Root, resAgain.Epochs[i].Summary.Root)
	}
	other, resOther := report(8)
	require.NotEqual(t, devnet.WithoutRunFacts(text), devnet.WithoutRunFacts(other), "seeds 7 and 8")
	require.NotEqual(t, res.Epochs[0].Summary.Root, resOther.Epochs[0].Summary.Root)
}

// TestRunP2P runs the example with --p2p in a reduced size — 4 validator
// processes over libp2p, 20 hotspots, 20 clients, 2 epochs — and checks that
// every validator's root agrees in every epoch, the claim pays exactly, and
// the report has what the in-process one has, the vertical's counts
// included.
func TestRunP2P(t *testing.T) {
	if testing.Short() {
		t.Skip("runs five processes for about 25 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out bytes.Buffer
	res, err := run(ctx, options{validators: 4, hotspots: 20, clients: 20, epochs: 2, seed: 9, epochDuration: 3 * time.Second, quiet: true, p2p: true}, &out)
	require.NoError(t, err)
	require.Len(t, res.Epochs, 2)
	for _, e := range res.Epochs {
		s := e.Summary
		require.True(t, e.Agree, "validators disagree on epoch %d", s.Epoch)
		require.Len(t, e.Roots, 4)
		for _, r := range e.Roots {
			require.Equal(t, s.Root, r)
		}
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated), "conservation in epoch %d", s.Epoch)
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
	}
	c := res.Claim
	require.NotNil(t, c.Hotspot)
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before), "the claim pays exactly the payout")
	text := out.String()
	for _, want := range []string{"as processes over libp2p", "epoch  envelopes", "beacons (", "top earners", "earn nothing", "equals payout: true", "checkpoint on the parent chain"} {
		require.True(t, strings.Contains(text, want), "report lacks %q:\n%s", want, text)
	}
}

// TestRunFlags checks the flags that name an external parent chain are
// refused alone, and that an unreadable key file is named.
func TestRunFlags(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	_, err := run(ctx, options{rpc: "http://127.0.0.1:1"}, &out)
	require.ErrorContains(t, err, "--key is required")
	_, err = run(ctx, options{keyFile: "k.json"}, &out)
	require.ErrorContains(t, err, "only with --rpc")
	_, err = run(ctx, options{rpc: "http://127.0.0.1:1", keyFile: filepath.Join(t.TempDir(), "missing.json")}, &out)
	require.ErrorContains(t, err, "--key")
	require.Empty(t, out.String())
}
