package evm

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

// TestDigestsMatchContracts: the EIP-712 digests Go computes for every
// message are the ones the contracts compute (their digest view functions),
// so signatures made off chain verify on chain.
func TestDigestsMatchContracts(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	d := f.deployer
	dep := d.Deployment()
	a := d.Addresses()
	callHash := func(name string, to common.Address, data []byte) common.Hash {
		out, err := d.call(ctx, name, to, data)
		require.NoError(t, err)
		require.Len(t, out, 32)
		return common.BytesToHash(out)
	}
	digest := func(m Message) common.Hash {
		h, err := dep.Digest(m)
		require.NoError(t, err)
		return h
	}

	set := ValidatorSet{Subnet: SubnetID{1, 2}, Version: 7, FirstEpoch: 1<<40 + 3, Validators: []Validator{
		{Address: common.Address{9}, Stake: 3}, {Address: common.Address{4}, Stake: 1 << 40}, {Address: common.Address{7}, Stake: 1},
	}}
	addrs, stakes := splitValidators(set.Validators)
	require.Equal(t, callHash("validatorSetDigest", a.SubnetRegistry,
		subnetABI.PackValidatorSetDigest(set.Subnet, set.Version, set.FirstEpoch, addrs, stakes)), digest(set))

	cp := Checkpoint{Subnet: SubnetID{3}, Epoch: 1 << 60, Height: 12345, StateRoot: common.Hash{0xee}, CommitDigest: common.Hash{0xdd, 1}}
	require.Equal(t, callHash("checkpointDigest", a.SubnetRegistry,
		subnetABI.PackCheckpointDigest(cp.Subnet, cp.Epoch, cp.Height, cp.StateRoot, cp.CommitDigest)), digest(cp))

	total, _ := new(big.Int).SetString("340282366920938463463374607431768211455", 10)
	e := EpochRoot{Subnet: SubnetID{5}, Epoch: 99, Root: common.Hash{0x11}, Total: total}
	require.Equal(t, callHash("epochDigest", a.RewardDistributor,
		rewardABI.PackEpochDigest(e.Subnet, e.Epoch, e.Root, e.Total)), digest(e))

	for _, typ := range device.KeyTypes() {
		key := f.key(t, typ)
		model, err := Model("m-" + typ.String())
		require.NoError(t, err)
		reg := DeviceRegistration{Key: key.Public(), Model: model, Owner: common.Address{0xaa}}
		id := key.Public().ID()
		require.Equal(t, callHash("deviceDigest", a.DeviceRegistry,
			deviceABI.PackDeviceDigest(id, uint8(typ), key.Public().Bytes(), model, reg.Owner)), digest(reg), typ.String())
	}

	// The domains are the contracts' own (EIP-5267).
	for domain, to := range map[string]common.Address{
		SubnetRegistryDomain: a.SubnetRegistry, DeviceRegistryDomain: a.DeviceRegistry, RewardDistributorDomain: a.RewardDistributor,
	} {
		out, err := d.call(ctx, "eip712Domain", to, subnetABI.PackEip712Domain())
		require.NoError(t, err)
		info, err := subnetABI.UnpackEip712Domain(out)
		require.NoError(t, err)
		require.Equal(t, domain, info.Name)
		require.Equal(t, DomainVersion, info.Version)
		require.Equal(t, d.ChainID(), info.ChainId)
		require.Equal(t, to, info.VerifyingContract)
		sep, err := dep.DomainSeparator(domain)
		require.NoError(t, err)
		want := crypto.Keccak256Hash(domainTypeHash[:], crypto.Keccak256([]byte(info.Name)), crypto.Keccak256([]byte(info.Version)),
			common.LeftPadBytes(info.ChainId.Bytes(), 32), common.LeftPadBytes(to[:], 32))
		require.Equal(t, want, sep)
	}

	// The subnet id.
	out, err := d.call(ctx, "subnetId", a.SubnetRegistry, subnetABI.PackSubnetId(common.Address{0x33}, common.Hash{0x44}))
	require.NoError(t, err)
	require.Equal(t, SubnetIDOf(common.Address{0x33}, common.Hash{0x44}), SubnetID(out))

	// The type hashes the contracts publish.
	out, err = d.call(ctx, "EPOCH_ROOT_TYPEHASH", a.RewardDistributor, rewardABI.PackEPOCHROOTTYPEHASH())
	require.NoError(t, err)
	require.Equal(t, epochRootTypeHash, common.BytesToHash(out))
}

