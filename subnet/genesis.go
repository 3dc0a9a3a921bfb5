package subnet

import (
	"bytes"
	"cmp"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
)

// GenesisDomain starts the encoding GenesisHash hashes; it changes with the
// encoding's version.
const GenesisDomain = "depinkit/subnet/genesis/v1"

// genesisForm is the normalised spec GenesisHash hashes: canonical CBOR, one
// array per structure, in the field order below.
type genesisForm struct {
	_          struct{} `cbor:",toarray"`
	Domain     string
	Name       string
	ChainID    uint64
	Vertical   string
	Epoch      genesisEpoch
	Reward     genesisReward
	Proofs     []genesisProof
	Validators []genesisValidator
	Makers     []genesisMaker
}

type genesisEpoch struct {
	_        struct{} `cbor:",toarray"`
	Length   uint64
	Duration int64 // nanoseconds
}

type genesisReward struct {
	_       struct{} `cbor:",toarray"`
	Curve   string
	Initial string // decimal, no leading zeros
	Period  uint64
	Cap     string
	Step    string
	Floor   string
	Factor  string // reduced fraction "num/den"
}

// genesisExtra is what GenesisHash appends after the genesisForm when the
// spec sets pool weights or a vertical section, so that every other spec
// keeps its hash.
type genesisExtra struct {
	_       struct{} `cbor:",toarray"`
	Pools   []genesisPool
	Section []byte // the section's TOML, keys sorted (Section.encode)
}

type genesisPool struct {
	_      struct{} `cbor:",toarray"`
	Name   string
	Weight uint64
}

type genesisProof struct {
	_         struct{} `cbor:",toarray"`
	ClaimType string
	Proof     string
}

type genesisValidator struct {
	_          struct{} `cbor:",toarray"`
	Key        []byte   // 32 bytes
	Settlement []byte   // 20 bytes
	Stake      uint64
	Name       string
}

type genesisMaker struct {
	_    struct{} `cbor:",toarray"`
	Key  []byte   // device.PublicKey.MarshalBinary: type byte, then the key
	Name string
}

// GenesisHash identifies the subnet: keccak256 of the canonical CBOR
// (internal/canonical) of the spec in a normalised form. It is what the
// parent chain's SubnetRegistry registers (evm.Settler.RegisterSubnet), and
// what every validator must agree on.
//
// It covers what the subnet is: GenesisDomain, name, chain id, vertical,
// the epoch rule (length; duration in nanoseconds), the reward curve and its
// parameters (amounts as decimals without leading zeros, the factor as a
// reduced fraction), the proof policy (sorted by claim type), the validators
// (consensus key, settlement address, stake and name, sorted by consensus
// key) and the makers (key and name, sorted by key). The order of validators,
// makers and proofs in the file, the spelling of keys, addresses and amounts
// (hex case, 0x prefixes, leading zeros), and comments do not change it.
//
// With ValidatorChanges on, the domain is GenesisDomain+"+validator-changes".
// With pool weights (Reward.Pools) or a section of the vertical
// (Verticals[Vertical]), the canonical CBOR of a second array follows the
// first: the pools sorted by name with their weights, and the section's
// TOML with its keys sorted.
//
// It leaves out where the subnet runs, so that operators may move: the
// validators' P2P and API addresses and directories, and the parent chain
// (which registers the hash, so cannot be covered by it).
//
// It is meaningful for a spec that Validate accepts; for others it is still
// deterministic, with unparseable values left out.
func (s *Spec) GenesisHash() common.Hash {
	g := genesisForm{
		Domain:   GenesisDomain,
		Name:     s.Name,
		ChainID:  s.ChainID,
		Vertical: s.Vertical,
		Epoch:    genesisEpoch{Length: s.Epoch.Length, Duration: int64(s.EpochDuration())},
		Reward: genesisReward{
			Curve:   s.Reward.Curve,
			Initial: normAmount(s.Reward.Initial),
			Period:  s.Reward.Period,
			Cap:     normAmount(s.Reward.Cap),
			Step:    normAmount(s.Reward.Step),
			Floor:   normAmount(s.Reward.Floor),
			Factor:  normFactor(s.Reward.Factor),
		},
	}
	for _, ct := range sortedKeys(s.Proofs) {
		g.Proofs = append(g.Proofs, genesisProof{ClaimType: ct, Proof: s.Proofs[ct]})
	}
	for _, v := range s.Validators {
		key, _ := parseConsensusKey(v.ConsensusKey)
		addr, _ := parseAddress(v.SettlementAddress)
		g.Validators = append(g.Validators, genesisValidator{Key: key, Settlement: addr.Bytes(), Stake: v.Stake, Name: v.Name})
	}
	if s.ValidatorChanges {
		// Only when on, so that the hash of every other spec stays.
		g.Domain += "+validator-changes"
	}
	slices.SortStableFunc(g.Validators, func(a, b genesisValidator) int {
		return cmp.Or(bytes.Compare(a.Key, b.Key), bytes.Compare(a.Settlement, b.Settlement),
			cmp.Compare(a.Stake, b.Stake), strings.Compare(a.Name, b.Name))
	})
	for _, m := range s.Makers {
		var key []byte
		if k, err := device.ParseDID(m.Key); err == nil {
			key, _ = k.MarshalBinary()
		}
		g.Makers = append(g.Makers, genesisMaker{Key: key, Name: m.Name})
	}
	slices.SortStableFunc(g.Makers, func(a, b genesisMaker) int {
		return cmp.Or(bytes.Compare(a.Key, b.Key), strings.Compare(a.Name, b.Name))
	})
	data, err := canonical.Marshal(g)
	if err != nil {
		// Strings, byte strings and integers always encode; should that
		// change, hash the Go syntax of the form rather than panic.
		data = fmt.Appendf(nil, "%#v", g)
	}
	var extra genesisExtra
	for _, name := range sortedKeys(s.Reward.Pools) {
		extra.Pools = append(extra.Pools, genesisPool{Name: name, Weight: s.Reward.Pools[name]})
	}
	extra.Section, _ = s.VerticalSection().encode() // a section that does not encode fails Validate
	if len(extra.Pools) > 0 || len(extra.Section) > 0 {
		more, err := canonical.Marshal(extra)
		if err != nil {
			more = fmt.Appendf(nil, "%#v", extra)
		}
		data = append(data, more...)
	}
	return crypto.Keccak256Hash(data)
}

