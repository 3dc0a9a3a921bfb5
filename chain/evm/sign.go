package evm

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"fmt"
	"math/big"
	"sort"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/depinkit/depinkit/device"
)

// EIP-712 domains: every contract that checks signatures signs under its own
// name, version "1", the chain id and its address.
const (
	SubnetRegistryDomain    = "depinkit SubnetRegistry"
	DeviceRegistryDomain    = "depinkit DeviceRegistry"
	RewardDistributorDomain = "depinkit RewardDistributor"
	DomainVersion           = "1"
)

// EIP-712 type strings of the signed messages, as the contracts hash them.
const (
	ValidatorSetType = "ValidatorSet(bytes32 subnet,uint64 version,uint64 firstEpoch,address[] validators,uint64[] stakes)"
	CheckpointType   = "Checkpoint(bytes32 subnet,uint64 epoch,uint64 height,bytes32 stateRoot,bytes32 commitDigest)"
	EpochRootType    = "EpochRoot(bytes32 subnet,uint64 epoch,bytes32 root,uint256 total)"
	DeviceType       = "Device(bytes32 id,uint8 keyType,bytes publicKey,bytes32 model,address owner)"
	domainType       = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

var (
	validatorSetTypeHash = crypto.Keccak256Hash([]byte(ValidatorSetType))
	checkpointTypeHash   = crypto.Keccak256Hash([]byte(CheckpointType))
	epochRootTypeHash    = crypto.Keccak256Hash([]byte(EpochRootType))
	deviceTypeHash       = crypto.Keccak256Hash([]byte(DeviceType))
	domainTypeHash       = crypto.Keccak256Hash([]byte(domainType))
)

// A SubnetID names a subnet in SubnetRegistry: SubnetIDOf(registrant, genesis).
type SubnetID [32]byte

// String returns the id as 0x-prefixed hex.
func (id SubnetID) String() string { return "0x" + hex.EncodeToString(id[:]) }

// SubnetIDOf returns the id a registrant gets for a subnet it registers with
// genesis: keccak256(abi.encode(registrant, genesis)), so nobody can take
// another registrant's id.
func SubnetIDOf(registrant common.Address, genesis common.Hash) SubnetID {
	return SubnetID(crypto.Keccak256Hash(word(registrant[:]), genesis[:]))
}

// A Validator is one member of a subnet's validator set on chain: its
// settlement address (of a secp256k1 key) and its stake.
type Validator struct {
	Address common.Address
	Stake   uint64
}

// A Message is something validators or makers sign: its EIP-712 struct hash
// under one of the contracts' domains.
type Message interface {
	// StructHash is EIP-712's hashStruct of the message.
	StructHash() common.Hash
	// Domain is the name of the contract domain it is signed under
	// (SubnetRegistryDomain...).
	Domain() string
}

// ValidatorSet is a subnet's validator set at a version: what the current
// set's quorum signs to make it the next one (UpdateValidators).
type ValidatorSet struct {
	Subnet  SubnetID
	Version uint64
	// FirstEpoch is the first epoch the set validates (0 for version 1): the
	// registry checks an epoch's root and checkpoint against the set whose
	// range [FirstEpoch, next set's FirstEpoch) holds it.
	FirstEpoch uint64
	Validators []Validator // in any order: hashed and sent in address order
}

// Sorted returns the validators in ascending address order, as the registry
// takes them.
func (v ValidatorSet) Sorted() []Validator { return sortValidators(v.Validators) }

// StructHash implements Message.
func (v ValidatorSet) StructHash() common.Hash {
	vals := v.Sorted()
	addrs := make([]byte, 0, 32*len(vals))
	stakes := make([]byte, 0, 32*len(vals))
	for _, x := range vals {
		addrs = append(addrs, word(x.Address[:])...)
		stakes = append(stakes, uint64Word(x.Stake)...)
	}
	return crypto.Keccak256Hash(validatorSetTypeHash[:], v.Subnet[:], uint64Word(v.Version), uint64Word(v.FirstEpoch),
		crypto.Keccak256(addrs), crypto.Keccak256(stakes))
}

// Domain implements Message.
func (ValidatorSet) Domain() string { return SubnetRegistryDomain }

// Checkpoint is a subnet chain's state at the end of an epoch, signed by a
// quorum of its validators and kept by SubnetRegistry.
type Checkpoint struct {
	Subnet       SubnetID
	Epoch        uint64
	Height       uint64      // the chain height the epoch ended at
	StateRoot    common.Hash // the application state root at that height
	CommitDigest common.Hash // the digest of the commit that ended the epoch
}

// StructHash implements Message.
func (c Checkpoint) StructHash() common.Hash {
	return crypto.Keccak256Hash(checkpointTypeHash[:], c.Subnet[:], uint64Word(c.Epoch), uint64Word(c.Height),
		c.StateRoot[:], c.CommitDigest[:])
}

// Domain implements Message.
func (Checkpoint) Domain() string { return SubnetRegistryDomain }

// EpochRoot is an epoch's reward claims: the root of a reward.MerkleTree and
// the sum of its amounts, signed by a quorum of the subnet's validators and
// posted to RewardDistributor.
type EpochRoot struct {
	Subnet SubnetID
	Epoch  uint64
	Root   common.Hash
	Total  *big.Int // base units of the reward token
}

// StructHash implements Message. A nil or out-of-range Total hashes as zero,
// which the contract refuses.
func (e EpochRoot) StructHash() common.Hash {
	return crypto.Keccak256Hash(epochRootTypeHash[:], e.Subnet[:], uint64Word(e.Epoch), e.Root[:], bigWord(e.Total))
}

// Domain implements Message.
func (EpochRoot) Domain() string { return RewardDistributorDomain }

// DeviceRegistration is what a maker signs to register a device in
// DeviceRegistry: the device's id, its public key, its model and the owner
// its token is minted to.
type DeviceRegistration struct {
	// ID is the device's id. The registry checks it is the ID of Key (zero
	// means Key.ID()).
	ID    device.ID
	Key   device.PublicKey
	Model [32]byte // see Model
	Owner common.Address
}

// id returns the registration's device id.
func (r DeviceRegistration) id() device.ID {
	if r.ID.IsZero() && !r.Key.IsZero() {
		return r.Key.ID()
	}
	return r.ID
}

// StructHash implements Message.
func (r DeviceRegistration) StructHash() common.Hash {
	id := r.id()
	var pub []byte
	var typ byte
	if !r.Key.IsZero() {
		pub, typ = r.Key.Bytes(), byte(r.Key.Type())
	}
	return crypto.Keccak256Hash(deviceTypeHash[:], id[:], uint64Word(uint64(typ)), crypto.Keccak256(pub),
		r.Model[:], word(r.Owner[:]))
}

// Domain implements Message.
func (DeviceRegistration) Domain() string { return DeviceRegistryDomain }

// Model returns a device model name as the registry keeps it: its UTF-8
// bytes, left-aligned in 32 bytes (Solidity's bytes32 of a short string).
func Model(name string) ([32]byte, error) {
	var m [32]byte
	if name == "" || len(name) > 32 || !utf8.ValidString(name) {
		return m, fmt.Errorf("%w: model %q: want 1 to 32 bytes of UTF-8", ErrInput, name)
	}
	copy(m[:], name)
	return m, nil
}

// ModelName returns the name Model encoded (up to the first zero byte).
func ModelName(m [32]byte) string {
	if i := bytes.IndexByte(m[:], 0); i >= 0 {
		return string(m[:i])
	}
	return string(m[:])
}

// Deployment is a chain and the addresses of the contracts deployed on it:
// what EIP-712 signatures are bound to. Validators and makers need only this
// to sign; they never send a transaction.
type Deployment struct {
	ChainID   *big.Int
	Addresses Addresses
}

// DomainSeparator returns EIP-712's domainSeparator of one of the contracts
// (SubnetRegistryDomain, DeviceRegistryDomain, RewardDistributorDomain).
func (d Deployment) DomainSeparator(domain string) (common.Hash, error) {
	var addr common.Address
	switch domain {
	case SubnetRegistryDomain:
		addr = d.Addresses.SubnetRegistry
	case DeviceRegistryDomain:
		addr = d.Addresses.DeviceRegistry
	case RewardDistributorDomain:
		addr = d.Addresses.RewardDistributor
	default:
		return common.Hash{}, fmt.Errorf("%w: unknown domain %q", ErrInput, domain)
	}
	if addr == (common.Address{}) {
		return common.Hash{}, fmt.Errorf("%w: %s has no address", ErrNotDeployed, domain)
	}
	if d.ChainID == nil {
		return common.Hash{}, fmt.Errorf("%w: no chain id", ErrInput)
	}
	return crypto.Keccak256Hash(domainTypeHash[:], crypto.Keccak256([]byte(domain)), crypto.Keccak256([]byte(DomainVersion)),
		bigWord(d.ChainID), word(addr[:])), nil
}

// Digest returns the EIP-712 digest of m under its contract's domain:
// keccak256("\x19\x01" || domainSeparator || hashStruct(m)), what is signed.
func (d Deployment) Digest(m Message) (common.Hash, error) {
	sep, err := d.DomainSeparator(m.Domain())
	if err != nil {
		return common.Hash{}, err
	}
	h := m.StructHash()
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], h[:]), nil
}

