package httpguard

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCheckLoopback(t *testing.T) {
	for _, ok := range []string{"127.0.0.1:7700", "[::1]:0", "localhost:80", "127.9.9.9:1"} {
		require.NoError(t, CheckLoopback(ok), ok)
	}
	for _, bad := range []string{"0.0.0.0:7700", "10.0.0.1:1", "[::]:7700", "example.com:80", ":7700"} {
		require.ErrorIs(t, CheckLoopback(bad), ErrNotLoopback, bad)
	}
	for _, bad := range []string{"127.0.0.1", "127.0.0.1:99999", "127.0.0.1:x"} {
		err := CheckLoopback(bad)
		require.Error(t, err, bad)
		require.NotErrorIs(t, err, ErrNotLoopback, bad)
	}
}

func TestGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := Guard(ok, "127.0.0.1:7700", []string{"validator.internal"}, JSON)
	for _, tc := range []struct {
		method, host, ctype string
		want                int
	}{
		{"POST", "127.0.0.1:7700", "application/json", http.StatusNoContent},
		{"POST", "localhost:7700", "application/json; charset=utf-8", http.StatusNoContent},
		{"POST", "validator.internal:443", "application/json", http.StatusNoContent},
		{"GET", "127.0.0.1:7700", "", http.StatusNoContent},
		// What a web page can make a browser send without a preflight.
		{"POST", "127.0.0.1:7700", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"POST", "127.0.0.1:7700", "text/plain", http.StatusUnsupportedMediaType},
		{"POST", "127.0.0.1:7700", "multipart/form-data; boundary=x", http.StatusUnsupportedMediaType},
		{"POST", "127.0.0.1:7700", "", http.StatusUnsupportedMediaType},
		// DNS rebinding: the attacker's name as Host.
		{"POST", "evil.example:7700", "application/json", http.StatusMisdirectedRequest},
		{"GET", "evil.example:7700", "", http.StatusMisdirectedRequest},
		{"POST", "127.0.0.1:7701", "application/json", http.StatusMisdirectedRequest},
	} {
		req := httptest.NewRequest(tc.method, "http://x/txs", strings.NewReader("{}"))
		req.Host = tc.host
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, tc.want, rec.Code, "%+v: %s", tc, rec.Body)
	}
}

func TestLimitListener(t *testing.T) {
	ln, err := Listen("127.0.0.1:0", Limits{MaxConns: 2})
	require.NoError(t, err)
	defer ln.Close()
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	var clients []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		defer c.Close()
		clients = append(clients, c)
	}
	first, second := <-accepted, <-accepted
	select {
	case <-accepted:
		t.Fatal("a third connection was accepted while two were open")
	case <-time.After(100 * time.Millisecond):
	}
	require.NoError(t, first.Close())
	select {
	case c := <-accepted:
		c.Close()
	case <-time.After(5 * time.Second):
		t.Fatal("the third connection was not accepted after one closed")
	}
	second.Close()
}

func TestNewServerTimeouts(t *testing.T) {
	srv := NewServer(http.NotFoundHandler(), Limits{ReadTimeout: time.Second})
	require.Equal(t, time.Second, srv.ReadTimeout)
	require.Equal(t, DefaultLimits.ReadHeaderTimeout, srv.ReadHeaderTimeout)
	require.NotZero(t, srv.WriteTimeout)
	require.NotZero(t, srv.IdleTimeout)
	require.Error(t, Limits{MaxConns: -1}.Validate("api."))
	require.ErrorContains(t, Limits{IdleTimeout: -1}.Validate("api."), "api.idle_timeout")
}

func TestToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "admin.token")
	tok, err := LoadOrCreateToken(path)
	require.NoError(t, err)
	require.Len(t, tok, 2*tokenBytes)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	again, err := LoadOrCreateToken(path)
	require.NoError(t, err)
	require.Equal(t, tok, again)

	require.NoError(t, os.Chmod(path, 0o644))
	_, err = LoadOrCreateToken(path)
	require.ErrorIs(t, err, ErrToken)
	require.ErrorContains(t, err, "0644")
	require.NoError(t, os.Chmod(path, 0o600))
	require.NoError(t, os.WriteFile(path, []byte("short\n"), 0o600))
	_, err = LoadOrCreateToken(path)
	require.ErrorIs(t, err, ErrToken)

	h := RequireToken(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }), tok)
	for auth, want := range map[string]int{
		"": http.StatusUnauthorized, "Bearer " + tok: http.StatusNoContent, "Bearer " + tok + "x": http.StatusUnauthorized,
		"Basic " + tok: http.StatusUnauthorized, "Bearer ": http.StatusUnauthorized,
	} {
		req := httptest.NewRequest("POST", "/admin/disconnect", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, want, rec.Code, auth)
	}
}
