package main

import (
	"fmt"
	"math/big"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/reward"
)

func newRewardCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "reward",
		Short: "Print emission curves; build the Merkle tree of reward claims",
		Long:  `Print emission curves, and build the Merkle tree of reward claims that an EVM contract verifies.`,
		Example: `  depinkit reward curve --kind halving --initial 1000 --period 4 --epochs 12
  depinkit reward tree --in claims.json`,
	}, newRewardCurveCmd(), newRewardTreeCmd())
}

func newRewardCurveCmd() *cobra.Command {
	var (
		kind                  string
		initial, step, floor  string
		supplyCap, factor     string
		period, epochs, start uint64
	)
	cmd := &cobra.Command{
		Use:   "curve --kind KIND --initial N",
		Short: "Print an emission curve, one epoch per line",
		Long: `Print an emission curve, one line per epoch: the epoch, its emission and the
cumulative emission, in integer base units.

Kinds and their parameters:
  constant      --initial
  linear        --initial, --step (decrease per epoch), --floor (default 0)
  exponential   --initial, --factor (a rational such as 85/100, per period), --period
  halving       --initial, --period (epochs per halving), --cap (optional supply cap)`,
		Example: `  depinkit reward curve --kind halving --initial 1000 --period 4 --epochs 12
  depinkit reward curve --kind exponential --initial 1000000 --factor 85/100 --period 52 --epochs 156
  depinkit reward curve --kind linear --initial 100 --step 30 --floor 5 --epochs 6`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			num := func(flag, s string) (*big.Int, error) {
				v, ok := new(big.Int).SetString(s, 10)
				if !ok {
					return nil, fmt.Errorf("--%s %q: want an integer", flag, s)
				}
				return v, nil
			}
			init, err := num("initial", initial)
			if err != nil {
				return err
			}
			var c reward.Curve
			switch kind {
			case "constant":
				c, err = reward.NewConstant(init)
			case "linear":
				var st, fl *big.Int
				if st, err = num("step", step); err != nil {
					return err
				}
				if fl, err = num("floor", floor); err != nil {
					return err
				}
				c, err = reward.NewLinearDecay(init, st, fl)
			case "exponential":
				var f *big.Rat
				if f, err = reward.ParseRat(factor); err != nil {
					return fmt.Errorf("--factor: %w", err)
				}
				c, err = reward.NewExponentialDecay(init, f, period)
			case "halving":
				var capAmount *big.Int
				if supplyCap != "" {
					if capAmount, err = num("cap", supplyCap); err != nil {
						return err
					}
				}
				c, err = reward.NewHalving(init, period, capAmount)
			default:
				return fmt.Errorf("--kind %q: want constant, linear, exponential or halving", kind)
			}
			if err != nil {
				return err
			}
			if epochs > 1_000_000 {
				return fmt.Errorf("--epochs %d: at most 1000000", epochs)
			}
			out := cmd.OutOrStdout()
			cum := new(big.Int)
			if start > 0 {
				cum = c.Cumulative(start - 1)
			}
			for n := start; n < start+epochs; n++ {
				e := c.Emission(n)
				cum.Add(cum, e)
				if _, err := fmt.Fprintf(out, "%d %s %s\n", n, e, cum); err != nil {
					return err
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "curve kind: constant, linear, exponential or halving (required)")
	f.StringVar(&initial, "initial", "", "emission of epoch 0, in base units (required)")
	f.StringVar(&step, "step", "0", "linear: decrease per epoch")
	f.StringVar(&floor, "floor", "0", "linear: the least emission")
	f.StringVar(&factor, "factor", "1", "exponential: factor per period, e.g. 85/100")
	f.StringVar(&supplyCap, "cap", "", "halving: supply cap")
	f.Uint64Var(&period, "period", 1, "exponential, halving: epochs per step")
	f.Uint64Var(&epochs, "epochs", 10, "number of epochs to print")
	f.Uint64Var(&start, "start", 0, "first epoch to print")
	_ = cmd.MarkFlagRequired("kind")
	_ = cmd.MarkFlagRequired("initial")
	return cmd
}

func newRewardTreeCmd() *cobra.Command {
	var in string
	cmd := &cobra.Command{
		Use:   "tree --in FILE",
		Short: "Build the Merkle tree of reward claims",
		Long: `Read claims as JSON, [["0xaddress","amount"],...] with amounts as decimal
strings, and print the Merkle root and every claim's proof:

  {"root": "0x...", "proofs": {"<lowercase address>:<amount>": ["0x...", ...]}}

The tree is OpenZeppelin's StandardMerkleTree for ["address","uint256"]: the root
and proofs verify with MerkleProof.verify in Solidity. An address may appear once.`,
		Example: `  depinkit reward tree --in claims.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			data, src, err := readInput(cmd.InOrStdin(), in, 64<<20)
			if err != nil {
				return fmt.Errorf("claims %s: %w", src, err)
			}
			claims, err := reward.ParseClaimsJSON(data)
			if err != nil {
				return fmt.Errorf("claims %s: %w", src, err)
			}
			tree, err := reward.NewMerkleTree(claims)
			if err != nil {
				return err
			}
			out, err := tree.ProofsJSON()
			if err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(append(out, '\n'))
			return err
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "read the claims from `FILE` (default stdin)")
	return cmd
}
