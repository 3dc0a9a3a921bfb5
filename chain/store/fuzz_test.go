package store

import (
	"bytes"
	"errors"
	"testing"
)

// fuzzCodec is a codec with small limits, so that the fuzzer reaches them.
func fuzzCodec(t testing.TB) *codec {
	o := Options{MaxCommitBytes: 4096, MaxCommitTxs: 64, MaxSnapshotBytes: 4096}
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
	c, err := newCodec(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzDecodeCommit: any input decodes or fails with ErrCorrupt, never panics,
// and what decodes is canonical: it encodes back to the same bytes.
// Seeds: testdata/fuzz/FuzzDecodeCommit.
func FuzzDecodeCommit(f *testing.F) {
	c := fuzzCodec(f)
	for _, cm := range testCommits(1, 3) {
		enc, err := c.encodeCommit(cm)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cm, err := c.decodeCommit(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		if len(cm.Txs) > 64 {
			t.Fatalf("decoded %d txs, limit 64", len(cm.Txs))
		}
		again, err := c.encodeCommit(cm)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded %x, re-encoded %x", data, again)
		}
	})
}

// FuzzDecodeSnapshot: as FuzzDecodeCommit, for snapshots.
// Seeds: testdata/fuzz/FuzzDecodeSnapshot.
func FuzzDecodeSnapshot(f *testing.F) {
	c := fuzzCodec(f)
	for _, s := range []Snapshot{{}, {Height: 7, AppHash: [32]byte{1}, Data: []byte("state")}} {
		enc, err := c.encodeSnapshot(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := c.decodeSnapshot(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, err := c.encodeSnapshot(s)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded %x, re-encoded %x", data, again)
		}
	})
}

// FuzzKeys: the key parsers accept exactly the keys the builders make.
// Seeds: testdata/fuzz/FuzzKeys.
func FuzzKeys(f *testing.F) {
	f.Add(blockKey(1, 2, 3, [32]byte{4}))
	f.Add(roundKey(1, 2))
	f.Add(uint64Key(prefixCommit, 9))
	f.Add([]byte{prefixBlock})
	f.Fuzz(func(t *testing.T, k []byte) {
		if e, r, a, d, ok := blockKeyParts(k); ok && !bytes.Equal(blockKey(e, r, a, d), k) {
			t.Fatalf("block key %x parsed to %d/%d/%d/%x", k, e, r, a, d)
		}
		if e, a, ok := roundKeyParts(k); ok && !bytes.Equal(roundKey(e, a), k) {
			t.Fatalf("round key %x parsed to %d/%d", k, e, a)
		}
		for _, p := range []byte{prefixCommit, prefixSnapshot} {
			if n, ok := uint64KeyPart(k, p); ok && !bytes.Equal(uint64Key(p, n), k) {
				t.Fatalf("key %x parsed to %d", k, n)
			}
		}
	})
}
