package reward

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// The fuzz targets take their seeds from f.Add and the golden files of
// testdata/merkle; `go test` runs the seeds as regression cases, `go test -fuzz
// <Target>` explores from them.

// merkleFuzzBytes hands out the fuzzer's bytes, then zeros.
type merkleFuzzBytes struct{ data []byte }

func (b *merkleFuzzBytes) next(n int) []byte {
	out := make([]byte, n)
	k := copy(out, b.data)
	b.data = b.data[k:]
	return out
}

func (b *merkleFuzzBytes) byte() byte { return b.next(1)[0] }

// FuzzMerkleProof builds a tree from fuzzed claims and checks that every proof and
// a multi-proof from it verify, then feeds fuzzed proofs, flags and claims to
// VerifyProof and VerifyMultiProof, which must not panic.
func FuzzMerkleProof(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3})
	f.Add([]byte{0x80 | 4, 0xaa, 0xbb})
	f.Add(make([]byte, 200))
	for _, g := range loadMerkleGoldens(f) {
		f.Add([]byte(g.Root[:]))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &merkleFuzzBytes{data}
		head := in.byte()
		n := int(head&0x1f) + 1
		claims := make([]Claim, n)
		for i := range claims {
			copy(claims[i].Address[:], in.next(common.AddressLength))
			size := int(in.byte()) % 34 // 33 bytes may exceed 2^256
			claims[i].Amount = new(big.Int).SetBytes(in.next(size))
			if in.byte()&1 == 1 && i > 0 {
				claims[i].Address = claims[i-1].Address // repeated addresses
			}
		}
		tree, err := NewMerkleTreeWith(claims, MerkleOptions{AllowRepeatedAddress: head&0x80 != 0})
		if err != nil {
			if !errors.Is(err, ErrAmount) && !errors.Is(err, ErrDuplicateClaim) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
		} else {
			root := tree.Root()
			var pick []int
			for i, c := range claims {
				p, err := tree.Proof(i)
				if err != nil {
					t.Fatal(err)
				}
				if !VerifyProof(root, c, p) {
					t.Fatalf("proof %d does not verify", i)
				}
				if len(p) > 0 && VerifyProof(root, c, p[:len(p)-1]) {
					t.Fatalf("truncated proof %d verifies", i)
				}
				if in.byte()&1 == 1 {
					pick = append(pick, i)
				}
			}
			mp, err := tree.MultiProof(pick)
			if err != nil {
				t.Fatal(err)
			}
			if !VerifyMultiProof(root, mp) {
				t.Fatalf("multi-proof of %v does not verify", pick)
			}
		}

		// Fuzzed proofs: no panic, whatever they hold.
		var root common.Hash
		copy(root[:], in.next(32))
		proof := make([]common.Hash, int(in.byte())%40)
		for i := range proof {
			copy(proof[i][:], in.next(32))
		}
		flags := make([]bool, int(in.byte())%40)
		for i := range flags {
			flags[i] = in.byte()&1 == 1
		}
		k := int(in.byte()) % (n + 1)
		VerifyProof(root, claims[0], proof)
		VerifyMultiProof(root, MultiProof{Claims: claims[:k], Proof: proof, ProofFlags: flags})
		if tree != nil {
			VerifyMultiProof(tree.Root(), MultiProof{Claims: claims[:k], Proof: proof, ProofFlags: flags})
		}
	})
}

// merkleLoadSentinels are the errors LoadMerkleTreeJSON may return for bad input.
var merkleLoadSentinels = []error{ErrMalformed, ErrTooLarge, ErrEmptyTree, ErrAddress, ErrAmount, ErrBadTree, ErrDuplicateClaim}

// FuzzLoadMerkleTreeJSON: loading never panics, refusals wrap a sentinel, and a
// loaded tree writes itself back to a dump that loads to the same tree, with
// proofs that verify.
func FuzzLoadMerkleTreeJSON(f *testing.F) {
	for _, g := range loadMerkleGoldens(f) {
		f.Add([]byte(g.Dump))
		if g.Unsorted != nil {
			f.Add([]byte(g.Unsorted.Dump))
		}
	}
	f.Add([]byte(`{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":[],"values":[]}`))
	f.Add([]byte(`{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":["0x0000000000000000000000000000000000000000000000000000000000000000"],"values":[{"value":["0x0000000000000000000000000000000000000000",0],"treeIndex":0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := LoadMerkleTreeJSON(data)
		if err != nil {
			if tree != nil {
				t.Fatal("tree returned with an error")
			}
			for _, s := range merkleLoadSentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		out, err := json.Marshal(tree)
		if err != nil {
			t.Fatal(err)
		}
		again, err := LoadMerkleTreeJSON(out)
		if err != nil {
			t.Fatalf("a loaded tree's dump does not load: %v", err)
		}
		if again.Root() != tree.Root() || again.Len() != tree.Len() {
			t.Fatal("dump round trip changed the tree")
		}
		for i, c := range tree.Claims() {
			p, err := tree.ProofFor(c)
			if err != nil {
				t.Fatal(err)
			}
			if !VerifyProof(tree.Root(), c, p) {
				t.Fatalf("proof %d does not verify", i)
			}
		}
		if _, err := tree.ProofsJSON(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseClaimsJSON: parsing never panics, refusals wrap a sentinel, and parsed
// claims are valid uint256 amounts.
func FuzzParseClaimsJSON(f *testing.F) {
	for _, g := range loadMerkleGoldens(f) {
		f.Add([]byte(g.Claims))
	}
	f.Add([]byte(`[["0x5b38Da6a701c568545dCfcB03FcB875f56beddC4", "1"]]`))
	f.Add([]byte(`[["0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", 12, 3]]`))
	f.Add([]byte(`[[null, "1"]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		claims, err := ParseClaimsJSON(data)
		if err != nil {
			for _, s := range []error{ErrMalformed, ErrTooLarge, ErrAddress, ErrAmount} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		for i, c := range claims {
			if _, ok := uint256Word(c.Amount); !ok {
				t.Fatalf("claim %d: amount %s accepted", i, c.Amount)
			}
		}
		if tree, err := NewMerkleTree(claims); err == nil {
			if _, err := tree.ProofsJSON(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
