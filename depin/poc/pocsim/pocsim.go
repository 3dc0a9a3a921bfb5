// Package pocsim simulates a city of LoRa hotspots for package poc: it places
// hotspots on real H3 cells around a centre, makes some of them liars that
// assert a location far from where they stand, and produces the beacon and
// witness reports their radios would: a witness hears a beacon if the signal,
// from a log-distance path-loss model at the true distance with seeded
// log-normal shadowing, is above its sensitivity.
//
// Everything follows from Config.Seed: the same seed gives the same keys,
// cells and reports (on one platform; the signal model uses float64 math
// before it rounds to integer deci-dBm). It is for examples, tests and
// benchmarks; it never reads the clock.
package pocsim

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/device"
)

// ErrConfig reports a Config that cannot be simulated.
var ErrConfig = errors.New("pocsim: invalid config")

// Config describes the simulated world. The zero value of each field but
// Hotspots means its default.
type Config struct {
	// Seed makes the world: keys, placement, shadowing, delays.
	Seed uint64
	// Hotspots is the number of hotspots, at least 2.
	Hotspots int
	// Liars is how many of them assert a location LiarRings resolution-8
	// cells (about 0.9 km each) away from where they are.
	Liars int
	// Center is the city centre. Default: San Francisco (37.7749, -122.4194).
	Center h3.LatLng
	// Rings is the radius, in resolution-8 cells, of the disk hotspots stand in.
	// Default 6 (about 6 km).
	Rings int
	// LiarRings is how far liars assert, in resolution-8 cells. Default 15.
	LiarRings int
	// KeyType of the hotspots' keys. Default device.Ed25519.
	KeyType device.KeyType
	// FrequencyHz of the beacons. Default 903,900,000 (US915).
	FrequencyHz uint64
	// TxPowerDBm of the beacons. Default 27.
	TxPowerDBm int32
	// GainDeciDBi of every antenna. Default 30 (3 dBi).
	GainDeciDBi int32
	// PathLossExponentTenths of the true propagation. Default 42 (urban
	// clutter: with the other defaults a beacon reaches about 2 km, and 200
	// hotspots hear about 16 of each other's beacons).
	PathLossExponentTenths int
	// ShadowingDeciDB is the standard deviation of log-normal shadowing.
	// Default 40 (4 dB).
	ShadowingDeciDB int
	// SensitivityDeciDBm is the weakest signal a hotspot hears. Default -1340.
	SensitivityDeciDBm int32
	// LatePerMille of witness reports arrive 5 s after the beacon (too late).
	// Default 0.
	LatePerMille int
	// DuplicatePerMille of witness reports are sent twice, the copy 200 ms
	// later. Default 0.
	DuplicatePerMille int
}

func (c Config) withDefaults() (Config, error) {
	if c.Hotspots < 2 {
		return c, fmt.Errorf("%w: hotspots %d, want at least 2", ErrConfig, c.Hotspots)
	}
	if c.Liars < 0 || c.Liars > c.Hotspots {
		return c, fmt.Errorf("%w: liars %d of %d hotspots", ErrConfig, c.Liars, c.Hotspots)
	}
	if c.Center == (h3.LatLng{}) {
		c.Center = h3.NewLatLng(37.7749, -122.4194)
	}
	if c.Rings == 0 {
		c.Rings = 6
	}
	if c.LiarRings == 0 {
		c.LiarRings = 15
	}
	if c.KeyType == 0 {
		c.KeyType = device.Ed25519
	}
	if c.FrequencyHz == 0 {
		c.FrequencyHz = 903_900_000
	}
	if c.TxPowerDBm == 0 {
		c.TxPowerDBm = 27
	}
	if c.GainDeciDBi == 0 {
		c.GainDeciDBi = 30
	}
	if c.PathLossExponentTenths == 0 {
		c.PathLossExponentTenths = 42
	}
	if c.ShadowingDeciDB == 0 {
		c.ShadowingDeciDB = 40
	}
	if c.SensitivityDeciDBm == 0 {
		c.SensitivityDeciDBm = -1340
	}
	switch {
	case c.Rings < 0 || c.Rings > 50, c.LiarRings < 0 || c.LiarRings > 200:
		return c, fmt.Errorf("%w: rings %d, liar rings %d", ErrConfig, c.Rings, c.LiarRings)
	case c.PathLossExponentTenths < 20:
		return c, fmt.Errorf("%w: path-loss exponent %d tenths, want at least 20 (free space)", ErrConfig, c.PathLossExponentTenths)
	case c.ShadowingDeciDB < 0, c.LatePerMille < 0 || c.LatePerMille > 1000, c.DuplicatePerMille < 0 || c.DuplicatePerMille > 1000:
		return c, fmt.Errorf("%w: shadowing %d, late per mille %d, duplicate per mille %d", ErrConfig, c.ShadowingDeciDB, c.LatePerMille, c.DuplicatePerMille)
	case !c.KeyType.Valid():
		return c, fmt.Errorf("%w: key type %d", ErrConfig, c.KeyType)
	}
	return c, nil
}

