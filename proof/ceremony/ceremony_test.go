package ceremony_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/scs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/proof/ceremony"
)

// TestFullCeremony runs two contributions per phase, checks the transcript and
// proves with the sealed keys.
func TestFullCeremony(t *testing.T) {
	ctx := context.Background()
	ccs := compileCubic(t, testRounds)
	start := time.Now()

	dir := t.TempDir()
	hdr, err := ceremony.Init(ctx, dir, ccs, "cubic")
	require.NoError(t, err)
	require.Equal(t, ceremony.Version, hdr.Version)
	require.Equal(t, "cubic", hdr.Circuit)
	require.Equal(t, ccs.GetNbConstraints(), hdr.Constraints)
	require.Equal(t, uint64(512), hdr.DomainSize, "%d constraints", hdr.Constraints)

	tr, err := ceremony.Verify(ctx, dir, ccs)
	require.NoError(t, err)
	require.Equal(t, 1, tr.Phase)
	require.Empty(t, tr.Phase1)

	alice, err := ceremony.Contribute(ctx, dir, ccs, "alice")
	require.NoError(t, err)
	require.Equal(t, ceremony.Contribution{Phase: 1, Index: 1, Contributor: "alice", Hash: alice.Hash}, alice)
	bob, err := ceremony.Contribute(ctx, dir, ccs, "bob")
	require.NoError(t, err)
	require.Equal(t, 2, bob.Index)
	require.NotEqual(t, alice.Hash, bob.Hash)

	closed, err := ceremony.ClosePhase1(ctx, dir, ccs, []byte("drand round 1"))
	require.NoError(t, err)
	require.Equal(t, 2, closed.Phase)
	require.Equal(t, []ceremony.Contribution{alice, bob}, closed.Phase1)

	carol, err := ceremony.Contribute(ctx, dir, ccs, "carol")
	require.NoError(t, err)
	require.Equal(t, ceremony.Contribution{Phase: 2, Index: 1, Contributor: "carol", Hash: carol.Hash}, carol)
	dave, err := ceremony.Contribute(ctx, dir, ccs, "dave")
	require.NoError(t, err)

	tr, err = ceremony.Verify(ctx, dir, ccs)
	require.NoError(t, err)
	require.Equal(t, 2, tr.Phase)
	require.Equal(t, *hdr, tr.Header)
	require.Equal(t, []ceremony.Contribution{alice, bob}, tr.Phase1)
	require.Equal(t, []ceremony.Contribution{carol, dave}, tr.Phase2)
	require.Equal(t, []byte("drand round 1"), tr.Beacon1)
	require.Nil(t, tr.Beacon2)
	require.NotEqual(t, closed.Digest, tr.Digest)

	pk, vk, sealed, err := ceremony.Finalize(ctx, dir, ccs, []byte("drand round 2"))
	require.NoError(t, err)
	require.Equal(t, tr.Digest, sealed.Digest)
	require.Equal(t, []byte("drand round 2"), sealed.Beacon2)
	t.Logf("%d constraints, 2+2 contributions, init to keys: %v", hdr.Constraints, time.Since(start).Round(time.Millisecond))

	wrong := cubicAssignment(testRounds, 3)
	wrong.Y = 12345
	proveAndCheck(t, ccs, pk, vk, cubicAssignment(testRounds, 3), wrong)

	// The keys follow from the transcript and the beacon alone.
	pk2, vk2, _, err := ceremony.Finalize(ctx, dir, ccs, []byte("drand round 2"))
	require.NoError(t, err)
	require.Equal(t, marshal(t, pk), marshal(t, pk2))
	require.Equal(t, marshal(t, vk), marshal(t, vk2))
}

func marshal(t *testing.T, v io.WriterTo) []byte {
	t.Helper()
	var b bytes.Buffer
	_, err := v.WriteTo(&b)
	require.NoError(t, err)
	return b.Bytes()
}

