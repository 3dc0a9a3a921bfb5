//go:build unix

package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// bin is the depinkit binary TestMain built, or "" with buildErr.
var (
	bin      string
	buildErr error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "depinkit-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin, buildErr = Build(dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func needBinary(t *testing.T) {
	t.Helper()
	if buildErr != nil {
		t.Skipf("cannot build the depinkit binary, skipping the end-to-end tests: %v", buildErr)
	}
}

// Bounds of the waits, generous for a loaded two-core machine.
const (
	readyWithin    = 60 * time.Second
	progressWithin = 30 * time.Second
	progressDelta  = 3
	settleWithin   = 30 * time.Second
)

// perturbation is one fault applied to validator i of nw, and undone, for
// about d.
type perturbation struct {
	name  string
	apply func(ctx context.Context, nw *Network, i int, d time.Duration)
}

var perturbations = []perturbation{
	{"kill", func(_ context.Context, nw *Network, i int, d time.Duration) {
		nw.Kill(i)
		time.Sleep(d)
		nw.StartNode(i)
	}},
	{"pause", func(_ context.Context, nw *Network, i int, d time.Duration) {
		nw.Pause(i)
		time.Sleep(d)
		nw.Resume(i)
	}},
	{"disconnect", func(ctx context.Context, nw *Network, i int, d time.Duration) {
		nw.Disconnect(ctx, i)
		time.Sleep(d)
		nw.Reconnect(ctx, i)
	}},
	{"restart-all", func(_ context.Context, nw *Network, _ int, d time.Duration) {
		for j := range nw.Nodes {
			nw.Stop(j)
		}
		time.Sleep(d / 4)
		for j := range nw.Nodes {
			nw.StartNode(j)
		}
	}},
}

// perturb applies p and waits until the network is whole and committing
// again.
func perturb(ctx context.Context, t *testing.T, nw *Network, p perturbation, i int, d time.Duration) {
	t.Helper()
	nw.Logf("perturbation %s on v%d for %v", p.name, i, d)
	p.apply(ctx, nw, i, d)
	nw.WaitReady(ctx, readyWithin)
	nw.WaitProgress(ctx, progressDelta, progressWithin)
}

// TestFaults runs four validator processes under load through one of each
// perturbation, briefly, and checks the commit logs, the transactions and
// the app hashes.
func TestFaults(t *testing.T) {
	needBinary(t)
	ctx := context.Background()
	nw := Start(t, bin, 4)
	nw.WaitReady(ctx, readyWithin)
	load := nw.StartLoad(ctx, LoadConfig{Batch: 50, Interval: 50 * time.Millisecond})
	defer load.Stop()
	nw.WaitProgress(ctx, progressDelta, progressWithin)

	for k, p := range perturbations {
		perturb(ctx, t, nw, p, (k+1)%len(nw.Nodes), 3*time.Second)
	}
	load.Stop()
	acked, unknown, full, errs := load.Stats()
	nw.Logf("load: %d acknowledged, %d unknown, %d rejected as full, %d failed requests", acked, unknown, full, errs)
	nw.Check(ctx, load, settleWithin)
}

// TestFaultsLong is TestFaults for longer, with random perturbations in a
// random order: DEPINKIT_E2E_LONG=1 runs it, for DEPINKIT_E2E_DURATION
// (default 5m), from DEPINKIT_E2E_SEED (default: the time), printed on
// failure.
func TestFaultsLong(t *testing.T) {
	if os.Getenv("DEPINKIT_E2E_LONG") != "1" {
		t.Skip("set DEPINKIT_E2E_LONG=1 to run the long end-to-end test")
	}
	needBinary(t)
	dur := 5 * time.Minute
	if s := os.Getenv("DEPINKIT_E2E_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("DEPINKIT_E2E_DURATION: %v", err)
		}
		dur = d
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("DEPINKIT_E2E_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("DEPINKIT_E2E_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("seed %d (DEPINKIT_E2E_SEED=%d reproduces the order of the perturbations)", seed, seed)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("failed with DEPINKIT_E2E_SEED=%d", seed)
		}
	})
	rng := rand.New(rand.NewPCG(seed, 0))

	ctx := context.Background()
	nw := Start(t, bin, 4)
	nw.WaitReady(ctx, readyWithin)
	load := nw.StartLoad(ctx, LoadConfig{Batch: 200, Interval: 20 * time.Millisecond})
	defer load.Stop()
	nw.WaitProgress(ctx, progressDelta, progressWithin)

	end := time.Now().Add(dur)
	counts := map[string]int{}
	for time.Now().Before(end) {
		p := perturbations[rng.IntN(len(perturbations))]
		i := rng.IntN(len(nw.Nodes))
		d := time.Duration(2+rng.IntN(9)) * time.Second
		perturb(ctx, t, nw, p, i, d)
		counts[p.name]++
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Millisecond)
	}
	load.Stop()
	acked, unknown, full, errs := load.Stats()
	nw.Logf("perturbations %v; load: %d acknowledged, %d unknown, %d rejected as full, %d failed requests", counts, acked, unknown, full, errs)
	sum := nw.Check(ctx, load, 2*settleWithin)
	t.Logf("long run over %v: %s", dur, sum)
}
