package depin_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// TestEpoch runs one epoch with good and bad envelopes through four
// validators and checks that they agree, that the payouts are exactly the
// vertical's scores shared by reward.Distribute, that the emission is
// conserved, and that Explain names every rejection.
func TestEpoch(t *testing.T) {
	f := newFixture(t, 4, nil)
	a, b, c := f.newDevice(true), f.newDevice(false), f.newDevice(true)
	e := f.newDeviceOwned(true, device.Ed25519) // an owner with no EVM address
	stranger := f.newDevice(true)               // never registered
	f.commit(a.reg, b.reg, c.reg, e.reg)
	for _, n := range f.nodes {
		require.Equal(t, 4, n.Devices())
	}

	good := f.reading(a, 1000)
	forged := f.seal(a, readingType, reading{Wh: 5000})
	forged[len(forged)-1] ^= 1 // the signature's last byte
	var readingsC []chain.Tx
	for range 6 {
		readingsC = append(readingsC, f.reading(c, 10_000)) // 60,000 Wh: over capacity
	}
	otherDevice := f.newDevice(true)
	bundleOfOther := f.usage(otherDevice, 10) // a's envelope below carries it
	var otherEnv depin.Tx
	decoded, err := depin.DecodeTx(bundleOfOther)
	require.NoError(t, err)
	otherEnv = *decoded
	opened, err := device.ParseEnvelope(otherEnv.Envelope)
	require.NoError(t, err)
	var stolen proof.Bundle
	require.NoError(t, opened.Decode(&stolen))

	// A threshold claim on the signature path, where a ZK proof is required.
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = 7
	}
	sig, err := proof.SignReadings(a.key, readings)
	require.NoError(t, err)
	threshold, err := proof.Signed(&proof.ThresholdWitness{Cap: 100, Min: big.NewInt(16), Readings: readings, Device: a.key.Public(), Signature: sig})
	require.NoError(t, err)

	txs := []chain.Tx{
		good,
		envTx(t, forged),
		good, // replayed
		f.reading(b, 2000),
		f.reading(b, 0), // the vertical rejects it
		envTx(t, f.seal(b, "depin/meter/other/v1", reading{Wh: 1})),    // wrong content type
		envTx(t, f.seal(b, readingType, bytes.Repeat([]byte{1}, 100))), // oversized payload
		f.reading(stranger, 100),                      // unknown device
		f.usage(a, 10),                                // 160 Wh proved
		envTx(t, f.seal(a, usageType, &stolen)),       // another device's bundle
		envTx(t, f.seal(a, thresholdType, threshold)), // signature path where ZK is required
		f.reading(e, 500),
		[]byte{0xff, 0x00}, // not a transaction
	}
	txs = append(txs, readingsC...)
	f.commit(txs...)
	f.commit() // the third commit ends epoch 0

	sums := make([]depin.EpochSummary, len(f.nodes))
	pays := make([][]depin.Payout, len(f.nodes))
	for i, n := range f.nodes {
		require.EqualValues(t, 1, n.CurrentEpoch())
		sums[i], err = n.Epoch(0)
		require.NoError(t, err)
		pays[i], err = n.Payouts(0)
		require.NoError(t, err)
		require.Equal(t, sums[0], sums[i], "validator %d", i)
		require.Equal(t, pays[0], pays[i], "validator %d", i)
	}
	s := sums[0]
	require.False(t, s.Open)
	require.NotEqual(t, common.Hash{}, s.Root)
	require.Equal(t, big.NewInt(meterEmission), s.Emission)
	require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated), "conservation")
	require.Equal(t, s.Paid, sum(pays[0]))
	require.Zero(t, s.Unallocated.Sign())
	require.EqualValues(t, 4, s.Registered)
	require.EqualValues(t, 1+1+1+6+1, s.Accepted) // a, b, a's usage, c×6, e
	for reason, want := range map[string]uint64{
		depin.ReasonBadSignature: 1, depin.ReasonReplay: 1, depin.ReasonContentType: 1, depin.ReasonOversized: 1,
		depin.ReasonUnknownDevice: 1, depin.ReasonInvalidProof: 1, depin.ReasonProofRequired: 1,
		depin.ReasonMalformed: 1, "zero-reading": 1, "over-capacity": 6, depin.ReasonNoPayee: 1,
	} {
		require.Equal(t, want, s.RejectedFor(reason), reason)
	}

	// The readings pool has 3/4 of the emission: a (1000 Wh, certified) and b
	// (2000 Wh at half) score alike; a alone proved usage (1/4).
	want := map[string]*big.Int{
		"readings/" + a.id.String(): big.NewInt(375_000),
		"readings/" + b.id.String(): big.NewInt(375_000),
		"proofs/" + a.id.String():   big.NewInt(250_000),
	}
	got := map[string]*big.Int{}
	for _, p := range pays[0] {
		got[p.Pool+"/"+p.Contributor] = p.Amount
	}
	require.Equal(t, want, got)

	// The root is the claims tree's: a's owner is paid both pools at once.
	tree, err := f.nodes[2].Tree(0)
	require.NoError(t, err)
	require.Equal(t, s.Root, tree.Root())
	cl, err := f.nodes[1].Claim(0, a.address())
	require.NoError(t, err)
	require.Equal(t, big.NewInt(625_000), cl.Amount)
	require.True(t, reward.VerifyProof(s.Root, reward.Claim{Address: a.address(), Amount: cl.Amount}, cl.Proof))

	explain := func(d *meterKit) depin.Explanation {
		x, err := f.nodes[3].Explain(d.id, 0)
		require.NoError(t, err)
		return x
	}
	xa := explain(a)
	require.Equal(t, big.NewInt(625_000), xa.Amount)
	require.Equal(t, a.address(), xa.Address)
	require.Len(t, xa.Pools, 2)
	requireReasons(t, xa, depin.ReasonBadSignature, depin.ReasonReplay, depin.ReasonInvalidProof, depin.ReasonProofRequired)
	require.Contains(t, xa.String(), "bad-signature")
	xb := explain(b)
	requireReasons(t, xb, "zero-reading", depin.ReasonContentType, depin.ReasonOversized)
	require.Equal(t, "uncertified meter", xb.Pools[0].Multipliers[0].Note)
	xc := explain(c)
	require.Zero(t, xc.Amount.Sign())
	requireReasons(t, xc, "over-capacity")
	require.True(t, xc.Notes[0].Late)
	require.Contains(t, xc.Reason, "earned nothing")
	xe := explain(e)
	requireReasons(t, xe, depin.ReasonNoPayee)
	xs := explain(stranger)
	requireReasons(t, xs, depin.ReasonUnknownDevice)

	// Epoch 1 has no contributors: its emission is all unallocated, no root.
	f.commit()
	f.commit()
	f.commit()
	s1, err := f.nodes[0].Epoch(1)
	require.NoError(t, err)
	require.Zero(t, s1.Paid.Sign())
	require.Equal(t, big.NewInt(meterEmission), s1.Unallocated)
	require.Equal(t, common.Hash{}, s1.Root)
	_, err = f.nodes[0].Tree(1)
	require.ErrorIs(t, err, depin.ErrNotFound)
}

