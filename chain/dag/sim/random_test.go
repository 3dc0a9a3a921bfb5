package sim

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

// behaviors are the misbehaviours the randomized runs draw from.
var behaviors = []Behavior{Equivocate, Withhold, InvalidSignatures, BogusParents, Flood}

// randomConfig draws a scenario from seed: n validators (sometimes with unequal
// stakes), up to f of them Byzantine (a random mix of misbehaviours, a
// quarter of them flooding with real digests) or
// crashing (most restart), up to two partitions that heal, a network with
// latency, jitter and loss, a client, and a commit rule. The faulty validators
// always leave the others a quorum; partitions come on top (they only delay).
func randomConfig(n int, seed uint64) Config { return scenario(n, seed, false) }

// scenario is randomConfig. With classic, the seeds that would run chain/dag's
// default leaders per round run one leader per round, the default until
// af110d1 (now min(n, 4)): the seeds of earlier campaigns replay as they ran.
func scenario(n int, seed uint64, classic bool) Config {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	r2 := rand.New(rand.NewPCG(seed, 0x1ead)) // draws added later, so r's stay put
	r3 := rand.New(rand.NewPCG(seed, 0xf10d)) // and later still, so r2's do too
	r4 := rand.New(rand.NewPCG(seed, 0xe90c)) // validator-set changes
	ms := func(lo, hi int) time.Duration { return time.Duration(lo+r.IntN(hi-lo+1)) * time.Millisecond }
	cfg := Config{
		Validators:    n,
		Seed:          seed,
		Rounds:        300,
		Duration:      10 * time.Second,
		TxSize:        16 + r.IntN(112),
		TxRate:        100 + r.IntN(900),
		RandomTargets: r.IntN(2) == 0,
		Network: NetworkConfig{
			Latency:      ms(1, 40),
			Jitter:       ms(0, 30),
			LossPerMille: []int{0, 0, 5, 20, 50}[r.IntN(5)],
		},
	}
	// Faulty validators: up to f of n with equal stakes; with random stakes (a
	// quarter of the seeds), as many as leave the others a quorum.
	var faulty []int
	if r.IntN(4) == 0 {
		cfg.Stakes = make([]uint64, n)
		var total uint64
		for i := range cfg.Stakes {
			cfg.Stakes[i] = 1 + r.Uint64N(3)
			total += cfg.Stakes[i]
		}
		quorum, honest := 2*total/3+1, total
		for _, v := range r.Perm(n) {
			if honest-cfg.Stakes[v] >= quorum {
				honest -= cfg.Stakes[v]
				faulty = append(faulty, v)
			}
		}
	} else {
		faulty = r.Perm(n)[:(n-1)/3]
	}
	byz := r.IntN(len(faulty) + 1)
	for _, v := range faulty[:byz] {
		if cfg.Byzantine == nil {
			cfg.Byzantine = map[int]Behavior{}
		}
		var b Behavior
		for b == 0 {
			for _, x := range behaviors {
				if r.IntN(3) == 0 {
					b |= x
				}
			}
		}
		if r3.IntN(4) == 0 {
			b |= FloodRefs
		}
		cfg.Byzantine[v] = b
	}
	// Serving costs time (and the per-peer serving bound then binds) where a
	// validator floods with real digests, and in a fifth of the other seeds.
	for _, b := range cfg.Byzantine {
		if b&FloodRefs != 0 {
			cfg.ServeCost = 20 * time.Microsecond
		}
	}
	if r3.IntN(5) == 0 {
		cfg.ServeCost = 20 * time.Microsecond
	}
	for _, v := range faulty[byz:] {
		at := ms(500, 9000)
		c := Crash{Node: v, At: at}
		if r.IntN(4) != 0 {
			c.Restart = at + ms(100, 1500)
		}
		cfg.Crashes = append(cfg.Crashes, c)
	}
	// The commit rule: mostly Mysticeti with the default leaders per round or
	// one, sometimes 2 to n leaders per round, sometimes Bullshark (only
	// without equivocation, which it is not built for: see dag.Bullshark).
	switch k := r.IntN(10); {
	case k < 6:
		if classic || r2.IntN(2) == 0 {
			cfg.NodeConfig = func(c *dag.Config) { c.LeadersPerRound = 1 }
		}
	case k < 8:
		leaders := 2 + r.IntN(n-1)
		cfg.NodeConfig = func(c *dag.Config) { c.LeadersPerRound = leaders }
	default:
		for v, b := range cfg.Byzantine {
			cfg.Byzantine[v] = b &^ (Equivocate | BogusParents)
			if cfg.Byzantine[v] == 0 {
				cfg.Byzantine[v] = Withhold
			}
		}
		cfg.Committer = func(_ *chain.ValidatorSet, s dag.LeaderSchedule) dag.Committer { return dag.NewBullshark(s) }
	}
	if !classic && r2.IntN(5) == 0 {
		// Commit sync: a small GC depth, and some restarts long after it (ten
		// to twenty GC depths of rounds) or with a wiped store.
		gc := uint64(6 + r2.IntN(10))
		inner := cfg.NodeConfig
		cfg.NodeConfig = func(c *dag.Config) {
			if inner != nil {
				inner(c)
			}
			c.GCDepth = gc
		}
		for i := range cfg.Crashes {
			c := &cfg.Crashes[i]
			if c.Restart == 0 {
				continue
			}
			if r2.IntN(2) == 0 {
				c.Restart = c.At + time.Duration(int(gc)*(10+r2.IntN(11)))*60*time.Millisecond
			}
			c.Wipe = r2.IntN(3) == 0
		}
	}
	if !classic && len(cfg.Crashes) == 0 && cfg.Committer == nil && r4.IntN(3) == 0 {
		setChanges(&cfg, r4)
	}
	for k := r.IntN(3); k > 0; k-- {
		start := ms(500, 10000)
		p := Partition{Start: start, End: start + ms(100, 2000)}
		var a, b []int
		for _, v := range r.Perm(n) {
			if r.IntN(2) == 0 {
				a = append(a, v)
			} else {
				b = append(b, v)
			}
		}
		p.Groups = [][]int{a, b}
		cfg.Partitions = append(cfg.Partitions, p)
	}
	for i := range cfg.Partitions { // joiners take a side too
		for j := n; j < n+cfg.Joiners; j++ {
			g := &cfg.Partitions[i].Groups[r4.IntN(2)]
			*g = append(*g, j)
		}
	}
	return cfg
}

