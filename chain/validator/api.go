package validator

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// Encodings of transactions in the API.
const (
	// EncodingText carries a transaction as a JSON string: its bytes, which
	// must be UTF-8 (KV transactions are).
	EncodingText = "text"
	// EncodingBase64 carries a transaction as standard base64: any bytes.
	EncodingBase64 = "base64"
)

// DefaultCommitsLimit is the number of commits GET /commits returns without
// a limit parameter.
const DefaultCommitsLimit = 100

// SubmitRequest is the body of POST /txs.
type SubmitRequest struct {
	// Txs are the transactions, in Encoding.
	Txs []string `json:"txs"`
	// Encoding is EncodingText (the default) or EncodingBase64.
	Encoding string `json:"encoding,omitempty"`
}

// SubmitResponse answers POST /txs: how many transactions were accepted
// (queued for this validator's next blocks), and why the others were not.
// Accepted is not committed, but durable: the validator acknowledges a
// transaction once its mempool write-ahead log holds it, synced, and proposes
// it again after a crash. A transaction it already holds uncommitted is
// acknowledged again without a second copy (label "duplicate" of
// depinkit_submitted_txs_total), so a client may retry freely.
type SubmitResponse struct {
	Accepted int         `json:"accepted"`
	Rejected []Rejection `json:"rejected,omitempty"`
}

// Rejection is a transaction POST /txs did not accept.
type Rejection struct {
	// Index is the transaction's position in the request.
	Index int `json:"index"`
	// Reason is "invalid" (the application or a size limit refused it: do not
	// send it again), "full" (the mempool is full: send it again later) or
	// "closed" (the node is stopping).
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

// Err returns the rejection as an error wrapping the sentinel of its
// reason: chain.ErrInvalidTx ("invalid"), dag.ErrMempoolFull ("full"), or
// chain.ErrClosed (the node is stopping, or a reason this version does not
// know).
func (r Rejection) Err() error {
	switch r.Reason {
	case resultInvalid:
		return fmt.Errorf("%w: %s", chain.ErrInvalidTx, r.Error)
	case resultFull:
		return fmt.Errorf("%w: %s", dag.ErrMempoolFull, r.Error)
	default:
		return fmt.Errorf("%w: %s: %s", chain.ErrClosed, r.Reason, r.Error)
	}
}

// CommitsResponse answers GET /commits.
type CommitsResponse struct {
	Commits []CommitInfo `json:"commits"`
	// Stored is the index of the last commit stored.
	Stored uint64 `json:"stored"`
}

// CommitInfo is a chain.Commit as the API shows it: digests in hex,
// transactions in the requested encoding.
type CommitInfo struct {
	Index        uint64   `json:"index"`
	Epoch        uint64   `json:"epoch"`
	Digest       string   `json:"digest"`
	Leader       string   `json:"leader"`
	LeaderRound  uint64   `json:"leader_round"`
	LeaderAuthor uint32   `json:"leader_author"`
	Timestamp    int64    `json:"timestamp"`
	Txs          []string `json:"txs"`
}

// apiError is the body of every API error.
type apiError struct {
	Error string `json:"error"`
	// First is, with 410 Gone from GET /commits, the first commit the
	// validator keeps (0: none).
	First uint64 `json:"first,omitempty"`
}

// apiServer serves the JSON API, and /metrics when withMetrics; the admin
// endpoints, with api.admin, require token.
func (r *running) apiServer(withMetrics bool, token string) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /txs", r.handleSubmit)
	mux.HandleFunc("GET /commits", r.handleCommits)
	mux.HandleFunc("GET /status", r.handleStatus)
	r.adminRoutes(mux, token)
	if withMetrics {
		mux.Handle("GET /metrics", r.metricsHandler())
	}
	for _, rt := range r.n.opts.handlers {
		mux.Handle(rt.pattern, rt.h)
	}
	return r.guard(mux, r.apiAddr)
}

// checkRoutes reports an extra route whose pattern net/http refuses or that
// conflicts with the API's own (ServeMux panics on those: New must not).
func checkRoutes(routes []route) (err error) {
	if len(routes) == 0 {
		return nil
	}
	var current string
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("validator: WithHandler %q: %v", current, p)
		}
	}()
	mux := http.NewServeMux()
	noop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, p := range []string{"POST /txs", "GET /commits", "GET /status", "GET /metrics", "POST /admin/disconnect", "POST /admin/reconnect"} {
		mux.Handle(p, noop)
	}
	for _, rt := range routes {
		current = rt.pattern
		mux.Handle(rt.pattern, rt.h)
	}
	return nil
}

func (r *running) metricsServer() *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", r.metricsHandler())
	return r.guard(mux, r.metricsAddr)
}

func (r *running) metricsHandler() http.Handler {
	return promhttp.HandlerFor(r.metrics.reg, promhttp.HandlerOpts{})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

func (r *running) handleSubmit(w http.ResponseWriter, req *http.Request) {
	cfg := r.n.cfg.API
	body := http.MaxBytesReader(w, req.Body, int64(cfg.MaxBodyBytes))
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	var sr SubmitRequest
	if err := dec.Decode(&sr); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "body larger than %d bytes (api.max_body_bytes)", tooLarge.Limit)
			return
		}
		writeError(w, http.StatusBadRequest, "body: %v (want {\"txs\": [\"key=value\", ...]})", err)
		return
	}
	if len(sr.Txs) > cfg.MaxBatchTxs {
		writeError(w, http.StatusRequestEntityTooLarge, "%d transactions, at most %d (api.max_batch_txs)", len(sr.Txs), cfg.MaxBatchTxs)
		return
	}
	txs := make([]chain.Tx, len(sr.Txs))
	switch sr.Encoding {
	case "", EncodingText:
		for i, s := range sr.Txs {
			txs[i] = chain.Tx(s)
		}
	case EncodingBase64:
		for i, s := range sr.Txs {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				writeError(w, http.StatusBadRequest, "txs[%d]: not base64: %v", i, err)
				return
			}
			txs[i] = b
		}
	default:
		writeError(w, http.StatusBadRequest, "encoding %q: want %s or %s", sr.Encoding, EncodingText, EncodingBase64)
		return
	}

	writeJSON(w, http.StatusOK, r.submit(req.Context(), txs))
}

