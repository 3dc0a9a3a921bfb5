package bandwidth

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/bits"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
)

// ContentTypeSession is the device envelope content type of a co-signed
// session (device.Header.ContentType), for networks that carry sessions in
// envelopes; a session's own signatures do not need one.
const ContentTypeSession = "depinkit/bandwidth/session/v1"

// MaxSessionSize bounds an encoded Session.
const MaxSessionSize = 512

// Session is one bandwidth session: a provider (a VPN node, a hotspot) served
// Bytes to a client over DurationMs from StartMs (Unix ms). Both sign it, so
// neither can inflate it alone: the provider's signature says it served the
// bytes, the client's that it received them.
type Session struct {
	Provider, Client device.ID
	// SessionID is chosen at random by the pair; unique per session.
	SessionID [16]byte
	Bytes     uint64
	// DurationMs is how long the session lasted; with Bytes it bounds the rate.
	DurationMs uint64
	StartMs    int64
	// Nonce counts the client's sessions with this provider: each must exceed
	// the last one accepted, so a signed session cannot be replayed.
	Nonce uint64
	// ReadingsRoot, if set, is circuit.ReadingsRoot of the session's
	// per-interval byte readings (32 bytes): both sign it, and a usage proof
	// (UsageWitness) shows the readings sum to Bytes without revealing them.
	ReadingsRoot []byte

	ProviderSignature []byte
	ClientSignature   []byte
}

type sessionBody struct {
	_            struct{} `cbor:",toarray"`
	Provider     []byte
	Client       []byte
	SessionID    []byte
	Bytes        uint64
	DurationMs   uint64
	StartMs      int64
	Nonce        uint64
	ReadingsRoot []byte
}

type sessionWire struct {
	_                 struct{} `cbor:",toarray"`
	Body              sessionBody
	ProviderSignature []byte
	ClientSignature   []byte
}

const digestDomain = "depinkit/bandwidth/session/v1\x00"

func (s *Session) body() sessionBody {
	return sessionBody{Provider: s.Provider[:], Client: s.Client[:], SessionID: s.SessionID[:], Bytes: s.Bytes,
		DurationMs: s.DurationMs, StartMs: s.StartMs, Nonce: s.Nonce, ReadingsRoot: s.ReadingsRoot}
}

// Check reports whether the fields are well-formed (not whether the session is
// plausible: Verify and Ledger.Add decide that).
func (s *Session) Check() error {
	switch {
	case s.Provider.IsZero():
		return fmt.Errorf("%w: session: provider is zero", ErrInvalidField)
	case s.Client.IsZero():
		return fmt.Errorf("%w: session: client is zero", ErrInvalidField)
	case s.SessionID == [16]byte{}:
		return fmt.Errorf("%w: session: id is zero", ErrInvalidField)
	case s.StartMs <= 0:
		return fmt.Errorf("%w: session: start %d ms, want > 0", ErrInvalidField, s.StartMs)
	case len(s.ReadingsRoot) != 0 && len(s.ReadingsRoot) != 32:
		return fmt.Errorf("%w: session: readings root is %d bytes, want 0 or 32", ErrInvalidField, len(s.ReadingsRoot))
	case len(s.ProviderSignature) > 128 || len(s.ClientSignature) > 128:
		return fmt.Errorf("%w: session: signature over 128 bytes", ErrInvalidField)
	}
	return nil
}

// Digest is what both parties sign: SHA-256("depinkit/bandwidth/session/v1" ||
// 0x00 || canonical CBOR of every field but the signatures).
func (s *Session) Digest() ([32]byte, error) {
	if err := s.Check(); err != nil {
		return [32]byte{}, err
	}
	b, err := canonical.Marshal(s.body())
	if err != nil {
		return [32]byte{}, fmt.Errorf("bandwidth: session: %w", err)
	}
	h := sha256.New()
	h.Write([]byte(digestDomain))
	h.Write(b)
	var d [32]byte
	h.Sum(d[:0])
	return d, nil
}

// SignProvider adds the provider's signature over the digest.
func (s *Session) SignProvider(provider device.Signer) error {
	sig, err := s.sign(provider)
	s.ProviderSignature = sig
	return err
}

// SignClient adds the client's signature over the digest.
func (s *Session) SignClient(client device.Signer) error {
	sig, err := s.sign(client)
	s.ClientSignature = sig
	return err
}

func (s *Session) sign(k device.Signer) ([]byte, error) {
	d, err := s.Digest()
	if err != nil {
		return nil, err
	}
	sig, err := k.Sign(d[:])
	if err != nil {
		return nil, fmt.Errorf("bandwidth: sign session: %w", err)
	}
	return sig, nil
}

