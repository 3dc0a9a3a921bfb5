package circuit

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	edwards "github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/signature/eddsa"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// sigCircuit verifies a signature on a message element.
type sigCircuit struct {
	Key eddsa.PublicKey   `gnark:",public"`
	Msg frontend.Variable `gnark:",public"`
	Sig eddsa.Signature
}

func (c *sigCircuit) Define(api frontend.API) error {
	return VerifySignature(api, c.Key, c.Sig, c.Msg)
}

// signed returns a valid sigCircuit assignment for msg signed by key.
func signed(t *testing.T, k *device.PrivateKey, msg []byte) *sigCircuit {
	t.Helper()
	sig, err := k.Sign(msg)
	require.NoError(t, err)
	require.NoError(t, k.Public().Verify(msg, sig))
	key, err := KeyAssignment(k.Public())
	require.NoError(t, err)
	s, err := SignatureAssignment(sig)
	require.NoError(t, err)
	return &sigCircuit{Key: key, Msg: elementOf(device.BN254MessageElement(msg)), Sig: s}
}

// TestVerifySignature signs with package device and verifies in-circuit: the
// signature passes, and a wrong message, a wrong key and tampered signatures fail.
func TestVerifySignature(t *testing.T) {
	k := newKey(t, 10)
	other := newKey(t, 11)
	msg := []byte("a beacon, a reading, anything")
	valid := signed(t, k, msg)

	wrongMsg := *valid
	wrongMsg.Msg = elementOf(device.BN254MessageElement([]byte("another message")))

	wrongKey := *valid
	wrongKey.Key = signed(t, other, msg).Key

	order := edwards.GetEdwardsCurve().Order
	bumpS := *valid
	bumpS.Sig.S = new(big.Int).Add(valid.Sig.S.(*big.Int), big.NewInt(1))
	// S + order is the same scalar mod the order: the malleable twin, refused
	// because S must be below the order (as gnark-crypto's SetBytes requires).
	malleable := *valid
	malleable.Sig.S = new(big.Int).Add(valid.Sig.S.(*big.Int), &order)
	sOrder := *valid
	sOrder.Sig.S = new(big.Int).Set(&order)
	otherR := *valid
	otherR.Sig.R = signed(t, k, []byte("other")).Sig.R
	offCurve := *valid
	rx := valid.Sig.R.X.(fr.Element)
	var rx1 fr.Element
	rx1.SetOne().Add(&rx1, &rx)
	offCurve.Sig.R.X = rx1

	circuit := &sigCircuit{}
	mustSolve(t, circuit, valid)
	assert := test.NewAssert(t)
	assert.ProverSucceeded(circuit, valid, checkOpts...)
	for name, bad := range map[string]*sigCircuit{
		"wrong message": &wrongMsg, "wrong key": &wrongKey, "S+1": &bumpS,
		"S+order": &malleable, "S=order": &sOrder, "other R": &otherR, "R off curve": &offCurve,
	} {
		t.Run(name, func(t *testing.T) { mustFail(t, circuit, bad) })
		assert.ProverFailed(circuit, bad, checkOpts...)
	}
}

// TestSignatureAssignment rejects malformed inputs with the package's sentinels.
func TestSignatureAssignment(t *testing.T) {
	_, err := SignatureAssignment(make([]byte, 63))
	require.ErrorIs(t, err, ErrSignature)
	_, err = SignatureAssignment(make([]byte, 64))
	require.ErrorIs(t, err, ErrSignature)

	ed, err := device.GenerateKey(device.Ed25519, randReader{rng(13)})
	require.NoError(t, err)
	_, err = KeyAssignment(ed.Public())
	require.ErrorIs(t, err, ErrKey)
	_, err = KeyAssignment(device.PublicKey{})
	require.ErrorIs(t, err, ErrKey)
}
