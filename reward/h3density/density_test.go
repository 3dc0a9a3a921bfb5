package h3density_test

import (
	"bufio"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/reward"
	"github.com/depinkit/depinkit/reward/h3density"
)

var updateDensity = flag.Bool("update-density", false, "rewrite testdata/density/*.golden from the current code")

// densityVector is testdata/density/simple_scale_check.txt: Helium's inputs and
// the scales its oracle publishes.
type densityVector struct {
	active []h3.Cell
	expect []densityExpect
}

type densityExpect struct {
	cell  h3.Cell
	scale string // 4 decimal places, as Helium writes it
}

func loadDensityVector(t testing.TB) densityVector {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "density", "simple_scale_check.txt"))
	require.NoError(t, err)
	defer f.Close()
	var v densityVector
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		cell, err := strconv.ParseUint(fields[1], 10, 64)
		require.NoError(t, err, "line %d", line)
		switch {
		case fields[0] == "active" && len(fields) == 2:
			v.active = append(v.active, h3.Cell(cell))
		case fields[0] == "expect" && len(fields) == 3:
			v.expect = append(v.expect, densityExpect{h3.Cell(cell), fields[2]})
		default:
			t.Fatalf("line %d: cannot parse %q", line, sc.Text())
		}
	}
	require.NoError(t, sc.Err())
	return v
}

func rat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	require.True(t, ok, "bad rational %q", s)
	return r
}

// requireRat fails unless got == want exactly.
func requireRat(t testing.TB, want, got *big.Rat, msgAndArgs ...any) {
	t.Helper()
	require.NotNil(t, got, msgAndArgs...)
	require.Equal(t, want.RatString(), got.RatString(), msgAndArgs...)
}

// TestDensitySimpleScaleCheck reproduces Helium's own test vector: every one of
// its 31 published scales, exactly.
func TestDensitySimpleScaleCheck(t *testing.T) {
	v := loadDensityVector(t)
	require.Len(t, v.active, 36)
	require.Len(t, v.expect, 31)

	// The expected cells are exactly the distinct active cells.
	distinct := slices.Clone(v.active)
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)
	var expected []h3.Cell
	for _, e := range v.expect {
		expected = append(expected, e.cell)
	}
	slices.Sort(expected)
	require.Equal(t, distinct, expected)

	d, err := h3density.NewScaler(h3density.HIP104, v.active)
	require.NoError(t, err)
	for _, e := range v.expect {
		got := d.HeliumScale(e.cell)
		requireRat(t, rat(t, e.scale), got, "cell %d (%s)", uint64(e.cell), e.cell)
		require.Equal(t, e.scale, got.FloatString(4), "cell %d", uint64(e.cell))

		// The exact scale is the product of the explained steps.
		exact, ok := d.Scale(e.cell)
		require.True(t, ok)
		prod := big.NewRat(1, 1)
		for _, s := range d.Explain(e.cell) {
			prod.Mul(prod, s.Ratio())
		}
		requireRat(t, prod, exact, "cell %s", e.cell)
	}

	// Our own exact figures for the same vector, to review by eye and to catch
	// any change: regenerate with go test ./reward/ -run SimpleScaleCheck -update-density.
	var b strings.Builder
	fmt.Fprintln(&b, "# Exact density scales and steps of Helium's simple_scale_check (HIP104),")
	fmt.Fprintln(&b, "# written by this package: go test ./reward/ -run SimpleScaleCheck -update-density")
	fmt.Fprintln(&b, "# cell (decimal, hex) scale exact helium 4dp; then res parent clipped/unclipped limit occupied")
	for _, e := range v.expect {
		exact, _ := d.Scale(e.cell)
		fmt.Fprintf(&b, "%d %s scale %s helium %s\n", uint64(e.cell), e.cell, exact.RatString(), d.HeliumScale(e.cell).FloatString(4))
		for _, s := range d.Explain(e.cell) {
			fmt.Fprintf(&b, "  res %2d %s %d/%d limit %d occupied %d\n", s.Res, s.Cell, s.Clipped, s.Unclipped, s.Limit, s.Occupied)
		}
	}
	checkDensityGolden(t, "simple_scale_check.steps.golden", b.String())
}

func checkDensityGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "density", name)
	if *updateDensity {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update-density to create it")
	require.Equal(t, string(want), got)
}

