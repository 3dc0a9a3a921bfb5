package poc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fuzz targets' seed corpora live in testdata/fuzz/<Target>; `go test` runs
// them as regression cases, `go test -fuzz <Target>` explores from them.
// DEPINKIT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds rewrites them.

var parseSentinels = []error{ErrMalformed, ErrTooLarge, ErrInvalidField}

func wrapsOne(err error, sentinels ...error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// fuzzParse checks that parse either fails with a sentinel, or accepts only
// bytes that re-encode to themselves.
func fuzzParse[T any](t *testing.T, data []byte, parse func([]byte) (T, error), marshal func(T) ([]byte, error)) {
	v, err := parse(data)
	if err != nil {
		if !wrapsOne(err, parseSentinels...) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		return
	}
	again, err := marshal(v)
	if err != nil {
		t.Fatalf("accepted value does not re-encode: %v", err)
	}
	if !bytes.Equal(again, data) {
		t.Fatalf("accepted a non-canonical encoding: %x re-encodes to %x", data, again)
	}
}

func FuzzParseLocation(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, data, ParseLocationAssertion, (*LocationAssertion).Marshal)
	})
}

func FuzzParseBeacon(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, data, ParseBeacon, (*Beacon).Marshal)
	})
}

func FuzzParseWitness(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, data, ParseWitness, (*Witness).Marshal)
	})
}

func FuzzRestoreState(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := RestoreState(data)
		if err != nil {
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		again, err := s.Snapshot()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("restored state re-snapshots differently: %v", err)
		}
	})
}

// seedInputs returns valid encodings of every message and a snapshot.
func seedInputs(t testing.TB) map[string][][]byte {
	fx := newFixture(t, layout[:3]...)
	b := fx.beacon(0, t0+1000)
	w := fx.witness(t, 1, b, t0+1100)
	loc := &LocationAssertion{Hotspot: fx.ids[0], Cell: cellAt(0, 0), GainDeciDBi: 12, ElevationM: 5, Nonce: 1}
	r, err := Validate(b, []WitnessReport{w}, fx.env)
	require.NoError(t, err)
	fx.st.Apply(r)
	mb, err := b.Marshal()
	require.NoError(t, err)
	mw, err := w.Marshal()
	require.NoError(t, err)
	ml, err := loc.Marshal()
	require.NoError(t, err)
	snap, err := fx.st.Snapshot()
	require.NoError(t, err)
	return map[string][][]byte{
		"FuzzParseBeacon":   {mb, mb[:len(mb)-1]},
		"FuzzParseWitness":  {mw, mw[:10]},
		"FuzzParseLocation": {ml, append(append([]byte{}, ml...), 0)},
		"FuzzRestoreState":  {snap},
	}
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("DEPINKIT_WRITE_SEEDS") == "" {
		t.Skip("set DEPINKIT_WRITE_SEEDS=1 to rewrite testdata/fuzz")
	}
	for target, seeds := range seedInputs(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for i, s := range seeds {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
			require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%d", i)), []byte(body), 0o644))
		}
	}
}

// FuzzTooStrong checks that the float64 filter never decides differently from
// the exact comparison.
func FuzzTooStrong(f *testing.F) {
	f.Add(int32(-573), int32(12), int32(81), int32(83), uint32(508), uint64(867_900_024), uint32(20), int32(0))
	f.Add(int32(-1200), int32(27), int32(30), int32(30), uint32(3016), uint64(867_900_000), uint32(35), int32(100))
	f.Fuzz(func(t *testing.T, s, tx, gb, gw int32, d uint32, freq uint64, n uint32, margin int32) {
		m := PathLoss{ExponentTenths: n, MarginDeciDB: margin}
		if !m.Valid() || d == 0 || freq == 0 {
			return
		}
		k := 10*linkBudget(tx, gb, gw) + int64(margin) - int64(s)
		if k > 1_000_000 || k < -1_000_000 {
			return
		}
		if got, want := m.TooStrong(s, tx, gb, gw, d, freq), m.tooStrongExact(k, d, freq); got != want {
			t.Fatalf("filter says %v, exact %v", got, want)
		}
	})
}

// FuzzValidate mutates a round and checks Validate's invariants: no error for
// in-range reports, at most MaxWitnesses selected, units only on valid
// reports and equal to HIP-15's for the selected count.
func FuzzValidate(f *testing.F) {
	fx := newFixture(f, layout...)
	f.Add(int64(100), int64(200), int32(-1100), int32(-1200), uint64(0), byte(0), uint8(0))
	f.Add(int64(-1000), int64(4001), int32(500), int32(-2000), uint64(100_001), byte(1), uint8(3))
	f.Fuzz(func(t *testing.T, d1, d2 int64, s1, s2 int32, df uint64, flip byte, who uint8) {
		b := fx.beacon(0, t0+10_000)
		w1 := fx.witness(t, 1+int(who)%(len(layout)-1), b, b.ReceivedMs+d1%10_000)
		w2 := fx.witness(t, 2, b, b.ReceivedMs+d2%10_000)
		w1.SignalDeciDBm = min(max(s1, MinSignalDeciDBm), MaxSignalDeciDBm)
		w2.SignalDeciDBm = min(max(s2, MinSignalDeciDBm), MaxSignalDeciDBm)
		w2.FrequencyHz = freq + df%1_000_000
		w1.PayloadHash[0] ^= flip & 1
		env := fx.env
		env.Rules.MaxWitnesses = 1 + int(who)%3
		r, err := Validate(b, []WitnessReport{w1, w2}, env)
		if err != nil {
			t.Fatal(err)
		}
		if r.Selected > env.Rules.MaxWitnesses {
			t.Fatalf("%d selected, max %d", r.Selected, env.Rules.MaxWitnesses)
		}
		valid := 0
		for _, w := range r.Witnesses {
			switch {
			case w.Valid():
				valid++
				if w.Units != scaledUnits(WitnessUnits(r.Selected)) {
					t.Fatalf("units %d for n=%d", w.Units, r.Selected)
				}
			case w.Units != 0:
				t.Fatalf("units on a %s report", w.Reason)
			}
		}
		if valid != r.Selected || r.Beacon.Units != scaledUnits(BeaconerUnits(r.Selected)) {
			t.Fatalf("selected %d, valid %d, beacon units %d", r.Selected, valid, r.Beacon.Units)
		}
	})
}
