package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/consensys/gnark/constraint"
	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/ceremony"
)

func newCeremonyCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "ceremony",
		Short: "Run a multi-party trusted setup for a statement's Groth16 keys",
		Long: `Run a multi-party trusted setup (gnark's mpcsetup) for the Groth16 keys of a
statement, in a ceremony directory passed from contributor to contributor:

  init          the coordinator starts the ceremony for a statement
  contribute    each contributor adds randomness (phase 1, then phase 2)
  phase2        the coordinator closes phase 1 with a public beacon
  verify        anyone re-checks every contribution and prints the transcript
  finalize      the coordinator seals phase 2 with a second beacon and saves
                the keys in a key store

The keys are sound if, in each phase, one contributor was honest and its
randomness is gone. Beacons are public values announced in advance (a drand
round, a block hash) and given in hex. Steps print JSON on stdout and their
progress on stderr; the slow ones take tens of seconds for coverage.`,
		Example: `  depinkit proof ceremony init --statement coverage --dir ceremony/
  depinkit proof ceremony contribute --statement coverage --dir ceremony/ --name alice
  depinkit proof ceremony phase2 --statement coverage --dir ceremony/ --beacon 5eed...
  depinkit proof ceremony contribute --statement coverage --dir ceremony/ --name bob
  depinkit proof ceremony verify --statement coverage --dir ceremony/
  depinkit proof ceremony finalize --statement coverage --dir ceremony/ --beacon 0b5e... --keys keys/`,
	}, newCeremonyInitCmd(), newCeremonyContributeCmd(), newCeremonyPhase2Cmd(), newCeremonyVerifyCmd(), newCeremonyFinalizeCmd())
}

// ceremonyFlags are the flags every ceremony step takes.
type ceremonyFlags struct {
	statement string
	dir       string
}

func (f *ceremonyFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.statement, "statement", "", statementHelp)
	cmd.Flags().StringVar(&f.dir, "dir", "", "the ceremony `DIR`")
}

// circuit returns the statement and its Groth16 constraint system.
func (f *ceremonyFlags) circuit(cmd *cobra.Command) (proof.Statement, constraint.ConstraintSystem, error) {
	if f.statement == "" || f.dir == "" {
		return proof.Statement{}, nil, errors.New("--statement and --dir are required")
	}
	if err := registerStatements(); err != nil {
		return proof.Statement{}, nil, err
	}
	st, err := proof.ParseStatement(f.statement)
	if err != nil {
		return proof.Statement{}, nil, fmt.Errorf("--statement: %w", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "compiling %s...\n", st)
	ccs, _, err := proof.ConstraintSystem(st, proof.Groth16)
	return st, ccs, err
}

// step runs one slow step with progress lines on stderr.
func step[T any](cmd *cobra.Command, what string, f func(ctx context.Context) (T, error)) (T, error) {
	start := time.Now()
	fmt.Fprintf(cmd.ErrOrStderr(), "%s...\n", what)
	v, err := f(cmd.Context())
	if err == nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: done in %v\n", what, time.Since(start).Round(time.Millisecond))
	}
	return v, err
}

func parseBeacon(s string) ([]byte, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("--beacon: want the public beacon value in hex, got %q", s)
	}
	return b, nil
}

type contributionJSON struct {
	Phase       int    `json:"phase"`
	Index       int    `json:"index"`
	Contributor string `json:"contributor"`
	Hash        string `json:"hash"`
}

func contributionOut(c ceremony.Contribution) contributionJSON {
	return contributionJSON{Phase: c.Phase, Index: c.Index, Contributor: c.Contributor, Hash: hex.EncodeToString(c.Hash[:])}
}

func transcriptOut(t *ceremony.Transcript) map[string]any {
	list := func(cs []ceremony.Contribution) []contributionJSON {
		out := []contributionJSON{}
		for _, c := range cs {
			out = append(out, contributionOut(c))
		}
		return out
	}
	return map[string]any{
		"circuit": t.Header.Circuit, "circuit_hash": hex.EncodeToString(t.Header.CircuitHash[:]),
		"constraints": t.Header.Constraints, "domain_size": t.Header.DomainSize, "phase": t.Phase,
		"phase1": list(t.Phase1), "phase2": list(t.Phase2),
		"beacon1": hex.EncodeToString(t.Beacon1), "beacon2": hex.EncodeToString(t.Beacon2),
		"digest": hex.EncodeToString(t.Digest[:]),
	}
}

