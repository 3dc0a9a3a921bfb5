package reward

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkMerkleTree builds the tree of an epoch's claims (89,000 contributors:
// issue 4's target scale), takes the root and every proof. Target: under 1 s.
func BenchmarkMerkleTree(b *testing.B) {
	for _, n := range []int{1000, 89000} {
		claims := randomMerkleClaims(rand.New(rand.NewPCG(1, uint64(n))), n)
		b.Run(fmt.Sprintf("claims=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tree, err := NewMerkleTree(claims)
				if err != nil {
					b.Fatal(err)
				}
				_ = tree.Root()
				for i := range n {
					if _, err := tree.Proof(i); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkMerkleProofsJSON writes the CLI's proofs JSON for 89,000 claims.
func BenchmarkMerkleProofsJSON(b *testing.B) {
	tree, err := NewMerkleTree(randomMerkleClaims(rand.New(rand.NewPCG(1, 89000)), 89000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tree.ProofsJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyProof checks one proof of an 89,000-claim tree.
func BenchmarkVerifyProof(b *testing.B) {
	claims := randomMerkleClaims(rand.New(rand.NewPCG(1, 89000)), 89000)
	tree, err := NewMerkleTree(claims)
	if err != nil {
		b.Fatal(err)
	}
	proof, err := tree.Proof(12345)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !VerifyProof(tree.Root(), claims[12345], proof) {
			b.Fatal("proof does not verify")
		}
	}
}
