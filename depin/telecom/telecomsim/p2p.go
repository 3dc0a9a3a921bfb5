package telecomsim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// ValidatorEnv is the environment variable RunP2P sets on the validator
// processes it starts (devnet.ValidatorEnv): "INDEX:SPEC", validator INDEX
// of the subnet whose spec file is SPEC. A program that calls RunP2P must
// check it first thing (IsValidator) and, when set, run the validator
// (RunValidator) instead of itself: RunP2P starts its validators by
// re-executing its own binary.
const ValidatorEnv = devnet.ValidatorEnv

// Files RunP2P writes beside the spec for its validator processes.
const (
	// VerticalFile holds the telecom vertical's beacon interval as JSON
	// (the rest of its Config is the default).
	VerticalFile = "telecom.json"
	// KeysDir is the proof.KeyStore of the coverage verifying key.
	KeysDir = "keys"
	// LogFile, in each validator's directory, receives its logs
	// (devnet.LogFile).
	LogFile = devnet.LogFile
)

// StatsPath is where validator processes serve the vertical's statistics
// of an epoch: GET StatsPath/{epoch} (Stats).
const StatsPath = "/telecom/stats"

// P2PConfig configures RunP2P. Zero fields take the default their comment
// gives.
type P2PConfig struct {
	// Dir is where the subnet is initialised (it must be empty or absent).
	// Default: a temporary directory, removed at the end unless the run
	// fails (the error names it: the validators' logs are there).
	Dir string
	// Executable is the binary that runs the validators (with ValidatorEnv
	// set). Default os.Executable().
	Executable string
	// Stderr receives the validator processes' standard error (panics).
	// Default: a file "stderr" in each validator's directory.
	Stderr io.Writer
}

// RunP2P runs the simulation as Run does, but with the validators as
// separate processes talking over libp2p on loopback, through the devnet
// kit (devnet.RunP2P): it initialises a telecom subnet in a directory
// (subnet.Init, with the run's epoch length and a maker), writes the
// vertical's Config and the coverage verifying key beside the spec, and
// launches it (subnet.Up: the embedded EVM parent chain serving JSON-RPC on
// loopback, then one process per validator, each depin.RunValidator with a
// pebble store), then drives the validators over their HTTP APIs
// (depin.Remote) as Drive does, in realtime. The validator processes
// re-execute this program's binary with ValidatorEnv set, and log to
// LogFile in their directories (cfg.Logger is not used). It stops them when
// the run ends, or when ctx does. The vertical's Config must be the default
// but for Rules.BeaconIntervalMs and Score.TrustModel: they are all the
// processes are handed. Its emission is the legacy per-epoch curve
// (telecom.LegacyEpochEmission), the one the subnet spec can name.
func RunP2P(ctx context.Context, cfg RunConfig, pc P2PConfig) (*Result, error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	vertical, err := marshalVertical(cfg.Vertical)
	if err != nil {
		return nil, err
	}
	sim, err := New(cfg.Sim)
	if err != nil {
		return nil, err
	}
	if cfg.ParentRPC != "" && cfg.ParentKey == nil {
		return nil, fmt.Errorf("telecomsim: a parent chain at %s needs a funded key", cfg.ParentRPC)
	}
	res := &Result{Sim: sim}
	keys, err := coverageKeys(cfg, sim, res)
	if err != nil {
		return nil, err
	}
	w, err := NewWorkload(sim, keys)
	if err != nil {
		return nil, err
	}
	run, err := devnet.RunP2P(ctx, cfg.devnet(), w, devnet.P2PConfig{
		Vertical:   telecom.Name,
		Prepare:    func(spec *subnet.Spec) error { return prepareSubnet(spec, cfg, vertical, keys) },
		Dir:        pc.Dir,
		Executable: pc.Executable,
		Stderr:     pc.Stderr,
		ParentRPC:  cfg.ParentRPC,
		ParentKey:  cfg.ParentKey,
	})
	if err != nil {
		return nil, err
	}
	res.fill(run)
	res.Elapsed = time.Since(t0)
	return res, nil
}

