package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/solc"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
	"github.com/depinkit/depinkit/reward"
)

func newSettleCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "settle",
		Short: "Settle a network on an EVM chain",
		Long: `Settle a depinkit network on an EVM chain with the contracts of package
chain/evm: subnet validator sets and checkpoints (SubnetRegistry), devices as
ERC-721 tokens (DeviceRegistry), epoch rewards claimed against Merkle roots
(RewardDistributor) and coverage proofs verified on chain (CoverageVerifier).`,
		Example: `  depinkit settle demo
  depinkit settle demo --rpc http://127.0.0.1:8545 --key operator.key`,
	}, newSettleDemoCmd())
}

// Bounds of settle demo's --claims.
const maxDemoClaims = 10_000

func newSettleDemoCmd() *cobra.Command {
	var (
		rpcURL, keyFile string
		claims          int
		coverage        bool
		poll, timeout   time.Duration
	)
	cmd := &cobra.Command{
		Use:   "demo [--rpc URL --key FILE]",
		Short: "Run the settlement story and print each step's gas",
		Long: `Run a network's settlement story and print each step with the gas it used:
deploy the contracts, register a subnet of 4 validators, approve a maker and
register devices on its signatures, post an epoch root of reward claims signed
by 3 of the 4 validators, pay every claimant exactly its amount, claim two
epochs in one call, post a checkpoint, revoke a device, and verify a coverage
proof on chain. Along the way it shows the contracts refusing a replayed maker
signature, an under-quorum root, a second claim, a stale checkpoint and a
tampered coverage proof.

Without --rpc it runs on an embedded go-ethereum chain (the simulated backend,
Osaka rules). With --rpc URL and --key FILE it runs against any EVM JSON-RPC
endpoint, sending every transaction from the account of FILE, a secp256k1 key
file (depinkit keys new --type secp256k1) whose account holds enough of the
chain's coin for a few million gas per step; it deploys new contracts each run.
The validator, maker and device keys are made for the run and only sign.

The coverage step makes development proving keys and compiles their Solidity
verifier with the pinned solc, which the first run installs with npm into the
depinkit source tree it was built from (internal/solc); without Node.js, or
with --coverage=false, the step is skipped.

Steps are printed as they happen; if one fails the error follows on stderr.`,
		Example: `  depinkit settle demo
  depinkit settle demo --claims 20 --coverage=false
  depinkit keys new --type secp256k1 --out operator.key
  depinkit settle demo --rpc http://127.0.0.1:8545 --key operator.key`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if claims < 1 || claims > maxDemoClaims {
				return fmt.Errorf("--claims %d: want 1 to %d", claims, maxDemoClaims)
			}
			if (rpcURL == "") != (keyFile == "") {
				return errors.New("--rpc and --key go together")
			}
			if poll <= 0 || timeout <= 0 {
				return errors.New("--poll and --timeout must be positive")
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			out := cmd.OutOrStdout()
			var s *evm.Settler
			if rpcURL == "" {
				operator, err := device.GenerateKey(device.Secp256k1, rand.Reader)
				if err != nil {
					return err
				}
				sim, err := evm.NewSimulated(evm.SimulatedConfig{Accounts: []*device.PrivateKey{operator}})
				if err != nil {
					return err
				}
				defer sim.Close()
				if s, err = sim.Settler(ctx, operator); err != nil {
					return err
				}
				fmt.Fprintf(out, "chain: embedded simulated chain, id %s\n", s.ChainID())
			} else {
				key, err := device.LoadKeyFile(keyFile)
				if err != nil {
					return fmt.Errorf("--key: %w", err)
				}
				if s, err = evm.Dial(ctx, rpcURL, key); err != nil {
					if errors.Is(err, evm.ErrKey) {
						return fmt.Errorf("--key %s: %w", keyFile, err)
					}
					return err
				}
				defer s.Close()
				s.SetPollInterval(poll)
				fmt.Fprintf(out, "chain: %s, id %s\n", rpcURL, s.ChainID())
			}
			fmt.Fprintf(out, "operator: %s\n", s.From().Hex())
			return (&settleDemo{s: s, out: out, claims: claims, coverage: coverage}).run(ctx)
		},
	}
	cmd.Flags().StringVar(&rpcURL, "rpc", "", "an EVM JSON-RPC endpoint `URL` (default: the embedded chain)")
	cmd.Flags().StringVar(&keyFile, "key", "", "the secp256k1 key `FILE` that pays for transactions on --rpc")
	cmd.Flags().IntVar(&claims, "claims", 100, "the number of reward claims in the epoch (`N`)")
	cmd.Flags().BoolVar(&coverage, "coverage", true, "verify a coverage proof on chain (needs the pinned solc)")
	cmd.Flags().DurationVar(&poll, "poll", time.Second, "how often to ask --rpc for a receipt")
	cmd.Flags().DurationVar(&timeout, "timeout", 30*time.Minute, "give up after this long")
	return cmd
}

