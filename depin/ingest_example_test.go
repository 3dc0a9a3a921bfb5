package depin_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// The ingest endpoint checks every envelope before it is queued: one from a
// device the subnet never registered is refused with 403, and never reaches
// the mempool.
func ExampleNewIngest() {
	_, key, _ := ed25519.GenerateKey(rand.NewChaCha8([32]byte{1}))
	node, err := depin.New(depin.WithVertical(newMeter()), depin.WithKey(key), depin.WithoutEngine())
	if err != nil {
		fmt.Println(err)
		return
	}
	ingest, err := depin.NewIngest(node, depin.IngestConfig{PerDevice: depin.Rate{Every: time.Second, Burst: 10}})
	if err != nil {
		fmt.Println(err)
		return
	}
	stranger, _ := device.GenerateKey(device.Ed25519, rand.NewChaCha8([32]byte{2}))
	env, _ := device.Seal(device.ForNetwork(stranger, node.Network()),
		device.Header{ContentType: "depin/meter/reading/v1", Seq: 1, Time: time.Now()}, reading{Wh: 100})

	req := httptest.NewRequest(http.MethodPost, "/envelopes", bytes.NewReader(env))
	req.Header.Set("Content-Type", depin.MediaCOSE)
	rec := httptest.NewRecorder()
	ingest.ServeHTTP(rec, req)
	var st depin.IngestStatus
	_ = json.Unmarshal(rec.Body.Bytes(), &st)
	fmt.Println(rec.Code, st.Status, st.Reason)
	// Output: 403 rejected unknown-device
}
