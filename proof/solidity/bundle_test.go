package solidity

import (
	"context"
	"math/rand/v2"
	"path"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/solc"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// TestBundleOnChain is the product path end to end: keys from proof.DevSetup,
// a bundle from proof.Prover (which proves for the Solidity verifier), the
// verifier exported from those keys, and BundleCall's calldata: the contract
// accepts the bundle and refuses the same proof for another claim, for
// Groth16 and PLONK alike.
func TestBundleOnChain(t *testing.T) {
	f := setup(t) // the shared chain
	key, err := device.GenerateKey(device.EdDSABN254, randReader{rand.New(rand.NewPCG(77, 1))})
	require.NoError(t, err)
	nonce := proof.NonceFromBytes([]byte("on chain"))
	sig, err := proof.SignNonce(key, nonce)
	require.NoError(t, err)
	w := &proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Point: circuit.Position{X: 10, Y: 10}, Radius: 50, Nonce: nonce, Device: key.Public()},
		Position:      circuit.Position{X: 40, Y: 50},
		Signature:     sig,
	}
	ctx := context.Background()
	sources := map[string]string{}
	bundles := map[string]*proof.Bundle{}
	for _, b := range []proof.Backend{proof.Groth16, proof.PLONK} {
		keys, err := proof.DevSetup(proof.CoverageStatement(), b)
		require.NoError(t, err)
		p, err := proof.NewProver(keys)
		require.NoError(t, err)
		bundle, err := p.Prove(ctx, w)
		require.NoError(t, err)
		bundles[b.String()] = bundle
		var src map[string]string
		if b == proof.Groth16 {
			src, err = Groth16Sources(keys.Groth16VerifyingKey())
		} else {
			src, err = PlonkSources(keys.PLONKVerifyingKey())
		}
		require.NoError(t, err)
		for file, text := range src {
			sources[path.Join("bundle", b.String(), file)] = text
		}
	}
	contracts, err := solc.Compile(ctx, sources, solc.Options{})
	require.NoError(t, err)
	for name, bundle := range bundles {
		t.Run(name, func(t *testing.T) {
			c, err := contracts.Get(path.Join("bundle", name, WrapperFile) + ":" + WrapperContract)
			require.NoError(t, err)
			addr, err := f.chain.deploy(ctx, c.Bin)
			require.NoError(t, err)
			o := &onChain{name: name, addr: addr}

			call, err := BundleCall(bundle)
			require.NoError(t, err)
			require.True(t, f.verify(t, o, call), "the prover's bundle verifies on chain")

			other := *bundle.Claim.(*proof.CoverageClaim)
			other.Radius++
			call, err = BundleCall(&proof.Bundle{Claim: &other, Proof: bundle.Proof})
			require.NoError(t, err)
			require.False(t, f.verify(t, o, call), "the same proof for another radius")
		})
	}
	signed, err := proof.Signed(w)
	require.NoError(t, err)
	_, err = BundleCall(signed)
	require.ErrorIs(t, err, ErrUnsupported)
}
