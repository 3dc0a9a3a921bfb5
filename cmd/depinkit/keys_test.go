package main

import (
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// newKey runs "keys new --type kt --out FILE" in dir and returns FILE and the
// public part it printed.
func newKey(t testing.TB, dir string, kt device.KeyType) (string, device.PublicInfo) {
	t.Helper()
	path := filepath.Join(dir, kt.String()+".key")
	r := runCLI(t, nil, "keys", "new", "--type", kt.String(), "--out", path)
	requireOK(t, r)
	var info device.PublicInfo
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &info))
	return path, info
}

func TestKeysNewOut(t *testing.T) {
	t.Parallel()
	for _, kt := range device.KeyTypes() {
		t.Run(kt.String(), func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "device.key")
			r := runCLI(t, nil, "keys", "new", "--type", kt.String(), "--out", path)
			requireOK(t, r)
			requireMode(t, path, 0o600)

			// stdout is the public part only, with exactly the documented fields.
			var fields map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &fields))
			wantFields := []string{"did", "id", "public", "type"}
			if kt == device.Secp256k1 {
				wantFields = append(wantFields, "address")
			}
			require.ElementsMatch(t, wantFields, slices.Collect(maps.Keys(fields)))
			require.NotContains(t, r.stdout, "private")

			// It describes the key in the file.
			k, err := device.LoadKeyFile(path)
			require.NoError(t, err)
			require.NotContains(t, r.stdout, hexOf(k.Bytes()))
			var info device.PublicInfo
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &info))
			pub := k.Public()
			require.Equal(t, kt, info.Type)
			require.Equal(t, hexOf(pub.Bytes()), info.Public)
			require.Equal(t, pub.ID(), info.ID)
			require.Equal(t, pub.DID(), info.DID)

			// The printed public key parses to the same key, ID and DID.
			raw, err := hex.DecodeString(info.Public)
			require.NoError(t, err)
			parsed, err := device.ParsePublicKey(kt, raw)
			require.NoError(t, err)
			require.True(t, parsed.Equal(pub))

			if kt == device.Secp256k1 {
				addr, err := pub.Address()
				require.NoError(t, err)
				require.Equal(t, addr.Hex(), info.Address)
				require.True(t, common.IsHexAddress(info.Address))
				require.Equal(t, common.HexToAddress(info.Address).Hex(), info.Address, "EIP-55 checksum case")
			} else {
				require.Empty(t, info.Address)
			}
		})
	}
}

func TestKeysNewStdout(t *testing.T) {
	t.Parallel()
	for _, kt := range device.KeyTypes() {
		r := runCLI(t, nil, "keys", "new", "--type", kt.String())
		requireOK(t, r)
		// stdout is a complete key file.
		k, err := device.ParseKeyFile([]byte(r.stdout))
		require.NoError(t, err, kt)
		require.Equal(t, kt, k.Type())
		require.Contains(t, r.stdout, hexOf(k.Bytes()))
	}
	// Two runs make two different keys.
	a := runCLI(t, nil, "keys", "new", "--type", "ed25519")
	b := runCLI(t, nil, "keys", "new", "--type", "ed25519")
	require.NotEqual(t, a.stdout, b.stdout)
}

func TestKeysNewRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path, first := newKey(t, dir, device.P256)
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	r := runCLI(t, nil, "keys", "new", "--type", "p256", "--out", path)
	requireFailure(t, r, path, "exists", "--force")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, before, after)

	// A file that is not a key file is kept too.
	other := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(other, []byte("keep me"), 0o644))
	requireFailure(t, runCLI(t, nil, "keys", "new", "--type", "p256", "--out", other), "exists")
	kept, err := os.ReadFile(other)
	require.NoError(t, err)
	require.Equal(t, "keep me", string(kept))

	// --force replaces it with a new key, mode 0600.
	require.NoError(t, os.Chmod(path, 0o644))
	r = runCLI(t, nil, "keys", "new", "--type", "p256", "--out", path, "--force")
	requireOK(t, r)
	requireMode(t, path, 0o600)
	var second device.PublicInfo
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &second))
	require.NotEqual(t, first.Public, second.Public)
	k, err := device.LoadKeyFile(path)
	require.NoError(t, err)
	require.Equal(t, second.Public, hexOf(k.Public().Bytes()))

	// --force without --out is a mistake, not a no-op.
	requireFailure(t, runCLI(t, nil, "keys", "new", "--type", "p256", "--force"), "--force needs --out")
}

func TestKeysDID(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, kt := range device.KeyTypes() {
		t.Run(kt.String(), func(t *testing.T) {
			path, info := newKey(t, dir, kt)
			forms := []string{info.Public, "0x" + info.Public, strings.ToUpper(info.Public)}
			if kt == device.Secp256k1 || kt == device.P256 {
				k, err := device.LoadKeyFile(path)
				require.NoError(t, err)
				forms = append(forms, hexOf(k.Public().Uncompressed())) // 65-byte form
			}
			for _, pub := range forms {
				r := runCLI(t, nil, "keys", "did", "--type", kt.String(), "--public", pub)
				requireOK(t, r)
				require.Equal(t, info.DID+"\n", r.stdout, "public %s", pub)
			}
		})
	}
}

func TestKeysDoc(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, kt := range device.KeyTypes() {
		_, info := newKey(t, dir, kt)
		r := runCLI(t, nil, "keys", "doc", "--type", kt.String(), "--public", info.Public)
		requireOK(t, r)
		require.True(t, strings.HasPrefix(r.stdout, "{\n  \""), "indented JSON")
		var doc device.DIDDocument
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
		require.Equal(t, info.DID, doc.ID)
		require.Len(t, doc.VerificationMethod, 1)
		require.Equal(t, info.DID, doc.VerificationMethod[0].Controller)
	}
}

func TestKeysPublicErrors(t *testing.T) {
	t.Parallel()
	_, edInfo := newKey(t, t.TempDir(), device.Ed25519)
	for _, tc := range []struct {
		name, typ, public, want string
	}{
		{"not hex", "ed25519", "xyz", "device: invalid key: --public"},
		{"odd length", "ed25519", "abc", "--public"},
		{"empty", "ed25519", "", "ed25519 key is 0 bytes"},
		{"too short", "ed25519", edInfo.Public[:62], "ed25519 key is 31 bytes, want 32"},
		{"wrong type length", "p256", edInfo.Public, "p256 key is 32 bytes"},
		{"not on the curve", "p256", "02" + strings.Repeat("ff", 32), "p256"},
		{"unknown type", "rsa", edInfo.Public, `invalid argument "rsa" for "--type" flag`},
	} {
		for _, sub := range []string{"did", "doc"} {
			t.Run(tc.name+"/"+sub, func(t *testing.T) {
				requireFailure(t, runCLI(t, nil, "keys", sub, "--type", tc.typ, "--public", tc.public), tc.want)
			})
		}
	}
	requireFailure(t, runCLI(t, nil, "keys", "did", "--type", "ed25519"), `required flag(s) "public" not set`)
}
