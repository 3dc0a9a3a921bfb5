package proof

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"

	"github.com/depinkit/depinkit/device"
)

// InputClaim is the claim of a statement registered with Register: the
// statement, the device that makes the claim, and the statement's public
// inputs in the order of its Definition.Public, each an integer in [0, r)
// with r the BN254 scalar field's order. Inputs is the claim: a proof binds
// exactly these values (on chain as well: they are the verifier's input).
type InputClaim struct {
	Of     Statement
	Device device.PublicKey
	Inputs []*big.Int
}

// Statement implements Claim.
func (c *InputClaim) Statement() Statement { return c.Of }

// DeviceKey implements Claim.
func (c *InputClaim) DeviceKey() device.PublicKey { return c.Device }

// Input returns the public input called name (one of Definition.Public), or
// nil when the statement has none of that name or the claim lacks it: a
// Definition's Check reads its claim this way.
func (c *InputClaim) Input(name string) *big.Int {
	e, err := c.Of.entry()
	if err != nil {
		return nil
	}
	for i, n := range e.def.Public {
		if n == name && i < len(c.Inputs) {
			return c.Inputs[i]
		}
	}
	return nil
}

// validate checks the claim against its statement's registered layout.
func (c *InputClaim) validate() (*entry, error) {
	if c.Of.Kind != Named {
		return nil, fmt.Errorf("%w: an InputClaim of the built-in statement %s (use its own claim type)", ErrStatement, c.Of)
	}
	e, err := c.Of.entry()
	if err != nil {
		return nil, err
	}
	if len(c.Inputs) != len(e.def.Public) {
		return nil, fmt.Errorf("%w: %s claim with %d inputs, the statement has %d", ErrInvalidProof, c.Of, len(c.Inputs), len(e.def.Public))
	}
	for i, x := range c.Inputs {
		if x == nil || x.Sign() < 0 || x.Cmp(fr.Modulus()) >= 0 {
			return nil, fmt.Errorf("%w: %s: input %s = %v is not in [0, r)", ErrInvalidProof, c.Of, e.def.Public[i], x)
		}
	}
	return e, nil
}

func (c *InputClaim) publicWitness() (witness.Witness, error) {
	if _, err := c.validate(); err != nil {
		return nil, err
	}
	w, err := witness.New(ecc.BN254.ScalarField())
	if err != nil {
		return nil, fmt.Errorf("proof: %s: public inputs: %w", c.Of, err)
	}
	values := make(chan any, len(c.Inputs))
	for _, x := range c.Inputs {
		values <- x
	}
	close(values)
	if err := w.Fill(len(c.Inputs), 0, values); err != nil {
		return nil, fmt.Errorf("%w: %s: public inputs: %w", ErrInvalidProof, c.Of, err)
	}
	return w, nil
}

func (c *InputClaim) check(ev evidence) error {
	e, err := c.validate()
	if err != nil {
		return err
	}
	if e.def.Check == nil {
		return fmt.Errorf("%w: %s has no signature path", ErrBackend, c.Of)
	}
	if ev.raw == nil {
		return fmt.Errorf("%w: %s evidence missing", ErrMalformed, c.Of)
	}
	return runCheck(e, c, ev.raw)
}

// runCheck runs a Definition's Check on untrusted evidence: a Check that
// panics fails the proof instead of the process (a vertical's bug must not
// stop a validator that checks a device's bundle).
func runCheck(e *entry, c *InputClaim, evidence []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: Check panicked: %v", ErrMalformed, c.Of, r)
		}
	}()
	return e.def.Check(c, evidence)
}

func (c *InputClaim) wire() (claimWire, error) {
	if _, err := c.validate(); err != nil {
		return claimWire{}, err
	}
	kb, err := keyBytes(c.Device)
	if err != nil {
		return claimWire{}, err
	}
	in := make([][]byte, len(c.Inputs))
	for i, x := range c.Inputs {
		in[i] = x.Bytes() // minimal big-endian; zero is empty
	}
	return claimWire{Statement: c.Of.String(), Device: kb, Inputs: in}, nil
}

