package reward

import (
	"bytes"
	"encoding/json"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

// merkleGolden is one file of testdata/merkle, written by make-golden.mjs with
// OpenZeppelin's @openzeppelin/merkle-tree.
type merkleGolden struct {
	Name                 string                   `json:"name"`
	AllowRepeatedAddress bool                     `json:"allowRepeatedAddress"`
	Claims               json.RawMessage          `json:"claims"`
	Root                 common.Hash              `json:"root"`
	LeafHashes           []common.Hash            `json:"leafHashes"`
	Proofs               [][]common.Hash          `json:"proofs"`
	MultiProofs          []merkleGoldenMultiProof `json:"multiProofs"`
	Dump                 json.RawMessage          `json:"dump"`
	ProofsJSON           json.RawMessage          `json:"proofsJSON"`
	Unsorted             *struct {
		Root   common.Hash     `json:"root"`
		Proofs [][]common.Hash `json:"proofs"`
		Dump   json.RawMessage `json:"dump"`
	} `json:"unsorted"`
}

type merkleGoldenMultiProof struct {
	Indices    []int           `json:"indices"`
	Leaves     json.RawMessage `json:"leaves"`
	Proof      []common.Hash   `json:"proof"`
	ProofFlags []bool          `json:"proofFlags"`
}

func loadMerkleGoldens(t testing.TB) []merkleGolden {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "merkle", "*.golden.json"))
	require.NoError(t, err)
	require.Len(t, files, 6, "golden files: run make-golden.mjs (see its header)")
	var gs []merkleGolden
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var g merkleGolden
		require.NoError(t, json.Unmarshal(data, &g), f)
		gs = append(gs, g)
	}
	return gs
}

func (g merkleGolden) claims(t testing.TB) []Claim {
	t.Helper()
	claims, err := ParseClaimsJSON(g.Claims)
	require.NoError(t, err, g.Name)
	return claims
}

func (g merkleGolden) tree(t testing.TB) (*MerkleTree, []Claim) {
	t.Helper()
	claims := g.claims(t)
	tree, err := NewMerkleTreeWith(claims, MerkleOptions{AllowRepeatedAddress: g.AllowRepeatedAddress})
	require.NoError(t, err, g.Name)
	return tree, claims
}

func compactJSON(t testing.TB, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, raw))
	return b.String()
}

func requireSameMerkleClaims(t testing.TB, want, got []Claim, msg ...any) {
	t.Helper()
	require.Len(t, got, len(want), msg...)
	for i := range want {
		require.Equal(t, want[i].Address, got[i].Address, msg...)
		require.Zero(t, want[i].Amount.Cmp(got[i].Amount), "claim %d: amount %s, want %s", i, got[i].Amount, want[i].Amount)
	}
}

