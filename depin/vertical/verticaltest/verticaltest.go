// Package verticaltest is the conformance suite every vertical runs, as
// slogtest is for slog handlers and transporttest for transports: Run feeds a
// vertical the reports of a few epochs the way the runtime does and checks
// the rules of vertical.Vertical that the runtime relies on but cannot check
// itself:
//
//   - it describes itself: a name, content types with valid schema names and
//     proof rules, a curve;
//   - determinism: two fresh instances fed the same reports make the same
//     decisions, the same scores and the same snapshots at every step;
//   - Claim does not change the state, and a Claim or Apply that fails leaves
//     the state as it was;
//   - snapshot round trip: a fresh instance restored from a snapshot taken
//     in the middle of an epoch snapshots to the same bytes and then makes
//     the same decisions and scores as the original;
//   - Restore refuses a truncated or extended snapshot and keeps its state;
//   - scores are well formed: pool names valid and distinct, weights of
//     several pools at least 1, each contributor once per pool, late
//     rejections with valid reasons.
//
// The state is compared through Snapshot, which must therefore capture all of
// it (the rule of vertical.Base). The reports are the vertical author's: they
// must include at least one the vertical accepts and one it rejects, so that
// the checks check something.
package verticaltest

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
)

// Config is what Run needs.
type Config struct {
	// New returns a fresh vertical in its genesis state; Run calls it several
	// times.
	New func() vertical.Vertical
	// Epochs are the reports of epochs 0, 1, ... in commit order, as the
	// runtime would pass them to Claim (opened, checked, proofs verified).
	Epochs [][]*vertical.Report
	// Seed is each epoch's seed for an EpochStarter. Nil: zero for epoch 0,
	// and SHA-256 of the epoch number's 8 big-endian bytes after.
	Seed func(epoch uint64) [32]byte
}

func (c *Config) seed(epoch uint64) [32]byte {
	if c.Seed != nil {
		return c.Seed(epoch)
	}
	if epoch == 0 {
		return [32]byte{}
	}
	return sha256.Sum256(binary.BigEndian.AppendUint64(nil, epoch))
}

// Run runs the conformance checks as subtests of t.
func Run(t *testing.T, cfg Config) {
	t.Helper()
	if cfg.New == nil || len(cfg.Epochs) == 0 {
		t.Fatal("verticaltest: Config needs New and at least one epoch of reports")
	}
	t.Run("Describe", func(t *testing.T) { checkDescribe(t, cfg.New()) })
	var ref *trace
	t.Run("Determinism", func(t *testing.T) {
		a := play(t, &cfg, cfg.New(), -1)
		b := play(t, &cfg, cfg.New(), -1)
		compare(t, a, b)
		if a.accepted == 0 || a.rejected == 0 {
			t.Fatalf("the reports gave %d accepted and %d rejected: include at least one of each", a.accepted, a.rejected)
		}
		ref = a
	})
	t.Run("SnapshotRoundTrip", func(t *testing.T) {
		if ref == nil {
			t.Skip("no reference run")
		}
		for e := range cfg.Epochs {
			restored := play(t, &cfg, cfg.New(), e)
			compare(t, ref, restored)
		}
	})
	t.Run("RestoreRefusesCorruption", func(t *testing.T) {
		v := cfg.New() // with the first epoch's state
		start(t, &cfg, v, 0)
		for _, r := range cfg.Epochs[0] {
			if c, err := v.Claim(r); err == nil {
				_ = v.Apply(0, c)
			}
		}
		snap := snapshot(t, v)
		for name, bad := range map[string][]byte{
			"truncated": snap[:len(snap)-1],
			"extended":  append(bytes.Clone(snap), 0),
			"empty":     {},
		} {
			if err := v.Restore(bad); err == nil {
				t.Errorf("Restore accepted a %s snapshot", name)
			}
			if after := snapshot(t, v); !bytes.Equal(snap, after) {
				t.Errorf("a refused %s snapshot changed the state", name)
			}
		}
		w := cfg.New()
		if err := w.Restore(snap); err != nil {
			t.Fatalf("Restore of a snapshot: %v", err)
		}
		if again := snapshot(t, w); !bytes.Equal(snap, again) {
			t.Error("a restored state snapshots to other bytes")
		}
	})
}

func checkDescribe(t *testing.T, v vertical.Vertical) {
	if v.Name() == "" {
		t.Error("Name is empty")
	}
	cts := v.ContentTypes()
	if len(cts) == 0 {
		t.Error("ContentTypes is empty")
	}
	seen := map[string]bool{}
	for i, ct := range cts {
		if err := device.CheckSchema(ct.Name); err != nil {
			t.Errorf("ContentTypes()[%d]: %v", i, err)
		}
		if seen[ct.Name] {
			t.Errorf("ContentTypes()[%d]: %q repeats", i, ct.Name)
		}
		seen[ct.Name] = true
		if ct.Proof > vertical.BundleZK || ct.MaxPayload < 0 || ct.MaxSkew < 0 {
			t.Errorf("ContentTypes()[%d] (%s): bad proof rule, size or skew", i, ct.Name)
		}
	}
	if cp, ok := vertical.As[vertical.CurveProposer](v); ok { // optional: the subnet names the curve
		c := cp.Curve()
		if c == nil {
			t.Fatal("Curve is nil")
		}
		if e := c.Emission(0); e == nil || e.Sign() < 0 {
			t.Errorf("Curve().Emission(0) = %v, want a non-negative amount", e)
		}
	}
}

// trace is what a run decided, step by step, in comparable text.
type trace struct {
	steps              []string
	accepted, rejected int
}

