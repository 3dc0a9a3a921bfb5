package meter_test

import (
	"bytes"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/depin/vertical/verticaltest"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// seedOf is a randomness source of one repeated byte: reproducible keys.
type seedOf byte

func (s seedOf) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s)
	}
	return len(p), nil
}

// meters makes reports as the runtime would hand them to the vertical.
type meters struct {
	t    testing.TB
	keys []*device.PrivateKey
	recs []device.Record
	seq  []uint64
}

func newMeters(t testing.TB, n int) *meters {
	m := &meters{t: t, seq: make([]uint64, n)}
	maker, err := device.GenerateKey(device.Ed25519, seedOf(1))
	require.NoError(t, err)
	for i := range n {
		key, err := device.GenerateKey(device.Ed25519, seedOf(10+i))
		require.NoError(t, err)
		caps := []string{"meter:kWh"}
		if i%2 == 0 {
			caps = append(caps, meter.CapabilityCertified)
		}
		cert := &device.Certificate{Device: key.Public(), Model: "m1", Serial: key.Public().ID().String()[:12], Capabilities: caps,
			NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<40, 0)}
		require.NoError(t, cert.Sign(maker))
		m.keys = append(m.keys, key)
		m.recs = append(m.recs, device.Record{ID: cert.ID(), Certificate: cert, Key: key.Public()})
	}
	return m
}

func (m *meters) report(i int, contentType string, payload any, bundle *proof.Bundle) *vertical.Report {
	m.t.Helper()
	m.seq[i]++
	env, err := device.Seal(m.keys[i], device.Header{ContentType: contentType, Seq: m.seq[i], Time: time.UnixMilli(1_780_000_000_000)}, payload)
	require.NoError(m.t, err)
	e, err := device.ParseEnvelope(env)
	require.NoError(m.t, err)
	return &vertical.Report{Envelope: e, Device: m.recs[i], Bundle: bundle, Time: 1_780_000_000_000}
}

func (m *meters) reading(i int, wh uint64) *vertical.Report {
	return m.report(i, meter.ContentTypeReading, meter.Reading{Wh: wh}, nil)
}

func (m *meters) usage(i int, each uint64) *vertical.Report {
	m.t.Helper()
	readings := make([]uint64, 16)
	for k := range readings {
		readings[k] = each
	}
	sig, err := proof.SignReadings(m.keys[i], readings)
	require.NoError(m.t, err)
	b, err := proof.Signed(&proof.UsageWitness{Cap: 1 << 20, Readings: readings, Device: m.keys[i].Public(), Signature: sig})
	require.NoError(m.t, err)
	return m.report(i, meter.ContentTypeUsage, b, b)
}

// epochs are two epochs of readings, proofs and refusals: a zero reading, one
// too high, an unsupported content type, a threshold content type carrying a
// usage bundle, and a meter over capacity.
func epochs(m *meters) [][]*vertical.Report {
	e0 := []*vertical.Report{
		m.reading(0, 1000), m.reading(1, 3000), m.reading(0, 0), m.reading(2, meter.MaxReadingWh+1),
		m.usage(0, 5), m.report(1, "depin/meter/other/v1", meter.Reading{Wh: 1}, nil), m.reading(2, 700),
	}
	bogus := m.usage(1, 3)
	bogus.Envelope.ContentType = meter.ContentTypeThreshold
	e1 := []*vertical.Report{m.reading(1, 200), bogus}
	for range 6 {
		e1 = append(e1, m.reading(2, 10_000)) // 60,000 Wh: over capacity
	}
	return [][]*vertical.Report{e0, e1}
}

// TestConformance runs the meter through the conformance suite.
func TestConformance(t *testing.T) {
	verticaltest.Run(t, verticaltest.Config{New: meter.New, Epochs: epochs(newMeters(t, 3))})
}

