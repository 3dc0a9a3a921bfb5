package subnet

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestChangesSnapshot: a state machine restored from a snapshot in the middle
// of an epoch (changes pending and queued) goes on exactly as the original.
func TestChangesSnapshot(t *testing.T) {
	h := newHarness(t, 4)
	join := Change{Kind: Join, Member: newcomer(t, 1, 36000)}
	restake := Change{Kind: Restake, Member: Member{Key: h.key(2), Stake: 40}}
	leave := Change{Kind: Leave, Member: Member{Key: h.key(3)}, Nonce: 3}
	for _, errs := range [][]error{h.approve(join, 0, 1, 2), h.approve(restake, 3), h.approve(leave, 1, 3)} {
		for _, err := range errs {
			require.NoError(t, err)
		}
	}
	snap, err := h.changes.Snapshot()
	require.NoError(t, err)
	restored, err := RestoreChanges(snap)
	require.NoError(t, err)
	again, err := restored.Snapshot()
	require.NoError(t, err)
	require.Equal(t, snap, again)
	require.Equal(t, h.changes.Queued(), restored.Queued())
	require.Equal(t, h.changes.Pending(), restored.Pending())

	// The same further approvals on both.
	original := h.changes
	for _, c := range []*Changes{original, restored} {
		h.changes = c
		require.ErrorIs(t, h.approve(restake, 3)[0], ErrDuplicateSignature)
		require.NoError(t, h.approve(restake, 0, 1)[1])
		require.NoError(t, h.approve(leave, 2)[0])
	}
	setA, appliedA, err := original.EndEpoch(0)
	require.NoError(t, err)
	setB, appliedB, err := restored.EndEpoch(0)
	require.NoError(t, err)
	require.Equal(t, appliedA, appliedB)
	require.Len(t, appliedA, 3)
	require.Equal(t, setA.Digest(), setB.Digest())
	require.Equal(t, uint64(340), setA.TotalStake())
}

func TestRestoreChangesRejects(t *testing.T) {
	h := newHarness(t, 3)
	require.NoError(t, h.approve(Change{Kind: Join, Member: newcomer(t, 1, 36000)}, 0)[0])
	snap, err := h.changes.Snapshot()
	require.NoError(t, err)
	for name, data := range map[string][]byte{
		"empty":     nil,
		"truncated": snap[:len(snap)-1],
		"trailing":  append(append([]byte(nil), snap...), 0),
		"too large": make([]byte, MaxSnapshotSize+1),
	} {
		_, err := RestoreChanges(data)
		require.ErrorIs(t, err, ErrMalformed, name)
	}
}

// FuzzRestoreChanges: restoring never panics, and what restores snapshots
// back to the same bytes.
func FuzzRestoreChanges(f *testing.F) {
	h := newHarness(f, 3)
	_ = h.approve(Change{Kind: Join, Member: newcomer(f, 1, 36000)}, 0, 1, 2)
	_ = h.approve(Change{Kind: Leave, Member: Member{Key: h.key(1)}}, 0)
	snap, err := h.changes.Snapshot()
	require.NoError(f, err)
	f.Add(snap)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := RestoreChanges(data)
		if err != nil {
			return
		}
		again, err := c.Snapshot()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}
