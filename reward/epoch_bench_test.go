package reward

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// BenchmarkEpoch is a DePIN VPN epoch at the scale U2U reports: 89,000
// contributor nodes and 84 million sessions, ingested on all cores (one Epoch per
// core, merged), scored with a quality multiplier, distributed exactly and turned
// into the Merkle root of the claims. The default set runs a 1 million-session
// variant; -bench 'Epoch/.*84000000' runs the full one.
func BenchmarkEpoch(b *testing.B) {
	for _, sessions := range []int{1_000_000, 84_000_000} {
		b.Run(fmt.Sprintf("nodes=89000,sessions=%d", sessions), func(b *testing.B) {
			if sessions > 1_000_000 && testing.Short() {
				b.Skip("full scale in -short mode")
			}
			benchEpoch(b, 89_000, sessions)
		})
	}
}

func benchEpoch(b *testing.B, nodes, sessions int) {
	ids := make([]ContributorID, nodes)
	for i := range ids {
		var a common.Address
		r := rand.New(rand.NewPCG(uint64(i), 99))
		for k := range a {
			a[k] = byte(r.Uint32())
		}
		ids[i] = AddressContributor(a)
	}
	pool := new(big.Int).Mul(big.NewInt(41_095_890), big.NewInt(100_000_000)) // a day of HNT, in bones
	policy := func(c ContributorID, units *big.Int, records uint64) ([]Multiplier, *big.Int, error) {
		tier := big.NewRat(int64(1+c[31]%4), 4) // a stand-in quality tier
		return []Multiplier{{Name: "quality", Value: tier}}, nil, nil
	}
	addressOf := func(c string) (common.Address, error) {
		id, err := ParseContributorID(c)
		return id.Address(), err
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		workers := runtime.GOMAXPROCS(0)
		parts := make([]*Epoch, workers)
		var wg sync.WaitGroup
		for w := range parts {
			parts[w] = NewEpoch(nodes)
			wg.Add(1)
			go func(e *Epoch, w int) {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(w), 7))
				for s := w; s < sessions; s += workers {
					if err := e.AddUnits(ids[r.IntN(nodes)], 1+uint64(r.IntN(2048))); err != nil {
						panic(err)
					}
				}
			}(parts[w], w)
		}
		wg.Wait()
		for _, p := range parts[1:] {
			if err := parts[0].Merge(p); err != nil {
				b.Fatal(err)
			}
		}
		d, err := parts[0].Finalize(pool, policy)
		if err != nil {
			b.Fatal(err)
		}
		tree, err := d.MerkleTree(addressOf)
		if err != nil {
			b.Fatal(err)
		}
		_ = tree.Root()
	}
	b.ReportMetric(float64(sessions)*float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}
