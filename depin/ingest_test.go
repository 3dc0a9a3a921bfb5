package depin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// mempool is a chain.Engine that only admits: Submit runs the
// Application's CheckTx, as chain/dag and chain/solo do, and keeps what
// passes. It orders nothing.
type mempool struct {
	app     chain.Application
	mu      sync.Mutex
	txs     []chain.Tx
	commits chan chain.Commit
}

func (m *mempool) Submit(_ context.Context, tx chain.Tx) error {
	if err := m.app.CheckTx(tx); err != nil {
		return fmt.Errorf("%w: %v", chain.ErrInvalidTx, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.txs = append(m.txs, bytes.Clone(tx))
	return nil
}

func (m *mempool) Commits() <-chan chain.Commit { return m.commits }
func (m *mempool) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}
func (m *mempool) Close() error { return nil }

func (m *mempool) held() []chain.Tx {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]chain.Tx(nil), m.txs...)
}

// admitFixture is a one-validator fixture whose node runs on a mempool
// engine, with a registered device, a revoked one and a stranger.
type admitFixture struct {
	*fixture
	pool                     *mempool
	known, revoked, stranger *meterKit
}

func newAdmitFixture(t testing.TB) *admitFixture {
	f := newFixture(t, 1, func(c *depin.Config) { c.EpochCommits = 1000 })
	af := &admitFixture{fixture: f}
	n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(f.cfg), depin.WithKey(f.keys[0]),
		depin.WithEngine(func(n *depin.Node) (chain.Engine, error) {
			af.pool = &mempool{app: n, commits: make(chan chain.Commit)}
			return af.pool, nil
		}))
	require.NoError(t, err)
	f.nodes[0] = n
	af.known, af.revoked, af.stranger = f.newDevice(true), f.newDevice(true), f.newDevice(true)
	f.commit(af.known.reg, af.revoked.reg)
	rev, err := device.NewRevocation(af.revoked.id, "stolen", device.ForNetwork(af.revoked.owner, f.network()))
	require.NoError(t, err)
	revTx, err := depin.RevokeTx(rev)
	require.NoError(t, err)
	f.commit(revTx)
	return af
}

// Issue 13 item 4: an envelope is checked against the registry, its
// signature and the replay window before the mempool; envelopes naming
// unknown devices never get in.
func TestAdmitBeforeMempool(t *testing.T) {
	f := newAdmitFixture(t)
	n := f.nodes[0]
	ctx := context.Background()

	good := f.seal(f.known, readingType, reading{Wh: 5})
	require.NoError(t, n.Submit(ctx, good))
	committed := f.seal(f.known, readingType, reading{Wh: 6})
	f.commit(envTx(t, committed))
	forged := f.seal(f.known, readingType, reading{Wh: 7})
	forged[len(forged)-1] ^= 1
	var w [4]cbor.RawMessage
	require.NoError(t, cbor.Unmarshal(good[1:], &w))
	w[1], _ = cbor.Marshal(map[int][]byte{-70000: make([]byte, 60000)})
	padded, err := cbor.Marshal(cbor.Tag{Number: 18, Content: w})
	require.NoError(t, err)

	// Issue 13 item 6: sealed for another network, or for none.
	otherNet, err := device.Seal(device.ForNetwork(f.known.key, [32]byte{1}), device.Header{Device: f.known.id, ContentType: readingType, Seq: 100, Time: genesis}, reading{Wh: 1})
	require.NoError(t, err)
	noNet, err := device.Seal(f.known.key, device.Header{Device: f.known.id, ContentType: readingType, Seq: 101, Time: genesis}, reading{Wh: 1})
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		env  []byte
		want error
	}{
		{"other network", otherNet, device.ErrBadSignature},
		{"no network", noNet, device.ErrBadSignature},
		{"unknown device", f.seal(f.stranger, readingType, reading{Wh: 1}), device.ErrUnknownDevice},
		{"revoked", f.seal(f.revoked, readingType, reading{Wh: 1}), device.ErrRevoked},
		{"forged", forged, device.ErrBadSignature},
		{"replayed", committed, device.ErrReplay},
		{"padded", padded, device.ErrUnprotectedHeader},
		{"content type", f.seal(f.known, "depin/meter/other/v1", reading{Wh: 1}), depin.ErrNotAdmitted},
		{"garbage", []byte("not an envelope"), device.ErrMalformed},
	} {
		err := n.Submit(ctx, tc.env)
		require.ErrorIs(t, err, chain.ErrInvalidTx, tc.name)
		require.ErrorIs(t, err, depin.ErrNotAdmitted, tc.name)
		require.ErrorIs(t, err, tc.want, tc.name)
		_, err = n.Admit(tc.env)
		require.ErrorIs(t, err, tc.want, tc.name)
		// The path of POST /txs: the engine's CheckTx.
		require.Error(t, n.CheckTx(envTx(t, tc.env)), tc.name)
	}
	held := f.pool.held()
	require.Len(t, held, 1)
	require.Equal(t, envTx(t, good), held[0])
}