func requireReasons(t *testing.T, x depin.Explanation, reasons ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, r := range x.Rejected {
		have[r.Reason] = true
	}
	for _, r := range reasons {
		require.True(t, have[r], "%s not among %v\n%s", r, x.Rejected, x)
	}
	require.NotEmpty(t, x.Notes)
}

// TestVotes checks settlement votes in the state: signatures recover to the
// validators, stake adds up to a quorum only past 2/3, and bad votes are
// rejected with a reason while the chain goes on.
func TestVotes(t *testing.T) {
	f := newFixture(t, 4, nil) // stakes 1, 2, 1, 2: quorum at 5 of 6
	d := f.newDevice(true)
	f.commit(d.reg)
	f.commit(f.reading(d, 100))
	f.commit()
	votes := make([]chain.Tx, 4)
	for i, n := range f.nodes {
		var err error
		votes[i], err = n.VoteTx(0)
		require.NoError(t, err)
	}
	f.commit(votes[0], votes[1], votes[2])
	s, err := f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.Equal(t, 3, s.Votes)
	require.EqualValues(t, 4, s.VotedStake)
	require.False(t, s.Quorum)

	// A stranger's vote, a repeated vote and a vote for an unknown epoch.
	g := newFixture(t, 1, nil) // other settlement keys, same epoch shape
	gd := g.newDevice(true)
	g.commit(gd.reg)
	g.commit()
	g.commit()
	strangerVote, err := g.nodes[0].VoteTx(0)
	require.NoError(t, err)
	unknown := &depin.Tx{Kind: depin.TxVote, Epoch: 9, CheckpointSignature: bytes.Repeat([]byte{1}, 65)}
	unknownTx, err := unknown.Marshal()
	require.NoError(t, err)
	f.commit(votes[3], votes[0], strangerVote, unknownTx, f.reading(d, 0))
	s, err = f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.Equal(t, 4, s.Votes)
	require.EqualValues(t, 6, s.VotedStake)
	require.True(t, s.Quorum)
	open, err := f.nodes[0].Epoch(1)
	require.NoError(t, err)
	require.EqualValues(t, 1, open.RejectedFor("vote:"+depin.ReasonDuplicateVote))
	require.EqualValues(t, 1, open.RejectedFor("vote:"+depin.ReasonUnknownEpoch))
	require.EqualValues(t, 1, open.RejectedFor("vote:"+depin.ReasonUnknownVoter))
	// Validators' votes are counted apart from devices' envelopes, and a
	// count prints readably.
	require.Equal(t, "[zero-reading=1]", fmt.Sprint(open.Rejected))
	require.Equal(t, "[vote:duplicate-vote=1 vote:unknown-epoch=1 vote:unknown-validator=1]", fmt.Sprint(open.ValidatorRejected))
	require.EqualValues(t, 1, open.RejectedTotal())

	root, cps, quorum, err := f.nodes[2].Signatures(0)
	require.NoError(t, err)
	require.True(t, quorum)
	require.Len(t, root, 4)
	er, err := f.nodes[2].EpochRoot(0)
	require.NoError(t, err)
	digest, err := f.cfg.Settlement.Deployment.Digest(er)
	require.NoError(t, err)
	cp, err := f.nodes[2].Checkpoint(0)
	require.NoError(t, err)
	cpDigest, err := f.cfg.Settlement.Deployment.Digest(cp)
	require.NoError(t, err)
	for i := range root {
		by, err := root[i].Signer(digest)
		require.NoError(t, err)
		require.Equal(t, f.cfg.Validators[i].Settlement, by)
		by, err = cps[i].Signer(cpDigest)
		require.NoError(t, err)
		require.Equal(t, f.cfg.Validators[i].Settlement, by)
	}
	// The checkpoint names the commit that ended the epoch and the state
	// after it.
	s, _ = f.nodes[0].Epoch(0)
	require.EqualValues(t, 3, cp.Height)
	require.Equal(t, common.Hash(s.AppHash), cp.StateRoot)
	require.Equal(t, common.Hash(s.CommitDigest), cp.CommitDigest)
}

