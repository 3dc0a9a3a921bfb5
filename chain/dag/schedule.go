package dag

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"

	"github.com/depinkit/depinkit/chain"
)

// LeaderSchedule elects the leaders of each round. It must be a pure function of
// its inputs, the same on every validator.
type LeaderSchedule interface {
	// Leader returns the author of leader slot k (0 <= k < leaders per round) of
	// round. Distinct k of one round give distinct authors.
	Leader(round uint64, k int) uint32
}

// roundSchedule is a LeaderSchedule that elects all the leader slots of a round
// at once and may leave some out (the reputation schedule, when fewer good
// validators than slots are left). Mysticeti asks it instead of Leader.
type roundSchedule interface {
	// roundLeaders returns the slots of offsets 0..leaders-1 of round that
	// have a leader, in offset order, with distinct authors.
	roundLeaders(round uint64, leaders int) []LeaderSlot
}

// StakeSchedule elects leaders at random in proportion to stake, seeded: the
// leaders of a round are a stake-weighted sample without replacement, drawn with a
// ChaCha8 generator keyed by SHA-256(seed, round).
type StakeSchedule struct {
	set  *chain.ValidatorSet
	seed [32]byte
}

// NewStakeSchedule returns the stake-weighted schedule of set under seed.
func NewStakeSchedule(set *chain.ValidatorSet, seed [32]byte) *StakeSchedule {
	return &StakeSchedule{set: set, seed: seed}
}

// Leader implements LeaderSchedule.
func (s *StakeSchedule) Leader(round uint64, k int) uint32 {
	h := sha256.New()
	h.Write([]byte("depinkit/leader-schedule/v1\x00"))
	h.Write(s.seed[:])
	h.Write(binary.BigEndian.AppendUint64(nil, round))
	var key [32]byte
	h.Sum(key[:0])
	rng := rand.New(rand.NewChaCha8(key))
	n := s.set.Len()
	taken := make([]bool, n)
	remaining := s.set.TotalStake()
	var pick uint32
	for draw := 0; draw <= k && draw < n; draw++ {
		x := rng.Uint64N(remaining)
		for i := 0; i < n; i++ {
			if taken[i] {
				continue
			}
			st := s.set.Stake(uint32(i))
			if x < st {
				pick = uint32(i)
				break
			}
			x -= st
		}
		taken[pick] = true
		remaining -= s.set.Stake(pick)
	}
	return pick
}

// RoundRobin elects (round + k) mod n: predictable, for tests and hand-drawn DAGs.
type RoundRobin struct{ N int }

// Leader implements LeaderSchedule.
func (r RoundRobin) Leader(round uint64, k int) uint32 {
	return uint32((round + uint64(k)) % uint64(r.N))
}
