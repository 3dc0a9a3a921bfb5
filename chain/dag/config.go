package dag

import (
	"fmt"
	"time"

	"github.com/depinkit/depinkit/chain"
)

// Config configures a RawNode. Signer and Validators are required; every other
// zero field takes the default its comment gives.
type Config struct {
	// Signer signs this validator's blocks; its key must be in Validators.
	Signer chain.Signer
	// Validators is the epoch's validator set.
	Validators *chain.ValidatorSet
	// Epoch numbers the validator set; blocks of other epochs are refused.
	Epoch uint64
	// Start is the commit this epoch continues from: the last commit of the
	// previous epoch (see RawNode.NextEpoch), or the zero Commit for a new chain.
	// A validator joining at an epoch boundary sets it.
	Start chain.Commit
	// Seed keys the default leader schedule (all validators must agree on it).
	Seed [32]byte
	// Schedule elects leaders. Default: NewStakeSchedule(Validators, Seed).
	Schedule LeaderSchedule
	// Committer is the commit rule. Default: Mysticeti with LeadersPerRound
	// leaders per round over Schedule.
	Committer Committer
	// LeadersPerRound is the number of Mysticeti leaders per round. Default: the
	// number of validators, at most 4. More leaders commit a block sooner (a
	// block that is itself a leader commits two rounds later, not three): p50
	// latency falls from about 3.6 to 2.8 rounds with 4 validators.
	LeadersPerRound int
	// ReputationWindow is how many commits make one leader-reputation window
	// (reputation.go, after Mysticeti and HammerHead): after each window,
	// validators whose votes for committed leaders reached few others in time
	// (a crashed or slow validator) are swapped out of the leader slots until
	// the next window, so rounds stop waiting for them. It applies to the
	// default Committer only. Default DefaultReputationWindow (32); negative
	// turns reputation off.
	ReputationWindow int
	// Verifier checks block signatures. Default: chain.Ed25519Verifier.
	Verifier chain.Verifier
	// Limits bound blocks and transactions. Zero fields: DefaultLimits.
	Limits Limits

	// MinRoundDelay is the least time between two own proposals. Default 50ms.
	MinRoundDelay time.Duration
	// LeaderTimeout is how long a round waits for its leaders before proposing
	// without them. Default 250ms.
	LeaderTimeout time.Duration
	// MaxTimestampDrift is how far in the future (by the local clock) a block's
	// timestamp may be; later blocks wait until then. Default 500ms.
	MaxTimestampDrift time.Duration
	// FetchTimeout is how long to wait for missing blocks before asking another
	// validator. Default 1s.
	FetchTimeout time.Duration
	// RebroadcastInterval: with no new round for this long, the own latest block
	// is sent again so that validators that missed it (a healed partition) catch
	// up. Default 1s.
	RebroadcastInterval time.Duration

	// GCDepth is how many rounds below the last committed leader blocks are kept.
	// Default 50; at least 6.
	GCDepth uint64
	// MaxRoundsAhead bounds how far above the highest accepted round blocks are
	// held while their parents are fetched. Default 200.
	MaxRoundsAhead uint64
	// MaxPendingTxs bounds the transactions waiting for a block. Default 100000.
	MaxPendingTxs int
	// MaxFetchBlocks bounds the blocks one fetch response carries. Default 512.
	MaxFetchBlocks int
	// MaxFetchRefs bounds the refs one fetch request asks for. Default 32.
	MaxFetchRefs int
	// CommitSyncLag is how many commits validators with f+1 stake may have
	// voted for past this node's last commit before it syncs commits from its
	// peers instead of waiting for the live DAG (see ServeCommits). Default
	// three waves: 9 commits per leader per round.
	CommitSyncLag uint64
	// StateInterval is how many commits apart validators vote for their
	// application's state (Block.State, see statesync.go): a validator votes
	// for the state after each commit whose index is a multiple of it, so
	// that honest votes coincide and a quorum of them certifies a snapshot
	// taken there. It must be equal on every validator, like GCDepth, and an
	// embedder that serves state sync must snapshot at multiples of it.
	// Default DefaultStateInterval; negative: no state votes.
	StateInterval int
}

// DefaultStateInterval is Config.StateInterval's default: a divisor of
// chain/validator's default snapshot interval (1024).
const DefaultStateInterval = 128

// DefaultGCDepth is Config.GCDepth's default.
const DefaultGCDepth = 50

func (c *Config) withDefaults() (Config, error) {
	out := *c
	if out.Signer == nil {
		return out, fmt.Errorf("%w: Signer missing", ErrConfig)
	}
	if out.Validators == nil {
		return out, fmt.Errorf("%w: Validators missing", ErrConfig)
	}
	if _, ok := out.Validators.Index(out.Signer.PublicKey()); !ok {
		return out, fmt.Errorf("%w: the signer's key is not in the validator set", ErrConfig)
	}
	if out.Schedule == nil {
		out.Schedule = NewStakeSchedule(out.Validators, out.Seed)
	}
	if out.LeadersPerRound == 0 {
		out.LeadersPerRound = min(out.Validators.Len(), 4)
	}
	if out.ReputationWindow == 0 {
		out.ReputationWindow = DefaultReputationWindow
	}
	if out.Committer == nil {
		if out.ReputationWindow > 0 {
			out.Schedule = newReputationSchedule(out.Schedule, out.Validators, out.LeadersPerRound, out.ReputationWindow, out.Start.Index)
		}
		m, err := NewMysticeti(out.Schedule, out.LeadersPerRound, out.Validators.Len())
		if err != nil {
			return out, err
		}
		out.Committer = m
	}
	if out.Verifier == nil {
		out.Verifier = chain.Ed25519Verifier{}
	}
	out.Limits = out.Limits.withDefaults()
	setDuration(&out.MinRoundDelay, 50*time.Millisecond)
	setDuration(&out.LeaderTimeout, 250*time.Millisecond)
	setDuration(&out.MaxTimestampDrift, 500*time.Millisecond)
	setDuration(&out.FetchTimeout, time.Second)
	setDuration(&out.RebroadcastInterval, time.Second)
	if out.GCDepth == 0 {
		out.GCDepth = DefaultGCDepth
	}
	if out.GCDepth < 2*wave {
		return out, fmt.Errorf("%w: GCDepth %d, at least %d", ErrConfig, out.GCDepth, 2*wave)
	}
	if out.MaxRoundsAhead == 0 {
		out.MaxRoundsAhead = 200
	}
	if out.MaxPendingTxs <= 0 {
		out.MaxPendingTxs = 100000
	}
	if out.MaxFetchBlocks <= 0 {
		out.MaxFetchBlocks = 512
	}
	if out.MaxFetchRefs <= 0 {
		out.MaxFetchRefs = 32
	}
	if out.CommitSyncLag == 0 {
		out.CommitSyncLag = uint64(3 * wave * out.LeadersPerRound)
	}
	if out.StateInterval == 0 {
		out.StateInterval = DefaultStateInterval
	}
	if out.LeaderTimeout < out.MinRoundDelay {
		return out, fmt.Errorf("%w: LeaderTimeout %v below MinRoundDelay %v", ErrConfig, out.LeaderTimeout, out.MinRoundDelay)
	}
	return out, nil
}

func setDuration(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}