// setChanges draws one to three validator-set changes, a second and a half
// to three seconds apart from 1.5s on: a honest validator joins, a validator
// leaves, or one is restaked (1 to 3). A change that would leave fewer than
// four validators, or give the Byzantine ones a third of the stake or more,
// is not made.
func setChanges(cfg *Config, r *rand.Rand) {
	n := cfg.Validators
	stake := map[int]uint64{}
	members := make([]int, n)
	for i := range members {
		members[i] = i
		stake[i] = 1
		if cfg.Stakes != nil {
			stake[i] = cfg.Stakes[i]
		}
	}
	safe := func(members []int) bool {
		var total, byz uint64
		for _, v := range members {
			total += stake[v]
			if cfg.Byzantine[v] != 0 {
				byz += stake[v]
			}
		}
		return len(members) >= 4 && 3*byz < total
	}
	at := time.Duration(0)
	for k := 1 + r.IntN(3); k > 0; k-- {
		at += time.Duration(1500+r.IntN(1501)) * time.Millisecond
		ch := SetChange{At: at}
		switch r.IntN(3) {
		case 0:
			j := n + cfg.Joiners
			cfg.Joiners++
			stake[j] = 1
			members = append(members, j)
			ch.Join = []int{j}
		case 1:
			i := r.IntN(len(members))
			v := members[i]
			rest := slices.Delete(slices.Clone(members), i, i+1)
			if !safe(rest) {
				continue
			}
			members = rest
			ch.Leave = []int{v}
		default:
			v := members[r.IntN(len(members))]
			old := stake[v]
			stake[v] = 1 + r.Uint64N(3)
			if !safe(members) {
				stake[v] = old
				continue
			}
			ch.Restake = []Stake{{Node: v, Stake: stake[v]}}
		}
		cfg.SetChanges = append(cfg.SetChanges, ch)
	}
}

// seedCounts: the default seeds per committee size, scaled to
// DEPINKIT_SIM_SEEDS in total if set.
func seedCounts(t *testing.T) map[int]int {
	counts := map[int]int{4: 60, 7: 30, 10: 20}
	if v := os.Getenv("DEPINKIT_SIM_SEEDS"); v != "" {
		total, err := strconv.Atoi(v)
		if err != nil || total < 1 {
			t.Fatalf("DEPINKIT_SIM_SEEDS=%q: want a positive integer", v)
		}
		counts = split(total)
	}
	return counts
}

// split shares total seeds out over the committee sizes: 45% n=4, 30% n=7,
// the rest n=10.
func split(total int) map[int]int {
	return map[int]int{4: max(1, total*45/100), 7: max(1, total*30/100), 10: max(1, total-total*45/100-total*30/100)}
}

// seedStart: per committee size, the index of the first seed, so that
// DEPINKIT_SIM_SEED_OFFSET=M with DEPINKIT_SIM_SEEDS=N runs the seeds a run
// of M+N would run after those a run of M would (a long campaign in chunks,
// or on several machines). Zero without it.
func seedStart(t *testing.T) map[int]int {
	v := os.Getenv("DEPINKIT_SIM_SEED_OFFSET")
	if v == "" {
		return map[int]int{}
	}
	m, err := strconv.Atoi(v)
	if err != nil || m < 1 {
		t.Fatalf("DEPINKIT_SIM_SEED_OFFSET=%q: want a positive integer", v)
	}
	return split(m)
}

