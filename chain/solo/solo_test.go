package solo_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/solo"
)

// testApp records the commits it applies. CheckTx rejects transactions that
// start with "bad"; ApplyCommit fails at commit failAt and returns a next
// validator set at the commits in nextAt. It fails the test if the engine ever
// calls it concurrently.
type testApp struct {
	t      testing.TB
	failAt uint64
	nextAt map[uint64]bool
	set    *chain.ValidatorSet

	inCall  atomic.Int32
	mu      sync.Mutex
	applied []chain.Commit
}

var errApp = errors.New("app broke")

func newTestApp(t testing.TB) *testApp {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	set, err := chain.NewValidatorSet([]chain.Validator{{Key: key, Stake: 1}})
	require.NoError(t, err)
	return &testApp{t: t, set: set, nextAt: map[uint64]bool{}}
}

func (a *testApp) enter() func() {
	if a.inCall.Add(1) != 1 {
		a.t.Error("application called concurrently")
	}
	return func() { a.inCall.Add(-1) }
}

func (a *testApp) CheckTx(tx chain.Tx) error {
	defer a.enter()()
	if bytes.HasPrefix(tx, []byte("bad")) {
		return fmt.Errorf("tx %q is bad", tx)
	}
	return nil
}

func (a *testApp) ApplyCommit(c chain.Commit) (chain.Result, error) {
	defer a.enter()()
	if c.Index == a.failAt {
		return chain.Result{}, errApp
	}
	a.mu.Lock()
	a.applied = append(a.applied, c)
	a.mu.Unlock()
	res := chain.Result{AppHash: sha256.Sum256(fmt.Append(nil, c.Index))}
	if a.nextAt[c.Index] {
		res.NextValidators = a.set
	}
	return res, nil
}

func (a *testApp) commits() []chain.Commit {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]chain.Commit(nil), a.applied...)
}

// fakeClock is a Clock the test sets, and may turn back.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(ms int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = time.UnixMilli(ms)
}

// start makes an engine for cfg (with a fresh testApp unless cfg.App is set)
// and runs it in a goroutine. The returned channel yields Run's error. The
// engine is closed at the end of the test.
func start(t *testing.T, cfg solo.Config) (*solo.Engine, <-chan error) {
	t.Helper()
	if cfg.App == nil {
		cfg.App = newTestApp(t)
	}
	e, err := solo.New(cfg)
	require.NoError(t, err)
	runErr := make(chan error, 1)
	go func() { runErr <- e.Run(context.Background()) }()
	t.Cleanup(func() { require.NoError(t, e.Close()) })
	return e, runErr
}

func submit(t *testing.T, e *solo.Engine, txs ...string) {
	t.Helper()
	for _, tx := range txs {
		require.NoError(t, e.Submit(context.Background(), chain.Tx(tx)))
	}
}