func postEnvelope(t *testing.T, h http.Handler, remote, ctype string, body []byte) (*httptest.ResponseRecorder, depin.IngestStatus) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/envelopes", bytes.NewReader(body))
	req.RemoteAddr = remote
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var st depin.IngestStatus
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st), rec.Body.String())
	return rec, st
}

// Issue 13 item 4: ingest rate limits per remote address and per device,
// 429 with Retry-After; a forgery naming a device does not spend its budget.
func TestIngestRateLimits(t *testing.T) {
	f := newAdmitFixture(t)
	now := genesis
	h, err := depin.NewIngest(f.nodes[0], depin.IngestConfig{
		PerAddress: depin.Rate{Every: time.Second, Burst: 3},
		PerDevice:  depin.Rate{Every: 10 * time.Second, Burst: 2},
		Now:        func() time.Time { return now },
	})
	require.NoError(t, err)
	post := func(remote string, env []byte) (*httptest.ResponseRecorder, depin.IngestStatus) {
		return postEnvelope(t, h, remote, depin.MediaCOSE, env)
	}

	// Forgeries naming the device are refused (403) and spend only the
	// sender's address budget.
	forged := f.seal(f.known, readingType, reading{Wh: 1})
	forged[len(forged)-1] ^= 1
	rec, st := post("192.0.2.9:1000", forged)
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Equal(t, depin.ReasonBadSignature, st.Reason)

	// The device: two envelopes, then 429 from another address too.
	for i := range 2 {
		rec, st = post(fmt.Sprintf("192.0.2.%d:1000", i+1), f.seal(f.known, readingType, reading{Wh: 1}))
		require.Equal(t, http.StatusAccepted, rec.Code, "%+v", st)
	}
	rec, st = post("192.0.2.3:1000", f.seal(f.known, readingType, reading{Wh: 1}))
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	require.Equal(t, "limited", st.Status)
	require.Equal(t, "10", rec.Header().Get("Retry-After"))
	require.Contains(t, st.Error, f.known.id.String())

	// An address: three requests, then 429 whatever they carry; one more a
	// second later.
	for range 3 {
		rec, _ = post("198.51.100.1:5", []byte("junk"))
		require.Equal(t, http.StatusBadRequest, rec.Code)
	}
	rec, _ = post("198.51.100.1:6", []byte("junk"))
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	require.Equal(t, "1", rec.Header().Get("Retry-After"))
	// IPv6: one /64 is one source.
	for i := range 3 {
		rec, _ = post(fmt.Sprintf("[2001:db8::%d]:5", i+1), []byte("junk"))
		require.Equal(t, http.StatusBadRequest, rec.Code)
	}
	rec, _ = post("[2001:db8::ffff]:5", []byte("junk"))
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	now = now.Add(time.Second)
	rec, _ = post("198.51.100.1:6", []byte("junk"))
	require.Equal(t, http.StatusBadRequest, rec.Code)

	// Ten seconds later the device has a token again.
	now = now.Add(10 * time.Second)
	rec, st = post("192.0.2.3:1000", f.seal(f.known, readingType, reading{Wh: 1}))
	require.Equal(t, http.StatusAccepted, rec.Code, "%+v", st)

	_, err = depin.NewIngest(f.nodes[0], depin.IngestConfig{PerDevice: depin.Rate{Every: time.Second}})
	require.ErrorIs(t, err, depin.ErrConfig)
}

