package depin

import (
	"context"
	"crypto/ed25519"
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

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/subnet"
)

// ConfigFromSpec returns the Config of a subnet spec: its name, validators
// (in the consensus set's order, by key), makers and epoch rule; with a
// deployment (nil: none), its settlement on the parent chain. With
// spec.ValidatorChanges, validator-set changes are on and each validator
// carries its p2p and api endpoints (a subnet.Member). The reward
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
		// The validators' endpoints are part of the set's state then.
		ValidatorChanges: spec.ValidatorChanges,
	}
	for _, m := range members {
		v := Validator{Name: m.Name, Key: m.Key, Stake: m.Stake, Settlement: m.Settlement}
		if spec.ValidatorChanges {
			v.P2P, v.API = m.P2P, m.API
		}
		cfg.Validators = append(cfg.Validators, v)
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
// validator's settlement key. It also serves GET /depin/validators (SetPath,
// a SetView). It returns nil after a clean stop, and an error wrapping
// ErrLeftSet when a validator-set change (the spec's validator_changes)
// removed this validator, at an epoch end while it ran or before it started.
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
	if si := vcfg.Consensus.StateInterval; si > 0 {
		// The app hash commits to the state where the validators' state
		// votes certify it, so that a wiped validator can state-sync.
		cfg.StatePoints = uint64(si)
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
			validator.WithHandler("GET "+SetPath, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeQuery(w, http.StatusOK, n.Set()) })),
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
	self := keys.ConsensusKey().Public().(ed25519.PublicKey)
	if err := node.Start(ctx); err != nil {
		return leftSet(node, self, log, err)
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
	err = errors.Join(ingestErr, node.Close())
	if ctx.Err() == nil {
		err = leftSet(node, self, log, err)
	}
	return err
}

// leftSet returns ErrLeftSet in place of err, the error the validator
// stopped with, if self is not in the node's validator set any more: the
// consensus stops a validator that a change removed (it is in no set of the
// new epoch), and refuses to start one whose store resumes in such an epoch.
func leftSet(n *Node, self ed25519.PublicKey, log *slog.Logger, err error) error {
	if slices.ContainsFunc(n.Validators(), func(v Validator) bool { return v.Key.Equal(self) }) {
		return err
	}
	epoch := n.CurrentEpoch()
	log.Info("this validator left the validator set: it no longer validates", "epoch", epoch, "reason", err)
	if err == nil {
		return fmt.Errorf("%w (epoch %d)", ErrLeftSet, epoch)
	}
	return fmt.Errorf("%w (epoch %d): %w", ErrLeftSet, epoch, err)
}