func txs(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// drain reads Commits until it is closed.
func drain(e *solo.Engine) []chain.Commit {
	var out []chain.Commit
	for c := range e.Commits() {
		out = append(out, c)
	}
	return out
}

// leaderDigest recomputes a solo Leader digest from the package documentation.
func leaderDigest(c chain.Commit) chain.Digest {
	var b []byte
	b = append(b, "depinkit/solo/block/v1\x00"...)
	b = binary.BigEndian.AppendUint64(b, c.Epoch)
	b = binary.BigEndian.AppendUint64(b, c.LeaderRound)
	b = binary.BigEndian.AppendUint64(b, uint64(c.Timestamp))
	b = binary.BigEndian.AppendUint64(b, uint64(len(c.Txs)))
	for _, tx := range c.Txs {
		b = binary.BigEndian.AppendUint64(b, uint64(len(tx)))
		b = append(b, tx...)
	}
	return sha256.Sum256(b)
}

// checkChain checks what every sequence of solo commits must satisfy, and
// returns their transactions in order.
func checkChain(t *testing.T, commits []chain.Commit) []string {
	t.Helper()
	var prev chain.Digest
	var out []string
	for i, c := range commits {
		require.Equal(t, uint64(i+1), c.Index, "indices contiguous from 1")
		require.Equal(t, c.Index, c.LeaderRound)
		require.Zero(t, c.LeaderAuthor)
		require.NotEmpty(t, c.Txs, "no empty commits")
		require.Equal(t, leaderDigest(c), c.Leader, "commit %d leader", c.Index)
		require.Equal(t, chain.HashCommit(prev, c.Index, []chain.Digest{c.Leader}), c.Digest, "commit %d digest", c.Index)
		if i > 0 {
			require.GreaterOrEqual(t, c.Timestamp, commits[i-1].Timestamp, "timestamps never decrease")
			require.GreaterOrEqual(t, c.Epoch, commits[i-1].Epoch)
		}
		prev = c.Digest
		for _, tx := range c.Txs {
			out = append(out, string(tx))
		}
	}
	return out
}

func TestConfigValidate(t *testing.T) {
	app := newTestApp(t)
	c := solo.Config{App: app}
	require.NoError(t, c.Validate())
	require.Equal(t, solo.DefaultInterval, c.Interval)
	require.Equal(t, 100*time.Millisecond, c.Interval)
	require.Equal(t, 10_000, c.MaxTxsPerCommit)
	require.Equal(t, 64<<10, c.MaxTxBytes)
	require.Equal(t, 100_000, c.MaxQueue)
	require.Equal(t, 64<<20, c.MaxQueueBytes)
	require.Equal(t, 1024, c.CommitBuffer)
	require.NotNil(t, c.Clock)
	require.NotNil(t, c.Logger)

	for name, cfg := range map[string]solo.Config{
		"no app":          {},
		"negative max":    {App: app, MaxTxsPerCommit: -1},
		"negative bytes":  {App: app, MaxTxBytes: -1},
		"negative queue":  {App: app, MaxQueue: -1},
		"negative buffer": {App: app, CommitBuffer: -1},
		"tx over queue":   {App: app, MaxTxBytes: 10, MaxQueueBytes: 9},
	} {
		_, err := solo.New(cfg)
		require.ErrorIs(t, err, solo.ErrInvalidConfig, name)
	}
}

func TestCommitsOrderedAndChained(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		app := newTestApp(t)
		e, runErr := start(t, solo.Config{App: app, MaxTxsPerCommit: 7})
		var want []string
		for burst := range 10 {
			batch := txs(fmt.Sprintf("b%d-", burst), burst*3)
			submit(t, e, batch...)
			want = append(want, batch...)
			time.Sleep(time.Duration(burst*37) * time.Millisecond)
		}
		time.Sleep(10 * time.Second) // long enough to commit everything
		require.NoError(t, e.Close())
		require.NoError(t, <-runErr)

		commits := drain(e)
		require.Equal(t, want, checkChain(t, commits), "every tx exactly once, in order")
		require.Equal(t, commits, app.commits(), "delivered what was applied")
		for _, c := range commits {
			require.LessOrEqual(t, len(c.Txs), 7)
		}
	})
}

func TestIntervalPacesCommits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		t0 := time.Now()
		e, _ := start(t, solo.Config{App: newTestApp(t), MaxTxsPerCommit: 2})
		time.Sleep(time.Second)
		synctest.Wait()
		require.Empty(t, e.Commits(), "no commit while the queue is empty")

		submit(t, e, txs("x", 5)...) // at 1s: commits at 1.1s, 1.2s, 1.3s
		time.Sleep(99 * time.Millisecond)
		synctest.Wait()
		require.Empty(t, e.Commits())
		for i, n := range []int{2, 2, 1} {
			time.Sleep(time.Millisecond)
			synctest.Wait()
			require.Len(t, e.Commits(), 1, "commit %d", i+1)
			c := <-e.Commits()
			require.Len(t, c.Txs, n)
			require.Equal(t, t0.Add(time.Second+time.Duration(i+1)*100*time.Millisecond).UnixMilli(), c.Timestamp, "default clock")
			time.Sleep(99 * time.Millisecond)
			synctest.Wait()
			require.Empty(t, e.Commits())
		}
	})
}

