package telecom_test

import (
	"bytes"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// constant is a randomness source of one repeated byte: reproducible keys.
type constant byte

func (s constant) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s)
	}
	return len(p), nil
}

const t0 = 1_780_000_000_000 // the commits' time, Unix ms

// kit holds the keys and state of the vertical's unit tests.
type kit struct {
	t            *testing.T
	v            *telecom.Vertical
	seed         [32]byte
	entropy      []byte
	keys         map[string]*device.PrivateKey
	seq          map[string]uint64
	commit       uint64
	cap          uint64
	beacon       *poc.Beacon
	lastCoverage *proof.Bundle
}

func newKit(t *testing.T, cfg telecom.Config) *kit {
	t.Helper()
	v, err := telecom.New(cfg)
	require.NoError(t, err)
	k := &kit{t: t, v: v, seed: [32]byte{1, 2, 3}, keys: map[string]*device.PrivateKey{}, seq: map[string]uint64{}}
	k.entropy = telecom.Entropy(k.seed)
	require.NoError(t, v.StartEpoch(0, k.seed))
	for i, name := range []string{"beaconer", "far", "close", "provider", "client", "stranger"} {
		key, err := device.GenerateKey(device.Ed25519, constant(10+i))
		require.NoError(t, err)
		k.keys[name] = key
	}
	zk, err := device.GenerateKey(device.EdDSABN254, constant(30))
	require.NoError(t, err)
	k.keys["private"] = zk
	zk2, err := device.GenerateKey(device.EdDSABN254, constant(31))
	require.NoError(t, err)
	k.keys["private2"] = zk2
	k.cap, err = bandwidth.ReadingCap(bandwidth.DefaultMaxBytesPerSecond, telecom.DefaultUsageIntervalMs)
	require.NoError(t, err)
	return k
}

func (k *kit) id(name string) device.ID { return k.keys[name].Public().ID() }

func (k *kit) next(name string) uint64 { k.seq[name]++; return k.seq[name] }

// report opens env as the Node would have, for device name.
func (k *kit) report(name string, env []byte, bundle *proof.Bundle) *depin.Report {
	k.t.Helper()
	e, err := device.ParseEnvelope(env)
	require.NoError(k.t, err)
	require.NoError(k.t, e.Verify(k.keys[name].Public()))
	k.commit++
	return &depin.Report{Commit: k.commit, Time: t0 + int64(k.commit)*100, Envelope: e,
		Device: device.Record{ID: e.Device, Key: k.keys[name].Public()}, Bundle: bundle}
}

// try runs Claim then Apply and returns the rejection reason ("" if
// accepted).
func (k *kit) try(r *depin.Report) string {
	k.t.Helper()
	c, err := k.v.Claim(r)
	if err == nil {
		err = k.v.Apply(0, c)
	}
	if err == nil {
		return ""
	}
	var rej *depin.Rejection
	require.True(k.t, errors.As(err, &rej), "not a rejection: %v", err)
	return rej.Reason
}

var (
	sf      = h3.NewLatLng(37.7749, -122.4194)
	sfFar   = h3.NewLatLng(37.7849, -122.4094) // 1.4 km away
	sfClose = h3.NewLatLng(37.7755, -122.4190) // 71 m away
)

func (k *kit) location(name string, ll h3.LatLng, nonce uint64) *depin.Report {
	a := &poc.LocationAssertion{Hotspot: k.id(name), Cell: h3.LatLngToCell(ll, 12), GainDeciDBi: 30, Nonce: nonce}
	env, err := poc.SealLocation(k.keys[name], k.next(name), time.UnixMilli(t0), a)
	require.NoError(k.t, err)
	return k.report(name, env, nil)
}

