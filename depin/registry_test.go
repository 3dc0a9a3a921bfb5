package depin_test

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
	"github.com/depinkit/depinkit/subnet"
)

// registeredSetup is the last Setup the "test-registry" factory was given.
var registeredSetup vertical.Setup

type registrySettings struct {
	Label string `toml:"label"`
}

func init() {
	vertical.Register("test-registry", func(s vertical.Setup) (vertical.Vertical, error) {
		var settings registrySettings
		if err := s.Decode(&settings); err != nil {
			return nil, err
		}
		registeredSetup = s
		return newMeter(), nil
	})
}

// registrySpec is a one-validator spec of the "test-registry" vertical with
// an exponential curve (the telecom CLI used to refuse any but halving),
// pool weights and a section.
func registrySpec(t *testing.T, section string) *subnet.Spec {
	t.Helper()
	dir := t.TempDir()
	_, err := subnet.Init(dir, subnet.InitOptions{Vertical: "test-registry", Validators: 1})
	require.NoError(t, err)
	path := filepath.Join(dir, subnet.SpecFile)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(data, "\n"+section...), 0o644))
	spec, err := subnet.Load(path)
	require.NoError(t, err)
	spec.Reward = subnet.Reward{Curve: subnet.CurveExponential, Initial: "1000", Factor: "1/2", Period: 1,
		Pools: map[string]uint64{"readings": 3, "proofs": 1}}
	require.NoError(t, spec.Validate())
	return spec
}

// TestVerticalFromSpec: the registered factory gets the spec's curve, pool
// weights and section; ConfigFromSpec's runtime mints the spec's curve.
func TestVerticalFromSpec(t *testing.T) {
	spec := registrySpec(t, "[verticals.test-registry]\nlabel = 'north'\n")
	v, err := depin.VerticalFromSpec(spec, nil)
	require.NoError(t, err)
	require.Equal(t, "meter", v.Name())
	s := registeredSetup
	require.Equal(t, spec.Name, s.Subnet)
	require.Equal(t, spec.Dir, s.Dir)
	require.Equal(t, map[string]uint64{"readings": 3, "proofs": 1}, s.PoolWeights)
	require.Equal(t, big.NewInt(250), s.Curve.Emission(2), "exponential: 1000 × (1/2)^2")
	var got registrySettings
	require.NoError(t, s.Decode(&got))
	require.Equal(t, "north", got.Label)

	cfg, err := depin.ConfigFromSpec(spec, nil)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(500), cfg.Curve.Emission(1))

	// The section's unknown keys are refused with their path.
	bad := registrySpec(t, "[verticals.test-registry]\nlable = 'north'\n")
	_, err = depin.VerticalFromSpec(bad, nil)
	require.ErrorIs(t, err, subnet.ErrInvalidSpec)
	require.ErrorContains(t, err, "vertical test-registry: subnet: verticals.test-registry.lable: unknown setting")

	// A vertical nobody registered: the error lists who is.
	other := registrySpec(t, "")
	other.Vertical = "parking"
	_, err = depin.VerticalFromSpec(other, nil)
	require.ErrorIs(t, err, vertical.ErrUnknownVertical)
	require.ErrorContains(t, err, `"parking" (registered: `)
	require.ErrorContains(t, err, "test-registry")
}

// curveless is a vertical that proposes no curve (Vertical's methods only).
type curveless struct{ depin.Vertical }

// TestSubnetCurveWins: the Node mints Config.Curve, not the curve the
// vertical proposes; with neither, New refuses the config.
func TestSubnetCurveWins(t *testing.T) {
	c, err := reward.NewConstant(big.NewInt(777))
	require.NoError(t, err)
	f := newFixture(t, 1, func(cfg *depin.Config) { cfg.Curve = c })
	f.commit()
	f.commit()
	f.commit() // epoch 0 ends
	s, err := f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(777), s.Emission, "the meter proposes %d", meterEmission)

	_, err = depin.New(depin.WithVertical(curveless{newMeter()}), depin.WithConfig(f.cfg))
	require.NoError(t, err, "the config's curve is enough")
	cfg := f.cfg
	cfg.Curve = nil
	_, err = depin.New(depin.WithVertical(curveless{newMeter()}), depin.WithConfig(cfg))
	require.ErrorIs(t, err, depin.ErrConfig)
	require.ErrorContains(t, err, "proposes none")
	_, err = depin.New(depin.WithVertical(newMeter()), depin.WithConfig(cfg))
	require.NoError(t, err, "the meter proposes a curve")
}

// TestVerifierFromSpec: the spec's proof_keys store gives every validator
// the same verifying keys; the proof policy is checked against them.
func TestVerifierFromSpec(t *testing.T) {
	spec := registrySpec(t, "")
	v, err := depin.VerifierFromSpec(spec)
	require.NoError(t, err, "no store: the signature path only")
	require.NotNil(t, v)

	st := proof.ThresholdStatement(16)
	ct := proof.ContentType(st)
	spec.Proofs = map[string]string{ct: subnet.ProofGroth16, "meter/reading/v1": subnet.ProofGroth16}
	_, err = depin.VerifierFromSpec(spec)
	require.ErrorIs(t, err, depin.ErrConfig)
	require.ErrorContains(t, err, fmt.Sprintf("proofs.%q: groth16 needs the groth16 verifying key of threshold-16: the spec names no proof_keys", ct))

	spec.ProofKeys = "keys"
	require.NoError(t, os.MkdirAll(spec.ProofKeysDir(), 0o755))
	_, err = depin.VerifierFromSpec(spec)
	require.ErrorContains(t, err, "proof_keys: no verifying key")

	if testing.Short() {
		t.Skip("Groth16 setup")
	}
	keys, err := proof.DevSetup(st, proof.Groth16)
	require.NoError(t, err)
	require.NoError(t, proof.NewKeyStore(spec.ProofKeysDir()).Save(keys.VerifyingOnly()))
	v, err = depin.VerifierFromSpec(spec)
	require.NoError(t, err)
	// It holds the key: a proof made with it verifies.
	readings := make([]uint64, 16)
	dk, err := device.GenerateKey(device.EdDSABN254, rand.Reader)
	require.NoError(t, err)
	sig, err := proof.SignReadings(dk, readings)
	require.NoError(t, err)
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	b, err := prover.Prove(t.Context(), &proof.ThresholdWitness{Cap: 100, Min: big.NewInt(0), Readings: readings, Device: dk.Public(), Signature: sig})
	require.NoError(t, err)
	require.NoError(t, v.VerifyBundle(b))

	spec.Proofs[ct] = subnet.ProofPlonk
	_, err = depin.VerifierFromSpec(spec)
	require.ErrorContains(t, err, "plonk needs the plonk verifying key of threshold-16: none in proof_keys")
	spec.Proofs[ct] = subnet.ProofGroth16

	require.NoError(t, os.WriteFile(filepath.Join(spec.ProofKeysDir(), "junk.vk"), []byte("x"), 0o644))
	_, err = depin.VerifierFromSpec(spec)
	require.ErrorContains(t, err, "proof_keys: junk.vk: want <statement>.<backend>.vk")
}
