package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"

	// The verticals this build runs: each registers itself under its name
	// (vertical.Register) when its package is imported, and "subnet up" and
	// "subnet node" run whichever the spec's vertical names
	// (depin.VerticalFromSpec). Add a vertical to the CLI by importing its
	// package here.
	_ "github.com/depinkit/depinkit/depin/telecom"
	_ "github.com/depinkit/depinkit/depin/vertical/meter"
)

// verticalOf returns the proof verifier of the spec's proof_keys and a new
// replica of the spec's vertical, built by its registered factory with the
// spec's curve, pool weights, section and that verifier: what each
// validator process runs (depin.RunValidator builds them alike when given
// none, as "subnet node" does).
func verticalOf(spec *subnet.Spec) (depin.Vertical, *proof.Verifier, error) {
	verifier, err := depin.VerifierFromSpec(spec)
	if err != nil {
		return nil, nil, err
	}
	v, err := depin.VerticalFromSpec(spec, verifier)
	if err != nil {
		return nil, nil, err
	}
	return v, verifier, nil
}

// validatorIndex finds a validator of spec by name or position.
func validatorIndex(spec *subnet.Spec, which string) (int, error) {
	for i, v := range spec.Validators {
		if v.Name == which {
			return i, nil
		}
	}
	if i, err := strconv.Atoi(which); err == nil && i >= 0 && i < len(spec.Validators) {
		return i, nil
	}
	return 0, fmt.Errorf("--validator %q: no validator of that name or position (0 to %d)", which, len(spec.Validators)-1)
}

