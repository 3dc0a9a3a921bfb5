package depin_test

import (
	"bytes"
	"crypto/ed25519"
	"math/rand/v2"
	"testing"

	"github.com/depinkit/depinkit/depin"
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
