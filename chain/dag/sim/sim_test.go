package sim

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// run runs cfg and fails the test on an error or a violation.
func run(t *testing.T, cfg Config) *Result {
	t.Helper()
	res, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Check(); err != nil {
		t.Fatal(err)
	}
	t.Log(res)
	return res
}

// lan is a good network: latency below the 50ms round delay.
var lan = NetworkConfig{Latency: 10 * time.Millisecond, Jitter: 3 * time.Millisecond}

// wan is a worse one: slower, jittery and lossy.
var wan = NetworkConfig{Latency: 40 * time.Millisecond, Jitter: 20 * time.Millisecond, LossPerMille: 20}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	cfg := randomConfig(7, 7<<32|12345)
	cfg.Byzantine = map[int]Behavior{1: Equivocate | Flood, 4: InvalidSignatures | BogusParents | Withhold}
	cfg.Crashes = nil
	cfg.Partitions = []Partition{{Start: 2 * time.Second, End: 3 * time.Second, Groups: [][]int{{0, 1, 2}}}}
	cfg.Rounds = 150
	a, b := run(t, cfg), run(t, cfg)
	for _, r := range []*Result{a, b} {
		r.WallTime, r.TPS, r.Config = 0, 0, Config{}
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two runs of one config differ:\n%+v\n%+v", a, b)
	}
	if a.Nodes[0].Commits == 0 || a.Events == 0 {
		t.Fatalf("nothing happened: %v", a)
	}
	t.Logf("both runs: %d events, last commit %d %s", a.Events, a.Nodes[0].Commits, a.Nodes[0].LastDigest.Short())
}

// recorder wraps a committer and keeps every decision it returns (RawNode acts
// on all of them).
type recorder struct {
	dag.Committer
	decisions []dag.Decision
}

func (r *recorder) TryDecide(d dag.DAG, last dag.LeaderSlot) ([]dag.Decision, error) {
	ds, err := r.Committer.TryDecide(d, last)
	r.decisions = append(r.decisions, ds...)
	return ds, err
}

// TestAllLeadersDirect checks I7: with no fault and latency below the round
// delay every block links the previous round's leader, so every leader slot is
// committed directly, in order.
func TestAllLeadersDirect(t *testing.T) {
	t.Parallel()
	for _, n := range []int{4, 7} {
		var recs []*recorder
		res := run(t, Config{
			Validators: n, Seed: uint64(n), Rounds: 300, TxRate: 500, Duration: 5 * time.Second, Network: lan,
			Committer: func(set *chain.ValidatorSet, s dag.LeaderSchedule) dag.Committer {
				m, err := dag.NewMysticeti(s, 1, set.Len())
				if err != nil {
					t.Fatal(err)
				}
				r := &recorder{Committer: m}
				recs = append(recs, r)
				return r
			},
		})
		for i, r := range recs {
			if len(r.decisions) < 290 {
				t.Fatalf("n=%d validator %d: %d decisions", n, i, len(r.decisions))
			}
			for k, d := range r.decisions {
				if d.Kind != dag.Commit || !d.Direct || d.Slot.Round != uint64(k+1) {
					t.Fatalf("n=%d validator %d: decision %d is %v, want a direct commit of round %d", n, i, k, d, k+1)
				}
			}
		}
		for i, nd := range res.Nodes {
			if nd.Stats.SkippedLeaders != 0 {
				t.Fatalf("n=%d validator %d skipped %d leaders", n, i, nd.Stats.SkippedLeaders)
			}
		}
	}
}

func TestPartitionHeals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		groups [][]int
	}{
		{"no-quorum", [][]int{{0, 1}, {2, 3}}},
		{"minority", [][]int{{3}}},
		{"three-ways", [][]int{{0}, {1}, {2}}},
	} {
		res := run(t, Config{
			Validators: 4, Seed: 11, Rounds: 300, TxRate: 500, Duration: 8 * time.Second, Network: wan,
			Partitions: []Partition{{Start: 2 * time.Second, End: 4 * time.Second, Groups: tc.groups}},
		})
		if res.Messages.Cut == 0 {
			t.Fatalf("%s: the partition cut nothing", tc.name)
		}
		t.Logf("%s: commits resumed %v after the partition healed", tc.name, res.Resume)
		for i, nd := range res.Nodes {
			if nd.LastLeaderRound < 300 {
				t.Fatalf("%s: validator %d committed leaders up to round %d only", tc.name, i, nd.LastLeaderRound)
			}
		}
	}
}

