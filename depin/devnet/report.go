package devnet

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// Report prints a Result: a header, the per-epoch table (envelopes, accepted,
// rejected, emission, paid, unallocated, claims, root, settlement gas,
// agreement), each epoch's rejections by reason, payouts by pool and roots,
// the top earners, the explanations, the on-chain claim and the last
// checkpoint. Its hooks let an example print its vertical's own lines; every
// nil hook has a plain default.
//
// In a paced run everything it prints follows from the workload's seed but
// the lines and columns that measure the run itself: durations, settlement
// gas, and the checkpoint's height, state root and commit digest, which
// depend on the consensus' blocks (see the package documentation).
type Report struct {
	// Header prints the first lines, up to and including a blank line.
	// Default: the validators, devices, epochs and mode, and the
	// provisioning and setup times.
	Header func(w io.Writer, r *Result)
	// Epoch prints the rest of the line "epoch N:" (from a space, with its
	// newline) and any lines of its own. Default: the envelopes submitted.
	Epoch func(w io.Writer, e *EpochResult)
	// Extra prints after the top earners (a table of the vertical's own).
	Extra func(w io.Writer, r *Result)
	// Kind names an explained device ("liar"). Default "device".
	Kind func(id device.ID) string
	// Decimals of the reward token: amounts print as whole tokens with
	// this many decimals. Default 8.
	Decimals int
	// TopEarners is how many earners to print. Default 10.
	TopEarners int
}

// Tokens formats base units as tokens with decimals decimals.
func Tokens(v *big.Int, decimals int) string {
	if v == nil {
		return "-"
	}
	r := new(big.Rat).SetFrac(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil))
	return r.FloatString(decimals)
}

// Short returns the first 12 characters of s.
func Short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// ClaimRejections counts an epoch's rejected envelopes and claims, leaving
// out validators' transactions and registrations (reasons with a colon:
// "vote:...", "register:...").
func ClaimRejections(s depin.EpochSummary) uint64 {
	var n uint64
	for _, r := range s.Rejected {
		if !strings.Contains(r.Reason, ":") {
			n += r.Count
		}
	}
	return n
}

