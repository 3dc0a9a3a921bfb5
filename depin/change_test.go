package depin_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/subnet"
)

// newChangeFixture is newFixture with validator-set changes on: the
// validators (stakes 1, 2, 1, 2 before sorting) are whole members, in
// consensus key order, f.keys[i] and f.settleKeys[i] validator i's.
func newChangeFixture(t *testing.T, n int) *fixture {
	t.Helper()
	f := newFixture(t, n, nil)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(f.cfg.Validators[a].Key, f.cfg.Validators[b].Key) })
	var vals []depin.Validator
	var keys []ed25519.PrivateKey
	var settle = f.settleKeys[:0:0]
	for i, j := range order {
		v := f.cfg.Validators[j]
		v.Name = fmt.Sprintf("validator-%d", i)
		v.P2P = fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", 7600+i)
		v.API = fmt.Sprintf("127.0.0.1:%d", 7700+i)
		vals, keys, settle = append(vals, v), append(keys, f.keys[j]), append(settle, f.settleKeys[j])
	}
	f.cfg.Validators, f.keys, f.settleKeys = vals, keys, settle
	f.cfg.ValidatorChanges = true
	for i := range f.nodes {
		f.nodes[i] = f.newNode(i)
	}
	return f
}

// step applies a commit of txs to every node, requires that they agree on
// the app hash and the next validator set, and returns node 0's result.
func (f *fixture) step(txs ...chain.Tx) chain.Result {
	f.t.Helper()
	c := f.next(txs...)
	var first chain.Result
	for i, n := range f.nodes {
		res, err := n.ApplyCommit(c)
		require.NoError(f.t, err)
		if i == 0 {
			first = res
			continue
		}
		require.Equal(f.t, first.AppHash, res.AppHash, "validator %d disagrees at commit %d", i, c.Index)
		require.Equal(f.t, first.NextValidators == nil, res.NextValidators == nil, "validator %d: next set at commit %d", i, c.Index)
		if first.NextValidators != nil {
			require.Equal(f.t, first.NextValidators.Digest(), res.NextValidators.Digest())
		}
	}
	return first
}

// approve returns the approvals of change by validators idx.
func (f *fixture) approve(change subnet.Change, idx ...int) []chain.Tx {
	f.t.Helper()
	var out []chain.Tx
	for _, i := range idx {
		tx, err := f.nodes[i].ApproveChangeTx(change)
		require.NoError(f.t, err)
		out = append(out, tx)
	}
	return out
}

// quorumOf returns validators, lowest index first, whose stake makes a
// quorum, and one fewer than that when it is not.
func (f *fixture) quorumOf() (quorum, short []int) {
	set, err := f.cfg.ValidatorSet()
	require.NoError(f.t, err)
	var stake uint64
	for i := range f.cfg.Validators {
		quorum = append(quorum, i)
		stake += f.cfg.Validators[i].Stake
		if set.IsQuorum(stake) {
			return quorum, quorum[:len(quorum)-1]
		}
	}
	f.t.Fatal("no quorum")
	return nil, nil
}

