package depin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/httpguard"
)

// Admitter is a Submitter that can check an envelope fully before queueing
// it (Node.Admit): IngestHandler then charges the device's rate limit only
// for envelopes the device really signed, so that nobody can spend another
// device's budget with forgeries that name it.
type Admitter interface {
	Admit(envelope []byte) (device.ID, error)
}

// Rate is a token bucket: Burst requests at once, then one more every Every.
type Rate struct {
	Every time.Duration
	Burst int
}

// Defaults of IngestConfig. A gateway forwards many devices from one
// address, hence the wide per-address budget; a device reports far less
// often than once a second, but one that was offline uploads its buffered
// reports at once, hence the burst.
var (
	DefaultIngestPerAddress = Rate{Every: 5 * time.Millisecond, Burst: 400}  // 200/s
	DefaultIngestPerDevice  = Rate{Every: 200 * time.Millisecond, Burst: 64} // 5/s
)

// DefaultIngestTracked bounds the addresses and devices an ingest endpoint
// keeps rate-limit state for.
const DefaultIngestTracked = 1 << 16

// IngestConfig configures the device ingest endpoint (NewIngest). The zero
// value takes every default.
type IngestConfig struct {
	// Listen is the host:port of the ingest listener (RunValidator,
	// ServeIngest). Unlike the validator's API it may face the network:
	// every envelope is checked before it is queued, and each source is rate
	// limited.
	Listen string
	// Hosts are the names requests may carry as Host besides the listen
	// address and localhost (a host, any port, or host:port). On a listener
	// that is not loopback, none means any. Default none.
	Hosts []string
	// PerAddress limits the requests of one remote IP address. Default
	// DefaultIngestPerAddress (200/s, bursts of 400).
	PerAddress Rate
	// PerDevice limits the envelopes of one device (counted only when they
	// pass Admit). Default DefaultIngestPerDevice (5/s, bursts of 64).
	PerDevice Rate
	// TrustedProxies are the networks of reverse proxies (a load balancer,
	// nginx) in front of the listener. A request from one of them is counted
	// against the address its X-Forwarded-For header names: the rightmost
	// entry that is not itself a trusted proxy (entries further left are the
	// client's to forge). A request from anywhere else is counted against
	// its peer address, whatever header it carries. Default none: behind a
	// proxy, every client then shares the proxy's budget.
	TrustedProxies []netip.Prefix
	// Tracked bounds the addresses and the devices rate-limit state is kept
	// for (each); beyond it, the longest idle are forgotten. Default
	// DefaultIngestTracked.
	Tracked int
	// Limits are the listener's timeouts and connection cap (defaults:
	// httpguard.DefaultLimits: 5s header, 30s read, 60s write, 60s idle,
	// 256 connections).
	Limits httpguard.Limits
	// Now is the rate limiter's clock. Default time.Now.
	Now func() time.Time
}

