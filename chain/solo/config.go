package solo

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// Sentinel errors of the package, wrapped with context; test with errors.Is.
var (
	// ErrInvalidConfig reports a Config that Validate rejects.
	ErrInvalidConfig = errors.New("solo: invalid config")
	// ErrQueueFull reports a Submit refused because MaxQueue transactions or
	// MaxQueueBytes bytes already wait for a commit. The transaction is not
	// invalid: retry after the engine has cut a commit.
	ErrQueueFull = errors.New("solo: queue full")
	// ErrStarted reports a second call to Run.
	ErrStarted = errors.New("solo: engine already started")
)

// Clock tells the time. The engine reads the time only through its Clock, so
// tests control commit timestamps with a fake one.
type Clock interface {
	Now() time.Time
}

// Defaults Validate fills in for zero fields.
const (
	DefaultInterval        = 100 * time.Millisecond
	DefaultMaxTxsPerCommit = 10_000
	DefaultMaxTxBytes      = 64 << 10
	DefaultMaxQueue        = 100_000
	DefaultMaxQueueBytes   = 64 << 20
	DefaultCommitBuffer    = 1024
)

// Config configures an Engine. Every field but App has a usable zero value,
// which Validate replaces with the documented default.
//
// Memory is bounded: at most MaxQueueBytes of transactions wait in the queue,
// and at most CommitBuffer commits wait in the Commits channel (each holding at
// most MaxTxsPerCommit transactions).
type Config struct {
	// App is the application the engine drives. Required.
	App chain.Application

	// Clock gives commit timestamps. Default: the system clock (time.Now).
	Clock Clock

	// Interval is how often the engine cuts a commit of up to MaxTxsPerCommit
	// queued transactions; no commit is made while the queue is empty.
	// Default 100ms. A negative Interval turns the timer off: commits are then
	// cut only by Flush, so where commits start and end no longer depends on
	// timing (pair it with a fake Clock for fixed timestamps too).
	Interval time.Duration

	// MaxTxsPerCommit bounds the transactions in one commit. Default 10,000.
	MaxTxsPerCommit int

	// MaxTxBytes bounds one transaction: Submit refuses a larger one with
	// chain.ErrInvalidTx. Default 64 KiB.
	MaxTxBytes int

	// MaxQueue bounds the number of transactions waiting for a commit: beyond
	// it Submit returns ErrQueueFull. Default 100,000.
	MaxQueue int

	// MaxQueueBytes bounds the total size of the transactions waiting for a
	// commit, in the same way. Default 64 MiB. It must be at least MaxTxBytes.
	MaxQueueBytes int

	// CommitBuffer is the capacity of the Commits channel. Default 1024. When
	// it is full the engine waits for a reader, so readers must drain Commits.
	CommitBuffer int

	// Epoch is the epoch of the first commit. Default 0.
	Epoch uint64

	// Logger receives the engine's logs. Default: discard them.
	Logger *slog.Logger
}

// Validate fills the zero fields of c with their defaults and reports an
// error wrapping ErrInvalidConfig if c is unusable: no App, or a negative
// limit. New calls it on a copy of its Config.
func (c *Config) Validate() error {
	if c.App == nil {
		return fmt.Errorf("%w: App is nil", ErrInvalidConfig)
	}
	if c.Clock == nil {
		c.Clock = systemClock{}
	}
	if c.Interval == 0 {
		c.Interval = DefaultInterval
	}
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxTxsPerCommit", &c.MaxTxsPerCommit, DefaultMaxTxsPerCommit},
		{"MaxTxBytes", &c.MaxTxBytes, DefaultMaxTxBytes},
		{"MaxQueue", &c.MaxQueue, DefaultMaxQueue},
		{"MaxQueueBytes", &c.MaxQueueBytes, DefaultMaxQueueBytes},
		{"CommitBuffer", &c.CommitBuffer, DefaultCommitBuffer},
	} {
		switch {
		case *f.v < 0:
			return fmt.Errorf("%w: %s is %d, want >= 0 (0 for the default %d)", ErrInvalidConfig, f.name, *f.v, f.def)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	if c.MaxTxBytes > c.MaxQueueBytes {
		return fmt.Errorf("%w: MaxTxBytes %d exceeds MaxQueueBytes %d: a largest transaction could never be queued", ErrInvalidConfig, c.MaxTxBytes, c.MaxQueueBytes)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// systemClock is the default Clock, and the only place the package reads the
// wall clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