// Issue 13 item 5: ingest takes only a COSE or CBOR body; ServeIngest
// serves it on a listener of its own that serves nothing else, with the
// Host check on loopback.
func TestServeIngest(t *testing.T) {
	f := newAdmitFixture(t)
	for _, ct := range []string{"", "application/x-www-form-urlencoded", "text/plain", "application/json"} {
		rec, st := postEnvelope(t, depin.IngestHandler(f.nodes[0]), "192.0.2.1:1", ct, f.seal(f.known, readingType, reading{Wh: 1}))
		require.Equal(t, http.StatusUnsupportedMediaType, rec.Code, ct)
		require.Equal(t, "rejected", st.Status)
	}

	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- depin.ServeIngest(ctx, f.nodes[0], depin.IngestConfig{Listen: "127.0.0.1:0"}, func(a string) { addrc <- a })
	}()
	addr := <-addrc
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	do := func(method, path, host, ctype string, body []byte) int {
		req, err := http.NewRequest(method, "http://"+addr+path, bytes.NewReader(body))
		require.NoError(t, err)
		if host != "" {
			req.Host = host
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := hc.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Equal(t, http.StatusAccepted, do("POST", "/envelopes", "", depin.MediaCOSE, f.seal(f.known, readingType, reading{Wh: 1})))
	require.Equal(t, http.StatusAccepted, do("POST", "/envelopes", "", depin.MediaCBOR+"; x=y", f.seal(f.known, readingType, reading{Wh: 1})))
	require.Equal(t, http.StatusMisdirectedRequest, do("POST", "/envelopes", "rebound.example:80", depin.MediaCOSE, f.seal(f.known, readingType, reading{Wh: 1})))
	require.Equal(t, http.StatusUnsupportedMediaType, do("POST", "/envelopes", "", "text/plain", f.seal(f.known, readingType, reading{Wh: 1})))
	require.Equal(t, http.StatusNotFound, do("POST", "/txs", "", depin.MediaCBOR, []byte{0xa0}))
	require.Equal(t, http.StatusUnsupportedMediaType, do("POST", "/txs", "", "application/json", []byte(`{"txs":[]}`)))
	require.Equal(t, http.StatusNotFound, do("GET", "/metrics", "", "", nil))
	require.Len(t, f.pool.held(), 2)

	err := depin.ServeIngest(ctx, f.nodes[0], depin.IngestConfig{Listen: addr}, nil)
	require.Error(t, err, "the port is taken")
	require.False(t, errors.Is(err, depin.ErrConfig))
	require.True(t, strings.Contains(err.Error(), "ingest.listen"))
}

// skewMeter is the meter vertical whose readings declare a time bound.
type skewMeter struct {
	depin.Vertical
	skew time.Duration
}

func (m skewMeter) ContentTypes() []depin.ContentType {
	cts := m.Vertical.ContentTypes()
	for i := range cts {
		if cts[i].Name == readingType {
			cts[i].MaxSkew = m.skew
		}
	}
	return cts
}

// Issue 13 item 6: an envelope whose time is further from its commit's than
// its content type allows (DefaultMaxSkew when it says nothing) is rejected
// at commit, on every validator alike.
func TestEnvelopeTimeSkew(t *testing.T) {
	for _, tc := range []struct {
		name   string
		skew   time.Duration // the content type's bound, 0: default
		offset time.Duration // envelope time minus commit time
		ok     bool
	}{
		{"default, a buffered day", 0, -23 * time.Hour, true},
		{"default, too old", 0, -25 * time.Hour, false},
		{"default, from the future", 0, 25 * time.Hour, false},
		{"narrow, in bound", 10 * time.Minute, -9 * time.Minute, true},
		{"narrow, too old", 10 * time.Minute, -11 * time.Minute, false},
		{"narrow, ahead", 10 * time.Minute, 11 * time.Minute, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, 2, func(c *depin.Config) { c.EpochCommits = 100 })
			for i := range f.nodes {
				n, err := depin.New(depin.WithVertical(skewMeter{newMeter(), tc.skew}), depin.WithConfig(f.cfg), depin.WithoutEngine(), depin.WithKey(f.keys[i]))
				require.NoError(t, err)
				f.nodes[i] = n
			}
			d := f.newDevice(true)
			f.commit(d.reg)
			c := f.next()
			d.seq++
			env, err := device.Seal(device.ForNetwork(d.key, f.network()), device.Header{Device: d.id, ContentType: readingType, Seq: d.seq,
				Time: time.UnixMilli(c.Timestamp).Add(tc.offset)}, reading{Wh: 10})
			require.NoError(t, err)
			c.Txs = []chain.Tx{envTx(t, env)}
			var hashes []chain.Digest
			for _, n := range f.nodes {
				res, err := n.ApplyCommit(c)
				require.NoError(t, err)
				hashes = append(hashes, res.AppHash)
			}
			require.Equal(t, hashes[0], hashes[1])
			x, err := f.nodes[1].Explain(d.id, 0)
			require.NoError(t, err)
			if tc.ok {
				require.Empty(t, x.Rejected)
				return
			}
			requireReasons(t, x, depin.ReasonTimeSkew)
		})
	}
	_, err := depin.New(depin.WithVertical(skewMeter{newMeter(), -time.Second}), depin.WithKey(make([]byte, 64)))
	require.ErrorIs(t, err, depin.ErrConfig)
}

