package reward

import (
	"bytes"
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Multiplier is a named rational factor of a contributor's score: a quality
// tier, a location-trust factor, a hex density scale.
type Multiplier struct {
	Name  string
	Value *big.Rat
	// Note says where the value comes from, for explanations (optional).
	Note string
}

// Contribution is one contributor's work in an epoch: its score is Units times
// every multiplier.
type Contribution struct {
	Contributor string
	Units       *big.Int
	Multipliers []Multiplier
	// Cap, if not nil, bounds the contributor's payout; the excess goes to the
	// others in proportion to their scores.
	Cap *big.Int
}

// Payout is what one contributor is paid.
type Payout struct {
	Contributor string
	Amount      *big.Int
}

// Distribution is the exact division of a pool among contributions: the sum of
// the payouts plus Unallocated equals the pool, to the base unit.
type Distribution struct {
	rounding    Rounding
	pool        *big.Int
	unallocated *big.Int
	shared      *big.Int // the part of the pool shared by score, after caps
	total       *big.Rat // the scores sharing it
	totalN      *big.Int // the same over the common denominator
	entries     []entry  // sorted by contributor
}

type entry struct {
	c         Contribution
	score     *big.Rat
	n         *big.Int // score over the common denominator
	amount    *big.Int
	shared    bool     // took part in the proportional share
	floor     *big.Int // floor of the exact share
	rem       *big.Int // what the floor dropped, over totalN
	roundedUp bool
	capped    bool
}

// Distribute divides pool among the contributions by score (Units times all
// multipliers), exactly:
//
//  1. A contributor whose proportional share would pass its Cap gets the Cap;
//     the excess is shared among the others (repeated until no share passes a
//     cap).
//  2. The rest of the pool is shared by score: each gets the floor of its exact
//     share, and the base units left over go one each to the largest fractional
//     remainders (ties: contributor names in byte order).
//  3. Whatever no one can take (every score zero, or every contributor capped)
//     is Unallocated.
//
// Zero scores get zero. The result does not depend on the order of contributions.
// It is DistributeWith with the zero DistributeOptions (LargestRemainder).
func Distribute(pool *big.Int, contributions []Contribution) (*Distribution, error) {
	return DistributeWith(pool, contributions, DistributeOptions{})
}

// Rounding is how a distribution treats the base units that the floors of
// the exact shares leave over (fewer than one per contributor).
type Rounding uint8

// The roundings.
const (
	// LargestRemainder gives the leftover units one each to the largest
	// fractional remainders (ties by contributor name): every base unit of
	// the pool is paid. depinkit's default.
	LargestRemainder Rounding = iota
	// Truncate pays each contributor the floor of its exact share and leaves
	// the leftover units Unallocated, as Helium's oracles do
	// (helium/oracles iot_verifier/src/reward_share.rs @824f7724,
	// compute_rewards: trunc(per_share × shares); its tests count the few
	// bones left unallocated).
	Truncate
)

// String returns "largest-remainder" or "truncate".
func (r Rounding) String() string {
	switch r {
	case LargestRemainder:
		return "largest-remainder"
	case Truncate:
		return "truncate"
	}
	return fmt.Sprintf("rounding(%d)", uint8(r))
}

// DistributeOptions tune DistributeWith. The zero value is Distribute's rule.
type DistributeOptions struct {
	// Rounding of the leftover base units; default LargestRemainder.
	Rounding Rounding
}

// DistributeWith is Distribute with options: with Rounding Truncate, step 2
// stops at the floors and the leftover units join Unallocated, so that
// payouts plus Unallocated still equal the pool.
func DistributeWith(pool *big.Int, contributions []Contribution, opts DistributeOptions) (*Distribution, error) {
	if opts.Rounding > Truncate {
		return nil, fmt.Errorf("%w: rounding %d", ErrInvalidParameter, uint8(opts.Rounding))
	}
	if err := checkAmount("pool", pool); err != nil {
		return nil, err
	}
	d := &Distribution{rounding: opts.Rounding, pool: new(big.Int).Set(pool), entries: make([]entry, len(contributions))}
	for i, c := range contributions {
		if c.Contributor == "" {
			return nil, fmt.Errorf("%w: contributions[%d].contributor is empty", ErrInvalidParameter, i)
		}
		if err := checkAmount(fmt.Sprintf("contributions[%d].units", i), c.Units); err != nil {
			return nil, err
		}
		score := new(big.Rat).SetInt(c.Units)
		for j, m := range c.Multipliers {
			if m.Value == nil {
				return nil, fmt.Errorf("%w: contributions[%d].multipliers[%d] (%s) has no value", ErrInvalidParameter, i, j, m.Name)
			}
			if m.Value.Sign() < 0 {
				return nil, fmt.Errorf("%w: contributions[%d].multipliers[%d] (%s) is %s", ErrNegative, i, j, m.Name, m.Value.RatString())
			}
			score.Mul(score, m.Value)
		}
		if c.Cap != nil {
			if err := checkAmount(fmt.Sprintf("contributions[%d].cap", i), c.Cap); err != nil {
				return nil, err
			}
		}
		d.entries[i] = entry{c: cloneContribution(c), score: score, amount: new(big.Int)}
	}
	slices.SortFunc(d.entries, func(a, b entry) int { return strings.Compare(a.c.Contributor, b.c.Contributor) })
	for i := 1; i < len(d.entries); i++ {
		if d.entries[i].c.Contributor == d.entries[i-1].c.Contributor {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateContributor, d.entries[i].c.Contributor)
		}
	}

	// Put every score over one common denominator, so that the rest is integer
	// arithmetic: score_i = n_i / D.
	denom := big.NewInt(1)
	gcd := new(big.Int)
	for i := range d.entries {
		b := d.entries[i].score.Denom()
		if b.Cmp(denom) != 0 {
			gcd.GCD(nil, nil, denom, b)
			denom.Mul(denom, new(big.Int).Quo(b, gcd))
		}
	}
	for i := range d.entries {
		e := &d.entries[i]
		e.n = new(big.Int).Mul(e.score.Num(), new(big.Int).Quo(denom, e.score.Denom()))
	}

	// 1. Caps, by water-filling: while some share R*n_i/N passes its cap, pay that
	// contributor its cap and share the rest among the others.
	remaining := new(big.Int).Set(pool)
	active := make([]int, 0, len(d.entries))
	for i := range d.entries {
		if d.entries[i].n.Sign() > 0 {
			active = append(active, i)
		}
	}
	total := new(big.Int)
	lhs, rhs := new(big.Int), new(big.Int)
	for {
		total.SetInt64(0)
		for _, i := range active {
			total.Add(total, d.entries[i].n)
		}
		if total.Sign() == 0 {
			break
		}
		kept := make([]int, 0, len(active))
		paid := new(big.Int)
		for _, i := range active {
			e := &d.entries[i]
			if e.c.Cap != nil && lhs.Mul(remaining, e.n).Cmp(rhs.Mul(e.c.Cap, total)) > 0 {
				e.capped = true
				e.amount.Set(e.c.Cap)
				paid.Add(paid, e.amount)
				continue
			}
			kept = append(kept, i)
		}
		if len(kept) == len(active) {
			break
		}
		remaining.Sub(remaining, paid)
		active = kept
	}

	// 2. Largest remainder over what is left: floor(R*n_i/N), then one unit each
	// to the largest remainders (R*n_i mod N), ties by contributor.
	d.shared = new(big.Int).Set(remaining)
	d.total = new(big.Rat).SetFrac(total, denom)
	d.totalN = new(big.Int).Set(total)
	if total.Sign() == 0 {
		d.unallocated = remaining
		return d, nil
	}
	given := new(big.Int)
	for _, i := range active {
		e := &d.entries[i]
		e.floor, e.rem = new(big.Int).QuoRem(new(big.Int).Mul(remaining, e.n), total, new(big.Int))
		e.amount.Set(e.floor)
		e.shared = true
		given.Add(given, e.floor)
	}
	left := new(big.Int).Sub(remaining, given)
	if d.rounding == Truncate {
		d.unallocated = left
		return d, nil
	}
	slices.SortFunc(active, func(a, b int) int {
		if c := d.entries[b].rem.Cmp(d.entries[a].rem); c != 0 {
			return c
		}
		return cmp.Compare(d.entries[a].c.Contributor, d.entries[b].c.Contributor)
	})
	one := big.NewInt(1)
	for k := 0; left.Sign() > 0 && k < len(active); k++ {
		e := &d.entries[active[k]]
		e.amount.Add(e.amount, one)
		e.roundedUp = true
		left.Sub(left, one)
	}
	d.unallocated = left // zero: the remainders sum to what was left
	return d, nil
}

