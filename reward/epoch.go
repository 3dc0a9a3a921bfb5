package reward

import (
	"fmt"
	"math"
	"math/big"
	"slices"
)

// Record is one unit of work reported in an epoch: a session, a beacon, a
// kilowatt-hour reading.
type Record struct {
	Contributor string
	Units       uint64
}

// Epoch accumulates the work of one epoch, record by record, holding memory in
// proportion to the number of contributors, not of records, and finalizes it into
// a Distribution. The result does not depend on the order records arrive in.
// An Epoch is not safe for concurrent use: ingest in parallel into several Epochs
// and Merge them.
type Epoch struct {
	tallies   map[string]*tally
	records   uint64
	finalized bool
}

type tally struct {
	units   uint64
	over    *big.Int // units beyond uint64, rarely used
	records uint64
}

// NewEpoch returns an empty epoch.
func NewEpoch() *Epoch { return &Epoch{tallies: map[string]*tally{}} }

// Add ingests one record.
func (e *Epoch) Add(r Record) error { return e.AddUnits(r.Contributor, r.Units) }

// AddUnits ingests units of work by contributor.
func (e *Epoch) AddUnits(contributor string, units uint64) error {
	if e.finalized {
		return ErrFinalized
	}
	if contributor == "" {
		return fmt.Errorf("%w: record without a contributor", ErrInvalidParameter)
	}
	t := e.tallies[contributor]
	if t == nil {
		t = &tally{}
		e.tallies[contributor] = t
	}
	if t.units > math.MaxUint64-units {
		if t.over == nil {
			t.over = new(big.Int)
		}
		t.over.Add(t.over, new(big.Int).SetUint64(t.units))
		t.units = 0
	}
	t.units += units
	t.records++
	e.records++
	return nil
}

// Merge adds another epoch's tallies into e (for parallel ingestion).
func (e *Epoch) Merge(o *Epoch) error {
	if e.finalized || o.finalized {
		return ErrFinalized
	}
	for c, ot := range o.tallies {
		t := e.tallies[c]
		if t == nil {
			t = &tally{}
			e.tallies[c] = t
		}
		units := t.total()
		units.Add(units, ot.total())
		if units.IsUint64() {
			t.units, t.over = units.Uint64(), nil
		} else {
			t.units, t.over = 0, units
		}
		t.records += ot.records
	}
	e.records += o.records
	return nil
}

func (t *tally) total() *big.Int {
	u := new(big.Int).SetUint64(t.units)
	if t.over != nil {
		u.Add(u, t.over)
	}
	return u
}

// Contributors returns the number of contributors seen.
func (e *Epoch) Contributors() int { return len(e.tallies) }

// Records returns the number of records ingested.
func (e *Epoch) Records() uint64 { return e.records }

// Units returns a contributor's units so far and how many records brought them.
func (e *Epoch) Units(contributor string) (*big.Int, uint64, error) {
	t := e.tallies[contributor]
	if t == nil {
		return nil, 0, fmt.Errorf("%w: %q", ErrUnknownContributor, contributor)
	}
	return t.total(), t.records, nil
}

// Policy turns a contributor's tally into its multipliers and payout cap (nil:
// none). It is where a network's economics live: quality tiers, location trust,
// hex density scales.
type Policy func(contributor string, units *big.Int, records uint64) ([]Multiplier, *big.Int, error)

// Finalize closes the epoch and distributes pool among its contributors in
// contributor order, with multipliers and caps from policy (nil: units alone).
func (e *Epoch) Finalize(pool *big.Int, policy Policy) (*Distribution, error) {
	if e.finalized {
		return nil, ErrFinalized
	}
	names := make([]string, 0, len(e.tallies))
	for c := range e.tallies {
		names = append(names, c)
	}
	slices.Sort(names)
	contributions := make([]Contribution, len(names))
	for i, c := range names {
		t := e.tallies[c]
		contributions[i] = Contribution{Contributor: c, Units: t.total()}
		if policy != nil {
			ms, limit, err := policy(c, contributions[i].Units, t.records)
			if err != nil {
				return nil, fmt.Errorf("reward: policy for %q: %w", c, err)
			}
			contributions[i].Multipliers, contributions[i].Cap = ms, limit
		}
	}
	d, err := Distribute(pool, contributions)
	if err != nil {
		return nil, err
	}
	e.finalized = true
	e.tallies = nil
	return d, nil
}
