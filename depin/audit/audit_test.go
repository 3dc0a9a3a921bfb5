package audit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/store"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/audit"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/device"
)

var genesis = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// history is a small meter subnet's committed history and what its
// validators posted for each closed epoch.
type history struct {
	cfg     depin.Config
	commits []chain.Commit
	posted  map[uint64]depin.EpochSummary
}

// newHistory makes 4 meters and n commits of readings (epochs of 3
// commits), applied by one replica whose closed epochs are "posted".
func newHistory(t *testing.T, n int) *history {
	t.Helper()
	rnd := rand.NewChaCha8([32]byte{7})
	maker, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	_, vk, err := ed25519.GenerateKey(rnd)
	require.NoError(t, err)
	sk, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	addr, _ := sk.Public().Address()
	h := &history{posted: map[uint64]depin.EpochSummary{}, cfg: depin.Config{
		Name: "audited", Makers: []depin.Maker{{Key: maker.Public(), Name: "acme"}}, EpochCommits: 3, StatePoints: 4,
		Validators: []depin.Validator{{Key: vk.Public().(ed25519.PublicKey), Stake: 1, Settlement: addr}},
		Settlement: &depin.Settlement{Subnet: evm.SubnetID{0x5e}, Deployment: evm.Deployment{ChainID: big.NewInt(1337),
			Addresses: evm.Addresses{SubnetRegistry: common.Address{1}, RewardDistributor: common.Address{2}}}},
	}}
	node, err := depin.New(depin.WithVertical(meter.New()), depin.WithConfig(h.cfg), depin.WithoutEngine())
	require.NoError(t, err)
	network := node.Network()
	type kit struct {
		key *device.PrivateKey
		id  device.ID
		seq uint64
	}
	var meters []*kit
	var regs []chain.Tx
	for range 4 {
		key, err := device.GenerateKey(device.Ed25519, rnd)
		require.NoError(t, err)
		owner, err := device.GenerateKey(device.Secp256k1, rnd)
		require.NoError(t, err)
		cert := &device.Certificate{Device: key.Public(), Model: "m1", Serial: key.Public().ID().String()[:12],
			Capabilities: []string{"meter:kWh", "meter:certified"}, NotBefore: genesis.Add(-time.Hour), NotAfter: genesis.Add(24 * time.Hour)}
		require.NoError(t, cert.Sign(maker))
		b, err := device.NewOwnerBinding(device.ForNetwork(key, network), cert.ID(), owner, 0)
		require.NoError(t, err)
		tx, err := depin.RegisterTx(cert, b)
		require.NoError(t, err)
		regs = append(regs, tx)
		meters = append(meters, &kit{key: key, id: cert.ID()})
	}
	var prev chain.Digest
	ts := genesis.UnixMilli()
	for i := 1; i <= n; i++ {
		ts += 1000
		txs := regs
		if i > 1 {
			txs = nil
			for k, m := range meters {
				m.seq++
				env, err := device.Seal(device.ForNetwork(m.key, network), device.Header{Device: m.id, ContentType: meter.ContentTypeReading, Seq: m.seq, Time: time.UnixMilli(ts)},
					meter.Reading{Wh: uint64(100 * (k + 1) * i)})
				require.NoError(t, err)
				tx, err := depin.EnvelopeTx(env)
				require.NoError(t, err)
				txs = append(txs, tx)
			}
		}
		prev = chain.Digest(sha256.Sum256(binary.BigEndian.AppendUint64(prev[:], uint64(i))))
		c := chain.Commit{Index: uint64(i), Timestamp: ts, Txs: txs, Digest: prev}
		_, err := node.ApplyCommit(c)
		require.NoError(t, err)
		h.commits = append(h.commits, c)
	}
	for e := range node.CurrentEpoch() {
		s, err := node.Epoch(e)
		require.NoError(t, err)
		h.posted[e] = s
	}
	return h
}

// Commits implements audit.Commits.
func (h *history) Commits(_ context.Context, from uint64, limit int) ([]chain.Commit, error) {
	if from > uint64(len(h.commits)) {
		return nil, nil
	}
	end := min(uint64(len(h.commits)), from-1+uint64(limit))
	return h.commits[from-1 : end], nil
}

// Epoch implements audit.Posted.
func (h *history) Epoch(_ context.Context, _ evm.SubnetID, epoch uint64) (evm.EpochState, error) {
	return evm.EpochState{Root: h.posted[epoch].Root}, nil
}