// TestDensityTraces checks the two traces of notes/helium-rewards.md §1 step by
// step.
func TestDensityTraces(t *testing.T) {
	d, err := h3density.NewScaler(h3density.HIP104, loadDensityVector(t).active)
	require.NoError(t, err)

	type step struct {
		res                int
		clipped, unclipped uint64
	}
	tests := []struct {
		cell   h3.Cell
		hex    string
		steps  []step
		exact  string
		helium string
	}{
		{
			// res11 7/7, res10 1/7, res9 1/4, res8 1/6, res7-4 1/1:
			// 1/7 × 1/4 × 1/6 = 1/168 = 0.005952... -> 0.0060.
			cell: 631210990515536895, hex: "8c2830d340043ff",
			steps: []step{{11, 7, 7}, {10, 1, 7}, {9, 1, 4}, {8, 1, 6}, {7, 1, 1}, {6, 1, 1}, {5, 1, 1}, {4, 1, 1}},
			exact: "1/168", helium: "0.0060",
		},
		{
			// Alone down to res 9; only res 8 (the one res-8 cell of the vector,
			// holding 6 clipped res-9 counts) is clipped: 1/6 = 0.16666... -> 0.1667.
			cell:  631210990516363775,
			steps: []step{{11, 1, 1}, {10, 1, 1}, {9, 1, 1}, {8, 1, 6}, {7, 1, 1}, {6, 1, 1}, {5, 1, 1}, {4, 1, 1}},
			exact: "1/6", helium: "0.1667",
		},
	}
	for _, tt := range tests {
		t.Run(tt.cell.String(), func(t *testing.T) {
			if tt.hex != "" {
				require.Equal(t, tt.hex, tt.cell.String())
			}
			got := d.Explain(tt.cell)
			require.Len(t, got, len(tt.steps))
			for i, want := range tt.steps {
				s := got[i]
				require.Equal(t, want.res, s.Res, "step %d", i)
				require.Equal(t, tt.cell.Parent(want.res), s.Cell, "step %d", i)
				require.Equal(t, want.clipped, s.Clipped, "res %d clipped", want.res)
				require.Equal(t, want.unclipped, s.Unclipped, "res %d unclipped", want.res)
			}
			// Res 8 under HIP104: Target = Max = 1, so the limit is 1 however
			// many neighbours are occupied.
			require.Equal(t, uint64(1), got[3].Limit)
			require.Zero(t, got[0].Limit, "res 11 is never clipped")

			exact, ok := d.Scale(tt.cell)
			require.True(t, ok)
			requireRat(t, rat(t, tt.exact), exact)
			require.Equal(t, tt.helium, d.HeliumScale(tt.cell).FloatString(4))
		})
	}
}

// densityArea is a res-6 cell in San Francisco, away from pentagons, whose
// cells the hand-computed cases use.
func densityArea(t testing.TB) h3.Cell {
	t.Helper()
	c := h3.LatLngToCell(h3.NewLatLng(37.7793, -122.4193), 6)
	require.True(t, c.IsValid())
	require.False(t, c.IsPentagon())
	return c
}

// hotspot returns a res-12 cell inside c (its centre child).
func hotspot(c h3.Cell) h3.Cell { return c.CenterChild(12) }

// inChildren returns one hotspot in each of the first k children of c at res.
func inChildren(c h3.Cell, res, k int) []h3.Cell {
	var out []h3.Cell
	for _, ch := range c.Children(res)[:k] {
		out = append(out, hotspot(ch))
	}
	return out
}

// neighbours returns the first k neighbours of c (its grid disk without c), in
// index order.
func neighbours(c h3.Cell, k int) []h3.Cell {
	disk := c.GridDisk(1)
	slices.Sort(disk)
	disk = slices.DeleteFunc(disk, func(x h3.Cell) bool { return x == c })
	return disk[:k]
}

// densityGroup is hotspots that share one expected scale.
type densityGroup struct {
	cells []h3.Cell
	want  string // every cell of the group has this exact scale
	steps int    // len(Explain), if not 0
}

