package dag

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

// wireBlocks returns n signed blocks (round r+1, author r%4) with txs
// transactions of txSize bytes each: well formed, not necessarily valid.
func wireBlocks(t testing.TB, n, txs, txSize int) []*Block {
	keys := testKeys(4)
	out := make([]*Block, n)
	for r := range out {
		b := &Block{Epoch: 3, Round: uint64(r + 1), Author: uint32(r % 4), Timestamp: 1_700_000_000_000 + int64(r)}
		for a := range 3 {
			b.Parents = append(b.Parents, BlockRef{Round: uint64(r), Author: uint32(a), Digest: chain.Digest{byte(r), byte(a)}})
		}
		for k := range txs {
			tx := bytes.Repeat([]byte{byte(k)}, txSize)
			b.Txs = append(b.Txs, tx)
		}
		require.NoError(t, b.Sign(chain.NewKeySigner(keys[r%4])))
		out[r] = b
	}
	return out
}

// wireMessages returns one message of every shape.
func wireMessages(t testing.TB) map[string]Message {
	blocks := wireBlocks(t, 5, 3, 20)
	voted := &Block{Epoch: 3, Round: 9, Author: 1, Timestamp: 1_700_000_000_009, Parents: blocks[4].Parents,
		Vote:  CommitVote{Index: 127, Digest: chain.Digest{7}},
		State: StateVote{Index: 128, Commit: chain.Digest{1, 2}, AppHash: chain.Digest{3, 4}}}
	require.NoError(t, voted.Sign(chain.NewKeySigner(testKeys(4)[1])))
	state := StateVote{Index: 128, Commit: chain.Digest{1, 2}, AppHash: chain.Digest{3, 4}}
	return map[string]Message{
		"block with a state vote": {Type: MsgBlock, Epoch: 3, From: 1, To: 2, Block: voted},
		"state request":           {Type: MsgStateRequest, Epoch: 3, From: 1, To: 2},
		"state request for more":  {Type: MsgStateRequest, Epoch: 3, From: 1, To: 2, Index: 128, Chunk: 4, Chunks: 4},
		"no state":                {Type: MsgStateResponse, Epoch: 3, From: 2, To: 1, Index: 64},
		"state headers": {Type: MsgStateResponse, Epoch: 3, From: 2, To: 1, Index: 128, State: state, Chunks: 4,
			Headers: []CommitHeader{{Epoch: 3, Index: 128, Timestamp: 5, Leader: blocks[1].Ref(), Blocks: []BlockRef{blocks[1].Ref()}, Digest: chain.Digest{1, 2}}}},
		"state certifiers":              {Type: MsgStateResponse, Epoch: 3, From: 2, To: 1, Index: 128, State: state, Chunk: 1, Chunks: 4, Certifiers: []*Block{voted}},
		"state blocks":                  {Type: MsgStateResponse, Epoch: 3, From: 2, To: 1, Index: 128, State: state, Chunk: 2, Chunks: 4, Blocks: blocks[:2]},
		"state data":                    {Type: MsgStateResponse, Epoch: 3, From: 2, To: 1, Index: 128, State: state, Chunk: 3, Chunks: 4, Data: []byte("snapshot")},
		"block":                         {Type: MsgBlock, Epoch: 3, From: 1, To: 2, Block: blocks[0]},
		"fetch request":                 {Type: MsgFetchRequest, Epoch: 3, From: 2, To: 0, Refs: []BlockRef{blocks[1].Ref(), blocks[2].Ref()}, Have: []uint64{4, 0, 9, 1}},
		"catch-up request":              {Type: MsgFetchRequest, Epoch: 1 << 40, From: 3, To: 1, Have: []uint64{1, 2, 3, 4}},
		"fetch response":                {Type: MsgFetchResponse, Epoch: 3, From: 0, To: 3, Blocks: blocks},
		"empty response":                {Type: MsgFetchResponse, Epoch: 3, From: 0, To: 3},
		"empty request":                 {Type: MsgFetchRequest},
		"block of no epoch":             {Type: MsgBlock, Block: blocks[4]},
		"commit request":                {Type: MsgCommitRequest, Epoch: 3, From: 1, To: 2, Index: 77},
		"commit request holding a part": {Type: MsgCommitRequest, Epoch: 3, From: 1, To: 2, Index: 77, Chunk: 1},
		"commit response part": {Type: MsgCommitResponse, Epoch: 3, From: 2, To: 1, Index: 77, Chunk: 1, Blocks: blocks[1:2],
			Headers: []CommitHeader{{Epoch: 3, Index: 78, Timestamp: 5, Leader: blocks[1].Ref(), Blocks: []BlockRef{blocks[0].Ref(), blocks[1].Ref()}, Digest: chain.Digest{9}}}},
		"commit response": {Type: MsgCommitResponse, Epoch: 3, From: 2, To: 1, Index: 77, Full: 1, Blocks: blocks[:2],
			Headers: []CommitHeader{
				{Epoch: 3, Index: 78, Timestamp: 5, Leader: blocks[1].Ref(), LeaderOffset: 2, Blocks: []BlockRef{blocks[0].Ref(), blocks[1].Ref()}, Digest: chain.Digest{9}},
				{Epoch: 4, Index: 79, Timestamp: 6, Leader: blocks[2].Ref(), Blocks: []BlockRef{blocks[2].Ref()}, Digest: chain.Digest{8}},
			},
			Certifiers: blocks[3:4], Keys: []ed25519.PublicKey{testKeys(4)[3].Public().(ed25519.PublicKey)}},
		"last block request":  {Type: MsgLastBlockRequest, Epoch: 3, From: 1, To: 2},
		"last block response": {Type: MsgLastBlockResponse, Epoch: 3, From: 2, To: 1, Block: blocks[1]},
		"no last block":       {Type: MsgLastBlockResponse, Epoch: 3, From: 2, To: 1},
	}
}