func (k *kit) beaconReport(entropy []byte) *depin.Report {
	b := &poc.Beacon{Beaconer: k.id("beaconer"), Entropy: entropy, LocalEntropy: []byte{1, 2, 3},
		Data: poc.BeaconData(entropy, []byte{1, 2, 3}), FrequencyHz: 903_900_000, TxPowerDBm: 27, DataRate: "SF9BW125", TimeMs: t0}
	k.beacon = b
	env, err := poc.SealBeacon(k.keys["beaconer"], k.next("beaconer"), b)
	require.NoError(k.t, err)
	return k.report("beaconer", env, nil)
}

func (k *kit) witness(name string, signal int32, hash [32]byte) *depin.Report {
	w := &poc.Witness{Witness: k.id(name), PayloadHash: hash, SignalDeciDBm: signal, SNRDeciDB: 55,
		FrequencyHz: 903_900_000, DataRate: "SF9BW125", TimeMs: t0}
	env, err := poc.SealWitness(k.keys[name], k.next(name), w)
	require.NoError(k.t, err)
	return k.report(name, env, nil)
}

func (k *kit) hello(name string) *depin.Report {
	env, err := telecom.SealHello(k.keys[name], k.next(name), time.UnixMilli(t0))
	require.NoError(k.t, err)
	return k.report(name, env, nil)
}

// session makes a session of provider with client, mutated by f before it
// is signed; usage adds a signature-path usage proof.
func (k *kit) session(sealer, client string, id byte, usage bool, f func(*bandwidth.Session)) *depin.Report {
	k.t.Helper()
	s := &bandwidth.Session{Provider: k.id("provider"), Client: k.id(client), SessionID: [16]byte{id}, Bytes: 160_000_000,
		DurationMs: 100_000, StartMs: t0 - 100_000, Nonce: uint64(id)}
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = 10_000_000
	}
	var err error
	if usage {
		s.ReadingsRoot, err = bandwidth.ReadingsRoot(readings)
		require.NoError(k.t, err)
	}
	if f != nil {
		f(s)
	}
	require.NoError(k.t, s.SignProvider(k.keys["provider"]))
	require.NoError(k.t, s.SignClient(k.keys[client]))
	var b *proof.Bundle
	if usage {
		w, err := bandwidth.UsageWitness(s, k.keys["provider"], readings, k.cap)
		if err == nil {
			b, err = proof.Signed(w)
		} else { // a session whose bytes the readings do not add up to
			s2 := *s
			s2.Bytes = 160_000_000
			w, err = bandwidth.UsageWitness(&s2, k.keys["provider"], readings, k.cap)
			require.NoError(k.t, err)
			b, err = proof.Signed(w)
		}
		require.NoError(k.t, err)
	}
	env, err := telecom.SealSession(k.keys[sealer], k.next(sealer), time.UnixMilli(t0), s, b)
	if sealer != "provider" { // sealed by another device: SealSession names the provider
		var p telecom.SessionPayload
		sb, _ := s.Marshal()
		p.Session, p.Usage = sb, []byte{}
		env, err = device.Seal(k.keys[sealer], device.Header{ContentType: telecom.ContentTypeSession, Seq: k.seq[sealer], Time: time.UnixMilli(t0)}, p)
	}
	require.NoError(k.t, err)
	return k.report(sealer, env, nil)
}

// coverage makes a coverage bundle (signature path: the vertical leaves the
// proof to the Node) of hotspot name in the resolution-8 cell of sf, mutated
// by f.
func (k *kit) coverage(name string, entropy []byte, f func(*proof.CoverageClaim)) *depin.Report {
	k.t.Helper()
	cell := h3.LatLngToCell(sf, telecom.DefaultPrivateRes)
	w, err := telecom.CoverageWitness(k.keys[name], cell, telecom.PositionOf(sf), telecom.DefaultMaxPrivateRadius, entropy)
	require.NoError(k.t, err)
	b, err := proof.Signed(w)
	require.NoError(k.t, err)
	if f != nil {
		c := *b.Claim.(*proof.CoverageClaim)
		f(&c)
		b = &proof.Bundle{Claim: &c, Proof: b.Proof}
	}
	env, err := telecom.SealCoverage(k.keys[name], k.next(name), time.UnixMilli(t0), b)
	require.NoError(k.t, err)
	k.lastCoverage = b
	return k.report(name, env, b)
}

