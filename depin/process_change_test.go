package depin_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain/solo"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/subnet"
)

// procs runs validators of a spec with RunValidator, each in its own
// goroutine and context, as "subnet node" processes do.
type procs struct {
	t      *testing.T
	spec   *subnet.Spec
	cancel []context.CancelFunc
	done   []chan error
	tune   func(*validator.Config) // ProcessConfig.Tune, if set
}

// meterSpec writes a four-validator meter subnet (subnet.Init) in a
// temporary directory, with epochs of length commits; edit, if set, changes
// the spec before it is validated.
func meterSpec(t *testing.T, length uint64, edit func(*subnet.Spec)) *subnet.Spec {
	t.Helper()
	dir := t.TempDir()
	_, err := subnet.Init(dir, subnet.InitOptions{Vertical: "meter", Validators: 4})
	require.NoError(t, err)
	spec, err := subnet.Load(filepath.Join(dir, subnet.SpecFile))
	require.NoError(t, err)
	spec.Epoch = subnet.Epoch{Length: length}
	if edit != nil {
		edit(spec)
	}
	require.NoError(t, spec.Validate())
	return spec
}

func newProcs(t *testing.T, spec *subnet.Spec) *procs {
	n := len(spec.Validators)
	return &procs{t: t, spec: spec, cancel: make([]context.CancelFunc, n), done: make([]chan error, n)}
}

func (p *procs) start(ctx context.Context, i int) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	p.cancel[i], p.done[i] = cancel, done
	go func() {
		done <- depin.RunValidator(ctx, depin.ProcessConfig{Spec: p.spec, Index: i, Vertical: newMeter(), Tune: p.tune})
	}()
}

// stop stops validator i and returns RunValidator's error.
func (p *procs) stop(i int) error {
	p.cancel[i]()
	select {
	case err := <-p.done[i]:
		return err
	case <-time.After(30 * time.Second):
		p.t.Fatalf("validator %d did not stop", i)
		return nil
	}
}

