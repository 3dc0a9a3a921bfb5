package h3density

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/reward"
)

// Hex density scaling (Helium HIP-17, parameters of HIP-104): see doc.go.
//
// A Scaler lowers the reward of a hotspot that shares its neighbourhood
// with many others. It counts the active hotspots in every H3 cell that holds one,
// from resolution 11 up to the coarsest resolution of its levels, caps (clips)
// each count at a limit that grows with the number of occupied neighbouring cells,
// and scales a hotspot by the product, over its parent cells, of clipped/unclipped.
//
// The rules reproduce Helium's IoT oracle (helium/oracles, iot_verifier
// hex_density.rs, pinned at @824f7724, Jan 2026, the last tree with the IoT
// verifier): they pass Helium's own conformance vector, simple_scale_check, with
// every value equal. Where Helium's HIP text and its oracle differ, the oracle
// wins; NewScaler's and HeliumScale's docs say where.

// Sentinel errors of hex density scaling. Every error NewScaler returns
// wraps one of them (test with errors.Is) and names the offending field.
var (
	// ErrLevel reports a density level that cannot be used: no levels, a
	// resolution outside 0..10 or given twice, N < 1, Target = 0 or Target > Max.
	ErrLevel = errors.New("h3density: invalid level")
	// ErrCell reports an active hotspot cell that is not a valid H3 cell.
	ErrCell = errors.New("h3density: invalid cell")
	// ErrResolution reports an active hotspot cell coarser than
	// resolution 11 (BaseRes), where hotspots are counted.
	ErrResolution = errors.New("h3density: cell resolution below 11")
)

// BaseRes is the resolution at which active hotspots are counted. It is
// never clipped: several hotspots in one resolution-11 cell (about 2,150 m²)
// are clipped only through its parents, as Helium's oracle does.
const BaseRes = 11

// Level is the clipping rule of one H3 resolution.
//
// At resolution Res a cell whose count of hotspots exceeds Target is clipped to
// Target, unless more than N of the 7 cells of its grid disk of radius 1 (the cell
// and its 6 neighbours) each hold at least Target: then the limit grows by Target
// for each occupied cell beyond N, up to Max:
//
//	limit = min(Max, Target × (max(n − N, 0) + 1))
type Level struct {
	// Res is the H3 resolution, 0..10.
	Res int
	// N is the number of occupied cells of the grid disk (the cell included)
	// needed before the limit grows above Target; at least 1.
	N int
	// Target is the count a cell is clipped to when its neighbourhood is sparse;
	// greater than 0.
	Target uint64
	// Max is the count no cell of this resolution is ever clipped above; at least
	// Target.
	Max uint64
}

// HIP104 are the density levels Helium's IoT network has used since HIP-104
// ("Finetune HIP-17 parameters to tackle density", proposed 2023-12-20, applied
// in helium/oracles b7df3368, PR #723, Jan 2024; unchanged at @824f7724, Jan 2026).
// Resolutions 0–3 are not used. Do not modify: NewScaler copies it.
var HIP104 = []Level{
	{Res: 10, N: 2, Target: 1, Max: 1},
	{Res: 9, N: 2, Target: 1, Max: 1},
	{Res: 8, N: 2, Target: 1, Max: 1},
	{Res: 7, N: 4, Target: 5, Max: 10},
	{Res: 6, N: 4, Target: 25, Max: 50},
	{Res: 5, N: 4, Target: 100, Max: 200},
	{Res: 4, N: 2, Target: 500, Max: 1000},
}

// HIP17 are the density levels in force before HIP-104: the chain variables of
// HIP-17 ("Hex density based transmit reward scaling", proposed 2020-10-20,
// live on the Helium chain from Dec 2020), as HIP-104's "as-is" column lists
// them (Dec 2023). Resolutions 0–3 are not used. Do not modify: NewScaler copies it.
var HIP17 = []Level{
	{Res: 10, N: 2, Target: 1, Max: 1},
	{Res: 9, N: 2, Target: 1, Max: 2},
	{Res: 8, N: 2, Target: 1, Max: 4},
	{Res: 7, N: 2, Target: 5, Max: 20},
	{Res: 6, N: 1, Target: 25, Max: 100},
	{Res: 5, N: 1, Target: 100, Max: 400},
	{Res: 4, N: 1, Target: 250, Max: 800},
}

