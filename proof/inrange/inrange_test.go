package inrange_test

import (
	"bytes"
	"context"
	"math/big"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/inrange"
)

type fixed byte

func (f fixed) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f) + byte(i)
	}
	return len(p), nil
}

func deviceKey(t testing.TB, seed byte) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(device.Ed25519, fixed(seed))
	require.NoError(t, err)
	return k
}

func salt(n uint64) fr.Element {
	var s fr.Element
	s.SetUint64(n*0x9e3779b97f4a7c15 + 1)
	s.Square(&s)
	return s
}

// Keys are made once per test binary.
var keys = map[proof.Backend]*proof.Keys{}
var keysMu sync.Mutex

func keysFor(t testing.TB, b proof.Backend) *proof.Keys {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k := keys[b]; k != nil {
		return k
	}
	st, err := inrange.Register()
	require.NoError(t, err)
	k, err := proof.DevSetup(st, b)
	require.NoError(t, err)
	keys[b] = k
	return k
}

// TestCircuit: the circuit accepts a value inside the range, bounds
// included, and nothing else: not outside, not another opening, not a
// bound that wraps around the field.
func TestCircuit(t *testing.T) {
	s := salt(1)
	field := ecc.BN254.ScalarField()
	pMinus := func(d int64) *big.Int { return new(big.Int).Sub(fr.Modulus(), big.NewInt(d)) }
	good := func(lo, hi, v uint64) *inrange.Circuit {
		return &inrange.Circuit{Lo: lo, Hi: hi, Digest: inrange.Commit(v, s), Value: v, Salt: s}
	}
	for _, c := range []*inrange.Circuit{good(10, 20, 15), good(10, 20, 10), good(10, 20, 20), good(0, ^uint64(0), ^uint64(0))} {
		require.NoError(t, test.IsSolved(&inrange.Circuit{}, c, field))
	}
	wrap := good(0, 20, 0)
	wrap.Lo = pMinus(5) // 0 - (p-5) = 5: would pass a comparison without range checks
	otherOpening := good(10, 20, 15)
	otherOpening.Value = 16
	for name, c := range map[string]*inrange.Circuit{
		"below": good(10, 20, 9), "above": good(10, 20, 21), "empty range": good(20, 10, 15),
		"wrapping bound": wrap, "other opening": otherOpening,
	} {
		require.Error(t, test.IsSolved(&inrange.Circuit{}, c, field), name)
	}
}

// TestRegister: the statement registers once; a second registration of the
// name is refused; its layout is the circuit's.
func TestRegister(t *testing.T) {
	st, err := inrange.Register()
	require.NoError(t, err)
	again, err := inrange.Register()
	require.NoError(t, err)
	require.Equal(t, st, again)
	require.Equal(t, proof.Statement{Kind: proof.Named, Name: inrange.Name}, st)
	_, err = proof.Register(inrange.Definition())
	require.ErrorIs(t, err, proof.ErrRegistered)
	layout, err := st.PublicInputs()
	require.NoError(t, err)
	require.Equal(t, []string{"Lo", "Hi", "Digest"}, layout)
	parsed, err := proof.ParseStatement("in-range")
	require.NoError(t, err)
	require.Equal(t, st, parsed)
}

