package depin

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
)

// Submitter takes device envelopes: a Node, or a Network that spreads them
// over its validators.
type Submitter interface {
	Submit(ctx context.Context, envelope []byte) error
}

// IngestStatus is the JSON body of every ingest response.
type IngestStatus struct {
	// Status is "queued" (202), "rejected" (400 malformed, 413 too large),
	// or "unavailable" (503: the engine is closed or its queue is full; retry).
	Status string `json:"status"`
	// Reason is a machine-readable rejection reason (ReasonMalformed,
	// ReasonOversized), empty unless rejected.
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error,omitempty"`
}

// IngestHandler returns an http.Handler for devices and gateways on
// loopback (or behind a proxy that terminates TLS): POST /envelopes with one
// envelope (COSE_Sign1 bytes) as the body, at most device.MaxEnvelopeSize
// bytes, answered with an IngestStatus. "queued" means ordered soon, not
// accepted: acceptance is decided at commit, and Explain tells. The libp2p
// ingest protocol is not there yet.
func IngestHandler(s Submitter) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /envelopes", func(w http.ResponseWriter, r *http.Request) {
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
		err = s.Submit(r.Context(), body)
		switch {
		case err == nil:
			writeStatus(w, http.StatusAccepted, IngestStatus{Status: "queued"})
		case errors.Is(err, ErrTooLarge):
			writeStatus(w, http.StatusRequestEntityTooLarge, IngestStatus{Status: "rejected", Reason: ReasonOversized, Error: err.Error()})
		case errors.Is(err, chain.ErrInvalidTx):
			writeStatus(w, http.StatusBadRequest, IngestStatus{Status: "rejected", Reason: ReasonMalformed, Error: err.Error()})
		default:
			writeStatus(w, http.StatusServiceUnavailable, IngestStatus{Status: "unavailable", Error: err.Error()})
		}
	})
	return mux
}

func writeStatus(w http.ResponseWriter, code int, s IngestStatus) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(s)
}
