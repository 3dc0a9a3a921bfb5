package main

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/audit"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

func newAuditCmd() *cobra.Command {
	var (
		which, dataDir, api, deployment string
		noParent                        bool
	)
	cmd := &cobra.Command{
		Use:   "audit SPEC",
		Short: "Re-execute a subnet's history and check every epoch against the parent chain",
		Long: `Re-execute the committed history of the subnet SPEC describes with its
vertical (from this build's registry, with the spec's curve, pool weights,
section and proof keys), recompute every epoch's payouts, reward root and
state root, and check them against the roots and checkpoints posted on the
parent chain. Anyone can run it: it needs the spec, a validator's history and
the parent chain, no validator key.

The history is a validator's data directory (--data, default that of
--validator; stop the validator first, or audit a copy: a running validator
holds its store's lock) or a running validator's API (--api, GET /commits).
The parent chain is the deployment next to the spec (deployment.json, or
--deployment); --no-parent recomputes and lists the epochs without checking.

It prints a line per closed epoch and exits 1 at the first epoch whose
recomputed roots differ from the posted ones, naming the epoch and the commits
it spans. A history that no longer starts at commit 1 (pruned:
storage.retain_commits) cannot be audited from it.`,
		Example: `  depinkit audit telecom/subnet.toml --validator v0
  depinkit audit telecom/subnet.toml --api 127.0.0.1:26660`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			i, err := validatorIndex(spec, which)
			if err != nil {
				return err
			}
			var d *subnet.Deployment
			if !noParent {
				if d, err = specDeployment(spec, deployment); err != nil {
					return err
				}
				if d == nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "no %s next to the spec: the epochs are recomputed, not checked (--deployment names one)\n", subnet.DeploymentFile)
				}
			}
			cfg, err := depin.ConfigFromSpec(spec, d)
			if err != nil {
				return err
			}
			vcfg, err := depin.ValidatorConfig(spec, i, "data")
			if err != nil {
				return err
			}
			if si := vcfg.Consensus.StateInterval; si > 0 {
				cfg.StatePoints = uint64(si) // as depin.RunValidator runs it
			}
			verifier, err := depin.VerifierFromSpec(spec)
			if err != nil {
				return err
			}
			cfg.Verifier = verifier
			vert, err := depin.VerticalFromSpec(spec, verifier)
			if err != nil {
				return err
			}
			ac := audit.Config{Subnet: cfg, Vertical: vert, Progress: cmd.OutOrStdout()}
			switch {
			case api != "":
				ac.Source = audit.API{Client: validator.NewClient(api, nil)}
			default:
				dir := dataDir
				if dir == "" {
					dir = vcfg.Path(vcfg.DataDir)
				}
				st, err := audit.OpenStore(dir)
				if err != nil {
					return err
				}
				defer st.Close()
				ac.Source = st
			}
			if d != nil {
				s, err := dialParent(ctx, *d)
				if err != nil {
					return err
				}
				defer s.Close()
				ac.Posted, ac.SubnetID = s, d.SubnetID()
			}
			rep, err := audit.Run(ctx, ac)
			if err != nil {
				return err
			}
			if rep.Divergence != nil {
				return fmt.Errorf("the first bad epoch: %w", rep.Divergence)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d commits replayed, %d epochs closed, %d checked against the parent chain: all match\n",
				rep.Commits, len(rep.Epochs), rep.Checked)
			return nil
		},
	}
	cmd.Flags().StringVar(&which, "validator", "0", "the validator whose data directory to read, by name or position")
	cmd.Flags().StringVar(&dataDir, "data", "", "a data directory to read (default: the validator's)")
	cmd.Flags().StringVar(&api, "api", "", "read the history from this validator API address (host:port) instead")
	cmd.Flags().StringVar(&deployment, "deployment", "", "the deployment file (default: deployment.json next to the spec)")
	cmd.Flags().BoolVar(&noParent, "no-parent", false, "recompute and list the epochs without checking them against the parent chain")
	return cmd
}

// dialParent connects to a deployment's parent chain to read it (from a
// throwaway account: nothing is sent), with the deployment's contracts.
func dialParent(ctx context.Context, d subnet.Deployment) (*evm.Settler, error) {
	reader, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	if err != nil {
		return nil, err
	}
	s, err := evm.Dial(ctx, d.RPC, reader)
	if err != nil {
		return nil, fmt.Errorf("parent chain %s: %w", d.RPC, err)
	}
	return s.WithAddresses(d.Contracts), nil
}
