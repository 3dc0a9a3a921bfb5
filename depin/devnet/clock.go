package devnet

import (
	"sync"
	"time"

	"github.com/depinkit/depinkit/chain/dag"
)

// Genesis is the time a paced run starts at: the subnet's clock (Clock)
// reads it when the network starts, and every traffic epoch starts one
// EpochDuration later than the one before. It is fixed so that two runs with
// one seed sign the same certificates and envelope times.
var Genesis = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Slowdown is how much slower than the wall clock a Clock runs between two
// Advance calls: one virtual nanosecond per real millisecond. The consensus
// core's timers (round pacing, leader timeout, fetch timeout) are scaled by
// the same factor (Clock.Tune), so that they still fire after the same real
// time, while the millisecond timestamps blocks and commits carry stay put:
// they move by one millisecond only after 1,000 s of real time without an
// Advance.
const Slowdown = 1_000_000

// Clock is the clock of a paced run's validators: virtual time that the kit
// moves forward by whole epochs (Advance) and that otherwise crawls
// (Slowdown). Every validator of the run reads the same Clock (Tune sets it as
// chain/dag's NodeConfig.Now), so every commit of an epoch carries the
// epoch's start as its timestamp (chain/dag stamps a commit with the median
// of its leader's parents' timestamps, never less than the previous commit's:
// chain/dag/rawnode.go commitTimestamp), and the epoch ends with the first
// commit after the Advance. Safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	base time.Time // the virtual time at the last Advance
	at   time.Time // the wall time then
}

// NewClock returns a Clock that reads start now.
func NewClock(start time.Time) *Clock {
	return &Clock{base: start, at: time.Now()}
}

// Now returns the virtual time: the base Advance last set plus the real time
// since then divided by Slowdown.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.Add(time.Since(c.at) / Slowdown)
}

// Base returns the virtual time Advance last set (or NewClock's start): the
// timestamp of every commit of the open epoch in a paced run.
func (c *Clock) Base() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base
}

// Advance moves the base forward by d (d must exceed the crawl since the
// last Advance, which it does for any d of a millisecond or more within
// 1,000 s of real time): the clock then reads exactly the old base plus d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base, c.at = c.base.Add(d), time.Now()
}

// dag's timer defaults (chain/dag/config.go), which Tune scales.
const (
	dagMinRoundDelay       = 50 * time.Millisecond
	dagLeaderTimeout       = 250 * time.Millisecond
	dagMaxTimestampDrift   = 500 * time.Millisecond
	dagFetchTimeout        = time.Second
	dagRebroadcastInterval = time.Second
)

// Tune makes a chain/dag node read c (depin.LocalConfig.Tune calls it for
// each validator): NodeConfig.Now is c.Now, and the core's timers, given in
// real time (zero: their defaults), become virtual durations Slowdown times
// shorter, so that they still fire after the same real time. The real tick
// interval is left alone.
func (c *Clock) Tune(nc *dag.NodeConfig) {
	nc.Now = c.Now
	scale := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
		*d = max(*d/Slowdown, 1)
	}
	scale(&nc.MinRoundDelay, dagMinRoundDelay)
	scale(&nc.LeaderTimeout, dagLeaderTimeout)
	scale(&nc.MaxTimestampDrift, dagMaxTimestampDrift)
	scale(&nc.FetchTimeout, dagFetchTimeout)
	scale(&nc.RebroadcastInterval, dagRebroadcastInterval)
}
