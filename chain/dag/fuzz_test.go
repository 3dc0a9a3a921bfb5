package dag

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// fuzzBlocks runs a 4-validator lockstep network for a few rounds and returns
// the encoded blocks it made, and a fresh validator 0 that has seen the first
// rounds of them.
func fuzzNetwork(t testing.TB) (encoded [][]byte, fresh func() *RawNode) {
	l := newLockstep(t, 4, nil)
	var blocks []*Block
	for r := 0; r < 5; r++ {
		_ = l.nodes[r%4].Propose(chain.Tx{byte(r)})
		l.step(60 * time.Millisecond)
	}
	for _, b := range l.nodes[1].pendingBlocks() {
		blocks = append(blocks, b)
	}
	for _, b := range blocks {
		enc, err := b.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		encoded = append(encoded, enc)
	}
	keys := testKeys(4)
	set := testSet(t, keys)
	fresh = func() *RawNode {
		rn, err := NewRawNode(Config{Signer: chain.NewKeySigner(keys[0]), Validators: set}, epoch0)
		if err != nil {
			t.Fatal(err)
		}
		rn.Tick(epoch0.Add(time.Hour)) // no block is from the future
		for _, b := range blocks {
			if b.Round <= 2 && b.Author != 0 {
				_ = rn.Step(Message{Type: MsgBlock, From: b.Author, Block: b})
			}
		}
		rn.Ready()
		rn.Advance()
		return rn
	}
	return encoded, fresh
}

// pendingBlocks returns every block in the node's DAG except genesis.
func (rn *RawNode) pendingBlocks() []*Block {
	var out []*Block
	for r := uint64(1); r <= rn.dag.highest; r++ {
		out = append(out, rn.dag.rounds[r]...)
	}
	return out
}

func FuzzDecodeBlock(f *testing.F) {
	encoded, _ := fuzzNetwork(f)
	for _, e := range encoded[:4] {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBlock(data, Limits{})
		if err != nil {
			if !errors.Is(err, ErrInvalidBlock) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		// Only canonical encodings decode: re-encoding gives the input back, and the
		// digest is that of the unsigned re-encoding.
		again, err := b.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded block does not re-encode to its input: %v", err)
		}
		d, _, err := b.signingDigest()
		if err != nil || d != b.Digest() {
			t.Fatalf("digest from bytes %s differs from digest of fields %s", b.Digest(), d)
		}
	})
}

// fingerprint summarises the state a refused message must not change.
type fingerprint struct {
	stats    Stats
	messages int
	highest  uint64
}

func fingerprintOf(rn *RawNode) fingerprint {
	s := rn.Stats()
	s.Rejected = 0 // counting a refusal is not a state change
	return fingerprint{stats: s, messages: len(rn.pending.Messages), highest: rn.dag.highest}
}

// FuzzStep feeds arbitrary messages to a validator: no panic, and a message it
// refuses changes nothing (blocks are taken out of a fetch response one by one).
func FuzzStep(f *testing.F) {
	encoded, fresh := fuzzNetwork(f)
	for _, e := range encoded {
		f.Add(uint8(MsgBlock), uint8(1), e)
	}
	f.Add(uint8(MsgFetchRequest), uint8(2), []byte{})
	f.Add(uint8(MsgFetchResponse), uint8(3), encoded[len(encoded)-1])
	for _, m := range wireMessages(f) {
		if m.Type >= MsgCommitResponse {
			enc, err := m.Marshal()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(m.Type), uint8(1), enc)
		}
	}
	rn := fresh()
	f.Fuzz(func(t *testing.T, typ, from uint8, data []byte) {
		rn := rn
		if len(data) > 0 && data[0]&1 == 1 {
			rn = fresh() // sometimes a clean node, so accepted blocks do not pile up
		}
		m := Message{Type: MessageType(typ % 8), From: uint32(from % 6)}
		switch m.Type {
		case MsgCommitResponse, MsgLastBlockRequest, MsgLastBlockResponse:
			d, err := DecodeMessage(data, MessageLimits{})
			if err != nil || d.Type != m.Type {
				return
			}
			d.From = m.From
			m = d
		case MsgBlock, MsgFetchResponse:
			b, err := DecodeBlock(data, Limits{})
			if err != nil {
				return
			}
			m.Block, m.Blocks = b, []*Block{b}
		case MsgFetchRequest:
			m.Have = make([]uint64, 4)
			for i := 0; i+8 <= len(data) && i < 64; i += 8 {
				v := binary.BigEndian.Uint64(data[i:])
				if i/8 < 4 {
					m.Have[i/8] = v % 16
				} else {
					m.Refs = append(m.Refs, BlockRef{Round: v % 8, Author: uint32(v>>8) % 5})
				}
			}
		}
		before := fingerprintOf(rn)
		err := rn.Step(m)
		after := fingerprintOf(rn)
		if errors.Is(err, ErrWrongEpoch) && m.Block != nil && m.Block.Epoch > rn.Epoch() {
			// A block of a later epoch is refused, but tells the node it is behind:
			// it may ask the sender to catch it up (one request per FetchTimeout).
			after.messages = before.messages
		}
		if err != nil && m.Type != MsgFetchResponse && after != before {
			t.Fatalf("refused message (%v) changed state: %+v -> %+v", err, before, after)
		}
		if rn.HasReady() {
			rn.Ready()
			rn.Advance()
		}
	})
}
