package dag

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"math"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/internal/canonical"
)

// ErrTooLarge reports a message over a size limit: on decoding, the input; on
// encoding in chunks, a block that fits in no chunk.
var ErrTooLarge = errors.New("dag: message too large")

// MessageLimits bound what DecodeMessage accepts. Zero fields take the
// DefaultMessageLimits ones. They bound decoding only: RawNode.Step enforces its
// Config (MaxFetchRefs, MaxFetchBlocks, the validator count) on top.
type MessageLimits struct {
	// Limits bound each block the message carries.
	Limits
	// MaxMessageBytes bounds the encoded message. Default 8 MiB, twice the
	// default MaxBlockBytes: a largest block fits in a block message.
	MaxMessageBytes int
	// MaxRefs bounds the refs of a fetch request. Default 1024.
	MaxRefs int
	// MaxBlocks bounds the blocks of a fetch response. Default 4096.
	MaxBlocks int
}

// DefaultMessageLimits are the limits used for zero fields.
var DefaultMessageLimits = MessageLimits{Limits: DefaultLimits, MaxMessageBytes: 8 << 20, MaxRefs: 1024, MaxBlocks: 4096}

func (l MessageLimits) withDefaults() MessageLimits {
	l.Limits = l.Limits.withDefaults()
	if l.MaxMessageBytes <= 0 {
		l.MaxMessageBytes = DefaultMessageLimits.MaxMessageBytes
	}
	if l.MaxRefs <= 0 {
		l.MaxRefs = DefaultMessageLimits.MaxRefs
	}
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultMessageLimits.MaxBlocks
	}
	return l
}

const messageVersion = 3 // 2: commit sync; 3: state sync

// headerWire is a CommitHeader on the wire.
type headerWire struct {
	_            struct{} `cbor:",toarray"`
	Epoch        uint64
	Index        uint64
	Timestamp    int64
	Leader       refWire
	LeaderOffset uint32
	Blocks       []refWire
	Digest       []byte
}

// messageWire is a Message on the wire: a CBOR array whose fields not used by
// the message's type are empty. Blocks are carried as byte strings holding their
// own canonical encoding, so that a block's digest is computed from exactly the
// bytes its author signed.
type messageWire struct {
	_       struct{} `cbor:",toarray"`
	Version uint8
	Type    uint8
	Epoch   uint64
	From    uint32
	To      uint32
	Block   []byte    // MsgBlock
	Refs    []refWire // MsgFetchRequest
	Have    []uint64  // MsgFetchRequest
	Blocks  [][]byte  // MsgFetchResponse, MsgCommitResponse
	// MsgCommitRequest, MsgCommitResponse:
	Index      uint64
	Headers    []headerWire
	Full       uint32
	Certifiers [][]byte
	Keys       [][]byte
	// MsgStateRequest, MsgStateResponse (a state vote: all three empty, or
	// an index and two 32-byte digests):
	StateIndex  uint64
	StateCommit []byte
	StateApp    []byte
	Chunk       uint32 // also MsgCommitRequest and MsgCommitResponse: a commit's part
	Chunks      uint32
	Data        []byte
}

// shape says which fields of a message are set.
type shape struct {
	block, refs, have, blocks bool
	headers, full, certifiers bool
	keys                      bool
	index                     bool
	state, chunk, chunks      bool
	data                      bool
}

func (m *Message) shape() shape {
	return shape{block: m.Block != nil, refs: len(m.Refs) > 0, have: len(m.Have) > 0, blocks: len(m.Blocks) > 0,
		headers: len(m.Headers) > 0, full: m.Full != 0, certifiers: len(m.Certifiers) > 0, keys: len(m.Keys) > 0,
		index: m.Index != 0, state: !m.State.IsZero(), chunk: m.Chunk != 0, chunks: m.Chunks != 0, data: len(m.Data) > 0}
}