// TestOversized: a transaction over the limit is refused by CheckTx; one
// that a faulty validator orders anyway is counted and skipped.
func TestOversized(t *testing.T) {
	f := newFixture(t, 2, nil)
	big := bytes.Repeat([]byte{0x41}, depin.MaxTxBytes+1)
	require.ErrorIs(t, f.nodes[0].CheckTx(big), depin.ErrTooLarge)
	env := make([]byte, device.MaxEnvelopeSize+1)
	_, err := depin.EnvelopeTx(env)
	require.ErrorIs(t, err, depin.ErrTooLarge)
	require.ErrorIs(t, f.nodes[0].CheckTx([]byte{0xa0}), depin.ErrMalformed)
	d := f.newDevice(true)
	f.commit(big, d.reg)
	f.commit(f.reading(d, 10))
	s, err := f.nodes[1].Epoch(0)
	require.NoError(t, err)
	require.True(t, s.Open)
	require.EqualValues(t, 1, s.RejectedFor(depin.ReasonOversized))
	require.EqualValues(t, 1, s.Accepted)
}

// TestSnapshotRestore: a node restored from another's snapshot has the same
// app hash, answers the same, and stays in step with it.
func TestSnapshotRestore(t *testing.T) {
	f := newFixture(t, 2, nil)
	a, b := f.newDevice(true), f.newDevice(false)
	f.commit(a.reg, b.reg)
	f.commit(f.reading(a, 100), f.reading(b, 300), f.usage(a, 3))
	f.commit(f.reading(a, 200)) // epoch 0 ends
	f.commit(f.reading(b, 50), f.reading(a, 0))

	snap, err := f.nodes[0].Snapshot()
	require.NoError(t, err)
	fresh := f.newNode(1)
	require.Error(t, fresh.Restore(snap[:len(snap)-1]))
	require.Error(t, fresh.Restore(append(bytes.Clone(snap), 0)))
	h0, _ := fresh.Height()
	require.Zero(t, h0)
	require.NoError(t, fresh.Restore(snap))
	again, err := fresh.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sha256.Sum256(snap), sha256.Sum256(again))
	hA, dA := f.nodes[0].Height()
	hB, dB := fresh.Height()
	require.Equal(t, hA, hB)
	require.Equal(t, dA, dB)

	f.nodes[1] = fresh
	f.commit(f.reading(a, 10), f.reading(a, 10)) // the same seq is not reused: both new
	f.commit()                                   // epoch 1 ends
	for _, n := range f.nodes {
		s, err := n.Epoch(1)
		require.NoError(t, err)
		require.False(t, s.Open)
	}
	s0, _ := f.nodes[0].Epoch(1)
	s1, _ := f.nodes[1].Epoch(1)
	require.Equal(t, s0, s1)
	x0, err := f.nodes[0].Explain(a.id, 0)
	require.NoError(t, err)
	x1, err := f.nodes[1].Explain(a.id, 0)
	require.NoError(t, err)
	require.Equal(t, x0, x1)

	// A replayed envelope from before the snapshot is still refused.
	replay := f.reading(a, 10)
	f.commit(replay)
	f.commit(replay)
	s, err := f.nodes[1].Epoch(2)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.RejectedFor(depin.ReasonReplay))
}