// settleDemo is one run of the demo story.
type settleDemo struct {
	s        *evm.Settler
	out      io.Writer
	claims   int
	coverage bool

	validators []*device.PrivateKey
	subnet     evm.SubnetID
}

// step prints a step and the gas its transaction used.
func (d *settleDemo) step(what string, r *types.Receipt) {
	fmt.Fprintf(d.out, "  %-64s %10d gas\n", what, r.GasUsed)
}

// refused prints a refusal the story expects, or fails if there was none.
func (d *settleDemo) refused(what string, err error, want error) error {
	var rev *evm.RevertError
	if !errors.Is(err, want) || !errors.As(err, &rev) {
		return fmt.Errorf("%s: want a refusal (%v), got %v", what, want, err)
	}
	fmt.Fprintf(d.out, "  %-64s refused: %s\n", what, rev.Reason())
	return nil
}

func (d *settleDemo) section(title string) { fmt.Fprintf(d.out, "%s\n", title) }

// sign has the first n validators sign m.
func (d *settleDemo) sign(m evm.Message, n int) ([]evm.Signature, error) {
	var sigs []evm.Signature
	for _, k := range d.validators[:n] {
		sig, err := d.s.Deployment().Sign(k, m)
		if err != nil {
			return nil, err
		}
		sigs = append(sigs, sig)
	}
	return sigs, nil
}

