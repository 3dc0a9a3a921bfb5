package dagtransport_test

import (
	"context"
	"crypto/ed25519"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/dagtransport"
	"github.com/depinkit/depinkit/transport"
	"github.com/depinkit/depinkit/transport/mem"
)

// rig is validator 0's adapter, with raw endpoints for validators 1-3 and a
// stranger, to send it anything.
type rig struct {
	ks    []ed25519.PrivateKey
	set   *chain.ValidatorSet
	net   *mem.Network
	self  *mem.Endpoint
	peers []*mem.Endpoint // index 1-3: validators; 4: a stranger
	ad    *dagtransport.Adapter
}

func newRig(t *testing.T, cfg dagtransport.Config) *rig {
	ks := keys(5)
	r := &rig{ks: ks, set: validators(t, ks[:4])}
	var err error
	r.net, err = mem.NewNetwork(mem.Config{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.net.Close() })
	r.peers = make([]*mem.Endpoint, 5)
	for i, k := range ks {
		ep, err := r.net.Join(k.Public().(ed25519.PublicKey))
		require.NoError(t, err)
		if i == 0 {
			r.self = ep
		} else {
			r.peers[i] = ep
		}
	}
	cfg.Transport, cfg.Validators = r.self, r.set
	r.ad, err = dagtransport.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.ad.Close() })
	return r
}

// block returns a signed block of author a at round 1 of epoch.
func (r *rig) block(t *testing.T, epoch uint64, a uint32) *dag.Block {
	b := &dag.Block{Epoch: epoch, Round: 1, Author: a, Timestamp: 1}
	require.NoError(t, b.Sign(chain.NewKeySigner(r.ks[a])))
	return b
}

func encode(t *testing.T, m dag.Message) []byte {
	enc, err := m.Marshal()
	require.NoError(t, err)
	return enc
}

// next waits for the next delivered message.
func (r *rig) next(t *testing.T) dag.Message {
	t.Helper()
	select {
	case m, ok := <-r.ad.Receive():
		require.True(t, ok, "receive closed")
		return m
	case <-time.After(5 * time.Second):
		require.FailNow(t, "nothing delivered")
	}
	return dag.Message{}
}

// marker sends a valid fetch request from validator 3 and waits for it: the
// adapter has handled everything sent before (mem keeps order without latency).
func (r *rig) marker(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	m := dag.Message{Type: dag.MsgFetchRequest, From: 3, To: 0, Have: []uint64{0, 0, 0, 0}}
	require.NoError(t, r.peers[3].Send(ctx, r.self.Self(), dagtransport.DefaultProtocol, encode(t, m)))
	got := r.next(t)
	require.Equal(t, uint32(3), got.From, "a message before the marker was delivered")
}

func TestAdapterInbound(t *testing.T) {
	ctx := context.Background()
	var unhandled []transport.Envelope
	r := newRig(t, dagtransport.Config{Unhandled: func(e transport.Envelope) { unhandled = append(unhandled, e) }})
	blk := r.block(t, 0, 1)
	publish := func(from int, data []byte) {
		require.NoError(t, r.peers[from].Publish(ctx, dagtransport.DefaultTopic, data))
	}
	send := func(from int, data []byte) {
		require.NoError(t, r.peers[from].Send(ctx, r.self.Self(), dagtransport.DefaultProtocol, data))
	}
	tests := []struct {
		name    string
		do      func()
		deliver bool
		counter func(dagtransport.Stats) uint64
	}{
		{"block from its author", func() { publish(1, encode(t, dag.Message{Type: dag.MsgBlock, From: 1, Block: blk})) }, true, nil},
		{"block relayed by another", func() { publish(2, encode(t, dag.Message{Type: dag.MsgBlock, From: 2, Block: blk})) }, true, nil},
		{"fetch request", func() {
			send(2, encode(t, dag.Message{Type: dag.MsgFetchRequest, From: 2, To: 0, Have: []uint64{1, 1, 1, 1}}))
		}, true, nil},
		{"block of a later epoch", func() {
			publish(1, encode(t, dag.Message{Type: dag.MsgBlock, Epoch: 5, From: 1, Block: r.block(t, 5, 1)}))
		}, true, nil},
		{"stranger", func() { publish(4, encode(t, dag.Message{Type: dag.MsgBlock, From: 1, Block: blk})) }, false,
			func(s dagtransport.Stats) uint64 { return s.NotValidator }},
		{"spoofed sender", func() { publish(1, encode(t, dag.Message{Type: dag.MsgBlock, From: 2, Block: blk})) }, false,
			func(s dagtransport.Stats) uint64 { return s.Spoofed }},
		{"spoofed fetch request", func() {
			send(1, encode(t, dag.Message{Type: dag.MsgFetchRequest, From: 0, To: 0, Have: []uint64{1, 1, 1, 1}}))
		}, false, func(s dagtransport.Stats) uint64 { return s.Spoofed }},
		{"garbage", func() { send(1, []byte{0xff, 0x00}) }, false, func(s dagtransport.Stats) uint64 { return s.Malformed }},
		{"fetch request on the block topic", func() {
			publish(1, encode(t, dag.Message{Type: dag.MsgFetchRequest, From: 1, Have: []uint64{1, 1, 1, 1}}))
		}, false, func(s dagtransport.Stats) uint64 { return s.Malformed }},
		{"misdirected", func() {
			send(1, encode(t, dag.Message{Type: dag.MsgFetchRequest, From: 1, To: 2, Have: []uint64{1, 1, 1, 1}}))
		}, false, func(s dagtransport.Stats) uint64 { return s.Misdirected }},
		{"other topic", func() { require.NoError(t, r.peers[1].Publish(ctx, "/other/1", []byte("x"))) }, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := r.ad.Stats()
			tc.do()
			if tc.deliver {
				m := r.next(t)
				require.Equal(t, uint32(0), m.To, "delivered with this validator as To")
			}
			r.marker(t)
			if tc.counter != nil {
				require.Equal(t, tc.counter(before)+1, tc.counter(r.ad.Stats()))
			}
		})
	}
	require.Len(t, unhandled, 1)
	require.Equal(t, "/other/1", unhandled[0].Topic)
}