// TestCrashRestart: restarted validators recover what they persisted, never
// sign a second block for a round (I8, checked on every block), derive the same
// commits again, and catch up.
func TestCrashRestart(t *testing.T) {
	t.Parallel()
	res := run(t, Config{
		Validators: 7, Seed: 3, Rounds: 300, TxRate: 500, Duration: 8 * time.Second, Network: wan,
		Crashes: []Crash{
			{Node: 1, At: 2 * time.Second, Restart: 3 * time.Second},
			{Node: 1, At: 5 * time.Second, Restart: 5200 * time.Millisecond},
			{Node: 4, At: 2500 * time.Millisecond, Restart: 4 * time.Second},
		},
	})
	for _, v := range []int{1, 4} {
		nd := res.Nodes[v]
		if !nd.Up || nd.Crashes == 0 {
			t.Fatalf("validator %d: up %v, %d crashes", v, nd.Up, nd.Crashes)
		}
		if nd.LastLeaderRound+5 < res.Nodes[0].LastLeaderRound {
			t.Fatalf("validator %d did not catch up: leader round %d, validator 0 at %d", v, nd.LastLeaderRound, res.Nodes[0].LastLeaderRound)
		}
	}
}

// TestRestartWithoutRecoveryCaught shows the I8 and accountability checkers at
// work: a validator restarted with an empty store signs its rounds again.
func TestRestartWithoutRecoveryCaught(t *testing.T) {
	t.Parallel()
	c, err := Config{
		Validators: 4, Seed: 5, Rounds: 100, Network: lan,
		Crashes: []Crash{{Node: 2, At: 2 * time.Second, Restart: 2100 * time.Millisecond}},
	}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSim(c)
	if err != nil {
		t.Fatal(err)
	}
	s.nodes[2].amnesia = true
	s.run()
	s.check()
	got := strings.Join(s.violations, "\n")
	if !strings.Contains(got, "equivocation: ") || !strings.Contains(got, "evidence against honest validator 2") {
		t.Fatalf("an amnesiac restart went unnoticed; violations:\n%s", got)
	}
}

func TestEquivocatorsReported(t *testing.T) {
	t.Parallel()
	res := run(t, Config{
		Validators: 7, Seed: 9, Rounds: 300, TxRate: 1000, Duration: 8 * time.Second, Network: wan,
		Byzantine: map[int]Behavior{2: Equivocate, 5: Equivocate | Flood},
	})
	dups := uint64(0)
	for i, nd := range res.Nodes {
		if nd.Behavior != 0 {
			continue
		}
		if !slices.Equal(nd.Evidence, []int{2, 5}) {
			t.Errorf("validator %d holds evidence against %v, want [2 5]", i, nd.Evidence)
		}
		if nd.Stats.Equivocations == 0 {
			t.Errorf("validator %d counted no equivocation", i)
		}
		dups += nd.DuplicateTxs
	}
	// Both twins of a non-leader slot may be committed (pitfall 7): the
	// transactions they share are then committed twice, which the validity
	// checker allows for equivocators only.
	t.Logf("transactions committed twice from twin blocks: %d", dups)
}

