package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/subnet"
)

// upProc is a "subnet up" process of a test.
type upProc struct {
	cmd    *exec.Cmd
	log    string
	exited chan error
}

func startUp(t *testing.T, spec string) *upProc {
	t.Helper()
	up := exec.Command(os.Args[0], "subnet", "up", spec)
	up.Env = append(os.Environ(), asCLI+"=1")
	f, err := os.CreateTemp(t.TempDir(), "up-*.log")
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	up.Stdout, up.Stderr = f, f
	require.NoError(t, up.Start())
	p := &upProc{cmd: up, log: f.Name(), exited: make(chan error, 1)}
	go func() { p.exited <- up.Wait() }()
	t.Cleanup(func() {
		if up.ProcessState == nil {
			_ = up.Process.Signal(syscall.SIGTERM)
			select {
			case <-p.exited:
			case <-time.After(30 * time.Second):
				_ = up.Process.Kill()
			}
		}
	})
	return p
}

// stop sends SIGTERM and requires a clean exit.
func (p *upProc) stop(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-p.exited:
		log, _ := os.ReadFile(p.log)
		require.NoError(t, err, "%s", log)
	case <-time.After(60 * time.Second):
		t.Fatal("subnet up did not stop 60s after SIGTERM")
	}
}

// waitStatus polls subnet status --json until ok holds.
func (p *upProc) waitStatus(t *testing.T, spec string, within time.Duration, ok func(subnetStatus) bool) subnetStatus {
	t.Helper()
	var st subnetStatus
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.exited:
			log, _ := os.ReadFile(p.log)
			t.Fatalf("subnet up exited: %v\n%s", err, log)
		case <-time.After(300 * time.Millisecond):
		}
		r := runCLI(t, nil, "subnet", "status", spec, "--json")
		st = subnetStatus{}
		if r.code == 0 && json.Unmarshal([]byte(r.stdout), &st) == nil && ok(st) {
			return st
		}
	}
	t.Fatalf("subnet status never as wanted: %+v", st)
	return st
}