func TestPhaseRules(t *testing.T) {
	ctx := context.Background()
	ccs := compileCubic(t, 4)
	dir := t.TempDir()
	_, err := ceremony.Init(ctx, dir, ccs, "cubic")
	require.NoError(t, err)

	_, err = ceremony.Init(ctx, dir, ccs, "cubic")
	require.ErrorIs(t, err, ceremony.ErrExists)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrPhase, "phase 1 without a contribution")
	_, _, _, err = ceremony.Finalize(ctx, dir, ccs, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrPhase)

	_, err = ceremony.Contribute(ctx, dir, ccs, "alice")
	require.NoError(t, err)
	_, _, _, err = ceremony.Finalize(ctx, dir, ccs, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrPhase, "finalize in phase 1")
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, nil)
	require.ErrorIs(t, err, ceremony.ErrBeacon)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, make([]byte, ceremony.MaxBeacon+1))
	require.ErrorIs(t, err, ceremony.ErrBeacon)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("b"))
	require.NoError(t, err)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrPhase, "phase 1 closes once")
	_, _, _, err = ceremony.Finalize(ctx, dir, ccs, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrPhase, "phase 2 without a contribution")

	for _, name := range []string{"", "tab\there", string(make([]byte, ceremony.MaxName+1)), "\xff"} {
		_, err = ceremony.Contribute(ctx, dir, ccs, name)
		require.ErrorIs(t, err, ceremony.ErrName, "%q", name)
		_, err = ceremony.Init(ctx, t.TempDir(), ccs, name)
		require.ErrorIs(t, err, ceremony.ErrName, "%q", name)
	}

	_, err = ceremony.Verify(ctx, t.TempDir(), ccs)
	require.ErrorIs(t, err, os.ErrNotExist)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = ceremony.Verify(cancelled, dir, ccs)
	require.ErrorIs(t, err, context.Canceled)
}

// TestOtherCircuit refuses every step when the constraint system is not the one
// the ceremony was made for.
func TestOtherCircuit(t *testing.T) {
	ctx := context.Background()
	ccs, other := compileCubic(t, 4), compileCubic(t, 5)
	dir, _ := runCeremony(t, ccs, 1, 1)

	_, err := ceremony.Contribute(ctx, dir, other, "mallory")
	require.ErrorIs(t, err, ceremony.ErrMismatch)
	_, err = ceremony.Verify(ctx, dir, other)
	require.ErrorIs(t, err, ceremony.ErrMismatch)
	_, _, _, err = ceremony.Finalize(ctx, dir, other, []byte("b"))
	require.ErrorIs(t, err, ceremony.ErrMismatch)

	// A state file of another ceremony dropped into this one.
	foreign, _ := runCeremony(t, other, 1, 1)
	data, err := os.ReadFile(statePath(foreign, 2, 1))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(statePath(dir, 2, 1), data, 0o644))
	_, err = ceremony.Verify(ctx, dir, ccs)
	require.ErrorIs(t, err, ceremony.ErrMismatch)
	_, err = ceremony.Contribute(ctx, dir, ccs, "alice")
	require.ErrorIs(t, err, ceremony.ErrMismatch)

	// A compiled circuit recompiles to the same hash.
	_, err = ceremony.Verify(ctx, foreign, compileCubic(t, 5))
	require.NoError(t, err)

	// PLONK constraint systems are not for this ceremony.
	sparse, err := frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, &cubic{rounds: 4})
	require.NoError(t, err)
	_, err = ceremony.Init(ctx, t.TempDir(), sparse, "plonk")
	require.ErrorIs(t, err, ceremony.ErrUnsupported)
}

