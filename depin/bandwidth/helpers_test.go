package bandwidth

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

func seeded(seed uint64) io.Reader {
	var s [32]byte
	s[0], s[1] = byte(seed), byte(seed>>8)
	return rand.NewChaCha8(s)
}

type keys struct {
	byID map[device.ID]device.PublicKey
}

func (k *keys) keyOf(id device.ID) (device.PublicKey, error) {
	if p, ok := k.byID[id]; ok {
		return p, nil
	}
	return device.PublicKey{}, fmt.Errorf("%w: %s", device.ErrUnknownDevice, id)
}

func newKey(t testing.TB, k *keys, kt device.KeyType, seed uint64) *device.PrivateKey {
	t.Helper()
	p, err := device.GenerateKey(kt, seeded(seed))
	require.NoError(t, err)
	if k.byID == nil {
		k.byID = map[device.ID]device.PublicKey{}
	}
	k.byID[p.Public().ID()] = p.Public()
	return p
}

const startMs = int64(1_780_000_000_000)

// session returns a co-signed session of n bytes over durMs.
func session(t testing.TB, provider, client *device.PrivateKey, id byte, n, durMs, nonce uint64) *Session {
	t.Helper()
	s := &Session{Provider: provider.Public().ID(), Client: client.Public().ID(), Bytes: n, DurationMs: durMs, StartMs: startMs, Nonce: nonce}
	s.SessionID[0], s.SessionID[15] = id, 1
	require.NoError(t, s.SignProvider(provider))
	require.NoError(t, s.SignClient(client))
	return s
}
