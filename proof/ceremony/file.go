package ceremony

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode"
	"unicode/utf8"

	"github.com/depinkit/depinkit/internal/canonical"
)

// Version is the format version of every file this package writes and the only
// one it reads.
const Version = 1

// Limits on names and beacons.
const (
	// MaxName is the longest circuit or contributor name, in bytes.
	MaxName = 128
	// MaxBeacon is the longest beacon, in bytes.
	MaxBeacon = 1024
	// MaxContributions is the most contributions one phase holds (file indexes
	// have four digits; index 0 is the initial state).
	MaxContributions = 9999
)

// File names in a ceremony directory.
const (
	headerName = "ceremony.hdr"
	stateExt   = ".mpc"
)

// Each file starts with a 4-byte magic and a big-endian uint16 version, and ends
// with the SHA-256 of everything before it (the file's digest).
var (
	headerMagic = [4]byte{'D', 'K', 'C', 'H'}
	stateMagic  = [4]byte{'D', 'K', 'C', 'S'}
)

const (
	prefixSize    = 4 + 2 + 4 // magic, version, record length
	digestSize    = sha256.Size
	maxRecord     = 2048 // a state record: names, hashes and a beacon
	maxHeaderFile = 4096
)

var recordDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

// headerRecord is the CBOR record of ceremony.hdr.
type headerRecord struct {
	Circuit     string `cbor:"circuit"`
	CircuitHash []byte `cbor:"circuit_hash"`
	DomainSize  uint64 `cbor:"domain_size"`
	Constraints uint64 `cbor:"constraints"`
}

// stateRecord is the CBOR record of a phaseP-NNNN.mpc file. Prev is the digest
// of the file before it in the transcript (the header for phase1-0000, the last
// phase-1 file for phase2-0000), so the files form one hash chain.
type stateRecord struct {
	Phase       uint8  `cbor:"phase"`
	Index       uint32 `cbor:"index"`
	Contributor string `cbor:"contributor"`
	Circuit     []byte `cbor:"circuit"`
	Prev        []byte `cbor:"prev"`
	Beacon      []byte `cbor:"beacon"` // phase2-0000 only: the beacon that closed phase 1
}

// stateFile is a decoded state file before its payload is parsed.
type stateFile struct {
	rec     stateRecord
	payload []byte
	digest  [digestSize]byte
}

func stateName(phase, index int) string {
	return fmt.Sprintf("phase%d-%04d%s", phase, index, stateExt)
}

// parseStateName returns the phase and index of a state file name, ok false for
// any other name.
func parseStateName(name string) (phase, index int, ok bool) {
	// phaseP-NNNN.mpc
	if len(name) != len("phase1-0000.mpc") || name[:5] != "phase" || name[6] != '-' || name[11:] != stateExt {
		return 0, 0, false
	}
	switch name[5] {
	case '1':
		phase = 1
	case '2':
		phase = 2
	default:
		return 0, 0, false
	}
	for _, c := range name[7:11] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		index = index*10 + int(c-'0')
	}
	return phase, index, true
}

// listStates counts the state files of each phase, which must be numbered 0, 1,
// ... without gaps. Other files (temporary files, keys) are ignored.
func listStates(dir string) (n1, n2 int, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, err
	}
	var seen [2]map[int]bool
	seen[0], seen[1] = map[int]bool{}, map[int]bool{}
	for _, e := range entries {
		phase, index, ok := parseStateName(e.Name())
		if !ok {
			continue
		}
		if !e.Type().IsRegular() {
			return 0, 0, fmt.Errorf("%w: %s is not a regular file", ErrFormat, e.Name())
		}
		seen[phase-1][index] = true
	}
	counts := [2]int{}
	for p := range seen {
		for i := range len(seen[p]) {
			if !seen[p][i] {
				return 0, 0, fmt.Errorf("%w: %s is missing", ErrFormat, stateName(p+1, i))
			}
		}
		counts[p] = len(seen[p])
	}
	if counts[1] > 0 && counts[0] < 2 {
		return 0, 0, fmt.Errorf("%w: phase 2 started without a phase-1 contribution", ErrFormat)
	}
	return counts[0], counts[1], nil
}

