package devnet_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// meters is a small workload for the meter vertical (depin/vertical/meter):
// energy meters, every other one certified, each sending four readings an
// epoch; the first meter reports over meter.MaxEpochWh (rejected at
// scoring, "over-capacity") and the second a zero reading (rejected when
// claimed, "zero-reading"). Everything follows from its seed.
type meters struct {
	rng     *rand.Rand
	keys    []*device.PrivateKey
	owners  []*device.PrivateKey
	seq     []uint64
	network [32]byte
	// garbage adds bytes that are no envelope to each epoch's traffic.
	garbage bool
}

func newMeters(seed uint64, n int) (*meters, error) {
	var s [32]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	keys := rand.NewChaCha8(s)
	m := &meters{rng: rand.New(rand.NewPCG(seed, 1)), seq: make([]uint64, n)}
	for range n {
		k, err := device.GenerateKey(device.Ed25519, keys)
		if err != nil {
			return nil, err
		}
		o, err := device.GenerateKey(device.Secp256k1, keys)
		if err != nil {
			return nil, err
		}
		m.keys, m.owners = append(m.keys, k), append(m.owners, o)
	}
	return m, nil
}

var (
	_ devnet.Workload  = (*meters)(nil)
	_ devnet.Describer = (*meters)(nil)
	_ devnet.Explainer = (*meters)(nil)
)

func (m *meters) Registrations(maker device.Signer, network [32]byte, now time.Time) ([]chain.Tx, error) {
	m.network = network
	var out []chain.Tx
	for i, k := range m.keys {
		var caps []string
		if i%2 == 1 {
			caps = []string{meter.CapabilityCertified}
		}
		cert, binding, err := depin.Certify(maker, device.ForNetwork(k, network), m.owners[i], now, "meter", fmt.Sprintf("m-%03d", i), caps...)
		if err != nil {
			return nil, err
		}
		tx, err := depin.RegisterTx(cert, binding)
		if err != nil {
			return nil, err
		}
		out = append(out, tx)
	}
	return out, nil
}

func (m *meters) Setup(time.Time) ([][]byte, error) { return nil, nil }

func (m *meters) Traffic(_ context.Context, e devnet.EpochInput) (*devnet.Traffic, error) {
	t := &devnet.Traffic{}
	for i, k := range m.keys {
		for r := range 4 {
			wh := 1 + m.rng.Uint64N(meter.MaxReadingWh/2)
			switch {
			case i == 0:
				wh = meter.MaxReadingWh // with two more below: over the epoch's capacity
			case i == 1 && r == 0:
				wh = 0
			}
			m.seq[i]++
			env, err := device.Seal(device.ForNetwork(k, m.network), device.Header{ContentType: meter.ContentTypeReading, Seq: m.seq[i], Time: e.Now}, meter.Reading{Wh: wh})
			if err != nil {
				return nil, err
			}
			t.Envelopes = append(t.Envelopes, env)
		}
	}
	// Over capacity takes more than MaxEpochWh: two more readings.
	for range 2 {
		m.seq[0]++
		env, err := device.Seal(device.ForNetwork(m.keys[0], m.network), device.Header{ContentType: meter.ContentTypeReading, Seq: m.seq[0], Time: e.Now}, meter.Reading{Wh: meter.MaxReadingWh})
		if err != nil {
			return nil, err
		}
		t.Envelopes = append(t.Envelopes, env)
	}
	if m.garbage {
		t.Envelopes = append(t.Envelopes, []byte("not an envelope"))
	}
	return t, nil
}

func (m *meters) Describe(contributor string) (string, common.Address, bool) {
	for i, k := range m.keys {
		if k.Public().ID().String() == contributor {
			a, _ := m.owners[i].Public().Address()
			if i%2 == 1 {
				return "certified meter", a, true
			}
			return "meter", a, true
		}
	}
	return "", common.Address{}, false
}

