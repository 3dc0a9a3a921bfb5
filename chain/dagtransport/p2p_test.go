package dagtransport_test

import (
	"context"
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/p2p"
)

// loopback starts n connected libp2p hosts of keys ks with the dag topic,
// closed when the test ends (after the nodes on them stop).
func loopback(t *testing.T, ks []ed25519.PrivateKey) []*p2p.Host {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	hosts, err := p2p.NewLoopback(ctx, p2p.Config{Topics: []string{dagtransport.DefaultTopic}}, ks)
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, h := range hosts {
			_ = h.Close()
		}
	})
	return hosts
}

// TestDAGOverP2P: four validators over libp2p commit the same transactions in the
// same order; one cut off from the others catches up when it comes back.
func TestDAGOverP2P(t *testing.T) {
	ks := keys(4)
	hosts := loopback(t, ks)
	trs := make([]transport.Transport, len(hosts))
	for i, h := range hosts {
		trs[i] = h
	}
	c := startCluster(t, ks, trs, dag.Limits{})
	all, three := []int{0, 1, 2, 3}, []int{0, 1, 2}
	c.submit(t, all, "tx", 200)
	c.waitTxs(t, all, 200)
	c.agree(t)
	for i, ad := range c.adapters {
		s := ad.Stats()
		require.Positive(t, s.Received, "validator %d", i)
		require.Zero(t, s.NotValidator+s.Malformed+s.Spoofed+s.Misdirected+s.SendErrors, "validator %d: %+v", i, s)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	isolated := hosts[3].Self()
	for _, h := range hosts[:3] {
		require.NoError(t, h.Disconnect(ctx, isolated))
	}
	require.Eventually(t, func() bool { return len(hosts[3].Peers()) == 0 }, 5*time.Second, 10*time.Millisecond)
	c.submit(t, three, "cut", 100)
	c.waitTxs(t, three, 300)
	for _, h := range hosts[:3] {
		require.NoError(t, h.Reconnect(ctx, isolated))
	}
	require.NoError(t, hosts[3].WaitPeers(ctx, ids(hosts[:3])...))
	c.submit(t, all, "healed", 100)
	c.waitTxs(t, all, 400)
	c.agree(t)
	for i, h := range hosts {
		s := h.Counters()
		require.Zero(t, s.NotAllowed+s.Malformed+s.DroppedOversize, "host %d: %+v", i, s)
	}
}

func ids(hosts []*p2p.Host) []transport.PeerID {
	out := make([]transport.PeerID, len(hosts))
	for i, h := range hosts {
		out[i] = h.Self()
	}
	return out
}
