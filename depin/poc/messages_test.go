package poc

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

func TestMessagesRoundTrip(t *testing.T) {
	f := newFixture(t, layout[:2]...)
	b := f.beacon(0, t0+1000)
	w := f.witness(t, 1, b, t0+1100)
	loc := &LocationAssertion{Hotspot: f.ids[0], Cell: cellAt(0, 0), GainDeciDBi: 12, ElevationM: -3, Nonce: 7}

	data, err := loc.Marshal()
	require.NoError(t, err)
	gotLoc, err := ParseLocationAssertion(data)
	require.NoError(t, err)
	require.Equal(t, loc, gotLoc)

	data, err = b.Marshal()
	require.NoError(t, err)
	gotB, err := ParseBeacon(data)
	require.NoError(t, err)
	require.Equal(t, &b.Beacon, gotB)

	data, err = w.Marshal()
	require.NoError(t, err)
	gotW, err := ParseWitness(data)
	require.NoError(t, err)
	require.Equal(t, &w.Witness, gotW)
}

func TestMessagesRejectBadFields(t *testing.T) {
	f := newFixture(t, layout[:2]...)
	good := f.beacon(0, t0+1000).Beacon
	tests := []struct {
		name   string
		mutate func(b *Beacon)
	}{
		{"zero beaconer", func(b *Beacon) { b.Beaconer = device.ID{} }},
		{"no entropy", func(b *Beacon) { b.Entropy = nil }},
		{"entropy too long", func(b *Beacon) { b.Entropy = make([]byte, MaxEntropySize+1) }},
		{"short data", func(b *Beacon) { b.Data = b.Data[:31] }},
		{"zero frequency", func(b *Beacon) { b.FrequencyHz = 0 }},
		{"tx power", func(b *Beacon) { b.TxPowerDBm = MaxTxPowerDBm + 1 }},
		{"data rate", func(b *Beacon) { b.DataRate = "" }},
		{"lower-case data rate", func(b *Beacon) { b.DataRate = "sf9bw125" }},
		{"time", func(b *Beacon) { b.TimeMs = -1 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := good
			b.Data = append([]byte(nil), good.Data...)
			tc.mutate(&b)
			_, err := b.Marshal()
			require.ErrorIs(t, err, ErrInvalidField)
			require.ErrorContains(t, err, "poc: ")
		})
	}
	for _, a := range []LocationAssertion{
		{Hotspot: f.ids[0], Cell: 12345},
		{Hotspot: f.ids[0], Cell: cellAt(0, 0).Parent(10)},
		{Hotspot: f.ids[0], Cell: cellAt(0, 0), GainDeciDBi: MaxGainDeciDBi + 1},
		{Hotspot: f.ids[0], Cell: cellAt(0, 0), ElevationM: MinElevationM - 1},
		{Cell: cellAt(0, 0)},
	} {
		_, err := a.Marshal()
		require.ErrorIs(t, err, ErrInvalidField, "%+v", a)
	}
	w := f.witness(t, 1, f.beacon(0, t0), t0)
	w.SignalDeciDBm = MaxSignalDeciDBm + 1
	_, err := w.Marshal()
	require.ErrorIs(t, err, ErrInvalidField)

	_, err = ParseBeacon(make([]byte, MaxMessageSize+1))
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = ParseWitness([]byte{0x80})
	require.ErrorIs(t, err, ErrMalformed)
	// Not canonical: a one-element array encoded with a long length.
	_, err = ParseLocationAssertion([]byte{0x98, 0x01, 0x00})
	require.ErrorIs(t, err, ErrMalformed)
}

