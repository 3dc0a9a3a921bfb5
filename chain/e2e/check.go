//go:build unix

package e2e

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/validator"
)

// commitsPage is the page size of the commit log reads.
const commitsPage = 1000

// Summary is what Check found.
type Summary struct {
	Commits   uint64 // commits in the longest log
	Committed int    // transactions in it
	Acked     int    // transactions acknowledged
	// Lost counts the acknowledged transactions that never committed: Check
	// fails unless it is 0. A validator acknowledges a transaction once its
	// mempool WAL holds it, so neither a kill nor a clean stop loses it.
	Lost     int
	Unknown  int // requests that failed, committed anyway
	Replayed int // reported app hashes checked against a replay of the log
	// AckedBy counts the acknowledged transactions by the stop of their
	// validator that followed the acknowledgement ("v1 kill", "v0 term"; "v2
	// up": it was not stopped after): the ones a mempool in memory would have
	// lost.
	AckedBy map[string]int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d commits, %d txs committed, %d acknowledged (by the stop that followed: %v), %d lost, %d of unknown fate committed, %d reported app hashes matched a replay",
		s.Commits, s.Committed, s.Acked, s.AckedBy, s.Lost, s.Unknown, s.Replayed)
}

// readLog extends log with validator i's commits after it. A validator that
// started from a state sync (or pruned its log) keeps its log from a later
// commit than 1: log then starts there.
func (nw *Network) readLog(ctx context.Context, i int, log []chain.Commit) ([]chain.Commit, error) {
	next := uint64(1)
	if len(log) > 0 {
		next = log[len(log)-1].Index + 1
	}
	for {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		cs, stored, err := nw.Nodes[i].Client.Commits(cctx, next, commitsPage)
		cancel()
		var nk *validator.NotKeptError
		if errors.As(err, &nk) && len(log) == 0 && nk.First > next {
			next = nk.First
			continue
		}
		if err != nil {
			return log, err
		}
		for _, c := range cs {
			if c.Index != next {
				return log, fmt.Errorf("v%d: commit %d where %d was expected", i, c.Index, next)
			}
			log = append(log, c)
			next++
		}
		if len(cs) == 0 || next > stored {
			return log, nil
		}
	}
}

