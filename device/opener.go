package device

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Opener opens envelopes for a network: it checks each one fully and accepts each
// (device, seq) once. It is safe for concurrent use.
type Opener struct {
	resolver Resolver
	replay   *ReplayGuard
	workers  int
	network  [32]byte
}

// OpenerConfig configures an Opener. The zero value is ready to use.
type OpenerConfig struct {
	// Replay is the replay guard to use, e.g. one restored from a snapshot. Nil
	// means a new guard with DefaultReplayWindow.
	Replay *ReplayGuard
	// Workers is how many goroutines OpenBatch verifies with. Zero means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Network is the network envelopes must be sealed for (Header.Network):
	// a subnet's genesis hash. Zero: envelopes sealed for no network.
	Network [32]byte
}

// NewOpener returns an Opener that resolves device keys with r.
func NewOpener(r Resolver, cfg OpenerConfig) (*Opener, error) {
	if r == nil {
		return nil, fmt.Errorf("device: opener: resolver missing")
	}
	if cfg.Workers < 0 {
		return nil, fmt.Errorf("device: opener: workers %d: want 0 or more", cfg.Workers)
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Replay == nil {
		g, err := NewReplayGuard(DefaultReplayWindow)
		if err != nil {
			return nil, err
		}
		cfg.Replay = g
	}
	return &Opener{resolver: r, replay: cfg.Replay, workers: cfg.Workers, network: cfg.Network}, nil
}

// Replay returns the Opener's replay guard (to snapshot it).
func (o *Opener) Replay() *ReplayGuard { return o.replay }

// Open checks an envelope and accepts it: size and structure (ParseEnvelope), the
// device is registered and not revoked, the algorithm is its key's, the signature
// verifies, and the sequence number is new (ErrReplay otherwise). Only an envelope
// that passes everything is recorded by the replay guard.
func (o *Opener) Open(data []byte) (*Envelope, error) {
	e, err := o.verify(data)
	if err != nil {
		return nil, err
	}
	if err := o.replay.Accept(e.Device, e.Seq); err != nil {
		return nil, err
	}
	return e, nil
}

// verify does everything Open does but record the sequence number.
func (o *Opener) verify(data []byte) (*Envelope, error) {
	e, err := ParseEnvelope(data)
	if err != nil {
		return nil, err
	}
	key, err := o.resolver.DeviceKey(e.Device)
	if err != nil {
		return nil, err
	}
	// A cheap early refusal of replays before the signature check.
	if err := o.replay.Check(e.Device, e.Seq); err != nil {
		return nil, err
	}
	e.Network = o.network
	if err := e.Verify(key); err != nil {
		return nil, err
	}
	return e, nil
}

// OpenBatch opens many envelopes, verifying them on o's workers, and returns the
// results in input order: envs[i] is the opened msgs[i], or nil with errs[i] saying
// why. Sequence numbers are recorded after verification, in input order, so the
// outcome does not depend on scheduling: of two envelopes with the same (device,
// seq), the first in msgs wins. If ctx ends, envelopes not yet verified get its
// error.
func (o *Opener) OpenBatch(ctx context.Context, msgs [][]byte) (envs []*Envelope, errs []error) {
	envs = make([]*Envelope, len(msgs))
	errs = make([]error, len(msgs))
	// Verify in parallel; workers take small chunks of indices.
	const chunk = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(o.workers, (len(msgs)+chunk-1)/chunk)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(msgs) {
					return
				}
				for i := start; i < min(start+chunk, len(msgs)); i++ {
					if err := ctx.Err(); err != nil {
						errs[i] = err
						continue
					}
					envs[i], errs[i] = o.verify(msgs[i])
				}
			}
		}()
	}
	wg.Wait()
	for i, e := range envs {
		if e == nil {
			continue
		}
		if err := o.replay.Accept(e.Device, e.Seq); err != nil {
			envs[i], errs[i] = nil, err
		}
	}
	return envs, errs
}