// submit hands txs to the consensus core in one batch, counts the results in
// the metrics and starts their latency clocks.
func (r *running) submit(ctx context.Context, txs []chain.Tx) SubmitResponse {
	var resp SubmitResponse
	errs, err := r.submitBatch(ctx, txs)
	accepted := make([]chain.Tx, 0, len(txs))
	counts := map[string]int{}
	for i, tx := range txs {
		txErr, reason := err, resultClosed // closed, or the client went away
		if err == nil {
			switch txErr = errs[i]; {
			case txErr == nil:
				reason = resultAccepted
				accepted = append(accepted, tx)
			case errors.Is(txErr, errHeld):
				// Acknowledged again: its first copy's latency clock runs.
				reason, txErr = resultDuplicate, nil
				resp.Accepted++
			case errors.Is(txErr, dag.ErrMempoolFull):
				reason = resultFull
			default: // chain.ErrInvalidTx
				reason = resultInvalid
			}
		}
		counts[reason]++
		if txErr != nil {
			resp.Rejected = append(resp.Rejected, Rejection{Index: i, Reason: reason, Error: txErr.Error()})
		}
	}
	resp.Accepted += len(accepted)
	r.latency.add(accepted, r.n.opts.now())
	for reason, n := range counts {
		r.metrics.submitted.WithLabelValues(reason).Add(float64(n))
	}
	return resp
}

func (r *running) handleCommits(w http.ResponseWriter, req *http.Request) {
	cfg := r.n.cfg.API
	q := req.URL.Query()
	from, limit := uint64(1), DefaultCommitsLimit
	if s := q.Get("from"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, "from=%q: not a commit index", s)
			return
		}
		from = max(v, 1)
	}
	if s := q.Get("limit"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			writeError(w, http.StatusBadRequest, "limit=%q: not a positive number", s)
			return
		}
		limit = v
	}
	limit = min(limit, cfg.MaxCommits)
	encoding := q.Get("encoding")
	if encoding == "" {
		encoding = EncodingText
	}
	if encoding != EncodingText && encoding != EncodingBase64 {
		writeError(w, http.StatusBadRequest, "encoding=%q: want %s or %s", encoding, EncodingText, EncodingBase64)
		return
	}
	stored := r.position().Index
	resp := CommitsResponse{Commits: []CommitInfo{}, Stored: stored}
	budget := cfg.MaxBodyBytes
	var cs []chain.Commit
	if from <= stored {
		var err error
		if cs, err = r.st.LoadCommits(from, int(min(uint64(limit), stored-from+1))); err != nil {
			writeError(w, http.StatusInternalServerError, "commits from %d: %v", from, err)
			return
		}
	}
	if len(cs) > 0 && cs[0].Index != from || len(cs) == 0 && from <= stored {
		// Pruned (storage.retain_log, retain_epochs), or before the state
		// this validator started from: say where its log starts, rather than
		// answer an empty page a client would take for the end.
		e := apiError{Error: fmt.Sprintf("from=%d: this validator no longer keeps that commit (storage.retain_log or retain_epochs, or it started from a state sync); its commit log starts at ", from)}
		if len(cs) > 0 {
			e.First = cs[0].Index
			e.Error += strconv.FormatUint(e.First, 10)
		} else {
			e.Error += "a later commit"
		}
		writeJSON(w, http.StatusGone, e)
		return
	}
	for _, c := range cs {
		if c.Index > stored || len(resp.Commits) >= limit {
			break
		}
		size := 256
		for _, tx := range c.Txs {
			size += len(tx) + 8
		}
		if len(resp.Commits) > 0 && size > budget {
			break // the response would be too large: the client asks again from here
		}
		budget -= size
		info, err := commitInfo(c, encoding)
		if err != nil {
			writeError(w, http.StatusUnprocessableEntity, "%v", err)
			return
		}
		resp.Commits = append(resp.Commits, info)
	}
	writeJSON(w, http.StatusOK, resp)
}

func commitInfo(c chain.Commit, encoding string) (CommitInfo, error) {
	info := CommitInfo{
		Index: c.Index, Epoch: c.Epoch, Digest: c.Digest.String(), Leader: c.Leader.String(),
		LeaderRound: c.LeaderRound, LeaderAuthor: c.LeaderAuthor, Timestamp: c.Timestamp,
		Txs: make([]string, len(c.Txs)),
	}
	for i, tx := range c.Txs {
		if encoding == EncodingBase64 {
			info.Txs[i] = base64.StdEncoding.EncodeToString(tx)
			continue
		}
		if !utf8.Valid(tx) {
			return CommitInfo{}, fmt.Errorf("commit %d holds a transaction that is not UTF-8 text: ask with encoding=base64", c.Index)
		}
		info.Txs[i] = string(tx)
	}
	return info, nil
}

func (r *running) handleStatus(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, r.status())
}