// prepareSubnet completes the spec (the reward curve) and writes the
// vertical config (marshalVertical) and the coverage verifying key beside
// it.
func prepareSubnet(spec *subnet.Spec, cfg RunConfig, vertical []byte, keys *proof.Keys) error {
	vc := cfg.Vertical
	if vc.InitialEmission == nil && vc.PeriodEmission == nil {
		vc.InitialEmission = new(big.Int).Set(telecom.LegacyEpochEmission) // as verticalFile.config
	}
	if err := vc.Validate(); err != nil {
		return err
	}
	spec.Reward = subnet.Reward{Curve: subnet.CurveHalving, Initial: vc.InitialEmission.String(), Period: vc.HalvingPeriod}
	if vc.SupplyCap != nil {
		spec.Reward.Cap = vc.SupplyCap.String()
	}
	if err := os.WriteFile(filepath.Join(spec.Dir, VerticalFile), vertical, 0o644); err != nil {
		return fmt.Errorf("telecomsim: p2p: %w", err)
	}
	if keys != nil {
		if err := proof.NewKeyStore(filepath.Join(spec.Dir, KeysDir)).Save(keys.VerifyingOnly()); err != nil {
			return err
		}
	}
	return nil
}

// verticalFile is VerticalFile's content: what RunP2P's validators build
// their vertical from. The vertical's Config does not travel whole (it holds
// functions and a verifier): RunP2P takes the default Config but for the
// beacon interval and the trust model.
type verticalFile struct {
	BeaconIntervalMs int64        `json:"beacon_interval_ms"`
	TrustModel       poc.PathLoss `json:"trust_model"`
}

// config returns the vertical's Config: the defaults but for the beacon
// interval, and the legacy per-epoch curve (telecom.LegacyEpochEmission),
// which the subnet spec's "halving" curve can name (the spec has no spread
// halving, the default's HIP-20 schedule).
func (f verticalFile) config() telecom.Config {
	var c telecom.Config
	c.Rules.BeaconIntervalMs = f.BeaconIntervalMs
	c.Score.TrustModel = f.TrustModel
	c.InitialEmission = new(big.Int).Set(telecom.LegacyEpochEmission)
	return c
}

// marshalVertical encodes a vertical Config for the validator processes: it
// must be the default but for the beacon interval.
func marshalVertical(vc telecom.Config) ([]byte, error) {
	f := verticalFile{BeaconIntervalMs: vc.Rules.BeaconIntervalMs, TrustModel: vc.Score.TrustModel}
	if vc.InitialEmission == nil && vc.PeriodEmission == nil {
		vc.InitialEmission = new(big.Int).Set(telecom.LegacyEpochEmission)
	}
	if !reflect.DeepEqual(vc, f.config()) {
		return nil, fmt.Errorf("%w: RunP2P takes the default vertical Config but for Rules.BeaconIntervalMs and Score.TrustModel", ErrConfig)
	}
	data, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("telecomsim: p2p: vertical config: %w", err)
	}
	return data, nil
}

// MainIfValidator runs this process as the validator RunP2P started it as
// (IsValidator), until SIGTERM or an interrupt, and exits: status 0 after a
// clean stop, 1 after printing the error. In any other process it returns
// at once. Call it first in the main (and TestMain) of a program that calls
// RunP2P: RunP2P re-executes os.Executable.
func MainIfValidator() { devnet.MainIfValidator(buildValidator) }

// IsValidator reports whether this process is a validator RunP2P started
// (ValidatorEnv is set).
func IsValidator() bool { return devnet.IsValidator() }

// RunValidator runs the validator ValidatorEnv names until ctx ends (the
// caller turns SIGTERM into ctx's end: subnet.Up stops validators with it):
// devnet.RunValidator with the telecom vertical of the subnet's
// VerticalFile, the coverage verifying key of its KeysDir, and StatsPath
// among its endpoints.
func RunValidator(ctx context.Context) error { return devnet.RunValidator(ctx, buildValidator) }

