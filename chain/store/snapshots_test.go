package store

import (
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

func TestLoadSnapshots(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{})
	defer s.Close()
	got, err := s.LoadSnapshots()
	require.NoError(t, err)
	require.Empty(t, got)
	for h := uint64(8); h <= 32; h += 8 {
		require.NoError(t, s.SaveSnapshot(Snapshot{Height: h, AppHash: chain.Digest{byte(h)}, Data: []byte{byte(h)}}))
	}
	got, err = s.LoadSnapshots()
	require.NoError(t, err)
	require.Len(t, got, DefaultKeepSnapshots)
	require.Equal(t, uint64(32), got[0].Height, "newest first")
	require.Equal(t, uint64(24), got[1].Height)
	require.Equal(t, chain.Digest{24}, got[1].AppHash)
	require.Equal(t, []byte{24}, got[1].Data)
}