// TestChangeRestake: a stake change approved by more than 2/3 of the stake
// changes the set at the end of its reward epoch, on every validator, with
// Result.NextValidators set exactly once; later quorums use the new stakes.
func TestChangeRestake(t *testing.T) {
	f := newChangeFixture(t, 4)
	target := f.cfg.Validators[3]
	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: target.Key, Stake: 10}, Epoch: 0, Nonce: 1}
	quorum, _ := f.quorumOf()
	txs := f.approve(change, quorum...)

	var nexts []uint64 // commit indices with a next set
	record := func(res chain.Result) {
		if res.NextValidators != nil {
			nexts = append(nexts, f.index)
		}
	}
	record(f.step(txs[0])) // proposed
	queued, pending := f.nodes[1].PendingChanges()
	require.Empty(t, queued)
	require.Len(t, pending, 1)
	require.Equal(t, change.Member.Key, pending[0].Change.Member.Key)
	require.Equal(t, f.cfg.Validators[quorum[0]].Stake, pending[0].Stake)

	record(f.step(txs[1:]...)) // quorum: queued
	queued, pending = f.nodes[2].PendingChanges()
	require.Len(t, queued, 1)
	require.Empty(t, pending)
	require.Equal(t, f.cfg.Validators, f.nodes[0].Validators(), "not before the epoch ends")

	res := f.step() // commit 3 closes epoch 0
	record(res)
	require.NotNil(t, res.NextValidators)
	require.Equal(t, 4, res.NextValidators.Len())
	i, ok := res.NextValidators.Index(target.Key)
	require.True(t, ok)
	require.EqualValues(t, 10, res.NextValidators.Stake(i))
	for k := 0; k < 7; k++ {
		record(f.step())
	}
	require.Equal(t, []uint64{3}, nexts, "NextValidators exactly once, at the epoch's end")

	for _, n := range f.nodes {
		vals := n.Validators()
		require.EqualValues(t, 10, vals[3].Stake)
		require.Equal(t, target.Settlement, vals[3].Settlement)
		at0, err := n.ValidatorsAt(0)
		require.NoError(t, err)
		require.Equal(t, f.cfg.Validators, at0)
		at1, err := n.ValidatorsAt(1)
		require.NoError(t, err)
		require.Equal(t, vals, at1)
		require.Equal(t, f.cfg.Validators, n.Config().Validators, "Config stays the genesis")
	}

	// Epoch 0 is settled by the old set (quorum 5 of 6), epoch 1 by the new
	// one (quorum 11 of 15): validator 3 alone now holds more than 1/3.
	for _, epoch := range []uint64{0, 1} {
		var votes []chain.Tx
		for _, n := range f.nodes {
			v, err := n.VoteTx(epoch)
			require.NoError(t, err)
			votes = append(votes, v)
		}
		// Everyone but validator 3.
		f.step(votes[0], votes[1], votes[2])
		s, err := f.nodes[0].Epoch(epoch)
		require.NoError(t, err)
		total := uint64(0)
		for _, v := range f.cfg.Validators[:3] {
			total += v.Stake
		}
		require.Equal(t, total, s.VotedStake)
		old, _ := f.cfg.ValidatorSet()
		if epoch == 0 {
			require.Equal(t, old.IsQuorum(total), s.Quorum)
		} else {
			require.False(t, s.Quorum, "the old majority is no quorum of the new set")
		}
	}
}

// TestChangeNoQuorum: a change approved by too little stake does nothing and
// is dropped at the epoch's end.
func TestChangeNoQuorum(t *testing.T) {
	f := newChangeFixture(t, 4)
	_, short := f.quorumOf()
	change := subnet.Change{Kind: subnet.Leave, Member: subnet.Member{Key: f.cfg.Validators[0].Key}, Epoch: 0}
	require.Nil(t, f.step(f.approve(change, short...)...).NextValidators)
	_, pending := f.nodes[0].PendingChanges()
	require.Len(t, pending, 1)
	require.Nil(t, f.step().NextValidators)
	require.Nil(t, f.step().NextValidators) // epoch 0 ends
	queued, pending := f.nodes[0].PendingChanges()
	require.Empty(t, queued)
	require.Empty(t, pending)
	require.Equal(t, f.cfg.Validators, f.nodes[1].Validators())

	// The missing approval, now in epoch 1, is for a past epoch.
	rest := f.approve(change, len(short))
	f.step(rest...)
	s, err := f.nodes[0].Epoch(1)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonWrongEpoch))
}