// TestSubnetChangeRotateOut follows docs/operations.md §5 with real
// processes: subnet init --validator-changes, subnet up (the embedded parent
// chain and four validator processes over libp2p with pebble stores), then
// subnet change --leave v3 approved by v0, v1 and v2. At the end of the
// epoch the three commit in consensus epoch 1 with two peers each, v3 has
// left (its process waits, up keeps running) and subnet status shows the
// set of three; a later epoch, signed by the three, settles on the parent
// chain. Then up stops and starts again: the three resume in epoch 1
// and commit, v3 stays out.
func TestSubnetChangeRotateOut(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("starts five processes, twice")
	}
	dir := filepath.Join(t.TempDir(), "telecom")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "4",
		"--validator-changes", "--epoch-duration", "5s", "--out", dir))
	spec := filepath.Join(dir, subnet.SpecFile)
	requireOK(t, runCLI(t, nil, "subnet", "validate", spec))
	up := startUp(t, spec)
	up.waitStatus(t, spec, 90*time.Second, func(st subnetStatus) bool {
		ok := len(st.Validators) == 4 && st.Set != nil
		for _, v := range st.Validators {
			ok = ok && v.Chain != nil && v.Subnet != nil && v.Chain.Peers == 3 && v.Chain.Height > 5
		}
		return ok
	})

	// Refusals name the offending flag, and send nothing.
	requireFailure(t, runCLI(t, nil, "subnet", "change", spec, "--leave", "v9", "--approve-as", "v0"), `--leave "v9"`, "members: v")
	requireFailure(t, runCLI(t, nil, "subnet", "change", spec, "--leave", "v3", "--approve-as", "x"), `--approve-as "x"`)
	requireFailure(t, runCLI(t, nil, "subnet", "change", spec, "--leave", "v3"), "--approve-as: missing")
	requireFailure(t, runCLI(t, nil, "subnet", "change", spec, "--restake", "v1", "--approve-as", "v1"), "--stake: missing")
	r := runCLI(t, nil, "subnet", "change", spec, "--list")
	requireOK(t, r)
	require.Contains(t, r.stdout, "4 members, stake 400, a change needs 267")
	require.Contains(t, r.stdout, "changes: none under way")

	// v0, v1 and v2 approve; if the epoch ends before their approvals
	// commit, they approve again in the next.
	var out string
	for try := 0; ; try++ {
		require.Less(t, try, 4, "the leave never took effect: %s", out)
		r = runCLI(t, nil, "subnet", "change", spec, "--leave", "v3", "--approve-as", "v0", "--approve-as", "v1", "--approve-as", "v2", "--wait", "--timeout", "60s")
		out += r.stdout + r.stderr
		if r.code == 0 {
			break
		}
		require.Contains(t, r.stderr, "ended before validators with a quorum")
	}
	require.Contains(t, r.stdout, "approved leave v3 as v2 (stake 100)")
	require.Contains(t, r.stdout, "leave v3: queued")
	require.Contains(t, r.stdout, "took effect")
	require.Contains(t, r.stdout, "3 members, stake 300, a change needs 201")

	// The three commit in consensus epoch 1 with each other; v3 left, and up
	// runs on.
	rest := func(above uint64) func(subnetStatus) bool {
		return func(st subnetStatus) bool {
			if st.Set == nil || len(st.Set.Validators) != 3 {
				return false
			}
			for _, v := range st.Validators {
				if v.Name == "v3" {
					if v.Chain != nil {
						return false
					}
					continue
				}
				if v.Chain == nil || v.Chain.Epoch != 1 || v.Chain.Peers != 2 || v.Chain.Height <= above+5 {
					return false
				}
			}
			return true
		}
	}
	st := up.waitStatus(t, spec, 60*time.Second, rest(0))
	var height uint64
	for _, v := range st.Validators {
		if v.Chain != nil {
			height = max(height, v.Chain.Height)
		}
	}
	// An epoch the new set validated and signed settles on the parent chain
	// (its SubnetRegistry took the new set first).
	after := st.Validators[0].Subnet.Epoch
	up.waitStatus(t, spec, 60*time.Second, func(st subnetStatus) bool {
		return st.Parent != nil && st.Parent.Checkpoint != nil && st.Parent.Checkpoint.Epoch >= after
	})
	r = runCLI(t, nil, "subnet", "status", spec)
	requireOK(t, r)
	require.Regexp(t, `v3\s+127\.0\.0\.1:\d+\s+not in the validator set \(left\)`, r.stdout)
	require.Contains(t, r.stdout, "3 members")
	require.Regexp(t, `\nv0\s+127\.0\.0\.1:\d+\s+\d+\s+\d+\s+2\s+\d+\s+0\s+[0-9a-f]+\s+1\n`, r.stdout, "v0: 2 peers, in set epoch 1")
	v3log, err := os.ReadFile(filepath.Join(dir, "v3", "node.log"))
	require.NoError(t, err)
	require.Contains(t, string(v3log), "this validator left the validator set")
	require.Regexp(t, "nothing to hand off|handed off the acknowledged transactions", string(v3log), "v3 hands off what it held before it stops")
	require.NotContains(t, string(v3log), `level=ERROR msg="engine stopped"`, "leaving is not a failure")

	// Restart everything: the three resume in epoch 1 and commit on.
	up.stop(t)
	up = startUp(t, spec)
	up.waitStatus(t, spec, 90*time.Second, rest(height))
	up.stop(t)
	v3log, err = os.ReadFile(filepath.Join(dir, "v3", "node.log"))
	require.NoError(t, err)
	require.Equal(t, 2, strings.Count(string(v3log), "waiting for SIGTERM (--on-leave wait)"), "v3 left once, and found so at the restart")
}

