package p2p

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
)

const testTopic = "/test/blocks/1"

func testKey(i int) ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	seed[0], seed[1] = byte(i), 0xba
	return ed25519.NewKeyFromSeed(seed)
}

func testID(k ed25519.PrivateKey) transport.PeerID {
	id, _ := transport.IDFromPublicKey(k.Public().(ed25519.PublicKey))
	return id
}

// newHost starts a host on TCP loopback, closed at the end of the test.
func newHost(t *testing.T, cfg Config) *Host {
	t.Helper()
	if cfg.ListenAddrs == nil {
		cfg.ListenAddrs = []string{"/ip4/127.0.0.1/tcp/0"}
	}
	h, err := New(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = h.Close() })
	return h
}

// rawHost is a bare libp2p host with key k: a peer that speaks the host's
// protocols by hand, and badly.
func rawHost(t *testing.T, k ed25519.PrivateKey) host.Host {
	t.Helper()
	priv, err := crypto.UnmarshalEd25519PrivateKey(k)
	require.NoError(t, err)
	h, err := libp2p.New(libp2p.Identity(priv), libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"),
		libp2p.Security(noise.ID, noise.New), libp2p.Transport(tcp.NewTCPTransport),
		libp2p.DisableRelay(), libp2p.DisableMetrics())
	require.NoError(t, err)
	t.Cleanup(func() { _ = h.Close() })
	return h
}

func connectRaw(t *testing.T, raw host.Host, h *Host) {
	t.Helper()
	require.NoError(t, raw.Connect(context.Background(), peer.AddrInfo{ID: h.pid, Addrs: h.host.Addrs()}))
}

// TestBadFrames: frames over the limit, and bytes that are not frames, on the
// message and request streams reset the stream and are counted; the host keeps
// working.
func TestBadFrames(t *testing.T) {
	const limit = 1 << 10
	kh, kr := testKey(0), testKey(1)
	h := newHost(t, Config{Config: transport.Config{MaxMessageSize: limit}, Key: kh, Allowed: []transport.PeerID{testID(kh), testID(kr)}})
	raw := rawHost(t, kr)
	connectRaw(t, raw, h)
	ctx := context.Background()

	header := func(kind byte, name string, n uint64) []byte {
		b := append([]byte{kind}, byte(len(name)))
		b = append(b, name...)
		return binary.AppendUvarint(b, n)
	}
	tests := []struct {
		name      string
		proto     protocol.ID
		bytes     []byte
		oversize  uint64
		malformed uint64
	}{
		{"oversized message", msgProtocol, header(kindSend, "p", limit+1), 1, 0},
		{"huge length", msgProtocol, header(kindSend, "p", 1<<62), 1, 0},
		{"unknown kind", msgProtocol, []byte{0x7f, 1, 'p', 0}, 0, 1},
		{"empty name", msgProtocol, []byte{kindSend, 0, 0}, 0, 1},
		{"overlong name", msgProtocol, binary.AppendUvarint([]byte{kindSend}, transport.MaxNameLen+1), 0, 1},
		{"varint overflow", msgProtocol, append([]byte{kindSend, 1, 'p'}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), 0, 1},
		{"truncated", msgProtocol, append(header(kindSend, "p", 10), 1, 2, 3), 0, 1},
		{"request on message stream", msgProtocol, append(header(kindRequest, "p", 1), 0), 0, 1},
		{"garbage request", reqProtocol, []byte("GET / HTTP/1.1\r\n\r\n"), 0, 1},
		{"send on request stream", reqProtocol, append(header(kindSend, "p", 1), 0), 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := h.Counters()
			s, err := raw.NewStream(ctx, h.pid, tc.proto)
			require.NoError(t, err)
			_, _ = s.Write(tc.bytes)
			_ = s.CloseWrite()
			// The host resets the stream: reading ends in an error, not EOF.
			_ = s.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err = io.ReadAll(s)
			require.Error(t, err)
			require.Eventually(t, func() bool {
				c := h.Counters()
				return c.DroppedOversize-before.DroppedOversize == tc.oversize && c.Malformed-before.Malformed == tc.malformed
			}, 5*time.Second, 5*time.Millisecond, "%+v", h.Counters())
			requireNoMessage(t, h)
		})
	}

	// An oversized request is answered "too large", a well-formed message
	// still arrives.
	s, err := raw.NewStream(ctx, h.pid, reqProtocol)
	require.NoError(t, err)
	_, err = s.Write(append(header(kindRequest, "echo", limit+1), make([]byte, limit+1)...))
	require.NoError(t, err)
	status, err := bufio.NewReader(s).ReadByte()
	require.NoError(t, err)
	require.Equal(t, statusTooLarge, status)
	_ = s.Close()

	s, err = raw.NewStream(ctx, h.pid, msgProtocol)
	require.NoError(t, err)
	_, err = s.Write(appendFrame(nil, kindSend, "p", []byte("still here")))
	require.NoError(t, err)
	select {
	case env := <-h.Inbox():
		require.Equal(t, "still here", string(env.Data))
		require.Equal(t, testID(kr), env.From)
	case <-time.After(5 * time.Second):
		require.FailNow(t, "a well-formed message after bad ones did not arrive")
	}
	_ = s.Close()
}

