package poc

import (
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
)

func seeded(seed uint64) io.Reader {
	var s [32]byte
	s[0], s[1] = byte(seed), byte(seed>>8)
	return rand.NewChaCha8(s)
}

func mustKey(t testing.TB, seed uint64) *device.PrivateKey {
	t.Helper()
	k, err := device.GenerateKey(device.Ed25519, seeded(seed))
	require.NoError(t, err)
	return k
}

// centre is central London.
var centre = h3.NewLatLng(51.5074, -0.1278)

// cellAt returns the resolution-12 cell eastM metres east and northM metres
// north of centre.
func cellAt(eastM, northM float64) h3.Cell {
	const mPerDeg = 111_195.0
	lat := centre.Lat + northM/mPerDeg
	lng := centre.Lng + eastM/(mPerDeg*math.Cos(centre.Lat*math.Pi/180))
	return h3.LatLngToCell(h3.NewLatLng(lat, lng), 12)
}

const (
	t0       = int64(1_780_000_000_000) // an entropy start, Unix ms
	freq     = uint64(867_900_000)
	txPower  = int32(27)
	gainDeci = int32(30)
)

var testEntropy = []byte("entropy-0001")

type fixture struct {
	st    *State
	keys  []*device.PrivateKey
	ids   []device.ID
	env   Env
	table EntropyTable
}

// newFixture asserts n hotspots at the given cells (east/north metre offsets).
func newFixture(t testing.TB, offsets ...[2]float64) *fixture {
	f := &fixture{st: NewState(), table: EntropyTable{string(testEntropy): t0}}
	for i, o := range offsets {
		k := mustKey(t, uint64(i+1))
		f.keys = append(f.keys, k)
		f.ids = append(f.ids, k.Public().ID())
		require.NoError(t, f.st.Assert(&LocationAssertion{Hotspot: k.Public().ID(), Cell: cellAt(o[0], o[1]), GainDeciDBi: gainDeci, ElevationM: 10, Nonce: 1}))
	}
	f.env = Env{State: f.st, Entropy: f.table.Lookup, Rules: Rules{NoReciprocity: true}}
	return f
}

func (f *fixture) beacon(i int, recv int64) BeaconReport {
	local := []byte{byte(i), byte(recv)}
	return BeaconReport{Beacon: Beacon{
		Beaconer: f.ids[i], Entropy: testEntropy, LocalEntropy: local, Data: BeaconData(testEntropy, local),
		FrequencyHz: freq, TxPowerDBm: txPower, DataRate: "SF9BW125", TimeMs: recv - 50,
	}, ReceivedMs: recv}
}

// witness returns a report by hotspot i of beacon b with the signal of an
// urban link (path-loss exponent 3.5) at the asserted distance.
func (f *fixture) witness(t testing.TB, i int, b BeaconReport, recv int64) WitnessReport {
	bl, _ := f.st.Location(b.Beaconer)
	wl, ok := f.st.Location(f.ids[i])
	sig := int32(-1000)
	if ok {
		if d, ok := DistanceM(bl.Cell, wl.Cell); ok && d > 0 {
			urban := ExpectedRSSI(b.TxPowerDBm, bl.GainDeciDBi, wl.GainDeciDBi, d, freq) - 15*math.Log10(float64(d))
			sig = int32(math.Floor(urban*10)) - 20
		}
	}
	return WitnessReport{Witness: Witness{
		Witness: f.ids[i], PayloadHash: b.PayloadHash(), SignalDeciDBm: max(sig, MinSignalDeciDBm), SNRDeciDB: 55,
		FrequencyHz: freq, DataRate: "SF9BW125", TimeMs: recv - 20,
	}, ReceivedMs: recv}
}
