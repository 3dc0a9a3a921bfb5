package meter_test

import (
	"bytes"
	"testing"

	"github.com/depinkit/depinkit/depin/vertical/meter"
)

// FuzzRestore feeds arbitrary snapshots to Restore: it never panics, a
// refused snapshot leaves the state as it was, and an accepted one gives a
// state whose snapshot restores to itself.
func FuzzRestore(f *testing.F) {
	m := newMeters(f, 3)
	v := meter.NewMeter()
	for _, r := range epochs(m)[0] {
		if c, err := v.Claim(r); err == nil {
			_ = v.Apply(0, c)
		}
	}
	good, err := v.Snapshot()
	if err != nil {
		f.Fatal(err)
	}
	empty, _ := meter.NewMeter().Snapshot()
	f.Add(good)
	f.Add(empty)
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		w := meter.NewMeter()
		if err := w.Restore(good); err != nil {
			t.Fatal(err)
		}
		if err := w.Restore(data); err != nil {
			after, err := w.Snapshot()
			if err != nil || !bytes.Equal(after, good) {
				t.Fatalf("a refused snapshot changed the state (%v)", err)
			}
			return
		}
		snap, err := w.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		x := meter.NewMeter()
		if err := x.Restore(snap); err != nil {
			t.Fatalf("the snapshot of a restored state is refused: %v", err)
		}
		again, err := x.Snapshot()
		if err != nil || !bytes.Equal(snap, again) {
			t.Fatalf("snapshot, restore, snapshot is not stable (%v)", err)
		}
	})
}