// TestByzantineAlone runs each misbehaviour on its own: the honest validators
// refuse what is invalid, report what is provable, and keep committing.
func TestByzantineAlone(t *testing.T) {
	t.Parallel()
	for _, b := range behaviors {
		res := run(t, Config{
			Validators: 4, Seed: uint64(b), Rounds: 300, TxRate: 500, Duration: 8 * time.Second, Network: wan,
			Byzantine: map[int]Behavior{1: b},
		})
		var refused uint64
		for _, nd := range res.Nodes {
			if nd.Behavior == 0 {
				refused += nd.StepErrors
			}
		}
		if b&(InvalidSignatures|Flood) != 0 && refused == 0 {
			t.Errorf("%v: the honest validators refused nothing", b)
		}
		if b == Flood && res.Messages.Undecodable == 0 {
			t.Errorf("flood sent no undecodable bytes")
		}
		t.Logf("%v: honest validators refused %d messages", b, refused)
	}
}

// TestCheckersCatch feeds the checkers broken runs: each must complain.
func TestCheckersCatch(t *testing.T) {
	t.Parallel()
	base := Config{Validators: 4, Seed: 1, Rounds: 30, TxRate: 200, Duration: time.Second, Network: lan}
	for _, tc := range []struct {
		want   string
		cfg    func(*Config)
		mutate func(*sim)
	}{
		{"safety", nil, func(s *sim) { s.nodes[1].log[5].digest[0] ^= 1 }},
		{"validity", nil, func(s *sim) { s.counts[2][s.expected[7]] = 0 }},
		{"validity", nil, func(s *sim) { s.counts[3][s.expected[7]] = 2 }},
		{"liveness", nil, func(s *sim) { s.nodes[0].log = s.nodes[0].log[:1] }},
		{"liveness", nil, func(s *sim) { s.lastDisruption = s.now }},
		{"liveness", func(c *Config) { c.Rounds = 150 }, func(s *sim) { s.cfg.MinRoundRate = 1000 }}, // degraded throughput
		{"accountability", nil, func(s *sim) { s.nodes[3].behavior = Equivocate }},
		{"accountability", func(c *Config) { c.Byzantine = map[int]Behavior{3: Equivocate} }, func(s *sim) {
			for _, nd := range s.nodes {
				clear(nd.evidence)
			}
		}},
	} {
		cfg := base
		if tc.cfg != nil {
			tc.cfg(&cfg)
		}
		c, err := cfg.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		s, err := newSim(c)
		if err != nil {
			t.Fatal(err)
		}
		s.run()
		if len(s.violations) > 0 {
			t.Fatalf("clean run: %v", s.violations)
		}
		tc.mutate(s)
		s.check()
		res := s.result(0)
		err = res.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want+": ") || !strings.Contains(err.Error(), "reproduce with sim.Config{") {
			t.Errorf("%s: checkers said %v", tc.want, err)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{
		{},
		{Validators: 4},
		{Validators: 300, Rounds: 1},
		{Validators: 4, Rounds: 1, Stakes: []uint64{1, 2}},
		{Validators: 4, TotalTxs: 10},
		{Validators: 4, Rounds: 1, TxSize: 5},
		{Validators: 4, Rounds: 1, Network: NetworkConfig{LossPerMille: 1001}},
		{Validators: 4, Rounds: 1, Partitions: []Partition{{Start: 2, End: 1}}},
		{Validators: 4, Rounds: 1, Partitions: []Partition{{Start: 1, End: 2, Groups: [][]int{{0, 1}, {1}}}}},
		{Validators: 4, Rounds: 1, Crashes: []Crash{{Node: 4, At: 1}}},
		{Validators: 4, Rounds: 1, Crashes: []Crash{{Node: 1, At: 5, Restart: 3}}},
		{Validators: 4, Rounds: 1, Crashes: []Crash{{Node: 1, At: 5}, {Node: 1, At: 9}}},
		{Validators: 4, Rounds: 1, Byzantine: map[int]Behavior{7: Flood}},
		{Validators: 4, Rounds: 1, Byzantine: map[int]Behavior{1: 1 << 7}},
		{Validators: 4, Rounds: 1, Committer: func(*chain.ValidatorSet, dag.LeaderSchedule) dag.Committer { return nil }},
		{Validators: 4, Rounds: 1, NodeConfig: func(c *dag.Config) { c.GCDepth = 2 }},
		{Validators: 4, Rounds: 1, Joiners: -1},
		{Validators: 4, Rounds: 1, SetChanges: []SetChange{{At: time.Second, Leave: []int{4}}}},
		{Validators: 4, Rounds: 1, Joiners: 1, SetChanges: []SetChange{{At: time.Second, Join: []int{4}}, {At: 2 * time.Second, Join: []int{4}}}},
		{Validators: 4, Rounds: 1, SetChanges: []SetChange{{At: time.Second, Restake: []Stake{{Node: 1}}}}},
		{Validators: 4, Rounds: 1, SetChanges: []SetChange{{At: 2 * time.Second}, {At: time.Second}}},
		{Validators: 4, Rounds: 1, SetChanges: []SetChange{{At: time.Second}}, Crashes: []Crash{{Node: 1, At: 1}}},
		{Validators: 4, Rounds: 1, ServeCost: -1},
	} {
		if _, err := Run(cfg); err == nil {
			t.Errorf("Run(%v) = nil error", cfg)
		}
	}
}

// TestExpJitter: the jitter's mean is near the configured one, with a tail.
func TestExpJitter(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	const mean, n = 10 * time.Millisecond, 200000
	var sum, top time.Duration
	over := 0
	for i := 0; i < n; i++ {
		d := expJitter(r, mean)
		if d < 0 {
			t.Fatalf("negative jitter %v", d)
		}
		sum += d
		top = max(top, d)
		if d > 5*mean {
			over++
		}
	}
	avg := sum / n
	if avg < 9*time.Millisecond || avg > 11*time.Millisecond {
		t.Fatalf("mean jitter %v, want about %v", avg, mean)
	}
	// An exponential tail: P(X > 5 mean) = e^-5, about 0.7%.
	if over < n/400 || over > n/70 {
		t.Fatalf("%d of %d draws above 5x the mean", over, n)
	}
	t.Logf("mean %v, max %v, %.2f%% above 5x the mean", avg, top, 100*float64(over)/n)
}

func TestVerifyCache(t *testing.T) {
	t.Parallel()
	set, keys := testValidators(t, 2)
	c := newVerifyCache(chain.Ed25519Verifier{}, 4)
	msg := make([]byte, 32)
	sig, _ := keys[0].Sign(msg)
	pub := set.Key(0)
	for i := 0; i < 3; i++ {
		if !c.Verify(pub, msg, sig) {
			t.Fatal("a good signature failed")
		}
	}
	bad := slices.Clone(sig)
	bad[0] ^= 1
	for i := 0; i < 2; i++ {
		if c.Verify(pub, msg, bad) || c.Verify(set.Key(1), msg, sig) {
			t.Fatal("a bad signature passed")
		}
	}
	if c.stats.Calls != 7 || c.stats.Hits != 4 {
		t.Fatalf("stats %+v, want 7 calls and 4 hits", c.stats)
	}
	for i := 0; i < 10; i++ {
		msg[0] = byte(i)
		c.Verify(pub, msg, sig)
		if len(c.m) > 4 {
			t.Fatalf("cache holds %d entries, bound 4", len(c.m))
		}
	}
	if c.Verify(pub, []byte("not a digest"), sig) {
		t.Fatal("a signature over another message passed")
	}
}

func testValidators(t *testing.T, n int) (*chain.ValidatorSet, []chain.Signer) {
	s, err := newSim(Config{Validators: n, Seed: 1, TickInterval: time.Millisecond, LivenessBound: time.Second, MaxTime: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s.set, s.signers
}

func TestBehaviorString(t *testing.T) {
	t.Parallel()
	for b, want := range map[Behavior]string{
		0:                        "honest",
		Equivocate:               "equivocate",
		Withhold | Flood:         "withhold+flood",
		InvalidSignatures | 0x80: "invalid-signatures+Behavior(0x80)",
		BogusParents:             "bogus-parents",
		Equivocate | FloodRefs:   "equivocate+flood-refs",
	} {
		if got := b.String(); got != want {
			t.Errorf("%d: %q, want %q", b, got, want)
		}
	}
}
