package subnet_test

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/subnet"
)

const specTOML = `
name = 'telecom-demo'
chain_id = 4242
vertical = 'telecom'

[epoch]
length = 1000
duration = '1h'

[reward]
curve = 'halving'
initial = '1000000000000000000000'
period = 8760

[proofs]
'telecom/coverage/v1' = 'groth16'

[parent]
rpc = 'embedded'

[[validators]]
name = 'alpha'
consensus_key = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
settlement_address = '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf'
stake = 100
p2p = '/ip4/127.0.0.1/tcp/7600'
api = '127.0.0.1:7601'

[[validators]]
name = 'bravo'
consensus_key = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'
settlement_address = '0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF'
stake = 0
p2p = '/ip4/127.0.0.1/tcp/7601'
api = '127.0.0.1:7603'
`

// A spec is parsed, every problem is reported with its field, and once fixed
// it has a genesis hash.
func Example() {
	spec, err := subnet.Parse([]byte(specTOML))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = spec.Validate()
	fmt.Println(errors.Is(err, subnet.ErrInvalidSpec))
	for _, fe := range subnet.FieldErrors(err) {
		fmt.Printf("%s: %s\n", fe.Path, fe.Msg)
	}

	spec.Validators[1].Stake = 200
	spec.Validators[1].P2P = "/ip4/127.0.0.1/tcp/7602"
	fmt.Println(spec.Validate())
	fmt.Println("genesis", spec.GenesisHash())
	set, _ := spec.ValidatorSet()
	fmt.Println(set.Len(), "validators, quorum stake", set.QuorumThreshold())
	// Output:
	// true
	// validators[1].stake: 0: at least 1
	// validators[1].p2p: 127.0.0.1:7601 is taken by validators[0].api
	// <nil>
	// genesis 0x7b03e9b6a067dee117b33a4214216089d66c9d8f92f15b93ae874eec72e47225
	// 2 validators, quorum stake 201
}

// Three validators of equal stake approve a fourth's join: two are not a
// quorum, the third makes one, and the join takes effect when the epoch ends.
func ExampleChanges() {
	var signers []chain.Signer
	var members []subnet.Member
	for i := range 3 {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i + 1)
		key := ed25519.NewKeyFromSeed(seed)
		signers = append(signers, chain.NewKeySigner(key))
		members = append(members, subnet.Member{
			Name: fmt.Sprintf("v%d", i), Key: key.Public().(ed25519.PublicKey), Settlement: common.Address{byte(i + 1)},
			Stake: 100, P2P: fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", 7600+2*i), API: fmt.Sprintf("127.0.0.1:%d", 7601+2*i),
		})
	}
	genesis := common.Hash{0x01} // the subnet's Spec.GenesisHash()
	changes, err := subnet.NewChanges(genesis, 0, members)
	if err != nil {
		fmt.Println(err)
		return
	}

	seed := make([]byte, 32)
	seed[0] = 9
	newcomer := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	join := subnet.Change{Kind: subnet.Join, Epoch: 0, Member: subnet.Member{
		Name: "v3", Key: newcomer, Settlement: common.Address{4}, Stake: 100,
		P2P: "/ip4/127.0.0.1/tcp/7606", API: "127.0.0.1:7607",
	}}
	for _, s := range signers {
		a, _ := subnet.SignChange(genesis, s, join)
		err := changes.Approve(a)
		fmt.Println("approved:", err, "queued:", len(changes.Queued()))
	}
	a, _ := subnet.SignChange(genesis, signers[0], join)
	fmt.Println(errors.Is(changes.Approve(a), subnet.ErrDuplicateSignature))

	set, applied, _ := changes.EndEpoch(0)
	fmt.Println("epoch", changes.Epoch(), "validators", set.Len(), "applied", applied[0].Kind)
	// Output:
	// approved: <nil> queued: 0
	// approved: <nil> queued: 0
	// approved: <nil> queued: 1
	// true
	// epoch 1 validators 4 applied join
}

// A vertical's section of the spec, [verticals.NAME], decoded into the
// vertical's own settings struct; a misspelt key is refused with its path.
// SectionOf writes a settings struct back into a spec.
func ExampleSpec_DecodeVertical() {
	type trust struct {
		ExponentTenths uint32 `toml:"exponent_tenths"`
	}
	type settings struct {
		BeaconIntervalMs int64 `toml:"beacon_interval_ms"`
		Trust            trust `toml:"trust"`
	}
	spec, _ := subnet.Parse([]byte(`
vertical = 'telecom'
[verticals.telecom]
beacon_interval_ms = 1000
[verticals.telecom.trust]
exponent_tenths = 27
[reward.pools]
beacons = 6
witnesses = 24
`))
	s := settings{BeaconIntervalMs: 3_600_000} // the defaults
	err := spec.DecodeVertical(&s)
	fmt.Println(s.BeaconIntervalMs, s.Trust.ExponentTenths, err, spec.PoolWeights()["witnesses"])

	spec.Verticals["telecom"]["beacon_interval"] = int64(5)
	fmt.Println(spec.DecodeVertical(&s))

	sec, _ := subnet.SectionOf(settings{BeaconIntervalMs: 500})
	spec.Verticals["telecom"] = sec
	_ = spec.DecodeVertical(&s)
	fmt.Println(s.BeaconIntervalMs)
	// Output:
	// 1000 27 <nil> 24
	// subnet: verticals.telecom.beacon_interval: unknown setting
	// 500
}
