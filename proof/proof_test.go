package proof

import (
	"context"
	"math/big"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

func prove(t *testing.T, b Backend, w Witness) *Bundle {
	t.Helper()
	if b == Signature {
		out, err := Signed(w)
		require.NoError(t, err)
		return out
	}
	c, err := w.Claim()
	require.NoError(t, err)
	p, err := NewProver(keysFor(t, c.Statement(), b))
	require.NoError(t, err)
	out, err := p.Prove(context.Background(), w)
	require.NoError(t, err)
	return out
}

func verifierFor(t *testing.T, keys ...*Keys) *Verifier {
	t.Helper()
	v, err := NewVerifier(keys...)
	require.NoError(t, err)
	return v
}

// roundTrip sends a bundle through its wire form, as a verifier receives it.
func roundTrip(t *testing.T, b *Bundle) *Bundle {
	t.Helper()
	data, err := b.MarshalBinary()
	require.NoError(t, err)
	out, err := ParseBundleOf(b.ContentType(), data)
	require.NoError(t, err)
	again, err := out.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, data, again, "a parsed bundle re-encodes to the same bytes")
	return out
}

func TestCoverage(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 1)
	w := coverageWitness(t, key, NonceFromBytes([]byte("epoch 42 beacon")))
	for _, b := range []Backend{Signature, Groth16, PLONK} {
		t.Run(b.String(), func(t *testing.T) {
			var v *Verifier
			if b == Signature {
				v = verifierFor(t)
			} else {
				v = verifierFor(t, keysFor(t, CoverageStatement(), b))
			}
			bundle := roundTrip(t, prove(t, b, w))
			require.NoError(t, v.VerifyBundle(bundle))
			if b == Groth16 {
				require.Equal(t, 133, bundle.Proof.Size())
				require.Less(t, bundle.Proof.Size(), 200, "compressed groth16 proofs stay under 200 bytes")
			}
			t.Logf("%s proof: %d bytes", b, bundle.Proof.Size())
			checkCoverageBadInputs(t, v, bundle, b != Signature)
		})
	}
}

// checkCoverageBadInputs: the proof against another nonce, point, radius or
// device fails with ErrInvalidProof. A zero-knowledge proof binds its exact
// public inputs (exact); a signature-path proof proves whichever claim its
// signed data makes true, so it is checked only against false claims.
func checkCoverageBadInputs(t *testing.T, v *Verifier, good *Bundle, exact bool) {
	claim := *good.Claim.(*CoverageClaim)
	other := newKey(t, device.EdDSABN254, 99)
	var nextNonce fr.Element
	nextNonce.Add(&claim.Nonce, new(fr.Element).SetOne())
	cases := []struct {
		name  string
		exact bool // true when the changed claim is still true of the device
		edit  func(c *CoverageClaim)
	}{
		{"nonce", false, func(c *CoverageClaim) { c.Nonce = nextNonce }},
		{"key", false, func(c *CoverageClaim) { c.Device = other.Public() }},
		{"point far", false, func(c *CoverageClaim) { c.Point.X += 1000 }},
		{"radius short", false, func(c *CoverageClaim) { c.Radius = 499 }},
		{"point +1", true, func(c *CoverageClaim) { c.Point.X++ }},
		{"radius -1", true, func(c *CoverageClaim) { c.Radius-- }},
	}
	for _, tc := range cases {
		c := claim
		tc.edit(&c)
		err := v.Verify(&c, good.Proof)
		if tc.exact && !exact {
			require.NoError(t, err, "%s: still true, and the signed data shows it", tc.name)
			continue
		}
		require.ErrorIs(t, err, ErrInvalidProof, "another %s", tc.name)
	}
	require.NoError(t, v.Verify(&claim, good.Proof), "the unchanged claim still verifies")
}