// TestClaims runs envelopes, in order, through Claim and Apply: each is
// accepted or rejected with the expected reason.
func TestClaims(t *testing.T) {
	k := newKit(t, telecom.Config{Rules: poc.Rules{NoReciprocity: true}})
	var hash [32]byte
	for _, tc := range []struct {
		name string
		make func() *depin.Report
		want string
	}{
		{"location", func() *depin.Report { return k.location("beaconer", sf, 1) }, ""},
		{"location far", func() *depin.Report { return k.location("far", sfFar, 1) }, ""},
		{"location close", func() *depin.Report { return k.location("close", sfClose, 1) }, ""},
		{"stale location", func() *depin.Report { return k.location("far", sfFar, 1) }, telecom.ReasonStaleAssertion},
		{"location of another hotspot", func() *depin.Report {
			a := &poc.LocationAssertion{Hotspot: k.id("far"), Cell: h3.LatLngToCell(sf, 12), Nonce: 9}
			env, err := device.Seal(k.keys["stranger"], device.Header{ContentType: poc.ContentTypeLocation, Seq: k.next("stranger"), Time: time.UnixMilli(t0)}, locationWire(a))
			require.NoError(t, err)
			return k.report("stranger", env, nil)
		}, telecom.ReasonBadReport},
		{"beacon", func() *depin.Report {
			r := k.beaconReport(k.entropy)
			hash = k.beacon.PayloadHash()
			return r
		}, ""},
		{"witness far", func() *depin.Report { return k.witness("far", -1180, hash) }, ""},
		{"witness close", func() *depin.Report { return k.witness("close", -900, hash) }, ""},
		{"witness far again", func() *depin.Report { return k.witness("far", -1180, hash) }, ""},
		{"witness of no beacon", func() *depin.Report { return k.witness("far", -1180, [32]byte{7}) }, ""},
		{"hello", func() *depin.Report { return k.hello("client") }, ""},
		{"bad hello", func() *depin.Report {
			env, err := device.Seal(k.keys["client"], device.Header{ContentType: telecom.ContentTypeClient, Seq: k.next("client"), Time: time.UnixMilli(t0)}, []int{2})
			require.NoError(t, err)
			return k.report("client", env, nil)
		}, telecom.ReasonBadHello},
		{"session with usage proof", func() *depin.Report { return k.session("provider", "client", 1, true, nil) }, ""},
		{"session without usage proof", func() *depin.Report { return k.session("provider", "client", 2, false, nil) }, ""},
		{"replayed session", func() *depin.Report { return k.session("provider", "client", 2, false, nil) }, bandwidth.ReasonDuplicateSession.String()},
		{"old nonce", func() *depin.Report {
			return k.session("provider", "client", 3, false, func(s *bandwidth.Session) { s.Nonce = 1 })
		}, bandwidth.ReasonReplayedNonce.String()},
		{"session of a client that never said hello", func() *depin.Report { return k.session("provider", "stranger", 4, false, nil) }, telecom.ReasonUnknownClient},
		{"session sealed by another device", func() *depin.Report { return k.session("stranger", "client", 5, false, nil) }, telecom.ReasonWrongProvider},
		{"implausible rate", func() *depin.Report {
			return k.session("provider", "client", 6, false, func(s *bandwidth.Session) { s.Bytes, s.DurationMs = 1e12, 1000 })
		}, bandwidth.ReasonRateTooHigh.String()},
		{"usage proof of other bytes", func() *depin.Report {
			return k.session("provider", "client", 7, true, func(s *bandwidth.Session) { s.Bytes = 170_000_000 })
		}, telecom.ReasonBadUsageProof},
		{"coverage", func() *depin.Report { return k.coverage("private", k.entropy, nil) }, ""},
		{"second coverage in the epoch", func() *depin.Report { return k.coverage("private", k.entropy, nil) }, telecom.ReasonDuplicateProof},
		{"coverage of other entropy", func() *depin.Report { return k.coverage("private2", []byte("stale entropy"), nil) }, telecom.ReasonWrongNonce},
		{"coverage off anchor", func() *depin.Report {
			return k.coverage("private2", k.entropy, func(c *proof.CoverageClaim) { c.Point.X++ })
		}, telecom.ReasonBadAnchor},
		{"coverage radius too large", func() *depin.Report {
			return k.coverage("private2", k.entropy, func(c *proof.CoverageClaim) { c.Radius = telecom.DefaultMaxPrivateRadius + 1 })
		}, telecom.ReasonRadiusTooLarge},
		{"coverage without bundle", func() *depin.Report {
			r := k.coverage("private2", k.entropy, nil)
			r.Bundle = nil
			return r
		}, depin.ReasonInvalidProof},
	} {
		require.Equal(t, tc.want, k.try(tc.make()), tc.name)
	}

	// At scoring: the close witness and the repeated report are rejected
	// late, with poc's reasons, and so is the report of no beacon.
	s, err := k.v.Score(0)
	require.NoError(t, err)
	late := map[string][]device.ID{}
	for _, r := range s.Rejected {
		late[r.Reason] = append(late[r.Reason], r.Device)
		require.NotZero(t, r.Seq, r.Reason)
		require.NotEmpty(t, r.Detail)
	}
	require.Equal(t, map[string][]device.ID{
		poc.ReasonTooClose.String():  {k.id("close")},
		poc.ReasonDuplicate.String(): {k.id("far")},
		poc.ReasonNoBeacon.String():  {k.id("far")},
	}, late)
	pools := map[string]depin.Pool{}
	for _, p := range s.Pools {
		pools[p.Name] = p
	}
	require.Len(t, pools, 5)
	// Two sessions of 160 MB cost ceil(320,000,000/24) credits, worth
	// 13,333,334 × $0.00001 / $1 × 10^8 base units: the data-transfer pool,
	// far below its 50% share; the rest of the share goes to PoC, 1:4.
	e := k.v.Curve().Emission(0)
	dataValue := big.NewRat(13_333_334_000, 1)
	unused := new(big.Rat).Sub(new(big.Rat).Mul(new(big.Rat).SetInt(e), big.NewRat(50, 100)), dataValue)
	share := func(pct int64, plus *big.Rat) *big.Rat {
		r := new(big.Rat).Mul(new(big.Rat).SetInt(e), big.NewRat(pct, 100))
		return r.Add(r, plus)
	}
	want := map[string]string{
		telecom.PoolBeacons:         share(6, new(big.Rat).Mul(unused, big.NewRat(1, 5))).RatString(),
		telecom.PoolWitnesses:       share(24, new(big.Rat).Mul(unused, big.NewRat(4, 5))).RatString(),
		telecom.PoolDataTransfer:    dataValue.RatString(),
		telecom.PoolPrivateCoverage: share(1, new(big.Rat)).RatString(),
		telecom.PoolReserved:        share(19, new(big.Rat)).RatString(),
	}
	require.Equal(t, want, poolAmounts(s.Pools, e))
	require.Len(t, pools[telecom.PoolBeacons].Contributions, 1)
	require.Equal(t, k.id("beaconer").String(), pools[telecom.PoolBeacons].Contributions[0].Contributor)
	require.Len(t, pools[telecom.PoolDataTransfer].Contributions, 1)
	require.Equal(t, big.NewInt(13_333_334), pools[telecom.PoolDataTransfer].Contributions[0].Units, "two sessions of 160 MB at 24 bytes per credit")
	require.Len(t, pools[telecom.PoolPrivateCoverage].Contributions, 1)
	require.Empty(t, pools[telecom.PoolReserved].Contributions)
	st := k.v.LastEpoch()
	require.Equal(t, 1, st.Rounds)
	require.Equal(t, 1, st.Beacons[poc.ReasonNone])
	require.Equal(t, 1, st.Witnesses[poc.ReasonNone])
	require.Equal(t, 1, st.Orphans)
	require.EqualValues(t, 2, st.Sessions)
	require.Equal(t, 1, st.PrivateProofs)
}

