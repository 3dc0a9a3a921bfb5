package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
	"github.com/depinkit/depinkit/proof/inrange"
	"github.com/depinkit/depinkit/proof/solidity"
)

// registerStatements registers the statements this binary knows besides
// package proof's own: proof/inrange, the model of a vertical's statement.
// The proof and ceremony commands call it before they parse a statement or
// a bundle; it registers once per process.
func registerStatements() error {
	if _, err := inrange.Register(); err != nil {
		return fmt.Errorf("register %s: %w", inrange.Name, err)
	}
	return nil
}

// statementHelp is the --statement flag's help.
const statementHelp = "the `STATEMENT`: coverage, usage-N, threshold-N or a registered statement (" + inrange.Name + ")"

func newProofCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "proof",
		Short: "Prove and verify coverage, usage and threshold claims",
		Long: `Prove and verify the statements of the depinkit proof package, on files.

Statements: coverage (a device within a radius of a point signed the epoch's
nonce), usage-N (N signed readings below a cap sum to a total) and threshold-N
(N signed readings sum to at least a minimum), N in 16, 64, 256 (or any power of
two up to 65536), and the statements verticals register (in-range: a committed
value lies in a public range; setup, verify, export-solidity and the ceremony
work for them, prove builds the built-ins' witnesses only). Backends: signature (the signed data itself, no keys),
groth16 and plonk (zero-knowledge, with keys from "proof setup" or a ceremony).

A proof file is a bundle: the public claim and its proof, canonical CBOR.`,
		Example: `  depinkit proof setup --statement coverage --keys keys/
  depinkit keys new --type eddsa-bn254 --out device.key
  depinkit proof prove --statement coverage --keys keys/ --key device.key --input claim.json --out coverage.proof
  depinkit proof verify --keys keys/ coverage.proof`,
	}, newProofSetupCmd(), newProofProveCmd(), newProofVerifyCmd(), newProofExportCmd(), newCeremonyCmd())
}

// statementFlags are --statement and --backend.
type statementFlags struct {
	statement string
	backend   string
}

func (f *statementFlags) add(cmd *cobra.Command, defBackend string) {
	cmd.Flags().StringVar(&f.statement, "statement", "", statementHelp)
	cmd.Flags().StringVar(&f.backend, "backend", defBackend, "the `BACKEND`: groth16, plonk (or signature for prove)")
}

func (f *statementFlags) parse() (proof.Statement, proof.Backend, error) {
	if f.statement == "" {
		return proof.Statement{}, 0, errors.New("--statement is required")
	}
	if err := registerStatements(); err != nil {
		return proof.Statement{}, 0, err
	}
	st, err := proof.ParseStatement(f.statement)
	if err != nil {
		return proof.Statement{}, 0, fmt.Errorf("--statement: %w", err)
	}
	b, err := proof.ParseBackend(f.backend)
	if err != nil {
		return proof.Statement{}, 0, fmt.Errorf("--backend: %w", err)
	}
	return st, b, nil
}