func TestSignatures(t *testing.T) {
	r := seeded(9)
	key, err := device.GenerateKey(device.Secp256k1, r)
	require.NoError(t, err)
	digest := common.Hash{0x5a}
	sig, err := SignDigest(key, digest)
	require.NoError(t, err)
	require.Contains(t, []byte{27, 28}, sig[64])
	by, err := sig.Signer(digest)
	require.NoError(t, err)
	want, err := key.Public().Address()
	require.NoError(t, err)
	require.Equal(t, want, by)
	a, err := Address(key)
	require.NoError(t, err)
	require.Equal(t, want, a)

	// Low s, as OpenZeppelin's ECDSA requires.
	half, _ := new(big.Int).SetString("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", 16)
	require.LessOrEqual(t, new(big.Int).SetBytes(sig[32:64]).Cmp(half), 0)

	bad := sig
	bad[64] = 0
	_, err = bad.Signer(digest)
	require.ErrorIs(t, err, ErrInput)

	// Only secp256k1 keys sign for the chain.
	ed, err := device.GenerateKey(device.Ed25519, r)
	require.NoError(t, err)
	_, err = SignDigest(ed, digest)
	require.ErrorIs(t, err, ErrKey)
	_, err = Address(nil)
	require.ErrorIs(t, err, ErrKey)

	// Signatures are ordered by signer; unrecoverable ones first.
	var keys []*device.PrivateKey
	var sigs []Signature
	for range 5 {
		k, err := device.GenerateKey(device.Secp256k1, r)
		require.NoError(t, err)
		keys = append(keys, k)
		s, err := SignDigest(k, digest)
		require.NoError(t, err)
		sigs = append(sigs, s)
	}
	sigs = append(sigs, Signature{})
	ordered := orderSignatures(digest, sigs)
	require.Equal(t, make([]byte, 65), ordered[0])
	for i := 2; i < len(ordered); i++ {
		prev, err := Signature(ordered[i-1]).Signer(digest)
		require.NoError(t, err)
		cur, err := Signature(ordered[i]).Signer(digest)
		require.NoError(t, err)
		require.Negative(t, prev.Cmp(cur))
	}
}

func TestDeploymentDigestErrors(t *testing.T) {
	var d Deployment
	_, err := d.Digest(EpochRoot{})
	require.ErrorIs(t, err, ErrNotDeployed)
	d.Addresses.RewardDistributor = common.Address{1}
	_, err = d.Digest(EpochRoot{})
	require.ErrorIs(t, err, ErrInput, "no chain id")
	_, err = d.DomainSeparator("nope")
	require.ErrorIs(t, err, ErrInput)
}

func TestModel(t *testing.T) {
	m, err := Model("hotspot")
	require.NoError(t, err)
	require.Equal(t, "hotspot", ModelName(m))
	full := "0123456789abcdef0123456789abcdef"
	m, err = Model(full)
	require.NoError(t, err)
	require.Equal(t, full, ModelName(m))
	for _, bad := range []string{"", full + "x", "\xff"} {
		_, err := Model(bad)
		require.ErrorIs(t, err, ErrInput)
	}
}

func TestSubnetID(t *testing.T) {
	id := SubnetIDOf(common.Address{1}, common.Hash{2})
	want := crypto.Keccak256Hash(common.LeftPadBytes(common.Address{1}.Bytes(), 32), common.Hash{2}.Bytes())
	require.Equal(t, SubnetID(want), id, "keccak256(abi.encode(registrant, genesis))")
	require.NotEqual(t, id, SubnetIDOf(common.Address{2}, common.Hash{2}))
	require.Len(t, id.String(), 66)
}

