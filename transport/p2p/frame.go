package p2p

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/depinkit/depinkit/transport"
)

// The libp2p protocols of a host, besides gossipsub's.
const (
	// msgProtocol carries frames of Send (and of Publish on topics the host did
	// not join), many on one long-lived stream per peer and direction.
	msgProtocol protocol.ID = "/depinkit/transport/msg/1"
	// reqProtocol carries one request frame and its response per stream.
	reqProtocol protocol.ID = "/depinkit/transport/req/1"
	// cutProtocol tells a peer that this host cut the link to it (Disconnect).
	cutProtocol protocol.ID = "/depinkit/transport/cut/1"
)

// gossipOverhead is what gossipsub adds to a message's data (author, sequence
// number, signature, topic, framing), well over what it takes.
const gossipOverhead = 4 << 10

// Frame kinds: the first byte of a frame.
const (
	kindSend    byte = 1 // a Send: the name is a protocol
	kindPublish byte = 2 // a Publish on a topic not joined: the name is a topic
	kindRequest byte = 3 // a Request: the name is a protocol
)

// Response statuses: the first byte of a response.
const (
	statusOK          byte = 0 // data follows
	statusError       byte = 1 // the handler failed: its error text follows
	statusUnsupported byte = 2 // no handler for the protocol
	statusTooLarge    byte = 3 // the request or the response was over a limit
)

// ErrMalformed reports a frame that does not parse: a peer answered a request
// with garbage. Inbound garbage is dropped and counted (Stats.Malformed).
var ErrMalformed = errors.New("p2p: malformed frame")

// errOversize reports an inbound frame whose data is over the host's limit.
var errOversize = errors.New("p2p: oversized frame")

// appendFrame appends a frame to b:
//
//	kind (1 byte) | uvarint len(name) | name | uvarint len(data) | data
func appendFrame(b []byte, kind byte, name string, data []byte) []byte {
	b = append(b, kind)
	b = binary.AppendUvarint(b, uint64(len(name)))
	b = append(b, name...)
	b = binary.AppendUvarint(b, uint64(len(data)))
	return append(b, data...)
}

// frameLen returns the size of a frame.
func frameLen(name string, data []byte) int {
	return 1 + 2*binary.MaxVarintLen64 + len(name) + len(data)
}

// readFrame reads one frame whose data is at most limit bytes. It returns
// io.EOF at a clean end of stream, an error wrapping ErrMalformed for bytes that
// are not a frame, errOversize for data over limit (not read), and the stream's
// error otherwise.
func readFrame(r *bufio.Reader, limit int) (kind byte, name string, data []byte, err error) {
	kind, err = r.ReadByte()
	if err != nil {
		return 0, "", nil, err
	}
	if kind != kindSend && kind != kindPublish && kind != kindRequest {
		return 0, "", nil, fmt.Errorf("%w: kind %d", ErrMalformed, kind)
	}
	n, err := readLen(r)
	if err != nil {
		return 0, "", nil, err
	}
	if n == 0 || n > transport.MaxNameLen {
		return 0, "", nil, fmt.Errorf("%w: name of %d bytes", ErrMalformed, n)
	}
	nb := make([]byte, n)
	if _, err := io.ReadFull(r, nb); err != nil {
		return 0, "", nil, truncated(err)
	}
	data, err = readData(r, limit)
	return kind, string(nb), data, err
}

// readData reads a uvarint length and as many bytes, at most limit.
func readData(r *bufio.Reader, limit int) ([]byte, error) {
	n, err := readLen(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(limit) {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", errOversize, n, limit)
	}
	if n == 0 {
		return nil, nil
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, truncated(err)
	}
	return data, nil
}

// readLen reads a uvarint inside a frame: an end of stream there is a
// truncated frame.
func readLen(r *bufio.Reader) (uint64, error) {
	var x uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		b, err := r.ReadByte()
		if err != nil {
			return 0, truncated(err)
		}
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break
			}
			return x | uint64(b)<<(7*i), nil
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return 0, fmt.Errorf("%w: length overflows", ErrMalformed)
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: truncated", ErrMalformed)
	}
	return err
}
