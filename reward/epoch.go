package reward

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// ContributorID identifies a contributor in an Epoch: a device ID (32 bytes), or
// an EVM address left-padded with zeros (AddressContributor). It is fixed-size so
// that ingesting hundreds of millions of records costs no allocation and no
// string hashing.
type ContributorID [32]byte

// AddressContributor returns the ContributorID of an EVM address.
func AddressContributor(a common.Address) ContributorID {
	var c ContributorID
	copy(c[12:], a[:])
	return c
}

// String returns the 64 hex digits of the ID; Distribute names the contributor so.
func (c ContributorID) String() string { return hex.EncodeToString(c[:]) }

// Address returns the EVM address an AddressContributor ID holds (its last 20 bytes).
func (c ContributorID) Address() common.Address { return common.BytesToAddress(c[12:]) }

// ParseContributorID parses what String returns.
func ParseContributorID(s string) (ContributorID, error) {
	var c ContributorID
	if len(s) != 64 {
		return c, fmt.Errorf("%w: contributor id %q: want 64 hex digits", ErrInvalidParameter, s)
	}
	if _, err := hex.Decode(c[:], []byte(s)); err != nil {
		return c, fmt.Errorf("%w: contributor id %q: %v", ErrInvalidParameter, s, err)
	}
	return c, nil
}

// Record is one unit of work reported in an epoch: a session, a beacon, a
// kilowatt-hour reading.
type Record struct {
	Contributor ContributorID
	Units       uint64
}

// Epoch accumulates the work of one epoch, record by record, holding memory in
// proportion to the number of contributors, not of records, and finalizes it into
// a Distribution. The result does not depend on the order records arrive in.
// An Epoch is not safe for concurrent use: ingest in parallel into several Epochs
// and Merge them.
//
// Tallies live in an open-addressing table with the IDs inline, so that a record
// costs about one cache miss at the scale of tens of millions of records.
type Epoch struct {
	slots     []slot
	used      int
	over      map[ContributorID]*big.Int // units beyond uint64, rarely used
	records   uint64
	finalized bool
}

type slot struct {
	id      ContributorID
	units   uint64
	records uint64 // 0: empty slot (a used slot has at least one record)
}

// NewEpoch returns an empty epoch. sizeHint, if positive, is the number of
// contributors expected (it saves growing the table while they arrive).
func NewEpoch(sizeHint int) *Epoch {
	n := 1024
	for n < 2*sizeHint {
		n *= 2
	}
	return &Epoch{slots: make([]slot, n), over: map[ContributorID]*big.Int{}}
}

// hashID mixes an ID's 8-byte words (device IDs and addresses are hashes, but
// an address fills only the last 20 bytes).
func hashID(id *ContributorID) uint64 {
	h := binary.LittleEndian.Uint64(id[0:]) ^ binary.LittleEndian.Uint64(id[8:])*0x9e3779b97f4a7c15
	h ^= binary.LittleEndian.Uint64(id[16:]) * 0xc2b2ae3d27d4eb4f
	h ^= binary.LittleEndian.Uint64(id[24:]) * 0x165667b19e3779f9
	return h ^ h>>29
}

// find returns the slot of id, claiming an empty one if absent.
func (e *Epoch) find(id *ContributorID) *slot {
	mask := uint64(len(e.slots) - 1)
	for i := hashID(id) & mask; ; i = (i + 1) & mask {
		s := &e.slots[i]
		if s.records == 0 {
			if 4*(e.used+1) > 3*len(e.slots) {
				e.grow()
				return e.find(id)
			}
			s.id = *id
			e.used++
			return s
		}
		if s.id == *id {
			return s
		}
	}
}

func (e *Epoch) grow() {
	old := e.slots
	e.slots = make([]slot, 2*len(old))
	mask := uint64(len(e.slots) - 1)
	for k := range old {
		if old[k].records == 0 {
			continue
		}
		i := hashID(&old[k].id) & mask
		for e.slots[i].records != 0 {
			i = (i + 1) & mask
		}
		e.slots[i] = old[k]
	}
}

// lookup returns the slot of id, or nil.
func (e *Epoch) lookup(id *ContributorID) *slot {
	mask := uint64(len(e.slots) - 1)
	for i := hashID(id) & mask; ; i = (i + 1) & mask {
		s := &e.slots[i]
		if s.records == 0 {
			return nil
		}
		if s.id == *id {
			return s
		}
	}
}

