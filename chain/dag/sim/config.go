package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// ErrConfig reports an invalid Config.
var ErrConfig = errors.New("sim: invalid config")

// Config describes one simulation. Validators and one of Duration, Rounds or
// TotalTxs are required; every other zero field takes the default its comment
// gives. The same Config always gives the same Result (but for WallTime and TPS).
type Config struct {
	// Validators is the number of validators, 1 to 256.
	Validators int
	// Stakes, if set, has one stake per validator. Default: 1 each.
	Stakes []uint64
	// Seed derives everything random: keys, the leader schedule, the network,
	// the client and the Byzantine validators.
	Seed uint64

	// Duration is the virtual time during which the client submits
	// transactions; the run lasts at least this long.
	Duration time.Duration
	// Rounds, if set, keeps the run going until every live honest validator has
	// committed a leader of at least this round.
	Rounds uint64
	// TxSize is the size of each transaction in bytes, at least 12. Default 64.
	TxSize int
	// TxRate is the number of transactions submitted per virtual second. Zero:
	// none.
	TxRate int
	// TotalTxs, if set, stops the client after this many transactions (and, with
	// no Duration, sets how long it submits: TotalTxs/TxRate seconds).
	TotalTxs int
	// RandomTargets makes the client pick a validator at random for each
	// transaction instead of round robin. The client only submits to validators
	// that are up; Byzantine ones get transactions too (the checkers expect
	// nothing of those).
	RandomTargets bool

	// Network models latency, loss and bandwidth.
	Network NetworkConfig
	// Partitions cut the network for a while.
	Partitions []Partition
	// Crashes stop validators, and maybe restart them.
	Crashes []Crash
	// Byzantine maps a validator index to its misbehaviour. Byzantine validators
	// are excluded from every check.
	Byzantine map[int]Behavior
	// Joiners is the number of validators, numbered from Validators on, that
	// are in no set until a SetChange adds them.
	Joiners int
	// SetChanges change the validator set at epoch boundaries (see
	// SetChange), in order of time. Not with Crashes or a Committer.
	SetChanges []SetChange

	// Committer builds each validator's commit rule (it is called again for a
	// restarted validator). Default: nil, the RawNode default (Mysticeti).
	Committer func(set *chain.ValidatorSet, schedule dag.LeaderSchedule) dag.Committer
	// NodeConfig, if set, adjusts each validator's dag.Config (timeouts, limits,
	// leaders per round) before its RawNode is made.
	NodeConfig func(*dag.Config)

	// TickInterval is how often each validator's clock ticks. Default 10ms.
	TickInterval time.Duration
	// LivenessBound is how long after the last disruption (a partition healing,
	// a crash, a restart) every live honest validator must have committed again.
	// Default 10s of virtual time: 200 rounds at the default 50ms round delay.
	// A clean network resumes within a few rounds, but with f faulty
	// validators the honest ones are exactly a quorum: each block one of them
	// misses (lost, withheld, an equivocator's other twin) costs a fetch, and
	// each fetch that fails the 1s FetchTimeout, so pauses of seconds occur.
	LivenessBound time.Duration
	// MinRoundRate bounds degraded throughput: after the last disruption,
	// every live honest validator's committed leader rounds must advance at
	// least this many per virtual second (judged over 5s or more). Default 1:
	// the default pacing makes about 15, a crashed leader every round 3 to 4,
	// and the slowest randomized scenario found (10 validators, 3 faulty, 2%
	// loss: the honest ones exactly a quorum, every lost block a 1s fetch)
	// 1.75. Negative: not checked. A float for a report's threshold, not for
	// consensus.
	MinRoundRate float64
	// ServeCost is the virtual time a validator's serving goroutine spends
	// per block of a fetch or commit sync response (dag.Node encodes and sends
	// those off its consensus goroutine, one at a time): a response leaves
	// once the serving goroutine is done with it and the ones before it.
	// Zero: responses cost nothing and leave at once.
	ServeCost time.Duration
	// MaxServing bounds, per peer, the responses queued for or in a
	// validator's serving goroutine, as dag.NodeConfig.MaxServing: a response
	// past it is dropped (MessageStats.Throttled; the peer asks again).
	// Default 2, Node's default; negative: unbounded. (It binds only with a
	// ServeCost: otherwise nothing is ever queued.)
	MaxServing int
	// SyncLimits bound the commit sync responses validators serve
	// (dag.ServeCommits). Zero fields: dag.DefaultSyncLimits. Small
	// MaxBytes make commits come in parts.
	SyncLimits dag.SyncLimits
	// floodRefs, if set, is how many messages a FloodRefs validator sends per
	// tick (tests only).
	floodRefs int
	// Throughput, if set, bounds degraded throughput against an all-up
	// baseline (see ThroughputBound); nil: not checked.
	Throughput *ThroughputBound
	// MaxTime stops the run at this virtual time whatever happened. Default: the
	// end of submissions or of the last disruption, whichever is later, plus
	// LivenessBound, plus 1s per round asked for by Rounds.
	MaxTime time.Duration

	// Progress, if set, is called every 50ms of virtual time: with
	// TotalTxs, done counts committed transactions out of TotalTxs; else with
	// Rounds, done is the lowest committed leader round of the live honest
	// validators out of Rounds; else virtual milliseconds out of Duration.
	Progress func(done, total int)
}

