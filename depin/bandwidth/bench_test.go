package bandwidth

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// BenchmarkLedgerAdd adds co-signed Ed25519 sessions: two signature checks
// each dominate.
func BenchmarkLedgerAdd(b *testing.B) {
	var k keys
	provider := newKey(b, &k, device.Ed25519, 1)
	client := newKey(b, &k, device.Ed25519, 2)
	sessions := make([]*Session, 1024)
	for i := range sessions {
		sessions[i] = session(b, provider, client, byte(i), 1_000_000, 1000, uint64(i+1))
		sessions[i].SessionID[1] = byte(i >> 8)
		require.NoError(b, sessions[i].SignProvider(provider))
		require.NoError(b, sessions[i].SignClient(client))
	}
	b.ResetTimer()
	var l *Ledger
	for i := range b.N {
		if i%len(sessions) == 0 {
			b.StopTimer()
			l, _ = NewLedger(Config{})
			b.StartTimer()
		}
		if err := l.Add(sessions[i%len(sessions)], k.keyOf); err != nil {
			b.Fatal(err)
		}
	}
}