func normAmount(v string) string {
	if v == "" {
		return ""
	}
	if n, msg := parseAmount(v); msg == "" {
		return n.String()
	}
	return ""
}

func normFactor(v string) string {
	if v == "" {
		return ""
	}
	if f, msg := parseFactor(v); msg == "" {
		return f.Num().String() + "/" + f.Denom().String()
	}
	return ""
}

// Members returns the validators as Members, in consensus-key order (the
// order of ValidatorSet). It fails, wrapping ErrInvalidSpec, if the spec
// does not Validate.
func (s *Spec) Members() ([]Member, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	out := make([]Member, len(s.Validators))
	for i, v := range s.Validators {
		key, _ := parseConsensusKey(v.ConsensusKey)
		addr, _ := parseAddress(v.SettlementAddress)
		out[i] = Member{Name: v.Name, Key: key, Settlement: addr, Stake: v.Stake, P2P: v.P2P, API: v.API}
	}
	sortMembers(out)
	return out, nil
}

func sortMembers(m []Member) {
	slices.SortFunc(m, func(a, b Member) int { return bytes.Compare(a.Key, b.Key) })
}

// ValidatorSet returns the genesis validator set, ordered by consensus key
// (bytewise): validator i of the set is the i-th smallest key, whatever the
// order in the file, so that every validator numbers the set alike.
func (s *Spec) ValidatorSet() (*chain.ValidatorSet, error) {
	m, err := s.Members()
	if err != nil {
		return nil, err
	}
	return membersSet(m)
}

func membersSet(m []Member) (*chain.ValidatorSet, error) {
	vals := make([]chain.Validator, len(m))
	for i, x := range m {
		vals[i] = chain.Validator{Key: x.Key, Stake: x.Stake, Name: x.Name}
	}
	return chain.NewValidatorSet(vals)
}

// EVMValidators returns the validators as the parent chain's SubnetRegistry
// takes them (settlement address and stake), in consensus-key order: pass
// them to evm.Settler.RegisterSubnet with GenesisHash. For a spec that does
// not Validate, entries with an unparseable address have the zero address.
func (s *Spec) EVMValidators() []evm.Validator {
	type entry struct {
		key []byte
		v   evm.Validator
	}
	list := make([]entry, len(s.Validators))
	for i, v := range s.Validators {
		key, _ := parseConsensusKey(v.ConsensusKey)
		addr, _ := parseAddress(v.SettlementAddress)
		list[i] = entry{key: key, v: evm.Validator{Address: addr, Stake: v.Stake}}
	}
	slices.SortStableFunc(list, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
	out := make([]evm.Validator, len(list))
	for i, e := range list {
		out[i] = e.v
	}
	return out
}

// EVMValidators returns members as the parent chain's SubnetRegistry takes
// them, in the same order.
func EVMValidators(members []Member) []evm.Validator {
	out := make([]evm.Validator, len(members))
	for i, m := range members {
		out[i] = evm.Validator{Address: m.Settlement, Stake: m.Stake}
	}
	return out
}

// Addresses returns the parent chain's contract addresses the spec names
// (zero where it names none). It fails, wrapping ErrInvalidSpec, on an
// address that does not parse.
func (p Parent) Addresses() (evm.Addresses, error) {
	var a evm.Addresses
	var errs problems
	for _, f := range []struct {
		field, v string
		to       *common.Address
	}{
		{"subnet_registry", p.SubnetRegistry, &a.SubnetRegistry},
		{"device_registry", p.DeviceRegistry, &a.DeviceRegistry},
		{"reward_distributor", p.RewardDistributor, &a.RewardDistributor},
		{"token", p.Token, &a.Token},
	} {
		if f.v == "" {
			continue
		}
		addr, msg := parseAddress(f.v)
		if msg != "" {
			errs.add("parent."+f.field, msg)
		}
		*f.to = addr
	}
	return a, errs.err()
}

// MakerKeys returns the approved makers' public keys, in file order.
func (s *Spec) MakerKeys() ([]device.PublicKey, error) {
	var p problems
	out := make([]device.PublicKey, 0, len(s.Makers))
	for i, m := range s.Makers {
		k, err := device.ParseDID(m.Key)
		if err != nil {
			p.add(fmt.Sprintf("makers[%d].key", i), err.Error())
			continue
		}
		out = append(out, k)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// hexKey formats an ed25519 key as the spec writes it.
func hexKey(k ed25519.PublicKey) string { return hex.EncodeToString(k) }
