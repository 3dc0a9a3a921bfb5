package store

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
)

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		err  error
		chk  func(t *testing.T, o Options)
	}{
		{name: "zero value gets defaults", chk: func(t *testing.T, o Options) {
			require.Equal(t, vfs.Default, o.FS)
			require.Equal(t, dag.DefaultLimits, o.Limits)
			require.Equal(t, DefaultMaxCommitBytes, o.MaxCommitBytes)
			require.Equal(t, DefaultMaxCommitTxs, o.MaxCommitTxs)
			require.Equal(t, DefaultMaxSnapshotBytes, o.MaxSnapshotBytes)
			require.Equal(t, DefaultKeepSnapshots, o.KeepSnapshots)
			require.EqualValues(t, DefaultCacheSize, o.CacheSize)
			require.EqualValues(t, DefaultMemTableSize, o.MemTableSize)
			require.NotNil(t, o.Logger)
		}},
		{name: "set fields stay", opts: Options{KeepSnapshots: 5, Limits: dag.Limits{MaxTxBytes: 10}}, chk: func(t *testing.T, o Options) {
			require.Equal(t, 5, o.KeepSnapshots)
			require.Equal(t, 10, o.Limits.MaxTxBytes)
			require.Equal(t, dag.DefaultLimits.MaxBlockBytes, o.Limits.MaxBlockBytes)
		}},
		{name: "negative limit", opts: Options{MaxCommitBytes: -1}, err: ErrInvalidOptions},
		{name: "negative block limit", opts: Options{Limits: dag.Limits{MaxBlockTxs: -1}}, err: ErrInvalidOptions},
		{name: "negative cache", opts: Options{CacheSize: -1}, err: ErrInvalidOptions},
		{name: "tiny memtable", opts: Options{MemTableSize: 1024}, err: ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			err := o.Validate()
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				_, err := Open("db", Options{FS: vfs.NewMem(), MaxCommitBytes: tc.opts.MaxCommitBytes, CacheSize: tc.opts.CacheSize, MemTableSize: tc.opts.MemTableSize, Limits: tc.opts.Limits})
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			tc.chk(t, o)
		})
	}
}

