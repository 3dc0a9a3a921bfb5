package ceremony

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/consensys/gnark/backend/groth16"
	mpc "github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	"github.com/consensys/gnark/constraint"
)

// Header describes a ceremony. Init writes it once; every later step checks the
// constraint system it is given against CircuitHash.
type Header struct {
	Version     int               // format version (Version)
	Circuit     string            // the circuit's name, for people
	CircuitHash [sha256.Size]byte // SHA-256 of the R1CS as written by its WriteTo
	DomainSize  uint64            // N: the next power of two of Constraints, at least 2
	Constraints int               // number of R1CS constraints
}

// Contribution is one entry of a transcript.
type Contribution struct {
	Phase       int    // 1 or 2
	Index       int    // 1 for the first contribution of the phase
	Contributor string // the name the contributor gave; not authenticated
	// Hash is the SHA-256 of the state this contribution produced: the
	// challenge the next contributor's proofs answer. A contributor keeps it
	// and checks that the published transcript lists it.
	Hash [sha256.Size]byte
}

// Transcript summarizes a verified ceremony.
type Transcript struct {
	Header Header
	Phase  int            // the phase the ceremony is in: 1, or 2 once phase 1 is closed
	Phase1 []Contribution // in order
	Phase2 []Contribution // in order
	// Beacon1 is the public beacon that closed phase 1 (nil while phase 1 is
	// open); Beacon2 the one that sealed phase 2 (set by Finalize only).
	Beacon1, Beacon2 []byte
	// Digest is the SHA-256 digest of the transcript's last file. Every file
	// names the digest of the one before it, back to the header, so Digest
	// commits to the whole ceremony.
	Digest [sha256.Size]byte
}

// Init creates a ceremony for ccs in dir (created if missing): the header
// (format version, circuit name, SHA-256 of ccs, domain size) and the initial
// phase-1 state, phase1-0000.mpc. ccs must be a BN254 R1CS (*cs.R1CS) with at
// most 255 commitments. A directory that already holds a ceremony is refused
// with ErrExists.
func Init(ctx context.Context, dir string, ccs constraint.ConstraintSystem, name string) (*Header, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := validName(name); err != nil {
		return nil, err
	}
	c, err := inspect(ccs)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("ceremony: %w", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, headerName)); err == nil {
		return nil, fmt.Errorf("%w: %s", ErrExists, filepath.Join(dir, headerName))
	}
	// A state file without a header is the leftover of an Init that stopped
	// half way (phase1-0000 is written first); anything more is a ceremony.
	if n1, n2, err := listStates(dir); err != nil {
		return nil, err
	} else if n1 > 1 || n2 > 0 {
		return nil, fmt.Errorf("%w: %s holds state files", ErrExists, dir)
	}

	hdr, err := seal(headerMagic, headerRecord{
		Circuit:     name,
		CircuitHash: c.hash[:],
		DomainSize:  c.domain,
		Constraints: uint64(c.constraints),
	}, nil)
	if err != nil {
		return nil, err
	}
	var p1 *mpc.Phase1
	if err := guard(ErrUnsupported, "phase-1 initialization", func() error {
		p1 = mpc.NewPhase1(c.domain)
		return nil
	}); err != nil {
		return nil, err
	}
	payload, err := encodeState(p1)
	if err != nil {
		return nil, err
	}
	d := &dirState{dir: dir, c: c}
	if _, err := d.writeState(stateRecord{Phase: 1, Index: 0, Prev: hdr[len(hdr)-digestSize:]}, payload, false); err != nil {
		return nil, err
	}
	if err := writeAtomic(dir, headerName, hdr, true); err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, fmt.Errorf("%w: %v", ErrExists, err)
		}
		return nil, fmt.Errorf("ceremony: %w", err)
	}
	return &Header{Version: Version, Circuit: name, CircuitHash: c.hash, DomainSize: c.domain, Constraints: c.constraints}, nil
}

