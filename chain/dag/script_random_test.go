package dag

// Randomized tests of the commit rule, after Sui's
// test_randomized_dag_all_direct_commit and test_randomized_dag_and_decision_sequence
// (notes, section 9): seeded random DAGs where each block links a quorum of the
// previous round's blocks, plus each leader of the previous round with some
// probability.

import (
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

const scriptRandomSeeds = 60

// randomDAGOptions shape a random DAG.
type randomDAGOptions struct {
	n       int
	rounds  int
	leaders int     // leaders per round of the round-robin schedule
	include float64 // chance that a block links each leader of the previous round
	// byzantine authors (the last ones) sign a second block for a round with
	// chance twin.
	byzantine int
	twin      float64
	// miss is the chance that an author has no block in a round (at most as many
	// per round as leave a quorum); weak is the chance that a block links the
	// latest block of an author missing from the previous round.
	miss, weak float64
}

func (o randomDAGOptions) String() string {
	return fmt.Sprintf("n=%d rounds=%d leaders=%d include=%.0f%% byzantine=%d", o.n, o.rounds, o.leaders, 100*o.include, o.byzantine)
}

// randomDAG returns signed blocks in a causal order (round by round).
func randomDAG(t testing.TB, rng *rand.Rand, o randomDAGOptions) (*chain.ValidatorSet, []ed25519.PrivateKey, []*Block) {
	keys := testKeys(o.n)
	set := testSet(t, keys)
	sched := RoundRobin{N: o.n}
	q := int(set.QuorumThreshold()) // equal stakes of 1
	prev := make([][]BlockRef, o.n) // blocks of the previous round, per author
	latest := make([]BlockRef, o.n) // each author's latest first block
	for a := range o.n {
		latest[a] = genesisRef(0, set, uint32(a))
		prev[a] = []BlockRef{latest[a]}
	}
	var out []*Block
	for r := uint64(1); r <= uint64(o.rounds); r++ {
		missing := make([]bool, o.n)
		for budget, a := o.n-q, 0; a < o.n && budget > 0; a++ {
			if rng.Float64() < o.miss {
				missing[a], budget = true, budget-1
			}
		}
		// The leaders of the previous round each block must or must not link.
		var leaders []uint32
		for k := range o.leaders {
			if r > 1 {
				leaders = append(leaders, sched.Leader(r-1, k))
			}
		}
		cur := make([][]BlockRef, o.n)
		for a := range uint32(o.n) {
			if missing[a] {
				continue
			}
			copies := 1
			if int(a) >= o.n-o.byzantine && rng.Float64() < o.twin {
				copies = 2
			}
			for twin := range copies {
				own := latest[a]
				if len(prev[a]) > 0 {
					own = prev[a][rng.IntN(len(prev[a]))]
				}
				pick := make([]bool, o.n)
				pick[a] = true
				count := 0
				if own.Round == r-1 {
					count++
				}
				excluded := make([]bool, o.n)
				for _, l := range leaders {
					if l == a || len(prev[l]) == 0 {
						continue
					}
					if rng.Float64() < o.include {
						pick[l] = true
						count++
					} else {
						excluded[l] = true
					}
				}
				// Random others up to a quorum; the excluded leaders only if
				// nothing else is left.
				for _, pass := range []bool{false, true} {
					for _, b := range rng.Perm(o.n) {
						if count >= q {
							break
						}
						if !pick[b] && len(prev[b]) > 0 && excluded[b] == pass {
							pick[b] = true
							count++
						}
					}
				}
				parents := []BlockRef{own}
				for b := range o.n {
					switch {
					case uint32(b) == a:
					case pick[b]:
						parents = append(parents, prev[b][rng.IntN(len(prev[b]))])
					case len(prev[b]) == 0 && latest[b].Round > 0 && rng.Float64() < o.weak:
						parents = append(parents, latest[b]) // a weak link
					}
				}
				blk, err := newTestBlock(keys[a], r, a, twin, parents)
				require.NoError(t, err)
				out = append(out, blk)
				cur[a] = append(cur[a], blk.Ref())
			}
		}
		for a := range o.n {
			if len(cur[a]) > 0 {
				latest[a] = cur[a][0]
			}
		}
		prev = cur
	}
	return set, keys, out
}

// randomOptions draws the shape of a DAG for one seed.
func randomOptions(rng *rand.Rand, include float64, faults bool) randomDAGOptions {
	o := randomDAGOptions{n: 4 + rng.IntN(6), rounds: 30, leaders: 1 + rng.IntN(2), include: include}
	if faults {
		o.byzantine = rng.IntN((o.n-1)/3 + 1)
		o.twin, o.miss, o.weak = 0.3, 0.1, 0.5
	}
	return o
}

func buildDAG(t testing.TB, set *chain.ValidatorSet, blocks []*Block) *scriptDAG {
	d := newScriptDAG(set)
	for _, b := range blocks {
		require.NoError(t, d.add(b))
	}
	return d
}

// TestScriptRandomAllDirect: when every block links every leader of the
// previous round and nobody is faulty, every slot up to round H-2 commits
// directly, with the scheduled author's block (I7).
func TestScriptRandomAllDirect(t *testing.T) {
	for seed := range uint64(scriptRandomSeeds) {
		rng := rand.New(rand.NewPCG(seed, 0xda6))
		o := randomOptions(rng, 1, false)
		set, _, blocks := randomDAG(t, rng, o)
		d := buildDAG(t, set, blocks)
		m, err := NewMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
		require.NoError(t, err)
		ds, err := m.TryDecide(d, LeaderSlot{})
		require.NoError(t, err)
		require.Len(t, ds, (o.rounds-2)*o.leaders, "seed %d, %s", seed, o)
		for i, dec := range ds {
			r, k := uint64(i/o.leaders+1), i%o.leaders
			want := LeaderSlot{Round: r, Offset: k, Author: uint32((r + uint64(k)) % uint64(o.n))}
			require.Equal(t, want, dec.Slot, "seed %d, %s", seed, o)
			require.Equal(t, Commit, dec.Kind, "seed %d, %s: %s", seed, o, dec)
			require.True(t, dec.Direct, "seed %d, %s: %s", seed, o, dec)
			require.Equal(t, d.SlotBlocks(Slot{Round: r, Author: want.Author})[0], dec.Leader)
		}
		ref, err := newRefMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
		require.NoError(t, err)
		rds, err := ref.TryDecide(d, LeaderSlot{})
		require.NoError(t, err)
		require.True(t, sameDecisions(ds, rds, true), "seed %d, %s: the reference disagrees", seed, o)
	}
}

// decisionStats counts what the randomized runs decided, to show they cover
// every kind of decision.
type decisionStats struct{ slots, direct, indirect, skips, commits, equivocations int }

// TestScriptRandomPrefixStable: with leaders linked half of the time, some
// validators Byzantine (twins), missing blocks and weak links, the DAG is
// revealed round by round and then in random causal chunks. After every step
// TryDecide must agree with the reference rule, be idempotent, extend what it
// decided before without changing it (I3), and a restart from the last decided
// slot must give exactly the new suffix (R6).
//
// At 50% a leader is as likely to be linked as not, so most slots need the
// indirect rule and many DAGs decide little; 80% gives longer sequences.
func TestScriptRandomPrefixStable(t *testing.T) {
	for _, c := range []struct {
		include float64
		seeds   uint64
	}{{0.5, scriptRandomSeeds}, {0.8, scriptRandomSeeds / 2}} {
		t.Run(fmt.Sprintf("include=%.0f%%", 100*c.include), func(t *testing.T) {
			checkPrefixStable(t, c.include, c.seeds)
		})
	}
}

func checkPrefixStable(t *testing.T, include float64, seeds uint64) {
	var st decisionStats
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(seed, 0x5ab1e))
		o := randomOptions(rng, include, true)
		set, _, blocks := randomDAG(t, rng, o)
		m, err := NewMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
		require.NoError(t, err)
		ref, err := newRefMysticeti(RoundRobin{N: o.n}, o.leaders, o.n)
		require.NoError(t, err)
		where := fmt.Sprintf("seed %d, %s", seed, o)

		// Round by round: the direct rule sees whole rounds, so even how each
		// slot was decided is stable.
		d := newScriptDAG(set)
		var prev []Decision
		for i := 0; i < len(blocks); {
			r := blocks[i].Round
			for ; i < len(blocks) && blocks[i].Round == r; i++ {
				require.NoError(t, d.add(blocks[i]))
			}
			prev = checkStep(t, m, ref, d, prev, true, fmt.Sprintf("%s, round %d", where, r))
		}
		for _, dec := range prev {
			if dec.Direct {
				st.direct++
			} else {
				st.indirect++
			}
			if dec.Kind == Skip {
				st.skips++
			} else {
				st.commits++
			}
		}
		full := prev
		st.slots += (o.rounds - 2) * o.leaders

		// Random causal order in random chunks: a late block at r+2 can turn an
		// indirect decision into a direct one, so only slot, kind and leader
		// must be stable.
		d = newScriptDAG(set)
		prev = nil
		pending := slices.Clone(blocks)
		for step := 0; len(pending) > 0; step++ {
			for range 1 + rng.IntN(2*o.n) {
				// A random block whose parents are all in.
				var cands []int
				for j, b := range pending {
					if parentsIn(d, b) {
						cands = append(cands, j)
					}
				}
				if len(cands) == 0 {
					break
				}
				j := cands[rng.IntN(len(cands))]
				require.NoError(t, d.add(pending[j]))
				pending = slices.Delete(pending, j, j+1)
			}
			prev = checkStep(t, m, ref, d, prev, false, fmt.Sprintf("%s, chunk %d", where, step))
		}
		require.True(t, sameDecisions(prev, full, false), "%s: the two reveal orders end differently", where)
		for a := range uint32(o.n) {
			for r := uint64(1); r <= uint64(o.rounds); r++ {
				if len(d.SlotBlocks(Slot{Round: r, Author: a})) > 1 {
					st.equivocations++
				}
			}
		}
	}
	t.Logf("%d seeds: %+v", seeds, st)
	// The runs must exercise every path of the rule.
	require.Positive(t, st.indirect)
	require.Positive(t, st.skips)
	require.Positive(t, st.equivocations)
}

