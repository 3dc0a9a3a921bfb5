package bandwidth

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// meteredSession returns a co-signed session whose readings root both signed.
func meteredSession(t testing.TB, provider, client *device.PrivateKey, readings []uint64) *Session {
	t.Helper()
	var total uint64
	for _, r := range readings {
		total += r
	}
	root, err := ReadingsRoot(readings)
	require.NoError(t, err)
	s := &Session{Provider: provider.Public().ID(), Client: client.Public().ID(), Bytes: total,
		DurationMs: uint64(len(readings)) * 1000, StartMs: startMs, Nonce: 1, ReadingsRoot: root}
	s.SessionID[0] = 9
	require.NoError(t, s.SignProvider(provider))
	require.NoError(t, s.SignClient(client))
	return s
}

func TestUsageSignaturePath(t *testing.T) {
	var k keys
	provider := newKey(t, &k, device.Ed25519, 1)
	client := newKey(t, &k, device.Ed25519, 2)
	readings := []uint64{120_000, 98_000, 0, 250_000, 7} // bytes per second
	s := meteredSession(t, provider, client, readings)
	require.NoError(t, s.Verify(k.keyOf, 0))
	capB, err := ReadingCap(1_000_000, 1000)
	require.NoError(t, err)
	require.Equal(t, uint64(1_000_001), capB)

	w, err := UsageWitness(s, provider, readings, capB)
	require.NoError(t, err)
	require.Len(t, w.Readings, 16)
	b, err := proof.Signed(w)
	require.NoError(t, err)
	v, err := proof.NewVerifier()
	require.NoError(t, err)
	require.NoError(t, VerifyUsage(v, s, b, provider.Public(), capB))

	// The bundle proves this session only.
	other := meteredSession(t, provider, client, []uint64{120_000, 98_000, 0, 250_000, 8})
	require.ErrorIs(t, VerifyUsage(v, other, b, provider.Public(), capB), ErrUsage)
	require.ErrorIs(t, VerifyUsage(v, s, b, client.Public(), capB), ErrUsage)
	require.ErrorIs(t, VerifyUsage(v, s, b, provider.Public(), capB-1), ErrUsage)
	noRoot := *s
	noRoot.ReadingsRoot = nil
	require.ErrorIs(t, CheckUsage(&noRoot, b.Claim.(*proof.UsageClaim), provider.Public(), capB), ErrUsage)

	// The provider cannot prove readings that do not add up, exceed the cap,
	// or differ from what the client signed.
	_, err = UsageWitness(s, provider, []uint64{120_000, 98_000, 0, 250_000, 6}, capB)
	require.ErrorIs(t, err, ErrUsage)
	_, err = UsageWitness(s, provider, readings, 250_000)
	require.ErrorIs(t, err, ErrUsage)
	_, err = UsageWitness(s, provider, []uint64{218_000, 0, 0, 250_000, 7}, capB)
	require.ErrorIs(t, err, ErrUsage)
}

func TestUsageSize(t *testing.T) {
	for _, tc := range []struct{ n, want int }{{1, 16}, {16, 16}, {17, 64}, {256, 256}, {257, 512}, {1000, 1024}} {
		got, err := UsageSize(tc.n)
		require.NoError(t, err)
		require.Equal(t, tc.want, got)
	}
	for _, n := range []int{0, 1<<16 + 1} {
		_, err := UsageSize(n)
		require.ErrorIs(t, err, ErrInvalidField)
	}
	_, err := ReadingCap(^uint64(0), ^uint64(0))
	require.ErrorIs(t, err, ErrInvalidField)
}

// The zero-knowledge path: a Groth16 proof that hides the readings. Proving
// keys take seconds to make, so -short skips it.
func TestUsageGroth16(t *testing.T) {
	if testing.Short() {
		t.Skip("Groth16 setup takes seconds")
	}
	var k keys
	provider := newKey(t, &k, device.EdDSABN254, 1)
	client := newKey(t, &k, device.Ed25519, 2)
	readings := []uint64{1_000, 2_000, 3_000}
	s := meteredSession(t, provider, client, readings)
	capB, err := ReadingCap(1_000_000, 1000)
	require.NoError(t, err)
	w, err := UsageWitness(s, provider, readings, capB)
	require.NoError(t, err)
	keys, err := proof.DevSetup(proof.UsageStatement(16), proof.Groth16)
	require.NoError(t, err)
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	b, err := prover.Prove(context.Background(), w)
	require.NoError(t, err)
	require.Equal(t, proof.Groth16, b.Proof.Backend)
	v, err := proof.NewVerifier(keys.VerifyingOnly())
	require.NoError(t, err)
	require.NoError(t, VerifyUsage(v, s, b, provider.Public(), capB))
	other := meteredSession(t, provider, client, []uint64{1_000, 2_000, 3_001})
	require.ErrorIs(t, VerifyUsage(v, other, b, provider.Public(), capB), ErrUsage)
}