// requireSameMessage compares messages field by field (blocks by digest and
// encoding).
func requireSameMessage(t *testing.T, want, got Message) {
	t.Helper()
	require.Equal(t, want.Type, got.Type)
	require.Equal(t, want.Epoch, got.Epoch)
	require.Equal(t, want.From, got.From)
	require.Equal(t, want.To, got.To)
	require.Equal(t, want.Refs, got.Refs)
	require.Equal(t, want.Have, got.Have)
	require.Equal(t, want.Index, got.Index)
	require.Equal(t, want.Headers, got.Headers)
	require.Equal(t, want.Full, got.Full)
	require.Equal(t, want.Keys, got.Keys)
	require.Equal(t, want.State, got.State)
	require.Equal(t, want.Chunk, got.Chunk)
	require.Equal(t, want.Chunks, got.Chunks)
	require.Equal(t, want.Data, got.Data)
	require.Len(t, got.Certifiers, len(want.Certifiers))
	for i := range want.Certifiers {
		require.Equal(t, want.Certifiers[i].Digest(), got.Certifiers[i].Digest())
	}
	require.Equal(t, want.Block == nil, got.Block == nil)
	blocks := func(m Message) (out []*Block) {
		if m.Block != nil {
			out = append(out, m.Block)
		}
		return append(out, m.Blocks...)
	}
	wb, gb := blocks(want), blocks(got)
	require.Len(t, gb, len(wb))
	for i := range wb {
		require.Equal(t, wb[i].Digest(), gb[i].Digest(), "block %d", i)
		require.Equal(t, wb[i].Size(), gb[i].Size(), "block %d", i)
		we, _ := wb[i].Marshal()
		ge, _ := gb[i].Marshal()
		require.Equal(t, we, ge, "block %d", i)
	}
}

func TestMessageRoundTrip(t *testing.T) {
	for name, m := range wireMessages(t) {
		t.Run(name, func(t *testing.T) {
			enc, err := m.Marshal()
			require.NoError(t, err)
			got, err := DecodeMessage(enc, MessageLimits{})
			require.NoError(t, err)
			requireSameMessage(t, m, got)
			again, err := got.Marshal()
			require.NoError(t, err)
			require.Equal(t, enc, again, "re-encoding differs")
			chunks, err := m.MarshalChunks(len(enc))
			require.NoError(t, err)
			require.Equal(t, [][]byte{enc}, chunks, "a message that fits is one chunk, the same bytes")
		})
	}
}