// TestDensityHandComputed checks small topologies whose scales are computed by
// hand in the comments, from the rules of NewScaler's doc; the code under
// test is not used to find them.
func TestDensityHandComputed(t *testing.T) {
	area := densityArea(t)
	p7 := area.CenterChild(7) // its grid disk lies inside area
	p8 := p7.CenterChild(8)

	tests := []struct {
		name   string
		levels []h3density.Level
		groups func(t *testing.T) []densityGroup
	}{
		{
			// Every count is 1, below every Target: 1/1 at each of res 11..4.
			name: "one hotspot alone", levels: h3density.HIP104,
			groups: func(*testing.T) []densityGroup {
				return []densityGroup{{cells: []h3.Cell{hotspot(p8)}, want: "1", steps: 8}}
			},
		},
		{
			// res 11: 3/3 (never clipped). res 10: unclipped 3, limit
			// min(Max 1, ...) = 1 -> 1/3. res 9..4: the res-10 cell passes up
			// 1 -> 1/1. Scale 1/3.
			name: "three hotspots on one roof", levels: h3density.HIP104,
			groups: func(*testing.T) []densityGroup {
				h := hotspot(p8)
				return []densityGroup{{cells: []h3.Cell{h, h, h}, want: "1/3", steps: 8}}
			},
		},
		{
			// Three res-9 children of one res-8 cell, one hotspot each.
			// res 11, 10, 9: 1/1 (each cell holds 1). res 8: unclipped
			// 1+1+1 = 3, HIP104 limit = Max = 1 -> 1/3. res 7..4: 1/1.
			// Scale 1/3.
			name: "three res-9 cells in one res-8 cell (HIP104)", levels: h3density.HIP104,
			groups: func(*testing.T) []densityGroup {
				return []densityGroup{{cells: inChildren(p8, 9, 3), want: "1/3"}}
			},
		},
		{
			// As above under HIP17 (res 8: N 2, Target 1, Max 4): the res-8
			// cell's disk holds one occupied cell (itself), n = 1 <= N, so
			// limit = 1 × (0 + 1) = 1 -> 1/3. res 9 (Max 2): counts 1 -> 1/1.
			// Scale 1/3: without neighbours HIP17 clips as HIP104.
			name: "three res-9 cells in one res-8 cell (HIP17)", levels: h3density.HIP17,
			groups: func(*testing.T) []densityGroup {
				return []densityGroup{{cells: inChildren(p8, 9, 3), want: "1/3"}}
			},
		},
		{
			// Add one hotspot in each of two neighbouring res-8 cells, HIP17.
			// res 8 of p8: n = 3 (p8 and both neighbours hold >= Target 1),
			// limit = min(4, 1 × (3 − 2 + 1)) = 2 -> 2/3. Neighbours: count
			// 1 <= limit -> 1/1. res 7: at most 2+1+1 = 4 <= Target 5 -> 1/1;
			// res 6..4 even further below Target. Scale 2/3 in p8, 1 next door.
			name: "neighbours raise the res-8 limit (HIP17)", levels: h3density.HIP17,
			groups: func(*testing.T) []densityGroup {
				var next []h3.Cell
				for _, q := range neighbours(p8, 2) {
					next = append(next, hotspot(q))
				}
				return []densityGroup{{cells: inChildren(p8, 9, 3), want: "2/3"}, {cells: next, want: "1"}}
			},
		},
		{
			// The same hotspots under HIP104: res 8 Max is 1, so neighbours
			// cannot raise the limit: p8 -> 1/3; neighbours 1/1. res 7:
			// at most 1+1+1 = 3 < 5 -> 1/1. Scale 1/3 in p8, 1 next door.
			name: "neighbours do not help at res 8 (HIP104)", levels: h3density.HIP104,
			groups: func(*testing.T) []densityGroup {
				var next []h3.Cell
				for _, q := range neighbours(p8, 2) {
					next = append(next, hotspot(q))
				}
				return []densityGroup{{cells: inChildren(p8, 9, 3), want: "1/3"}, {cells: next, want: "1"}}
			},
		},
		{
			// HIP104 res 7 (N 4, Target 5, Max 10). p7 holds 6 hotspots, one
			// per res-8 child, and 3 of its neighbours 5 each, likewise. res
			// 8..11: every cell holds 1 -> 1/1. res 7, p7: unclipped 6; its
			// disk has p7 (6 >= 5) and 3 neighbours (5 >= 5): n = 4, limit =
			// 5 × (0 + 1) = 5 -> 5/6. A neighbour: 5 <= limit -> 5/5. res 6:
			// all in area (checked below): 5 + 3×5 = 20 < 25 -> 1/1; res 5, 4
			// below Target. Scale 5/6 in p7, 1 next door.
			name: "sparse res-7 neighbourhood clips at Target (HIP104)", levels: h3density.HIP104,
			groups: func(t *testing.T) []densityGroup {
				return res7Groups(t, area, p7, 3, "5/6", "1")
			},
		},
		{
			// One more neighbour with 5: n = 5, limit = 5 × (5 − 4 + 1) = 10
			// -> p7 6/6, neighbours 5/5. res 6: unclipped 6 + 4×5 = 26; the
			// disk of area holds one cell >= 25 (area itself), n = 1 <= 4,
			// limit 25 -> 25/26 for everyone. res 5: 25 < 100 -> 1/1. Scale
			// 25/26 in p7 and next door.
			name: "dense res-7 neighbourhood raises the limit (HIP104)", levels: h3density.HIP104,
			groups: func(t *testing.T) []densityGroup {
				return res7Groups(t, area, p7, 4, "25/26", "25/26")
			},
		},
		{
			// One level only, res 8: N 1, Target 1, Max 3. Three res-9 cells
			// of p8 with a hotspot each, one neighbour with one. res 10, 9
			// have no level: added up, never clipped (1/1). res 8: n = 2 (p8
			// and the neighbour), limit = min(3, 1 × (2 − 1 + 1)) = 2 -> 2/3;
			// the neighbour 1/1. The coarsest level is 8: nothing counted
			// below, so 4 steps (res 11..8). Scale 2/3 in p8, 1 next door.
			name: "custom single level", levels: []h3density.Level{{Res: 8, N: 1, Target: 1, Max: 3}},
			groups: func(*testing.T) []densityGroup {
				return []densityGroup{
					{cells: inChildren(p8, 9, 3), want: "2/3", steps: 4},
					{cells: []h3.Cell{hotspot(neighbours(p8, 1)[0])}, want: "1", steps: 4},
				}
			},
		},
		{
			// 1000 hotspots on one roof; each level r of 10..4 clips to
			// Target = Max = 989 + r, one less than the count it receives:
			// res 10 999/1000, res 9 998/999, ..., res 4 993/994. The product
			// telescopes to 993/1000, while the product of the denominators,
			// 1000 × 999 × ... × 994 ≈ 9.8e20, passes 2^64.
			name: "large counts telescope",
			levels: func() []h3density.Level {
				var lv []h3density.Level
				for r := 10; r >= 4; r-- {
					lv = append(lv, h3density.Level{Res: r, N: 1, Target: uint64(989 + r), Max: uint64(989 + r)})
				}
				return lv
			}(),
			groups: func(*testing.T) []densityGroup {
				return []densityGroup{{cells: slices.Repeat([]h3.Cell{hotspot(p8)}, 1000), want: "993/1000", steps: 8}}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := tt.groups(t)
			var active []h3.Cell
			for _, g := range groups {
				active = append(active, g.cells...)
			}
			d, err := h3density.NewScaler(tt.levels, active)
			require.NoError(t, err)
			for gi, g := range groups {
				for _, c := range g.cells {
					got, ok := d.Scale(c)
					require.True(t, ok, "group %d cell %s", gi, c)
					requireRat(t, rat(t, g.want), got, "group %d cell %s: %+v", gi, c, d.Explain(c))
					requireRat(t, reward.RoundHalfEven(rat(t, g.want), 4), d.HeliumScale(c))
					if g.steps != 0 {
						require.Len(t, d.Explain(c), g.steps)
					}
				}
			}
		})
	}
}