// TestMerkleGolden checks roots, leaf hashes, proofs, multi-proofs, dumps and the
// CLI's proofs JSON against OpenZeppelin's StandardMerkleTree.
func TestMerkleGolden(t *testing.T) {
	for _, g := range loadMerkleGoldens(t) {
		t.Run(g.Name, func(t *testing.T) {
			tree, claims := g.tree(t)
			require.Equal(t, g.Root, tree.Root())
			require.Equal(t, len(claims), tree.Len())
			requireSameMerkleClaims(t, claims, tree.Claims())
			for i, c := range claims {
				require.Equal(t, g.LeafHashes[i], LeafHash(c), "leaf %d", i)
				p, err := tree.Proof(i)
				require.NoError(t, err)
				require.Equal(t, g.Proofs[i], p, "proof %d", i)
				p, err = tree.ProofFor(c)
				require.NoError(t, err)
				require.Equal(t, g.Proofs[i], p, "proof for claim %d", i)
			}
			for _, gm := range g.MultiProofs {
				mp, err := tree.MultiProof(gm.Indices)
				require.NoError(t, err, "multi-proof %v", gm.Indices)
				leaves, err := ParseClaimsJSON(gm.Leaves)
				require.NoError(t, err)
				requireSameMerkleClaims(t, leaves, mp.Claims, "multi-proof %v", gm.Indices)
				require.Equal(t, gm.Proof, mp.Proof, "multi-proof %v", gm.Indices)
				require.Equal(t, gm.ProofFlags, mp.ProofFlags, "multi-proof %v", gm.Indices)
				require.True(t, VerifyMultiProof(tree.Root(), mp), "multi-proof %v", gm.Indices)
			}

			dump, err := json.Marshal(tree)
			require.NoError(t, err)
			require.Equal(t, compactJSON(t, g.Dump), string(dump))

			pj, err := tree.ProofsJSON()
			require.NoError(t, err)
			require.Equal(t, compactJSON(t, g.ProofsJSON), string(pj))
			var asMap struct {
				Root   string              `json:"root"`
				Proofs map[string][]string `json:"proofs"`
			}
			require.NoError(t, json.Unmarshal(pj, &asMap))
			viaMap, err := json.Marshal(asMap)
			require.NoError(t, err)
			require.Equal(t, string(viaMap), string(pj), "ProofsJSON must equal encoding/json's sorted-map output")

			loaded, err := LoadMerkleTreeJSON(g.Dump)
			require.NoError(t, err)
			require.Equal(t, g.Root, loaded.Root())
			requireSameMerkleClaims(t, claims, loaded.Claims())
			for i, c := range claims {
				p, err := loaded.Proof(i)
				require.NoError(t, err)
				require.Equal(t, g.Proofs[i], p)
				p, err = loaded.ProofFor(c)
				require.NoError(t, err)
				require.Equal(t, g.Proofs[i], p)
			}
			again, err := json.Marshal(loaded)
			require.NoError(t, err)
			require.Equal(t, string(dump), string(again))

			if g.Unsorted != nil {
				u, err := LoadMerkleTreeJSON(g.Unsorted.Dump)
				require.NoError(t, err, "unsorted dump")
				require.False(t, u.sorted)
				require.Equal(t, g.Unsorted.Root, u.Root())
				for i, c := range claims {
					p, err := u.Proof(i)
					require.NoError(t, err)
					require.Equal(t, g.Unsorted.Proofs[i], p)
					p, err = u.ProofFor(c)
					require.NoError(t, err)
					require.Equal(t, g.Unsorted.Proofs[i], p)
					require.True(t, VerifyProof(u.Root(), c, p))
				}
				out, err := json.Marshal(u)
				require.NoError(t, err)
				require.Equal(t, compactJSON(t, g.Unsorted.Dump), string(out))
			}
		})
	}
}

// TestMerkleRepeatedAddress: OpenZeppelin admits one address with two amounts;
// NewMerkleTree refuses it unless asked, naming the address.
func TestMerkleRepeatedAddress(t *testing.T) {
	for _, g := range loadMerkleGoldens(t) {
		if !g.AllowRepeatedAddress {
			continue
		}
		_, err := NewMerkleTree(g.claims(t))
		require.ErrorIs(t, err, ErrDuplicateClaim)
		require.ErrorContains(t, err, "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2")
		require.ErrorContains(t, err, "claims 0 and 2")
		return
	}
	t.Fatal("no golden with a repeated address")
}

func flipHashBit(h common.Hash, bit int) common.Hash {
	h[bit/8%32] ^= 1 << (bit % 8)
	return h
}

// TestVerifyProof: every golden proof verifies; tampered claims, proofs and roots
// do not.
func TestVerifyProof(t *testing.T) {
	gs := loadMerkleGoldens(t)
	for gi, g := range gs {
		t.Run(g.Name, func(t *testing.T) {
			claims := g.claims(t)
			other := gs[(gi+1)%len(gs)].Root
			for i, c := range claims {
				proof := g.Proofs[i]
				require.True(t, VerifyProof(g.Root, c, proof), "claim %d", i)

				more := Claim{Address: c.Address, Amount: new(big.Int).Add(c.Amount, big.NewInt(1))}
				require.False(t, VerifyProof(g.Root, more, proof), "amount+1, claim %d", i)
				if c.Amount.Sign() > 0 {
					less := Claim{Address: c.Address, Amount: new(big.Int).Sub(c.Amount, big.NewInt(1))}
					require.False(t, VerifyProof(g.Root, less, proof), "amount-1, claim %d", i)
				}
				addr := c.Address
				addr[19] ^= 1
				require.False(t, VerifyProof(g.Root, Claim{Address: addr, Amount: c.Amount}, proof), "address, claim %d", i)
				require.False(t, VerifyProof(g.Root, Claim{Address: c.Address}, proof), "nil amount")
				require.False(t, VerifyProof(g.Root, Claim{Address: c.Address, Amount: big.NewInt(-1)}, proof), "negative amount")

				for k := range proof {
					bad := slices.Clone(proof)
					bad[k] = flipHashBit(bad[k], 7*k+i)
					require.False(t, VerifyProof(g.Root, c, bad), "proof element %d of claim %d", k, i)
				}
				require.False(t, VerifyProof(other, c, proof), "another tree's root, claim %d", i)
				require.False(t, VerifyProof(flipHashBit(g.Root, i), c, proof), "tampered root, claim %d", i)
				if len(proof) > 0 {
					require.False(t, VerifyProof(g.Root, c, proof[:len(proof)-1]), "truncated proof, claim %d", i)
					require.False(t, VerifyProof(g.Root, c, proof[1:]), "proof missing its first element, claim %d", i)
				}
				require.False(t, VerifyProof(g.Root, c, append(slices.Clone(proof), g.Root)), "extended proof, claim %d", i)
				if len(claims) > 1 {
					require.False(t, VerifyProof(g.Root, c, g.Proofs[(i+1)%len(claims)]), "another claim's proof, claim %d", i)
				}
			}
		})
	}
}

