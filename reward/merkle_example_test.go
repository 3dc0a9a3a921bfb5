package reward_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/reward"
)

// exampleClaims are the three claims of testdata/merkle/three.golden.json: every
// hash printed below is the one OpenZeppelin's StandardMerkleTree computes.
func exampleClaims() []reward.Claim {
	return []reward.Claim{
		{Address: common.HexToAddress("0x1111111111111111111111111111111111111111"), Amount: big.NewInt(5_000000000_000000000)},
		{Address: common.HexToAddress("0x2222222222222222222222222222222222222222"), Amount: big.NewInt(2_500000000_000000000)},
		{Address: common.HexToAddress("0x3333333333333333333333333333333333333333"), Amount: big.NewInt(1_250000000_000000000)},
	}
}

// Build the tree of an epoch's claims, post its root on chain, and hand each
// contributor its proof; the claim contract checks it with MerkleProof.verify.
func ExampleNewMerkleTree() {
	claims := exampleClaims()
	tree, err := reward.NewMerkleTree(claims)
	if err != nil {
		panic(err)
	}
	fmt.Println("root:", tree.Root())

	proof, err := tree.Proof(1)
	if err != nil {
		panic(err)
	}
	for _, h := range proof {
		fmt.Println("proof:", h)
	}
	fmt.Println("verifies:", reward.VerifyProof(tree.Root(), claims[1], proof))
	// Output:
	// root: 0x296f4462c9089d07798e7b4550fb0ff4acb49efb97bdf6c0de737c42fa8b4a98
	// proof: 0x93fab0a5bb28d77a3a27aa0f51592e7a95af3db44e6d35d36d803d17aab2161c
	// proof: 0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283
	// verifies: true
}

// VerifyProof is what a claim contract does: it needs only the root, the claim
// and the proof, not the tree.
func ExampleVerifyProof() {
	claims := exampleClaims()
	tree, _ := reward.NewMerkleTree(claims)
	root := tree.Root()
	proof, _ := tree.ProofFor(claims[0])

	fmt.Println(reward.VerifyProof(root, claims[0], proof))
	inflated := reward.Claim{Address: claims[0].Address, Amount: big.NewInt(6_000000000_000000000)}
	fmt.Println(reward.VerifyProof(root, inflated, proof))
	// Output:
	// true
	// false
}

// LeafHash is the leaf a Solidity contract computes as
// keccak256(bytes.concat(keccak256(abi.encode(account, amount)))).
func ExampleLeafHash() {
	fmt.Println(reward.LeafHash(exampleClaims()[0]))
	// Output:
	// 0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283
}

// ParseClaimsJSON reads the claim list of `depinkit reward tree --in claims.json`,
// and ProofsJSON prints its answer.
func ExampleParseClaimsJSON() {
	claims, err := reward.ParseClaimsJSON([]byte(`[
		["0x1111111111111111111111111111111111111111", "5000000000000000000"],
		["0x2222222222222222222222222222222222222222", "2500000000000000000"]
	]`))
	if err != nil {
		panic(err)
	}
	tree, err := reward.NewMerkleTree(claims)
	if err != nil {
		panic(err)
	}
	out, err := tree.ProofsJSON()
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"root":"0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77","proofs":{"0x1111111111111111111111111111111111111111:5000000000000000000":["0xb92c48e9d7abe27fd8dfd6b5dfdbfb1c9a463f80c712b66f3a5180a090cccafc"],"0x2222222222222222222222222222222222222222:2500000000000000000":["0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283"]}}
}

// A second claim for one address is refused, naming it; MerkleOptions admits it
// for a tree that must match one OpenZeppelin built from such a list.
func ExampleNewMerkleTreeWith() {
	a := common.HexToAddress("0x1111111111111111111111111111111111111111")
	claims := []reward.Claim{{Address: a, Amount: big.NewInt(10)}, {Address: a, Amount: big.NewInt(20)}}

	_, err := reward.NewMerkleTree(claims)
	fmt.Println(err)
	tree, err := reward.NewMerkleTreeWith(claims, reward.MerkleOptions{AllowRepeatedAddress: true})
	fmt.Println(tree.Len(), err)
	// Output:
	// reward: duplicate claim: address 0x1111111111111111111111111111111111111111 at claims 0 and 1
	// 2 <nil>
}

// A multi-proof proves several claims with fewer hashes than their proofs
// together, for MerkleProof.multiProofVerify.
func ExampleMerkleTree_MultiProof() {
	tree, _ := reward.NewMerkleTree(exampleClaims())
	mp, err := tree.MultiProof([]int{0, 2})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(mp.Claims), "claims,", len(mp.Proof), "proof hashes, flags", mp.ProofFlags)
	fmt.Println(reward.VerifyMultiProof(tree.Root(), mp))
	// Output:
	// 2 claims, 1 proof hashes, flags [false true]
	// true
}

// A tree is saved in OpenZeppelin's dump format, which its JavaScript
// StandardMerkleTree.load reads too, and loaded back with every node checked.
func ExampleLoadMerkleTreeJSON() {
	tree, _ := reward.NewMerkleTree(exampleClaims())
	dump, err := json.Marshal(tree)
	if err != nil {
		panic(err)
	}
	loaded, err := reward.LoadMerkleTreeJSON(dump)
	if err != nil {
		panic(err)
	}
	fmt.Println(loaded.Len(), loaded.Root() == tree.Root())

	// Raise one amount: its leaf no longer matches the tree.
	tampered := bytes.Replace(dump, []byte(`"1250000000000000000"`), []byte(`"1250000000000000001"`), 1)
	_, err = reward.LoadMerkleTreeJSON(tampered)
	fmt.Println(errors.Is(err, reward.ErrBadTree))
	// Output:
	// 3 true
	// true
}
