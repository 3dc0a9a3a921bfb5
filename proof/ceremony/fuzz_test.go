package ceremony

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/stretchr/testify/require"
)

// tiny is the circuit of the fuzz seeds: Y = X³ + X + 5, with a commitment to
// X so that phase-2 states carry a σ.
type tiny struct {
	X frontend.Variable
	Y frontend.Variable `gnark:",public"`
}

func (c *tiny) Define(api frontend.API) error {
	api.AssertIsEqual(api.Add(api.Mul(c.X, c.X, c.X), c.X, 5), c.Y)
	cm, err := api.(frontend.Committer).Commit(c.X)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(cm, 0)
	return nil
}

func tinyCircuit(t testing.TB) *circuit {
	t.Helper()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &tiny{})
	require.NoError(t, err)
	c, err := inspect(ccs)
	require.NoError(t, err)
	return c
}

// decodeAny decodes a state file of c whatever its phase and index, and
// returns its state re-encoded.
func decodeAny(c *circuit, data []byte) (*stateFile, []byte, error) {
	var rec stateRecord
	if _, _, err := unseal(data, stateMagic, &rec); err != nil {
		return nil, nil, err
	}
	phase, index := int(rec.Phase), int(rec.Index)
	f, err := parseState(data, phase, index, c.hash)
	if err != nil {
		return nil, nil, err
	}
	var state io.WriterTo
	switch phase {
	case 1:
		state, err = decodePhase1(f.payload, c.domain, index)
	case 2:
		state, err = decodePhase2(f.payload, c.shape, index)
	default:
		return nil, nil, fmt.Errorf("%w: phase %d", ErrFormat, phase)
	}
	if err != nil {
		return nil, nil, err
	}
	again, err := encodeState(state)
	return f, again, err
}

// FuzzDecodeContribution feeds state files to the decoder. The fuzz function
// fixes the digest first, so that mutations reach the record and the state
// behind it. A file that decodes re-encodes to the same bytes; any other ends
// in one of the package's errors, without a panic or a large allocation.
func FuzzDecodeContribution(f *testing.F) {
	c := tinyCircuit(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		data := bytes.Clone(in)
		if len(data) >= digestSize {
			d := sha256.Sum256(data[:len(data)-digestSize])
			copy(data[len(data)-digestSize:], d[:])
		}
		sf, again, err := decodeAny(c, data)
		if err != nil {
			for _, want := range []error{ErrFormat, ErrVersion, ErrMismatch} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("unexpected error: %v", err)
		}
		require.Equal(t, sf.payload, again)
		resealed, err := seal(stateMagic, sf.rec, again)
		require.NoError(t, err)
		require.Equal(t, data, resealed)
	})
}

const seedDir = "testdata/fuzz/FuzzDecodeContribution"

// TestFuzzSeeds checks that the seed files, written by an earlier run, still
// decode: the format of version 1 reads as it did.
func TestFuzzSeeds(t *testing.T) {
	c := tinyCircuit(t)
	entries, err := os.ReadDir(seedDir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(seedDir, e.Name()))
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		require.Len(t, lines, 2, e.Name())
		require.Equal(t, "go test fuzz v1", lines[0])
		quoted, ok := strings.CutPrefix(lines[1], "[]byte(")
		require.True(t, ok, e.Name())
		s, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
		require.NoError(t, err, e.Name())
		_, _, err = decodeAny(c, []byte(s))
		require.NoError(t, err, e.Name())
	}
}

// TestWriteFuzzSeeds regenerates the seeds from a new ceremony on tiny:
// DEPINKIT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./proof/ceremony/
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("DEPINKIT_WRITE_SEEDS") == "" {
		t.Skip("set DEPINKIT_WRITE_SEEDS=1 to regenerate testdata/fuzz")
	}
	ctx := context.Background()
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &tiny{})
	require.NoError(t, err)
	dir := t.TempDir()
	_, err = Init(ctx, dir, ccs, "tiny")
	require.NoError(t, err)
	_, err = Contribute(ctx, dir, ccs, "alice")
	require.NoError(t, err)
	_, err = ClosePhase1(ctx, dir, ccs, []byte("beacon"))
	require.NoError(t, err)
	_, err = Contribute(ctx, dir, ccs, "bob")
	require.NoError(t, err)

	require.NoError(t, os.MkdirAll(seedDir, 0o755))
	for _, name := range []string{stateName(1, 0), stateName(1, 1), stateName(2, 0), stateName(2, 1)} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		var b bytes.Buffer
		fmt.Fprintf(&b, "go test fuzz v1\n[]byte(%q)\n", data)
		require.NoError(t, os.WriteFile(filepath.Join(seedDir, strings.TrimSuffix(name, stateExt)), b.Bytes(), 0o644))
	}
}
