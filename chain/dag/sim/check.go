package sim

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// Result is what a run did and what the checkers found.
type Result struct {
	// Config is the configuration run, defaults filled in: with Seed, enough to
	// reproduce the run.
	Config Config
	// Nodes describes each validator at the end.
	Nodes []NodeResult

	// Submitted counts transactions the validators took, Rejected those they
	// refused (mempool full), Committed the distinct submitted transactions
	// committed by at least one honest validator.
	Submitted, Rejected, Committed int
	// HandedOff counts transactions that validators leaving the set held
	// uncommitted and handed to a validator of the next set (RawNode.Leave).
	HandedOff int
	// TPS is Committed per wall-clock second.
	TPS float64
	// LatencyP50 and LatencyP99 are percentiles of the virtual time from a
	// transaction's submission to the first honest validator applying it.
	LatencyP50, LatencyP99 time.Duration
	// Rounds is the highest round an honest validator reached.
	Rounds uint64
	// VirtualTime is how long the run lasted in virtual time, WallTime in real
	// time.
	VirtualTime, WallTime time.Duration
	// Resume is the longest a live honest validator waited, after the last
	// disruption (or the start), for a commit.
	Resume time.Duration
	// CommitRate is the lowest commit rate of the live honest validators, in
	// commits per 1000 virtual seconds, each measured from its RateWarmup-th
	// commit after the last disruption (or the start) to its last, over
	// RateSpan or more; RateJudged counts the validators measured (0: the
	// run was too short, and CommitRate is 0).
	CommitRate uint64
	RateJudged int

	// Events counts the simulator's events.
	Events uint64
	// Messages counts messages by fate.
	Messages MessageStats
	// Verify counts signature verifications and cache hits.
	Verify VerifyStats

	// Violations lists the invariants that broke; empty for a good run.
	Violations []string
}

// MessageStats counts messages by fate.
type MessageStats struct {
	Sent        uint64 // handed to the network
	Delivered   uint64 // passed to a RawNode's Step
	Lost        uint64 // by the loss rate
	Cut         uint64 // by a partition
	ToDown      uint64 // arrived at a crashed validator
	ToSelf      uint64 // addressed to the sender itself (dropped)
	NotMember   uint64 // between validators not both in the set it is judged by
	Undecodable uint64 // bytes that did not decode (Byzantine junk)

	CommitRequests  uint64 // commit sync requests served
	CommitResponses uint64 // of them, answered

	Served    uint64 // fetch and commit responses through a serving goroutine
	Throttled uint64 // dropped: MaxServing responses to that peer in the queue
	// MaxQueued is the most responses to one peer that any validator's
	// serving goroutine held at once (at most MaxServing).
	MaxQueued int
}

// NodeResult describes one validator at the end of a run.
type NodeResult struct {
	// Behavior is its misbehaviour; 0 for an honest validator.
	Behavior Behavior
	// Up reports whether it is running at the end; Crashes counts its crashes.
	Up      bool
	Crashes int
	// Commits is the index of the last commit it applied, LastDigest that
	// commit's digest and LastLeaderRound its leader's round (honest validators).
	Commits         uint64
	LastDigest      chain.Digest
	LastLeaderRound uint64
	// Evidence lists the validators it holds equivocation evidence against.
	Evidence []int
	// StepErrors counts the messages its RawNode refused.
	StepErrors uint64
	// DuplicateTxs counts transactions it committed more than once (allowed
	// only for an equivocator's twin blocks).
	DuplicateTxs uint64
	// Stats are its RawNode's counters (since its last restart), if it is up.
	Stats dag.Stats
	// Epoch is its epoch at the end; Left reports that a set change left it
	// out (it stopped).
	Epoch uint64
	Left  bool
}

// LatencyRounds returns a latency in rounds: d over the mean virtual time of a
// round.
func (r *Result) LatencyRounds(d time.Duration) float64 {
	if r.Rounds == 0 {
		return 0
	}
	return float64(d) / (float64(r.VirtualTime) / float64(r.Rounds))
}

// Check returns nil for a run that broke no invariant, and otherwise an error
// listing the violations with the config that reproduces them.
func (r *Result) Check() error {
	if len(r.Violations) == 0 {
		return nil
	}
	return fmt.Errorf("sim: seed %d: %d violations:\n  %s\nreproduce with %v", r.Config.Seed, len(r.Violations), strings.Join(r.Violations, "\n  "), r.Config)
}