// locationWire encodes an assertion as poc does, to seal it by hand.
func locationWire(a *poc.LocationAssertion) any {
	type wire struct {
		_           struct{} `cbor:",toarray"`
		Hotspot     []byte
		Cell        uint64
		GainDeciDBi int32
		ElevationM  int32
		Nonce       uint64
	}
	return wire{Hotspot: a.Hotspot[:], Cell: uint64(a.Cell), GainDeciDBi: a.GainDeciDBi, ElevationM: a.ElevationM, Nonce: a.Nonce}
}

// TestRequireUsageProof refuses sessions without one.
func TestRequireUsageProof(t *testing.T) {
	k := newKit(t, telecom.Config{RequireUsageProof: true})
	require.Equal(t, "", k.try(k.hello("client")))
	require.Equal(t, telecom.ReasonUsageProofRequired, k.try(k.session("provider", "client", 1, false, nil)))
	require.Equal(t, "", k.try(k.session("provider", "client", 2, true, nil)))
}

// poolAmounts is each pool's exact amount of emission e: e × weight / Σ
// weights.
func poolAmounts(pools []depin.Pool, e *big.Int) map[string]string {
	total := new(big.Int)
	for _, p := range pools {
		total.Add(total, p.Weight)
	}
	out := map[string]string{}
	for _, p := range pools {
		out[p.Name] = new(big.Rat).SetFrac(new(big.Int).Mul(e, p.Weight), total).RatString()
	}
	return out
}

