package reward

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

const (
	// MaxClaimsJSONBytes is the largest input ParseClaimsJSON reads (64 MiB, about
	// 1.3 million claims).
	MaxClaimsJSONBytes = 64 << 20
	// MaxTreeJSONBytes is the largest dump LoadMerkleTreeJSON reads (256 MiB, about
	// one million claims).
	MaxTreeJSONBytes = 256 << 20
)

// ParseClaimsJSON reads a claim list written as JSON, the input of
// `depinkit reward tree`:
//
//	[["0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", "1000000000000000000"], ...]
//
// Each claim is a two-element array: an address (0x and 40 hex digits; all lower
// case, all upper case, or mixed case with a valid EIP-55 checksum) and an amount
// in base units, a base-10 string of digits (a bare JSON integer of digits is
// accepted too) below 2^256. Errors name the claim's index and wrap ErrTooLarge
// (over MaxClaimsJSONBytes or MaxClaims), ErrMalformed, ErrAddress or ErrAmount.
// Duplicates are left to NewMerkleTree to refuse.
//
// This is stricter than OpenZeppelin's JavaScript, which takes any hex string of at
// most 20 bytes as an address (left-padding it) and ignores checksums: a short or
// mistyped address in a payout file is a mistake, not a claim.
func ParseClaimsJSON(data []byte) ([]Claim, error) {
	if len(data) > MaxClaimsJSONBytes {
		return nil, fmt.Errorf("%w: claims JSON of %d bytes, at most %d", ErrTooLarge, len(data), MaxClaimsJSONBytes)
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '[' {
		return nil, fmt.Errorf("%w: claims JSON: want an array of [address, amount]", ErrMalformed)
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%w: claims JSON: %v", ErrMalformed, err)
	}
	if len(raw) > MaxClaims {
		return nil, fmt.Errorf("%w: %d claims, at most %d", ErrTooLarge, len(raw), MaxClaims)
	}
	claims := make([]Claim, len(raw))
	for i, pair := range raw {
		if len(pair) != 2 {
			return nil, fmt.Errorf("%w: claim %d: want [address, amount], got %d elements", ErrMalformed, i, len(pair))
		}
		addr, err := parseAddressJSON(pair[0])
		if err != nil {
			return nil, fmt.Errorf("%w: claim %d: %v", ErrAddress, i, err)
		}
		amount, err := parseAmountJSON(pair[1], false)
		if err != nil {
			return nil, fmt.Errorf("%w: claim %d (%s): %v", ErrAmount, i, addr.Hex(), err)
		}
		claims[i] = Claim{Address: addr, Amount: amount}
	}
	return claims, nil
}

// ProofsJSON is the output of `depinkit reward tree`: the root and every claim's
// proof, keyed by "<lowercase address>:<decimal amount>", keys in byte order (as
// encoding/json writes a map), on one line:
//
//	{"root":"0x…","proofs":{"0x1111…1111:5000000000000000000":["0x…","0x…"],…}}
//
// A one-claim tree's proof is the empty array. The error is always nil for a tree
// this package built or loaded.
func (t *MerkleTree) ProofsJSON() ([]byte, error) {
	type keyed struct {
		key  string
		node int32
	}
	entries := make([]keyed, len(t.leaves))
	size := 32
	var scratch []byte
	var amount big.Int
	for i := range t.leaves {
		l := &t.leaves[i]
		scratch = append(scratch[:0], "0x"...)
		scratch = hex.AppendEncode(scratch, l.addr[:])
		scratch = append(scratch, ':')
		scratch = amount.SetBytes(l.amount[:]).Append(scratch, 10)
		entries[i] = keyed{key: string(scratch), node: l.node}
		size += len(scratch) + 8 + 69*(bits.Len(uint(l.node+1))-1)
	}
	slices.SortFunc(entries, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := make([]byte, 0, size)
	out = append(out, `{"root":`...)
	out = appendHashJSON(out, t.nodes[0])
	out = append(out, `,"proofs":{`...)
	for k, e := range entries {
		if k > 0 {
			out = append(out, ',')
		}
		out = append(out, '"')
		out = append(out, e.key...)
		out = append(out, `":[`...)
		for j, first := int(e.node), true; j > 0; j = (j - 1) / 2 {
			if !first {
				out = append(out, ',')
			}
			first = false
			out = appendHashJSON(out, t.nodes[siblingNode(j)])
		}
		out = append(out, ']')
	}
	out = append(out, "}}"...)
	return out, nil
}

func appendHashJSON(out []byte, h common.Hash) []byte {
	out = append(out, `"0x`...)
	out = hex.AppendEncode(out, h[:])
	return append(out, '"')
}

// The dump format of OpenZeppelin's StandardMerkleTree.dump() / load().
type merkleDump struct {
	Format       string        `json:"format"`
	LeafEncoding []string      `json:"leafEncoding"`
	Tree         []common.Hash `json:"tree"`
	Values       []dumpValue   `json:"values"`
}

type dumpValue struct {
	Value     [2]string `json:"value"`
	TreeIndex int       `json:"treeIndex"`
}

const dumpFormat = "standard-v1"

var leafEncoding = []string{"address", "uint256"}

// MarshalJSON writes the tree in OpenZeppelin's dump format, which
// StandardMerkleTree.load reads back:
//
//	{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":["0x…",…],
//	 "values":[{"value":["0x5B38…ddC4","1000000000000000000"],"treeIndex":2},…]}
//
// Values are in input order; addresses are EIP-55 checksummed and amounts
// decimal strings, so the output equals OpenZeppelin's dump of a tree built from
// claims spelled that way.
func (t *MerkleTree) MarshalJSON() ([]byte, error) {
	d := merkleDump{Format: dumpFormat, LeafEncoding: leafEncoding, Tree: t.nodes, Values: make([]dumpValue, len(t.leaves))}
	for i := range t.leaves {
		l := &t.leaves[i]
		d.Values[i] = dumpValue{Value: [2]string{l.addr.Hex(), wordText(&l.amount)}, TreeIndex: int(l.node)}
	}
	return json.Marshal(d)
}

// LoadMerkleTreeJSON reads a tree in OpenZeppelin's dump format, as MarshalJSON or
// StandardMerkleTree.dump() writes it, and checks it whole: format "standard-v1",
// leaf encoding ["address", "uint256"], 2n-1 nodes for n values, each value on its
// own leaf node, and every node hashing up from the claims (ErrBadTree otherwise).
// Amounts may be decimal strings, 0x-hex strings or JSON integers. It reads at
// most MaxTreeJSONBytes.
//
// A tree made with OpenZeppelin's sortLeaves: false loads too (ProofFor then scans
// the leaves). Since the tree may already be committed on chain, Load admits an
// address with several amounts, as OpenZeppelin does; it refuses identical claims
// (ErrDuplicateClaim), which would make ProofFor and ProofsJSON ambiguous.
func LoadMerkleTreeJSON(data []byte) (*MerkleTree, error) {
	if len(data) > MaxTreeJSONBytes {
		return nil, fmt.Errorf("%w: tree JSON of %d bytes, at most %d", ErrTooLarge, len(data), MaxTreeJSONBytes)
	}
	var d struct {
		Format       string        `json:"format"`
		LeafEncoding []string      `json:"leafEncoding"`
		Tree         []common.Hash `json:"tree"`
		Values       []struct {
			Value     []json.RawMessage `json:"value"`
			TreeIndex *int              `json:"treeIndex"`
		} `json:"values"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%w: tree JSON: %v", ErrMalformed, err)
	}
	if d.Format != dumpFormat {
		return nil, fmt.Errorf("%w: tree JSON: format %.50q, want %q", ErrMalformed, d.Format, dumpFormat)
	}
	if !slices.Equal(d.LeafEncoding, leafEncoding) {
		return nil, fmt.Errorf("%w: tree JSON: leafEncoding %.100s, want %q", ErrMalformed, fmt.Sprintf("%q", d.LeafEncoding), leafEncoding)
	}
	n := len(d.Values)
	if n == 0 {
		return nil, fmt.Errorf("%w: tree JSON has no values", ErrEmptyTree)
	}
	if n > MaxClaims {
		return nil, fmt.Errorf("%w: %d claims, at most %d", ErrTooLarge, n, MaxClaims)
	}
	if len(d.Tree) != 2*n-1 {
		return nil, fmt.Errorf("%w: tree JSON: %d nodes for %d values, want %d", ErrMalformed, len(d.Tree), n, 2*n-1)
	}
	t := &MerkleTree{nodes: d.Tree, leaves: make([]merkleLeaf, n), byNode: make([]int32, n)}
	for k := range t.byNode {
		t.byNode[k] = -1
	}
	h := newKeccakHasher()
	for i, v := range d.Values {
		if len(v.Value) != 2 {
			return nil, fmt.Errorf("%w: tree JSON: values[%d]: want [address, amount], got %d elements", ErrMalformed, i, len(v.Value))
		}
		addr, err := parseAddressJSON(v.Value[0])
		if err != nil {
			return nil, fmt.Errorf("%w: tree JSON: values[%d]: %v", ErrAddress, i, err)
		}
		amount, err := parseAmountJSON(v.Value[1], true)
		if err != nil {
			return nil, fmt.Errorf("%w: tree JSON: values[%d] (%s): %v", ErrAmount, i, addr.Hex(), err)
		}
		if v.TreeIndex == nil || *v.TreeIndex < n-1 || *v.TreeIndex > 2*n-2 {
			return nil, fmt.Errorf("%w: tree JSON: values[%d]: treeIndex missing or not a leaf (want %d..%d)", ErrMalformed, i, n-1, 2*n-2)
		}
		node := *v.TreeIndex
		if prev := t.byNode[node-(n-1)]; prev >= 0 {
			return nil, fmt.Errorf("%w: tree JSON: values[%d] and values[%d] share treeIndex %d", ErrMalformed, prev, i, node)
		}
		t.byNode[node-(n-1)] = int32(i)
		l := &t.leaves[i]
		*l = merkleLeaf{addr: addr, node: int32(node)}
		amount.FillBytes(l.amount[:])
		if got := h.leaf(&l.addr, &l.amount); got != t.nodes[node] {
			return nil, fmt.Errorf("%w: values[%d] (%s, %s) hashes to %s, tree[%d] is %s", ErrBadTree, i, addr.Hex(), amount, got.Hex(), node, t.nodes[node].Hex())
		}
	}
	leafNodes := t.nodes[n-1:]
	t.sorted = true
	for k := 1; k < n; k++ {
		if bytes.Compare(leafNodes[k-1][:], leafNodes[k][:]) <= 0 {
			t.sorted = false
			break
		}
	}
	if !t.sorted {
		seen := make(map[common.Hash]int32, n)
		for k, hash := range leafNodes {
			if j, dup := seen[hash]; dup {
				i, l := t.byNode[j], &t.leaves[t.byNode[k]]
				return nil, fmt.Errorf("%w: address %s amount %s at values %d and %d", ErrDuplicateClaim, l.addr.Hex(), wordText(&l.amount), min(i, t.byNode[k]), max(i, t.byNode[k]))
			}
			seen[hash] = int32(k)
		}
	}
	for i := n - 2; i >= 0; i-- {
		if want := h.node(&t.nodes[2*i+1], &t.nodes[2*i+2]); want != t.nodes[i] {
			return nil, fmt.Errorf("%w: tree[%d] is %s, its children hash to %s", ErrBadTree, i, t.nodes[i].Hex(), want.Hex())
		}
	}
	return t, nil
}

// parseAddressJSON parses a JSON string holding an EVM address.
func parseAddressJSON(raw json.RawMessage) (common.Address, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return common.Address{}, fmt.Errorf("address %.50s is not a JSON string", raw)
	}
	return parseAddress(s)
}

// parseAddress accepts "0x" and 40 hex digits, all lower case, all upper case, or
// mixed case with a valid EIP-55 checksum.
func parseAddress(s string) (common.Address, error) {
	var a common.Address
	if len(s) != 2+2*common.AddressLength || s[0] != '0' || s[1] != 'x' {
		return a, fmt.Errorf("address %.50q: want 0x and 40 hex digits", s)
	}
	if _, err := hex.Decode(a[:], []byte(s[2:])); err != nil {
		return a, fmt.Errorf("address %q: want 0x and 40 hex digits", s)
	}
	lower, upper := false, false
	for _, c := range s[2:] {
		lower = lower || ('a' <= c && c <= 'f')
		upper = upper || ('A' <= c && c <= 'F')
	}
	if lower && upper && a.Hex() != s {
		return a, fmt.Errorf("address %q: bad EIP-55 checksum (want %s)", s, a.Hex())
	}
	return a, nil
}

var maxClaimAmount = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// parseAmountJSON parses a uint256 given as a JSON string of decimal digits (or,
// with hexOK, "0x" and hex digits) or as a JSON integer of digits.
func parseAmountJSON(raw json.RawMessage, hexOK bool) (*big.Int, error) {
	text := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return nil, fmt.Errorf("amount %.90s: %v", raw, err)
		}
	}
	base := 10
	digits := text
	if hexOK && len(raw) > 0 && raw[0] == '"' && (strings.HasPrefix(text, "0x") || strings.HasPrefix(text, "0X")) {
		base, digits = 16, text[2:]
	}
	if len(digits) == 0 || len(digits) > 80 || !allDigits(digits, base) {
		return nil, fmt.Errorf("amount %.90q: want an integer of digits below 2^256", text)
	}
	a, ok := new(big.Int).SetString(digits, base)
	if !ok || a.Cmp(maxClaimAmount) > 0 {
		return nil, fmt.Errorf("amount %.90q: not below 2^256", text)
	}
	return a, nil
}

func allDigits(s string, base int) bool {
	for _, c := range s {
		switch {
		case '0' <= c && c <= '9':
		case base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F'):
		default:
			return false
		}
	}
	return true
}