// TestVerifyMultiProofRefuses tampers with every part of golden multi-proofs.
func TestVerifyMultiProofRefuses(t *testing.T) {
	for _, g := range loadMerkleGoldens(t) {
		tree, _ := g.tree(t)
		for _, gm := range g.MultiProofs {
			mp, err := tree.MultiProof(gm.Indices)
			require.NoError(t, err)
			require.True(t, VerifyMultiProof(tree.Root(), mp))
			clone := func() MultiProof {
				c := MultiProof{Claims: slices.Clone(mp.Claims), Proof: slices.Clone(mp.Proof), ProofFlags: slices.Clone(mp.ProofFlags)}
				return c
			}
			require.False(t, VerifyMultiProof(flipHashBit(tree.Root(), 3), mp), "%s %v: root", g.Name, gm.Indices)
			for k := range mp.Proof {
				c := clone()
				c.Proof[k] = flipHashBit(c.Proof[k], k)
				require.False(t, VerifyMultiProof(tree.Root(), c), "%s %v: proof[%d]", g.Name, gm.Indices, k)
			}
			for k := range mp.ProofFlags {
				c := clone()
				c.ProofFlags[k] = !c.ProofFlags[k]
				require.False(t, VerifyMultiProof(tree.Root(), c), "%s %v: flag %d", g.Name, gm.Indices, k)
			}
			for k := range mp.Claims {
				c := clone()
				c.Claims[k].Amount = new(big.Int).Add(c.Claims[k].Amount, big.NewInt(1))
				require.False(t, VerifyMultiProof(tree.Root(), c), "%s %v: amount %d", g.Name, gm.Indices, k)
			}
			if len(mp.Claims) > 1 {
				c := clone()
				c.Claims[0], c.Claims[1] = c.Claims[1], c.Claims[0]
				// Swapping two leaves that are siblings keeps the root (pairs are
				// commutative); any other swap must fail. Either way: no panic.
				_ = VerifyMultiProof(tree.Root(), c)
			}
			c := clone()
			c.Proof = append(c.Proof, tree.Root())
			require.False(t, VerifyMultiProof(tree.Root(), c), "%s %v: extra proof element", g.Name, gm.Indices)
			if len(mp.Proof) > 0 {
				c := clone()
				c.Proof = c.Proof[:len(c.Proof)-1]
				c.ProofFlags = append(c.ProofFlags, true)
				require.False(t, VerifyMultiProof(tree.Root(), c), "%s %v: short proof", g.Name, gm.Indices)
			}
		}
	}
	require.False(t, VerifyMultiProof(common.Hash{}, MultiProof{}))
	require.False(t, VerifyMultiProof(common.Hash{}, MultiProof{ProofFlags: []bool{true}, Proof: []common.Hash{{}, {}}}))
}

// randomMerkleClaims draws n claims with distinct addresses and amounts of every size
// up to 2^256-1.
func randomMerkleClaims(r *rand.Rand, n int) []Claim {
	claims := make([]Claim, n)
	for i := range claims {
		var a common.Address
		for k := range a {
			a[k] = byte(r.Uint32())
		}
		binaryIndex := uint32(i)
		a[0], a[1], a[2], a[3] = byte(binaryIndex>>24), byte(binaryIndex>>16), byte(binaryIndex>>8), byte(binaryIndex)
		var w [32]byte
		for k := range w {
			w[k] = byte(r.Uint32())
		}
		amount := new(big.Int).SetBytes(w[:])
		amount.Rsh(amount, uint(r.IntN(257)))
		claims[i] = Claim{Address: a, Amount: amount}
	}
	return claims
}

