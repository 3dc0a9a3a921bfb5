package depin

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// This file holds the replicated state's types. Everything in them is plain
// data in canonical order (slices sorted by a key, never maps), so that the
// snapshot is their canonical CBOR and the app hash covers exactly them.

// Note is one rejected envelope (or claim) of a device, kept for Explain.
type Note struct {
	_ struct{} `cbor:",toarray"`
	// Seq is the envelope's sequence number (0: not an envelope, or unknown).
	Seq    uint64
	Reason string
	Detail string
	// Late: the vertical rejected the claim at scoring, after accepting it.
	Late bool
}

// activity is what one device did in an epoch.
type activity struct {
	_        struct{} `cbor:",toarray"`
	Device   device.ID
	Accepted uint64
	Rejected []ReasonCount // sorted by reason
	Notes    []Note        // the first MaxNotes, in order
}

// ReasonCount is how many envelopes or claims were rejected for one reason.
type ReasonCount struct {
	_      struct{} `cbor:",toarray"`
	Reason string
	Count  uint64
}

// String returns "reason=count", e.g. "too-close=3".
func (r ReasonCount) String() string { return r.Reason + "=" + strconv.FormatUint(r.Count, 10) }

// validatorReason reports whether a rejection reason is of a validator's own
// transaction: a settlement vote ("vote:"), a maker approval ("maker:") or a
// validator-set change approval ("change:").
func validatorReason(reason string) bool {
	return strings.HasPrefix(reason, "vote:") || strings.HasPrefix(reason, "maker:") || strings.HasPrefix(reason, "change:")
}

// splitReasons splits a sorted list into the devices' rejections and the
// validators' (validatorReason), each sorted, nil when empty.
func splitReasons(list []ReasonCount) (devices, validators []ReasonCount) {
	for _, r := range list {
		if validatorReason(r.Reason) {
			validators = append(validators, r)
		} else {
			devices = append(devices, r)
		}
	}
	return devices, validators
}

// addReason counts one more rejection for reason in a sorted list.
func addReason(list []ReasonCount, reason string) []ReasonCount {
	i, ok := slices.BinarySearchFunc(list, reason, func(r ReasonCount, s string) int { return strings.Compare(r.Reason, s) })
	if ok {
		list[i].Count++
		return list
	}
	return slices.Insert(list, i, ReasonCount{Reason: reason, Count: 1})
}

// openEpoch is the epoch commits are being applied to.
type openEpoch struct {
	_           struct{} `cbor:",toarray"`
	Number      uint64
	Opened      bool   // its first commit was applied
	Seed        []byte // 32 bytes: the digest of the commit that closed the previous epoch (zero for epoch 0)
	Start       int64  // the first commit's timestamp, Unix ms
	FirstCommit uint64
	Commits     uint64
	Accepted    uint64
	Registered  uint64
	Rejected    []ReasonCount
	Devices     []activity // sorted by device
	Untracked   uint64     // unregistered devices with activity
}

// device returns the activity of id, adding it (in order) if track allows.
func (e *openEpoch) device(id device.ID, track func() bool) *activity {
	i, ok := slices.BinarySearchFunc(e.Devices, id, func(a activity, id device.ID) int { return bytes.Compare(a.Device[:], id[:]) })
	if ok {
		return &e.Devices[i]
	}
	if !track() {
		return nil
	}
	e.Devices = slices.Insert(e.Devices, i, activity{Device: id})
	return &e.Devices[i]
}

// contribution is a reward.Contribution on the wire.
type contribution struct {
	_           struct{} `cbor:",toarray"`
	Contributor string
	Units       []byte // big-endian magnitude
	Multipliers []multiplier
	Cap         []byte // empty: no cap (a zero cap is [0])
	HasCap      bool
}

type multiplier struct {
	_    struct{} `cbor:",toarray"`
	Name string
	Num  []byte
	Den  []byte
	Note string
}

