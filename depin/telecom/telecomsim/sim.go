// Package telecomsim simulates the devices of a telecom subnet (package
// telecom) and drives a network with them through the devnet kit
// (depin/devnet): LoRa hotspots from a pocsim world (some of them liars),
// private hotspots that prove coverage in zero knowledge, and bandwidth
// clients whose sessions hotspots serve. Sim makes the devices and, epoch by
// epoch, the envelopes they would send; Workload is Sim as a devnet.Workload
// (the kit provisions the devices, runs the epochs, checks agreement,
// settles, explains and claims). Run drives a depin.NewLocalNetwork in this
// process (devnet.Run: paced, so a seed gives the same epochs and roots on
// every run, unless RunConfig.Realtime); Drive any running Subnet; RunP2P a
// subnet of validator processes over libp2p (subnet.Init, subnet.Up,
// depin.RunValidator) through a depin.Remote: its program must start with
// IsValidator and RunValidator, as it re-executes itself as the validators.
//
// What the devices send follows from Config.Seed and the times they are
// handed.
package telecomsim

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/poc/pocsim"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
)

// ErrConfig reports a Config that cannot be simulated.
var ErrConfig = errors.New("telecomsim: invalid config")

// Config describes the simulated devices. Zero fields take the default their
// comment gives.
type Config struct {
	// Seed makes keys, placement, radio and traffic.
	Seed uint64
	// Hotspots is the number of public hotspots (pocsim). Default 200.
	Hotspots int
	// Liars among them assert a location far from where they stand. Default
	// Hotspots/20. Negative: none.
	Liars int
	// Private is the number of private hotspots (EdDSA-BN254 keys) that
	// prove coverage of a resolution-telecom.DefaultPrivateRes cell in zero
	// knowledge. Default Hotspots/40. Negative: none.
	Private int
	// Clients is the number of bandwidth clients; each has one session per
	// epoch with a provider. Default 1000. Negative: none.
	Clients int
	// Isolated hotspots stand and assert 50 km out of town, where no other
	// hotspot hears their beacons: they earn nothing. Default 1. Negative:
	// none.
	Isolated int
	// Providers is the number of bandwidth providers (VPN nodes: devices of
	// their own, paid from the data-transfer pool). Default Clients/20, at
	// least 1 with clients.
	Providers int
	// BadSessionsPerMille are sessions that must be rejected: a forged
	// client signature, an implausible rate, or a replayed session, in turn.
	// Default 10.
	BadSessionsPerMille int
	// UsageProofs: sessions carry a signature-path usage proof over 16
	// metered readings. Default true (NoUsageProofs turns it off).
	NoUsageProofs bool
	// PrivateRadius is the radius private hotspots prove, in microdegrees.
	// Default telecom.DefaultMaxPrivateRadius.
	PrivateRadius uint32
}

func (c Config) withDefaults() (Config, error) {
	if c.Hotspots == 0 {
		c.Hotspots = 200
	}
	if c.Hotspots < 2 {
		return c, fmt.Errorf("%w: %d hotspots, want at least 2", ErrConfig, c.Hotspots)
	}
	def := func(v *int, d int) {
		switch {
		case *v == 0:
			*v = d
		case *v < 0:
			*v = 0
		}
	}
	def(&c.Liars, c.Hotspots/20)
	def(&c.Private, c.Hotspots/40)
	def(&c.Clients, 1000)
	def(&c.Isolated, 1)
	def(&c.BadSessionsPerMille, 10)
	def(&c.Providers, max(c.Clients/20, 1))
	if c.Clients == 0 {
		c.Providers = 0
	}
	if c.PrivateRadius == 0 {
		c.PrivateRadius = telecom.DefaultMaxPrivateRadius
	}
	if c.Liars > c.Hotspots {
		return c, fmt.Errorf("%w: %d liars of %d hotspots", ErrConfig, c.Liars, c.Hotspots)
	}
	return c, nil
}

// Hotspot is a simulated hotspot, public or private.
type Hotspot struct {
	ID    device.ID
	Key   *device.PrivateKey
	Owner *device.PrivateKey
	// Address is the owner's EVM address, where its rewards are paid.
	Address common.Address
	// Liar: a public hotspot asserting a location far from where it stands.
	Liar bool
	// Isolated: a public hotspot out of everyone's range, asserted
	// truthfully at Cell.
	Isolated bool
	// Private: a hotspot that keeps its location private and proves
	// coverage of Cell (a coarse cell) from Position.
	Private  bool
	Cell     h3.Cell
	Position h3.LatLng
}

