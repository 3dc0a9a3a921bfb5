package depin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
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
	dir := t.TempDir()
	_, err := subnet.Init(dir, subnet.InitOptions{Vertical: "meter", Validators: 4})
	require.NoError(t, err)
	spec, err := subnet.Load(filepath.Join(dir, subnet.SpecFile))
	require.NoError(t, err)
	spec.Epoch = subnet.Epoch{Length: 30}
	require.NoError(t, spec.Validate())
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
}
