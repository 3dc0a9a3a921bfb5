package validator

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/depinkit/depinkit/chain"
)

// maxResponseBytes bounds the responses a Client reads.
const maxResponseBytes = 1 << 30

// Client talks to a validator's JSON API: what a load generator, a test
// harness or another program uses. It is safe for concurrent use.
type Client struct {
	base  string
	hc    *http.Client
	token string // the admin token, sent as a bearer token
}

// WithAdminToken returns a copy of c that sends token (the content of the
// validator's AdminTokenFile, LoadAdminToken) with every call, as the admin
// endpoints require.
func (c *Client) WithAdminToken(token string) *Client {
	cc := *c
	cc.token = token
	return &cc
}

// NewClient returns a client of the API at addr: "127.0.0.1:7700" or a URL
// ("http://127.0.0.1:7700"). hc nil means http.DefaultClient; calls are bounded
// by their contexts.
func NewClient(addr string, hc *http.Client) *Client {
	if !strings.Contains(addr, "://") {
		addr = "http://" + addr
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(addr, "/"), hc: hc}
}

// Submit sends transactions in one POST /txs (base64-encoded, so any bytes
// go through).
func (c *Client) Submit(ctx context.Context, txs ...chain.Tx) (SubmitResponse, error) {
	req := SubmitRequest{Txs: make([]string, len(txs)), Encoding: EncodingBase64}
	for i, tx := range txs {
		req.Txs[i] = base64.StdEncoding.EncodeToString(tx)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return SubmitResponse{}, fmt.Errorf("%w: %v", ErrAPI, err)
	}
	var resp SubmitResponse
	err = c.do(ctx, http.MethodPost, "/txs", bytes.NewReader(body), &resp)
	return resp, err
}

// Commits returns up to limit stored commits from index from on (the server
// caps limit, and the size of a response: ask again after the last one), and
// the index of the last commit stored.
func (c *Client) Commits(ctx context.Context, from uint64, limit int) ([]chain.Commit, uint64, error) {
	q := url.Values{}
	q.Set("from", strconv.FormatUint(from, 10))
	q.Set("limit", strconv.Itoa(limit))
	q.Set("encoding", EncodingBase64)
	var resp CommitsResponse
	if err := c.do(ctx, http.MethodGet, "/commits?"+q.Encode(), nil, &resp); err != nil {
		return nil, 0, err
	}
	out := make([]chain.Commit, len(resp.Commits))
	for i, info := range resp.Commits {
		cm, err := info.commit()
		if err != nil {
			return nil, 0, fmt.Errorf("%w: commit %d: %v", ErrAPI, info.Index, err)
		}
		out[i] = cm
	}
	return out, resp.Stored, nil
}

// Status returns the validator's GET /status.
func (c *Client) Status(ctx context.Context) (Status, error) {
	var s Status
	err := c.do(ctx, http.MethodGet, "/status", nil, &s)
	return s, err
}

// Metrics returns the text of GET /metrics (of a node that serves it on its
// API address).
func (c *Client) Metrics(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/metrics", nil)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrAPI, err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrAPI, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return "", fmt.Errorf("%w: /metrics: %v", ErrAPI, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%w: /metrics: %s", ErrAPI, resp.Status)
	}
	return string(data), nil
}

func (c *Client) do(ctx context.Context, method, path string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrAPI, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrAPI, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("%w: %s %s: %v", ErrAPI, method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e apiError
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			if resp.StatusCode == http.StatusGone {
				return &NotKeptError{First: e.First, msg: fmt.Sprintf("%s %s: %s", method, path, e.Error)}
			}
			return fmt.Errorf("%w: %s %s: %s: %s", ErrAPI, method, path, resp.Status, e.Error)
		}
		return fmt.Errorf("%w: %s %s: %s", ErrAPI, method, path, resp.Status)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %s %s: %v", ErrAPI, method, path, err)
	}
	return nil
}

// commit converts the API form back to a chain.Commit (transactions in
// base64).
func (info CommitInfo) commit() (chain.Commit, error) {
	c := chain.Commit{
		Index: info.Index, Epoch: info.Epoch, LeaderRound: info.LeaderRound, LeaderAuthor: info.LeaderAuthor,
		Timestamp: info.Timestamp, Txs: make([]chain.Tx, len(info.Txs)),
	}
	var err error
	if c.Digest, err = parseDigest(info.Digest); err != nil {
		return chain.Commit{}, fmt.Errorf("digest: %v", err)
	}
	if c.Leader, err = parseDigest(info.Leader); err != nil {
		return chain.Commit{}, fmt.Errorf("leader: %v", err)
	}
	for i, s := range info.Txs {
		if c.Txs[i], err = base64.StdEncoding.DecodeString(s); err != nil {
			return chain.Commit{}, fmt.Errorf("txs[%d]: %v", i, err)
		}
	}
	return c, nil
}

func parseDigest(s string) (chain.Digest, error) {
	var d chain.Digest
	b, err := hex.DecodeString(s)
	if err != nil {
		return d, err
	}
	if len(b) != len(d) {
		return d, fmt.Errorf("%d bytes, want %d", len(b), len(d))
	}
	copy(d[:], b)
	return d, nil
}

// NotKeptError is Client.Commits' error for a commit the validator no longer
// keeps (410 Gone). It wraps ErrAPI and ErrNotKept.
type NotKeptError struct {
	// First is the first commit the validator keeps; 0 if it keeps none
	// at or after the one asked for.
	First uint64
	msg   string
}

func (e *NotKeptError) Error() string {
	return ErrAPI.Error() + ": " + ErrNotKept.Error() + ": " + e.msg
}

// Unwrap returns ErrAPI and ErrNotKept.
func (e *NotKeptError) Unwrap() []error { return []error{ErrAPI, ErrNotKept} }