// Marshal encodes the session, signatures included, as canonical CBOR.
func (s *Session) Marshal() ([]byte, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	return canonical.Marshal(sessionWire{Body: s.body(), ProviderSignature: s.ProviderSignature, ClientSignature: s.ClientSignature})
}

var sessionDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

// ParseSession decodes what Marshal produced: canonical encodings only, at most
// MaxSessionSize bytes, fields checked. It checks no signature (Verify does).
func ParseSession(data []byte) (*Session, error) {
	if len(data) > MaxSessionSize {
		return nil, fmt.Errorf("%w: session is %d bytes, at most %d", ErrTooLarge, len(data), MaxSessionSize)
	}
	var w sessionWire
	if err := sessionDecoder.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: session: %v", ErrMalformed, err)
	}
	b := w.Body
	s := &Session{Bytes: b.Bytes, DurationMs: b.DurationMs, StartMs: b.StartMs, Nonce: b.Nonce, ReadingsRoot: b.ReadingsRoot,
		ProviderSignature: w.ProviderSignature, ClientSignature: w.ClientSignature}
	for _, f := range []struct {
		name string
		dst  []byte
		src  []byte
	}{{"provider", s.Provider[:], b.Provider}, {"client", s.Client[:], b.Client}, {"id", s.SessionID[:], b.SessionID}} {
		if len(f.src) != len(f.dst) {
			return nil, fmt.Errorf("%w: session: %s is %d bytes, want %d", ErrMalformed, f.name, len(f.src), len(f.dst))
		}
		copy(f.dst, f.src)
	}
	if err := s.Check(); err != nil {
		return nil, err
	}
	return s, nil
}

// DefaultMaxBytesPerSecond is Config.MaxBytesPerSecond's default: 10 Gbit/s.
const DefaultMaxBytesPerSecond = 1_250_000_000

// Verify checks what a session says by itself, in order: provider and client
// differ, bytes are not zero, the rate Bytes/DurationMs is at most
// maxBytesPerSecond (0 means DefaultMaxBytesPerSecond; a zero duration is an
// infinite rate), both keys are known (keyOf), and both signatures verify
// against the digest. A rejection is a *RejectError wrapping ErrRejected
// (ReasonOf gives its Reason). Duplicate sessions and replayed nonces need
// memory: Ledger.Add checks them too.
func (s *Session) Verify(keyOf func(device.ID) (device.PublicKey, error), maxBytesPerSecond uint64) error {
	d, err := s.Digest()
	if err != nil {
		return err
	}
	reject := func(r Reason, err error) error { return &RejectError{Reason: r, Session: s.SessionID, Err: err} }
	if maxBytesPerSecond == 0 {
		maxBytesPerSecond = DefaultMaxBytesPerSecond
	}
	switch {
	case s.Provider == s.Client:
		return reject(ReasonSelfSession, nil)
	case s.Bytes == 0:
		return reject(ReasonZeroBytes, nil)
	case rateTooHigh(s.Bytes, s.DurationMs, maxBytesPerSecond):
		return reject(ReasonRateTooHigh, fmt.Errorf("%d bytes in %d ms, at most %d bytes/s", s.Bytes, s.DurationMs, maxBytesPerSecond))
	}
	pk, err := keyOf(s.Provider)
	if err != nil {
		return reject(ReasonUnknownDevice, fmt.Errorf("provider %s: %w", s.Provider, err))
	}
	ck, err := keyOf(s.Client)
	if err != nil {
		return reject(ReasonUnknownDevice, fmt.Errorf("client %s: %w", s.Client, err))
	}
	if err := pk.Verify(d[:], s.ProviderSignature); err != nil {
		return reject(ReasonBadProviderSignature, err)
	}
	if err := ck.Verify(d[:], s.ClientSignature); err != nil {
		return reject(ReasonBadClientSignature, err)
	}
	return nil
}

// rateTooHigh reports bytes/(ms/1000) > max, i.e. bytes·1000 > max·ms, in
// 128-bit arithmetic.
func rateTooHigh(n, ms, max uint64) bool {
	if ms == 0 {
		return true
	}
	lh, ll := bits.Mul64(n, 1000)
	rh, rl := bits.Mul64(max, ms)
	return lh > rh || lh == rh && ll > rl
}

// Equal reports whether two sessions are identical, signatures included.
func (s *Session) Equal(o *Session) bool {
	return s.Provider == o.Provider && s.Client == o.Client && s.SessionID == o.SessionID && s.Bytes == o.Bytes &&
		s.DurationMs == o.DurationMs && s.StartMs == o.StartMs && s.Nonce == o.Nonce &&
		bytes.Equal(s.ReadingsRoot, o.ReadingsRoot) && bytes.Equal(s.ProviderSignature, o.ProviderSignature) &&
		bytes.Equal(s.ClientSignature, o.ClientSignature)
}
