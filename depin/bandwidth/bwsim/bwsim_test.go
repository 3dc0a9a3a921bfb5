package bwsim_test

import (
	"fmt"
	"log"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/bandwidth/bwsim"
	"github.com/depinkit/depinkit/proof"
)

const day = int64(86_400_000)
const epochStart = int64(1_780_000_000_000) / day * day

func TestLedgerGivesWantedReasons(t *testing.T) {
	w, err := bwsim.New(bwsim.Config{Seed: 1, Providers: 10, Clients: 80, BadPerMille: 150, ReadingIntervalMs: 60_000})
	require.NoError(t, err)
	l, err := bandwidth.NewLedger(bandwidth.Config{MaxBytesPerSecond: 12_500_000})
	require.NoError(t, err)
	seen := map[bandwidth.Reason]int{}
	for epoch := range int64(2) {
		gen, err := w.Epoch(epochStart+epoch*day, day)
		require.NoError(t, err)
		for i, g := range gen {
			r, ok := bandwidth.ReasonOf(l.Add(g.Session, w.KeyOf))
			require.True(t, ok)
			require.Equal(t, g.Want, r, "epoch %d session %d", epoch, i)
			seen[r]++
		}
		l.EndEpoch()
	}
	for _, r := range []bandwidth.Reason{bandwidth.ReasonNone, bandwidth.ReasonSelfSession, bandwidth.ReasonZeroBytes,
		bandwidth.ReasonRateTooHigh, bandwidth.ReasonBadClientSignature, bandwidth.ReasonDuplicateSession, bandwidth.ReasonReplayedNonce} {
		require.Positive(t, seen[r], "%s", r)
	}
}

func TestDeterministicAndProvable(t *testing.T) {
	cfg := bwsim.Config{Seed: 5, Providers: 3, Clients: 10, ReadingIntervalMs: 60_000, BadPerMille: 100}
	a, err := bwsim.New(cfg)
	require.NoError(t, err)
	b, err := bwsim.New(cfg)
	require.NoError(t, err)
	ga, err := a.Epoch(epochStart, day)
	require.NoError(t, err)
	gb, err := b.Epoch(epochStart, day)
	require.NoError(t, err)
	require.Equal(t, ga, gb)

	limit, err := bandwidth.ReadingCap(12_500_000, cfg.ReadingIntervalMs)
	require.NoError(t, err)
	v, err := proof.NewVerifier()
	require.NoError(t, err)
	proved := 0
	for _, g := range ga {
		if g.Want != bandwidth.ReasonNone {
			continue
		}
		provider, ok := a.Provider(g.Session.Provider)
		require.True(t, ok)
		uw, err := bandwidth.UsageWitness(g.Session, provider, g.Readings, limit)
		require.NoError(t, err)
		bundle, err := proof.Signed(uw)
		require.NoError(t, err)
		require.NoError(t, bandwidth.VerifyUsage(v, g.Session, bundle, provider.Public(), limit))
		proved++
	}
	require.Positive(t, proved)

	for _, bad := range []bwsim.Config{{Providers: 0, Clients: 1}, {Providers: 1, Clients: 1, BadPerMille: 1001}} {
		_, err := bwsim.New(bad)
		require.ErrorIs(t, err, bwsim.ErrConfig)
	}
	_, err = a.Epoch(epochStart, 1000)
	require.ErrorIs(t, err, bwsim.ErrConfig)
}

// A day of a simulated VPN network: 20 providers, 200 clients, 5% bad
// sessions, each refused for its reason.
func ExampleWorld_Epoch() {
	w, err := bwsim.New(bwsim.Config{Seed: 7, Providers: 20, Clients: 200, BadPerMille: 50})
	if err != nil {
		log.Fatal(err)
	}
	ledger, err := bandwidth.NewLedger(bandwidth.Config{MaxBytesPerSecond: 12_500_000})
	if err != nil {
		log.Fatal(err)
	}
	sessions, err := w.Epoch(epochStart, day)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range sessions {
		_ = ledger.Add(g.Session, w.KeyOf)
	}
	rejected := 0
	for _, n := range ledger.Rejected() {
		rejected += int(n)
	}
	fmt.Println("sessions", len(sessions), "rejected", rejected, "providers paid", len(ledger.Totals()))
	// Output:
	// sessions 600 rejected 25 providers paid 20
}
