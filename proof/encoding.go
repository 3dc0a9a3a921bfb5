package proof

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	plonkbn254 "github.com/consensys/gnark/backend/plonk/bn254"
	"github.com/consensys/gnark/backend/witness"
)

// Proof is a proof of one statement by one backend. Its wire form
// (MarshalBinary, ParseProof) is
//
//	version (1) | backend (1) | kind (1) | log2 N (1) | body
//
// for the built-in statements (kind 1 coverage, 2 usage, 3 threshold), and
//
//	version (1) | backend (1) | 255 (1) | 0 (1) | statement ID (8) | body
//
// for a statement registered with Register (see there for its ID),
// where the body is, for Groth16, a commitment count c (0 to 2, 1 byte)
// and the compressed points Ar, Bs, Krs, c commitments and, when c > 0, their
// proof of knowledge: 129 bytes with no commitment, so a Groth16 proof of any
// statement here takes 133 bytes. For PLONK it is the compressed points and
// canonical scalars of gnark's bn254 proof with one-byte counts; for the
// signature path it is the canonical CBOR of the signed data, or a registered
// statement's evidence bytes (Definition.MaxEvidence bounds them).
//
// A Proof made by this package's Prover targets gnark's Solidity verifier as
// well, so the same bytes verify in Go and on an EVM chain.
type Proof struct {
	Statement Statement
	Backend   Backend

	body []byte // the encoded body, checked by ParseProof or made by a prover

	groth16  *groth16bn254.Proof
	plonk    *plonkbn254.Proof
	evidence evidence
}

const (
	wireVersion = 1
	headerSize  = 4

	maxCommitments = 2
	// MaxGroth16Size is the largest Groth16 proof ParseProof accepts.
	MaxGroth16Size = headerSize + 1 + bn254.SizeOfG1AffineCompressed*2 + bn254.SizeOfG2AffineCompressed +
		maxCommitments*bn254.SizeOfG1AffineCompressed + bn254.SizeOfG1AffineCompressed
	maxPlonkCommitments = 4
	maxPlonkClaimed     = 16
	// MaxPLONKSize is the largest PLONK proof ParseProof accepts.
	MaxPLONKSize = headerSize + 8*bn254.SizeOfG1AffineCompressed + 2 + maxPlonkCommitments*bn254.SizeOfG1AffineCompressed +
		bn254.SizeOfG1AffineCompressed + maxPlonkClaimed*fr.Bytes + bn254.SizeOfG1AffineCompressed + fr.Bytes
	// MaxProofSize is the largest proof of any backend ParseProof accepts:
	// a signature-path proof of the largest series (circuit.MaxReadings
	// readings of up to 9 CBOR bytes each, plus a signature).
	MaxProofSize = headerSize + 16 + (1<<16)*9 + 128
)

// MarshalBinary returns the proof's wire form.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.body == nil {
		return nil, fmt.Errorf("%w: empty proof", ErrMalformed)
	}
	if err := p.Statement.Validate(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, p.Size())
	out = append(out, wireVersion, byte(p.Backend), byte(p.Statement.Kind), p.Statement.logN())
	if p.Statement.Kind == Named {
		e, err := p.Statement.entry()
		if err != nil {
			return nil, err
		}
		out = append(out, e.id[:]...)
	}
	return append(out, p.body...), nil
}

// Size returns the length of the proof's wire form.
func (p *Proof) Size() int { return headerLen(p.Statement) + len(p.body) }

// headerLen is the length of a proof's header: a Named statement's carries
// its ID.
func headerLen(st Statement) int {
	if st.Kind == Named {
		return headerSize + idSize
	}
	return headerSize
}

