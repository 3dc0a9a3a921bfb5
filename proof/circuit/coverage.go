package circuit

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/signature/eddsa"

	"github.com/depinkit/depinkit/device"
)

// Coverage proves that a device at a private position lies within Radius of a
// public point, and that the device signed the public beacon nonce of the epoch:
//
//	(X-PX)^2 + (Y-PY)^2 <= Radius^2     fixed-point integers, see CoordBits
//	Sig verifies under Key on ElementMessage(NonceTag, Nonce)
//
// Public inputs, in this order: PX, PY, Radius, Nonce, Key.A.X, Key.A.Y. The key
// is public as its affine point rather than a hash of it: the verifier knows the
// device key anyway, and hashing it would cost two Poseidon2 compressions for one
// public input fewer. Secret: X, Y and Sig.
//
// The nonce binds a proof to its epoch (Groth16 proofs are malleable: never use
// proof bytes as a replay key). CoverageAssignment builds a full witness from Go
// values; CoveragePublic the public part a verifier needs.
type Coverage struct {
	PX     frontend.Variable `gnark:",public"`
	PY     frontend.Variable `gnark:",public"`
	Radius frontend.Variable `gnark:",public"`
	Nonce  frontend.Variable `gnark:",public"`
	Key    eddsa.PublicKey   `gnark:",public"`

	X   frontend.Variable
	Y   frontend.Variable
	Sig eddsa.Signature
}

// Define implements frontend.Circuit.
func (c *Coverage) Define(api frontend.API) error {
	AssertWithinRadius(api, c.X, c.Y, c.PX, c.PY, c.Radius)
	m, err := ElementMessageElement(api, NonceTag, c.Nonce)
	if err != nil {
		return err
	}
	return VerifySignature(api, c.Key, c.Sig, m)
}

// Position is a fixed-point position on a local plane (see CoordBits for units and
// range).
type Position struct {
	X, Y int32
}

// Within reports whether p lies within radius r of q, with the circuit's integer
// arithmetic.
func (p Position) Within(q Position, r uint32) bool {
	dx := int64(p.X) - int64(q.X)
	dy := int64(p.Y) - int64(q.Y)
	var d2, r2, t big.Int
	d2.Mul(big.NewInt(dx), big.NewInt(dx))
	d2.Add(&d2, t.Mul(big.NewInt(dy), big.NewInt(dy)))
	r2.SetUint64(uint64(r) * uint64(r))
	return d2.Cmp(&r2) <= 0
}

// NonceMessage returns the bytes a device signs to attest the coverage nonce:
// ElementMessage(NonceTag, nonce).
func NonceMessage(nonce fr.Element) []byte {
	msg, _ := ElementMessage(NonceTag, nonce) // NonceTag fits its chunk
	return msg
}

// CoveragePublic returns the public part of a Coverage witness: what a verifier
// assigns to check a proof for this point, radius, nonce and device key.
func CoveragePublic(point Position, radius uint32, nonce fr.Element, pub device.PublicKey) (*Coverage, error) {
	key, err := KeyAssignment(pub)
	if err != nil {
		return nil, err
	}
	return &Coverage{
		PX: point.X, PY: point.Y, Radius: radius, Nonce: nonce, Key: key,
		X: 0, Y: 0, Sig: zeroSignature(),
	}, nil
}

// CoverageAssignment returns a full Coverage witness: the device at pos, the
// public point, radius and nonce, the device key pub and its signature sig on
// NonceMessage(nonce). It checks the statement natively first and fails with
// ErrStatement when pos is outside the radius, ErrKey or ErrSignature when the
// key or signature does not fit.
func CoverageAssignment(pos, point Position, radius uint32, nonce fr.Element, pub device.PublicKey, sig []byte) (*Coverage, error) {
	if !pos.Within(point, radius) {
		return nil, fmt.Errorf("%w: position %v is outside radius %d of %v", ErrStatement, pos, radius, point)
	}
	key, s, err := signedElement(pub, sig, NonceTag, nonce)
	if err != nil {
		return nil, err
	}
	return &Coverage{
		PX: point.X, PY: point.Y, Radius: radius, Nonce: nonce, Key: key,
		X: pos.X, Y: pos.Y, Sig: s,
	}, nil
}
