package subnet

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// seeded returns a deterministic randomness source.
func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	s[0], s[1] = byte(seed), byte(seed>>8)
	return rand.NewChaCha8(s)
}

// testSpec is a valid spec with n validators whose keys come from seed, and
// the validators' keys (in file order).
func testSpec(t testing.TB, n int, seed uint64) (*Spec, []*Keys) {
	t.Helper()
	s, err := Init(t.TempDir(), InitOptions{
		Vertical: "telecom", Validators: n, BasePort: 20000, Rand: seeded(seed),
		ClaimTypes: []string{"telecom/coverage/v1", "telecom/usage/v1"},
	})
	require.NoError(t, err)
	keys := make([]*Keys, n)
	for i := range n {
		keys[i], err = s.LoadKeys(i)
		require.NoError(t, err)
	}
	return s, keys
}

func mustKey(t testing.TB, typ device.KeyType, seed uint64) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(typ, seeded(seed))
	require.NoError(t, err)
	return k
}