func (d *settleDemo) run(ctx context.Context) error {
	for _, f := range []func(context.Context) error{d.deploy, d.registerSubnet, d.devices, d.rewards, d.checkpoint, d.coverageProof} {
		if err := f(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintln(d.out, "done")
	return nil
}

func (d *settleDemo) deploy(ctx context.Context) error {
	d.section("deploy")
	deployed, err := d.s.Deploy(ctx, evm.DeployConfig{})
	if err != nil {
		return err
	}
	for _, c := range deployed {
		d.step(fmt.Sprintf("%s at %s", c.Name, c.Address.Hex()), c.Receipt)
	}
	return nil
}

func (d *settleDemo) registerSubnet(ctx context.Context) error {
	d.section("subnet")
	var vals []evm.Validator
	for i := range 4 {
		k, err := device.GenerateKey(device.Secp256k1, rand.Reader)
		if err != nil {
			return err
		}
		a, _ := evm.Address(k)
		d.validators = append(d.validators, k)
		vals = append(vals, evm.Validator{Address: a, Stake: uint64(100 + 10*i)})
	}
	var genesis common.Hash
	if _, err := rand.Read(genesis[:]); err != nil {
		return err
	}
	id, r, err := d.s.RegisterSubnet(ctx, genesis, vals)
	if err != nil {
		return err
	}
	d.subnet = id
	d.step(fmt.Sprintf("register subnet %s... (4 validators, stake 460)", id.String()[:10]), r)
	return nil
}

func (d *settleDemo) devices(ctx context.Context) error {
	d.section("devices")
	maker, err := device.GenerateKey(device.Secp256k1, rand.Reader)
	if err != nil {
		return err
	}
	makerAddr, _ := evm.Address(maker)
	r, err := d.s.ApproveMaker(ctx, makerAddr)
	if err != nil {
		return err
	}
	d.step("approve maker "+makerAddr.Hex(), r)
	model, _ := evm.Model("depinkit-demo-hotspot")
	var first evm.DeviceRegistration
	var firstSig evm.Signature
	for i, typ := range []device.KeyType{device.Ed25519, device.Secp256k1, device.P256} {
		key, err := device.GenerateKey(typ, rand.Reader)
		if err != nil {
			return err
		}
		owner := d.s.From() // the first device is the operator's, so it can revoke it
		if i > 0 {
			_, _ = rand.Read(owner[:])
		}
		reg := evm.DeviceRegistration{Key: key.Public(), Model: model, Owner: owner}
		sig, err := d.s.Deployment().Sign(maker, reg)
		if err != nil {
			return err
		}
		r, err := d.s.RegisterDevice(ctx, reg, sig)
		if err != nil {
			return err
		}
		d.step(fmt.Sprintf("register %s device %s... (ERC-721 to its owner)", typ, key.Public().ID().String()[:8]), r)
		if i == 0 {
			first, firstSig = reg, sig
		}
	}
	rec, err := d.s.Device(ctx, first.Key.ID())
	if err != nil {
		return err
	}
	fmt.Fprintf(d.out, "  %-64s owner %s, model %s\n", "look up device "+first.Key.ID().String()[:8]+"...",
		rec.Owner.Hex(), evm.ModelName(rec.Model))
	_, err = d.s.RegisterDevice(ctx, first, firstSig)
	if err := d.refused("replay the maker's signature", err, evm.ErrDeviceExists); err != nil {
		return err
	}
	r, err = d.s.RevokeDevice(ctx, first.Key.ID())
	if err != nil {
		return err
	}
	d.step("revoke device "+first.Key.ID().String()[:8]+"... (by its owner)", r)
	return nil
}

func (d *settleDemo) rewards(ctx context.Context) error {
	d.section("rewards")
	rnd := mrand.New(mrand.NewPCG(uint64(time.Now().UnixNano()), 7))
	claims := make([]reward.Claim, d.claims)
	for i := range claims {
		var a common.Address
		if _, err := rand.Read(a[:]); err != nil {
			return err
		}
		claims[i] = reward.Claim{Address: a, Amount: big.NewInt(1_000 + rnd.Int64N(1_000_000))}
	}
	tree, err := reward.NewMerkleTree(claims)
	if err != nil {
		return err
	}
	// Epochs 2 and 3 pay the first claimant again and a few others.
	extra := []*reward.MerkleTree{}
	for epoch := 2; epoch <= 3; epoch++ {
		more := []reward.Claim{{Address: claims[0].Address, Amount: big.NewInt(int64(500 * epoch))}}
		for range 3 {
			var a common.Address
			_, _ = rand.Read(a[:])
			more = append(more, reward.Claim{Address: a, Amount: big.NewInt(100)})
		}
		t, err := reward.NewMerkleTree(more)
		if err != nil {
			return err
		}
		extra = append(extra, t)
	}
	roots := []evm.EpochRoot{evm.EpochRootOf(d.subnet, 1, tree), evm.EpochRootOf(d.subnet, 2, extra[0]), evm.EpochRootOf(d.subnet, 3, extra[1])}
	total := new(big.Int)
	for _, e := range roots {
		total.Add(total, e.Total)
	}
	a := d.s.Addresses()
	r, err := d.s.MintTestToken(ctx, d.s.From(), total)
	if err != nil {
		return err
	}
	d.step(fmt.Sprintf("mint %s test tokens to the operator", total), r)
	if r, err = d.s.ApproveToken(ctx, a.RewardDistributor, total); err != nil {
		return err
	}
	d.step("approve the distributor", r)

	under, err := d.sign(roots[0], 2)
	if err != nil {
		return err
	}
	_, err = d.s.PostEpoch(ctx, roots[0], under)
	if err := d.refused("post epoch 1 signed by 2 of 4 validators", err, evm.ErrUnderQuorum); err != nil {
		return err
	}
	for i, e := range roots {
		sigs, err := d.sign(e, 3)
		if err != nil {
			return err
		}
		r, err := d.s.PostEpoch(ctx, e, sigs)
		if err != nil {
			return err
		}
		n := d.claims
		if i > 0 {
			n = extra[i-1].Len()
		}
		d.step(fmt.Sprintf("post epoch %d: %d claims, total %s, 3 of 4 signatures", e.Epoch, n, e.Total), r)
	}
	_, err = d.s.PostEpoch(ctx, roots[0], under)
	if err := d.refused("post epoch 1 again", err, evm.ErrEpochExists); err != nil {
		return err
	}

	var minGas, maxGas, sumGas uint64
	for i, c := range claims {
		ec, err := evm.ClaimOf(tree, 1, c.Address)
		if err != nil {
			return err
		}
		r, err := d.s.Claim(ctx, d.subnet, c.Address, ec)
		if err != nil {
			return err
		}
		paid, err := d.s.TokenBalance(ctx, c.Address)
		if err != nil {
			return err
		}
		if paid.Cmp(c.Amount) != 0 {
			return fmt.Errorf("claimant %s was paid %s, want %s", c.Address.Hex(), paid, c.Amount)
		}
		if i == 0 || r.GasUsed < minGas {
			minGas = r.GasUsed
		}
		maxGas = max(maxGas, r.GasUsed)
		sumGas += r.GasUsed
	}
	fmt.Fprintf(d.out, "  %-64s %10d gas each (min %d, max %d)\n",
		fmt.Sprintf("%d claims of epoch 1, each paid exactly its amount", d.claims), sumGas/uint64(d.claims), minGas, maxGas)
	first, _ := evm.ClaimOf(tree, 1, claims[0].Address)
	_, err = d.s.Claim(ctx, d.subnet, claims[0].Address, first)
	if err := d.refused("claim epoch 1 again", err, evm.ErrAlreadyClaimed); err != nil {
		return err
	}
	var many []evm.EpochClaim
	for i, t := range extra {
		ec, err := evm.ClaimOf(t, uint64(i+2), claims[0].Address)
		if err != nil {
			return err
		}
		many = append(many, ec)
	}
	if r, err = d.s.Claim(ctx, d.subnet, claims[0].Address, many...); err != nil {
		return err
	}
	d.step("claim epochs 2 and 3 in one call", r)
	return nil
}

func (d *settleDemo) checkpoint(ctx context.Context) error {
	d.section("checkpoints")
	cp := evm.Checkpoint{Subnet: d.subnet, Epoch: 1, Height: 86_400}
	_, _ = rand.Read(cp.StateRoot[:])
	_, _ = rand.Read(cp.CommitDigest[:])
	sigs, err := d.sign(cp, 3)
	if err != nil {
		return err
	}
	r, err := d.s.PostCheckpoint(ctx, cp, sigs)
	if err != nil {
		return err
	}
	d.step("post checkpoint of epoch 1 at height 86400", r)
	_, err = d.s.PostCheckpoint(ctx, cp, sigs)
	return d.refused("post the same checkpoint again", err, evm.ErrStaleCheckpoint)
}

func (d *settleDemo) coverageProof(ctx context.Context) error {
	d.section("coverage")
	if !d.coverage {
		fmt.Fprintf(d.out, "  skipped (--coverage=false)\n")
		return nil
	}
	if err := solc.Installed(solc.Options{}); err != nil {
		fmt.Fprintf(d.out, "  skipped: %v\n", err)
		return nil
	}
	start := time.Now()
	keys, err := proof.DevSetup(proof.CoverageStatement(), proof.Groth16)
	if err != nil {
		return err
	}
	code, err := evm.CompileProofVerifier(ctx, keys)
	if err != nil {
		return err
	}
	fmt.Fprintf(d.out, "  %-64s %v\n", "development keys and their verifier compiled in", time.Since(start).Round(100*time.Millisecond))
	deployed, err := d.s.DeployCoverageVerifier(ctx, common.Address{}, code)
	if err != nil {
		return err
	}
	for _, c := range deployed {
		d.step(fmt.Sprintf("deploy %s at %s", c.Name, c.Address.Hex()), c.Receipt)
	}
	hotspot, err := device.GenerateKey(device.EdDSABN254, rand.Reader)
	if err != nil {
		return err
	}
	// The device signs the nonce that binds its proof to epoch 1 and to the
	// account that sends it.
	nonce, err := evm.CoverageNonce(d.s.Deployment(), 1, d.s.From())
	if err != nil {
		return err
	}
	sig, err := proof.SignNonce(hotspot, nonce)
	if err != nil {
		return err
	}
	prover, err := proof.NewProver(keys)
	if err != nil {
		return err
	}
	bundle, err := prover.Prove(ctx, &proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Point: circuit.Position{X: 0, Y: 0}, Radius: 600, Nonce: nonce, Device: hotspot.Public()},
		Position:      circuit.Position{X: 300, Y: 400},
		Signature:     sig,
	})
	if err != nil {
		return err
	}
	_, r, err := d.s.VerifyCoverage(ctx, 1, bundle)
	if err != nil {
		return err
	}
	d.step("verify a Groth16 coverage proof on chain (epoch 1)", r)
	tampered := *bundle.Claim.(*proof.CoverageClaim)
	tampered.Radius = 500
	_, _, err = d.s.VerifyCoverage(ctx, 1, &proof.Bundle{Claim: &tampered, Proof: bundle.Proof})
	return d.refused("the same proof for a 500-unit radius", err, evm.ErrInvalidProof)
}