// TestEpochByTime: with EpochDuration, the first commit at or past the
// epoch's length after its first commit ends it.
func TestEpochByTime(t *testing.T) {
	f := newFixture(t, 1, func(c *depin.Config) { c.EpochCommits, c.EpochDuration = 0, 3*time.Second })
	f.commit() // t=1s: epoch 0 starts
	f.commit() // 2s
	f.commit() // 3s
	require.EqualValues(t, 0, f.nodes[0].CurrentEpoch())
	f.commit() // 4s: 3s after the start
	require.EqualValues(t, 1, f.nodes[0].CurrentEpoch())
	s, err := f.nodes[0].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.FirstCommit)
	require.EqualValues(t, 4, s.LastCommit)
	require.Equal(t, 3*time.Second, s.End.Sub(s.Start))
}

func TestConfigValidate(t *testing.T) {
	var c depin.Config
	require.ErrorIs(t, c.Validate(), depin.ErrConfig)
	f := newFixture(t, 2, nil)
	c = f.cfg
	c.Validators = append([]depin.Validator(nil), c.Validators...)
	c.Validators[1].Settlement = common.Address{}
	require.ErrorIs(t, c.Validate(), depin.ErrConfig)
	c = f.cfg
	c.KeepEpochs = -1
	require.ErrorIs(t, c.Validate(), depin.ErrConfig)
	c = depin.Config{Validators: f.cfg.Validators[:1]}
	require.NoError(t, c.Validate())
	require.Equal(t, depin.DefaultEpochLength, c.EpochDuration)
	require.Equal(t, depin.DefaultName, c.Name)
	require.NotNil(t, c.Verifier)

	_, err := depin.New(depin.WithConfig(f.cfg))
	require.ErrorIs(t, err, depin.ErrConfig, "no vertical")
	_, err = depin.New(depin.WithVertical(newMeter()), depin.WithConfig(f.cfg))
	require.ErrorIs(t, err, depin.ErrConfig, "two validators and no engine")
}

// TestRotateRevoke: a device moves to a new key (envelopes signed with the
// old one are forged from then on), and once revoked by its owner it is
// refused with ReasonRevoked, which Explain shows.
func TestRotateRevoke(t *testing.T) {
	f := newFixture(t, 2, func(c *depin.Config) { c.EpochCommits = 100 })
	d := f.newDevice(true)
	f.commit(d.reg)
	newKey, err := device.GenerateKey(device.Ed25519, f.rnd)
	require.NoError(t, err)
	rot, err := device.NewKeyRotation(d.id, 0, device.ForNetwork(d.key, f.network()), newKey)
	require.NoError(t, err)
	rotTx, err := depin.RotateTx(rot)
	require.NoError(t, err)
	old := d.key
	f.commit(rotTx, rotTx) // the second is stale
	d.key = newKey
	f.commit(f.reading(d, 10))
	d.key = old
	f.commit(f.reading(d, 10))
	d.key = newKey

	rev, err := device.NewRevocation(d.id, "stolen", device.ForNetwork(d.owner, f.network()))
	require.NoError(t, err)
	revTx, err := depin.RevokeTx(rev)
	require.NoError(t, err)
	f.commit(revTx)
	f.commit(f.reading(d, 10))

	s, err := f.nodes[1].Epoch(0)
	require.NoError(t, err)
	require.EqualValues(t, 1, s.Accepted)
	require.EqualValues(t, 1, s.RejectedFor("rotate:stale"), "%v", s.Rejected)
	x, err := f.nodes[1].Explain(d.id, 0)
	require.NoError(t, err)
	requireReasons(t, x, depin.ReasonBadSignature, depin.ReasonRevoked)
	rec, err := f.nodes[0].Device(d.id)
	require.NoError(t, err)
	require.True(t, rec.Revoked)
	require.True(t, rec.Key.Equal(newKey.Public()))
}

