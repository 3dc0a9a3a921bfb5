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
		Short: "Device keys, DIDs and signed device reports for DePIN networks",
		Long: `depinkit makes device keys, shows their DIDs, and seals and opens device
reports (envelopes), using the depinkit device package.

Keys come in four types: ed25519, secp256k1, p256 and eddsa-bn254. A key file is
JSON that holds the private key: keep it secret (depinkit writes it with mode 0600).

An envelope is a COSE_Sign1 message: a device's signed report with a content type,
a sequence number, a time and a CBOR payload.

On error depinkit prints one line starting with "depinkit: " on stderr, nothing on
stdout, and exits with status 1.`,
		Example: `  depinkit keys new --type p256 --out device.key
  echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
  depinkit envelope open --type p256 --public 02ab... --in report.cose`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newKeysCmd(), newEnvelopeCmd(), newRewardCmd(), newProofCmd(), newBenchCmd(), newSettleCmd(), newNodeCmd(), newTestnetCmd(), newSubnetCmd())
	return root
}

// groupCmd makes a command that only holds subcommands: run alone it prints its
// help, and an unknown subcommand is an error (cobra ignores it otherwise).
func groupCmd(c *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	c.Args = cobra.NoArgs
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	c.AddCommand(subs...)
	return c
}