// CheckpointAt implements audit.Posted.
func (h *history) CheckpointAt(_ context.Context, subnet evm.SubnetID, epoch uint64) (evm.Checkpoint, uint64, error) {
	s, ok := h.posted[epoch]
	if !ok {
		return evm.Checkpoint{}, 0, evm.ErrUnknownCheckpoint
	}
	return evm.Checkpoint{Subnet: subnet, Epoch: epoch, Height: s.LastCommit, StateRoot: common.Hash(s.AppHash), CommitDigest: common.Hash(s.CommitDigest)}, 0, nil
}

// TestAudit: replaying a subnet's history agrees with every posted epoch;
// with one reading of commit 8 altered, it names epoch 2 (commits 7 to 9),
// the first whose recomputed roots differ from the posted ones, and stops
// there; with a commit missing it refuses to go on.
func TestAudit(t *testing.T) {
	ctx := context.Background()
	h := newHistory(t, 13)
	run := func(src audit.Commits, out *bytes.Buffer) (*audit.Report, error) {
		return audit.Run(ctx, audit.Config{Subnet: h.cfg, Vertical: meter.New(), Source: src, Posted: h, SubnetID: evm.SubnetID{0x5e}, Batch: 5, Progress: out})
	}
	var out bytes.Buffer
	rep, err := run(h, &out)
	require.NoError(t, err)
	require.Nil(t, rep.Divergence)
	require.EqualValues(t, 13, rep.Commits)
	require.Len(t, rep.Epochs, 4)
	require.Equal(t, 4, rep.Checked)
	for _, ep := range rep.Epochs {
		require.True(t, ep.OK, "epoch %d", ep.Number)
		require.NotEqual(t, common.Hash{}, ep.Root, "epoch %d pays", ep.Number)
	}
	require.Equal(t, 4, strings.Count(out.String(), "matches the parent chain"), out.String())

	// One commit of the store altered: meter 0's reading left out of commit 8.
	altered := *h
	altered.commits = append([]chain.Commit(nil), h.commits...)
	c := altered.commits[7]
	c.Txs = append([]chain.Tx(nil), c.Txs...)
	c.Txs = c.Txs[1:] // meter 0's reading dropped
	altered.commits[7] = c
	out.Reset()
	rep, err = run(&altered, &out)
	require.NoError(t, err)
	require.NotNil(t, rep.Divergence)
	require.EqualValues(t, 2, rep.Divergence.Epoch.Number)
	require.EqualValues(t, 7, rep.Divergence.Epoch.FirstCommit)
	require.EqualValues(t, 9, rep.Divergence.Epoch.LastCommit)
	require.Contains(t, rep.Divergence.Error(), "epoch 2 (commits 7 to 9)")
	require.Len(t, rep.Epochs, 3, "it stops at the divergence")
	require.Contains(t, out.String(), "DIFFERS")

	// A gap: refused.
	gappy := *h
	gappy.commits = append(append([]chain.Commit(nil), h.commits[:4]...), h.commits[5:]...)
	_, err = run(&gappy, &out)
	require.ErrorIs(t, err, audit.ErrAudit)
	require.ErrorContains(t, err, "commit 6 where 5 was due")

	// Without a parent chain it lists the epochs, checking none.
	rep, err = audit.Run(ctx, audit.Config{Subnet: h.cfg, Vertical: meter.New(), Source: h})
	require.NoError(t, err)
	require.Len(t, rep.Epochs, 4)
	require.Zero(t, rep.Checked)
}

// TestAuditStore: the audit reads a validator's data directory (chain/store).
func TestAuditStore(t *testing.T) {
	h := newHistory(t, 7)
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	require.NoError(t, st.SaveCommits(h.commits))
	require.NoError(t, st.Close())

	src, err := audit.OpenStore(dir)
	require.NoError(t, err)
	defer func() { require.NoError(t, src.Close()) }()
	rep, err := audit.Run(context.Background(), audit.Config{Subnet: h.cfg, Vertical: meter.New(), Source: src, Posted: h, SubnetID: evm.SubnetID{0x5e}})
	require.NoError(t, err)
	require.Nil(t, rep.Divergence)
	require.EqualValues(t, 7, rep.Commits)
	require.Equal(t, 2, rep.Checked)
}
