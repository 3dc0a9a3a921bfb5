package reward_test

import (
	"fmt"
	"log"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/reward"
)

func ExampleNewHalving() {
	// 1000 tokens per epoch, halving every 4 epochs, at most 6500 in all.
	c, err := reward.NewHalving(big.NewInt(1000), 4, big.NewInt(6500))
	if err != nil {
		log.Fatal(err)
	}
	for n := uint64(0); n < 12; n += 2 {
		fmt.Println(n, c.Emission(n), c.Cumulative(n))
	}
	// Output:
	// 0 1000 1000
	// 2 1000 3000
	// 4 500 4500
	// 6 500 5500
	// 8 250 6250
	// 10 0 6500
}

func ExampleDistribute() {
	d, err := reward.Distribute(big.NewInt(100), []reward.Contribution{
		{Contributor: "hotspot-a", Units: big.NewInt(3)},
		{Contributor: "hotspot-b", Units: big.NewInt(3),
			Multipliers: []reward.Multiplier{{Name: "density", Value: big.NewRat(1, 2), Note: "two hotspots in its hex"}}},
		{Contributor: "hotspot-c", Units: big.NewInt(5),
			Multipliers: []reward.Multiplier{{Name: "trust", Value: new(big.Rat), Note: "asserted 2 km away"}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range d.Payouts() {
		fmt.Println(p.Contributor, p.Amount)
	}
	x, _ := d.Explain("hotspot-c")
	fmt.Println("hotspot-c:", x.Reason)
	// Output:
	// hotspot-a 67
	// hotspot-b 33
	// hotspot-c 0
	// hotspot-c: score is zero: multiplier trust (asserted 2 km away) is 0
}

// ExampleEpoch runs one epoch end to end: sessions in, payouts and the claims
// root out.
func ExampleEpoch() {
	alice := common.HexToAddress("0x00000000000000000000000000000000000a11ce")
	bob := common.HexToAddress("0x0000000000000000000000000000000000000b0b")
	e := reward.NewEpoch(2)
	for _, s := range []struct {
		who   common.Address
		bytes uint64
	}{{alice, 700}, {bob, 200}, {alice, 100}} {
		if err := e.AddUnits(reward.AddressContributor(s.who), s.bytes); err != nil {
			log.Fatal(err)
		}
	}
	d, err := e.Finalize(big.NewInt(1000), nil)
	if err != nil {
		log.Fatal(err)
	}
	tree, err := d.MerkleTree(func(c string) (common.Address, error) {
		id, err := reward.ParseContributorID(c)
		return id.Address(), err
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range tree.Claims() {
		fmt.Println(c.Address.Hex(), c.Amount)
	}
	fmt.Println(len(tree.Root().Hex()))
	// Output:
	// 0x0000000000000000000000000000000000000B0b 200
	// 0x00000000000000000000000000000000000A11cE 800
	// 66
}

func ExampleDistributeWith() {
	// Helium's rule: each payout truncated, the leftover bones unallocated.
	in := []reward.Contribution{
		{Contributor: "hotspot-a", Units: big.NewInt(1)},
		{Contributor: "hotspot-b", Units: big.NewInt(1)},
		{Contributor: "hotspot-c", Units: big.NewInt(1)},
	}
	for _, r := range []reward.Rounding{reward.LargestRemainder, reward.Truncate} {
		d, err := reward.DistributeWith(big.NewInt(100), in, reward.DistributeOptions{Rounding: r})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(r, ":")
		for _, p := range d.Payouts() {
			fmt.Print(" ", p.Amount)
		}
		fmt.Println("; unallocated", d.Unallocated())
	}
	// Output:
	// largest-remainder: 34 33 33; unallocated 0
	// truncate: 33 33 33; unallocated 1
}

func ExampleNewSpreadHalving() {
	// HIP-20: 120M HNT (in bones) over two years of 30-minute epochs, halving
	// every two years; no cap.
	c, err := reward.NewSpreadHalving(big.NewInt(12_000_000_000_000_000), 35_040, nil)
	if err != nil {
		log.Fatal(err)
	}
	year := uint64(17_520)
	fmt.Println("year 1:", c.Cumulative(year-1), "bones; epoch 0:", c.Emission(0), "epoch 1:", c.Emission(1))
	fmt.Println("after 8 years:", c.Cumulative(8*year-1), "bones; year 9 epoch 0:", c.Emission(8*year))
	// Output:
	// year 1: 6000000000000000 bones; epoch 0: 342465753424 epoch 1: 342465753425
	// after 8 years: 22500000000000000 bones; year 9 epoch 0: 21404109589
}
