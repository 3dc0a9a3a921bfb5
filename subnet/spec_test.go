package subnet

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestInitLoadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "net")
	s, err := Init(dir, InitOptions{Vertical: "telecom", Validators: 4, BasePort: 21000, Rand: seeded(1),
		ClaimTypes: []string{"telecom/coverage/v1"}})
	require.NoError(t, err)
	require.NoError(t, s.Validate())
	require.Equal(t, "telecom", s.Name)
	require.Equal(t, map[string]string{"telecom/coverage/v1": ProofSignature}, s.Proofs)
	require.True(t, s.Parent.Embedded())

	loaded, err := Load(filepath.Join(dir, SpecFile))
	require.NoError(t, err)
	require.Equal(t, s, loaded)
	byDir, err := Load(dir)
	require.NoError(t, err)
	require.Equal(t, s.GenesisHash(), byDir.GenesisHash())

	for i, v := range s.Validators {
		require.Equal(t, filepath.Join(dir, v.Dir), s.ValidatorDir(i))
		for _, f := range []string{ConsensusKeyFile, SettlementKeyFile} {
			st, err := os.Stat(filepath.Join(dir, v.Dir, f))
			require.NoError(t, err)
			require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
		}
		k, err := s.LoadKeys(i)
		require.NoError(t, err)
		require.Equal(t, v.ConsensusKey, hexKey(k.ConsensusKey().Public().(ed25519.PublicKey)))
	}
	require.Equal(t, "/ip4/127.0.0.1/tcp/21006", s.Validators[3].P2P)
	require.Equal(t, "127.0.0.1:21007", s.Validators[3].API)

	// Deterministic with a seeded reader.
	again, err := Init(filepath.Join(t.TempDir(), "net"), InitOptions{Vertical: "telecom", Validators: 4, BasePort: 21000, Rand: seeded(1),
		ClaimTypes: []string{"telecom/coverage/v1"}})
	require.NoError(t, err)
	require.Equal(t, s.GenesisHash(), again.GenesisHash())
	require.Equal(t, s.Validators, again.Validators)

	// Never over a non-empty directory, unless forced.
	_, err = Init(dir, InitOptions{Vertical: "telecom"})
	require.ErrorIs(t, err, ErrNotEmpty)
	forced, err := Init(dir, InitOptions{Vertical: "energy", Validators: 2, BasePort: 21000, Force: true})
	require.NoError(t, err)
	loaded, err = Load(dir)
	require.NoError(t, err)
	require.Equal(t, forced.GenesisHash(), loaded.GenesisHash())
	_, err = loaded.LoadKeys(1)
	require.NoError(t, err)

	// Free ports when no base port is given.
	free, err := Init(t.TempDir(), InitOptions{Vertical: "energy", Validators: 2})
	require.NoError(t, err)
	require.NoError(t, free.Validate())
}

func TestInitErrors(t *testing.T) {
	_, err := Init(t.TempDir(), InitOptions{})
	require.ErrorIs(t, err, ErrInvalidSpec)
	require.Contains(t, err.Error(), "vertical")
	_, err = Init(t.TempDir(), InitOptions{Vertical: "Telecom"})
	require.ErrorIs(t, err, ErrInvalidSpec)
	_, err = Init(t.TempDir(), InitOptions{Vertical: "telecom", Validators: MaxValidators + 1})
	require.ErrorIs(t, err, ErrInvalidSpec)
	_, err = Init(t.TempDir(), InitOptions{Vertical: "telecom", BasePort: 65530})
	require.ErrorIs(t, err, ErrInvalidSpec)
	_, err = Init(t.TempDir(), InitOptions{Vertical: "telecom", ClaimTypes: []string{"has space"}})
	require.ErrorIs(t, err, ErrInvalidSpec)
}