func cloneContribution(c Contribution) Contribution {
	out := Contribution{Contributor: c.Contributor, Units: new(big.Int).Set(c.Units)}
	for _, m := range c.Multipliers {
		out.Multipliers = append(out.Multipliers, Multiplier{Name: m.Name, Value: new(big.Rat).Set(m.Value), Note: m.Note})
	}
	if c.Cap != nil {
		out.Cap = new(big.Int).Set(c.Cap)
	}
	return out
}

// Rounding returns the rounding the distribution used.
func (d *Distribution) Rounding() Rounding { return d.rounding }

// Pool returns the pool that was divided.
func (d *Distribution) Pool() *big.Int { return new(big.Int).Set(d.pool) }

// Unallocated returns the part of the pool no one could take (with Truncate,
// also the units the floors left over).
func (d *Distribution) Unallocated() *big.Int { return new(big.Int).Set(d.unallocated) }

// Payouts returns every contributor's payout, zero ones included, sorted by
// contributor.
func (d *Distribution) Payouts() []Payout {
	out := make([]Payout, len(d.entries))
	for i, e := range d.entries {
		out[i] = Payout{Contributor: e.c.Contributor, Amount: new(big.Int).Set(e.amount)}
	}
	return out
}

// Amount returns one contributor's payout.
func (d *Distribution) Amount(contributor string) (*big.Int, error) {
	e, err := d.find(contributor)
	if err != nil {
		return nil, err
	}
	return new(big.Int).Set(e.amount), nil
}

