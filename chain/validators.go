package chain

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"
)

// Validator is one member of a validator set.
type Validator struct {
	// Key is the validator's ed25519 consensus key (also its libp2p identity).
	Key ed25519.PublicKey
	// Stake is its voting power, at least 1.
	Stake uint64
	// Name is for people and logs, at most 64 bytes.
	Name string
}

// MaxValidators bounds a validator set.
const MaxValidators = 1024

// maxTotalStake keeps stake sums, and 3x them, far from overflow.
const maxTotalStake = math.MaxUint64 >> 2

// ValidatorSet is an ordered, immutable set of validators with stake-weighted
// quorum math. Validators are identified by their index in the set.
//
// With total stake T, a quorum is more than 2/3 of T (floor(2T/3)+1) and validity
// is at least 1/3 of T (ceil(T/3)): with T = 3f+1 equal stakes, 2f+1 and f+1.
type ValidatorSet struct {
	vals   []Validator
	total  uint64
	byKey  map[string]uint32
	digest Digest
}

// NewValidatorSet checks and freezes a validator set: 1 to MaxValidators members,
// distinct valid keys, stakes at least 1, total stake below 2^62.
func NewValidatorSet(vals []Validator) (*ValidatorSet, error) {
	if len(vals) == 0 || len(vals) > MaxValidators {
		return nil, fmt.Errorf("%w: %d validators, want 1 to %d", ErrInvalidValidatorSet, len(vals), MaxValidators)
	}
	s := &ValidatorSet{vals: make([]Validator, len(vals)), byKey: make(map[string]uint32, len(vals))}
	h := sha256.New()
	h.Write([]byte("depinkit/validator-set/v1\x00"))
	for i, v := range vals {
		if len(v.Key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: validators[%d].key is %d bytes, want %d", ErrInvalidValidatorSet, i, len(v.Key), ed25519.PublicKeySize)
		}
		if v.Stake == 0 {
			return nil, fmt.Errorf("%w: validators[%d].stake is 0", ErrInvalidValidatorSet, i)
		}
		if len(v.Name) > 64 || !utf8.ValidString(v.Name) {
			return nil, fmt.Errorf("%w: validators[%d].name: want at most 64 bytes of UTF-8", ErrInvalidValidatorSet, i)
		}
		if _, dup := s.byKey[string(v.Key)]; dup {
			return nil, fmt.Errorf("%w: validators[%d].key repeats an earlier validator's", ErrInvalidValidatorSet, i)
		}
		if v.Stake > maxTotalStake || s.total > maxTotalStake-v.Stake {
			return nil, fmt.Errorf("%w: total stake overflows", ErrInvalidValidatorSet)
		}
		s.total += v.Stake
		s.vals[i] = Validator{Key: bytes.Clone(v.Key), Stake: v.Stake, Name: v.Name}
		s.byKey[string(v.Key)] = uint32(i)
		h.Write(v.Key)
		h.Write(binary.BigEndian.AppendUint64(nil, v.Stake))
	}
	h.Sum(s.digest[:0])
	return s, nil
}

// Len returns the number of validators.
func (s *ValidatorSet) Len() int { return len(s.vals) }

// Validator returns validator i. It panics if i is out of range: check with Len.
func (s *ValidatorSet) Validator(i uint32) Validator { return s.vals[i] }

// Valid reports whether i is a validator index.
func (s *ValidatorSet) Valid(i uint32) bool { return int(i) < len(s.vals) }

// Stake returns the stake of validator i, and 0 for an invalid index.
func (s *ValidatorSet) Stake(i uint32) uint64 {
	if !s.Valid(i) {
		return 0
	}
	return s.vals[i].Stake
}

// Key returns the key of validator i.
func (s *ValidatorSet) Key(i uint32) ed25519.PublicKey { return s.vals[i].Key }

// Index returns the index of the validator with key, and false if none has it.
func (s *ValidatorSet) Index(key ed25519.PublicKey) (uint32, bool) {
	i, ok := s.byKey[string(key)]
	return i, ok
}

// TotalStake returns the sum of all stakes.
func (s *ValidatorSet) TotalStake() uint64 { return s.total }

// QuorumThreshold returns floor(2T/3)+1: the least stake that is more than 2/3.
func (s *ValidatorSet) QuorumThreshold() uint64 { return 2*s.total/3 + 1 }

// ValidityThreshold returns ceil(T/3): the least stake that includes an honest
// validator when less than 1/3 is faulty.
func (s *ValidatorSet) ValidityThreshold() uint64 { return (s.total + 2) / 3 }

// IsQuorum reports whether stake reaches a quorum.
func (s *ValidatorSet) IsQuorum(stake uint64) bool { return stake >= s.QuorumThreshold() }

// IsValidity reports whether stake reaches validity (f+1).
func (s *ValidatorSet) IsValidity(stake uint64) bool { return stake >= s.ValidityThreshold() }

// Digest identifies the set: SHA-256 over its keys and stakes in order (names are
// not part of it).
func (s *ValidatorSet) Digest() Digest { return s.digest }

// Validators returns a copy of the members in order.
func (s *ValidatorSet) Validators() []Validator {
	out := make([]Validator, len(s.vals))
	for i, v := range s.vals {
		out[i] = Validator{Key: bytes.Clone(v.Key), Stake: v.Stake, Name: v.Name}
	}
	return out
}

// StakeAggregator sums the stake of distinct validators: a validator counts once
// however many times it is added (pitfall: counting blocks instead of authors
// double-counts equivocators).
type StakeAggregator struct {
	set   *ValidatorSet
	seen  []bool
	stake uint64
}

// NewStakeAggregator returns an empty aggregator over set.
func NewStakeAggregator(set *ValidatorSet) *StakeAggregator {
	return &StakeAggregator{set: set, seen: make([]bool, set.Len())}
}

// Add counts validator i once and returns the stake so far. Invalid indices are ignored.
func (a *StakeAggregator) Add(i uint32) uint64 {
	if a.set.Valid(i) && !a.seen[i] {
		a.seen[i] = true
		a.stake += a.set.vals[i].Stake
	}
	return a.stake
}

// Stake returns the stake counted so far.
func (a *StakeAggregator) Stake() uint64 { return a.stake }

// Quorum reports whether the stake counted reaches a quorum.
func (a *StakeAggregator) Quorum() bool { return a.set.IsQuorum(a.stake) }

// Validity reports whether the stake counted reaches validity.
func (a *StakeAggregator) Validity() bool { return a.set.IsValidity(a.stake) }

// Reset empties the aggregator.
func (a *StakeAggregator) Reset() {
	clear(a.seen)
	a.stake = 0
}
