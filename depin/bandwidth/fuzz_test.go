package bandwidth

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// The fuzz targets' seed corpora live in testdata/fuzz/<Target>; `go test` runs
// them as regression cases, `go test -fuzz <Target>` explores from them.
// DEPINKIT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds rewrites them.

func FuzzParseSession(f *testing.F) {
	var k keys
	newKey(f, &k, device.Ed25519, 1)
	newKey(f, &k, device.Secp256k1, 2)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSession(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrInvalidField) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		again, err := s.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted a non-canonical encoding: %v", err)
		}
		// Verification never panics and rejects with a reason.
		if err := s.Verify(k.keyOf, 0); err != nil {
			if _, ok := ReasonOf(err); !ok {
				t.Fatalf("verify error without a reason: %v", err)
			}
		}
	})
}

func FuzzRestoreLedger(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := RestoreLedger(data, Config{})
		if err != nil {
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		again, err := l.Snapshot()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("restored ledger re-snapshots differently: %v", err)
		}
	})
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("DEPINKIT_WRITE_SEEDS") == "" {
		t.Skip("set DEPINKIT_WRITE_SEEDS=1 to rewrite testdata/fuzz")
	}
	var k keys
	provider := newKey(t, &k, device.Ed25519, 1)
	client := newKey(t, &k, device.Secp256k1, 2)
	s := session(t, provider, client, 1, 123_456, 10_000, 3)
	good, err := s.Marshal()
	require.NoError(t, err)
	forged := session(t, provider, client, 2, 1, 1000, 1)
	forged.Bytes = 1 << 40
	bad, err := forged.Marshal()
	require.NoError(t, err)
	l, err := NewLedger(Config{})
	require.NoError(t, err)
	require.NoError(t, l.Add(s, k.keyOf))
	snap, err := l.Snapshot()
	require.NoError(t, err)
	for target, seeds := range map[string][][]byte{
		"FuzzParseSession":  {good, bad, good[:20]},
		"FuzzRestoreLedger": {snap},
	} {
		dir := filepath.Join("testdata", "fuzz", target)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for i, seed := range seeds {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", seed)
			require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%d", i)), []byte(body), 0o644))
		}
	}
}
