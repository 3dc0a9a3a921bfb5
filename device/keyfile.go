package device

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxKeyFileSize bounds what LoadKeyFile reads.
const MaxKeyFileSize = 4096

const keyFileVersion = 1

// KeyFile is the JSON form of a key on disk. Besides the private key it records the
// public parts, so people and tools can read them without the key.
type KeyFile struct {
	Version int     `json:"version"`
	Type    KeyType `json:"type"`
	Private string  `json:"private,omitempty"` // hex of PrivateKey.Bytes()
	PublicInfo
}

// PublicInfo describes a public key for people and tools.
type PublicInfo struct {
	Public  string `json:"public"` // hex of PublicKey.Bytes()
	ID      ID     `json:"id"`
	DID     string `json:"did"`
	Address string `json:"address,omitempty"` // EIP-55 EVM address, secp256k1 only
}

// Info returns the public parts of k.
func (k PublicKey) Info() PublicInfo {
	info := PublicInfo{Public: hex.EncodeToString(k.raw), ID: k.ID(), DID: k.DID()}
	if addr, err := k.Address(); err == nil {
		info.Address = addr.Hex()
	}
	return info
}

// NewKeyFile returns the key file form of k.
func NewKeyFile(k *PrivateKey) KeyFile {
	return KeyFile{Version: keyFileVersion, Type: k.Type(), Private: hex.EncodeToString(k.seed[:]), PublicInfo: k.Public().Info()}
}

// PrivateKey parses the private key and checks that the recorded public parts
// belong to it.
func (f KeyFile) PrivateKey() (*PrivateKey, error) {
	if f.Version != keyFileVersion {
		return nil, fmt.Errorf("%w: key file version %d, want %d", ErrInvalidKey, f.Version, keyFileVersion)
	}
	raw, err := hex.DecodeString(f.Private)
	if err != nil {
		return nil, fmt.Errorf("%w: key file private: %v", ErrInvalidKey, err)
	}
	k, err := NewPrivateKey(f.Type, raw)
	if err != nil {
		return nil, err
	}
	if got := k.Public().Info(); got != f.PublicInfo {
		return nil, fmt.Errorf("%w: key file public parts do not match its private key (file says %s, key is %s)", ErrInvalidKey, f.DID, got.DID)
	}
	return k, nil
}

// SaveKeyFile writes k to path as a KeyFile, readable by its owner only (mode
// 0600). It refuses to replace an existing file unless overwrite is set.
func SaveKeyFile(path string, k *PrivateKey, overwrite bool) error {
	data, err := json.MarshalIndent(NewKeyFile(k), "", "  ")
	if err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if overwrite {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("device: key file %s already exists", path)
		}
		return fmt.Errorf("device: key file: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("device: key file: %w", err)
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("device: key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("device: key file: %w", err)
	}
	return f.Close()
}

// LoadKeyFile reads a key written by SaveKeyFile.
func LoadKeyFile(path string) (*PrivateKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("device: key file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("device: key file %s: %w", path, err)
	}
	if len(data) > MaxKeyFileSize {
		return nil, fmt.Errorf("%w: key file %s is over %d bytes", ErrTooLarge, path, MaxKeyFileSize)
	}
	var kf KeyFile
	if err := json.Unmarshal(data, &kf); err != nil {
		return nil, fmt.Errorf("%w: key file %s: %v", ErrMalformed, path, err)
	}
	k, err := kf.PrivateKey()
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, nil
}
