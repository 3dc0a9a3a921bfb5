package devnet

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// ValidatorEnv is the environment variable RunP2P sets on the validator
// processes it starts: "INDEX:SPEC", validator INDEX of the subnet whose
// spec file is SPEC. A program that calls RunP2P must check it first thing
// (MainIfValidator): RunP2P starts its validators by re-executing its own
// binary.
const ValidatorEnv = "DEPINKIT_DEVNET_VALIDATOR"

// LogFile, in each validator's directory, receives its logs.
const LogFile = "node.log"

// P2PConfig configures RunP2P. Zero fields take the default their comment
// gives.
type P2PConfig struct {
	// Vertical is the vertical's name in the subnet's spec
	// (subnet.InitOptions.Vertical). Required.
	Vertical string
	// Prepare, if set, completes the spec before it is saved (its reward
	// curve, proof policy) and writes what the validators need beside it,
	// in spec.Dir (the vertical's configuration, verifying keys).
	Prepare func(spec *subnet.Spec) error
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
	// ParentRPC and ParentKey, if set, settle on the EVM chain at that
	// JSON-RPC URL instead of the embedded one, from that funded secp256k1
	// account (it deploys the contracts, registers the subnet, funds the
	// validators and pays for the claim).
	ParentRPC string
	ParentKey *device.PrivateKey
}