// pool is a closed epoch's pool: its amount and contributions, kept so that
// Explain can replay the distribution exactly.
type pool struct {
	_             struct{} `cbor:",toarray"`
	Name          string
	Amount        []byte
	Contributions []contribution // sorted by contributor
}

// payout is one contributor's payout from one pool.
type payout struct {
	_           struct{} `cbor:",toarray"`
	Pool        string
	Contributor string
	Address     common.Address
	Amount      []byte
}

// claim is one address's total for an epoch: a leaf of its Merkle tree.
type claim struct {
	_       struct{} `cbor:",toarray"`
	Address common.Address
	Amount  []byte
}

// vote is a validator's settlement signatures for a closed epoch.
type vote struct {
	_          struct{} `cbor:",toarray"`
	Validator  uint32
	Root       []byte // empty when the epoch has no root
	Checkpoint []byte
}

// closedEpoch is everything kept of a closed epoch.
type closedEpoch struct {
	_            struct{} `cbor:",toarray"`
	Number       uint64
	FirstCommit  uint64
	LastCommit   uint64
	Start, End   int64 // Unix ms
	CommitDigest chain.Digest
	AppHash      chain.Digest // the app hash after LastCommit (the checkpoint's state root)
	Emission     []byte
	Paid         []byte
	Unallocated  []byte
	Root         common.Hash // zero: no claims
	Accepted     uint64
	Registered   uint64
	Rejected     []ReasonCount
	ScoreError   string
	Pools        []pool
	Payouts      []payout // sorted by pool, then contributor
	Claims       []claim  // sorted by address
	Devices      []activity
	Votes        []vote // sorted by validator

	digest chain.Digest // cache: SHA-256 of the record without Votes and AppHash (not encoded)
}

func (e *closedEpoch) findDevice(id device.ID) *activity {
	i, ok := slices.BinarySearchFunc(e.Devices, id, func(a activity, id device.ID) int { return bytes.Compare(a.Device[:], id[:]) })
	if !ok {
		return nil
	}
	return &e.Devices[i]
}

// Amount encoding: minimal big-endian bytes of a non-negative integer, empty
// for zero, so that each amount has one encoding.

func amountBytes(v *big.Int) []byte {
	if v == nil || v.Sign() <= 0 {
		return []byte{}
	}
	return v.Bytes()
}

func amountOf(b []byte) *big.Int { return new(big.Int).SetBytes(b) }

func checkAmountBytes(field string, b []byte) error {
	if len(b) > 0 && b[0] == 0 {
		return fmt.Errorf("%w: %s: amount with a leading zero byte", ErrMalformed, field)
	}
	if len(b) > 64 {
		return fmt.Errorf("%w: %s: amount of %d bytes", ErrMalformed, field, len(b))
	}
	return nil
}

func toWire(c reward.Contribution) contribution {
	w := contribution{Contributor: c.Contributor, Units: amountBytes(c.Units), Multipliers: []multiplier{}}
	for _, m := range c.Multipliers {
		w.Multipliers = append(w.Multipliers, multiplier{Name: m.Name, Num: amountBytes(m.Value.Num()), Den: amountBytes(m.Value.Denom()), Note: m.Note})
	}
	if c.Cap != nil {
		w.Cap, w.HasCap = amountBytes(c.Cap), true
	} else {
		w.Cap = []byte{}
	}
	return w
}

func fromWire(w contribution) reward.Contribution {
	c := reward.Contribution{Contributor: w.Contributor, Units: amountOf(w.Units)}
	for _, m := range w.Multipliers {
		den := amountOf(m.Den)
		if den.Sign() == 0 {
			den.SetInt64(1) // refused at restore; never produced
		}
		c.Multipliers = append(c.Multipliers, reward.Multiplier{Name: m.Name, Value: new(big.Rat).SetFrac(amountOf(m.Num), den), Note: m.Note})
	}
	if w.HasCap {
		c.Cap = amountOf(w.Cap)
	}
	return c
}

// truncate cuts s to n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}
