package validator

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// Issue 13 item 7: a validator key readable by group or others is refused,
// with the file and its mode named.
func TestLoadKeyMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.key")
	_, err := GenerateKey(path, nil)
	require.NoError(t, err)
	require.NoError(t, os.Chmod(path, 0o644))
	_, err = LoadKey(path)
	require.ErrorIs(t, err, ErrKey)
	require.ErrorIs(t, err, device.ErrKeyFileMode)
	require.ErrorContains(t, err, path)
	require.ErrorContains(t, err, "0644")
	require.NoError(t, os.Chmod(path, 0o600))
	_, err = LoadKey(path)
	require.NoError(t, err)
}
