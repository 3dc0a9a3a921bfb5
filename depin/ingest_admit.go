package depin

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
)

// errContentType reports an envelope of a content type the vertical does not
// take, or over its size; envelopeReason maps it to ReasonContentType or
// ReasonOversized.
var errContentType = errors.New("depin: content type not taken")

// Admit checks an envelope as CheckTx checks it before it may enter the
// mempool, and returns the device it names: its size and structure (an empty
// unprotected header included), a content type the vertical takes within
// its payload bound, a registered device that is not revoked, a sequence
// number inside the replay window and not accepted yet, and the signature of
// the device's current key. Errors wrap ErrNotAdmitted and the device
// package's sentinel (device.ErrUnknownDevice, device.ErrRevoked,
// device.ErrReplay, device.ErrBadSignature...): envelopes naming unknown
// devices never reach the mempool, so spam cannot fill it nor the chain.
//
// It reads the state as of the last commit, and changes nothing: what is
// ordered is decided again at commit (a faulty validator may propose
// anything), where the outcome is recorded for Explain.
func (n *Node) Admit(envelope []byte) (device.ID, error) {
	e, err := n.admit(envelope)
	if err != nil {
		return device.ID{}, err
	}
	return e.Device, nil
}

func (n *Node) admit(data []byte) (*device.Envelope, error) {
	if len(data) > device.MaxEnvelopeSize {
		return nil, fmt.Errorf("%w: %w: envelope of %d bytes, at most %d", ErrNotAdmitted, ErrTooLarge, len(data), device.MaxEnvelopeSize)
	}
	e, err := device.ParseEnvelope(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w: %w", ErrNotAdmitted, ErrMalformed, err)
	}
	ct, ok := n.types[e.ContentType]
	if !ok {
		return nil, fmt.Errorf("%w: %w: %q is not one of %s's", ErrNotAdmitted, errContentType, e.ContentType, n.vertical.Name())
	}
	if ct.MaxPayload > 0 && len(e.Payload) > ct.MaxPayload {
		return nil, fmt.Errorf("%w: %w: %s payload of %d bytes, at most %d", ErrNotAdmitted, ErrTooLarge, ct.Name, len(e.Payload), ct.MaxPayload)
	}
	n.mu.RLock()
	key, err := n.app.registry.DeviceKey(e.Device)
	if err == nil {
		err = n.app.opener.Replay().Check(e.Device, e.Seq)
	}
	n.mu.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotAdmitted, err)
	}
	// Submit admits, then the engine's CheckTx admits again: the second
	// time the signature check is remembered (for these bytes and this key).
	h := sha256.New()
	h.Write([]byte{byte(key.Type())})
	h.Write(key.Bytes())
	h.Write(data)
	var d [32]byte
	h.Sum(d[:0])
	if n.verified.has(d) {
		return e, nil
	}
	e.Network = n.network
	if err := e.Verify(key); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotAdmitted, err)
	}
	n.verified.add(d)
	return e, nil
}

// verifiedCache remembers the digests of envelopes (with their key) whose
// signature verified, up to verifiedCacheSize; then it starts afresh.
type verifiedCache struct {
	mu sync.Mutex
	m  map[[32]byte]struct{}
}

const verifiedCacheSize = 4096

func (c *verifiedCache) has(d [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.m[d]
	return ok
}

func (c *verifiedCache) add(d [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= verifiedCacheSize {
		c.m = make(map[[32]byte]struct{}, 64)
	}
	c.m[d] = struct{}{}
}

// CheckTx implements chain.Application: what may enter the mempool. It
// decodes tx and checks its framing and limits (DecodeTx); an envelope must
// also pass Admit. It changes no state; it reads the state of the last
// commit, so validators may disagree on what they admit — not on what is
// applied: every transaction is checked again in ApplyCommit.
func (n *Node) CheckTx(tx chain.Tx) error {
	t, err := DecodeTx(tx)
	if err != nil {
		return err
	}
	if t.Kind == TxEnvelope {
		if _, err := n.admit(t.Envelope); err != nil {
			return err
		}
	}
	return nil
}
