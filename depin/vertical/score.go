package vertical

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// ErrPool reports a pool that cannot be built (PoolFromEpoch).
var ErrPool = errors.New("vertical: invalid pool")

// Score is a vertical's verdict on an epoch.
type Score struct {
	// Pools share the epoch's emission by Weight (exactly, with
	// reward.Distribute over the pools); each pool's amount is then divided
	// among its contributions by reward.Distribute. A pool whose
	// contributions all score zero leaves its amount unallocated. With one
	// pool, Weight is ignored.
	Pools []Pool
	// Rejected are claims accepted by Apply but refused at scoring (a witness
	// too close to its beacon, a session the client never co-signed), for
	// Explain.
	Rejected []LateRejection
}

// Pool is one reward pool of an epoch: "coverage", "bandwidth".
type Pool struct {
	// Name identifies the pool: 1 to 48 bytes of [a-z0-9-].
	Name string
	// Weight is the pool's share of the emission relative to the others, at
	// least 1 when there are several pools.
	Weight *big.Int
	// Contributions are the pool's contributors named by string: a device ID
	// (device.ID.String()) or an EVM address ("0x" and 40 hex digits).
	Contributions []reward.Contribution
	// ByID are more contributors, named by reward.ContributorID (a device ID,
	// or reward.AddressContributor of an address): what a vertical that
	// tallies with reward.Epoch already holds, with no string to build per
	// contributor. A contributor appears once in the pool, in Contributions
	// or in ByID.
	ByID []Contribution
}

// Contribution is a contributor's work in a pool, named by its
// reward.ContributorID; as reward.Contribution otherwise.
type Contribution struct {
	Contributor reward.ContributorID
	Units       *big.Int
	Multipliers []reward.Multiplier
	// Cap, if not nil, bounds the contributor's payout.
	Cap *big.Int
}

// ContributorName is the name the runtime gives a reward.ContributorID in
// payouts, Explain and the state: an address contributor's EVM address ("0x"
// and 40 hex digits, reward.AddressContributor: the first 12 bytes are zero),
// else the device ID's 64 hex digits (device.ID.String()).
func ContributorName(id reward.ContributorID) string {
	if isAddress(id) {
		return id.Address().Hex()
	}
	return device.ID(id).String()
}

func isAddress(id reward.ContributorID) bool {
	for _, b := range id[:12] {
		if b != 0 {
			return false
		}
	}
	return true
}

// All returns the pool's contributions named by string: Contributions, then
// ByID under ContributorName. It shares the Units, Multipliers and Cap.
func (p *Pool) All() []reward.Contribution {
	if len(p.ByID) == 0 {
		return p.Contributions
	}
	out := make([]reward.Contribution, 0, len(p.Contributions)+len(p.ByID))
	out = append(out, p.Contributions...)
	for _, c := range p.ByID {
		out = append(out, reward.Contribution{Contributor: ContributorName(c.Contributor), Units: c.Units, Multipliers: c.Multipliers, Cap: c.Cap})
	}
	return out
}

// LateRejection is a claim a vertical rejected at scoring.
type LateRejection struct {
	Device device.ID
	Seq    uint64 // the envelope's sequence number, 0 if none applies
	Reason string // as Rejection.Reason
	Detail string
}

// PoolFromEpoch makes a pool of the contributors an epoch of the reward fast
// path tallied (reward.Epoch: records by reward.ContributorID, memory per
// contributor), named by ID (Pool.ByID) in ID order, with the multipliers and
// cap policy gives each (nil: units alone), as reward.Epoch.Finalize would
// give them. The epoch stays open.
func PoolFromEpoch(name string, weight *big.Int, e *reward.Epoch, policy reward.Policy) (Pool, error) {
	tallies, err := e.Tallies()
	if err != nil {
		return Pool{}, fmt.Errorf("%w: pool %s: %w", ErrPool, name, err)
	}
	p := Pool{Name: name, Weight: weight, ByID: make([]Contribution, len(tallies))}
	for k, t := range tallies {
		p.ByID[k] = Contribution{Contributor: t.Contributor, Units: t.Units}
		if policy != nil {
			ms, limit, err := policy(t.Contributor, t.Units, t.Records)
			if err != nil {
				return Pool{}, fmt.Errorf("%w: pool %s: policy for %s: %w", ErrPool, name, t.Contributor, err)
			}
			p.ByID[k].Multipliers, p.ByID[k].Cap = ms, limit
		}
	}
	return p, nil
}
