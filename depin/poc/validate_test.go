package poc

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// Hotspots of the validation fixture (metres east, north of centre).
var layout = [][2]float64{
	{0, 0},        // 0 beaconer
	{1000, 0},     // 1
	{0, 2000},     // 2
	{100, 0},      // 3 too close to 0
	{120_000, 0},  // 4 too far from 0
	{-3000, 0},    // 5 the subject
	{0, -1500},    // 6
	{-700, -1200}, // 7
}

func TestValidateWitnessRules(t *testing.T) {
	unasserted := mustKey(t, 99).Public().ID()
	tests := []struct {
		name   string
		mutate func(f *fixture, env *Env, b *BeaconReport, w *WitnessReport)
		want   Reason
	}{
		{"valid", func(*fixture, *Env, *BeaconReport, *WitnessReport) {}, ReasonNone},
		{"denylist", func(f *fixture, env *Env, _ *BeaconReport, w *WitnessReport) {
			env.Denied = func(id device.ID) bool { return id == w.Witness.Witness }
		}, ReasonDenied},
		{"edge denylist", func(f *fixture, env *Env, b *BeaconReport, w *WitnessReport) {
			env.EdgeDenied = func(x, y device.ID) bool { return x == b.Beaconer && y == w.Witness.Witness }
		}, ReasonEdgeDenied},
		{"self witness", func(f *fixture, _ *Env, b *BeaconReport, w *WitnessReport) { w.Witness.Witness = b.Beaconer }, ReasonSelfWitness},
		{"entropy expired", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.ReceivedMs = t0 + 181_000 }, ReasonEntropyExpired},
		{"late after beacon", func(f *fixture, _ *Env, b *BeaconReport, w *WitnessReport) { w.ReceivedMs = b.ReceivedMs + 4001 }, ReasonLate},
		{"just in time", func(f *fixture, _ *Env, b *BeaconReport, w *WitnessReport) { w.ReceivedMs = b.ReceivedMs + 4000 }, ReasonNone},
		{"payload mismatch", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.PayloadHash[0] ^= 1 }, ReasonPayloadMismatch},
		{"unasserted witness", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.Witness.Witness = unasserted }, ReasonUnassertedLocation},
		{"frequency off by 100,001 Hz", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.FrequencyHz = freq + 100_001 }, ReasonFrequency},
		{"frequency off by 100,000 Hz", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.FrequencyHz = freq - 100_000 }, ReasonNone},
		{"too close", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.Witness.Witness = f.ids[3] }, ReasonTooClose},
		{"too far", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) {
			w.Witness.Witness = f.ids[4]
			w.SignalDeciDBm = -1400
		}, ReasonTooFar},
		{"rssi too high", func(f *fixture, _ *Env, b *BeaconReport, w *WitnessReport) {
			bl, _ := f.st.Location(b.Beaconer)
			wl, _ := f.st.Location(w.Witness.Witness)
			d, _ := DistanceM(bl.Cell, wl.Cell)
			w.SignalDeciDBm = int32(ExpectedRSSI(b.TxPowerDBm, bl.GainDeciDBi, wl.GainDeciDBi, d, w.FrequencyHz)*10) + 1
		}, ReasonRSSITooHigh},
		{"duplicate", func(f *fixture, _ *Env, _ *BeaconReport, w *WitnessReport) { w.Witness.Witness = f.ids[1] }, ReasonDuplicate},
		{"not selected", func(f *fixture, env *Env, _ *BeaconReport, _ *WitnessReport) { env.Rules.MaxWitnesses = 2 }, ReasonNotSelected},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, layout...)
			b := f.beacon(0, t0+10_000)
			others := []WitnessReport{f.witness(t, 1, b, b.ReceivedMs+100), f.witness(t, 2, b, b.ReceivedMs+200)}
			subject := f.witness(t, 5, b, b.ReceivedMs+300)
			env := f.env
			tc.mutate(f, &env, &b, &subject)
			r, err := Validate(b, append(others, subject), env)
			require.NoError(t, err)
			require.Len(t, r.Witnesses, 3)
			require.Equal(t, ReasonNone, r.Witnesses[0].Reason)
			require.Equal(t, ReasonNone, r.Witnesses[1].Reason)
			got := r.Witnesses[2]
			require.Equal(t, tc.want, got.Reason, "%s", got.Reason)
			n := 2
			if tc.want == ReasonNone {
				n = 3
				require.Equal(t, uint64(UnitScale), got.Units)
			} else {
				require.Zero(t, got.Units)
			}
			require.Equal(t, n, r.Selected)
			require.True(t, r.Beacon.Valid())
			require.Equal(t, scaledUnits(BeaconerUnits(n)), r.Beacon.Units)
		})
	}
}

