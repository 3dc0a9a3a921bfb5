package reward

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseClaimsJSON(t *testing.T) {
	claims, err := ParseClaimsJSON([]byte(` [ ["0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", "1000000000000000000"],
		["0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2" , 7],
		["0x4B20993BC481177EC7E8F571CECAE8A9E22C02DB","0"],
		["0x78731D3Ca6b7E34aC0F824c42a7cC18A495cabaB", "115792089237316195423570985008687907853269984665640564039457584007913129639935"] ] `))
	require.NoError(t, err)
	require.Len(t, claims, 4)
	require.Equal(t, "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", claims[0].Address.Hex())
	require.Equal(t, "1000000000000000000", claims[0].Amount.String())
	require.Equal(t, "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2", claims[1].Address.Hex())
	require.Equal(t, "7", claims[1].Amount.String())
	require.Equal(t, "0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db", claims[2].Address.Hex())
	require.Zero(t, claims[2].Amount.Sign())
	require.Equal(t, maxClaimAmount, claims[3].Amount)

	empty, err := ParseClaimsJSON([]byte("[]"))
	require.NoError(t, err)
	require.Empty(t, empty)
}

func TestParseClaimsJSONRefuses(t *testing.T) {
	const ok = `"0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"`
	for _, tc := range []struct {
		in   string
		want error
		text string
	}{
		{``, ErrMalformed, "want an array"},
		{`null`, ErrMalformed, "want an array"},
		{`{}`, ErrMalformed, "want an array"},
		{`[`, ErrMalformed, "claims JSON"},
		{`[[` + ok + `,"1"]] x`, ErrMalformed, "claims JSON"},
		{`[{"address":` + ok + `}]`, ErrMalformed, "claims JSON"},
		{`[null]`, ErrMalformed, "claim 0: want [address, amount], got 0 elements"},
		{`[[` + ok + `,"1"],[` + ok + `]]`, ErrMalformed, "claim 1: want [address, amount], got 1 elements"},
		{`[[` + ok + `,"1","2"]]`, ErrMalformed, "got 3 elements"},
		{`[[` + ok + `,"1"],["0x5b38da6a701c568545dcfcb03fcb875f56bedd", "1"]]`, ErrAddress, "claim 1: address"},
		{`[["5B38Da6a701c568545dCfcB03FcB875f56beddC4aa", "1"]]`, ErrAddress, "want 0x and 40 hex digits"},
		{`[["0x5B38Da6a701c568545dCfcB03FcB875f56beddCg", "1"]]`, ErrAddress, "claim 0"},
		{`[["0X5B38DA6A701C568545DCFCB03FCB875F56BEDDC4", "1"]]`, ErrAddress, "claim 0"},
		{`[["0x5b38Da6a701c568545dCfcB03FcB875f56beddC4", "1"]]`, ErrAddress, "bad EIP-55 checksum (want 0x5B38Da6a701c568545dCfcB03FcB875f56beddC4)"},
		{`[[1234, "1"]]`, ErrAddress, "not a JSON string"},
		{`[[` + ok + `, "-1"]]`, ErrAmount, "claim 0 (0x5B38Da6a701c568545dCfcB03FcB875f56beddC4)"},
		{`[[` + ok + `, -1]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, "1.5"]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, 1e18]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, 1.0]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, ""]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, " 1"]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, "+1"]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, "0x10"]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, null]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, true]]`, ErrAmount, "claim 0"},
		{`[[` + ok + `, "115792089237316195423570985008687907853269984665640564039457584007913129639936"]]`, ErrAmount, "not below 2^256"},
		{`[[` + ok + `, "` + strings.Repeat("9", 1000) + `"]]`, ErrAmount, "claim 0"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			claims, err := ParseClaimsJSON([]byte(tc.in))
			require.Nil(t, claims)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.text)
		})
	}
}

func TestParseClaimsJSONTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte(" "), MaxClaimsJSONBytes+1)
	big[0] = '['
	big[len(big)-1] = ']'
	_, err := ParseClaimsJSON(big)
	require.ErrorIs(t, err, ErrTooLarge)

	_, err = LoadMerkleTreeJSON(make([]byte, MaxTreeJSONBytes+1))
	require.ErrorIs(t, err, ErrTooLarge)
}

