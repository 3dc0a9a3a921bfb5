package validator

import (
	"hash/maphash"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport"
)

// metrics are a running node's Prometheus metrics, in a registry of its own
// (several nodes may run in one process).
type metrics struct {
	reg       *prometheus.Registry
	commits   prometheus.Counter
	txs       prometheus.Counter
	latency   prometheus.Histogram
	submitted *prometheus.CounterVec
}

// Submission results, the label of depinkit_submitted_txs_total.
const (
	resultAccepted = "accepted"
	resultInvalid  = "invalid"
	resultFull     = "full"
	resultClosed   = "closed"
	// resultDuplicate: acknowledged again, not queued twice (the WAL holds
	// an uncommitted copy).
	resultDuplicate = "duplicate"
)

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		commits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "depinkit_commits_total",
			Help: "Commits applied to the application.",
		}),
		txs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "depinkit_committed_txs_total",
			Help: "Transactions in the commits applied (rate() of it is the committed tx/s).",
		}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "depinkit_commit_latency_seconds",
			Help:    "Time from a transaction's acceptance by this node's API to the application of its commit here.",
			Buckets: prometheus.ExponentialBuckets(0.025, 2, 11), // 25ms .. 25.6s
		}),
		submitted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "depinkit_submitted_txs_total",
			Help: "Transactions submitted through the API, by result: accepted, invalid, full (mempool), closed.",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.commits, m.txs, m.latency, m.submitted,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// statsCollector reads the node's, the adapter's and the transport's counters
// when Prometheus scrapes, so that nothing polls them in between.
type statsCollector struct {
	node *dag.Node
	ad   *dagtransport.Adapter
	tr   transport.Transport
	app  *appHook
	wal  *mempoolWAL
}

var (
	descRound      = prometheus.NewDesc("depinkit_round", "The consensus core's round (threshold clock).", nil, nil)
	descProposed   = prometheus.NewDesc("depinkit_last_proposed_round", "The round of this validator's last block.", nil, nil)
	descHeight     = prometheus.NewDesc("depinkit_height", "Index of the last commit applied.", nil, nil)
	descEpoch      = prometheus.NewDesc("depinkit_epoch", "The validator-set epoch.", nil, nil)
	descPeers      = prometheus.NewDesc("depinkit_peers", "Peers connected now.", nil, nil)
	descPending    = prometheus.NewDesc("depinkit_pending_txs", "Transactions waiting for a block.", nil, nil)
	descAccepted   = prometheus.NewDesc("depinkit_blocks_accepted_total", "Blocks accepted into the DAG.", nil, nil)
	descRejected   = prometheus.NewDesc("depinkit_blocks_rejected_total", "Invalid blocks refused.", nil, nil)
	descLeaders    = prometheus.NewDesc("depinkit_leaders_total", "Leader slots decided, by decision.", []string{"decision"}, nil)
	descEquivocate = prometheus.NewDesc("depinkit_equivocations_total", "Equivocations seen (two blocks of one author and round).", nil, nil)
	descDropped    = prometheus.NewDesc("depinkit_dropped_messages_total", "Inbound messages dropped, by reason.", []string{"reason"}, nil)
	descNetMsgs    = prometheus.NewDesc("depinkit_network_messages_total", "Messages through the transport, by direction.", []string{"direction"}, nil)
	descNetBytes   = prometheus.NewDesc("depinkit_network_bytes_total", "Bytes through the transport, by direction.", []string{"direction"}, nil)
	descBehind     = prometheus.NewDesc("depinkit_consensus_behind_commits", "Commits the network has (the highest commit index f+1 validators voted for) that this validator has not made yet: 0 when in sync.", nil, nil)
	descSyncState  = prometheus.NewDesc("depinkit_consensus_sync_state", "2 while the validator fetches a certified snapshot (state sync), 1 while it is behind the network and catching up (commit sync), 0 in sync.", nil, nil)
	descStateSync  = prometheus.NewDesc("depinkit_consensus_state_synced", "1 once the validator resumed from a snapshot certified by its peers (state sync) in this run, 0 otherwise.", nil, nil)
	descSynced     = prometheus.NewDesc("depinkit_consensus_synced_commits_total", "Commits taken by commit sync from peers rather than derived from the live DAG.", nil, nil)
	descWAL        = prometheus.NewDesc("depinkit_mempool_wal_txs", "Acknowledged transactions in the mempool write-ahead log, not yet committed.", nil, nil)
	descNetEvents  = prometheus.NewDesc("depinkit_network_events_total", "The transport's own events (libp2p: refused connections, gossip from non-validators, malformed frames, lost sends), by event.", []string{"event"}, nil)
)