func TestBlocks(t *testing.T) {
	fs := vfs.NewMem()
	s := openMem(t, fs, Options{})
	e, ok, err := s.LastEpoch()
	require.NoError(t, err)
	require.False(t, ok)
	require.Zero(t, e)
	got, err := s.LoadBlocks()
	require.NoError(t, err)
	require.Empty(t, got)
	require.NoError(t, s.SaveBlocks(nil))

	var epoch0, epoch1 []*dag.Block
	for r := uint64(1); r <= 5; r++ {
		var batch []*dag.Block
		for a := uint32(0); a < 4; a++ {
			batch = append(batch, testBlock(t, 0, r, a, int(r), 0))
		}
		require.NoError(t, s.SaveBlocks(batch))
		epoch0 = append(epoch0, batch...)
	}
	// An equivocation: a second block for slot 3/2 is kept beside the first.
	twin := testBlock(t, 0, 3, 2, 1, 9)
	require.NoError(t, s.SaveBlocks([]*dag.Block{twin}))
	epoch0 = append(epoch0, twin)
	// Saving a block again is harmless.
	require.NoError(t, s.SaveBlocks(epoch0[:2]))
	for r := uint64(1); r <= 2; r++ {
		b := testBlock(t, 1, r, 1, 0, 0)
		require.NoError(t, s.SaveBlocks([]*dag.Block{b}))
		epoch1 = append(epoch1, b)
	}
	sortBlocks := func(bs []*dag.Block) []*dag.Block {
		bs = slices.Clone(bs)
		slices.SortFunc(bs, func(a, b *dag.Block) int {
			if c := cmp.Compare(a.Round, b.Round); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Author, b.Author); c != 0 {
				return c
			}
			da, db := a.Digest(), b.Digest()
			return slices.Compare(da[:], db[:])
		})
		return bs
	}
	check := func(s *Store) {
		t.Helper()
		got, err := s.LoadBlocks() // the latest epoch
		require.NoError(t, err)
		requireSameBlocks(t, epoch1, got)
		got, err = s.LoadEpochBlocks(0)
		require.NoError(t, err)
		requireSameBlocks(t, sortBlocks(epoch0), got)
		got, err = s.ForEpoch(0).LoadBlocks()
		require.NoError(t, err)
		requireSameBlocks(t, sortBlocks(epoch0), got)
		got, err = s.LoadEpochBlocks(7)
		require.NoError(t, err)
		require.Empty(t, got)
		e, ok, err := s.LastEpoch()
		require.NoError(t, err)
		require.True(t, ok)
		require.EqualValues(t, 1, e)
		for _, tc := range []struct {
			epoch  uint64
			author uint32
			round  uint64
		}{{0, 0, 5}, {0, 2, 5}, {1, 1, 2}, {1, 0, 0}, {2, 1, 0}} {
			r, err := s.LastRound(tc.epoch, tc.author)
			require.NoError(t, err)
			require.Equal(t, tc.round, r, "epoch %d author %d", tc.epoch, tc.author)
		}
	}
	check(s)
	require.NoError(t, s.Close())
	s = openMem(t, fs, Options{})
	check(s)

	// ForEpoch saves into the same store.
	b := testBlock(t, 2, 1, 3, 0, 0)
	require.NoError(t, s.ForEpoch(0).SaveBlocks([]*dag.Block{b}))
	got, err = s.LoadBlocks()
	require.NoError(t, err)
	requireSameBlocks(t, []*dag.Block{b}, got)

	// Pruning drops the epochs below, blocks and round marks.
	require.NoError(t, s.PruneEpochs(0))
	require.NoError(t, s.PruneEpochs(2))
	for e := uint64(0); e < 2; e++ {
		got, err := s.LoadEpochBlocks(e)
		require.NoError(t, err)
		require.Empty(t, got)
	}
	r, err := s.LastRound(0, 0)
	require.NoError(t, err)
	require.Zero(t, r)
	require.NoError(t, s.Close())
	s = openMem(t, fs, Options{})
	r, err = s.LastRound(0, 0)
	require.NoError(t, err)
	require.Zero(t, r)
	r, err = s.LastRound(2, 3)
	require.NoError(t, err)
	require.EqualValues(t, 1, r)
	require.NoError(t, s.Close())
}

func TestSaveBlocksRefuses(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{Limits: dag.Limits{MaxBlockTxs: 2, MaxBlockBytes: 2048}})
	defer s.Close()
	for _, tc := range []struct {
		name   string
		blocks []*dag.Block
		err    error
	}{
		{"too many txs", []*dag.Block{testBlock(t, 0, 1, 0, 3, 0)}, ErrTooLarge},
		{"too many bytes", []*dag.Block{func() *dag.Block {
			b := &dag.Block{Round: 1, Txs: []chain.Tx{make(chain.Tx, 4096)}}
			require.NoError(t, b.Sign(chain.NewKeySigner(testKey(0))))
			return b
		}()}, ErrTooLarge},
		{"nil block", []*dag.Block{testBlock(t, 0, 1, 1, 0, 0), nil}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.SaveBlocks(tc.blocks)
			require.Error(t, err)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
			}
			// Nothing of the batch was written.
			got, err := s.LoadBlocks()
			require.NoError(t, err)
			require.Empty(t, got)
			r, err := s.LastRound(0, 1)
			require.NoError(t, err)
			require.Zero(t, r)
		})
	}
}