// Add ingests one record.
func (e *Epoch) Add(r Record) error { return e.AddUnits(r.Contributor, r.Units) }

// AddUnits ingests units of work by contributor.
func (e *Epoch) AddUnits(contributor ContributorID, units uint64) error {
	if e.finalized {
		return ErrFinalized
	}
	e.add(e.find(&contributor), units, 1)
	return nil
}

func (e *Epoch) add(s *slot, units, records uint64) {
	if s.units > math.MaxUint64-units {
		o := e.over[s.id]
		if o == nil {
			o = new(big.Int)
			e.over[s.id] = o
		}
		o.Add(o, new(big.Int).SetUint64(s.units))
		s.units = 0
	}
	s.units += units
	s.records += records
	e.records += records
}

// Merge adds another epoch's tallies into e (for parallel ingestion).
func (e *Epoch) Merge(o *Epoch) error {
	if e.finalized || o.finalized {
		return ErrFinalized
	}
	for k := range o.slots {
		os := &o.slots[k]
		if os.records == 0 {
			continue
		}
		if ov := o.over[os.id]; ov != nil {
			if e.over[os.id] == nil {
				e.over[os.id] = new(big.Int)
			}
			e.over[os.id].Add(e.over[os.id], ov)
		}
		e.add(e.find(&os.id), os.units, os.records)
	}
	return nil
}

func (e *Epoch) total(s *slot) *big.Int {
	u := new(big.Int).SetUint64(s.units)
	if o := e.over[s.id]; o != nil {
		u.Add(u, o)
	}
	return u
}

// Contributors returns the number of contributors seen.
func (e *Epoch) Contributors() int { return e.used }

// Records returns the number of records ingested.
func (e *Epoch) Records() uint64 { return e.records }

// Units returns a contributor's units so far and how many records brought them.
func (e *Epoch) Units(contributor ContributorID) (*big.Int, uint64, error) {
	s := e.lookup(&contributor)
	if s == nil {
		return nil, 0, fmt.Errorf("%w: %s", ErrUnknownContributor, contributor)
	}
	return e.total(s), s.records, nil
}

// Tally is one contributor's total in an Epoch.
type Tally struct {
	Contributor ContributorID
	Units       *big.Int
	Records     uint64 // how many records brought the units
}

// Tallies returns every contributor's tally so far, in byte order of their
// IDs, without closing the epoch: the way from the fast path to a pool that
// names contributors by ContributorID (a vertical's pool, for one; see
// depin/vertical.PoolFromEpoch). It fails only on a finalized epoch.
func (e *Epoch) Tallies() ([]Tally, error) {
	if e.finalized {
		return nil, ErrFinalized
	}
	order := e.sorted()
	out := make([]Tally, len(order))
	for k, s := range order {
		out[k] = Tally{Contributor: s.id, Units: e.total(s), Records: s.records}
	}
	return out, nil
}

// sorted returns the used slots in byte order of their IDs.
func (e *Epoch) sorted() []*slot {
	order := make([]*slot, 0, e.used)
	for k := range e.slots {
		if e.slots[k].records != 0 {
			order = append(order, &e.slots[k])
		}
	}
	slices.SortFunc(order, func(a, b *slot) int { return bytes.Compare(a.id[:], b.id[:]) })
	return order
}

// Policy turns a contributor's tally into its multipliers and payout cap (nil:
// none). It is where a network's economics live: quality tiers, location trust,
// hex density scales.
type Policy func(contributor ContributorID, units *big.Int, records uint64) ([]Multiplier, *big.Int, error)

// Finalize closes the epoch and distributes pool among its contributors, with
// multipliers and caps from policy (nil: units alone). Contributors are named by
// ContributorID.String in the Distribution.
func (e *Epoch) Finalize(pool *big.Int, policy Policy) (*Distribution, error) {
	if e.finalized {
		return nil, ErrFinalized
	}
	order := e.sorted()
	contributions := make([]Contribution, len(order))
	for k, s := range order {
		contributions[k] = Contribution{Contributor: s.id.String(), Units: e.total(s)}
		if policy != nil {
			ms, limit, err := policy(s.id, contributions[k].Units, s.records)
			if err != nil {
				return nil, fmt.Errorf("reward: policy for %s: %w", s.id, err)
			}
			contributions[k].Multipliers, contributions[k].Cap = ms, limit
		}
	}
	d, err := Distribute(pool, contributions)
	if err != nil {
		return nil, err
	}
	e.finalized = true
	e.slots, e.over = nil, nil
	return d, nil
}