// TestSubnetChangeRefusals: subnet change checks a change against the set a
// validator serves before it signs anything, and names the offending flag.
func TestSubnetChangeRefusals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	requireOK(t, runCLI(t, nil, "subnet", "init", "--vertical", "telecom", "--validators", "4", "--validator-changes", "--out", dir))
	spec, err := readSpec(dir)
	require.NoError(t, err)
	require.True(t, spec.ValidatorChanges)
	members, err := spec.Members()
	require.NoError(t, err)
	sv := depin.SetView{Epoch: 7, Changes: true, TotalStake: 400, QuorumStake: 267}
	for _, m := range members[:3] { // the fourth left already
		sv.Validators = append(sv.Validators, depin.MemberView{Name: m.Name, Key: hex.EncodeToString(m.Key), Stake: m.Stake})
	}
	a, b := sv.Validators[0].Name, sv.Validators[1].Name
	gone := slices.IndexFunc(spec.Validators, func(v subnet.Validator) bool { return v.Name == members[3].Name })

	for _, c := range []struct {
		f    changeFlags
		want string
	}{
		{changeFlags{}, "no change"},
		{changeFlags{leave: "nobody"}, `--leave "nobody": no member of the validator set of epoch 7`},
		{changeFlags{leave: members[3].Name}, "no member of the validator set of epoch 7"},
		{changeFlags{leave: a, stake: 5}, "--stake: only with --restake"},
		{changeFlags{restake: a}, "--stake: missing or 0"},
		{changeFlags{leave: a, restake: b, stake: 5}, "one change at a time"},
	} {
		_, err := changeOf(sv, c.f)
		require.ErrorContains(t, err, c.want, "%+v", c.f)
	}
	ch, err := changeOf(sv, changeFlags{restake: b, stake: 300})
	require.NoError(t, err)
	require.Equal(t, subnet.Restake, ch.Kind)
	require.EqualValues(t, 7, ch.Epoch)
	require.EqualValues(t, 300, ch.Member.Stake)
	one := sv
	one.Validators = sv.Validators[:1]
	_, err = changeOf(one, changeFlags{leave: one.Validators[0].Name})
	require.ErrorContains(t, err, "the set cannot be empty")

	_, err = approversOf(spec, sv, []string{spec.Validators[gone].Name})
	require.ErrorContains(t, err, "not a member of the validator set of epoch 7")
	_, err = approversOf(spec, sv, []string{"v17"})
	require.ErrorContains(t, err, `--approve-as "v17"`)
	all, err := approversOf(spec, sv, []string{"all", a})
	require.NoError(t, err)
	require.Len(t, all, 3, "every member here once, the one that left not")
	require.NotContains(t, all, gone)

	// The change a later run approves is the one proposed, whatever its
	// nonce; a leave shows as taken effect once the member is gone.
	leave, err := changeOf(sv, changeFlags{leave: b})
	require.NoError(t, err)
	view := depin.ChangeView{Kind: "leave", Name: b, Key: hex.EncodeToString(leave.Member.Key), Epoch: 7, Nonce: 3, Approved: 100}
	found := findChange([]depin.ChangeView{view}, leave)
	require.NotNil(t, found)
	require.EqualValues(t, 3, found.Nonce)
	require.Nil(t, findChange([]depin.ChangeView{view}, ch))
	after := sv
	after.Validators = slices.DeleteFunc(slices.Clone(sv.Validators), func(m depin.MemberView) bool { return m.Name == b })
	require.True(t, applied(after, sv, leave))
	require.False(t, applied(sv, sv, leave))

	var buf bytes.Buffer
	sv.Pending = []depin.ChangeView{view}
	require.NoError(t, printSet(&buf, a, sv))
	require.Contains(t, buf.String(), "validator set of epoch 7 (as "+a+" sees it): 3 members, stake 400, a change needs 267")
	require.Contains(t, buf.String(), "change leave "+b+": pending, approved by stake 100 of the 267 needed")
}

// TestSubnetChangeQuorumCheck: a leave after which the members that answer
// would not hold a quorum of the new set is refused (one of four down, and
// a second leaving: the two left hold 200 of 300, short of 201).
func TestSubnetChangeQuorumCheck(t *testing.T) {
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"height": 9}`))
	}))
	defer live.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	down := l.Addr().String()
	require.NoError(t, l.Close())
	liveAddr := strings.TrimPrefix(live.URL, "http://")

	key := func(b byte) string { return hex.EncodeToString(bytes.Repeat([]byte{b}, ed25519.PublicKeySize)) }
	sv := depin.SetView{Epoch: 2, Changes: true, TotalStake: 400, QuorumStake: 267, Validators: []depin.MemberView{
		{Name: "a", Key: key(1), Stake: 100, API: liveAddr},
		{Name: "b", Key: key(2), Stake: 100, API: liveAddr},
		{Name: "c", Key: key(3), Stake: 100, API: down},
		{Name: "d", Key: key(4), Stake: 100, API: liveAddr},
	}}
	c := &changeClient{hc: &http.Client{Timeout: 2 * time.Second}}
	ctx := t.Context()
	leaveD, err := changeOf(sv, changeFlags{leave: "d"})
	require.NoError(t, err)
	err = c.checkQuorumAfterLeave(ctx, sv, leaveD)
	require.ErrorContains(t, err, "hold stake 200, less than the 201 the new set needs to commit (down: c)")
	leaveC, err := changeOf(sv, changeFlags{leave: "c"})
	require.NoError(t, err)
	require.NoError(t, c.checkQuorumAfterLeave(ctx, sv, leaveC), "removing the one that is down leaves a, b, d: all up")
}
