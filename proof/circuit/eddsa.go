package circuit

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	nativeeddsa "github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/std/signature/eddsa"

	"github.com/depinkit/depinkit/device"
)

// VerifySignature asserts that sig is an EdDSA-BN254 signature by key on the
// message element msg (see MessageElement), accepting what device.PublicKey.Verify
// accepts for an EdDSABN254 key: it runs gnark's std/signature/eddsa.Verify on
// BN254's twisted Edwards curve with the Poseidon2 hasher of NewHasher for
// H(R, A, M), and adds what gnark-crypto's native verifier checks beyond it: A and
// R on the curve, and 0 < S < the subgroup order (gnark alone allows S equal to the
// order, a second encoding of S = 0).
//
// The key is taken as given: the verifier supplies it from a parsed
// device.PublicKey, which has already been checked to lie in the prime-order
// subgroup.
func VerifySignature(api frontend.API, key eddsa.PublicKey, sig eddsa.Signature, msg frontend.Variable) error {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		return fmt.Errorf("circuit: twisted edwards: %w", err)
	}
	h, err := NewHasher(api)
	if err != nil {
		return err
	}
	curve.AssertIsOnCurve(key.A)
	curve.AssertIsOnCurve(sig.R)
	api.AssertIsDifferent(sig.S, 0)
	api.AssertIsDifferent(sig.S, curve.Params().Order)
	if err := eddsa.Verify(curve, sig, msg, key, h); err != nil {
		return fmt.Errorf("circuit: eddsa: %w", err)
	}
	return nil
}

// KeyAssignment returns the circuit form (affine point A) of an EdDSA-BN254 device
// public key.
func KeyAssignment(pub device.PublicKey) (eddsa.PublicKey, error) {
	if pub.Type() != device.EdDSABN254 {
		return eddsa.PublicKey{}, fmt.Errorf("%w: key type %s", ErrKey, pub.Type())
	}
	var k nativeeddsa.PublicKey
	if _, err := k.SetBytes(pub.Bytes()); err != nil {
		return eddsa.PublicKey{}, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return eddsa.PublicKey{A: twistededwards.Point{X: k.A.X, Y: k.A.Y}}, nil
}

// SignatureAssignment returns the circuit form (R, S) of a 64-byte EdDSA-BN254
// signature made by device.PrivateKey.Sign (or any device.Signer of that type).
// It checks the encoding, not the signature.
func SignatureAssignment(sig []byte) (eddsa.Signature, error) {
	var s nativeeddsa.Signature
	if _, err := s.SetBytes(sig); err != nil {
		return eddsa.Signature{}, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return eddsa.Signature{
		R: twistededwards.Point{X: s.R.X, Y: s.R.Y},
		S: new(big.Int).SetBytes(s.S[:]),
	}, nil
}

// signedElement checks natively that sig is pub's signature on
// ElementMessage(tag, x) and returns the circuit forms of key and signature.
func signedElement(pub device.PublicKey, sig []byte, tag string, x fr.Element) (eddsa.PublicKey, eddsa.Signature, error) {
	key, err := KeyAssignment(pub)
	if err != nil {
		return eddsa.PublicKey{}, eddsa.Signature{}, err
	}
	msg, err := ElementMessage(tag, x)
	if err != nil {
		return eddsa.PublicKey{}, eddsa.Signature{}, err
	}
	if err := pub.Verify(msg, sig); err != nil {
		return eddsa.PublicKey{}, eddsa.Signature{}, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	s, err := SignatureAssignment(sig)
	if err != nil {
		return eddsa.PublicKey{}, eddsa.Signature{}, err
	}
	return key, s, nil
}