// naiveMerkleTree is the reference: abi.Arguments.Pack (reflection), crypto.Keccak256,
// and OpenZeppelin's makeMerkleTree and getProof transcribed line by line.
func naiveMerkleTree(t testing.TB, claims []Claim) (common.Hash, [][]common.Hash) {
	t.Helper()
	addrT, err := abi.NewType("address", "", nil)
	require.NoError(t, err)
	uintT, err := abi.NewType("uint256", "", nil)
	require.NoError(t, err)
	args := abi.Arguments{{Type: addrT}, {Type: uintT}}
	type hv struct {
		hash       []byte
		valueIndex int
	}
	hashed := make([]hv, len(claims))
	for i, c := range claims {
		enc, err := args.Pack(c.Address, c.Amount)
		require.NoError(t, err)
		hashed[i] = hv{crypto.Keccak256(crypto.Keccak256(enc)), i}
	}
	sort.SliceStable(hashed, func(a, b int) bool { return bytes.Compare(hashed[a].hash, hashed[b].hash) < 0 })
	tree := make([][]byte, 2*len(hashed)-1)
	for i, h := range hashed {
		tree[len(tree)-1-i] = h.hash
	}
	for i := len(tree) - 1 - len(hashed); i >= 0; i-- {
		a, b := tree[2*i+1], tree[2*i+2]
		if bytes.Compare(a, b) > 0 {
			a, b = b, a
		}
		tree[i] = crypto.Keccak256(a, b)
	}
	treeIndex := make([]int, len(claims))
	for leafIndex, h := range hashed {
		treeIndex[h.valueIndex] = len(tree) - leafIndex - 1
	}
	proofs := make([][]common.Hash, len(claims))
	for i := range claims {
		proofs[i] = []common.Hash{}
		for j := treeIndex[i]; j > 0; j = (j - 1) / 2 {
			s := j + 1
			if j%2 == 0 {
				s = j - 1
			}
			proofs[i] = append(proofs[i], common.BytesToHash(tree[s]))
		}
	}
	return common.BytesToHash(tree[0]), proofs
}

// TestMerkleProperty builds random trees (seeded) and checks them against the
// reference, that every proof verifies and has the heap depth of its leaf, that
// the input order does not change the root, and that random multi-proofs verify.
func TestMerkleProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 89000))
	sizes := []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255, 256, 257, 1000}
	for range 40 {
		sizes = append(sizes, 1+r.IntN(300))
	}
	for _, n := range sizes {
		claims := randomMerkleClaims(r, n)
		tree, err := NewMerkleTree(claims)
		require.NoError(t, err)
		root, proofs := naiveMerkleTree(t, claims)
		require.Equal(t, root, tree.Root(), "n=%d", n)
		maxDepth := bits.Len(uint(2*n-1)) - 1
		for i, c := range claims {
			p, err := tree.Proof(i)
			require.NoError(t, err)
			require.Equal(t, proofs[i], p, "n=%d claim %d", n, i)
			require.True(t, VerifyProof(tree.Root(), c, p), "n=%d claim %d", n, i)
			require.LessOrEqual(t, len(p), maxDepth)
			require.GreaterOrEqual(t, len(p), maxDepth-1)
		}
		shuffled := slices.Clone(claims)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := NewMerkleTree(shuffled)
		require.NoError(t, err)
		require.Equal(t, tree.Root(), again.Root(), "n=%d: order changed the root", n)

		k := r.IntN(n + 1)
		indices := r.Perm(n)[:k]
		mp, err := tree.MultiProof(indices)
		require.NoError(t, err)
		require.Len(t, mp.Claims, k)
		require.True(t, VerifyMultiProof(tree.Root(), mp), "n=%d multi-proof of %d", n, k)
	}
}

func TestNewMerkleTreeRefuses(t *testing.T) {
	a := common.HexToAddress("0x1111111111111111111111111111111111111111")
	b := common.HexToAddress("0x2222222222222222222222222222222222222222")
	two256 := new(big.Int).Lsh(big.NewInt(1), 256)
	for _, tc := range []struct {
		name   string
		claims []Claim
		opts   MerkleOptions
		want   error
		text   string
	}{
		{"nil", nil, MerkleOptions{}, ErrEmptyTree, "no claims"},
		{"empty", []Claim{}, MerkleOptions{}, ErrEmptyTree, "no claims"},
		{"nil amount", []Claim{{Address: a}}, MerkleOptions{}, ErrAmount, "claim 0 (0x1111111111111111111111111111111111111111): amount nil"},
		{"negative", []Claim{{a, big.NewInt(1)}, {b, big.NewInt(-5)}}, MerkleOptions{}, ErrAmount, "claim 1 (0x2222222222222222222222222222222222222222): amount -5"},
		{"2^256", []Claim{{a, two256}}, MerkleOptions{}, ErrAmount, "claim 0"},
		{"same address", []Claim{{a, big.NewInt(1)}, {b, big.NewInt(1)}, {a, big.NewInt(2)}}, MerkleOptions{}, ErrDuplicateClaim, "address 0x1111111111111111111111111111111111111111 at claims 0 and 2"},
		{"same claim", []Claim{{a, big.NewInt(1)}, {a, big.NewInt(1)}}, MerkleOptions{}, ErrDuplicateClaim, "claims 0 and 1"},
		{"same claim, repeats allowed", []Claim{{a, big.NewInt(3)}, {b, big.NewInt(1)}, {a, big.NewInt(3)}}, MerkleOptions{AllowRepeatedAddress: true}, ErrDuplicateClaim, "address 0x1111111111111111111111111111111111111111 amount 3 at claims 0 and 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree, err := NewMerkleTreeWith(tc.claims, tc.opts)
			require.Nil(t, tree)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.text)
		})
	}
	tree, err := NewMerkleTreeWith([]Claim{{a, big.NewInt(1)}, {a, big.NewInt(2)}}, MerkleOptions{AllowRepeatedAddress: true})
	require.NoError(t, err)
	require.Equal(t, 2, tree.Len())
	max := new(big.Int).Sub(two256, big.NewInt(1))
	_, err = NewMerkleTree([]Claim{{a, max}, {b, big.NewInt(0)}})
	require.NoError(t, err, "0 and 2^256-1 are uint256")
}