func (w *messageWire) shape() shape {
	return shape{block: len(w.Block) > 0, refs: len(w.Refs) > 0, have: len(w.Have) > 0, blocks: len(w.Blocks) > 0,
		headers: len(w.Headers) > 0, full: w.Full != 0, certifiers: len(w.Certifiers) > 0, keys: len(w.Keys) > 0,
		index: w.Index != 0, state: w.StateIndex != 0 || len(w.StateCommit) > 0 || len(w.StateApp) > 0,
		chunk: w.Chunk != 0, chunks: w.Chunks != 0, data: len(w.Data) > 0}
}

// checkShape reports a message whose fields do not match its type.
func checkShape(typ MessageType, s shape) error {
	commits := s.headers || s.full || s.certifiers || s.keys
	// Chunk is also a commit sync field: the blocks of the next commit an
	// asker holds, and the offset of a part of one (commitsync.go).
	state := s.state || s.chunks || s.data || (s.chunk && typ != MsgCommitRequest && typ != MsgCommitResponse)
	switch typ {
	case MsgCommitResponse:
	case MsgStateResponse:
		if s.full || s.keys {
			return fmt.Errorf("%w: state response with commit response fields", ErrInvalidMessage)
		}
	default:
		if commits {
			return fmt.Errorf("%w: %v message with commit sync fields", ErrInvalidMessage, typ)
		}
	}
	if state && typ != MsgStateRequest && typ != MsgStateResponse {
		return fmt.Errorf("%w: %v message with state sync fields", ErrInvalidMessage, typ)
	}
	if s.index && typ != MsgCommitRequest && typ != MsgCommitResponse && typ != MsgStateRequest && typ != MsgStateResponse {
		return fmt.Errorf("%w: %v message with an index", ErrInvalidMessage, typ)
	}
	switch typ {
	case MsgBlock:
		if !s.block {
			return fmt.Errorf("%w: block message without a block", ErrInvalidMessage)
		}
		if s.refs || s.have || s.blocks {
			return fmt.Errorf("%w: block message with fetch fields", ErrInvalidMessage)
		}
	case MsgFetchRequest:
		if s.block || s.blocks {
			return fmt.Errorf("%w: fetch request with blocks", ErrInvalidMessage)
		}
	case MsgFetchResponse:
		if s.block || s.refs || s.have {
			return fmt.Errorf("%w: fetch response with a block or request fields", ErrInvalidMessage)
		}
	case MsgCommitRequest:
		if s.block || s.refs || s.have || s.blocks {
			return fmt.Errorf("%w: commit request with blocks or fetch fields", ErrInvalidMessage)
		}
	case MsgCommitResponse:
		if s.block || s.refs || s.have {
			return fmt.Errorf("%w: commit response with a block or fetch fields", ErrInvalidMessage)
		}
	case MsgLastBlockRequest, MsgLastBlockResponse:
		if s.refs || s.have || s.blocks || (s.block && typ == MsgLastBlockRequest) {
			return fmt.Errorf("%w: %v with fetch fields", ErrInvalidMessage, typ)
		}
	case MsgStateRequest:
		if s.block || s.refs || s.have || s.blocks || s.state || s.data {
			return fmt.Errorf("%w: state request with blocks, fetch or response fields", ErrInvalidMessage)
		}
	case MsgStateResponse:
		if s.block || s.refs || s.have {
			return fmt.Errorf("%w: state response with a block or fetch fields", ErrInvalidMessage)
		}
		kinds := 0
		for _, k := range []bool{s.headers, s.certifiers, s.blocks, s.data} {
			if k {
				kinds++
			}
		}
		if kinds > 1 {
			return fmt.Errorf("%w: state response chunk with more than one of headers, certifiers, blocks and data", ErrInvalidMessage)
		}
		if s.chunk && !s.chunks {
			return fmt.Errorf("%w: state response chunk of no chunks", ErrInvalidMessage)
		}
	default:
		return fmt.Errorf("%w: type %d", ErrInvalidMessage, typ)
	}
	return nil
}

