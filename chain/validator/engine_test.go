package validator

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestEngine drives a one-validator Node through the chain.Engine interface:
// submitted transactions come back on Commits once stored, a refused one
// wraps chain.ErrInvalidTx, Close stops Run and closes Commits, and the
// application's own handler is served beside the API.
func TestEngine(t *testing.T) {
	checkGoroutines(t)
	tn := newTestNet(t, 1)
	defer tn.close()
	hello := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "hello") })
	e, err := NewEngine(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)),
		WithFS(vfs.NewMem()), WithHandler("GET /hello", hello))
	require.NoError(t, err)
	var _ chain.Engine = e

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("a=1")), chain.ErrClosed, "before Run")
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	select {
	case <-e.Ready():
	case err := <-done:
		t.Fatal(err)
	}
	require.ErrorIs(t, e.Run(ctx), ErrStarted)

	txs := txBatch("e", 0, 10)
	for _, tx := range txs {
		require.NoError(t, e.Submit(ctx, tx))
	}
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("no equals sign")), chain.ErrInvalidTx)
	want := map[string]bool{}
	addAll(want, txs)
	var last uint64
	for len(want) > 0 {
		select {
		case c := <-e.Commits():
			require.Equal(t, last+1, c.Index, "in order, none skipped")
			last = c.Index
			for _, tx := range c.Txs {
				delete(want, string(tx))
			}
		case <-ctx.Done():
			t.Fatalf("%d transactions not delivered", len(want))
		}
	}

	resp, err := tn.hc.Get("http://" + e.APIAddr() + "/hello")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, "hello", string(body))

	go func() { // Close waits for Run, which waits for the commit reader
		for range e.Commits() {
		}
	}()
	require.NoError(t, e.Close())
	require.NoError(t, <-done)
	_, open := <-e.Commits()
	require.False(t, open, "Commits is closed when Run returns")
}

func TestWithHandlerConflicts(t *testing.T) {
	tn := newTestNet(t, 1)
	defer tn.close()
	h := http.NotFoundHandler()
	for _, pattern := range []string{"POST /txs", "GET /status", "POST /admin/disconnect", "GET noslash"} {
		_, err := New(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)), WithHandler(pattern, h))
		require.Error(t, err, pattern)
		require.Contains(t, err.Error(), "WithHandler")
	}
	_, err := New(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)), WithHandler("GET /depin/", h))
	require.NoError(t, err)
	_, err = New(testConfig(0, 1), WithKey(testKey(0)), WithTransport(MemoryTransport(tn.net)), WithHandler("GET /x", nil))
	require.Error(t, err)
}
