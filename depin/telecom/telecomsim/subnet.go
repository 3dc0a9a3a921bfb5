package telecomsim

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/device"
)

// Subnet is the running subnet the simulation drives: *depin.Remote (the
// validators as processes, RunP2P) satisfies it, and Local adapts a
// *depin.Network (Run) to it. Validators are numbered from 0.
type Subnet interface {
	Validators() int
	// Network is what devices seal for (depin.Node.Network).
	Network() [32]byte
	// Submit hands an envelope to the validators; SubmitTx hands
	// transactions to validator i.
	Submit(ctx context.Context, envelope []byte) error
	SubmitTx(ctx context.Context, i int, txs ...chain.Tx) error
	// Validator i's view.
	Status(ctx context.Context, i int) (depin.StatusView, error)
	Epoch(ctx context.Context, i int, epoch uint64) (depin.EpochSummary, error)
	Payouts(ctx context.Context, i int, epoch uint64) ([]depin.Payout, error)
	Explain(ctx context.Context, i int, id device.ID, epoch uint64) (depin.Explanation, error)
	ClaimOf(ctx context.Context, i int, epoch uint64, account common.Address) (evm.EpochClaim, error)
	// WaitEpoch waits until every validator closed epoch; WaitSettled until
	// its root and checkpoint are on the parent chain.
	WaitEpoch(ctx context.Context, epoch uint64) ([]depin.EpochSummary, error)
	WaitSettled(ctx context.Context, epoch uint64) error
	// Subnet is the subnet's id on the parent chain; Payer a funded account
	// there, which sends claims and reads the chain.
	Subnet() evm.SubnetID
	Payer() *evm.Settler
}

// BatchSubmitter is a Subnet that takes many envelopes at once
// (*depin.Remote: one request per thousand).
type BatchSubmitter interface {
	SubmitBatch(ctx context.Context, envelopes [][]byte) error
}

// StatsReader is a Subnet that can tell the telecom vertical's statistics of
// a scored epoch (telecom.Vertical.LastEpoch on validator 0); ok is false
// when the last epoch it scored is not epoch.
type StatsReader interface {
	EpochStats(ctx context.Context, epoch uint64) (st telecom.EpochStats, ok bool, err error)
}

// Local returns net as a Subnet, for Drive.
func Local(net *depin.Network) Subnet { return local{net: net} }

// local adapts a depin.Network to Subnet; stats, if not nil, records
// validator 0's statistics.
type local struct {
	net   *depin.Network
	stats *Stats
}

var (
	_ Subnet      = local{}
	_ StatsReader = local{}
	_ Subnet      = (*depin.Remote)(nil)
)

func (l local) node(i int) *depin.Node { return l.net.Node(i % len(l.net.Nodes())) }

func (l local) Validators() int { return len(l.net.Nodes()) }

func (l local) Network() [32]byte { return l.net.Network() }

func (l local) Submit(ctx context.Context, envelope []byte) error { return l.net.Submit(ctx, envelope) }

func (l local) SubmitTx(ctx context.Context, i int, txs ...chain.Tx) error {
	for _, tx := range txs {
		if err := l.node(i).SubmitTx(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func (l local) Status(_ context.Context, i int) (depin.StatusView, error) {
	n := l.node(i)
	h, hash := n.Height()
	return depin.StatusView{Subnet: n.Config().Name, Epoch: n.CurrentEpoch(), Height: h, AppHash: hash.String(), Devices: n.Devices()}, nil
}

func (l local) Epoch(_ context.Context, i int, epoch uint64) (depin.EpochSummary, error) {
	return l.node(i).Epoch(epoch)
}

func (l local) Payouts(_ context.Context, i int, epoch uint64) ([]depin.Payout, error) {
	return l.node(i).Payouts(epoch)
}

func (l local) Explain(_ context.Context, i int, id device.ID, epoch uint64) (depin.Explanation, error) {
	return l.node(i).Explain(id, epoch)
}

func (l local) ClaimOf(_ context.Context, i int, epoch uint64, account common.Address) (evm.EpochClaim, error) {
	return l.node(i).Claim(epoch, account)
}

func (l local) WaitEpoch(ctx context.Context, epoch uint64) ([]depin.EpochSummary, error) {
	return l.net.WaitEpoch(ctx, epoch)
}

func (l local) WaitSettled(ctx context.Context, epoch uint64) error {
	return l.net.WaitSettled(ctx, epoch)
}

func (l local) Subnet() evm.SubnetID { return l.net.Subnet() }

func (l local) Payer() *evm.Settler { return l.net.Operator() }

func (l local) EpochStats(_ context.Context, epoch uint64) (telecom.EpochStats, bool, error) {
	if l.stats == nil {
		return telecom.EpochStats{}, false, nil
	}
	st, ok := l.stats.Epoch(epoch)
	return st, ok, nil
}