func TestMerkleTreeLookupErrors(t *testing.T) {
	a := common.HexToAddress("0x1111111111111111111111111111111111111111")
	b := common.HexToAddress("0x2222222222222222222222222222222222222222")
	tree, err := NewMerkleTree([]Claim{{a, big.NewInt(10)}, {b, big.NewInt(20)}})
	require.NoError(t, err)
	for _, i := range []int{-1, 2, 1 << 40} {
		_, err := tree.Proof(i)
		require.ErrorIs(t, err, ErrIndex)
	}
	_, err = tree.ProofFor(Claim{a, big.NewInt(11)})
	require.ErrorIs(t, err, ErrUnknownClaim)
	require.ErrorContains(t, err, "0x1111111111111111111111111111111111111111 amount 11")
	_, err = tree.ProofFor(Claim{Address: a})
	require.ErrorIs(t, err, ErrAmount)
	_, err = tree.MultiProof([]int{0, 2})
	require.ErrorIs(t, err, ErrIndex)
	_, err = tree.MultiProof([]int{1, 0, 1})
	require.ErrorIs(t, err, ErrIndex)
	require.ErrorContains(t, err, "claim 1 asked for twice")
	require.Equal(t, common.Hash{}, LeafHash(Claim{Address: a, Amount: big.NewInt(-1)}))
}

// TestMerkleTreeCopiesInput: changing the caller's claims after the build changes
// nothing, nor does changing what Claims returns.
func TestMerkleTreeCopiesInput(t *testing.T) {
	claims := []Claim{
		{common.HexToAddress("0x1111111111111111111111111111111111111111"), big.NewInt(10)},
		{common.HexToAddress("0x2222222222222222222222222222222222222222"), big.NewInt(20)},
	}
	tree, err := NewMerkleTree(claims)
	require.NoError(t, err)
	root := tree.Root()
	claims[0].Amount.SetInt64(99)
	claims[1].Address[0] = 0xff
	got := tree.Claims()
	require.Equal(t, int64(10), got[0].Amount.Int64())
	got[1].Amount.SetInt64(5)
	require.Equal(t, int64(20), tree.Claims()[1].Amount.Int64())
	require.Equal(t, root, tree.Root())
	p, err := tree.Proof(0)
	require.NoError(t, err)
	require.True(t, VerifyProof(root, Claim{common.HexToAddress("0x1111111111111111111111111111111111111111"), big.NewInt(10)}, p))
}

// TestLeafHashMatchesABIPack checks the hand-written abi.encode against
// go-ethereum's reflection-based packer at the edges of both words.
func TestLeafHashMatchesABIPack(t *testing.T) {
	addrT, _ := abi.NewType("address", "", nil)
	uintT, _ := abi.NewType("uint256", "", nil)
	args := abi.Arguments{{Type: addrT}, {Type: uintT}}
	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	for _, c := range []Claim{
		{common.Address{}, big.NewInt(0)},
		{common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), max},
		{common.HexToAddress("0x0000000000000000000000000000000000000001"), big.NewInt(1)},
		{common.HexToAddress("0x8000000000000000000000000000000000000000"), new(big.Int).Lsh(big.NewInt(1), 255)},
	} {
		enc, err := args.Pack(c.Address, c.Amount)
		require.NoError(t, err)
		require.Equal(t, common.BytesToHash(crypto.Keccak256(crypto.Keccak256(enc))), LeafHash(c))
	}
}
