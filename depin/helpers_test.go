package depin_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/big"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// genesis is the fixed time of the fixtures' first commit.
var genesis = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var fixtures atomic.Uint64

// fixture is n validators' Nodes driven directly as Applications with the
// same hand-made commits, as an engine would: deterministic and fast.
type fixture struct {
	t          testing.TB
	rnd        *rand.ChaCha8
	maker      *device.PrivateKey
	cfg        depin.Config
	settleKeys []*device.PrivateKey
	keys       []ed25519.PrivateKey
	nodes      []*depin.Node
	index      uint64
	ts         int64
	prev       chain.Digest
}

func newFixture(t testing.TB, n int, mutate func(*depin.Config)) *fixture {
	t.Helper()
	// Each fixture of a test draws other keys.
	seed := sha256.Sum256(fmt.Appendf(nil, "%s/%d", t.Name(), fixtures.Add(1)))
	f := &fixture{t: t, rnd: rand.NewChaCha8(seed), ts: genesis.UnixMilli()}
	var err error
	f.maker, err = device.GenerateKey(device.Ed25519, f.rnd)
	require.NoError(t, err)
	// The subnet names the curve, as a spec's [reward] does: the meter's, so
	// that wrappers of the meter (which hide its CurveProposer) mint alike.
	curve, err := reward.NewConstant(big.NewInt(meterEmission))
	require.NoError(t, err)
	f.cfg = depin.Config{
		Curve:        curve,
		Name:         "test",
		Makers:       []depin.Maker{{Key: f.maker.Public(), Name: "acme meters"}},
		EpochCommits: 3,
		Settlement: &depin.Settlement{Subnet: evm.SubnetID{0x5e}, Deployment: evm.Deployment{
			ChainID: big.NewInt(1337),
			Addresses: evm.Addresses{
				SubnetRegistry: common.Address{0x01}, RewardDistributor: common.Address{0x02},
			},
		}},
	}
	for i := range n {
		_, k, err := ed25519.GenerateKey(f.rnd)
		require.NoError(t, err)
		sk, err := device.GenerateKey(device.Secp256k1, f.rnd)
		require.NoError(t, err)
		addr, _ := sk.Public().Address()
		f.settleKeys = append(f.settleKeys, sk)
		f.keys = append(f.keys, k)
		f.cfg.Validators = append(f.cfg.Validators, depin.Validator{Key: k.Public().(ed25519.PublicKey), Stake: uint64(1 + i%2), Settlement: addr})
	}
	if mutate != nil {
		mutate(&f.cfg)
	}
	for i := range n {
		f.nodes = append(f.nodes, f.newNode(i))
	}
	return f
}

// newNode builds validator i's Node afresh (genesis state).
func (f *fixture) newNode(i int) *depin.Node {
	n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(f.cfg), depin.WithoutEngine(),
		depin.WithKey(f.keys[i]), depin.WithSettlement(f.settleKeys[i], nil))
	require.NoError(f.t, err)
	return n
}

// network is what the fixture's devices seal for.
func (f *fixture) network() [32]byte { return f.nodes[0].Network() }

// next makes the next commit of txs, one second after the last.
func (f *fixture) next(txs ...chain.Tx) chain.Commit {
	f.index++
	f.ts += 1000
	d := chain.Digest(sha256.Sum256(binary.BigEndian.AppendUint64(f.prev[:], f.index)))
	f.prev = d
	return chain.Commit{Index: f.index, Timestamp: f.ts, Txs: txs, Digest: d}
}

// commit applies a commit of txs to every node, requires that they agree on
// the app hash, and returns it.
func (f *fixture) commit(txs ...chain.Tx) chain.Digest {
	f.t.Helper()
	c := f.next(txs...)
	var first chain.Digest
	for i, n := range f.nodes {
		res, err := n.ApplyCommit(c)
		require.NoError(f.t, err)
		if i == 0 {
			first = res.AppHash
		}
		require.Equal(f.t, first, res.AppHash, "validator %d disagrees at commit %d", i, c.Index)
	}
	return first
}

