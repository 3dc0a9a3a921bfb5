package telecom_test

import (
	"fmt"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/telecom"
)

// The vertical with its defaults: what its devices send, each with the proof
// it needs, and the HIP-20 emission.
func ExampleNew() {
	v, err := telecom.New(telecom.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ct := range v.ContentTypes() {
		fmt.Println(ct.Name, ct.Proof)
	}
	year := uint64(telecom.DefaultHalvingPeriod / 2)
	fmt.Println("epoch 0 emits", v.Curve().Emission(0), "base units; year 1", v.Curve().Cumulative(year-1), "; year 3 epoch 0", v.Curve().Emission(2*year))
	fmt.Printf("weights %+v\n", v.Config().Weights)
	// Output:
	// depinkit/poc/location/v1 0
	// depinkit/poc/beacon/v1 0
	// depinkit/poc/witness/v1 0
	// depinkit/bandwidth/session/v1 0
	// depinkit/telecom/client/v1 0
	// depinkit/proof/coverage/v1 2
	// epoch 0 emits 342465753424 base units; year 1 6000000000000000 ; year 3 epoch 0 171232876712
	// weights {Beacons:6 Witnesses:24 DataTransfer:50 PrivateCoverage:1 Reserved:19}
}

// A private hotspot's public point: the centre of its coarse cell, in
// microdegrees. The vertical maps a claim's point back to the cell and
// refuses any point that is not exactly an anchor.
func ExampleAnchor() {
	cell := h3.LatLngToCell(h3.NewLatLng(37.7749, -122.4194), telecom.DefaultPrivateRes)
	p := telecom.Anchor(cell)
	back, ok := telecom.CellOfAnchor(p, telecom.DefaultPrivateRes)
	fmt.Println(cell, p.X, p.Y, back == cell, ok)
	p.X++
	_, ok = telecom.CellOfAnchor(p, telecom.DefaultPrivateRes)
	fmt.Println(ok)
	// Output:
	// 8828308281fffff -122418271 37773515 true true
	// false
}
