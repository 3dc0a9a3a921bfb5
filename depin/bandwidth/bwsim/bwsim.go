// Package bwsim simulates a bandwidth network for package bandwidth: providers
// and clients with device keys, and the co-signed sessions between them in an
// epoch, some of them bad in known ways (self-sessions, empty or implausibly
// fast sessions, a provider signing for its client, replays), each tagged with
// the reason a bandwidth.Ledger must give it.
//
// Everything follows from Config.Seed; it never reads the clock. It is for
// examples, tests and benchmarks.
package bwsim

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/device"
)

// ErrConfig reports a Config that cannot be simulated.
var ErrConfig = errors.New("bwsim: invalid config")

// Config describes the simulated network. The zero value of each field but
// Providers and Clients means its default.
type Config struct {
	Seed uint64
	// Providers and Clients: at least 1 each.
	Providers, Clients int
	// SessionsPerClient in each epoch. Default 3.
	SessionsPerClient int
	// MaxBytesPerSecond is the network's plausible maximum (the Ledger's); the
	// simulated sessions run at up to a fifth of it. Default 12,500,000
	// (100 Mbit/s).
	MaxBytesPerSecond uint64
	// ReadingIntervalMs, if not zero, meters every session in intervals of
	// this length: Generated.Readings holds the bytes per interval and the
	// session signs their root (bandwidth.ReadingsRoot). Default 0.
	ReadingIntervalMs uint64
	// BadPerMille of the sessions are bad, cycling through the kinds of
	// Generated.Want. Default 0.
	BadPerMille int
	// KeyType of every key. Default device.Ed25519.
	KeyType device.KeyType
}

// World is a simulated bandwidth network. Not safe for concurrent use.
type World struct {
	cfg       Config
	providers []*device.PrivateKey
	clients   []*device.PrivateKey
	keys      map[device.ID]device.PublicKey
	rng       *rand.Rand
	nonces    map[[2]int]uint64 // (client, provider) -> last nonce used
	bad       int               // the next bad kind
	last      *bandwidth.Session
}

// Generated is a simulated session and what a Ledger must say about it.
type Generated struct {
	Session *bandwidth.Session
	// Readings are the bytes per interval (nil unless Config.ReadingIntervalMs).
	Readings []uint64
	// Want is the Reason a Ledger that saw every earlier session gives it.
	Want bandwidth.Reason
}

// New builds a network from cfg.
func New(cfg Config) (*World, error) {
	if cfg.Providers < 1 || cfg.Clients < 1 {
		return nil, fmt.Errorf("%w: %d providers, %d clients: want at least 1 each", ErrConfig, cfg.Providers, cfg.Clients)
	}
	if cfg.SessionsPerClient == 0 {
		cfg.SessionsPerClient = 3
	}
	if cfg.MaxBytesPerSecond == 0 {
		cfg.MaxBytesPerSecond = 12_500_000
	}
	if cfg.KeyType == 0 {
		cfg.KeyType = device.Ed25519
	}
	switch {
	case cfg.SessionsPerClient < 0, cfg.BadPerMille < 0 || cfg.BadPerMille > 1000:
		return nil, fmt.Errorf("%w: sessions per client %d, bad per mille %d", ErrConfig, cfg.SessionsPerClient, cfg.BadPerMille)
	case cfg.MaxBytesPerSecond < 5:
		return nil, fmt.Errorf("%w: max bytes per second %d", ErrConfig, cfg.MaxBytesPerSecond)
	case !cfg.KeyType.Valid():
		return nil, fmt.Errorf("%w: key type %d", ErrConfig, cfg.KeyType)
	}
	var seed [32]byte
	binary.LittleEndian.PutUint64(seed[:], cfg.Seed)
	copy(seed[8:], "depinkit/bwsim/v1")
	src := rand.NewChaCha8(seed)
	w := &World{cfg: cfg, keys: map[device.ID]device.PublicKey{}, rng: rand.New(rand.NewPCG(cfg.Seed, 0x2545f4914f6cdd1d)), nonces: map[[2]int]uint64{}}
	gen := func(n int) ([]*device.PrivateKey, error) {
		out := make([]*device.PrivateKey, n)
		for i := range out {
			k, err := device.GenerateKey(cfg.KeyType, src)
			if err != nil {
				return nil, fmt.Errorf("bwsim: key: %w", err)
			}
			out[i] = k
			w.keys[k.Public().ID()] = k.Public()
		}
		return out, nil
	}
	var err error
	if w.providers, err = gen(cfg.Providers); err != nil {
		return nil, err
	}
	if w.clients, err = gen(cfg.Clients); err != nil {
		return nil, err
	}
	return w, nil
}

// Providers returns the providers' keys (do not modify them).
func (w *World) Providers() []*device.PrivateKey { return w.providers }

// Clients returns the clients' keys (do not modify them).
func (w *World) Clients() []*device.PrivateKey { return w.clients }

