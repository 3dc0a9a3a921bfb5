package device

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/depinkit/depinkit/internal/base58"
	"github.com/stretchr/testify/require"
)

type didVector struct {
	Type            string `json:"type"`
	Private         string `json:"private"`
	PrivateB64URL   string `json:"private_b64url"`
	PublicKeyBase58 string `json:"publicKeyBase58"`
	X               string `json:"x"`
	Y               string `json:"y"`
	DID             string `json:"did"`
}

func loadDIDVectors(t *testing.T) []didVector {
	data, err := os.ReadFile("testdata/didkey-vectors.json")
	require.NoError(t, err)
	var f struct{ Vectors []didVector }
	require.NoError(t, json.Unmarshal(data, &f))
	require.Len(t, f.Vectors, 12)
	return f.Vectors
}

// TestDIDKeyVectors checks every W3C CCG did:key vector for the three registered key
// types: private key -> public key -> DID, and DID -> the same public key.
func TestDIDKeyVectors(t *testing.T) {
	seen := map[KeyType]int{}
	for _, v := range loadDIDVectors(t) {
		t.Run(v.DID, func(t *testing.T) {
			kt, err := ParseKeyType(v.Type)
			require.NoError(t, err)
			seen[kt]++
			var priv []byte
			if v.Private != "" {
				priv, err = hex.DecodeString(v.Private)
			} else {
				priv, err = base64.RawURLEncoding.DecodeString(v.PrivateB64URL)
			}
			require.NoError(t, err)
			k, err := NewPrivateKey(kt, priv)
			require.NoError(t, err)
			pub := k.Public()
			require.Equal(t, v.DID, pub.DID())

			if v.PublicKeyBase58 != "" {
				raw, err := base58.Decode(v.PublicKeyBase58)
				require.NoError(t, err)
				require.Equal(t, raw, pub.Bytes())
			}
			if v.X != "" {
				x, err := base64.RawURLEncoding.DecodeString(v.X)
				require.NoError(t, err)
				y, err := base64.RawURLEncoding.DecodeString(v.Y)
				require.NoError(t, err)
				require.Equal(t, append(append([]byte{4}, x...), y...), pub.Uncompressed())
			}

			parsed, err := ParseDID(v.DID)
			require.NoError(t, err)
			require.True(t, pub.Equal(parsed))
		})
	}
	require.Equal(t, map[KeyType]int{Ed25519: 5, Secp256k1: 5, P256: 2}, seen)
}

func TestDIDRoundTripAllTypes(t *testing.T) {
	for _, kt := range KeyTypes() {
		pub := mustKey(t, kt, 11).Public()
		did := pub.DID()
		if kt == EdDSABN254 {
			require.True(t, strings.HasPrefix(did, "did:depinkit:z"), did)
		} else {
			require.True(t, strings.HasPrefix(did, "did:key:z"), did)
		}
		back, err := ParseDID(did)
		require.NoError(t, err)
		require.True(t, pub.Equal(back))
	}
}

func TestParseDIDRejects(t *testing.T) {
	ed := mustKey(t, Ed25519, 1).Public()
	bn := mustKey(t, EdDSABN254, 1).Public()
	cases := []string{
		"",
		"did:web:example.com",
		"did:key:",
		"did:key:z",
		"did:key:m" + ed.Multibase()[1:], // wrong multibase
		"did:key:z0OIl",                  // not base58
		"did:key:" + bn.Multibase(),      // bn254 under did:key
		"did:depinkit:" + ed.Multibase(), // ed25519 under did:depinkit
		"did:key:" + ed.Multibase()[:20], // truncated key
		"did:key:z" + base58.Encode([]byte{0x99, 0x01, 1}),                                 // unknown multicodec
		"did:key:z" + base58.Encode(append([]byte{0xed, 0x81, 0x00}, make([]byte, 32)...)), // non-minimal varint
		"did:key:" + strings.Repeat("z", 300),
	}
	for _, c := range cases {
		_, err := ParseDID(c)
		require.ErrorIs(t, err, ErrInvalidDID, "%q", c)
	}
}

func TestDIDDocument(t *testing.T) {
	raw := make([]byte, 32)
	k, err := NewPrivateKey(Ed25519, raw)
	require.NoError(t, err)
	js, err := json.MarshalIndent(k.Public().DIDDocument(), "", "  ")
	require.NoError(t, err)
	golden, err := os.ReadFile("testdata/diddoc-ed25519.golden.json")
	require.NoError(t, err)
	require.JSONEq(t, string(golden), string(js))
}
