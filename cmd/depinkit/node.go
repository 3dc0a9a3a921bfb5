package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain/validator"
)

func newNodeCmd() *cobra.Command {
	var home string
	cmd := &cobra.Command{
		Use:   "node --home DIR",
		Short: "Run one validator: consensus over libp2p, store, JSON API, metrics",
		Long: `Run one validator of a depinkit network until SIGTERM or SIGINT: its consensus
over libp2p (TCP, Noise), its store in the data directory, a JSON API and
Prometheus metrics on loopback addresses.

DIR holds config.toml (see the chain/validator package documentation), the
ed25519 key file it names (key_file, "depinkit keys new --type ed25519") and
the data directory (data_dir). "depinkit testnet init" writes such directories
for a local network.

The API, on api.listen:
  POST /txs                 {"txs": ["key=value", ...]} -> {"accepted": N, "rejected": [...]}
  GET  /commits?from=N&limit=M
  GET  /status              height, round, epoch, peers, app hash...
  GET  /metrics             Prometheus (or on api.metrics_listen)

Logs go to stderr (log.level, log.format in config.toml). On SIGTERM or SIGINT
the node stops cleanly, saves its state and exits with status 0. A kill -9
loses nothing committed: the restarted node recovers from its store.`,
		Example: `  depinkit testnet init --validators 4 --out testnet
  depinkit node --home testnet/v0 &
  curl -s 127.0.0.1:$(sed -n "s/^listen = '127.0.0.1:\([0-9]*\)'/\1/p" testnet/v0/config.toml)/status`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if home == "" {
				return errors.New("--home is required")
			}
			cfg, err := validator.LoadConfig(home)
			if err != nil {
				return err
			}
			logger, err := validator.NewLogger(cmd.ErrOrStderr(), cfg.Log)
			if err != nil {
				return err
			}
			node, err := validator.New(cfg, validator.WithLogger(logger), validator.WithTransport(validator.P2PTransport))
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGTERM, syscall.SIGINT)
			defer stop()
			return node.Run(ctx)
		},
	}
	cmd.Flags().StringVar(&home, "home", "", "the validator's home `DIR` (config.toml, key, data) (required)")
	return cmd
}

func newTestnetCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "testnet",
		Short: "Write the home directories of a local validator network",
		Long: `Set up a network of validators on this machine, on 127.0.0.1 ports, to run with
"depinkit node".`,
		Example: `  depinkit testnet init --validators 4 --out testnet`,
	}, newTestnetInitCmd())
}

func newTestnetInitCmd() *cobra.Command {
	var (
		out        string
		validators int
		basePort   int
		chainID    string
	)
	cmd := &cobra.Command{
		Use:   "init --out DIR",
		Short: "Write the home directories of a local testnet",
		Long: `Write a ready local network into DIR: for each validator I a home directory
DIR/vI with config.toml, a new ed25519 key file validator.key (mode 0600) and an
empty data directory. Every config.toml holds the same genesis (the validators'
public keys, stake 1 each) and lists the other validators as peers. DIR/testnet.json
describes the network, and is printed: chain_id, genesis (its digest) and per
validator name, home, public_key, peer_id, p2p (the multiaddr peers dial) and api
(the host:port of its JSON API and /metrics).

Ports are on 127.0.0.1: with --base-port P, validator I listens for peers on
P+2I and serves its API on P+2I+1; without it, on ports free when init runs.
Existing home directories are never overwritten.`,
		Example: `  depinkit testnet init --validators 4 --out testnet
  depinkit testnet init --validators 7 --base-port 26600 --chain-id my-net --out /tmp/net
  for i in 0 1 2 3; do depinkit node --home testnet/v$i 2> testnet/v$i.log & done`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("--out is required")
			}
			if validators < 1 {
				return fmt.Errorf("--validators %d: at least 1", validators)
			}
			tn, err := validator.WriteTestnet(out, validator.TestnetOptions{
				Validators: validators, ChainID: chainID, BasePort: basePort,
			})
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%w: choose another --out, or remove it", err)
			}
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), tn)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the `DIR` to write the validators' homes into (required)")
	cmd.Flags().IntVar(&validators, "validators", validator.DefaultTestnetValidators, "the number of validators `N`")
	cmd.Flags().IntVar(&basePort, "base-port", 0, "number the ports from `P` (default: free ports)")
	cmd.Flags().StringVar(&chainID, "chain-id", validator.DefaultTestnetChainID, "the network's `ID`")
	return cmd
}
