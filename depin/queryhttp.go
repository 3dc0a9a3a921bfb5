package depin

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/device"
)

// StatusView is the body of GET /depin/status.
type StatusView struct {
	Subnet  string `json:"subnet"`
	Epoch   uint64 `json:"epoch"`
	Height  uint64 `json:"height"`
	AppHash string `json:"app_hash"`
	Devices int    `json:"devices"`
}

// DeviceView is the body of GET /depin/devices/{device}.
type DeviceView struct {
	ID           device.ID `json:"id"`
	Model        string    `json:"model"`
	Serial       string    `json:"serial"`
	Maker        device.ID `json:"maker"`
	Key          string    `json:"key"`   // DID of the key it signs with now
	Owner        string    `json:"owner"` // DID of its owner, "" if none
	Rotations    uint64    `json:"rotations"`
	RegisteredAt time.Time `json:"registered_at"`
	Revoked      bool      `json:"revoked"`
}

// ExplainView is the body of GET /depin/explain/{device}/{epoch}: the
// Explanation, and its text.
type ExplainView struct {
	Explanation
	Text string
}

// QueryHandler returns an http.Handler answering queries about n in JSON,
// for operators and dashboards on loopback:
//
//	GET /depin/status                       StatusView
//	GET /depin/devices/{device}             DeviceView
//	GET /depin/epochs/{epoch}               EpochSummary (open or kept)
//	GET /depin/epochs/{epoch}/payouts       []Payout
//	GET /depin/explain/{device}/{epoch}     ExplainView
//	GET /depin/claims/{epoch}/{address}     evm.EpochClaim (amount and Merkle proof)
//
// A device is named by its ID (device.ID.String()). Unknown epochs and
// devices answer 404, malformed numbers 400.
func QueryHandler(n *Node) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /depin/status", func(w http.ResponseWriter, _ *http.Request) {
		h, hash := n.Height()
		writeQuery(w, http.StatusOK, StatusView{Subnet: n.Config().Name, Epoch: n.CurrentEpoch(), Height: h, AppHash: hash.String(), Devices: n.Devices()})
	})
	mux.HandleFunc("GET /depin/devices/{device}", func(w http.ResponseWriter, r *http.Request) {
		id, err := device.ParseID(r.PathValue("device"))
		if err != nil {
			writeQuery(w, http.StatusBadRequest, map[string]string{"error": "device: " + err.Error()})
			return
		}
		rec, err := n.Device(id)
		if err != nil {
			writeQuery(w, http.StatusNotFound, map[string]string{"error": err.Error()})
			return
		}
		v := DeviceView{ID: rec.ID, Key: rec.Key.DID(), Rotations: rec.Rotations(), RegisteredAt: rec.RegisteredAt, Revoked: rec.Revoked}
		if c := rec.Certificate; c != nil {
			v.Model, v.Serial, v.Maker = c.Model, c.Serial, c.Maker.ID()
		}
		if !rec.Owner.IsZero() {
			v.Owner = rec.Owner.DID()
		}
		writeQuery(w, http.StatusOK, v)
	})
	mux.HandleFunc("GET /depin/epochs/{epoch}", func(w http.ResponseWriter, r *http.Request) {
		e, ok := epochParam(w, r)
		if !ok {
			return
		}
		s, err := n.Epoch(e)
		answer(w, s, err)
	})
	mux.HandleFunc("GET /depin/epochs/{epoch}/payouts", func(w http.ResponseWriter, r *http.Request) {
		e, ok := epochParam(w, r)
		if !ok {
			return
		}
		p, err := n.Payouts(e)
		answer(w, p, err)
	})
	mux.HandleFunc("GET /depin/explain/{device}/{epoch}", func(w http.ResponseWriter, r *http.Request) {
		id, err := device.ParseID(r.PathValue("device"))
		if err != nil {
			writeQuery(w, http.StatusBadRequest, map[string]string{"error": "device: " + err.Error()})
			return
		}
		e, ok := epochParam(w, r)
		if !ok {
			return
		}
		x, err := n.Explain(id, e)
		answer(w, ExplainView{Explanation: x, Text: x.String()}, err)
	})
	mux.HandleFunc("GET /depin/claims/{epoch}/{address}", func(w http.ResponseWriter, r *http.Request) {
		e, ok := epochParam(w, r)
		if !ok {
			return
		}
		a := r.PathValue("address")
		if !common.IsHexAddress(a) {
			writeQuery(w, http.StatusBadRequest, map[string]string{"error": "address: not a 0x address"})
			return
		}
		c, err := n.Claim(e, common.HexToAddress(a))
		answer(w, c, err)
	})
	return mux
}

func epochParam(w http.ResponseWriter, r *http.Request) (uint64, bool) {
	e, err := strconv.ParseUint(r.PathValue("epoch"), 10, 64)
	if err != nil {
		writeQuery(w, http.StatusBadRequest, map[string]string{"error": "epoch: " + err.Error()})
		return 0, false
	}
	return e, true
}

func answer(w http.ResponseWriter, v any, err error) {
	switch {
	case err == nil:
		writeQuery(w, http.StatusOK, v)
	case errors.Is(err, ErrUnknownEpoch), errors.Is(err, ErrNotFound):
		writeQuery(w, http.StatusNotFound, map[string]string{"error": err.Error()})
	default:
		writeQuery(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
	}
}

func writeQuery(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
