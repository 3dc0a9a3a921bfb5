package proof

import (
	"crypto/sha256"
	"fmt"
	"io"
	"sync"

	"github.com/consensys/gnark"
	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/frontend/cs/scs"
	"github.com/consensys/gnark/logger"
	"github.com/consensys/gnark/test/unsafekzg"
)

func init() {
	// gnark logs every compilation and proof to standard output by default; a
	// library must not write there. Callers who want gnark's logs call
	// logger.Set from github.com/consensys/gnark/logger.
	logger.Disable()
}

// GnarkVersion is the gnark version this build proves with; keys record it
// and the key store refuses keys of another version.
var GnarkVersion = gnark.Version.String()

// Origin says where a key pair came from.
type Origin string

const (
	// OriginDevSetup: DevSetup on one machine. UNSAFE for anything of value:
	// whoever ran it could have kept the toxic waste and can forge proofs.
	OriginDevSetup Origin = "dev-setup (unsafe: one machine knew the toxic waste)"
	// OriginCeremony: a multi-party ceremony (package proof/ceremony): sound
	// if one contributor per phase was honest. CeremonyOrigin names the
	// transcript.
	OriginCeremony Origin = "ceremony"
)

// CeremonyOrigin is the origin of keys from the ceremony whose transcript
// digest is digest: "ceremony <hex digest>".
func CeremonyOrigin(digest [32]byte) Origin {
	return Origin(fmt.Sprintf("%s %x", OriginCeremony, digest))
}

// Keys are the proving and verifying keys of one statement and backend,
// bound to the constraint system this build compiles for the statement
// (CSHash) and to the gnark version. The proving key may be absent (a
// verifier loads only the verifying key). Keys are safe for concurrent use.
type Keys struct {
	Statement Statement
	Backend   Backend
	Origin    Origin

	cs     *compiled
	g16pk  groth16.ProvingKey
	g16vk  groth16.VerifyingKey
	plonkP plonk.ProvingKey
	plonkV plonk.VerifyingKey
}

// CSHash returns the SHA-256 of the serialized constraint system the keys were
// made for.
func (k *Keys) CSHash() [32]byte { return k.cs.hash }

// Constraints returns the number of constraints of the keys' circuit.
func (k *Keys) Constraints() int { return k.cs.ccs.GetNbConstraints() }

// CanProve reports whether the keys hold a proving key.
func (k *Keys) CanProve() bool { return k.g16pk != nil || k.plonkP != nil }

// VerifyingOnly returns the keys without the proving key: what verifiers keep.
func (k *Keys) VerifyingOnly() *Keys {
	v := *k
	v.g16pk, v.plonkP = nil, nil
	return &v
}

// ExportSolidity writes the Solidity verifier contract of the verifying key
// (gnark's export). Proofs of this package's Prover verify there: they are
// made with gnark's Solidity target options. Package proof/solidity compiles,
// wraps and tests it on an EVM.
func (k *Keys) ExportSolidity(w io.Writer, opts ...solidity.ExportOption) error {
	var err error
	switch k.Backend {
	case Groth16:
		err = k.g16vk.ExportSolidity(w, opts...)
	case PLONK:
		err = k.plonkV.ExportSolidity(w, opts...)
	default:
		return fmt.Errorf("%w: %s has no verifier contract", ErrBackend, k.Backend)
	}
	if err != nil {
		return fmt.Errorf("proof: export solidity verifier of %s/%s: %w", k.Statement, k.Backend, err)
	}
	return nil
}

// Groth16VerifyingKey returns the gnark Groth16 verifying key (nil for another
// backend), for tools that need gnark's own type.
func (k *Keys) Groth16VerifyingKey() groth16.VerifyingKey { return k.g16vk }

// PLONKVerifyingKey returns the gnark PLONK verifying key (nil for another
// backend).
func (k *Keys) PLONKVerifyingKey() plonk.VerifyingKey { return k.plonkV }

// ConstraintSystem returns the compiled constraint system of a statement for
// a backend (R1CS for Groth16, SparseR1CS for PLONK), compiled once per
// process, and its hash: what a ceremony is run for.
func ConstraintSystem(st Statement, b Backend) (constraint.ConstraintSystem, [32]byte, error) {
	c, err := compile(st, b)
	if err != nil {
		return nil, [32]byte{}, err
	}
	return c.ccs, c.hash, nil
}