func newProofSetupCmd() *cobra.Command {
	var (
		sf   statementFlags
		keys string
	)
	cmd := &cobra.Command{
		Use:   "setup --statement STATEMENT --keys DIR",
		Short: "Make development keys (UNSAFE for production)",
		Long: `Make proving and verifying keys for a statement on this machine and save them in
the key store DIR ("<statement>.<backend>.pk" and ".vk").

These keys are for development and tests only: this process saw the setup's
toxic waste, and whoever holds it can forge proofs. Production keys come from a
multi-party ceremony (package proof/ceremony). Progress goes to stderr.`,
		Example: `  depinkit proof setup --statement coverage --keys keys/
  depinkit proof setup --statement usage-64 --backend plonk --keys keys/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, b, err := sf.parse()
			if err != nil {
				return err
			}
			if b == proof.Signature {
				return errors.New("--backend signature has no keys to set up")
			}
			if keys == "" {
				return errors.New("--keys is required")
			}
			start := time.Now()
			fmt.Fprintf(cmd.ErrOrStderr(), "setting up %s/%s (development keys, UNSAFE for production)...\n", st, b)
			k, err := proof.DevSetup(st, b)
			if err != nil {
				return err
			}
			store := proof.NewKeyStore(keys)
			if err := store.Save(k); err != nil {
				return err
			}
			cs := k.CSHash()
			fmt.Fprintf(cmd.ErrOrStderr(), "done in %v: %d constraints\n", time.Since(start).Round(time.Millisecond), k.Constraints())
			return writeJSON(cmd.OutOrStdout(), map[string]any{
				"statement": st.String(), "backend": b.String(), "constraints": k.Constraints(),
				"cs_hash": hex.EncodeToString(cs[:]), "origin": string(k.Origin),
				"proving_key": store.Path(st, b, "pk"), "verifying_key": store.Path(st, b, "vk"),
			})
		},
	}
	sf.add(cmd, "groth16")
	cmd.Flags().StringVar(&keys, "keys", "", "the key store `DIR`")
	return cmd
}

// proofInput is the JSON a user gives "proof prove": the claim's public values
// and the prover's private ones.
type proofInput struct {
	Point    *xy      `json:"point"`
	Radius   *uint32  `json:"radius"`
	Nonce    string   `json:"nonce"`
	Position *xy      `json:"position"`
	Cap      *uint64  `json:"cap"`
	Min      string   `json:"min"`
	Readings []uint64 `json:"readings"`
}

type xy struct {
	X int32 `json:"x"`
	Y int32 `json:"y"`
}

const maxProofInput = 4 << 20

// witness builds the witness of st from the input, signing with key as the
// device does.
func (in *proofInput) witness(st proof.Statement, key *device.PrivateKey) (proof.Witness, error) {
	switch st.Kind {
	case proof.Coverage:
		if in.Point == nil || in.Radius == nil || in.Position == nil || in.Nonce == "" {
			return nil, errors.New("input: coverage needs point, radius, nonce and position")
		}
		raw, err := hex.DecodeString(strings.TrimPrefix(in.Nonce, "0x"))
		if err != nil || len(raw) == 0 || len(raw) > 32 {
			return nil, fmt.Errorf("input: nonce: want 1 to 32 bytes of hex, got %q", in.Nonce)
		}
		nonce := proof.NonceFromBytes(raw)
		sig, err := proof.SignNonce(key, nonce)
		if err != nil {
			return nil, err
		}
		return &proof.CoverageWitness{
			CoverageClaim: proof.CoverageClaim{Point: circuit.Position{X: in.Point.X, Y: in.Point.Y}, Radius: *in.Radius, Nonce: nonce, Device: key.Public()},
			Position:      circuit.Position{X: in.Position.X, Y: in.Position.Y},
			Signature:     sig,
		}, nil
	case proof.Usage, proof.Threshold:
		if in.Cap == nil {
			return nil, fmt.Errorf("input: %s needs cap and readings", st)
		}
		if len(in.Readings) != st.N {
			return nil, fmt.Errorf("input: readings: %d values, %s takes %d", len(in.Readings), st, st.N)
		}
		sig, err := proof.SignReadings(key, in.Readings)
		if err != nil {
			return nil, err
		}
		if st.Kind == proof.Usage {
			return &proof.UsageWitness{Cap: *in.Cap, Readings: in.Readings, Device: key.Public(), Signature: sig}, nil
		}
		minSum, ok := new(big.Int).SetString(in.Min, 10)
		if !ok || minSum.Sign() < 0 {
			return nil, fmt.Errorf("input: min: want a non-negative decimal integer, got %q", in.Min)
		}
		return &proof.ThresholdWitness{Cap: *in.Cap, Min: minSum, Readings: in.Readings, Device: key.Public(), Signature: sig}, nil
	default:
		return nil, fmt.Errorf("input: %s is a statement its vertical registered: the CLI builds witnesses of coverage, usage-N and threshold-N only", st)
	}
}

func newProofProveCmd() *cobra.Command {
	var (
		sf                   statementFlags
		keys, keyFile, input string
		out                  string
	)
	cmd := &cobra.Command{
		Use:   "prove --statement STATEMENT --key KEYFILE --input JSON [--keys DIR] [--out FILE]",
		Short: "Prove a claim and write the proof bundle",
		Long: `Sign a claim's data with the device key (as the device does) and prove it, writing
the bundle (claim and proof, canonical CBOR) to FILE or stdout.

The input is JSON (a file, or - for stdin):

  coverage     {"point": {"x": 0, "y": 0}, "radius": 600, "nonce": "<hex>",
                "position": {"x": 300, "y": 400}}
  usage-N      {"cap": 10000, "readings": [N unsigned integers]}
  threshold-N  {"cap": 10000, "min": "5000", "readings": [N unsigned integers]}

Positions and the radius are fixed-point integers on a local plane (e.g.
millimetres). The nonce's bytes map to a field element (big-endian, reduced).
--backend signature needs no keys and takes any device key type; groth16 and
plonk need the key store DIR and an eddsa-bn254 device key. A claim that is not
true (outside the radius, a reading not below the cap, a sum below the minimum)
is refused: no proof exists.`,
		Example: `  depinkit proof prove --statement coverage --keys keys/ --key device.key --input claim.json --out coverage.proof
  depinkit proof prove --statement usage-16 --backend signature --key meter.key --input readings.json > usage.proof`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, b, err := sf.parse()
			if err != nil {
				return err
			}
			if keyFile == "" || input == "" {
				return errors.New("--key and --input are required")
			}
			key, err := device.LoadKeyFile(keyFile)
			if err != nil {
				return err
			}
			data, src, err := readInput(cmd.InOrStdin(), input, maxProofInput)
			if err != nil {
				return fmt.Errorf("input %s: %w", src, err)
			}
			var in proofInput
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				return fmt.Errorf("input %s: %w", src, err)
			}
			w, err := in.witness(st, key)
			if err != nil {
				return err
			}
			var bundle *proof.Bundle
			if b == proof.Signature {
				bundle, err = proof.Signed(w)
			} else {
				if keys == "" {
					return fmt.Errorf("--keys is required for %s", b)
				}
				var k *proof.Keys
				k, err = proof.NewKeyStore(keys).Load(st, b)
				if err != nil {
					return err
				}
				var p *proof.Prover
				if p, err = proof.NewProver(k); err != nil {
					return err
				}
				start := time.Now()
				bundle, err = p.Prove(context.Background(), w)
				if err == nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "proved %s/%s in %v: %d-byte proof\n", st, b, time.Since(start).Round(time.Millisecond), bundle.Proof.Size())
				}
			}
			if err != nil {
				return err
			}
			enc, err := bundle.MarshalBinary()
			if err != nil {
				return err
			}
			return writeOutput(cmd.OutOrStdout(), out, enc)
		},
	}
	sf.add(cmd, "groth16")
	cmd.Flags().StringVar(&keys, "keys", "", "the key store `DIR` (groth16 and plonk)")
	cmd.Flags().StringVar(&keyFile, "key", "", "the device key `FILE` that signs the claim's data")
	cmd.Flags().StringVar(&input, "input", "", "the claim and private values, JSON `FILE` (- for stdin)")
	cmd.Flags().StringVar(&out, "out", "", "write the bundle to `FILE` instead of stdout")
	return cmd
}

// bundleSummary is what "proof verify" prints for a valid bundle.
func bundleSummary(b *proof.Bundle) map[string]any {
	c := b.Claim
	s := map[string]any{
		"valid": true, "statement": c.Statement().String(), "backend": b.Proof.Backend.String(),
		"device": c.DeviceKey().DID(), "proof_bytes": b.Proof.Size(),
	}
	switch c := c.(type) {
	case *proof.CoverageClaim:
		s["point"] = xy{c.Point.X, c.Point.Y}
		s["radius"] = c.Radius
		nb := c.Nonce.Bytes()
		s["nonce"] = hex.EncodeToString(nb[:])
	case *proof.UsageClaim:
		s["cap"] = c.Cap
		s["total"] = c.Total.String()
	case *proof.ThresholdClaim:
		s["cap"] = c.Cap
		s["min"] = c.Min.String()
	case *proof.InputClaim:
		names, _ := c.Of.PublicInputs() // the claim parsed: its statement is registered
		in := map[string]string{}
		for i, x := range c.Inputs {
			if i < len(names) {
				in[names[i]] = x.String()
			}
		}
		s["inputs"] = in
	}
	return s
}

func newProofVerifyCmd() *cobra.Command {
	var keys string
	cmd := &cobra.Command{
		Use:   "verify [--keys DIR] FILE",
		Short: "Verify a proof bundle",
		Long: `Verify a proof bundle (FILE, or - for stdin) and print its claim as JSON.

Zero-knowledge proofs need the key store DIR (only the verifying key is read);
signature-path proofs need none. An invalid proof exits with status 1 and one
line on stderr saying why.`,
		Example: `  depinkit proof verify --keys keys/ coverage.proof`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, src, err := readInput(cmd.InOrStdin(), args[0], proof.MaxBundleSize)
			if err != nil {
				return fmt.Errorf("%s: %w", src, err)
			}
			if err := registerStatements(); err != nil {
				return err
			}
			bundle, err := proof.ParseBundle(data)
			if err != nil {
				return fmt.Errorf("%s: %w", src, err)
			}
			var ks []*proof.Keys
			if bundle.Proof.Backend != proof.Signature {
				if keys == "" {
					return fmt.Errorf("--keys is required for a %s proof", bundle.Proof.Backend)
				}
				k, err := proof.NewKeyStore(keys).LoadVerifying(bundle.Claim.Statement(), bundle.Proof.Backend)
				if err != nil {
					return err
				}
				ks = append(ks, k)
			}
			v, err := proof.NewVerifier(ks...)
			if err != nil {
				return err
			}
			if err := v.VerifyBundle(bundle); err != nil {
				return fmt.Errorf("%s: %w", src, err)
			}
			return writeJSON(cmd.OutOrStdout(), bundleSummary(bundle))
		},
	}
	cmd.Flags().StringVar(&keys, "keys", "", "the key store `DIR`")
	return cmd
}

func newProofExportCmd() *cobra.Command {
	var (
		sf   statementFlags
		keys string
		out  string
	)
	cmd := &cobra.Command{
		Use:   "export-solidity --statement STATEMENT --keys DIR [--out OUTDIR]",
		Short: "Write the Solidity verifier of a statement's verifying key",
		Long: `Write the on-chain verifier of a statement's verifying key (from the key store
DIR). With --out, OUTDIR receives gnark's verifier contract and the wrapper,
contract ProofVerifier: deploy the wrapper, which answers verify(bytes proof,
uint256[] input) with true or false for Groth16 and PLONK alike (gnark's own
Groth16 verifier reverts on a bad proof, its PLONK verifier returns false).
Without --out, gnark's verifier contract alone goes to stdout. Proofs made by
"proof prove" verify there. Solidity pragma: ` + solidity.PragmaVersion + `.`,
		Example: `  depinkit proof export-solidity --statement coverage --keys keys/ --out contracts/coverage/
  depinkit proof export-solidity --statement usage-64 --backend plonk --keys keys/ > PlonkVerifier.sol`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, b, err := sf.parse()
			if err != nil {
				return err
			}
			if keys == "" {
				return errors.New("--keys is required")
			}
			k, err := proof.NewKeyStore(keys).LoadVerifying(st, b)
			if err != nil {
				return err
			}
			if out == "" {
				var buf bytes.Buffer
				if b == proof.Groth16 {
					err = solidity.ExportGroth16(&buf, k.Groth16VerifyingKey())
				} else {
					err = solidity.ExportPlonk(&buf, k.PLONKVerifyingKey())
				}
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			var sources map[string]string
			if b == proof.Groth16 {
				sources, err = solidity.Groth16Sources(k.Groth16VerifyingKey())
			} else {
				sources, err = solidity.PlonkSources(k.PLONKVerifyingKey())
			}
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			names := make([]string, 0, len(sources))
			for name := range sources {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				if err := os.WriteFile(filepath.Join(out, name), []byte(sources[name]), 0o644); err != nil {
					return err
				}
			}
			return writeJSON(cmd.OutOrStdout(), map[string]any{
				"statement": st.String(), "backend": b.String(), "files": names,
				"deploy": solidity.WrapperContract, "pragma": solidity.PragmaVersion,
			})
		},
	}
	sf.add(cmd, "groth16")
	cmd.Flags().StringVar(&keys, "keys", "", "the key store `DIR`")
	cmd.Flags().StringVar(&out, "out", "", "write the verifier and its wrapper into `OUTDIR`")
	return cmd
}