func TestValidateLagAfterFirstWitness(t *testing.T) {
	f := newFixture(t, layout...)
	b := f.beacon(0, t0+10_000)
	// The witnesses arrive before the beacon: each must follow the first within 1,500 ms.
	ws := []WitnessReport{
		f.witness(t, 1, b, b.ReceivedMs-1000),
		f.witness(t, 2, b, b.ReceivedMs-1000+1500),
		f.witness(t, 5, b, b.ReceivedMs-1000+1501),
	}
	r, err := Validate(b, ws, f.env)
	require.NoError(t, err)
	require.Equal(t, []Reason{ReasonNone, ReasonNone, ReasonLate}, reasons(r))
}

func TestValidateBeaconRules(t *testing.T) {
	unasserted := mustKey(t, 99)
	tests := []struct {
		name   string
		mutate func(f *fixture, env *Env, b *BeaconReport)
		want   Reason
	}{
		{"valid", func(*fixture, *Env, *BeaconReport) {}, ReasonNone},
		{"denylist", func(f *fixture, env *Env, b *BeaconReport) {
			env.Denied = func(id device.ID) bool { return id == b.Beaconer }
		}, ReasonDenied},
		{"unknown entropy", func(f *fixture, _ *Env, b *BeaconReport) {
			b.Entropy = []byte("never published")
			b.Data = BeaconData(b.Entropy, b.LocalEntropy)
		}, ReasonUnknownEntropy},
		{"before the entropy", func(f *fixture, _ *Env, b *BeaconReport) { b.ReceivedMs = t0 - 1 }, ReasonEntropyExpired},
		{"entropy's last second", func(f *fixture, _ *Env, b *BeaconReport) { b.ReceivedMs = t0 + 180_999 }, ReasonNone},
		{"entropy expired", func(f *fixture, _ *Env, b *BeaconReport) { b.ReceivedMs = t0 + 181_000 }, ReasonEntropyExpired},
		{"unasserted beaconer", func(f *fixture, _ *Env, b *BeaconReport) { b.Beaconer = unasserted.Public().ID() }, ReasonUnassertedLocation},
		{"too soon", func(f *fixture, env *Env, b *BeaconReport) {
			f.st.Apply(&Round{Beacon: BeaconResult{Report: BeaconReport{Beacon: b.Beacon, ReceivedMs: b.ReceivedMs - 1000}}})
		}, ReasonTooSoon},
		{"next bucket", func(f *fixture, env *Env, b *BeaconReport) {
			f.st.Apply(&Round{Beacon: BeaconResult{Report: BeaconReport{Beacon: b.Beacon, ReceivedMs: b.ReceivedMs - 6*hour}}})
		}, ReasonNone},
		{"invalid payload", func(f *fixture, _ *Env, b *BeaconReport) { b.Data = BeaconData(b.Entropy, []byte("other")) }, ReasonInvalidPayload},
		{"no reciprocity", func(f *fixture, env *Env, _ *BeaconReport) { env.Rules.NoReciprocity = false }, ReasonNoReciprocity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, layout...)
			b := f.beacon(0, t0+100_000)
			ws := []WitnessReport{f.witness(t, 1, b, b.ReceivedMs+100), f.witness(t, 0, b, b.ReceivedMs+150), f.witness(t, 2, b, b.ReceivedMs+200)}
			env := f.env
			tc.mutate(f, &env, &b)
			r, err := Validate(b, ws, env)
			require.NoError(t, err)
			require.Equal(t, tc.want, r.Beacon.Reason, "%s", r.Beacon.Reason)
			if tc.want == ReasonNone {
				require.Equal(t, []Reason{ReasonNone, ReasonSelfWitness, ReasonNone}, reasons(r))
				require.Equal(t, uint64(5000), r.Beacon.Units)
				return
			}
			require.Zero(t, r.Beacon.Units)
			self := ReasonSelfWitness
			if b.Beaconer != f.ids[0] {
				self = ReasonBeaconInvalid
			}
			require.Equal(t, []Reason{ReasonBeaconInvalid, self, ReasonBeaconInvalid}, reasons(r))
		})
	}
}

