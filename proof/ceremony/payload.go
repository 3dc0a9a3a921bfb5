package ceremony

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/consensys/gnark-crypto/ecc"
	mpc "github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	"github.com/consensys/gnark/constraint"
	cs "github.com/consensys/gnark/constraint/bn254"
)

// MaxDomainSize is the largest evaluation domain: 2^28, the two-adicity of the
// BN254 scalar field.
const MaxDomainSize = 1 << 28

// Sizes of compressed points and of an mpcsetup update proof ([x]₁, π ∈ 𝔾₂).
const (
	g1Size        = 32
	g2Size        = 64
	proofSize     = g1Size + g2Size
	challengeSize = sha256.Size
)

// circuit is what the ceremony needs from a constraint system.
type circuit struct {
	r1cs        *cs.R1CS
	hash        [sha256.Size]byte
	constraints int
	domain      uint64
	shape       shape
}

// shape bounds a state's vectors, so that a decoder allocates nothing an
// attacker chose. It follows from the circuit alone.
type shape struct {
	domain      uint64 // N: phase-1 vector lengths, and N-1 phase-2 Z points
	wires       int    // bound on the phase-2 PKK and committed-value points together
	commitments int    // number of Pedersen commitments (σ values)
}

// inspect checks ccs and hashes its serialization.
func inspect(ccs constraint.ConstraintSystem) (*circuit, error) {
	r, ok := ccs.(*cs.R1CS)
	if !ok || r == nil {
		return nil, fmt.Errorf("%w: %T (want a BN254 R1CS, *cs.R1CS)", ErrUnsupported, ccs)
	}
	commitments, ok := r.CommitmentInfo.(constraint.Groth16Commitments)
	if !ok {
		return nil, fmt.Errorf("%w: commitment info %T", ErrUnsupported, r.CommitmentInfo)
	}
	if len(commitments) > 255 { // mpcsetup derives one domain separation byte per commitment
		return nil, fmt.Errorf("%w: %d commitments (at most 255)", ErrUnsupported, len(commitments))
	}
	nb := r.GetNbConstraints()
	if nb < 1 || uint64(nb) > MaxDomainSize {
		return nil, fmt.Errorf("%w: %d constraints (1 to %d)", ErrUnsupported, nb, MaxDomainSize)
	}
	h := sha256.New()
	if _, err := r.WriteTo(h); err != nil {
		return nil, fmt.Errorf("%w: serializing: %v", ErrUnsupported, err)
	}
	internal, secret, public := r.GetNbVariables()
	c := &circuit{r1cs: r, constraints: nb, domain: domainSize(nb)}
	h.Sum(c.hash[:0])
	c.shape = shape{domain: c.domain, wires: internal + secret + public, commitments: len(commitments)}
	return c, nil
}

// domainSize is the size of the evaluation domain for nb constraints: the next
// power of two, at least 2 (the ceremony's vectors need two powers of τ).
func domainSize(nb int) uint64 {
	return max(2, ecc.NextPowerOfTwo(uint64(nb)))
}

func challengeLen(index int) int {
	if index == 0 {
		return 0
	}
	return challengeSize
}

// phase1Size is the exact size of a phase-1 state: three update proofs, N, [β]₂,
// [τⁱ]₁ for 1 ≤ i ≤ 2N-2, [τⁱ]₂ for 1 ≤ i ≤ N-1, [βτⁱ]₁ and [ατⁱ]₁ for
// 0 ≤ i ≤ N-1, and the challenge.
func phase1Size(n uint64, index int) int64 {
	return int64(3*proofSize+8+g2Size) + int64(n)*(4*g1Size+g2Size) - 2*g1Size - g2Size + 1 + int64(challengeLen(index))
}

// phase2MaxSize bounds the size of a phase-2 state of this shape.
func phase2MaxSize(s shape) int64 {
	return 2 + g1Size + 4 + 4 + int64(s.domain-1)*g1Size + g2Size +
		int64(s.commitments)*(4+g2Size+proofSize) + int64(s.wires)*g1Size + proofSize + 1 + challengeSize
}

// scanner walks an encoded state and checks its layout before gnark decodes it:
// every point compressed (so every length prefix sits where expected), every
// length prefix within the shape, no trailing bytes. gnark's decoder allocates
// what length prefixes say; the scan makes sure that is the shape's bound.
type scanner struct {
	b   []byte
	off int
	err error
}

func (s *scanner) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf("%w: at byte %d: %s", ErrFormat, s.off, fmt.Sprintf(format, args...))
	}
}

func (s *scanner) take(n int) []byte {
	if s.err != nil {
		return nil
	}
	if n < 0 || n > len(s.b)-s.off {
		s.fail("truncated: need %d bytes, %d left", n, len(s.b)-s.off)
		return nil
	}
	b := s.b[s.off : s.off+n]
	s.off += n
	return b
}

// points skips count points of the given compressed size, each of which must
// carry a compressed (or compressed infinity) flag.
func (s *scanner) points(count, size int) {
	if s.err != nil {
		return
	}
	if count < 0 || count > (len(s.b)-s.off)/size {
		s.fail("truncated: need %d points of %d bytes", count, size)
		return
	}
	for range count {
		if p := s.take(size); p[0]>>6 == 0 {
			s.off -= size
			s.fail("uncompressed point")
			return
		}
	}
}