// Contribute adds one contribution by contributor to the current phase of the
// ceremony in dir: it reads the latest state, draws fresh secrets from
// crypto/rand (inside gnark's mpcsetup), updates the state with them, proves
// knowledge of them, and writes the next state file atomically. The secrets
// live only in memory for the duration of the call and are never written.
//
// Contribute checks that the latest state is well formed and made for ccs; it
// does not re-verify the transcript (Verify does). Building on a bad state
// cannot leak a contributor's secrets; it only wastes the contribution.
// Another process writing the same file first is an ErrConflict.
func Contribute(ctx context.Context, dir string, ccs constraint.ConstraintSystem, contributor string) (Contribution, error) {
	if err := validName(contributor); err != nil {
		return Contribution{}, err
	}
	d, err := open(ctx, dir, ccs)
	if err != nil {
		return Contribution{}, err
	}
	phase, index := 1, d.n1
	if d.n2 > 0 {
		phase, index = 2, d.n2
	}
	if index > MaxContributions {
		return Contribution{}, fmt.Errorf("%w: phase %d is full (%d contributions)", ErrPhase, phase, MaxContributions)
	}
	prev, err := d.readState(phase, index-1)
	if err != nil {
		return Contribution{}, err
	}
	if err := ctx.Err(); err != nil {
		return Contribution{}, err
	}

	var st interface {
		Contribute()
		io.WriterTo
	}
	if phase == 1 {
		p, err := decodePhase1(prev.payload, d.c.domain, index-1)
		st = p
		if err != nil {
			return Contribution{}, fmt.Errorf("%s: %w", stateName(phase, index-1), err)
		}
	} else {
		p, err := decodePhase2(prev.payload, d.c.shape, index-1)
		st = p
		if err != nil {
			return Contribution{}, fmt.Errorf("%s: %w", stateName(phase, index-1), err)
		}
	}
	if err := guard(ErrInvalidContribution, "contribution", func() error { st.Contribute(); return nil }); err != nil {
		return Contribution{}, err
	}
	payload, err := encodeState(st)
	if err != nil {
		return Contribution{}, err
	}

	rec := stateRecord{Phase: uint8(phase), Index: uint32(index), Contributor: contributor, Prev: prev.digest[:]}
	digest, err := d.writeState(rec, payload, true)
	if err != nil {
		return Contribution{}, err
	}
	if phase == 1 {
		if err := d.withdrawIfLate(index, digest); err != nil {
			return Contribution{}, err
		}
	}
	return Contribution{Phase: phase, Index: index, Contributor: contributor, Hash: sha256.Sum256(payload)}, nil
}

// withdrawIfLate handles a phase-1 contribution that raced ClosePhase1: if
// phase 2 has started from another phase-1 state, the contribution is not part
// of the transcript, so it is removed and reported as an ErrConflict.
func (d *dirState) withdrawIfLate(index int, digest [digestSize]byte) error {
	if _, err := os.Lstat(filepath.Join(d.dir, stateName(2, 0))); err != nil {
		return nil // phase 1 still open
	}
	name := stateName(1, index)
	f, err := d.readState(2, 0)
	if err != nil {
		return fmt.Errorf("%w: phase 1 was closed during the contribution; %s is kept, and %v", ErrConflict, name, err)
	}
	if bytes.Equal(f.rec.Prev, digest[:]) {
		return nil // closed right after this contribution, which it includes
	}
	_ = os.Remove(filepath.Join(d.dir, name))
	return fmt.Errorf("%w: phase 1 was closed during the contribution, which came too late and was removed", ErrConflict)
}

// ClosePhase1 ends phase 1 of the ceremony in dir: it verifies every phase-1
// contribution, applies the public beacon (a value nobody could predict before
// the last phase-1 contribution was published, such as a drand round or a
// future block hash, fixed in advance), and writes phase2-0000.mpc, the
// initial phase-2 state computed from the sealed powers of τ and ccs. The
// beacon is recorded there so that anyone can redo the step. Phase 1 needs at
// least one contribution, and closes once (ErrPhase).
func ClosePhase1(ctx context.Context, dir string, ccs constraint.ConstraintSystem, beacon []byte) (*Transcript, error) {
	if err := validBeacon(beacon); err != nil {
		return nil, err
	}
	d, err := open(ctx, dir, ccs)
	if err != nil {
		return nil, err
	}
	if d.n2 > 0 {
		return nil, fmt.Errorf("%w: phase 1 is already closed", ErrPhase)
	}
	if d.n1 < 2 {
		return nil, fmt.Errorf("%w: phase 1 has no contribution", ErrPhase)
	}
	t := d.newTranscript()
	p1, digest, err := d.verifyPhase1(ctx, t)
	if err != nil {
		return nil, err
	}
	p2, _, err := d.startPhase2(p1, beacon)
	if err != nil {
		return nil, err
	}
	payload, err := encodeState(p2)
	if err != nil {
		return nil, err
	}
	if t.Digest, err = d.writeState(stateRecord{Phase: 2, Index: 0, Prev: digest[:], Beacon: beacon}, payload, true); err != nil {
		return nil, err
	}
	t.Phase = 2
	t.Beacon1 = bytes.Clone(beacon)
	return t, nil
}

