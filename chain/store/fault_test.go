package store

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/vfs/errorfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/dag"
)

// walSyncFault fails every sync of a write-ahead log file while it is on: a
// disk that stops accepting writes, or an fsync that reports an I/O error.
type walSyncFault struct {
	on     atomic.Bool
	writes bool // fail writes too, not only syncs
}

func (f *walSyncFault) String() string { return "wal-sync-fault" }

func (f *walSyncFault) MaybeError(op errorfs.Op) error {
	if !f.on.Load() || !strings.HasSuffix(op.Path, ".log") {
		return nil
	}
	switch op.Kind {
	case errorfs.OpFileSync, errorfs.OpFileSyncData, errorfs.OpFileSyncTo:
		return errorfs.ErrInjected
	case errorfs.OpFileWrite, errorfs.OpFileWriteAt:
		if f.writes {
			return errorfs.ErrInjected
		}
	}
	return nil
}

// TestFailedSync: a sync that fails surfaces as ErrFailed, the store refuses
// everything after it (nothing half-written is read), and reopening the
// directory yields the state before the failed write or after it, whole.
func TestFailedSync(t *testing.T) {
	for _, tc := range []struct {
		name   string
		writes bool // writes fail too, not only syncs
		// crash: reopen the state as of the last successful sync (a crash
		// after the failure), not the file system as it is.
		crash bool
		after bool // the failed write is expected to be found (else not)
	}{
		{name: "sync fails, reopen as is", after: true},
		{name: "sync fails, reopen after a crash", crash: true},
		{name: "write and sync fail, reopen as is", writes: true},
		{name: "write and sync fail, reopen after a crash", writes: true, crash: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := vfs.NewCrashableMem()
			fault := &walSyncFault{writes: tc.writes}
			s := openMem(t, errorfs.Wrap(mem, fault), Options{})
			before := []*dag.Block{testBlock(t, 0, 1, 0, 1, 0), testBlock(t, 0, 1, 1, 1, 0)}
			require.NoError(t, s.SaveBlocks(before))
			require.NoError(t, s.SaveCommits(testCommits(1, 2)))

			fault.on.Store(true)
			failed := []*dag.Block{testBlock(t, 0, 2, 0, 3, 0), testBlock(t, 0, 2, 1, 3, 0), testBlock(t, 0, 2, 2, 3, 0)}
			err := s.SaveBlocks(failed)
			require.ErrorIs(t, err, ErrFailed)
			t.Log(err)
			// Fail-stop: nothing is read from or written to a failed store.
			_, err = s.LoadBlocks()
			require.ErrorIs(t, err, ErrFailed)
			_, err = s.LastRound(0, 0)
			require.ErrorIs(t, err, ErrFailed)
			require.ErrorIs(t, s.SaveCommits(testCommits(3, 3)), ErrFailed)
			fault.on.Store(false)
			require.ErrorIs(t, s.SaveBlocks(before), ErrFailed)

			var fs vfs.FS = mem
			if tc.crash {
				fs = mem.CrashClone(vfs.CrashCloneCfg{})
			}
			require.ErrorIs(t, s.Close(), ErrFailed)
			if !tc.crash {
				fs = mem
			}
			s = openMem(t, fs, Options{})
			defer s.Close()
			got, err := s.LoadBlocks()
			require.NoError(t, err)
			r, err := s.LastRound(0, 0)
			require.NoError(t, err)
			switch len(got) {
			case len(before):
				requireSameBlocks(t, before, got)
				require.EqualValues(t, 1, r)
			case len(before) + len(failed):
				requireSameBlocks(t, append(before, failed...), got)
				require.EqualValues(t, 2, r)
			default:
				t.Fatalf("loaded %d blocks: neither the state before (%d) nor after (%d)", len(got), len(before), len(before)+len(failed))
			}
			// The unsynced commits saved before the failed write share its fate:
			// the log keeps a prefix of the writes.
			pos, err := s.CommitPosition()
			require.NoError(t, err)
			if tc.after {
				require.Len(t, got, len(before)+len(failed))
				require.EqualValues(t, 2, pos.Index)
			} else {
				require.Len(t, got, len(before))
				require.Zero(t, pos.Index)
			}
		})
	}
}

// TestOpenFaults: a file system that refuses to open the store is an error,
// not a panic or an exit.
func TestOpenFaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		inj  errorfs.Injector
	}{
		{"no directory", errorfs.InjectorFunc(func(op errorfs.Op) error {
			if op.Kind == errorfs.OpMkdirAll {
				return errorfs.ErrInjected
			}
			return nil
		})},
		{"no files", errorfs.InjectorFunc(func(op errorfs.Op) error {
			if op.Kind == errorfs.OpCreate {
				return errorfs.ErrInjected
			}
			return nil
		})},
		{"no syncs", errorfs.InjectorFunc(func(op errorfs.Op) error {
			if op.Kind == errorfs.OpFileSync || op.Kind == errorfs.OpFileSyncData {
				return errorfs.ErrInjected
			}
			return nil
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open("db", Options{FS: errorfs.Wrap(vfs.NewMem(), tc.inj)})
			require.Error(t, err)
			t.Log(err)
		})
	}
}
