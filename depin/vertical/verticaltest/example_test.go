package verticaltest_test

import (
	"testing"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/depin/vertical/verticaltest"
)

// reportsOfTwoEpochs stands for a vertical's own test reports: some it
// accepts, some it rejects (package meter's tests build real ones).
func reportsOfTwoEpochs() [][]*vertical.Report { return nil }

// A vertical's test runs the suite on fresh instances and reports of its own,
// as package meter's TestConformance does.
func ExampleRun() {
	_ = func(t *testing.T) {
		verticaltest.Run(t, verticaltest.Config{New: meter.New, Epochs: reportsOfTwoEpochs()})
	}
}
