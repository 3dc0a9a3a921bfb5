// Package httpguard holds what every depinkit HTTP listener shares: the
// loopback check of a listen address (the validator process and "subnet
// validate" refuse the same addresses), server timeouts, a cap on open
// connections, and a guard against requests a web browser can be made to
// send (a foreign Host header, a POST with a form or text content type).
//
// Why the guard: a page open in a browser on the validator's host can POST
// to http://127.0.0.1:7700/txs. A browser sends a cross-origin POST without
// asking first (no CORS preflight) only with a "simple" content type
// (application/x-www-form-urlencoded, multipart/form-data, text/plain);
// requiring application/json (or application/cbor) makes it ask, and since
// no endpoint answers the preflight, it never sends. DNS rebinding (a page
// whose name resolves to 127.0.0.1) is stopped by the Host check: the
// browser then sends the attacker's name as Host. The rules follow the Fetch
// standard's CORS-safelisted request headers (fetch.spec.whatwg.org,
// "CORS-safelisted request-header"), as Go's own net/http CrossOriginProtection
// and the Ethereum JSON-RPC servers (go-ethereum node/rpcstack.go, its
// virtual-host check) apply them.
package httpguard

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNotLoopback reports a listen address whose host is not a loopback
// address.
var ErrNotLoopback = errors.New("not a loopback address")

// CheckLoopback checks that addr is host:port with a port from 0 to 65535 and
// a host that is "localhost" or a loopback IP (127.0.0.0/8, ::1). The error
// wraps ErrNotLoopback when only the host is wrong.
func CheckLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port: %v", addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("%q: port %q is not a number from 0 to 65535", addr, port)
	}
	if host == "localhost" {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return fmt.Errorf("%w: %q (want 127.0.0.1 or [::1]): the API has no transport security", ErrNotLoopback, addr)
	}
	return nil
}

// Limits are the timeouts and connection cap of a server. Zero fields take
// the defaults of DefaultLimits.
type Limits struct {
	// ReadHeaderTimeout bounds reading a request's headers. Default 5s.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included. Default 30s.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing a response, from the end of the request's
	// headers. Default 60s.
	WriteTimeout time.Duration
	// IdleTimeout bounds how long a keep-alive connection waits for its next
	// request. Default 60s.
	IdleTimeout time.Duration
	// MaxConns bounds the connections open at once; more wait in the
	// kernel's accept queue. Default 256.
	MaxConns int
}

// DefaultLimits are the limits of a zero Limits.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      60 * time.Second,
	IdleTimeout:       60 * time.Second,
	MaxConns:          256,
}

// WithDefaults returns l with its zero fields set from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	for _, f := range []struct{ v, def *time.Duration }{
		{&l.ReadHeaderTimeout, &d.ReadHeaderTimeout}, {&l.ReadTimeout, &d.ReadTimeout},
		{&l.WriteTimeout, &d.WriteTimeout}, {&l.IdleTimeout, &d.IdleTimeout},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	if l.MaxConns == 0 {
		l.MaxConns = d.MaxConns
	}
	return l
}

// Validate reports a negative field, naming it with prefix ("api.").
func (l Limits) Validate(prefix string) error {
	for _, f := range []struct {
		name string
		v    time.Duration
	}{
		{"read_header_timeout", l.ReadHeaderTimeout}, {"read_timeout", l.ReadTimeout},
		{"write_timeout", l.WriteTimeout}, {"idle_timeout", l.IdleTimeout},
	} {
		if f.v < 0 {
			return fmt.Errorf("%s%s: negative: %v", prefix, f.name, f.v)
		}
	}
	if l.MaxConns < 0 {
		return fmt.Errorf("%smax_conns: negative: %d", prefix, l.MaxConns)
	}
	return nil
}

// NewServer returns a server of h with l's timeouts (defaults for zero
// fields). Serve it on Listen's listener, which applies the connection cap.
func NewServer(h http.Handler, l Limits) *http.Server {
	l = l.WithDefaults()
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    16 << 10,
	}
}

// Listen listens on TCP addr and caps the connections open at once at
// l.MaxConns (default 256).
func Listen(addr string, l Limits) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return LimitListener(ln, l.WithDefaults().MaxConns), nil
}

// LimitListener returns a listener that has at most n connections open at
// once: Accept waits while n are open (the others wait in the kernel's
// backlog), and a connection counts until it is closed.
func LimitListener(l net.Listener, n int) net.Listener {
	return &limitListener{Listener: l, sem: make(chan struct{}, n), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	sem       chan struct{}
	closeOnce sync.Once
	done      chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

func (l *limitListener) Close() error {
	err := l.Listener.Close()
	l.closeOnce.Do(func() { close(l.done) })
	return err
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// AnyHost, among Guard's hosts, accepts any Host header: for a listener
// meant to face the network (device ingest on a public address), where the
// Host check protects nothing.
const AnyHost = "*"

// Content types a Guard may accept on POST.
const (
	JSON = "application/json"
	CBOR = "application/cbor"
)

// Guard returns a handler that passes to h only requests whose Host header
// names this listener — addr (the listener's address, as net.Listener.Addr
// reports it), "localhost" with addr's port, or one of hosts (a host or
// host:port, for a validator reached through a proxy) — and, for POST, PUT,
// PATCH and DELETE, whose Content-Type is one of contentTypes (parameters
// such as charset are allowed). Others get 421 Misdirected Request (a foreign
// Host) or 415 Unsupported Media Type, with a JSON error body.
func Guard(h http.Handler, addr string, hosts []string, contentTypes ...string) http.Handler {
	allowed := map[string]bool{}
	for _, a := range hosts {
		allowed[strings.ToLower(a)] = true
	}
	allowed[strings.ToLower(addr)] = true
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if ip, err := netip.ParseAddr(host); err == nil && ip.IsLoopback() {
			allowed["localhost:"+port] = true
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(allowed, r.Host) {
			refuse(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not this server's address %s", truncate(r.Host), addr))
			return
		}
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || !slices.Contains(contentTypes, mt) {
				refuse(w, http.StatusUnsupportedMediaType, fmt.Sprintf("content type %q: want %s", truncate(r.Header.Get("Content-Type")), strings.Join(contentTypes, " or ")))
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

func hostAllowed(allowed map[string]bool, host string) bool {
	host = strings.ToLower(host)
	if allowed[host] || allowed[AnyHost] {
		return true
	}
	// A configured bare host name allows it on any port.
	if h, _, err := net.SplitHostPort(host); err == nil {
		return allowed[h]
	}
	return false
}

func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", JSON)
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{msg})
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
