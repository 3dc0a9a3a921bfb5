package meter_test

import (
	"fmt"
	"time"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/device"
)

// The meter vertical fed by hand, as the runtime feeds it: a reading is
// claimed and applied, a zero reading refused, and the epoch scored.
func ExampleNew() {
	v := meter.New()
	key, _ := device.GenerateKey(device.Ed25519, seedOf(7))
	report := func(seq, wh uint64) *vertical.Report {
		sealed, _ := device.Seal(key, device.Header{ContentType: meter.ContentTypeReading, Seq: seq, Time: time.UnixMilli(1_780_000_000_000)}, meter.Reading{Wh: wh})
		env, _ := device.ParseEnvelope(sealed) // the runtime also checks the signature and the device
		return &vertical.Report{Envelope: env, Device: device.Record{ID: key.Public().ID(), Key: key.Public()}}
	}
	for seq, wh := range []uint64{1200, 0} {
		c, err := v.Claim(report(uint64(seq+1), wh))
		if err == nil {
			err = v.Apply(0, c)
		}
		fmt.Println(wh, "Wh:", err)
	}
	s, _ := v.Score(0)
	for _, p := range s.Pools {
		for _, c := range p.Contributions {
			fmt.Println(p.Name, "weight", p.Weight, c.Units, "units", c.Multipliers[0].Note)
		}
	}
	// Output:
	// 1200 Wh: <nil>
	// 0 Wh: depin: rejected (zero-reading): a reading of 0 Wh
	// readings weight 3 1200 units uncertified meter
}
