package telecomsim_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/device"
)

// TestDeterministic: the same seed makes the same devices and the same
// envelopes.
func TestDeterministic(t *testing.T) {
	cfg := telecomsim.Config{Seed: 4, Hotspots: 20, Private: 2, Clients: 40}
	at := time.UnixMilli(1_780_000_000_000)
	build := func() (*telecomsim.Sim, [][]byte) {
		s, err := telecomsim.New(cfg)
		require.NoError(t, err)
		setup, err := s.Setup(at)
		require.NoError(t, err)
		poc, err := s.PoC([32]byte{1}, at)
		require.NoError(t, err)
		sessions, err := s.Sessions(at)
		require.NoError(t, err)
		return s, append(append(setup, poc...), sessions.Sessions...)
	}
	a, envA := build()
	b, envB := build()
	require.Equal(t, len(a.Hotspots()), len(b.Hotspots()))
	for i := range a.Hotspots() {
		require.Equal(t, a.Hotspots()[i].ID, b.Hotspots()[i].ID)
	}
	require.Equal(t, envA, envB)

	c := a.Config()
	require.Equal(t, 1, c.Liars, "5% of 20")
	require.Equal(t, 2, c.Providers, "one per 20 clients")
	require.Len(t, a.Hotspots(), 20+1+2, "public, isolated, private")
	var private, isolated int
	for _, h := range a.Hotspots() {
		if h.Private {
			private++
			require.Equal(t, device.EdDSABN254, h.Key.Type(), "private hotspots prove with EdDSA-BN254 keys")
		}
		if h.Isolated {
			isolated++
		}
	}
	require.Equal(t, 2, private)
	require.Equal(t, 1, isolated)
	_, err := telecomsim.New(telecomsim.Config{Hotspots: 1})
	require.ErrorIs(t, err, telecomsim.ErrConfig)
}
