package subnet

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/httpguard"
	"github.com/depinkit/depinkit/reward"
)

// Limits of a Spec.
const (
	// MaxValidators bounds the validator set: what the parent chain's
	// SubnetRegistry accepts (chain.MaxValidators is larger).
	MaxValidators = 256
	// MaxTotalStake bounds the sum of the stakes, as chain.NewValidatorSet
	// does (2^62 - 1, far from overflow in quorum arithmetic).
	MaxTotalStake = math.MaxUint64 >> 2
	// MaxNameLen bounds subnet, validator and maker names, in bytes.
	MaxNameLen = 64
	// MaxVerticalLen bounds Spec.Vertical, in bytes.
	MaxVerticalLen = 32
	// MaxClaimTypeLen bounds a claim type of Spec.Proofs, in bytes.
	MaxClaimTypeLen = 128
	// MaxMakers bounds Spec.Makers.
	MaxMakers = 1024
	// maxAddrLen bounds P2P and API address strings.
	maxAddrLen = 256
	// maxAmountBits bounds reward amounts: uint256.
	maxAmountBits = 256
)

// Validate reports every problem of the spec, each a *FieldError naming the
// field by its TOML path ("validators[2].stake"), all in one error made by
// errors.Join; every one wraps ErrInvalidSpec. It changes nothing, and reads
// no file (validator directories need not exist).
func (s *Spec) Validate() error {
	var p problems
	if msg := checkSubnetName(s.Name); msg != "" {
		p.add("name", msg)
	}
	if s.ChainID == 0 {
		p.add("chain_id", "missing: at least 1")
	} else if s.ChainID > math.MaxInt64 {
		p.add("chain_id", tooLargeForTOML)
	}
	if msg := checkVertical(s.Vertical); msg != "" {
		p.add("vertical", msg)
	}
	s.checkEpoch(&p)
	s.curve(&p)
	s.checkProofs(&p)
	s.checkEconomics(&p)
	s.checkParent(&p)
	s.checkValidators(&p)
	s.checkMakers(&p)
	return p.err()
}

// tooLargeForTOML reports a uint64 field a TOML file cannot hold.
const tooLargeForTOML = "above 2^63-1, the largest TOML integer"

func checkSubnetName(n string) string {
	switch {
	case n == "":
		return "missing"
	case len(n) > MaxNameLen:
		return fmt.Sprintf("longer than %d bytes", MaxNameLen)
	}
	if strings.IndexFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
	}) >= 0 {
		return fmt.Sprintf("%q: only letters, digits, '.', '_' and '-' are allowed", n)
	}
	return ""
}

func checkVertical(v string) string {
	switch {
	case v == "":
		return "missing (telecom, energy, mobility...)"
	case len(v) > MaxVerticalLen:
		return fmt.Sprintf("longer than %d bytes", MaxVerticalLen)
	case v[0] < 'a' || v[0] > 'z':
		return fmt.Sprintf("%q: want a lowercase identifier starting with a letter", v)
	}
	if strings.IndexFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return fmt.Sprintf("%q: want a lowercase identifier (a-z, 0-9, '_', '-')", v)
	}
	return ""
}

// checkMemberName checks a validator or maker name.
func checkMemberName(n string) string {
	switch {
	case n == "":
		return "missing"
	case len(n) > MaxNameLen:
		return fmt.Sprintf("longer than %d bytes", MaxNameLen)
	case !utf8.ValidString(n):
		return "not UTF-8"
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return fmt.Sprintf("%q holds control characters", n)
	}
	return ""
}

func (s *Spec) checkEpoch(p *problems) {
	if s.Epoch.Length == 0 && s.Epoch.Duration == "" {
		p.add("epoch", "missing: set length (commits), duration, or both")
	}
	if s.Epoch.Length > math.MaxInt64 {
		p.add("epoch.length", tooLargeForTOML)
	}
	if s.Epoch.Duration != "" {
		if _, msg := parseDuration(s.Epoch.Duration); msg != "" {
			p.add("epoch.duration", msg)
		}
	}
}