// Hotspot is one simulated hotspot.
type Hotspot struct {
	Key *device.PrivateKey
	ID  device.ID
	// True is the resolution-12 cell it stands in; Asserted the one it claims.
	True, Asserted h3.Cell
	Liar           bool
	GainDeciDBi    int32
	ElevationM     int32
}

// World is a simulated city. It is not safe for concurrent use.
type World struct {
	cfg      Config
	hotspots []Hotspot
	index    map[device.ID]int
	rng      *rand.Rand
	seq      map[device.ID]uint64
	// dist caches true distances between hotspots (i < j).
	dist map[[2]int]uint32
}

// New builds a world from cfg.
func New(cfg Config) (*World, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	var seed [32]byte
	binary.LittleEndian.PutUint64(seed[:], cfg.Seed)
	copy(seed[8:], "depinkit/pocsim/v1")
	keys := rand.NewChaCha8(seed)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))

	centre := h3.LatLngToCell(cfg.Center, 8)
	home := centre.GridDisk(cfg.Rings)
	slices.Sort(home)
	far := centre.GridDiskDistances(cfg.LiarRings)[cfg.LiarRings]
	slices.Sort(far)
	liars := map[int]bool{}
	for _, i := range rng.Perm(cfg.Hotspots)[:cfg.Liars] {
		liars[i] = true
	}
	w := &World{cfg: cfg, index: map[device.ID]int{}, rng: rng, seq: map[device.ID]uint64{}, dist: map[[2]int]uint32{}}
	const children = 7 * 7 * 7 * 7 // resolution-12 children of a resolution-8 cell
	for i := range cfg.Hotspots {
		k, err := device.GenerateKey(cfg.KeyType, keys)
		if err != nil {
			return nil, fmt.Errorf("pocsim: key: %w", err)
		}
		h := Hotspot{Key: k, ID: k.Public().ID(), GainDeciDBi: cfg.GainDeciDBi, ElevationM: int32(rng.IntN(30))}
		h.True = home[rng.IntN(len(home))].ChildPosToCell(rng.IntN(children), 12)
		h.Asserted = h.True
		if liars[i] {
			h.Liar = true
			h.Asserted = far[rng.IntN(len(far))].ChildPosToCell(rng.IntN(children), 12)
		}
		w.index[h.ID] = i
		w.hotspots = append(w.hotspots, h)
	}
	return w, nil
}

// Hotspots returns the hotspots (do not modify them).
func (w *World) Hotspots() []Hotspot { return w.hotspots }

// Hotspot returns the hotspot with an ID.
func (w *World) Hotspot(id device.ID) (*Hotspot, bool) {
	i, ok := w.index[id]
	if !ok {
		return nil, false
	}
	return &w.hotspots[i], true
}