func TestTimestampsNeverDecrease(t *testing.T) {
	clock := &fakeClock{}
	e, _ := start(t, solo.Config{Clock: clock, Interval: -1})
	ctx := context.Background()
	var got []int64
	for _, ms := range []int64{5000, 4000, 4999, 5001, -7, 6000} {
		clock.Set(ms)
		submit(t, e, "tx")
		c, err := e.Flush(ctx)
		require.NoError(t, err)
		got = append(got, c.Timestamp)
	}
	require.Equal(t, []int64{5000, 5000, 5000, 5001, 5001, 6000}, got)
	require.NoError(t, e.Close())
	checkChain(t, drain(e))
}

func TestCheckTxRejects(t *testing.T) {
	app := newTestApp(t)
	e, _ := start(t, solo.Config{App: app, Interval: -1})
	err := e.Submit(context.Background(), chain.Tx("bad tx"))
	require.ErrorIs(t, err, chain.ErrInvalidTx)
	require.ErrorContains(t, err, `tx "bad tx" is bad`, "carries the app's reason")
	submit(t, e, "good")
	c, err := e.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, []chain.Tx{chain.Tx("good")}, c.Txs)
}

func TestOversizedTx(t *testing.T) {
	e, _ := start(t, solo.Config{Interval: -1, MaxTxBytes: 4})
	require.ErrorIs(t, e.Submit(context.Background(), chain.Tx("12345")), chain.ErrInvalidTx)
	submit(t, e, "1234")
}

func TestQueueFullBackpressure(t *testing.T) {
	ctx := context.Background()
	e, _ := start(t, solo.Config{Interval: -1, MaxQueue: 3, MaxTxBytes: 4, MaxQueueBytes: 10})
	submit(t, e, "a", "b", "c")
	err := e.Submit(ctx, chain.Tx("d"))
	require.ErrorIs(t, err, solo.ErrQueueFull)
	require.NotErrorIs(t, err, chain.ErrInvalidTx, "the tx is fine: retry later")
	c, err := e.Flush(ctx)
	require.NoError(t, err)
	require.Len(t, c.Txs, 3)

	submit(t, e, "1234", "5678")
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("9abc")), solo.ErrQueueFull, "bytes bound")
	submit(t, e, "9a") // 10 bytes exactly
	c, err = e.Flush(ctx)
	require.NoError(t, err)
	require.Len(t, c.Txs, 3)
	submit(t, e, "abcd")
	submit(t, e, "efgh") // 8 of 10 bytes queued
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("12345")), chain.ErrInvalidTx, "too large beats full: do not retry it")
}

func TestMaxTxsPerCommitSplits(t *testing.T) {
	t.Run("Flush", func(t *testing.T) {
		e, _ := start(t, solo.Config{Interval: -1, MaxTxsPerCommit: 10})
		submit(t, e, txs("t", 25)...)
		last, err := e.Flush(context.Background())
		require.NoError(t, err)
		require.Equal(t, uint64(3), last.Index)
		require.NoError(t, e.Close())
		commits := drain(e)
		require.Equal(t, txs("t", 25), checkChain(t, commits))
		var sizes []int
		for _, c := range commits {
			sizes = append(sizes, len(c.Txs))
		}
		require.Equal(t, []int{10, 10, 5}, sizes)
	})
	t.Run("Interval", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			e, _ := start(t, solo.Config{MaxTxsPerCommit: 10})
			submit(t, e, txs("t", 25)...)
			for _, n := range []int{10, 10, 5} { // one commit per tick
				time.Sleep(solo.DefaultInterval)
				synctest.Wait()
				require.Len(t, e.Commits(), 1)
				require.Len(t, (<-e.Commits()).Txs, n)
			}
		})
	})
}

func TestFlushEmptyMakesNoCommit(t *testing.T) {
	e, _ := start(t, solo.Config{Interval: -1})
	c, err := e.Flush(context.Background())
	require.NoError(t, err)
	require.Zero(t, c.Index)
	require.NoError(t, e.Close())
	require.Empty(t, drain(e))
}

