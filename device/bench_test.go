package device

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkVerify is the bare signature check of the envelopes BenchmarkOpen
// opens: the floor Open is measured against. Each iteration checks a different
// envelope, as Open does, so that neither benchmark gains from verifying the same
// input over and over (the curve arithmetic is variable-time).
func BenchmarkVerify(b *testing.B) {
	f := newFixture(b)
	for _, kt := range KeyTypes() {
		b.Run(kt.String(), func(b *testing.B) {
			type signed struct{ msg, sig []byte }
			var in []signed
			for _, data := range sealMany(b, f.devices[kt], b.N) {
				env, err := ParseEnvelope(data)
				if err != nil {
					b.Fatal(err)
				}
				in = append(in, signed{env.toBeSigned(), env.signature})
			}
			pub := f.devices[kt].Public()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := pub.Verify(in[i].msg, in[i].sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchPayload is a typical small device report.
var benchPayload = beacon{Cell: "8a2a1072b59ffff", RSSI: -97, Nonce: make([]byte, 32)}

// sealMany seals n envelopes with increasing sequence numbers.
func sealMany(b *testing.B, k Signer, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = seal(b, k, uint64(i+1), benchPayload)
	}
	return out
}

// BenchmarkOpen is the whole ingest check of one envelope: decode, registry lookup,
// replay check and signature verification.
func BenchmarkOpen(b *testing.B) {
	f := newFixture(b)
	for _, kt := range KeyTypes() {
		b.Run(kt.String(), func(b *testing.B) {
			msgs := sealMany(b, f.devices[kt], b.N)
			o := f.opener(b)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := o.Open(msgs[i]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenBatch opens ed25519 envelopes with one worker and with GOMAXPROCS
// workers; compare the two ns/op for the parallel speed-up.
func BenchmarkOpenBatch(b *testing.B) {
	f := newFixture(b)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			msgs := sealMany(b, f.devices[Ed25519], b.N)
			o, err := NewOpener(f.reg, OpenerConfig{Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			_, errs := o.OpenBatch(context.Background(), msgs)
			b.StopTimer()
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