func TestMessageMarshalRefuses(t *testing.T) {
	blk := wireBlocks(t, 1, 0, 0)[0]
	tests := []struct {
		name string
		m    Message
	}{
		{"no type", Message{}},
		{"unknown type", Message{Type: 9, Block: blk}},
		{"block message without block", Message{Type: MsgBlock}},
		{"block message with refs", Message{Type: MsgBlock, Block: blk, Refs: []BlockRef{blk.Ref()}}},
		{"block message with have", Message{Type: MsgBlock, Block: blk, Have: []uint64{1}}},
		{"block message with blocks", Message{Type: MsgBlock, Block: blk, Blocks: []*Block{blk}}},
		{"request with a block", Message{Type: MsgFetchRequest, Block: blk}},
		{"request with blocks", Message{Type: MsgFetchRequest, Blocks: []*Block{blk}}},
		{"response with a block", Message{Type: MsgFetchResponse, Block: blk}},
		{"response with refs", Message{Type: MsgFetchResponse, Blocks: []*Block{blk}, Refs: []BlockRef{blk.Ref()}}},
		{"response with a nil block", Message{Type: MsgFetchResponse, Blocks: []*Block{blk, nil}}},
		{"block message with data", Message{Type: MsgBlock, Block: blk, Data: []byte{1}}},
		{"state request with blocks", Message{Type: MsgStateRequest, Blocks: []*Block{blk}}},
		{"state response with keys", Message{Type: MsgStateResponse, Chunks: 1, Certifiers: []*Block{blk}, Keys: []ed25519.PublicKey{make([]byte, 32)}}},
		{"state response blocks and data", Message{Type: MsgStateResponse, Chunks: 1, Blocks: []*Block{blk}, Data: []byte{1}}},
		{"state response chunk past chunks", Message{Type: MsgStateResponse, Chunk: 1, Chunks: 1}},
		{"state response negative chunk", Message{Type: MsgStateResponse, Chunk: -1, Chunks: 1}},
		{"block message with a chunk", Message{Type: MsgBlock, Block: blk, Chunk: 1}},
		{"fetch request with a chunk", Message{Type: MsgFetchRequest, Chunk: 1}},
		{"commit request with chunks", Message{Type: MsgCommitRequest, Chunk: 1, Chunks: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.Marshal()
			require.ErrorIs(t, err, ErrInvalidMessage)
			_, err = tc.m.MarshalChunks(1 << 20)
			require.ErrorIs(t, err, ErrInvalidMessage)
		})
	}
}

// encodeWire encodes a hand-made wire message (to build invalid input).
func encodeWire(t *testing.T, w messageWire) []byte {
	out, err := canonical.Marshal(w)
	require.NoError(t, err)
	return out
}

