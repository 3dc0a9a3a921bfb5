package telecom_test

import (
	"context"
	"crypto/ed25519"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/proof"
)

// BenchmarkEpochPipeline measures envelopes per second through the whole
// application of four validators in one process — transaction decoding,
// envelope opening (registry lookup, replay window, signature), proof
// verification, the telecom vertical's Claim and Apply, and at the epoch's
// end scoring (PoC rounds, hex density, trust), distribution, the Merkle
// root and the state snapshot hash — each validator applying the same
// commits of 512 envelopes on its own goroutine. Consensus is left out (its
// own benchmarks are in chain/dag; examples/telecom runs everything end to
// end). One iteration is one epoch; making the devices' envelopes is not
// timed.
//
//	signature           an epoch of 200 hotspots (beacons and witness
//	                    reports) and 1,000 bandwidth sessions with
//	                    signature-path usage proofs (a session costs four
//	                    ed25519 verifications and a Poseidon2 root)
//	signature-poc-only  the hotspots' reports alone: one signature each
//	network-signature   the signature mix through a whole
//	                    depin.NewLocalNetwork (chain/dag consensus over
//	                    memory, no settlement): envelopes submitted until
//	                    every validator has applied them; scoring is not
//	                    included (epochs are an hour)
//	zk                  an epoch of 8 private hotspots' Groth16 coverage
//	                    proofs
//	baseline-verify     the floor the signature path stands on, measured in
//	                    the same run: bare ed25519 verifications per second
//	                    on every core; divided by 4 validators (each checks
//	                    every envelope) it bounds the one-signature
//	                    envelopes/s of signature-poc-only
func BenchmarkEpochPipeline(b *testing.B) {
	b.Run("baseline-verify", func(b *testing.B) {
		pub, priv, err := ed25519.GenerateKey(nil)
		require.NoError(b, err)
		msg := make([]byte, 200)
		sig := ed25519.Sign(priv, msg)
		// A fixed 20,000 verifications per iteration, spread over every
		// core, so that -benchtime 3x measures as much as the others do.
		const per = 20_000
		workers := runtime.GOMAXPROCS(0)
		start := time.Now()
		for range b.N {
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for range per / workers {
						if !ed25519.Verify(pub, msg, sig) {
							b.Error("verify failed")
						}
					}
				})
			}
			wg.Wait()
		}
		rate := float64(b.N*per) / time.Since(start).Seconds()
		b.ReportMetric(rate, "verifies/s")
		b.ReportMetric(rate/4, "ceiling-envelopes/s")
	})
	for _, c := range []struct {
		name    string
		clients int
	}{{"signature", 1000}, {"signature-poc-only", -1}} {
		b.Run(c.name, func(b *testing.B) {
			p := newPipeline(b, 4, telecomsim.Config{Seed: 11, Hotspots: 200, Private: -1, Clients: c.clients}, telecom.Config{}, nil)
			var envelopes int
			var timed time.Duration
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				reports, err := p.sim.PoC(p.seed, p.now())
				require.NoError(b, err)
				sessions, err := p.sim.Sessions(p.now())
				require.NoError(b, err)
				envs := slices.Concat(reports, sessions.Sessions)
				start := time.Now()
				b.StartTimer()
				p.submit(envs)
				p.close()
				b.StopTimer()
				timed += time.Since(start)
				envelopes += len(envs)
			}
			b.ReportMetric(float64(envelopes)/timed.Seconds(), "envelopes/s")
			b.ReportMetric(float64(envelopes)/float64(b.N), "envelopes/epoch")
		})
	}
	b.Run("network-signature", func(b *testing.B) {
		benchNetwork(b)
	})
	b.Run("zk", func(b *testing.B) {
		k := coverageKeys(b)
		verifier, err := proof.NewVerifier(k.VerifyingOnly())
		require.NoError(b, err)
		prover, err := proof.NewProver(k)
		require.NoError(b, err)
		p := newPipeline(b, 4, telecomsim.Config{Seed: 12, Hotspots: 2, Private: 8, Clients: -1}, telecom.Config{}, verifier)
		var proofs int
		var timed time.Duration
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			jobs, err := p.sim.Coverage(p.seed, p.now())
			require.NoError(b, err)
			envs := make([][]byte, len(jobs))
			for i, j := range jobs {
				envs[i], err = j.Prove(context.Background(), prover)
				require.NoError(b, err)
			}
			start := time.Now()
			b.StartTimer()
			p.submit(envs)
			epoch := p.close()
			b.StopTimer()
			timed += time.Since(start)
			proofs += len(envs)
			s, err := p.nodes[0].Epoch(epoch)
			require.NoError(b, err)
			require.EqualValues(b, len(envs), s.Accepted)
		}
		b.ReportMetric(float64(proofs)/timed.Seconds(), "proofs/s")
	})
}

func benchNetwork(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	factory, err := telecom.NewFactory(telecom.Config{})
	require.NoError(b, err)
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators: 4, NewVertical: factory, NoSettlement: true,
		Config: depin.Config{Name: "telecom-bench", EpochDuration: time.Hour},
		Rand:   rand.NewChaCha8([32]byte{13}),
	})
	require.NoError(b, err)
	defer net.Close()
	sim, err := telecomsim.New(telecomsim.Config{Seed: 13, Hotspots: 200, Private: -1, Clients: 1000})
	require.NoError(b, err)
	require.NoError(b, sim.Provision(ctx, net))
	setup, err := sim.Setup(time.Now())
	require.NoError(b, err)
	submitted := len(setup)
	for _, e := range setup {
		require.NoError(b, net.Submit(ctx, e))
	}
	waitAll := func() {
		for _, n := range net.Nodes() {
			require.NoError(b, n.WaitFor(ctx, func(n *depin.Node) bool {
				s, err := n.Epoch(n.CurrentEpoch())
				if err != nil {
					return false
				}
				total := s.Accepted
				for _, r := range s.Rejected {
					if !strings.Contains(r.Reason, ":") {
						total += r.Count
					}
				}
				return total >= uint64(submitted)
			}))
		}
	}
	waitAll()
	var envelopes int
	var timed time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		reports, err := sim.PoC([32]byte{}, time.Now())
		require.NoError(b, err)
		sessions, err := sim.Sessions(time.Now())
		require.NoError(b, err)
		envs := slices.Concat(reports, sessions.Sessions)
		start := time.Now()
		b.StartTimer()
		submitParallel(b, ctx, net, envs)
		submitted += len(envs)
		waitAll()
		b.StopTimer()
		timed += time.Since(start)
		envelopes += len(envs)
	}
	require.Zero(b, net.Node(0).CurrentEpoch(), "the epoch closed during the benchmark")
	b.ReportMetric(float64(envelopes)/timed.Seconds(), "envelopes/s")
}

// submitParallel submits envelopes to the validators in turn, one goroutine
// per validator.
func submitParallel(b *testing.B, ctx context.Context, net *depin.Network, envs [][]byte) {
	nodes := net.Nodes()
	errs := make(chan error, len(nodes))
	for i, n := range nodes {
		go func() {
			for k := i; k < len(envs); k += len(nodes) {
				if err := n.Submit(ctx, envs[k]); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range nodes {
		require.NoError(b, <-errs)
	}
}
