package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status: 0, or 1 after
// printing the error as one line on stderr.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(stderr, "depinkit: "+oneLine(err.Error()))
		return 1
	}
	return 0
}

// oneLine folds a message onto a single line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", "; ", "\n", "; ", "\r", "; ").Replace(strings.TrimSpace(s))
}

// newRootCmd builds the depinkit command tree, reading from stdin and writing to
// stdout and stderr. It prints no errors itself: Execute returns them.
func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "depinkit",
		Short: "Build, run and settle DePIN networks: device keys and reports, proofs, rewards, subnets, validators",
		Long: `depinkit is the command-line tool of the depinkit SDK, a Go library for building
DePIN networks (decentralized physical infrastructure: coverage hotspots,
bandwidth nodes, energy meters, vehicles, GPU providers, health devices). It
follows a network from a device's key to the reward paid on an EVM chain: a
device signs its reports, validators check them, prove and score the claims,
order everything with a DAG BFT consensus, pay each epoch by a reward curve
and settle its Merkle root on chain.

The commands come in four groups, listed below: devices (keys, envelope),
proofs and rewards (proof, reward, audit), networks (subnet, testnet, node,
settle) and measurement (bench). Each command has its own help with examples:
depinkit help COMMAND. The SDK's packages are documented in the source
(go doc github.com/depinkit/depinkit).

On error depinkit prints one line starting with "depinkit: " on stderr, nothing on
stdout, and exits with status 1.`,
		Example: `  depinkit keys new --type p256 --out device.key
  echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
  depinkit proof setup --statement coverage --keys keys/
  depinkit reward curve --kind halving --initial 1000 --period 4 --epochs 12
  depinkit subnet init --vertical telecom --validators 4 --out telecom
  depinkit audit telecom/subnet.toml --validator v0
  depinkit testnet init --validators 4 --out testnet
  depinkit node --home testnet/v0
  depinkit settle demo
  depinkit bench consensus --mode sim --validators 4 --tx-size 512 --txs 1000000 --json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newKeysCmd(), newEnvelopeCmd(), newRewardCmd(), newProofCmd(), newBenchCmd(), newSettleCmd(), newNodeCmd(), newTestnetCmd(), newSubnetCmd(), newAuditCmd())
	for _, g := range commandGroups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, name := range g.commands {
			if c, _, err := root.Find([]string{name}); err == nil && c != root {
				c.GroupID = g.id
			}
		}
	}
	return root
}

// commandGroups sorts the top-level commands for depinkit --help, in the
// order a network's data flows; the root's Long text names them too.
var commandGroups = []struct {
	id, title string
	commands  []string
}{
	{"devices", "Devices:", []string{"keys", "envelope"}},
	{"proofs", "Proofs and rewards:", []string{"proof", "reward", "audit"}},
	{"networks", "Networks:", []string{"subnet", "testnet", "node", "settle"}},
	{"measurement", "Measurement:", []string{"bench"}},
}

// groupCmd makes a command that only holds subcommands: run alone it prints its
// help, and an unknown subcommand is an error (cobra ignores it otherwise).
func groupCmd(c *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	c.Args = cobra.NoArgs
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	c.AddCommand(subs...)
	return c
}