func TestAdapterEpochs(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, dagtransport.Config{})
	// Epoch 1 and 2 replace epoch 0 (two are kept); validator 0 is index 3 in
	// epoch 2's set.
	require.NoError(t, r.ad.SetValidators(1, r.set))
	reordered := validators(t, []ed25519.PrivateKey{r.ks[3], r.ks[1], r.ks[2], r.ks[0]})
	require.NoError(t, r.ad.SetValidators(2, reordered))
	require.ErrorIs(t, r.ad.SetValidators(2, r.set), dag.ErrConfig, "epochs only grow")
	require.ErrorIs(t, r.ad.SetValidators(3, validators(t, r.ks[1:])), dagtransport.ErrNotValidator)

	before := r.ad.Stats()
	require.NoError(t, r.peers[1].Publish(ctx, dagtransport.DefaultTopic, encode(t, dag.Message{Type: dag.MsgBlock, From: 1, Block: r.block(t, 0, 1)})))
	r.marker2(t)
	require.Equal(t, before.UnknownEpoch+1, r.ad.Stats().UnknownEpoch)

	// In epoch 2, validator 3 (key 3) is index 0, and this node index 3.
	m := dag.Message{Type: dag.MsgFetchRequest, Epoch: 2, From: 0, To: 3, Have: []uint64{0, 0, 0, 0}}
	require.NoError(t, r.peers[3].Send(ctx, r.self.Self(), dagtransport.DefaultProtocol, encode(t, m)))
	got := r.next(t)
	require.Equal(t, uint32(0), got.From)
	require.Equal(t, uint32(3), got.To)

	// Sending in epoch 2 to index 0 reaches key 3.
	require.NoError(t, r.ad.Send(ctx, dag.Message{Type: dag.MsgFetchRequest, Epoch: 2, To: 0, Have: []uint64{0, 0, 0, 0}}))
	env := <-r.peers[3].Inbox()
	for env.Protocol != dagtransport.DefaultProtocol { // skip what validator 1 published
		env = <-r.peers[3].Inbox()
	}
	sent, err := dag.DecodeMessage(env.Data, dag.MessageLimits{})
	require.NoError(t, err)
	require.Equal(t, uint32(3), sent.From, "From is this node's index in the epoch")
	require.ErrorIs(t, r.ad.Send(ctx, dag.Message{Type: dag.MsgFetchRequest, Epoch: 0, To: 1}), dagtransport.ErrNotValidator)
}

// marker2 is marker for epoch 2 (validator 3 is index 0 there, this node 3).
func (r *rig) marker2(t *testing.T) {
	t.Helper()
	m := dag.Message{Type: dag.MsgFetchRequest, Epoch: 2, From: 0, To: 3, Have: []uint64{0, 0, 0, 0}}
	require.NoError(t, r.peers[3].Send(context.Background(), r.self.Self(), dagtransport.DefaultProtocol, encode(t, m)))
	got := r.next(t)
	require.Equal(t, uint64(2), got.Epoch)
}

