package proof

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// BenchmarkParseBundle times ParseBundle of a signature-path coverage
// bundle, the one every telecom envelope carries: the registry lookups a
// statement now goes through sit on this path.
func BenchmarkParseBundle(b *testing.B) {
	key := newKey(b, device.EdDSABN254, 32)
	bundle, err := Signed(coverageWitness(b, key, NonceFromBytes([]byte("parse"))))
	require.NoError(b, err)
	data, err := bundle.MarshalBinary()
	require.NoError(b, err)
	for b.Loop() {
		if _, err := ParseBundle(data); err != nil {
			b.Fatal(err)
		}
	}
}
