package ceremony

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	curve "github.com/consensys/gnark-crypto/ecc/bn254"
	mpc "github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	"github.com/stretchr/testify/require"
)

// tinyStates runs a ceremony on tiny and returns the circuit and the payloads
// of phase1-0001 and phase2-0001.
func tinyStates(t *testing.T) (c *circuit, p1, p2 []byte) {
	t.Helper()
	ctx := context.Background()
	c = tinyCircuit(t)
	dir := t.TempDir()
	_, err := Init(ctx, dir, c.r1cs, "tiny")
	require.NoError(t, err)
	_, err = Contribute(ctx, dir, c.r1cs, "alice")
	require.NoError(t, err)
	_, err = ClosePhase1(ctx, dir, c.r1cs, []byte("beacon"))
	require.NoError(t, err)
	_, err = Contribute(ctx, dir, c.r1cs, "bob")
	require.NoError(t, err)
	d := &dirState{dir: dir, c: c}
	f1, err := d.readState(1, 1)
	require.NoError(t, err)
	f2, err := d.readState(2, 1)
	require.NoError(t, err)
	return c, f1.payload, f2.payload
}

// TestScanBoundsAllocations: gnark's decoder allocates what the length fields
// say (N for phase 1, uint32 prefixes for phase 2). Without the scan these
// inputs would ask for terabytes.
func TestScanBoundsAllocations(t *testing.T) {
	c, p1, p2 := tinyStates(t)
	_, err := decodePhase1(p1, c.domain, 1)
	require.NoError(t, err)
	_, err = decodePhase2(p2, c.shape, 1)
	require.NoError(t, err)

	huge1 := bytes.Clone(p1)
	binary.BigEndian.PutUint64(huge1[3*proofSize:], 1<<40) // N
	_, err = decodePhase1(huge1, c.domain, 1)
	require.ErrorIs(t, err, ErrFormat)
	require.ErrorContains(t, err, "domain size")

	for name, offset := range map[string]int{
		"PKK": 2 + g1Size,
		"Z":   2 + g1Size + 4 + g1Size*int(binary.BigEndian.Uint32(p2[2+g1Size:])),
	} {
		huge2 := bytes.Clone(p2)
		binary.BigEndian.PutUint32(huge2[offset:], 0xFFFFFFFF)
		_, err = decodePhase2(huge2, c.shape, 1)
		require.ErrorIs(t, err, ErrFormat, name)
		require.ErrorContains(t, err, name)
	}

	n := bytes.Clone(p2)
	binary.BigEndian.PutUint16(n, 7) // commitments
	_, err = decodePhase2(n, c.shape, 1)
	require.ErrorIs(t, err, ErrFormat)
}

// TestScanRejectsUncompressed: an uncompressed point is a valid gnark encoding
// but moves every length prefix after it; states must be compressed.
func TestScanRejectsUncompressed(t *testing.T) {
	c, p1, p2 := tinyStates(t)
	raw := func(p []byte, offset int) []byte {
		var pt curve.G1Affine
		_, err := pt.SetBytes(p[offset : offset+g1Size])
		require.NoError(t, err)
		r := pt.RawBytes()
		return append(append(bytes.Clone(p[:offset]), r[:]...), p[offset+g1Size:]...)
	}
	_, err := decodePhase1(raw(p1, 0), c.domain, 1)
	require.ErrorIs(t, err, ErrFormat)
	_, err = decodePhase2(raw(p2, 2), c.shape, 1) // [δ]₁
	require.ErrorIs(t, err, ErrFormat)
	require.ErrorContains(t, err, "uncompressed point")

	// A challenge of the wrong length, and trailing bytes.
	short := bytes.Clone(p2)
	short[len(short)-challengeSize-1] = 31
	_, err = decodePhase2(short, c.shape, 1)
	require.ErrorIs(t, err, ErrFormat)
	_, err = decodePhase1(append(bytes.Clone(p1), 0), c.domain, 1)
	require.ErrorIs(t, err, ErrFormat)
	_, err = decodePhase2(append(bytes.Clone(p2), 0), c.shape, 1)
	require.ErrorIs(t, err, ErrFormat)
	_, err = decodePhase2(p2, c.shape, 0) // an initial state has no challenge
	require.ErrorIs(t, err, ErrFormat)
}

// TestPhase1Size checks the size formula against gnark's encoding, for an
// initial state and for a contributed one.
func TestPhase1Size(t *testing.T) {
	for _, n := range []uint64{2, 8, 64} {
		p := mpc.NewPhase1(n)
		for index := range 2 {
			if index == 1 {
				p.Contribute()
			}
			st, err := encodeState(p)
			require.NoError(t, err)
			require.Equal(t, phase1Size(n, index), int64(len(st)), "N=%d", n)
			require.NoError(t, scanPhase1(st, n, index))
		}
	}
}

func TestWriteAtomicExclusive(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, writeAtomic(dir, "f", []byte("first"), true))
	require.ErrorIs(t, writeAtomic(dir, "f", []byte("second"), true), ErrConflict)
	got, err := os.ReadFile(filepath.Join(dir, "f"))
	require.NoError(t, err)
	require.Equal(t, "first", string(got))
	require.NoError(t, writeAtomic(dir, "f", []byte("third"), false))
	got, err = os.ReadFile(filepath.Join(dir, "f"))
	require.NoError(t, err)
	require.Equal(t, "third", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "temporary files are removed")
}

// TestWithdrawIfLate: a phase-1 contribution that lands after ClosePhase1 chose
// another last state is removed; one that ClosePhase1 included is kept.
func TestWithdrawIfLate(t *testing.T) {
	ctx := context.Background()
	c := tinyCircuit(t)
	dir := t.TempDir()
	_, err := Init(ctx, dir, c.r1cs, "tiny")
	require.NoError(t, err)
	_, err = Contribute(ctx, dir, c.r1cs, "alice")
	require.NoError(t, err)

	late := t.TempDir()
	for _, name := range []string{headerName, stateName(1, 0), stateName(1, 1)} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(late, name), data, 0o644))
	}
	_, err = Contribute(ctx, late, c.r1cs, "bob")
	require.NoError(t, err)
	_, err = ClosePhase1(ctx, dir, c.r1cs, []byte("beacon"))
	require.NoError(t, err)

	d, err := open(ctx, dir, c.r1cs)
	require.NoError(t, err)
	alice, err := d.readState(1, 1)
	require.NoError(t, err)
	require.NoError(t, d.withdrawIfLate(1, alice.digest), "included in phase 2")
	require.FileExists(t, filepath.Join(dir, stateName(1, 1)))

	bobData, err := os.ReadFile(filepath.Join(late, stateName(1, 2)))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, stateName(1, 2)), bobData, 0o644))
	_, err = Verify(ctx, dir, c.r1cs)
	require.ErrorIs(t, err, ErrInvalidContribution)

	var digest [digestSize]byte
	copy(digest[:], bobData[len(bobData)-digestSize:])
	require.ErrorIs(t, d.withdrawIfLate(2, digest), ErrConflict)
	require.NoFileExists(t, filepath.Join(dir, stateName(1, 2)))
	_, err = Verify(ctx, dir, c.r1cs)
	require.NoError(t, err)
}