// wireHead returns m's wire form without its blocks.
func (m Message) wireHead() (messageWire, error) {
	if err := checkShape(m.Type, m.shape()); err != nil {
		return messageWire{}, err
	}
	if m.Chunk < 0 || m.Chunks < 0 || m.Chunk > math.MaxUint32 || m.Chunks > math.MaxUint32 || (m.Type == MsgStateResponse && m.Chunks > 0 && m.Chunk >= m.Chunks) {
		return messageWire{}, fmt.Errorf("%w: chunk %d of %d", ErrInvalidMessage, m.Chunk, m.Chunks)
	}
	keys := len(m.Keys)
	if m.Type == MsgStateResponse {
		keys = len(m.Certifiers) // a state response's certifiers have no keys
	}
	if m.Full < 0 || m.Full > len(m.Headers) || keys != len(m.Certifiers) {
		return messageWire{}, fmt.Errorf("%w: commit response with %d headers, %d full, %d certifiers, %d keys", ErrInvalidMessage, len(m.Headers), m.Full, len(m.Certifiers), len(m.Keys))
	}
	w := messageWire{Version: messageVersion, Type: uint8(m.Type), Epoch: m.Epoch, From: m.From, To: m.To, Have: m.Have, Index: m.Index, Full: uint32(m.Full),
		Chunk: uint32(m.Chunk), Chunks: uint32(m.Chunks), Data: m.Data}
	if !m.State.IsZero() {
		w.StateIndex, w.StateCommit, w.StateApp = m.State.Index, m.State.Commit[:], m.State.AppHash[:]
	}
	for i := range m.Headers {
		w.Headers = append(w.Headers, headerToWire(&m.Headers[i]))
	}
	for i, b := range m.Certifiers {
		if b == nil {
			return messageWire{}, fmt.Errorf("%w: certifiers[%d] is nil", ErrInvalidMessage, i)
		}
		enc, err := b.Marshal()
		if err != nil {
			return messageWire{}, err
		}
		w.Certifiers = append(w.Certifiers, enc)
		if m.Type != MsgStateResponse {
			w.Keys = append(w.Keys, m.Keys[i])
		}
	}
	if len(m.Refs) > 0 {
		w.Refs = make([]refWire, len(m.Refs))
		for i, r := range m.Refs {
			w.Refs[i] = refWire{Round: r.Round, Author: r.Author, Digest: r.Digest[:]}
		}
	}
	return w, nil
}

// Marshal encodes the message as canonical CBOR, for a transport. A message
// whose fields do not match its type (a block message without a block, a fetch
// request with blocks...) is refused with an error wrapping ErrInvalidMessage.
// DecodeMessage(m.Marshal()) gives m back, with nil for empty slices.
func (m Message) Marshal() ([]byte, error) {
	w, err := m.wireHead()
	if err != nil {
		return nil, err
	}
	if m.Block != nil {
		if w.Block, err = m.Block.Marshal(); err != nil {
			return nil, err
		}
	}
	if len(m.Blocks) > 0 {
		w.Blocks = make([][]byte, len(m.Blocks))
		for i, b := range m.Blocks {
			if b == nil {
				return nil, fmt.Errorf("%w: blocks[%d] is nil", ErrInvalidMessage, i)
			}
			if w.Blocks[i], err = b.Marshal(); err != nil {
				return nil, err
			}
		}
	}
	out, err := canonical.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("dag: encode message: %w", err)
	}
	return out, nil
}

