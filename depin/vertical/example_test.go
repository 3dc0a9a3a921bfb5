package vertical_test

import (
	"bytes"
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/depinkit/depinkit/canonical"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// meter is a small typed vertical: meters send readings in Wh; epoch n pays
// each meter by its Wh, from an emission of 1,000,000 base units.
type meter struct {
	curve reward.Curve
	wh    map[device.ID]uint64 // the open epoch's totals
}

// reading is what Claim makes of an envelope: the vertical's own claim type.
type reading struct {
	meter device.ID
	wh    uint64
}

const readingType = "depin/meter/reading/v1"

func (m *meter) Name() string { return "meter" }

func (m *meter) ContentTypes() []vertical.ContentType {
	return []vertical.ContentType{{Name: readingType, Proof: vertical.SignatureOnly, MaxPayload: 16}}
}

func (m *meter) Claim(r *vertical.Report) (reading, error) {
	var wh uint64
	if err := canonical.UnmarshalCanonical(r.Envelope.Payload, &wh); err != nil {
		return reading{}, vertical.Reject("bad-reading", "%v", err)
	}
	if wh == 0 || wh > 10_000 {
		return reading{}, vertical.Reject("implausible-reading", "%d Wh, want 1 to 10000", wh)
	}
	return reading{meter: r.Envelope.Device, wh: wh}, nil
}

func (m *meter) Apply(_ uint64, c reading) error {
	m.wh[c.meter] += c.wh
	return nil
}

func (m *meter) Score(uint64) (*vertical.Score, error) {
	pool := vertical.Pool{Name: "readings"}
	for _, id := range slices.SortedFunc(maps.Keys(m.wh), func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) }) {
		pool.ByID = append(pool.ByID, vertical.Contribution{Contributor: reward.ContributorID(id), Units: new(big.Int).SetUint64(m.wh[id])})
	}
	clear(m.wh)
	return &vertical.Score{Pools: []vertical.Pool{pool}}, nil
}

func (m *meter) Curve() reward.Curve { return m.curve }

type total struct {
	_  struct{} `cbor:",toarray"`
	ID device.ID
	Wh uint64
}

func (m *meter) Snapshot() ([]byte, error) {
	ts := []total{}
	for _, id := range slices.SortedFunc(maps.Keys(m.wh), func(a, b device.ID) int { return bytes.Compare(a[:], b[:]) }) {
		ts = append(ts, total{ID: id, Wh: m.wh[id]})
	}
	return canonical.Marshal(ts)
}

func (m *meter) Restore(snapshot []byte) error {
	var ts []total
	if err := canonical.UnmarshalCanonical(snapshot, &ts); err != nil {
		return fmt.Errorf("meter: snapshot: %w", err)
	}
	wh := map[device.ID]uint64{}
	for _, t := range ts {
		wh[t.ID] = t.Wh
	}
	m.wh = wh
	return nil
}

// A typed vertical, adapted to the Vertical the runtime drives, fed two
// meters' readings by hand as the runtime would, and scored.
func Example() {
	curve, _ := reward.NewConstant(big.NewInt(1_000_000))
	var v vertical.Vertical = vertical.Adapt[reading](&meter{curve: curve, wh: map[device.ID]uint64{}})

	report := func(id byte, wh uint64) *vertical.Report {
		payload, _ := canonical.Marshal(wh)
		return &vertical.Report{Envelope: &device.Envelope{
			Header:  device.Header{Device: device.ID{id}, ContentType: readingType, Seq: 1},
			Payload: payload,
		}}
	}
	for _, r := range []*vertical.Report{report(1, 800), report(2, 1200), report(2, 0)} {
		c, err := v.Claim(r)
		if err != nil {
			reason, detail := vertical.ReasonOf(err)
			fmt.Println("rejected:", reason, detail)
			continue
		}
		if err := v.Apply(0, c); err != nil {
			panic(err)
		}
	}
	// The runtime never hands Apply another type; if something did:
	fmt.Println(v.Apply(0, "a string"))

	s, _ := v.Score(0)
	for _, c := range s.Pools[0].All() {
		fmt.Println(c.Contributor[:8], c.Units)
	}
	m, _ := vertical.As[*meter](v)
	fmt.Println(len(m.wh), "meters in the next epoch")
	// Output:
	// rejected: implausible-reading 0 Wh, want 1 to 10000
	// vertical: claim of the wrong type: vertical "meter": claim of type string, want vertical_test.reading
	// 01000000 800
	// 02000000 1200
	// 0 meters in the next epoch
}

// A vertical with many records per epoch tallies them on reward's fast path
// (reward.Epoch, keyed by reward.ContributorID) and makes its pool from the
// tallies: no string per record, none per contributor until the runtime
// names them.
func ExamplePoolFromEpoch() {
	e := reward.NewEpoch(0)
	a, b := reward.ContributorID(device.ID{0xaa}), reward.ContributorID(device.ID{0xbb})
	for range 1000 {
		_ = e.AddUnits(a, 3) // a session, a beacon, a reading...
		_ = e.AddUnits(b, 1)
	}
	pool, err := vertical.PoolFromEpoch("sessions", big.NewInt(1), e, nil)
	if err != nil {
		panic(err)
	}
	for _, c := range pool.ByID {
		fmt.Println(vertical.ContributorName(c.Contributor)[:4], c.Units)
	}
	// Output:
	// aa00 3000
	// bb00 1000
}