// Provider is a simulated bandwidth provider.
type Provider struct {
	ID      device.ID
	Key     *device.PrivateKey
	Owner   *device.PrivateKey
	Address common.Address
}

// Sim is a set of simulated devices. Not safe for concurrent use.
type Sim struct {
	cfg      Config
	world    *pocsim.World
	hotspots []Hotspot
	byID     map[device.ID]int
	clients  []*device.PrivateKey
	// providers are the bandwidth providers, with their owners.
	providers []Provider
	// clientOwner owns every client (clients earn nothing).
	clientOwner *device.PrivateKey
	seq         map[device.ID]uint64
	rng         *rand.Rand
	// network is what devices seal for, set by provision.
	network [32]byte
	// sessions sent, for replays
	sent []replayable
}

type replayable struct {
	provider int
	session  *bandwidth.Session
	usage    *proof.Bundle
}

// New makes the devices of cfg.
func New(cfg Config) (*Sim, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	w, err := pocsim.New(pocsim.Config{Seed: cfg.Seed, Hotspots: cfg.Hotspots, Liars: cfg.Liars})
	if err != nil {
		return nil, err
	}
	var seed [32]byte
	binary.LittleEndian.PutUint64(seed[:], cfg.Seed)
	copy(seed[8:], "depinkit/telecomsim/v1")
	keys := rand.NewChaCha8(seed)
	s := &Sim{cfg: cfg, world: w, byID: map[device.ID]int{}, seq: map[device.ID]uint64{},
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x7e1ec0))}
	owner := func() (*device.PrivateKey, common.Address, error) {
		k, err := device.GenerateKey(device.Secp256k1, keys)
		if err != nil {
			return nil, common.Address{}, err
		}
		a, err := k.Public().Address()
		return k, a, err
	}
	for _, h := range w.Hotspots() {
		o, addr, err := owner()
		if err != nil {
			return nil, err
		}
		s.add(Hotspot{ID: h.ID, Key: h.Key, Owner: o, Address: addr, Liar: h.Liar})
	}
	for i := range cfg.Isolated {
		k, err := device.GenerateKey(device.Ed25519, keys)
		if err != nil {
			return nil, err
		}
		o, addr, err := owner()
		if err != nil {
			return nil, err
		}
		ll := h3.NewLatLng(37.7749+0.45, -122.4194+0.1*float64(i))
		s.add(Hotspot{ID: k.Public().ID(), Key: k, Owner: o, Address: addr, Isolated: true, Cell: h3.LatLngToCell(ll, 12), Position: ll})
	}
	centre := h3.LatLngToCell(h3.NewLatLng(37.7749, -122.4194), telecom.DefaultPrivateRes)
	disk := centre.GridDisk(6)
	slices.Sort(disk)
	for range cfg.Private {
		k, err := device.GenerateKey(device.EdDSABN254, keys)
		if err != nil {
			return nil, err
		}
		o, addr, err := owner()
		if err != nil {
			return nil, err
		}
		cell := disk[s.rng.IntN(len(disk))]
		pos := cell.ChildPosToCell(s.rng.IntN(7*7*7*7), 12).LatLng()
		s.add(Hotspot{ID: k.Public().ID(), Key: k, Owner: o, Address: addr, Private: true, Cell: cell, Position: pos})
	}
	for range cfg.Providers {
		k, err := device.GenerateKey(device.Ed25519, keys)
		if err != nil {
			return nil, err
		}
		o, addr, err := owner()
		if err != nil {
			return nil, err
		}
		s.providers = append(s.providers, Provider{ID: k.Public().ID(), Key: k, Owner: o, Address: addr})
	}
	if s.clientOwner, err = device.GenerateKey(device.Secp256k1, keys); err != nil {
		return nil, err
	}
	for range cfg.Clients {
		k, err := device.GenerateKey(device.Ed25519, keys)
		if err != nil {
			return nil, err
		}
		s.clients = append(s.clients, k)
	}
	return s, nil
}

