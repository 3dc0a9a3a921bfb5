package device

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestKeyTypeNames(t *testing.T) {
	for _, kt := range KeyTypes() {
		got, err := ParseKeyType(kt.String())
		require.NoError(t, err)
		require.Equal(t, kt, got)
		txt, err := kt.MarshalText()
		require.NoError(t, err)
		var back KeyType
		require.NoError(t, back.UnmarshalText(txt))
		require.Equal(t, kt, back)
	}
	_, err := ParseKeyType("rsa")
	require.ErrorIs(t, err, ErrKeyType)
	require.False(t, KeyType(0).Valid())
	require.False(t, KeyType(9).Valid())
	_, err = KeyType(9).MarshalText()
	require.ErrorIs(t, err, ErrKeyType)
}

func TestSignVerifyRoundTrip(t *testing.T) {
	msgs := [][]byte{nil, []byte("hello"), bytes.Repeat([]byte{0xff}, 31), bytes.Repeat([]byte{7}, 1000)}
	for _, kt := range KeyTypes() {
		t.Run(kt.String(), func(t *testing.T) {
			k := mustKey(t, kt, 1)
			other := mustKey(t, kt, 2)
			require.Equal(t, kt, k.Type())
			require.NotEqual(t, k.Public().ID(), other.Public().ID())
			for _, msg := range msgs {
				sig, err := k.Sign(msg)
				require.NoError(t, err)
				require.Len(t, sig, SignatureSize)
				require.NoError(t, k.Public().Verify(msg, sig))

				require.ErrorIs(t, other.Public().Verify(msg, sig), ErrBadSignature, "other key")
				require.ErrorIs(t, k.Public().Verify(append(bytes.Clone(msg), 0), sig), ErrBadSignature, "other message")
				bad := bytes.Clone(sig)
				bad[len(bad)-1] ^= 1
				require.ErrorIs(t, k.Public().Verify(msg, bad), ErrBadSignature, "flipped bit")
				require.ErrorIs(t, k.Public().Verify(msg, sig[:63]), ErrBadSignature, "short")
			}
		})
	}
}

func TestGenerateKeyIsReproducible(t *testing.T) {
	for _, kt := range KeyTypes() {
		a, b := mustKey(t, kt, 7), mustKey(t, kt, 7)
		require.True(t, a.Equal(b), kt.String())
		require.True(t, a.Public().Equal(b.Public()))
		c := mustKey(t, kt, 8)
		require.False(t, a.Equal(c))
	}
}

func TestPublicKeyEncodings(t *testing.T) {
	for _, kt := range KeyTypes() {
		t.Run(kt.String(), func(t *testing.T) {
			pub := mustKey(t, kt, 3).Public()

			// Raw canonical form.
			again, err := ParsePublicKey(kt, pub.Bytes())
			require.NoError(t, err)
			require.True(t, pub.Equal(again))
			require.Equal(t, pub.ID(), again.ID())

			// Uncompressed form for the ECDSA curves parses to the same key.
			if u := pub.Uncompressed(); u != nil {
				require.Len(t, u, 65)
				fromU, err := ParsePublicKey(kt, u)
				require.NoError(t, err)
				require.True(t, pub.Equal(fromU))
				require.Len(t, pub.Bytes(), 33)
			} else {
				require.Len(t, pub.Bytes(), 32)
			}

			// Binary.
			bin, err := pub.MarshalBinary()
			require.NoError(t, err)
			var fromBin PublicKey
			require.NoError(t, fromBin.UnmarshalBinary(bin))
			require.True(t, pub.Equal(fromBin))

			// Text (the DID) and JSON through it.
			js, err := json.Marshal(pub)
			require.NoError(t, err)
			var fromJSON PublicKey
			require.NoError(t, json.Unmarshal(js, &fromJSON))
			require.True(t, pub.Equal(fromJSON))
			require.Equal(t, pub.DID(), pub.String())
		})
	}
}

func TestPrivateKeyEncodings(t *testing.T) {
	for _, kt := range KeyTypes() {
		k := mustKey(t, kt, 4)
		again, err := NewPrivateKey(kt, k.Bytes())
		require.NoError(t, err)
		require.True(t, k.Equal(again))
		require.True(t, k.Public().Equal(again.Public()))

		bin, err := k.MarshalBinary()
		require.NoError(t, err)
		var fromBin PrivateKey
		require.NoError(t, fromBin.UnmarshalBinary(bin))
		require.True(t, k.Equal(&fromBin))

		// A key restored from bytes signs what the original verifies.
		sig, err := fromBin.Sign([]byte("m"))
		require.NoError(t, err)
		require.NoError(t, k.Public().Verify([]byte("m"), sig))
	}
}