// TestSigned: the signature path runs Check on both sides.
func TestSigned(t *testing.T) {
	key := deviceKey(t, 1)
	w, err := inrange.NewWitness(key.Public(), 100, 200, 150, salt(2))
	require.NoError(t, err)
	b, err := proof.Signed(w)
	require.NoError(t, err)
	v, err := proof.NewVerifier()
	require.NoError(t, err)
	require.NoError(t, v.VerifyBundle(b))
	data, err := b.MarshalBinary()
	require.NoError(t, err)
	got, err := proof.ParseBundleOf("depinkit/proof/in-range/v1", data)
	require.NoError(t, err)
	require.NoError(t, v.VerifyBundle(got))

	// A narrower claim the value does not satisfy.
	c := *b.Claim.(*proof.InputClaim)
	c.Inputs = []*big.Int{big.NewInt(151), c.Inputs[1], c.Inputs[2]}
	err = v.Verify(&c, b.Proof)
	require.ErrorIs(t, err, proof.ErrInvalidProof)
	require.ErrorIs(t, err, inrange.ErrOutOfRange)
	// A witness outside its range is refused before any proof.
	out, err := inrange.NewWitness(key.Public(), 100, 200, 201, salt(2))
	require.NoError(t, err)
	_, err = proof.Signed(out)
	require.ErrorIs(t, err, proof.ErrUnsatisfied)
	// Malformed evidence.
	for _, ev := range [][]byte{nil, make([]byte, inrange.EvidenceSize-1), bytes.Repeat([]byte{0xff}, inrange.EvidenceSize)} {
		require.Error(t, inrange.Check(b.Claim.(*proof.InputClaim), ev))
	}
}

// TestZeroKnowledge: Groth16 and PLONK proofs of the statement verify one by
// one and in batch; a claim of another range or digest does not; keys
// round-trip through a key store; the Solidity verifier exports.
func TestZeroKnowledge(t *testing.T) {
	key := deviceKey(t, 2)
	ctx := context.Background()
	for _, backend := range []proof.Backend{proof.Groth16, proof.PLONK} {
		t.Run(backend.String(), func(t *testing.T) {
			k := keysFor(t, backend)
			require.Equal(t, map[proof.Backend]int{proof.Groth16: 698, proof.PLONK: 1480}[backend], k.Constraints())
			p, err := proof.NewProver(k)
			require.NoError(t, err)
			var bundles []*proof.Bundle
			for i := range uint64(4) {
				w, err := inrange.NewWitness(key.Public(), 10*i, 10*i+10, 10*i+i, salt(i))
				require.NoError(t, err)
				b, err := p.Prove(ctx, w)
				require.NoError(t, err)
				bundles = append(bundles, b)
			}
			v, err := proof.NewVerifier(k)
			require.NoError(t, err)
			for _, b := range bundles {
				require.NoError(t, v.VerifyBundle(b))
			}
			// Every input is bound: another Lo, Hi or Digest fails.
			for i := range 3 {
				c := *bundles[1].Claim.(*proof.InputClaim)
				c.Inputs = append([]*big.Int(nil), c.Inputs...)
				c.Inputs[i] = new(big.Int).Add(c.Inputs[i], big.NewInt(1))
				require.ErrorIs(t, v.Verify(&c, bundles[1].Proof), proof.ErrInvalidProof, i)
				bundles = append(bundles, &proof.Bundle{Claim: &c, Proof: bundles[1].Proof})
			}
			res, err := v.VerifyBatch(ctx, bundles)
			require.NoError(t, err)
			for i, r := range res {
				if i < 4 {
					require.NoError(t, r, i)
				} else {
					require.ErrorIs(t, r, proof.ErrInvalidProof, i)
				}
			}
			// An out-of-range witness has no proof.
			out, err := inrange.NewWitness(key.Public(), 10, 20, 21, salt(9))
			require.NoError(t, err)
			out.Evidence = nil // skip the native check: the circuit refuses it too
			_, err = p.Prove(ctx, out)
			require.ErrorIs(t, err, proof.ErrUnsatisfied)

			s := proof.NewKeyStore(t.TempDir())
			require.NoError(t, s.Save(k))
			vk, err := s.LoadVerifying(k.Statement, backend)
			require.NoError(t, err)
			v2, err := proof.NewVerifier(vk)
			require.NoError(t, err)
			require.NoError(t, v2.VerifyBundle(bundles[0]))

			var sol bytes.Buffer
			require.NoError(t, k.ExportSolidity(&sol))
			require.Contains(t, sol.String(), "contract")
		})
	}
}