func TestCommits(t *testing.T) {
	all := testCommits(1, 10)
	other := testCommit(chain.Digest{1}, 0, 3, 1) // a different commit 3
	type step struct {
		save []chain.Commit
		err  error
	}
	for _, tc := range []struct {
		name  string
		steps []step
		last  uint64 // position after the steps
		first uint64 // first stored index
	}{
		{name: "append in batches", steps: []step{{save: all[:3]}, {save: all[3:4]}, {save: all[4:]}}, last: 10, first: 1},
		{name: "save again is skipped", steps: []step{{save: all[:5]}, {save: all[:7]}}, last: 7, first: 1},
		{name: "gap", steps: []step{{save: all[:3]}, {save: all[4:6], err: ErrCommitGap}}, last: 3, first: 1},
		{name: "gap inside a batch writes nothing", steps: []step{{save: all[:3]}, {save: []chain.Commit{all[3], all[5]}, err: ErrCommitGap}}, last: 3, first: 1},
		{name: "conflict", steps: []step{{save: all[:5]}, {save: []chain.Commit{other}, err: ErrCommitConflict}}, last: 5, first: 1},
		{name: "index 0", steps: []step{{save: []chain.Commit{{}}, err: ErrCommitGap}}},
		{name: "starts after a snapshot", steps: []step{{save: all[5:]}, {save: all[2:8]}}, last: 10, first: 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := vfs.NewMem()
			s := openMem(t, fs, Options{})
			for i, st := range tc.steps {
				err := s.SaveCommits(st.save)
				if st.err != nil {
					require.ErrorIs(t, err, st.err, "step %d", i)
				} else {
					require.NoError(t, err, "step %d", i)
				}
			}
			check := func(s *Store) {
				pos, err := s.CommitPosition()
				require.NoError(t, err)
				if tc.last == 0 {
					require.Zero(t, pos)
					_, err := s.LoadCommit(1)
					require.ErrorIs(t, err, ErrNotFound)
					return
				}
				want := all[tc.last-1]
				require.Equal(t, Position{Epoch: want.Epoch, Index: want.Index, Digest: want.Digest, Timestamp: want.Timestamp}, pos)
				got, err := s.LoadCommits(0, 0)
				require.NoError(t, err)
				require.Equal(t, all[tc.first-1:tc.last], got)
				got, err = s.LoadCommits(tc.first+1, 2)
				require.NoError(t, err)
				require.Equal(t, all[tc.first:tc.first+2], got)
				c, err := s.LoadCommit(tc.last)
				require.NoError(t, err)
				require.Equal(t, want, c)
				_, err = s.LoadCommit(tc.last + 1)
				require.ErrorIs(t, err, ErrNotFound)
			}
			check(s)
			require.NoError(t, s.Close())
			s = openMem(t, fs, Options{})
			check(s)
			require.NoError(t, s.Close())
		})
	}
}

func TestCommitTooLarge(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{MaxCommitBytes: 64})
	defer s.Close()
	c := testCommit(chain.Digest{}, 0, 1, 0)
	c.Txs = []chain.Tx{make(chain.Tx, 65)}
	require.ErrorIs(t, s.SaveCommits([]chain.Commit{c}), ErrTooLarge)
	c.Txs = []chain.Tx{make(chain.Tx, 10)}
	require.ErrorIs(t, s.SaveCommits([]chain.Commit{c}), ErrTooLarge) // the header counts
	pos, err := s.CommitPosition()
	require.NoError(t, err)
	require.Zero(t, pos)
}