// MarshalChunks encodes the message in encodings of at most maxBytes each: a
// fetch response is split into several responses carrying its blocks in order
// (each block whole); any other message is one encoding. A message (or block)
// that fits in no chunk fails with an error wrapping ErrTooLarge.
func (m Message) MarshalChunks(maxBytes int) ([][]byte, error) {
	if m.Type != MsgFetchResponse {
		// A commit response is verified whole: ServeCommits bounds its size.
		out, err := m.Marshal()
		if err != nil {
			return nil, err
		}
		if len(out) > maxBytes {
			return nil, fmt.Errorf("%w: %s message of %d bytes, at most %d", ErrTooLarge, m.Type, len(out), maxBytes)
		}
		return [][]byte{out}, nil
	}
	w, err := m.wireHead()
	if err != nil {
		return nil, err
	}
	encoded := make([][]byte, len(m.Blocks))
	for i, b := range m.Blocks {
		if b == nil {
			return nil, fmt.Errorf("%w: blocks[%d] is nil", ErrInvalidMessage, i)
		}
		if encoded[i], err = b.Marshal(); err != nil {
			return nil, err
		}
	}
	head, err := canonical.Marshal(w) // with an empty block array: one byte
	if err != nil {
		return nil, fmt.Errorf("dag: encode message: %w", err)
	}
	size := func(blocks, blockBytes int) int {
		return len(head) - 1 + len(appendBstrHead(nil, blocks)) + blockBytes
	}
	var out [][]byte
	for start := 0; start < len(encoded); {
		end, used := start, 0
		for end < len(encoded) {
			item := len(appendBstrHead(nil, len(encoded[end]))) + len(encoded[end])
			if size(end+1-start, used+item) > maxBytes {
				break
			}
			used += item
			end++
		}
		if end == start {
			return nil, fmt.Errorf("%w: block %s of %d bytes fits in no message of %d bytes", ErrTooLarge, m.Blocks[start].Ref(), len(encoded[start]), maxBytes)
		}
		w.Blocks = encoded[start:end]
		chunk, err := canonical.Marshal(w)
		if err != nil {
			return nil, fmt.Errorf("dag: encode message: %w", err)
		}
		out = append(out, chunk)
		start = end
	}
	if len(out) == 0 { // a response without blocks
		out = append(out, head)
	}
	return out, nil
}

