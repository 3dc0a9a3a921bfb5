package device

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
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

		require.ErrorIs(t, SaveKeyFile(path, k, false), fs.ErrExist)
		require.NoError(t, os.Chmod(path, 0o644))
		require.NoError(t, SaveKeyFile(path, mustKey(t, kt, 6), true))
		st, err = os.Stat(path)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "after replace")
		back, err = LoadKeyFile(path)
		require.NoError(t, err)
		require.True(t, mustKey(t, kt, 6).Equal(back))
	}

	missingDir := filepath.Join(dir, "no", "such", "dir", "k.json")
	require.ErrorIs(t, SaveKeyFile(missingDir, mustKey(t, Ed25519, 1), false), fs.ErrNotExist)
	require.ErrorIs(t, SaveKeyFile(missingDir, mustKey(t, Ed25519, 1), true), fs.ErrNotExist)
	require.ErrorIs(t, SaveKeyFile(filepath.Join(dir, "empty"), &PrivateKey{}, false), ErrInvalidKey)
	_, err := LoadKeyFile(filepath.Join(dir, "missing"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	big := filepath.Join(dir, "big")
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat(" ", MaxKeyFileSize+1)), 0o600))
	_, err = LoadKeyFile(big)
	require.ErrorIs(t, err, ErrTooLarge)
	bad := filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version":2}`), 0o600))
	_, err = LoadKeyFile(bad)
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorContains(t, err, bad, "the error names the file")
}

func TestParseKeyFile(t *testing.T) {
	p256, k1, other := mustKey(t, P256, 1), mustKey(t, Secp256k1, 2), mustKey(t, P256, 3)
	valid := func(k *PrivateKey) map[string]any {
		data, err := MarshalKeyFile(k)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		return m
	}
	encode := func(m map[string]any) []byte {
		data, err := json.Marshal(m)
		require.NoError(t, err)
		return data
	}

	for name, tc := range map[string]struct {
		key  *PrivateKey
		edit func(m map[string]any)
	}{
		"as written": {p256, func(map[string]any) {}},
		"upper-case hex": {p256, func(m map[string]any) {
			m["public"] = strings.ToUpper(m["public"].(string))
			m["id"] = strings.ToUpper(m["id"].(string))
		}},
		"lower-case address":  {k1, func(m map[string]any) { m["address"] = strings.ToLower(m["address"].(string)) }},
		"p-256 as type alias": {p256, func(m map[string]any) { m["type"] = "p-256" }},
	} {
		m := valid(tc.key)
		tc.edit(m)
		got, err := ParseKeyFile(encode(m))
		require.NoError(t, err, name)
		require.True(t, got.Equal(tc.key), name)
	}

	for _, tc := range []struct {
		name    string
		key     *PrivateKey
		edit    func(m map[string]any)
		raw     string
		wantErr error
		want    string
	}{
		{name: "not json", raw: "not json", wantErr: ErrMalformed},
		{name: "empty", raw: "", wantErr: ErrMalformed},
		{name: "trailing data", raw: "TRAILING", wantErr: ErrMalformed},
		{name: "version missing", edit: func(m map[string]any) { delete(m, "version") }, wantErr: ErrMalformed, want: "version"},
		{name: "version 2", edit: func(m map[string]any) { m["version"] = 2 }, wantErr: ErrMalformed, want: "version"},
		{name: "version as string", edit: func(m map[string]any) { m["version"] = "1" }, wantErr: ErrMalformed},
		{name: "unknown field", edit: func(m map[string]any) { m["comment"] = "hi" }, wantErr: ErrMalformed, want: "comment"},
		{name: "unknown type", edit: func(m map[string]any) { m["type"] = "rsa" }, wantErr: ErrMalformed, want: "unsupported key type"},
		{name: "wrong type", edit: func(m map[string]any) { m["type"] = "ed25519" }, wantErr: ErrInvalidKey, want: "stored id"},
		{name: "private not hex", edit: func(m map[string]any) { m["private"] = "zz" + m["private"].(string)[2:] }, wantErr: ErrInvalidKey, want: "not hex"},
		{name: "private short", edit: func(m map[string]any) { m["private"] = m["private"].(string)[:62] }, wantErr: ErrInvalidKey},
		{name: "private missing", edit: func(m map[string]any) { delete(m, "private") }, wantErr: ErrInvalidKey},
		{name: "public of another key", edit: func(m map[string]any) { m["public"] = hex.EncodeToString(other.Public().Bytes()) }, wantErr: ErrInvalidKey, want: "stored public"},
		{name: "public missing", edit: func(m map[string]any) { delete(m, "public") }, wantErr: ErrMalformed, want: "public missing"},
		{name: "id of another key", edit: func(m map[string]any) { m["id"] = other.Public().ID().String() }, wantErr: ErrInvalidKey, want: "stored id"},
		{name: "id missing", edit: func(m map[string]any) { delete(m, "id") }, wantErr: ErrMalformed, want: "id missing"},
		{name: "did of another key", edit: func(m map[string]any) { m["did"] = other.Public().DID() }, wantErr: ErrInvalidKey, want: "stored did"},
		{name: "did in another case", edit: func(m map[string]any) { m["did"] = strings.ToUpper(m["did"].(string)) }, wantErr: ErrInvalidKey, want: "stored did"},
		{name: "address on a p256 key", edit: func(m map[string]any) { m["address"] = "0x0000000000000000000000000000000000000001" }, wantErr: ErrInvalidKey, want: "p256 keys have no address"},
		{name: "address of another key", key: k1, edit: func(m map[string]any) { m["address"] = "0x0000000000000000000000000000000000000001" }, wantErr: ErrInvalidKey, want: "stored address"},
		{name: "address missing", key: k1, edit: func(m map[string]any) { delete(m, "address") }, wantErr: ErrMalformed, want: "address missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.key
			if key == nil {
				key = p256
			}
			data := []byte(tc.raw)
			switch {
			case tc.raw == "TRAILING":
				data, _ = MarshalKeyFile(key)
				data = append(data, "{}"...)
			case tc.edit != nil:
				m := valid(key)
				tc.edit(m)
				data = encode(m)
			}
			_, err := ParseKeyFile(data)
			require.ErrorIs(t, err, tc.wantErr)
			if tc.want != "" {
				require.ErrorContains(t, err, tc.want)
			}
			require.NotContains(t, err.Error(), hex.EncodeToString(key.Bytes())[4:], "an error quotes the private key")
		})
	}
}

// Issue 13 item 7: a key file its group or others may read is refused, as ssh
// refuses it, naming the file and its mode.
func TestLoadKeyFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.json")
	require.NoError(t, SaveKeyFile(path, mustKey(t, Ed25519, 1), false))
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o660, 0o666, 0o610} {
		require.NoError(t, os.Chmod(path, mode))
		_, err := LoadKeyFile(path)
		require.ErrorIs(t, err, ErrKeyFileMode, "%04o", mode)
		require.ErrorContains(t, err, path)
		require.ErrorContains(t, err, fmt.Sprintf("%04o", mode))
	}
	for _, mode := range []os.FileMode{0o600, 0o400} {
		require.NoError(t, os.Chmod(path, mode))
		_, err := LoadKeyFile(path)
		require.NoError(t, err, "%04o", mode)
	}
	_, err := LoadKeyFile(filepath.Dir(path))
	require.ErrorIs(t, err, ErrKeyFileMode, "a directory")
}
