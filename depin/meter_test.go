package depin_test

import (
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical/meter"
)

// The package's tests run the meter vertical (package depin/vertical/meter):
// energy readings in Wh, a usage-proof pool, certified meters in full and
// others at half, a late over-capacity rejection; 1,000,000 per epoch, 3/4 to
// readings and 1/4 to proofs.

// reading is the payload of a reading envelope.
type reading = meter.Reading

const (
	readingType   = meter.ContentTypeReading
	meterEmission = meter.Emission
)

var (
	usageType     = meter.ContentTypeUsage
	thresholdType = meter.ContentTypeThreshold // needs a ZK proof
)

func newMeter() depin.Vertical { return meter.New() }