// Total returns the sum of the payouts (the pool less Unallocated).
func (d *Distribution) Total() *big.Int {
	sum := new(big.Int)
	for _, e := range d.entries {
		sum.Add(sum, e.amount)
	}
	return sum
}

func (d *Distribution) find(contributor string) (*entry, error) {
	i, ok := slices.BinarySearchFunc(d.entries, contributor, func(e entry, c string) int { return strings.Compare(e.c.Contributor, c) })
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownContributor, contributor)
	}
	return &d.entries[i], nil
}

// Explanation says how a contributor's payout came about: its inputs, every
// multiplier, its share of the pool, and the rounding.
type Explanation struct {
	Contributor string
	Units       *big.Int
	Multipliers []Multiplier
	Score       *big.Rat
	// Capped: the payout is the contributor's Cap.
	Capped bool
	Cap    *big.Int
	// Shared is the pool shared by score (after capped contributors were paid)
	// and TotalScore the scores sharing it; Exact is Shared*Score/TotalScore.
	Shared     *big.Int
	TotalScore *big.Rat
	Exact      *big.Rat
	// Floor is Exact rounded down; RoundedUp says a leftover base unit was added.
	Floor     *big.Int
	RoundedUp bool
	Amount    *big.Int
	// Reason says, in words, why the payout is what it is (why zero, above all).
	Reason string
}

// Explain returns the explanation of a contributor's payout.
func (d *Distribution) Explain(contributor string) (Explanation, error) {
	e, err := d.find(contributor)
	if err != nil {
		return Explanation{}, err
	}
	x := Explanation{
		Contributor: e.c.Contributor,
		Units:       new(big.Int).Set(e.c.Units),
		Multipliers: cloneContribution(e.c).Multipliers,
		Score:       new(big.Rat).Set(e.score),
		Capped:      e.capped,
		Shared:      new(big.Int).Set(d.shared),
		TotalScore:  new(big.Rat).Set(d.total),
		RoundedUp:   e.roundedUp,
		Amount:      new(big.Int).Set(e.amount),
	}
	if e.c.Cap != nil {
		x.Cap = new(big.Int).Set(e.c.Cap)
	}
	if e.shared {
		x.Exact = new(big.Rat).SetFrac(new(big.Int).Mul(d.shared, e.n), d.totalN)
		x.Floor = new(big.Int).Set(e.floor)
	}
	x.Reason = reason(e, d)
	return x, nil
}