// DevSetup makes keys on this machine, for development and tests: Groth16's
// circuit-specific setup, or PLONK with a KZG SRS drawn here. UNSAFE for a
// network of value (Origin says so): the toxic waste passed through this
// process. Use a ceremony (package proof/ceremony) for production keys.
func DevSetup(st Statement, b Backend) (*Keys, error) {
	c, err := compile(st, b)
	if err != nil {
		return nil, err
	}
	k := &Keys{Statement: st, Backend: b, Origin: OriginDevSetup, cs: c}
	switch b {
	case Groth16:
		k.g16pk, k.g16vk, err = groth16.Setup(c.ccs)
	case PLONK:
		srs, lagrange, serr := unsafekzg.NewSRS(c.ccs)
		if serr != nil {
			return nil, fmt.Errorf("proof: %s/%s: srs: %w", st, b, serr)
		}
		k.plonkP, k.plonkV, err = plonk.Setup(c.ccs, srs, lagrange)
	}
	if err != nil {
		return nil, fmt.Errorf("proof: %s/%s: setup: %w", st, b, err)
	}
	return k, nil
}

// NewGroth16Keys wraps Groth16 keys made elsewhere (a ceremony's Finalize) for
// a statement. The verifying key must have the statement's number of public
// inputs; pk may be nil for a verifier.
func NewGroth16Keys(st Statement, pk groth16.ProvingKey, vk groth16.VerifyingKey, origin Origin) (*Keys, error) {
	c, err := compile(st, Groth16)
	if err != nil {
		return nil, err
	}
	v, ok := vk.(*groth16bn254.VerifyingKey)
	if !ok || vk.CurveID() != ecc.BN254 {
		return nil, fmt.Errorf("%w: %s: not a BN254 groth16 verifying key", ErrKeyMismatch, st)
	}
	if want := c.ccs.GetNbPublicVariables(); len(v.G1.K) != want {
		return nil, fmt.Errorf("%w: %s: verifying key has %d public inputs, circuit %d", ErrKeyMismatch, st, len(v.G1.K), want)
	}
	if pk != nil {
		p, ok := pk.(*groth16bn254.ProvingKey)
		if !ok || p.Domain.Cardinality < uint64(c.ccs.GetNbConstraints()) {
			return nil, fmt.Errorf("%w: %s: proving key does not fit the circuit", ErrKeyMismatch, st)
		}
	}
	return &Keys{Statement: st, Backend: Groth16, Origin: origin, cs: c, g16pk: pk, g16vk: vk}, nil
}

// compiled is a statement's constraint system for one backend.
type compiled struct {
	ccs  constraint.ConstraintSystem
	hash [32]byte
}

type compileKey struct {
	st Statement
	b  Backend
}

type compileEntry struct {
	once sync.Once
	c    *compiled
	err  error
}

var (
	compileMu    sync.Mutex
	compileCache = map[compileKey]*compileEntry{}
)

// compile compiles a statement's circuit for a backend, once per process.
func compile(st Statement, b Backend) (*compiled, error) {
	if !b.zk() {
		return nil, fmt.Errorf("%w: %s has no circuit", ErrBackend, b)
	}
	if err := st.Validate(); err != nil {
		return nil, err
	}
	compileMu.Lock()
	e, ok := compileCache[compileKey{st, b}]
	if !ok {
		e = &compileEntry{}
		compileCache[compileKey{st, b}] = e
	}
	compileMu.Unlock()
	e.once.Do(func() { e.c, e.err = compileNow(st, b) })
	return e.c, e.err
}

func compileNow(st Statement, b Backend) (*compiled, error) {
	c, err := st.circuit()
	if err != nil {
		return nil, err
	}
	var ccs constraint.ConstraintSystem
	if b == PLONK {
		ccs, err = frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, c)
	} else {
		ccs, err = frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	}
	if err != nil {
		return nil, fmt.Errorf("proof: compile %s for %s: %w", st, b, err)
	}
	layout, err := st.PublicInputs()
	if err != nil {
		return nil, err
	}
	got := ccs.GetNbPublicVariables()
	if b == Groth16 {
		got-- // an R1CS counts the constant one wire among its public variables
	}
	if got != len(layout) {
		return nil, fmt.Errorf("%w: %s compiles to %d public inputs, its layout has %d", ErrStatement, st, got, len(layout))
	}
	h := sha256.New()
	if _, err := ccs.WriteTo(h); err != nil {
		return nil, fmt.Errorf("proof: hash %s constraint system: %w", st, err)
	}
	out := &compiled{ccs: ccs}
	h.Sum(out.hash[:0])
	return out, nil
}