// InputWitness is the prover's side of a registered statement: its claim,
// the circuit's full assignment (every public and private variable set) for
// the zero-knowledge path, and the evidence its Definition's Check accepts for
// the signature path. Either may be absent when only the other path is used.
type InputWitness struct {
	InputClaim
	// Assignment is the statement's circuit with its values; its public
	// variables must equal the claim's Inputs.
	Assignment frontend.Circuit
	// Evidence is what the signature path reveals (the signed data).
	Evidence []byte
}

// Claim implements Witness.
func (w *InputWitness) Claim() (Claim, error) {
	if _, err := w.validate(); err != nil {
		return nil, err
	}
	c := w.InputClaim
	c.Inputs = make([]*big.Int, len(w.Inputs))
	for i, x := range w.Inputs {
		c.Inputs[i] = new(big.Int).Set(x)
	}
	return &c, nil
}

// assignment checks the statement natively when the witness carries evidence
// and the statement has a Check, then that the assignment's public values are
// the claim's.
func (w *InputWitness) assignment() (frontend.Circuit, error) {
	e, err := w.validate()
	if err != nil {
		return nil, err
	}
	if w.Assignment == nil {
		return nil, fmt.Errorf("%w: %s witness without an assignment", ErrUnsatisfied, w.Of)
	}
	if w.Evidence != nil && e.def.Check != nil {
		if err := runCheck(e, &w.InputClaim, w.Evidence); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrUnsatisfied, w.Of, err)
		}
	}
	pub, err := frontend.NewWitness(w.Assignment, ecc.BN254.ScalarField(), frontend.PublicOnly())
	if err != nil {
		return nil, fmt.Errorf("%w: %s: assignment: %w", ErrUnsatisfied, w.Of, err)
	}
	v, ok := pub.Vector().(fr.Vector)
	if !ok || len(v) != len(w.Inputs) {
		return nil, fmt.Errorf("%w: %s: assignment has %d public values, the claim %d", ErrUnsatisfied, w.Of, len(v), len(w.Inputs))
	}
	for i := range v {
		if v[i].BigInt(new(big.Int)).Cmp(w.Inputs[i]) != 0 {
			return nil, fmt.Errorf("%w: %s: assignment's %s is %s, the claim's %v", ErrUnsatisfied, w.Of, e.def.Public[i], v[i].String(), w.Inputs[i])
		}
	}
	return w.Assignment, nil
}

func (w *InputWitness) evidence() (evidence, error) {
	e, err := w.validate()
	if err != nil {
		return evidence{}, err
	}
	if e.def.Check == nil {
		return evidence{}, fmt.Errorf("%w: %s has no signature path", ErrBackend, w.Of)
	}
	if len(w.Evidence) == 0 || len(w.Evidence) > e.def.MaxEvidence {
		return evidence{}, fmt.Errorf("%w: %s evidence of %d bytes, want 1 to %d", ErrUnsatisfied, w.Of, len(w.Evidence), e.def.MaxEvidence)
	}
	ev := evidence{raw: append([]byte(nil), w.Evidence...)}
	if err := w.InputClaim.check(ev); err != nil {
		return evidence{}, fmt.Errorf("%w: %w", ErrUnsatisfied, err)
	}
	return ev, nil
}

// assignedPublic is the public witness of a built-in claim's public circuit
// assignment.
func assignedPublic(c Claim, public func() (frontend.Circuit, error)) (witness.Witness, error) {
	a, err := public()
	if err != nil {
		return nil, err
	}
	w, err := frontend.NewWitness(a, ecc.BN254.ScalarField(), frontend.PublicOnly())
	if err != nil {
		return nil, fmt.Errorf("%w: %s: public inputs: %w", ErrInvalidProof, c.Statement(), err)
	}
	return w, nil
}