// TestDataTransferWeight: an epoch with no session gives the data-transfer
// share to beacons and witnesses, 20% and 80%, as Helium does.
func TestDataTransferWeight(t *testing.T) {
	k := newKit(t, telecom.Config{})
	s, err := k.v.Score(0)
	require.NoError(t, err)
	e := k.v.Curve().Emission(0)
	pct := func(p int64) string { return new(big.Rat).Mul(new(big.Rat).SetInt(e), big.NewRat(p, 100)).RatString() }
	require.Equal(t, map[string]string{telecom.PoolBeacons: pct(6 + 10), telecom.PoolWitnesses: pct(24 + 40),
		telecom.PoolPrivateCoverage: pct(1), telecom.PoolReserved: pct(19)}, poolAmounts(s.Pools, e))
}

// TestSnapshotRestore: a restored vertical snapshots to the same bytes and
// scores the same; a bad snapshot leaves the state alone.
func TestSnapshotRestore(t *testing.T) {
	k := newKit(t, telecom.Config{Rules: poc.Rules{NoReciprocity: true}})
	for _, r := range []*depin.Report{
		k.location("beaconer", sf, 1), k.location("far", sfFar, 1), k.beaconReport(k.entropy), k.hello("client"),
	} {
		require.Equal(t, "", k.try(r))
	}
	for _, r := range []*depin.Report{
		k.witness("far", -1180, k.beacon.PayloadHash()), k.session("provider", "client", 1, true, nil), k.coverage("private", k.entropy, nil),
	} {
		require.Equal(t, "", k.try(r))
	}
	snap, err := k.v.Snapshot()
	require.NoError(t, err)
	again, err := k.v.Snapshot()
	require.NoError(t, err)
	require.Equal(t, snap, again, "snapshots are deterministic")

	w, err := telecom.New(telecom.Config{Rules: poc.Rules{NoReciprocity: true}})
	require.NoError(t, err)
	require.NoError(t, w.Restore(snap))
	snap2, err := w.Snapshot()
	require.NoError(t, err)
	require.True(t, bytes.Equal(snap, snap2))

	// Garbage and a truncated snapshot are refused, the state kept.
	require.ErrorIs(t, w.Restore([]byte("garbage")), telecom.ErrSnapshot)
	require.Error(t, w.Restore(snap[:len(snap)-3]))
	snap3, err := w.Snapshot()
	require.NoError(t, err)
	require.Equal(t, snap, snap3)

	s1, err := k.v.Score(0)
	require.NoError(t, err)
	s2, err := w.Score(0)
	require.NoError(t, err)
	require.Equal(t, s1, s2)
	a, err := k.v.Snapshot()
	require.NoError(t, err)
	b, err := w.Snapshot()
	require.NoError(t, err)
	require.Equal(t, a, b)
}

