package subnet

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

func sampleChanges(t testing.TB) []Change {
	m := newcomer(t, 3, 35000)
	return []Change{
		{Kind: Join, Member: m, Epoch: 4, Nonce: 1},
		{Kind: Leave, Member: Member{Key: m.Key}, Epoch: 5},
		{Kind: Restake, Member: Member{Key: m.Key, Stake: 1 << 40}, Epoch: 1 << 50, Nonce: 1<<64 - 1},
	}
}

func TestChangeEncoding(t *testing.T) {
	for _, c := range sampleChanges(t) {
		data, err := c.Encode()
		require.NoError(t, err)
		back, err := DecodeChange(data)
		require.NoError(t, err)
		require.Equal(t, c, back)
		again, err := back.Encode()
		require.NoError(t, err)
		require.Equal(t, data, again)

		d1, err := c.Digest(common.Hash{1})
		require.NoError(t, err)
		d2, err := c.Digest(common.Hash{2})
		require.NoError(t, err)
		require.NotEqual(t, d1, d2, "the digest binds the subnet")

		signer := chain.NewKeySigner(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32)))
		a, err := SignChange(common.Hash{1}, signer, c)
		require.NoError(t, err)
		enc, err := a.Encode()
		require.NoError(t, err)
		ab, err := DecodeApproval(enc)
		require.NoError(t, err)
		require.Equal(t, a, ab)
	}
}

func TestDecodeChangeRejects(t *testing.T) {
	good, err := sampleChanges(t)[0].Encode()
	require.NoError(t, err)
	var w changeWire
	require.NoError(t, cbor.Unmarshal(good, &w))
	enc := func(w changeWire) []byte {
		b, err := cbor.Marshal(w)
		require.NoError(t, err)
		return b
	}
	for name, tc := range map[string]struct {
		data []byte
		want error
	}{
		"empty":           {nil, ErrMalformed},
		"truncated":       {good[:len(good)-1], ErrMalformed},
		"trailing":        {append(bytes.Clone(good), 0), ErrMalformed},
		"too large":       {make([]byte, MaxChangeSize+1), ErrMalformed},
		"version":         {enc(func() changeWire { x := w; x.Version = 2; return x }()), ErrMalformed},
		"kind":            {enc(func() changeWire { x := w; x.Kind = 9; return x }()), ErrInvalidChange},
		"short key":       {enc(func() changeWire { x := w; x.Key = x.Key[:31]; return x }()), ErrInvalidChange},
		"settlement size": {enc(func() changeWire { x := w; x.Settlement = x.Settlement[:19]; return x }()), ErrMalformed},
		"zero settlement": {enc(func() changeWire { x := w; x.Settlement = make([]byte, 20); return x }()), ErrMalformed},
		"leave with name": {enc(func() changeWire { x := w; x.Kind = uint8(Leave); x.Stake = 0; return x }()), ErrInvalidChange},
		"not canonical":   {append([]byte{0x9a, 0, 0, 0, 10}, good[1:]...), ErrMalformed},
	} {
		_, err := DecodeChange(tc.data)
		require.ErrorIs(t, err, tc.want, name)
	}
}

// FuzzDecodeChange: decoding never panics, and whatever decodes encodes back
// to the same bytes.
func FuzzDecodeChange(f *testing.F) {
	for _, c := range sampleChanges(f) {
		data, err := c.Encode()
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeChange(data)
		if err != nil {
			return
		}
		again, err := c.Encode()
		require.NoError(t, err)
		require.Equal(t, data, again)
		_, err = c.Digest(common.Hash{})
		require.NoError(t, err)
	})
}

// TestFuzzSeeds keeps testdata/fuzz/FuzzDecodeChange in step with the
// encoding: the committed seeds include the valid sample encodings.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecodeChange")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
}