// Behind a reverse proxy: with TrustedProxies, each client behind the proxy
// has its own address budget, taken from X-Forwarded-For's rightmost entry
// that is not a trusted proxy; a forged entry further left changes nothing,
// and the header is ignored from any other peer.
func TestIngestTrustedProxies(t *testing.T) {
	f := newAdmitFixture(t)
	now := genesis
	h, err := depin.NewIngest(f.nodes[0], depin.IngestConfig{
		PerAddress:     depin.Rate{Every: time.Minute, Burst: 1},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		Now:            func() time.Time { return now },
	})
	require.NoError(t, err)
	post := func(remote string, xff ...string) int {
		req := httptest.NewRequest(http.MethodPost, "/envelopes", bytes.NewReader([]byte("junk")))
		req.RemoteAddr = remote
		req.Header.Set("Content-Type", depin.MediaCOSE)
		for _, v := range xff {
			req.Header.Add("X-Forwarded-For", v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for _, tc := range []struct {
		name   string
		remote string
		xff    []string
		want   int
	}{
		{"client A via the proxy", "10.0.0.1:80", []string{"203.0.113.1"}, http.StatusBadRequest},
		{"client B via the proxy", "10.0.0.1:80", []string{"203.0.113.2"}, http.StatusBadRequest},
		{"client A again: its budget is spent", "10.0.0.1:80", []string{"203.0.113.1"}, http.StatusTooManyRequests},
		{"A forging a left entry", "10.0.0.1:80", []string{"198.51.100.7, 203.0.113.1"}, http.StatusTooManyRequests},
		{"A through two proxies", "10.0.0.1:80", []string{"203.0.113.1", "10.0.0.2"}, http.StatusTooManyRequests},
		{"client C through two proxies", "10.0.0.1:80", []string{"203.0.113.3, 10.0.0.2"}, http.StatusBadRequest},
		{"an untrusted peer's header is ignored", "192.0.2.5:80", []string{"203.0.113.9"}, http.StatusBadRequest},
		{"so it cannot borrow another budget", "192.0.2.5:80", []string{"203.0.113.10"}, http.StatusTooManyRequests},
		{"a malformed header counts against the proxy", "10.0.0.9:80", []string{"not-an-ip"}, http.StatusBadRequest},
		{"the proxy's own budget is spent", "10.0.0.9:80", []string{"also bad"}, http.StatusTooManyRequests},
	} {
		require.Equal(t, tc.want, post(tc.remote, tc.xff...), tc.name)
	}
	_, err = depin.NewIngest(f.nodes[0], depin.IngestConfig{TrustedProxies: []netip.Prefix{{}}})
	require.ErrorIs(t, err, depin.ErrConfig)
}
