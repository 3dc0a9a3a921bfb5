package depin

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// ConfigFromSpec returns the Config of a subnet spec: its name, validators
// (in the consensus set's order, by key), makers and epoch rule; with a
// deployment (nil: none), its settlement on the parent chain. The reward
// curve and proof policy are the vertical's to take from the spec.
func ConfigFromSpec(spec *subnet.Spec, d *subnet.Deployment) (Config, error) {
	members, err := spec.Members()
	if err != nil {
		return Config{}, err
	}
	makers, err := spec.MakerKeys()
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		Name:          spec.Name,
		EpochDuration: spec.EpochDuration(),
		EpochCommits:  spec.Epoch.Length,
	}
	for _, m := range members {
		cfg.Validators = append(cfg.Validators, Validator{Name: m.Name, Key: m.Key, Stake: m.Stake, Settlement: m.Settlement})
	}
	for i, k := range makers {
		cfg.Makers = append(cfg.Makers, Maker{Key: k, Name: spec.Makers[i].Name})
	}
	if d != nil {
		cfg.Settlement = &Settlement{
			Subnet:     d.SubnetID(),
			Deployment: evm.Deployment{ChainID: newUint(d.ChainID), Addresses: d.Contracts},
		}
	}
	return cfg, cfg.Validate()
}

// ValidatorConfig returns the chain/validator Config of validator i of a
// spec (its position in spec.Validators): home in its directory, the store
// in dataDir (relative to it), libp2p on its p2p address with the others as
// peers, the API on its api address, and the spec's validators as the
// genesis in the consensus set's order.
func ValidatorConfig(spec *subnet.Spec, i int, dataDir string) (validator.Config, error) {
	members, err := spec.Members()
	if err != nil {
		return validator.Config{}, err
	}
	if i < 0 || i >= len(spec.Validators) {
		return validator.Config{}, fmt.Errorf("%w: no validator %d in the spec", ErrConfig, i)
	}
	self := spec.Validators[i]
	cfg := validator.Config{
		Home:    spec.ValidatorDir(i),
		Name:    self.Name,
		KeyFile: subnet.ConsensusKeyFile,
		DataDir: dataDir,
		P2P:     validator.P2PConfig{Listen: []string{self.P2P}},
		API:     validator.APIConfig{Listen: self.API},
		Genesis: validator.Genesis{ChainID: spec.Name},
		Consensus: validator.ConsensusConfig{
			MaxTxBytes: MaxTxBytes,
		},
	}
	index := -1
	for j, m := range members {
		cfg.Genesis.Validators = append(cfg.Genesis.Validators, validator.GenesisValidator{
			Name: m.Name, PublicKey: hex.EncodeToString(m.Key), Stake: m.Stake,
		})
		if hex.EncodeToString(m.Key) == strings.TrimPrefix(strings.ToLower(self.ConsensusKey), "0x") {
			index = j
			continue
		}
		pid, err := validator.PeerID(m.Key)
		if err != nil {
			return validator.Config{}, err
		}
		cfg.P2P.Peers = append(cfg.P2P.Peers, m.P2P+"/p2p/"+pid)
	}
	if index < 0 {
		return validator.Config{}, fmt.Errorf("%w: validator %d not among the spec's members", ErrConfig, i)
	}
	cfg.Index = index
	return cfg, cfg.Validate()
}

// ProcessConfig configures RunValidator.
type ProcessConfig struct {
	// Spec is the subnet; Index the validator this process runs (its
	// position in Spec.Validators), whose keys are in its directory.
	Spec  *subnet.Spec
	Index int
	// Deployment is where the subnet settles (subnet.LoadDeployment of the
	// file "subnet up" writes). Nil: epochs are computed, not settled.
	Deployment *subnet.Deployment
	// Vertical is this validator's replica of the subnet's vertical.
	Vertical Vertical
	// DataDir is the store's directory, relative to the validator's.
	// Default "data".
	DataDir string
	// Logger receives the logs. Default: discarded.
	Logger *slog.Logger
	// Tune, if set, adjusts the validator's configuration (timeouts,
	// limits) before it starts.
	Tune func(*validator.Config)
	// Verifier checks proof bundles (Config.Verifier): every validator of
	// the subnet must hold the same verifying keys, such as those a
	// proof.KeyStore holds. Nil: the signature path only.
	Verifier *proof.Verifier
	// Timing is the settlement worker's timing (WithSettlementTiming). Zero
	// fields take its defaults.
	Timing SettlementTiming
	// Ingest configures the device ingest listener: its rate limits,
	// timeouts and connection cap (zero fields: IngestConfig's defaults). A
	// zero Listen is the spec's ingest address; with neither, the validator
	// serves no ingest.
	Ingest IngestConfig
	// Handlers, if set, returns more endpoints to serve beside the Node's on
	// the API address, by http.ServeMux pattern ("GET /telecom/stats"): a
	// vertical's own queries. They must not overlap the validator's or the
	// Node's.
	Handlers func(*Node) map[string]http.Handler
}

