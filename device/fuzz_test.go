package device

import (
	"bytes"
	"errors"
	"sync"
	"testing"
)

// The fuzz targets' seed corpora live in testdata/fuzz/<Target>; `go test` runs
// them as regression cases, `go test -fuzz <Target>` explores from them.

var (
	fuzzOnce    sync.Once
	fuzzFixture *fixture
)

func sharedFixture(t testing.TB) *fixture {
	fuzzOnce.Do(func() { fuzzFixture = newFixture(t) })
	return fuzzFixture
}

// openSentinels are the errors Open may return for bad input.
var openSentinels = []error{ErrMalformed, ErrTooLarge, ErrUnknownDevice, ErrRevoked, ErrWrongAlg, ErrBadSignature, ErrReplay, ErrKeyType}

func FuzzOpen(f *testing.F) {
	fx := sharedFixture(f)
	for i, kt := range KeyTypes() {
		f.Add(seal(f, fx.devices[kt], uint64(i+1), beacon{Cell: "8a2a1072b59ffff", RSSI: -97}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := NewOpener(fx.reg, OpenerConfig{})
		if err != nil {
			t.Fatal(err)
		}
		env, err := o.Open(data)
		if err != nil {
			if env != nil {
				t.Fatal("envelope returned with an error")
			}
			for _, s := range openSentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		// Accepted: it must parse the same way again, verify with the registered
		// key, and be refused as a replay.
		again, err := ParseEnvelope(data)
		if err != nil {
			t.Fatalf("accepted envelope does not re-parse: %v", err)
		}
		if again.Header != env.Header || !bytes.Equal(again.Payload, env.Payload) {
			t.Fatal("re-parse differs")
		}
		key, err := fx.reg.DeviceKey(env.Device)
		if err != nil {
			t.Fatal(err)
		}
		if err := again.Verify(key); err != nil {
			t.Fatalf("accepted envelope does not verify: %v", err)
		}
		if _, err := o.Open(data); !errors.Is(err, ErrReplay) {
			t.Fatalf("second open: %v, want ErrReplay", err)
		}
	})
}

func FuzzParseCertificate(f *testing.F) {
	fx := sharedFixture(f)
	for _, kt := range KeyTypes() {
		enc, err := fx.cert(f, fx.devices[kt].Public()).Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCertificate(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrInvalidKey) && !errors.Is(err, ErrKeyType) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		// Only canonical encodings parse: re-encoding gives the input back.
		enc, err := c.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc, data) {
			t.Fatalf("parsed certificate re-encodes differently:\n in %x\nout %x", data, enc)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed certificate does not validate: %v", err)
		}
		// Verify must not panic, whatever the signature.
		_ = c.Verify(c.NotBefore)
	})
}

func FuzzParsePublicKey(f *testing.F) {
	for _, kt := range KeyTypes() {
		k := mustKey(f, kt, 1).Public()
		f.Add(uint8(kt), k.Bytes())
		if u := k.Uncompressed(); u != nil {
			f.Add(uint8(kt), u)
		}
	}
	f.Fuzz(func(t *testing.T, kt uint8, raw []byte) {
		k, err := ParsePublicKey(KeyType(kt), raw)
		if err != nil {
			if !errors.Is(err, ErrInvalidKey) && !errors.Is(err, ErrKeyType) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		again, err := ParsePublicKey(k.Type(), k.Bytes())
		if err != nil || !again.Equal(k) || again.ID() != k.ID() {
			t.Fatalf("canonical form does not round trip: %v", err)
		}
		fromDID, err := ParseDID(k.DID())
		if err != nil || !fromDID.Equal(k) {
			t.Fatalf("DID does not round trip: %v", err)
		}
		bin, err := k.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fromBin PublicKey
		if err := fromBin.UnmarshalBinary(bin); err != nil || !fromBin.Equal(k) {
			t.Fatalf("binary form does not round trip: %v", err)
		}
		// Verify must not panic on any signature.
		_ = k.Verify(raw, make([]byte, SignatureSize))
	})
}
