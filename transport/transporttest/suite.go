package transporttest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
)

// NetworkFunc returns n transports, each connected to every other one and
// ready to deliver (for a gossip implementation: its topic meshes formed). The
// suite closes the transports when the (sub)test ends; the function registers
// the cleanup of anything else it made with tb.Cleanup.
type NetworkFunc func(tb testing.TB, n int) []transport.Transport

// The topics and protocols the suite uses, for implementations that must join
// topics ahead (gossipsub).
const (
	TopicA = "/transporttest/a/1"
	TopicB = "/transporttest/b/1"
	// ProtoMsg tags one-way messages; the others name request handlers.
	ProtoMsg  = "/transporttest/msg/1"
	ProtoEcho = "/transporttest/echo/1"
	ProtoFail = "/transporttest/fail/1"
	ProtoSlow = "/transporttest/slow/1"
	ProtoSize = "/transporttest/size/1"
	// ProtoNone has no handler anywhere.
	ProtoNone = "/transporttest/none/1"
)

// Topics returns the topics the suite and Bench publish on.
func Topics() []string { return []string{TopicA, TopicB} }

// Timeout bounds every wait of the suite for something that must happen, and
// each property's context. 30 s: SizeLimits moves several messages at the
// limit through one context, which took close to 10 s under the race
// detector on a loaded 2-core machine; a longer bound only delays a failure.
var Timeout = 30 * time.Second

// quiet is how long the suite listens for messages that must not come.
const quiet = 150 * time.Millisecond

// Run runs the conformance suite, a subtest per property, each on a fresh
// network from newNetwork. It checks what transport.Transport documents:
//
//   - Publish reaches every other peer exactly once (under light load), never
//     the sender, with the topic and the authenticated sender;
//   - Send reaches its target only, with the protocol; to the sender itself or
//     to a peer not in the network it fails with ErrUnreachable;
//   - Request round trips to the peer's handler, which sees the requester;
//     a handler error surfaces as ErrRemote with its text, a protocol without
//     a handler as ErrUnsupported, and Request honors its context's deadline;
//     Handle replaces and removes handlers;
//   - concurrent publishers: every message arrives once (no order is
//     guaranteed, and none is checked);
//   - MaxMessageSize bytes pass and one more fails with ErrTooLarge, for
//     messages, requests and responses; empty messages pass; empty and
//     overlong names fail with ErrInvalidName;
//   - Close interrupts pending requests (ErrClosed), cancels running handlers,
//     closes Inbox and PeerEvents, makes later calls fail with ErrClosed, is
//     idempotent, and a requester waiting on a closed peer gets an error;
//   - PeerEvents reports the initial connections and, for implementations of
//     transport.Disconnector, disconnections and reconnections on both ends,
//     during which messages do not pass;
//   - for implementations of transport.Gater, a peer dropped from the allow
//     list is disconnected and its messages no longer arrive, while the
//     others' still do.
func Run(t *testing.T, newNetwork NetworkFunc) {
	tests := []struct {
		name string
		n    int
		f    func(t *testing.T, tr []transport.Transport)
	}{
		{"Identity", 3, testIdentity},
		{"PeerEvents", 3, testPeerEvents},
		{"Publish", 4, testPublish},
		{"Send", 3, testSend},
		{"SendUnreachable", 2, testSendUnreachable},
		{"Request", 2, testRequest},
		{"RequestErrors", 2, testRequestErrors},
		{"RequestDeadline", 2, testRequestDeadline},
		{"RequestConcurrent", 3, testRequestConcurrent},
		{"Handle", 2, testHandle},
		{"ConcurrentPublishers", 4, testConcurrentPublishers},
		{"SizeLimits", 3, testSizeLimits},
		{"InvalidNames", 2, testInvalidNames},
		{"Close", 2, testClose},
		{"CloseResponder", 2, testCloseResponder},
		{"Disconnect", 3, testDisconnect},
		{"SetAllowed", 3, testSetAllowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.f(t, network(t, newNetwork, tc.n))
		})
	}
}

// network makes a network, closes it at the end of the test and waits until
// every peer sees every other.
func network(tb testing.TB, newNetwork NetworkFunc, n int) []transport.Transport {
	tb.Helper()
	tr := newNetwork(tb, n)
	require.Len(tb, tr, n, "newNetwork returned the wrong number of transports")
	tb.Cleanup(func() {
		for _, x := range tr {
			_ = x.Close()
		}
	})
	for i, x := range tr {
		want := others(tr, i)
		require.Eventually(tb, func() bool { return slices.Equal(x.Peers(), want) }, Timeout, 5*time.Millisecond,
			"transport %d: peers %v, want %v", i, x.Peers(), want)
	}
	return tr
}