// TestTampering alters a finished ceremony in the ways a careless or malicious
// coordinator could, and checks that Verify reports each, without panicking.
func TestTampering(t *testing.T) {
	ctx := context.Background()
	ccs := compileCubic(t, 8)
	base, _ := runCeremony(t, ccs, 2, 2)
	_, err := ceremony.Verify(ctx, base, ccs)
	require.NoError(t, err)

	// Flip bit 6 of a compressed point's first byte: the point becomes its
	// negation, still on the curve and canonically encoded.
	negate := func(offset int) func([]byte) []byte {
		return func(b []byte) []byte {
			b[payloadOffset(b)+offset] ^= 0x40
			redigest(b)
			return b
		}
	}
	// Phase-1 state: three proofs (288 bytes), N (8), [β]₂ (64), then [τ]₁.
	const tau1 = 288 + 8 + 64
	// Phase-2 state: the commitment count (2), then [δ]₁.
	const delta1 = 2

	cases := []struct {
		name  string
		path  func(dir string) string
		alter func([]byte) []byte
		want  error
	}{
		{"flipped byte, last phase-1 state", func(d string) string { return statePath(d, 1, 2) },
			func(b []byte) []byte { b[len(b)/2] ^= 1; return b }, ceremony.ErrFormat},
		{"flipped byte, last phase-2 state", func(d string) string { return statePath(d, 2, 2) },
			func(b []byte) []byte { b[len(b)-100] ^= 0x80; return b }, ceremony.ErrFormat},
		{"flipped byte, header", func(d string) string { return filepath.Join(d, "ceremony.hdr") },
			func(b []byte) []byte { b[12] ^= 1; return b }, ceremony.ErrFormat},
		{"forged [τ]₁, first phase-1 contribution", func(d string) string { return statePath(d, 1, 1) },
			negate(tau1), ceremony.ErrInvalidContribution},
		{"forged [τ]₁, last phase-1 contribution", func(d string) string { return statePath(d, 1, 2) },
			negate(tau1), ceremony.ErrInvalidContribution},
		{"forged [δ]₁, last phase-2 contribution", func(d string) string { return statePath(d, 2, 2) },
			negate(delta1), ceremony.ErrInvalidContribution},
		{"forged initial phase-1 state", func(d string) string { return statePath(d, 1, 0) },
			negate(tau1), ceremony.ErrInvalidContribution},
		{"forged initial phase-2 state", func(d string) string { return statePath(d, 2, 0) },
			negate(delta1), ceremony.ErrInvalidContribution},
		{"renamed contributor", func(d string) string { return statePath(d, 1, 1) },
			func(b []byte) []byte {
				i := bytes.Index(b, []byte("contributor 1"))
				require.Positive(t, i)
				b[i] = 'C'
				redigest(b)
				return b
			}, ceremony.ErrInvalidContribution},
		{"contribution replaced by a copy of the one before", func(d string) string { return statePath(d, 2, 2) },
			func([]byte) []byte {
				b, err := os.ReadFile(statePath(base, 2, 1))
				require.NoError(t, err)
				return b
			}, ceremony.ErrFormat},
		{"truncated", func(d string) string { return statePath(d, 1, 1) },
			func(b []byte) []byte { return b[:len(b)-33] }, ceremony.ErrFormat},
		{"empty", func(d string) string { return statePath(d, 2, 1) },
			func([]byte) []byte { return nil }, ceremony.ErrFormat},
		{"oversized", func(d string) string { return statePath(d, 1, 1) },
			func(b []byte) []byte { return append(b, make([]byte, 4096)...) }, ceremony.ErrTooLarge},
		{"oversized header", func(d string) string { return filepath.Join(d, "ceremony.hdr") },
			func(b []byte) []byte { return append(b, make([]byte, 4096)...) }, ceremony.ErrTooLarge},
		{"other format version", func(d string) string { return statePath(d, 2, 1) },
			func(b []byte) []byte { b[5] = 2; redigest(b); return b }, ceremony.ErrVersion},
		{"missing contribution", func(d string) string { return statePath(d, 1, 1) }, nil, ceremony.ErrFormat},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			if tc.alter == nil {
				require.NoError(t, os.Remove(tc.path(dir)))
			} else {
				edit(t, tc.path(dir), tc.alter)
			}
			_, err := ceremony.Verify(ctx, dir, ccs)
			require.ErrorIs(t, err, tc.want)
			t.Log(err)
			_, _, _, err = ceremony.Finalize(ctx, dir, ccs, []byte("b"))
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// TestContributeOnBadState refuses to build on a last state that does not
// decode, and leaves the directory as it was.
func TestContributeOnBadState(t *testing.T) {
	ctx := context.Background()
	ccs := compileCubic(t, 4)
	for phase, n2 := range map[int]int{1: -1, 2: 1} {
		dir, _ := runCeremony(t, ccs, 1, n2)
		last := statePath(dir, phase, 1)
		edit(t, last, func(b []byte) []byte { return b[:len(b)-1] })
		_, err := ceremony.Contribute(ctx, dir, ccs, "alice")
		require.ErrorIs(t, err, ceremony.ErrFormat)
		_, err = os.Stat(statePath(dir, phase, 2))
		require.ErrorIs(t, err, os.ErrNotExist)

		edit(t, last, func(b []byte) []byte { return append(b, make([]byte, 1<<20)...) })
		_, err = ceremony.Contribute(ctx, dir, ccs, "alice")
		require.ErrorIs(t, err, ceremony.ErrTooLarge)
	}
}

// TestStrayPhase1File: a phase-1 contribution that lands after phase 1 was
// closed breaks the chain at phase2-0000, and Verify says so.
func TestStrayPhase1File(t *testing.T) {
	ctx := context.Background()
	ccs := compileCubic(t, 4)
	dir, _ := runCeremony(t, ccs, 1, -1)
	late := copyDir(t, dir)
	_, err := ceremony.Contribute(ctx, late, ccs, "late")
	require.NoError(t, err)
	_, err = ceremony.ClosePhase1(ctx, dir, ccs, []byte("b"))
	require.NoError(t, err)
	_, err = ceremony.Contribute(ctx, dir, ccs, "alice")
	require.NoError(t, err)

	data, err := os.ReadFile(statePath(late, 1, 2))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(statePath(dir, 1, 2), data, 0o644))
	_, err = ceremony.Verify(ctx, dir, ccs)
	require.ErrorIs(t, err, ceremony.ErrInvalidContribution)
	require.ErrorContains(t, err, "phase2-0000.mpc")
}
