package inrange_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/proof/inrange"
)

// FuzzCheck: Check never panics on untrusted evidence, and whatever it
// accepts opens the claim's digest to a value inside its range.
func FuzzCheck(f *testing.F) {
	key := deviceKey(f, 4)
	w, err := inrange.NewWitness(key.Public(), 5, 50, 20, salt(4))
	require.NoError(f, err)
	f.Add(w.Evidence)
	f.Add(w.Evidence[:8])
	c := &w.InputClaim
	f.Fuzz(func(t *testing.T, ev []byte) {
		if err := inrange.Check(c, ev); err != nil {
			return
		}
		require.Len(t, ev, inrange.EvidenceSize)
		v := binary.BigEndian.Uint64(ev)
		require.True(t, v >= 5 && v <= 50)
		_, _, digest, err := inrange.Bounds(c)
		require.NoError(t, err)
		var s = salt(4)
		require.NoError(t, s.SetBytesCanonical(ev[8:]))
		got := inrange.Commit(v, s)
		require.True(t, got.Equal(&digest))
	})
}
