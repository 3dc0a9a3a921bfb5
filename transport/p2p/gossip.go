package p2p

import (
	"bytes"
	"context"
	"fmt"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/depinkit/depinkit/transport"
)

// Gossip scoring. A peer that is not allowed scores notAllowedScore (under the
// graylist threshold: its RPCs are ignored); each message rejected by the
// topic validators costs its relayer invalidWeight times the square of its
// (decaying) count of rejected messages.
const (
	notAllowedScore   = -1000
	invalidWeight     = -10
	invalidDecay      = 0.9
	gossipThreshold   = -10
	publishThreshold  = -50
	graylistThreshold = -80
)

// scoreInterval is how often the host copies gossipsub's peer scores.
const scoreInterval = time.Second

// keepScores records gossipsub's peer scores.
func (h *Host) keepScores(m map[peer.ID]float64) {
	h.smu.Lock()
	defer h.smu.Unlock()
	h.scores = m
}

// Scores returns the gossipsub scores of the connected peers, as of the last
// second: 0 for a well-behaved validator, negative for a peer that relayed
// rejected messages (under -80 its messages are ignored) or is not allowed.
func (h *Host) Scores() map[transport.PeerID]float64 {
	h.smu.Lock()
	defer h.smu.Unlock()
	out := make(map[transport.PeerID]float64, len(h.scores))
	for p, s := range h.scores {
		if id, err := FromLibp2p(p); err == nil {
			out[id] = s
		}
	}
	return out
}

// scoreParams returns gossipsub's peer scoring for the host's topics.
func (h *Host) scoreParams() (*pubsub.PeerScoreParams, *pubsub.PeerScoreThresholds) {
	topics := map[string]*pubsub.TopicScoreParams{}
	for _, t := range h.cfg.Topics {
		topics[t] = &pubsub.TopicScoreParams{
			SkipAtomicValidation:           true,
			TopicWeight:                    1,
			TimeInMeshQuantum:              time.Second,
			InvalidMessageDeliveriesWeight: invalidWeight,
			InvalidMessageDeliveriesDecay:  invalidDecay,
		}
	}
	params := &pubsub.PeerScoreParams{
		SkipAtomicValidation: true,
		Topics:               topics,
		AppSpecificScore: func(p peer.ID) float64 {
			if h.gate.member(p) {
				return 0
			}
			return notAllowedScore
		},
		AppSpecificWeight: 1,
		DecayInterval:     time.Second,
		DecayToZero:       0.01,
	}
	thresholds := &pubsub.PeerScoreThresholds{
		SkipAtomicValidation: true,
		GossipThreshold:      gossipThreshold,
		PublishThreshold:     publishThreshold,
		GraylistThreshold:    graylistThreshold,
	}
	return params, thresholds
}

// Publish implements transport.Transport. On a topic of Config.Topics it
// publishes through gossipsub; on another, it sends the message to each
// connected peer directly, through the same queues as Send.
func (h *Host) Publish(ctx context.Context, topic string, data []byte) error {
	if err := h.check(ctx, "publish", topic, len(data)); err != nil {
		return err
	}
	if t := h.topics[topic]; t != nil {
		if err := t.Publish(ctx, bytes.Clone(data)); err != nil {
			return h.callErr(ctx, fmt.Sprintf("publish %q", topic), err)
		}
		h.stats.published.Add(1)
		h.stats.bytesOut.Add(uint64(len(data)) * uint64(max(h.connected.Load(), 0)))
		return nil
	}
	frame := appendFrame(make([]byte, 0, frameLen(topic, data)), kindPublish, topic, data)
	var n uint64
	for _, p := range h.host.Network().Peers() {
		if h.host.Network().Connectedness(p) != network.Connected {
			continue
		}
		queued, err := h.enqueue(p, frame)
		if err != nil {
			return fmt.Errorf("p2p: publish %q: %w", topic, err)
		}
		if queued {
			n++
		}
	}
	h.stats.published.Add(1)
	h.stats.bytesOut.Add(uint64(len(data)) * n)
	return nil
}

// validate is the validator of every joined topic: it rejects messages over
// the size limit and messages written or relayed by peers that are not
// allowed, and ignores those written by a peer whose link to this host is cut.
func (h *Host) validate(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
	if from == h.pid {
		return pubsub.ValidationAccept // published here
	}
	if len(msg.Data) > h.cfg.MaxMessageSize {
		h.stats.droppedOversize.Add(1)
		return pubsub.ValidationReject
	}
	author := msg.GetFrom()
	if !h.gate.member(author) || !h.gate.member(from) {
		h.stats.notAllowed.Add(1)
		h.cfg.Logger.Debug("p2p: gossip from a peer not allowed", "author", author, "relayer", from, "topic", msg.GetTopic())
		return pubsub.ValidationReject
	}
	if h.gate.severed(author) {
		return pubsub.ValidationIgnore
	}
	return pubsub.ValidationAccept
}

// readTopic moves a topic's messages to the Inbox, until Close.
func (h *Host) readTopic(sub *pubsub.Subscription) {
	for {
		msg, err := sub.Next(h.ctx)
		if err != nil {
			return
		}
		if msg.ReceivedFrom == h.pid {
			continue // published here
		}
		from, err := FromLibp2p(msg.GetFrom())
		if err != nil {
			continue
		}
		// gossipsub keeps the data (to forward it and gossip about it): the
		// receiver gets a copy.
		h.deliver(transport.Envelope{From: from, Topic: sub.Topic(), Data: bytes.Clone(msg.Data)})
	}
}