// TestChangeRejected: approvals by a non-validator, with a bad signature,
// repeated, for another epoch, and changes the set refuses are rejected
// with their reasons and change nothing.
func TestChangeRejected(t *testing.T) {
	f := newChangeFixture(t, 4)
	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: f.cfg.Validators[1].Key, Stake: 3}, Epoch: 0}

	// A stranger (a validator of another subnet with the same genesis
	// shape cannot sign for this one: its key is no member's).
	_, stranger, err := ed25519.GenerateKey(f.rnd)
	require.NoError(t, err)
	a, err := subnet.SignChange(f.cfg.Genesis(), chain.NewKeySigner(stranger), change)
	require.NoError(t, err)
	strangerTx, err := depin.ChangeTx(a)
	require.NoError(t, err)

	// A bad signature: validator 0's approval with a flipped bit.
	a, err = subnet.SignChange(f.cfg.Genesis(), chain.NewKeySigner(f.keys[0]), change)
	require.NoError(t, err)
	a.Signature[5] ^= 1
	badSigTx, err := depin.ChangeTx(a)
	require.NoError(t, err)

	// Signed for another subnet (another genesis): a bad signature too.
	a, err = subnet.SignChange(common.Hash{1}, chain.NewKeySigner(f.keys[0]), change)
	require.NoError(t, err)
	otherSubnetTx, err := depin.ChangeTx(a)
	require.NoError(t, err)

	future := change
	future.Epoch = 1
	leaveStranger := subnet.Change{Kind: subnet.Leave, Member: subnet.Member{Key: stranger.Public().(ed25519.PublicKey)}}
	dup := f.approve(change, 2)[0]

	f.step(strangerTx, badSigTx, otherSubnetTx, f.approve(future, 0)[0], f.approve(leaveStranger, 1)[0], dup, dup)
	s, err := f.nodes[3].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonUnknownVoter))
	require.EqualValues(t, 2, s.RejectedFor("change:"+depin.ReasonBadSignature))
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonWrongEpoch))
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonRefused))
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonDuplicateVote))
	_, pending := f.nodes[0].PendingChanges()
	require.Len(t, pending, 1, "only validator 2's approval counted")
	require.Equal(t, f.cfg.Validators[2].Stake, pending[0].Stake)

	// A malformed change inside a well-framed transaction.
	junk := &depin.Tx{Kind: depin.TxChange, Change: []byte{0x80}, Validator: f.cfg.Validators[0].Key, Signature: make([]byte, 64)}
	junkTx, err := junk.Marshal()
	require.NoError(t, err)
	f.step(junkTx)
	s, _ = f.nodes[0].Epoch(0)
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonMalformed))

	// Fields of another kind are refused by CheckTx.
	mixed := &depin.Tx{Kind: depin.TxChange, Change: []byte{0x80}, Validator: f.cfg.Validators[0].Key, Signature: make([]byte, 64), Epoch: 1}
	_, err = mixed.Marshal()
	require.ErrorIs(t, err, depin.ErrMalformed)
	vote := &depin.Tx{Kind: depin.TxVote, CheckpointSignature: make([]byte, 65), Change: []byte{0x80}}
	_, err = vote.Marshal()
	require.ErrorIs(t, err, depin.ErrMalformed)

	require.Nil(t, f.step().NextValidators) // epoch 0 ends, nothing changes
	require.Equal(t, f.cfg.Validators, f.nodes[0].Validators())
}

// TestChangeOff: without Config.ValidatorChanges every change is rejected.
func TestChangeOff(t *testing.T) {
	f := newFixture(t, 2, nil)
	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: f.cfg.Validators[1].Key, Stake: 3}}
	txs := f.approve(change, 0, 1)
	f.commit(txs...)
	f.commit()
	f.commit()
	s, err := f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 2, s.RejectedFor("change:"+depin.ReasonChangesOff))
	require.Equal(t, f.cfg.Validators, f.nodes[0].Validators())
}

// TestChangeLeave: a leave that would empty the set is refused; an approved
// leave shrinks the set, and the leaver's votes count for the epoch it
// validated but not for the next.
func TestChangeLeave(t *testing.T) {
	one := newChangeFixture(t, 1)
	self := subnet.Change{Kind: subnet.Leave, Member: subnet.Member{Key: one.cfg.Validators[0].Key}}
	require.Nil(t, one.step(one.approve(self, 0)...).NextValidators)
	s, err := one.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.RejectedFor("change:"+depin.ReasonRefused))

	f := newChangeFixture(t, 4)
	leaver := 0
	change := subnet.Change{Kind: subnet.Leave, Member: subnet.Member{Key: f.cfg.Validators[leaver].Key}, Nonce: 7}
	f.step(f.approve(change, 0, 1, 2, 3)...)
	f.step()
	res := f.step()
	require.NotNil(t, res.NextValidators)
	require.Equal(t, 3, res.NextValidators.Len())
	_, ok := res.NextValidators.Index(f.cfg.Validators[leaver].Key)
	require.False(t, ok)

	// A maker vote of the leaver no longer counts in epoch 1.
	_, err = f.nodes[leaver].ApproveMakerTx(f.maker.Public(), "x")
	require.ErrorIs(t, err, depin.ErrConfig)

	for epoch := range uint64(2) {
		f.step() // make sure epoch 1 closes too
		f.step()
		f.step()
		vote, err := f.nodes[leaver].VoteTx(epoch)
		require.NoError(t, err)
		f.step(vote)
		s, err := f.nodes[1].Epoch(epoch)
		require.NoError(t, err)
		if epoch == 0 {
			require.Equal(t, 1, s.Votes)
		} else {
			require.Zero(t, s.Votes)
		}
	}
	open, err := f.nodes[1].Epoch(f.nodes[1].CurrentEpoch())
	require.NoError(t, err)
	// The second vote, of epoch 1, landed in the open epoch's commits.
	total := open.RejectedFor("vote:" + depin.ReasonUnknownVoter)
	for e := uint64(0); e < f.nodes[1].CurrentEpoch(); e++ {
		s, err := f.nodes[1].Epoch(e)
		require.NoError(t, err)
		total += s.RejectedFor("vote:" + depin.ReasonUnknownVoter)
	}
	require.EqualValues(t, 1, total)
}