// validate fills the defaults in.
func (c *IngestConfig) validate() error {
	if c.PerAddress == (Rate{}) {
		c.PerAddress = DefaultIngestPerAddress
	}
	if c.PerDevice == (Rate{}) {
		c.PerDevice = DefaultIngestPerDevice
	}
	for _, r := range []struct {
		name string
		r    Rate
	}{{"per address", c.PerAddress}, {"per device", c.PerDevice}} {
		if r.r.Every <= 0 || r.r.Burst <= 0 {
			return fmt.Errorf("%w: ingest %s rate: every %v, burst %d: want both positive", ErrConfig, r.name, r.r.Every, r.r.Burst)
		}
	}
	if c.Tracked < 0 {
		return fmt.Errorf("%w: ingest tracked %d is negative", ErrConfig, c.Tracked)
	}
	for i, p := range c.TrustedProxies {
		if !p.IsValid() {
			return fmt.Errorf("%w: ingest trusted proxies[%d]: not a valid prefix", ErrConfig, i)
		}
	}
	if c.Tracked == 0 {
		c.Tracked = DefaultIngestTracked
	}
	if err := c.Limits.Validate("ingest."); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// IngestStatus is the JSON body of every ingest response.
type IngestStatus struct {
	// Status is "queued" (202), "rejected" (400 malformed, 403 refused by
	// the device checks, 413 too large, 415 wrong content type), "limited"
	// (429: over a rate limit; retry after the Retry-After header's
	// seconds), or "unavailable" (503: the engine is closed or its queue is
	// full; retry).
	Status string `json:"status"`
	// Reason is a machine-readable rejection reason (ReasonMalformed,
	// ReasonOversized, ReasonUnknownDevice, ReasonRevoked,
	// ReasonBadSignature, ReasonReplay, ReasonWrongAlg, ReasonContentType),
	// empty unless rejected.
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Media types the ingest endpoint accepts: a COSE_Sign1 body (RFC 9052
// section 2 registers application/cose) or plain CBOR.
const (
	MediaCOSE = "application/cose"
	MediaCBOR = "application/cbor"
)

// IngestHandler returns NewIngest(s, IngestConfig{}): the ingest endpoint
// with the default rate limits. It checks no Host header: ServeIngest does.
func IngestHandler(s Submitter) http.Handler {
	h, _ := NewIngest(s, IngestConfig{}) // the zero config is valid
	return h
}

// Ingest is the device ingest endpoint: POST /envelopes with one envelope
// (COSE_Sign1 bytes, Content-Type application/cose or application/cbor) as
// the body, at most device.MaxEnvelopeSize bytes, answered with an
// IngestStatus. Each request is charged to its remote address's token
// bucket, and each envelope that passes Admit (when s is an Admitter) to its
// device's; over either, 429 with Retry-After. "queued" means admitted and
// ordered soon, not accepted: acceptance is decided at commit, and Explain
// tells.
type Ingest struct {
	s       Submitter
	cfg     IngestConfig
	mux     *http.ServeMux
	address *limiter[string]
	device  *limiter[device.ID]
}

// NewIngest returns the ingest endpoint of s.
func NewIngest(s Submitter, cfg IngestConfig) (*Ingest, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: ingest: nil submitter", ErrConfig)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	in := &Ingest{
		s: s, cfg: cfg, mux: http.NewServeMux(),
		address: newLimiter[string](cfg.PerAddress, cfg.Tracked),
		device:  newLimiter[device.ID](cfg.PerDevice, cfg.Tracked),
	}
	in.mux.HandleFunc("POST /envelopes", in.post)
	return in, nil
}

// ServeHTTP implements http.Handler.
func (in *Ingest) ServeHTTP(w http.ResponseWriter, r *http.Request) { in.mux.ServeHTTP(w, r) }

func (in *Ingest) post(w http.ResponseWriter, r *http.Request) {
	now := in.cfg.Now()
	host := sourceOf(in.clientAddr(r))
	if wait, ok := in.address.take(host, now); !ok {
		limited(w, wait, "address "+host)
		return
	}
	if !mediaOK(r.Header.Get("Content-Type")) {
		writeStatus(w, http.StatusUnsupportedMediaType, IngestStatus{Status: "rejected", Reason: ReasonMalformed,
			Error: fmt.Sprintf("content type %q: want %s or %s", r.Header.Get("Content-Type"), MediaCOSE, MediaCBOR)})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, device.MaxEnvelopeSize))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeStatus(w, http.StatusRequestEntityTooLarge, IngestStatus{Status: "rejected", Reason: ReasonOversized, Error: err.Error()})
			return
		}
		writeStatus(w, http.StatusBadRequest, IngestStatus{Status: "rejected", Reason: ReasonMalformed, Error: err.Error()})
		return
	}
	if len(body) == 0 {
		writeStatus(w, http.StatusBadRequest, IngestStatus{Status: "rejected", Reason: ReasonMalformed, Error: "empty body"})
		return
	}
	var id device.ID
	if a, ok := in.s.(Admitter); ok {
		if id, err = a.Admit(body); err != nil {
			refused(w, err)
			return
		}
	} else {
		e, err := device.ParseEnvelope(body)
		if err != nil {
			refused(w, fmt.Errorf("%w: %w", ErrMalformed, err))
			return
		}
		id = e.Device
	}
	if wait, ok := in.device.take(id, now); !ok {
		limited(w, wait, "device "+id.String())
		return
	}
	err = in.s.Submit(r.Context(), body)
	switch {
	case err == nil:
		writeStatus(w, http.StatusAccepted, IngestStatus{Status: "queued"})
	case errors.Is(err, chain.ErrInvalidTx), errors.Is(err, ErrTooLarge):
		refused(w, err)
	default:
		writeStatus(w, http.StatusServiceUnavailable, IngestStatus{Status: "unavailable", Error: err.Error()})
	}
}

func mediaOK(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == MediaCOSE || mt == MediaCBOR)
}

// refused answers an envelope the checks refused: 413 for a size, 400 for a
// malformed one, 403 for one the device checks refused.
func refused(w http.ResponseWriter, err error) {
	reason := envelopeReason(err)
	code := http.StatusForbidden
	switch reason {
	case ReasonOversized:
		code = http.StatusRequestEntityTooLarge
	case ReasonMalformed:
		code = http.StatusBadRequest
	}
	if errors.Is(err, ErrTooLarge) {
		code, reason = http.StatusRequestEntityTooLarge, ReasonOversized
	}
	writeStatus(w, code, IngestStatus{Status: "rejected", Reason: reason, Error: err.Error()})
}