// res7Groups puts 6 hotspots in p7 and 5 in each of k neighbours, one per res-8
// child, and checks the layout the hand computation assumes: all within area
// (one res-6 cell), no pentagon.
func res7Groups(t *testing.T, area, p7 h3.Cell, k int, wantP7, wantNext string) []densityGroup {
	t.Helper()
	require.Len(t, p7.GridDisk(1), 7)
	var next []h3.Cell
	for _, q := range neighbours(p7, k) {
		require.Equal(t, area, q.Parent(6), "neighbour %s leaves the res-6 cell", q)
		next = append(next, inChildren(q, 8, 5)...)
	}
	return []densityGroup{{cells: inChildren(p7, 8, 6), want: wantP7}, {cells: next, want: wantNext}}
}

// TestDensityOrderIndependence: shuffling the hotspots, or the levels, changes
// nothing.
func TestDensityOrderIndependence(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 104))
	inputs := map[string][]h3.Cell{
		"helium vector": loadDensityVector(t).active,
		"random region": randomHotspots(rng, h3.LatLngToCell(h3.NewLatLng(37.7793, -122.4193), 5), 3000),
	}
	for _, name := range []string{"helium vector", "random region"} {
		active := inputs[name]
		t.Run(name, func(t *testing.T) {
			for _, levels := range [][]h3density.Level{h3density.HIP104, h3density.HIP17} {
				ref, err := h3density.NewScaler(levels, active)
				require.NoError(t, err)
				for range 10 {
					shuffled := slices.Clone(active)
					rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
					lv := slices.Clone(levels)
					rng.Shuffle(len(lv), func(i, j int) { lv[i], lv[j] = lv[j], lv[i] })
					d, err := h3density.NewScaler(lv, shuffled)
					require.NoError(t, err)
					for _, c := range active {
						want, _ := ref.Scale(c)
						got, ok := d.Scale(c)
						require.True(t, ok)
						requireRat(t, want, got, "cell %s", c)
						require.Equal(t, ref.Explain(c), d.Explain(c))
					}
				}
			}
		})
	}
}