// TestChangeSnapshot: nodes restored from snapshots mid-way (a change
// pending, then after the set changed) stay in step: same app hashes, same
// next set at the same commit.
func TestChangeSnapshot(t *testing.T) {
	f := newChangeFixture(t, 4)
	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: f.cfg.Validators[2].Key, Stake: 5}}
	_, newcomer, err := ed25519.GenerateKey(f.rnd)
	require.NoError(t, err)
	join := subnet.Change{Kind: subnet.Join, Epoch: 1, Member: subnet.Member{
		Name: "newcomer", Key: newcomer.Public().(ed25519.PublicKey), Settlement: common.Address{0x77}, Stake: 1,
		P2P: "/ip4/127.0.0.1/tcp/7690", API: "127.0.0.1:7790"}}

	txs := f.approve(change, 0, 1, 2, 3)
	f.step(txs[0], txs[1])
	restore := func(i int) {
		snap, err := f.nodes[i].Snapshot()
		require.NoError(t, err)
		fresh := f.newNode(i)
		require.NoError(t, fresh.Restore(snap))
		again, err := fresh.Snapshot()
		require.NoError(t, err)
		require.Equal(t, sha256.Sum256(snap), sha256.Sum256(again))
		f.nodes[i] = fresh
	}
	restore(1) // mid-way: a change pending
	f.step(txs[2], txs[3])
	restore(2) // queued
	res := f.step()
	require.NotNil(t, res.NextValidators)
	restore(3) // after the change
	jtx := f.approve(join, 0, 1, 2, 3)
	f.step(jtx...)
	restore(0)
	f.step()
	res = f.step() // epoch 1 ends: the join takes effect
	require.NotNil(t, res.NextValidators)
	require.Equal(t, 5, res.NextValidators.Len())
	for _, n := range f.nodes {
		vals := n.Validators()
		require.Len(t, vals, 5)
		at1, err := n.ValidatorsAt(1)
		require.NoError(t, err)
		require.Len(t, at1, 4)
	}
	restore(1)
	for range 3 {
		f.step()
	}

	// A snapshot of a subnet with changes does not restore into one without.
	snap, err := f.nodes[0].Snapshot()
	require.NoError(t, err)
	plain := newFixture(t, 1, func(c *depin.Config) { c.Name = "test" })
	require.ErrorIs(t, plain.nodes[0].Restore(snap), depin.ErrMalformed)
}

// TestChangeConfig: ValidatorChanges needs whole members in key order.
func TestChangeConfig(t *testing.T) {
	f := newChangeFixture(t, 2)
	cfg := f.cfg
	require.NoError(t, cfg.Validate())
	g := cfg.Genesis()
	cfg.ValidatorChanges = false
	require.NotEqual(t, g, cfg.Genesis())

	cfg = f.cfg
	cfg.Validators = slices.Clone(cfg.Validators)
	slices.Reverse(cfg.Validators)
	require.ErrorIs(t, cfg.Validate(), depin.ErrConfig)

	cfg = f.cfg
	cfg.Validators = slices.Clone(cfg.Validators)
	cfg.Validators[1].API = ""
	require.ErrorIs(t, cfg.Validate(), depin.ErrConfig)

	cfg = f.cfg
	cfg.Validators = slices.Clone(cfg.Validators)
	cfg.Validators[1].P2P = cfg.Validators[0].P2P
	require.ErrorIs(t, cfg.Validate(), depin.ErrConfig)
}

