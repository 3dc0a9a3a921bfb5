package subnet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sectionSpec is testdata/genesis.toml with more TOML appended.
func sectionSpec(t *testing.T, more string) *Spec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(t, err)
	s, err := Parse(append(data, "\n"+more...))
	require.NoError(t, err)
	return s
}

type testSection struct {
	BeaconIntervalMs int64  `toml:"beacon_interval_ms"`
	Price            string `toml:"price"`
	Trust            struct {
		Exponent uint32 `toml:"exponent"`
	} `toml:"trust"`
	Boosts []struct {
		Cell string `toml:"cell"`
	} `toml:"boosts"`
}

func TestDecodeVertical(t *testing.T) {
	s := sectionSpec(t, `
[verticals.telecom]
beacon_interval_ms = 1000
price = '1/2'
[verticals.telecom.trust]
exponent = 27
[[verticals.telecom.boosts]]
cell = '8828308281fffff'
`)
	require.NoError(t, s.Validate())
	var c testSection
	require.NoError(t, s.DecodeVertical(&c))
	require.Equal(t, int64(1000), c.BeaconIntervalMs)
	require.Equal(t, "1/2", c.Price)
	require.Equal(t, uint32(27), c.Trust.Exponent)
	require.Len(t, c.Boosts, 1)
	require.Equal(t, "8828308281fffff", c.Boosts[0].Cell)

	// Without a section, the struct keeps its values (the defaults).
	bare := sectionSpec(t, "")
	d := testSection{BeaconIntervalMs: 7}
	require.NoError(t, bare.DecodeVertical(&d))
	require.Equal(t, int64(7), d.BeaconIntervalMs)
}

func TestDecodeVerticalErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		toml  string
		paths []string
		msg   string
	}{
		"unknown key": {"[verticals.telecom]\nbeacon_interval = 1000\n", []string{"verticals.telecom.beacon_interval"}, "unknown setting"},
		"unknown nested keys": {"[verticals.telecom]\nx = 1\n[verticals.telecom.trust]\nexponent = 1\nmargin = 2\n",
			[]string{"verticals.telecom.trust.margin", "verticals.telecom.x"}, "unknown setting"},
		"wrong type": {"[verticals.telecom]\nbeacon_interval_ms = 'soon'\n", []string{"verticals.telecom.beacon_interval_ms"}, "cannot decode"},
	} {
		t.Run(name, func(t *testing.T) {
			s := sectionSpec(t, tc.toml)
			require.NoError(t, s.Validate(), "the spec checks the section's size, not its keys")
			var c testSection
			err := s.DecodeVertical(&c)
			require.ErrorIs(t, err, ErrInvalidSpec)
			var paths []string
			for _, fe := range FieldErrors(err) {
				paths = append(paths, fe.Path)
				require.Contains(t, fe.Msg, tc.msg)
				require.NotContains(t, fe.Msg, "line", "positions in the re-encoded section would mislead")
			}
			require.ElementsMatch(t, tc.paths, paths)
		})
	}
}

func TestEconomicsProblems(t *testing.T) {
	for name, tc := range map[string]struct {
		toml string
		path string
		msg  string
	}{
		"pool name":       {"[reward.pools]\nBeacons = 1\n", "reward.pools.Beacons", "only a-z"},
		"all zero":        {"[reward.pools]\nbeacons = 0\nwitnesses = 0\n", "reward.pools", "every weight is 0"},
		"overflow":        {"[reward.pools]\na = 9223372036854775807\nb = 1\n", "reward.pools.b", "more than 2^63-1"},
		"other vertical":  {"[verticals.energy]\nx = 1\n", "verticals.energy", `subnet's vertical is "telecom"`},
		"keys outside":    {"", "proof_keys", "outside the spec's directory"},
		"section too big": {"[verticals.telecom]\nx = '" + strings.Repeat("a", MaxSectionSize) + "'\n", "verticals.telecom", "at most"},
	} {
		t.Run(name, func(t *testing.T) {
			s := sectionSpec(t, tc.toml)
			if name == "keys outside" {
				s.ProofKeys = "../keys"
			}
			err := s.Validate()
			require.ErrorIs(t, err, ErrInvalidSpec)
			fes := FieldErrors(err)
			require.Len(t, fes, 1, "%v", err)
			require.Equal(t, tc.path, fes[0].Path)
			require.Contains(t, fes[0].Msg, tc.msg)
		})
	}
	// Unknown keys in [reward.pools]' neighbours are still refused by Parse.
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(t, err)
	_, err = Parse(append([]byte("proof_key = 'keys'\n"), data...))
	require.ErrorIs(t, err, ErrInvalidSpec)
	require.Equal(t, "proof_key", FieldErrors(err)[0].Path)
}