func TestSnapshots(t *testing.T) {
	fs := vfs.NewMem()
	s := openMem(t, fs, Options{KeepSnapshots: 2, MaxSnapshotBytes: 1024})
	_, err := s.LoadSnapshot()
	require.ErrorIs(t, err, ErrNotFound)
	snap := func(h uint64) Snapshot {
		return Snapshot{Height: h, AppHash: chain.Digest{byte(h)}, Data: []byte{byte(h), 1, 2, 3}}
	}
	for _, h := range []uint64{10, 20, 5, 30} {
		require.NoError(t, s.SaveSnapshot(snap(h)))
	}
	require.ErrorIs(t, s.SaveSnapshot(Snapshot{Height: 40, Data: make([]byte, 1024)}), ErrTooLarge)
	check := func(s *Store) {
		got, err := s.LoadSnapshot()
		require.NoError(t, err)
		require.Equal(t, snap(30), got)
		var heights []uint64
		lo, hi := prefixBounds(prefixSnapshot)
		require.NoError(t, s.scan(lo, hi, false, func(k, _ []byte) (bool, error) {
			h, _ := uint64KeyPart(k, prefixSnapshot)
			heights = append(heights, h)
			return true, nil
		}))
		require.Equal(t, []uint64{20, 30}, heights) // the two newest
	}
	check(s)
	require.NoError(t, s.Close())
	s = openMem(t, fs, Options{KeepSnapshots: 2, MaxSnapshotBytes: 1024})
	check(s)
	// An empty snapshot round-trips.
	require.NoError(t, s.SaveSnapshot(Snapshot{Height: 31}))
	got, err := s.LoadSnapshot()
	require.NoError(t, err)
	require.EqualValues(t, 31, got.Height)
	require.Empty(t, got.Data)
	require.NoError(t, s.Close())
}

func TestClosed(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{})
	require.NoError(t, s.Close())
	require.NoError(t, s.Close())
	b := testBlock(t, 0, 1, 0, 0, 0)
	for name, call := range map[string]func() error{
		"SaveBlocks":     func() error { return s.SaveBlocks([]*dag.Block{b}) },
		"LoadBlocks":     func() error { _, err := s.LoadBlocks(); return err },
		"LoadEpoch":      func() error { _, err := s.LoadEpochBlocks(0); return err },
		"LastRound":      func() error { _, err := s.LastRound(0, 0); return err },
		"PruneEpochs":    func() error { return s.PruneEpochs(1) },
		"SaveCommits":    func() error { return s.SaveCommits(testCommits(1, 1)) },
		"CommitPosition": func() error { _, err := s.CommitPosition(); return err },
		"LoadCommit":     func() error { _, err := s.LoadCommit(1); return err },
		"LoadCommits":    func() error { _, err := s.LoadCommits(1, 0); return err },
		"SaveSnapshot":   func() error { return s.SaveSnapshot(Snapshot{}) },
		"LoadSnapshot":   func() error { _, err := s.LoadSnapshot(); return err },
	} {
		require.ErrorIs(t, call(), ErrClosed, name)
	}
}

func TestOpenLocked(t *testing.T) {
	fs := vfs.NewMem()
	s := openMem(t, fs, Options{})
	_, err := Open("db", Options{FS: fs})
	require.Error(t, err)
	require.NoError(t, s.Close())
	s = openMem(t, fs, Options{})
	require.NoError(t, s.Close())
}

// rawWrite opens the directory with pebble directly and sets key to value
// (nil: delete it).
func rawWrite(t *testing.T, fs vfs.FS, key, value []byte) {
	t.Helper()
	db, err := pebble.Open("db", &pebble.Options{FS: fs, Logger: quietLogger{}})
	require.NoError(t, err)
	if value == nil {
		require.NoError(t, db.Delete(key, pebble.Sync))
	} else {
		require.NoError(t, db.Set(key, value, pebble.Sync))
	}
	require.NoError(t, db.Close())
}

type quietLogger struct{}

func (quietLogger) Infof(string, ...any)         {}
func (quietLogger) Errorf(string, ...any)        {}
func (quietLogger) Fatalf(f string, args ...any) { panic(f) }

func TestOpenVersion(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, fs vfs.FS)
	}{
		{"data without a version", func(t *testing.T, fs vfs.FS) { rawWrite(t, fs, []byte("x"), []byte("y")) }},
		{"a later version", func(t *testing.T, fs vfs.FS) {
			require.NoError(t, openMem(t, fs, Options{}).Close())
			rawWrite(t, fs, versionKey, encodeUint64(formatVersion+1))
		}},
		{"a garbled version", func(t *testing.T, fs vfs.FS) {
			require.NoError(t, openMem(t, fs, Options{}).Close())
			rawWrite(t, fs, versionKey, []byte{1})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := vfs.NewMem()
			tc.setup(t, fs)
			_, err := Open("db", Options{FS: fs})
			require.ErrorIs(t, err, ErrVersion)
		})
	}
}

