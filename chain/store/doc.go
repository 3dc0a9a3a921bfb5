// Package store is a validator's durable state, on pebble
// (github.com/cockroachdb/pebble/v2): the DAG blocks its consensus core
// accepted, the commits it applied, the highest round it stored per author
// and epoch (its own last proposal among them), and its application's
// snapshots. A *Store is the dag.Store of a dag.Node, and survives the
// process: kill it at any moment, Open the directory again, and the node
// recovers its DAG and commit position and catches up from its peers.
//
// # Using it
//
//  1. Open the data directory: s, err := store.Open(dir, store.Options{}).
//     The zero Options are usable (the OS file system, dag.DefaultLimits;
//     see Options for every default). Tests pass Options.FS = vfs.NewMem().
//  2. Restore the application: if sn, err := s.LoadSnapshot() finds one,
//     restore the application from sn.Data (chain.Snapshotter) and remember
//     sn.Height; without one, start from the empty state at height 0.
//  3. Build the node with Store: s and Applied: that height. dag.NewNode calls
//     s.LoadBlocks (the blocks of the latest epoch stored) and RawNode.Recover
//     rebuilds the DAG; the node resumes after its own latest stored block,
//     so it never signs two blocks for one round, and derives the commits
//     again, delivering those above Applied. To restart at an older epoch
//     than the latest stored, pass s.ForEpoch(epoch) as the Store.
//  4. Read node.Commits(): save each with s.SaveCommits (commits already
//     stored are checked against the stored digest and skipped), and now and
//     then s.SaveSnapshot with the application's state at a commit.
//  5. For a bounded disk, prune after a snapshot: s.PruneCommits (blocks
//     and headers below a commit, never below s.RecoveryFloor), s.PruneLog
//     (the commit log) and s.PruneBefore (whole epochs), none past the
//     newest snapshot (PruneLog and PruneBefore refuse it: ErrRetention).
//     chain/validator does this from its storage.retain_* settings.
//  6. Close the node, then the store.
//
// # What is synced, and why
//
// SaveBlocks writes its blocks and the authors' round marks in one batch and
// syncs it (pebble.Sync) before it returns: the node persists every Ready's
// accepted blocks, its own new block among them, before it sends anything,
// and a block it has signed must survive a crash before anyone can see it, or
// the restarted node could sign a different block for the same round
// (equivocation). SaveSnapshot is synced too: it is rare, and a caller may
// act on it at once.
//
// SaveCommits and PruneEpochs are not synced (pebble.NoSync): commits are
// derived from the blocks, and the node derives and delivers again those a
// crash lost; a lost prune is made again. Both become durable with the next
// synced write: pebble's write-ahead log is sequential, so what survives a
// crash is always a prefix of the writes, in order, each batch whole or
// absent — never a half-written one (the crash tests check this with
// vfs.NewCrashableMem images taken in the middle of writes).
//
// A write or sync the file system refuses makes the Store fail: the call
// returns an error wrapping ErrFailed, and so does every later call but
// Close (pebble reports these errors as fatal; the Store turns them into
// ErrFailed instead of exiting the process). Close the store and Open the
// directory again: it holds the state before or after the failed write.
//
// # Keys and values
//
// Keys are a one-byte kind prefix followed by big-endian fixed-width numbers
// (see keys.go): "b" epoch round author digest for blocks, "r" epoch author
// for round marks, "c" index for commits, "s" height for snapshots, "v" for
// the format version. Blocks are stored as Block.Marshal and decoded with
// dag.DecodeBlock within Options.Limits, then checked against their key;
// commits and snapshots are canonical CBOR arrays (internal/canonical),
// decoded strictly and within Options.MaxCommitBytes, MaxCommitTxs and
// MaxSnapshotBytes. A value that fails is reported as ErrCorrupt, never
// loaded.
//
// # Commit sync and bounded recovery
//
// A *Store is also a dag.CommitStore and a dag.RecoveryStore. A Node saves
// each Ready's commit headers (SaveHeaders, "h" index keys, not synced: they
// follow the synced blocks of their Ready in pebble's log, so a header never
// survives a crash without its blocks) and serves commit sync from them and
// the blocks (CommitHeaders, Blocks). On a restart NewNode asks LoadRecovery
// for the headers of the last applied commit's GC window, the blocks above its
// GC round and the validator's signed-round watermark (LastRound), so restart
// time does not grow with the epoch's length (with leader reputation on it
// also reads the commits of the last three reputation windows and their
// blocks: dag.RawNode.RecoveryNeeds). It is also a dag.EpochStore: the
// Node records each new epoch's set and start commit (SaveEpoch, synced)
// before it delivers the closing commit, and NewNode resumes in the latest
// one at or below NodeConfig.Applied (LoadEpoch). PruneCommits(below, gcDepth)
// drops the headers below a retained commit and every block no retained
// commit needs (uncommitted blocks below the GC round included): call it with
// a retention, never above the application's last snapshot, and the disk
// footprint levels off.
//
// Commits are still stored with their transactions (the full chain.Commit,
// SaveCommits), a second copy of the transactions in the blocks.
package store