// randomHotspots returns n res-12 cells in area, seeded: half spread over the
// area, half packed into a few of its res-9 cells, so that every resolution
// sees shared cells.
func randomHotspots(rng *rand.Rand, area h3.Cell, n int) []h3.Cell {
	const res = 12
	spread := 1
	for range res - area.Resolution() {
		spread *= 7
	}
	hot := area.Children(9)
	rng.Shuffle(len(hot), func(i, j int) { hot[i], hot[j] = hot[j], hot[i] })
	hot = hot[:5]
	out := make([]h3.Cell, n)
	for i := range out {
		if i%2 == 0 {
			out[i] = area.ChildPosToCell(rng.IntN(spread), res)
		} else {
			out[i] = hot[rng.IntN(len(hot))].ChildPosToCell(rng.IntN(343), res)
		}
	}
	return out
}

// referenceScales is a literal, map-based rendering of the rules in
// notes/helium-rewards.md §1, the way Helium's oracle runs them: one map of
// counts per kind, clipping in place while it reads the neighbours' clipped
// counts, cells visited in Go's random map order.
func referenceScales(levels []h3density.Level, active []h3.Cell) map[h3.Cell]*big.Rat {
	cfg := map[int]h3density.Level{}
	lowest := 11
	for _, l := range levels {
		cfg[l.Res] = l
		lowest = min(lowest, l.Res)
	}
	unclipped, clipped := map[h3.Cell]uint64{}, map[h3.Cell]uint64{}
	for _, c := range active {
		p := c.Parent(11)
		unclipped[p]++
		clipped[p]++
	}
	cur := map[h3.Cell]bool{}
	for c := range unclipped {
		cur[c] = true
	}
	for r := 10; r >= lowest; r-- {
		next := map[h3.Cell]bool{}
		for c := range cur {
			p := c.Parent(r)
			unclipped[p] += clipped[c]
			clipped[p] += clipped[c]
			next[p] = true
		}
		cur = next
		l, ok := cfg[r]
		if !ok {
			continue
		}
		for p := range cur {
			n := 0
			for _, q := range p.GridDisk(1) {
				if v, ok := clipped[q]; ok && v >= l.Target {
					n++
				}
			}
			limit := l.Target * uint64(max(n-l.N, 0)+1)
			clipped[p] = min(l.Max, limit, unclipped[p])
		}
	}
	out := map[h3.Cell]*big.Rat{}
	for _, c := range active {
		s := big.NewRat(1, 1)
		for r := 11; r >= lowest; r-- {
			p := c.Parent(r)
			if u, ok := unclipped[p]; ok {
				s.Mul(s, new(big.Rat).SetFrac64(int64(clipped[p]), int64(u)))
			}
		}
		out[c] = s
	}
	return out
}