func TestCorruptValues(t *testing.T) {
	good := testBlock(t, 0, 1, 0, 2, 0)
	enc, err := good.Marshal()
	require.NoError(t, err)
	commit := testCommits(1, 1)[0]
	for _, tc := range []struct {
		name   string
		key    []byte
		value  []byte
		onOpen bool // the error comes from Open
		load   func(s *Store) error
	}{
		{name: "block garbage", key: blockKey(0, 1, 0, good.Digest()), value: []byte{0xff, 0x00},
			load: func(s *Store) error { _, err := s.LoadBlocks(); return err }},
		{name: "block under another digest", key: blockKey(0, 1, 0, chain.Digest{1}), value: enc,
			load: func(s *Store) error { _, err := s.LoadBlocks(); return err }},
		{name: "block under another round", key: blockKey(0, 2, 0, good.Digest()), value: enc,
			load: func(s *Store) error { _, err := s.LoadBlocks(); return err }},
		{name: "short block key", key: []byte{prefixBlock, 1, 2}, value: enc,
			load: func(s *Store) error { _, err := s.LoadBlocks(); return err }},
		{name: "commit garbage", key: uint64Key(prefixCommit, 1), value: []byte{0x83, 1, 2, 3}, onOpen: true},
		{name: "commit under another index", key: uint64Key(prefixCommit, 2), onOpen: true, value: func() []byte {
			c, _ := newCodec(func() Options { o := Options{}; _ = o.Validate(); return o }())
			v, _ := c.encodeCommit(commit)
			return v
		}()},
		{name: "round mark garbage", key: roundKey(0, 1), value: []byte{1, 2}, onOpen: true},
		{name: "snapshot garbage", key: uint64Key(prefixSnapshot, 3), value: []byte{0x40},
			load: func(s *Store) error { _, err := s.LoadSnapshot(); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := vfs.NewMem()
			require.NoError(t, openMem(t, fs, Options{}).Close())
			rawWrite(t, fs, tc.key, tc.value)
			s, err := Open("db", Options{FS: fs})
			if tc.onOpen {
				require.ErrorIs(t, err, ErrCorrupt)
				return
			}
			require.NoError(t, err)
			defer s.Close()
			require.ErrorIs(t, tc.load(s), ErrCorrupt)
		})
	}
}

// TestConcurrentUse: calls from many goroutines, racing with Close, either
// succeed or return ErrClosed; none panics or sees a closed pebble.
func TestConcurrentUse(t *testing.T) {
	s := openMem(t, vfs.NewMem(), Options{})
	blocks := make([]*dag.Block, 40)
	for i := range blocks {
		blocks[i] = testBlock(t, 0, uint64(i/4+1), uint32(i%4), 2, 0)
	}
	commits := testCommits(1, 40)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(blocks); i += 4 {
				errs <- s.SaveBlocks(blocks[i : i+1])
				_, err := s.LoadBlocks()
				errs <- err
				_, err = s.LastRound(0, uint32(g))
				errs <- err
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, c := range commits {
			errs <- s.SaveCommits([]chain.Commit{c})
		}
	}()
	time.Sleep(time.Millisecond)
	require.NoError(t, s.Close())
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			require.ErrorIs(t, err, ErrClosed)
		}
	}
}

// TestNoGoroutineLeak: Close stops every goroutine pebble started.
func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		s := openMem(t, vfs.NewMem(), Options{})
		require.NoError(t, s.SaveBlocks([]*dag.Block{testBlock(t, 0, 1, 0, 1, 0)}))
		require.NoError(t, s.Close())
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after Close:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}
