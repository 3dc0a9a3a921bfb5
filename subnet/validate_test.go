package subnet

import (
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

func TestValidateEveryProblem(t *testing.T) {
	base, _ := testSpec(t, 4, 5)
	maker := mustKey(t, 3, 1).Public().DID()
	for _, tc := range []struct {
		name  string
		edit  func(s *Spec)
		paths []string // every FieldError path, in order
		msg   string   // a part of the first message
	}{
		{"valid", func(*Spec) {}, nil, ""},
		{"no name", func(s *Spec) { s.Name = "" }, []string{"name"}, "missing"},
		{"bad name", func(s *Spec) { s.Name = "my net" }, []string{"name"}, "only letters"},
		{"chain id", func(s *Spec) { s.ChainID = 0 }, []string{"chain_id"}, "at least 1"},
		{"beyond TOML", func(s *Spec) { s.ChainID, s.Epoch.Length, s.Reward.Period = 1<<63, 1<<63, 1<<63 },
			[]string{"chain_id", "epoch.length", "reward.period"}, "largest TOML integer"},
		{"vertical case", func(s *Spec) { s.Vertical = "Telecom" }, []string{"vertical"}, "lowercase"},
		{"vertical chars", func(s *Spec) { s.Vertical = "tele com" }, []string{"vertical"}, "lowercase identifier"},
		{"no vertical", func(s *Spec) { s.Vertical = "" }, []string{"vertical"}, "missing"},
		{"no epoch", func(s *Spec) { s.Epoch = Epoch{} }, []string{"epoch"}, "length"},
		{"bad duration", func(s *Spec) { s.Epoch.Duration = "an hour" }, []string{"epoch.duration"}, "not a duration"},
		{"negative duration", func(s *Spec) { s.Epoch.Duration = "-1h" }, []string{"epoch.duration"}, "not positive"},
		{"duration only", func(s *Spec) { s.Epoch = Epoch{Duration: "10m"} }, nil, ""},
		{"unknown curve", func(s *Spec) { s.Reward.Curve = "sigmoid" }, []string{"reward.curve"}, "sigmoid"},
		{"no curve", func(s *Spec) { s.Reward.Curve = "" }, []string{"reward.curve"}, "missing"},
		{"bad amount", func(s *Spec) { s.Reward.Initial = "-5"; s.Reward.Cap = "1e9" }, []string{"reward.initial", "reward.cap"}, "decimal"},
		{"huge amount", func(s *Spec) { s.Reward.Initial = "1" + fmt.Sprintf("%080d", 0) }, []string{"reward.initial"}, "2^256"},
		{"halving period", func(s *Spec) { s.Reward.Period = 0 }, []string{"reward.period"}, "halvings"},
		{"unused parameter", func(s *Spec) { s.Reward.Step = "1"; s.Reward.Factor = "1/2" }, []string{"reward.step", "reward.factor"}, "not used by the halving curve"},
		{"constant", func(s *Spec) { s.Reward = Reward{Curve: CurveConstant, Initial: "7"} }, nil, ""},
		{"constant with period", func(s *Spec) { s.Reward = Reward{Curve: CurveConstant, Initial: "7", Period: 3} }, []string{"reward.period"}, "not used"},
		{"linear", func(s *Spec) { s.Reward = Reward{Curve: CurveLinear, Initial: "100", Step: "3", Floor: "10"} }, nil, ""},
		{"linear floor", func(s *Spec) { s.Reward = Reward{Curve: CurveLinear, Initial: "100", Step: "3", Floor: "101"} }, []string{"reward.floor"}, "above initial"},
		{"linear no step", func(s *Spec) { s.Reward = Reward{Curve: CurveLinear, Initial: "100"} }, []string{"reward.step"}, "missing"},
		{"exponential", func(s *Spec) { s.Reward = Reward{Curve: CurveExponential, Initial: "100", Factor: "0.85", Period: 52} }, nil, ""},
		{"exponential factor", func(s *Spec) { s.Reward = Reward{Curve: CurveExponential, Initial: "100", Factor: "3/2"} }, []string{"reward.factor", "reward.period"}, "[0, 1]"},
		{"proof policy", func(s *Spec) { s.Proofs["telecom/usage/v1"] = "stark"; s.Proofs["bad type"] = "plonk" }, []string{`proofs."bad type"`, `proofs."telecom/usage/v1"`}, "only letters"},
		{"parent rpc", func(s *Spec) { s.Parent.RPC = "ftp://x" }, []string{"parent.rpc"}, "scheme"},
		{"parent rpc word", func(s *Spec) { s.Parent.RPC = "simulated" }, []string{"parent.rpc"}, "neither"},
		{"parent addresses", func(s *Spec) {
			s.Parent.SubnetRegistry = "0x12"
			s.Parent.Token = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
		}, []string{"parent.subnet_registry"}, "not an address"},
		{"parent checksum", func(s *Spec) { s.Parent.Token = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD" }, []string{"parent.token"}, "EIP-55"},
		{"no validators", func(s *Spec) { s.Validators = nil }, []string{"validators"}, "at least one"},
		{"too many validators", func(s *Spec) { s.Validators = make([]Validator, MaxValidators+1) }, []string{"validators"}, "more than 256"},
		{"zero stake", func(s *Spec) { s.Validators[2].Stake = 0 }, []string{"validators[2].stake"}, "at least 1"},
		{"stake overflow", func(s *Spec) { s.Validators[1].Stake = MaxTotalStake; s.Validators[3].Stake = MaxTotalStake }, []string{"validators[1].stake"}, "total stake"},
		{"duplicates", func(s *Spec) {
			s.Validators[3].Name = s.Validators[0].Name
			s.Validators[3].ConsensusKey = s.Validators[1].ConsensusKey
			s.Validators[3].SettlementAddress = s.Validators[2].SettlementAddress
			s.Validators[3].API = s.Validators[0].API
			s.Validators[3].Dir = s.Validators[1].Dir + "/"
		}, []string{"validators[3].name", "validators[3].consensus_key", "validators[3].settlement_address", "validators[3].api", "validators[3].dir"}, "repeats validators[0]'s"},
		{"p2p port is an api port", func(s *Spec) { s.Validators[1].P2P = "/ip4/127.0.0.1/tcp/20001" }, []string{"validators[1].p2p"}, "taken by validators[0].api"},
		{"bad hex", func(s *Spec) {
			s.Validators[0].ConsensusKey = "zz"
			s.Validators[1].ConsensusKey = "abcd"
			s.Validators[2].SettlementAddress = "0x0000000000000000000000000000000000000000"
		}, []string{"validators[0].consensus_key", "validators[1].consensus_key", "validators[2].settlement_address"}, "not hex"},
		{"bad addresses", func(s *Spec) {
			s.Validators[0].P2P = "127.0.0.1:9"
			s.Validators[1].P2P = "/ip4/127.0.0.1/tcp/0"
			s.Validators[2].P2P = "/ip4/127.0.0.1/tcp/9/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"
			s.Validators[3].P2P = "/unix/tmp/sock"
			s.Validators[0].API = "127.0.0.1"
			s.Validators[1].API = "127.0.0.1:99999"
		}, []string{"validators[0].p2p", "validators[0].api", "validators[1].p2p", "validators[1].api", "validators[2].p2p", "validators[3].p2p"}, "not a multiaddr"},
		// Issue 13 item 7: a dir outside the spec's directory, an API the
		// process would refuse.
		{"dir escapes", func(s *Spec) {
			s.Validators[0].Dir = "../elsewhere"
			s.Validators[1].Dir = "/etc/validator"
			s.Validators[2].Dir = "v2/../../x"
		}, []string{"validators[0].dir", "validators[1].dir", "validators[2].dir"}, "outside the spec's directory"},
		{"dir inside", func(s *Spec) { s.Validators[0].Dir = "nodes/../v0b" }, nil, ""},
		{"api not loopback", func(s *Spec) {
			s.Validators[0].API = "0.0.0.0:7700"
			s.Validators[1].API = "10.0.0.1:7701"
			s.Validators[2].API = "validator.example:7702"
		}, []string{"validators[0].api", "validators[1].api", "validators[2].api"}, "not a loopback address"},
		{"ingest", func(s *Spec) {
			s.Validators[0].Ingest = "0.0.0.0:30000" // may face the network
			s.Validators[1].Ingest = ""              // optional
			s.Validators[2].Ingest = "127.0.0.1"
			s.Validators[3].Ingest = s.Validators[0].API
		}, []string{"validators[2].ingest", "validators[3].ingest"}, "not host:port"},
		{"validator name", func(s *Spec) { s.Validators[0].Name = "" }, []string{"validators[0].name"}, "missing"},
		{"makers", func(s *Spec) {
			s.Makers = []Maker{{Name: "acme", Key: maker}, {Name: "acme", Key: maker}, {Name: "", Key: "did:key:nope"}, {Name: "x"}}
		}, []string{"makers[1].name", "makers[1].key", "makers[2].name", "makers[2].key", "makers[3].key"}, "repeats makers[0]'s"},
		{"many at once", func(s *Spec) {
			s.Name, s.ChainID, s.Validators[0].Stake, s.Reward.Curve = "", 0, 0, "nope"
		}, []string{"name", "chain_id", "reward.curve", "validators[0].stake"}, "missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := *base
			s.Validators = append([]Validator(nil), base.Validators...)
			s.Proofs = map[string]string{}
			for k, v := range base.Proofs {
				s.Proofs[k] = v
			}
			tc.edit(&s)
			err := s.Validate()
			if tc.paths == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidSpec)
			fes := FieldErrors(err)
			var paths []string
			for _, fe := range fes {
				paths = append(paths, fe.Path)
				require.ErrorIs(t, fe, ErrInvalidSpec)
				require.Contains(t, fe.Error(), "subnet: "+fe.Path+": ")
			}
			require.Equal(t, tc.paths, paths, "%v", err)
			require.Contains(t, fes[0].Msg, tc.msg)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
		})
	}
}

func TestCurve(t *testing.T) {
	s, _ := testSpec(t, 1, 1)
	s.Reward = Reward{Curve: CurveHalving, Initial: "1000", Period: 2, Cap: "3500"}
	c, err := s.Curve()
	require.NoError(t, err)
	for n, want := range []int64{1000, 1000, 500, 500, 250, 250, 0} {
		require.Equal(t, want, c.Emission(uint64(n)).Int64(), "epoch %d", n)
	}
	s.Reward = Reward{Curve: CurveExponential, Initial: "1000", Period: 1, Factor: "0.5"}
	c, err = s.Curve()
	require.NoError(t, err)
	require.Equal(t, int64(250), c.Emission(2).Int64())
	s.Reward.Factor = ""
	_, err = s.Curve()
	require.ErrorIs(t, err, ErrInvalidSpec)

	// Helium's HIP-20 table, telecom's default: 120M tokens (8 decimals)
	// over the first 35,040 epochs, halving every period.
	s.Reward = Reward{Curve: CurveSpreadHalving, Initial: "12000000000000000", Period: 35_040}
	c, err = s.Curve()
	require.NoError(t, err)
	require.Equal(t, "6000000000000000", c.Cumulative(17_519).String(), "60M tokens in year 1")
	require.Equal(t, "3000000000000000", new(big.Int).Sub(c.Cumulative(3*17_520-1), c.Cumulative(2*17_520-1)).String(), "30M in year 3")
	s.Reward.Step = "1"
	_, err = s.Curve()
	require.ErrorIs(t, err, ErrInvalidSpec)
	require.ErrorContains(t, err, "reward.step: not used by the spread-halving curve")
}

// Issue 13 item 7: key files readable by group or others are refused when a
// validator's keys are loaded.
func TestLoadKeysMode(t *testing.T) {
	s, _ := testSpec(t, 1, 9)
	path := filepath.Join(s.ValidatorDir(0), SettlementKeyFile)
	require.NoError(t, os.Chmod(path, 0o640))
	_, err := s.LoadKeys(0)
	require.ErrorIs(t, err, ErrKey)
	require.ErrorIs(t, err, device.ErrKeyFileMode)
	require.ErrorContains(t, err, path)
	require.ErrorContains(t, err, "0640")
}

// Init gives every validator an ingest address of its own, after the p2p and
// api ports.
func TestInitIngest(t *testing.T) {
	s, err := Init(t.TempDir(), InitOptions{Vertical: "telecom", Validators: 4, BasePort: 21000, Rand: seeded(1)})
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:21007", s.Validators[3].API)
	require.Equal(t, "127.0.0.1:21008", s.Validators[0].Ingest)
	require.Equal(t, "127.0.0.1:21011", s.Validators[3].Ingest)
	_, err = Init(t.TempDir(), InitOptions{Vertical: "telecom", Validators: 2, BasePort: 65531})
	require.ErrorIs(t, err, ErrInvalidSpec)
}