// DecodeMessage decodes a message within limits. It accepts only the canonical
// encoding (Message.Marshal's) and checks the encoding only: the blocks' digests
// are computed from their bytes, and RawNode.Step checks the rest (signatures,
// the sender, the epoch). Every error wraps ErrInvalidMessage, and also
// ErrTooLarge for oversized input and ErrInvalidBlock for a malformed block.
func DecodeMessage(data []byte, l MessageLimits) (Message, error) {
	l = l.withDefaults()
	if len(data) > l.MaxMessageBytes {
		return Message{}, fmt.Errorf("%w: %w: %d bytes, at most %d", ErrInvalidMessage, ErrTooLarge, len(data), l.MaxMessageBytes)
	}
	dec, err := canonical.NewDecoder(canonical.Limits{MaxNested: 6, MaxArray: max(l.MaxRefs, l.MaxBlocks, chain.MaxValidators, 16), MaxMap: 16})
	if err != nil {
		return Message{}, err
	}
	var w messageWire
	if err := dec.UnmarshalCanonical(data, &w); err != nil {
		return Message{}, fmt.Errorf("%w: %v", ErrInvalidMessage, err)
	}
	if w.Version != messageVersion {
		return Message{}, fmt.Errorf("%w: version %d, want %d", ErrInvalidMessage, w.Version, messageVersion)
	}
	m := Message{Type: MessageType(w.Type), Epoch: w.Epoch, From: w.From, To: w.To, Index: w.Index, Full: int(w.Full),
		Chunk: int(w.Chunk), Chunks: int(w.Chunks)}
	if err := checkShape(m.Type, w.shape()); err != nil {
		return Message{}, err
	}
	keys := len(w.Keys)
	if m.Type == MsgStateResponse {
		keys = len(w.Certifiers)
	}
	switch {
	case m.Type == MsgStateResponse && w.Chunks > 0 && w.Chunk >= w.Chunks:
		return Message{}, fmt.Errorf("%w: chunk %d of %d", ErrInvalidMessage, w.Chunk, w.Chunks)
	case w.StateIndex == 0 && (len(w.StateCommit) > 0 || len(w.StateApp) > 0),
		w.StateIndex != 0 && (len(w.StateCommit) != len(chain.Digest{}) || len(w.StateApp) != len(chain.Digest{})):
		return Message{}, fmt.Errorf("%w: state vote of commit %d with a %d-byte commit digest and a %d-byte app hash", ErrInvalidMessage, w.StateIndex, len(w.StateCommit), len(w.StateApp))
	case int(w.Full) > len(w.Headers) || keys != len(w.Certifiers):
		return Message{}, fmt.Errorf("%w: commit response with %d headers, %d full, %d certifiers, %d keys", ErrInvalidMessage, len(w.Headers), w.Full, len(w.Certifiers), len(w.Keys))
	case len(w.Headers) > l.MaxBlocks:
		return Message{}, fmt.Errorf("%w: %d commit headers, at most %d", ErrInvalidMessage, len(w.Headers), l.MaxBlocks)
	case len(w.Certifiers) > chain.MaxValidators:
		return Message{}, fmt.Errorf("%w: %d certifiers, at most %d", ErrInvalidMessage, len(w.Certifiers), chain.MaxValidators)
	}
	for i, hw := range w.Headers {
		h, err := headerFromWire(hw)
		if err != nil {
			return Message{}, fmt.Errorf("%w: headers[%d]: %w", ErrInvalidMessage, i, err)
		}
		m.Headers = append(m.Headers, h)
	}
	if w.StateIndex != 0 {
		m.State.Index = w.StateIndex
		copy(m.State.Commit[:], w.StateCommit)
		copy(m.State.AppHash[:], w.StateApp)
	}
	if len(w.Data) > 0 {
		m.Data = w.Data
	}
	for i, enc := range w.Certifiers {
		if m.Type == MsgStateResponse {
			b, err := DecodeBlock(enc, l.Limits)
			if err != nil {
				return Message{}, fmt.Errorf("%w: certifiers[%d]: %w", ErrInvalidMessage, i, err)
			}
			m.Certifiers = append(m.Certifiers, b)
			continue
		}
		if len(w.Keys[i]) != ed25519.PublicKeySize {
			return Message{}, fmt.Errorf("%w: keys[%d] is %d bytes", ErrInvalidMessage, i, len(w.Keys[i]))
		}
		b, err := DecodeBlock(enc, l.Limits)
		if err != nil {
			return Message{}, fmt.Errorf("%w: certifiers[%d]: %w", ErrInvalidMessage, i, err)
		}
		m.Certifiers = append(m.Certifiers, b)
		m.Keys = append(m.Keys, ed25519.PublicKey(w.Keys[i]))
	}
	switch {
	case len(w.Refs) > l.MaxRefs:
		return Message{}, fmt.Errorf("%w: %d refs, at most %d", ErrInvalidMessage, len(w.Refs), l.MaxRefs)
	case len(w.Have) > chain.MaxValidators:
		return Message{}, fmt.Errorf("%w: have has %d entries, at most %d", ErrInvalidMessage, len(w.Have), chain.MaxValidators)
	case len(w.Blocks) > l.MaxBlocks:
		return Message{}, fmt.Errorf("%w: %d blocks, at most %d", ErrInvalidMessage, len(w.Blocks), l.MaxBlocks)
	}
	if len(w.Block) > 0 {
		if m.Block, err = DecodeBlock(w.Block, l.Limits); err != nil {
			return Message{}, fmt.Errorf("%w: block: %w", ErrInvalidMessage, err)
		}
	}
	if len(w.Refs) > 0 {
		m.Refs = make([]BlockRef, len(w.Refs))
		for i, r := range w.Refs {
			if len(r.Digest) != len(chain.Digest{}) {
				return Message{}, fmt.Errorf("%w: refs[%d].digest is %d bytes", ErrInvalidMessage, i, len(r.Digest))
			}
			m.Refs[i] = BlockRef{Round: r.Round, Author: r.Author}
			copy(m.Refs[i].Digest[:], r.Digest)
		}
	}
	if len(w.Have) > 0 {
		m.Have = w.Have
	}
	if len(w.Blocks) > 0 {
		m.Blocks = make([]*Block, len(w.Blocks))
		for i, enc := range w.Blocks {
			if m.Blocks[i], err = DecodeBlock(enc, l.Limits); err != nil {
				return Message{}, fmt.Errorf("%w: blocks[%d]: %w", ErrInvalidMessage, i, err)
			}
		}
	}
	return m, nil
}