func start(t *testing.T, cfg *Config, v vertical.Vertical, epoch uint64) {
	t.Helper()
	if s, ok := v.(vertical.EpochStarter); ok {
		if err := s.StartEpoch(epoch, cfg.seed(epoch)); err != nil {
			t.Fatalf("StartEpoch(%d): %v", epoch, err)
		}
	}
}

func snapshot(t *testing.T, v vertical.Vertical) []byte {
	t.Helper()
	b, err := v.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	again, err := v.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	if !bytes.Equal(b, again) {
		t.Fatal("two Snapshots of one state differ")
	}
	return b
}

// play runs every epoch on v. With restoreAt >= 0, in the middle of that
// epoch it moves to a fresh instance restored from v's snapshot.
func play(t *testing.T, cfg *Config, v vertical.Vertical, restoreAt int) *trace {
	t.Helper()
	tr := &trace{}
	for e, reports := range cfg.Epochs {
		epoch := uint64(e)
		start(t, cfg, v, epoch)
		for i, r := range reports {
			if e == restoreAt && i == len(reports)/2 {
				snap := snapshot(t, v)
				w := cfg.New()
				if err := w.Restore(snap); err != nil {
					t.Fatalf("epoch %d, report %d: Restore of a snapshot: %v", e, i, err)
				}
				if again := snapshot(t, w); !bytes.Equal(snap, again) {
					t.Fatalf("epoch %d, report %d: a restored state snapshots to other bytes", e, i)
				}
				v = w
			}
			before := snapshot(t, v)
			c, err := v.Claim(r)
			if after := snapshot(t, v); !bytes.Equal(before, after) {
				t.Fatalf("epoch %d, report %d: Claim changed the state", e, i)
			}
			if err == nil {
				err = v.Apply(epoch, c)
				if err != nil {
					if after := snapshot(t, v); !bytes.Equal(before, after) {
						t.Fatalf("epoch %d, report %d: Apply failed (%v) and changed the state", e, i, err)
					}
				}
			}
			outcome := "accepted"
			if err != nil {
				reason, detail := vertical.ReasonOf(err)
				outcome = "rejected " + reason + ": " + detail
				tr.rejected++
			} else {
				tr.accepted++
			}
			tr.steps = append(tr.steps, fmt.Sprintf("epoch %d report %d: %s", e, i, outcome))
		}
		s, err := v.Score(epoch)
		if err != nil {
			t.Fatalf("Score(%d): %v", epoch, err)
		}
		if s == nil {
			t.Fatalf("Score(%d) returned nil", epoch)
		}
		checkScore(t, epoch, s)
		tr.steps = append(tr.steps, fmt.Sprintf("epoch %d score:\n%s", e, render(s)))
		tr.steps = append(tr.steps, fmt.Sprintf("epoch %d state: %x", e, snapshot(t, v)))
	}
	return tr
}

func compare(t *testing.T, a, b *trace) {
	t.Helper()
	if len(a.steps) != len(b.steps) {
		t.Fatalf("%d steps, then %d", len(a.steps), len(b.steps))
	}
	for i := range a.steps {
		if a.steps[i] != b.steps[i] {
			t.Fatalf("runs differ at step %d:\n%s\nthen:\n%s", i, a.steps[i], b.steps[i])
		}
	}
}

func checkScore(t *testing.T, epoch uint64, s *vertical.Score) {
	t.Helper()
	names := map[string]bool{}
	for i, p := range s.Pools {
		if !vertical.ValidReason(p.Name) || strings.Contains(p.Name, ":") {
			t.Errorf("Score(%d).Pools[%d]: name %q, want 1 to %d bytes of [a-z0-9-]", epoch, i, p.Name, vertical.MaxReasonLen)
		}
		if names[p.Name] {
			t.Errorf("Score(%d).Pools[%d]: name %q repeats", epoch, i, p.Name)
		}
		names[p.Name] = true
		if len(s.Pools) > 1 && (p.Weight == nil || p.Weight.Sign() <= 0) {
			t.Errorf("Score(%d).Pools[%d] (%s): weight %v, want at least 1 with several pools", epoch, i, p.Name, p.Weight)
		}
		seen := map[string]bool{}
		for k, c := range p.All() {
			if seen[c.Contributor] {
				t.Errorf("Score(%d).Pools[%d] (%s): contributor %s appears twice (contribution %d)", epoch, i, p.Name, c.Contributor, k)
			}
			seen[c.Contributor] = true
			if c.Units == nil || c.Units.Sign() < 0 {
				t.Errorf("Score(%d).Pools[%d] (%s): contributor %s has units %v", epoch, i, p.Name, c.Contributor, c.Units)
			}
		}
	}
	for i, r := range s.Rejected {
		if !vertical.ValidReason(r.Reason) {
			t.Errorf("Score(%d).Rejected[%d]: reason %q is not valid (it would count as %s)", epoch, i, r.Reason, vertical.ReasonInvalidClaim)
		}
	}
}

// render writes a Score as text, exactly (amounts and ratios in full).
func render(s *vertical.Score) string {
	var b strings.Builder
	for _, p := range s.Pools {
		fmt.Fprintf(&b, "pool %s weight %v\n", p.Name, p.Weight)
		for _, c := range p.All() {
			fmt.Fprintf(&b, "  %s units %v cap %v", c.Contributor, c.Units, c.Cap)
			for _, m := range c.Multipliers {
				v := "<nil>"
				if m.Value != nil {
					v = m.Value.RatString()
				}
				fmt.Fprintf(&b, " x %s=%s (%s)", m.Name, v, m.Note)
			}
			b.WriteByte('\n')
		}
	}
	for _, r := range s.Rejected {
		fmt.Fprintf(&b, "late %s seq %d %s: %s\n", r.Device, r.Seq, r.Reason, r.Detail)
	}
	return b.String()
}