func newUint(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

// ErrLeftSet reports that the validator a process runs is not a member of
// the validator set any more: a change approved by the others removed it
// (subnet.Leave), at an epoch end while it ran or before it restarted. It
// has nothing left to validate; RunValidator returns it instead of the
// consensus error.
var ErrLeftSet = errors.New("depin: this validator left the validator set")

// SetPath is the path of the GET endpoint RunValidator serves on the
// validator's API beside the Node's queries: the SetView of the open epoch.
const SetPath = "/depin/validators"

// SetView is the body of GET /depin/validators: the validator set of the
// open reward epoch and the changes to it under way, read at one instant.
type SetView struct {
	// Epoch is the open reward epoch: changes proposed now name it
	// (subnet.Change.Epoch) and take effect when it ends.
	Epoch uint64 `json:"epoch"`
	// Changes says whether validator-set changes are on
	// (Config.ValidatorChanges, the spec's validator_changes).
	Changes bool `json:"changes"`
	// Validators is the set, in consensus order (by key).
	Validators []MemberView `json:"validators"`
	// TotalStake is the set's stake; QuorumStake the approving stake a
	// change needs (more than 2/3 of it).
	TotalStake  uint64 `json:"total_stake"`
	QuorumStake uint64 `json:"quorum_stake"`
	// Queued are the changes a quorum approved: they take effect when Epoch
	// ends, in order. Pending are the ones proposed this epoch short of a
	// quorum so far.
	Queued  []ChangeView `json:"queued"`
	Pending []ChangeView `json:"pending"`
}

// MemberView is a validator of a SetView.
type MemberView struct {
	Name       string `json:"name"`
	Key        string `json:"key"` // consensus key, hex
	Stake      uint64 `json:"stake"`
	Settlement string `json:"settlement"` // EVM address
	P2P        string `json:"p2p,omitempty"`
	API        string `json:"api,omitempty"`
}

// ChangeView is a validator-set change of a SetView: the subnet.Change
// (Change gives it back, to approve the very same change) and the stake
// approving it so far.
type ChangeView struct {
	Kind       string `json:"kind"` // "join", "leave" or "stake"
	Name       string `json:"name"` // the member's (for leave and stake: looked up in the set)
	Key        string `json:"key"`  // hex
	Stake      uint64 `json:"stake,omitempty"`
	Settlement string `json:"settlement,omitempty"`
	P2P        string `json:"p2p,omitempty"`
	API        string `json:"api,omitempty"`
	Epoch      uint64 `json:"epoch"`
	Nonce      uint64 `json:"nonce"`
	Approved   uint64 `json:"approved,omitempty"` // approving stake so far (pending changes only)
}

// Change returns the subnet.Change v shows.
func (v ChangeView) Change() (subnet.Change, error) {
	var kind subnet.ChangeKind
	for _, k := range []subnet.ChangeKind{subnet.Join, subnet.Leave, subnet.Restake} {
		if k.String() == v.Kind {
			kind = k
		}
	}
	if kind == 0 {
		return subnet.Change{}, fmt.Errorf("%w: change kind %q", ErrMalformed, v.Kind)
	}
	key, err := hex.DecodeString(v.Key)
	if err != nil {
		return subnet.Change{}, fmt.Errorf("%w: change key: %w", ErrMalformed, err)
	}
	c := subnet.Change{Kind: kind, Member: subnet.Member{Key: key}, Epoch: v.Epoch, Nonce: v.Nonce}
	switch kind {
	case subnet.Join:
		if !common.IsHexAddress(v.Settlement) {
			return subnet.Change{}, fmt.Errorf("%w: change settlement %q", ErrMalformed, v.Settlement)
		}
		c.Member = subnet.Member{Name: v.Name, Key: key, Settlement: common.HexToAddress(v.Settlement), Stake: v.Stake, P2P: v.P2P, API: v.API}
	case subnet.Restake:
		c.Member.Stake = v.Stake
	}
	if err := c.Check(); err != nil {
		return subnet.Change{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return c, nil
}

// Set returns the SetView of the open reward epoch.
func (n *Node) Set() SetView {
	n.mu.RLock()
	defer n.mu.RUnlock()
	cur := n.app.current()
	v := SetView{Epoch: n.app.open.Number, Changes: n.app.changes != nil, Validators: []MemberView{}, Queued: []ChangeView{}, Pending: []ChangeView{},
		TotalStake: cur.set.TotalStake(), QuorumStake: cur.set.QuorumThreshold()}
	names := map[string]string{}
	for _, m := range cur.vals {
		v.Validators = append(v.Validators, MemberView{Name: m.Name, Key: hex.EncodeToString(m.Key), Stake: m.Stake, Settlement: m.Settlement.Hex(), P2P: m.P2P, API: m.API})
		names[string(m.Key)] = m.Name
	}
	if n.app.changes == nil {
		return v
	}
	view := func(c subnet.Change, approved uint64) ChangeView {
		m := c.Member
		cv := ChangeView{Kind: c.Kind.String(), Name: m.Name, Key: hex.EncodeToString(m.Key), Stake: m.Stake, P2P: m.P2P, API: m.API, Epoch: c.Epoch, Nonce: c.Nonce, Approved: approved}
		if c.Kind == subnet.Join {
			cv.Settlement = m.Settlement.Hex()
		} else {
			cv.Name = names[string(m.Key)]
		}
		return cv
	}
	for _, c := range n.app.changes.Queued() {
		v.Queued = append(v.Queued, view(c, 0))
	}
	for _, p := range n.app.changes.Pending() {
		v.Pending = append(v.Pending, view(p.Change, p.Stake))
	}
	return v
}
