package h3density_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/reward/h3density"
)

// TestDensityExplainHotspots: on Helium's simple_scale_check vector, every
// step of Explain lists exactly the hotspots whose asserted cell lies under
// the step's cell (a naive scan), and the scales are those of the unnamed
// scaler.
func TestDensityExplainHotspots(t *testing.T) {
	v := loadDensityVector(t)
	named := make([]h3density.ActiveHotspot, len(v.active))
	for i, c := range v.active {
		named[i] = h3density.ActiveHotspot{Name: fmt.Sprintf("gw%02d", i), Cell: c}
	}
	d, err := h3density.NewScalerOf(h3density.HIP104, named)
	require.NoError(t, err)
	plain, err := h3density.NewScaler(h3density.HIP104, v.active)
	require.NoError(t, err)
	for _, e := range v.expect {
		require.Equal(t, plain.HeliumScale(e.cell).RatString(), d.HeliumScale(e.cell).RatString())
		steps := d.Explain(e.cell)
		require.NotEmpty(t, steps)
		for _, s := range steps {
			var want []string
			for _, h := range named {
				if h.Cell.Parent(s.Res) == s.Cell {
					want = append(want, h.Name)
				}
			}
			slices.Sort(want)
			require.Equal(t, want, s.Hotspots, "cell %s res %d", e.cell, s.Res)
			if s.Res == h3density.BaseRes {
				require.EqualValues(t, s.Unclipped, len(s.Hotspots))
			}
		}
		for _, s := range plain.Explain(e.cell) {
			require.Nil(t, s.Hotspots, "no names, no list")
		}
	}
}

// The index behind the names is built by the first Explain; concurrent
// Explains are safe (go test -race).
func TestDensityExplainHotspotsConcurrent(t *testing.T) {
	v := loadDensityVector(t)
	named := make([]h3density.ActiveHotspot, len(v.active))
	for i, c := range v.active {
		named[i] = h3density.ActiveHotspot{Name: fmt.Sprintf("gw%02d", i), Cell: c}
	}
	d, err := h3density.NewScalerOf(h3density.HIP104, named)
	require.NoError(t, err)
	want := d.Explain(v.expect[0].cell)
	d, err = h3density.NewScalerOf(h3density.HIP104, named)
	require.NoError(t, err)
	got := make([][]h3density.Step, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = d.Explain(v.expect[0].cell) })
	}
	wg.Wait()
	for _, g := range got {
		require.Equal(t, want, g)
	}
}