// ParseProof decodes a proof's wire form. It bounds the input by backend,
// checks every point is on the curve and in its subgroup and every scalar
// canonical, and refuses trailing bytes; errors wrap ErrMalformed and
// ErrInvalidProof. It never panics.
func ParseProof(b []byte) (*Proof, error) {
	if len(b) < headerSize {
		return nil, malformed("%d bytes is shorter than the %d-byte header", len(b), headerSize)
	}
	if len(b) > MaxProofSize {
		return nil, malformed("%d bytes exceeds %d", len(b), MaxProofSize)
	}
	if b[0] != wireVersion {
		return nil, malformed("version %d, want %d", b[0], wireVersion)
	}
	var st Statement
	var err error
	if Kind(b[2]) == Named {
		if b[3] != 0 || len(b) < headerSize+idSize {
			return nil, malformed("named statement: size exponent %d, %d bytes", b[3], len(b))
		}
		e := lookupID([idSize]byte(b[headerSize : headerSize+idSize]))
		if e == nil {
			return nil, malformed("statement: ID %x is not registered in this program", b[headerSize:headerSize+idSize])
		}
		st = e.st
	} else if st, err = statementFromWire(b[2], b[3]); err != nil {
		return nil, malformed("statement: %v", err)
	}
	hl := headerLen(st)
	p := &Proof{Statement: st, Backend: Backend(b[1]), body: append([]byte(nil), b[hl:]...)}
	switch p.Backend {
	case Groth16:
		if len(b)-hl > MaxGroth16Size-headerSize {
			return nil, malformed("groth16: %d bytes exceeds %d", len(b), MaxGroth16Size-headerSize+hl)
		}
		p.groth16, err = decodeGroth16(p.body)
	case PLONK:
		if len(b)-hl > MaxPLONKSize-headerSize {
			return nil, malformed("plonk: %d bytes exceeds %d", len(b), MaxPLONKSize-headerSize+hl)
		}
		p.plonk, err = decodePLONK(p.body)
	case Signature:
		p.evidence, err = decodeEvidence(st, p.body)
	default:
		return nil, malformed("unknown backend %d", b[1])
	}
	if err != nil {
		return nil, malformed("%s: %v", p.Backend, err)
	}
	return p, nil
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %w: "+format, append([]any{ErrInvalidProof, ErrMalformed}, args...)...)
}

// reader walks a body, failing once it runs short.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.err = fmt.Errorf("truncated: %d bytes left, need %d", len(r.b), n)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) count(limit int) int {
	c := r.take(1)
	if r.err != nil {
		return 0
	}
	if int(c[0]) > limit {
		r.err = fmt.Errorf("count %d exceeds %d", c[0], limit)
		return 0
	}
	return int(c[0])
}

func (r *reader) g1(p *bn254.G1Affine) {
	buf := r.take(bn254.SizeOfG1AffineCompressed)
	if r.err != nil {
		return
	}
	if _, err := p.SetBytes(buf); err != nil {
		r.err = fmt.Errorf("g1 point: %w", err)
	}
}

func (r *reader) g2(p *bn254.G2Affine) {
	buf := r.take(bn254.SizeOfG2AffineCompressed)
	if r.err != nil {
		return
	}
	if _, err := p.SetBytes(buf); err != nil {
		r.err = fmt.Errorf("g2 point: %w", err)
	}
}

func (r *reader) scalar(e *fr.Element) {
	buf := r.take(fr.Bytes)
	if r.err != nil {
		return
	}
	if err := e.SetBytesCanonical(buf); err != nil {
		r.err = fmt.Errorf("scalar: %w", err)
	}
}

func (r *reader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%d trailing bytes", len(r.b))
	}
	return r.err
}

func appendG1(out []byte, p *bn254.G1Affine) []byte {
	b := p.Bytes()
	return append(out, b[:]...)
}

func encodeGroth16(p *groth16bn254.Proof) ([]byte, error) {
	if len(p.Commitments) > maxCommitments {
		return nil, fmt.Errorf("%w: groth16 proof with %d commitments (at most %d)", ErrBackend, len(p.Commitments), maxCommitments)
	}
	out := []byte{byte(len(p.Commitments))}
	out = appendG1(out, &p.Ar)
	bs := p.Bs.Bytes()
	out = append(out, bs[:]...)
	out = appendG1(out, &p.Krs)
	for i := range p.Commitments {
		out = appendG1(out, &p.Commitments[i])
	}
	if len(p.Commitments) > 0 {
		out = appendG1(out, &p.CommitmentPok)
	}
	return out, nil
}

