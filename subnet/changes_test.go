package subnet

import (
	"crypto/ed25519"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
)

// harness is a subnet's Changes with its validators' signers.
type harness struct {
	t       testing.TB
	spec    *Spec
	changes *Changes
	signers []chain.Signer // in spec file order
}

func newHarness(t testing.TB, n int, stakes ...uint64) *harness {
	s, keys := testSpec(t, n, uint64(100+n))
	for i, st := range stakes {
		s.Validators[i].Stake = st
	}
	c, err := s.Changes()
	require.NoError(t, err)
	h := &harness{t: t, spec: s, changes: c}
	for _, k := range keys {
		h.signers = append(h.signers, chain.NewKeySigner(k.ConsensusKey()))
	}
	return h
}

// approve has validators by (file order) approve ch, and returns the error
// of each.
func (h *harness) approve(ch Change, by ...int) []error {
	var errs []error
	for _, i := range by {
		a, err := SignChange(h.spec.GenesisHash(), h.signers[i], ch)
		if err != nil { // a malformed change: send it unsigned
			a = Approval{Change: ch, Validator: h.key(i), Signature: make([]byte, ed25519.SignatureSize)}
		}
		errs = append(errs, h.changes.Approve(a))
	}
	return errs
}

func (h *harness) key(i int) ed25519.PublicKey { return h.signers[i].PublicKey() }

// newcomer is a member not in the set.
func newcomer(t testing.TB, seed uint64, port int) Member {
	cons := mustKey(t, device.Ed25519, seed)
	set := mustKey(t, device.Secp256k1, seed+1)
	addr, err := evm.Address(set)
	require.NoError(t, err)
	return Member{
		Name: fmt.Sprintf("new-%d", seed), Key: cons.Public().Bytes(), Settlement: addr, Stake: 100,
		P2P: fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", port), API: fmt.Sprintf("127.0.0.1:%d", port+1),
	}
}

