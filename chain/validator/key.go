package validator

import (
	"crypto/ed25519"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/depinkit/depinkit/device"
)

// LoadKey reads a validator key: a depinkit key file of type ed25519 (as
// "depinkit keys new --type ed25519" writes it).
func LoadKey(path string) (ed25519.PrivateKey, error) {
	k, err := device.LoadKeyFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if k.Type() != device.Ed25519 {
		return nil, fmt.Errorf("%w: %s holds a %s key, want ed25519", ErrKey, path, k.Type())
	}
	seed := k.Bytes()
	defer clear(seed)
	return ed25519.NewKeyFromSeed(seed), nil
}

// GenerateKey makes a validator key from r (crypto/rand.Reader when nil) and
// writes it to path as a key file of mode 0600; an existing file is an error.
func GenerateKey(path string, r io.Reader) (ed25519.PrivateKey, error) {
	k, err := device.GenerateKey(device.Ed25519, r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if err := device.SaveKeyFile(path, k, false); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	seed := k.Bytes()
	defer clear(seed)
	return ed25519.NewKeyFromSeed(seed), nil
}

// PeerID returns the libp2p peer ID of a validator key, as it ends a peer's
// multiaddr ("/ip4/127.0.0.1/tcp/7600/p2p/<peer ID>"): the identity multihash
// of the key, base58-encoded ("12D3KooW...").
func PeerID(key ed25519.PublicKey) (string, error) {
	pub, err := crypto.UnmarshalEd25519PublicKey(key)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrKey, err)
	}
	id, err := peer.IDFromPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrKey, err)
	}
	return id.String(), nil
}
