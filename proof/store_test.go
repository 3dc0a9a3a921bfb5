package proof

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
)

func TestKeyStore(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 10)
	w := coverageWitness(t, key, NonceFromBytes([]byte("store")))
	for _, b := range []Backend{Groth16, PLONK} {
		t.Run(b.String(), func(t *testing.T) {
			k := keysFor(t, CoverageStatement(), b)
			s := NewKeyStore(t.TempDir())
			require.NoError(t, s.Save(k))

			loaded, err := s.Load(CoverageStatement(), b)
			require.NoError(t, err)
			require.Equal(t, k.CSHash(), loaded.CSHash())
			require.Equal(t, OriginDevSetup, loaded.Origin)
			p, err := NewProver(loaded)
			require.NoError(t, err)
			bundle, err := p.Prove(context.Background(), w)
			require.NoError(t, err)

			vk, err := s.LoadVerifying(CoverageStatement(), b)
			require.NoError(t, err)
			require.False(t, vk.CanProve())
			_, err = NewProver(vk)
			require.ErrorIs(t, err, ErrNoKey)
			// Keys saved and loaded verify proofs of the originals and back.
			require.NoError(t, verifierFor(t, vk).VerifyBundle(bundle))
			require.NoError(t, verifierFor(t, k).VerifyBundle(bundle))

			_, err = s.Load(UsageStatement(16), b)
			require.ErrorIs(t, err, ErrNoKey)
		})
	}
}

// rewriteHeader edits a key file's header in place and re-encodes it.
func rewriteHeader(t *testing.T, path string, edit func(h *keyHeader)) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	rest := data[len(keyMagic):]
	hl := binary.BigEndian.Uint32(rest)
	var h keyHeader
	require.NoError(t, canonical.Unmarshal(rest[4:4+hl], &h))
	edit(&h)
	nh, err := canonical.Marshal(h)
	require.NoError(t, err)
	var out bytes.Buffer
	out.WriteString(keyMagic)
	require.NoError(t, binary.Write(&out, binary.BigEndian, uint32(len(nh))))
	out.Write(nh)
	out.Write(rest[4+hl:])
	require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
}

// TestKeyStoreRefuses: keys for another constraint system, another gnark
// version or another statement, and corrupt or foreign files, are refused
// with ErrKeyMismatch.
func TestKeyStoreRefuses(t *testing.T) {
	k := keysFor(t, CoverageStatement(), Groth16)
	cases := []struct {
		name string
		part string
		edit func(t *testing.T, path string)
	}{
		{"constraint system", partVerifying, func(t *testing.T, path string) {
			rewriteHeader(t, path, func(h *keyHeader) { h.CSHash[0] ^= 1 })
		}},
		{"gnark version", partProving, func(t *testing.T, path string) {
			rewriteHeader(t, path, func(h *keyHeader) { h.Gnark = "0.13.0" })
		}},
		{"statement", partVerifying, func(t *testing.T, path string) {
			rewriteHeader(t, path, func(h *keyHeader) { h.Statement = "usage-16" })
		}},
		{"corrupt body", partProving, func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			data[len(data)-100] ^= 1
			require.NoError(t, os.WriteFile(path, data, 0o644))
		}},
		{"truncated", partVerifying, func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, data[:len(data)-1], 0o644))
		}},
		{"foreign file", partVerifying, func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte("-----BEGIN KEY-----"), 0o644))
		}},
		{"huge header", partVerifying, func(t *testing.T, path string) {
			data := append([]byte(keyMagic), 0xff, 0xff, 0xff, 0xff)
			require.NoError(t, os.WriteFile(path, data, 0o644))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewKeyStore(t.TempDir())
			require.NoError(t, s.Save(k))
			tc.edit(t, s.Path(CoverageStatement(), Groth16, tc.part))
			_, err := s.Load(CoverageStatement(), Groth16)
			require.ErrorIs(t, err, ErrKeyMismatch)
		})
	}
	t.Run("renamed to another statement", func(t *testing.T) {
		s := NewKeyStore(t.TempDir())
		require.NoError(t, s.Save(k))
		for _, part := range []string{partProving, partVerifying} {
			require.NoError(t, os.Rename(s.Path(CoverageStatement(), Groth16, part), s.Path(UsageStatement(16), Groth16, part)))
		}
		_, err := s.LoadVerifying(UsageStatement(16), Groth16)
		require.ErrorIs(t, err, ErrKeyMismatch)
	})
	t.Run("no temporary files left", func(t *testing.T) {
		s := NewKeyStore(t.TempDir())
		require.NoError(t, s.Save(k))
		require.NoError(t, s.Save(k))
		names, err := filepath.Glob(filepath.Join(s.Dir(), "*"))
		require.NoError(t, err)
		require.Len(t, names, 2)
	})
}