// Sign signs m's digest with a secp256k1 key (a validator's or maker's
// settlement key).
func (d Deployment) Sign(key *device.PrivateKey, m Message) (Signature, error) {
	digest, err := d.Digest(m)
	if err != nil {
		return Signature{}, err
	}
	return SignDigest(key, digest)
}

// Signature is a 65-byte ECDSA signature as the contracts take it: r, s
// (low-s) and v in {27, 28}.
type Signature [65]byte

// secp256k1N is the order of secp256k1's group, halfN its half: OpenZeppelin's
// ECDSA.tryRecover refuses s > halfN (utils/cryptography/ECDSA.sol, "the
// signature is malleable"), as EIP-2 made Ethereum transactions do.
var (
	secp256k1N = crypto.S256().Params().N
	halfN      = new(big.Int).Rsh(secp256k1N, 1)
)

// SignDigest signs a 32-byte digest with a secp256k1 key.
func SignDigest(key *device.PrivateKey, digest common.Hash) (Signature, error) {
	k, err := ecdsaKey(key)
	if err != nil {
		return Signature{}, err
	}
	raw, err := crypto.Sign(digest[:], k)
	if err != nil {
		return Signature{}, fmt.Errorf("evm: sign: %w", err)
	}
	var s Signature
	copy(s[:], raw)
	s[64] += 27
	return s, nil
}

