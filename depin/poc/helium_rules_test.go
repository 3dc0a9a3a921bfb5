package poc

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// Regression tests for the rules where depinkit used to differ from Helium's
// oracle (helium/oracles iot_verifier poc.rs and runner.rs @824f7724; issue 13
// item 9).

// Helium resolves the beaconer's asserted location before anything else
// (verify_beacon returns NotAsserted before do_beacon_verifications runs the
// denylist): an unasserted, denylisted beaconer is NotAsserted.
func TestHeliumBeaconAssertionBeforeDenylist(t *testing.T) {
	f := newFixture(t, layout[:3]...)
	ghost := mustKey(t, 99).Public().ID()
	b := f.beacon(0, t0+10_000)
	b.Beaconer = ghost
	env := f.env
	env.Denied = func(id device.ID) bool { return id == ghost }
	r, err := Validate(b, nil, env)
	require.NoError(t, err)
	require.Equal(t, ReasonUnassertedLocation, r.Beacon.Reason)
	// An unasserted beacon records nothing (Helium returns before it updates
	// last_beacon).
	f.st.Apply(r)
	_, ok := f.st.LastBeacon(ghost)
	require.False(t, ok)
}

// The same for a witness: verify_witness returns NotAsserted before
// do_witness_verifications checks the denylists.
func TestHeliumWitnessAssertionBeforeDenylist(t *testing.T) {
	f := newFixture(t, layout[:3]...)
	ghost := mustKey(t, 99).Public().ID()
	b := f.beacon(0, t0+10_000)
	w := f.witness(t, 1, b, b.ReceivedMs+100)
	w.Witness.Witness = ghost
	env := f.env
	env.Denied = func(id device.ID) bool { return id == ghost }
	env.EdgeDenied = func(_, y device.ID) bool { return y == ghost }
	r, err := Validate(b, []WitnessReport{w}, env)
	require.NoError(t, err)
	require.Equal(t, []Reason{ReasonUnassertedLocation}, reasons(r))
}

// Helium updates last_beacon "irrespective of whether the beacon is valid or
// not": a denylisted beacon, or one received after its entropy expired, still
// starts the 6-hour schedule again.
func TestHeliumLastBeaconAfterFailedBeacon(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(env *Env, b *BeaconReport)
		want   Reason
	}{
		{"denied", func(env *Env, b *BeaconReport) {
			id := b.Beaconer
			env.Denied = func(d device.ID) bool { return d == id }
		}, ReasonDenied},
		{"entropy expired", func(_ *Env, b *BeaconReport) { b.ReceivedMs = t0 + 200_000 }, ReasonEntropyExpired},
		{"invalid payload", func(_ *Env, b *BeaconReport) { b.Data = BeaconData(b.Entropy, []byte("other")) }, ReasonInvalidPayload},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, layout[:3]...)
			b := f.beacon(0, t0+10_000)
			env := f.env
			tc.mutate(&env, &b)
			r, err := Validate(b, []WitnessReport{f.witness(t, 1, b, b.ReceivedMs+100)}, env)
			require.NoError(t, err)
			require.Equal(t, tc.want, r.Beacon.Reason)
			f.st.Apply(r)
			last, ok := f.st.LastBeacon(f.ids[0])
			require.True(t, ok, "the failed beacon's time is recorded")
			require.Equal(t, b.ReceivedMs, last)
			// A failed beacon is not interactive.
			_, ok = f.st.LastWitnessedBeacon(f.ids[0])
			require.False(t, ok)
			require.Empty(t, f.st.Interactive(b.ReceivedMs, 60*hour))

			// The next beacon in the same bucket is too soon.
			env.Denied = nil
			next := f.beacon(0, b.ReceivedMs+1000)
			f.table[string(testEntropy)] = next.ReceivedMs - 1000
			r, err = Validate(next, nil, env)
			require.NoError(t, err)
			require.Equal(t, ReasonTooSoon, r.Beacon.Reason)
		})
	}
}

