package depin

import (
	"context"
	"encoding/json"
	"net/http"
)

// Submitter takes device envelopes: a Node, or a Network that spreads them
// over its validators.
type Submitter interface {
	Submit(ctx context.Context, envelope []byte) error
}

func writeStatus(w http.ResponseWriter, code int, s IngestStatus) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(s)
}