func newSubnetUpCmd() *cobra.Command {
	var stopTimeout time.Duration
	cmd := &cobra.Command{
		Use:   "up SPEC",
		Short: "Launch a subnet's validators on this machine",
		Long: `Launch every validator of the subnet SPEC describes as a process on this
machine, until SIGTERM or SIGINT.

With parent rpc = "embedded" (what "subnet init" writes), up first starts the
embedded EVM chain in its own process, serving JSON-RPC on 127.0.0.1 (its URL
is printed), deploys the contracts, registers the subnet with its genesis hash
and validator set, and funds each validator's settlement account with ether
and reward tokens. With an RPC URL it uses that chain and the contracts the
spec names (deploying the missing ones from --operator-key).

The spec's vertical must be one this build registers (telecom): every
validator runs it with the spec's reward curve (halving, constant, linear,
exponential or spread-halving), its [reward.pools] weights and its [verticals.NAME]
settings, and checks zero-knowledge proofs with the verifying keys of the
spec's proof_keys store. Up checks all of that before it starts anything.

It writes the deployment (RPC URL, subnet id, contract addresses) to
deployment.json next to the spec, then starts "depinkit subnet node SPEC
--validator I" for each validator, logging to node.log in its directory. Each
validator serves, on its api address: the validator JSON API (/status,
/commits, /metrics), POST /envelopes for devices and GET /depin/... queries
(see "depinkit subnet status").

On SIGTERM or SIGINT it stops the validators (SIGTERM, then SIGKILL after
--stop-timeout) and the embedded chain; it exits with an error as soon as one
validator exits on its own. A validator that a change removed from the set
("depinkit subnet change --leave") is not such an exit: its process logs that
it left and waits for the stop (subnet node --on-leave wait); started again,
it does the same.`,
		Example: `  depinkit subnet init --vertical telecom --validators 4 --out telecom
  depinkit subnet up telecom/subnet.toml &
  depinkit subnet status telecom/subnet.toml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			if _, _, err := verticalOf(spec); err != nil { // fail here, not in every validator
				return err
			}
			self, err := os.Executable()
			if err != nil {
				return err
			}
			specPath, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGTERM, syscall.SIGINT)
			defer stop()
			return subnet.Up(ctx, spec, subnet.UpConfig{
				StopTimeout: stopTimeout,
				Progress:    cmd.ErrOrStderr(),
				Command: func(i int, deployment string) (*exec.Cmd, error) {
					dir := spec.ValidatorDir(i)
					if dir == "" {
						return nil, fmt.Errorf("no dir: up runs validators from their directories")
					}
					logf, err := os.OpenFile(filepath.Join(dir, "node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
					if err != nil {
						return nil, err
					}
					c := exec.Command(self, "subnet", "node", specPath, "--validator", strconv.Itoa(i), "--deployment", deployment, "--on-leave", onLeaveWait)
					c.Stdout, c.Stderr = logf, logf
					return c, nil
				},
			})
		},
	}
	cmd.Flags().DurationVar(&stopTimeout, "stop-timeout", 15*time.Second, "how long a validator may take to stop after SIGTERM")
	return cmd
}

// What subnet node does once its validator left the set (--on-leave).
const (
	onLeaveExit = "exit"
	onLeaveWait = "wait"
)

func newSubnetNodeCmd() *cobra.Command {
	var which, deployment, logLevel, onLeave string
	cmd := &cobra.Command{
		Use:   "node SPEC --validator NAME",
		Short: "Run one validator of a subnet (what subnet up starts)",
		Long: `Run the validator --validator (a name, or a position in the spec's validators)
of the subnet SPEC describes until SIGTERM or SIGINT: the consensus over
libp2p on its p2p address, its store in its directory's data/, the subnet's
vertical as the application, and on its api address the validator JSON API,
POST /envelopes and GET /depin/... queries. With --deployment (default: the
spec's deployment.json, if there is one) it settles closed epochs on the
parent chain with its settlement key.

With the spec's validator_changes on, a change approved by the others may
remove this validator from the set ("depinkit subnet change --leave"): at
the end of that epoch it logs "this validator left the validator set" and,
with --on-leave exit (the default), exits with an error naming it; with
--on-leave wait (what subnet up passes) it waits for SIGTERM or SIGINT and
exits 0. Started again, it finds the same in its store.`,
		Example: `  depinkit subnet node telecom/subnet.toml --validator v0
  depinkit subnet node telecom/subnet.toml --validator v3 --on-leave wait`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			i, err := validatorIndex(spec, which)
			if err != nil {
				return err
			}
			d, err := specDeployment(spec, deployment)
			if err != nil {
				return err
			}
			logger, err := validator.NewLogger(cmd.ErrOrStderr(), validator.LogConfig{Level: logLevel, Format: validator.DefaultLogFormat})
			if err != nil {
				return err
			}
			if onLeave != onLeaveExit && onLeave != onLeaveWait {
				return fmt.Errorf("--on-leave %q: want %s or %s", onLeave, onLeaveExit, onLeaveWait)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGTERM, syscall.SIGINT)
			defer stop()
			err = depin.RunValidator(ctx, depin.ProcessConfig{Spec: spec, Index: i, Deployment: d, Logger: logger}) // the registered vertical and the spec's keys
			if errors.Is(err, depin.ErrLeftSet) && onLeave == onLeaveWait {
				logger.Info("not a member of the validator set: waiting for SIGTERM (--on-leave wait)", "validator", spec.Validators[i].Name)
				<-ctx.Done()
				return nil
			}
			return err
		},
	}
	cmd.Flags().StringVar(&onLeave, "on-leave", onLeaveExit, "once a change removed this validator from the set: exit (with an error) or wait (for SIGTERM)")
	cmd.Flags().StringVar(&which, "validator", "", "the validator to run: its name or position (required)")
	cmd.Flags().StringVar(&deployment, "deployment", "", "the deployment `FILE` subnet up wrote (default: deployment.json next to SPEC, if any)")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "debug, info, warn or error")
	_ = cmd.MarkFlagRequired("validator")
	return cmd
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// subnetStatus is what subnet status prints with --json.
type subnetStatus struct {
	Subnet     string            `json:"subnet"`
	Genesis    string            `json:"genesis"`
	Validators []validatorStatus `json:"validators"`
	// Set is the validator set of the open epoch and the changes under way,
	// as SetFrom (the first validator that answers) sees them.
	Set     *depin.SetView `json:"set,omitempty"`
	SetFrom string         `json:"set_from,omitempty"`
	Parent  *parentStatus  `json:"parent,omitempty"`
}

type validatorStatus struct {
	Name   string            `json:"name"`
	API    string            `json:"api"`
	Error  string            `json:"error,omitempty"`
	Chain  *validator.Status `json:"chain,omitempty"`
	Subnet *depin.StatusView `json:"subnet,omitempty"`
}

type parentStatus struct {
	RPC        string            `json:"rpc"`
	SubnetID   string            `json:"subnet_id"`
	Error      string            `json:"error,omitempty"`
	Checkpoint *checkpointStatus `json:"checkpoint,omitempty"`
}

// checkpointStatus is the subnet's last checkpoint on the parent chain.
type checkpointStatus struct {
	Epoch     uint64 `json:"epoch"`
	Height    uint64 `json:"height"`
	StateRoot string `json:"state_root"`
	PostedAt  uint64 `json:"posted_at"`
}

func newSubnetStatusCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status SPEC",
		Short: "Show a running subnet: each validator's chain and epoch, the parent chain's last checkpoint",
		Long: `Ask each validator of the subnet SPEC describes, on its api address, for its
chain status (GET /status: height, round, peers) and its subnet status (GET
/depin/status: epoch, devices, app hash); then the validator set of the open
epoch, its stake and quorum, and the changes under way (GET
/depin/validators, see "subnet change"); and, when deployment.json is next to
the spec, the parent chain for the subnet's last posted checkpoint. A validator
that does not answer is shown with the error, or as "left" when it is no
member of the set.

EPOCH is the subnet's (reward) epoch; SET the consensus epoch, which counts
the validator-set changes: 0 until the first change takes effect.`,
		Example: `  depinkit subnet status telecom/subnet.toml
  depinkit subnet status telecom/subnet.toml --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 10*time.Second)
			defer cancel()
			st := subnetStatus{Subnet: spec.Name, Genesis: spec.GenesisHash().Hex()}
			hc := &http.Client{Timeout: 3 * time.Second}
			remote, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec, HTTPClient: hc})
			if err != nil {
				return err
			}
			epoch := uint64(0)
			for i, v := range spec.Validators {
				vs := validatorStatus{Name: v.Name, API: v.API}
				s, err := validator.NewClient(v.API, hc).Status(ctx)
				if err != nil {
					vs.Error = err.Error()
				} else {
					vs.Chain = &s
					if ds, err := remote.Status(ctx, i); err != nil {
						vs.Error = err.Error()
					} else {
						vs.Subnet = &ds
						epoch = max(epoch, ds.Epoch)
					}
					if st.Set == nil {
						if sv, err := remote.Set(ctx, i); err == nil {
							st.Set, st.SetFrom = &sv, v.Name
						}
					}
				}
				st.Validators = append(st.Validators, vs)
			}
			if p := filepath.Join(spec.Dir, subnet.DeploymentFile); fileExists(p) {
				st.Parent = parentOf(ctx, p, epoch)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), st)
			}
			return printSubnetStatus(cmd.OutOrStdout(), st)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// parentOf reads the subnet's latest checkpoint below epoch from the parent
