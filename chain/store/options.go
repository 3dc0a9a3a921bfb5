package store

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain/dag"
)

// Defaults Validate fills in for zero fields.
const (
	DefaultMaxCommitBytes   = 256 << 20
	DefaultMaxCommitTxs     = 4 << 20
	DefaultMaxSnapshotBytes = 1 << 30
	DefaultKeepSnapshots    = 2
	DefaultCacheSize        = 8 << 20
	DefaultMemTableSize     = 4 << 20
)

// Options configure a Store. The zero value is usable: every zero field takes
// the default its comment gives (Validate fills them in; Open calls it on a
// copy).
type Options struct {
	// FS is the file system the store lives on. Default: vfs.Default, the
	// operating system's. Tests pass vfs.NewMem() (or vfs.NewCrashableMem() to
	// simulate crashes) and wrap it in vfs/errorfs to inject faults.
	FS vfs.FS

	// Limits bound the blocks SaveBlocks takes and LoadBlocks decodes. Zero
	// fields: dag.DefaultLimits. They must be at least the node's
	// dag.Config.Limits, or a block the node accepted could not be stored.
	Limits dag.Limits

	// MaxCommitBytes bounds one encoded commit. Default 256 MiB.
	MaxCommitBytes int
	// MaxCommitTxs bounds the transactions of one commit. Default 4Mi.
	MaxCommitTxs int
	// MaxSnapshotBytes bounds one encoded snapshot. Default 1 GiB.
	MaxSnapshotBytes int
	// KeepSnapshots is how many snapshots SaveSnapshot keeps, the newest.
	// Default 2, so that the previous one survives a bad newest one.
	KeepSnapshots int

	// CacheSize is pebble's block cache in bytes. Default 8 MiB.
	CacheSize int64
	// MemTableSize is the size of one pebble memtable in bytes. Default 4 MiB.
	MemTableSize uint64

	// Logger receives pebble's logs (info at debug level) and the store's.
	// Default: discarded.
	Logger *slog.Logger
}

// Validate fills the zero fields of o with their defaults and reports an error
// wrapping ErrInvalidOptions if o is unusable (a negative limit).
func (o *Options) Validate() error {
	if o.FS == nil {
		o.FS = vfs.Default
	}
	if o.Limits.MaxBlockBytes < 0 || o.Limits.MaxTxBytes < 0 || o.Limits.MaxBlockTxs < 0 {
		return fmt.Errorf("%w: negative Limits %+v", ErrInvalidOptions, o.Limits)
	}
	if o.Limits.MaxBlockBytes == 0 {
		o.Limits.MaxBlockBytes = dag.DefaultLimits.MaxBlockBytes
	}
	if o.Limits.MaxTxBytes == 0 {
		o.Limits.MaxTxBytes = dag.DefaultLimits.MaxTxBytes
	}
	if o.Limits.MaxBlockTxs == 0 {
		o.Limits.MaxBlockTxs = dag.DefaultLimits.MaxBlockTxs
	}
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxCommitBytes", &o.MaxCommitBytes, DefaultMaxCommitBytes},
		{"MaxCommitTxs", &o.MaxCommitTxs, DefaultMaxCommitTxs},
		{"MaxSnapshotBytes", &o.MaxSnapshotBytes, DefaultMaxSnapshotBytes},
		{"KeepSnapshots", &o.KeepSnapshots, DefaultKeepSnapshots},
	} {
		switch {
		case *f.v < 0:
			return fmt.Errorf("%w: %s is %d, want >= 0 (0 for the default %d)", ErrInvalidOptions, f.name, *f.v, f.def)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	switch {
	case o.CacheSize < 0:
		return fmt.Errorf("%w: CacheSize is %d, want >= 0 (0 for the default %d)", ErrInvalidOptions, o.CacheSize, DefaultCacheSize)
	case o.CacheSize == 0:
		o.CacheSize = DefaultCacheSize
	}
	if o.MemTableSize == 0 {
		o.MemTableSize = DefaultMemTableSize
	}
	if o.MemTableSize < 64<<10 {
		return fmt.Errorf("%w: MemTableSize is %d, want at least 64 KiB", ErrInvalidOptions, o.MemTableSize)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return nil
}