func TestLoadKeysMismatch(t *testing.T) {
	s, _ := testSpec(t, 2, 3)
	// Swap the two validators' settlement keys.
	a := filepath.Join(s.ValidatorDir(0), SettlementKeyFile)
	b := filepath.Join(s.ValidatorDir(1), SettlementKeyFile)
	da, err := os.ReadFile(a)
	require.NoError(t, err)
	db, err := os.ReadFile(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(a, db, 0o600))
	require.NoError(t, os.WriteFile(b, da, 0o600))
	_, err = s.LoadKeys(0)
	require.ErrorIs(t, err, ErrKey)
	require.Contains(t, err.Error(), "settlement_address")
	// A settlement key where the consensus key belongs.
	require.NoError(t, os.WriteFile(filepath.Join(s.ValidatorDir(1), ConsensusKeyFile), da, 0o600))
	_, err = s.LoadKeys(1)
	require.ErrorIs(t, err, ErrKey)
	require.Contains(t, err.Error(), "want ed25519")
	_, err = s.LoadKeys(5)
	require.ErrorIs(t, err, ErrKey)
}

func TestMarshalParseRoundTrip(t *testing.T) {
	s, _ := testSpec(t, 3, 4)
	s.Makers = []Maker{{Name: "acme", Key: mustKey(t, 2, 9).Public().DID()}}
	s.Parent = Parent{RPC: "https://rpc.example.org", SubnetRegistry: "0x00000000000000000000000000000000000000aa"}
	s.Reward = Reward{Curve: CurveExponential, Initial: "1000", Factor: "85/100", Period: 52}
	data, err := s.Marshal()
	require.NoError(t, err)
	back, err := Parse(data)
	require.NoError(t, err)
	back.Dir = s.Dir
	require.Equal(t, s, back)
	require.NoError(t, back.Validate())

	path := filepath.Join(t.TempDir(), "spec.toml")
	require.NoError(t, s.Save(path))
	require.NoError(t, s.Save(path), "Save replaces")
	loaded, err := Load(path)
	require.NoError(t, err)
	require.Equal(t, s.GenesisHash(), loaded.GenesisHash())
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left")
}

func TestParseErrors(t *testing.T) {
	_, err := Parse([]byte("name = 'x'\nbogus = 1\n[epoch]\nlenght = 3\n"))
	require.ErrorIs(t, err, ErrInvalidSpec)
	fes := FieldErrors(err)
	require.Len(t, fes, 2)
	require.Equal(t, "bogus", fes[0].Path)
	require.Equal(t, "epoch.lenght", fes[1].Path)
	require.Contains(t, fes[1].Msg, "line 4")

	_, err = Parse([]byte("chain_id = 'seven'\n"))
	require.ErrorIs(t, err, ErrInvalidSpec)
	require.Equal(t, "chain_id", FieldErrors(err)[0].Path)

	_, err = Parse([]byte("name = \n"))
	require.ErrorIs(t, err, ErrInvalidSpec)

	_, err = Parse([]byte(strings.Repeat("#", MaxSpecSize+1)))
	require.ErrorIs(t, err, ErrInvalidSpec)

	_, err = Load(filepath.Join(t.TempDir(), "missing.toml"))
	require.True(t, errors.Is(err, os.ErrNotExist))
}

func TestParentAndMakers(t *testing.T) {
	s, _ := testSpec(t, 1, 6)
	a, err := s.Parent.Addresses()
	require.NoError(t, err)
	require.Zero(t, a)
	s.Parent.SubnetRegistry = "0x00000000000000000000000000000000000000aa"
	s.Parent.Token = "0x00000000000000000000000000000000000000bb"
	a, err = s.Parent.Addresses()
	require.NoError(t, err)
	require.Equal(t, byte(0xaa), a.SubnetRegistry[19])
	require.Equal(t, byte(0xbb), a.Token[19])
	s.Parent.DeviceRegistry = "nope"
	_, err = s.Parent.Addresses()
	require.ErrorIs(t, err, ErrInvalidSpec)
	require.Equal(t, "parent.device_registry", FieldErrors(err)[0].Path)

	k := mustKey(t, 4, 3).Public() // EdDSA-BN254: a did:depinkit
	s.Makers = []Maker{{Name: "acme", Key: k.DID()}}
	keys, err := s.MakerKeys()
	require.NoError(t, err)
	require.True(t, keys[0].Equal(k))
	s.Makers[0].Key = "did:key:zzz"
	_, err = s.MakerKeys()
	require.ErrorIs(t, err, ErrInvalidSpec)

	require.Equal(t, time.Hour, s.EpochDuration())
	s.Epoch.Duration = ""
	require.Zero(t, s.EpochDuration())
}
