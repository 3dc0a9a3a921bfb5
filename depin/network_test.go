package depin_test

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// goroutines counts the live goroutines but go-ethereum's process-wide
// transaction sender cache, which it starts once and never stops.
func goroutines() int {
	buf := make([]byte, 1<<22)
	n := 0
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if !strings.Contains(g, "txSenderCacher") {
			n++
		}
	}
	return n
}

// processed counts the envelopes node n has decided on (accepted, or
// rejected for an envelope reason: other transactions' reasons have a
// "kind:" prefix) in every epoch so far.
func processed(t *testing.T, n *depin.Node) uint64 {
	var total uint64
	for e := uint64(0); e <= n.CurrentEpoch(); e++ {
		s, err := n.Epoch(e)
		require.NoError(t, err)
		total += s.Accepted
		for _, r := range s.Rejected {
			if !strings.Contains(r.Reason, ":") { // not register:, vote:, maker:...
				total += r.Count
			}
		}
	}
	return total
}

// TestLocalNetwork runs four validators on chain/dag with the embedded EVM
// chain: devices report good and bad envelopes through every entry point,
// every validator computes the same payouts and roots, the quorum's root and
// checkpoint reach the chain (a lone validator's does not), and an owner
// claims exactly its payout.
func TestLocalNetwork(t *testing.T) {
	before := goroutines()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rnd := rand.NewChaCha8([32]byte{42})
	net, err := depin.NewLocalNetwork(ctx, depin.LocalConfig{
		Validators:  4,
		NewVertical: newMeter,
		Config:      depin.Config{Name: "meters", EpochDuration: 1500 * time.Millisecond},
		Rand:        rnd,
	})
	require.NoError(t, err)
	closed := false
	defer func() {
		if !closed {
			net.Close()
		}
	}()

	keys := make([]*device.PrivateKey, 3)
	owners := make([]*device.PrivateKey, 3)
	for i := range keys {
		keys[i], err = device.GenerateKey(device.Ed25519, rnd)
		require.NoError(t, err)
		owners[i], err = device.GenerateKey(device.Secp256k1, rnd)
		require.NoError(t, err)
		_, err = net.Provision(ctx, keys[i], owners[i], "m1", "serial-"+string(rune('a'+i)), "meter:certified", "meter:kWh")
		require.NoError(t, err)
	}
	stranger, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	// A second maker, approved by the validators at run time.
	maker2, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	require.NoError(t, net.ApproveMaker(ctx, maker2.Public(), "second maker"))
	seal := func(k *device.PrivateKey, seq uint64, ct string, payload any) []byte {
		env, err := device.Seal(device.ForNetwork(k, net.Network()), device.Header{ContentType: ct, Seq: seq, Time: time.Now()}, payload)
		require.NoError(t, err)
		return env
	}

	var submitted uint64
	submit := func(env []byte) {
		require.NoError(t, net.Submit(ctx, env))
		submitted++
	}
	for i, k := range keys {
		for seq := uint64(1); seq <= 3; seq++ {
			submit(seal(k, seq, readingType, reading{Wh: uint64(100 * (i + 1))}))
		}
	}
	// Issue 13 item 4: forgeries, strangers and foreign content types are
	// refused before the mempool; none reaches the chain.
	forged := seal(keys[0], 4, readingType, reading{Wh: 9999})
	forged[len(forged)-1] ^= 1
	for _, bad := range []struct {
		env  []byte
		want error
	}{
		{forged, device.ErrBadSignature},
		{seal(stranger, 1, readingType, reading{Wh: 1}), device.ErrUnknownDevice},
		{seal(keys[1], 4, "depin/meter/other/v1", reading{Wh: 1}), depin.ErrNotAdmitted},
	} {
		err := net.Submit(ctx, bad.env)
		require.ErrorIs(t, err, chain.ErrInvalidTx)
		require.ErrorIs(t, err, depin.ErrNotAdmitted)
		require.ErrorIs(t, err, bad.want)
	}
	// An oversized transaction never gets in; the network keeps committing.
	err = net.Submit(ctx, make([]byte, device.MaxEnvelopeSize+1))
	require.ErrorIs(t, err, chain.ErrInvalidTx)
	require.ErrorIs(t, err, depin.ErrTooLarge)

	// Through the HTTP ingest handler too.
	srv := httptest.NewServer(depin.IngestHandler(net))
	defer srv.Close()
	post := func(body []byte) (int, depin.IngestStatus) {
		resp, err := http.Post(srv.URL+"/envelopes", "application/cose", bytes.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		var st depin.IngestStatus
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
		return resp.StatusCode, st
	}
	code, st := post(seal(keys[2], 4, readingType, reading{Wh: 300}))
	require.Equal(t, http.StatusAccepted, code)
	require.Equal(t, "queued", st.Status)
	submitted++
	code, st = post(make([]byte, device.MaxEnvelopeSize+1))
	require.Equal(t, http.StatusRequestEntityTooLarge, code)
	require.Equal(t, depin.ReasonOversized, st.Reason)
	code, st = post([]byte("not an envelope"))
	require.Equal(t, http.StatusBadRequest, code)
	require.Equal(t, depin.ReasonMalformed, st.Reason)

	// Wait until everything is decided, then for the epoch it is in to close.
	n0 := net.Node(0)
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool { return processed(t, n) >= submitted }))
	last := n0.CurrentEpoch()
	_, err = net.WaitEpoch(ctx, last)
	require.NoError(t, err)
	require.Equal(t, submitted, processed(t, n0))

	// Every validator computed the same epochs, payouts and roots.
	paidEpoch := map[common.Address]uint64{}
	reasons := map[string]uint64{}
	for e := uint64(0); e <= last; e++ {
		var first depin.EpochSummary
		var firstPay []depin.Payout
		for i, n := range net.Nodes() {
			s, err := n.Epoch(e)
			require.NoError(t, err)
			p, err := n.Payouts(e)
			require.NoError(t, err)
			s.Votes, s.VotedStake, s.Quorum = 0, 0, false // votes keep arriving
			if i == 0 {
				first, firstPay = s, p
				continue
			}
			require.Equal(t, first, s, "validator %d, epoch %d", i, e)
			require.Equal(t, firstPay, p, "validator %d, epoch %d", i, e)
		}
		require.Equal(t, first.Emission, new(big.Int).Add(first.Paid, first.Unallocated), "conservation in epoch %d", e)
		require.Equal(t, first.Paid, sum(firstPay))
		for _, p := range firstPay {
			paidEpoch[p.Address] = e
		}
		for _, r := range first.Rejected {
			reasons[r.Reason] += r.Count
		}
	}
	for _, r := range []string{depin.ReasonBadSignature, depin.ReasonUnknownDevice, depin.ReasonContentType} {
		require.Zero(t, reasons[r], r)
	}
	x, err := net.Node(3).Explain(stranger.Public().ID(), last)
	require.NoError(t, err)
	require.Empty(t, x.Rejected, "the stranger's envelope never reached the chain")

	// A validator alone cannot post a root: the contract wants a quorum.
	owner := owners[0].Public()
	account, err := owner.Address()
	require.NoError(t, err)
	epoch, ok := paidEpoch[account]
	require.True(t, ok, "device 0's owner was paid")
	require.NoError(t, net.WaitSettled(ctx, epoch))
	er, err := n0.EpochRoot(epoch)
	require.NoError(t, err)
	alone, err := net.Operator().As(net.SettlementKey(1))
	require.NoError(t, err)
	lone := er
	lone.Epoch = 1_000_000
	sig, err := alone.Deployment().Sign(net.SettlementKey(1), lone)
	require.NoError(t, err)
	_, err = alone.PostEpoch(ctx, lone, []evm.Signature{sig})
	var rev *evm.RevertError
	require.ErrorAs(t, err, &rev)
	require.ErrorIs(t, err, evm.ErrUnderQuorum)
	on, err := net.Operator().Epoch(ctx, net.Subnet(), epoch)
	require.NoError(t, err)
	require.Equal(t, er.Root, on.Root, "the quorum's root is on chain")

	// The owner claims, and its balance grows by exactly its payout.
	var want = new(big.Int)
	pays, err := n0.Payouts(epoch)
	require.NoError(t, err)
	for _, p := range pays {
		if p.Address == account {
			want.Add(want, p.Amount)
		}
	}
	require.Positive(t, want.Sign())
	balance, err := net.Operator().TokenBalance(ctx, account)
	require.NoError(t, err)
	claimed, err := net.Claim(ctx, epoch, account)
	require.NoError(t, err)
	require.Equal(t, want, claimed.Amount)
	after, err := net.Operator().TokenBalance(ctx, account)
	require.NoError(t, err)
	require.Equal(t, want, new(big.Int).Sub(after, balance))
	_, err = net.Claim(ctx, epoch, account)
	require.ErrorIs(t, err, evm.ErrAlreadyClaimed)

	// The network is still committing.
	h, _ := n0.Height()
	require.NoError(t, n0.WaitFor(ctx, func(n *depin.Node) bool { x, _ := n.Height(); return x > h+2 }))

	srv.Close()
	http.DefaultClient.CloseIdleConnections()
	require.NoError(t, net.Close())
	closed = true
	deadline := time.Now().Add(10 * time.Second)
	for goroutines() > before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if goroutines() > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: %d before, %d after Close:\n%s", before, goroutines(), buf[:runtime.Stack(buf, true)])
	}
}

// An owner without a settlement address would register a device that never
// earns: Certify (and so Network.Provision and Remote.Provision) refuses it.
func TestCertifyRefusesUnpayableOwner(t *testing.T) {
	gen := func(kt device.KeyType) *device.PrivateKey {
		k, err := device.GenerateKey(kt, crand.Reader)
		require.NoError(t, err)
		return k
	}
	maker, dev := gen(device.Ed25519), gen(device.Ed25519)
	_, _, err := depin.Certify(maker, dev, gen(device.Ed25519), time.Now(), "m", "s")
	require.ErrorIs(t, err, depin.ErrConfig)
	require.Contains(t, err.Error(), "secp256k1")
	cert, binding, err := depin.Certify(maker, dev, gen(device.Secp256k1), time.Now(), "m", "s")
	require.NoError(t, err)
	require.Equal(t, cert.ID(), binding.Device)
}
