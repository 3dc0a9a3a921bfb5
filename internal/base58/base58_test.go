package base58

import (
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestVectors(t *testing.T) {
	// Vectors from the base58 IETF draft (draft-msporny-base58) and Bitcoin Core.
	cases := []struct{ hex, b58 string }{
		{"", ""},
		{"61", "2g"},
		{"626262", "a3gV"},
		{"636363", "aPEr"},
		{"00", "1"},
		{"0000", "11"},
		{"00000000000000000000", "1111111111"},
		{"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
		{"48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"},
		{"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
	}
	for _, c := range cases {
		raw, err := hex.DecodeString(c.hex)
		require.NoError(t, err)
		require.Equal(t, c.b58, Encode(raw), "encode %s", c.hex)
		got, err := Decode(c.b58)
		require.NoError(t, err)
		require.True(t, bytes.Equal(raw, got), "decode %s: got %x", c.b58, got)
	}
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		b := make([]byte, r.IntN(80))
		for j := range b {
			if r.IntN(4) > 0 || j > 3 {
				b[j] = byte(r.Uint32())
			}
		}
		got, err := Decode(Encode(b))
		require.NoError(t, err)
		require.Equal(t, b, got)
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, s := range []string{"0", "O", "I", "l", "abc+", "z z"} {
		_, err := Decode(s)
		require.ErrorIs(t, err, ErrInvalid, s)
	}
	_, err := Decode(string(bytes.Repeat([]byte("z"), 2000)))
	require.ErrorIs(t, err, ErrInvalid)
}
