package subnet

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/internal/canonical"
)

// MaxSnapshotSize bounds what RestoreChanges reads, in bytes.
const MaxSnapshotSize = 16 << 20

const snapshotVersion = 1

type snapshotWire struct {
	_       struct{} `cbor:",toarray"`
	Version uint8
	Genesis []byte
	Epoch   uint64
	Members []memberWire
	Pending []pendingWire
	Queued  []uint32 // indices into Pending, in order of queueing
}

type memberWire struct {
	_          struct{} `cbor:",toarray"`
	Name       string
	Key        []byte
	Settlement []byte
	Stake      uint64
	P2P        string
	API        string
}

type pendingWire struct {
	_         struct{} `cbor:",toarray"`
	Change    []byte   // Change.Encode
	Proposer  uint32   // index into Members
	Approvers []uint32 // indices into Members, ascending
}

var snapshotDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 8, MaxArray: MaxValidators * MaxProposals, MaxMap: 16})

// Snapshot encodes the state machine's whole state in canonical CBOR: what an
// application's chain.Snapshotter saves. RestoreChanges reads it back.
func (c *Changes) Snapshot() ([]byte, error) {
	w := snapshotWire{Version: snapshotVersion, Genesis: c.genesis.Bytes(), Epoch: c.epoch}
	for _, m := range c.members {
		w.Members = append(w.Members, memberWire{Name: m.Name, Key: m.Key, Settlement: m.Settlement.Bytes(), Stake: m.Stake, P2P: m.P2P, API: m.API})
	}
	for _, p := range c.pending {
		enc, err := p.change.Encode()
		if err != nil {
			return nil, err
		}
		pw := pendingWire{Change: enc, Proposer: p.proposer}
		for i, ok := range p.by {
			if ok {
				pw.Approvers = append(pw.Approvers, uint32(i))
			}
		}
		w.Pending = append(w.Pending, pw)
	}
	for _, q := range c.queued {
		i := slices.Index(c.pending, q)
		if i < 0 {
			return nil, fmt.Errorf("subnet: snapshot: a queued change is not pending (a bug)")
		}
		w.Queued = append(w.Queued, uint32(i))
	}
	data, err := canonical.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("subnet: snapshot: %w", err)
	}
	return data, nil
}

// RestoreChanges rebuilds the state machine a Snapshot encoded, checking it
// as it goes: errors wrap ErrMalformed or ErrInvalidChange.
func RestoreChanges(data []byte) (*Changes, error) {
	if len(data) > MaxSnapshotSize {
		return nil, fmt.Errorf("%w: snapshot is %d bytes, more than %d", ErrMalformed, len(data), MaxSnapshotSize)
	}
	var w snapshotWire
	if err := snapshotDecoder.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: snapshot: %v", ErrMalformed, err)
	}
	if w.Version != snapshotVersion || len(w.Genesis) != common.HashLength {
		return nil, fmt.Errorf("%w: snapshot version %d or genesis of %d bytes", ErrMalformed, w.Version, len(w.Genesis))
	}
	if len(w.Members) == 0 || len(w.Members) > MaxValidators || len(w.Pending) > len(w.Members)*MaxProposals {
		return nil, fmt.Errorf("%w: snapshot of %d members, %d pending changes", ErrMalformed, len(w.Members), len(w.Pending))
	}
	members := make([]Member, len(w.Members))
	for i, m := range w.Members {
		if len(m.Settlement) != common.AddressLength {
			return nil, fmt.Errorf("%w: snapshot: members[%d] settlement address of %d bytes", ErrMalformed, i, len(m.Settlement))
		}
		members[i] = Member{Name: m.Name, Key: ed25519.PublicKey(bytes.Clone(m.Key)), Settlement: common.BytesToAddress(m.Settlement), Stake: m.Stake, P2P: m.P2P, API: m.API}
	}
	if !slices.IsSortedFunc(members, func(a, b Member) int { return bytes.Compare(a.Key, b.Key) }) {
		return nil, fmt.Errorf("%w: snapshot: members not in key order", ErrMalformed)
	}
	c, err := NewChanges(common.BytesToHash(w.Genesis), w.Epoch, members)
	if err != nil {
		return nil, err
	}
	for i, pw := range w.Pending {
		ch, err := DecodeChange(pw.Change)
		if err != nil {
			return nil, fmt.Errorf("snapshot: pending[%d]: %w", i, err)
		}
		if ch.Epoch != c.epoch {
			return nil, fmt.Errorf("%w: snapshot: pending[%d] is for epoch %d, not %d", ErrMalformed, i, ch.Epoch, c.epoch)
		}
		digest, err := ch.Digest(c.genesis)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(c.pending, func(p *pendingChange) bool { return p.digest == digest }) {
			return nil, fmt.Errorf("%w: snapshot: pending[%d] repeats a change", ErrMalformed, i)
		}
		if !c.set.Valid(pw.Proposer) || !slices.Contains(pw.Approvers, pw.Proposer) {
			return nil, fmt.Errorf("%w: snapshot: pending[%d] proposer %d", ErrMalformed, i, pw.Proposer)
		}
		if n := countProposals(c.pending, pw.Proposer); n >= MaxProposals {
			return nil, fmt.Errorf("%w: snapshot: validator %d proposed more than %d changes", ErrMalformed, pw.Proposer, MaxProposals)
		}
		p := c.newPending(ch, digest, pw.Proposer)
		if len(pw.Approvers) == 0 || !slices.IsSorted(pw.Approvers) {
			return nil, fmt.Errorf("%w: snapshot: pending[%d] approvers empty or not ascending", ErrMalformed, i)
		}
		for j, a := range pw.Approvers {
			if !c.set.Valid(a) || j > 0 && pw.Approvers[j-1] == a {
				return nil, fmt.Errorf("%w: snapshot: pending[%d] approver %d", ErrMalformed, i, a)
			}
			p.by[a] = true
			p.agg.Add(a)
		}
		c.pending = append(c.pending, p)
	}
	for _, qi := range w.Queued {
		if int(qi) >= len(c.pending) || c.pending[qi].queued || !c.pending[qi].agg.Quorum() {
			return nil, fmt.Errorf("%w: snapshot: queued change %d", ErrMalformed, qi)
		}
		p := c.pending[qi]
		if _, err := c.project(p.change); err != nil {
			return nil, fmt.Errorf("snapshot: queued change %d: %w", qi, err)
		}
		p.queued = true
		c.queued = append(c.queued, p)
	}
	for i, p := range c.pending {
		if !p.queued && p.agg.Quorum() {
			return nil, fmt.Errorf("%w: snapshot: pending[%d] has a quorum but is not queued", ErrMalformed, i)
		}
	}
	return c, nil
}
