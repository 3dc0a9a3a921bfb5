package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// TestSubnetUpZKCoverage is the issue's acceptance run: "subnet init
// --vertical telecom --proof-keys keys" and "proof setup --statement
// coverage --keys" write a subnet and its Groth16 keys; the spec then names
// an exponential curve (the CLI took only halving before), pool weights, a
// [verticals.telecom] section and the coverage proof policy; "subnet up"
// runs four validator processes, each loading the telecom vertical from the
// registry and the verifying key from the spec's proof_keys. A private
// hotspot's zero-knowledge coverage claim is accepted and paid from the
// exponential curve's emission; a claim changed after proving is refused as
// an invalid proof. The claim's radius is above telecom's default maximum
// and within the section's, so it is accepted only if every validator got
// the section.
func TestSubnetUpZKCoverage(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts five processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "telecom")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "4", "--proof-keys", "keys",
		"--epoch-duration", "4s", "--out", dir))
	keysDir := filepath.Join(dir, "keys")
	setup := runCLI(t, nil, "proof", "setup", "--statement", "coverage", "--keys", keysDir)
	require.Equal(t, 0, setup.code, "stderr: %s", setup.stderr) // it reports its progress on stderr

	specPath := filepath.Join(dir, subnet.SpecFile)
	spec, err := subnet.Load(specPath)
	require.NoError(t, err)
	maker, err := device.GenerateKey(device.Ed25519, rand.Reader)
	require.NoError(t, err)
	spec.Makers = []subnet.Maker{{Name: "hotspots inc", Key: maker.Public().DID()}}
	spec.Reward = subnet.Reward{Curve: subnet.CurveExponential, Initial: "1000000000", Factor: "9/10", Period: 1,
		Pools: map[string]uint64{"beacons": 6, "witnesses": 24, "data-transfer": 50, "private-coverage": 20}}
	spec.Proofs = map[string]string{telecom.ContentTypeCoverage: subnet.ProofGroth16}
	const radius = 15_000 // above telecom.DefaultMaxPrivateRadius
	spec.Verticals = map[string]subnet.Section{"telecom": {"max_private_radius": int64(20_000)}}
	require.NoError(t, spec.Validate())
	require.NoError(t, spec.Save(specPath))
	requireOK(t, runCLI(t, nil, "subnet", "validate", specPath))

	up := exec.Command(os.Args[0], "subnet", "up", specPath)
	up.Env = append(os.Environ(), asCLI+"=1")
	logPath := filepath.Join(t.TempDir(), "up.log")
	logf, err := os.Create(logPath)
	require.NoError(t, err)
	defer logf.Close()
	up.Stdout, up.Stderr = logf, logf
	require.NoError(t, up.Start())
	exited := make(chan error, 1)
	go func() { exited <- up.Wait() }()
	defer func() {
		if up.ProcessState == nil {
			_ = up.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				_ = up.Process.Kill()
			}
		}
	}()
	fail := func(format string, args ...any) {
		t.Helper()
		log, _ := os.ReadFile(logPath)
		node, _ := os.ReadFile(filepath.Join(spec.ValidatorDir(0), "node.log"))
		t.Fatalf(format+"\nup.log:\n%s\nv0/node.log:\n%s", append(args, log, node)...)
	}

	d, err := subnet.LoadDeployment(filepath.Join(dir, subnet.DeploymentFile))
	for err != nil && ctx.Err() == nil { // up writes it once the parent chain is set up
		time.Sleep(100 * time.Millisecond)
		d, err = subnet.LoadDeployment(filepath.Join(dir, subnet.DeploymentFile))
	}
	require.NoError(t, err)
	payer, err := device.GenerateKey(device.Secp256k1, rand.Reader) // reads the parent chain only
	require.NoError(t, err)
	r, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec, Deployment: &d, Payer: payer})
	require.NoError(t, err)
	defer r.Close()
	ready := make(chan error, 1)
	go func() { ready <- r.WaitReady(ctx) }()
	select {
	case err := <-exited:
		fail("subnet up exited: %v", err)
	case err := <-ready:
		if err != nil {
			fail("validators not ready: %v", err)
		}
	}

	hotspot, err := device.GenerateKey(device.EdDSABN254, rand.Reader)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	if err := r.Provision(ctx, maker, hotspot, owner, "private-1", "sn-1"); err != nil {
		fail("provision: %v", err)
	}

	// The open epoch's entropy: its seed is the digest of the commit that
	// closed the one before (zero for epoch 0).
	st, err := r.Status(ctx, 0)
	require.NoError(t, err)
	epoch := st.Epoch
	var seed [32]byte
	if epoch > 0 {
		prev, err := r.Epoch(ctx, 0, epoch-1)
		require.NoError(t, err)
		seed = prev.CommitDigest
	}
	keys, err := proof.NewKeyStore(keysDir).Load(proof.CoverageStatement(), proof.Groth16)
	require.NoError(t, err)
	prover, err := proof.NewProver(keys)
	require.NoError(t, err)
	cell := h3.LatLngToCell(h3.NewLatLng(48.8566, 2.3522), telecom.DefaultPrivateRes)
	w, err := telecom.CoverageWitness(hotspot, cell, telecom.Anchor(cell), radius, telecom.Entropy(seed))
	require.NoError(t, err)
	b, err := prover.Prove(ctx, w)
	require.NoError(t, err)
	signer := device.ForNetwork(hotspot, r.Network())
	good, err := telecom.SealCoverage(signer, 1, time.Now(), b)
	require.NoError(t, err)
	b.Claim.(*proof.CoverageClaim).Radius = radius - 1 // still true of the position, but not what was proved
	tampered, err := telecom.SealCoverage(signer, 2, time.Now(), b)
	require.NoError(t, err)
	require.NoError(t, r.Submit(ctx, good))
	require.NoError(t, r.Submit(ctx, tampered))

	// Both land in this epoch or the next (the entropy of either is fresh).
	curve, err := spec.Curve()
	require.NoError(t, err)
	var paid *big.Int
	var paidEpoch uint64
	for e := epoch; e <= epoch+1 && paid == nil; e++ {
		paidEpoch = e
		sums, err := r.WaitEpoch(ctx, e)
		if err != nil {
			fail("epoch %d: %v", e, err)
		}
		for i, s := range sums {
			require.Equal(t, sums[0].Root, s.Root, "validator %d's root of epoch %d", i, e)
			require.Equal(t, curve.Emission(e), s.Emission, "epoch %d mints the spec's exponential curve", e)
		}
		x, err := r.Explain(ctx, 0, w.Device.ID(), e)
		require.NoError(t, err)
		for _, n := range x.Notes {
			t.Logf("epoch %d: seq %d %s: %s", e, n.Seq, n.Reason, n.Detail)
		}
		if sums[0].Accepted > 0 || sums[0].RejectedFor(depin.ReasonInvalidProof) > 0 {
			require.EqualValues(t, 1, sums[0].RejectedFor(depin.ReasonInvalidProof), "the tampered claim")
			require.Len(t, x.Pools, 1)
			require.Equal(t, telecom.PoolPrivateCoverage, x.Pools[0].Pool)
			paid = x.Amount
		}
	}
	if paid == nil || paid.Sign() <= 0 {
		fail("the coverage claim was not paid (%v)", paid)
	}

	// An auditor replays the history from validator 0's API (the spec, its
	// proof keys and the parent chain; no validator key): every epoch up to
	// the paid one, settled, matches what was posted (issue 15 item 10).
	if err := r.WaitSettled(ctx, paidEpoch); err != nil {
		fail("epoch %d not settled: %v", paidEpoch, err)
	}
	a := runCLI(t, nil, "audit", specPath, "--api", spec.Validators[0].API)
	requireOK(t, a)
	t.Logf("depinkit audit:\n%s", a.stdout)
	require.Contains(t, a.stdout, fmt.Sprintf("epoch %d ", paidEpoch))
	require.Regexp(t, fmt.Sprintf(`(?m)^epoch %d .*matches the parent chain$`, paidEpoch), a.stdout)
	require.NotContains(t, a.stdout, "DIFFERS")
	require.Contains(t, a.stdout, "all match")

	require.NoError(t, up.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			fail("subnet up: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("subnet up did not stop 60s after SIGTERM")
	}
}
