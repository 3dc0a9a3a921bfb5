package proof

import (
	"context"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

var batchBundles []*Bundle // made once per test binary

// batchFixture: n (at most 6) valid coverage Groth16 bundles, each for its
// own nonce.
func batchFixture(t *testing.T, n int) []*Bundle {
	keysMu.Lock()
	have := len(batchBundles)
	keysMu.Unlock()
	if have == 0 {
		key := newKey(t, device.EdDSABN254, 40)
		p, err := NewProver(keysFor(t, CoverageStatement(), Groth16))
		require.NoError(t, err)
		out := make([]*Bundle, 6)
		for i := range out {
			b, err := p.Prove(context.Background(), coverageWitness(t, key, NonceFromBytes([]byte{byte(i)})))
			require.NoError(t, err)
			out[i] = b
		}
		keysMu.Lock()
		batchBundles = out
		keysMu.Unlock()
	}
	return batchBundles[:n]
}

func itemsOf(t *testing.T, bundles []*Bundle) []groth16Item {
	items := make([]groth16Item, len(bundles))
	for i, b := range bundles {
		pub, err := groth16Public(b.Claim)
		require.NoError(t, err)
		items[i] = groth16Item{proof: b.Proof.groth16, body: b.Proof.body, public: pub}
	}
	return items
}

// TestBatchVerifyGroth16 checks the multi-pairing against one-by-one
// verification: it accepts exactly the batches whose every proof verifies.
func TestBatchVerifyGroth16(t *testing.T) {
	bundles := batchFixture(t, 4)
	vk := keysFor(t, CoverageStatement(), Groth16).g16vk.(*groth16bn254.VerifyingKey)
	require.True(t, batchVerifyGroth16(vk, itemsOf(t, bundles)))
	require.True(t, batchVerifyGroth16(vk, itemsOf(t, bundles[:1])))

	// A re-randomized proof (A·s, B·s⁻¹, C) is still valid: Groth16 is
	// malleable, and the batch must agree with Verify.
	var s fr.Element
	s.SetUint64(12345)
	var sInv fr.Element
	sInv.Inverse(&s)
	mal := *bundles[0].Proof.groth16
	mal.Ar.ScalarMultiplication(&mal.Ar, s.BigInt(new(big.Int)))
	mal.Bs.ScalarMultiplication(&mal.Bs, sInv.BigInt(new(big.Int)))
	items := itemsOf(t, bundles)
	items[0].proof = &mal
	require.True(t, batchVerifyGroth16(vk, items), "a re-randomized proof is valid")

	cases := map[string]func(items []groth16Item){
		"public input of another proof": func(items []groth16Item) { items[1].public = items[2].public },
		"swapped C of two proofs": func(items []groth16Item) {
			a, b := *items[0].proof, *items[1].proof
			a.Krs, b.Krs = b.Krs, a.Krs
			items[0].proof, items[1].proof = &a, &b
		},
		"A doubled": func(items []groth16Item) {
			a := *items[3].proof
			a.Ar.Add(&a.Ar, &a.Ar)
			items[3].proof = &a
		},
		"wrong input count": func(items []groth16Item) { items[0].public = items[0].public[1:] },
	}
	for name, edit := range cases {
		items := itemsOf(t, bundles)
		edit(items)
		require.False(t, batchVerifyGroth16(vk, items), name)
	}
}

// TestVerifyBatchMixed: a batch mixing statements, backends and bad proofs
// gives exactly the results of Verify one by one.
func TestVerifyBatchMixed(t *testing.T) {
	cov := batchFixture(t, 6)
	key := newKey(t, device.EdDSABN254, 41)
	usage := prove(t, Groth16, usageWitness(t, key, readings(16, 41)))
	signed := prove(t, Signature, coverageWitness(t, key, NonceFromBytes([]byte("s"))))
	wrongClaim := &Bundle{Claim: cov[1].Claim, Proof: cov[2].Proof}
	bundles := []*Bundle{cov[0], usage, cov[1], signed, wrongClaim, cov[3], nil, cov[4], usage, cov[5]}
	v := verifierFor(t, keysFor(t, CoverageStatement(), Groth16), keysFor(t, UsageStatement(16), Groth16))
	res, err := v.VerifyBatch(context.Background(), bundles)
	require.NoError(t, err)
	for i, b := range bundles {
		want := v.VerifyBundle(b)
		if want == nil {
			require.NoError(t, res[i], "bundle %d", i)
		} else {
			require.ErrorIs(t, res[i], ErrInvalidProof, "bundle %d", i)
		}
	}
	require.Error(t, res[4])
	require.Error(t, res[6])
}
