package canonical_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/canonical"
)

type rec struct {
	_    struct{} `cbor:",toarray"`
	Name string
	Tags []string
	N    uint64
	M    map[string]int64
}

func TestRoundTrip(t *testing.T) {
	b, err := canonical.Marshal(rec{Name: "x", M: map[string]int64{"b": -1, "a": 2}})
	require.NoError(t, err)
	var r rec
	require.NoError(t, canonical.UnmarshalCanonical(b, &r))
	require.Equal(t, "x", r.Name)
	require.Empty(t, r.Tags) // nil encoded as empty
	again, err := canonical.Marshal(r)
	require.NoError(t, err)
	require.Equal(t, b, again)
}

func TestDecoderRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"indefinite array", []byte{0x9f, 0x01, 0xff}},
		{"duplicate key", []byte{0xa2, 0x61, 'a', 0x01, 0x61, 'a', 0x02}},
		{"tag", []byte{0xd8, 0x2a, 0x01}},
		{"trailing byte", []byte{0x01, 0x00}},
		{"invalid utf-8", []byte{0x61, 0xff}},
		{"NaN", []byte{0xf9, 0x7e, 0x00}},
		{"too deep", append(bytes.Repeat([]byte{0x81}, 17), 0x01)},
		{"array over MaxArray", append([]byte{0x99, 0x04, 0x01}, make([]byte, 1025)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v any
			require.Error(t, canonical.Unmarshal(tc.data, &v))
		})
	}
	var n uint64
	require.ErrorIs(t, canonical.UnmarshalCanonical([]byte{0x18, 0x05}, &n), canonical.ErrNotCanonical)
	require.NoError(t, canonical.UnmarshalCanonical([]byte{0x05}, &n))
	require.Equal(t, uint64(5), n)
}

func TestLimits(t *testing.T) {
	for _, l := range []canonical.Limits{
		{MaxNested: 3, MaxArray: 16, MaxMap: 16},
		{MaxNested: 4, MaxArray: 15, MaxMap: 16},
		{MaxNested: 4, MaxArray: 16, MaxMap: 0},
	} {
		_, err := canonical.NewDecoder(l)
		require.ErrorIs(t, err, canonical.ErrLimits, "%+v", l)
	}
	d, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16, AllowTags: true})
	require.NoError(t, err)
	var v any
	require.NoError(t, d.Unmarshal([]byte{0xd8, 0x2a, 0x01}, &v))
	require.NoError(t, d.Wellformed([]byte{0x82, 0x01, 0x02}))
	require.Error(t, d.Wellformed(append(bytes.Repeat([]byte{0x81}, 5), 0x01)))
}

// FuzzUnmarshalCanonical feeds arbitrary bytes to the bounded decoder: it must
// never panic, and whatever it accepts as canonical must re-encode to exactly
// the input and decode again to the same value.
func FuzzUnmarshalCanonical(f *testing.F) {
	for _, seed := range [][]byte{
		{0x05}, {0x18, 0x05}, {0x82, 0x01, 0x02}, {0xa2, 0x61, 'a', 0x01, 0x61, 'b', 0x02},
		{0x84, 0x61, 'x', 0x80, 0x05, 0xa0}, {0xf9, 0x3c, 0x00}, {0x9f, 0xff},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if err := canonical.UnmarshalCanonical(data, &v); err == nil {
			again, err := canonical.Marshal(v)
			require.NoError(t, err)
			require.Equal(t, data, again)
		}
		var r rec
		if err := canonical.UnmarshalCanonical(data, &r); err == nil {
			again, err := canonical.Marshal(r)
			require.NoError(t, err)
			require.Equal(t, data, again)
			var r2 rec
			require.NoError(t, canonical.UnmarshalCanonical(again, &r2))
			require.Equal(t, r, r2)
		}
	})
}