// DefaultTxScale is the scale Helium's oracle gives a beaconer whose asserted
// cell is not in its density map (an inactive hotspot): 1/5 (poc.rs
// DEFAULT_TX_SCALE, 0.2). HeliumScale returns a copy of it. Do not modify.
var DefaultTxScale = big.NewRat(1, 5)

// Step is one resolution of a hotspot's density scale: the parent cell at
// that resolution and its clipped and unclipped counts. The scale is the product
// of Clipped/Unclipped over the steps.
type Step struct {
	// Res is the resolution of Cell.
	Res int
	// Cell is the hotspot's parent cell at Res.
	Cell h3.Cell
	// Clipped is the count after clipping; it is what the parent at Res-1 adds up.
	Clipped uint64
	// Unclipped is the sum of the clipped counts of the cell's children (at
	// resolution 11: the number of active hotspots in it).
	Unclipped uint64
	// Limit is the count the cell was clipped to at most; 0 where no level
	// applies (resolution 11, and resolutions the levels skip).
	Limit uint64
	// Occupied is the number of cells of the grid disk of radius 1 around Cell
	// (Cell included) whose count reached the level's Target; 0 where no level
	// applies.
	Occupied int
	// Hotspots names the active hotspots counted in Cell (those asserted in
	// it), in byte order, when the scaler was built with names
	// (NewScalerOf); nil otherwise. They are the neighbours whose
	// presence lowers the scale at this resolution (helium/oracles#793 asks
	// for exactly this list).
	Hotspots []string
}

// Ratio returns Clipped/Unclipped, or 1 if Unclipped is 0.
func (s Step) Ratio() *big.Rat {
	if s.Unclipped == 0 {
		return big.NewRat(1, 1)
	}
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(s.Clipped), new(big.Int).SetUint64(s.Unclipped))
}

// densityCount is what a Scaler keeps of one occupied cell.
type densityCount struct {
	clipped, unclipped uint64
	limit              uint64 // 0: not clipped at this resolution
	occupied           uint8
}

// Scaler holds the clipped and unclipped counts of every cell that
// contains an active hotspot, at resolutions 11 down to the coarsest level, and
// gives each hotspot its density scale. Build one per epoch with
// NewScaler. It is read-only once built and safe for concurrent use.
type Scaler struct {
	lowest int // the coarsest resolution counted
	counts map[h3.Cell]densityCount
	active []h3.Cell // the distinct active cells, sorted
	// hotspots are the named hotspots (NewScalerOf); named indexes
	// them, sorted by resolution-11 parent then name, built by the first
	// Explain (scoring never needs it). Both nil without names.
	hotspots  []ActiveHotspot
	namedOnce sync.Once
	named     []namedHotspot
}

// ActiveHotspot is an active hotspot for NewScalerOf: its name (a
// device ID, say) and its asserted cell.
type ActiveHotspot struct {
	Name string
	Cell h3.Cell
}

type namedHotspot struct {
	base h3.Cell // the resolution-11 parent
	name string
}

// NewScalerOf is NewScaler over named hotspots: the scales are
// the same, and Explain also lists, at each resolution, the hotspots counted
// in the cell (Step.Hotspots), so an operator sees which neighbours
// lowered a scale. Names need not be unique or sorted.
func NewScalerOf(levels []Level, active []ActiveHotspot) (*Scaler, error) {
	cells := make([]h3.Cell, len(active))
	for i, a := range active {
		cells[i] = a.Cell
	}
	d, err := NewScaler(levels, cells)
	if err != nil {
		return nil, err
	}
	d.hotspots = slices.Clone(active)
	if d.hotspots == nil {
		d.hotspots = []ActiveHotspot{}
	}
	return d, nil
}