func TestChanges(t *testing.T) {
	type want struct {
		errs    []error // per approval, nil for success
		queued  int
		pending int
		members int
		total   uint64
	}
	join := func(h *harness, seed uint64) Change {
		return Change{Kind: Join, Member: newcomer(t, seed, 30000+int(seed)*2), Epoch: 0}
	}
	for _, tc := range []struct {
		name string
		n    int
		run  func(h *harness) []error
		want want
	}{
		{"join with a quorum", 4, func(h *harness) []error {
			return h.approve(join(h, 1), 0, 1, 2)
		}, want{errs: []error{nil, nil, nil}, queued: 1, members: 5, total: 500}},
		{"join with all", 4, func(h *harness) []error {
			return h.approve(join(h, 1), 3, 2, 1, 0) // the fourth is accepted, changes nothing
		}, want{errs: []error{nil, nil, nil, nil}, queued: 1, members: 5, total: 500}},
		{"not enough stake", 4, func(h *harness) []error {
			return h.approve(join(h, 1), 0, 1) // 200 of 400 is not above 2/3
		}, want{errs: []error{nil, nil}, pending: 1, members: 4, total: 400}},
		{"stake-weighted quorum", 4, func(h *harness) []error {
			h.changes, _ = NewChanges(h.spec.GenesisHash(), 0, restaked(h, 700, 100, 100, 100))
			return h.approve(join(h, 1), 0) // 700 of 1000
		}, want{errs: []error{nil}, queued: 1, members: 5, total: 1100}},
		{"duplicate approval", 4, func(h *harness) []error {
			return h.approve(join(h, 1), 0, 1, 1, 0)
		}, want{errs: []error{nil, nil, ErrDuplicateSignature, ErrDuplicateSignature}, pending: 1, members: 4, total: 400}},
		{"leave", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Leave, Member: Member{Key: h.key(3)}}, 0, 1, 2)
		}, want{errs: []error{nil, nil, nil}, queued: 1, members: 3, total: 300}},
		{"leave that would empty the set", 1, func(h *harness) []error {
			return h.approve(Change{Kind: Leave, Member: Member{Key: h.key(0)}}, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 1, total: 100}},
		{"two leaves, the second would empty the set", 2, func(h *harness) []error {
			a := h.approve(Change{Kind: Leave, Member: Member{Key: h.key(0)}}, 0)
			b := h.approve(Change{Kind: Leave, Member: Member{Key: h.key(1)}}, 0, 1)
			c := h.approve(Change{Kind: Leave, Member: Member{Key: h.key(0)}}, 1)
			return append(append(a, b...), c...)
		}, want{errs: []error{nil, nil, nil, ErrInvalidChange}, queued: 1, members: 1, total: 100}},
		{"leave of a non-member", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Leave, Member: Member{Key: newcomer(t, 5, 40000).Key}}, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"join with a duplicate key", 4, func(h *harness) []error {
			ch := join(h, 1)
			ch.Member.Key = h.key(2)
			return h.approve(ch, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"join with a taken port", 4, func(h *harness) []error {
			ch := join(h, 1)
			ch.Member.API = h.spec.Validators[1].API
			return h.approve(ch, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"join with a taken settlement address", 4, func(h *harness) []error {
			ch := join(h, 1)
			ch.Member.Settlement = common.HexToAddress(h.spec.Validators[1].SettlementAddress)
			return h.approve(ch, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"two joins of one key: the later is dropped at quorum", 4, func(h *harness) []error {
			a, b := join(h, 1), join(h, 1)
			b.Nonce = 1
			b.Member.Name, b.Member.P2P, b.Member.API = "other", "/ip4/127.0.0.1/tcp/31000", "127.0.0.1:31001"
			errs := h.approve(a, 0, 1)
			errs = append(errs, h.approve(b, 0, 1)...) // proposed before a is queued
			errs = append(errs, h.approve(a, 2)...)    // a queued
			errs = append(errs, h.approve(b, 2)...)    // b reaches a quorum, conflicts
			return errs
		}, want{errs: []error{nil, nil, nil, nil, nil, ErrInvalidChange}, queued: 1, members: 5, total: 500}},
		{"a join proposed after a queued one of the same key", 4, func(h *harness) []error {
			a, b := join(h, 1), join(h, 1)
			b.Nonce = 9
			errs := h.approve(a, 0, 1, 2)
			return append(errs, h.approve(b, 3)...)
		}, want{errs: []error{nil, nil, nil, ErrInvalidChange}, queued: 1, members: 5, total: 500}},
		{"stake change", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Restake, Member: Member{Key: h.key(1), Stake: 1000}}, 0, 1, 2)
		}, want{errs: []error{nil, nil, nil}, queued: 1, members: 4, total: 1300}},
		{"stake overflow", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Restake, Member: Member{Key: h.key(1), Stake: MaxTotalStake}}, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"stake zero", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Restake, Member: Member{Key: h.key(1)}}, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"leave with extra fields", 4, func(h *harness) []error {
			return h.approve(Change{Kind: Leave, Member: Member{Key: h.key(1), Name: "v1"}}, 0)
		}, want{errs: []error{ErrInvalidChange}, members: 4, total: 400}},
		{"stale epoch", 4, func(h *harness) []error {
			_, _, err := h.changes.EndEpoch(0)
			require.NoError(t, err)
			return h.approve(join(h, 1), 0)
		}, want{errs: []error{ErrStaleEpoch}, members: 4, total: 400}},
		{"future epoch", 4, func(h *harness) []error {
			ch := join(h, 1)
			ch.Epoch = 1
			return h.approve(ch, 0)
		}, want{errs: []error{ErrFutureEpoch}, members: 4, total: 400}},
		{"bad signature", 4, func(h *harness) []error {
			a, err := SignChange(h.spec.GenesisHash(), h.signers[0], join(h, 1))
			require.NoError(t, err)
			a.Signature[0] ^= 1
			b, err := SignChange(common.Hash{1}, h.signers[1], join(h, 1)) // another subnet's
			require.NoError(t, err)
			c, err := SignChange(h.spec.GenesisHash(), h.signers[2], join(h, 1))
			require.NoError(t, err)
			c.Validator = h.key(3) // claims to be another validator
			return []error{h.changes.Approve(a), h.changes.Approve(b), h.changes.Approve(c)}
		}, want{errs: []error{ErrBadSignature, ErrBadSignature, ErrBadSignature}, members: 4, total: 400}},
		{"non-validator approver", 4, func(h *harness) []error {
			outsider := chain.NewKeySigner(ed25519.NewKeyFromSeed(make([]byte, 32)))
			a, err := SignChange(h.spec.GenesisHash(), outsider, join(h, 1))
			require.NoError(t, err)
			errs := []error{h.changes.Approve(a)}
			// The joining validator cannot approve its own join either.
			return append(errs, h.approve(join(h, 1), 0, 1)...)
		}, want{errs: []error{ErrNotValidator, nil, nil}, pending: 1, members: 4, total: 400}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.n)
			errs := tc.run(h)
			require.Len(t, errs, len(tc.want.errs))
			for i, err := range errs {
				if tc.want.errs[i] == nil {
					require.NoError(t, err, "approval %d", i)
				} else {
					require.ErrorIs(t, err, tc.want.errs[i], "approval %d", i)
				}
			}
			require.Len(t, h.changes.Queued(), tc.want.queued)
			require.Len(t, h.changes.Pending(), tc.want.pending)
			require.Equal(t, tc.n, h.changes.Set().Len(), "the set changes only when the epoch ends")
			epoch := h.changes.Epoch()
			queued := h.changes.Queued()
			set, applied, err := h.changes.EndEpoch(epoch)
			require.NoError(t, err)
			require.Equal(t, queued, applied)
			require.Equal(t, tc.want.members, set.Len())
			require.Equal(t, tc.want.total, set.TotalStake())
			require.Same(t, set, h.changes.Set())
			require.Equal(t, epoch+1, h.changes.Epoch())
			require.Empty(t, h.changes.Pending(), "pending changes expire with their epoch")
			require.Empty(t, h.changes.Queued())
			ms := h.changes.Members()
			for i := range ms {
				require.Equal(t, set.Key(uint32(i)), ms[i].Key)
				require.Equal(t, set.Stake(uint32(i)), ms[i].Stake)
			}
			require.Len(t, EVMValidators(ms), set.Len())
		})
	}
}

