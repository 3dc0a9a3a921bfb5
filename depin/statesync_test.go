package depin_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
)

// TestRunValidatorWipedStateSyncs: a validator of a depin subnet (four
// RunValidator processes over libp2p with pebble stores) whose data
// directory is wiped while the others go on and prune their commit logs, so
// that none can serve commit sync from commit 1, rejoins by state sync: it
// restores a snapshot certified by its peers' state votes (the app hash at
// a state point commits to the state, Config.StatePoints), commits again,
// and closes the next epochs with the same app hash and reward root as the
// others.
func TestRunValidatorWipedStateSyncs(t *testing.T) {
	if testing.Short() {
		t.Skip("four validators over libp2p, one wiped")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	spec := meterSpec(t, 50, nil)

	const wiped = 3
	p := newProcs(t, spec)
	p.tune = func(c *validator.Config) {
		c.Consensus.GCDepth = 10
		c.Consensus.ReputationWindow = 8
		c.Consensus.StateInterval = 16
		c.Consensus.SnapshotInterval = 16
		c.Storage.RetainCommits = 32
	}
	for i := range spec.Validators {
		p.start(ctx, i)
	}
	running := []bool{true, true, true, true}
	defer func() {
		for i := range spec.Validators {
			if running[i] {
				_ = p.stop(i)
			}
		}
	}()
	r, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec})
	require.NoError(t, err)
	defer r.Close()
	require.NoError(t, r.WaitReady(ctx))
	status := func(i int) validator.Status {
		st, err := validator.NewClient(spec.Validators[i].API, nil).Status(ctx)
		if err != nil {
			return validator.Status{}
		}
		return st
	}
	require.Eventually(t, func() bool { return status(0).Height >= 40 }, 60*time.Second, 50*time.Millisecond)

	require.NoError(t, p.stop(wiped))
	running[wiped] = false
	require.NoError(t, os.RemoveAll(filepath.Join(spec.ValidatorDir(wiped), "data")))
	h := status(0).Height
	require.Eventually(t, func() bool { return status(0).Height >= h+150 }, 90*time.Second, 50*time.Millisecond, "the others go on")

	p.start(ctx, wiped)
	running[wiped] = true
	metrics := func() string {
		text, err := validator.NewClient(spec.Validators[wiped].API, nil).Metrics(ctx)
		if err != nil {
			return ""
		}
		return text
	}
	require.Eventually(t, func() bool {
		return slices.Contains(strings.Split(metrics(), "\n"), "depinkit_consensus_state_synced 1")
	},
		60*time.Second, 100*time.Millisecond, "the wiped validator state-synced")
	// It commits again, and closes the epochs after it rejoined as the others do.
	st, err := r.Status(ctx, wiped)
	require.NoError(t, err)
	for _, epoch := range []uint64{st.Epoch + 1, st.Epoch + 2} {
		sums, err := r.WaitEpoch(ctx, epoch)
		require.NoError(t, err)
		for i := 1; i < len(sums); i++ {
			require.Equal(t, sums[0].AppHash, sums[i].AppHash, "epoch %d: validator %d's app hash", epoch, i)
			require.Equal(t, sums[0].Root, sums[i].Root, "epoch %d: validator %d's reward root", epoch, i)
		}
	}
	for i := range spec.Validators {
		require.Zero(t, status(i).Equivocations, "validator %d", i)
	}
}