// RunValidator runs one validator of a subnet in this process until ctx
// ends: package chain/validator's node (libp2p on the spec's p2p address,
// pebble in DataDir, snapshots of the Node) with a Node as its application,
// the Node's queries beside the validator's JSON API on the spec's api
// address (GET /depin/..., QueryHandler), and device ingest on a listener of
// its own, the spec's ingest address (POST /envelopes, ServeIngest: every
// envelope admitted before the mempool, rate limits per address and device).
// With a Deployment it settles closed epochs on the parent chain from the
// validator's settlement key. It returns nil after a clean stop.
func RunValidator(ctx context.Context, pc ProcessConfig) error {
	if pc.Spec == nil || pc.Vertical == nil {
		return fmt.Errorf("%w: RunValidator needs a Spec and a Vertical", ErrConfig)
	}
	if pc.DataDir == "" {
		pc.DataDir = "data"
	}
	log := pc.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	keys, err := pc.Spec.LoadKeys(pc.Index)
	if err != nil {
		return err
	}
	cfg, err := ConfigFromSpec(pc.Spec, pc.Deployment)
	if err != nil {
		return err
	}
	if pc.Verifier != nil {
		cfg.Verifier = pc.Verifier
	}
	vcfg, err := ValidatorConfig(pc.Spec, pc.Index, pc.DataDir)
	if err != nil {
		return err
	}
	if pc.Tune != nil {
		pc.Tune(&vcfg)
		if err := vcfg.Validate(); err != nil {
			return err
		}
	}
	opts := []Option{WithVertical(pc.Vertical), WithConfig(cfg), WithKey(keys.ConsensusKey()), WithLogger(log), WithSettlementTiming(pc.Timing)}
	if pc.Deployment != nil {
		settler, err := evm.Dial(ctx, pc.Deployment.RPC, keys.Settlement)
		if err != nil {
			return err
		}
		defer settler.Close()
		settler.SetPollInterval(100 * time.Millisecond)
		opts = append(opts, WithSettlement(keys.Settlement, settler.WithAddresses(pc.Deployment.Contracts)))
	}
	var engine *validator.Engine
	opts = append(opts, WithEngine(func(n *Node) (chain.Engine, error) {
		vopts := []validator.Option{
			validator.WithKey(keys.ConsensusKey()),
			validator.WithApp(n),
			validator.WithTransport(validator.P2PTransport),
			validator.WithLogger(log),
			validator.WithHandler("GET /depin/", QueryHandler(n)),
		}
		if pc.Handlers != nil {
			hs := pc.Handlers(n)
			for _, pattern := range slices.Sorted(maps.Keys(hs)) {
				vopts = append(vopts, validator.WithHandler(pattern, hs[pattern]))
			}
		}
		engine, err = validator.NewEngine(vcfg, vopts...)
		return engine, err
	}))
	node, err := New(opts...)
	if err != nil {
		return err
	}
	ic := pc.Ingest
	if ic.Listen == "" {
		ic.Listen = pc.Spec.Validators[pc.Index].Ingest
	}
	if ic.Listen != "" {
		// Checked before the node starts, so that a bad config fails fast.
		if _, err := NewIngest(node, ic); err != nil {
			return err
		}
	}
	if err := node.Start(ctx); err != nil {
		return err
	}
	ingestCtx, stopIngest := context.WithCancel(ctx)
	ingestDone := make(chan error, 1)
	if ic.Listen != "" {
		go func() {
			ingestDone <- ServeIngest(ingestCtx, node, ic, func(addr string) { log.Info("ingest listening", "addr", addr) })
		}()
	} else {
		ingestDone <- nil
	}
	var ingestErr error
	select {
	case <-ctx.Done():
	case <-engine.Done(): // the validator stopped on its own: a failure
	case ingestErr = <-ingestDone: // could not listen
		ingestDone <- ingestErr
	}
	stopIngest()
	ingestErr = <-ingestDone
	return errors.Join(ingestErr, node.Close())
}

func newUint(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