// Assertions returns every hotspot's location assertion (nonce 1), in hotspot
// order.
func (w *World) Assertions() []poc.LocationAssertion {
	out := make([]poc.LocationAssertion, len(w.hotspots))
	for i, h := range w.hotspots {
		out[i] = poc.LocationAssertion{Hotspot: h.ID, Cell: h.Asserted, GainDeciDBi: h.GainDeciDBi, ElevationM: h.ElevationM, Nonce: 1}
	}
	return out
}

// Reports are the reports of some beacon buckets, and the entropy they used.
type Reports struct {
	Entropy   poc.EntropyTable
	Beacons   []poc.BeaconReport
	Witnesses []poc.WitnessReport
}

// Entropy returns the simulated network's entropy for a bucket.
func (w *World) Entropy(bucket int64) []byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:], w.cfg.Seed)
	binary.BigEndian.PutUint64(b[8:], uint64(bucket))
	h := sha256.Sum256(append([]byte("depinkit/pocsim/entropy"), b[:]...))
	return h[:16]
}

// Reports simulates buckets consecutive beacon buckets of intervalMs (use
// poc.Rules' BeaconIntervalMs, 6 h by default) from startMs: in each, the
// network publishes entropy at the bucket's start and every hotspot beacons
// once within the entropy's lifetime (received 1 to 170 s after it); every
// hotspot that hears a beacon reports it, received 50 to 1,000 ms after the
// beacon report (LatePerMille of them 5 s after).
func (w *World) Reports(startMs, intervalMs int64, buckets int) Reports {
	out := Reports{Entropy: poc.EntropyTable{}}
	for k := range buckets {
		bucketStart := startMs + int64(k)*intervalMs
		entropy := w.Entropy(bucketStart / intervalMs)
		out.Entropy[string(entropy)] = bucketStart
		for i := range w.hotspots {
			b, ws := w.beacon(i, entropy, bucketStart+1000+w.rng.Int64N(169_000))
			out.Beacons = append(out.Beacons, b)
			out.Witnesses = append(out.Witnesses, ws...)
		}
	}
	return out
}

// beacon makes hotspot i's beacon received at recv and the witness reports of
// the hotspots that hear it.
func (w *World) beacon(i int, entropy []byte, recv int64) (poc.BeaconReport, []poc.WitnessReport) {
	h := &w.hotspots[i]
	local := make([]byte, 8)
	binary.BigEndian.PutUint64(local, w.rng.Uint64())
	b := poc.BeaconReport{Beacon: poc.Beacon{
		Beaconer: h.ID, Entropy: entropy, LocalEntropy: local, Data: poc.BeaconData(entropy, local),
		FrequencyHz: w.cfg.FrequencyHz, TxPowerDBm: w.cfg.TxPowerDBm, DataRate: "SF9BW125", TimeMs: recv - 40,
	}, ReceivedMs: recv}
	hash := b.PayloadHash()
	var ws []poc.WitnessReport
	for j := range w.hotspots {
		if j == i {
			continue
		}
		// Draw the same random numbers for every pair, heard or not, so
		// that one hotspot's luck does not shift the others'.
		shadow := w.rng.NormFloat64() * float64(w.cfg.ShadowingDeciDB) / 10
		delay := 50 + w.rng.Int64N(950)
		late := w.rng.IntN(1000) < w.cfg.LatePerMille
		dup := w.rng.IntN(1000) < w.cfg.DuplicatePerMille
		snr := int32(w.rng.IntN(200)) - 100
		sig, ok := w.signal(i, j, shadow)
		if !ok {
			continue
		}
		if late {
			delay = 5000
		}
		r := poc.WitnessReport{Witness: poc.Witness{
			Witness: w.hotspots[j].ID, PayloadHash: hash, SignalDeciDBm: sig, SNRDeciDB: snr,
			FrequencyHz: w.cfg.FrequencyHz, DataRate: "SF9BW125", TimeMs: recv + delay - 30,
		}, ReceivedMs: recv + delay}
		ws = append(ws, r)
		if dup {
			r.ReceivedMs += 200
			r.TimeMs += 200
			ws = append(ws, r)
		}
	}
	return b, ws
}

