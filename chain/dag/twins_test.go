package dag

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

// twinNet is a lockstep network (every message delivered at once) in which
// validator byz signs n blocks per slot: with each own block it sends n-1
// twins (other transactions and timestamps), every peer getting a different
// one first, so that honest validators link different twins. It records what
// each validator persists (Ready.Accepted), its commit headers and commits.
type twinNet struct {
	t       *testing.T
	keys    []chain.Signer
	byz     int
	nodes   []*RawNode
	now     time.Time
	stores  []*MemoryStore
	commits [][]chain.Commit
	inbox   []Message
}

func newTwinNet(t *testing.T, n, byz int) *twinNet {
	keys := testKeys(n)
	set := testSet(t, keys)
	tn := &twinNet{t: t, byz: byz, now: epoch0, commits: make([][]chain.Commit, n)}
	for i := range keys {
		s := chain.NewKeySigner(keys[i])
		tn.keys = append(tn.keys, s)
		rn, err := NewRawNode(Config{Signer: s, Validators: set}, tn.now)
		require.NoError(t, err)
		tn.nodes = append(tn.nodes, rn)
		tn.stores = append(tn.stores, NewMemoryStore())
	}
	return tn
}

// twins returns b and n-1 validly signed twins of it.
func (tn *twinNet) twins(b *Block) []*Block {
	out := []*Block{b}
	for k := 1; k < len(tn.nodes); k++ {
		tw := &Block{Epoch: b.Epoch, Round: b.Round, Author: b.Author, Timestamp: b.Timestamp + int64(k), Vote: b.Vote,
			Parents: slices.Clone(b.Parents), Txs: append(slices.Clone(b.Txs), chain.Tx(fmt.Sprintf("twin-%d-%d", b.Round, k)))}
		require.NoError(tn.t, tw.Sign(tn.keys[b.Author]))
		out = append(out, tw)
	}
	return out
}

func (tn *twinNet) step(d time.Duration) {
	tn.now = tn.now.Add(d)
	for _, rn := range tn.nodes {
		rn.Tick(tn.now)
	}
	for quiet := false; !quiet; {
		quiet = true
		for i, rn := range tn.nodes {
			if !rn.HasReady() {
				continue
			}
			quiet = false
			rd := rn.Ready()
			require.NoError(tn.t, tn.stores[i].SaveBlocks(rd.Accepted))
			require.NoError(tn.t, tn.stores[i].SaveHeaders(rd.Headers))
			for _, b := range rd.Broadcast {
				blocks := []*Block{b}
				if i == tn.byz {
					blocks = tn.twins(b)
				}
				for j := range tn.nodes {
					if j == i {
						continue
					}
					for k := range blocks { // peer j gets twin j first
						blk := blocks[(j+k)%len(blocks)]
						tn.inbox = append(tn.inbox, Message{Type: MsgBlock, From: uint32(i), To: uint32(j), Block: blk})
					}
				}
			}
			tn.inbox = append(tn.inbox, rd.Messages...)
			tn.commits[i] = append(tn.commits[i], rd.Commits...)
			rn.Advance()
		}
		msgs := tn.inbox
		tn.inbox = nil
		for _, m := range msgs {
			quiet = false
			require.NoError(tn.t, tn.nodes[m.To].Step(m), "%v from %d to %d", m.Type, m.From, m.To)
		}
	}
}

