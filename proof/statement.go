package proof

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/consensys/gnark/frontend"

	"github.com/depinkit/depinkit/proof/circuit"
)

// Kind says how a statement is identified on the wire. Coverage, Usage and
// Threshold are the statements package proof registers itself, with the wire
// numbers they have always had; every statement registered by Register has
// Kind Named and is identified by its Name (on the wire by its ID).
type Kind uint8

// The statement kinds (see the package documentation for when to use which).
const (
	// Coverage: a device at a private position lies within a radius of a public
	// point and signed the epoch's beacon nonce.
	Coverage Kind = 1
	// Usage: a private signed series of readings, each below a cap, sums to a
	// public total.
	Usage Kind = 2
	// Threshold: a private signed series sums to at least a public minimum.
	Threshold Kind = 3
	// Named: a statement a vertical registered (Register), known by its Name.
	Named Kind = 255
)

var kindNames = map[Kind]string{Coverage: "coverage", Usage: "usage", Threshold: "threshold", Named: "named"}

// String returns the kind's name: "coverage", "usage", "threshold" or "named".
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Statement names one circuit: a Kind and, for Usage and Threshold, the number
// of readings N (a power of two from 2 to circuit.MaxReadings), or, for a
// statement registered with Register, Kind Named and its Name. Coverage has
// N = 0. Its text form is "coverage", "usage-64", "threshold-16", or a
// registered statement's name. Statements are comparable values: use them as
// map keys.
type Statement struct {
	Kind Kind
	N    int
	// Name is a Named statement's name (Definition.Name); empty otherwise.
	Name string
}

// CoverageStatement, UsageStatement and ThresholdStatement build statements.
func CoverageStatement() Statement { return Statement{Kind: Coverage} }

// UsageStatement returns the Usage statement over n readings.
func UsageStatement(n int) Statement { return Statement{Kind: Usage, N: n} }

// ThresholdStatement returns the Threshold statement over n readings.
func ThresholdStatement(n int) Statement { return Statement{Kind: Threshold, N: n} }

// Statements returns the statements that ship precompiled: coverage, and usage
// and threshold over 16, 64 and 256 readings.
func Statements() []Statement {
	out := []Statement{CoverageStatement()}
	for _, k := range []Kind{Usage, Threshold} {
		for _, n := range circuit.Sizes() {
			out = append(out, Statement{Kind: k, N: n})
		}
	}
	return out
}

// String returns the statement's text form, e.g. "usage-64".
func (s Statement) String() string {
	switch {
	case s.Kind == Named:
		return s.Name
	case s.Kind == Coverage && s.N == 0:
		return "coverage"
	}
	return s.Kind.String() + "-" + strconv.Itoa(s.N)
}

// Validate reports whether s names a registered statement: a built-in with a
// supported size, or a Named statement registered in this process.
func (s Statement) Validate() error {
	_, err := s.entry()
	return err
}

// PublicInputs returns the names of the statement's public inputs in the
// circuit's order (its public-input layout), as gnark names them: a field's
// name, nested fields joined by "_" ("Key_A_X"). A claim's public inputs
// (PublicWitness) and an on-chain verifier's input follow this order.
func (s Statement) PublicInputs() ([]string, error) {
	e, err := s.entry()
	if err != nil {
		return nil, err
	}
	return append([]string(nil), e.def.Public...), nil
}

// ParseStatement reads a statement's text form ("coverage", "usage-64",
// "threshold-16", or the name of a statement registered with Register).
func ParseStatement(s string) (Statement, error) {
	if e := lookupName(s); e != nil {
		return e.st, nil
	}
	name, size, ok := strings.Cut(s, "-")
	if ok && (name == "usage" || name == "threshold") {
		n, err := strconv.Atoi(size)
		if err != nil || strconv.Itoa(n) != size {
			return Statement{}, fmt.Errorf("%w: %q: size %q is not a number", ErrStatement, s, size)
		}
		return Statement{}, fmt.Errorf("%w: %q: N=%d is not a power of two in [2, %d]", ErrStatement, s, n, circuit.MaxReadings)
	}
	return Statement{}, fmt.Errorf("%w: %q: want coverage, usage-N, threshold-N or a registered statement", ErrStatement, s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Statement) MarshalText() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Statement) UnmarshalText(b []byte) error {
	st, err := ParseStatement(string(b))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// circuit returns an empty circuit of the statement, to compile.
func (s Statement) circuit() (frontend.Circuit, error) {
	e, err := s.entry()
	if err != nil {
		return nil, err
	}
	c := e.def.Circuit()
	if c == nil {
		return nil, fmt.Errorf("%w: %s: Circuit returned nil", ErrStatement, s)
	}
	return c, nil
}

// logN is the binary exponent of N (0 for coverage and Named statements):
// one byte on the wire.
func (s Statement) logN() uint8 {
	if s.N == 0 {
		return 0
	}
	return uint8(bits.TrailingZeros(uint(s.N)))
}

// statementFromWire returns the built-in statement of a wire kind byte and
// size exponent (Named statements are found by their ID: lookupID).
func statementFromWire(kind, logN uint8) (Statement, error) {
	st := Statement{Kind: Kind(kind)}
	switch st.Kind {
	case Coverage:
		if logN != 0 {
			return Statement{}, fmt.Errorf("%w: coverage with size exponent %d", ErrStatement, logN)
		}
	case Usage, Threshold:
		if logN == 0 || logN > 16 {
			return Statement{}, fmt.Errorf("%w: size exponent %d", ErrStatement, logN)
		}
		st.N = 1 << logN
	default:
		return Statement{}, fmt.Errorf("%w: unknown kind %d", ErrStatement, kind)
	}
	return st, st.Validate()
}

// Backend is how a claim is proved.
type Backend uint8

const (
	// Signature is the signature path: the proof carries the signed data
	// itself (position, or readings) and the verifier checks the device's
	// signature and the arithmetic directly. Fast, needs no keys, not private.
	Signature Backend = 1
	// Groth16 is a gnark Groth16 proof on BN254: 133 bytes, about 1.5 ms to
	// verify, the cheapest on chain; needs a circuit-specific trusted setup.
	Groth16 Backend = 2
	// PLONK is a gnark PLONK proof on BN254 with KZG commitments: universal
	// setup, proofs about 4-6 times slower to make and larger.
	PLONK Backend = 3
)

var backendNames = map[Backend]string{Signature: "signature", Groth16: "groth16", PLONK: "plonk"}

// String returns "signature", "groth16" or "plonk".
func (b Backend) String() string {
	if s, ok := backendNames[b]; ok {
		return s
	}
	return "backend(" + strconv.Itoa(int(b)) + ")"
}

// ParseBackend reads a backend name.
func ParseBackend(s string) (Backend, error) {
	for b, name := range backendNames {
		if name == s {
			return b, nil
		}
	}
	return 0, fmt.Errorf("%w: unknown backend %q (want signature, groth16 or plonk)", ErrBackend, s)
}

func (b Backend) zk() bool { return b == Groth16 || b == PLONK }
