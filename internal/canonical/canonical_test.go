package canonical

import (
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"
)

type rec struct {
	_    struct{} `cbor:",toarray"`
	Name string
	Tags []string
	N    uint64
}

func TestMarshalIsDeterministic(t *testing.T) {
	m := map[string]uint64{"b": 2, "a": 1, "aa": 3}
	b1, err := Marshal(m)
	require.NoError(t, err)
	for i := 0; i < 20; i++ {
		b2, err := Marshal(m)
		require.NoError(t, err)
		require.Equal(t, b1, b2)
	}
	// Core deterministic: shorter keys first, then bytewise.
	require.Equal(t, []byte{0xa3, 0x61, 'a', 0x01, 0x61, 'b', 0x02, 0x62, 'a', 'a', 0x03}, b1)
}

func TestNilSliceEncodesEmpty(t *testing.T) {
	b, err := Marshal(rec{Name: "x"})
	require.NoError(t, err)
	var r rec
	require.NoError(t, UnmarshalCanonical(b, &r))
}

func TestUnmarshalCanonicalRejects(t *testing.T) {
	good, err := Marshal(rec{Name: "x", Tags: []string{"a"}, N: 5})
	require.NoError(t, err)
	var r rec
	require.NoError(t, UnmarshalCanonical(good, &r))

	// N=5 encoded in two bytes (0x18 0x05) instead of one: well-formed, not canonical.
	long := append(append([]byte{}, good[:len(good)-1]...), 0x18, 0x05)
	require.ErrorIs(t, UnmarshalCanonical(long, &r), ErrNotCanonical)

	// Trailing bytes.
	require.Error(t, UnmarshalCanonical(append(append([]byte{}, good...), 0x00), &r))

	// Indefinite-length array.
	require.Error(t, Unmarshal([]byte{0x9f, 0x01, 0xff}, new([]int)))

	// Duplicate map keys.
	require.Error(t, Unmarshal([]byte{0xa2, 0x61, 'a', 0x01, 0x61, 'a', 0x02}, new(map[string]int)))

	// Tags are refused unless allowed.
	tagged, err := cbor.Marshal(cbor.Tag{Number: 42, Content: 1})
	require.NoError(t, err)
	require.Error(t, Unmarshal(tagged, new(any)))
	d := MustDecoder(Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16, AllowTags: true})
	require.NoError(t, d.Unmarshal(tagged, new(any)))
}

func TestLimits(t *testing.T) {
	d := MustDecoder(Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})
	big, err := Marshal(make([]int, 17))
	require.NoError(t, err)
	require.Error(t, d.Unmarshal(big, new([]int)))
	require.Error(t, d.Wellformed(big))
	deep := []byte{0x81, 0x81, 0x81, 0x81, 0x81, 0x01}
	require.Error(t, d.Wellformed(deep))
	_, err = NewDecoder(Limits{MaxNested: 1, MaxArray: 1, MaxMap: 1})
	require.Error(t, err)
}