func TestSeries(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 2)
	rs := readings(16, 7)
	uw := usageWitness(t, key, rs)
	total := sum(rs)
	tw := thresholdWitness(t, key, rs, total.Int64()-5)
	for _, b := range []Backend{Signature, Groth16} {
		t.Run("usage/"+b.String(), func(t *testing.T) {
			v := verifierFor(t)
			if b != Signature {
				v = verifierFor(t, keysFor(t, UsageStatement(16), b))
			}
			bundle := roundTrip(t, prove(t, b, uw))
			require.NoError(t, v.VerifyBundle(bundle))
			c := *bundle.Claim.(*UsageClaim)
			require.Equal(t, 0, c.Total.Cmp(total))
			maxReading := slices.Max(rs)
			bad := map[string]func(c *UsageClaim){
				"total":     func(c *UsageClaim) { c.Total = new(big.Int).Add(total, big.NewInt(1)) },
				"cap short": func(c *UsageClaim) { c.Cap = maxReading },
				"root":      func(c *UsageClaim) { c.Root.Add(&c.Root, new(fr.Element).SetOne()) },
				"key":       func(c *UsageClaim) { c.Device = newKey(t, device.EdDSABN254, 98).Public() },
				"cap +1":    func(c *UsageClaim) { c.Cap++ },
			}
			for _, name := range []string{"total", "cap short", "root", "key", "cap +1"} {
				cc := c
				bad[name](&cc)
				err := v.Verify(&cc, bundle.Proof)
				if name == "cap +1" && b == Signature {
					require.NoError(t, err, "a higher cap is still true, and the readings show it")
					continue
				}
				require.ErrorIs(t, err, ErrInvalidProof, name)
			}
		})
		t.Run("threshold/"+b.String(), func(t *testing.T) {
			v := verifierFor(t)
			if b != Signature {
				v = verifierFor(t, keysFor(t, ThresholdStatement(16), b))
			}
			bundle := roundTrip(t, prove(t, b, tw))
			require.NoError(t, v.VerifyBundle(bundle))
			c := *bundle.Claim.(*ThresholdClaim)
			c.Min = new(big.Int).Add(total, big.NewInt(1))
			require.ErrorIs(t, v.Verify(&c, bundle.Proof), ErrInvalidProof, "a higher minimum")
		})
	}
}

// TestUnsatisfied: values that violate the statement make no proof on any path.
func TestUnsatisfied(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 3)
	nonce := NonceFromBytes([]byte("n"))
	outside := coverageWitness(t, key, nonce)
	outside.Position.X += 200 // now 300+200 east, 400 north: 640 > 600
	badSig := coverageWitness(t, key, nonce)
	badSig.Signature[5] ^= 1
	otherNonce := coverageWitness(t, key, nonce)
	otherNonce.Nonce = NonceFromBytes([]byte("m"))
	rs := readings(16, 8)
	overCap := usageWitness(t, key, rs)
	overCap.Cap = rs[0] // reading 0 is not below the cap
	tamperedReadings := usageWitness(t, key, rs)
	tamperedReadings.Readings = append([]uint64{rs[0] + 1}, rs[1:]...)
	belowMin := thresholdWitness(t, key, rs, sum(rs).Int64()+1)
	ed := newKey(t, device.Ed25519, 4)
	edWitness := coverageWitness(t, ed, nonce)

	cases := []struct {
		name string
		w    Witness
	}{
		{"outside the radius", outside},
		{"bad signature", badSig},
		{"signature of another nonce", otherNonce},
		{"reading over the cap", overCap},
		{"readings the device did not sign", tamperedReadings},
		{"sum below the minimum", belowMin},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Signed(tc.w)
			require.ErrorIs(t, err, ErrUnsatisfied)
			c, err := tc.w.Claim()
			require.NoError(t, err)
			p, err := NewProver(keysFor(t, c.Statement(), Groth16))
			require.NoError(t, err)
			_, err = p.Prove(context.Background(), tc.w)
			require.ErrorIs(t, err, ErrUnsatisfied)
		})
	}
	t.Run("ed25519 device", func(t *testing.T) {
		// The signature path takes any device key; the circuit needs EdDSA-BN254.
		b, err := Signed(edWitness)
		require.NoError(t, err)
		require.NoError(t, verifierFor(t).VerifyBundle(roundTrip(t, b)))
		p, err := NewProver(keysFor(t, CoverageStatement(), Groth16))
		require.NoError(t, err)
		_, err = p.Prove(context.Background(), edWitness)
		require.ErrorIs(t, err, ErrUnsatisfied)
	})
}

