package reward

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Sentinel errors. Every error the package returns for bad input wraps one of them
// (test with errors.Is) and names the offending field.
var (
	// ErrAmount reports an amount that is not a uint256: nil, negative, or 2^256 or more,
	// or text that is not a base-10 integer.
	ErrAmount = errors.New("reward: amount out of range")
	// ErrAddress reports a malformed EVM address: not 0x and 40 hex digits, or
	// mixed case with a wrong EIP-55 checksum.
	ErrAddress = errors.New("reward: malformed address")
	// ErrDuplicateClaim reports a second claim for the same address (or, with
	// MerkleOptions.AllowRepeatedAddress, the same address and amount).
	ErrDuplicateClaim = errors.New("reward: duplicate claim")
	// ErrEmptyTree reports a Merkle tree asked for with no claims.
	ErrEmptyTree = errors.New("reward: empty tree")
	// ErrUnknownClaim reports a claim that is not a leaf of the tree.
	ErrUnknownClaim = errors.New("reward: claim not in tree")
	// ErrIndex reports a claim index out of range, or given twice.
	ErrIndex = errors.New("reward: index out of range")
	// ErrBadTree reports a tree dump whose nodes do not hash up from its claims.
	ErrBadTree = errors.New("reward: tree does not match its claims")
	// ErrMalformed reports input that is not a well-formed structure of its kind.
	ErrMalformed = errors.New("reward: malformed")
	// ErrTooLarge reports input over its size limit.
	ErrTooLarge = errors.New("reward: too large")
)

// MaxClaims is the most claims a MerkleTree holds (about 640 MB of nodes).
const MaxClaims = 10_000_000

// A Claim is what one address may withdraw for an epoch: a leaf of the MerkleTree.
// Amount is in base units and must be a uint256 (0 <= Amount < 2^256).
type Claim struct {
	Address common.Address
	Amount  *big.Int
}

// MerkleOptions adjusts NewMerkleTreeWith. The zero value is the default of
// NewMerkleTree.
type MerkleOptions struct {
	// AllowRepeatedAddress admits several claims for one address with different
	// amounts, as OpenZeppelin's StandardMerkleTree does. By default a second claim
	// for an address is refused with ErrDuplicateClaim, since an epoch pays each
	// address once: a repeated address is almost always a bug upstream (two rows for
	// one contributor), and a claim contract that marks addresses as claimed would
	// pay only one of the leaves. Identical claims (same address and amount) are
	// refused either way.
	AllowRepeatedAddress bool
}

// A MerkleTree commits to a list of claims exactly as OpenZeppelin's
// StandardMerkleTree.of(claims, ["address", "uint256"]) does (@openzeppelin/merkle-tree
// 1.x, default options), so its Root posted on chain verifies proofs with
// OpenZeppelin's Solidity MerkleProof.verify and the usual claim contract:
//
//	bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
//	require(MerkleProof.verify(proof, root, leaf));
//
// The layout, which decides the root and the proofs, is OpenZeppelin's:
//
//   - Each leaf is LeafHash(claim): keccak256 of keccak256 of abi.encode(address,
//     uint256). Hashing twice keeps a leaf from being confused with an internal node
//     (both would otherwise be 64-byte preimages).
//   - The leaves are sorted by hash, ascending, and stored at the end of one array of
//     2n-1 nodes in reverse: the smallest leaf hash is the last node. The input
//     order of the claims thus does not change the root.
//   - Node i has children 2i+1 and 2i+2 and is keccak256 of its children's hashes
//     concatenated smaller first (commutative pairs, as MerkleProof.verify expects).
//     Node 0 is the root. With n not a power of two the leaves sit at two depths;
//     nothing is padded or duplicated, and a proof for node j has
//     floor(log2(j+1)) siblings, from the leaf up.
//
// A MerkleTree is immutable and safe for concurrent use.
type MerkleTree struct {
	// nodes is the whole tree, in OpenZeppelin's array layout; the leaves are
	// nodes[len(leaves)-1:].
	nodes []common.Hash
	// leaves holds the claims in input order, each with its node index.
	leaves []merkleLeaf
	// byNode maps a leaf node k (nodes[len(leaves)-1+k]) to its claim's input index.
	byNode []int32
	// sorted reports that the leaf nodes are in strictly descending order (always so
	// for a tree that NewMerkleTree built), which lets ProofFor binary-search them.
	sorted bool
}

type merkleLeaf struct {
	addr   common.Address
	amount [32]byte // the uint256 ABI word: big-endian, left-padded
	node   int32
}

