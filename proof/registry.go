package proof

import (
	"crypto/sha256"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/schema"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

// A Definition is what a vertical registers to make its own gnark circuit a
// statement (Register): its name, its public-input layout, the circuit, and
// the native check of its signature path. Package proof then makes keys for
// it (DevSetup, or a ceremony: ConstraintSystem and NewGroth16Keys), stores
// them (KeyStore), proves (Prover, Signed), verifies (Verifier, VerifyBatch),
// carries its claims in bundles and exports its Solidity verifier
// (Keys.ExportSolidity, package proof/solidity), exactly as it does for
// coverage, usage and threshold, which package proof registers itself.
type Definition struct {
	// Name identifies the statement: its text form, its key files'
	// names and its bundles' content type. 1 to MaxNameLength characters:
	// lowercase letters and digits in words joined by single hyphens,
	// starting with a letter ("in-range", "energy-delivery"). "coverage",
	// "named" and names that start with "usage-" or "threshold-" are
	// reserved.
	Name string
	// Public lists the circuit's public inputs, in the circuit's order, as
	// gnark names them: a field's name, nested fields joined by "_"
	// ("Key_A_X"). 1 to MaxPublicInputs names. Register checks it against the
	// circuit; it is part of the statement's identity (its ID).
	Public []string
	// Circuit returns a new, empty circuit of the statement (slices sized):
	// what is compiled. It is called at Register and at each compilation.
	Circuit func() frontend.Circuit
	// Check is the native check of the signature path: it reports whether
	// evidence (the signed data a Witness reveals, InputWitness.Evidence)
	// proves the claim, and must accept exactly what the circuit accepts.
	// It decodes untrusted bytes: bound what it allocates. A panic in
	// Check fails the proof (ErrMalformed), not the process. Nil: the
	// statement has no signature path (Signed fails with ErrBackend).
	Check func(c *InputClaim, evidence []byte) error
	// MaxEvidence bounds the evidence of a signature-path proof, in bytes.
	// Zero means DefaultMaxEvidence; at most MaxEvidenceSize.
	MaxEvidence int
}

// Limits of a Definition.
const (
	// MaxNameLength bounds a statement's name.
	MaxNameLength = 64
	// MaxPublicInputs bounds a registered statement's public inputs.
	MaxPublicInputs = 64
	// DefaultMaxEvidence is a Definition's evidence bound when MaxEvidence
	// is zero.
	DefaultMaxEvidence = 4 << 10
	// MaxEvidenceSize is the largest evidence bound a Definition may ask for.
	MaxEvidenceSize = 256 << 10
)

// idSize is the length of a Named statement's wire identifier.
const idSize = 8

// entry is one registered statement.
type entry struct {
	st    Statement
	def   Definition
	id    [idSize]byte // Named statements: the wire identifier
	codec codec
}

// codec reads a statement's claims and signature-path evidence off the wire.
// The built-ins keep the typed claims and CBOR evidence they have always had
// on the wire; every statement registered with Register shares the generic
// one (InputClaim, evidence bytes for its Check).
type codec struct {
	claim    func(st Statement, key device.PublicKey, w claimWire) (Claim, error)
	evidence func(st Statement, body []byte) (evidence, error)
}

var (
	coverageCodec = codec{claim: parseCoverageClaim, evidence: decodeSignedData}
	seriesCodec   = codec{claim: parseSeriesClaim, evidence: decodeSignedData}
	inputCodec    = codec{claim: parseInputClaim, evidence: decodeRawEvidence}
)

// The registry. Built-in statements are registered by init, Named ones by
// Register; lookups take the read lock.
var (
	registryMu sync.RWMutex
	byName     = map[string]*entry{}
	byStmt     = map[Statement]*entry{}
	byID       = map[[idSize]byte]*entry{}
)

func init() {
	add := func(st Statement, public []string, c func() frontend.Circuit) {
		cd := seriesCodec
		if st.Kind == Coverage {
			cd = coverageCodec
		}
		e := &entry{st: st, def: Definition{Name: st.String(), Public: public, Circuit: c}, codec: cd}
		byName[e.def.Name] = e
		byStmt[st] = e
	}
	key := []string{"Key_A_X", "Key_A_Y"}
	add(CoverageStatement(), append([]string{"PX", "PY", "Radius", "Nonce"}, key...),
		func() frontend.Circuit { return &circuit.Coverage{} })
	for n := 2; n <= circuit.MaxReadings; n *= 2 {
		add(UsageStatement(n), append([]string{"Cap", "Total", "Root"}, key...), func() frontend.Circuit {
			c, err := circuit.NewUsage(n)
			if err != nil {
				return nil
			}
			return c
		})
		add(ThresholdStatement(n), append([]string{"Cap", "Min", "Root"}, key...), func() frontend.Circuit {
			c, err := circuit.NewThreshold(n)
			if err != nil {
				return nil
			}
			return c
		})
	}
}

// Register makes a vertical's circuit a statement of package proof and
// returns it (Kind Named, Name d.Name). Registration is explicit, safe for
// concurrent use, and cannot be undone; do it once, in the vertical's set-up
// code (a Register function of its own), before parsing or verifying its
// bundles. It refuses, with ErrStatement, a definition that is not
// well-formed (the name, the layout, a circuit whose public inputs differ
// from Public) and, with ErrRegistered, a name registered already or one
// whose ID collides with another statement's.
//
// A Named statement's identity is its name and its layout: its wire ID (the
// first 8 bytes of SHA-256("depinkit/proof/statement/v1", name, layout))
// changes with either, so a proof made for another layout under the same name
// does not parse as this statement, and keys carry the SHA-256 of the
// compiled constraint system (Keys.CSHash), so keys of another circuit under
// the same name are refused (ErrKeyMismatch).
func Register(d Definition) (Statement, error) {
	if err := checkName(d.Name); err != nil {
		return Statement{}, err
	}
	if d.Circuit == nil {
		return Statement{}, fmt.Errorf("%w: %q: Definition.Circuit is nil", ErrStatement, d.Name)
	}
	if n := len(d.Public); n == 0 || n > MaxPublicInputs {
		return Statement{}, fmt.Errorf("%w: %q: Definition.Public lists %d inputs, want 1 to %d", ErrStatement, d.Name, n, MaxPublicInputs)
	}
	c := d.Circuit()
	if c == nil {
		return Statement{}, fmt.Errorf("%w: %q: Definition.Circuit returned nil", ErrStatement, d.Name)
	}
	got, err := publicNames(c)
	if err != nil {
		return Statement{}, fmt.Errorf("%w: %q: circuit: %w", ErrStatement, d.Name, err)
	}
	if !slices.Equal(got, d.Public) {
		return Statement{}, fmt.Errorf("%w: %q: Definition.Public is %v, the circuit's public inputs are %v", ErrStatement, d.Name, d.Public, got)
	}
	switch {
	case d.MaxEvidence == 0:
		d.MaxEvidence = DefaultMaxEvidence
	case d.MaxEvidence < 0 || d.MaxEvidence > MaxEvidenceSize:
		return Statement{}, fmt.Errorf("%w: %q: Definition.MaxEvidence %d outside [1, %d]", ErrStatement, d.Name, d.MaxEvidence, MaxEvidenceSize)
	}
	d.Public = slices.Clone(d.Public)
	e := &entry{st: Statement{Kind: Named, Name: d.Name}, def: d, id: statementID(d.Name, d.Public), codec: inputCodec}

	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := byName[d.Name]; dup {
		return Statement{}, fmt.Errorf("%w: %q", ErrRegistered, d.Name)
	}
	if other, dup := byID[e.id]; dup {
		return Statement{}, fmt.Errorf("%w: %q: its ID %x collides with %q's", ErrRegistered, d.Name, e.id, other.def.Name)
	}
	byName[d.Name] = e
	byStmt[e.st] = e
	byID[e.id] = e
	return e.st, nil
}

// Registered returns the statements registered with Register, sorted by
// name (the built-ins are not listed: see Statements).
func Registered() []Statement {
	registryMu.RLock()
	defer registryMu.RUnlock()
	var out []Statement
	for _, e := range byID {
		out = append(out, e.st)
	}
	slices.SortFunc(out, func(a, b Statement) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// checkName enforces Definition.Name's rules.
func checkName(name string) error {
	bad := func(why string) error { return fmt.Errorf("%w: name %q: %s", ErrStatement, name, why) }
	if name == "" || len(name) > MaxNameLength {
		return bad(fmt.Sprintf("want 1 to %d characters", MaxNameLength))
	}
	if name[0] < 'a' || name[0] > 'z' {
		return bad("must start with a lowercase letter")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i+1 < len(name) && name[i+1] != '-':
		default:
			return bad("lowercase letters and digits in words joined by single hyphens only")
		}
	}
	if name == "coverage" || name == "named" || strings.HasPrefix(name, "usage-") || strings.HasPrefix(name, "threshold-") {
		return bad("reserved for package proof's own statements")
	}
	return nil
}

// statementID is a Named statement's wire identifier: the first 8 bytes of
// SHA-256 over a domain tag, the name and the layout, each NUL-terminated.
func statementID(name string, public []string) [idSize]byte {
	h := sha256.New()
	for _, s := range append([]string{"depinkit/proof/statement/v1", name}, public...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var id [idSize]byte
	copy(id[:], h.Sum(nil))
	return id
}

var tVariable = reflect.TypeOf((*frontend.Variable)(nil)).Elem()

// publicNames returns the names of a circuit's public inputs in witness
// order (gnark's schema walk).
func publicNames(c frontend.Circuit) ([]string, error) {
	var names []string
	_, err := schema.Walk(ecc.BN254.ScalarField(), c, tVariable, func(leaf schema.LeafInfo, _ reflect.Value) error {
		if leaf.Visibility == schema.Public {
			if len(names) == MaxPublicInputs+1 {
				return fmt.Errorf("more than %d public inputs", MaxPublicInputs)
			}
			names = append(names, leaf.FullName())
		}
		return nil
	})
	return names, err
}

func lookupName(name string) *entry {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return byName[name]
}

func lookupID(id [idSize]byte) *entry {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return byID[id]
}

// entry returns the registry entry of s, or why there is none.
func (s Statement) entry() (*entry, error) {
	registryMu.RLock()
	e := byStmt[s]
	registryMu.RUnlock()
	if e != nil {
		return e, nil
	}
	if s.Kind != Named && s.Name != "" {
		return nil, fmt.Errorf("%w: a %s statement with a name %q", ErrStatement, s.Kind, s.Name)
	}
	switch s.Kind {
	case Coverage:
		return nil, fmt.Errorf("%w: coverage takes no size (N=%d)", ErrStatement, s.N)
	case Usage, Threshold:
		return nil, fmt.Errorf("%w: %s: N=%d is not a power of two in [2, %d]", ErrStatement, s.Kind, s.N, circuit.MaxReadings)
	case Named:
		if s.N != 0 {
			return nil, fmt.Errorf("%w: %q with a size N=%d", ErrStatement, s.Name, s.N)
		}
		return nil, fmt.Errorf("%w: %q is not registered in this program (proof.Register)", ErrStatement, s.Name)
	default:
		return nil, fmt.Errorf("%w: unknown kind %d", ErrStatement, s.Kind)
	}
}