// Verify re-checks the ceremony in dir against ccs: the header and every file's
// digest and link to the one before, the initial states (recomputed), and
// every contribution in order (proofs of knowledge, consistency of the
// updates, challenges). It returns the transcript of a ceremony that passes;
// the first fault is an error wrapping ErrInvalidContribution, ErrFormat,
// ErrMismatch or ErrTooLarge, prefixed with the file at fault.
func Verify(ctx context.Context, dir string, ccs constraint.ConstraintSystem) (*Transcript, error) {
	d, err := open(ctx, dir, ccs)
	if err != nil {
		return nil, err
	}
	v, err := d.verify(ctx)
	if err != nil {
		return nil, err
	}
	return v.transcript, nil
}

// Finalize verifies the ceremony in dir as Verify does, then seals phase 2
// with the public beacon (chosen as for ClosePhase1, after the last phase-2
// contribution) and returns the Groth16 proving and verifying keys for ccs,
// with the transcript they come from. The keys are reproducible: anyone with
// the transcript and the beacon gets the same ones. Finalize writes nothing;
// publish the beacon with the keys. It needs at least one phase-2
// contribution (ErrPhase).
func Finalize(ctx context.Context, dir string, ccs constraint.ConstraintSystem, beacon []byte) (groth16.ProvingKey, groth16.VerifyingKey, *Transcript, error) {
	if err := validBeacon(beacon); err != nil {
		return nil, nil, nil, err
	}
	d, err := open(ctx, dir, ccs)
	if err != nil {
		return nil, nil, nil, err
	}
	if d.n2 < 2 {
		return nil, nil, nil, fmt.Errorf("%w: phase 2 has no contribution (%d phase-1 states, %d phase-2 states)", ErrPhase, d.n1, d.n2)
	}
	v, err := d.verify(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	var (
		pk groth16.ProvingKey
		vk groth16.VerifyingKey
	)
	if err := guard(ErrInvalidContribution, "sealing phase 2", func() error {
		pk, vk = v.last.Seal(v.commons, v.evals, beacon)
		return nil
	}); err != nil {
		return nil, nil, nil, err
	}
	v.transcript.Beacon2 = bytes.Clone(beacon)
	return pk, vk, v.transcript, nil
}

// dirState is an opened ceremony: its header checked against the circuit and
// its state files counted.
type dirState struct {
	dir       string
	c         *circuit
	header    Header
	hdrDigest [digestSize]byte
	n1, n2    int // state files per phase, the initial state included
}

// open reads the header of the ceremony in dir, checks it against ccs and
// counts the state files.
func open(ctx context.Context, dir string, ccs constraint.ConstraintSystem) (*dirState, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, err := inspect(ccs)
	if err != nil {
		return nil, err
	}
	data, err := readBounded(filepath.Join(dir, headerName), maxHeaderFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("ceremony: no ceremony in %s: %w", dir, err)
		}
		return nil, fmt.Errorf("%s: %w", headerName, err)
	}
	var rec headerRecord
	payload, digest, err := unseal(data, headerMagic, &rec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", headerName, err)
	}
	switch {
	case len(payload) != 0:
		err = fmt.Errorf("%w: %d bytes after the record", ErrFormat, len(payload))
	case len(rec.CircuitHash) != sha256.Size:
		err = fmt.Errorf("%w: circuit hash of %d bytes", ErrFormat, len(rec.CircuitHash))
	case validName(rec.Circuit) != nil:
		err = fmt.Errorf("%w: %v", ErrFormat, validName(rec.Circuit))
	case !bytes.Equal(rec.CircuitHash, c.hash[:]):
		err = fmt.Errorf("%w: ceremony %q is for circuit %x, the constraint system given is %x", ErrMismatch, rec.Circuit, rec.CircuitHash, c.hash)
	case rec.DomainSize != c.domain || rec.Constraints != uint64(c.constraints):
		err = fmt.Errorf("%w: domain size %d and %d constraints, the circuit has %d and %d", ErrFormat, rec.DomainSize, rec.Constraints, c.domain, c.constraints)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", headerName, err)
	}
	d := &dirState{
		dir: dir, c: c, hdrDigest: digest,
		header: Header{Version: Version, Circuit: rec.Circuit, CircuitHash: c.hash, DomainSize: c.domain, Constraints: c.constraints},
	}
	if d.n1, d.n2, err = listStates(dir); err != nil {
		return nil, err
	}
	if d.n1 == 0 {
		return nil, fmt.Errorf("%w: %s is missing", ErrFormat, stateName(1, 0))
	}
	return d, nil
}