// index builds named from hotspots, once.
func (d *Scaler) index() {
	d.namedOnce.Do(func() {
		named := make([]namedHotspot, len(d.hotspots))
		for i, a := range d.hotspots {
			named[i] = namedHotspot{base: a.Cell.Parent(BaseRes), name: a.Name}
		}
		slices.SortFunc(named, func(a, b namedHotspot) int {
			return cmp.Or(cmp.Compare(a.base, b.base), strings.Compare(a.name, b.name))
		})
		d.named = named
	})
}

// hotspotsIn returns the names of the hotspots whose resolution-11 parent
// lies in p (of resolution res), in byte order. Resolution-11 cells sorted by
// index have non-decreasing parents at any coarser resolution (an index
// orders by base cell, then digit by digit), so they form one run.
func (d *Scaler) hotspotsIn(p h3.Cell, res int) []string {
	if d.hotspots == nil {
		return nil
	}
	d.index()
	i, _ := slices.BinarySearchFunc(d.named, p, func(n namedHotspot, p h3.Cell) int {
		return cmp.Compare(n.base.Parent(res), p)
	})
	out := []string{}
	for ; i < len(d.named) && d.named[i].base.Parent(res) == p; i++ {
		out = append(out, d.named[i].name)
	}
	slices.Sort(out)
	return out
}

// NewScaler counts the active hotspots and clips the counts of every
// resolution by levels (HIP104 or HIP17, or a network's own; any order, one
// level per resolution, resolutions 0..10).
//
// active holds the asserted H3 cell of each active hotspot, one entry per
// hotspot: a cell holding three hotspots appears three times. Only hotspots that
// proved themselves in the epoch belong here: Helium counts an *interactive*
// hotspot, one whose beacon drew at least one valid witness within the last
// 60 h; counting idle hotspots lowers the scale of working neighbours (helium/
// oracles #793). Each cell must be valid and of resolution 11 or finer
// (Helium asserts resolution-12 cells).
//
// The counts, as Helium's oracle computes them:
//
//  1. Each hotspot adds 1 to its resolution-11 parent, clipped and unclipped.
//     Resolution 11 is never clipped.
//  2. For r from 10 down to the coarsest level: each cell at r+1 adds its
//     clipped count to its parent at r; that sum is the parent's unclipped count.
//     If a level has resolution r, each parent p is clipped to
//     min(unclipped, limit) with limit = min(Max, Target × (max(n − N, 0) + 1)),
//     where n is the number of cells of gridDisk(p, 1), p included, whose
//     count at r is at least Target. (Helium reads n off the clipped counts while
//     it clips; since limit ≥ Target, a count reaches Target after clipping
//     exactly when it did before, so n, and the result, do not depend on the
//     order cells are clipped in.) Resolutions between 10 and the coarsest
//     level that have no level are added up without clipping.
//
// The result does not depend on the order of active: counts are added up (sums
// commute) over lists of cells sorted by index, and no map is ever iterated.
//
// Differences from Helium's texts: HIP-104's table lists resolutions 11–13 with
// Target = Max = 1, and HIP-17's worked example multiplies down to resolution
// 1; the oracle, and so this code, counts from resolution 11, unclipped, down to
// the coarsest level (4 for HIP104 and HIP17), and Helium's conformance vector
// (three hotspots in one resolution-12 cell, none clipped there) confirms it.
// HIP-17 gives a hotspot that is not interactive a scale of 0; the oracle pays
// it DefaultTxScale (see HeliumScale). The oracle silently drops an invalid or
// too coarse cell; NewScaler refuses it.
func NewScaler(levels []Level, active []h3.Cell) (*Scaler, error) {
	lv, err := normaliseLevels(levels)
	if err != nil {
		return nil, err
	}
	for i, c := range active {
		if !c.IsValid() {
			return nil, fmt.Errorf("%w: active[%d] = %#x", ErrCell, i, uint64(c))
		}
		if r := c.Resolution(); r < BaseRes {
			return nil, fmt.Errorf("%w: active[%d] = %s has resolution %d, want >= %d",
				ErrResolution, i, c, r, BaseRes)
		}
	}

	d := &Scaler{
		lowest: lv[len(lv)-1].Res,
		active: slices.Clone(active),
	}
	slices.Sort(d.active)
	d.active = slices.Compact(d.active)

	// Resolution 11: one per hotspot.
	cur := make([]cellCount, len(active))
	for i, c := range active {
		cur[i] = cellCount{c.Parent(BaseRes), 1}
	}
	cur = mergeCounts(cur)
	d.counts = make(map[h3.Cell]densityCount, 2*len(cur)+16)
	for _, c := range cur {
		d.counts[c.cell] = densityCount{clipped: c.n, unclipped: c.n}
	}

	// Roll up and clip, resolution by resolution.
	next := 0 // index in lv of the next level to apply
	parents := make([]cellCount, len(cur))
	for r := BaseRes - 1; r >= d.lowest; r-- {
		parents = parents[:len(cur)]
		for i, c := range cur {
			parents[i] = cellCount{c.cell.Parent(r), c.n} // c.n: the child's clipped count
		}
		parents = mergeCounts(parents)
		for _, p := range parents {
			d.counts[p.cell] = densityCount{clipped: p.n, unclipped: p.n}
		}
		if next < len(lv) && lv[next].Res == r {
			d.clip(lv[next], parents)
			next++
		}
		cur, parents = parents, cur
	}
	return d, nil
}