// TestConfig checks defaults and refusals.
func TestConfig(t *testing.T) {
	var c telecom.Config
	require.NoError(t, c.Validate())
	require.Equal(t, telecom.DefaultWeights, c.Weights)
	require.Equal(t, telecom.DefaultPeriodEmission, c.PeriodEmission)
	require.Nil(t, c.InitialEmission)
	require.Nil(t, c.SupplyCap, "HIP-20 keeps halving")
	v, err := telecom.New(telecom.Config{})
	require.NoError(t, err)
	year := uint64(telecom.DefaultHalvingPeriod / 2)
	require.Equal(t, "6000000000000000", v.Curve().Cumulative(year-1).String(), "60M tokens in year 1, HIP-20")
	require.Equal(t, "3000000000000000", new(big.Int).Sub(v.Curve().Cumulative(3*year-1), v.Curve().Cumulative(2*year-1)).String(), "30M in year 3")
	require.Positive(t, v.Curve().Emission(20*year).Sign(), "no stop at 223M")
	// The legacy per-epoch curve, as a subnet spec's "halving" names it.
	l, err := telecom.New(telecom.Config{InitialEmission: telecom.LegacyEpochEmission})
	require.NoError(t, err)
	require.Equal(t, telecom.LegacyEpochEmission, l.Curve().Emission(0))
	half := new(big.Int).Rsh(telecom.LegacyEpochEmission, 1)
	require.Equal(t, half, l.Curve().Emission(telecom.DefaultHalvingPeriod), "halved after a period")
	for name, c := range map[string]telecom.Config{
		"negative emission": {InitialEmission: big.NewInt(-1)},
		"negative period":   {PeriodEmission: big.NewInt(-1)},
		"both emissions":    {InitialEmission: big.NewInt(1), PeriodEmission: big.NewInt(1)},
		"zero token price":  {DataCredits: telecom.DataCredits{TokenPriceUSD: new(big.Rat)}},
		"no paying pool":    {Weights: telecom.Weights{Reserved: 1}},
		"bad resolution":    {PrivateRes: 16},
		"bad boost":         {Boosts: []telecom.Boost{{Cell: 1, Factor: big.NewRat(2, 1)}}},
		"bad rules":         {Rules: poc.Rules{BeaconIntervalMs: 7 * 3_600_000}},
		"bad bandwidth":     {Bandwidth: bandwidth.Config{UnitsPerGB: 2_000_000_000}},
	} {
		_, err := telecom.New(c)
		require.ErrorIs(t, err, telecom.ErrConfig, name)
	}
}

// TestAnchor: a cell's anchor maps back to it, a point next to it does not.
func TestAnchor(t *testing.T) {
	cell := h3.LatLngToCell(sf, telecom.DefaultPrivateRes)
	p := telecom.Anchor(cell)
	got, ok := telecom.CellOfAnchor(p, telecom.DefaultPrivateRes)
	require.True(t, ok)
	require.Equal(t, cell, got)
	p.Y++
	_, ok = telecom.CellOfAnchor(p, telecom.DefaultPrivateRes)
	require.False(t, ok)
}
