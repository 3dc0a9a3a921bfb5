package telecomsim

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// ValidatorEnv is the environment variable RunP2P sets on the validator
// processes it starts: "INDEX:SPEC", validator INDEX of the subnet whose
// spec file is SPEC. A program that calls RunP2P must check it first thing
// (IsValidator) and, when set, run the validator (RunValidator) instead of
// itself: RunP2P starts its validators by re-executing its own binary.
const ValidatorEnv = "DEPINKIT_TELECOMSIM_VALIDATOR"

// Files RunP2P writes beside the spec for its validator processes.
const (
	// VerticalFile holds the telecom vertical's beacon interval as JSON
	// (the rest of its Config is the default).
	VerticalFile = "telecom.json"
	// KeysDir is the proof.KeyStore of the coverage verifying key.
	KeysDir = "keys"
	// LogFile, in each validator's directory, receives its logs.
	LogFile = "node.log"
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
// separate processes talking over libp2p on loopback: it initialises a
// telecom subnet in a directory (subnet.Init, with the run's epoch length
// and maker), writes the vertical's Config and the coverage verifying key
// beside the spec, and launches it (subnet.Up: the embedded EVM parent chain
// serving JSON-RPC on loopback, then one process per validator, each
// depin.RunValidator with a pebble store), then drives the validators over
// their HTTP APIs (depin.Remote) as Drive does. The validator processes
// re-execute this program's binary with ValidatorEnv set, and log to
// LogFile in their directories (cfg.Logger is not used). It stops them when
// the run ends, or when ctx does. The vertical's Config must be the default
// but for Rules.BeaconIntervalMs and Score.TrustModel: they are all the
// processes are handed. Its
// emission is the legacy per-epoch curve (telecom.LegacyEpochEmission), the
// one the subnet spec can name.
func RunP2P(ctx context.Context, cfg RunConfig, pc P2PConfig) (_ *Result, err error) {
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
	res := &Result{Sim: sim}
	if pc.Executable == "" {
		if pc.Executable, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("telecomsim: p2p: %w", err)
		}
	}
	dir := pc.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "telecomsim-p2p-"); err != nil {
			return nil, fmt.Errorf("telecomsim: p2p: %w", err)
		}
		defer func() {
			if err == nil {
				err = os.RemoveAll(dir)
			} else {
				err = fmt.Errorf("%w (the subnet's files and logs are in %s)", err, dir)
			}
		}()
	}
	keys, err := coverageKeys(cfg, sim, res)
	if err != nil {
		return nil, err
	}
	maker, err := device.GenerateKey(device.Ed25519, rand.Reader)
	if err != nil {
		return nil, err
	}
	spec, err := initSubnet(dir, cfg, vertical, maker, keys)
	if err != nil {
		return nil, err
	}
	specPath := filepath.Join(spec.Dir, subnet.SpecFile)

	// The operator deploys the contracts and registers the subnet; it is
	// funded on the embedded chain, and pays for the claim afterwards.
	operator := cfg.ParentKey
	if cfg.ParentRPC != "" {
		if operator == nil {
			return nil, fmt.Errorf("telecomsim: a parent chain at %s needs a funded key", cfg.ParentRPC)
		}
		spec.Parent.RPC = cfg.ParentRPC
		if err := spec.Save(specPath); err != nil {
			return nil, err
		}
	} else if operator, err = device.GenerateKey(device.Secp256k1, rand.Reader); err != nil {
		return nil, err
	}
	upCtx, stopUp := context.WithCancel(ctx)
	defer stopUp()
	upDone := make(chan error, 1)
	var logs []*os.File // the validators' stderr files, closed at the end
	defer func() {
		for _, f := range logs {
			f.Close()
		}
	}()
	cfg.Progress("launching %d validator processes over libp2p and the embedded parent chain in %s", len(spec.Validators), spec.Dir)
	go func() {
		upDone <- subnet.Up(upCtx, spec, subnet.UpConfig{
			Parent:      subnet.ParentConfig{Operator: operator},
			StopTimeout: 10 * time.Second,
			Command: func(i int, _ string) (*exec.Cmd, error) {
				c := exec.Command(pc.Executable)
				c.Env = append(os.Environ(), ValidatorEnv+"="+strconv.Itoa(i)+":"+specPath)
				c.Dir = spec.ValidatorDir(i)
				if c.Stderr = pc.Stderr; c.Stderr == nil {
					f, err := os.Create(filepath.Join(c.Dir, "stderr"))
					if err != nil {
						return nil, err
					}
					logs = append(logs, f) // Up calls Command from its goroutine, before it returns
					c.Stderr = f
				}
				return c, nil
			},
		})
	}()
	// The run stops if Up does: a validator exited.
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	upExited := make(chan struct{})
	var upErr error
	go func() {
		defer close(upExited)
		upErr = <-upDone
		if upErr == nil {
			cancel(errors.New("telecomsim: p2p: the subnet stopped"))
		} else {
			cancel(fmt.Errorf("telecomsim: p2p: the subnet stopped: %w", upErr))
		}
	}()
	defer func() {
		stopUp()
		<-upExited
		if upErr != nil && err == nil {
			err = upErr
		}
	}()
	wrap := func(err error) error {
		if cause := context.Cause(runCtx); cause != nil && !errors.Is(cause, context.Canceled) {
			return fmt.Errorf("%w (%w)", err, cause)
		}
		return err
	}

	d, err := waitDeployment(runCtx, filepath.Join(spec.Dir, subnet.DeploymentFile))
	if err != nil {
		return nil, wrap(err)
	}
	r, err := depin.DialRemote(runCtx, depin.RemoteConfig{Spec: spec, Deployment: &d, Payer: operator})
	if err != nil {
		return nil, wrap(err)
	}
	defer r.Close()
	if err := r.WaitReady(runCtx); err != nil {
		return nil, wrap(err)
	}
	cfg.Progress("validators ready after %v", time.Since(t0).Round(time.Millisecond))
	w, err := NewWorkload(sim, keys)
	if err != nil {
		return nil, err
	}
	dc := cfg.devnet()
	dc.Realtime = true // the processes keep their own clocks
	run, err := devnet.Drive(runCtx, remote{r}, maker, w, dc)
	if err != nil {
		return nil, wrap(err)
	}
	res.fill(run)
	res.Elapsed = time.Since(t0)
	return res, nil
}