// String summarises the run in one line.
func (r *Result) String() string {
	return fmt.Sprintf("seed %d: %d validators, %d rounds in %v virtual (%v wall), %d/%d txs committed, p50 %v p99 %v, %d events, %d messages, %d/%d verifications cached, %d violations",
		r.Config.Seed, len(r.Nodes), r.Rounds, r.VirtualTime, r.WallTime.Round(time.Millisecond), r.Committed, r.Submitted, r.LatencyP50, r.LatencyP99, r.Events, r.Messages.Sent, r.Verify.Hits, r.Verify.Calls, len(r.Violations))
}

// check runs the end-of-run checkers: safety, validity, liveness,
// accountability. (Violations seen during the run are already recorded.)
func (s *sim) check() {
	s.checkSafety()
	s.checkValidity()
	s.checkLiveness()
	s.checkRate()
	s.checkAccountability()
}

// checkSafety: the commit sequences of honest validators, crashed ones
// included, are prefixes of one another (I1): each is a prefix of the longest.
func (s *sim) checkSafety() {
	var longest *node
	for _, nd := range s.nodes {
		if nd.honest && (longest == nil || len(nd.log) > len(longest.log)) {
			longest = nd
		}
	}
	if longest == nil {
		return
	}
	for _, nd := range s.nodes {
		if !nd.honest || nd == longest {
			continue
		}
		for k, c := range nd.log {
			ref := longest.log[k]
			if c.index != ref.index || c.digest != ref.digest {
				s.violate("safety", "validator %d's commit %d (%s, leader round %d) differs from validator %d's commit %d (%s, leader round %d)",
					nd.idx, c.index, c.digest.Short(), c.leaderRound, longest.idx, ref.index, ref.digest.Short(), ref.leaderRound)
				break
			}
		}
	}
}

// checkValidity: every transaction given to an honest validator that never
// crashed is committed exactly once by every live honest validator.
// (Duplicates of other transactions were flagged as they were applied.)
func (s *sim) checkValidity() {
	for _, nd := range s.nodes {
		if !nd.live() {
			continue
		}
		counts := s.counts[nd.idx]
		missing, twice := 0, 0
		var firstMissing, firstTwice uint64
		for _, id := range s.expected {
			switch c := counts[id]; {
			case c == 0 && s.excused[id]:
			case c == 0:
				if missing == 0 {
					firstMissing = id
				}
				missing++
			case c > 1:
				if twice == 0 {
					firstTwice = id
				}
				twice++
			}
		}
		if missing > 0 {
			s.violate("validity", "validator %d never committed %d of %d transactions given to honest validators, the first %d (given to %d at %v)",
				nd.idx, missing, len(s.expected), firstMissing, s.txTarget[firstMissing], s.txSubmit[firstMissing])
		}
		if twice > 0 {
			s.violate("validity", "validator %d committed %d transactions more than once, the first %d", nd.idx, twice, firstTwice)
		}
	}
}

// checkLiveness: every live honest validator committed within LivenessBound of
// the last disruption (or of the start), and reached the rounds asked for.
func (s *sim) checkLiveness() {
	from := s.lastDisruption
	for _, nd := range s.nodes {
		if !nd.live() {
			continue
		}
		i, _ := slices.BinarySearchFunc(nd.log, from, func(c commitRec, t time.Duration) int {
			if c.at <= t {
				return -1
			}
			return 1
		})
		if i == len(nd.log) {
			s.violate("liveness", "validator %d made no commit after the last disruption at %v (run ended at %v)", nd.idx, from, s.now)
			continue
		}
		wait := nd.log[i].at - from
		s.resume = max(s.resume, wait)
		if wait > s.cfg.LivenessBound {
			s.violate("liveness", "validator %d committed again %v after the last disruption at %v, more than the bound %v", nd.idx, wait, from, s.cfg.LivenessBound)
		}
		if s.cfg.Rounds > 0 && nd.lastLeaderRound() < s.cfg.Rounds {
			s.violate("liveness", "validator %d committed leaders up to round %d only, of %d, by %v", nd.idx, nd.lastLeaderRound(), s.cfg.Rounds, s.now)
		}
		// Degraded throughput: once it commits again, the validator's committed
		// leader rounds advance at least MinRoundRate per virtual second (over
		// at least throughputWindow), not merely now and then.
		first, last := nd.log[i], nd.log[len(nd.log)-1]
		if span := last.at - first.at; span >= throughputWindow && s.cfg.MinRoundRate > 0 {
			var rounds uint64 // leader rounds advanced; an epoch starts again from round 1
			for k := i + 1; k < len(nd.log); k++ {
				if nd.log[k].epoch != nd.log[k-1].epoch {
					rounds += nd.log[k].leaderRound
				} else {
					rounds += nd.log[k].leaderRound - min(nd.log[k].leaderRound, nd.log[k-1].leaderRound)
				}
			}
			rate := float64(rounds) / span.Seconds()
			if rate < s.cfg.MinRoundRate {
				s.violate("liveness", "validator %d committed %d leader rounds in %v after the last disruption: %.2f rounds/s, below the bound %.2f", nd.idx, rounds, span, rate, s.cfg.MinRoundRate)
			}
		}
	}
}