func limited(w http.ResponseWriter, wait time.Duration, who string) {
	secs := max(1, int((wait+time.Second-1)/time.Second))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeStatus(w, http.StatusTooManyRequests, IngestStatus{Status: "limited", Error: fmt.Sprintf("%s is over its rate limit: retry in %ds", who, secs)})
}

// ServeIngest serves the ingest endpoint of s on cfg.Listen until ctx ends:
// its own listener (the validator's API and /metrics are elsewhere), with
// cfg.Limits' timeouts and connection cap and the Host check of
// httpguard.Guard. ready, if not nil, receives the listener's address once
// it listens. It returns nil when ctx ends.
func ServeIngest(ctx context.Context, s Submitter, cfg IngestConfig, ready func(addr string)) error {
	h, err := NewIngest(s, cfg)
	if err != nil {
		return err
	}
	ln, err := httpguard.Listen(cfg.Listen, cfg.Limits)
	if err != nil {
		return fmt.Errorf("depin: ingest.listen: %w", err)
	}
	addr := ln.Addr().String()
	hosts := cfg.Hosts
	if httpguard.CheckLoopback(addr) != nil && len(hosts) == 0 {
		hosts = []string{httpguard.AnyHost}
	}
	srv := httpguard.NewServer(httpguard.Guard(h, addr, hosts, MediaCOSE, MediaCBOR), cfg.Limits)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready(addr)
	}
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close()
		}
		<-done
		return nil
	case err := <-done:
		return fmt.Errorf("depin: ingest: %w", err)
	}
}

// limiter keeps a token bucket per key, at most max keys; when full, it
// forgets the key idle longest (its bucket would be full again anyway, or
// nearly).
type limiter[K comparable] struct {
	rate Rate
	max  int

	mu      sync.Mutex
	buckets map[K]*bucket
}

type bucket struct {
	tokens int64     // whole tokens left
	at     time.Time // when tokens was last brought up to date (whole periods)
}

func newLimiter[K comparable](r Rate, max int) *limiter[K] {
	return &limiter[K]{rate: r, max: max, buckets: map[K]*bucket{}}
}

// take spends one token of key's bucket: true if there was one; otherwise
// false and how long until there is.
func (l *limiter[K]) take(key K, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.max {
			l.evict()
		}
		b = &bucket{tokens: int64(l.rate.Burst), at: now}
		l.buckets[key] = b
	}
	// Refill: one token per Every since b.at, up to Burst. b.at moves by
	// whole periods only, so that no fraction is lost.
	if elapsed := now.Sub(b.at); elapsed >= l.rate.Every {
		n := int64(elapsed / l.rate.Every)
		b.tokens = min(int64(l.rate.Burst), b.tokens+n)
		b.at = b.at.Add(time.Duration(n) * l.rate.Every)
		if b.tokens == int64(l.rate.Burst) {
			b.at = now
		}
	}
	if b.tokens > 0 {
		b.tokens--
		return 0, true
	}
	return l.rate.Every - now.Sub(b.at), false
}

// evict forgets the bucket idle longest of a few taken from the map (its
// iteration order is random): constant work per new key, as Redis samples
// for its approximate LRU, so that a flood of new addresses costs no scan.
func (l *limiter[K]) evict() {
	const samples = 8
	var oldest K
	var at time.Time
	n := 0
	for k, b := range l.buckets {
		if n == 0 || b.at.Before(at) {
			oldest, at = k, b.at
		}
		if n++; n == samples {
			break
		}
	}
	delete(l.buckets, oldest)
}

// sourceOf returns the rate-limit key of a remote address: its IP, and for
// IPv6 its /64 (one subscriber's prefix: a host can use any address in it).
// clientAddr returns the address a request is counted against: its peer's,
// or, from a trusted proxy, the rightmost X-Forwarded-For entry that is not
// a trusted proxy (IngestConfig.TrustedProxies). A header that does not
// parse counts against the proxy itself.
func (in *Ingest) clientAddr(r *http.Request) string {
	peer := r.RemoteAddr
	if len(in.cfg.TrustedProxies) == 0 || !in.trusted(peer) {
		return peer
	}
	hops := r.Header.Values("X-Forwarded-For")
	for i := len(hops) - 1; i >= 0; i-- {
		entries := strings.Split(hops[i], ",")
		for j := len(entries) - 1; j >= 0; j-- {
			e := strings.TrimSpace(entries[j])
			ip, err := netip.ParseAddr(e)
			if err != nil {
				return peer
			}
			if !in.trusted(ip.String()) {
				return ip.String()
			}
		}
	}
	return peer
}

// trusted reports whether addr (host or host:port) is in a trusted proxy
// network.
func (in *Ingest) trusted(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range in.cfg.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func sourceOf(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}
