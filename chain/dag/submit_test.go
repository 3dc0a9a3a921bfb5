package dag

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestNodeSubmitBatch: one validator (it commits alone). A batch is checked
// transaction by transaction, queued whole, and copied.
func TestNodeSubmitBatch(t *testing.T) {
	keys := testKeys(1)
	app := &recordApp{reject: "bad"}
	node, err := NewNode(NodeConfig{
		Config: Config{
			Signer: chain.NewKeySigner(keys[0]), Validators: testSet(t, keys),
			Limits: Limits{MaxTxBytes: 8}, MaxPendingTxs: 4,
		},
		App:       app,
		Transport: NewMemoryNetwork(1, 0).Transport(0),
		Now:       time.Now,
	})
	require.NoError(t, err)
	drain(node)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- node.Run(ctx) }()

	txs := []chain.Tx{chain.Tx("ok-1"), chain.Tx("bad"), chain.Tx("too-long-tx"), chain.Tx("ok-2")}
	errs, err := node.SubmitBatch(ctx, txs)
	require.NoError(t, err)
	require.Len(t, errs, len(txs))
	require.NoError(t, errs[0])
	require.ErrorIs(t, errs[1], chain.ErrInvalidTx)
	require.ErrorIs(t, errs[2], chain.ErrInvalidTx)
	require.ErrorContains(t, errs[2], "at most 8")
	require.NoError(t, errs[3])
	copy(txs[0], "XXXX") // the node holds copies
	require.True(t, assertEventually(10*time.Second, func() bool { return app.txCount() == 2 }))
	var got []string
	app.mu.Lock()
	for _, c := range app.commits {
		for _, tx := range c.Txs {
			got = append(got, string(tx))
		}
	}
	app.mu.Unlock()
	require.Equal(t, []string{"ok-1", "ok-2"}, got, "queued in order, as submitted")

	// Nothing valid: nothing queued. Too many: none queued.
	errs, err = node.SubmitBatch(ctx, []chain.Tx{chain.Tx("bad")})
	require.NoError(t, err)
	require.ErrorIs(t, errs[0], chain.ErrInvalidTx)
	five := []chain.Tx{chain.Tx("a"), chain.Tx("b"), chain.Tx("bad"), chain.Tx("c"), chain.Tx("d"), chain.Tx("e")}
	errs, err = node.SubmitBatch(ctx, five)
	require.NoError(t, err)
	for i, e := range errs {
		if i == 2 {
			require.ErrorIs(t, e, chain.ErrInvalidTx)
			continue
		}
		require.ErrorIs(t, e, ErrMempoolFull, "tx %d", i)
	}
	errs, err = node.SubmitBatch(ctx, nil)
	require.NoError(t, err)
	require.Empty(t, errs)

	require.NoError(t, node.Close())
	require.NoError(t, <-done)
	_, err = node.SubmitBatch(ctx, []chain.Tx{chain.Tx("late")})
	require.ErrorIs(t, err, chain.ErrClosed)
	require.Equal(t, 2, app.txCount())
}
