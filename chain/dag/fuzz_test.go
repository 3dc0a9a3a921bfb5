package dag

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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

// FuzzStateSyncer feeds arbitrary state sync answers to an asker: no panic,
// every refusal wraps ErrStateSync, and whatever it delivers verifies (its
// certificate against the set, its headers against the certified commit).
func FuzzStateSyncer(f *testing.F) {
	n := wipedNet(f)
	src := n.nodes[0]
	honest, err := ServeState(src.src, n.set, 0, Message{Type: MsgStateRequest, From: 3, Chunks: MaxStateBatch}, src.rn.cfg.GCDepth, StateHistory(src.rn.cfg), StateLimits{ChunkBytes: 4 << 10})
	if err != nil || len(honest) < 2 {
		f.Fatalf("no honest answer: %v", err)
	}
	var encoded [][]byte
	for _, m := range honest {
		enc, err := m.Marshal()
		if err != nil {
			f.Fatal(err)
		}
		encoded = append(encoded, enc)
		f.Add(uint8(0), enc)
	}
	f.Add(uint8(1), encoded[1])
	f.Add(uint8(1), encoded[len(encoded)-1])
	f.Fuzz(func(t *testing.T, prefix uint8, data []byte) {
		m, err := DecodeMessage(data, MessageLimits{MaxMessageBytes: 1 << 20})
		if err != nil {
			return
		}
		sy, err := NewStateSyncer(StateSyncConfig{Self: 3, Validators: n.set}, epoch0)
		if err != nil {
			t.Fatal(err)
		}
		sy.Tick(epoch0) // asks validator 0
		// The first chunks of the honest answer, then the fuzzed one.
		for i := 0; i < int(prefix)%len(honest); i++ {
			if _, err := sy.Step(honest[i], epoch0); err != nil {
				t.Fatalf("honest chunk %d refused: %v", i, err)
			}
		}
		m.From = 0
		if _, err := sy.Step(m, epoch0); err != nil && !errors.Is(err, ErrStateSync) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		if r := sy.Result(); r != nil {
			if err := r.Certificate.Verify(n.set, nil); err != nil {
				t.Fatalf("delivered an unverified certificate: %v", err)
			}
			hs := r.Recovery.Headers
			if len(hs) == 0 || hs[len(hs)-1].Index != r.State().Index || hs[len(hs)-1].Digest != r.State().Commit {
				t.Fatalf("delivered headers do not end at the certified commit %d", r.State().Index)
			}
		}
	})
}

// TestWriteFuzzCorpus rewrites the seed corpora under testdata/fuzz from the
// current encoders, after a change of the block or message format:
// DEPINKIT_FUZZ_CORPUS=1 go test -run TestWriteFuzzCorpus ./chain/dag/
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("DEPINKIT_FUZZ_CORPUS") == "" {
		t.Skip("set DEPINKIT_FUZZ_CORPUS=1 to rewrite testdata/fuzz")
	}
	write := func(target, name string, args ...string) {
		body := "go test fuzz v1\n" + strings.Join(args, "\n") + "\n"
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "fuzz", target, name), []byte(body), 0o644))
	}
	encoded, _ := fuzzNetwork(t)
	for i := 0; i < len(encoded) && i <= 18; i += 3 {
		name := fmt.Sprintf("block-%02d", i)
		write("FuzzDecodeBlock", name, fmt.Sprintf("[]byte(%q)", encoded[i]))
		write("FuzzStep", name, "byte('\\x01')", "byte('\\x01')", fmt.Sprintf("[]byte(%q)", encoded[i]))
	}
	for name, m := range wireMessages(t) {
		enc, err := m.Marshal()
		require.NoError(t, err)
		write("FuzzDecodeMessage", strings.ReplaceAll(name, " ", "-"), fmt.Sprintf("[]byte(%q)", enc))
	}
}