// With reciprocity on, a new network bootstraps: the first rounds fail
// reciprocity but record the links, and later ones pass (HIP-83).
func TestReciprocityBootstrap(t *testing.T) {
	f := newFixture(t, layout[:3]...)
	env := f.env
	env.Rules.NoReciprocity = false
	var inputs []Input
	for bucket := int64(0); bucket < 2; bucket++ {
		start := t0 + bucket*6*hour
		f.table[string(testEntropy)] = start
		for i := range 3 {
			b := f.beacon(i, start+int64(i+1)*10_000)
			var ws []WitnessReport
			for j := range 3 {
				if j != i {
					ws = append(ws, f.witness(t, j, b, b.ReceivedMs+int64(100*(j+1))))
				}
			}
			inputs = append(inputs, Input{Beacon: b, Witnesses: ws})
		}
		rounds, err := f.st.Process(inputs, env)
		require.NoError(t, err)
		inputs = inputs[:0]
		if bucket == 0 {
			// Hotspot 0 beacons first: no one has witnessed yet, but its
			// witnesses' links are recorded.
			require.Equal(t, ReasonNoReciprocity, rounds[0].Beacon.Reason)
			require.Equal(t, []Reason{ReasonBeaconInvalid, ReasonBeaconInvalid}, reasons(rounds[0]))
			// Hotspot 1 witnessed 0; of its witnesses only 0 has a witnessed beacon.
			require.Equal(t, ReasonNone, rounds[1].Beacon.Reason)
			require.Equal(t, []Reason{ReasonNone, ReasonNoReciprocity}, reasons(rounds[1]))
			require.Equal(t, 1, rounds[1].Selected)
			require.Equal(t, ReasonNone, rounds[2].Beacon.Reason)
			require.Equal(t, 2, rounds[2].Selected)
			continue
		}
		for i, r := range rounds {
			require.Equal(t, ReasonNone, r.Beacon.Reason, "bucket 1 round %d", i)
			require.Equal(t, 2, r.Selected)
		}
	}
	_, ok := f.st.LastWitnessedBeacon(f.ids[0])
	require.True(t, ok)
}

func TestValidateErrors(t *testing.T) {
	f := newFixture(t, layout[:2]...)
	b := f.beacon(0, t0+1000)
	_, err := Validate(b, nil, Env{State: f.st})
	require.ErrorIs(t, err, ErrInvalidRules)
	_, err = Validate(b, nil, Env{State: f.st, Entropy: f.table.Lookup, Rules: Rules{BeaconIntervalMs: 7 * hour}})
	require.ErrorIs(t, err, ErrInvalidRules)
	bad := b
	bad.DataRate = "sf9"
	_, err = Validate(bad, nil, f.env)
	require.ErrorIs(t, err, ErrInvalidField)
	late := b
	late.ReceivedMs = MaxTimeMs + 1
	_, err = Validate(late, nil, f.env)
	require.ErrorIs(t, err, ErrInvalidField)
	w := f.witness(t, 1, b, b.ReceivedMs)
	w.TimeMs = 0
	_, err = Validate(b, []WitnessReport{w}, f.env)
	require.ErrorIs(t, err, ErrInvalidField)
	require.ErrorContains(t, err, "witnesses[0]")
}

func TestGroup(t *testing.T) {
	f := newFixture(t, layout[:3]...)
	b1, b2 := f.beacon(0, t0+2000), f.beacon(1, t0+1000)
	w1, w2 := f.witness(t, 1, b1, t0+2100), f.witness(t, 2, b2, t0+1100)
	orphan := f.witness(t, 2, b1, t0+2200)
	orphan.PayloadHash[5] ^= 1
	rounds, orphans := Group([]BeaconReport{b1, b2}, []WitnessReport{w1, orphan, w2})
	require.Len(t, rounds, 2)
	require.Equal(t, b2.Beaconer, rounds[0].Beacon.Beaconer)
	require.Equal(t, []WitnessReport{w2}, rounds[0].Witnesses)
	require.Equal(t, []WitnessReport{w1}, rounds[1].Witnesses)
	require.Equal(t, []WitnessReport{orphan}, orphans)
}

func reasons(r *Round) []Reason {
	out := make([]Reason, len(r.Witnesses))
	for i, w := range r.Witnesses {
		out[i] = w.Reason
	}
	return out
}

func TestReasonStrings(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Reasons() {
		s := r.String()
		require.NotEmpty(t, s)
		require.False(t, seen[s], s)
		seen[s] = true
	}
	require.Equal(t, "too-close", ReasonTooClose.String())
	require.Equal(t, "reason(200)", Reason(200).String())
}

func TestTally(t *testing.T) {
	f := newFixture(t, layout...)
	b := f.beacon(0, t0+10_000)
	r, err := Validate(b, []WitnessReport{f.witness(t, 1, b, b.ReceivedMs+100), f.witness(t, 3, b, b.ReceivedMs+200)}, f.env)
	require.NoError(t, err)
	beacons, witnesses := Tally([]*Round{r, r})
	require.Equal(t, 2, beacons[ReasonNone])
	require.Equal(t, 2, witnesses[ReasonNone])
	require.Equal(t, 2, witnesses[ReasonTooClose])
}
