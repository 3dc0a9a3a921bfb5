package bandwidth

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

func TestLedger(t *testing.T) {
	var k keys
	p1 := newKey(t, &k, device.Ed25519, 1)
	p2 := newKey(t, &k, device.P256, 2)
	c1 := newKey(t, &k, device.Secp256k1, 3)
	c2 := newKey(t, &k, device.Ed25519, 4)
	l, err := NewLedger(Config{MaxBytesPerSecond: 1_000_000})
	require.NoError(t, err)

	add := func(s *Session) Reason {
		r, ok := ReasonOf(l.Add(s, k.keyOf))
		require.True(t, ok)
		return r
	}
	require.Equal(t, ReasonNone, add(session(t, p1, c1, 1, 1_500, 1000, 1)))
	require.Equal(t, ReasonNone, add(session(t, p1, c2, 2, 999_000, 1000, 1)))
	require.Equal(t, ReasonNone, add(session(t, p2, c1, 3, 4_000_000, 60_000, 7)))
	require.Equal(t, ReasonDuplicateSession, add(session(t, p2, c2, 3, 10, 1000, 1)))
	require.Equal(t, ReasonReplayedNonce, add(session(t, p1, c1, 4, 10, 1000, 1)))
	require.Equal(t, ReasonReplayedNonce, add(session(t, p2, c1, 5, 10, 1000, 6)))
	require.Equal(t, ReasonRateTooHigh, add(session(t, p2, c2, 6, 1_000_001, 1000, 1)))
	require.Equal(t, ReasonNone, add(session(t, p1, c1, 7, 500, 1000, 2)))

	totals := l.Totals()
	require.Len(t, totals, 2)
	want := map[device.ID]ProviderTotal{
		p1.Public().ID(): {Provider: p1.Public().ID(), Sessions: 3, Bytes: 1_001_000, Units: 1001},
		p2.Public().ID(): {Provider: p2.Public().ID(), Sessions: 1, Bytes: 4_000_000, Units: 4000},
	}
	for _, tt := range totals {
		require.Equal(t, want[tt.Provider], tt)
	}
	rej := l.Rejected()
	require.Equal(t, uint64(1), rej[ReasonDuplicateSession])
	require.Equal(t, uint64(2), rej[ReasonReplayedNonce])
	require.Equal(t, uint64(1), rej[ReasonRateTooHigh])

	cs := l.Contributions()
	require.Equal(t, totals[0].Provider.String(), cs[0].Contributor)
	require.Equal(t, reward.ContributorID(totals[0].Provider).String(), cs[0].Contributor)
	d, err := reward.Distribute(big.NewInt(5001), cs)
	require.NoError(t, err)
	amt, err := d.Amount(p1.Public().ID().String())
	require.NoError(t, err)
	require.Equal(t, int64(1001), amt.Int64())
	require.Len(t, l.Records(), 2)

	// Snapshot and restore give the same Ledger.
	snap, err := l.Snapshot()
	require.NoError(t, err)
	back, err := RestoreLedger(snap, l.Config())
	require.NoError(t, err)
	again, err := back.Snapshot()
	require.NoError(t, err)
	require.Equal(t, snap, again)
	require.Equal(t, l.Totals(), back.Totals())

	// A new epoch forgets totals and IDs but not nonces.
	require.Equal(t, totals, l.EndEpoch())
	require.Empty(t, l.Totals())
	require.Equal(t, ReasonReplayedNonce, add(session(t, p1, c1, 7, 500, 1000, 2)))
	require.Equal(t, ReasonNone, add(session(t, p1, c2, 1, 500, 1000, 2)))

	for _, bad := range [][]byte{nil, {0x85, 0x02, 0x80, 0x80, 0x80, 0x80}, snap[:len(snap)-2]} {
		_, err := RestoreLedger(bad, Config{})
		require.ErrorIs(t, err, ErrSnapshot)
	}
	_, err = NewLedger(Config{UnitsPerGB: 2_000_000_000})
	require.ErrorIs(t, err, ErrConfig)
}

// The totals do not depend on the order sessions arrive in (when no two
// compete for a nonce or an ID).
func TestLedgerOrderIndependent(t *testing.T) {
	var k keys
	var providers, clients []*device.PrivateKey
	for i := range 5 {
		providers = append(providers, newKey(t, &k, device.Ed25519, uint64(100+i)))
		clients = append(clients, newKey(t, &k, device.Ed25519, uint64(200+i)))
	}
	var sessions []*Session
	id := byte(0)
	for pi, p := range providers {
		for ci, c := range clients {
			id++
			sessions = append(sessions, session(t, p, c, id, uint64(1+pi*1_000_003+ci*777), 10_000, 1))
		}
	}
	var first []byte
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		rng.Shuffle(len(sessions), func(i, j int) { sessions[i], sessions[j] = sessions[j], sessions[i] })
		l, err := NewLedger(Config{})
		require.NoError(t, err)
		for _, s := range sessions {
			require.NoError(t, l.Add(s, k.keyOf))
		}
		snap, err := l.Snapshot()
		require.NoError(t, err)
		if first == nil {
			first = snap
		}
		require.Equal(t, first, snap)
	}
}