func TestAdapterOutbound(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, dagtransport.Config{})
	blk := r.block(t, 0, 0)
	require.NoError(t, r.ad.Broadcast(ctx, blk))
	for _, p := range r.peers[1:] {
		env := <-p.Inbox()
		require.Equal(t, dagtransport.DefaultTopic, env.Topic)
		m, err := dag.DecodeMessage(env.Data, dag.MessageLimits{})
		require.NoError(t, err)
		require.Equal(t, blk.Digest(), m.Block.Digest())
		require.Equal(t, uint32(0), m.From)
	}
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"nil block", func() error { return r.ad.Broadcast(ctx, nil) }, dag.ErrInvalidMessage},
		{"block of an unknown epoch", func() error { return r.ad.Broadcast(ctx, r.block(t, 7, 0)) }, dagtransport.ErrNotValidator},
		{"to no validator", func() error { return r.ad.Send(ctx, dag.Message{Type: dag.MsgFetchRequest, To: 9}) }, dagtransport.ErrNotValidator},
		{"malformed message", func() error { return r.ad.Send(ctx, dag.Message{Type: dag.MsgBlock, To: 1}) }, dag.ErrInvalidMessage},
		{"to itself", func() error { return r.ad.Send(ctx, dag.Message{Type: dag.MsgFetchRequest, To: 0}) }, transport.ErrUnreachable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := r.ad.Stats().SendErrors
			require.ErrorIs(t, tc.call(), tc.want)
			require.Equal(t, before+1, r.ad.Stats().SendErrors)
		})
	}
}

func TestAdapterConfig(t *testing.T) {
	ks := keys(5)
	set := validators(t, ks[:4])
	net, err := mem.NewNetwork(mem.Config{Config: transport.Config{MaxMessageSize: 64 << 10}})
	require.NoError(t, err)
	defer net.Close()
	member, err := net.Join(ks[0].Public().(ed25519.PublicKey))
	require.NoError(t, err)
	stranger, err := net.Join(ks[4].Public().(ed25519.PublicKey))
	require.NoError(t, err)
	tests := []struct {
		name string
		cfg  dagtransport.Config
		want error
	}{
		{"no transport", dagtransport.Config{Validators: set}, dag.ErrConfig},
		{"no validators", dagtransport.Config{Transport: member}, dag.ErrConfig},
		{"not a validator", dagtransport.Config{Transport: stranger, Validators: set, Limits: dag.MessageLimits{Limits: dag.Limits{MaxBlockBytes: 1 << 10}}}, dagtransport.ErrNotValidator},
		{"blocks larger than messages", dagtransport.Config{Transport: member, Validators: set}, dag.ErrConfig},
		{"bad topic", dagtransport.Config{Transport: member, Validators: set, Topic: string(make([]byte, 300))}, dag.ErrConfig},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dagtransport.New(tc.cfg)
			require.ErrorIs(t, err, tc.want)
		})
	}
	// Closing the transport closes Receive; so does Close, once.
	ad, err := dagtransport.New(dagtransport.Config{Transport: member, Validators: set, Limits: dag.MessageLimits{Limits: dag.Limits{MaxBlockBytes: 32 << 10}}})
	require.NoError(t, err)
	require.NoError(t, member.Close())
	_, ok := <-ad.Receive()
	require.False(t, ok)
	require.NoError(t, ad.Close())
	require.NoError(t, ad.Close())
}

// TestAdapterNoLeak: in a synctest bubble, which fails if a goroutine outlives
// the test, the adapter's goroutine stops with Close, even while it waits for
// the core to take a message.
func TestAdapterNoLeak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newRig(t, dagtransport.Config{Buffer: 1})
		ctx := context.Background()
		blk := r.block(t, 0, 1)
		for range 3 { // the third waits for Receive to be read
			require.NoError(t, r.peers[1].Publish(ctx, dagtransport.DefaultTopic, encode(t, dag.Message{Type: dag.MsgBlock, From: 1, Block: blk})))
		}
		synctest.Wait()
		require.NoError(t, r.ad.Close())
	})
}

// With Direct, a block goes to each other validator on the protocol, once
// encoded, and the receiver takes it whatever its To.
func TestAdapterDirectBroadcast(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, dagtransport.Config{Direct: true})
	blk := r.block(t, 0, 0)
	require.NoError(t, r.ad.Broadcast(ctx, blk))
	for _, p := range r.peers[1:4] {
		env := <-p.Inbox()
		require.Equal(t, dagtransport.DefaultProtocol, env.Protocol)
		require.Empty(t, env.Topic)
		m, err := dag.DecodeMessage(env.Data, dag.MessageLimits{})
		require.NoError(t, err)
		require.Equal(t, dag.MsgBlock, m.Type)
		require.Equal(t, blk.Digest(), m.Block.Digest())
		require.Equal(t, uint32(0), m.From)
	}
	select {
	case env := <-r.peers[4].Inbox():
		t.Fatalf("the stranger got %+v", env)
	default:
	}
	s := r.ad.Stats()
	require.Equal(t, uint64(1), s.Broadcast)
	require.Equal(t, uint64(3), s.Sent)

	// Inbound: a block sent directly, its To another validator's, is taken.
	require.NoError(t, r.peers[2].Send(ctx, r.self.Self(), dagtransport.DefaultProtocol,
		encode(t, dag.Message{Type: dag.MsgBlock, From: 2, To: 3, Block: r.block(t, 0, 2)})))
	got := r.next(t)
	require.Equal(t, dag.MsgBlock, got.Type)
	require.Equal(t, uint32(2), got.From)
	require.Equal(t, uint32(0), got.To)
}
