package validator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/depinkit/depinkit/internal/httpguard"
	"github.com/depinkit/depinkit/transport"
)

// The admin endpoints, served only when APIConfig.Admin is set, on the same
// loopback address as the rest of the API, and only to requests that carry
// the admin token (AdminTokenFile in the data directory) as
// "Authorization: Bearer <token>"; others get 401:
//
//	POST /admin/disconnect  {"peer": "2"|"all"}  -> AdminResponse
//	POST /admin/reconnect   {"peer": "2"|"all"}  -> AdminResponse
//
// Disconnect cuts this validator's link to the named validator (by genesis
// index) or to every other one, both ways, until Reconnect: the end-to-end
// tests partition a validator this way. They need a transport with the
// transport.Disconnector capability (transport/p2p and transport/mem have it);
// without it they answer 501 Not Implemented.

// AdminAll names every other validator in an AdminRequest.
const AdminAll = "all"

// adminReconnectTimeout bounds how long POST /admin/reconnect waits for each
// peer to be connected again.
const adminReconnectTimeout = 10 * time.Second

// AdminRequest is the body of POST /admin/disconnect and /admin/reconnect.
type AdminRequest struct {
	// Peer is a validator's index in genesis.validators (not this one's), or
	// AdminAll.
	Peer string `json:"peer"`
}

// AdminResponse answers an admin call: the validators acted on, and those
// for which the transport reported an error (a validator that is down cannot
// be reconnected to). The call succeeds as a whole even when some failed.
type AdminResponse struct {
	Peers  []uint32       `json:"peers"`
	Failed []AdminFailure `json:"failed,omitempty"`
}

// AdminFailure is a validator an admin call could not act on.
type AdminFailure struct {
	Peer  uint32 `json:"peer"`
	Error string `json:"error"`
}

// adminRoutes registers the admin endpoints on mux when APIConfig.Admin is
// set.
func (r *running) adminRoutes(mux *http.ServeMux, token string) {
	if !r.n.cfg.API.Admin {
		return
	}
	mux.Handle("POST /admin/disconnect", httpguard.RequireToken(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.handleAdmin(w, req, func(ctx context.Context, d transport.Disconnector, id transport.PeerID) error {
			return d.Disconnect(ctx, id)
		})
	}), token))
	mux.Handle("POST /admin/reconnect", httpguard.RequireToken(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.handleAdmin(w, req, func(ctx context.Context, d transport.Disconnector, id transport.PeerID) error {
			ctx, cancel := context.WithTimeout(ctx, adminReconnectTimeout)
			defer cancel()
			return d.Reconnect(ctx, id)
		})
	}), token))
}

func (r *running) handleAdmin(w http.ResponseWriter, req *http.Request, act func(context.Context, transport.Disconnector, transport.PeerID) error) {
	d, ok := r.tr.(transport.Disconnector)
	if !ok {
		writeError(w, http.StatusNotImplemented, "the transport cannot disconnect peers")
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, req.Body, 1<<10))
	dec.DisallowUnknownFields()
	var ar AdminRequest
	if err := dec.Decode(&ar); err != nil {
		writeError(w, http.StatusBadRequest, "body: %v (want {\"peer\": \"<index>\"|\"all\"})", err)
		return
	}
	peers, err := r.adminPeers(ar.Peer)
	if err != nil {
		writeError(w, http.StatusBadRequest, "peer: %v", err)
		return
	}
	resp := AdminResponse{Peers: peers}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, p := range peers {
		wg.Go(func() {
			id, err := transport.IDFromPublicKey(r.n.set.Key(p))
			if err == nil {
				err = act(req.Context(), d, id)
			}
			if err != nil {
				mu.Lock()
				resp.Failed = append(resp.Failed, AdminFailure{Peer: p, Error: err.Error()})
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	writeJSON(w, http.StatusOK, resp)
}

// adminPeers returns the validators an AdminRequest names.
func (r *running) adminPeers(peer string) ([]uint32, error) {
	self, n := uint32(r.n.cfg.Index), r.n.set.Len()
	if peer == AdminAll {
		out := make([]uint32, 0, n)
		for i := range n {
			if uint32(i) != self {
				out = append(out, uint32(i))
			}
		}
		return out, nil
	}
	v, err := strconv.ParseUint(peer, 10, 32)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%q: neither a validator index nor %q", peer, AdminAll)
	case v >= uint64(n):
		return nil, fmt.Errorf("%d: out of range (%d validators)", v, n)
	case uint32(v) == self:
		return nil, errors.New("this validator itself")
	}
	return []uint32{uint32(v)}, nil
}

// Disconnect asks the validator to cut its links to peer (a validator index,
// or AdminAll) until Reconnect: POST /admin/disconnect, served only with
// api.admin = true.
func (c *Client) Disconnect(ctx context.Context, peer string) (AdminResponse, error) {
	return c.admin(ctx, "/admin/disconnect", peer)
}

// Reconnect lifts Disconnect and waits until the validator is connected to
// peer (a validator index, or AdminAll) again: POST /admin/reconnect.
func (c *Client) Reconnect(ctx context.Context, peer string) (AdminResponse, error) {
	return c.admin(ctx, "/admin/reconnect", peer)
}

func (c *Client) admin(ctx context.Context, path, peer string) (AdminResponse, error) {
	body, err := json.Marshal(AdminRequest{Peer: peer})
	if err != nil {
		return AdminResponse{}, fmt.Errorf("%w: %v", ErrAPI, err)
	}
	var resp AdminResponse
	err = c.do(ctx, http.MethodPost, path, bytes.NewReader(body), &resp)
	return resp, err
}