// Check stops nothing: call it after l.Stop, with every validator running.
// It waits (up to settle) until every acknowledged transaction is committed
// and every validator shows one app hash, then requires that the commit logs
// are prefixes of one another, that every committed transaction was submitted
// and is committed once, and that no acknowledged one is missing, whatever
// stops its validator went through.
func (nw *Network) Check(ctx context.Context, l *Load, settle time.Duration) Summary {
	t := nw.t
	t.Helper()
	l.mu.Lock()
	acked := make(map[string]ack, len(l.acked))
	for tx, a := range l.acked {
		acked[tx] = a
	}
	unknown := make(map[string]bool, len(l.unknown))
	for tx := range l.unknown {
		unknown[tx] = true
	}
	l.mu.Unlock()
	nw.mu.Lock()
	gens := append([]int(nil), nw.gen...)
	stops := make([][]string, len(nw.stops))
	for i := range stops {
		stops[i] = append([]string(nil), nw.stops[i]...)
	}
	nw.mu.Unlock()
	stoppedBy := func(a ack) string {
		if a.gen < gens[a.node] {
			return fmt.Sprintf("v%d %s", a.node, stops[a.node][a.gen])
		}
		return fmt.Sprintf("v%d up", a.node)
	}

	logs := make([][]chain.Commit, len(nw.Nodes))
	var missing []string
	var hashes []string
	// seen counts the transactions of the longest log's first counted
	// commits (the logs are prefixes of one another, checked below).
	seen, counted := map[string]int{}, 0
	deadline := time.Now().Add(settle)
	for {
		var err error
		for i := range nw.Nodes {
			if logs[i], err = nw.readLog(ctx, i, logs[i]); err != nil {
				break
			}
		}
		hashes = hashes[:0]
		for i := range nw.Nodes {
			if err != nil {
				break
			}
			st, serr := nw.Status(ctx, i)
			if serr != nil {
				err = serr
				break
			}
			hashes = append(hashes, st.AppHash)
		}
		if err == nil {
			missing = missing[:0]
			ref := longest(logs)
			for _, c := range ref[counted:] {
				for _, tx := range c.Txs {
					seen[string(tx)]++
				}
			}
			counted = len(ref)
			for tx := range acked {
				if seen[tx] == 0 {
					missing = append(missing, tx)
				}
			}
			if len(missing) == 0 && allEqual(hashes) {
				break
			}
		}
		require.NotErrorIs(t, err, errDiverged)
		if time.Now().After(deadline) {
			require.NoError(t, err, "settling")
			require.Empty(t, missing[:min(len(missing), 10)], "%d acknowledged transactions not committed within %v of the end of the load (the first ten shown)", len(missing), settle)
			require.True(t, allEqual(hashes), "app hashes differ after %v of settling: %v", settle, hashes)
		}
		time.Sleep(500 * time.Millisecond)
	}

	// (1) The logs are prefixes of one another (where a log starts later
	// than commit 1, from there).
	ref := longest(logs)
	for i, log := range logs {
		for _, c := range log {
			if c.Index > uint64(len(ref)) {
				break
			}
			require.Equal(t, ref[c.Index-1].Digest, c.Digest, "v%d: commit %d differs from the longest log's", i, c.Index)
		}
	}
	// (2) Every committed transaction was submitted, and is committed once;
	// every acknowledged one is, unless it may have been lost.
	sum := Summary{Commits: uint64(len(ref)), Acked: len(acked), AckedBy: map[string]int{}}
	seen = committedTxs(ref)
	for tx, n := range seen {
		sum.Committed += n
		require.Equal(t, 1, n, "transaction %q committed %d times", tx, n)
		_, ok := acked[tx]
		require.True(t, ok || unknown[tx], "transaction %q committed but never submitted", tx)
		if !ok {
			sum.Unknown++
		}
	}
	var lost []string
	for tx, a := range acked {
		sum.AckedBy[stoppedBy(a)]++
		if seen[tx] == 0 {
			sum.Lost++
			if len(lost) < 10 {
				lost = append(lost, fmt.Sprintf("%s (acknowledged by %s)", tx, stoppedBy(a)))
			}
		}
	}
	require.Zero(t, sum.Lost, "acknowledged transactions never committed (the first ten): %v", lost)
	// (3) One app hash; and every app hash a validator reported along the way
	// (Status compared them at equal heights already) is the hash of the
	// longest log up to that height, replayed here through a fresh KV.
	require.True(t, allEqual(hashes), "app hashes: %v", hashes)
	nw.mu.Lock()
	divergence := nw.divergence
	seenHashes := make(map[uint64]string, len(nw.hashes))
	for h, x := range nw.hashes {
		seenHashes[h] = x
	}
	nw.mu.Unlock()
	require.NoError(t, divergence)
	kv := validator.NewKV()
	for _, c := range ref {
		_, err := kv.ApplyCommit(c)
		require.NoError(t, err, "replaying commit %d", c.Index)
		_, want := kv.Height()
		if got, ok := seenHashes[c.Index]; ok {
			require.Equal(t, want.String(), got, "app hash reported at height %d differs from the replay of the log", c.Index)
			sum.Replayed++
		}
	}
	nw.Logf("check: %s; app hash %s", sum, hashes[0])
	return sum
}

// longest returns the longest of the logs that start at commit 1 (a
// validator that started from a state sync keeps a later part only).
func longest(logs [][]chain.Commit) []chain.Commit {
	var out []chain.Commit
	for _, l := range logs {
		if len(l) > len(out) && l[0].Index == 1 {
			out = l
		}
	}
	return out
}

func committedTxs(log []chain.Commit) map[string]int {
	m := map[string]int{}
	for _, c := range log {
		for _, tx := range c.Txs {
			m[string(tx)]++
		}
	}
	return m
}

func allEqual(ss []string) bool {
	for _, s := range ss {
		if s != ss[0] {
			return false
		}
	}
	return len(ss) > 0
}