// meterDevice is a device with its key, its owner's key and its next
// sequence number.
type meterKit struct {
	key   *device.PrivateKey
	owner *device.PrivateKey
	id    device.ID
	seq   uint64
	reg   chain.Tx
}

// newDevice makes a meter, its owner (a secp256k1 key: an EVM account) and
// its registration transaction.
func (f *fixture) newDevice(certified bool) *meterKit {
	f.t.Helper()
	return f.newDeviceOwned(certified, device.Secp256k1)
}

func (f *fixture) newDeviceOwned(certified bool, ownerType device.KeyType) *meterKit {
	f.t.Helper()
	return f.newDeviceBy(f.maker, certified, ownerType)
}

// newDeviceKeyed makes a certified meter whose own key is of type kt.
func (f *fixture) newDeviceKeyed(kt device.KeyType) *meterKit {
	f.t.Helper()
	return f.newDeviceFull(f.maker, true, device.Secp256k1, kt)
}

func (f *fixture) newDeviceBy(maker *device.PrivateKey, certified bool, ownerType device.KeyType) *meterKit {
	f.t.Helper()
	return f.newDeviceFull(maker, certified, ownerType, device.Ed25519)
}

func (f *fixture) newDeviceFull(maker *device.PrivateKey, certified bool, ownerType, keyType device.KeyType) *meterKit {
	f.t.Helper()
	key, err := device.GenerateKey(keyType, f.rnd)
	require.NoError(f.t, err)
	owner, err := device.GenerateKey(ownerType, f.rnd)
	require.NoError(f.t, err)
	caps := []string{"meter:kWh"}
	if certified {
		caps = append(caps, "meter:certified")
	}
	cert := &device.Certificate{Device: key.Public(), Model: "m1", Serial: key.Public().ID().String()[:12], Capabilities: caps,
		NotBefore: genesis.Add(-time.Hour), NotAfter: genesis.Add(24 * time.Hour)}
	require.NoError(f.t, cert.Sign(maker))
	b, err := device.NewOwnerBinding(device.ForNetwork(key, f.network()), cert.ID(), owner, 0)
	require.NoError(f.t, err)
	tx, err := depin.RegisterTx(cert, b)
	require.NoError(f.t, err)
	return &meterKit{key: key, owner: owner, id: cert.ID(), reg: tx}
}

func (d *meterKit) address() common.Address {
	a, err := d.owner.Public().Address()
	if err != nil {
		panic(err)
	}
	return a
}

// seal seals a payload under a content type with the device's next
// sequence number.
func (f *fixture) seal(d *meterKit, contentType string, payload any) []byte {
	f.t.Helper()
	d.seq++
	env, err := device.Seal(device.ForNetwork(d.key, f.network()), device.Header{Device: d.id, ContentType: contentType, Seq: d.seq, Time: time.UnixMilli(f.ts)}, payload)
	require.NoError(f.t, err)
	return env
}

func (f *fixture) reading(d *meterKit, wh uint64) chain.Tx {
	return envTx(f.t, f.seal(d, readingType, reading{Wh: wh}))
}

// usage makes a signature-path usage proof of 16 readings.
func (f *fixture) usage(d *meterKit, each uint64) chain.Tx {
	f.t.Helper()
	readings := make([]uint64, 16)
	for i := range readings {
		readings[i] = each
	}
	sig, err := proof.SignReadings(d.key, readings)
	require.NoError(f.t, err)
	b, err := proof.Signed(&proof.UsageWitness{Cap: 1 << 20, Readings: readings, Device: d.key.Public(), Signature: sig})
	require.NoError(f.t, err)
	return envTx(f.t, f.seal(d, usageType, b))
}

func envTx(t testing.TB, env []byte) chain.Tx {
	t.Helper()
	tx, err := depin.EnvelopeTx(env)
	require.NoError(t, err)
	return tx
}

// sum adds amounts.
func sum(payouts []depin.Payout) *big.Int {
	s := new(big.Int)
	for _, p := range payouts {
		s.Add(s, p.Amount)
	}
	return s
}