// KeyOf returns the public key of a provider or client: the lookup Ledger.Add
// and Session.Verify take.
func (w *World) KeyOf(id device.ID) (device.PublicKey, error) {
	if k, ok := w.keys[id]; ok {
		return k, nil
	}
	return device.PublicKey{}, fmt.Errorf("%w: %s", device.ErrUnknownDevice, id)
}

// Provider returns the key of a provider by ID.
func (w *World) Provider(id device.ID) (*device.PrivateKey, bool) {
	for _, k := range w.providers {
		if k.Public().ID() == id {
			return k, true
		}
	}
	return nil, false
}

// The bad kinds, in the order they cycle.
var badKinds = []bandwidth.Reason{
	bandwidth.ReasonSelfSession, bandwidth.ReasonZeroBytes, bandwidth.ReasonRateTooHigh,
	bandwidth.ReasonBadClientSignature, bandwidth.ReasonDuplicateSession, bandwidth.ReasonReplayedNonce,
}

// Epoch simulates the sessions of an epoch starting at startMs and lasting
// lengthMs: each client runs SessionsPerClient sessions with random providers,
// of 1 to 30 minutes at up to a fifth of MaxBytesPerSecond, in time order.
// Sessions are co-signed; BadPerMille of them are bad, and Want says how.
func (w *World) Epoch(startMs, lengthMs int64) ([]Generated, error) {
	if lengthMs < 3_600_000 {
		return nil, fmt.Errorf("%w: epoch of %d ms, want at least an hour", ErrConfig, lengthMs)
	}
	n := w.cfg.Clients * w.cfg.SessionsPerClient
	out := make([]Generated, 0, n)
	for k := range n {
		ci := k % w.cfg.Clients
		pi := w.rng.IntN(w.cfg.Providers)
		dur := uint64(60_000 + w.rng.Int64N(29*60_000))
		rate := 1 + w.rng.Uint64N(w.cfg.MaxBytesPerSecond/5)
		start := startMs + int64(k)*(lengthMs-int64(dur))/int64(n)
		bad := w.rng.IntN(1000) < w.cfg.BadPerMille
		g, err := w.session(ci, pi, start, dur, rate, bad)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func (w *World) session(ci, pi int, start int64, dur, rate uint64, bad bool) (Generated, error) {
	provider, client := w.providers[pi], w.clients[ci]
	want := bandwidth.ReasonNone
	if bad {
		want = badKinds[w.bad%len(badKinds)]
		w.bad++
		if (want == bandwidth.ReasonDuplicateSession || want == bandwidth.ReasonReplayedNonce) && w.last == nil {
			want = bandwidth.ReasonZeroBytes // nothing to replay yet
		}
	}
	if want == bandwidth.ReasonDuplicateSession {
		// The last accepted session, sent again.
		return Generated{Session: w.last, Want: want}, nil
	}
	s := &bandwidth.Session{Provider: provider.Public().ID(), Client: client.Public().ID(),
		Bytes: rate * dur / 1000, DurationMs: dur, StartMs: start}
	binary.BigEndian.PutUint64(s.SessionID[:], w.rng.Uint64())
	binary.BigEndian.PutUint64(s.SessionID[8:], w.rng.Uint64()|1)
	pair := [2]int{ci, pi}
	switch want {
	case bandwidth.ReasonSelfSession:
		s.Client = s.Provider
		client = provider
	case bandwidth.ReasonZeroBytes:
		s.Bytes = 0
	case bandwidth.ReasonRateTooHigh:
		s.Bytes = w.cfg.MaxBytesPerSecond*dur/1000 + 1
	case bandwidth.ReasonReplayedNonce:
		// A new session under the nonce of the last accepted one.
		s.Provider, s.Client, s.Nonce = w.last.Provider, w.last.Client, w.last.Nonce
		provider, _ = w.Provider(s.Provider)
		for _, c := range w.clients {
			if c.Public().ID() == s.Client {
				client = c
			}
		}
	}
	if want != bandwidth.ReasonReplayedNonce {
		w.nonces[pair]++
		s.Nonce = w.nonces[pair]
	}
	var readings []uint64
	if iv := w.cfg.ReadingIntervalMs; iv > 0 && want == bandwidth.ReasonNone {
		readings = split(s.Bytes, dur, iv)
		root, err := bandwidth.ReadingsRoot(readings)
		if err != nil {
			return Generated{}, err
		}
		s.ReadingsRoot = root
	}
	if err := s.SignProvider(provider); err != nil {
		return Generated{}, err
	}
	signer := client
	if want == bandwidth.ReasonBadClientSignature {
		signer = provider
	}
	if err := s.SignClient(signer); err != nil {
		return Generated{}, err
	}
	if want == bandwidth.ReasonNone {
		w.last = s
	}
	return Generated{Session: s, Readings: readings, Want: want}, nil
}

// split divides n bytes over ceil(dur/iv) intervals as evenly as integers
// allow: each interval carries at most the session's rate times iv.
func split(n, dur, iv uint64) []uint64 {
	k := (dur + iv - 1) / iv
	out := make([]uint64, k)
	for i := range out {
		out[i] = n / k
	}
	for i := range n % k {
		out[i]++
	}
	return out
}
