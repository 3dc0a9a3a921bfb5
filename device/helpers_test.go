package device

import (
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// seeded returns a deterministic randomness source for reproducible keys.
func seeded(seed uint64) io.Reader {
	var s [32]byte
	s[0] = byte(seed)
	s[1] = byte(seed >> 8)
	return rand.NewChaCha8(s)
}

func mustKey(t testing.TB, kt KeyType, seed uint64) *PrivateKey {
	t.Helper()
	k, err := GenerateKey(kt, seeded(seed))
	require.NoError(t, err)
	return k
}