func TestParsePublicKeyRejects(t *testing.T) {
	k1 := mustKey(t, Secp256k1, 1).Public()
	p256 := mustKey(t, P256, 1).Public()
	bn := mustKey(t, EdDSABN254, 1).Public()
	notOnCurve := bytes.Clone(p256.Uncompressed())
	notOnCurve[64] ^= 1
	badPrefix := bytes.Clone(k1.Bytes())
	badPrefix[0] = 5
	cases := []struct {
		name string
		kt   KeyType
		raw  []byte
	}{
		{"unknown type", 0, make([]byte, 32)},
		{"type 9", 9, make([]byte, 32)},
		{"ed25519 short", Ed25519, make([]byte, 31)},
		{"ed25519 long", Ed25519, make([]byte, 33)},
		{"secp256k1 32 bytes", Secp256k1, make([]byte, 32)},
		{"secp256k1 bad prefix", Secp256k1, badPrefix},
		{"secp256k1 zero x", Secp256k1, append([]byte{2}, make([]byte, 32)...)},
		{"p256 off curve", P256, notOnCurve},
		{"p256 bad compressed", P256, append([]byte{3}, bytes.Repeat([]byte{0xff}, 32)...)},
		{"p256 as secp256k1", Secp256k1, p256.Uncompressed()},
		{"bn254 short", EdDSABN254, bn.Bytes()[:31]},
		{"bn254 identity", EdDSABN254, identityBN254()},
		{"bn254 all ones", EdDSABN254, bytes.Repeat([]byte{0xff}, 32)},
	}
	for _, c := range cases {
		_, err := ParsePublicKey(c.kt, c.raw)
		require.Error(t, err, c.name)
		require.True(t, errorIsAny(err, ErrInvalidKey, ErrKeyType), "%s: %v", c.name, err)
	}
}

// identityBN254 is the compressed encoding of the twisted Edwards identity (0, 1).
func identityBN254() []byte {
	b := make([]byte, 32)
	b[0] = 1 // little-endian y = 1
	return b
}

func TestAddress(t *testing.T) {
	// Well-known Ethereum test key: private key 0x...01 has this address.
	raw := make([]byte, 32)
	raw[31] = 1
	k, err := NewPrivateKey(Secp256k1, raw)
	require.NoError(t, err)
	addr, err := k.Public().Address()
	require.NoError(t, err)
	require.Equal(t, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", addr.Hex())
	_, err = mustKey(t, Ed25519, 1).Public().Address()
	require.ErrorIs(t, err, ErrKeyType)
}

func TestZeroKeys(t *testing.T) {
	var z PublicKey
	require.True(t, z.IsZero())
	require.Equal(t, "", z.DID())
	require.ErrorIs(t, z.Verify(nil, make([]byte, 64)), ErrInvalidKey)
	_, err := z.MarshalBinary()
	require.ErrorIs(t, err, ErrInvalidKey)
	var zp PrivateKey
	_, err = zp.Sign(nil)
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = NewPrivateKey(Secp256k1, make([]byte, 32))
	require.ErrorIs(t, err, ErrInvalidKey)
	_, err = NewPrivateKey(P256, bytes.Repeat([]byte{0xff}, 32))
	require.ErrorIs(t, err, ErrInvalidKey)
}

func errorIsAny(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

func TestBN254MessageElement(t *testing.T) {
	// The element is Poseidon2-MD over len(msg) and 31-byte chunks: recompute it
	// by hand with gnark-crypto's hasher for a 40-byte message (two chunks).
	msg := bytes.Repeat([]byte{0xab}, 40)
	h := poseidon2.NewMerkleDamgardHasher()
	var block [32]byte
	block[31] = 40
	h.Write(block[:])
	clear(block[:])
	copy(block[1:], msg[:31])
	h.Write(block[:])
	clear(block[:])
	copy(block[32-9:], msg[31:])
	h.Write(block[:])
	var want [32]byte
	copy(want[:], h.Sum(nil))
	require.Equal(t, want, BN254MessageElement(msg))
	require.NotEqual(t, BN254MessageElement(msg[:39]), BN254MessageElement(msg))
	require.NotEqual(t, BN254MessageElement(nil), BN254MessageElement([]byte{0}), "length is part of the element")
}
