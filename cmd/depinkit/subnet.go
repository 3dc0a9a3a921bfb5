package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/subnet"
)

func newSubnetCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "subnet",
		Short: "Create, check, launch and watch subnets of validators",
		Long: `A subnet is a network of validators serving one vertical (telecom, energy...),
described by one TOML file, its spec: name, chain id, vertical, validators
(consensus key, settlement address, stake, addresses), epochs, reward curve,
proof policy, approved makers and the parent chain it settles on. See the
subnet package documentation for every field.

"subnet init" writes a ready local subnet: the spec and each validator's keys.
"subnet validate" checks a spec and prints its genesis hash.
"subnet up" launches its validators on this machine (and the embedded parent
chain), "subnet node" runs one of them, "subnet status" shows them running.
"subnet change" rotates a validator out (or changes a stake) by the
validators' approvals, in a subnet whose spec has validator_changes = true.`,
		Example: `  depinkit subnet init --vertical telecom --validators 4 --out telecom
  depinkit subnet validate telecom/subnet.toml
  depinkit subnet up telecom/subnet.toml &
  depinkit subnet status telecom/subnet.toml
  depinkit subnet change telecom/subnet.toml --leave v3 --approve-as all --wait`,
	}, newSubnetInitCmd(), newSubnetValidateCmd(), newSubnetUpCmd(), newSubnetNodeCmd(), newSubnetStatusCmd(), newSubnetChangeCmd())
}