func TestRandomized(t *testing.T) {
	counts, start := seedCounts(t), seedStart(t)
	one := os.Getenv("DEPINKIT_SIM_SEED")
	for _, n := range []int{4, 7, 10} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			t.Parallel()
			seeds := make([]uint64, counts[n])
			for i := range seeds {
				seeds[i] = uint64(n)<<32 | uint64(start[n]+i)
			}
			if one != "" {
				s, err := strconv.ParseUint(one, 10, 64)
				if err != nil {
					t.Fatalf("DEPINKIT_SIM_SEED=%q: %v", one, err)
				}
				if int(s>>32) != n {
					t.Skip("DEPINKIT_SIM_SEED is for another committee size")
				}
				seeds = []uint64{s}
			}
			// The seeds run on every core (each is independent: the totals
			// are sums, whatever the order). A seed that cannot run stops the
			// campaign (fail); a seed whose checks fail is reported and the
			// others go on.
			var (
				mu                               sync.Mutex
				rounds, events                   uint64
				virtual                          time.Duration
				bounded, judged, changed, epochs int
				failed                           bool
			)
			fail := func(format string, args ...any) {
				mu.Lock()
				defer mu.Unlock()
				failed = true
				t.Errorf(format, args...)
			}
			work := make(chan uint64)
			var wg sync.WaitGroup
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for seed := range work {
						rerun := fmt.Sprintf("rerun: DEPINKIT_SIM_SEED=%d go test -run 'TestRandomized/n=%d' ./chain/dag/sim/", seed, n)
						cfg := randomConfig(n, seed)
						if err := degradedBound(&cfg); err != nil {
							fail("seed %d: all-up baseline: %v\n%s", seed, err, rerun)
							continue
						}
						res, err := Run(cfg)
						if err != nil {
							fail("seed %d: %v\n%s", seed, err, rerun)
							continue
						}
						mu.Lock()
						if err := res.Check(); err != nil {
							t.Errorf("%v\n%s", err, rerun)
						}
						if testing.Verbose() {
							t.Logf("%v %v", res, cfg.Byzantine)
						}
						rounds += res.Rounds
						events += res.Events
						virtual += res.VirtualTime
						if len(cfg.SetChanges) > 0 {
							changed++
							for _, nd := range res.Nodes {
								if nd.Up && nd.Behavior == 0 {
									epochs += int(nd.Epoch)
									break
								}
							}
						}
						if b := cfg.Throughput; b != nil {
							bounded++
							if res.RateJudged > 0 {
								judged++
								if testing.Verbose() {
									t.Logf("seed %d: commit rate %d per mille of the all-up %d per 1000 s (bound %d)", seed, res.CommitRate*1000/b.Baseline, b.Baseline, b.MinPerMille)
								}
							}
						}
						mu.Unlock()
					}
				})
			}
			for _, seed := range seeds {
				mu.Lock()
				stop := failed
				mu.Unlock()
				if stop {
					break
				}
				work <- seed
			}
			close(work)
			wg.Wait()
			t.Logf("%d seeds: %d rounds, %v virtual, %d events; throughput bounded in %d seeds, judged in %d; validator-set changes in %d seeds, %d epoch changes", len(seeds), rounds, virtual, events, bounded, judged, changed, epochs)
		})
	}
}

// degradedBound sets cfg.Throughput for a scenario the degraded-throughput
// bound applies to: crashes only (no Byzantine validator), equal stakes, no
// loss (the network is synchronous once partitions heal), Mysticeti with
// leader reputation on (the default). The baseline is the commit rate of the
// same seed with every validator up (allUp); the bound is (n-c)/n of it minus
// 15% for c validators that crash (see ThroughputBound). Other scenarios are
// left unbounded.
func degradedBound(cfg *Config) error {
	if len(cfg.Byzantine) > 0 || len(cfg.Crashes) == 0 || cfg.Stakes != nil || cfg.Network.LossPerMille > 0 || cfg.Committer != nil {
		return nil
	}
	res, err := Run(allUp(*cfg))
	if err != nil {
		return err
	}
	if err := res.Check(); err != nil {
		return err
	}
	if res.RateJudged == 0 {
		return nil
	}
	crashed := map[int]bool{}
	for _, c := range cfg.Crashes {
		crashed[c.Node] = true
	}
	n := uint64(cfg.Validators)
	cfg.Throughput = &ThroughputBound{Baseline: res.CommitRate, MinPerMille: 1000*(n-uint64(len(crashed)))/n - 150}
	return nil
}

// allUp is cfg with every validator up and honest all along.
func allUp(cfg Config) Config {
	cfg.Crashes, cfg.Partitions, cfg.Byzantine, cfg.Throughput = nil, nil, nil, nil
	return cfg
}
