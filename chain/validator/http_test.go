package validator

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport/mem"
)

// Issue 13 item 5: a web page in a browser on the validator's host cannot
// post to /txs or /admin: a form or text content type is refused (415), and
// so is a Host that is not the API's address (421, DNS rebinding). The admin
// token is a file of mode 0600 in the data directory.
func TestAPIRefusesBrowserRequests(t *testing.T) {
	home := t.TempDir()
	cfg := testConfig(0, 1)
	cfg.Home = home
	cfg.API.Admin = true
	cfg.API.Hosts = []string{"validator.internal"}
	net, err := mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	node, err := New(cfg, WithKey(testKey(0)), WithTransport(MemoryTransport(net)))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- node.Run(ctx) }()
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()
	select {
	case <-node.Ready():
	case err := <-done:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("not ready")
	}
	addr := node.APIAddr()

	tokenPath := filepath.Join(home, "data", AdminTokenFile)
	st, err := os.Stat(tokenPath)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	tok, err := LoadAdminToken(filepath.Join(home, "data"))
	require.NoError(t, err)
	require.Equal(t, node.AdminToken(), tok)

	hc := &http.Client{Transport: &http.Transport{}}
	post := func(path, host, ctype, body string, auth bool) int {
		req, err := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(body))
		require.NoError(t, err)
		if host != "" {
			req.Host = host
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if auth {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode
	}
	txs := `{"txs":["a=1"]}`
	for _, ctype := range []string{"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", ""} {
		require.Equal(t, http.StatusUnsupportedMediaType, post("/txs", "", ctype, txs, false), ctype)
		require.Equal(t, http.StatusUnsupportedMediaType, post("/admin/disconnect", "", ctype, `{"peer":"all"}`, true), ctype)
	}
	require.Equal(t, http.StatusMisdirectedRequest, post("/txs", "attacker.example:80", "application/json", txs, false))
	require.Equal(t, http.StatusMisdirectedRequest, post("/admin/disconnect", "attacker.example", "application/json", `{"peer":"all"}`, true))
	require.Equal(t, http.StatusOK, post("/txs", "", "application/json", txs, false))
	require.Equal(t, http.StatusOK, post("/txs", "validator.internal", "application/json", txs, false))
	require.Equal(t, http.StatusUnauthorized, post("/admin/disconnect", "", "application/json", `{"peer":"all"}`, false))
	// Authorised, well-formed: served.
	require.Equal(t, http.StatusOK, post("/admin/disconnect", "", "application/json", `{"peer":"all"}`, true))
}