// restaked returns the harness's members with the given stakes (file order).
func restaked(h *harness, stakes ...uint64) []Member {
	s := *h.spec
	s.Validators = append([]Validator(nil), s.Validators...)
	for i, st := range stakes {
		s.Validators[i].Stake = st
	}
	ms, err := s.Members()
	require.NoError(h.t, err)
	return ms
}

func TestChangesEndEpoch(t *testing.T) {
	h := newHarness(t, 4)
	_, _, err := h.changes.EndEpoch(1)
	require.ErrorIs(t, err, ErrFutureEpoch)
	set, applied, err := h.changes.EndEpoch(0)
	require.NoError(t, err)
	require.Empty(t, applied)
	require.Equal(t, 4, set.Len())
	_, _, err = h.changes.EndEpoch(0)
	require.ErrorIs(t, err, ErrStaleEpoch)

	// A change in epoch 1 takes effect at its end; the new member then
	// approves in epoch 2, and the quorum is of the new set.
	nc := newcomer(t, 7, 32000)
	ch := Change{Kind: Join, Member: nc, Epoch: 1}
	for _, err := range h.approve(ch, 0, 1, 2) {
		require.NoError(t, err)
	}
	set, applied, err = h.changes.EndEpoch(1)
	require.NoError(t, err)
	require.Equal(t, []Change{ch}, applied)
	_, ok := set.Index(nc.Key)
	require.True(t, ok)
	require.Equal(t, uint64(334), set.QuorumThreshold())

	newSigner := chain.NewKeySigner(ed25519.NewKeyFromSeed(mustKey(t, device.Ed25519, 7).Bytes()))
	leave := Change{Kind: Leave, Member: Member{Key: h.key(0)}, Epoch: 2}
	for _, i := range []int{1, 2} {
		require.NoError(t, h.approve(leave, i)[0])
	}
	a, err := SignChange(h.spec.GenesisHash(), newSigner, leave)
	require.NoError(t, err)
	require.Len(t, h.changes.Queued(), 0, "200 of 500 is no quorum")
	require.NoError(t, h.changes.Approve(a))
	require.Len(t, h.changes.Queued(), 0, "300 of 500 is no quorum")
	require.NoError(t, h.approve(leave, 3)[0])
	require.Len(t, h.changes.Queued(), 1, "400 of 500 is")
	set, _, err = h.changes.EndEpoch(2)
	require.NoError(t, err)
	_, ok = set.Index(h.key(0))
	require.False(t, ok)
	require.Equal(t, 4, set.Len())
}

