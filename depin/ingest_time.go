package depin

import (
	"fmt"
	"time"

	"github.com/depinkit/depinkit/device"
)

// checkSkew reports an envelope whose time is more than ct's bound away from
// the commit's timestamp (Unix milliseconds): a rule of the replicated state
// machine, so it reads the commit's agreed time, never a clock.
func checkSkew(ct ContentType, env *device.Envelope, commitMs int64) error {
	bound := ct.MaxSkew
	if bound <= 0 {
		bound = DefaultMaxSkew
	}
	skew := env.Time.UnixMilli() - commitMs
	if skew < 0 {
		skew = -skew
	}
	if skew > bound.Milliseconds() {
		return fmt.Errorf("envelope time %s is %s from the commit's %s, at most %s for %s",
			env.Time.UTC().Format(time.RFC3339Nano), time.Duration(skew)*time.Millisecond,
			time.UnixMilli(commitMs).UTC().Format(time.RFC3339Nano), bound, ct.Name)
	}
	return nil
}
