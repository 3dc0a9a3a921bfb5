package proof

import (
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

// Keys are set up once per test binary: a Groth16 setup costs many proofs.
var (
	keysMu    sync.Mutex
	testKeys  = map[compileKey]*Keys{}
	otherKeys = map[compileKey]*Keys{}
)

func keysFor(t testing.TB, st Statement, b Backend) *Keys {
	return cachedKeys(t, testKeys, st, b)
}

// otherKeysFor returns a second, independent setup of the same statement.
func otherKeysFor(t testing.TB, st Statement, b Backend) *Keys {
	return cachedKeys(t, otherKeys, st, b)
}

func cachedKeys(t testing.TB, m map[compileKey]*Keys, st Statement, b Backend) *Keys {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := m[compileKey{st, b}]; ok {
		return k
	}
	k, err := DevSetup(st, b)
	require.NoError(t, err)
	m[compileKey{st, b}] = k
	return k
}

type randReader struct{ r *rand.Rand }

func (r randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func newKey(t testing.TB, typ device.KeyType, seed uint64) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(typ, randReader{rand.New(rand.NewPCG(seed, 0x5eed))})
	require.NoError(t, err)
	return k
}

// coverageWitness: a device 300 east and 400 north of the hotspot (distance
// 500), radius 600.
func coverageWitness(t testing.TB, key *device.PrivateKey, nonce fr.Element) *CoverageWitness {
	t.Helper()
	sig, err := SignNonce(key, nonce)
	require.NoError(t, err)
	return &CoverageWitness{
		CoverageClaim: CoverageClaim{Point: circuit.Position{X: 1_000_000, Y: -2_000_000}, Radius: 600, Nonce: nonce, Device: key.Public()},
		Position:      circuit.Position{X: 1_000_300, Y: -1_999_600},
		Signature:     sig,
	}
}

func readings(n int, seed uint64) []uint64 {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64N(1_000_000)
	}
	return out
}

func usageWitness(t testing.TB, key *device.PrivateKey, rs []uint64) *UsageWitness {
	t.Helper()
	sig, err := SignReadings(key, rs)
	require.NoError(t, err)
	return &UsageWitness{Cap: 1_000_000, Readings: rs, Device: key.Public(), Signature: sig}
}

func thresholdWitness(t testing.TB, key *device.PrivateKey, rs []uint64, minSum int64) *ThresholdWitness {
	t.Helper()
	sig, err := SignReadings(key, rs)
	require.NoError(t, err)
	return &ThresholdWitness{Cap: 1_000_000, Min: big.NewInt(minSum), Readings: rs, Device: key.Public(), Signature: sig}
}
