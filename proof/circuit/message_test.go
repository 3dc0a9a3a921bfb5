package circuit

import (
	"fmt"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// messageCircuit maps a message (length and chunks) to its element in-circuit.
// With ConstLength >= 0 the length is a compile-time constant.
type messageCircuit struct {
	ConstLength int `gnark:"-"`

	Length  frontend.Variable
	Chunks  []frontend.Variable
	Element frontend.Variable `gnark:",public"`
}

func (c *messageCircuit) Define(api frontend.API) error {
	length := c.Length
	if c.ConstLength >= 0 {
		length = c.ConstLength
	}
	m, err := MessageElement(api, length, c.Chunks)
	if err != nil {
		return err
	}
	api.AssertIsEqual(m, c.Element)
	return nil
}

func elementOf(b [32]byte) fr.Element {
	var e fr.Element
	e.SetBytes(b[:])
	return e
}

// TestMessageElementMatchesDevice checks the in-circuit message mapping against
// device.BN254MessageElement for messages of 0, 1, 31, 32, 62 and 100 bytes.
func TestMessageElementMatchesDevice(t *testing.T) {
	r := rng(3)
	assert := test.NewAssert(t)
	for _, size := range []int{0, 1, 31, 32, 62, 100} {
		msg := make([]byte, size)
		for i := range msg {
			msg[i] = byte(r.Uint32())
		}
		if size == 31 {
			msg[0] = 0xff // the largest chunk values
		}
		want := elementOf(device.BN254MessageElement(msg))
		require.Equal(t, want, messageElement(msg), "native mapping, %d bytes", size)

		length, chunks := MessageChunks(msg)
		vars := make([]frontend.Variable, len(chunks))
		for i := range chunks {
			vars[i] = chunks[i]
		}
		for _, constLength := range []int{-1, size} {
			circuit := &messageCircuit{ConstLength: constLength, Chunks: make([]frontend.Variable, len(chunks))}
			valid := &messageCircuit{ConstLength: constLength, Length: length, Chunks: vars, Element: want}
			mustSolve(t, circuit, valid)
			assert.Run(func(assert *test.Assert) {
				assert.ProverSucceeded(circuit, valid, checkOpts...)
			}, fmt.Sprintf("bytes=%d/const=%v", size, constLength >= 0))
		}
		// A wrong length is another message.
		circuit := &messageCircuit{ConstLength: -1, Chunks: make([]frontend.Variable, len(chunks))}
		mustFail(t, circuit, &messageCircuit{ConstLength: -1, Length: length + 1, Chunks: vars, Element: want})
	}
}

// TestMessageElementChunkCount rejects a constant length that does not match the
// number of chunks at compile time.
func TestMessageElementChunkCount(t *testing.T) {
	_, err := frontend.Compile(field, r1cs.NewBuilder, &messageCircuit{ConstLength: 32, Chunks: make([]frontend.Variable, 1)})
	require.Error(t, err)
}

// elementMessageCircuit computes ElementMessageElement(Tag, X).
type elementMessageCircuit struct {
	Tag     string `gnark:"-"`
	X       frontend.Variable
	Element frontend.Variable `gnark:",public"`
}

func (c *elementMessageCircuit) Define(api frontend.API) error {
	m, err := ElementMessageElement(api, c.Tag, c.X)
	if err != nil {
		return err
	}
	api.AssertIsEqual(m, c.Element)
	return nil
}

// TestElementMessage checks the tagged element messages the circuits verify
// signatures on: the in-circuit element equals device.BN254MessageElement of the
// bytes a device signs, for random elements and the edges 0 and p-1.
func TestElementMessage(t *testing.T) {
	require.LessOrEqual(t, len(NonceTag), ChunkSize)
	require.LessOrEqual(t, len(RootTag), ChunkSize)
	require.NotEqual(t, NonceTag, RootTag)
	_, err := ElementMessage(NonceTag+"!", fr.Element{})
	require.ErrorIs(t, err, ErrRange)

	r := rng(4)
	var pMinus1 fr.Element
	pMinus1.SetOne().Neg(&pMinus1)
	xs := []fr.Element{{}, pMinus1, randElement(r), randElement(r)}
	for _, tag := range []string{NonceTag, RootTag} {
		for _, x := range xs {
			msg, err := ElementMessage(tag, x)
			require.NoError(t, err)
			require.Len(t, msg, 63)
			want := elementOf(device.BN254MessageElement(msg))
			circuit := &elementMessageCircuit{Tag: tag}
			mustSolve(t, circuit, &elementMessageCircuit{Tag: tag, X: x, Element: want})
			var x1 fr.Element
			x1.SetOne().Add(&x1, &x)
			mustFail(t, circuit, &elementMessageCircuit{Tag: tag, X: x1, Element: want})
		}
	}
	require.Equal(t, NonceMessage(xs[2])[ChunkSize:], func() []byte { b := xs[2].Bytes(); return b[:] }())
	require.NotEqual(t, NonceMessage(xs[2]), RootMessage(xs[2]))
}

// messageElement is the native MessageElement: it must equal
// device.BN254MessageElement(msg).
func messageElement(msg []byte) fr.Element {
	length, chunks := MessageChunks(msg)
	var l fr.Element
	l.SetUint64(length)
	return Hash(append([]fr.Element{l}, chunks...)...)
}
