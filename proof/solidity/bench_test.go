package solidity

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/consensys/gnark/backend"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

// BenchmarkVerifyOnChain sends verification transactions of a valid proof to
// the ProofVerifier on the simulated chain (Osaka rules) and reports the gas
// each uses, intrinsic cost and calldata included. The time per op is the
// simulated chain's (sign, send, mine a block), not the EVM's alone.
func BenchmarkVerifyOnChain(b *testing.B) {
	f := setup(b)
	run := func(b *testing.B, o *onChain) {
		data, err := o.valid.Calldata()
		require.NoError(b, err)
		ctx := context.Background()
		var gas uint64
		for b.Loop() {
			r, err := f.chain.send(ctx, &o.addr, data, verifyGasLimit)
			require.NoError(b, err)
			require.Equal(b, types.ReceiptStatusSuccessful, r.Status)
			gas = r.GasUsed
		}
		b.ReportMetric(float64(gas), "gas/op")
	}
	b.Run("coverage", func(b *testing.B) {
		b.Run("groth16", func(b *testing.B) { run(b, f.groth16) })
		b.Run("plonk", func(b *testing.B) { run(b, f.plonk) })
	})
	b.Run("usage-16", func(b *testing.B) {
		g, p := usage16(b, f)
		b.Run("groth16", func(b *testing.B) { run(b, g) })
		b.Run("plonk", func(b *testing.B) { run(b, p) })
	})
}

var (
	usageOnce             sync.Once
	usageGroth, usagePlnk *onChain
	usageErr              error
)

// usage16 proves and deploys Usage[16] for both backends, once: only the
// benchmark needs it.
func usage16(b *testing.B, f *fixture) (*onChain, *onChain) {
	b.Helper()
	usageOnce.Do(func() { usageGroth, usagePlnk, usageErr = buildUsage16(f) })
	require.NoError(b, usageErr, "usage-16 fixture")
	return usageGroth, usagePlnk
}

func buildUsage16(f *fixture) (*onChain, *onChain, error) {
	r := rand.New(rand.NewPCG(16, 0x5eed))
	key, err := device.GenerateKey(device.EdDSABN254, randReader{r})
	if err != nil {
		return nil, nil, err
	}
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = r.Uint64N(1_000_000)
	}
	root, err := circuit.ReadingsRoot(readings)
	if err != nil {
		return nil, nil, err
	}
	sig, err := key.Sign(circuit.RootMessage(root))
	if err != nil {
		return nil, nil, err
	}
	a, err := circuit.UsageAssignment(readings, 1_000_000, key.Public(), sig)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string]*onChain)
	for name, id := range map[string]backend.ID{"groth16": backend.GROTH16, "plonk": backend.PLONK} {
		c, err := circuit.NewUsage(16)
		if err != nil {
			return nil, nil, err
		}
		if out["usage-16/"+name], err = newOnChain(id, c, a); err != nil {
			return nil, nil, fmt.Errorf("usage-16 %s: %w", name, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), defaultFixtureTimeout)
	defer cancel()
	if err := compileAll(ctx, f.chain, out); err != nil {
		return nil, nil, err
	}
	return out["usage-16/groth16"], out["usage-16/plonk"], nil
}