// chain of the deployment file at path.
func parentOf(ctx context.Context, path string, epoch uint64) *parentStatus {
	d, err := subnet.LoadDeployment(path)
	if err != nil {
		return &parentStatus{Error: err.Error()}
	}
	ps := &parentStatus{RPC: d.RPC, SubnetID: d.SubnetID().String()}
	s, err := dialParent(ctx, d)
	if err != nil {
		ps.Error = err.Error()
		return ps
	}
	defer s.Close()
	for e := epoch + 1; e > 0; e-- {
		cp, at, err := s.CheckpointAt(ctx, d.SubnetID(), e-1)
		if errors.Is(err, evm.ErrUnknownCheckpoint) {
			continue
		}
		if err != nil {
			ps.Error = err.Error()
			return ps
		}
		if at != 0 {
			ps.Checkpoint = &checkpointStatus{cp.Epoch, cp.Height, fmt.Sprintf("0x%x", cp.StateRoot), at}
			break
		}
	}
	return ps
}

func printSubnetStatus(w io.Writer, st subnetStatus) error {
	fmt.Fprintf(w, "subnet %s, genesis %s\n", st.Subnet, st.Genesis)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VALIDATOR\tAPI\tHEIGHT\tROUND\tPEERS\tEPOCH\tDEVICES\tAPP HASH\tSET")
	for _, v := range st.Validators {
		if v.Chain == nil || v.Subnet == nil {
			if st.Set != nil && !slices.ContainsFunc(st.Set.Validators, func(m depin.MemberView) bool { return m.Name == v.Name }) {
				fmt.Fprintf(tw, "%s\t%s\tnot in the validator set (left)\n", v.Name, v.API)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\tdown: %s\n", v.Name, v.API, v.Error)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.18s\t%d\n", v.Name, v.API, v.Chain.Height, v.Chain.Round, v.Chain.Peers,
			v.Subnet.Epoch, v.Subnet.Devices, v.Subnet.AppHash, v.Chain.Epoch)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if st.Set != nil {
		if err := printSet(w, st.SetFrom, *st.Set); err != nil {
			return err
		}
	}
	if p := st.Parent; p != nil {
		switch {
		case p.Error != "":
			fmt.Fprintf(w, "parent %s: %s\n", p.RPC, p.Error)
		case p.Checkpoint == nil:
			fmt.Fprintf(w, "parent %s, subnet %s: no checkpoint yet\n", p.RPC, p.SubnetID)
		default:
			fmt.Fprintf(w, "parent %s, subnet %s: checkpoint of epoch %d at height %d, state root %s (block %d)\n",
				p.RPC, p.SubnetID, p.Checkpoint.Epoch, p.Checkpoint.Height, p.Checkpoint.StateRoot, p.Checkpoint.PostedAt)
		}
	}
	return nil
}

// specDeployment loads the deployment at path, or, with no path, the one
// next to the spec (subnet.DeploymentFile) if there is one; nil if neither.
func specDeployment(spec *subnet.Spec, path string) (*subnet.Deployment, error) {
	if path == "" {
		if p := filepath.Join(spec.Dir, subnet.DeploymentFile); fileExists(p) {
			path = p
		}
	}
	if path == "" {
		return nil, nil
	}
	d, err := subnet.LoadDeployment(path)
	if err != nil {
		return nil, err
	}
	return &d, nil
}
