package depin

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// The registry of verticals lives in the light package (vertical.Register,
// vertical.New): a vertical's package registers itself there without
// importing the runtime, whose dependencies a vertical author must not
// carry. This file builds what a registered factory takes from a subnet
// spec.

// SetupFromSpec returns the vertical.Setup a subnet spec gives its
// vertical's factory: the subnet's name and directory, its emission curve
// (spec.Curve, any curve package reward has), its pool weights
// ([reward.pools]), verifier (nil: the signature path only; see
// VerifierFromSpec), and the vertical's section ([verticals.NAME],
// decoded by spec.DecodeVertical, unknown keys refused with their path).
func SetupFromSpec(spec *subnet.Spec, verifier *proof.Verifier) (vertical.Setup, error) {
	if spec == nil {
		return vertical.Setup{}, fmt.Errorf("%w: no spec", ErrConfig)
	}
	curve, err := spec.Curve()
	if err != nil {
		return vertical.Setup{}, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	s := vertical.Setup{Subnet: spec.Name, Curve: curve, PoolWeights: spec.PoolWeights(), Verifier: verifier, Dir: spec.Dir}
	if spec.VerticalSection() != nil {
		s.Section = spec.DecodeVertical
	}
	return s, nil
}

// VerticalFromSpec returns a new replica of the spec's vertical, built by
// the factory registered under spec.Vertical (vertical.Register) with
// SetupFromSpec(spec, verifier). A name nobody registered is an error
// wrapping vertical.ErrUnknownVertical that lists the registered ones: the
// program must import the vertical's package.
func VerticalFromSpec(spec *subnet.Spec, verifier *proof.Verifier) (Vertical, error) {
	s, err := SetupFromSpec(spec, verifier)
	if err != nil {
		return nil, err
	}
	return vertical.New(spec.Vertical, s)
}

// VerifierFromSpec returns a proof verifier holding every verifying key of
// the spec's proof key store (spec.ProofKeysDir, a proof.KeyStore: each
// file "<statement>.<backend>.vk" in it, checked against this build's
// circuit by the store), or one with no keys if the spec names no store.
// It also checks the spec's proof policy against the keys: a claim type
// that is a proof bundle's content type (proof.ContentType) and needs
// groth16 or plonk must have that statement's key, or no validator could
// verify its proofs. Errors wrap ErrConfig and name proof_keys or the
// policy's entry.
func VerifierFromSpec(spec *subnet.Spec) (*proof.Verifier, error) {
	if spec == nil {
		return nil, fmt.Errorf("%w: no spec", ErrConfig)
	}
	var keys []*proof.Keys
	have := map[string]bool{} // "statement/backend"
	dir := spec.ProofKeysDir()
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("%w: proof_keys: %w", ErrConfig, err)
		}
		store := proof.NewKeyStore(dir)
		for _, e := range entries { // sorted by name
			name, ok := strings.CutSuffix(e.Name(), ".vk")
			if !ok || e.IsDir() {
				continue
			}
			stName, bName, ok := cutLast(name, ".")
			if !ok {
				return nil, fmt.Errorf("%w: proof_keys: %s: want <statement>.<backend>.vk", ErrConfig, e.Name())
			}
			st, err := proof.ParseStatement(stName)
			if err != nil {
				return nil, fmt.Errorf("%w: proof_keys: %s: %w", ErrConfig, e.Name(), err)
			}
			b, err := proof.ParseBackend(bName)
			if err != nil {
				return nil, fmt.Errorf("%w: proof_keys: %s: %w", ErrConfig, e.Name(), err)
			}
			k, err := store.LoadVerifying(st, b)
			if err != nil {
				return nil, fmt.Errorf("%w: proof_keys: %w", ErrConfig, err)
			}
			keys = append(keys, k)
			have[st.String()+"/"+b.String()] = true
		}
		if len(keys) == 0 {
			return nil, fmt.Errorf("%w: proof_keys: no verifying key (*.vk) in %s", ErrConfig, dir)
		}
	}
	for _, ct := range slices.Sorted(maps.Keys(spec.Proofs)) {
		policy := spec.Proofs[ct]
		if policy != subnet.ProofGroth16 && policy != subnet.ProofPlonk {
			continue
		}
		st, err := proof.StatementOf(ct)
		if err != nil {
			continue // a claim type of the vertical's own, not a proof bundle
		}
		if !have[st.String()+"/"+policy] {
			where := "the spec names no proof_keys"
			if dir != "" {
				where = "none in proof_keys " + dir
			}
			return nil, fmt.Errorf("%w: proofs.%q: %s needs the %s verifying key of %s: %s", ErrConfig, ct, policy, policy, st, where)
		}
	}
	v, err := proof.NewVerifier(keys...)
	if err != nil {
		return nil, fmt.Errorf("%w: proof_keys: %w", ErrConfig, err)
	}
	return v, nil
}

// cutLast cuts s around the last sep.
func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