// cellCount is a cell and a count of hotspots in it.
type cellCount struct {
	cell h3.Cell
	n    uint64
}

// mergeCounts sorts cs by cell and adds up the counts of equal cells, in place.
// (Cells come in mostly sorted: H3 orders the children of a parent together,
// and parents as their children.)
func mergeCounts(cs []cellCount) []cellCount {
	slices.SortFunc(cs, func(a, b cellCount) int { return cmp.Compare(a.cell, b.cell) })
	out := cs[:0]
	for _, c := range cs {
		if k := len(out); k > 0 && out[k-1].cell == c.cell {
			out[k-1].n += c.n
			continue
		}
		out = append(out, c)
	}
	return out
}

// clip applies level l to the cells of its resolution, which hold their
// unclipped counts, and leaves their clipped counts in cells.
func (d *Scaler) clip(l Level, cells []cellCount) {
	for i, p := range cells {
		n := 0
		for _, q := range p.cell.GridDisk(1) {
			// The unclipped count: clipping never moves a count across Target
			// (limit >= Target), so this is the count Helium reads.
			if qc, ok := d.counts[q]; ok && qc.unclipped >= l.Target {
				n++
			}
		}
		pc := d.counts[p.cell]
		pc.limit = densityLimit(l, n)
		pc.occupied = uint8(n)
		pc.clipped = min(pc.unclipped, pc.limit)
		d.counts[p.cell] = pc
		cells[i].n = pc.clipped
	}
}

// densityLimit is min(Max, Target × (max(n − N, 0) + 1)), without overflow.
func densityLimit(l Level, n int) uint64 {
	k := uint64(1)
	if n > l.N {
		k += uint64(n - l.N)
	}
	if l.Target > l.Max/k {
		return l.Max
	}
	return l.Target * k
}

// normaliseLevels checks levels and returns a copy sorted finest first.
func normaliseLevels(levels []Level) ([]Level, error) {
	if len(levels) == 0 {
		return nil, fmt.Errorf("%w: levels is empty", ErrLevel)
	}
	seen := map[int]int{} // resolution -> index
	for i, l := range levels {
		switch {
		case l.Res < 0 || l.Res >= BaseRes:
			return nil, fmt.Errorf("%w: levels[%d].Res = %d, want 0..%d", ErrLevel, i, l.Res, BaseRes-1)
		case l.N < 1:
			return nil, fmt.Errorf("%w: levels[%d].N = %d, want >= 1", ErrLevel, i, l.N)
		case l.Target == 0:
			return nil, fmt.Errorf("%w: levels[%d].Target = 0, want > 0", ErrLevel, i)
		case l.Max < l.Target:
			return nil, fmt.Errorf("%w: levels[%d].Max = %d, want >= Target (%d)", ErrLevel, i, l.Max, l.Target)
		}
		if j, dup := seen[l.Res]; dup {
			return nil, fmt.Errorf("%w: levels[%d].Res = %d, already given by levels[%d]", ErrLevel, i, l.Res, j)
		}
		seen[l.Res] = i
	}
	lv := slices.Clone(levels)
	slices.SortFunc(lv, func(a, b Level) int { return cmp.Compare(b.Res, a.Res) })
	return lv, nil
}