func newSubnetInitCmd() *cobra.Command {
	var (
		opts      subnet.InitOptions
		out       string
		changes   bool
		epochLen  uint64
		epochTime string
	)
	cmd := &cobra.Command{
		Use:   "init --vertical NAME --out DIR",
		Short: "Write a new local subnet: spec and validator keys",
		Long: `Write a ready subnet into DIR: for each validator I a directory DIR/vI with a new
ed25519 consensus key (validator.key, also its libp2p identity) and a new
secp256k1 settlement key (settlement.key), both key files of mode 0600, and
DIR/subnet.toml, the spec naming them.

The spec puts the validators on 127.0.0.1: with --base-port P, validator I
listens for peers on P+2I and serves its API on P+2I+1; without it, on ports
free when init runs. It uses a halving reward curve, epochs of 1000 commits or
an hour, signature-only proofs for each --claim-type, and the embedded parent
chain. Edit it as needed, then check it with "depinkit subnet validate".

--proof-keys DIR writes proof_keys = DIR: every validator loads the verifying
keys of the proof key store DIR (relative to the spec) to check
zero-knowledge proofs; write them there with "depinkit proof setup --keys"
or a ceremony ("proof ceremony finalize --keys").

The vertical's own settings go in the spec's [verticals.NAME] section and the
weights of its pools in [reward.pools]; "subnet up" runs any vertical this
build registers (telecom, and meter, the small vertical of docs/verticals.md).

--validator-changes writes validator_changes = true: the validators may then
rotate a member out, or change a stake, by their approvals ("depinkit subnet
change"). It is part of the genesis, so it is chosen here, once. --epoch-length
and --epoch-duration set the epoch rule (changes take effect at epoch ends).

A DIR that holds files is refused unless --force is given; then the spec and
the key files init writes are replaced.

Prints the subnet's genesis hash and, per validator, its directory,
addresses and settlement address.`,
		Example: `  depinkit subnet init --vertical telecom --validators 4 --out telecom
  depinkit subnet init --vertical energy --name energy-eu --chain-id 7001 --base-port 27000 --out energy
  depinkit subnet init --vertical telecom --claim-type telecom/coverage/v1 --claim-type telecom/usage/v1 --out telecom --force
  depinkit subnet init --vertical telecom --validators 4 --validator-changes --epoch-duration 1m --out telecom
  depinkit subnet init --vertical telecom --proof-keys keys --out telecom && depinkit proof setup --statement coverage --keys telecom/keys`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("--out is required")
			}
			if opts.Vertical == "" {
				return errors.New("--vertical is required")
			}
			if opts.Validators < 1 {
				return fmt.Errorf("--validators %d: at least 1", opts.Validators)
			}
			f := cmd.Flags()
			if f.Changed("epoch-duration") {
				if d, err := time.ParseDuration(epochTime); err != nil || d <= 0 {
					return fmt.Errorf("--epoch-duration %q: not a positive Go duration such as 10m", epochTime)
				}
			}
			spec, err := subnet.Init(out, opts)
			if err == nil && (changes || f.Changed("epoch-length") || f.Changed("epoch-duration")) {
				spec.ValidatorChanges = changes
				if f.Changed("epoch-length") || f.Changed("epoch-duration") {
					spec.Epoch = subnet.Epoch{Length: epochLen, Duration: epochTime}
				}
				if err = spec.Validate(); err == nil {
					err = spec.Save(filepath.Join(out, subnet.SpecFile))
				}
			}
			if err != nil {
				if errors.Is(err, subnet.ErrNotEmpty) {
					return fmt.Errorf("%s is not empty: choose another --out, or pass --force", out)
				}
				if fes := subnet.FieldErrors(err); len(fes) > 0 {
					return fieldErrorsLine("", fes)
				}
				return err
			}
			return printInit(cmd.OutOrStdout(), out, spec)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Vertical, "vertical", "", "the subnet's vertical, a lowercase `NAME`; this build runs "+strings.Join(vertical.Registered(), ", ")+" (required)")
	f.IntVar(&opts.Validators, "validators", subnet.DefaultValidators, "the number of validators `N`")
	f.StringVar(&out, "out", "", "the `DIR` to write the subnet into (required)")
	f.StringVar(&opts.Name, "name", "", "the subnet's `NAME` (default: the vertical)")
	f.Uint64Var(&opts.ChainID, "chain-id", subnet.DefaultChainID, "the subnet chain's `ID`")
	f.Uint64Var(&opts.Stake, "stake", subnet.DefaultStake, "each validator's stake `S`")
	f.IntVar(&opts.BasePort, "base-port", 0, "number the ports from `P` (default: free ports)")
	f.StringArrayVar(&opts.ClaimTypes, "claim-type", nil, "a claim `TYPE` of the vertical, proved by signature (repeatable)")
	f.StringVar(&opts.ProofKeys, "proof-keys", "", "the proof key store `DIR`, relative to --out, whose verifying keys the validators load (proof_keys)")
	f.BoolVar(&opts.Force, "force", false, "write into a DIR that is not empty")
	f.BoolVar(&changes, "validator-changes", false, "let the validators change the set by approvals (validator_changes = true)")
	f.Uint64Var(&epochLen, "epoch-length", 0, "end an epoch after `N` commits (0: by duration only)")
	f.StringVar(&epochTime, "epoch-duration", "", "end an epoch after `D` of commit time, such as 10m")
	return cmd
}

// printInit describes the subnet init wrote.
func printInit(w io.Writer, out string, spec *subnet.Spec) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "subnet\t%s\n", spec.Name)
	fmt.Fprintf(tw, "spec\t%s\n", filepath.Join(out, subnet.SpecFile))
	fmt.Fprintf(tw, "genesis\t%s\n", spec.GenesisHash().Hex())
	fmt.Fprintf(tw, "chain id\t%d\n", spec.ChainID)
	fmt.Fprintf(tw, "vertical\t%s\n", spec.Vertical)
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "validator\tdir\tp2p\tapi\tsettlement\tstake")
	for _, v := range spec.Validators {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", v.Name, filepath.Join(out, v.Dir), v.P2P, v.API, v.SettlementAddress, v.Stake)
	}
	return tw.Flush()
}

func newSubnetValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate SPEC",
		Short: "Check a subnet spec and print its genesis hash",
		Long: `Check the subnet spec SPEC (a TOML file, or a directory holding subnet.toml)
and print, when it is valid,

  ok <name> genesis 0x<genesis hash>

The genesis hash is what every validator must agree on and what the parent
chain registers; it does not depend on the order of validators in the file,
nor on their network addresses.

Besides the spec itself, the key files of every validator directory that
exists are checked against the keys the spec lists (directories of validators
run elsewhere may be absent).

When this build runs the spec's vertical (it registers telecom), the
vertical's factory checks its settings ([verticals.NAME], unknown keys
refused) and pool weights ([reward.pools]), and the verifying keys of
proof_keys are loaded and checked against the proof policy, as "subnet up"
would do.

Otherwise it fails and names every problem with its field, such as
"validators[2].stake: 0: at least 1", on one line, separated by "; ".`,
		Example: `  depinkit subnet validate telecom/subnet.toml
  depinkit subnet validate telecom`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			var problems []*subnet.FieldError
			if err := spec.Validate(); err != nil {
				problems = subnet.FieldErrors(err)
				if len(problems) == 0 {
					return err
				}
			}
			if len(problems) == 0 {
				problems = checkVertical(spec)
			}
			problems = append(problems, checkKeyDirs(spec)...)
			if len(problems) > 0 {
				return fieldErrorsLine(args[0], problems)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "ok %s genesis %s\n", spec.Name, spec.GenesisHash().Hex())
			return err
		},
	}
}

// checkVertical builds the spec's vertical and proof verifier as subnet up
// would, if this build registers the vertical (a spec of a vertical run by
// another build is not wrong), and returns their problems.
func checkVertical(spec *subnet.Spec) []*subnet.FieldError {
	if !slices.Contains(vertical.Registered(), spec.Vertical) {
		return nil
	}
	verifier, err := depin.VerifierFromSpec(spec)
	if err != nil {
		return []*subnet.FieldError{{Path: "proof_keys", Msg: err.Error()}}
	}
	if _, err := depin.VerticalFromSpec(spec, verifier); err != nil {
		if fes := subnet.FieldErrors(err); len(fes) > 0 {
			return fes // the section's keys
		}
		return []*subnet.FieldError{{Path: "vertical", Msg: err.Error()}}
	}
	return nil
}

// readSpec parses the spec at path (a file, or a directory with
// subnet.SpecFile) without validating it, and sets its Dir.
func readSpec(path string) (*subnet.Spec, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, subnet.SpecFile)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, subnet.MaxSpecSize+1))
	if err != nil {
		return nil, err
	}
	spec, err := subnet.Parse(data)
	if err != nil {
		if fes := subnet.FieldErrors(err); len(fes) > 0 {
			return nil, fieldErrorsLine(path, fes)
		}
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	spec.Dir = filepath.Dir(abs)
	return spec, nil
}

// checkKeyDirs checks the key files of the validator directories that exist.
func checkKeyDirs(spec *subnet.Spec) []*subnet.FieldError {
	var out []*subnet.FieldError
	for i := range spec.Validators {
		dir := spec.ValidatorDir(i)
		if dir == "" {
			continue
		}
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		if _, err := spec.LoadKeys(i); err != nil {
			msg := strings.TrimPrefix(err.Error(), subnet.ErrKey.Error()+": ")
			out = append(out, &subnet.FieldError{Path: fmt.Sprintf("validators[%d].dir", i), Msg: msg})
		}
	}
	return out
}

// fieldErrorsLine makes one error of a spec's problems: "SPEC: N problems:
// path: msg; path: msg".
func fieldErrorsLine(spec string, fes []*subnet.FieldError) error {
	parts := make([]string, len(fes))
	for i, fe := range fes {
		parts[i] = fe.Path + ": " + fe.Msg
	}
	what := "1 problem"
	if len(fes) != 1 {
		what = fmt.Sprintf("%d problems", len(fes))
	}
	if spec != "" {
		what = spec + ": " + what
	}
	return fmt.Errorf("%s: %s", what, strings.Join(parts, "; "))
}
