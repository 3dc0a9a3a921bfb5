package proof

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/plonk"

	"github.com/depinkit/depinkit/internal/canonical"
)

// KeyStore keeps keys in a directory, one file per statement, backend and
// part: "<statement>.<backend>.pk" and "<statement>.<backend>.vk", e.g.
// "coverage.groth16.vk". Each file is
//
//	"depinkit-keys\n" | header length (4 bytes, big-endian) | header | body
//
// where the header is canonical CBOR naming the statement, backend, part,
// origin, gnark version, the SHA-256 of the constraint system (Keys.CSHash)
// and the length and SHA-256 of the body, and the body is gnark's raw
// (uncompressed, fast-loading) serialization. Load refuses a file whose gnark
// version or constraint-system hash differs from this build's (ErrKeyMismatch):
// keys of a changed circuit would make proofs nobody can verify, or worse.
// Files are written atomically (temporary file, sync, rename).
type KeyStore struct {
	dir string
}

// NewKeyStore returns the key store in dir; Save creates dir when needed.
func NewKeyStore(dir string) *KeyStore { return &KeyStore{dir: dir} }

// Dir returns the store's directory.
func (s *KeyStore) Dir() string { return s.dir }

const (
	keyMagic       = "depinkit-keys\n"
	maxKeyHeader   = 4 << 10
	maxKeyFileSize = 4 << 30
	partProving    = "pk"
	partVerifying  = "vk"
)

type keyHeader struct {
	Statement string `cbor:"1,keyasint"`
	Backend   string `cbor:"2,keyasint"`
	Part      string `cbor:"3,keyasint"`
	Origin    string `cbor:"4,keyasint"`
	Gnark     string `cbor:"5,keyasint"`
	CSHash    []byte `cbor:"6,keyasint"`
	BodyLen   uint64 `cbor:"7,keyasint"`
	BodyHash  []byte `cbor:"8,keyasint"`
}

// Path returns the file that holds a part ("pk" or "vk") of a statement's keys.
func (s *KeyStore) Path(st Statement, b Backend, part string) string {
	return filepath.Join(s.dir, st.String()+"."+b.String()+"."+part)
}

// Save writes the keys' verifying key and, when present, proving key.
func (s *KeyStore) Save(k *Keys) error {
	if !k.Backend.zk() {
		return fmt.Errorf("%w: %s has no keys", ErrBackend, k.Backend)
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return fmt.Errorf("proof: key store: %w", err)
	}
	var vk, pk bytes.Buffer
	var err error
	switch k.Backend {
	case Groth16:
		_, err = k.g16vk.WriteRawTo(&vk)
		if err == nil && k.g16pk != nil {
			_, err = k.g16pk.WriteRawTo(&pk)
		}
	case PLONK:
		_, err = k.plonkV.WriteRawTo(&vk)
		if err == nil && k.plonkP != nil {
			_, err = k.plonkP.WriteRawTo(&pk)
		}
	}
	if err != nil {
		return fmt.Errorf("proof: serialize %s/%s keys: %w", k.Statement, k.Backend, err)
	}
	if err := s.write(k, partVerifying, vk.Bytes()); err != nil {
		return err
	}
	if pk.Len() > 0 {
		return s.write(k, partProving, pk.Bytes())
	}
	return nil
}

func (s *KeyStore) write(k *Keys, part string, body []byte) error {
	sum := sha256.Sum256(body)
	cs := k.CSHash()
	h, err := canonical.Marshal(keyHeader{
		Statement: k.Statement.String(), Backend: k.Backend.String(), Part: part, Origin: string(k.Origin),
		Gnark: GnarkVersion, CSHash: cs[:], BodyLen: uint64(len(body)), BodyHash: sum[:],
	})
	if err != nil {
		return fmt.Errorf("proof: key header: %w", err)
	}
	path := s.Path(k.Statement, k.Backend, part)
	tmp, err := os.CreateTemp(s.dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("proof: key store: %w", err)
	}
	defer os.Remove(tmp.Name())
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(h)))
	for _, chunk := range [][]byte{[]byte(keyMagic), n[:], h, body} {
		if _, err := tmp.Write(chunk); err != nil {
			tmp.Close()
			return fmt.Errorf("proof: write %s: %w", path, err)
		}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("proof: sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("proof: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("proof: key store: %w", err)
	}
	if d, err := os.Open(s.dir); err == nil {
		_ = d.Sync() // make the rename durable where the platform allows
		d.Close()
	}
	return nil
}