// seeded wraps the meter: it records the epoch seeds it is given, and fails
// to score the epochs in fail.
type seeded struct {
	depin.Vertical
	seeds map[uint64][32]byte
	fail  map[uint64]bool
}

func (s *seeded) StartEpoch(epoch uint64, seed [32]byte) error {
	s.seeds[epoch] = seed
	return nil
}

func (s *seeded) Score(epoch uint64) (*depin.Score, error) {
	sc, err := s.Vertical.Score(epoch) // drop the epoch's state either way
	if s.fail[epoch] {
		return nil, errors.New("scoring broke")
	}
	return sc, err
}

// TestVerticalHooks: EpochStarter gets each epoch's seed (the digest of the
// commit that closed the one before); an epoch the vertical fails to score
// pays nobody, says why, and the chain goes on.
func TestVerticalHooks(t *testing.T) {
	f := newFixture(t, 1, nil)
	v := &seeded{Vertical: newMeter(), seeds: map[uint64][32]byte{}, fail: map[uint64]bool{0: true}}
	n, err := depin.New(depin.WithVertical(v), depin.WithConfig(f.cfg), depin.WithoutEngine())
	require.NoError(t, err)
	f.nodes = []*depin.Node{n}
	d := f.newDevice(true)
	f.commit(d.reg)
	f.commit(f.reading(d, 10))
	f.commit()
	f.commit(f.reading(d, 10))
	f.commit()
	f.commit()
	s0, err := n.Epoch(0)
	require.NoError(t, err)
	require.Equal(t, "scoring broke", s0.ScoreError)
	require.Zero(t, s0.Paid.Sign())
	require.Equal(t, s0.Emission, s0.Unallocated)
	require.Equal(t, [32]byte{}, v.seeds[0])
	require.Equal(t, [32]byte(s0.CommitDigest), v.seeds[1])
	s1, err := n.Epoch(1)
	require.NoError(t, err)
	require.Empty(t, s1.ScoreError)
	require.Equal(t, big.NewInt(750_000), s1.Paid)
}

// TestApproveMaker: a maker is approved only once validators with more than
// 2/3 of the stake voted for it; devices it certified register only then.
func TestApproveMaker(t *testing.T) {
	f := newFixture(t, 4, func(c *depin.Config) { c.EpochCommits = 100 }) // stakes 1, 2, 1, 2
	maker, err := device.GenerateKey(device.P256, f.rnd)
	require.NoError(t, err)
	votes := make([]chain.Tx, 4)
	for i, n := range f.nodes {
		votes[i], err = n.ApproveMakerTx(maker.Public(), "new maker")
		require.NoError(t, err)
	}
	d := f.newDeviceBy(maker, true, device.Secp256k1)
	f.commit(votes[0], votes[1], votes[2], votes[1], d.reg) // stake 4 of 6: no quorum yet
	_, err = f.nodes[0].Device(d.id)
	require.ErrorIs(t, err, device.ErrUnknownDevice)
	x, err := f.nodes[0].Explain(d.id, 0)
	require.NoError(t, err)
	requireReasons(t, x, "register:unknown-maker")

	g := newFixture(t, 1, nil)
	stranger, err := g.nodes[0].ApproveMakerTx(maker.Public(), "new maker")
	require.NoError(t, err)
	forged, err := depin.DecodeTx(votes[3])
	require.NoError(t, err)
	forged.Name = "another name"
	forgedTx, err := forged.Marshal()
	require.NoError(t, err)
	f.commit(stranger, forgedTx, votes[3], d.reg)
	for _, n := range f.nodes {
		rec, err := n.Device(d.id)
		require.NoError(t, err)
		require.True(t, rec.Certificate.Maker.Equal(maker.Public()))
	}
	f.commit(votes[0]) // approved already
	s, err := f.nodes[2].Epoch(0)
	require.NoError(t, err)
	for reason, want := range map[string]uint64{
		"register:unknown-maker": 1, "maker:" + depin.ReasonDuplicateVote: 1, "maker:" + depin.ReasonUnknownVoter: 1,
		"maker:" + depin.ReasonBadSignature: 1, "maker:exists": 1,
	} {
		require.Equal(t, want, s.RejectedFor(reason), reason)
	}
	require.EqualValues(t, 1, s.Registered)
}