func reason(e *entry, d *Distribution) string {
	switch {
	case e.c.Units.Sign() == 0:
		return "no work units in the epoch"
	case e.score.Sign() == 0:
		var zero []string
		for _, m := range e.c.Multipliers {
			if m.Value.Sign() == 0 {
				s := m.Name
				if m.Note != "" {
					s += " (" + m.Note + ")"
				}
				zero = append(zero, s)
			}
		}
		return "score is zero: multiplier " + strings.Join(zero, ", ") + " is 0"
	case e.capped:
		return "share above the cap: paid the cap, the excess went to the others"
	case d.shared.Sign() == 0:
		return "nothing left to share (the pool is 0, or capped contributors took it)"
	case e.amount.Sign() == 0 && d.rounding == Truncate:
		return "share below one base unit, truncated to zero"
	case e.amount.Sign() == 0:
		return "share below one base unit, and no leftover unit came its way"
	case d.rounding == Truncate:
		return "proportional share, truncated (leftover base units stay unallocated)"
	case e.roundedUp:
		return "proportional share, rounded down, plus one leftover base unit (largest remainder)"
	}
	return "proportional share, rounded down"
}

// String renders the explanation for people, one fact per line.
func (x Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "contributor %s\n", x.Contributor)
	fmt.Fprintf(&b, "  units        %s\n", x.Units)
	for _, m := range x.Multipliers {
		fmt.Fprintf(&b, "  × %-11s %s", m.Name, m.Value.RatString())
		if m.Note != "" {
			fmt.Fprintf(&b, "  (%s)", m.Note)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "  = score      %s\n", x.Score.RatString())
	if x.Capped {
		fmt.Fprintf(&b, "  capped at    %s\n", x.Cap)
	} else if x.Exact != nil {
		fmt.Fprintf(&b, "  share        %s × %s / %s = %s\n", x.Shared, x.Score.RatString(), x.TotalScore.RatString(), x.Exact.FloatString(6))
		fmt.Fprintf(&b, "  rounded down %s", x.Floor)
		if x.RoundedUp {
			b.WriteString(" + 1 (largest remainder)")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "  payout       %s\n", x.Amount)
	fmt.Fprintf(&b, "  why          %s\n", x.Reason)
	return b.String()
}

// Claims turns the payouts into Merkle claims. addressOf maps a contributor to
// the EVM address it is paid at (a device to its owner, say); payouts to one
// address are summed, and zero payouts left out. Claims are sorted by address.
func (d *Distribution) Claims(addressOf func(contributor string) (common.Address, error)) ([]Claim, error) {
	sums := map[common.Address]*big.Int{}
	for _, e := range d.entries {
		if e.amount.Sign() == 0 {
			continue
		}
		addr, err := addressOf(e.c.Contributor)
		if err != nil {
			return nil, fmt.Errorf("reward: address of %q: %w", e.c.Contributor, err)
		}
		if s := sums[addr]; s != nil {
			s.Add(s, e.amount)
		} else {
			sums[addr] = new(big.Int).Set(e.amount)
		}
	}
	claims := make([]Claim, 0, len(sums))
	for addr, amount := range sums {
		claims = append(claims, Claim{Address: addr, Amount: amount})
	}
	slices.SortFunc(claims, func(a, b Claim) int { return bytes.Compare(a.Address[:], b.Address[:]) })
	return claims, nil
}

// MerkleTree builds the claims tree of the payouts (see Claims): its root is
// what a RewardDistributor contract is given for the epoch.
func (d *Distribution) MerkleTree(addressOf func(contributor string) (common.Address, error)) (*MerkleTree, error) {
	claims, err := d.Claims(addressOf)
	if err != nil {
		return nil, err
	}
	return NewMerkleTree(claims)
}