// TestScore checks the meter's rules on the same epochs.
func TestScore(t *testing.T) {
	m := newMeters(t, 3)
	v := meter.New()
	var reasons []string
	for e, reports := range epochs(m) {
		for _, r := range reports {
			c, err := v.Claim(r)
			if err == nil {
				err = v.Apply(uint64(e), c)
			}
			if err != nil {
				reason, _ := vertical.ReasonOf(err)
				reasons = append(reasons, reason)
			}
		}
		s, err := v.Score(uint64(e))
		require.NoError(t, err)
		require.Len(t, s.Pools, 2)
		if e == 0 {
			// Meter 0 certified (1000 Wh), 1 not (3000 Wh at half), 2
			// certified (700 Wh); meter 0's usage proof: 80.
			require.Len(t, s.Pools[0].Contributions, 3)
			require.Equal(t, big.NewInt(3000), s.Pools[0].Contributions[indexOf(t, s.Pools[0], m.recs[1].ID)].Units)
			require.Equal(t, "1/2", s.Pools[0].Contributions[indexOf(t, s.Pools[0], m.recs[1].ID)].Multipliers[0].Value.RatString())
			require.Len(t, s.Pools[1].Contributions, 1)
			require.Equal(t, big.NewInt(80), s.Pools[1].Contributions[0].Units)
			require.Empty(t, s.Rejected)
		} else {
			require.Len(t, s.Rejected, 6)
			require.Equal(t, meter.ReasonOverCapacity, s.Rejected[0].Reason)
			require.Len(t, s.Pools[0].Contributions, 1)
		}
	}
	require.Equal(t, []string{meter.ReasonZeroReading, meter.ReasonReadingTooHigh, meter.ReasonUnsupported, meter.ReasonBadBundle}, reasons)
}

func indexOf(t *testing.T, p vertical.Pool, id device.ID) int {
	for i, c := range p.Contributions {
		if c.Contributor == id.String() {
			return i
		}
	}
	t.Fatalf("%s not in pool %s", id, p.Name)
	return -1
}

// TestRestoreRefusesRepeats: a snapshot that names a device twice is refused.
func TestRestoreRefusesRepeats(t *testing.T) {
	m := newMeters(t, 1)
	v := meter.NewMeter()
	c, err := v.Claim(m.reading(0, 10))
	require.NoError(t, err)
	require.NoError(t, v.Apply(0, c))
	snap, err := v.Snapshot()
	require.NoError(t, err)
	// [[[id, true]], [[id, 10, [1]]], []]: repeat the one device entry.
	require.Equal(t, byte(0x83), snap[0])
	require.Equal(t, byte(0x81), snap[1])
	entry := snap[2 : 2+2+34+1] // [id (34 bytes), true]
	twice := append(append([]byte{0x83, 0x82}, entry...), entry...)
	twice = append(twice, snap[2+len(entry):]...)
	require.True(t, bytes.HasPrefix(twice, []byte{0x83, 0x82}))
	require.ErrorIs(t, meter.NewMeter().Restore(twice), meter.ErrSnapshot)
}

func mustID(s string) device.ID {
	id, err := device.ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// TestFromSetup: the meter is registered under its name; its factory weighs
// its pools as the subnet says, refuses a pool it does not have, and refuses
// any key of a [verticals.meter] section (it has no settings).
func TestFromSetup(t *testing.T) {
	v, err := vertical.New(meter.Name, vertical.Setup{Subnet: "s", PoolWeights: map[string]uint64{meter.PoolReadings: 5, meter.PoolProofs: 2}})
	require.NoError(t, err)
	s, err := v.Score(0)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(5), s.Pools[0].Weight)
	require.Equal(t, big.NewInt(2), s.Pools[1].Weight)

	_, err = meter.FromSetup(vertical.Setup{Subnet: "s", PoolWeights: map[string]uint64{"other": 1}})
	require.ErrorContains(t, err, "reward.pools.other")
	_, err = meter.FromSetup(vertical.Setup{Subnet: "s", Section: func(any) error { return errors.New("verticals.meter.x: unknown setting") }})
	require.ErrorContains(t, err, "verticals.meter.x")

	d, err := meter.FromSetup(vertical.Setup{Subnet: "s"})
	require.NoError(t, err)
	s, err = d.Score(0)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(3), s.Pools[0].Weight, "the default weights")
	require.Equal(t, big.NewInt(1), s.Pools[1].Weight)
}