// Signer returns the address that made s over digest. It refuses exactly
// what the contracts refuse (OpenZeppelin ECDSA.tryRecover): v not 27 or 28,
// and s above n/2, the high-s twin every signature has (Malleated), so a
// signature this accepts never makes a contract revert and a validator
// cannot make a second valid copy of another's vote. The error wraps
// ErrInput and ErrInvalidSignature.
func (s Signature) Signer(digest common.Hash) (common.Address, error) {
	if s[64] != 27 && s[64] != 28 {
		return common.Address{}, fmt.Errorf("%w: %w: v = %d, want 27 or 28", ErrInput, ErrInvalidSignature, s[64])
	}
	if !s.LowS() {
		return common.Address{}, fmt.Errorf("%w: %w: s above n/2 (a malleated signature)", ErrInput, ErrInvalidSignature)
	}
	raw := s
	raw[64] -= 27
	pub, err := crypto.SigToPub(digest[:], raw[:])
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w: %w", ErrInput, ErrInvalidSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// LowS reports whether s's s value is at most n/2, as the contracts require.
func (s Signature) LowS() bool {
	return new(big.Int).SetBytes(s[32:64]).Cmp(halfN) <= 0
}

// Malleated returns the other signature of the same key over the same
// digest: (r, n-s, v flipped). Anyone can make it from a signature they
// saw; the contracts and Signer refuse the high-s one. It is what a
// Byzantine validator replays, for tests to do the same.
func (s Signature) Malleated() Signature {
	out := s
	sv := new(big.Int).Sub(secp256k1N, new(big.Int).SetBytes(s[32:64]))
	copy(out[32:64], common.LeftPadBytes(sv.Bytes(), 32))
	switch s[64] {
	case 27:
		out[64] = 28
	case 28:
		out[64] = 27
	}
	return out
}

// Select returns, of sigs over digest, those SubnetRegistry counts for the
// set v: signatures Signer accepts, by members of v, the first one of each
// signer, in ascending order of signer (the contract's order). It also
// returns their stake and whether it is more than 2/3 of v's total, the
// registry's quorum. Posting the result never reverts for a signature;
// what it leaves out is what would have made the post revert.
func (v ValidatorSet) Select(digest common.Hash, sigs []Signature) (kept []Signature, signed *big.Int, quorum bool) {
	stakes := make(map[common.Address]uint64, len(v.Validators))
	total := new(big.Int)
	for _, x := range v.Validators {
		if _, dup := stakes[x.Address]; dup || x.Stake == 0 {
			continue // the registry never holds such a set
		}
		stakes[x.Address] = x.Stake
		total.Add(total, new(big.Int).SetUint64(x.Stake))
	}
	type bySigner struct {
		by  common.Address
		sig Signature
	}
	var list []bySigner
	seen := map[common.Address]bool{}
	signed = new(big.Int)
	for _, s := range sigs {
		by, err := s.Signer(digest)
		if err != nil || seen[by] {
			continue
		}
		stake, ok := stakes[by]
		if !ok {
			continue
		}
		seen[by] = true
		list = append(list, bySigner{by: by, sig: s})
		signed.Add(signed, new(big.Int).SetUint64(stake))
	}
	sort.Slice(list, func(i, j int) bool { return bytes.Compare(list[i].by[:], list[j].by[:]) < 0 })
	kept = make([]Signature, len(list))
	for i := range list {
		kept[i] = list[i].sig
	}
	lhs := new(big.Int).Mul(signed, big.NewInt(3))
	rhs := new(big.Int).Mul(total, big.NewInt(2))
	return kept, signed, total.Sign() > 0 && lhs.Cmp(rhs) > 0
}

// Address returns the EVM address of a secp256k1 key.
func Address(key *device.PrivateKey) (common.Address, error) {
	k, err := ecdsaKey(key)
	if err != nil {
		return common.Address{}, err
	}
	return crypto.PubkeyToAddress(k.PublicKey), nil
}

func ecdsaKey(key *device.PrivateKey) (*ecdsa.PrivateKey, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: nil key", ErrKey)
	}
	if key.Type() != device.Secp256k1 {
		return nil, fmt.Errorf("%w: %s key", ErrKey, key.Type())
	}
	k, err := crypto.ToECDSA(key.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	return k, nil
}

// orderSignatures returns the signatures as the contracts take them: in
// ascending order of their signers over digest. Signatures that recover to
// no address come first, where the contract names them (InvalidSignature).
func orderSignatures(digest common.Hash, sigs []Signature) [][]byte {
	type signed struct {
		by  common.Address
		sig []byte
	}
	list := make([]signed, len(sigs))
	for i, s := range sigs {
		by, _ := s.Signer(digest) // zero on failure: sorts first
		list[i] = signed{by: by, sig: bytes.Clone(s[:])}
	}
	sort.SliceStable(list, func(i, j int) bool { return bytes.Compare(list[i].by[:], list[j].by[:]) < 0 })
	out := make([][]byte, len(list))
	for i := range list {
		out[i] = list[i].sig
	}
	return out
}

func sortValidators(vals []Validator) []Validator {
	out := append([]Validator(nil), vals...)
	sort.SliceStable(out, func(i, j int) bool { return bytes.Compare(out[i].Address[:], out[j].Address[:]) < 0 })
	return out
}

// word left-pads b to a 32-byte ABI word.
func word(b []byte) []byte { return common.LeftPadBytes(b, 32) }

func uint64Word(v uint64) []byte { return word(new(big.Int).SetUint64(v).Bytes()) }

// bigWord is v as a uint256 word; nil, negative or too large values are zero.
func bigWord(v *big.Int) []byte {
	if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
		return make([]byte, 32)
	}
	return word(v.Bytes())
}