func (s *Sim) add(h Hotspot) {
	s.byID[h.ID] = len(s.hotspots)
	s.hotspots = append(s.hotspots, h)
}

// Config returns the Config, defaults filled in.
func (s *Sim) Config() Config { return s.cfg }

// Hotspots returns the pocsim hotspots, the isolated ones, then the private
// ones (do not modify).
func (s *Sim) Hotspots() []Hotspot { return s.hotspots }

// Hotspot returns the hotspot with an ID.
func (s *Sim) Hotspot(id device.ID) (*Hotspot, bool) {
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return &s.hotspots[i], true
}

// Providers returns the bandwidth providers (do not modify).
func (s *Sim) Providers() []Provider { return s.providers }

// Clients returns the bandwidth clients' keys.
func (s *Sim) Clients() []*device.PrivateKey { return s.clients }

// SetNetwork sets the network the devices seal for (depin.Node.Network),
// which Provision and the Run functions set themselves: for a caller that
// applies Registrations and the envelopes to Nodes of its own.
func (s *Sim) SetNetwork(network [32]byte) { s.network = network }

// signer binds a device key to the network the sim provisioned (device
// envelopes and owner bindings are signed for it).
func (s *Sim) signer(k device.Signer) device.Signer { return device.ForNetwork(k, s.network) }