// Reciprocity counts a time strictly less than 48 h old (runner.rs:
// received − last < RECIPROCITY_WINDOW).
func TestHeliumReciprocityStrict(t *testing.T) {
	for _, tc := range []struct {
		age  int64
		want Reason
	}{
		{48*hour - 1, ReasonNone},
		{48 * hour, ReasonNoReciprocity},
	} {
		f := newFixture(t, layout[:3]...)
		env := f.env
		env.Rules.NoReciprocity = false
		// Hotspot 0 witnessed hotspot 1's beacon, and hotspot 1's beacon
		// drew a witness, at t0 + 10 s.
		f.table[string(testEntropy)] = t0
		b1 := f.beacon(1, t0+10_000)
		w0 := f.witness(t, 0, b1, b1.ReceivedMs)
		f.st.Apply(&Round{Beacon: BeaconResult{Report: b1, Regular: true},
			Witnesses: []WitnessResult{{Report: w0, Regular: true}}})
		start := t0 + 10_000 + tc.age - 1000
		f.table[string(testEntropy)] = start
		b0 := f.beacon(0, t0+10_000+tc.age)
		// Hotspot 1 witnesses it at the same age of its own last beacon.
		r, err := Validate(b0, []WitnessReport{f.witness(t, 1, b0, b0.ReceivedMs)}, env)
		require.NoError(t, err)
		require.Equal(t, tc.want, r.Beacon.Reason, "age %d ms", tc.age)
	}
}

// Helium measures witness lag from the first witness report it holds, a
// self-witness included: when the beaconer's own report came first, the
// others must follow it within 1,500 ms.
func TestHeliumLagFromSelfWitness(t *testing.T) {
	f := newFixture(t, layout...)
	b := f.beacon(0, t0+10_000)
	ws := []WitnessReport{
		f.witness(t, 0, b, b.ReceivedMs-1000),      // self-witness, first of all
		f.witness(t, 1, b, b.ReceivedMs-1000+600),  // 600 ms after it
		f.witness(t, 2, b, b.ReceivedMs-1000+1600), // 1,600 ms after it, 600 ms after the beacon
	}
	r, err := Validate(b, ws, f.env)
	require.NoError(t, err)
	require.Equal(t, []Reason{ReasonSelfWitness, ReasonNone, ReasonLate}, reasons(r))
}

// A beaconer is interactive (hex density) and passes witness reciprocity when
// its beacon passed the regular rules and drew any witness report
// (last_beacon_reciprocity), not only a valid one.
func TestHeliumInteractiveWithInvalidWitness(t *testing.T) {
	f := newFixture(t, layout...)
	b := f.beacon(0, t0+10_000)
	// Hotspot 3 is too close to 0: its report is invalid.
	r, err := Validate(b, []WitnessReport{f.witness(t, 3, b, b.ReceivedMs+100)}, f.env)
	require.NoError(t, err)
	require.Equal(t, ReasonNone, r.Beacon.Reason)
	require.Equal(t, []Reason{ReasonTooClose}, reasons(r))
	f.st.Apply(r)
	at, ok := f.st.LastWitnessedBeacon(f.ids[0])
	require.True(t, ok)
	require.Equal(t, b.ReceivedMs, at)
	require.Len(t, f.st.Interactive(b.ReceivedMs, 60*hour), 1)
	// Without any witness report it is not.
	g := newFixture(t, layout...)
	r, err = Validate(g.beacon(0, t0+10_000), nil, g.env)
	require.NoError(t, err)
	g.st.Apply(r)
	_, ok = g.st.LastWitnessedBeacon(g.ids[0])
	require.False(t, ok)
}

// Density's Explain names the hotspots counted at each resolution, and a
// beaconer whose beacons all failed is not among them (issue 13 item 12).
func TestDensityExplainNamesInteractive(t *testing.T) {
	f := newFixture(t, layout[:3]...)
	// Hotspot 0 beacons with a bad payload, hotspot 1 properly; hotspot 2
	// witnesses both.
	bad := f.beacon(0, t0+10_000)
	bad.Data = BeaconData(bad.Entropy, []byte("other"))
	good := f.beacon(1, t0+20_000)
	_, err := f.st.Process([]Input{
		{Beacon: bad, Witnesses: []WitnessReport{f.witness(t, 2, bad, bad.ReceivedMs+100)}},
		{Beacon: good, Witnesses: []WitnessReport{f.witness(t, 2, good, good.ReceivedMs+100)}},
	}, f.env)
	require.NoError(t, err)
	d, err := Density(f.st, ScoreConfig{AtMs: t0 + hour})
	require.NoError(t, err)
	l1, _ := f.st.Location(f.ids[1])
	steps := d.Explain(l1.Cell)
	require.NotEmpty(t, steps)
	for _, s := range steps {
		require.Equal(t, []string{f.ids[1].String()}, s.Hotspots, "res %d: only the interactive beaconer", s.Res)
	}
	l0, _ := f.st.Location(f.ids[0])
	_, counted := d.Scale(l0.Cell)
	require.False(t, counted, "a beaconer whose beacons all failed is not interactive")
}
