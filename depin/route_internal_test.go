package depin

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// TestByValidator: every envelope of a device goes to one validator, in the
// order given; devices spread over the validators; bytes that are no
// envelope go to the validators in turn.
func TestByValidator(t *testing.T) {
	rnd := rand.NewChaCha8([32]byte{3})
	var envs [][]byte
	owner := map[string]device.ID{}
	for d := range 16 {
		k, err := device.GenerateKey(device.Ed25519, rnd)
		require.NoError(t, err)
		for seq := uint64(1); seq <= 5; seq++ {
			env, err := device.Seal(k, device.Header{ContentType: "depin/test/v1", Seq: seq, Time: time.Unix(1_800_000_000+int64(d), 0)}, seq)
			require.NoError(t, err)
			envs = append(envs, env)
			owner[string(env)] = k.Public().ID()
		}
	}
	envs = append(envs, []byte("junk-1"), []byte("junk-2"))
	var next atomic.Uint64
	shares := byValidator(envs, 4, &next)
	require.Len(t, shares, 4)
	at := map[device.ID]int{}
	total := 0
	for i, share := range shares {
		require.NotEmpty(t, share, "validator %d gets some devices", i)
		last := map[device.ID]uint64{}
		for _, e := range share {
			total++
			id, ok := owner[string(e)]
			if !ok {
				continue // junk
			}
			if j, seen := at[id]; seen {
				require.Equal(t, j, i, "device %s on two validators", id)
			}
			at[id] = i
			env, err := device.ParseEnvelope(e)
			require.NoError(t, err)
			require.Greater(t, env.Seq, last[id], "device %s out of order", id)
			last[id] = env.Seq
		}
	}
	require.Equal(t, len(envs), total)
	require.EqualValues(t, 2, next.Load(), "the two junk entries went in turn")
}