func parentsIn(d *scriptDAG, b *Block) bool {
	for _, p := range b.Parents {
		if d.Block(p) == nil {
			return false
		}
	}
	return true
}

// checkStep runs the checks of TestScriptRandomPrefixStable on the DAG as it is
// now, given the decisions of the previous step, and returns the new ones.
func checkStep(t *testing.T, m, ref Committer, d DAG, prev []Decision, direct bool, where string) []Decision {
	t.Helper()
	ds, err := m.TryDecide(d, LeaderSlot{})
	require.NoError(t, err, where)
	again, err := m.TryDecide(d, LeaderSlot{})
	require.NoError(t, err, where)
	require.True(t, sameDecisions(ds, again, true), "%s: a second run differs", where)
	rds, err := ref.TryDecide(d, LeaderSlot{})
	require.NoError(t, err, where)
	require.True(t, sameDecisions(ds, rds, true), "%s: mysticeti %v, reference %v", where, ds, rds)
	require.GreaterOrEqual(t, len(ds), len(prev), "%s: fewer decisions than before", where)
	require.True(t, sameDecisions(ds[:len(prev)], prev, direct), "%s: earlier decisions changed: %v, then %v", where, prev, ds)
	if len(prev) > 0 {
		rest, err := m.TryDecide(d, prev[len(prev)-1].Slot)
		require.NoError(t, err, where)
		require.True(t, sameDecisions(rest, ds[len(prev):], true), "%s: restart from %s gives %v, want %v", where, prev[len(prev)-1].Slot, rest, ds[len(prev):])
	}
	return ds
}
