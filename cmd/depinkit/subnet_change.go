package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/subnet"
)

// changeFlags are the flags of subnet change.
type changeFlags struct {
	leave, restake string
	stake          uint64
	approveAs      []string
	list, wait     bool
	force, asJSON  bool
	timeout        time.Duration
}

func newSubnetChangeCmd() *cobra.Command {
	var f changeFlags
	cmd := &cobra.Command{
		Use:   "change SPEC (--leave NAME | --restake NAME --stake S) --approve-as VALIDATOR... | --list",
		Short: "Rotate a validator out of a running subnet (or change its stake) by the validators' approvals",
		Long: `Change the validator set of the running subnet SPEC describes, whose spec has
validator_changes = true (subnet init --validator-changes writes it).

A change is approved by validators: each --approve-as VALIDATOR (a name or a
position in the spec; "all" for every member whose directory is on this
machine) signs its approval with the consensus key in its directory and
submits it to its API (POST /txs). The first approval proposes the change in
the open epoch; once approvals hold more than 2/3 of the set's stake the
change is queued, and it takes effect when the epoch ends: the consensus
starts its next epoch with the new set, the transport disconnects a validator
that left, and that validator's "subnet node" stops ("left the validator
set"). Operators of different validators may each run the command with their
own --approve-as, within one epoch: a later run approves the change the first
one proposed.

--leave NAME removes the member NAME; --restake NAME --stake S sets its stake.
A change is refused before anything is sent when NAME is no member of the
current set, an approver is not a member or has no key here, or the members
left that answer their API would not hold a quorum of the new set (the
subnet would halt; --force sends it anyway).

It prints the approvals sent and the change's state (pending with the stake
approving it, or queued). With --wait it waits until the epoch ends and
prints the new set, or fails if the epoch ended without a quorum.

--list prints the set of the open epoch, its stake and quorum, and the
changes under way (GET /depin/validators of the first validator that
answers).`,
		Example: `  depinkit subnet change telecom/subnet.toml --list
  depinkit subnet change telecom/subnet.toml --leave v3 --approve-as v0 --approve-as v1 --approve-as v2 --wait
  depinkit subnet change telecom/subnet.toml --leave v3 --approve-as all --wait
  depinkit subnet change telecom/subnet.toml --restake v1 --stake 200 --approve-as v1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := readSpec(args[0])
			if err != nil {
				return err
			}
			if err := spec.Validate(); err != nil {
				if fes := subnet.FieldErrors(err); len(fes) > 0 {
					return fieldErrorsLine(args[0], fes)
				}
				return err
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), f.timeout)
			defer cancel()
			return runChange(ctx, cmd.OutOrStdout(), spec, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.leave, "leave", "", "remove the member `NAME` from the set")
	fl.StringVar(&f.restake, "restake", "", "change the stake of the member `NAME` (with --stake)")
	fl.Uint64Var(&f.stake, "stake", 0, "the new stake `S` of --restake")
	fl.StringArrayVar(&f.approveAs, "approve-as", nil, "approve as the validator `VALIDATOR` (name or position; \"all\"), with its key (repeatable)")
	fl.BoolVar(&f.list, "list", false, "print the set and the changes under way")
	fl.BoolVar(&f.wait, "wait", false, "wait for the epoch to end and print the new set")
	fl.BoolVar(&f.force, "force", false, "send a change even if the members that answer would not hold a quorum of the new set")
	fl.BoolVar(&f.asJSON, "json", false, "with --list: print the set as one JSON object")
	fl.DurationVar(&f.timeout, "timeout", 5*time.Minute, "give up after `D`")
	return cmd
}

// changeClient is a running subnet as subnet change sees it.
type changeClient struct {
	spec   *subnet.Spec
	remote *depin.Remote
	hc     *http.Client
}

// set returns the SetView of the first validator of the spec that answers,
// and its position.
func (c *changeClient) set(ctx context.Context) (depin.SetView, int, error) {
	var errs []error
	for i := range c.spec.Validators {
		sv, err := c.remote.Set(ctx, i)
		if err == nil {
			return sv, i, nil
		}
		errs = append(errs, err)
	}
	return depin.SetView{}, -1, fmt.Errorf("no validator answers GET %s: %w", depin.SetPath, errors.Join(errs...))
}

func runChange(ctx context.Context, w io.Writer, spec *subnet.Spec, f changeFlags) error {
	hc := &http.Client{Timeout: 5 * time.Second}
	remote, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec, HTTPClient: hc})
	if err != nil {
		return err
	}
	defer remote.Close()
	c := &changeClient{spec: spec, remote: remote, hc: hc}
	sv, from, err := c.set(ctx)
	if err != nil {
		return err
	}
	if f.list {
		if f.leave != "" || f.restake != "" || len(f.approveAs) > 0 {
			return errors.New("--list: not with a change or --approve-as")
		}
		if f.asJSON {
			return writeJSON(w, sv)
		}
		return printSet(w, spec.Validators[from].Name, sv)
	}
	if !sv.Changes {
		return fmt.Errorf("%s: validator_changes is off: the set of this subnet never changes (it is part of the genesis: set it in a new subnet's spec)", spec.Name)
	}
	change, err := changeOf(sv, f)
	if err != nil {
		return err
	}
	approvers, err := approversOf(spec, sv, f.approveAs)
	if err != nil {
		return err
	}
	if change.Kind == subnet.Leave && !f.force {
		if err := c.checkQuorumAfterLeave(ctx, sv, change); err != nil {
			return err
		}
	}

	// Approve the change already proposed in this epoch, if there is one;
	// else propose it, with a nonce no pending change of the epoch has.
	if q := findChange(sv.Queued, change); q != nil {
		fmt.Fprintf(w, "%s is queued already: it takes effect at the end of epoch %d\n", describeChange(*q), sv.Epoch)
	} else {
		if p := findChange(sv.Pending, change); p != nil {
			change.Nonce = p.Nonce
		} else {
			for _, p := range slices.Concat(sv.Pending, sv.Queued) {
				change.Nonce = max(change.Nonce, p.Nonce+1)
			}
		}
		for _, a := range approvers {
			if err := c.approve(ctx, a, change); err != nil {
				return err
			}
			fmt.Fprintf(w, "approved %s as %s (stake %d)\n", describe(change, sv), spec.Validators[a].Name, spec.Validators[a].Stake)
		}
	}
	return c.follow(ctx, w, sv, change, f.wait)
}

// changeOf returns the change the flags ask for, in the open epoch of sv.
func changeOf(sv depin.SetView, f changeFlags) (subnet.Change, error) {
	member := func(flag, name string) (depin.MemberView, error) {
		for _, m := range sv.Validators {
			if m.Name == name {
				return m, nil
			}
		}
		names := make([]string, len(sv.Validators))
		for i, m := range sv.Validators {
			names[i] = m.Name
		}
		return depin.MemberView{}, fmt.Errorf("%s %q: no member of the validator set of epoch %d has that name (members: %s)", flag, name, sv.Epoch, strings.Join(names, ", "))
	}
	var ch subnet.Change
	var name string
	switch {
	case f.leave != "" && f.restake != "":
		return ch, errors.New("--leave and --restake: one change at a time")
	case f.leave != "":
		if f.stake != 0 {
			return ch, errors.New("--stake: only with --restake")
		}
		ch.Kind, name = subnet.Leave, f.leave
		if len(sv.Validators) == 1 {
			return ch, fmt.Errorf("--leave %q: it is the only member: the set cannot be empty", f.leave)
		}
	case f.restake != "":
		if f.stake == 0 {
			return ch, fmt.Errorf("--stake: missing or 0 for --restake %q (to remove a member, --leave it)", f.restake)
		}
		ch.Kind, name = subnet.Restake, f.restake
		ch.Member.Stake = f.stake
	default:
		return ch, errors.New("no change: give --leave NAME or --restake NAME --stake S (or --list)")
	}
	flag := "--leave"
	if ch.Kind == subnet.Restake {
		flag = "--restake"
	}
	m, err := member(flag, name)
	if err != nil {
		return ch, err
	}
	key, err := hex.DecodeString(m.Key)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return ch, fmt.Errorf("member %q: bad key %q in the validator's answer", m.Name, m.Key)
	}
	ch.Member.Key, ch.Epoch = key, sv.Epoch
	return ch, nil
}

// approversOf returns the positions in spec.Validators of the approvers
// named, each a member of the set with its key here.
func approversOf(spec *subnet.Spec, sv depin.SetView, names []string) ([]int, error) {
	if len(names) == 0 {
		return nil, errors.New("--approve-as: missing: name the validators that approve (their keys are read from their directories)")
	}
	inSet := func(i int) bool {
		k := strings.TrimPrefix(strings.ToLower(spec.Validators[i].ConsensusKey), "0x")
		return slices.ContainsFunc(sv.Validators, func(m depin.MemberView) bool { return m.Key == k })
	}
	var out []int
	for _, name := range names {
		if name == "all" {
			for i := range spec.Validators {
				if inSet(i) && spec.ValidatorDir(i) != "" && fileExists(spec.ValidatorDir(i)) && !slices.Contains(out, i) {
					out = append(out, i)
				}
			}
			if len(out) == 0 {
				return nil, errors.New("--approve-as all: no member of the set has its directory on this machine")
			}
			continue
		}
		i, err := validatorIndex(spec, name)
		if err != nil {
			return nil, fmt.Errorf("--approve-as %q: no validator of that name or position in the spec", name)
		}
		if !inSet(i) {
			return nil, fmt.Errorf("--approve-as %q: not a member of the validator set of epoch %d: it cannot approve", name, sv.Epoch)
		}
		if _, err := spec.LoadKeys(i); err != nil {
			return nil, fmt.Errorf("--approve-as %q: %w", name, err)
		}
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out, nil
}

// checkQuorumAfterLeave refuses a leave after which the members that answer
// their API now would not hold a quorum of the new set.
func (c *changeClient) checkQuorumAfterLeave(ctx context.Context, sv depin.SetView, ch subnet.Change) error {
	key := hex.EncodeToString(ch.Member.Key)
	var total, live uint64
	var down []string
	for _, m := range sv.Validators {
		if m.Key == key {
			continue
		}
		total += m.Stake
		if _, err := validator.NewClient(m.API, c.hc).Status(ctx); err != nil {
			down = append(down, m.Name)
			continue
		}
		live += m.Stake
	}
	if quorum := 2*total/3 + 1; live < quorum {
		return fmt.Errorf("--leave: the members left that answer hold stake %d, less than the %d the new set needs to commit (down: %s): the subnet would halt; bring them up first, or pass --force",
			live, quorum, strings.Join(down, ", "))
	}
	return nil
}

// approve signs validator i's approval and submits it to its API, or, if
// that does not answer, to another member's.
func (c *changeClient) approve(ctx context.Context, i int, ch subnet.Change) error {
	keys, err := c.spec.LoadKeys(i)
	if err != nil {
		return err
	}
	var errs []error
	for k := range c.spec.Validators {
		j := (i + k) % len(c.spec.Validators)
		err := c.remote.Approve(ctx, j, keys.ConsensusKey(), ch)
		if err == nil {
			return nil
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("approval of %s: %w", c.spec.Validators[i].Name, errors.Join(errs...))
}

// follow waits until the change shows in the set's state and prints it;
// with wait, until the epoch ends, and prints the new set.
func (c *changeClient) follow(ctx context.Context, w io.Writer, before depin.SetView, ch subnet.Change, wait bool) error {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	shown := ""
	for {
		sv, from, err := c.set(ctx)
		switch {
		case err != nil:
		case sv.Epoch > before.Epoch:
			if applied(sv, before, ch) {
				fmt.Fprintf(w, "epoch %d ended: %s took effect\n", before.Epoch, describe(ch, before))
				return printSet(w, c.spec.Validators[from].Name, sv)
			}
			return fmt.Errorf("epoch %d ended before validators with a quorum of the stake approved %s: approve it again (more --approve-as) in epoch %d", before.Epoch, describe(ch, before), sv.Epoch)
		default:
			state := ""
			if q := findChange(sv.Queued, ch); q != nil {
				state = fmt.Sprintf("%s: queued (approved by a quorum); it takes effect at the end of epoch %d", describe(ch, before), sv.Epoch)
			} else if p := findChange(sv.Pending, ch); p != nil {
				state = fmt.Sprintf("%s: pending, approved by stake %d of the %d needed (total %d)", describe(ch, before), p.Approved, sv.QuorumStake, sv.TotalStake)
			}
			if state != "" && state != shown {
				fmt.Fprintln(w, state)
				shown = state
				if !wait {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			if shown == "" {
				return fmt.Errorf("%s: not seen committed: %w", describe(ch, before), ctx.Err())
			}
			return fmt.Errorf("waiting for the end of epoch %d: %w", before.Epoch, ctx.Err())
		case <-t.C:
		}
	}
}

// applied reports whether ch shows in the set sv of the epoch after before's.
func applied(sv, before depin.SetView, ch subnet.Change) bool {
	key := hex.EncodeToString(ch.Member.Key)
	i := slices.IndexFunc(sv.Validators, func(m depin.MemberView) bool { return m.Key == key })
	switch ch.Kind {
	case subnet.Leave:
		return i < 0
	case subnet.Restake:
		return i >= 0 && sv.Validators[i].Stake == ch.Member.Stake
	}
	return false
}

// findChange returns the change of views that is ch but for its nonce.
func findChange(views []depin.ChangeView, ch subnet.Change) *depin.ChangeView {
	for i, v := range views {
		got, err := v.Change()
		if err != nil {
			continue
		}
		got.Nonce = ch.Nonce
		if got.Kind == ch.Kind && got.Epoch == ch.Epoch && got.Member.Key.Equal(ch.Member.Key) && got.Member.Stake == ch.Member.Stake {
			return &views[i]
		}
	}
	return nil
}

// describe names a change by its member's name in sv.
func describe(ch subnet.Change, sv depin.SetView) string {
	key := hex.EncodeToString(ch.Member.Key)
	name := key[:16]
	for _, m := range sv.Validators {
		if m.Key == key {
			name = m.Name
		}
	}
	if ch.Kind == subnet.Restake {
		return fmt.Sprintf("stake %s %d", name, ch.Member.Stake)
	}
	return fmt.Sprintf("%s %s", ch.Kind, name)
}

func describeChange(v depin.ChangeView) string {
	if v.Kind == subnet.Restake.String() {
		return fmt.Sprintf("stake %s %d", v.Name, v.Stake)
	}
	return v.Kind + " " + v.Name
}

// printSet prints a SetView as subnet change --list and subnet status do.
func printSet(w io.Writer, from string, sv depin.SetView) error {
	fmt.Fprintf(w, "validator set of epoch %d (as %s sees it): %d members, stake %d, a change needs %d\n", sv.Epoch, from, len(sv.Validators), sv.TotalStake, sv.QuorumStake)
	for _, m := range sv.Validators {
		fmt.Fprintf(w, "  %-8s stake %-6d key %.16s  p2p %s  api %s\n", m.Name, m.Stake, m.Key, m.P2P, m.API)
	}
	if !sv.Changes {
		_, err := fmt.Fprintln(w, "validator changes: off (validator_changes in the spec)")
		return err
	}
	if len(sv.Queued)+len(sv.Pending) == 0 {
		_, err := fmt.Fprintln(w, "changes: none under way")
		return err
	}
	for _, q := range sv.Queued {
		fmt.Fprintf(w, "change %s: queued, takes effect at the end of epoch %d\n", describeChange(q), sv.Epoch)
	}
	for _, p := range sv.Pending {
		fmt.Fprintf(w, "change %s: pending, approved by stake %d of the %d needed\n", describeChange(p), p.Approved, sv.QuorumStake)
	}
	return nil
}