func TestEnvelopes(t *testing.T) {
	f := newFixture(t, layout[:2]...)
	b := f.beacon(0, t0+1000)
	w := f.witness(t, 1, b, t0+1100)
	loc := &LocationAssertion{Hotspot: f.ids[0], Cell: cellAt(0, 0), GainDeciDBi: 12, Nonce: 2}

	open := func(data []byte, key device.PublicKey) *device.Envelope {
		e, err := device.ParseEnvelope(data)
		require.NoError(t, err)
		require.NoError(t, e.Verify(key))
		return e
	}
	data, err := SealBeacon(f.keys[0], 1, &b.Beacon)
	require.NoError(t, err)
	e := open(data, f.keys[0].Public())
	require.Equal(t, ContentTypeBeacon, e.ContentType)
	gotB, err := BeaconFromEnvelope(e)
	require.NoError(t, err)
	require.Equal(t, &b.Beacon, gotB)
	_, err = WitnessFromEnvelope(e)
	require.ErrorIs(t, err, ErrContentType)

	data, err = SealWitness(f.keys[1], 1, &w.Witness)
	require.NoError(t, err)
	gotW, err := WitnessFromEnvelope(open(data, f.keys[1].Public()))
	require.NoError(t, err)
	require.Equal(t, &w.Witness, gotW)

	data, err = SealLocation(f.keys[0], 2, time.UnixMilli(t0), loc)
	require.NoError(t, err)
	gotL, err := LocationFromEnvelope(open(data, f.keys[0].Public()))
	require.NoError(t, err)
	require.Equal(t, loc, gotL)

	// A hotspot cannot report a beacon as another: the envelope names its
	// signer, which differs from the beaconer.
	forged, err := device.Seal(f.keys[1], device.Header{ContentType: ContentTypeBeacon, Seq: 1, Time: time.UnixMilli(t0)}, b.wire())
	require.NoError(t, err)
	_, err = BeaconFromEnvelope(open(forged, f.keys[1].Public()))
	require.ErrorIs(t, err, ErrWrongDevice)
	_, err = BeaconFromEnvelope(nil)
	require.ErrorIs(t, err, ErrMalformed)
}

func TestStateAssertAndSnapshot(t *testing.T) {
	f := newFixture(t, layout[:4]...)
	// A stale nonce is refused and changes nothing.
	err := f.st.Assert(&LocationAssertion{Hotspot: f.ids[0], Cell: cellAt(5000, 0), Nonce: 1})
	require.ErrorIs(t, err, ErrStaleAssertion)
	l, ok := f.st.Location(f.ids[0])
	require.True(t, ok)
	require.Equal(t, cellAt(0, 0), l.Cell)
	require.NoError(t, f.st.Assert(&LocationAssertion{Hotspot: f.ids[0], Cell: cellAt(5000, 0), Nonce: 2}))

	b := f.beacon(0, t0+1000)
	r, err := Validate(b, []WitnessReport{f.witness(t, 1, b, t0+1100), f.witness(t, 2, b, t0+1200)}, f.env)
	require.NoError(t, err)
	f.st.Apply(r)

	snap, err := f.st.Snapshot()
	require.NoError(t, err)
	back, err := RestoreState(snap)
	require.NoError(t, err)
	again, err := back.Snapshot()
	require.NoError(t, err)
	require.Equal(t, snap, again)
	require.Equal(t, f.st.Hotspots(), back.Hotspots())
	for _, id := range f.ids {
		for _, get := range []func(*State, device.ID) (int64, bool){(*State).LastBeacon, (*State).LastWitness, (*State).LastWitnessedBeacon} {
			a, aok := get(f.st, id)
			c, cok := get(back, id)
			require.Equal(t, aok, cok)
			require.Equal(t, a, c)
		}
	}
	tb, ok := back.LastWitnessedBeacon(f.ids[0])
	require.True(t, ok)
	require.Equal(t, b.ReceivedMs, tb)
	require.Len(t, back.Interactive(b.ReceivedMs+hour, 60*hour), 1)
	require.Empty(t, back.Interactive(b.ReceivedMs+61*hour, 60*hour))

	for _, bad := range [][]byte{nil, {0x82, 0x02, 0x80}, snap[:len(snap)-1]} {
		_, err := RestoreState(bad)
		require.ErrorIs(t, err, ErrSnapshot)
	}
}

// The envelope's payload is exactly what Marshal writes.
func TestEnvelopePayloadIsMarshal(t *testing.T) {
	f := newFixture(t, layout[:2]...)
	b := f.beacon(0, t0+1000)
	data, err := SealBeacon(f.keys[0], 1, &b.Beacon)
	require.NoError(t, err)
	e, err := device.ParseEnvelope(data)
	require.NoError(t, err)
	m, err := b.Marshal()
	require.NoError(t, err)
	require.Equal(t, m, e.Payload)
	bad := b.Beacon
	bad.DataRate = ""
	_, err = SealBeacon(f.keys[0], 1, &bad)
	require.ErrorIs(t, err, ErrInvalidField)
}
