package depin_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/solo"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// TestSolo runs one validator on chain/solo (New's default engine for a
// one-validator subnet), fed over HTTP, and stops it without leaks.
func TestSolo(t *testing.T) {
	before := goroutines()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rnd := rand.NewChaCha8([32]byte{9})
	_, key, err := ed25519.GenerateKey(rnd)
	require.NoError(t, err)
	maker, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	cfg := depin.Config{
		Validators:   []depin.Validator{{Key: key.Public().(ed25519.PublicKey), Stake: 1}},
		Makers:       []depin.Maker{{Key: maker.Public(), Name: "acme"}},
		EpochCommits: 4,
	}
	n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(cfg), depin.WithKey(key),
		depin.WithSolo(solo.Config{Interval: 5 * time.Millisecond}))
	require.NoError(t, err)
	require.NoError(t, n.Start(ctx))
	require.Error(t, n.Start(ctx), "started twice")

	dev, err := device.GenerateKey(device.Ed25519, rnd)
	require.NoError(t, err)
	owner, err := device.GenerateKey(device.Secp256k1, rnd)
	require.NoError(t, err)
	now := time.Now()
	cert := &device.Certificate{Device: dev.Public(), Model: "m1", Serial: "1", Capabilities: []string{"meter:certified"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)}
	require.NoError(t, cert.Sign(maker))
	b, err := device.NewOwnerBinding(device.ForNetwork(dev, n.Network()), cert.ID(), owner, 0)
	require.NoError(t, err)
	require.NoError(t, n.Register(ctx, cert, b))
	require.NoError(t, n.WaitFor(ctx, func(n *depin.Node) bool { _, err := n.Device(cert.ID()); return err == nil }))

	srv := httptest.NewServer(depin.IngestHandler(n))
	defer srv.Close()
	for seq := uint64(1); seq <= 6; seq++ {
		env, err := device.Seal(device.ForNetwork(dev, n.Network()), device.Header{ContentType: readingType, Seq: seq, Time: time.Now()}, reading{Wh: 10})
		require.NoError(t, err)
		resp, err := http.Post(srv.URL+"/envelopes", "application/cose", bytes.NewReader(env))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusAccepted, resp.StatusCode)
	}
	// Solo commits only when there is something to commit: keep submitting
	// readings until epoch 1 has closed.
	seq := uint64(7)
	for n.CurrentEpoch() < 2 {
		env, err := device.Seal(device.ForNetwork(dev, n.Network()), device.Header{ContentType: readingType, Seq: seq, Time: time.Now()}, reading{Wh: 10})
		require.NoError(t, err)
		require.NoError(t, n.Submit(ctx, env))
		seq++
		time.Sleep(5 * time.Millisecond)
		require.NoError(t, ctx.Err())
	}
	var accepted uint64
	for e := uint64(0); e < 2; e++ {
		s, err := n.Epoch(e)
		require.NoError(t, err)
		require.Equal(t, s.Emission, new(big.Int).Add(s.Paid, s.Unallocated))
		if e == 1 { // one contributor takes the readings pool; nobody proved usage
			require.Equal(t, big.NewInt(750_000), s.Paid)
		}
		accepted += s.Accepted
	}
	require.GreaterOrEqual(t, accepted, uint64(6))

	srv.Close()
	http.DefaultClient.CloseIdleConnections()
	require.NoError(t, n.Close())
	require.NoError(t, n.Close(), "closing twice")
	require.ErrorIs(t, n.Start(ctx), depin.ErrClosed)
	deadline := time.Now().Add(5 * time.Second)
	for goroutines() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	require.LessOrEqual(t, goroutines(), before)
}