// TestRunValidatorRotateOut rotates a validator out of a subnet whose
// validators run as RunValidator processes over libp2p with pebble stores:
// with the spec's validator_changes on, three of four validators approve,
// through their APIs (Remote.Approve), the leave of the fourth; when the
// epoch ends the fourth stops with ErrLeftSet, and the three keep
// committing in consensus epoch 1 with each other only. Then all three stop
// and start again: they resume in epoch 1 with the three-validator set and
// commit; the removed one, restarted, stops at once with ErrLeftSet.
func TestRunValidatorRotateOut(t *testing.T) {
	if testing.Short() {
		t.Skip("four validators over libp2p, restarted")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	spec := meterSpec(t, 40, func(s *subnet.Spec) { s.ValidatorChanges = true })

	p := newProcs(t, spec)
	for i := range spec.Validators {
		p.start(ctx, i)
	}
	stopped := []bool{false, false, false, false}
	defer func() {
		for i := range spec.Validators {
			if !stopped[i] {
				_ = p.stop(i)
			}
		}
	}()
	r, err := depin.DialRemote(ctx, depin.RemoteConfig{Spec: spec})
	require.NoError(t, err)
	defer r.Close()
	require.NoError(t, r.WaitReady(ctx))

	sv, err := r.Set(ctx, 0)
	require.NoError(t, err)
	require.True(t, sv.Changes)
	require.Len(t, sv.Validators, 4)
	require.EqualValues(t, 4*subnet.DefaultStake, sv.TotalStake)
	require.EqualValues(t, 2*4*subnet.DefaultStake/3+1, sv.QuorumStake) // more than 2/3

	// Validators 0, 1 and 2 approve the leave of validator 3; if the epoch
	// ends before their approvals commit, they propose again.
	leaving := 3
	lkeys, err := spec.LoadKeys(leaving)
	require.NoError(t, err)
	var changedAt uint64
	for nonce := uint64(1); ; nonce++ {
		require.Less(t, nonce, uint64(6), "the leave never took effect")
		sv, err := r.Set(ctx, 0)
		require.NoError(t, err)
		change := subnet.Change{Kind: subnet.Leave, Member: subnet.Member{Key: lkeys.ConsensusKey().Public().(ed25519.PublicKey)}, Epoch: sv.Epoch, Nonce: nonce}
		for i := range 3 {
			k, err := spec.LoadKeys(i)
			require.NoError(t, err)
			require.NoError(t, r.Approve(ctx, i, k.ConsensusKey(), change))
		}
		var now depin.SetView
		require.Eventually(t, func() bool {
			now, err = r.Set(ctx, 0)
			return err == nil && now.Epoch > sv.Epoch
		}, 60*time.Second, 50*time.Millisecond)
		if len(now.Validators) == 3 {
			changedAt = sv.Epoch
			break
		}
	}

	// The removed validator stops on its own, with ErrLeftSet.
	select {
	case err := <-p.done[leaving]:
		require.ErrorIs(t, err, depin.ErrLeftSet)
		stopped[leaving] = true
	case <-time.After(30 * time.Second):
		t.Fatal("the removed validator did not stop")
	}

	// The three commit in consensus epoch 1, with each other only.
	rest := []int{0, 1, 2}
	commitsIn := func(epoch uint64, above uint64) uint64 {
		var height uint64
		require.Eventually(t, func() bool {
			for _, i := range rest {
				st, err := validator.NewClient(spec.Validators[i].API, nil).Status(ctx)
				if err != nil || st.Epoch != epoch || st.Height <= above+5 || st.Peers != 2 {
					return false
				}
				height = max(height, st.Height)
			}
			return true
		}, 60*time.Second, 100*time.Millisecond, "validators 0-2 committing in epoch %d past %d", epoch, above)
		return height
	}
	h := commitsIn(1, 0)
	for _, i := range rest {
		sv, err := r.Set(ctx, i)
		require.NoError(t, err)
		require.Len(t, sv.Validators, 3)
		require.Greater(t, sv.Epoch, changedAt)
		for _, m := range sv.Validators {
			require.NotEqual(t, spec.Validators[leaving].Name, m.Name)
		}
	}

	// Restart all three: they resume in epoch 1 and commit again.
	for _, i := range rest {
		require.NoError(t, p.stop(i))
		stopped[i] = true
	}
	for _, i := range rest {
		p.start(ctx, i)
		stopped[i] = false
	}
	commitsIn(1, h)

	// The removed one refuses to run again, with the same error.
	p.start(ctx, leaving)
	select {
	case err := <-p.done[leaving]:
		require.ErrorIs(t, err, depin.ErrLeftSet)
		require.False(t, errors.Is(err, context.Canceled))
	case <-time.After(30 * time.Second):
		t.Fatal("the removed validator ran again")
	}
	for _, i := range rest {
		require.NoError(t, p.stop(i))
		stopped[i] = true
	}
}

// TestConfigFromSpecValidatorChanges: the spec's validator_changes turns on
// Config.ValidatorChanges with whole members (p2p and api endpoints), and
// is part of both genesis hashes; off, the genesis of a spec is as before.
func TestConfigFromSpecValidatorChanges(t *testing.T) {
	dir := t.TempDir()
	_, err := subnet.Init(dir, subnet.InitOptions{Vertical: "meter", Validators: 4})
	require.NoError(t, err)
	off, err := subnet.Load(filepath.Join(dir, subnet.SpecFile))
	require.NoError(t, err)
	data, err := off.Marshal()
	require.NoError(t, err)
	require.NotContains(t, string(data), "validator_changes", "off is left out of the file")
	on, err := subnet.Parse([]byte("validator_changes = true\n" + string(data)))
	require.NoError(t, err)
	require.True(t, on.ValidatorChanges)
	require.NoError(t, on.Validate())
	back, err := on.Marshal()
	require.NoError(t, err)
	again, err := subnet.Parse(back)
	require.NoError(t, err)
	require.True(t, again.ValidatorChanges)

	cOff, err := depin.ConfigFromSpec(off, nil)
	require.NoError(t, err)
	require.False(t, cOff.ValidatorChanges)
	cOn, err := depin.ConfigFromSpec(on, nil)
	require.NoError(t, err)
	require.True(t, cOn.ValidatorChanges)
	members, err := on.Members()
	require.NoError(t, err)
	for i, v := range cOn.Validators {
		require.Equal(t, members[i].P2P, v.P2P)
		require.Equal(t, members[i].API, v.API)
		require.Empty(t, cOff.Validators[i].P2P)
	}
	require.NotEqual(t, off.GenesisHash(), on.GenesisHash())
	require.NotEqual(t, cOff.Genesis(), cOn.Genesis())
	on.ValidatorChanges = false
	require.Equal(t, off.GenesisHash(), on.GenesisHash())
}

// A one-validator subnet with validator-set changes on (chain/solo): its
// validator proposes a new stake for itself, a quorum at once; Set shows it
// queued for the end of the open epoch. RunValidator serves the same view
// as GET /depin/validators, and "depinkit subnet change --list" prints it.
func ExampleNode_Set() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	cfg := depin.Config{
		Validators: []depin.Validator{{Name: "v0", Key: key.Public().(ed25519.PublicKey), Stake: 100,
			Settlement: common.HexToAddress("0x00000000000000000000000000000000000000aa"),
			P2P:        "/ip4/127.0.0.1/tcp/7600", API: "127.0.0.1:7601"}},
		EpochCommits:     1000,
		ValidatorChanges: true,
	}
	n, err := depin.New(depin.WithVertical(newMeter()), depin.WithConfig(cfg), depin.WithKey(key),
		depin.WithSolo(solo.Config{Interval: 5 * time.Millisecond}))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := n.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer n.Close()

	change := subnet.Change{Kind: subnet.Restake, Member: subnet.Member{Key: key.Public().(ed25519.PublicKey), Stake: 300}, Epoch: n.Set().Epoch, Nonce: 1}
	tx, err := n.ApproveChangeTx(change)
	if err == nil {
		err = n.SubmitTx(ctx, tx)
	}
	if err == nil {
		err = n.WaitFor(ctx, func(n *depin.Node) bool { return len(n.Set().Queued) == 1 })
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	set := n.Set()
	fmt.Printf("epoch %d: %d member(s), stake %d, a change needs %d\n", set.Epoch, len(set.Validators), set.TotalStake, set.QuorumStake)
	q := set.Queued[0]
	fmt.Printf("queued: %s %s %d\n", q.Kind, q.Name, q.Stake)
	// Output:
	// epoch 0: 1 member(s), stake 100, a change needs 67
	// queued: stake v0 300
}

// FuzzChangeView: ChangeView.Change never panics on a validator's answer,
// and a change it returns is well-formed and shows as the same view.
func FuzzChangeView(f *testing.F) {
	key := hex.EncodeToString(make([]byte, ed25519.PublicKeySize))
	f.Add(`{"kind":"leave","name":"v3","key":"` + key + `","epoch":4,"nonce":1}`)
	f.Add(`{"kind":"stake","key":"` + key + `","stake":7,"epoch":1,"nonce":2}`)
	f.Add(`{"kind":"join","name":"v9","key":"` + key + `","stake":7,"settlement":"0x00000000000000000000000000000000000000aa","p2p":"/ip4/127.0.0.1/tcp/1","api":"127.0.0.1:2"}`)
	f.Add(`{"kind":"leave","key":"zz"}`)
	f.Fuzz(func(t *testing.T, data string) {
		var v depin.ChangeView
		if json.Unmarshal([]byte(data), &v) != nil {
			return
		}
		c, err := v.Change()
		if err != nil {
			require.ErrorIs(t, err, depin.ErrMalformed)
			return
		}
		require.NoError(t, c.Check())
		enc, err := c.Encode()
		require.NoError(t, err)
		back, err := subnet.DecodeChange(enc)
		require.NoError(t, err)
		require.Equal(t, c.Kind, back.Kind)
		require.Equal(t, hex.EncodeToString(c.Member.Key), strings.ToLower(v.Key))
	})
}
