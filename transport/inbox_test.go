package transport_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
)

func peerID(b byte) transport.PeerID {
	var id transport.PeerID
	id[0] = b
	return id
}

func recv(t *testing.T, q *transport.PeerInbox) transport.Envelope {
	t.Helper()
	select {
	case env := <-q.C():
		return env
	case <-time.After(5 * time.Second):
		require.FailNow(t, "no message")
	}
	return transport.Envelope{}
}

// TestPeerInboxBytes: a sender's queue is bounded in bytes; other senders
// still get in, and the consumer takes the senders in turn.
func TestPeerInboxBytes(t *testing.T) {
	cfg := transport.Config{MaxMessageSize: 100, InboxSize: 1000, InboxPeerBytes: 250}
	require.NoError(t, cfg.Validate())
	q := transport.NewPeerInbox(cfg)
	defer q.Close()
	flooder, other := peerID(1), peerID(2)
	put := func(from transport.PeerID, n int) bool {
		return q.Put(transport.Envelope{From: from, Protocol: "p", Data: make([]byte, n)})
	}
	require.True(t, put(flooder, 100))
	require.True(t, put(flooder, 100))
	require.True(t, put(flooder, 50))
	require.False(t, put(flooder, 1), "the flooder's share is full")
	_, queued := q.Queued(flooder)
	require.Equal(t, 250, queued)
	require.True(t, put(other, 100), "another sender still gets in")
	require.True(t, put(other, 10))

	// Round robin between the queued senders: the other sender's two
	// messages come among the first four, not after the flooder's three.
	// (The flooder's first message may already be on its way to C before the
	// other sender's arrive, so the exact order is 1,2,1,2,1 or 1,1,2,1,2.)
	var from []byte
	for range 5 {
		from = append(from, recv(t, q).From[0])
	}
	require.ElementsMatch(t, []byte{1, 1, 1, 2, 2}, from)
	require.NotEqual(t, []byte{1, 1, 1, 2, 2}, from, "the other sender waited for the flooder's whole queue")
	require.Equal(t, byte(1), from[0], "%v", from)
	// Once delivered, the flooder's bytes are free again.
	require.Eventually(t, func() bool { _, b := q.Queued(flooder); return b == 0 }, 5*time.Second, time.Millisecond)
	require.True(t, put(flooder, 100))
	require.Equal(t, byte(1), recv(t, q).From[0])
}

// TestPeerInboxMessages: InboxSize bounds the messages of all senders
// together; Close closes C and refuses more.
func TestPeerInboxMessages(t *testing.T) {
	cfg := transport.Config{InboxSize: 3}
	require.NoError(t, cfg.Validate())
	q := transport.NewPeerInbox(cfg)
	for i := range 3 {
		require.True(t, q.Put(transport.Envelope{From: peerID(byte(i)), Data: []byte{1}}))
	}
	require.False(t, q.Put(transport.Envelope{From: peerID(9), Data: []byte{1}}))
	recv(t, q)
	require.Eventually(t, func() bool { return q.Put(transport.Envelope{From: peerID(9), Data: []byte{1}}) }, 5*time.Second, time.Millisecond)
	q.Close()
	q.Close()
	require.False(t, q.Put(transport.Envelope{From: peerID(9)}))
	for range q.C() { //nolint:revive // drain until closed
	}
}

func TestConfigInboxPeerBytes(t *testing.T) {
	cfg := transport.Config{MaxMessageSize: 100}
	require.NoError(t, cfg.Validate())
	require.Equal(t, 200, cfg.InboxPeerBytes)
	cfg = transport.Config{MaxMessageSize: 100, InboxPeerBytes: 99}
	require.ErrorIs(t, cfg.Validate(), transport.ErrConfig)
	cfg = transport.Config{InboxPeerBytes: -1}
	require.ErrorIs(t, cfg.Validate(), transport.ErrConfig)
}