// TestTwinsPersisted: a Byzantine author sending n twins per slot leaves on an
// honest validator's disk at most one block per slot, plus the twins that a
// persisted block links or a commit orders (issue 14, 6c); every persisted
// block's parents above the GC round are persisted too; and a restart
// recovers the same DAG (but for the twins nothing needs) and derives the
// same commits.
func TestTwinsPersisted(t *testing.T) {
	const n, byz = 4, 3
	tn := newTwinNet(t, n, byz)
	for r := 0; r < 40; r++ {
		for i, rn := range tn.nodes {
			require.NoError(t, rn.Propose(chain.Tx(fmt.Sprintf("tx-%d-%d", i, r))))
		}
		tn.step(60 * time.Millisecond)
	}
	for i, rn := range tn.nodes {
		if i == byz {
			continue
		}
		require.NotEmpty(t, tn.commits[i], "validator %d committed nothing", i)
		blocks, err := tn.stores[i].LoadBlocks()
		require.NoError(t, err)
		stored := map[BlockRef]bool{}
		perSlot := map[Slot]int{}
		needed := map[BlockRef]bool{} // linked by a persisted block or ordered by a commit
		for _, b := range blocks {
			stored[b.Ref()] = true
			perSlot[b.Slot()]++
			for _, p := range b.Parents {
				needed[p] = true
			}
		}
		headers, err := tn.stores[i].CommitHeaders(1, 1<<20)
		require.NoError(t, err)
		for _, h := range headers {
			for _, ref := range h.Blocks {
				needed[ref] = true
				require.True(t, stored[ref], "validator %d: committed %v not persisted", i, ref)
			}
		}
		// Each stored block's parents (above genesis) are stored before it.
		seen := map[BlockRef]bool{}
		for _, b := range blocks {
			for _, p := range b.Parents {
				require.True(t, p.Round == 0 || seen[p], "validator %d: %v persisted before its parent %v", i, b.Ref(), p)
			}
			seen[b.Ref()] = true
		}
		accepted, extra, twins := 0, 0, 0
		for r := uint64(1); r <= rn.dag.highest; r++ {
			s := Slot{Round: r, Author: byz}
			accepted += len(rn.dag.slots[s])
			if len(rn.dag.slots[s]) > 1 {
				twins++
			}
		}
		for _, b := range blocks {
			if perSlot[b.Slot()] > 1 {
				extra++
				if b.Author == byz && !needed[b.Ref()] {
					// The first of the slot is kept; a second needs a reason.
					first := rn.dag.slots[b.Slot()]
					require.True(t, len(first) > 0 && first[0].Ref() == b.Ref(), "validator %d persisted twin %v that nothing links or orders", i, b.Ref())
				}
			}
		}
		require.Greater(t, twins, 20, "validator %d: the author equivocated in few slots", i)
		stOwn := 0
		for _, b := range blocks {
			if b.Author == byz {
				stOwn++
			}
		}
		require.Less(t, stOwn, accepted, "validator %d persisted every twin it accepted", i)
		t.Logf("validator %d: %d blocks of the equivocator accepted, %d persisted (%d twins in slots with more than one)", i, accepted, stOwn, extra)

		// Restart: the recovered DAG holds what was persisted, and the commits
		// are derived again, the same.
		re, err := NewRawNode(Config{Signer: tn.keys[i], Validators: rn.dag.set}, tn.now)
		require.NoError(t, err)
		require.NoError(t, re.Recover(blocks))
		rd := re.Ready()
		require.Len(t, rd.Commits, len(tn.commits[i]), "validator %d", i)
		for k, c := range rd.Commits {
			require.Equal(t, tn.commits[i][k].Digest, c.Digest, "validator %d commit %d", i, k+1)
		}
		require.Empty(t, rd.Accepted, "recovery persists nothing again")
		require.Equal(t, rn.dag.gcRound, re.dag.gcRound)
		for ref := range rn.dag.byRef {
			if ref.Round > rn.dag.gcRound {
				require.Equal(t, stored[ref], re.dag.has(ref), "validator %d: %v", i, ref)
				if !stored[ref] {
					require.NotNil(t, rn.held[ref], "validator %d: %v neither persisted nor held", i, ref)
				}
			}
		}
		for ref := range re.dag.byRef {
			if ref.Round > 0 {
				require.True(t, rn.dag.has(ref), "validator %d recovered %v it never had", i, ref)
			}
		}
	}
}
