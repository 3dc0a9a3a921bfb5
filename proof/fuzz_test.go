package proof

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// FuzzParseProof: no input panics ParseProof or Verify; every accepted proof
// re-encodes to its input (one encoding per proof). Seeds: testdata/fuzz
// (Groth16, PLONK and signature proofs) and the signature proofs below.
func FuzzParseProof(f *testing.F) {
	key := newKey(f, device.EdDSABN254, 20)
	b, err := Signed(coverageWitness(f, key, NonceFromBytes([]byte("fuzz"))))
	require.NoError(f, err)
	wire, err := b.Proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(wire)
	rs := readings(16, 20)
	u, err := Signed(usageWitness(f, key, rs))
	require.NoError(f, err)
	wire, err = u.Proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(wire)
	// A registered statement's proofs: signature path and Groth16 (its
	// circuit is small enough to set up here).
	n, err := Signed(sumWitness(f, key, 3, 4, 5))
	require.NoError(f, err)
	wire, err = n.Proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(wire)
	nz := namedGroth16(f, key)
	wire, err = nz.Proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(wire)
	v, err := NewVerifier()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProof(data)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		again, err := p.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
		_ = v.Verify(b.Claim, p) // no panic, whatever the backend
	})
}

// FuzzParseBundle: as FuzzParseProof, for bundles (claim and proof).
func FuzzParseBundle(f *testing.F) {
	key := newKey(f, device.EdDSABN254, 21)
	for _, w := range []Witness{coverageWitness(f, key, NonceFromBytes([]byte("x"))), usageWitness(f, key, readings(16, 3)), thresholdWitness(f, key, readings(16, 3), 100), sumWitness(f, key, 3, 4, 5)} {
		b, err := Signed(w)
		require.NoError(f, err)
		data, err := b.MarshalBinary()
		require.NoError(f, err)
		f.Add(data)
	}
	data, err := namedGroth16(f, key).MarshalBinary()
	require.NoError(f, err)
	f.Add(data)
	v, err := NewVerifier()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle(data)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		again, err := b.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
		_ = v.VerifyBundle(b)
	})
}

// TestWriteFuzzSeeds regenerates testdata/fuzz with zero-knowledge proofs
// (which need keys, too slow to make in the fuzz functions):
// DEPINKIT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./proof/
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("DEPINKIT_WRITE_SEEDS") == "" {
		t.Skip("set DEPINKIT_WRITE_SEEDS=1 to regenerate testdata/fuzz")
	}
	key := newKey(t, device.EdDSABN254, 22)
	w := coverageWitness(t, key, NonceFromBytes([]byte("seed")))
	for _, b := range []Backend{Groth16, PLONK} {
		bundle := prove(t, b, w)
		pw, err := bundle.Proof.MarshalBinary()
		require.NoError(t, err)
		bw, err := bundle.MarshalBinary()
		require.NoError(t, err)
		writeSeed(t, "FuzzParseProof", "coverage-"+b.String(), pw)
		writeSeed(t, "FuzzParseBundle", "coverage-"+b.String(), bw)
	}
	u := prove(t, Groth16, usageWitness(t, key, readings(16, 22)))
	bw, err := u.MarshalBinary()
	require.NoError(t, err)
	writeSeed(t, "FuzzParseBundle", "usage-16-groth16", bw)
}

func writeSeed(t *testing.T, fuzz, name string, data []byte) {
	dir := filepath.Join("testdata", "fuzz", fuzz)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	var b bytes.Buffer
	fmt.Fprintf(&b, "go test fuzz v1\n[]byte(%q)\n", data)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644))
}

// namedGroth16 is a Groth16 bundle of the registered test statement.
func namedGroth16(f *testing.F, key *device.PrivateKey) *Bundle {
	f.Helper()
	p, err := NewProver(keysFor(f, sumStatement(), Groth16))
	require.NoError(f, err)
	b, err := p.Prove(context.Background(), sumWitness(f, key, 30, 40, 50))
	require.NoError(f, err)
	return b
}