func TestDecodeMessageRefuses(t *testing.T) {
	blocks := wireBlocks(t, 3, 2, 10)
	blk, err := blocks[0].Marshal()
	require.NoError(t, err)
	valid, err := Message{Type: MsgFetchResponse, Blocks: blocks}.Marshal()
	require.NoError(t, err)
	ref := refWire{Round: 1, Author: 2, Digest: make([]byte, 32)}
	tests := []struct {
		name   string
		data   []byte
		limits MessageLimits
		also   error // a second sentinel the error wraps
	}{
		{"empty input", nil, MessageLimits{}, nil},
		{"not an array", []byte{0x01}, MessageLimits{}, nil},
		{"truncated", valid[:len(valid)-1], MessageLimits{}, nil},
		{"trailing byte", append(bytes.Clone(valid), 0), MessageLimits{}, nil},
		{"over MaxMessageBytes", valid, MessageLimits{MaxMessageBytes: len(valid) - 1}, ErrTooLarge},
		{"too many blocks", valid, MessageLimits{MaxBlocks: 2}, nil},
		{"block over MaxBlockBytes", valid, MessageLimits{Limits: Limits{MaxBlockBytes: len(blk) - 1}}, ErrInvalidBlock},
		{"wrong version", encodeWire(t, messageWire{Version: messageVersion + 1, Type: uint8(MsgBlock), Block: blk}), MessageLimits{}, nil},
		{"unknown type", encodeWire(t, messageWire{Version: messageVersion, Type: 99}), MessageLimits{}, nil},
		{"block message without block", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgBlock)}), MessageLimits{}, nil},
		{"block message with have", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgBlock), Block: blk, Have: []uint64{1}}), MessageLimits{}, nil},
		{"request with blocks", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchRequest), Blocks: [][]byte{blk}}), MessageLimits{}, nil},
		{"response with refs", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchResponse), Refs: []refWire{ref}}), MessageLimits{}, nil},
		{"short ref digest", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchRequest), Refs: []refWire{{Digest: []byte{1}}}}), MessageLimits{}, nil},
		{"too many refs", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchRequest), Refs: []refWire{ref, ref, ref}}), MessageLimits{MaxRefs: 2}, nil},
		{"have over MaxValidators", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchRequest), Have: make([]uint64, chain.MaxValidators+1)}), MessageLimits{MaxBlocks: 2 * chain.MaxValidators}, nil},
		{"garbage block", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgBlock), Block: []byte{0x80}}), MessageLimits{}, ErrInvalidBlock},
		{"garbage in response", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchResponse), Blocks: [][]byte{blk, {0xff}}}), MessageLimits{}, ErrInvalidBlock},
		{"block message with an index", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgBlock), Block: blk, Index: 3}), MessageLimits{}, nil},
		{"fetch response with headers", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchResponse), Headers: []headerWire{{Leader: ref, Digest: make([]byte, 32)}}}), MessageLimits{}, nil},
		{"commit request with blocks", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitRequest), Blocks: [][]byte{blk}}), MessageLimits{}, nil},
		{"commit response full past headers", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Full: 1}), MessageLimits{}, nil},
		{"commit response keys without certifiers", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Keys: [][]byte{make([]byte, 32)}}), MessageLimits{}, nil},
		{"commit response short key", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Certifiers: [][]byte{blk}, Keys: [][]byte{{1}}}), MessageLimits{}, nil},
		{"commit response short header digest", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Headers: []headerWire{{Leader: ref, Digest: []byte{1}}}}), MessageLimits{}, nil},
		{"state request with data", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateRequest), Data: []byte{1}}), MessageLimits{}, nil},
		{"state request with a vote", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateRequest), StateIndex: 8, StateCommit: make([]byte, 32), StateApp: make([]byte, 32)}), MessageLimits{}, nil},
		{"state response short app hash", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunks: 1, StateIndex: 8, StateCommit: make([]byte, 32), StateApp: []byte{1}}), MessageLimits{}, nil},
		{"state response digests of no vote", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunks: 1, StateCommit: make([]byte, 32), StateApp: make([]byte, 32)}), MessageLimits{}, nil},
		{"state response chunk past chunks", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunk: 2, Chunks: 2}), MessageLimits{}, nil},
		{"state response chunk of none", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunk: 1}), MessageLimits{}, nil},
		{"state response blocks and data", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunks: 2, Blocks: [][]byte{blk}, Data: []byte{1}}), MessageLimits{}, nil},
		{"state response with keys", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunks: 2, Certifiers: [][]byte{blk}, Keys: [][]byte{make([]byte, 32)}}), MessageLimits{}, nil},
		{"state response garbage certifier", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgStateResponse), Chunks: 2, Certifiers: [][]byte{{0xff}}}), MessageLimits{}, ErrInvalidBlock},
		{"block message with data", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgBlock), Block: blk, Data: []byte{1}}), MessageLimits{}, nil},
		{"fetch request with a chunk", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgFetchRequest), Chunk: 1}), MessageLimits{}, nil},
		{"commit response short header block", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Headers: []headerWire{{Leader: ref, Digest: make([]byte, 32), Blocks: []refWire{{Digest: []byte{2}}}}}}), MessageLimits{}, nil},
		{"commit response garbage certifier", encodeWire(t, messageWire{Version: messageVersion, Type: uint8(MsgCommitResponse), Certifiers: [][]byte{{0xff}}, Keys: [][]byte{make([]byte, 32)}}), MessageLimits{}, ErrInvalidBlock},
		// 0x18 0x01 is 1 in two bytes: well formed, not canonical.
		{"non-minimal version", append([]byte{valid[0], 0x18, 0x01}, valid[2:]...), MessageLimits{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeMessage(tc.data, tc.limits)
			require.ErrorIs(t, err, ErrInvalidMessage)
			if tc.also != nil {
				require.ErrorIs(t, err, tc.also)
			}
		})
	}
}

