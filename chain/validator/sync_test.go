package validator

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBehindIsVisible: a validator restarted after its peers went on without
// it reports how far behind it is, in its gauges and in a progress log line.
func TestBehindIsVisible(t *testing.T) {
	checkGoroutines(t)
	const n, late = 4, 3
	tn := newTestNet(t, n)
	defer tn.close()
	tn.tweak = func(_ int, c *Config) { c.Consensus.GCDepth = 10 }
	tn.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tn.stop(late)
	h := tn.nodes[0].Status().Height
	require.True(t, eventually(60*time.Second, func() bool { return tn.nodes[0].Status().Height >= h+60 }))

	var logs syncBuffer
	node := tn.start(late, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	r := node.running()
	require.True(t, eventually(30*time.Second, func() bool { return commitsBehind(r.core.Stats()) > 0 }),
		"stats %+v", r.core.Stats())
	text, err := NewClient(node.APIAddr(), tn.hc).Metrics(ctx)
	require.NoError(t, err)
	require.Contains(t, text, "depinkit_consensus_sync_state ")
	require.NotContains(t, text, "depinkit_consensus_behind_commits 0\n")
	require.True(t, eventually(3*syncLogInterval, func() bool { return strings.Contains(logs.String(), "catching up") }), "no progress line in\n%s", logs.String())
	t.Logf("%s", grepLines(logs.String(), "catching up", "caught up"))
}

func grepLines(text string, words ...string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) {
				out = append(out, l)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
