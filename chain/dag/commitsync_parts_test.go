package dag

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// TestCommitParts: a commit whose blocks exceed a response's MaxBytes is
// served in parts, each of whose encodings fits the message limit (before,
// the whole commit went in one response the transport could not send, and
// a validator behind it never caught up). The asker keeps the parts in
// order, ignores one that does not continue them, refuses one whose blocks
// are not the commit's, and applies the commit once it holds every block.
func TestCommitParts(t *testing.T) {
	const n = 4
	// One leader per round: a commit orders a round's blocks, not one.
	net := newRepNet(t, n, []int{n - 1}, func(c *Config) { c.LeadersPerRound = 1 })
	// Blocks of ~40 KiB, responses of 30 KiB: a commit with one of them comes
	// in parts.
	for i := range n - 1 {
		require.NoError(t, net.nodes[i].Propose(chain.Tx(bytes.Repeat([]byte{byte(i)}, 40<<10))))
	}
	net.run(30, 60*time.Millisecond)
	require.NotEmpty(t, net.commits[0])

	keys := func(uint64) *chain.ValidatorSet { return net.nodes[0].cfg.Validators }
	limits := SyncLimits{MaxBytes: 30 << 10}
	msgLimit := MessageLimits{Limits: DefaultLimits, MaxMessageBytes: 200 << 10}
	behind := net.nodes[n-1]
	var synced []chain.Commit
	ask := func() Message {
		t.Helper()
		rd := behind.Ready()
		behind.Advance()
		synced = append(synced, rd.Commits...)
		for _, m := range rd.Messages {
			if m.Type == MsgCommitRequest {
				return m
			}
		}
		// It saw no votes (it was down): ask as maybeSync would.
		req := Message{Type: MsgCommitRequest, From: n - 1, To: 0, Index: behind.Stats().CommitIndex}
		if p := behind.syncPart; p != nil && p.index == req.Index+1 {
			req.Chunk = len(p.blocks)
		}
		return req
	}
	serve := func(req Message) Message {
		t.Helper()
		m, ok, err := ServeCommits(net.stores[0], keys, 0, req, limits)
		require.NoError(t, err)
		require.True(t, ok)
		enc, err := m.Marshal()
		require.NoError(t, err)
		require.LessOrEqual(t, len(enc), msgLimit.MaxMessageBytes, "a response fits the message limit")
		got, err := DecodeMessage(enc, msgLimit)
		require.NoError(t, err)
		return got
	}

	// Sync, checking the first part of a commit of two blocks or more.
	var parts int
	checked := false
	for range 200 {
		req := ask()
		m := serve(req)
		if m.Full > 0 {
			require.NoError(t, behind.Step(m))
			continue
		}
		require.NotEmpty(t, m.Blocks, "a part")
		parts++
		if h := m.Headers[0]; !checked && req.Chunk == 0 && len(h.Blocks) >= 2 {
			checked = true
			held := behind.Stats().SyncedParts
			// A part that does not continue what it holds (an answer to
			// another request) is dropped.
			late := req
			late.Chunk = 1
			require.NoError(t, behind.Step(serve(late)))
			require.Equal(t, held, behind.Stats().SyncedParts)
			// One whose blocks are not the commit's is refused.
			bad := m
			bad.Blocks = append([]*Block{net.blocks[len(net.blocks)-1]}, m.Blocks[1:]...)
			require.ErrorIs(t, behind.Step(bad), ErrInvalidMessage)
			require.Equal(t, held, behind.Stats().SyncedParts)
		}
		require.NoError(t, behind.Step(m))
		if checked && behind.Stats().CommitIndex >= uint64(len(net.commits[0])) {
			break
		}
	}
	require.True(t, checked, "a commit of two blocks or more came in parts")
	require.Positive(t, parts, "some commit came in parts")
	s := behind.Stats()
	require.Positive(t, s.SyncedCommits)
	// The commits it synced are the ones the others made.
	ask()
	require.Len(t, synced, int(s.SyncedCommits))
	for _, c := range synced {
		require.Equal(t, net.commits[0][c.Index-1].Digest, c.Digest, "commit %d", c.Index)
		require.Equal(t, net.commits[0][c.Index-1].Txs, c.Txs, "commit %d", c.Index)
	}
	t.Logf("%d parts, %d of %d commits synced", s.SyncedParts, s.SyncedCommits, len(net.commits[0]))
}
