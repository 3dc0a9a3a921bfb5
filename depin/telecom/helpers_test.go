package telecom_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/telecom/telecomsim"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// The Groth16 coverage keys: one development setup per test binary.
var (
	keysOnce sync.Once
	keys     *proof.Keys
	keysErr  error
)

func coverageKeys(t testing.TB) *proof.Keys {
	t.Helper()
	keysOnce.Do(func() { keys, keysErr = proof.DevSetup(proof.CoverageStatement(), proof.Groth16) })
	require.NoError(t, keysErr)
	return keys
}

// epochLength is the pipeline's epoch: commits are 100 ms apart, and the
// commit that closes an epoch jumps past its end.
const epochLength = 10 * time.Minute

// pipeline is n validators' Nodes, built without an engine, driven with the
// same hand-made commits: the whole application (ingest, signatures, proofs,
// the vertical, scoring, distribution, Merkle root, snapshot hash) without
// consensus, deterministic.
type pipeline struct {
	t     testing.TB
	nodes []*depin.Node
	sim   *telecomsim.Sim
	index uint64
	ts    int64
	start int64 // the open epoch's first commit time
	prev  chain.Digest
	// seed is the digest of the commit that closed the last epoch.
	seed [32]byte
}

func newPipeline(t testing.TB, n int, sc telecomsim.Config, vc telecom.Config, verifier *proof.Verifier) *pipeline {
	t.Helper()
	return newPipelineAt(t, time.Now().UnixMilli(), n, sc, vc, verifier)
}

// newPipelineAt is newPipeline with its first commit's time fixed (Unix
// milliseconds): a run that depends on nothing but its inputs.
func newPipelineAt(t testing.TB, startMs int64, n int, sc telecomsim.Config, vc telecom.Config, verifier *proof.Verifier) *pipeline {
	t.Helper()
	rnd := rand.NewChaCha8([32]byte{9})
	maker, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	cfg := depin.Config{Name: "telecom-test", Makers: []depin.Maker{{Key: maker.Public(), Name: "maker"}},
		EpochDuration: epochLength, Verifier: verifier}
	var vkeys []ed25519.PrivateKey
	for range n {
		_, k, err := ed25519.GenerateKey(rnd)
		require.NoError(t, err)
		vkeys = append(vkeys, k)
		cfg.Validators = append(cfg.Validators, depin.Validator{Key: k.Public().(ed25519.PublicKey), Stake: 1})
	}
	if vc.Rules.BeaconIntervalMs == 0 {
		vc.Rules.BeaconIntervalMs = 1000
	}
	factory, err := telecom.NewFactory(vc)
	require.NoError(t, err)
	p := &pipeline{t: t, ts: startMs}
	for i := range n {
		node, err := depin.New(depin.WithVertical(factory()), depin.WithConfig(cfg), depin.WithKey(vkeys[i]), depin.WithoutEngine())
		require.NoError(t, err)
		p.nodes = append(p.nodes, node)
	}
	p.sim, err = telecomsim.New(sc)
	require.NoError(t, err)
	p.sim.SetNetwork(p.nodes[0].Network())
	regs, err := p.sim.Registrations(maker, time.UnixMilli(p.ts))
	require.NoError(t, err)
	p.apply(regs...)
	setup, err := p.sim.Setup(time.UnixMilli(p.ts))
	require.NoError(t, err)
	p.submit(setup)
	p.close()
	return p
}

// apply applies one commit of txs to every node in parallel and requires
// that they agree on the app hash.
func (p *pipeline) apply(txs ...chain.Tx) {
	p.t.Helper()
	p.applyAt(p.ts+100, txs...)
}

func (p *pipeline) applyAt(ts int64, txs ...chain.Tx) {
	p.index++
	p.ts = ts
	d := chain.Digest(sha256.Sum256(binary.BigEndian.AppendUint64(p.prev[:], p.index)))
	p.prev = d
	c := chain.Commit{Index: p.index, Timestamp: p.ts, Txs: txs, Digest: d}
	if p.start == 0 {
		p.start = p.ts
	}
	hashes := make([]chain.Digest, len(p.nodes))
	errs := make([]error, len(p.nodes))
	var wg sync.WaitGroup
	for i, n := range p.nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := n.ApplyCommit(c)
			hashes[i], errs[i] = r.AppHash, err
		}()
	}
	wg.Wait()
	for i := range p.nodes {
		require.NoError(p.t, errs[i])
		require.Equal(p.t, hashes[0], hashes[i], "validator %d disagrees at commit %d", i, c.Index)
	}
}

// submit applies envelopes in commits of at most 512.
func (p *pipeline) submit(envs [][]byte) {
	p.t.Helper()
	const per = 512
	for len(envs) > 0 {
		k := min(per, len(envs))
		txs := make([]chain.Tx, k)
		for i := range k {
			tx, err := depin.EnvelopeTx(envs[i])
			require.NoError(p.t, err)
			txs[i] = tx
		}
		p.apply(txs...)
		envs = envs[k:]
	}
}

// close applies an empty commit past the open epoch's end: the epoch is
// scored and distributed. It returns the closed epoch's number.
func (p *pipeline) close() uint64 {
	p.t.Helper()
	epoch := p.nodes[0].CurrentEpoch()
	p.applyAt(max(p.ts+100, p.start+epochLength.Milliseconds()))
	p.seed = p.prev
	p.start = 0
	return epoch
}

// now is the wall time the simulated devices stamp their reports with.
func (p *pipeline) now() time.Time { return time.UnixMilli(p.ts) }

func mustID(t testing.TB, s string) device.ID {
	t.Helper()
	id, err := device.ParseID(s)
	require.NoError(t, err)
	return id
}