// TestChangeSettlementVotes: the votes on the epoch at whose end the set
// changed also sign the next set for the parent chain, by the old set's
// settlement keys; a vote without that signature, or with another
// validator's, is rejected.
func TestChangeSettlementVotes(t *testing.T) {
	f := newChangeFixture(t, 4)
	target := f.cfg.Validators[1]
	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: target.Key, Stake: 4}}
	f.step(f.approve(change, 0, 1, 2, 3)...)
	f.step()
	require.NotNil(t, f.step().NextValidators) // epoch 0 ends
	f.step()
	f.step()
	f.step() // epoch 1 ends, no change

	_, _, _, err := f.nodes[0].ValidatorUpdate(1)
	require.ErrorIs(t, err, depin.ErrNotFound)
	_, _, _, err = f.nodes[0].ValidatorUpdate(7)
	require.ErrorIs(t, err, depin.ErrUnknownEpoch)
	set, sigs, quorum, err := f.nodes[0].ValidatorUpdate(0)
	require.NoError(t, err)
	require.Empty(t, sigs)
	require.False(t, quorum)
	require.EqualValues(t, 2, set.Version)
	require.Equal(t, f.cfg.Settlement.Subnet, set.Subnet)
	require.Len(t, set.Validators, 4)
	require.EqualValues(t, 4, set.Validators[1].Stake)
	require.Equal(t, target.Settlement, set.Validators[1].Address)

	votes := make([]chain.Tx, 4)
	for i, n := range f.nodes {
		votes[i], err = n.VoteTx(0)
		require.NoError(t, err)
		tx, err := depin.DecodeTx(votes[i])
		require.NoError(t, err)
		require.Len(t, tx.SetSignature, 65)
	}
	// Validator 0's vote without the set signature, and validator 1's with
	// validator 2's set signature.
	bare, err := depin.DecodeTx(votes[0])
	require.NoError(t, err)
	bare.SetSignature = nil
	bareTx, err := bare.Marshal()
	require.NoError(t, err)
	v1, _ := depin.DecodeTx(votes[1])
	v2, _ := depin.DecodeTx(votes[2])
	v1.SetSignature = v2.SetSignature
	swappedTx, err := v1.Marshal()
	require.NoError(t, err)
	// A set signature on an epoch whose end changed nothing.
	e1, err := f.nodes[0].VoteTx(1)
	require.NoError(t, err)
	extra, _ := depin.DecodeTx(e1)
	extra.SetSignature = v2.SetSignature
	extraTx, err := extra.Marshal()
	require.NoError(t, err)

	f.step(bareTx, swappedTx, extraTx)
	s, err := f.nodes[0].Epoch(2)
	require.NoError(t, err)
	require.EqualValues(t, 2, s.RejectedFor("vote:"+depin.ReasonMalformed))
	require.EqualValues(t, 1, s.RejectedFor("vote:"+depin.ReasonBadSignature))
	s0, _ := f.nodes[0].Epoch(0)
	require.Zero(t, s0.Votes)

	f.step(votes...)
	set, sigs, quorum, err = f.nodes[3].ValidatorUpdate(0)
	require.NoError(t, err)
	require.True(t, quorum)
	require.Len(t, sigs, 4)
	digest, err := f.cfg.Settlement.Deployment.Digest(set)
	require.NoError(t, err)
	for i, sig := range sigs {
		by, err := sig.Signer(digest)
		require.NoError(t, err)
		require.Equal(t, f.cfg.Validators[i].Settlement, by, "the old set signs the new one")
	}

	// The approvals survive a snapshot.
	snap, err := f.nodes[3].Snapshot()
	require.NoError(t, err)
	fresh := f.newNode(3)
	require.NoError(t, fresh.Restore(snap))
	_, sigs2, quorum2, err := fresh.ValidatorUpdate(0)
	require.NoError(t, err)
	require.Equal(t, sigs, sigs2)
	require.True(t, quorum2)
}