func TestApplyErrorStopsRun(t *testing.T) {
	app := newTestApp(t)
	app.failAt = 2
	e, runErr := start(t, solo.Config{App: app, Interval: -1})
	ctx := context.Background()
	submit(t, e, "one")
	_, err := e.Flush(ctx)
	require.NoError(t, err)
	submit(t, e, "two", "three")
	_, err = e.Flush(ctx)
	require.ErrorIs(t, err, errApp, "Flush reports the failure")

	err = <-runErr
	require.ErrorIs(t, err, errApp)
	require.ErrorContains(t, err, "commit 2")
	commits := drain(e) // closed after the last good commit
	require.Len(t, commits, 1)
	require.Equal(t, []string{"one"}, checkChain(t, commits))
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("four")), chain.ErrClosed)
	_, err = e.Flush(ctx)
	require.ErrorIs(t, err, chain.ErrClosed)
	require.NoError(t, e.Close())
}

func TestEpochFollowsNextValidators(t *testing.T) {
	app := newTestApp(t)
	app.nextAt[2] = true
	app.nextAt[3] = true
	e, _ := start(t, solo.Config{App: app, Interval: -1, Epoch: 5})
	for i := range 5 {
		submit(t, e, fmt.Sprint(i))
		_, err := e.Flush(context.Background())
		require.NoError(t, err)
	}
	require.NoError(t, e.Close())
	commits := drain(e)
	checkChain(t, commits)
	var epochs []uint64
	for _, c := range commits {
		epochs = append(epochs, c.Epoch)
	}
	require.Equal(t, []uint64{5, 5, 6, 7, 7}, epochs)
}

func TestSubmitCopiesTx(t *testing.T) {
	e, _ := start(t, solo.Config{Interval: -1})
	buf := []byte("orig")
	require.NoError(t, e.Submit(context.Background(), buf))
	copy(buf, "XXXX")
	c, err := e.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, chain.Tx("orig"), c.Txs[0])
}

func TestSubmitCloseConcurrently(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		app := newTestApp(t)
		e, err := solo.New(solo.Config{App: app, Interval: time.Millisecond, MaxTxsPerCommit: 50, MaxQueue: 200})
		require.NoError(t, err)
		runErr := make(chan error, 1)
		go func() { runErr <- e.Run(context.Background()) }()
		var commits []chain.Commit
		readerDone := make(chan struct{})
		go func() {
			defer close(readerDone)
			commits = drain(e)
		}()

		const submitters, each = 8, 400
		accepted := make([][]string, submitters)
		var wg sync.WaitGroup
		for s := range submitters {
			wg.Go(func() {
				for i := range each {
					tx := fmt.Sprintf("s%d-%d", s, i)
					err := e.Submit(context.Background(), chain.Tx(tx))
					switch {
					case err == nil:
						accepted[s] = append(accepted[s], tx)
					case errors.Is(err, chain.ErrClosed):
						return
					case errors.Is(err, solo.ErrQueueFull):
					default:
						t.Errorf("Submit: %v", err)
						return
					}
					if i%10 == 0 {
						time.Sleep(time.Millisecond)
					}
				}
			})
		}
		var closers sync.WaitGroup
		for range 3 { // Close is idempotent and concurrent-safe
			closers.Go(func() {
				time.Sleep(20 * time.Millisecond)
				if err := e.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
		}
		closers.Wait()
		require.NoError(t, <-runErr)
		wg.Wait()
		<-readerDone
		require.ErrorIs(t, e.Submit(context.Background(), chain.Tx("late")), chain.ErrClosed)

		got := checkChain(t, commits)
		require.NotEmpty(t, got)
		require.Equal(t, commits, app.commits())
		// Each submitter's committed txs are a prefix of what it had accepted,
		// in order: nothing lost mid-stream, nothing duplicated or invented.
		per := make([][]string, submitters)
		for _, tx := range got {
			var s, i int
			_, err := fmt.Sscanf(tx, "s%d-%d", &s, &i)
			require.NoError(t, err)
			per[s] = append(per[s], tx)
		}
		for s := range submitters {
			require.Equal(t, accepted[s][:len(per[s])], per[s], "submitter %d", s)
		}
	})
}

