package meter_test

import (
	"errors"
	"math/big"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/depin/vertical/meter"
	"github.com/depinkit/depinkit/depin/vertical/verticaltest"
	"github.com/depinkit/depinkit/reward"
)

// The meter broken in one way each: the conformance suite must fail on every
// one of them.

type claimApplies struct{ vertical.Vertical } // Claim changes the state

func (b claimApplies) Claim(r *vertical.Report) (any, error) {
	c, err := b.Vertical.Claim(r)
	if err == nil {
		_ = b.Vertical.Apply(0, c)
	}
	return c, err
}

type applyFailsLate struct{ vertical.Vertical } // Apply fails after changing the state

func (b applyFailsLate) Apply(epoch uint64, c any) error {
	if err := b.Vertical.Apply(epoch, c); err != nil {
		return err
	}
	if c.(meter.Entry).Wh == 700 {
		return vertical.Reject("too-late", "changed the state first")
	}
	return nil
}

var calls int // a global the nondeterministic meter reads

type nondeterministic struct{ vertical.Vertical }

func (b nondeterministic) Score(epoch uint64) (*vertical.Score, error) {
	s, err := b.Vertical.Score(epoch)
	calls++
	if err == nil && len(s.Pools[0].Contributions) > 0 {
		s.Pools[0].Contributions[0].Units = big.NewInt(int64(calls))
	}
	return s, err
}

type restoreIgnores struct{ vertical.Vertical } // Restore accepts anything

func (b restoreIgnores) Restore(snapshot []byte) error {
	if err := b.Vertical.Restore(snapshot); err != nil {
		return nil
	}
	return nil
}

type badPool struct{ vertical.Vertical } // a pool name out of [a-z0-9-]

func (b badPool) Score(epoch uint64) (*vertical.Score, error) {
	s, err := b.Vertical.Score(epoch)
	if err == nil {
		s.Pools[0].Name = "Readings"
	}
	return s, err
}

type twice struct{ vertical.Vertical } // a contributor twice in a pool

func (b twice) Score(epoch uint64) (*vertical.Score, error) {
	s, err := b.Vertical.Score(epoch)
	if err == nil && len(s.Pools[0].Contributions) > 0 {
		c := s.Pools[0].Contributions[0]
		s.Pools[0].ByID = append(s.Pools[0].ByID, vertical.Contribution{Contributor: reward.ContributorID(mustID(c.Contributor)), Units: c.Units})
	}
	return s, err
}

var broken = map[string]struct {
	wrap func(vertical.Vertical) vertical.Vertical
	want string
}{
	"claim-applies":     {func(v vertical.Vertical) vertical.Vertical { return claimApplies{v} }, "Claim changed the state"},
	"apply-fails-late":  {func(v vertical.Vertical) vertical.Vertical { return applyFailsLate{v} }, "Apply failed (depin: rejected (too-late)"},
	"nondeterministic":  {func(v vertical.Vertical) vertical.Vertical { return nondeterministic{v} }, "runs differ"},
	"restore-ignores":   {func(v vertical.Vertical) vertical.Vertical { return restoreIgnores{v} }, "Restore accepted a"},
	"bad-pool":          {func(v vertical.Vertical) vertical.Vertical { return badPool{v} }, `name "Readings"`},
	"contributor-twice": {func(v vertical.Vertical) vertical.Vertical { return twice{v} }, "appears twice"},
	"no-rejections":     {func(v vertical.Vertical) vertical.Vertical { return v }, "include at least one of each"},
}

// TestBroken runs the suite on the broken meter named by
// $VERTICALTEST_BROKEN (it is expected to fail); TestConformanceCatches runs
// it in a child process for each.
func TestBroken(t *testing.T) {
	name := os.Getenv("VERTICALTEST_BROKEN")
	if name == "" {
		t.Skip("run by TestConformanceCatches")
	}
	b := broken[name]
	m := newMeters(t, 3)
	eps := epochs(m)
	if name == "no-rejections" {
		eps = [][]*vertical.Report{{m.reading(0, 10), m.reading(1, 20)}}
	}
	verticaltest.Run(t, verticaltest.Config{New: func() vertical.Vertical { return b.wrap(meter.New()) }, Epochs: eps})
}

// TestConformanceCatches: the conformance suite fails, saying why, on a
// vertical broken in each of the ways it checks.
func TestConformanceCatches(t *testing.T) {
	if os.Getenv("VERTICALTEST_BROKEN") != "" {
		t.Skip("in a child")
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBroken$", "-test.count=1")
			cmd.Env = append(os.Environ(), "VERTICALTEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "the suite passed a broken meter (%s):\n%s", name, out)
			require.Contains(t, string(out), b.want)
		})
	}
}