func (c *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRound, descProposed, descHeight, descEpoch, descPeers, descPending,
		descAccepted, descRejected, descLeaders, descEquivocate, descDropped, descNetMsgs, descNetBytes, descNetEvents,
		descBehind, descSyncState, descStateSync, descSynced, descWAL} {
		ch <- d
	}
}

func (c *statsCollector) Collect(ch chan<- prometheus.Metric) {
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	s := c.node.Stats()
	height, _, epoch := c.app.position()
	gauge(descRound, float64(s.Round))
	gauge(descProposed, float64(s.LastProposed))
	gauge(descHeight, float64(height))
	gauge(descEpoch, float64(epoch))
	gauge(descPeers, float64(len(c.tr.Peers())))
	gauge(descPending, float64(s.PendingTxs))
	counter(descAccepted, s.Accepted)
	counter(descRejected, s.Rejected)
	counter(descLeaders, s.CommittedLeaders, "committed")
	counter(descLeaders, s.SkippedLeaders, "skipped")
	counter(descEquivocate, s.Equivocations)
	behind := commitsBehind(s)
	gauge(descBehind, float64(behind))
	ss := c.node.StateSyncStatus()
	if ss.Active {
		gauge(descSyncState, 2)
	} else {
		gauge(descSyncState, float64(min(behind, 1)))
	}
	synced := 0.0
	if ss.Done {
		synced = 1
	}
	gauge(descStateSync, synced)
	counter(descSynced, s.SyncedCommits)
	live, _ := c.wal.stats()
	gauge(descWAL, float64(live))
	a := c.ad.Stats()
	counter(descDropped, a.NotValidator, "not_validator")
	counter(descDropped, a.Malformed, "malformed")
	counter(descDropped, a.Spoofed, "spoofed")
	counter(descDropped, a.Misdirected, "misdirected")
	counter(descDropped, a.UnknownEpoch, "unknown_epoch")
	counter(descDropped, a.Unhandled, "unhandled")
	counter(descDropped, s.Rejected, "invalid_block")
	if sr, ok := c.tr.(transport.StatsReporter); ok {
		t := sr.Stats()
		counter(descDropped, t.DroppedFull, "inbox_full")
		counter(descDropped, t.DroppedOversize, "oversize")
		counter(descNetMsgs, t.Received, "in")
		counter(descNetMsgs, t.Published+t.Sent, "out")
		counter(descNetBytes, t.BytesIn, "in")
		counter(descNetBytes, t.BytesOut, "out")
	}
	if er, ok := c.tr.(transport.EventReporter); ok {
		for _, e := range er.Events() {
			counter(descNetEvents, e.Count, e.Name)
		}
	}
}

// latencyTracker remembers when this node's API accepted each transaction, to
// observe the commit latency when it is applied. It is bounded: past max
// entries new transactions are not tracked, and entries older than maxAge
// (transactions lost in a crash of their proposer) are dropped by prune.
type latencyTracker struct {
	mu     sync.Mutex
	seed   maphash.Seed
	since  map[uint64]time.Time
	max    int
	maxAge time.Duration
}

func newLatencyTracker(max int) *latencyTracker {
	return &latencyTracker{seed: maphash.MakeSeed(), since: map[uint64]time.Time{}, max: max, maxAge: 10 * time.Minute}
}

// add tracks txs, accepted at now.
func (l *latencyTracker) add(txs []chain.Tx, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, tx := range txs {
		if len(l.since) >= l.max {
			return
		}
		h := maphash.Bytes(l.seed, tx)
		if _, dup := l.since[h]; !dup {
			l.since[h] = now
		}
	}
}

// committed observes the latency of the tracked transactions of c.
func (l *latencyTracker) committed(c chain.Commit, now time.Time, h prometheus.Observer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.since) == 0 {
		return
	}
	for _, tx := range c.Txs {
		k := maphash.Bytes(l.seed, tx)
		if t, ok := l.since[k]; ok {
			h.Observe(now.Sub(t).Seconds())
			delete(l.since, k)
		}
	}
}

func (l *latencyTracker) prune(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, t := range l.since {
		if now.Sub(t) > l.maxAge {
			delete(l.since, k)
		}
	}
}

// commitsBehind is how many commits the validator lacks: the highest commit
// index f+1 validators voted for (at least one honest one made it) less its
// own.
func commitsBehind(s dag.Stats) uint64 {
	if s.VotedIndex > s.CommitIndex {
		return s.VotedIndex - s.CommitIndex
	}
	return 0
}