func decodeGroth16(body []byte) (*groth16bn254.Proof, error) {
	r := &reader{b: body}
	p := new(groth16bn254.Proof)
	c := r.count(maxCommitments)
	r.g1(&p.Ar)
	r.g2(&p.Bs)
	r.g1(&p.Krs)
	if c > 0 && r.err == nil {
		p.Commitments = make([]bn254.G1Affine, c)
		for i := range p.Commitments {
			r.g1(&p.Commitments[i])
		}
		r.g1(&p.CommitmentPok)
	}
	return p, r.end()
}

func encodePLONK(p *plonkbn254.Proof) ([]byte, error) {
	if len(p.Bsb22Commitments) > maxPlonkCommitments || len(p.BatchedProof.ClaimedValues) > maxPlonkClaimed {
		return nil, fmt.Errorf("%w: plonk proof with %d commitments and %d claimed values", ErrBackend, len(p.Bsb22Commitments), len(p.BatchedProof.ClaimedValues))
	}
	var out []byte
	for i := range p.LRO {
		out = appendG1(out, &p.LRO[i])
	}
	out = appendG1(out, &p.Z)
	for i := range p.H {
		out = appendG1(out, &p.H[i])
	}
	out = append(out, byte(len(p.Bsb22Commitments)))
	for i := range p.Bsb22Commitments {
		out = appendG1(out, &p.Bsb22Commitments[i])
	}
	out = appendG1(out, &p.BatchedProof.H)
	out = append(out, byte(len(p.BatchedProof.ClaimedValues)))
	for i := range p.BatchedProof.ClaimedValues {
		b := p.BatchedProof.ClaimedValues[i].Bytes()
		out = append(out, b[:]...)
	}
	out = appendG1(out, &p.ZShiftedOpening.H)
	v := p.ZShiftedOpening.ClaimedValue.Bytes()
	return append(out, v[:]...), nil
}

func decodePLONK(body []byte) (*plonkbn254.Proof, error) {
	r := &reader{b: body}
	p := new(plonkbn254.Proof)
	for i := range p.LRO {
		r.g1(&p.LRO[i])
	}
	r.g1(&p.Z)
	for i := range p.H {
		r.g1(&p.H[i])
	}
	if c := r.count(maxPlonkCommitments); c > 0 {
		p.Bsb22Commitments = make([]kzg.Digest, c)
		for i := range p.Bsb22Commitments {
			r.g1(&p.Bsb22Commitments[i])
		}
	}
	r.g1(&p.BatchedProof.H)
	c := r.count(maxPlonkClaimed)
	p.BatchedProof.ClaimedValues = make([]fr.Element, c)
	for i := range p.BatchedProof.ClaimedValues {
		r.scalar(&p.BatchedProof.ClaimedValues[i])
	}
	r.g1(&p.ZShiftedOpening.H)
	r.scalar(&p.ZShiftedOpening.ClaimedValue)
	return p, r.end()
}

// Groth16Proof returns gnark's form of a Groth16 proof, nil for another
// backend: for tools that need gnark's type (package proof/solidity).
func (p *Proof) Groth16Proof() groth16.Proof {
	if p.groth16 == nil {
		return nil
	}
	return p.groth16
}

// PLONKProof returns gnark's form of a PLONK proof, nil for another backend.
func (p *Proof) PLONKProof() plonk.Proof {
	if p.plonk == nil {
		return nil
	}
	return p.plonk
}

// PublicWitness returns a claim's public inputs as gnark's witness, in the
// circuit's order (Statement.PublicInputs; see package proof/circuit for the
// built-ins): what an on-chain verifier takes.
func PublicWitness(c Claim) (witness.Witness, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil claim", ErrInvalidProof)
	}
	return c.publicWitness()
}