// validName checks a circuit or contributor name.
func validName(s string) error {
	if s == "" || len(s) > MaxName || !utf8.ValidString(s) {
		return fmt.Errorf("%w: %q (1 to %d bytes of UTF-8)", ErrName, s, MaxName)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: %q has a non-printable character", ErrName, s)
		}
	}
	return nil
}

func validBeacon(b []byte) error {
	if len(b) == 0 || len(b) > MaxBeacon {
		return fmt.Errorf("%w: %d bytes (1 to %d)", ErrBeacon, len(b), MaxBeacon)
	}
	return nil
}

// seal frames a record and a payload as a file: magic, version, record length,
// record, payload, digest.
func seal(magic [4]byte, rec any, payload []byte) ([]byte, error) {
	r, err := canonical.Marshal(rec)
	if err != nil {
		return nil, err
	}
	if len(r) > maxRecord {
		return nil, fmt.Errorf("ceremony: record of %d bytes exceeds %d", len(r), maxRecord)
	}
	b := make([]byte, 0, prefixSize+len(r)+len(payload)+digestSize)
	b = append(b, magic[:]...)
	b = binary.BigEndian.AppendUint16(b, Version)
	b = binary.BigEndian.AppendUint32(b, uint32(len(r)))
	b = append(b, r...)
	b = append(b, payload...)
	d := sha256.Sum256(b)
	return append(b, d[:]...), nil
}

// unseal checks a file's frame and digest and decodes its record into rec. It
// returns the payload and the digest.
func unseal(data []byte, magic [4]byte, rec any) (payload []byte, digest [digestSize]byte, err error) {
	if len(data) < prefixSize+digestSize {
		return nil, digest, fmt.Errorf("%w: %d bytes is too short", ErrFormat, len(data))
	}
	if !bytes.Equal(data[:4], magic[:]) {
		return nil, digest, fmt.Errorf("%w: bad magic %x", ErrFormat, data[:4])
	}
	if v := binary.BigEndian.Uint16(data[4:6]); v != Version {
		return nil, digest, fmt.Errorf("%w: %d (want %d)", ErrVersion, v, Version)
	}
	body := data[:len(data)-digestSize]
	copy(digest[:], data[len(body):])
	if sha256.Sum256(body) != digest {
		return nil, digest, fmt.Errorf("%w: digest mismatch (truncated or altered)", ErrFormat)
	}
	n := binary.BigEndian.Uint32(data[6:10])
	if n > maxRecord || uint64(n) > uint64(len(body)-prefixSize) {
		return nil, digest, fmt.Errorf("%w: record length %d", ErrFormat, n)
	}
	if err := recordDecoder.UnmarshalCanonical(body[prefixSize:prefixSize+n], rec); err != nil {
		return nil, digest, fmt.Errorf("%w: record: %v", ErrFormat, err)
	}
	return body[prefixSize+n:], digest, nil
}

// readBounded reads a whole file of at most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrFormat, filepath.Base(path))
	} else if st.Size() > limit {
		return nil, fmt.Errorf("%w: %s has %d bytes, at most %d expected", ErrTooLarge, filepath.Base(path), st.Size(), limit)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("%w: %s grew past %d bytes", ErrTooLarge, filepath.Base(path), limit)
	}
	return buf.Bytes(), nil
}

// writeAtomic writes data to dir/name through a synced temporary file. When
// exclusive, an existing dir/name is an ErrConflict and is left alone (a hard
// link publishes the file; where the file system has none, a check then a
// rename do, with a small race window); otherwise it is replaced.
func writeAtomic(dir, name string, data []byte, exclusive bool) (err error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmpName)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	final := filepath.Join(dir, name)
	if exclusive {
		lerr := os.Link(tmpName, final)
		switch {
		case lerr == nil:
			_ = os.Remove(tmpName)
		case errors.Is(lerr, fs.ErrExist):
			return fmt.Errorf("%w: %s already exists", ErrConflict, name)
		default:
			if _, serr := os.Lstat(final); serr == nil {
				return fmt.Errorf("%w: %s already exists", ErrConflict, name)
			}
			if err = os.Rename(tmpName, final); err != nil {
				return err
			}
		}
	} else if err = os.Rename(tmpName, final); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