// TestLoadMerkleTreeJSONRefuses edits a valid dump in every way that matters.
func TestLoadMerkleTreeJSONRefuses(t *testing.T) {
	var seven merkleGolden
	for _, g := range loadMerkleGoldens(t) {
		if g.Name == "seven" {
			seven = g
		}
	}
	require.NotEmpty(t, seven.Dump)
	edit := func(f func(d map[string]any)) string {
		var d map[string]any
		require.NoError(t, json.Unmarshal(seven.Dump, &d))
		f(d)
		out, err := json.Marshal(d)
		require.NoError(t, err)
		return string(out)
	}
	values := func(d map[string]any) []any { return d["values"].([]any) }
	value := func(d map[string]any, i int) []any { return values(d)[i].(map[string]any)["value"].([]any) }
	tree := func(d map[string]any) []any { return d["tree"].([]any) }
	for _, tc := range []struct {
		name string
		in   string
		want error
		text string
	}{
		{"not JSON", `{`, ErrMalformed, "tree JSON"},
		{"array", `[]`, ErrMalformed, "tree JSON"},
		{"format", edit(func(d map[string]any) { d["format"] = "simple-v1" }), ErrMalformed, `format "simple-v1"`},
		{"no format", edit(func(d map[string]any) { delete(d, "format") }), ErrMalformed, `format ""`},
		{"encoding", edit(func(d map[string]any) { d["leafEncoding"] = []string{"address", "uint96"} }), ErrMalformed, "leafEncoding"},
		{"no values", edit(func(d map[string]any) { d["values"] = []any{}; d["tree"] = []any{} }), ErrEmptyTree, "no values"},
		{"short tree", edit(func(d map[string]any) { d["tree"] = tree(d)[:12] }), ErrMalformed, "12 nodes for 7 values, want 13"},
		{"bad node hex", edit(func(d map[string]any) { tree(d)[3] = "0x1234" }), ErrMalformed, "tree JSON"},
		{"tampered node", edit(func(d map[string]any) { tree(d)[2] = "0x" + strings.Repeat("ab", 32) }), ErrBadTree, "tree[2] is 0xabab"},
		{"tampered root", edit(func(d map[string]any) { tree(d)[0] = "0x" + strings.Repeat("00", 32) }), ErrBadTree, "tree[0]"},
		{"tampered amount", edit(func(d map[string]any) { value(d, 1)[1] = "2" }), ErrBadTree, "values[1]"},
		{"swapped values", edit(func(d map[string]any) {
			v := values(d)
			v[0].(map[string]any)["treeIndex"], v[1].(map[string]any)["treeIndex"] = v[1].(map[string]any)["treeIndex"], v[0].(map[string]any)["treeIndex"]
		}), ErrBadTree, "values[0]"},
		{"shared index", edit(func(d map[string]any) {
			v := values(d)
			v[1].(map[string]any)["treeIndex"] = v[0].(map[string]any)["treeIndex"]
		}), ErrMalformed, "values[0] and values[1] share treeIndex"},
		{"internal index", edit(func(d map[string]any) { values(d)[2].(map[string]any)["treeIndex"] = 5 }), ErrMalformed, "values[2]: treeIndex missing or not a leaf (want 6..12)"},
		{"index past end", edit(func(d map[string]any) { values(d)[2].(map[string]any)["treeIndex"] = 13 }), ErrMalformed, "values[2]"},
		{"no index", edit(func(d map[string]any) { delete(values(d)[4].(map[string]any), "treeIndex") }), ErrMalformed, "values[4]: treeIndex missing"},
		{"float index", edit(func(d map[string]any) { values(d)[2].(map[string]any)["treeIndex"] = 6.5 }), ErrMalformed, "tree JSON"},
		{"value arity", edit(func(d map[string]any) { values(d)[3].(map[string]any)["value"] = []any{"0x00"} }), ErrMalformed, "values[3]: want [address, amount]"},
		{"short address", edit(func(d map[string]any) { value(d, 3)[0] = "0x1234" }), ErrAddress, "values[3]"},
		{"bad checksum", edit(func(d map[string]any) {
			s := value(d, 0)[0].(string)
			value(d, 0)[0] = s[:2] + strings.ToLower(s[2:3]) + strings.ToUpper(s[3:4]) + s[4:]
		}), ErrAddress, "values[0]"},
		{"negative amount", edit(func(d map[string]any) { value(d, 5)[1] = "-3" }), ErrAmount, "values[5]"},
		{"huge amount", edit(func(d map[string]any) { value(d, 5)[1] = "0x1" + strings.Repeat("0", 64) }), ErrAmount, "not below 2^256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := LoadMerkleTreeJSON([]byte(tc.in))
			require.Nil(t, tr)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.text)
		})
	}

	// Amount spellings OpenZeppelin's encoder takes: hex strings and JSON integers.
	var d map[string]any
	dec := json.NewDecoder(bytes.NewReader(seven.Dump))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&d))
	v := d["values"].([]any)
	v[1].(map[string]any)["value"].([]any)[1] = json.Number("1") // amount 1
	v[4].(map[string]any)["value"].([]any)[1] = "0xDE0B6B3A7640000"
	respelled, err := json.Marshal(d)
	require.NoError(t, err)
	tr, err := LoadMerkleTreeJSON(respelled)
	require.NoError(t, err)
	require.Equal(t, seven.Root, tr.Root())
	require.Equal(t, "1000000000000000000", tr.Claims()[4].Amount.String())
}

// TestLoadMerkleTreeJSONDuplicate: an OpenZeppelin dump with two identical claims
// (which StandardMerkleTree.of accepts) is refused.
func TestLoadMerkleTreeJSONDuplicate(t *testing.T) {
	const addr = "0x1111111111111111111111111111111111111111"
	c := Claim{Amount: maxClaimAmount}
	copy(c.Address[:], bytes.Repeat([]byte{0x11}, 20))
	leaf := LeafHash(c)
	h := newKeccakHasher()
	root := h.node(&leaf, &leaf)
	dump := fmt.Sprintf(`{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":["%s","%s","%s"],`+
		`"values":[{"value":["%s","%s"],"treeIndex":2},{"value":["%s","%s"],"treeIndex":1}]}`,
		root.Hex(), leaf.Hex(), leaf.Hex(), addr, maxClaimAmount, addr, maxClaimAmount)
	_, err := LoadMerkleTreeJSON([]byte(dump))
	require.ErrorIs(t, err, ErrDuplicateClaim)
	require.ErrorContains(t, err, "at values 0 and 1")
}

func TestProofsJSONOneClaim(t *testing.T) {
	claims, err := ParseClaimsJSON([]byte(`[["0x5B38Da6a701c568545dCfcB03FcB875f56beddC4","1"]]`))
	require.NoError(t, err)
	tree, err := NewMerkleTree(claims)
	require.NoError(t, err)
	out, err := tree.ProofsJSON()
	require.NoError(t, err)
	require.Equal(t, `{"root":"`+tree.Root().Hex()+`","proofs":{"0x5b38da6a701c568545dcfcb03fcb875f56beddc4:1":[]}}`, string(out))
}