// NewMerkleTree builds the tree of claims, which it copies. It refuses an empty
// list (ErrEmptyTree), more than MaxClaims claims (ErrTooLarge), an amount that is
// not a uint256 (ErrAmount) and a second claim for the same address
// (ErrDuplicateClaim, naming the address and both indices); see MerkleOptions to
// admit repeated addresses.
//
// Proof(i) then answers for claims[i].
func NewMerkleTree(claims []Claim) (*MerkleTree, error) {
	return NewMerkleTreeWith(claims, MerkleOptions{})
}

// NewMerkleTreeWith is NewMerkleTree with options.
func NewMerkleTreeWith(claims []Claim, opts MerkleOptions) (*MerkleTree, error) {
	n := len(claims)
	if n == 0 {
		return nil, fmt.Errorf("%w: no claims", ErrEmptyTree)
	}
	if n > MaxClaims {
		return nil, fmt.Errorf("%w: %d claims, at most %d", ErrTooLarge, n, MaxClaims)
	}
	var seen map[common.Address]int32
	if !opts.AllowRepeatedAddress {
		seen = make(map[common.Address]int32, n)
	}
	leaves := make([]merkleLeaf, n)
	order := make([]hashIndex, n)
	h := newKeccakHasher()
	for i, c := range claims {
		w, ok := uint256Word(c.Amount)
		if !ok {
			return nil, fmt.Errorf("%w: claim %d (%s): amount %s is not a uint256", ErrAmount, i, c.Address.Hex(), amountText(c.Amount))
		}
		if seen != nil {
			if j, dup := seen[c.Address]; dup {
				return nil, fmt.Errorf("%w: address %s at claims %d and %d", ErrDuplicateClaim, c.Address.Hex(), j, i)
			}
			seen[c.Address] = int32(i)
		}
		leaves[i] = merkleLeaf{addr: c.Address, amount: w}
		order[i] = hashIndex{hash: h.leaf(&leaves[i].addr, &leaves[i].amount), index: int32(i)}
	}
	slices.SortFunc(order, func(a, b hashIndex) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	for k := 1; k < n; k++ {
		if order[k].hash == order[k-1].hash {
			i, j := min(order[k].index, order[k-1].index), max(order[k].index, order[k-1].index)
			l := &leaves[i]
			return nil, fmt.Errorf("%w: address %s amount %s at claims %d and %d", ErrDuplicateClaim, l.addr.Hex(), wordText(&l.amount), i, j)
		}
	}
	t := &MerkleTree{nodes: make([]common.Hash, 2*n-1), leaves: leaves, byNode: make([]int32, n), sorted: true}
	for k, e := range order {
		// OpenZeppelin's makeMerkleTree: tree[tree.length - 1 - k] = sortedLeaves[k].
		node := 2*n - 2 - k
		t.nodes[node] = e.hash
		t.leaves[e.index].node = int32(node)
		t.byNode[node-(n-1)] = e.index
	}
	t.hashInternal(h)
	return t, nil
}

type hashIndex struct {
	hash  common.Hash
	index int32
}

// hashInternal computes every internal node from the leaves, bottom up.
func (t *MerkleTree) hashInternal(h *keccakHasher) {
	for i := len(t.leaves) - 2; i >= 0; i-- {
		t.nodes[i] = h.node(&t.nodes[2*i+1], &t.nodes[2*i+2])
	}
}

// Root is the tree's root, the value a claim contract stores.
func (t *MerkleTree) Root() common.Hash { return t.nodes[0] }

// Len is the number of claims.
func (t *MerkleTree) Len() int { return len(t.leaves) }

// Claims returns a copy of the claims, in input order.
func (t *MerkleTree) Claims() []Claim {
	out := make([]Claim, len(t.leaves))
	for i := range t.leaves {
		out[i] = t.leaves[i].claim()
	}
	return out
}

func (l *merkleLeaf) claim() Claim {
	return Claim{Address: l.addr, Amount: new(big.Int).SetBytes(l.amount[:])}
}

// Proof returns the proof for the i-th claim in input order: the sibling hashes
// from the leaf up to the root, as MerkleProof.verify takes them (a one-claim tree
// has an empty proof: its root is the leaf). It equals OpenZeppelin's getProof(i).
func (t *MerkleTree) Proof(i int) ([]common.Hash, error) {
	if i < 0 || i >= len(t.leaves) {
		return nil, fmt.Errorf("%w: claim %d of %d", ErrIndex, i, len(t.leaves))
	}
	return t.proofAt(int(t.leaves[i].node)), nil
}

// ProofFor returns the proof for a claim given by value. It fails with ErrAmount
// for an amount that is not a uint256 and with ErrUnknownClaim for a claim that is
// not in the tree.
func (t *MerkleTree) ProofFor(c Claim) ([]common.Hash, error) {
	node, err := t.find(c)
	if err != nil {
		return nil, err
	}
	return t.proofAt(node), nil
}

// find returns the node index of a claim's leaf.
func (t *MerkleTree) find(c Claim) (int, error) {
	w, ok := uint256Word(c.Amount)
	if !ok {
		return 0, fmt.Errorf("%w: claim %s: amount %s is not a uint256", ErrAmount, c.Address.Hex(), amountText(c.Amount))
	}
	h := getHasher()
	target := h.leaf(&c.Address, &w)
	putHasher(h)
	first := len(t.leaves) - 1
	leafNodes := t.nodes[first:]
	if t.sorted {
		// Descending order: an element comes before the target when it is larger.
		k, found := slices.BinarySearchFunc(leafNodes, target, func(e, target common.Hash) int {
			return bytes.Compare(target[:], e[:])
		})
		if found {
			return first + k, nil
		}
	} else if k := slices.Index(leafNodes, target); k >= 0 {
		return first + k, nil
	}
	return 0, fmt.Errorf("%w: address %s amount %s", ErrUnknownClaim, c.Address.Hex(), c.Amount)
}

// proofAt returns the siblings on the path from node j to the root.
func (t *MerkleTree) proofAt(j int) []common.Hash {
	proof := make([]common.Hash, 0, bits.Len(uint(j+1))-1)
	for j > 0 {
		proof = append(proof, t.nodes[siblingNode(j)])
		j = (j - 1) / 2
	}
	return proof
}

// siblingNode is the other child of node j's parent (j > 0): left children are odd.
func siblingNode(j int) int {
	if j%2 == 1 {
		return j + 1
	}
	return j - 1
}

// LeafHash is the leaf of a claim: keccak256(bytes.concat(keccak256(abi.encode(
// address, amount)))), OpenZeppelin's standard leaf for ["address", "uint256"].
// A claim whose amount is not a uint256 has no leaf: LeafHash returns the zero
// hash for it.
//
// abi.encode(address, uint256) is two static 32-byte words: the address
// left-padded with 12 zero bytes, then the amount big-endian. The package writes
// those 64 bytes by hand into a fixed buffer instead of calling go-ethereum's
// reflection-based abi.Arguments.Pack: the layout is fixed by the ABI spec, the
// hand-written form allocates nothing per leaf, and the tests check it against
// abi.Pack and against OpenZeppelin's own hashes.
func LeafHash(c Claim) common.Hash {
	w, ok := uint256Word(c.Amount)
	if !ok {
		return common.Hash{}
	}
	h := getHasher()
	defer putHasher(h)
	return h.leaf(&c.Address, &w)
}

// VerifyProof reports whether proof proves claim c under root, exactly as
// OpenZeppelin's MerkleProof.verify(proof, root, leaf) does with leaf =
// LeafHash(c): hash the leaf with each proof element in turn, as a commutative
// pair, and compare with the root. It never panics; a claim whose amount is not a
// uint256 never verifies.
func VerifyProof(root common.Hash, c Claim, proof []common.Hash) bool {
	w, ok := uint256Word(c.Amount)
	if !ok {
		return false
	}
	h := getHasher()
	defer putHasher(h)
	x := h.leaf(&c.Address, &w)
	for i := range proof {
		x = h.node(&x, &proof[i])
	}
	return x == root
}

// A MultiProof proves several claims at once, in the form of OpenZeppelin's
// getMultiProof and Solidity's MerkleProof.multiProofVerify(proof, proofFlags,
// leaves, root), where leaves[i] = LeafHash(Claims[i]).
type MultiProof struct {
	// Claims are the proven claims, in the order the leaves must be given to
	// multiProofVerify (by leaf hash, ascending), not the order they were asked for.
	Claims []Claim
	// Proof holds the sibling hashes the claims do not supply themselves.
	Proof []common.Hash
	// ProofFlags says, for each hash computed on the way up, whether its second
	// operand comes from the leaves and computed hashes (true) or from Proof (false).
	ProofFlags []bool
}

// MultiProof returns one proof for the claims at the given input indices; it
// equals OpenZeppelin's getMultiProof(indices). It fails with ErrIndex for an
// index out of range or given twice. With no indices the proof is the root alone.
func (t *MerkleTree) MultiProof(indices []int) (MultiProof, error) {
	n := len(t.leaves)
	nodes := make([]int, len(indices))
	for k, i := range indices {
		if i < 0 || i >= n {
			return MultiProof{}, fmt.Errorf("%w: claim %d of %d", ErrIndex, i, n)
		}
		nodes[k] = int(t.leaves[i].node)
	}
	slices.SortFunc(nodes, func(a, b int) int { return b - a }) // descending
	for k := 1; k < len(nodes); k++ {
		if nodes[k] == nodes[k-1] {
			return MultiProof{}, fmt.Errorf("%w: claim %d asked for twice", ErrIndex, t.byNode[nodes[k]-(n-1)])
		}
	}
	mp := MultiProof{Claims: make([]Claim, len(nodes)), Proof: []common.Hash{}, ProofFlags: []bool{}}
	for k, j := range nodes {
		mp.Claims[k] = t.leaves[t.byNode[j-(n-1)]].claim()
	}
	// OpenZeppelin's getMultiProof: a queue of node indices, deepest first.
	queue := slices.Clone(nodes)
	for head := 0; head < len(queue) && queue[head] > 0; {
		j := queue[head]
		head++
		s := siblingNode(j)
		if head < len(queue) && queue[head] == s {
			mp.ProofFlags = append(mp.ProofFlags, true)
			head++
		} else {
			mp.ProofFlags = append(mp.ProofFlags, false)
			mp.Proof = append(mp.Proof, t.nodes[s])
		}
		queue = append(queue, (j-1)/2)
	}
	if len(indices) == 0 {
		mp.Proof = append(mp.Proof, t.nodes[0])
	}
	return mp, nil
}

// VerifyMultiProof reports whether mp proves all of its claims under root, as
// Solidity's MerkleProof.multiProofVerify does. It is strict where a malformed
// multi-proof could be ambiguous: the counts must satisfy len(Claims)+len(Proof)
// == len(ProofFlags)+1, every proof element must be used, and no hash may be read
// before it is computed. It never panics.
func VerifyMultiProof(root common.Hash, mp MultiProof) bool {
	nl, np, nf := len(mp.Claims), len(mp.Proof), len(mp.ProofFlags)
	if nl+np != nf+1 {
		return false
	}
	h := getHasher()
	defer putHasher(h)
	leaves := make([]common.Hash, nl)
	for i, c := range mp.Claims {
		w, ok := uint256Word(c.Amount)
		if !ok {
			return false
		}
		leaves[i] = h.leaf(&c.Address, &w)
	}
	hashes := make([]common.Hash, 0, nf)
	lp, hp, pp := 0, 0, 0
	next := func() (common.Hash, bool) {
		switch {
		case lp < nl:
			lp++
			return leaves[lp-1], true
		case hp < len(hashes):
			hp++
			return hashes[hp-1], true
		}
		return common.Hash{}, false
	}
	for _, flag := range mp.ProofFlags {
		a, ok := next()
		if !ok {
			return false
		}
		var b common.Hash
		if flag {
			if b, ok = next(); !ok {
				return false
			}
		} else {
			if pp >= np {
				return false
			}
			b = mp.Proof[pp]
			pp++
		}
		hashes = append(hashes, h.node(&a, &b))
	}
	switch {
	case nf > 0:
		return pp == np && hashes[nf-1] == root
	case nl > 0:
		return leaves[0] == root
	default:
		return mp.Proof[0] == root
	}
}

// keccakHasher computes the tree's keccak256 hashes with one reusable state and
// buffer, so that hashing allocates nothing.
type keccakHasher struct {
	k   crypto.KeccakState
	buf [64]byte
	out common.Hash
}

func newKeccakHasher() *keccakHasher { return &keccakHasher{k: crypto.NewKeccakState()} }

// merkleHashers serves the package functions (LeafHash, VerifyProof...), so that
// verifying a proof allocates nothing.
var merkleHashers = sync.Pool{New: func() any { return newKeccakHasher() }}

func getHasher() *keccakHasher  { return merkleHashers.Get().(*keccakHasher) }
func putHasher(h *keccakHasher) { merkleHashers.Put(h) }

func (h *keccakHasher) sum(n int) common.Hash {
	h.k.Reset()
	h.k.Write(h.buf[:n])
	h.k.Read(h.out[:])
	return h.out
}

// leaf is LeafHash: keccak256(keccak256(abi.encode(addr, amount))).
func (h *keccakHasher) leaf(addr *common.Address, amount *[32]byte) common.Hash {
	clear(h.buf[:12])
	copy(h.buf[12:32], addr[:])
	copy(h.buf[32:], amount[:])
	inner := h.sum(64)
	copy(h.buf[:32], inner[:])
	return h.sum(32)
}

// node is OpenZeppelin's commutative pair hash: keccak256 of the smaller then the
// larger of a and b.
func (h *keccakHasher) node(a, b *common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	copy(h.buf[:32], a[:])
	copy(h.buf[32:], b[:])
	return h.sum(64)
}

// uint256Word returns a's uint256 ABI word, or false if a is not a uint256.
func uint256Word(a *big.Int) (w [32]byte, ok bool) {
	if a == nil || a.Sign() < 0 || a.BitLen() > 256 {
		return w, false
	}
	a.FillBytes(w[:])
	return w, true
}

// amountText prints an amount for an error message, cut to 80 characters.
func amountText(a *big.Int) string {
	if a == nil {
		return "nil"
	}
	s := a.String()
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func wordText(w *[32]byte) string { return new(big.Int).SetBytes(w[:]).String() }