// TestChangesDeterministic feeds two state machines the same approvals and
// checks they reach the same sets; a third, fed the approvals of each change
// in another order (but the changes reaching quorum in the same order),
// agrees too.
func TestChangesDeterministic(t *testing.T) {
	h := newHarness(t, 7)
	var approvals []Approval
	for e := uint64(0); e < 3; e++ {
		chs := []Change{
			{Kind: Join, Member: newcomer(t, 10+e*4, 33000+int(e)*10), Epoch: e},
			{Kind: Restake, Member: Member{Key: h.key(int(e)), Stake: 50 + e}, Epoch: e},
		}
		for _, ch := range chs {
			for i := range 7 {
				a, err := SignChange(h.spec.GenesisHash(), h.signers[i], ch)
				require.NoError(t, err)
				approvals = append(approvals, a)
			}
		}
	}
	run := func(order []Approval) []chain.Digest {
		c, err := h.spec.Changes()
		require.NoError(t, err)
		var digests []chain.Digest
		for e := uint64(0); e < 3; e++ {
			for _, a := range order {
				if a.Change.Epoch == e {
					_ = c.Approve(a) // some are refused: members that left, duplicates
				}
			}
			set, _, err := c.EndEpoch(e)
			require.NoError(t, err)
			digests = append(digests, set.Digest())
		}
		return digests
	}
	first := run(approvals)
	require.Equal(t, first, run(approvals))
	reversedWithin := append([]Approval(nil), approvals...)
	for i := 0; i+7 <= len(reversedWithin); i += 7 {
		for a, b := i, i+6; a < b; a, b = a+1, b-1 {
			reversedWithin[a], reversedWithin[b] = reversedWithin[b], reversedWithin[a]
		}
	}
	require.Equal(t, first, run(reversedWithin))
	require.NotEqual(t, first[0], first[1])
}

// TestChangesProposalLimit: one validator cannot crowd out the others'
// proposals.
func TestChangesProposalLimit(t *testing.T) {
	h := newHarness(t, 4)
	restake := func(nonce uint64) Change {
		return Change{Kind: Restake, Member: Member{Key: h.key(0), Stake: 100 + nonce}, Nonce: nonce}
	}
	for n := range uint64(MaxProposals) {
		require.NoError(t, h.approve(restake(n), 0)[0])
	}
	require.ErrorIs(t, h.approve(restake(MaxProposals), 0)[0], ErrTooManyChanges)
	require.NoError(t, h.approve(restake(MaxProposals), 1)[0], "another validator may propose")
	require.NoError(t, h.approve(restake(0), 1)[0], "and approve the first one's proposals")
	require.Len(t, h.changes.Pending(), MaxProposals+1)
}