// TestDensityMatchesReference checks the scaler against referenceScales on
// seeded random regions, for the published and random level sets.
func TestDensityMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2020, 2024))
	sf5 := h3.LatLngToCell(h3.NewLatLng(37.7793, -122.4193), 5)
	levelSets := map[string][]h3density.Level{"HIP104": h3density.HIP104, "HIP17": h3density.HIP17}
	for i := range 4 {
		var lv []h3density.Level
		for res := 10; res >= 4; res-- {
			if rng.IntN(3) == 0 {
				continue // leave some resolutions without a level
			}
			target := uint64(1 + rng.IntN(6))
			lv = append(lv, h3density.Level{Res: res, N: 1 + rng.IntN(4), Target: target, Max: target + uint64(rng.IntN(8))})
		}
		if len(lv) == 0 {
			lv = append(lv, h3density.Level{Res: 7, N: 2, Target: 2, Max: 5})
		}
		levelSets[fmt.Sprintf("random%d", i)] = lv
	}
	for _, name := range []string{"HIP104", "HIP17", "random0", "random1", "random2", "random3"} {
		levels := levelSets[name]
		for _, n := range []int{10, 300, 3000} {
			t.Run(fmt.Sprintf("%s/hotspots=%d", name, n), func(t *testing.T) {
				active := randomHotspots(rng, sf5, n)
				d, err := h3density.NewScaler(levels, active)
				require.NoError(t, err)
				for c, want := range referenceScales(levels, active) {
					got, ok := d.Scale(c)
					require.True(t, ok)
					requireRat(t, want, got, "cell %s levels %+v", c, levels)
				}
			})
		}
	}
}

func TestDensityInactiveCells(t *testing.T) {
	area := densityArea(t)
	p8 := area.CenterChild(8)
	h := hotspot(p8)
	d, err := h3density.NewScaler(h3density.HIP104, []h3.Cell{h})
	require.NoError(t, err)

	// Another res-12 cell of the same res-11 cell: Scale answers (its
	// res-11 parent is occupied), Helium's map does not hold it.
	sibling := p8.CenterChild(11).Children(12)[1]
	require.NotEqual(t, h, sibling)
	s, ok := d.Scale(sibling)
	require.True(t, ok)
	requireRat(t, big.NewRat(1, 1), s)
	requireRat(t, h3density.DefaultTxScale, d.HeliumScale(sibling))

	far := hotspot(neighbours(p8, 1)[0])
	for _, c := range []h3.Cell{far, 0, -1, 12345, p8 /* res 8 */} {
		s, ok := d.Scale(c)
		require.False(t, ok, "cell %s", c)
		require.Nil(t, s)
		require.Nil(t, d.Explain(c))
		requireRat(t, big.NewRat(1, 5), d.HeliumScale(c))
	}

	// HeliumScale hands out copies: changing one leaves DefaultTxScale alone.
	d.HeliumScale(far).SetInt64(7)
	requireRat(t, big.NewRat(1, 5), h3density.DefaultTxScale)
	// And the scaler keeps its own copy of the active cells and levels.
	active := []h3.Cell{h}
	levels := slices.Clone(h3density.HIP104)
	d, err = h3density.NewScaler(levels, active)
	require.NoError(t, err)
	active[0], levels[0].Max = far, 99
	requireRat(t, big.NewRat(1, 1), d.HeliumScale(h))
	requireRat(t, big.NewRat(1, 5), d.HeliumScale(far))

	// A step with no count (never produced by Explain) has ratio 1.
	requireRat(t, big.NewRat(1, 1), h3density.Step{}.Ratio())

	// No hotspots at all is a valid (empty) epoch.
	d, err = h3density.NewScaler(h3density.HIP17, nil)
	require.NoError(t, err)
	_, ok = d.Scale(h)
	require.False(t, ok)
}

