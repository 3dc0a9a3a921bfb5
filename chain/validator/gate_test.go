package validator

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

// recordingGater is a transport whose allow list the test reads.
type recordingGater struct {
	transport.Transport
	lists [][]transport.PeerID
}

func (g *recordingGater) SetAllowed(ids []transport.PeerID) error {
	g.lists = append(g.lists, ids)
	return nil
}

func setOf(t *testing.T, idx ...int) *chain.ValidatorSet {
	t.Helper()
	var vals []chain.Validator
	for _, i := range idx {
		vals = append(vals, chain.Validator{Key: testKey(i).Public().(ed25519.PublicKey), Stake: 1})
	}
	s, err := chain.NewValidatorSet(vals)
	require.NoError(t, err)
	return s
}

func idsOf(t *testing.T, idx ...int) []transport.PeerID {
	t.Helper()
	ids, err := peerIDs(setOf(t, idx...))
	require.NoError(t, err)
	return ids
}

// TestEpochGate: at an epoch change the transport admits the union of the
// ending and the next set, and only the next set from the new epoch's first
// commit gateGrace after the change on (which disconnects the validators
// that left, once they had the time to hand off).
func TestEpochGate(t *testing.T) {
	g := &recordingGater{}
	now := time.Unix(1000, 0)
	gate := newEpochGate(g, setOf(t, 0, 1, 2, 3), func() time.Time { return now }, discard)
	require.NoError(t, gate.committed(chain.Commit{Epoch: 0, Index: 5}))
	require.Empty(t, g.lists, "no change: the list stays the genesis set")

	// Validator 3 leaves, 4 joins at epoch 1.
	require.NoError(t, gate.enter(1, setOf(t, 0, 1, 2, 4)))
	require.Equal(t, [][]transport.PeerID{idsOf(t, 0, 1, 2, 3, 4)}, g.lists)
	require.NoError(t, gate.committed(chain.Commit{Epoch: 0, Index: 6}), "a late commit of the old epoch")
	require.Len(t, g.lists, 1)
	require.True(t, gate.admits(idsOf(t, 3)[0]) && gate.admits(idsOf(t, 4)[0]), "during the change: both sets")
	require.False(t, gate.admits(idsOf(t, 5)[0]))
	require.NoError(t, gate.committed(chain.Commit{Epoch: 1, Index: 7}))
	require.Len(t, g.lists, 1, "a commit of the new epoch within the grace: the leaver may still hand off")
	now = now.Add(gateGrace)
	require.NoError(t, gate.committed(chain.Commit{Epoch: 1, Index: 8}))
	require.Equal(t, idsOf(t, 0, 1, 2, 4), g.lists[1])
	require.False(t, gate.admits(idsOf(t, 3)[0]), "the leaver, after the grace")

	// A transport without an allow list is left alone.
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	defer net.Close()
	ep, err := net.Join(testKey(0).Public().(ed25519.PublicKey))
	require.NoError(t, err)
	plain := newEpochGate(ep, setOf(t, 0), time.Now, discard)
	require.NoError(t, plain.enter(1, setOf(t, 1)))
	require.NoError(t, plain.committed(chain.Commit{Epoch: 1}))
}
