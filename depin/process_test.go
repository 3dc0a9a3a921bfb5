package depin_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"math/big"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// TestRunValidator runs a subnet as "subnet up" does, but with its four
// validators in this process: a spec from subnet.Init, the embedded parent
// chain (subnet.StartParent), and RunValidator for each over libp2p on
// loopback with pebble stores. The validators commit, serve GET
// /depin/status, close epoch 0 alike, and post its checkpoint: the parent
// chain holds the state root every validator computed.
func TestRunValidator(t *testing.T) {
	if testing.Short() {
		t.Skip("four validators over libp2p and an EVM chain")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	maker, err := device.GenerateKey(device.Ed25519, rand.Reader)
	require.NoError(t, err)
	spec := meterSpec(t, 60, func(s *subnet.Spec) { s.Makers = []subnet.Maker{{Name: "meters inc", Key: maker.Public().DID()}} })
	parent, err := subnet.StartParent(ctx, spec, subnet.ParentConfig{})
	require.NoError(t, err)
	defer parent.Close()
	d := parent.Deployment

	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make([]error, len(spec.Validators))
	for i := range spec.Validators {
		wg.Go(func() {
			errs[i] = depin.RunValidator(runCtx, depin.ProcessConfig{Spec: spec, Index: i, Deployment: &d, Vertical: newMeter()})
		})
	}
	defer func() {
		stop()
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "validator %d", i)
		}
	}()

	hc := &http.Client{Timeout: 2 * time.Second}
	status := func(api string) (depin.StatusView, bool) {
		var s depin.StatusView
		resp, err := hc.Get("http://" + api + "/depin/status")
		if err != nil {
			return s, false
		}
		defer resp.Body.Close()
		return s, resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&s) == nil
	}
	require.Eventually(t, func() bool {
		for _, v := range spec.Validators {
			if s, ok := status(v.API); !ok || s.Epoch < 1 {
				return false
			}
		}
		return true
	}, 90*time.Second, 100*time.Millisecond, "every validator past epoch 0")

	// Epoch 0 closed alike everywhere, and its checkpoint reaches the parent.
	var first depin.EpochSummary
	for i, v := range spec.Validators {
		resp, err := hc.Get("http://" + v.API + "/depin/epochs/0")
		require.NoError(t, err)
		var s depin.EpochSummary
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&s))
		require.NoError(t, resp.Body.Close())
		require.False(t, s.Open)
		if i == 0 {
			first = s
			continue
		}
		require.Equal(t, first.AppHash, s.AppHash, "validator %s", v.Name)
		require.Equal(t, first.LastCommit, s.LastCommit)
	}
	require.Eventually(t, func() bool {
		cp, err := subnet.VerifyStateRoot(ctx, parent.Operator, d.SubnetID(), 0, first.AppHash)
		return err == nil && cp.Height == first.LastCommit
	}, 60*time.Second, 200*time.Millisecond, "the checkpoint of epoch 0 on the parent chain")

	// The validator API and the depin queries share the listener.
	st, err := validator.NewClient(spec.Validators[0].API, hc).Status(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, st.Peers)
	resp, err := hc.Get("http://" + spec.Validators[0].API + "/depin/epochs/999")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusNotFound, resp.StatusCode)

	// Drive it from outside as a user's program does: provision a meter,
	// send its readings, wait for the epoch to close and settle, claim.
	keys, err := spec.LoadKeys(0) // any funded account pays for claims
	require.NoError(t, err)
	r, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec, Deployment: &d, Payer: keys.Settlement})
	require.NoError(t, err)
	defer r.Close()
	require.NoError(t, r.WaitReady(ctx))
	key, err := device.GenerateKey(device.Ed25519, rand.Reader)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	require.NoError(t, err)
	require.NoError(t, r.Provision(ctx, maker, key, owner, "m1", "serial-1", "meter:kWh", "meter:certified"))
	dv, err := r.Device(ctx, 3, key.Public().ID())
	require.NoError(t, err)
	require.Equal(t, "m1", dv.Model)
	_, err = r.Device(ctx, 0, owner.Public().ID())
	require.ErrorIs(t, err, depin.ErrNotFound)

	st0, err := r.Status(ctx, 0)
	require.NoError(t, err)
	for seq := uint64(1); seq <= 5; seq++ {
		env, err := device.Seal(device.ForNetwork(key, r.Network()), device.Header{Device: key.Public().ID(), ContentType: readingType, Seq: seq, Time: time.Now()}, reading{Wh: 1000})
		require.NoError(t, err)
		require.NoError(t, r.Submit(ctx, env))
	}
	require.ErrorIs(t, r.Submit(ctx, []byte("not an envelope")), chain.ErrInvalidTx)
	// The five readings may straddle an epoch boundary: count them over the
	// epochs from the one that was open, and claim the last that paid.
	var epoch, inEpoch, total uint64
	for e := st0.Epoch; total < 5 && e <= st0.Epoch+5; e++ {
		sums, err := r.WaitEpoch(ctx, e)
		require.NoError(t, err)
		for _, s := range sums[1:] {
			require.Equal(t, sums[0].Root, s.Root, "epoch %d", e)
			require.Equal(t, sums[0].AppHash, s.AppHash, "epoch %d", e)
		}
		total += sums[0].Accepted
		if sums[0].Accepted > 0 {
			epoch, inEpoch = e, sums[0].Accepted
		}
	}
	require.EqualValues(t, 5, total)
	require.NoError(t, r.WaitSettled(ctx, epoch))
	payouts, err := r.Payouts(ctx, 2, epoch)
	require.NoError(t, err)
	require.NotEmpty(t, payouts)
	x, err := r.Explain(ctx, 1, key.Public().ID(), epoch)
	require.NoError(t, err)
	require.Equal(t, inEpoch, x.Accepted)
	require.Positive(t, x.Amount.Sign())
	before, err := r.Payer().TokenBalance(ctx, mustAddress(t, owner))
	require.NoError(t, err)
	c, err := r.Claim(ctx, epoch, mustAddress(t, owner))
	require.NoError(t, err)
	after, err := r.Payer().TokenBalance(ctx, mustAddress(t, owner))
	require.NoError(t, err)
	require.Equal(t, c.Amount, new(big.Int).Sub(after, before), "the claim pays exactly")
	require.Equal(t, x.Amount, c.Amount)
}

func mustAddress(t *testing.T, k *device.PrivateKey) common.Address {
	t.Helper()
	a, err := k.Public().Address()
	require.NoError(t, err)
	return a
}