// maxStateFile bounds the size of a state file of the given phase.
func (d *dirState) maxStateFile(phase int) int64 {
	payload := phase1Size(d.c.domain, 1)
	if phase == 2 {
		payload = phase2MaxSize(d.c.shape)
	}
	return prefixSize + maxRecord + payload + digestSize
}

// readState reads and unseals a state file and checks its record.
func (d *dirState) readState(phase, index int) (*stateFile, error) {
	name := stateName(phase, index)
	data, err := readBounded(filepath.Join(d.dir, name), d.maxStateFile(phase))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	f, err := parseState(data, phase, index, d.c.hash)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// parseState unseals a state file and checks its record: the phase and index
// expected, the circuit hash, the names and the beacon.
func parseState(data []byte, phase, index int, circuit [sha256.Size]byte) (*stateFile, error) {
	f := new(stateFile)
	var err error
	if f.payload, f.digest, err = unseal(data, stateMagic, &f.rec); err != nil {
		return nil, err
	}
	r := &f.rec
	switch {
	case int(r.Phase) != phase || int(r.Index) != index:
		err = fmt.Errorf("%w: record says phase %d index %d", ErrFormat, r.Phase, r.Index)
	case len(r.Circuit) != sha256.Size || len(r.Prev) != digestSize:
		err = fmt.Errorf("%w: hash lengths %d and %d", ErrFormat, len(r.Circuit), len(r.Prev))
	case !bytes.Equal(r.Circuit, circuit[:]):
		err = fmt.Errorf("%w: state is for circuit %x, the constraint system given is %x", ErrMismatch, r.Circuit, circuit)
	case index == 0 && r.Contributor != "":
		err = fmt.Errorf("%w: initial state names contributor %q", ErrFormat, r.Contributor)
	case index > 0 && validName(r.Contributor) != nil:
		err = fmt.Errorf("%w: %v", ErrFormat, validName(r.Contributor))
	case phase == 2 && index == 0 && validBeacon(r.Beacon) != nil:
		err = fmt.Errorf("%w: %v", ErrFormat, validBeacon(r.Beacon))
	case (phase != 2 || index != 0) && len(r.Beacon) != 0:
		err = fmt.Errorf("%w: unexpected beacon", ErrFormat)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// writeState seals and writes a state file and returns its digest.
func (d *dirState) writeState(rec stateRecord, payload []byte, exclusive bool) ([digestSize]byte, error) {
	var digest [digestSize]byte
	rec.Circuit = d.c.hash[:]
	data, err := seal(stateMagic, rec, payload)
	if err != nil {
		return digest, err
	}
	name := stateName(int(rec.Phase), int(rec.Index))
	if err := writeAtomic(d.dir, name, data, exclusive); err != nil {
		if errors.Is(err, ErrConflict) {
			return digest, err
		}
		return digest, fmt.Errorf("ceremony: writing %s: %w", name, err)
	}
	copy(digest[:], data[len(data)-digestSize:])
	return digest, nil
}

func (d *dirState) newTranscript() *Transcript {
	return &Transcript{Header: d.header, Phase: 1, Digest: d.hdrDigest}
}

// verifyPhase1 checks the phase-1 files in order, appends their contributions
// to t, and returns the last state and its file digest.
func (d *dirState) verifyPhase1(ctx context.Context, t *Transcript) (*mpc.Phase1, [digestSize]byte, error) {
	var prev *mpc.Phase1
	if err := guard(ErrUnsupported, "phase-1 initialization", func() error {
		prev = mpc.NewPhase1(d.c.domain)
		return nil
	}); err != nil {
		return nil, t.Digest, err
	}
	initial, err := encodeState(prev)
	if err != nil {
		return nil, t.Digest, err
	}
	prevDigest := d.hdrDigest
	for i := range d.n1 {
		if err := ctx.Err(); err != nil {
			return nil, t.Digest, err
		}
		name := stateName(1, i)
		f, err := d.readState(1, i)
		if err != nil {
			return nil, t.Digest, err
		}
		if !bytes.Equal(f.rec.Prev, prevDigest[:]) {
			return nil, t.Digest, fmt.Errorf("%s: %w: does not follow %s", name, ErrInvalidContribution, d.prevName(1, i))
		}
		if i == 0 {
			if !bytes.Equal(f.payload, initial) {
				return nil, t.Digest, fmt.Errorf("%s: %w: not the initial phase-1 state for domain size %d", name, ErrInvalidContribution, d.c.domain)
			}
		} else {
			next, err := decodePhase1(f.payload, d.c.domain, i)
			if err != nil {
				return nil, t.Digest, fmt.Errorf("%s: %w", name, err)
			}
			if err := guard(ErrInvalidContribution, "phase-1 verification", func() error { return prev.Verify(next) }); err != nil {
				return nil, t.Digest, fmt.Errorf("%s: %w: contribution of %q: %v", name, ErrInvalidContribution, f.rec.Contributor, err)
			}
			prev = next
			t.Phase1 = append(t.Phase1, Contribution{Phase: 1, Index: i, Contributor: f.rec.Contributor, Hash: sha256.Sum256(f.payload)})
		}
		prevDigest = f.digest
	}
	t.Digest = prevDigest
	return prev, prevDigest, nil
}

// prevName names the file a state follows.
func (d *dirState) prevName(phase, index int) string {
	switch {
	case index > 0:
		return stateName(phase, index-1)
	case phase == 2:
		return stateName(1, d.n1-1)
	default:
		return headerName
	}
}

// startPhase2 seals the last phase-1 state with the beacon and computes the
// initial phase-2 state, with the circuit evaluations the keys need.
func (d *dirState) startPhase2(p1 *mpc.Phase1, beacon []byte) (*mpc.Phase2, *phase2Base, error) {
	base := new(phase2Base)
	p2 := new(mpc.Phase2)
	if err := guard(ErrInvalidContribution, "closing phase 1", func() error {
		base.commons = p1.Seal(beacon)
		base.evals = p2.Initialize(d.c.r1cs, &base.commons)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return p2, base, nil
}

// phase2Base is what sealing phase 2 needs besides the last state.
type phase2Base struct {
	commons mpc.SrsCommons
	evals   mpc.Phase2Evaluations
}

// verified is a verified ceremony, ready to seal when in phase 2.
type verified struct {
	transcript *Transcript
	commons    *mpc.SrsCommons
	evals      *mpc.Phase2Evaluations
	last       *mpc.Phase2
}

// verify checks the whole transcript.
func (d *dirState) verify(ctx context.Context) (*verified, error) {
	t := d.newTranscript()
	p1, digest, err := d.verifyPhase1(ctx, t)
	if err != nil {
		return nil, err
	}
	v := &verified{transcript: t}
	if d.n2 == 0 {
		return v, nil
	}
	t.Phase = 2
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := stateName(2, 0)
	f, err := d.readState(2, 0)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(f.rec.Prev, digest[:]) {
		return nil, fmt.Errorf("%s: %w: does not follow %s", name, ErrInvalidContribution, d.prevName(2, 0))
	}
	t.Beacon1 = bytes.Clone(f.rec.Beacon)
	prev, base, err := d.startPhase2(p1, f.rec.Beacon)
	if err != nil {
		return nil, err
	}
	initial, err := encodeState(prev)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(f.payload, initial) {
		return nil, fmt.Errorf("%s: %w: not the initial phase-2 state for this phase 1, beacon and circuit", name, ErrInvalidContribution)
	}
	prevDigest := f.digest
	for i := 1; i < d.n2; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := stateName(2, i)
		f, err := d.readState(2, i)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(f.rec.Prev, prevDigest[:]) {
			return nil, fmt.Errorf("%s: %w: does not follow %s", name, ErrInvalidContribution, d.prevName(2, i))
		}
		next, err := decodePhase2(f.payload, d.c.shape, i)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := guard(ErrInvalidContribution, "phase-2 verification", func() error { return prev.Verify(next) }); err != nil {
			return nil, fmt.Errorf("%s: %w: contribution of %q: %v", name, ErrInvalidContribution, f.rec.Contributor, err)
		}
		prev = next
		prevDigest = f.digest
		t.Phase2 = append(t.Phase2, Contribution{Phase: 2, Index: i, Contributor: f.rec.Contributor, Hash: sha256.Sum256(f.payload)})
	}
	t.Digest = prevDigest
	v.commons, v.evals, v.last = &base.commons, &base.evals, prev
	return v, nil
}