// Signal returns the signal hotspot j receives from hotspot i's beacon, in
// deci-dBm, with no shadowing, and whether it is above the sensitivity.
func (w *World) Signal(i, j int) (int32, bool) { return w.signal(i, j, 0) }

func (w *World) signal(i, j int, shadowDB float64) (int32, bool) {
	d := w.trueDistance(i, j)
	if d == 0 {
		d = 1
	}
	c := w.cfg
	// Log-distance path loss anchored at free space at 1 m.
	pl := 20*math.Log10(4*math.Pi*float64(c.FrequencyHz)/poc.SpeedOfLight) + float64(c.PathLossExponentTenths)*math.Log10(float64(d))
	rx := float64(c.TxPowerDBm) + float64(w.hotspots[i].GainDeciDBi)/10 + float64(w.hotspots[j].GainDeciDBi)/10 - pl - shadowDB
	s := math.Floor(rx * 10)
	if s < float64(c.SensitivityDeciDBm) || s < poc.MinSignalDeciDBm {
		return 0, false
	}
	return int32(min(s, poc.MaxSignalDeciDBm)), true
}

func (w *World) trueDistance(i, j int) uint32 {
	if i > j {
		i, j = j, i
	}
	if d, ok := w.dist[[2]int{i, j}]; ok {
		return d
	}
	d, _ := poc.DistanceM(w.hotspots[i].True, w.hotspots[j].True)
	w.dist[[2]int{i, j}] = d
	return d
}

// Envelope is a sealed report and when the network received it.
type Envelope struct {
	Data       []byte
	ReceivedMs int64
}

// Seal signs every report of r in a device envelope with its hotspot's key,
// each hotspot's sequence numbers counting up across calls: first every
// hotspot's location assertion if assertionsAtMs > 0 (sealed at that time),
// then the beacons and witness reports in received order.
func (w *World) Seal(r Reports, assertionsAtMs int64) ([]Envelope, error) {
	type item struct {
		recv int64
		seal func(seq uint64) ([]byte, error)
		id   device.ID
	}
	var items []item
	if assertionsAtMs > 0 {
		for _, a := range w.Assertions() {
			a := a
			h, _ := w.Hotspot(a.Hotspot)
			items = append(items, item{assertionsAtMs, func(seq uint64) ([]byte, error) {
				return poc.SealLocation(h.Key, seq, time.UnixMilli(assertionsAtMs), &a)
			}, a.Hotspot})
		}
	}
	for _, b := range r.Beacons {
		b := b
		h, ok := w.Hotspot(b.Beaconer)
		if !ok {
			return nil, fmt.Errorf("%w: beacon of unknown hotspot %s", ErrConfig, b.Beaconer)
		}
		items = append(items, item{b.ReceivedMs, func(seq uint64) ([]byte, error) { return poc.SealBeacon(h.Key, seq, &b.Beacon) }, b.Beaconer})
	}
	for _, x := range r.Witnesses {
		x := x
		h, ok := w.Hotspot(x.Witness.Witness)
		if !ok {
			return nil, fmt.Errorf("%w: witness report of unknown hotspot %s", ErrConfig, x.Witness.Witness)
		}
		items = append(items, item{x.ReceivedMs, func(seq uint64) ([]byte, error) { return poc.SealWitness(h.Key, seq, &x.Witness) }, x.Witness.Witness})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		switch {
		case a.recv < b.recv:
			return -1
		case a.recv > b.recv:
			return 1
		}
		return 0
	})
	out := make([]Envelope, len(items))
	for k, it := range items {
		w.seq[it.id]++
		data, err := it.seal(w.seq[it.id])
		if err != nil {
			return nil, err
		}
		out[k] = Envelope{Data: data, ReceivedMs: it.recv}
	}
	return out, nil
}
