package dag

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// BenchmarkRawNode measures one validator's core with no network: it is fed the
// blocks of three other validators (real ed25519 signatures, 100 transactions of
// 512 bytes each), round by round, and proposes and commits as it goes. Reported:
// blocks processed per second.
func BenchmarkRawNode(b *testing.B) {
	const rounds = 200
	l := newLockstep(b, 4, func(c *Config) { c.GCDepth = 1000 })
	for r := 0; r < rounds; r++ {
		for i := 1; i < 4; i++ {
			txs := make([]chain.Tx, 100)
			for k := range txs {
				txs[k] = make(chain.Tx, 512)
				_, _ = rand.Read(txs[k])
			}
			if err := l.nodes[i].Propose(txs...); err != nil {
				b.Fatal(err)
			}
		}
		l.step(60 * time.Millisecond)
	}
	var feed []Message
	for _, blk := range l.nodes[1].pendingBlocksAll() {
		if blk.Author != 0 {
			feed = append(feed, Message{Type: MsgBlock, From: blk.Author, Block: blk})
		}
	}
	keys := testKeys(4)
	set := testSet(b, keys)
	b.ReportAllocs()
	b.ResetTimer()
	processed := 0
	for i := 0; i < b.N; i++ {
		rn, err := NewRawNode(Config{Signer: chain.NewKeySigner(keys[0]), Validators: set, GCDepth: 1000}, epoch0)
		if err != nil {
			b.Fatal(err)
		}
		now := epoch0
		for _, m := range feed {
			if err := rn.Step(m); err != nil {
				b.Fatal(err)
			}
			now = now.Add(time.Millisecond)
			rn.Tick(now)
			if rn.HasReady() {
				rn.Ready()
				rn.Advance()
			}
			processed++
		}
	}
	b.ReportMetric(float64(processed)/b.Elapsed().Seconds(), "blocks/s")
}

// pendingBlocksAll is pendingBlocks for benchmarks that keep every round.
func (rn *RawNode) pendingBlocksAll() []*Block { return rn.pendingBlocks() }

// BenchmarkCatchUp measures commit sync against live consensus in one run, in
// wall-clock time with the default pacing (MinRoundDelay 50ms, LeaderTimeout
// 250ms) and a GC depth of 10 rounds (so that the outage outlasts the two GC windows
// a live fetch can still reach), four
// Nodes on a MemoryNetwork with MemoryStores and a client
// submitting transactions throughout: the live commit rate is validator 0's
// while all four are up; then validator 3 stops for a while (its inbox is
// emptied, as a down process would miss everything) and restarts from its
// store, and its catch-up rate is the commits it applies per second until it
// reaches validator 0's index at its restart. Reported: both rates and their
// ratio (x-live; issue 14 asks for at least 5).
func BenchmarkCatchUp(b *testing.B) {
	for i := 0; i < b.N; i++ {
		live, catchUp := catchUpRun(b, 3*time.Second, 8*time.Second)
		b.ReportMetric(live, "live-commits/s")
		b.ReportMetric(catchUp, "catchup-commits/s")
		b.ReportMetric(catchUp/live, "x-live")
	}
}

func catchUpRun(b *testing.B, liveFor, downFor time.Duration) (live, catchUp float64) {
	keys := testKeys(4)
	set := testSet(b, keys)
	net := NewMemoryNetwork(4, 1<<14)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	apps := make([]*recordApp, 4)
	stores := make([]*MemoryStore, 4)
	nodes := make([]*Node, 4)
	var mu sync.Mutex // guards nodes against the client
	start := func(i int) {
		n, err := NewNode(NodeConfig{
			Config: Config{Signer: chain.NewKeySigner(keys[i]), Validators: set, GCDepth: 10},
			App:    apps[i], Transport: net.Transport(uint32(i)), Store: stores[i], Now: time.Now,
			Applied: uint64(len(apps[i].commits)),
		})
		if err != nil {
			b.Fatal(err)
		}
		drain(n)
		go func() { _ = n.Run(ctx) }()
		mu.Lock()
		nodes[i] = n
		mu.Unlock()
	}
	for i := range nodes {
		apps[i], stores[i] = &recordApp{}, NewMemoryStore()
		start(i)
	}
	go func() { // the client: 100 transactions of 128 bytes every 10ms
		for k := 0; ctx.Err() == nil; k++ {
			mu.Lock()
			n := nodes[k%3]
			mu.Unlock()
			txs := make([]chain.Tx, 100)
			for j := range txs {
				txs[j] = make(chain.Tx, 128)
				copy(txs[j], fmt.Sprint(k, "-", j))
			}
			_, _ = n.SubmitBatch(ctx, txs)
			time.Sleep(10 * time.Millisecond)
		}
	}()
	index := func(i int) uint64 {
		apps[i].mu.Lock()
		defer apps[i].mu.Unlock()
		return uint64(len(apps[i].commits))
	}
	time.Sleep(time.Second) // warm up
	t0, c0 := time.Now(), index(0)
	time.Sleep(liveFor)
	live = float64(index(0)-c0) / time.Since(t0).Seconds()
	_ = nodes[3].Close()
	time.Sleep(downFor)
	for len(net.inboxes[3]) > 0 {
		<-net.inboxes[3]
	}
	target, from := index(0), index(3)
	t1 := time.Now()
	start(3)
	for index(3) < target {
		if time.Since(t1) > time.Minute {
			b.Fatalf("validator 3 at commit %d, not %d, after a minute", index(3), target)
		}
		time.Sleep(time.Millisecond)
	}
	catchUp = float64(target-from) / time.Since(t1).Seconds()
	if nodes[3].Stats().SyncedCommits == 0 {
		b.Fatalf("validator 3 caught up without commit sync")
	}
	for _, n := range nodes {
		_ = n.Close()
	}
	return live, catchUp
}