func (s *scanner) proof() { s.points(1, g1Size); s.points(1, g2Size) }

func (s *scanner) u16() int {
	if b := s.take(2); b != nil {
		return int(binary.BigEndian.Uint16(b))
	}
	return -1
}

func (s *scanner) u32() uint64 {
	if b := s.take(4); b != nil {
		return uint64(binary.BigEndian.Uint32(b))
	}
	return 0
}

func (s *scanner) u64() uint64 {
	if b := s.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (s *scanner) challenge(want int) {
	if b := s.take(1); b != nil && int(b[0]) != want {
		s.off--
		s.fail("challenge of %d bytes, want %d", b[0], want)
		return
	}
	s.take(want)
}

func (s *scanner) end() error {
	if s.err == nil && s.off != len(s.b) {
		s.fail("%d trailing bytes", len(s.b)-s.off)
	}
	return s.err
}

// scanPhase1 checks the layout of a phase-1 state of domain size n.
func scanPhase1(b []byte, n uint64, index int) error {
	if n < 2 || n > MaxDomainSize {
		return fmt.Errorf("%w: domain size %d", ErrFormat, n)
	}
	if want := phase1Size(n, index); int64(len(b)) != want {
		return fmt.Errorf("%w: phase-1 state of %d bytes, want %d", ErrFormat, len(b), want)
	}
	s := &scanner{b: b}
	s.proof() // τ
	s.proof() // α
	s.proof() // β
	if got := s.u64(); s.err == nil && got != n {
		s.off -= 8
		s.fail("domain size %d, want %d", got, n)
	}
	s.points(1, g2Size)              // [β]₂
	s.points(int(2*n-2), g1Size)     // [τⁱ]₁
	s.points(int(n-1), g2Size)       // [τⁱ]₂
	s.points(int(2*n), g1Size)       // [βτⁱ]₁, [ατⁱ]₁
	s.challenge(challengeLen(index)) // hash of the previous state
	return s.end()
}

// scanPhase2 checks the layout of a phase-2 state of shape sh.
func scanPhase2(b []byte, sh shape, index int) error {
	if int64(len(b)) > phase2MaxSize(sh) {
		return fmt.Errorf("%w: phase-2 state of %d bytes, at most %d", ErrFormat, len(b), phase2MaxSize(sh))
	}
	s := &scanner{b: b}
	if got := s.u16(); s.err == nil && got != sh.commitments {
		s.off -= 2
		s.fail("%d commitments, want %d", got, sh.commitments)
	}
	budget := uint64(sh.wires) // PKK and committed points are distinct wires
	vector := func(what string, exact bool, want uint64) {
		l := s.u32()
		if s.err != nil {
			return
		}
		if exact && l != want {
			s.off -= 4
			s.fail("%s has %d points, want %d", what, l, want)
			return
		}
		if l > want {
			s.off -= 4
			s.fail("%s has %d points, at most %d", what, l, want)
			return
		}
		s.points(int(l), g1Size)
		if !exact {
			budget -= l
		}
	}
	s.points(1, g1Size) // [δ]₁
	vector("PKK", false, budget)
	vector("Z", true, sh.domain-1)
	s.points(1, g2Size) // [δ]₂
	for j := range sh.commitments {
		vector(fmt.Sprintf("σCKK[%d]", j), false, budget)
	}
	s.points(sh.commitments, g2Size) // [σⱼ]₂
	s.proof()                        // δ
	for range sh.commitments {
		s.proof() // σⱼ
	}
	s.challenge(challengeLen(index))
	return s.end()
}

// decodeState runs gnark's decoder on a scanned state and requires that it
// re-encodes to the same bytes, so that each state has one encoding and its
// hash is what the next contributor signs.
func decodeState(b []byte, v interface {
	io.ReaderFrom
	io.WriterTo
}) error {
	if err := guard(ErrFormat, "decoding", func() error {
		r := bytes.NewReader(b)
		if _, err := v.ReadFrom(r); err != nil {
			return fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if r.Len() != 0 {
			return fmt.Errorf("%w: %d trailing bytes", ErrFormat, r.Len())
		}
		return nil
	}); err != nil {
		return err
	}
	again, err := encodeState(v)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, b) {
		return fmt.Errorf("%w: state is not in canonical encoding", ErrFormat)
	}
	return nil
}

func decodePhase1(b []byte, n uint64, index int) (*mpc.Phase1, error) {
	if err := scanPhase1(b, n, index); err != nil {
		return nil, err
	}
	p := new(mpc.Phase1)
	if err := decodeState(b, p); err != nil {
		return nil, err
	}
	return p, nil
}

func decodePhase2(b []byte, sh shape, index int) (*mpc.Phase2, error) {
	if err := scanPhase2(b, sh, index); err != nil {
		return nil, err
	}
	p := new(mpc.Phase2)
	if err := decodeState(b, p); err != nil {
		return nil, err
	}
	return p, nil
}

func encodeState(v io.WriterTo) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := v.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("ceremony: encoding state: %w", err)
	}
	return buf.Bytes(), nil
}

// guard runs f, turning a panic inside gnark into an error wrapping sentinel.
func guard(sentinel error, what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: panic: %v", sentinel, what, r)
		}
	}()
	return f()
}