func TestMarshalChunks(t *testing.T) {
	blocks := wireBlocks(t, 9, 4, 100)
	m := Message{Type: MsgFetchResponse, Epoch: 3, From: 1, To: 2, Blocks: blocks}
	whole, err := m.Marshal()
	require.NoError(t, err)
	one, err := blocks[0].Marshal()
	require.NoError(t, err)
	tests := []struct {
		name     string
		max      int
		chunks   int   // 0: fails
		failWith error // when chunks is 0
	}{
		{"everything fits", len(whole), 1, nil},
		{"one byte short", len(whole) - 1, 2, nil},
		{"about three blocks each", 3*len(one) + 40, 3, nil},
		{"one block each", len(one) + 26, 9, nil}, // the header of a message is 26 bytes or less here
		{"no block fits", len(one), 0, ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			chunks, err := m.MarshalChunks(tc.max)
			if tc.chunks == 0 {
				require.ErrorIs(t, err, tc.failWith)
				return
			}
			require.NoError(t, err)
			require.Len(t, chunks, tc.chunks)
			var got []*Block
			for _, c := range chunks {
				require.LessOrEqual(t, len(c), tc.max)
				d, err := DecodeMessage(c, MessageLimits{})
				require.NoError(t, err)
				require.Equal(t, MsgFetchResponse, d.Type)
				require.Equal(t, m.From, d.From)
				require.Equal(t, m.To, d.To)
				require.Equal(t, m.Epoch, d.Epoch)
				got = append(got, d.Blocks...)
			}
			requireSameMessage(t, m, Message{Type: m.Type, Epoch: m.Epoch, From: m.From, To: m.To, Blocks: got})
		})
	}
	// Other messages are one chunk or fail.
	bm := Message{Type: MsgBlock, Block: blocks[0]}
	enc, err := bm.Marshal()
	require.NoError(t, err)
	_, err = bm.MarshalChunks(len(enc) - 1)
	require.ErrorIs(t, err, ErrTooLarge)
}

// TestMessageSteps: a decoded message drives a RawNode like the original (the
// codec loses nothing the core needs).
func TestMessageSteps(t *testing.T) {
	encoded, fresh := fuzzNetwork(t)
	var blocks []*Block
	for _, e := range encoded {
		b, err := DecodeBlock(e, Limits{})
		require.NoError(t, err)
		blocks = append(blocks, b)
	}
	m := Message{Type: MsgFetchResponse, From: 1, Blocks: blocks}
	enc, err := m.Marshal()
	require.NoError(t, err)
	got, err := DecodeMessage(enc, MessageLimits{})
	require.NoError(t, err)
	a, b := fresh(), fresh()
	errA, errB := a.Step(m), b.Step(got)
	require.Equal(t, fmt.Sprint(errA), fmt.Sprint(errB))
	require.Equal(t, a.Stats(), b.Stats())
	require.Positive(t, a.Stats().Accepted)
}

// FuzzDecodeMessage: no panic on any input; an error wraps ErrInvalidMessage;
// what decodes is canonical (re-encodes to the input) and its blocks' digests
// are those of their fields.
func FuzzDecodeMessage(f *testing.F) {
	for _, m := range wireMessages(f) {
		enc, err := m.Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeMessage(data, MessageLimits{MaxMessageBytes: 1 << 20})
		if err != nil {
			if !errors.Is(err, ErrInvalidMessage) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		again, err := m.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded message does not re-encode to its input: %v", err)
		}
		for _, b := range append([]*Block{m.Block}, m.Blocks...) {
			if b == nil {
				continue
			}
			if d, _, err := b.signingDigest(); err != nil || d != b.Digest() {
				t.Fatalf("block digest from bytes %s differs from digest of fields %s", b.Digest(), d)
			}
		}
	})
}

// BenchmarkDecodeMessage decodes a block message of 1000 transactions of 512
// bytes (about 520 KB), and a fetch response of 64 blocks of 10.
func BenchmarkDecodeMessage(b *testing.B) {
	tests := []struct {
		name string
		m    Message
	}{
		{"block-1000x512B", Message{Type: MsgBlock, Block: wireBlocks(b, 1, 1000, 512)[0]}},
		{"response-64x10x512B", Message{Type: MsgFetchResponse, Blocks: wireBlocks(b, 64, 10, 512)}},
	}
	for _, tc := range tests {
		enc, err := tc.m.Marshal()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(enc)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DecodeMessage(enc, MessageLimits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
