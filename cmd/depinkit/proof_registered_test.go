package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/inrange"
)

// TestProofRegisteredStatement: the proof commands serve a statement a
// vertical registered (proof/inrange) with no code of their own for it:
// setup writes its keys, verify checks its bundles and prints its inputs by
// name, export-solidity writes its verifier; prove says it builds only the
// built-ins' witnesses.
func TestProofRegisteredStatement(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	r := runCLI(t, nil, "proof", "setup", "--statement", "in-range", "--keys", keys)
	require.Equal(t, 0, r.code, r.stderr)
	require.FileExists(t, filepath.Join(keys, "in-range.groth16.vk"))

	// A device makes its bundle with the library and the keys from setup.
	require.NoError(t, registerStatements())
	st, err := proof.ParseStatement("in-range")
	require.NoError(t, err)
	k, err := proof.NewKeyStore(keys).Load(st, proof.Groth16)
	require.NoError(t, err)
	prover, err := proof.NewProver(k)
	require.NoError(t, err)
	dev, err := device.GenerateKey(device.Ed25519, fixedSeed{})
	require.NoError(t, err)
	var salt fr.Element
	salt.SetUint64(12345)
	w, err := inrange.NewWitness(dev.Public(), 60, 100, 72, salt)
	require.NoError(t, err)
	b, err := prover.Prove(context.Background(), w)
	require.NoError(t, err)
	data, err := b.MarshalBinary()
	require.NoError(t, err)
	file := filepath.Join(dir, "in-range.proof")
	require.NoError(t, os.WriteFile(file, data, 0o644))

	r = runCLI(t, nil, "proof", "verify", "--keys", keys, file)
	requireOK(t, r)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Equal(t, "in-range", got["statement"])
	inputs, ok := got["inputs"].(map[string]any)
	require.True(t, ok, r.stdout)
	require.Equal(t, "60", inputs["Lo"])
	require.Equal(t, "100", inputs["Hi"])

	// The claim of another range does not verify.
	c := *b.Claim.(*proof.InputClaim)
	c.Inputs = append(c.Inputs[:0:0], c.Inputs...)
	c.Inputs[0] = c.Inputs[1]
	bad, err := (&proof.Bundle{Claim: &c, Proof: b.Proof}).MarshalBinary()
	require.NoError(t, err)
	requireFailure(t, runCLI(t, bad, "proof", "verify", "--keys", keys, "-"), "invalid proof")

	r = runCLI(t, nil, "proof", "export-solidity", "--statement", "in-range", "--keys", keys)
	requireOK(t, r)
	require.Contains(t, r.stdout, "function verifyProof")

	claim := filepath.Join(dir, "claim.json")
	require.NoError(t, os.WriteFile(claim, []byte(`{}`), 0o644))
	devKey := filepath.Join(dir, "device.key")
	requireOK(t, runCLI(t, nil, "keys", "new", "--type", "ed25519", "--out", devKey))
	requireFailure(t, runCLI(t, nil, "proof", "prove", "--statement", "in-range", "--keys", keys, "--key", devKey, "--input", claim),
		"registered")
}

type fixedSeed struct{}

func (fixedSeed) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(3 * i)
	}
	return len(p), nil
}
