package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sweep output file names, inside --out.
const (
	sweepCSV = "consensus-p2p-sweep.csv"
	sweepSVG = "consensus-p2p-sweep.svg"
	sweepPNG = "consensus-p2p-sweep.png"
)

// defaultSweepWindows are the per-client windows --sweep offers, from a light
// load to well past saturation on a 2-core machine.
const defaultSweepWindows = "250,500,1000,2000,4000,8000,16000"

// The sweep plot's series styles: p50, then p99.
var (
	plotColors = []color.Color{color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}}
	plotShapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}}
)

// parseWindows parses a comma-separated list of increasing windows.
func parseWindows(s string, batch int) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		w, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("--sweep-windows %q: %q is not a number", s, f)
		}
		if w < batch {
			return nil, fmt.Errorf("--sweep-windows %q: window %d is below --batch (%d)", s, w, batch)
		}
		if len(out) > 0 && w <= out[len(out)-1] {
			return nil, fmt.Errorf("--sweep-windows %q: windows must increase (%d after %d)", s, w, out[len(out)-1])
		}
		out = append(out, w)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--sweep-windows: no window given")
	}
	return out, nil
}

// sweepP2P runs the p2p benchmark once per window, each on a fresh network,
// and returns one report per window. progress, if set, is given each run's
// callback maker.
func sweepP2P(ctx context.Context, b p2pBench, windows []int, progress func(i int, b p2pBench) (func(time.Duration, int), func())) ([]consensusReport, error) {
	reps := make([]consensusReport, 0, len(windows))
	for i, w := range windows {
		run := b
		run.Window = w
		run.CPUProfile = ""
		var done func()
		if progress != nil {
			run.Progress, done = progress(i, run)
		}
		res, err := runP2PBench(ctx, run)
		if done != nil {
			done()
		}
		if err != nil {
			return reps, fmt.Errorf("sweep: window %d: %w", w, err)
		}
		reps = append(reps, p2pReport(run, res))
	}
	return reps, nil
}

// writeSweepCSV writes the sweep table: one row per offered load.
func writeSweepCSV(w io.Writer, reps []consensusReport) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"window_per_client", "in_flight", "tps", "p50_ms", "p99_ms", "rounds", "seconds", "cpu_seconds", "cpu_us_per_tx"})
	for _, r := range reps {
		perTx := 0.0
		if r.Txs > 0 {
			perTx = r.CPUSeconds / float64(r.Txs) * 1e6
		}
		_ = cw.Write([]string{
			strconv.Itoa(r.Window), strconv.Itoa(r.Window * r.Validators),
			strconv.FormatFloat(r.TPS, 'f', 0, 64),
			strconv.FormatFloat(r.P50ms, 'f', 1, 64), strconv.FormatFloat(r.P99ms, 'f', 1, 64),
			strconv.FormatUint(r.Rounds, 10),
			strconv.FormatFloat(r.Seconds, 'f', 2, 64), strconv.FormatFloat(r.CPUSeconds, 'f', 2, 64),
			strconv.FormatFloat(perTx, 'f', 1, 64),
		})
	}
	cw.Flush()
	return cw.Error()
}

// sweepPlot draws the throughput-latency curve: committed tx/s against the
// p50 and p99 commit latency, one point per offered load.
func sweepPlot(reps []consensusReport, title string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "committed throughput (tx/s)"
	p.Y.Label.Text = "commit latency (ms)"
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.Left = true
	p50 := make(plotter.XYs, len(reps))
	p99 := make(plotter.XYs, len(reps))
	for i, r := range reps {
		p50[i] = plotter.XY{X: r.TPS, Y: r.P50ms}
		p99[i] = plotter.XY{X: r.TPS, Y: r.P99ms}
	}
	for i, s := range []struct {
		name string
		xys  plotter.XYs
	}{{"p50", p50}, {"p99", p99}} {
		line, points, err := plotter.NewLinePoints(s.xys)
		if err != nil {
			return nil, fmt.Errorf("sweep plot: %w", err)
		}
		line.Color = plotColors[i]
		points.Color = plotColors[i]
		points.Shape = plotShapes[i]
		p.Add(line, points)
		p.Legend.Add(s.name, line, points)
	}
	return p, nil
}

// writeSweep writes the CSV and the plot (SVG and PNG) of a sweep into dir
// and returns the paths of the CSV and the SVG.
func writeSweep(dir string, reps []consensusReport, title string) (csvPath, svgPath string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("--out: %w", err)
	}
	csvPath, svgPath = filepath.Join(dir, sweepCSV), filepath.Join(dir, sweepSVG)
	f, err := os.Create(csvPath)
	if err != nil {
		return "", "", fmt.Errorf("--out: %w", err)
	}
	if err := writeSweepCSV(f, reps); err != nil {
		_ = f.Close()
		return "", "", fmt.Errorf("--out: %s: %w", csvPath, err)
	}
	if err := f.Close(); err != nil {
		return "", "", fmt.Errorf("--out: %s: %w", csvPath, err)
	}
	p, err := sweepPlot(reps, title)
	if err != nil {
		return "", "", err
	}
	for _, path := range []string{svgPath, filepath.Join(dir, sweepPNG)} {
		if err := p.Save(7*vg.Inch, 4.5*vg.Inch, path); err != nil {
			return "", "", fmt.Errorf("--out: %s: %w", path, err)
		}
	}
	return csvPath, svgPath, nil
}

// runSweepCmd runs --mode p2p --sweep: the benchmark at every window of
// windows, then the table, the CSV and the plot.
func runSweepCmd(cmd *cobra.Command, b p2pBench, windows string, out string, asJSON, quiet bool) error {
	if err := b.check(); err != nil {
		return err
	}
	if b.CPUProfile != "" {
		return fmt.Errorf("--cpuprofile: not with --sweep (profile one window at a time)")
	}
	ws, err := parseWindows(windows, b.Batch)
	if err != nil {
		return err
	}
	var progress func(int, p2pBench) (func(time.Duration, int), func())
	if !quiet {
		progress = func(i int, run p2pBench) (func(time.Duration, int), func()) {
			return progressFor(cmd.ErrOrStderr(), fmt.Sprintf("window %d (%d/%d)", run.Window, i+1, len(ws)), run.Duration)
		}
	}
	reps, err := sweepP2P(cmd.Context(), b, ws, progress)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("depinkit DAG consensus: %d validators, libp2p loopback, %d-byte txs", b.Validators, b.TxSize)
	csvPath, svgPath, err := writeSweep(out, reps, title)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), reps)
	}
	w := cmd.OutOrStdout()
	for _, r := range reps {
		if _, err := fmt.Fprintf(w, "window %6d: ", r.Window); err != nil {
			return err
		}
		if err := printReport(w, r); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "wrote %s and %s\n", csvPath, svgPath)
	return err
}