func parseDuration(v string) (time.Duration, string) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Sprintf("%q is not a duration (1h, 10m, 30s)", v)
	}
	if d <= 0 {
		return 0, fmt.Sprintf("%q is not positive", v)
	}
	return d, ""
}

// EpochDuration returns Epoch.Duration parsed, 0 if it is empty or invalid.
func (s *Spec) EpochDuration() time.Duration {
	d, _ := parseDuration(s.Epoch.Duration)
	return d
}

// parseAmount parses a decimal amount of base units.
func parseAmount(v string) (*big.Int, string) {
	if v == "" {
		return nil, "missing"
	}
	if strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return nil, fmt.Sprintf("%q is not a decimal number of base units", v)
	}
	n, ok := new(big.Int).SetString(v, 10)
	if !ok {
		return nil, fmt.Sprintf("%q is not a decimal number of base units", v)
	}
	if n.BitLen() > maxAmountBits {
		return nil, fmt.Sprintf("%q is larger than 2^%d-1", v, maxAmountBits)
	}
	return n, ""
}

// Curve returns the reward curve the spec names, built by package reward.
// The error wraps ErrInvalidSpec and names each bad field.
func (s *Spec) Curve() (reward.Curve, error) {
	var p problems
	c := s.curve(&p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// curve checks the reward section and builds its curve (nil on any problem).
func (s *Spec) curve(p *problems) reward.Curve {
	r := s.Reward
	before := len(*p)
	amount := func(field, v string, optional bool) *big.Int {
		if v == "" && optional {
			return nil
		}
		n, msg := parseAmount(v)
		if msg != "" {
			p.add("reward."+field, msg)
		}
		return n
	}
	unused := func(field string, set bool) {
		if set {
			p.add("reward."+field, fmt.Sprintf("not used by the %s curve: leave it out", r.Curve))
		}
	}
	initial := amount("initial", r.Initial, false)
	if r.Period > math.MaxInt64 {
		p.add("reward.period", tooLargeForTOML)
	}
	switch r.Curve {
	case CurveHalving, CurveSpreadHalving:
		capAmount := amount("cap", r.Cap, true)
		if r.Period == 0 {
			p.add("reward.period", "missing: epochs between halvings, at least 1")
		}
		unused("step", r.Step != "")
		unused("floor", r.Floor != "")
		unused("factor", r.Factor != "")
		if len(*p) > before {
			return nil
		}
		var c reward.Curve
		var err error
		if r.Curve == CurveSpreadHalving {
			c, err = reward.NewSpreadHalving(initial, r.Period, capAmount)
		} else {
			c, err = reward.NewHalving(initial, r.Period, capAmount)
		}
		if err != nil {
			p.add("reward", err.Error())
			return nil
		}
		return c
	case CurveConstant:
		unused("period", r.Period != 0)
		unused("cap", r.Cap != "")
		unused("step", r.Step != "")
		unused("floor", r.Floor != "")
		unused("factor", r.Factor != "")
		if len(*p) > before {
			return nil
		}
		c, err := reward.NewConstant(initial)
		if err != nil {
			p.add("reward", err.Error())
			return nil
		}
		return c
	case CurveLinear:
		step := amount("step", r.Step, false)
		floor := amount("floor", r.Floor, true)
		if floor == nil && len(*p) == before {
			floor = new(big.Int)
		}
		unused("period", r.Period != 0)
		unused("cap", r.Cap != "")
		unused("factor", r.Factor != "")
		if initial != nil && floor != nil && floor.Cmp(initial) > 0 {
			p.add("reward.floor", fmt.Sprintf("%s is above initial %s", floor, initial))
		}
		if len(*p) > before {
			return nil
		}
		c, err := reward.NewLinearDecay(initial, step, floor)
		if err != nil {
			p.add("reward", err.Error())
			return nil
		}
		return c
	case CurveExponential:
		factor, msg := parseFactor(r.Factor)
		if msg != "" {
			p.add("reward.factor", msg)
		}
		if r.Period == 0 {
			p.add("reward.period", "missing: epochs between decay steps, at least 1")
		}
		unused("cap", r.Cap != "")
		unused("step", r.Step != "")
		unused("floor", r.Floor != "")
		if len(*p) > before {
			return nil
		}
		c, err := reward.NewExponentialDecay(initial, factor, r.Period)
		if err != nil {
			p.add("reward", err.Error())
			return nil
		}
		return c
	case "":
		p.add("reward.curve", "missing: halving, constant, linear, exponential or spread-halving")
	default:
		p.add("reward.curve", fmt.Sprintf("%q is not halving, constant, linear, exponential or spread-halving", r.Curve))
	}
	return nil
}

func parseFactor(v string) (*big.Rat, string) {
	if v == "" {
		return nil, "missing: a fraction in [0, 1] such as 85/100"
	}
	if len(v) > 160 {
		return nil, "too long"
	}
	f, ok := new(big.Rat).SetString(v)
	if !ok || strings.ContainsAny(v, "eE") {
		return nil, fmt.Sprintf("%q is not a fraction such as 85/100 or 0.85", v)
	}
	if f.Sign() < 0 || f.Cmp(big.NewRat(1, 1)) > 0 {
		return nil, fmt.Sprintf("%q is not in [0, 1]", v)
	}
	return f, ""
}

func (s *Spec) checkProofs(p *problems) {
	for _, ct := range sortedKeys(s.Proofs) {
		path := "proofs." + strconv.Quote(ct)
		if msg := checkClaimType(ct); msg != "" {
			p.add(path, msg)
		}
		switch v := s.Proofs[ct]; v {
		case ProofSignature, ProofGroth16, ProofPlonk:
		default:
			p.add(path, fmt.Sprintf("%q is not signature, groth16 or plonk", v))
		}
	}
}

func checkClaimType(ct string) string {
	switch {
	case ct == "":
		return "empty claim type"
	case len(ct) > MaxClaimTypeLen:
		return fmt.Sprintf("claim type longer than %d bytes", MaxClaimTypeLen)
	}
	if strings.IndexFunc(ct, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/:+", r))
	}) >= 0 {
		return fmt.Sprintf("claim type %q: only letters, digits and . _ - / : + are allowed", ct)
	}
	return ""
}

func (s *Spec) checkParent(p *problems) {
	if !s.Parent.Embedded() {
		u, err := url.Parse(s.Parent.RPC)
		switch {
		case err != nil || u.Host == "":
			p.add("parent.rpc", fmt.Sprintf("%q is neither %q nor a URL", s.Parent.RPC, EmbeddedParent))
		case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss":
			p.add("parent.rpc", fmt.Sprintf("%q: scheme %q, want http, https, ws or wss", s.Parent.RPC, u.Scheme))
		}
	}
	for _, a := range []struct{ field, v string }{
		{"subnet_registry", s.Parent.SubnetRegistry},
		{"device_registry", s.Parent.DeviceRegistry},
		{"reward_distributor", s.Parent.RewardDistributor},
		{"token", s.Parent.Token},
	} {
		if a.v == "" {
			continue
		}
		if _, msg := parseAddress(a.v); msg != "" {
			p.add("parent."+a.field, msg)
		}
	}
}

// parseAddress parses a 0x-prefixed EVM address; mixed case must be its
// EIP-55 checksum.
func parseAddress(v string) (common.Address, string) {
	if v == "" {
		return common.Address{}, "missing"
	}
	if !strings.HasPrefix(v, "0x") || !common.IsHexAddress(v) {
		return common.Address{}, fmt.Sprintf("%q is not an address (0x and 40 hex digits)", v)
	}
	a := common.HexToAddress(v)
	body := v[2:]
	if body != strings.ToLower(body) && body != strings.ToUpper(body) && a.Hex() != v {
		return common.Address{}, fmt.Sprintf("%q: mixed case that is not its EIP-55 checksum (%s)", v, a.Hex())
	}
	if a == (common.Address{}) {
		return common.Address{}, "the zero address"
	}
	return a, ""
}

// parseConsensusKey parses an ed25519 public key in hex (an optional 0x).
func parseConsensusKey(v string) (ed25519.PublicKey, string) {
	if v == "" {
		return nil, "missing"
	}
	b, err := hex.DecodeString(strings.TrimPrefix(v, "0x"))
	if err != nil {
		return nil, fmt.Sprintf("%q is not hex", v)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Sprintf("%d bytes, want %d (an ed25519 public key)", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), ""
}

// parseP2P checks a validator's listen multiaddr and returns the endpoint it
// occupies ("tcp 127.0.0.1:7600"), for duplicate checks.
func parseP2P(v string) (string, string) {
	if v == "" {
		return "", "missing (/ip4/127.0.0.1/tcp/7600...)"
	}
	if len(v) > maxAddrLen {
		return "", fmt.Sprintf("longer than %d bytes", maxAddrLen)
	}
	m, err := ma.NewMultiaddr(v)
	if err != nil {
		return "", fmt.Sprintf("%q is not a multiaddr: %v", v, err)
	}
	comps := []ma.Component(m)
	if len(comps) < 2 {
		return "", fmt.Sprintf("%q: want a host and a port (/ip4/127.0.0.1/tcp/7600)", v)
	}
	host, transport := comps[0], comps[1]
	switch host.Protocol().Name {
	case "ip4", "ip6", "dns", "dns4", "dns6":
	default:
		return "", fmt.Sprintf("%q: starts with /%s, want /ip4, /ip6 or /dns", v, host.Protocol().Name)
	}
	if n := transport.Protocol().Name; n != "tcp" && n != "udp" {
		return "", fmt.Sprintf("%q: /%s after the host, want /tcp or /udp", v, n)
	}
	if transport.Value() == "0" {
		return "", fmt.Sprintf("%q: port 0: peers need a fixed port", v)
	}
	for _, c := range comps {
		if c.Protocol().Name == "p2p" {
			return "", fmt.Sprintf("%q: leave /p2p/ out: the peer ID is the consensus key's", v)
		}
	}
	return transport.Protocol().Name + " " + net.JoinHostPort(host.Value(), transport.Value()), ""
}

// parseAPI checks a loopback host:port and returns the endpoint it occupies.
func parseAPI(v string) (string, string) {
	ep, msg := parseIngest(v)
	if msg != "" {
		return "", msg
	}
	// The check the validator process makes (chain/validator's api.listen).
	if err := httpguard.CheckLoopback(v); err != nil {
		return "", err.Error()
	}
	return ep, ""
}

// parseIngest checks a host:port and returns the endpoint it occupies.
func parseIngest(v string) (string, string) {
	if v == "" {
		return "", "missing (127.0.0.1:7700...)"
	}
	if len(v) > maxAddrLen {
		return "", fmt.Sprintf("longer than %d bytes", maxAddrLen)
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return "", fmt.Sprintf("%q is not host:port", v)
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil || n == 0 {
		return "", fmt.Sprintf("%q: port %q is not a number from 1 to 65535", v, port)
	}
	if host == "" {
		return "", fmt.Sprintf("%q: no host", v)
	}
	return "tcp " + net.JoinHostPort(host, port), ""
}

func (s *Spec) checkValidators(p *problems) {
	switch n := len(s.Validators); {
	case n == 0:
		p.add("validators", "missing: at least one validator")
		return
	case n > MaxValidators:
		p.add("validators", fmt.Sprintf("%d validators, more than %d", n, MaxValidators))
		return
	}
	names := map[string]int{}
	keys := map[string]int{}
	addrs := map[common.Address]int{}
	endpoints := map[string]string{}
	dirs := map[string]int{}
	var total uint64
	overflow := false
	for i, v := range s.Validators {
		path := fmt.Sprintf("validators[%d]", i)
		if msg := checkMemberName(v.Name); msg != "" {
			p.add(path+".name", msg)
		} else if j, dup := names[v.Name]; dup {
			p.add(path+".name", fmt.Sprintf("%q repeats validators[%d]'s", v.Name, j))
		} else {
			names[v.Name] = i
		}
		if k, msg := parseConsensusKey(v.ConsensusKey); msg != "" {
			p.add(path+".consensus_key", msg)
		} else if j, dup := keys[string(k)]; dup {
			p.add(path+".consensus_key", fmt.Sprintf("repeats validators[%d]'s", j))
		} else {
			keys[string(k)] = i
		}
		if a, msg := parseAddress(v.SettlementAddress); msg != "" {
			p.add(path+".settlement_address", msg)
		} else if j, dup := addrs[a]; dup {
			p.add(path+".settlement_address", fmt.Sprintf("repeats validators[%d]'s", j))
		} else {
			addrs[a] = i
		}
		if v.Stake == 0 {
			p.add(path+".stake", "0: at least 1")
		} else if !overflow {
			if v.Stake > MaxTotalStake || total > MaxTotalStake-v.Stake {
				p.add(path+".stake", fmt.Sprintf("the total stake passes %d", uint64(MaxTotalStake)))
				overflow = true
			} else {
				total += v.Stake
			}
		}
		for _, a := range []struct {
			field string
			parse func(string) (string, string)
			v     string
		}{{"p2p", parseP2P, v.P2P}, {"api", parseAPI, v.API}, {"ingest", parseIngest, v.Ingest}} {
			if a.field == "ingest" && a.v == "" {
				continue // optional
			}
			ep, msg := a.parse(a.v)
			if msg != "" {
				p.add(path+"."+a.field, msg)
				continue
			}
			if other, dup := endpoints[ep]; dup {
				p.add(path+"."+a.field, fmt.Sprintf("%s is taken by %s", strings.TrimPrefix(strings.TrimPrefix(ep, "tcp "), "udp "), other))
				continue
			}
			endpoints[ep] = path + "." + a.field
		}
		if v.Dir != "" {
			clean := filepath.Clean(v.Dir)
			if !filepath.IsLocal(clean) {
				// Keys and data live there: a spec names only directories
				// under its own, so that a spec from elsewhere cannot point a
				// validator at another directory of the machine.
				p.add(path+".dir", fmt.Sprintf("%q is outside the spec's directory: want a relative path without ..", v.Dir))
			} else if j, dup := dirs[clean]; dup {
				p.add(path+".dir", fmt.Sprintf("%q is validators[%d]'s too", v.Dir, j))
			} else {
				dirs[clean] = i
			}
		}
	}
}

func (s *Spec) checkMakers(p *problems) {
	if len(s.Makers) > MaxMakers {
		p.add("makers", fmt.Sprintf("%d makers, more than %d", len(s.Makers), MaxMakers))
		return
	}
	names := map[string]int{}
	keys := map[device.ID]int{}
	for i, m := range s.Makers {
		path := fmt.Sprintf("makers[%d]", i)
		if msg := checkMemberName(m.Name); msg != "" {
			p.add(path+".name", msg)
		} else if j, dup := names[m.Name]; dup {
			p.add(path+".name", fmt.Sprintf("%q repeats makers[%d]'s", m.Name, j))
		} else {
			names[m.Name] = i
		}
		if m.Key == "" {
			p.add(path+".key", "missing: the maker's public key as a DID (did:key:z...)")
			continue
		}
		k, err := device.ParseDID(m.Key)
		if err != nil {
			p.add(path+".key", err.Error())
			continue
		}
		id := k.ID()
		if j, dup := keys[id]; dup {
			p.add(path+".key", fmt.Sprintf("repeats makers[%d]'s", j))
		} else {
			keys[id] = i
		}
	}
}

// chain.NewValidatorSet must accept every set a Spec allows (this fails to
// compile otherwise).
const _ uint = chain.MaxValidators - MaxValidators

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