// ThroughputBound bounds degraded throughput against the all-up figure:
// every live honest validator's commit rate (Result.CommitRate's measure,
// from the RateWarmup-th commit after the last disruption) must be at least
// MinPerMille thousandths of Baseline. It is judged only over RateSpan of
// virtual time or more (Result.RateJudged counts the validators judged).
//
// The bound to state follows from the leader schedule: with c of n
// equal-stake validators crashed and leader reputation on, once the crashed
// ones are swapped out of the schedule (within two reputation windows, which
// RateWarmup skips) min(L, n-c) of the L leader slots of a round commit, at
// about the all-up round pace, so commits per second stay at (n-c)/n of the
// all-up figure or more; the randomized runs take (n-c)/n minus 15% for
// slack (jitter makes the slowest of a bare quorum slower than the quorum's
// fastest). Without reputation every round led by a crashed validator waits
// the full leader timeout and the rate falls far below.
type ThroughputBound struct {
	// Baseline is the all-up commit rate in commits per 1000 virtual seconds:
	// Result.CommitRate of the same config with every validator up and honest.
	Baseline uint64
	// MinPerMille is the least share of Baseline, in thousandths.
	MinPerMille uint64
}

// RateWarmup is how many commits after the last disruption (or the start)
// the commit rate leaves out: two default reputation windows, enough for a
// crashed validator to be swapped out of the leader schedule.
const RateWarmup = 2 * dag.DefaultReputationWindow

// RateSpan is the least virtual time a commit rate is measured over.
const RateSpan = 3 * time.Second

// NetworkConfig models the links between validators. The zero value is a
// perfect network: no delay, no loss, unlimited bandwidth.
type NetworkConfig struct {
	// Latency is the base one-way delay of every message.
	Latency time.Duration
	// Jitter is the mean of a random extra delay with an exponential (long)
	// tail, drawn per message: messages overtake one another.
	Jitter time.Duration
	// LossPerMille is the chance, in thousandths, that a message is lost.
	LossPerMille int
	// Bandwidth, if set, is each validator's upload rate in bytes per virtual
	// second: a message waits for the sender's earlier messages to go out.
	Bandwidth int64
}

// Partition cuts the network from Start to End (virtual time): validators in
// different groups cannot reach each other. Validators in no group form one
// more group. A message is lost if its ends are cut when it is sent or when it
// arrives.
type Partition struct {
	Start, End time.Duration
	Groups     [][]int
}

// Crash stops validator Node at At: it neither receives nor ticks, and its
// mempool is lost. If Restart is set (after At) it comes back then: a new
// RawNode recovers every block the validator had persisted.
type Crash struct {
	Node        int
	At, Restart time.Duration
	// Wipe restarts the validator with an empty store (a wiped data
	// directory): it asks its peers for its own latest block before it
	// proposes (RawNode.AwaitOwnBlock) and catches up by commit sync.
	Wipe bool
}

// Behavior is a set of misbehaviours of a Byzantine validator. Each applies to
// what the validator's otherwise honest RawNode sends.
type Behavior uint8

// Misbehaviours. Combine them with |.
const (
	// Equivocate signs a twin of each own block (same round and parents, other
	// transactions and timestamp) and sends the original to some peers, the twin
	// to the others.
	Equivocate Behavior = 1 << iota
	// Withhold sends each own block to a random subset of peers (sometimes none)
	// and drops half of its fetch responses.
	Withhold
	// InvalidSignatures corrupts the signature of half the own blocks it sends,
	// and of one block in half of its fetch responses.
	InvalidSignatures
	// BogusParents also sends, with one own block in four, a validly signed
	// twin of it that links a digest that does not exist. (Validators hold it
	// until its missing parent falls below the GC round, then accept it and
	// report the equivocation.)
	BogusParents
	// Flood sends every peer a few junk messages on each tick: undecodable bytes,
	// badly signed blocks, fetch requests for nothing or too much, malformed
	// messages, replays.
	Flood
	// FloodRefs floods with real digests: on each tick it sends every peer a
	// valid request naming blocks that exist — a fetch request for up to
	// MaxFetchRefs real blocks with every ancestor (an empty Have), a
	// catch-up request, a commit sync request from an early commit — or
	// another validator's real block again: many times per round, each one
	// something an honest validator must look at and may have to serve.
	FloodRefs

	allBehaviors = Equivocate | Withhold | InvalidSignatures | BogusParents | Flood | FloodRefs
)