// Load reads the proving and verifying keys of a statement and backend.
func (s *KeyStore) Load(st Statement, b Backend) (*Keys, error) {
	return s.load(st, b, true)
}

// LoadVerifying reads only the verifying key: what a verifier needs.
func (s *KeyStore) LoadVerifying(st Statement, b Backend) (*Keys, error) {
	return s.load(st, b, false)
}

func (s *KeyStore) load(st Statement, b Backend, proving bool) (*Keys, error) {
	c, err := compile(st, b)
	if err != nil {
		return nil, err
	}
	k := &Keys{Statement: st, Backend: b, cs: c}
	vk, origin, err := s.read(k, partVerifying)
	if err != nil {
		return nil, err
	}
	k.Origin = origin
	switch b {
	case Groth16:
		k.g16vk = groth16.NewVerifyingKey(ecc.BN254)
		_, err = k.g16vk.ReadFrom(bytes.NewReader(vk)) // checked: points on curve and in subgroup
	case PLONK:
		k.plonkV = plonk.NewVerifyingKey(ecc.BN254)
		_, err = k.plonkV.ReadFrom(bytes.NewReader(vk))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: verifying key: %w", ErrKeyMismatch, s.Path(st, b, partVerifying), err)
	}
	if !proving {
		return k, nil
	}
	pk, _, err := s.read(k, partProving)
	if err != nil {
		return nil, err
	}
	// The body's SHA-256 was checked against the header: the fast, unchecked
	// reader is safe for a file this store wrote.
	switch b {
	case Groth16:
		k.g16pk = groth16.NewProvingKey(ecc.BN254)
		_, err = k.g16pk.UnsafeReadFrom(bytes.NewReader(pk))
	case PLONK:
		k.plonkP = plonk.NewProvingKey(ecc.BN254)
		_, err = k.plonkP.UnsafeReadFrom(bytes.NewReader(pk))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: proving key: %w", ErrKeyMismatch, s.Path(st, b, partProving), err)
	}
	return k, nil
}

var keyHeaderDecoder = canonical.MustDecoder(canonical.DefaultLimits)

// read returns a key file's body after checking its header against k.
func (s *KeyStore) read(k *Keys, part string) ([]byte, Origin, error) {
	path := s.Path(k.Statement, k.Backend, part)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", fmt.Errorf("%w: %s/%s: %s not found", ErrNoKey, k.Statement, k.Backend, path)
	}
	if err != nil {
		return nil, "", fmt.Errorf("proof: key store: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("proof: read %s: %w", path, err)
	}
	bad := func(format string, args ...any) ([]byte, Origin, error) {
		return nil, "", fmt.Errorf("%w: %s: "+format, append([]any{ErrKeyMismatch, path}, args...)...)
	}
	if len(data) > maxKeyFileSize {
		return bad("larger than %d bytes", maxKeyFileSize)
	}
	if !bytes.HasPrefix(data, []byte(keyMagic)) || len(data) < len(keyMagic)+4 {
		return bad("not a depinkit key file")
	}
	data = data[len(keyMagic):]
	hl := binary.BigEndian.Uint32(data)
	data = data[4:]
	if hl > maxKeyHeader || int(hl) > len(data) {
		return bad("header of %d bytes", hl)
	}
	var h keyHeader
	if err := keyHeaderDecoder.UnmarshalCanonical(data[:hl], &h); err != nil {
		return bad("header: %v", err)
	}
	body := data[hl:]
	cs := k.CSHash()
	switch {
	case h.Statement != k.Statement.String() || h.Backend != k.Backend.String() || h.Part != part:
		return bad("holds %s/%s %s, want %s/%s %s", h.Statement, h.Backend, h.Part, k.Statement, k.Backend, part)
	case h.Gnark != GnarkVersion:
		return bad("made with gnark %s, this build proves with gnark %s", h.Gnark, GnarkVersion)
	case !bytes.Equal(h.CSHash, cs[:]):
		return bad("made for constraint system %x, this build compiles %x", h.CSHash, cs[:])
	case h.BodyLen != uint64(len(body)):
		return bad("body of %d bytes, header says %d", len(body), h.BodyLen)
	}
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], h.BodyHash) {
		return bad("body does not match its SHA-256 (corrupt)")
	}
	return body, Origin(h.Origin), nil
}