// Scale returns the exact density scale of a hotspot asserted at cell: the
// product of clipped/unclipped over the cell's parents at resolutions 11 down to
// the coarsest level, skipping parents that hold no active hotspot. ok is false,
// and the scale nil, if the cell is invalid, coarser than resolution 11, or its
// resolution-11 parent holds no active hotspot.
//
// Scale answers for any cell whose resolution-11 parent is occupied, counted or
// not; HeliumScale answers only for the cells that were counted.
func (d *Scaler) Scale(cell h3.Cell) (*big.Rat, bool) {
	if !d.occupied(cell) {
		return nil, false
	}
	// The product in uint64 while it fits (always, for real networks), then
	// in big.Int.
	var num, den uint64 = 1, 1
	var bigNum, bigDen *big.Int
	for r := BaseRes; r >= d.lowest; r-- {
		pc, ok := d.counts[cell.Parent(r)]
		if !ok || pc.clipped == pc.unclipped {
			continue
		}
		if bigNum == nil {
			nh, nl := bits.Mul64(num, pc.clipped)
			dh, dl := bits.Mul64(den, pc.unclipped)
			if nh == 0 && dh == 0 {
				num, den = nl, dl
				continue
			}
			bigNum, bigDen = new(big.Int).SetUint64(num), new(big.Int).SetUint64(den)
		}
		bigNum.Mul(bigNum, new(big.Int).SetUint64(pc.clipped))
		bigDen.Mul(bigDen, new(big.Int).SetUint64(pc.unclipped))
	}
	if bigNum == nil {
		bigNum, bigDen = new(big.Int).SetUint64(num), new(big.Int).SetUint64(den)
	}
	return new(big.Rat).SetFrac(bigNum, bigDen), true
}

// HeliumScale returns the number Helium's oracle publishes as the transmit scale
// of a hotspot asserted at cell: the exact Scale rounded half to even to 4
// decimal places, or DefaultTxScale (1/5) if cell is not one of the active cells
// the scaler was built from (Helium keys its map by asserted cell).
//
// Helium's oracle multiplies 28-digit decimal quotients before it rounds; the
// exact product rounds the same except, in principle, at a scale lying on a
// midpoint of the 4th decimal place (no such case in Helium's test vector).
func (d *Scaler) HeliumScale(cell h3.Cell) *big.Rat {
	if _, found := slices.BinarySearch(d.active, cell); found {
		if s, ok := d.Scale(cell); ok { // always: an active cell is counted
			return reward.RoundHalfEven(s, 4)
		}
	}
	return new(big.Rat).Set(DefaultTxScale)
}

// Explain returns the steps of cell's Scale, one per resolution from 11 down to
// the coarsest level, for the parents that hold an active hotspot: the counts
// and limits that make a hotspot's scale low, and, for a scaler built with
// NewScalerOf, the hotspots counted at each step. It returns nil where Scale's ok is
// false.
func (d *Scaler) Explain(cell h3.Cell) []Step {
	if !d.occupied(cell) {
		return nil
	}
	steps := make([]Step, 0, BaseRes-d.lowest+1)
	for r := BaseRes; r >= d.lowest; r-- {
		p := cell.Parent(r)
		pc, ok := d.counts[p]
		if !ok {
			continue
		}
		steps = append(steps, Step{
			Res: r, Cell: p,
			Clipped: pc.clipped, Unclipped: pc.unclipped,
			Limit: pc.limit, Occupied: int(pc.occupied),
			Hotspots: d.hotspotsIn(p, r),
		})
	}
	return steps
}

// occupied reports whether cell is a valid cell of resolution 11 or finer whose
// resolution-11 parent holds an active hotspot.
func (d *Scaler) occupied(cell h3.Cell) bool {
	if !cell.IsValid() || cell.Resolution() < BaseRes {
		return false
	}
	_, ok := d.counts[cell.Parent(BaseRes)]
	return ok
}
