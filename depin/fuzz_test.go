package depin_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// FuzzDecodeTx: DecodeTx never panics, accepts only what it re-encodes to the
// same bytes, and CheckTx agrees with it. Seeds: testdata/fuzz/FuzzDecodeTx.
func FuzzDecodeTx(f *testing.F) {
	f.Add([]byte{0xa1, 0x01, 0x02})
	pub, _, err := ed25519.GenerateKey(rand.NewChaCha8([32]byte{1}))
	if err != nil {
		f.Fatal(err)
	}
	cfg := depin.Config{Validators: []depin.Validator{{Key: pub, Stake: 1}}}
	n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(cfg), depin.WithoutEngine())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tx, err := depin.DecodeTx(data)
		if err != nil {
			if n.CheckTx(data) == nil {
				t.Fatalf("CheckTx accepts what DecodeTx refuses: %v", err)
			}
			return
		}
		again, err := tx.Marshal()
		if err != nil {
			t.Fatalf("a decoded transaction does not encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("re-encoding differs:\n%x\n%x", data, again)
		}
		if tx.Kind != depin.TxEnvelope && n.CheckTx(data) != nil {
			t.Fatalf("CheckTx refuses a valid %s transaction", tx.Kind)
		}
	})
}

// FuzzRestore: Restore never panics on any input, and a snapshot it accepts
// is one the node gives back exactly.
func FuzzRestore(f *testing.F) {
	fx := newFixture(f, 1, nil)
	d := fx.newDevice(true)
	fx.commit(d.reg)
	fx.commit(fx.reading(d, 5), fx.usage(d, 1))
	fx.commit()
	fx.commit(fx.reading(d, 0))
	snap, err := fx.nodes[0].Snapshot()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(snap)
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(fx.cfg), depin.WithoutEngine())
		if err != nil {
			t.Fatal(err)
		}
		if err := n.Restore(data); err != nil {
			return
		}
		again, err := n.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("restored snapshot re-encodes differently")
		}
	})
}

// FuzzIngest feeds random and mutated envelopes through the ingest path —
// the HTTP endpoint (NewIngest) and Node.Submit, down to the engine's
// CheckTx — and checks that the mempool never holds an envelope naming a
// device that is not registered, or revoked, or whose signature does not
// verify with the device's key (issue 13 item 4). Seeds: valid envelopes of
// a registered device, of a revoked one and of a stranger.
func FuzzIngest(f *testing.F) {
	af := newAdmitFixture(f)
	n := af.nodes[0]
	for _, d := range []*meterKit{af.known, af.revoked, af.stranger} {
		for range 2 {
			f.Add(af.seal(d, readingType, reading{Wh: 7}), false)
		}
	}
	f.Add(af.seal(af.known, "depin/meter/other/v1", reading{Wh: 1}), true)
	f.Add([]byte{0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40}, true)
	h, err := depin.NewIngest(n, depin.IngestConfig{
		PerAddress: depin.Rate{Every: time.Nanosecond, Burst: 1 << 30},
		PerDevice:  depin.Rate{Every: time.Nanosecond, Burst: 1 << 30},
	})
	if err != nil {
		f.Fatal(err)
	}
	// What may be held: the registered device's envelopes, signed by it.
	known, err := n.Device(af.known.id)
	if err != nil {
		f.Fatal(err)
	}
	check := func(t *testing.T) {
		for _, tx := range af.pool.held() {
			d, err := depin.DecodeTx(tx)
			if err != nil || d.Kind != depin.TxEnvelope {
				t.Fatalf("the mempool holds a transaction that is no envelope: %x", tx)
			}
			e, err := device.ParseEnvelope(d.Envelope)
			if err != nil {
				t.Fatalf("the mempool holds a malformed envelope: %v", err)
			}
			rec, err := n.Device(e.Device)
			if err != nil || rec.Revoked || e.Device != af.known.id {
				t.Fatalf("the mempool holds an envelope of device %s (registered: %v)", e.Device, err)
			}
			e.Network = n.Network()
			if err := e.Verify(known.Key); err != nil {
				t.Fatalf("the mempool holds an envelope the device did not sign: %v", err)
			}
		}
	}
	f.Fuzz(func(t *testing.T, env []byte, direct bool) {
		if direct {
			_ = n.Submit(context.Background(), env)
		} else {
			req := httptest.NewRequest(http.MethodPost, "/envelopes", bytes.NewReader(env))
			req.Header.Set("Content-Type", depin.MediaCOSE)
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
		check(t)
		af.pool.mu.Lock()
		af.pool.txs = af.pool.txs[:0] // keep the check cheap
		af.pool.mu.Unlock()
	})
}