// throughputWindow is the least span the throughput bound is judged over.
const throughputWindow = 5 * time.Second

// checkRate measures each live honest validator's commit rate after the last
// disruption (Result.CommitRate) and holds it to Config.Throughput.
func (s *sim) checkRate() {
	for _, nd := range s.nodes {
		if !nd.live() {
			continue
		}
		i, _ := slices.BinarySearchFunc(nd.log, s.lastDisruption, func(c commitRec, t time.Duration) int {
			if c.at <= t {
				return -1
			}
			return 1
		})
		i += RateWarmup
		if i >= len(nd.log) {
			continue
		}
		first, last := nd.log[i], nd.log[len(nd.log)-1]
		span := last.at - first.at
		if span < RateSpan {
			continue
		}
		commits := uint64(len(nd.log) - 1 - i)
		rate := commits * 1e12 / uint64(span) // per 1000 s
		if s.rateJudged == 0 || rate < s.commitRate {
			s.commitRate = rate
		}
		s.rateJudged++
		if b := s.cfg.Throughput; b != nil && rate*1000 < b.Baseline*b.MinPerMille {
			s.violate("throughput", "validator %d made %d commits in %v from commit %d (the %dth after the last disruption at %v): %d.%03d/s, below %d per mille of the all-up %d.%03d/s",
				nd.idx, commits, span, first.index, RateWarmup, s.lastDisruption, rate/1000, rate%1000, b.MinPerMille, b.Baseline/1000, b.Baseline%1000)
		}
	}
}

// checkAccountability: every equivocator is in some honest validator's
// evidence. (Evidence against honest validators was flagged as it came.)
func (s *sim) checkAccountability() {
	for v, nd := range s.nodes {
		if nd.behavior&Equivocate == 0 {
			continue
		}
		found := false
		for _, w := range s.nodes {
			if w.honest && w.evidence[v] {
				found = true
				break
			}
		}
		if !found {
			s.violate("accountability", "equivocating validator %d is in no honest validator's evidence", v)
		}
	}
}

func (s *sim) result(wall time.Duration) *Result {
	r := &Result{
		Config:      s.cfg,
		Submitted:   s.submitted,
		Rejected:    s.rejected,
		HandedOff:   s.handedOff,
		Committed:   s.committed,
		VirtualTime: s.now,
		WallTime:    wall,
		Resume:      s.resume,
		CommitRate:  s.commitRate,
		RateJudged:  s.rateJudged,
		Events:      s.events,
		Messages:    s.msgs,
		Verify:      s.verifier.stats,
		Violations:  s.violations,
	}
	for kind, k := range s.kinds {
		if k > maxPerKind {
			r.Violations = append(r.Violations, fmt.Sprintf("%s: %d more", kind, k-maxPerKind))
		}
	}
	slices.Sort(r.Violations[len(s.violations):])
	if wall > 0 {
		r.TPS = float64(s.committed) / wall.Seconds()
	}
	lat := make([]time.Duration, 0, s.committed)
	for id, first := range s.txFirst {
		if first >= 0 {
			lat = append(lat, first-s.txSubmit[id])
		}
	}
	if len(lat) > 0 {
		slices.Sort(lat)
		r.LatencyP50 = lat[len(lat)*50/100]
		r.LatencyP99 = lat[len(lat)*99/100]
	}
	for _, nd := range s.nodes {
		nr := NodeResult{Behavior: nd.behavior, Up: nd.up, Crashes: nd.crashes, Commits: nd.applied, StepErrors: nd.stepErrs, DuplicateTxs: nd.dupTxs}
		if len(nd.log) > 0 {
			last := nd.log[len(nd.log)-1]
			nr.LastDigest, nr.LastLeaderRound = last.digest, last.leaderRound
		}
		for a, ok := range nd.evidence {
			if ok {
				nr.Evidence = append(nr.Evidence, a)
			}
		}
		nr.Epoch, nr.Left = nd.epoch, nd.left
		if nd.up {
			nr.Stats = nd.rn.Stats()
			if nd.honest {
				r.Rounds = max(r.Rounds, nr.Stats.Round)
			}
		}
		r.Nodes = append(r.Nodes, nr)
	}
	return r
}
