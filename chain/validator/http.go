package validator

import (
	"fmt"
	"net"
	"net/http"
	"path/filepath"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/internal/httpguard"
)

// AdminTokenFile is the file in the data directory that holds the bearer
// token of the admin endpoints: created (mode 0600, 32 random bytes in hex)
// at the first start with api.admin on, and refused when its group or others
// may read it. Admin calls carry it as "Authorization: Bearer <token>"
// (Client.WithAdminToken, LoadAdminToken).
const AdminTokenFile = "admin.token"

// LoadAdminToken returns the admin token of the validator whose data
// directory is dataDir, creating it if there is none yet.
func LoadAdminToken(dataDir string) (string, error) {
	tok, err := httpguard.LoadOrCreateToken(filepath.Join(dataDir, AdminTokenFile))
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return tok, nil
}

// AdminToken returns the admin endpoints' bearer token while Run serves with
// api.admin on ("" otherwise): the content of AdminTokenFile, or, with a
// store on a file system of WithFS, a token kept in memory.
func (n *Node) AdminToken() string {
	if r := n.running(); r != nil {
		return r.adminToken
	}
	return ""
}

// listenAPI opens the API's listener and, with api.metrics_listen, the
// metrics listener, each capped at api.max_conns connections, and returns
// their servers (timeouts from the API config; every request's Host checked
// and every POST's Content-Type, see httpguard.Guard), in the same order.
// With api.admin it loads (or creates) the admin token first.
func (r *running) listenAPI(cfg *Config) ([]*http.Server, []net.Listener, error) {
	var token string
	if cfg.API.Admin {
		var err error
		if r.n.opts.fs == vfs.Default {
			token, err = LoadAdminToken(cfg.Path(cfg.DataDir))
		} else {
			// A store on another file system (a test's memory): the
			// token lives in memory too (Node.AdminToken).
			token, err = httpguard.NewToken()
		}
		if err != nil {
			return nil, nil, fmt.Errorf("validator: api.admin: %w", err)
		}
		r.adminToken = token
	}
	limits := cfg.API.limits()
	apiLn, err := httpguard.Listen(cfg.API.Listen, limits)
	if err != nil {
		return nil, nil, fmt.Errorf("validator: api.listen: %w", err)
	}
	r.apiAddr, r.metricsAddr = apiLn.Addr().String(), apiLn.Addr().String()
	servers := []*http.Server{r.apiServer(cfg.API.MetricsListen == "", token)}
	listeners := []net.Listener{apiLn}
	if cfg.API.MetricsListen != "" {
		mln, err := httpguard.Listen(cfg.API.MetricsListen, limits)
		if err != nil {
			apiLn.Close()
			return nil, nil, fmt.Errorf("validator: api.metrics_listen: %w", err)
		}
		r.metricsAddr = mln.Addr().String()
		servers = append(servers, r.metricsServer())
		listeners = append(listeners, mln)
	}
	return servers, listeners, nil
}

// guard wraps an API handler served at addr: the Host and Content-Type
// checks, and the server's timeouts.
func (r *running) guard(h http.Handler, addr string) *http.Server {
	cfg := r.n.cfg.API
	return httpguard.NewServer(httpguard.Guard(h, addr, cfg.Hosts, httpguard.JSON, httpguard.CBOR), cfg.limits())
}