func TestDensityErrors(t *testing.T) {
	area := densityArea(t)
	good := hotspot(area)
	tests := []struct {
		name   string
		levels []h3density.Level
		active []h3.Cell
		is     error
		msg    string
	}{
		{"no levels", nil, nil, h3density.ErrLevel, "levels is empty"},
		{"res 11", []h3density.Level{{Res: 11, N: 2, Target: 1, Max: 1}}, nil, h3density.ErrLevel, "levels[0].Res = 11, want 0..10"},
		{"negative res", []h3density.Level{{Res: 8, N: 2, Target: 1, Max: 1}, {Res: -1, N: 2, Target: 1, Max: 1}}, nil, h3density.ErrLevel, "levels[1].Res = -1"},
		{"N 0", []h3density.Level{{Res: 9, N: 1, Target: 1, Max: 1}, {Res: 8, N: 1, Target: 1, Max: 1}, {Res: 7, N: 0, Target: 1, Max: 1}}, nil, h3density.ErrLevel, "levels[2].N = 0, want >= 1"},
		{"target 0", []h3density.Level{{Res: 8, N: 2, Target: 0, Max: 1}}, nil, h3density.ErrLevel, "levels[0].Target = 0, want > 0"},
		{"max below target", []h3density.Level{{Res: 9, N: 2, Target: 1, Max: 1}, {Res: 8, N: 2, Target: 2, Max: 1}}, nil, h3density.ErrLevel, "levels[1].Max = 1, want >= Target (2)"},
		{"repeated res", []h3density.Level{{Res: 8, N: 2, Target: 1, Max: 1}, {Res: 7, N: 2, Target: 1, Max: 1}, {Res: 8, N: 2, Target: 1, Max: 2}}, nil, h3density.ErrLevel, "levels[2].Res = 8, already given by levels[0]"},
		{"zero cell", h3density.HIP104, []h3.Cell{good, 0}, h3density.ErrCell, "active[1] = 0x0"},
		{"garbage cell", h3density.HIP104, []h3.Cell{good, good, 12345}, h3density.ErrCell, "active[2] = 0x3039"},
		{"negative cell", h3density.HIP104, []h3.Cell{-1}, h3density.ErrCell, "active[0] = 0xffffffffffffffff"},
		{"res 10 cell", h3density.HIP104, []h3.Cell{good, area.CenterChild(10)}, h3density.ErrResolution, "active[1] = " + area.CenterChild(10).String() + " has resolution 10, want >= 11"},
		{"res 0 cell", h3density.HIP17, []h3.Cell{area.Parent(0)}, h3density.ErrResolution, "active[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := h3density.NewScaler(tt.levels, tt.active)
			require.ErrorIs(t, err, tt.is)
			require.Nil(t, d)
			require.True(t, strings.HasPrefix(err.Error(), "h3density: "), err.Error())
			require.Contains(t, err.Error(), tt.msg)
		})
	}
	// Cells of resolution 11 and finer are all accepted.
	for res := 11; res <= 15; res++ {
		_, err := h3density.NewScaler(h3density.HIP104, []h3.Cell{area.CenterChild(res)})
		require.NoError(t, err, "res %d", res)
	}
}

// BenchmarkScaler builds a scaler for 89,000 hotspots spread over the
// San Francisco Bay Area (seeded) and computes every hotspot's scale.
func BenchmarkScaler(b *testing.B) {
	const n = 89_000
	rng := rand.New(rand.NewPCG(89, 0))
	cells := make([]h3.Cell, n)
	for i := range cells {
		// Latitude 37.2..38.2, longitude -122.6..-121.6: about 110 × 88 km.
		ll := h3.NewLatLng(37.2+rng.Float64(), -122.6+rng.Float64())
		cells[i] = h3.LatLngToCell(ll, 12)
	}
	b.Run(fmt.Sprintf("hotspots=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d, err := h3density.NewScaler(h3density.HIP104, cells)
			if err != nil {
				b.Fatal(err)
			}
			for _, c := range cells {
				if _, ok := d.Scale(c); !ok {
					b.Fatal("missing scale")
				}
			}
		}
	})
	// The same with names (what poc.Density builds), against the run above
	// as its baseline.
	named := make([]h3density.ActiveHotspot, n)
	for i, c := range cells {
		named[i] = h3density.ActiveHotspot{Name: fmt.Sprintf("%064x", i), Cell: c}
	}
	b.Run(fmt.Sprintf("named/hotspots=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d, err := h3density.NewScalerOf(h3density.HIP104, named)
			if err != nil {
				b.Fatal(err)
			}
			for _, c := range cells {
				if _, ok := d.Scale(c); !ok {
					b.Fatal("missing scale")
				}
			}
		}
	})
}