func TestEconomicsRoundTrip(t *testing.T) {
	s := sectionSpec(t, `
[reward.pools]
beacons = 6
witnesses = 24
[verticals.telecom]
beacon_interval_ms = 1000
[verticals.telecom.trust]
exponent = 27
`)
	s.ProofKeys = "keys"
	require.NoError(t, s.Validate())
	require.Equal(t, map[string]uint64{"beacons": 6, "witnesses": 24}, s.PoolWeights())
	s.Dir = "/subnet"
	require.Equal(t, filepath.Join("/subnet", "keys"), s.ProofKeysDir())

	data, err := s.Marshal()
	require.NoError(t, err)
	back, err := Parse(data)
	require.NoError(t, err)
	require.NoError(t, back.Validate())
	require.Equal(t, s.GenesisHash(), back.GenesisHash())
	var c testSection
	require.NoError(t, back.DecodeVertical(&c))
	require.Equal(t, int64(1000), c.BeaconIntervalMs)
	require.Equal(t, uint32(27), c.Trust.Exponent)

	// A copy: the caller cannot change the spec through it.
	w := s.PoolWeights()
	w["beacons"] = 1
	require.Equal(t, uint64(6), s.Reward.Pools["beacons"])
}

// TestGenesisEconomics: pool weights and the vertical's section are part of
// the genesis; the order of keys in the file is not; a spec without them
// keeps its hash (TestGenesisGolden).
func TestGenesisEconomics(t *testing.T) {
	base := sectionSpec(t, "").GenesisHash()
	seen := map[[32]byte]string{base: "base"}
	for name, more := range map[string]string{
		"pools":          "[reward.pools]\nbeacons = 6\nwitnesses = 24\n",
		"other weights":  "[reward.pools]\nbeacons = 6\nwitnesses = 25\n",
		"section":        "[verticals.telecom]\nbeacon_interval_ms = 1000\n",
		"other section":  "[verticals.telecom]\nbeacon_interval_ms = 1001\n",
		"pools, section": "[reward.pools]\nbeacons = 6\nwitnesses = 24\n[verticals.telecom]\nbeacon_interval_ms = 1000\n",
	} {
		h := sectionSpec(t, more).GenesisHash()
		prev, dup := seen[h]
		require.False(t, dup, "%s hashes as %s", name, prev)
		seen[h] = name
	}
	a := sectionSpec(t, "[verticals.telecom]\nx = 1\ny = 'b'\n[reward.pools]\nwitnesses = 24\nbeacons = 6\n")
	b := sectionSpec(t, "[reward.pools]\nbeacons = 6\nwitnesses = 24\n[verticals.telecom]\ny = 'b'\nx = 1\n")
	require.Equal(t, a.GenesisHash(), b.GenesisHash())
	// Where the keys are is not what the subnet is.
	k := sectionSpec(t, "")
	k.ProofKeys = "keys"
	require.Equal(t, base, k.GenesisHash())
}

// FuzzParseSpec: any input either fails to parse with FieldErrors, or
// parses into a spec whose validation, genesis hash and section decoding
// neither panic nor return errors outside ErrInvalidSpec.
func FuzzParseSpec(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "genesis.toml"))
	require.NoError(f, err)
	f.Add(data)
	f.Add(append(data, "\n[reward.pools]\nbeacons = 6\n[verticals.telecom]\nbeacon_interval_ms = 1000\n[verticals.telecom.trust]\nexponent = 27\n"...))
	f.Add([]byte("[verticals.x]\na = [1, 'b', {c = 1979-05-27T07:32:00Z}]\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Parse(in)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidSpec)
			return
		}
		if err := s.Validate(); err != nil && !errors.Is(err, ErrInvalidSpec) {
			t.Fatalf("Validate: %v", err)
		}
		_ = s.GenesisHash()
		var c testSection
		if err := s.DecodeVertical(&c); err != nil {
			require.ErrorIs(t, err, ErrInvalidSpec)
		}
	})
}

func TestSectionOf(t *testing.T) {
	in := testSection{BeaconIntervalMs: 1000, Price: "1/2"}
	in.Trust.Exponent = 27
	in.Boosts = append(in.Boosts, struct {
		Cell string `toml:"cell"`
	}{"8828308281fffff"})
	sec, err := SectionOf(in)
	require.NoError(t, err)
	s := sectionSpec(t, "")
	s.Verticals = map[string]Section{"telecom": sec}
	require.NoError(t, s.Validate())
	data, err := s.Marshal()
	require.NoError(t, err)
	back, err := Parse(data)
	require.NoError(t, err)
	var out testSection
	require.NoError(t, back.DecodeVertical(&out))
	require.Equal(t, in, out)

	empty, err := SectionOf(struct {
		X int `toml:"x,omitempty"`
	}{})
	require.NoError(t, err)
	require.Nil(t, empty, "nothing to say: no section")
}