// RunP2P runs w as Run does, but with the validators as separate processes
// talking over libp2p on loopback: it initialises a subnet in a directory
// (subnet.Init, with cfg's validators, name and epoch length, and a maker of
// its own), lets pc.Prepare complete it, and launches it (subnet.Up: the
// embedded EVM parent chain serving JSON-RPC on loopback, then one process
// per validator, each depin.RunValidator with a pebble store), then drives
// the validators over their HTTP APIs (a depin.Remote) with Drive. The
// validator processes re-execute this program's binary with ValidatorEnv
// set (MainIfValidator) and log to LogFile in their directories
// (cfg.Logger is not used). The run is realtime whatever cfg says: the
// processes keep their own clocks. It stops them when the run ends, or when
// ctx does.
func RunP2P(ctx context.Context, cfg Config, w Workload, pc P2PConfig) (_ *Result, err error) {
	t0 := time.Now()
	cfg = cfg.withDefaults()
	cfg.Realtime = true
	if pc.Vertical == "" {
		return nil, fmt.Errorf("%w: P2PConfig.Vertical is required", ErrConfig)
	}
	if pc.ParentRPC != "" && pc.ParentKey == nil {
		return nil, fmt.Errorf("%w: a parent chain at %s needs a funded key", ErrConfig, pc.ParentRPC)
	}
	if pc.Executable == "" {
		if pc.Executable, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("devnet: p2p: %w", err)
		}
	}
	dir := pc.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "devnet-p2p-"); err != nil {
			return nil, fmt.Errorf("devnet: p2p: %w", err)
		}
		defer func() {
			if err == nil {
				err = os.RemoveAll(dir)
			} else {
				err = fmt.Errorf("%w (the subnet's files and logs are in %s)", err, dir)
			}
		}()
	}
	maker, err := device.GenerateKey(device.Ed25519, rand.Reader)
	if err != nil {
		return nil, err
	}
	spec, err := subnet.Init(dir, subnet.InitOptions{Vertical: pc.Vertical, Name: cfg.Name, Validators: cfg.Validators})
	if err != nil {
		return nil, err
	}
	spec.Epoch = subnet.Epoch{Duration: cfg.EpochDuration.String()}
	spec.Makers = append(spec.Makers, subnet.Maker{Name: "devnet maker", Key: maker.Public().DID()})
	if pc.ParentRPC != "" {
		spec.Parent.RPC = pc.ParentRPC
	}
	if pc.Prepare != nil {
		if err := pc.Prepare(spec); err != nil {
			return nil, err
		}
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	specPath := filepath.Join(spec.Dir, subnet.SpecFile)
	if err := spec.Save(specPath); err != nil {
		return nil, err
	}

	// The operator deploys the contracts and registers the subnet; it is
	// funded on the embedded chain, and pays for the claim afterwards.
	operator := pc.ParentKey
	if operator == nil {
		if operator, err = device.GenerateKey(device.Secp256k1, rand.Reader); err != nil {
			return nil, err
		}
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
	cfg.Progress("launching %d validator processes over libp2p and the parent chain in %s", len(spec.Validators), spec.Dir)
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
			cancel(errors.New("devnet: p2p: the subnet stopped"))
		} else {
			cancel(fmt.Errorf("devnet: p2p: the subnet stopped: %w", upErr))
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
	res, err := Drive(runCtx, r, maker, w, cfg)
	if err != nil {
		return nil, wrap(err)
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

// waitDeployment waits for the deployment file subnet.Up writes.
func waitDeployment(ctx context.Context, path string) (subnet.Deployment, error) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if _, err := os.Stat(path); err == nil {
			return subnet.LoadDeployment(path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return subnet.Deployment{}, fmt.Errorf("devnet: p2p: %w", err)
		}
		select {
		case <-ctx.Done():
			return subnet.Deployment{}, fmt.Errorf("devnet: p2p: waiting for the parent chain: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// Validator is what a validator process of RunP2P runs, built from the
// subnet's spec and the files P2PConfig.Prepare wrote beside it.
type Validator struct {
	// Vertical is the validator's replica of the vertical. Required.
	Vertical depin.Vertical
	// Verifier checks proof bundles (depin.ProcessConfig.Verifier). Nil:
	// the signature path only.
	Verifier *proof.Verifier
	// Handlers, if set, are more endpoints (depin.ProcessConfig.Handlers);
	// ctx ends when the validator stops.
	Handlers func(ctx context.Context, n *depin.Node) map[string]http.Handler
}

// BuildValidator makes a Validator from the subnet's spec (spec.Dir is the
// subnet's directory).
type BuildValidator func(spec *subnet.Spec) (Validator, error)

// IsValidator reports whether this process is a validator RunP2P started
// (ValidatorEnv is set).
func IsValidator() bool { return os.Getenv(ValidatorEnv) != "" }

// MainIfValidator runs this process as the validator RunP2P started it as
// (IsValidator), until SIGTERM or an interrupt, and exits: status 0 after a
// clean stop, 1 after printing the error. In any other process it returns
// at once. Call it first in the main (and TestMain) of a program that calls
// RunP2P: RunP2P re-executes os.Executable.
func MainIfValidator(build BuildValidator) {
	if !IsValidator() {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	err := RunValidator(ctx, build)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "validator:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// RunValidator runs the validator ValidatorEnv names until ctx ends (the
// caller turns SIGTERM into ctx's end: subnet.Up stops validators with it):
// depin.RunValidator with what build makes of the spec, the deployment
// subnet.Up wrote, and its logs in LogFile in the validator's directory.
func RunValidator(ctx context.Context, build BuildValidator) error {
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
	val, err := build(spec)
	if err != nil {
		return err
	}
	logf, err := os.OpenFile(filepath.Join(spec.ValidatorDir(i), LogFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("devnet: validator: %w", err)
	}
	defer logf.Close()
	pc := depin.ProcessConfig{
		Spec:       spec,
		Index:      i,
		Deployment: &d,
		Vertical:   val.Vertical,
		Verifier:   val.Verifier,
		Logger:     slog.New(slog.NewTextHandler(logf, &slog.HandlerOptions{Level: slog.LevelInfo})),
		// Settle as Run's local network does: epochs are seconds long.
		Timing: depin.SettlementTiming{Retry: 200 * time.Millisecond, Fallback: 2 * time.Second},
	}
	if val.Handlers != nil {
		pc.Handlers = func(n *depin.Node) map[string]http.Handler { return val.Handlers(ctx, n) }
	}
	return depin.RunValidator(ctx, pc)
}
