package subnet

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/genesis.hash")

// TestGenesisGolden pins the genesis hash of testdata/genesis.toml: the
// encoding GenesisHash hashes must not change without a new GenesisDomain
// (run with -update to rewrite it then).
func TestGenesisGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(t, err)
	s, err := Parse(data)
	require.NoError(t, err)
	require.NoError(t, s.Validate())
	got := s.GenesisHash().Hex()
	golden := filepath.Join("testdata", "genesis.hash")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got+"\n"), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, strings.TrimSpace(string(want)), got)
}

// TestGenesisNormalised: what the hash leaves out or normalises does not
// change it; what it covers does.
func TestGenesisNormalised(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(t, err)
	base, err := Parse(data)
	require.NoError(t, err)
	want := base.GenesisHash()
	clone := func() *Spec {
		s, err := Parse(data)
		require.NoError(t, err)
		return s
	}
	same := map[string]func(s *Spec){
		"validators reversed": func(s *Spec) { slices.Reverse(s.Validators) },
		"addresses moved": func(s *Spec) {
			for i := range s.Validators {
				s.Validators[i].P2P = "/dns4/node.example.org/tcp/9000"
				s.Validators[i].API = "10.0.0.1:1"
				s.Validators[i].Dir = ""
			}
		},
		"parent": func(s *Spec) {
			s.Parent = Parent{RPC: "https://rpc.example.org", Token: "0x00000000000000000000000000000000000000aa"}
		},
		"spelling":      func(s *Spec) { s.Validators[0].ConsensusKey = "0x" + strings.ToUpper(s.Validators[0].ConsensusKey) },
		"address case":  func(s *Spec) { s.Validators[1].SettlementAddress = strings.ToLower(s.Validators[1].SettlementAddress) },
		"leading zeros": func(s *Spec) { s.Reward.Initial = "000" + s.Reward.Initial },
		"makers order": func(s *Spec) {
			s.Makers = append([]Maker{{Name: "zeta", Key: mustKey(t, 1, 77).Public().DID()}}, s.Makers...)
		},
		"dir": func(s *Spec) { s.Dir = "/elsewhere" },
	}
	makersWant := func() common.Hash {
		s := clone()
		s.Makers = append(s.Makers, Maker{Name: "zeta", Key: mustKey(t, 1, 77).Public().DID()})
		return s.GenesisHash()
	}()
	for name, edit := range same {
		s := clone()
		edit(s)
		w := want
		if name == "makers order" {
			w = makersWant
		}
		require.Equal(t, w, s.GenesisHash(), name)
	}
	differs := map[string]func(s *Spec){
		"name":          func(s *Spec) { s.Name = "other" },
		"chain id":      func(s *Spec) { s.ChainID++ },
		"vertical":      func(s *Spec) { s.Vertical = "energy" },
		"stake":         func(s *Spec) { s.Validators[2].Stake++ },
		"validator":     func(s *Spec) { s.Validators[0].Name = "alfa" },
		"settlement":    func(s *Spec) { s.Validators[0].SettlementAddress = "0x00000000000000000000000000000000000000aa" },
		"epoch length":  func(s *Spec) { s.Epoch.Length++ },
		"epoch time":    func(s *Spec) { s.Epoch.Duration = "61m" },
		"curve":         func(s *Spec) { s.Reward.Cap = "" },
		"proof":         func(s *Spec) { s.Proofs["telecom/usage/v1"] = ProofPlonk },
		"maker name":    func(s *Spec) { s.Makers[0].Name = "acme2" },
		"one validator": func(s *Spec) { s.Validators = s.Validators[1:] },
	}
	seen := map[common.Hash]string{want: "base"}
	for name, edit := range differs {
		s := clone()
		edit(s)
		h := s.GenesisHash()
		prev, dup := seen[h]
		require.False(t, dup, "%s hashes as %s", name, prev)
		seen[h] = name
	}
	// "1h" and "60m" are one duration.
	s := clone()
	s.Epoch.Duration = "60m"
	require.Equal(t, want, s.GenesisHash())
}

func TestValidatorSetOrder(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(t, err)
	s, err := Parse(data)
	require.NoError(t, err)
	set, err := s.ValidatorSet()
	require.NoError(t, err)
	require.Equal(t, 4, set.Len())
	require.Equal(t, uint64(500), set.TotalStake())
	evmVals := s.EVMValidators()
	members, err := s.Members()
	require.NoError(t, err)
	for i := range set.Len() {
		v := set.Validator(uint32(i))
		if i > 0 {
			require.Negative(t, strings.Compare(string(set.Key(uint32(i-1))), string(v.Key)), "key order")
		}
		require.Equal(t, members[i].Name, v.Name)
		require.Equal(t, members[i].Settlement, evmVals[i].Address)
		require.Equal(t, v.Stake, evmVals[i].Stake)
	}
	slices.Reverse(s.Validators)
	again, err := s.ValidatorSet()
	require.NoError(t, err)
	require.Equal(t, set.Digest(), again.Digest(), "file order does not matter")
	require.Equal(t, evmVals, s.EVMValidators())

	s.Validators[0].Stake = 0
	_, err = s.ValidatorSet()
	require.ErrorIs(t, err, ErrInvalidSpec)
}
