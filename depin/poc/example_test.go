package poc_test

import (
	"fmt"
	"log"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/poc/pocsim"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// One proof-of-coverage round: a beacon heard by three hotspots, one of them
// asserted too close to the beaconer and one reporting twice.
func ExampleValidate() {
	st := poc.NewState()
	var ids []device.ID
	for i, ll := range []h3.LatLng{
		{Lat: 37.7749, Lng: -122.4194}, // beaconer
		{Lat: 37.7849, Lng: -122.4094}, // 1.4 km away
		{Lat: 37.7755, Lng: -122.4190}, // 71 m away: too close
	} {
		key, _ := device.GenerateKey(device.Ed25519, sevensPlus(i))
		id := key.Public().ID()
		ids = append(ids, id)
		if err := st.Assert(&poc.LocationAssertion{Hotspot: id, Cell: h3.LatLngToCell(ll, 12), GainDeciDBi: 30, Nonce: 1}); err != nil {
			log.Fatal(err)
		}
	}
	const start = 1_780_000_000_000
	entropy := []byte("epoch entropy")
	local := []byte{1, 2, 3}
	beacon := poc.BeaconReport{Beacon: poc.Beacon{
		Beaconer: ids[0], Entropy: entropy, LocalEntropy: local, Data: poc.BeaconData(entropy, local),
		FrequencyHz: 903_900_000, TxPowerDBm: 27, DataRate: "SF9BW125", TimeMs: start + 5_000,
	}, ReceivedMs: start + 5_100}
	report := func(i int, signal int32, recv int64) poc.WitnessReport {
		return poc.WitnessReport{Witness: poc.Witness{
			Witness: ids[i], PayloadHash: beacon.PayloadHash(), SignalDeciDBm: signal, SNRDeciDB: 55,
			FrequencyHz: 903_900_000, DataRate: "SF9BW125", TimeMs: recv - 10,
		}, ReceivedMs: recv}
	}
	witnesses := []poc.WitnessReport{
		report(1, -1180, start+5_300),
		report(2, -900, start+5_400),
		report(1, -1180, start+5_500),
	}
	env := poc.Env{Entropy: poc.EntropyTable{string(entropy): start}.Lookup, Rules: poc.Rules{NoReciprocity: true}}
	env.State = st
	round, err := poc.Validate(beacon, witnesses, env)
	if err != nil {
		log.Fatal(err)
	}
	st.Apply(round)
	fmt.Println("beacon:", round.Beacon.Reason, "units", round.Beacon.Units)
	for _, w := range round.Witnesses {
		fmt.Println("witness:", w.Reason, "units", w.Units, "distance", w.DistanceM)
	}
	// Output:
	// beacon: valid units 2500
	// witness: valid units 10000 distance 1424
	// witness: too-close units 0 distance 71
	// witness: duplicate units 0 distance 0
}

// constant is a randomness source of one repeated byte: reproducible example
// keys.
type constant byte

func sevensPlus(i int) constant { return constant(7 + i) }

func (s constant) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s)
	}
	return len(p), nil
}

// An epoch of a simulated city: 60 hotspots, 4 of them liars, four 6-hour
// beacon buckets; graded with the urban trust model (the simulated city's
// propagation is urban, n = 4.2), the liars' links contradict their
// assertions, so their location trust is low and they lose their boosts.
func ExampleScores() {
	world, err := pocsim.New(pocsim.Config{Seed: 42, Hotspots: 60, Liars: 4})
	if err != nil {
		log.Fatal(err)
	}
	st := poc.NewState()
	for _, a := range world.Assertions() {
		if err := st.Assert(&a); err != nil {
			log.Fatal(err)
		}
	}
	const interval = 6 * 3_600_000
	start := int64(1_780_000_000_000) / interval * interval
	reports := world.Reports(start, interval, 4)
	inputs, _ := poc.Group(reports.Beacons, reports.Witnesses)
	rounds, err := st.Process(inputs, poc.Env{Entropy: reports.Entropy.Lookup})
	if err != nil {
		log.Fatal(err)
	}
	scores, err := poc.Scores(st, rounds, poc.ScoreConfig{AtMs: start + 4*interval, TrustModel: poc.UrbanTrustModel})
	if err != nil {
		log.Fatal(err)
	}
	trusted := map[bool]int{}
	for _, s := range scores {
		h, _ := world.Hotspot(s.Hotspot)
		if s.Trust.Value.Cmp(poc.DefaultBoostThreshold) >= 0 {
			trusted[h.Liar]++
		}
	}
	fmt.Println("rounds:", len(rounds))
	fmt.Println("honest hotspots trusted:", trusted[false], "of 56")
	fmt.Println("liars trusted:", trusted[true], "of 4")
	// Output:
	// rounds: 240
	// honest hotspots trusted: 56 of 56
	// liars trusted: 0 of 4
}

// Helium's RSSI rule on its own vector: at 508 m and 867.9 MHz, with 12 dBm
// and gains of 8.1 and 8.3 dBi, no signal above −57.334 dBm is plausible.
func ExampleRSSITooHigh() {
	fmt.Printf("%.6f\n", poc.ExpectedRSSI(12, 81, 83, 508, 867_900_024))
	fmt.Println(poc.RSSITooHigh(-573, 12, 81, 83, 508, 867_900_024))
	fmt.Println(poc.RSSITooHigh(-574, 12, 81, 83, 508, 867_900_024))
	// Output:
	// -57.334233
	// true
	// false
}

// HIP-15: what a beacon and each of its witnesses earn for n selected
// witnesses.
func ExampleBeaconerUnits() {
	for _, n := range []int{1, 4, 5, 14} {
		fmt.Println(n, poc.BeaconerUnits(n).FloatString(4), poc.WitnessUnits(n).FloatString(4))
	}
	// Output:
	// 1 0.2500 1.0000
	// 4 1.0000 1.0000
	// 5 1.2000 0.7600
	// 14 1.8926 0.2220
}

// A hotspot that keeps its exact cell private proves it stands within 1.5 km
// of the centre of the resolution-8 cell it asserts, for this epoch's nonce.
func ExampleCoverageWitness() {
	key, _ := device.GenerateKey(device.Ed25519, constant(9))
	plane := poc.Plane{Origin: h3.NewLatLng(37.7749, -122.4194)}
	exact := h3.LatLngToCell(h3.NewLatLng(37.7790, -122.4150), 12)
	public := exact.Parent(8)
	nonce := []byte("epoch 42 entropy")
	w, err := poc.CoverageWitness(plane, key, exact, public, 1500, nonce)
	if err != nil {
		log.Fatal(err)
	}
	bundle, err := proof.Signed(w) // proof.NewProver(keys).Prove hides the position
	if err != nil {
		log.Fatal(err)
	}
	v, _ := proof.NewVerifier()
	fmt.Println(poc.VerifyCoverage(v, bundle, plane, key.Public(), public, 1500, nonce))
	fmt.Println(poc.VerifyCoverage(v, bundle, plane, key.Public(), public, 1500, []byte("epoch 43")) != nil)
	// Output:
	// <nil>
	// true
}