// TestGarbageResponse: a peer answering a request with garbage, or with a
// response over the limit, fails the request; both are counted.
func TestGarbageResponse(t *testing.T) {
	const limit = 1 << 10
	kh, kr := testKey(0), testKey(1)
	h := newHost(t, Config{Config: transport.Config{MaxMessageSize: limit}, Key: kh, Allowed: []transport.PeerID{testID(kh), testID(kr)}})
	raw := rawHost(t, kr)
	var answer []byte
	raw.SetStreamHandler(reqProtocol, func(s network.Stream) {
		_, _, _, _ = readFrame(bufio.NewReader(s), limit)
		_, _ = s.Write(answer)
		_ = s.Close()
	})
	connectRaw(t, raw, h)
	require.Eventually(t, func() bool { return len(h.Peers()) == 1 }, 5*time.Second, 5*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		name   string
		answer []byte
		want   error
	}{
		{"unknown status", []byte{0x42, 0}, ErrMalformed},
		{"truncated", []byte{statusOK, 10, 1, 2}, ErrMalformed},
		{"oversized", binary.AppendUvarint([]byte{statusOK}, limit+1), transport.ErrTooLarge},
		{"overlong error text", binary.AppendUvarint([]byte{statusError}, transport.MaxRemoteErrorLen+1), ErrMalformed},
		{"nothing", nil, transport.ErrUnreachable},
		{"good", []byte{statusOK, 2, 'o', 'k'}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answer = tc.answer
			resp, err := h.Request(ctx, testID(kr), "fetch", []byte("block 7"))
			if tc.want == nil {
				require.NoError(t, err)
				require.Equal(t, "ok", string(resp))
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
	c := h.Counters()
	require.Equal(t, uint64(3), c.Malformed, "%+v", c)
	require.Equal(t, uint64(1), c.DroppedOversize, "%+v", c)
	require.Equal(t, uint64(1), c.RequestsOut)
}

// TestNotAllowed: a peer outside the allow list cannot connect, either way;
// its gossip relayed by a validator that admits it is rejected and counted,
// and the relayer is scored down.
func TestNotAllowed(t *testing.T) {
	ka, kb, kx := testKey(0), testKey(1), testKey(2)
	topics := []string{testTopic}
	a := newHost(t, Config{Key: ka, Allowed: []transport.PeerID{testID(ka), testID(kb)}, Topics: topics})
	// b admits x: a validator with a stale or wrong allow list.
	b := newHost(t, Config{Key: kb, Allowed: []transport.PeerID{testID(ka), testID(kb), testID(kx)}, Topics: topics})
	x := newHost(t, Config{Key: kx, Open: true, Topics: topics})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// x cannot connect to a (its dial may seem to succeed, with the muxer
	// chosen inside the handshake, until a closes the connection), nor a to x.
	_ = x.Connect(ctx, a.Addrs()[0])
	require.Eventually(t, func() bool { return a.Counters().Refused == 1 && len(x.Peers()) == 0 }, 5*time.Second, 5*time.Millisecond)
	err := a.Connect(ctx, x.Addrs()[0])
	require.ErrorIs(t, err, transport.ErrUnreachable)
	require.Equal(t, uint64(2), a.Counters().Refused)
	require.Contains(t, a.Events(), transport.Event{Name: "refused_connection", Count: 2}, "the count metrics export")
	require.Empty(t, a.Peers())
	require.ErrorIs(t, x.Send(ctx, a.Self(), "p", []byte("x")), transport.ErrUnreachable)

	require.NoError(t, a.Connect(ctx, b.Addrs()[0]))
	require.NoError(t, x.Connect(ctx, b.Addrs()[0]))
	require.NoError(t, a.WaitPeers(ctx, b.Self()))
	require.NoError(t, b.WaitPeers(ctx, a.Self(), x.Self()))
	require.NoError(t, x.WaitPeers(ctx, b.Self()))

	// b's own messages reach a.
	require.NoError(t, b.Publish(ctx, testTopic, []byte("from b")))
	env := receive(t, a)
	require.Equal(t, b.Self(), env.From)

	// x's messages reach b, which relays them (once its mesh has formed) to a,
	// which rejects them.
	require.NoError(t, x.Publish(ctx, testTopic, []byte("from x")))
	require.Equal(t, x.Self(), receive(t, b).From)
	const k = 3 // enough to graylist the relayer: 3² × invalidWeight < graylistThreshold
	for i := 0; a.Counters().NotAllowed < k; i++ {
		require.NoError(t, x.Publish(ctx, testTopic, []byte{byte(i)}))
		select {
		case <-ctx.Done():
			require.FailNow(t, "no message of x reached a", "%+v", a.Counters())
		case <-time.After(50 * time.Millisecond):
		}
	}
	// The relayer's score went under the graylist threshold (a stopped
	// listening to it); it decays back, and is still negative a moment later.
	require.Eventually(t, func() bool { return a.Scores()[b.Self()] < gossipThreshold }, 5*time.Second, 50*time.Millisecond)
	requireNoMessage(t, a)

	// Taking x into a's allow list lets it connect.
	require.NoError(t, a.SetAllowed([]transport.PeerID{testID(ka), testID(kb), testID(kx)}))
	require.NoError(t, x.Connect(ctx, a.Addrs()[0]))
	// And dropping b from it disconnects b.
	require.NoError(t, a.SetAllowed([]transport.PeerID{testID(ka), testID(kx)}))
	require.Eventually(t, func() bool { return len(a.Peers()) == 1 && a.Peers()[0] == x.Self() }, 5*time.Second, 5*time.Millisecond)
}

func receive(t *testing.T, h *Host) transport.Envelope {
	t.Helper()
	select {
	case env := <-h.Inbox():
		return env
	case <-time.After(5 * time.Second):
		require.FailNow(t, "no message")
	}
	return transport.Envelope{}
}

// TestFlood: a peer sending far more than the receiver's inbox holds fills
// it; the rest is dropped and counted, nothing blocks, and the receiver still
// answers requests.
func TestFlood(t *testing.T) {
	ka, kb := testKey(0), testKey(1)
	allowed := []transport.PeerID{testID(ka), testID(kb)}
	a := newHost(t, Config{Key: ka, Allowed: allowed, PeerQueue: 64})
	b := newHost(t, Config{Config: transport.Config{InboxSize: 16}, Key: kb, Allowed: allowed})
	b.Handle("echo", func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) { return req, nil })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, a.Connect(ctx, b.Addrs()[0]))
	require.NoError(t, a.WaitPeers(ctx, b.Self()))
	const n = 5000
	start := time.Now()
	for i := range n {
		require.NoError(t, a.Send(ctx, b.Self(), "flood", []byte{byte(i)}))
	}
	require.Less(t, time.Since(start), 5*time.Second, "Send blocked on a slow peer")
	sent := a.Counters()
	require.Equal(t, uint64(n), sent.Sent+sent.QueueFull, "%+v", sent)
	require.Eventually(t, func() bool {
		c := b.Counters()
		return c.Received+c.DroppedFull == n-sent.QueueFull-a.Counters().SendFailed
	}, 5*time.Second, 10*time.Millisecond, "%+v", b.Counters())
	require.Equal(t, uint64(16), b.Counters().Received)
	resp, err := a.Request(ctx, b.Self(), "echo", []byte("alive"))
	require.NoError(t, err)
	require.Equal(t, "alive", string(resp))
}

func TestConfig(t *testing.T) {
	k := testKey(0)
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no key", Config{Open: true}},
		{"short key", Config{Key: k[:10], Open: true}},
		{"nobody allowed", Config{Key: k}},
		{"bad listen address", Config{Key: k, Open: true, ListenAddrs: []string{"127.0.0.1:80"}}},
		{"bootstrap without ID", Config{Key: k, Open: true, Bootstrap: []string{"/ip4/127.0.0.1/tcp/4001"}}},
		{"empty topic", Config{Key: k, Open: true, Topics: []string{""}}},
		{"topic twice", Config{Key: k, Open: true, Topics: []string{"a", "a"}}},
		{"negative queue", Config{Key: k, Open: true, PeerQueue: -1}},
		{"negative limit", Config{Key: k, Open: true, Config: transport.Config{MaxMessageSize: -1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(context.Background(), tc.cfg)
			require.ErrorIs(t, err, transport.ErrConfig)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(ctx, Config{Key: k, Open: true})
	require.ErrorIs(t, err, context.Canceled)
	h, err := New(context.Background(), Config{Key: k, Open: true})
	require.NoError(t, err)
	require.Equal(t, transport.DefaultMaxMessageSize, h.MaxMessageSize())
	require.Equal(t, testID(k), h.Self())
	require.Len(t, h.Addrs(), 2, "TCP and QUIC on loopback by default")
	require.NoError(t, h.Close())
	require.ErrorIs(t, h.Connect(context.Background(), "/ip4/127.0.0.1/tcp/1/p2p/"+h.pid.String()), transport.ErrClosed)
	require.False(t, errors.Is(h.Close(), transport.ErrClosed), "Close is idempotent")
}

func TestIDs(t *testing.T) {
	id := testID(testKey(3))
	p, err := ToLibp2p(id)
	require.NoError(t, err)
	back, err := FromLibp2p(p)
	require.NoError(t, err)
	require.Equal(t, id, back)
	// A peer ID that does not embed an ed25519 key is no PeerID.
	_, pub, err := crypto.GenerateSecp256k1Key(rand.Reader)
	if err == nil {
		q, err := peer.IDFromPublicKey(pub)
		require.NoError(t, err)
		_, err = FromLibp2p(q)
		require.Error(t, err)
	}
}

// TestBootstrap: a host dials its bootstrap peers, and dials again when one
// restarts (same key, same address).
func TestBootstrap(t *testing.T) {
	ka, kb := testKey(0), testKey(1)
	allowed := []transport.PeerID{testID(ka), testID(kb)}
	b := newHost(t, Config{Key: kb, Allowed: allowed})
	addr := b.Addrs()[0]
	a := newHost(t, Config{Key: ka, Allowed: allowed, Bootstrap: []string{addr}, RedialInterval: 50 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, a.WaitPeers(ctx, b.Self()))
	require.Equal(t, transport.PeerEvent{Peer: b.Self(), Connected: true}, <-a.PeerEvents())

	require.NoError(t, b.Close())
	require.Equal(t, transport.PeerEvent{Peer: b.Self(), Connected: false}, <-a.PeerEvents())
	listen, _, _ := strings.Cut(addr, "/p2p/")
	b = newHost(t, Config{Key: kb, Allowed: allowed, ListenAddrs: []string{listen}})
	require.NoError(t, a.WaitPeers(ctx, b.Self()))
	require.Equal(t, transport.PeerEvent{Peer: b.Self(), Connected: true}, <-a.PeerEvents())
	require.NoError(t, a.Send(ctx, b.Self(), "p", []byte("welcome back")))
	require.Equal(t, "welcome back", string(receive(t, b).Data))
}

// requireNoMessage requires that nothing reaches h's Inbox for a moment.
func requireNoMessage(t *testing.T, h *Host) {
	t.Helper()
	select {
	case env := <-h.Inbox():
		require.FailNow(t, "unexpected message", "from %s: %q", env.From.Short(), env.Data)
	case <-time.After(100 * time.Millisecond):
	}
}

// TestInboxPeerBytes: a peer flooding large messages at a receiver that does
// not read holds at most InboxPeerBytes of its inbox; the rest is dropped and
// counted, and another peer's message still gets in and is delivered next.
func TestInboxPeerBytes(t *testing.T) {
	ka, kb, kc := testKey(0), testKey(1), testKey(2)
	allowed := []transport.PeerID{testID(ka), testID(kb), testID(kc)}
	const size = 16 << 10
	lim := transport.Config{MaxMessageSize: 2 * size, InboxPeerBytes: 4 * size}
	flooder := newHost(t, Config{Config: lim, Key: ka, Allowed: allowed})
	b := newHost(t, Config{Config: lim, Key: kb, Allowed: allowed})
	c := newHost(t, Config{Config: lim, Key: kc, Allowed: allowed})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, flooder.Connect(ctx, b.Addrs()[0]))
	require.NoError(t, c.Connect(ctx, b.Addrs()[0]))
	require.NoError(t, flooder.WaitPeers(ctx, b.Self()))
	require.NoError(t, c.WaitPeers(ctx, b.Self()))
	const n = 40
	for i := range n {
		require.NoError(t, flooder.Send(ctx, b.Self(), "flood", bytes.Repeat([]byte{byte(i)}, size)))
	}
	require.Eventually(t, func() bool {
		s := b.Counters()
		return s.Received+s.DroppedFull == n-flooder.Counters().QueueFull
	}, 10*time.Second, 10*time.Millisecond, "%+v", b.Counters())
	s := b.Counters()
	require.EqualValues(t, 4, s.Received, "4 x %d bytes fit the flooder's share", size)
	require.EqualValues(t, 4*size, s.BytesIn)
	require.NoError(t, c.Send(ctx, b.Self(), "other", []byte("hello")))
	require.Eventually(t, func() bool { return b.Counters().Received == 5 }, 10*time.Second, 10*time.Millisecond)
	var order []string
	for range 5 {
		env := receive(t, b)
		order = append(order, map[transport.PeerID]string{testID(ka): "a", testID(kc): "c"}[env.From])
	}
	require.Equal(t, []string{"a", "a", "c", "a", "a"}, order, "the other peer's message comes in turn, not after the flood")
}