// buildValidator makes a validator process's vertical, verifier and
// statistics endpoint from the files RunP2P wrote beside the spec.
func buildValidator(spec *subnet.Spec) (devnet.Validator, error) {
	data, err := os.ReadFile(filepath.Join(spec.Dir, VerticalFile))
	if err != nil {
		return devnet.Validator{}, fmt.Errorf("telecomsim: validator: %w", err)
	}
	var vf verticalFile
	if err := json.Unmarshal(data, &vf); err != nil {
		return devnet.Validator{}, fmt.Errorf("telecomsim: validator: %s: %w", VerticalFile, err)
	}
	vert, err := telecom.New(vf.config())
	if err != nil {
		return devnet.Validator{}, err
	}
	verifier, err := proof.NewVerifier()
	if err != nil {
		return devnet.Validator{}, err
	}
	store := proof.NewKeyStore(filepath.Join(spec.Dir, KeysDir))
	if keys, err := store.LoadVerifying(proof.CoverageStatement(), proof.Groth16); err == nil {
		if verifier, err = proof.NewVerifier(keys); err != nil {
			return devnet.Validator{}, err
		}
	} else if !errors.Is(err, proof.ErrNoKey) {
		return devnet.Validator{}, err
	}
	return devnet.Validator{
		Vertical: vert,
		Verifier: verifier,
		Handlers: func(ctx context.Context, n *depin.Node) map[string]http.Handler {
			stats := NewStats(n)
			go stats.Run(ctx) // ends with ctx, as the validator does
			return map[string]http.Handler{"GET " + StatsPath + "/{epoch}": stats}
		},
	}, nil
}

// remoteStats reads the vertical's statistics of an epoch from validator 0
// of a subnet of processes (StatsPath).
func remoteStats(ctx context.Context, r *depin.Remote, epoch uint64) (telecom.EpochStats, bool, error) {
	var st telecom.EpochStats
	err := r.Query(ctx, 0, fmt.Sprintf("%s/%d", StatsPath, epoch), &st)
	if errors.Is(err, depin.ErrNotFound) {
		return st, false, nil
	}
	return st, err == nil && st.Epoch == epoch, err
}

// keepStats is how many epochs' statistics a Stats keeps.
const keepStats = 32

// Stats records the telecom vertical's statistics of each epoch a Node
// scores (telecom.Vertical.LastEpoch, without the per-hotspot scores) and
// serves them: GET StatsPath/{epoch}. The vertical keeps only its last
// epoch's; Stats keeps the last 32.
type Stats struct {
	mu    sync.Mutex
	n     *depin.Node
	stats map[uint64]telecom.EpochStats
}

// NewStats returns the Stats of n, whose vertical must be telecom's.
func NewStats(n *depin.Node) *Stats {
	return &Stats{n: n, stats: map[uint64]telecom.EpochStats{}}
}

// Run records the statistics of every epoch n closes until ctx ends.
func (s *Stats) Run(ctx context.Context) {
	var seen uint64
	for {
		if err := s.n.WaitFor(ctx, func(n *depin.Node) bool { return n.CurrentEpoch() != seen }); err != nil {
			return
		}
		seen = s.n.CurrentEpoch()
		s.n.Inspect(func(v depin.Vertical) {
			tv, ok := v.(*telecom.Vertical)
			if !ok {
				return
			}
			st := tv.LastEpoch()
			st.Scores = nil
			s.mu.Lock()
			defer s.mu.Unlock()
			s.stats[st.Epoch] = st
			if st.Epoch >= keepStats {
				delete(s.stats, st.Epoch-keepStats)
			}
		})
	}
}

// Epoch returns the statistics of an epoch, if recorded.
func (s *Stats) Epoch(epoch uint64) (telecom.EpochStats, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.stats[epoch]
	return st, ok
}

// ServeHTTP answers GET StatsPath/{epoch}: 404 for an epoch not recorded.
func (s *Stats) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	e, err := strconv.ParseUint(r.PathValue("epoch"), 10, 64)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "epoch: " + err.Error()})
		return
	}
	st, ok := s.Epoch(e)
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": fmt.Sprintf("telecomsim: no statistics of epoch %d", e)})
		return
	}
	_ = json.NewEncoder(w).Encode(st)
}
