package device

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// MaxKeyFileSize bounds what LoadKeyFile reads.
const MaxKeyFileSize = 4096

// KeyFileVersion is the version of the key file format SaveKeyFile writes.
const KeyFileVersion = 1

// KeyFile is the JSON form of a private key on disk:
//
//	{"version":1,"type":"p256","public":"<hex>","id":"<hex>","did":"did:key:z...","private":"<hex>"}
//
// Besides the private key (hex of PrivateKey.Bytes) it records the public parts,
// for people and tools that read the file; ParseKeyFile checks they match the key.
type KeyFile struct {
	Version int `json:"version"`
	PublicInfo
	Private string `json:"private"`
}

// PublicInfo describes a public key for people and tools.
type PublicInfo struct {
	Type    KeyType `json:"type"`
	Public  string  `json:"public"` // hex of PublicKey.Bytes()
	ID      ID      `json:"id"`
	DID     string  `json:"did"`
	Address string  `json:"address,omitempty"` // EIP-55 EVM address, secp256k1 only
}

// Info returns the public parts of k.
func (k PublicKey) Info() PublicInfo {
	info := PublicInfo{Type: k.typ, Public: hex.EncodeToString(k.raw), ID: k.ID(), DID: k.DID()}
	if addr, err := k.Address(); err == nil {
		info.Address = addr.Hex()
	}
	return info
}

// MarshalKeyFile encodes k as an indented KeyFile with a final newline. The result
// holds the private key: keep it secret.
func MarshalKeyFile(k *PrivateKey) ([]byte, error) {
	if k == nil || k.pub.IsZero() {
		return nil, fmt.Errorf("%w: key file of an empty private key", ErrInvalidKey)
	}
	data, err := json.MarshalIndent(KeyFile{Version: KeyFileVersion, PublicInfo: k.pub.Info(), Private: hex.EncodeToString(k.seed[:])}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("device: key file: %w", err)
	}
	return append(data, '\n'), nil
}

// ParseKeyFile decodes what MarshalKeyFile produced. It refuses other versions and
// unknown fields, and public parts that do not belong to the private key.
func ParseKeyFile(data []byte) (*PrivateKey, error) {
	if len(data) > MaxKeyFileSize {
		return nil, fmt.Errorf("%w: key file is over %d bytes", ErrTooLarge, MaxKeyFileSize)
	}
	// The version first, so that a newer format is reported as such.
	var v struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%w: key file: %v", ErrMalformed, err)
	}
	if v.Version == nil || *v.Version != KeyFileVersion {
		return nil, fmt.Errorf("%w: key file: version missing or not %d", ErrMalformed, KeyFileVersion)
	}
	var kf KeyFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&kf); err != nil {
		return nil, fmt.Errorf("%w: key file: %v", ErrMalformed, err)
	}
	raw, err := hex.DecodeString(kf.Private)
	if err != nil {
		// hex's error would quote part of the secret: leave it out.
		return nil, fmt.Errorf("%w: key file: private key is not hex", ErrInvalidKey)
	}
	k, err := NewPrivateKey(kf.Type, raw)
	clear(raw)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	want := k.pub.Info()
	if kf.ID.IsZero() {
		return nil, fmt.Errorf("%w: key file: id missing", ErrMalformed)
	}
	if kf.ID != want.ID {
		return nil, fmt.Errorf("%w: key file: stored id %s does not match the private key's %s", ErrInvalidKey, kf.ID, want.ID)
	}
	for _, f := range []struct {
		name, stored, want string
		hex                bool // either case is the same value
	}{
		{"public", kf.Public, want.Public, true},
		{"did", kf.DID, want.DID, false},
		{"address", kf.Address, want.Address, true},
	} {
		switch {
		case f.stored == f.want || f.hex && strings.EqualFold(f.stored, f.want):
		case f.want == "":
			return nil, fmt.Errorf("%w: key file: %s keys have no %s, the file has %q", ErrInvalidKey, kf.Type, f.name, f.stored)
		case f.stored == "":
			return nil, fmt.Errorf("%w: key file: %s missing", ErrMalformed, f.name)
		default:
			return nil, fmt.Errorf("%w: key file: stored %s %q does not match the private key's %q", ErrInvalidKey, f.name, f.stored, f.want)
		}
	}
	return k, nil
}

// SaveKeyFile writes k to path as a KeyFile, readable by its owner only (mode
// 0600), synced to disk. It refuses to replace an existing file (the error wraps
// fs.ErrExist) unless overwrite is set; then it replaces it atomically, so a failed
// write leaves the old file as it was.
func SaveKeyFile(path string, k *PrivateKey, overwrite bool) error {
	data, err := MarshalKeyFile(k)
	if err != nil {
		return err
	}
	defer clear(data)
	if overwrite {
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
		if err != nil {
			return fmt.Errorf("device: key file: %w", err)
		}
		tmp := f.Name()
		if err := writeSyncClose(f, data); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("device: key file %s: %w", path, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("device: key file: %w", err)
		}
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("device: key file %s: %w", path, fs.ErrExist)
		}
		return fmt.Errorf("device: key file: %w", err)
	}
	if err := writeSyncClose(f, data); err != nil {
		os.Remove(path)
		return fmt.Errorf("device: key file %s: %w", path, err)
	}
	return nil
}

// writeSyncClose writes data to f (created with mode 0600), syncs and closes it.
func writeSyncClose(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// LoadKeyFile reads and checks a key file written by SaveKeyFile. As ssh does
// with private keys, it refuses a file that its group or others may read or
// write (an error wrapping ErrKeyFileMode that names the file and its mode:
// chmod 600 it), on systems with Unix permissions.
func LoadKeyFile(path string) (*PrivateKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("device: key file: %w", err)
	}
	defer f.Close()
	if err := CheckKeyFileMode(f); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("device: key file %s: %w", path, err)
	}
	defer clear(data)
	k, err := ParseKeyFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// CheckKeyFileMode reports an error wrapping ErrKeyFileMode, naming the file
// and its mode, when f is not a regular file or when its group or others have
// any permission on it (ssh's rule for private keys). On Windows, whose file
// modes do not say who may read a file, it checks only that f is a regular
// file.
func CheckKeyFileMode(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("device: key file %s: %w", f.Name(), err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: %s is not a regular file (mode %s)", ErrKeyFileMode, f.Name(), st.Mode())
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%w: %s has mode %04o, which lets its group or others read it: chmod 600 %s", ErrKeyFileMode, f.Name(), perm, f.Name())
	}
	return nil
}