// String lists the misbehaviours, e.g. "equivocate+flood".
func (b Behavior) String() string {
	if b == 0 {
		return "honest"
	}
	var parts []string
	for _, x := range []struct {
		b    Behavior
		name string
	}{{Equivocate, "equivocate"}, {Withhold, "withhold"}, {InvalidSignatures, "invalid-signatures"}, {BogusParents, "bogus-parents"}, {Flood, "flood"}, {FloodRefs, "flood-refs"}} {
		if b&x.b != 0 {
			parts = append(parts, x.name)
		}
	}
	if b&^allBehaviors != 0 {
		parts = append(parts, fmt.Sprintf("Behavior(%#x)", uint8(b&^allBehaviors)))
	}
	return strings.Join(parts, "+")
}

// String renders the config as Go-like text, enough to rebuild it (functions
// are only named as set or not).
func (c Config) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "sim.Config{Validators: %d, Seed: %d", c.Validators, c.Seed)
	if len(c.Stakes) > 0 {
		fmt.Fprintf(&sb, ", Stakes: %v", c.Stakes)
	}
	fmt.Fprintf(&sb, ", Duration: %v, Rounds: %d, TxSize: %d, TxRate: %d, TotalTxs: %d", c.Duration, c.Rounds, c.TxSize, c.TxRate, c.TotalTxs)
	if c.RandomTargets {
		sb.WriteString(", RandomTargets: true")
	}
	fmt.Fprintf(&sb, ", Network: %+v", c.Network)
	if len(c.Partitions) > 0 {
		fmt.Fprintf(&sb, ", Partitions: %+v", c.Partitions)
	}
	if len(c.Crashes) > 0 {
		fmt.Fprintf(&sb, ", Crashes: %+v", c.Crashes)
	}
	if c.Joiners > 0 {
		fmt.Fprintf(&sb, ", Joiners: %d", c.Joiners)
	}
	if len(c.SetChanges) > 0 {
		fmt.Fprintf(&sb, ", SetChanges: %+v", c.SetChanges)
	}
	if len(c.Byzantine) > 0 {
		keys := make([]int, 0, len(c.Byzantine))
		for k := range c.Byzantine {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		sb.WriteString(", Byzantine: {")
		for i, k := range keys {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "%d: %v", k, c.Byzantine[k])
		}
		sb.WriteString("}")
	}
	if c.Committer != nil {
		sb.WriteString(", Committer: (set)")
	}
	if c.NodeConfig != nil {
		sb.WriteString(", NodeConfig: (set)")
	}
	if c.TickInterval != 0 {
		fmt.Fprintf(&sb, ", TickInterval: %v", c.TickInterval)
	}
	if c.LivenessBound != 0 {
		fmt.Fprintf(&sb, ", LivenessBound: %v", c.LivenessBound)
	}
	if c.ServeCost != 0 {
		fmt.Fprintf(&sb, ", ServeCost: %v", c.ServeCost)
	}
	if c.MaxServing != 0 {
		fmt.Fprintf(&sb, ", MaxServing: %d", c.MaxServing)
	}
	if c.Throughput != nil {
		fmt.Fprintf(&sb, ", Throughput: &%+v", *c.Throughput)
	}
	if c.MaxTime != 0 {
		fmt.Fprintf(&sb, ", MaxTime: %v", c.MaxTime)
	}
	sb.WriteString("}")
	return sb.String()
}