// initSubnet writes the subnet's directory: spec (the run's validators,
// epoch length, maker and reward curve), vertical config (marshalVertical)
// and coverage verifying key.
func initSubnet(dir string, cfg RunConfig, vertical []byte, maker *device.PrivateKey, keys *proof.Keys) (*subnet.Spec, error) {
	vc := cfg.Vertical
	if vc.InitialEmission == nil && vc.PeriodEmission == nil {
		vc.InitialEmission = new(big.Int).Set(telecom.LegacyEpochEmission) // as verticalFile.config
	}
	if err := vc.Validate(); err != nil {
		return nil, err
	}
	spec, err := subnet.Init(dir, subnet.InitOptions{Vertical: telecom.Name, Name: "telecom", Validators: cfg.Validators})
	if err != nil {
		return nil, err
	}
	spec.Epoch = subnet.Epoch{Duration: cfg.EpochDuration.String()}
	spec.Makers = append(spec.Makers, subnet.Maker{Name: "telecomsim maker", Key: maker.Public().DID()})
	spec.Reward = subnet.Reward{Curve: subnet.CurveHalving, Initial: vc.InitialEmission.String(), Period: vc.HalvingPeriod}
	if vc.SupplyCap != nil {
		spec.Reward.Cap = vc.SupplyCap.String()
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if err := spec.Save(filepath.Join(spec.Dir, subnet.SpecFile)); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(spec.Dir, VerticalFile), vertical, 0o644); err != nil {
		return nil, fmt.Errorf("telecomsim: p2p: %w", err)
	}
	if keys != nil {
		if err := proof.NewKeyStore(filepath.Join(spec.Dir, KeysDir)).Save(keys.VerifyingOnly()); err != nil {
			return nil, err
		}
	}
	return spec, nil
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

// waitDeployment waits for the deployment file subnet.Up writes.
func waitDeployment(ctx context.Context, path string) (subnet.Deployment, error) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if _, err := os.Stat(path); err == nil {
			return subnet.LoadDeployment(path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return subnet.Deployment{}, fmt.Errorf("telecomsim: p2p: %w", err)
		}
		select {
		case <-ctx.Done():
			return subnet.Deployment{}, fmt.Errorf("telecomsim: p2p: waiting for the parent chain: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// remote is a depin.Remote that reads the vertical's statistics from
// validator 0 (StatsPath).
type remote struct{ *depin.Remote }

var _ StatsReader = remote{}

func (r remote) EpochStats(ctx context.Context, epoch uint64) (telecom.EpochStats, bool, error) {
	var st telecom.EpochStats
	err := r.Query(ctx, 0, fmt.Sprintf("%s/%d", StatsPath, epoch), &st)
	if errors.Is(err, depin.ErrNotFound) {
		return st, false, nil
	}
	return st, err == nil && st.Epoch == epoch, err
}

// MainIfValidator runs this process as the validator RunP2P started it as
// (IsValidator), until SIGTERM or an interrupt, and exits: status 0 after a
// clean stop, 1 after printing the error. In any other process it returns
// at once. Call it first in the main (and TestMain) of a program that calls
// RunP2P: RunP2P re-executes os.Executable.
func MainIfValidator() {
	if !IsValidator() {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	err := RunValidator(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "validator:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// IsValidator reports whether this process is a validator RunP2P started
// (ValidatorEnv is set).
func IsValidator() bool { return os.Getenv(ValidatorEnv) != "" }

// RunValidator runs the validator ValidatorEnv names until ctx ends (the
// caller turns SIGTERM into ctx's end: subnet.Up stops validators with it):
// depin.RunValidator with the telecom vertical of the subnet's VerticalFile,
// the coverage verifying key of its KeysDir, the deployment subnet.Up wrote,
// StatsPath among its endpoints, and its logs in LogFile in the validator's
// directory.
func RunValidator(ctx context.Context) error {
	v := os.Getenv(ValidatorEnv)
	idx, specPath, ok := strings.Cut(v, ":")
	i, err := strconv.Atoi(idx)
	if !ok || err != nil || specPath == "" {
		return fmt.Errorf("%w: %s=%q, want INDEX:SPEC", ErrConfig, ValidatorEnv, v)
	}
	spec, err := subnet.Load(specPath)
	if err != nil {
		return err
	}
	d, err := subnet.LoadDeployment(filepath.Join(spec.Dir, subnet.DeploymentFile))
	if err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(spec.Dir, VerticalFile))
	if err != nil {
		return fmt.Errorf("telecomsim: validator: %w", err)
	}
	var vf verticalFile
	if err := json.Unmarshal(data, &vf); err != nil {
		return fmt.Errorf("telecomsim: validator: %s: %w", VerticalFile, err)
	}
	vert, err := telecom.New(vf.config())
	if err != nil {
		return err
	}
	verifier, err := proof.NewVerifier()
	if err != nil {
		return err
	}
	store := proof.NewKeyStore(filepath.Join(spec.Dir, KeysDir))
	if keys, err := store.LoadVerifying(proof.CoverageStatement(), proof.Groth16); err == nil {
		if verifier, err = proof.NewVerifier(keys); err != nil {
			return err
		}
	} else if !errors.Is(err, proof.ErrNoKey) {
		return err
	}
	logf, err := os.OpenFile(filepath.Join(spec.ValidatorDir(i), LogFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("telecomsim: validator: %w", err)
	}
	defer logf.Close()
	return depin.RunValidator(ctx, depin.ProcessConfig{
		Spec:       spec,
		Index:      i,
		Deployment: &d,
		Vertical:   vert,
		Verifier:   verifier,
		Logger:     slog.New(slog.NewTextHandler(logf, &slog.HandlerOptions{Level: slog.LevelInfo})),
		// Settle as Run's local network does: epochs are seconds long.
		Timing: depin.SettlementTiming{Retry: 200 * time.Millisecond, Fallback: 2 * time.Second},
		Handlers: func(n *depin.Node) map[string]http.Handler {
			stats := NewStats(n)
			go stats.Run(ctx) // ends with ctx, as the validator does
			return map[string]http.Handler{"GET " + StatsPath + "/{epoch}": stats}
		},
	})
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
