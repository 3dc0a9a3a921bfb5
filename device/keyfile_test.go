package device

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	for _, kt := range KeyTypes() {
		k := mustKey(t, kt, 5)
		path := filepath.Join(dir, kt.String()+".json")
		require.NoError(t, SaveKeyFile(path, k, false))
		st, err := os.Stat(path)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), st.Mode().Perm())

		back, err := LoadKeyFile(path)
		require.NoError(t, err)
		require.True(t, k.Equal(back))

		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var kf map[string]any
		require.NoError(t, json.Unmarshal(data, &kf))
		require.Equal(t, kt.String(), kf["type"])
		require.Equal(t, k.Public().DID(), kf["did"])
		_, hasAddr := kf["address"]
		require.Equal(t, kt == Secp256k1, hasAddr)

		require.ErrorContains(t, SaveKeyFile(path, k, false), "already exists")
		require.NoError(t, SaveKeyFile(path, mustKey(t, kt, 6), true))
	}

	// A key file whose public parts were edited is refused.
	k := mustKey(t, Ed25519, 7)
	kf := NewKeyFile(k)
	kf.DID = mustKey(t, Ed25519, 8).Public().DID()
	data, err := json.Marshal(kf)
	require.NoError(t, err)
	path := filepath.Join(dir, "edited.json")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	_, err = LoadKeyFile(path)
	require.ErrorIs(t, err, ErrInvalidKey)

	for name, content := range map[string]string{
		"garbage": "{", "version": `{"version":2}`, "type": `{"version":1,"type":"rsa"}`,
		"huge": strings.Repeat(" ", MaxKeyFileSize+1),
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		_, err := LoadKeyFile(p)
		require.Error(t, err, name)
	}
	_, err = LoadKeyFile(filepath.Join(dir, "missing"))
	require.Error(t, err)
}