// withDefaults checks c and fills its defaults.
func (c Config) withDefaults() (Config, error) {
	n := c.Validators
	if n < 1 || n > 256 {
		return c, fmt.Errorf("%w: Validators %d, want 1 to 256", ErrConfig, n)
	}
	if c.Joiners < 0 || n+c.Joiners > 256 {
		return c, fmt.Errorf("%w: Joiners %d", ErrConfig, c.Joiners)
	}
	if len(c.SetChanges) > 0 && (len(c.Crashes) > 0 || c.Committer != nil) {
		return c, fmt.Errorf("%w: SetChanges with Crashes or a Committer", ErrConfig)
	}
	if c.Stakes != nil && len(c.Stakes) != n {
		return c, fmt.Errorf("%w: %d stakes for %d validators", ErrConfig, len(c.Stakes), n)
	}
	if c.Duration <= 0 && c.Rounds == 0 && c.TotalTxs <= 0 {
		return c, fmt.Errorf("%w: set Duration, Rounds or TotalTxs", ErrConfig)
	}
	if c.TotalTxs > 0 && c.TxRate <= 0 {
		return c, fmt.Errorf("%w: TotalTxs without a TxRate", ErrConfig)
	}
	if c.TxRate < 0 || c.TotalTxs < 0 {
		return c, fmt.Errorf("%w: negative TxRate or TotalTxs", ErrConfig)
	}
	if c.TxSize == 0 {
		c.TxSize = 64
	}
	if c.TxSize < txHeader {
		return c, fmt.Errorf("%w: TxSize %d, at least %d", ErrConfig, c.TxSize, txHeader)
	}
	nw := c.Network
	if nw.Latency < 0 || nw.Jitter < 0 || nw.Bandwidth < 0 || nw.LossPerMille < 0 || nw.LossPerMille > 1000 {
		return c, fmt.Errorf("%w: network %+v", ErrConfig, nw)
	}
	for i, p := range c.Partitions {
		if p.Start < 0 || p.End <= p.Start {
			return c, fmt.Errorf("%w: partitions[%d] from %v to %v", ErrConfig, i, p.Start, p.End)
		}
		seen := make([]bool, n+c.Joiners)
		for _, g := range p.Groups {
			for _, v := range g {
				if v < 0 || v >= n+c.Joiners || seen[v] {
					return c, fmt.Errorf("%w: partitions[%d]: validator %d out of range or in two groups", ErrConfig, i, v)
				}
				seen[v] = true
			}
		}
	}
	crashes := slices.Clone(c.Crashes)
	slices.SortStableFunc(crashes, func(a, b Crash) int {
		if a.Node != b.Node {
			return a.Node - b.Node
		}
		return int(a.At - b.At)
	})
	for i, cr := range crashes {
		if cr.Node < 0 || cr.Node >= n || cr.At < 0 || (cr.Restart != 0 && cr.Restart <= cr.At) {
			return c, fmt.Errorf("%w: crash %+v", ErrConfig, cr)
		}
		if i > 0 && crashes[i-1].Node == cr.Node {
			prev := crashes[i-1]
			if prev.Restart == 0 || prev.Restart > cr.At {
				return c, fmt.Errorf("%w: crash %+v overlaps %+v", ErrConfig, cr, prev)
			}
		}
	}
	for v, b := range c.Byzantine {
		if v < 0 || v >= n+c.Joiners || b&^allBehaviors != 0 {
			return c, fmt.Errorf("%w: Byzantine[%d] = %v", ErrConfig, v, b)
		}
	}
	if c.TickInterval == 0 {
		c.TickInterval = 10 * time.Millisecond
	}
	if c.ServeCost < 0 {
		return c, fmt.Errorf("%w: negative ServeCost %v", ErrConfig, c.ServeCost)
	}
	if c.MaxServing == 0 {
		c.MaxServing = 2
	}
	if c.LivenessBound == 0 {
		c.LivenessBound = 10 * time.Second
	}
	if c.MinRoundRate == 0 {
		c.MinRoundRate = 1
	}
	if t := c.Throughput; t != nil && (t.Baseline == 0 || t.MinPerMille > 1000) {
		return c, fmt.Errorf("%w: Throughput %+v: want a Baseline and MinPerMille at most 1000", ErrConfig, *t)
	}
	if c.TickInterval < 0 || c.LivenessBound < 0 || c.MaxTime < 0 {
		return c, fmt.Errorf("%w: negative TickInterval, LivenessBound or MaxTime", ErrConfig)
	}
	if c.MaxTime == 0 {
		c.MaxTime = max(c.submitEnd(), c.lastDisruption()) + c.LivenessBound + time.Duration(c.Rounds)*time.Second
	}
	return c, nil
}

// submitEnd is when the client stops.
func (c *Config) submitEnd() time.Duration {
	end := c.Duration
	if c.TotalTxs > 0 && c.TxRate > 0 {
		d := time.Duration((int64(c.TotalTxs)*int64(time.Second) + int64(c.TxRate) - 1) / int64(c.TxRate))
		if end <= 0 || d < end {
			end = d
		}
	}
	return max(end, 0)
}

// lastDisruption is when the last partition heals or the last crash or
// restart happens.
func (c *Config) lastDisruption() time.Duration {
	var t time.Duration
	for _, p := range c.Partitions {
		t = max(t, p.End)
	}
	for _, cr := range c.Crashes {
		t = max(t, cr.At, cr.Restart)
	}
	for _, ch := range c.SetChanges {
		t = max(t, ch.At)
	}
	return t
}