// others returns the IDs of all transports but i, sorted.
func others(tr []transport.Transport, i int) []transport.PeerID {
	var out []transport.PeerID
	for j, x := range tr {
		if j != i {
			out = append(out, x.Self())
		}
	}
	slices.SortFunc(out, func(a, b transport.PeerID) int { return bytes.Compare(a[:], b[:]) })
	return out
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	t.Cleanup(cancel)
	return ctx
}

// receive waits for one message.
func receive(t *testing.T, x transport.Transport) transport.Envelope {
	t.Helper()
	select {
	case env, ok := <-x.Inbox():
		require.True(t, ok, "inbox closed")
		return env
	case <-time.After(Timeout):
		require.FailNow(t, "no message", "peer %s waited %v", x.Self().Short(), Timeout)
	}
	return transport.Envelope{}
}

// receiveN waits for k messages.
func receiveN(t *testing.T, x transport.Transport, k int) []transport.Envelope {
	t.Helper()
	out := make([]transport.Envelope, 0, k)
	for len(out) < k {
		out = append(out, receive(t, x))
	}
	return out
}

// silent checks that no transport receives anything for a while.
func silent(t *testing.T, tr ...transport.Transport) {
	t.Helper()
	deadline := time.After(quiet)
	for {
		for _, x := range tr {
			select {
			case env, ok := <-x.Inbox():
				if ok {
					require.FailNow(t, "unexpected message", "peer %s got %q from %s (topic %q, protocol %q)",
						x.Self().Short(), truncate(env.Data), env.From.Short(), env.Topic, env.Protocol)
				}
			default:
			}
		}
		select {
		case <-deadline:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func truncate(b []byte) []byte {
	if len(b) > 32 {
		return b[:32]
	}
	return b
}

// events waits for all the events want, in any order, skipping others.
func events(t *testing.T, x transport.Transport, want ...transport.PeerEvent) {
	t.Helper()
	missing := map[transport.PeerEvent]bool{}
	for _, ev := range want {
		missing[ev] = true
	}
	timeout := time.After(Timeout)
	for len(missing) > 0 {
		select {
		case ev, ok := <-x.PeerEvents():
			require.True(t, ok, "peer events closed")
			delete(missing, ev)
		case <-timeout:
			require.FailNow(t, "no peer event", "peer %s: missing %+v", x.Self().Short(), missing)
		}
	}
}

// connected returns the events of peers connecting.
func connected(peers []transport.PeerID) []transport.PeerEvent {
	out := make([]transport.PeerEvent, len(peers))
	for i, p := range peers {
		out[i] = transport.PeerEvent{Peer: p, Connected: true}
	}
	return out
}

// payload builds a message that names its sender and a sequence number.
func payload(from, seq, size int) []byte {
	b := make([]byte, max(size, 10))
	binary.BigEndian.PutUint16(b, uint16(from))
	binary.BigEndian.PutUint64(b[2:], uint64(seq))
	return b
}

func parse(b []byte) (from, seq int) {
	if len(b) < 10 {
		return -1, -1
	}
	return int(binary.BigEndian.Uint16(b)), int(binary.BigEndian.Uint64(b[2:]))
}

func testIdentity(t *testing.T, tr []transport.Transport) {
	seen := map[transport.PeerID]bool{}
	for i, x := range tr {
		require.False(t, x.Self().IsZero(), "transport %d has the zero ID", i)
		require.False(t, seen[x.Self()], "transport %d repeats an ID", i)
		seen[x.Self()] = true
		require.Positive(t, x.MaxMessageSize())
		require.NotContains(t, x.Peers(), x.Self())
		key := x.Self().PublicKey()
		id, err := transport.IDFromPublicKey(key)
		require.NoError(t, err)
		require.Equal(t, x.Self(), id)
	}
}

func testPeerEvents(t *testing.T, tr []transport.Transport) {
	for i, x := range tr {
		events(t, x, connected(others(tr, i))...)
	}
}

func testPublish(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	const k = 10
	for i, x := range tr {
		for s := 0; s < k; s++ {
			topic := []string{TopicA, TopicB}[s%2]
			require.NoError(t, x.Publish(ctx, topic, payload(i, s, 64)))
		}
	}
	for r, x := range tr {
		got := map[[2]int]bool{}
		for _, env := range receiveN(t, x, k*(len(tr)-1)) {
			from, seq := parse(env.Data)
			require.NotEqual(t, r, from, "peer %d received its own message", r)
			require.True(t, from >= 0 && from < len(tr), "garbled message")
			require.Equal(t, tr[from].Self(), env.From, "wrong sender")
			require.Equal(t, []string{TopicA, TopicB}[seq%2], env.Topic)
			require.Empty(t, env.Protocol)
			require.Len(t, env.Data, 64)
			require.False(t, got[[2]int{from, seq}], "peer %d got message %d/%d twice", r, from, seq)
			got[[2]int{from, seq}] = true
		}
	}
	silent(t, tr...)
}

func testSend(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	const k = 5
	for s := 0; s < k; s++ {
		require.NoError(t, tr[0].Send(ctx, tr[1].Self(), ProtoMsg, payload(0, s, 32)))
	}
	seqs := map[int]bool{}
	for _, env := range receiveN(t, tr[1], k) {
		from, seq := parse(env.Data)
		require.Equal(t, 0, from)
		require.Equal(t, tr[0].Self(), env.From)
		require.Equal(t, ProtoMsg, env.Protocol)
		require.Empty(t, env.Topic)
		require.False(t, seqs[seq], "message %d twice", seq)
		seqs[seq] = true
	}
	silent(t, tr...)
}

func testSendUnreachable(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	stranger := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x5a}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	nobody, err := transport.IDFromPublicKey(stranger)
	require.NoError(t, err)
	tests := []struct {
		name string
		to   transport.PeerID
	}{{"self", tr[0].Self()}, {"stranger", nobody}}
	tr[0].Handle(ProtoEcho, echo)
	for _, tc := range tests {
		err := tr[0].Send(ctx, tc.to, ProtoMsg, []byte("x"))
		require.ErrorIs(t, err, transport.ErrUnreachable, "send to %s", tc.name)
		_, err = tr[0].Request(ctx, tc.to, ProtoEcho, []byte("x"))
		require.ErrorIs(t, err, transport.ErrUnreachable, "request to %s", tc.name)
	}
	silent(t, tr...)
}

func echo(_ context.Context, from transport.PeerID, req []byte) ([]byte, error) {
	return append(append(from[:4:4], "echo:"...), req...), nil
}

func testRequest(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	tr[1].Handle(ProtoEcho, echo)
	tests := []struct {
		name string
		req  []byte
	}{{"empty", nil}, {"short", []byte("hello")}, {"half the limit", bytes.Repeat([]byte{7}, tr[0].MaxMessageSize()/2)}}
	for _, tc := range tests {
		resp, err := tr[0].Request(ctx, tr[1].Self(), ProtoEcho, tc.req)
		require.NoError(t, err, tc.name)
		from := tr[0].Self()
		require.Equal(t, append(append(from[:4:4], "echo:"...), tc.req...), resp, tc.name)
	}
	silent(t, tr...)
}

func testRequestErrors(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	tr[1].Handle(ProtoFail, func(context.Context, transport.PeerID, []byte) ([]byte, error) {
		return []byte("ignored"), errors.New("boom: no such block")
	})
	tr[1].Handle(ProtoEcho, echo)
	_, err := tr[0].Request(ctx, tr[1].Self(), ProtoFail, []byte("x"))
	require.ErrorIs(t, err, transport.ErrRemote)
	require.ErrorContains(t, err, "boom: no such block")
	_, err = tr[0].Request(ctx, tr[1].Self(), ProtoNone, []byte("x"))
	require.ErrorIs(t, err, transport.ErrUnsupported)
	// The transport still works after failed requests.
	_, err = tr[0].Request(ctx, tr[1].Self(), ProtoEcho, []byte("x"))
	require.NoError(t, err)
}

// slow returns a handler that blocks until release is closed or its context
// ends, reporting its context's end on ended.
func slow(release <-chan struct{}, ended chan<- struct{}) transport.Handler {
	return func(ctx context.Context, _ transport.PeerID, _ []byte) ([]byte, error) {
		select {
		case <-release:
			return []byte("late"), nil
		case <-ctx.Done():
			select {
			case ended <- struct{}{}:
			default:
			}
			return nil, ctx.Err()
		}
	}
}

func testRequestDeadline(t *testing.T, tr []transport.Transport) {
	release := make(chan struct{})
	defer close(release)
	tr[1].Handle(ProtoSlow, slow(release, make(chan struct{}, 1)))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := tr[0].Request(ctx, tr[1].Self(), ProtoSlow, []byte("x"))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), Timeout/2, "request outlived its deadline")
	// An already ended context fails at once.
	_, err = tr[0].Request(ctx, tr[1].Self(), ProtoSlow, []byte("x"))
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func testRequestConcurrent(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	for _, x := range tr {
		x.Handle(ProtoEcho, echo)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i, x := range tr {
		for g := 0; g < 4; g++ {
			wg.Go(func() {
				for k := 0; k < 10; k++ {
					to := tr[(i+1+k%(len(tr)-1))%len(tr)]
					req := payload(i, g*100+k, 40)
					resp, err := x.Request(ctx, to.Self(), ProtoEcho, req)
					from := x.Self()
					if err == nil && !bytes.Equal(resp, append(append(from[:4:4], "echo:"...), req...)) {
						err = fmt.Errorf("wrong response %x", truncate(resp))
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func testHandle(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	constant := func(s string) transport.Handler {
		return func(context.Context, transport.PeerID, []byte) ([]byte, error) { return []byte(s), nil }
	}
	tests := []struct {
		name string
		h    transport.Handler
		want string // "" for ErrUnsupported
	}{
		{"first", constant("one"), "one"},
		{"replaced", constant("two"), "two"},
		{"removed", nil, ""},
		{"again", constant("three"), "three"},
	}
	for _, tc := range tests {
		tr[1].Handle(ProtoEcho, tc.h)
		// A gossip implementation may take a moment to (un)register a handler.
		require.Eventually(t, func() bool {
			resp, err := tr[0].Request(ctx, tr[1].Self(), ProtoEcho, nil)
			if tc.want == "" {
				return errors.Is(err, transport.ErrUnsupported)
			}
			return err == nil && string(resp) == tc.want
		}, Timeout, 10*time.Millisecond, tc.name)
	}
}

func testConcurrentPublishers(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	const goroutines, k = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, len(tr)*goroutines)
	for i, x := range tr {
		for g := 0; g < goroutines; g++ {
			wg.Go(func() {
				for s := 0; s < k; s++ {
					if err := x.Publish(ctx, TopicA, payload(i, g*k+s, 100)); err != nil {
						errs <- err
						return
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for r, x := range tr {
		got := map[[2]int]bool{}
		for _, env := range receiveN(t, x, goroutines*k*(len(tr)-1)) {
			from, seq := parse(env.Data)
			require.NotEqual(t, r, from)
			require.Equal(t, tr[from].Self(), env.From)
			require.False(t, got[[2]int{from, seq}], "peer %d got %d/%d twice", r, from, seq)
			got[[2]int{from, seq}] = true
		}
	}
	silent(t, tr...)
}

func testSizeLimits(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	limit := tr[0].MaxMessageSize()
	for _, x := range tr {
		require.Equal(t, limit, x.MaxMessageSize(), "the suite's networks share one limit")
	}
	big := bytes.Repeat([]byte{0xab}, limit)
	over := append(bytes.Clone(big), 0xab)

	require.ErrorIs(t, tr[0].Publish(ctx, TopicA, over), transport.ErrTooLarge)
	require.ErrorIs(t, tr[0].Send(ctx, tr[1].Self(), ProtoMsg, over), transport.ErrTooLarge)
	tr[1].Handle(ProtoSize, func(_ context.Context, _ transport.PeerID, req []byte) ([]byte, error) {
		// The request says how large a response it wants.
		n, _ := binary.Uvarint(req)
		return bytes.Repeat([]byte{0xcd}, int(min(n, uint64(limit)+1))), nil
	})
	_, err := tr[0].Request(ctx, tr[1].Self(), ProtoSize, over)
	require.ErrorIs(t, err, transport.ErrTooLarge)
	_, err = tr[0].Request(ctx, tr[1].Self(), ProtoSize, binary.AppendUvarint(nil, uint64(limit)+1))
	require.ErrorIs(t, err, transport.ErrTooLarge, "oversized response")
	silent(t, tr...)

	// The limit itself passes, and so does nothing at all.
	require.NoError(t, tr[0].Publish(ctx, TopicA, big))
	for _, x := range tr[1:] {
		env := receive(t, x)
		require.True(t, bytes.Equal(big, env.Data), "published message of %d bytes arrived altered", limit)
	}
	require.NoError(t, tr[0].Send(ctx, tr[1].Self(), ProtoMsg, big))
	env := receive(t, tr[1])
	require.True(t, bytes.Equal(big, env.Data), "sent message of %d bytes arrived altered", limit)
	req := binary.AppendUvarint(nil, uint64(limit))
	resp, err := tr[0].Request(ctx, tr[1].Self(), ProtoSize, append(req, make([]byte, limit-len(req))...))
	require.NoError(t, err)
	require.Len(t, resp, limit)

	require.NoError(t, tr[0].Publish(ctx, TopicB, nil))
	require.NoError(t, tr[0].Send(ctx, tr[1].Self(), ProtoMsg, []byte{}))
	for i, x := range tr[1:] {
		want := []string{TopicB} // tr[1] also has the sent one
		if i == 0 {
			want = []string{TopicB, ProtoMsg} // sorted
		}
		var kinds []string
		for _, env := range receiveN(t, x, len(want)) {
			require.Empty(t, env.Data)
			kinds = append(kinds, env.Topic+env.Protocol)
		}
		slices.Sort(kinds)
		require.Equal(t, want, kinds, "empty messages")
	}
	silent(t, tr...)
}

func testInvalidNames(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	for _, name := range []string{"", strings.Repeat("n", transport.MaxNameLen+1)} {
		require.ErrorIs(t, tr[0].Publish(ctx, name, []byte("x")), transport.ErrInvalidName)
		require.ErrorIs(t, tr[0].Send(ctx, tr[1].Self(), name, []byte("x")), transport.ErrInvalidName)
		_, err := tr[0].Request(ctx, tr[1].Self(), name, []byte("x"))
		require.ErrorIs(t, err, transport.ErrInvalidName)
	}
	require.NoError(t, tr[0].Publish(ctx, strings.Repeat("n", transport.MaxNameLen), []byte("x")))
	receive(t, tr[1])
}

func testClose(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	release, ended := make(chan struct{}), make(chan struct{}, 1)
	defer close(release)
	tr[1].Handle(ProtoSlow, slow(release, ended))
	errc := make(chan error, 1)
	go func() {
		_, err := tr[0].Request(ctx, tr[1].Self(), ProtoSlow, []byte("x"))
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond) // let the request reach the handler
	require.NoError(t, tr[0].Close())
	select {
	case err := <-errc:
		require.ErrorIs(t, err, transport.ErrClosed)
	case <-time.After(Timeout):
		require.FailNow(t, "Close did not interrupt a pending request")
	}
	drained := func(name string, ch func() bool) {
		deadline := time.After(Timeout)
		for ch() {
			select {
			case <-deadline:
				require.FailNow(t, name+" not closed by Close")
			default:
			}
		}
	}
	drained("inbox", func() bool { _, ok := <-tr[0].Inbox(); return ok })
	drained("peer events", func() bool { _, ok := <-tr[0].PeerEvents(); return ok })
	require.ErrorIs(t, tr[0].Publish(ctx, TopicA, []byte("x")), transport.ErrClosed)
	require.ErrorIs(t, tr[0].Send(ctx, tr[1].Self(), ProtoMsg, []byte("x")), transport.ErrClosed)
	_, err := tr[0].Request(ctx, tr[1].Self(), ProtoEcho, []byte("x"))
	require.ErrorIs(t, err, transport.ErrClosed)
	require.NoError(t, tr[0].Close(), "second Close")
	require.Eventually(t, func() bool { return len(tr[1].Peers()) == 0 }, Timeout, 5*time.Millisecond,
		"the peer still lists the closed transport")
	events(t, tr[1], transport.PeerEvent{Peer: tr[0].Self(), Connected: false})
}

func testCloseResponder(t *testing.T, tr []transport.Transport) {
	ctx := ctxT(t)
	release, ended := make(chan struct{}), make(chan struct{}, 1)
	defer close(release)
	tr[1].Handle(ProtoSlow, slow(release, ended))
	errc := make(chan error, 1)
	go func() {
		_, err := tr[0].Request(ctx, tr[1].Self(), ProtoSlow, []byte("x"))
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond)
	closed := make(chan struct{})
	go func() { _ = tr[1].Close(); close(closed) }()
	select {
	case <-ended:
	case <-time.After(Timeout):
		require.FailNow(t, "Close did not cancel a running handler's context")
	}
	select {
	case err := <-errc:
		require.Error(t, err, "request to a closed peer succeeded")
	case <-time.After(Timeout):
		require.FailNow(t, "a request to a closing peer did not return")
	}
	select {
	case <-closed:
	case <-time.After(Timeout):
		require.FailNow(t, "Close did not return")
	}
}

func testDisconnect(t *testing.T, tr []transport.Transport) {
	d, ok := tr[0].(transport.Disconnector)
	if !ok {
		t.Skipf("%T does not implement transport.Disconnector", tr[0])
	}
	ctx := ctxT(t)
	a, b, c := tr[0], tr[1], tr[2]
	for i, x := range tr { // consume the initial events
		events(t, x, connected(others(tr, i))...)
	}
	require.NoError(t, d.Disconnect(ctx, b.Self()))
	events(t, a, transport.PeerEvent{Peer: b.Self(), Connected: false})
	events(t, b, transport.PeerEvent{Peer: a.Self(), Connected: false})
	require.Eventually(t, func() bool {
		return !slices.Contains(a.Peers(), b.Self()) && !slices.Contains(b.Peers(), a.Self())
	}, Timeout, 5*time.Millisecond)
	require.ErrorIs(t, a.Send(ctx, b.Self(), ProtoMsg, []byte("x")), transport.ErrUnreachable)
	require.ErrorIs(t, b.Send(ctx, a.Self(), ProtoMsg, []byte("x")), transport.ErrUnreachable)
	require.NoError(t, a.Publish(ctx, TopicA, payload(0, 1, 16)))
	env := receive(t, c)
	require.Equal(t, a.Self(), env.From)
	silent(t, b)

	require.NoError(t, d.Reconnect(ctx, b.Self()))
	events(t, a, transport.PeerEvent{Peer: b.Self(), Connected: true})
	events(t, b, transport.PeerEvent{Peer: a.Self(), Connected: true})
	require.NoError(t, a.Send(ctx, b.Self(), ProtoMsg, payload(0, 2, 16)))
	env = receive(t, b)
	require.Equal(t, a.Self(), env.From)
	require.Equal(t, ProtoMsg, env.Protocol)
	// A gossip mesh may take a moment to take the peer back: publish until it
	// arrives.
	for s := 3; ; s++ {
		require.NoError(t, a.Publish(ctx, TopicA, payload(0, s, 16)))
		select {
		case env := <-b.Inbox():
			require.Equal(t, a.Self(), env.From)
			return
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			require.FailNow(t, "published messages do not reach a reconnected peer")
		}
	}
}

func testSetAllowed(t *testing.T, tr []transport.Transport) {
	g, ok := tr[0].(transport.Gater)
	if !ok {
		t.Skipf("%T does not implement transport.Gater", tr[0])
	}
	ctx := ctxT(t)
	a, b, c := tr[0], tr[1], tr[2]
	require.NoError(t, g.SetAllowed([]transport.PeerID{a.Self(), b.Self()}))
	require.Eventually(t, func() bool {
		return !slices.Contains(a.Peers(), c.Self()) && !slices.Contains(c.Peers(), a.Self())
	}, Timeout, 5*time.Millisecond, "a peer dropped from the allow list stays connected")
	require.ErrorIs(t, a.Send(ctx, c.Self(), ProtoMsg, []byte("x")), transport.ErrUnreachable)
	// c's messages do not reach a (directly or relayed by b); b's do.
	_ = c.Send(ctx, a.Self(), ProtoMsg, []byte("from c"))
	_ = c.Publish(ctx, TopicA, payload(2, 1, 16))
	require.NoError(t, b.Send(ctx, a.Self(), ProtoMsg, payload(1, 1, 16)))
	env := receive(t, a)
	require.Equal(t, b.Self(), env.From)
	for {
		select {
		case env := <-a.Inbox():
			require.NotEqual(t, c.Self(), env.From, "a message of a peer no longer allowed arrived")
			continue
		case <-time.After(quiet):
		}
		break
	}
	require.Eventually(t, func() bool { return slices.Contains(a.Peers(), b.Self()) }, Timeout, 5*time.Millisecond)
}
