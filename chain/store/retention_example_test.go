package store_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"log"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/chain/store"
)

// ExampleStore_PruneLog keeps the commit log from a retained commit on, never
// past the newest snapshot (a validator's storage.retain_log).
func ExampleStore_PruneLog() {
	st, err := store.Open("db", store.Options{FS: vfs.NewMem()})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	var prev chain.Digest
	for i := uint64(1); i <= 100; i++ {
		c := chain.Commit{Index: i, Leader: sha256.Sum256([]byte{byte(i)}), Txs: []chain.Tx{chain.Tx(fmt.Sprintf("k=%d", i))}}
		c.Digest = chain.HashCommit(prev, i, []chain.Digest{c.Leader})
		prev = c.Digest
		if err := st.SaveCommits([]chain.Commit{c}); err != nil {
			log.Fatal(err)
		}
	}
	if err := st.SaveSnapshot(store.Snapshot{Height: 90, Data: []byte("state at 90")}); err != nil {
		log.Fatal(err)
	}
	// Past the snapshot: refused.
	fmt.Println(errors.Is(st.PruneLog(95), store.ErrRetention))
	// A retention of 20 commits at commit 100.
	if err := st.PruneLog(100 - 20); err != nil {
		log.Fatal(err)
	}
	_, err = st.LoadCommit(79)
	fmt.Println(errors.Is(err, store.ErrNotFound))
	cs, err := st.LoadCommits(1, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(cs), cs[0].Index)
	// Output:
	// true
	// true
	// 21 80
}

// ExampleStore_PruneBefore drops what the epochs before the snapshot's left
// (a validator's storage.retain_epochs = 1): their commits, headers, blocks
// and epoch records; the epoch start commit (the closing commit of the epoch
// before) stays.
func ExampleStore_PruneBefore() {
	st, err := store.Open("db", store.Options{FS: vfs.NewMem()})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	set, err := chain.NewValidatorSet([]chain.Validator{{Key: ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public().(ed25519.PublicKey), Stake: 1}})
	if err != nil {
		log.Fatal(err)
	}
	// Commits 1-10 in epoch 0, 11-20 in epoch 1, 21-30 in epoch 2.
	var prev chain.Digest
	for i := uint64(1); i <= 30; i++ {
		c := chain.Commit{Epoch: (i - 1) / 10, Index: i, Leader: sha256.Sum256([]byte{byte(i)})}
		c.Digest = chain.HashCommit(prev, i, []chain.Digest{c.Leader})
		prev = c.Digest
		if err := st.SaveCommits([]chain.Commit{c}); err != nil {
			log.Fatal(err)
		}
		if i%10 == 0 && i < 30 { // the closing commit starts the next epoch
			if err := st.SaveEpoch(dag.EpochStart{Epoch: i / 10, Validators: set, Start: c}); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := st.SaveSnapshot(store.Snapshot{Height: 25, Data: []byte("state at 25")}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(errors.Is(st.PruneBefore(3, 0), store.ErrRetention)) // the snapshot is in epoch 2
	if err := st.PruneBefore(2, 0); err != nil {
		log.Fatal(err)
	}
	_, err = st.LoadCommit(19)
	fmt.Println(errors.Is(err, store.ErrNotFound))
	c, err := st.LoadCommit(20)
	fmt.Println(c.Index, err)
	_, found, err := st.LoadEpoch(19)
	fmt.Println(found, err)
	e, found, err := st.LoadEpoch(25)
	fmt.Println(e.Epoch, found, err)
	// Output:
	// true
	// true
	// 20 <nil>
	// false <nil>
	// 2 true <nil>
}