func newCeremonyInitCmd() *cobra.Command {
	var cf ceremonyFlags
	cmd := &cobra.Command{
		Use:     "init --statement STATEMENT --dir DIR",
		Short:   "Start a ceremony for a statement",
		Long:    `Start a ceremony in DIR for the statement's Groth16 circuit: write its header (circuit name and hash, domain size) and the initial phase-1 state.`,
		Example: `  depinkit proof ceremony init --statement coverage --dir ceremony/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, ccs, err := cf.circuit(cmd)
			if err != nil {
				return err
			}
			h, err := ceremony.Init(cmd.Context(), cf.dir, ccs, st.String())
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), map[string]any{
				"circuit": h.Circuit, "circuit_hash": hex.EncodeToString(h.CircuitHash[:]),
				"constraints": h.Constraints, "domain_size": h.DomainSize,
			})
		},
	}
	cf.add(cmd)
	return cmd
}

func newCeremonyContributeCmd() *cobra.Command {
	var (
		cf   ceremonyFlags
		name string
	)
	cmd := &cobra.Command{
		Use:   "contribute --statement STATEMENT --dir DIR --name NAME",
		Short: "Add a contribution to the current phase",
		Long: `Add one contribution to the ceremony's current phase. The randomness comes from
this machine's secure source, is used in memory and never written: run it on a
machine you trust and keep the printed hash, which the final transcript must list.`,
		Example: `  depinkit proof ceremony contribute --statement coverage --dir ceremony/ --name alice`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if name == "" {
				return errors.New("--name is required")
			}
			_, ccs, err := cf.circuit(cmd)
			if err != nil {
				return err
			}
			c, err := step(cmd, "contributing", func(ctx context.Context) (ceremony.Contribution, error) {
				return ceremony.Contribute(ctx, cf.dir, ccs, name)
			})
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), contributionOut(c))
		},
	}
	cf.add(cmd)
	cmd.Flags().StringVar(&name, "name", "", "the contributor's `NAME` (a label, recorded in the transcript)")
	return cmd
}

func newCeremonyPhase2Cmd() *cobra.Command {
	var (
		cf     ceremonyFlags
		beacon string
	)
	cmd := &cobra.Command{
		Use:     "phase2 --statement STATEMENT --dir DIR --beacon HEX",
		Short:   "Close phase 1 with a public beacon and open phase 2",
		Long:    `Verify phase 1, seal it with the public beacon announced in advance, and write the initial phase-2 state. Prints the transcript.`,
		Example: `  depinkit proof ceremony phase2 --statement coverage --dir ceremony/ --beacon 5eed5eed`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := parseBeacon(beacon)
			if err != nil {
				return err
			}
			_, ccs, err := cf.circuit(cmd)
			if err != nil {
				return err
			}
			t, err := step(cmd, "closing phase 1", func(ctx context.Context) (*ceremony.Transcript, error) {
				return ceremony.ClosePhase1(ctx, cf.dir, ccs, b)
			})
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), transcriptOut(t))
		},
	}
	cf.add(cmd)
	cmd.Flags().StringVar(&beacon, "beacon", "", "the public beacon `HEX`")
	return cmd
}

func newCeremonyVerifyCmd() *cobra.Command {
	var cf ceremonyFlags
	cmd := &cobra.Command{
		Use:     "verify --statement STATEMENT --dir DIR",
		Short:   "Re-check every contribution and print the transcript",
		Long:    `Re-check the whole ceremony from its header on, and print the transcript: contributors and their hashes per phase, beacons and the digest of the whole. Exits 1 with one line if anything does not verify.`,
		Example: `  depinkit proof ceremony verify --statement coverage --dir ceremony/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, ccs, err := cf.circuit(cmd)
			if err != nil {
				return err
			}
			t, err := step(cmd, "verifying", func(ctx context.Context) (*ceremony.Transcript, error) {
				return ceremony.Verify(ctx, cf.dir, ccs)
			})
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), transcriptOut(t))
		},
	}
	cf.add(cmd)
	return cmd
}

func newCeremonyFinalizeCmd() *cobra.Command {
	var (
		cf     ceremonyFlags
		beacon string
		keys   string
	)
	cmd := &cobra.Command{
		Use:   "finalize --statement STATEMENT --dir DIR --beacon HEX --keys KEYDIR",
		Short: "Seal phase 2 with a public beacon and save the keys",
		Long: `Verify the whole ceremony, seal phase 2 with the second public beacon, and save
the proving and verifying keys in the key store KEYDIR, where "proof prove" and
"proof verify" find them. Anyone with the directory and the beacon gets the
same keys. Prints the transcript.`,
		Example: `  depinkit proof ceremony finalize --statement coverage --dir ceremony/ --beacon 0b5e0b5e --keys keys/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := parseBeacon(beacon)
			if err != nil {
				return err
			}
			if keys == "" {
				return errors.New("--keys is required")
			}
			st, ccs, err := cf.circuit(cmd)
			if err != nil {
				return err
			}
			type result struct {
				keys *proof.Keys
				t    *ceremony.Transcript
			}
			r, err := step(cmd, "finalizing", func(ctx context.Context) (result, error) {
				pk, vk, t, err := ceremony.Finalize(ctx, cf.dir, ccs, b)
				if err != nil {
					return result{}, err
				}
				k, err := proof.NewGroth16Keys(st, pk, vk, proof.CeremonyOrigin(t.Digest))
				return result{k, t}, err
			})
			if err != nil {
				return err
			}
			if err := proof.NewKeyStore(keys).Save(r.keys); err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), transcriptOut(r.t))
		},
	}
	cf.add(cmd)
	cmd.Flags().StringVar(&beacon, "beacon", "", "the public beacon `HEX`")
	cmd.Flags().StringVar(&keys, "keys", "", "the key store `KEYDIR` to save the keys in")
	return cmd
}
