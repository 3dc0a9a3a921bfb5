package h3density_test

import (
	"fmt"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/reward/h3density"
)

// cell parses an H3 index written in hex.
func cell(s string) h3.Cell { return h3.Cell(h3.IndexFromString(s)) }

// Three hotspots share a roof in San Francisco, a fourth stands in the same
// res-8 cell (about 0.7 km²) a few streets away, a fifth alone in Oakland. A
// sixth did not beacon this epoch, so it is not counted.
var (
	roof  = cell("8c28308286001ff")
	block = cell("8c28308286c01ff")
	lone  = cell("8c28308101115ff")
	idle  = cell("8c28308287401ff")
)

// Build the scaler once per epoch from the active hotspots, then look up each
// hotspot's scale as a multiplier of its rewards.
func ExampleNewScaler() {
	d, err := h3density.NewScaler(h3density.HIP104, []h3.Cell{roof, roof, roof, block, lone})
	if err != nil {
		panic(err)
	}
	for _, h := range []struct {
		name string
		cell h3.Cell
	}{{"roof", roof}, {"block", block}, {"lone", lone}, {"idle", idle}} {
		scale, ok := d.Scale(h.cell)
		if !ok {
			fmt.Printf("%-5s not active, Helium pays %s\n", h.name, d.HeliumScale(h.cell).FloatString(4))
			continue
		}
		fmt.Printf("%-5s scale %-4s Helium pays %s\n", h.name, scale.RatString(), d.HeliumScale(h.cell).FloatString(4))
	}
	// Output:
	// roof  scale 1/6  Helium pays 0.1667
	// block scale 1/2  Helium pays 0.5000
	// lone  scale 1    Helium pays 1.0000
	// idle  not active, Helium pays 0.2000
}

// Explain shows why the roof's scale is 1/6: its res-10 cell is clipped from 3
// hotspots to 1, and its res-8 cell, shared with the block, from 2 to 1. From
// res 5 up the lone Oakland hotspot is counted too, below every Target.
func ExampleScaler_Explain() {
	d, err := h3density.NewScaler(h3density.HIP104, []h3.Cell{roof, roof, roof, block, lone})
	if err != nil {
		panic(err)
	}
	for _, s := range d.Explain(roof) {
		fmt.Printf("res %2d %s %d/%d (limit %d)\n", s.Res, s.Cell, s.Clipped, s.Unclipped, s.Limit)
	}
	// Output:
	// res 11 8b2830828600fff 3/3 (limit 0)
	// res 10 8a2830828607fff 1/3 (limit 1)
	// res  9 89283082863ffff 1/1 (limit 1)
	// res  8 8828308287fffff 1/2 (limit 1)
	// res  7 872830828ffffff 1/1 (limit 5)
	// res  6 86283082fffffff 1/1 (limit 25)
	// res  5 85283083fffffff 2/2 (limit 100)
	// res  4 8428309ffffffff 2/2 (limit 500)
}

// HeliumScale gives the number Helium's oracle publishes, rounded half to even
// to 4 places, and 1/5 for a hotspot that was not counted; Scale keeps the
// exact value for exact reward math.
func ExampleScaler_HeliumScale() {
	d, err := h3density.NewScaler(h3density.HIP104, []h3.Cell{roof, roof, roof, block})
	if err != nil {
		panic(err)
	}
	for _, c := range []h3.Cell{roof, block, idle} {
		s := d.HeliumScale(c)
		fmt.Println(c, s.RatString(), s.FloatString(4))
	}
	// Output:
	// 8c28308286001ff 1667/10000 0.1667
	// 8c28308286c01ff 1/2 0.5000
	// 8c28308287401ff 1/5 0.2000
}

// With names, Explain lists the hotspots counted at each resolution: the
// neighbours that lowered the roof's scale (helium/oracles#793).
func ExampleNewScalerOf() {
	d, err := h3density.NewScalerOf(h3density.HIP104, []h3density.ActiveHotspot{
		{Name: "roof-a", Cell: roof}, {Name: "roof-b", Cell: roof}, {Name: "roof-c", Cell: roof},
		{Name: "block", Cell: block}, {Name: "lone", Cell: lone},
	})
	if err != nil {
		panic(err)
	}
	for _, s := range d.Explain(roof) {
		fmt.Printf("res %2d %d/%d %v\n", s.Res, s.Clipped, s.Unclipped, s.Hotspots)
	}
	// Output:
	// res 11 3/3 [roof-a roof-b roof-c]
	// res 10 1/3 [roof-a roof-b roof-c]
	// res  9 1/1 [roof-a roof-b roof-c]
	// res  8 1/2 [block roof-a roof-b roof-c]
	// res  7 1/1 [block roof-a roof-b roof-c]
	// res  6 1/1 [block roof-a roof-b roof-c]
	// res  5 2/2 [block lone roof-a roof-b roof-c]
	// res  4 2/2 [block lone roof-a roof-b roof-c]
}