// refFromWire checks and converts a ref.
func refFromWire(r refWire) (BlockRef, error) {
	if len(r.Digest) != len(chain.Digest{}) {
		return BlockRef{}, fmt.Errorf("%w: digest is %d bytes", ErrInvalidMessage, len(r.Digest))
	}
	ref := BlockRef{Round: r.Round, Author: r.Author}
	copy(ref.Digest[:], r.Digest)
	return ref, nil
}

// headerToWire converts a header for encoding.
func headerToWire(h *CommitHeader) headerWire {
	hw := headerWire{Epoch: h.Epoch, Index: h.Index, Timestamp: h.Timestamp, LeaderOffset: h.LeaderOffset, Digest: h.Digest[:],
		Leader: refWire{Round: h.Leader.Round, Author: h.Leader.Author, Digest: h.Leader.Digest[:]}, Blocks: make([]refWire, len(h.Blocks))}
	for i, r := range h.Blocks {
		hw.Blocks[i] = refWire{Round: r.Round, Author: r.Author, Digest: r.Digest[:]}
	}
	return hw
}

// headerFromWire checks and converts a decoded header.
func headerFromWire(hw headerWire) (CommitHeader, error) {
	h := CommitHeader{Epoch: hw.Epoch, Index: hw.Index, Timestamp: hw.Timestamp, LeaderOffset: hw.LeaderOffset}
	var err error
	if h.Leader, err = refFromWire(hw.Leader); err != nil {
		return h, fmt.Errorf("leader: %w", err)
	}
	if len(hw.Digest) != len(h.Digest) {
		return h, fmt.Errorf("%w: digest is %d bytes", ErrInvalidMessage, len(hw.Digest))
	}
	copy(h.Digest[:], hw.Digest)
	h.Blocks = make([]BlockRef, len(hw.Blocks))
	for j, r := range hw.Blocks {
		if h.Blocks[j], err = refFromWire(r); err != nil {
			return h, fmt.Errorf("blocks[%d]: %w", j, err)
		}
	}
	return h, nil
}

// Marshal encodes the header as canonical CBOR (for a store).
func (h *CommitHeader) Marshal() ([]byte, error) {
	out, err := canonical.Marshal(headerToWire(h))
	if err != nil {
		return nil, fmt.Errorf("dag: encode commit header: %w", err)
	}
	return out, nil
}

// DecodeCommitHeader decodes a header encoded by CommitHeader.Marshal, with at
// most maxBlocks block refs (at least 16 are always allowed). Errors wrap
// ErrInvalidMessage.
func DecodeCommitHeader(data []byte, maxBlocks int) (CommitHeader, error) {
	dec, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: max(maxBlocks, 16), MaxMap: 16})
	if err != nil {
		return CommitHeader{}, err
	}
	var hw headerWire
	if err := dec.UnmarshalCanonical(data, &hw); err != nil {
		return CommitHeader{}, fmt.Errorf("%w: commit header: %v", ErrInvalidMessage, err)
	}
	h, err := headerFromWire(hw)
	if err != nil {
		return CommitHeader{}, fmt.Errorf("%w: commit header: %w", ErrInvalidMessage, err)
	}
	return h, nil
}