// WithoutRunFacts returns a report Write printed without what measures the
// run itself rather than follows from the workload: the durations (the
// provisioning line, "(proved in ...)", "done in"), the settlement gas
// column (how many validators' signatures the posted root carries depends
// on timing, and the checkpoint's bytes on the consensus' blocks) and the
// checkpoint's height, state root and commit digest. Table rows are
// rewritten with single spaces, since the gas column's width moves the
// alignment. Two paced runs of one workload with one seed give the same
// WithoutRunFacts of their reports.
func WithoutRunFacts(report string) string {
	var out []string
	table := false
	for _, l := range strings.Split(report, "\n") {
		f := strings.Fields(l)
		switch {
		case strings.HasPrefix(l, "provisioned "), strings.HasPrefix(l, "done in "):
			continue
		case len(f) > 0 && f[0] == "epoch" && strings.Contains(l, "settle gas"):
			table = true
			l = strings.Join(f, " ")
		case table && len(f) == 11: // the gas is the 10th of 11 columns
			l = strings.Join(append(f[:9:9], f[10]), " ")
		case strings.HasPrefix(l, "checkpoint on the parent chain:"):
			l, _, _ = strings.Cut(l, ", height")
		default:
			table = false
			if i := strings.Index(l, "(proved in "); i >= 0 {
				l = l[:i]
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// Write prints r to w.
func (rp Report) Write(w io.Writer, r *Result) {
	dec := rp.Decimals
	if dec == 0 {
		dec = 8
	}
	tokens := func(v *big.Int) string { return Tokens(v, dec) }
	if rp.Header != nil {
		rp.Header(w, r)
	} else {
		mode := "paced"
		if r.Realtime {
			mode = "realtime"
		}
		fmt.Fprintf(w, "devnet: %d validators, %d devices, %d epochs of %v (%s)\n", r.Validators, r.Devices, len(r.Epochs), r.EpochDuration, mode)
		fmt.Fprintf(w, "provisioned %d devices in %v; setup took %v\n\n", r.Devices, r.ProvisionTime.Round(time.Millisecond), r.SetupTime.Round(time.Millisecond))
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "epoch\tenvelopes\taccepted\trejected\temission\tpaid\tunallocated\tclaims\troot\tsettle gas\tagree\t")
	for _, e := range r.Epochs {
		s := e.Summary
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%s\t%s\t%s\t%d\t%s\t%d\t%v\t\n", s.Epoch, e.Submitted, s.Accepted, ClaimRejections(s),
			tokens(s.Emission), tokens(s.Paid), tokens(s.Unallocated), s.Claims, Short(s.Root.Hex()), e.SettlementGas, e.Agree)
	}
	tw.Flush()
	fmt.Fprintln(w, "\n(accepted counts envelopes accepted at ingest; reports the vertical judged invalid at scoring are also counted in rejected)")
	for i := range r.Epochs {
		e := &r.Epochs[i]
		fmt.Fprintf(w, "\nepoch %d:", e.Summary.Epoch)
		if rp.Epoch != nil {
			rp.Epoch(w, e)
		} else {
			fmt.Fprintf(w, " %d envelopes submitted\n", e.Submitted)
		}
		var rs []string
		for _, rc := range e.Summary.Rejected {
			if strings.Contains(rc.Reason, ":") { // votes and registrations, not claims
				continue
			}
			rs = append(rs, fmt.Sprintf("%s %d", rc.Reason, rc.Count))
		}
		if len(rs) > 0 {
			fmt.Fprintf(w, "  rejected: %s\n", strings.Join(rs, ", "))
		}
		pools := map[string]*big.Int{}
		var order []string
		for _, p := range e.Payouts {
			if pools[p.Pool] == nil {
				pools[p.Pool] = new(big.Int)
				order = append(order, p.Pool)
			}
			pools[p.Pool].Add(pools[p.Pool], p.Amount)
		}
		var ps []string
		for _, name := range order {
			ps = append(ps, fmt.Sprintf("%s %s", name, tokens(pools[name])))
		}
		fmt.Fprintf(w, "  paid by pool: %s\n", strings.Join(ps, ", "))
		fmt.Fprintf(w, "  roots: %d validators, all %s\n", len(e.Roots), Short(e.Summary.Root.Hex()))
	}

	fmt.Fprintln(w, "\ntop earners over the run:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tcontributor\tkind\towner\ttokens")
	top := rp.TopEarners
	if top == 0 {
		top = 10
	}
	for i, e := range r.Top {
		if i == top {
			break
		}
		owner := "-"
		if e.Owner != ([20]byte{}) {
			owner = e.Owner.Hex()
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", i+1, Short(e.ID), e.Kind, owner, tokens(e.Amount))
	}
	tw.Flush()
	if rp.Extra != nil {
		rp.Extra(w, r)
	}

	for _, x := range r.Explanations {
		kind := "device"
		if rp.Kind != nil {
			kind = rp.Kind(x.Device)
		}
		fmt.Fprintf(w, "\nwhy did %s %s earn nothing in epoch %d? (Explain on validator %d)\n%s", kind, Short(x.Device.String()), x.Epoch, 1%max(r.Validators, 1), x.String())
	}

	if c := r.Claim; c.Payout != nil {
		delta := new(big.Int).Sub(c.After, c.Before)
		fmt.Fprintf(w, "\non-chain claim: owner %s of %s %s claims epoch %d\n", c.Account.Hex(), c.Noun, Short(c.Contributor), c.Epoch)
		fmt.Fprintf(w, "  payout %s, balance %s -> %s (delta %s, equals payout: %v), gas %d\n",
			tokens(c.Payout), tokens(c.Before), tokens(c.After), tokens(delta), delta.Cmp(c.Payout) == 0, c.Gas)
	}
	if n := len(r.Epochs); n > 0 {
		cp := r.Epochs[n-1].Checkpoint
		fmt.Fprintf(w, "\ncheckpoint on the parent chain: subnet %x… epoch %d, height %d, state root %s, commit %s\n",
			cp.Subnet[:6], cp.Epoch, cp.Height, cp.StateRoot.Hex(), cp.CommitDigest.Hex())
	}
	fmt.Fprintf(w, "\ndone in %v\n", r.Elapsed.Round(time.Millisecond))
}