// TestTampered: every single-byte change of a proof's wire form is refused,
// by ParseProof or by Verify, with ErrInvalidProof and never a panic; so are
// truncated and extended proofs, and proofs made with other keys.
func TestTampered(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 5)
	w := coverageWitness(t, key, NonceFromBytes([]byte("t")))
	for _, b := range []Backend{Signature, Groth16, PLONK} {
		t.Run(b.String(), func(t *testing.T) {
			v := verifierFor(t)
			if b != Signature {
				v = verifierFor(t, keysFor(t, CoverageStatement(), b))
			}
			bundle := prove(t, b, w)
			wire, err := bundle.Proof.MarshalBinary()
			require.NoError(t, err)
			claim := bundle.Claim.(*CoverageClaim)
			check := func(what string, data []byte) {
				p, err := ParseProof(data)
				if err == nil {
					err = v.Verify(bundle.Claim, p)
				}
				if err == nil && b == Signature {
					// A changed position that is still within the radius is
					// a true claim under the device's signature: only the
					// signature and a position outside must fail.
					require.Equal(t, w.Signature, p.evidence.Sig, what)
					pos := circuit.Position{X: p.evidence.X, Y: p.evidence.Y}
					require.NotEqual(t, w.Position, pos, what)
					require.True(t, pos.Within(claim.Point, claim.Radius), what)
					return
				}
				require.ErrorIs(t, err, ErrInvalidProof, what)
			}
			for i := range wire {
				if b == PLONK && i%7 != 0 && i > headerSize {
					continue // every 7th byte: a PLONK verify costs ~5 ms
				}
				data := append([]byte(nil), wire...)
				data[i] ^= 0x04
				check("byte "+itoa(i), data)
			}
			check("truncated", wire[:len(wire)-1])
			check("empty", nil)
			check("extended", append(append([]byte(nil), wire...), 0))
			check("oversized", make([]byte, MaxProofSize+1))
		})
	}
	t.Run("other keys", func(t *testing.T) {
		for _, b := range []Backend{Groth16} {
			p, err := NewProver(otherKeysFor(t, CoverageStatement(), b))
			require.NoError(t, err)
			bundle, err := p.Prove(context.Background(), w)
			require.NoError(t, err)
			v := verifierFor(t, keysFor(t, CoverageStatement(), b))
			require.ErrorIs(t, v.VerifyBundle(bundle), ErrInvalidProof)
		}
	})
	t.Run("another statement", func(t *testing.T) {
		bundle := prove(t, Signature, w)
		rs := readings(16, 1)
		uw := usageWitness(t, key, rs)
		claim, err := uw.Claim()
		require.NoError(t, err)
		require.ErrorIs(t, verifierFor(t).Verify(claim, bundle.Proof), ErrInvalidProof)
	})
	t.Run("no key", func(t *testing.T) {
		bundle := prove(t, Groth16, w)
		require.ErrorIs(t, verifierFor(t).VerifyBundle(bundle), ErrNoKey)
	})
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

func TestVerifyBatch(t *testing.T) {
	key := newKey(t, device.EdDSABN254, 6)
	k := keysFor(t, CoverageStatement(), Groth16)
	v := verifierFor(t, k)
	good := prove(t, Groth16, coverageWitness(t, key, NonceFromBytes([]byte("b"))))
	bundles := make([]*Bundle, 24)
	for i := range bundles {
		bundles[i] = good
		if i%5 == 3 {
			c := *good.Claim.(*CoverageClaim)
			c.Radius = uint32(i)
			bundles[i] = &Bundle{Claim: &c, Proof: good.Proof}
		}
	}
	res, err := v.VerifyBatch(context.Background(), bundles)
	require.NoError(t, err)
	require.Len(t, res, len(bundles))
	for i, e := range res {
		if i%5 == 3 {
			require.ErrorIs(t, e, ErrInvalidProof, "bundle %d", i)
		} else {
			require.NoError(t, e, "bundle %d", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = v.VerifyBatch(ctx, bundles)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, res[0], context.Canceled)
}

func TestStatements(t *testing.T) {
	for _, st := range Statements() {
		got, err := ParseStatement(st.String())
		require.NoError(t, err)
		require.Equal(t, st, got)
		ct, err := StatementOf(ContentType(st))
		require.NoError(t, err)
		require.Equal(t, st, ct)
	}
	for _, bad := range []string{"", "usage", "usage-3", "usage-0", "usage-064", "coverage-2", "gps-16", "usage-131072", "threshold-+16"} {
		_, err := ParseStatement(bad)
		require.ErrorIs(t, err, ErrStatement, bad)
	}
	_, err := ParseBackend("stark")
	require.ErrorIs(t, err, ErrBackend)
	require.Equal(t, "depinkit/proof/usage-64/v1", ContentType(UsageStatement(64)))
}

// TestCSHashDeterministic: the constraint-system hash the key store binds
// keys to is the same for every compilation.
func TestCSHashDeterministic(t *testing.T) {
	for _, b := range []Backend{Groth16, PLONK} {
		a, err := compileNow(CoverageStatement(), b)
		require.NoError(t, err)
		c, err := compileNow(CoverageStatement(), b)
		require.NoError(t, err)
		require.Equal(t, a.hash, c.hash, b)
	}
	u, err := compileNow(UsageStatement(16), Groth16)
	require.NoError(t, err)
	cov, err := compile(CoverageStatement(), Groth16)
	require.NoError(t, err)
	require.NotEqual(t, u.hash, cov.hash)
	require.Equal(t, circuit.ChunkSize, 31) // the message mapping the circuits assume
}
