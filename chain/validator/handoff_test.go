package validator

import (
	"context"
	"encoding/binary"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// leaveKV is KV whose transaction "leave=I" ends the epoch: the next set is
// the current one without validator I.
type leaveKV struct {
	*KV
	t   *testing.T
	set *chain.ValidatorSet
}

func (a *leaveKV) ApplyCommit(c chain.Commit) (chain.Result, error) {
	res, err := a.KV.ApplyCommit(c)
	if err != nil {
		return res, err
	}
	for _, tx := range c.Txs {
		v, ok := strings.CutPrefix(string(tx), "leave=")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(v)
		require.NoError(a.t, err)
		var vals []chain.Validator
		for _, val := range a.set.Validators() {
			if !val.Key.Equal(testKey(i).Public()) {
				vals = append(vals, val)
			}
		}
		next, err := chain.NewValidatorSet(vals)
		require.NoError(a.t, err)
		a.set, res.NextValidators = next, next
	}
	return res, nil
}

// TestLeaverHandsOff: a validator that a change leaves out holds thousands
// of acknowledged transactions at the closing commit (its blocks carry 5
// transactions each); it hands them to the next set and stops with ErrLeft,
// and the three that stay commit every one of them exactly once. Started
// again, it stops at once with ErrLeft: nothing left to hand off.
func TestLeaverHandsOff(t *testing.T) {
	checkGoroutines(t)
	const n, leaver = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	tn.tweak = func(i int, c *Config) {
		if i == leaver {
			c.Consensus.MaxBlockTxs = 5
		}
	}
	gen := testGenesis(n)
	set, err := gen.ValidatorSet()
	require.NoError(t, err)
	var logs syncBuffer
	for i := range n {
		opts := []Option{WithApp(&leaveKV{KV: NewKV(), t: t, set: set})}
		if i == leaver {
			opts = append(opts, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
		}
		tn.start(i, opts...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	want := map[string]bool{}
	held := txBatch("held", 0, 3000)
	tn.submit(ctx, leaver, held)
	addAll(want, held)
	leave := []chain.Tx{chain.Tx("leave=" + strconv.Itoa(leaver))}
	tn.submit(ctx, 0, leave)
	addAll(want, leave)

	select {
	case err := <-tn.done[leaver]:
		require.ErrorIs(t, err, ErrLeft)
	case <-ctx.Done():
		t.Fatalf("the leaver did not stop: %+v", tn.nodes[leaver].Status())
	}
	tn.cancel[leaver]()
	tn.cancel[leaver] = nil
	out := logs.String()
	require.Contains(t, out, "handed off the acknowledged transactions")
	handed := grepLines(out, "handed off the acknowledged")
	require.NotContains(t, handed, "txs=0", "it held some at the closing commit")
	t.Logf("%s", grepLines(out, "handing off", "handed off", "left the validator set"))

	after := txBatch("after", 0, 20)
	tn.submit(ctx, 1, after)
	addAll(want, after)
	commits := tn.waitCommitted(ctx, want, 0, 1, 2)
	for i := range leaver {
		requireExactlyOnce(t, commits[i], want)
		require.EqualValues(t, 1, tn.nodes[i].Status().Epoch)
	}

	// Started again: out of the set, nothing to hand off.
	restart := func() string {
		var logs syncBuffer
		node, err := New(testConfig(leaver, n), WithKey(testKey(leaver)), WithTransport(MemoryTransport(tn.net)), WithFS(tn.fs[leaver]),
			WithApp(&leaveKV{KV: NewKV(), t: t, set: set}), WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
		require.NoError(t, err)
		err = node.Run(ctx)
		require.ErrorIs(t, err, ErrLeft)
		require.ErrorContains(t, err, "epoch 1")
		return logs.String()
	}
	require.Contains(t, restart(), "nothing to hand off")

	// A handoff cut short (the leaver killed during it) leaves acknowledged
	// transactions in its WAL beyond its commit log: started again, it hands
	// them off, and they commit once.
	cfg := testConfig(leaver, n)
	w, _, err := openWAL(tn.fs[leaver], filepath.Join(cfg.Path(cfg.DataDir), walDir), walSegmentBytes, discard)
	require.NoError(t, err)
	cut := txBatch("cut", 0, 50)
	walAppend(t, w, 2, cut)
	require.NoError(t, w.close())
	addAll(want, cut)
	out = restart()
	require.Contains(t, out, "handed off the acknowledged transactions", out)
	require.Contains(t, grepLines(out, "handed off the acknowledged"), "txs=50")
	commits = tn.waitCommitted(ctx, want, 0, 1, 2)
	for i := range leaver {
		requireExactlyOnce(t, commits[i], want)
	}
	require.Contains(t, restart(), "nothing to hand off", "the WAL forgot what it handed off")
}

// FuzzDecodeHandoff: a handoff request from a peer never panics the
// receiver, holds at most handoffMaxTxs transactions, and decodes only what
// encodes back to the same bytes.
func FuzzDecodeHandoff(f *testing.F) {
	f.Add(encodeHandoff(txBatch("a", 0, 3)))
	f.Add(encodeHandoff(nil))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		txs, err := decodeHandoff(data)
		if err != nil {
			require.ErrorIs(t, err, ErrAPI)
			return
		}
		require.LessOrEqual(t, len(txs), handoffMaxTxs)
		if binary.LittleEndian.Uint64(data[:8]) == 0 {
			require.Equal(t, data, encodeHandoff(txs))
		}
	})
}