// Registrations returns every device's registration transaction
// (depin.RegisterTx): a certificate signed by maker, valid from an hour before
// now for a year, and the binding to its owner.
func (s *Sim) Registrations(maker device.Signer, now time.Time) ([]chain.Tx, error) {
	type job struct {
		dev, owner *device.PrivateKey
		model      string
		serial     string
	}
	var jobs []job
	for i, h := range s.hotspots {
		model := "lora-hotspot"
		if h.Private {
			model = "lora-hotspot-private"
		}
		jobs = append(jobs, job{h.Key, h.Owner, model, fmt.Sprintf("hs-%05d", i)})
	}
	for i, p := range s.providers {
		jobs = append(jobs, job{p.Key, p.Owner, "vpn-node", fmt.Sprintf("vpn-%05d", i)})
	}
	for i, c := range s.clients {
		jobs = append(jobs, job{c, s.clientOwner, "vpn-client", fmt.Sprintf("cl-%05d", i)})
	}
	out := make([]chain.Tx, len(jobs))
	for i, j := range jobs {
		cert := &device.Certificate{Device: j.dev.Public(), Model: j.model, Serial: j.serial,
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(365 * 24 * time.Hour)}
		if err := cert.Sign(maker); err != nil {
			return nil, err
		}
		binding, err := device.NewOwnerBinding(s.signer(j.dev), cert.ID(), j.owner, 0)
		if err != nil {
			return nil, err
		}
		if out[i], err = depin.RegisterTx(cert, binding); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Provision registers every device (Registrations, with the network's
// maker), submitting to the validators in turn, and waits until every
// validator has every device (devnet.Provision). (depin.Network.Provision
// does the same one device at a time, waiting for each.)
func (s *Sim) Provision(ctx context.Context, net *depin.Network) error {
	s.network = net.Network()
	txs, err := s.Registrations(net.Maker(), time.Now())
	if err != nil {
		return err
	}
	return devnet.Provision(ctx, devnet.Local(net), txs)
}

func (s *Sim) nextSeq(id device.ID) uint64 {
	s.seq[id]++
	return s.seq[id]
}

// Setup returns the envelopes devices send once: every public hotspot's
// location assertion and every client's hello. Sessions of a client count
// only once its hello is applied.
func (s *Sim) Setup(at time.Time) ([][]byte, error) {
	var out [][]byte
	for _, a := range s.world.Assertions() {
		h, _ := s.world.Hotspot(a.Hotspot)
		env, err := poc.SealLocation(s.signer(h.Key), s.nextSeq(a.Hotspot), at, &a)
		if err != nil {
			return nil, err
		}
		out = append(out, env)
	}
	for i := range s.hotspots {
		h := &s.hotspots[i]
		if !h.Isolated {
			continue
		}
		a := poc.LocationAssertion{Hotspot: h.ID, Cell: h.Cell, GainDeciDBi: 30, ElevationM: 10, Nonce: 1}
		env, err := poc.SealLocation(s.signer(h.Key), s.nextSeq(h.ID), at, &a)
		if err != nil {
			return nil, err
		}
		out = append(out, env)
	}
	for _, c := range s.clients {
		env, err := telecom.SealHello(s.signer(c), s.nextSeq(c.Public().ID()), at)
		if err != nil {
			return nil, err
		}
		out = append(out, env)
	}
	return out, nil
}

// Traffic is the bandwidth sessions of one epoch.
type Traffic struct {
	// Sessions are the providers' session envelopes, BadSessions of them
	// meant to be rejected.
	Sessions    [][]byte
	BadSessions int
}

// Sessions makes the epoch's bandwidth sessions, at wall time now: every
// client has one with a random provider, with a usage proof on the
// signature path (unless Config.NoUsageProofs); Config.BadSessionsPerMille
// of them are forged, implausible or replayed. They do not depend on the
// epoch's seed: make them ahead.
func (s *Sim) Sessions(now time.Time) (*Traffic, error) {
	t := &Traffic{}
	if err := s.sessions(t, now); err != nil {
		return nil, err
	}
	return t, nil
}

// PoC makes the epoch's proof-of-coverage reports, on the epoch's seed (the
// digest of the commit that closed the previous epoch), at wall time now:
// every public hotspot beacons once with the epoch's entropy and the
// hotspots that hear it (pocsim's radio) report it.
func (s *Sim) PoC(seed [32]byte, now time.Time) ([][]byte, error) {
	var out [][]byte
	entropy := telecom.Entropy(seed)
	nowMs := now.UnixMilli()
	const interval = 6 * 3_600_000
	reports := s.world.Reports(nowMs/interval*interval, interval, 1)
	// Rebuild the beacons on the network's entropy; witnesses follow.
	byBeacon := map[[32]byte][]poc.Witness{}
	for _, w := range reports.Witnesses {
		byBeacon[w.PayloadHash] = append(byBeacon[w.PayloadHash], w.Witness)
	}
	for _, b := range reports.Beacons {
		old := b.PayloadHash()
		beacon := b.Beacon
		beacon.Entropy = entropy
		beacon.Data = poc.BeaconData(entropy, b.LocalEntropy)
		beacon.TimeMs = nowMs
		h, _ := s.world.Hotspot(beacon.Beaconer)
		env, err := poc.SealBeacon(s.signer(h.Key), s.nextSeq(beacon.Beaconer), &beacon)
		if err != nil {
			return nil, err
		}
		out = append(out, env)
		for k, w := range byBeacon[old] {
			w.PayloadHash = beacon.PayloadHash()
			w.TimeMs = nowMs + 50 + int64(k)
			wh, _ := s.world.Hotspot(w.Witness)
			env, err := poc.SealWitness(s.signer(wh.Key), s.nextSeq(w.Witness), &w)
			if err != nil {
				return nil, err
			}
			out = append(out, env)
		}
	}
	for i := range s.hotspots {
		h := &s.hotspots[i]
		if !h.Isolated {
			continue
		}
		local := make([]byte, 8)
		binary.BigEndian.PutUint64(local, s.rng.Uint64())
		b := poc.Beacon{Beaconer: h.ID, Entropy: entropy, LocalEntropy: local, Data: poc.BeaconData(entropy, local),
			FrequencyHz: 903_900_000, TxPowerDBm: 27, DataRate: "SF9BW125", TimeMs: nowMs}
		env, err := poc.SealBeacon(s.signer(h.Key), s.nextSeq(h.ID), &b)
		if err != nil {
			return nil, err
		}
		out = append(out, env)
	}
	return out, nil
}

// CoverageJob is one private hotspot's coverage proof to make: Prove is safe
// to call from its own goroutine.
type CoverageJob struct {
	Hotspot *Hotspot
	witness *proof.CoverageWitness
	seq     uint64
	at      time.Time
	network [32]byte
}

// Coverage returns the jobs of the private hotspots' coverage proofs for
// the epoch's seed, each with its envelope sequence number reserved.
func (s *Sim) Coverage(seed [32]byte, now time.Time) ([]CoverageJob, error) {
	entropy := telecom.Entropy(seed)
	var jobs []CoverageJob
	for i := range s.hotspots {
		h := &s.hotspots[i]
		if !h.Private {
			continue
		}
		w, err := telecom.CoverageWitness(h.Key, h.Cell, telecom.PositionOf(h.Position), s.cfg.PrivateRadius, entropy)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, CoverageJob{Hotspot: h, witness: w, seq: s.nextSeq(h.ID), at: now, network: s.network})
	}
	return jobs, nil
}

// Prove proves the job with prover and seals the envelope.
func (j CoverageJob) Prove(ctx context.Context, prover *proof.Prover) ([]byte, error) {
	b, err := prover.Prove(ctx, j.witness)
	if err != nil {
		return nil, fmt.Errorf("telecomsim: prove coverage of %s: %w", j.Hotspot.ID, err)
	}
	return telecom.SealCoverage(device.ForNetwork(j.Hotspot.Key, j.network), j.seq, j.at, b)
}

// sessions makes one session per client with a random provider.
func (s *Sim) sessions(t *Traffic, now time.Time) error {
	cap, err := bandwidth.ReadingCap(bandwidth.DefaultMaxBytesPerSecond, telecom.DefaultUsageIntervalMs)
	if err != nil {
		return err
	}
	nowMs := now.UnixMilli()
	bad := 0
	for ci, c := range s.clients {
		pi := s.rng.IntN(len(s.providers))
		p := &s.providers[pi]
		cid := c.Public().ID()
		sess := &bandwidth.Session{Provider: p.ID, Client: cid, Bytes: 50_000_000 + s.rng.Uint64N(1_950_000_000), StartMs: nowMs - 600_000}
		// One reading per minute, at 1 to 20 MB/s.
		rate := 1_000_000 + s.rng.Uint64N(19_000_000)
		sess.DurationMs = sess.Bytes * 1000 / rate
		binary.BigEndian.PutUint64(sess.SessionID[:8], s.rng.Uint64())
		binary.BigEndian.PutUint64(sess.SessionID[8:], uint64(ci)+1)
		sess.Nonce = uint64(nowMs)
		kind := 0
		if s.cfg.BadSessionsPerMille > 0 && s.rng.IntN(1000) < s.cfg.BadSessionsPerMille {
			bad++
			kind = bad%3 + 1
		}
		if kind == 2 { // implausible: a terabyte in a second
			sess.Bytes, sess.DurationMs = 1_000_000_000_000, 1000
		}
		readings := split(sess.Bytes, 16)
		var usage *proof.Bundle
		if !s.cfg.NoUsageProofs {
			if sess.ReadingsRoot, err = bandwidth.ReadingsRoot(readings); err != nil {
				return err
			}
		}
		if err := sess.SignProvider(p.Key); err != nil {
			return err
		}
		clientKey := c
		if kind == 1 { // forged: signed by another client
			clientKey = s.clients[(ci+1)%len(s.clients)]
		}
		if err := sess.SignClient(clientKey); err != nil {
			return err
		}
		if !s.cfg.NoUsageProofs {
			w, err := bandwidth.UsageWitness(sess, p.Key, readings, cap)
			if err != nil {
				return err
			}
			if usage, err = proof.Signed(w); err != nil {
				return err
			}
		}
		if kind == 3 && len(s.sent) > 0 { // replay an earlier session
			r := s.sent[s.rng.IntN(len(s.sent))]
			sess, usage, p = r.session, r.usage, &s.providers[r.provider]
		} else if kind == 0 {
			s.sent = append(s.sent, replayable{provider: pi, session: sess, usage: usage})
		}
		if kind != 0 {
			t.BadSessions++
		}
		env, err := telecom.SealSession(s.signer(p.Key), s.nextSeq(p.ID), now, sess, usage)
		if err != nil {
			return err
		}
		t.Sessions = append(t.Sessions, env)
	}
	// Keep the replay pool small.
	if n := len(s.sent); n > 4096 {
		s.sent = slices.Delete(s.sent, 0, n-4096)
	}
	return nil
}

// split divides n into k readings that sum to n.
func split(n uint64, k int) []uint64 {
	out := make([]uint64, k)
	for i := range out {
		out[i] = n / uint64(k)
	}
	out[k-1] += n % uint64(k)
	return out
}

func (s *Sim) provider(id device.ID) *Provider {
	for i := range s.providers {
		if s.providers[i].ID == id {
			return &s.providers[i]
		}
	}
	return nil
}