func TestCloseStopsRunWithoutLeak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, err := solo.New(solo.Config{App: newTestApp(t)})
		require.NoError(t, err)
		var returned atomic.Bool
		go func() {
			if err := e.Run(context.Background()); err != nil {
				t.Errorf("Run: %v", err)
			}
			returned.Store(true)
		}()
		submit(t, e, "a")
		time.Sleep(time.Second)
		require.NoError(t, e.Close())
		synctest.Wait() // every goroutine of the bubble has exited or is blocked
		require.True(t, returned.Load())
		require.Len(t, drain(e), 1)
		require.NoError(t, e.Close(), "idempotent")
		// synctest.Test itself fails if a goroutine is left blocked.
	})
}

func TestContextEndStopsRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, err := solo.New(solo.Config{App: newTestApp(t)})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		runErr := make(chan error, 1)
		go func() { runErr <- e.Run(ctx) }()
		submit(t, e, "a")
		time.Sleep(950 * time.Millisecond) // between ticks
		synctest.Wait()
		submit(t, e, "dropped")
		cancel()
		require.NoError(t, <-runErr)
		require.Len(t, drain(e), 1)
		require.ErrorIs(t, e.Submit(context.Background(), chain.Tx("b")), chain.ErrClosed)
		require.ErrorIs(t, e.Run(context.Background()), solo.ErrStarted)
		require.NoError(t, e.Close())
	})
}

func TestRunTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, _ := start(t, solo.Config{})
		synctest.Wait() // the first Run has started
		require.ErrorIs(t, e.Run(context.Background()), solo.ErrStarted)
	})
}

func TestCloseWithoutRun(t *testing.T) {
	e, err := solo.New(solo.Config{App: newTestApp(t)})
	require.NoError(t, err)
	submit(t, e, "a")
	require.NoError(t, e.Close())
	require.NoError(t, e.Close())
	_, open := <-e.Commits()
	require.False(t, open, "Commits is closed")
	require.ErrorIs(t, e.Run(context.Background()), chain.ErrClosed)
	require.ErrorIs(t, e.Submit(context.Background(), chain.Tx("b")), chain.ErrClosed)
	_, err = e.Flush(context.Background())
	require.ErrorIs(t, err, chain.ErrClosed)
}

func TestFlushRespectsContext(t *testing.T) {
	e, err := solo.New(solo.Config{App: newTestApp(t)})
	require.NoError(t, err)
	defer e.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = e.Flush(ctx) // Run never started: nobody serves it
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, e.Submit(ctx, chain.Tx("a")), context.Canceled)
}

func TestFullCommitsBlocksUntilReadOrClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, runErr := start(t, solo.Config{Interval: -1, CommitBuffer: 1, MaxQueue: 2})
		ctx := context.Background()
		submit(t, e, "1")
		_, err := e.Flush(ctx) // fills the buffer
		require.NoError(t, err)

		submit(t, e, "2")
		flushed := make(chan error, 1)
		go func() {
			_, err := e.Flush(ctx)
			flushed <- err
		}()
		synctest.Wait()
		require.Empty(t, flushed, "Run waits for a reader")
		submit(t, e, "3", "4")
		require.ErrorIs(t, e.Submit(ctx, chain.Tx("5")), solo.ErrQueueFull, "backpressure reaches Submit")

		require.Equal(t, uint64(1), (<-e.Commits()).Index) // a reader frees the engine
		require.NoError(t, <-flushed)

		go func() { // commits "3", "4"; commit 2 still fills the buffer
			_, err := e.Flush(ctx)
			flushed <- err
		}()
		synctest.Wait()
		require.Empty(t, flushed)
		require.NoError(t, e.Close()) // Close frees it too
		require.ErrorIs(t, <-flushed, chain.ErrClosed)
		require.NoError(t, <-runErr)
		commits := drain(e)
		require.Len(t, commits, 1)
		require.Equal(t, uint64(2), commits[0].Index)
	})
}