// TestSignerRefusesHighS: Signer refuses what OpenZeppelin's ECDSA refuses
// (s above n/2, v not 27 or 28), so a malleated copy of a signature never
// passes a check the contract would fail. Before the fix Signer recovered
// the high-s twin to the same signer.
func TestSignerRefusesHighS(t *testing.T) {
	r := seeded(19)
	digest := common.Hash{0x77}
	for range 8 {
		key, err := device.GenerateKey(device.Secp256k1, r)
		require.NoError(t, err)
		sig, err := SignDigest(key, digest)
		require.NoError(t, err)
		require.True(t, sig.LowS())
		high := sig.Malleated()
		require.False(t, high.LowS())
		require.NotEqual(t, sig[64], high[64])
		require.Equal(t, sig, high.Malleated(), "malleating twice gives the signature back")
		// The high-s twin is a valid secp256k1 signature of the same key...
		raw := high
		raw[64] -= 27
		pub, err := crypto.SigToPub(digest[:], raw[:])
		require.NoError(t, err)
		want, err := key.Public().Address()
		require.NoError(t, err)
		require.Equal(t, want, crypto.PubkeyToAddress(*pub))
		// ...that Signer refuses, as the contract does.
		_, err = high.Signer(digest)
		require.ErrorIs(t, err, ErrInvalidSignature)
		require.ErrorIs(t, err, ErrInput)
		for _, v := range []byte{0, 1, 26, 29} {
			bad := sig
			bad[64] = v
			_, err = bad.Signer(digest)
			require.ErrorIs(t, err, ErrInvalidSignature, "v = %d", v)
		}
	}
	// s exactly n/2 is accepted by the contract's rule (s <= n/2); n/2+1 is not.
	var s Signature
	halfN.FillBytes(s[32:64])
	require.True(t, s.LowS())
	new(big.Int).Add(halfN, big.NewInt(1)).FillBytes(s[32:64])
	require.False(t, s.LowS())
}

// TestSelect: Select keeps what SubnetRegistry counts (low-s, members, one
// per signer, in signer order) and tells the quorum by stake.
func TestSelect(t *testing.T) {
	r := seeded(21)
	digest := common.Hash{0x31}
	var keys []*device.PrivateKey
	set := ValidatorSet{Version: 1}
	for i := range 4 {
		k, err := device.GenerateKey(device.Secp256k1, r)
		require.NoError(t, err)
		keys = append(keys, k)
		set.Validators = append(set.Validators, Validator{Address: addr(t, k), Stake: uint64(1 + i%2)}) // 1,2,1,2: total 6
	}
	outsider, err := device.GenerateKey(device.Secp256k1, r)
	require.NoError(t, err)
	sign := func(k *device.PrivateKey) Signature {
		s, err := SignDigest(k, digest)
		require.NoError(t, err)
		return s
	}
	s0, s1, s2, s3 := sign(keys[0]), sign(keys[1]), sign(keys[2]), sign(keys[3])
	for _, tc := range []struct {
		name   string
		sigs   []Signature
		kept   int
		stake  int64
		quorum bool
	}{
		{"all", []Signature{s3, s0, s2, s1}, 4, 6, true},
		{"high-s dropped", []Signature{s0.Malleated(), s1, s2, s3}, 3, 5, true},
		{"malleated copy and the original count once", []Signature{s1.Malleated(), s1, s3}, 2, 4, false},
		{"duplicate counted once", []Signature{s1, s1, s3, s3, s0}, 3, 5, true},
		{"outsider and garbage dropped", []Signature{sign(outsider), {}, s1, s3}, 2, 4, false},
		{"exactly two thirds is not a quorum", []Signature{s1, s3}, 2, 4, false},
		{"none", nil, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kept, stake, quorum := set.Select(digest, tc.sigs)
			require.Len(t, kept, tc.kept)
			require.Equal(t, tc.stake, stake.Int64())
			require.Equal(t, tc.quorum, quorum)
			var prev common.Address
			for i, s := range kept {
				by, err := s.Signer(digest)
				require.NoError(t, err)
				if i > 0 {
					require.Negative(t, prev.Cmp(by), "ascending signers")
				}
				prev = by
			}
		})
	}
}