func (m *meters) Explain(ctx context.Context, last *devnet.EpochResult, explain func(context.Context, device.ID) (depin.Explanation, error)) ([]depin.Explanation, error) {
	paid := map[string]bool{}
	for _, p := range last.Payouts {
		paid[p.Contributor] = true
	}
	var out []depin.Explanation
	for _, k := range m.keys {
		if id := k.Public().ID(); !paid[id.String()] {
			x, err := explain(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
	}
	return out, nil
}

// runMeters runs the meter workload through the kit and returns the result
// and its report.
func runMeters(t *testing.T, seed uint64) (*devnet.Result, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w, err := newMeters(seed, 6)
	require.NoError(t, err)
	res, err := devnet.Run(ctx, devnet.Config{Name: meter.Name, NewVertical: meter.New, Seed: seed, Epochs: 2, Progress: t.Logf}, w)
	require.NoError(t, err)
	var out bytes.Buffer
	devnet.Report{}.Write(&out, res)
	return res, out.String()
}

// TestMeterWorkload runs the meter vertical through the kit, which knows
// nothing of it (a second vertical besides telecom): every validator agrees
// on every epoch, the emission is conserved and settled, the over-capacity
// and zero readings are rejected and the meter that sent too much is
// explained, the claim pays exactly; and a second run with the same seed
// prints the same report but for the run's own measures
// (devnet.WithoutRunFacts).
func TestMeterWorkload(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two networks for a few seconds each")
	}
	res, report := runMeters(t, 5)
	require.Len(t, res.Epochs, 2)
	require.False(t, res.Realtime)
	for _, e := range res.Epochs {
		s := e.Summary
		require.True(t, e.Agree, "epoch %d", s.Epoch)
		require.Len(t, e.Roots, 4)
		for _, r := range e.Roots {
			require.Equal(t, s.Root, r)
		}
		require.Equal(t, big.NewInt(meter.Emission), s.Emission)
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated))
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
		require.NotZero(t, e.SettlementGas)
		require.Equal(t, 6*4+2, e.Submitted)
		require.Equal(t, uint64(6*4+2-1), s.Accepted, "all but the zero reading")
		reasons := map[string]uint64{}
		for _, r := range s.Rejected {
			reasons[r.Reason] = r.Count
		}
		require.Equal(t, uint64(1), reasons[meter.ReasonZeroReading], "epoch %d: %v", s.Epoch, s.Rejected)
		require.Equal(t, uint64(6), reasons[meter.ReasonOverCapacity], "epoch %d: %v", s.Epoch, s.Rejected)
	}
	require.Len(t, res.Explanations, 1, "the meter over capacity")
	require.Zero(t, res.Explanations[0].Amount.Sign())
	c := res.Claim
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before))
	require.Equal(t, 6-1, len(res.Top), "every meter but the one over capacity earned")
	for _, e := range res.Top {
		require.Contains(t, []string{"meter", "certified meter"}, e.Kind)
	}
	for _, want := range []string{"over-capacity 6", "zero-reading 1", "top earners", "certified meter", "earn nothing", "equals payout: true", "checkpoint on the parent chain"} {
		require.Contains(t, report, want)
	}

	again, report2 := runMeters(t, 5)
	require.Equal(t, devnet.WithoutRunFacts(report), devnet.WithoutRunFacts(report2))
	for i := range res.Epochs {
		require.Equal(t, res.Epochs[i].Summary.Root, again.Epochs[i].Summary.Root)
	}
}

// TestPacedRefused: an envelope a validator refuses at admission is counted
// (EpochResult.Refused) and not waited for; the epoch closes with the rest.
func TestPacedRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network for a few seconds")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w, err := newMeters(3, 2)
	require.NoError(t, err)
	w.garbage = true
	res, err := devnet.Run(ctx, devnet.Config{NewVertical: meter.New, Epochs: 1}, w)
	require.NoError(t, err)
	require.Len(t, res.Epochs, 1)
	e := res.Epochs[0]
	require.Equal(t, 2*4+2+1, e.Submitted)
	require.Equal(t, 1, e.Refused)
	require.Equal(t, uint64(2*4+2-1), e.Summary.Accepted, "all but the zero reading")
	require.True(t, e.Agree)
}

// TestMain makes the test binary a meter validator when RunP2P starts it as
// one (it re-executes os.Executable, which under go test is this binary).
func TestMain(m *testing.M) {
	devnet.MainIfValidator(func(*subnet.Spec) (devnet.Validator, error) {
		return devnet.Validator{Vertical: meter.New()}, nil
	})
	os.Exit(m.Run())
}

// TestMeterP2P runs the meter workload on four validator processes over
// libp2p (this test binary, re-executed) and the embedded parent chain,
// through the kit's p2p mode, which knows nothing of meters: every
// validator has the same summary, payouts and root in every epoch, the
// emission is conserved and settled, and the claim pays exactly; each
// validator logs in its directory.
func TestMeterP2P(t *testing.T) {
	if testing.Short() {
		t.Skip("runs five processes for about 20 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w, err := newMeters(9, 6)
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "subnet")
	res, err := devnet.RunP2P(ctx, devnet.Config{Name: meter.Name, Epochs: 2, EpochDuration: 3 * time.Second, Progress: t.Logf}, w,
		devnet.P2PConfig{Vertical: meter.Name, Dir: dir})
	require.NoError(t, err)
	require.True(t, res.Realtime)
	require.Len(t, res.Epochs, 2)
	for _, e := range res.Epochs {
		s := e.Summary
		require.True(t, e.Agree, "epoch %d", s.Epoch)
		require.Len(t, e.Roots, 4)
		for _, r := range e.Roots {
			require.Equal(t, s.Root, r, "epoch %d", s.Epoch)
		}
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated), "conservation in epoch %d", s.Epoch)
		require.Equal(t, s.Epoch, e.Checkpoint.Epoch)
		require.Equal(t, [32]byte(s.AppHash), [32]byte(e.Checkpoint.StateRoot))
	}
	require.Equal(t, 6, res.Devices)
	c := res.Claim
	require.Positive(t, c.Payout.Sign())
	require.Equal(t, c.Payout, new(big.Int).Sub(c.After, c.Before))
	for i := range 4 {
		_, err := os.Stat(filepath.Join(dir, fmt.Sprintf("v%d", i), devnet.LogFile))
		require.NoError(t, err, "validator %d logs in its directory", i)
	}
}
