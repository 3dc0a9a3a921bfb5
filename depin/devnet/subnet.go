package devnet

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// Subnet is the running subnet a run drives: *depin.Remote (validators as
// processes) satisfies it, and Local adapts a *depin.Network (validators in
// this process). Validators are numbered from 0.
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

// Pacer is a Subnet whose epochs the run closes (a paced run): its
// validators read a Clock that only the run moves, so an epoch holds exactly
// what was committed before the run closed it.
type Pacer interface {
	// Now is the open epoch's time: what devices stamp their envelopes with.
	Now() time.Time
	// SubmitOrdered hands envelopes to one validator, in order, so that they
	// are committed in that order. Envelopes the validator refuses at
	// admission (errors wrapping chain.ErrInvalidTx) are counted, not
	// submitted; any other error stops it.
	SubmitOrdered(ctx context.Context, envelopes [][]byte) (refused int, err error)
	// CloseEpoch closes the open epoch and waits until every validator has
	// closed it; it returns the closed epoch's number.
	CloseEpoch(ctx context.Context) (uint64, error)
}

// Local returns net as a Subnet whose epochs close by its validators' own
// clock (a realtime run).
func Local(net *depin.Network) Subnet { return &local{net: net} }

// Paced returns net as a Subnet and Pacer: its validators must read clock
// (depin.LocalConfig.Tune set to clock.Tune) and its epochs last epoch
// (depin.Config.EpochDuration); CloseEpoch advances clock by epoch.
func Paced(net *depin.Network, clock *Clock, epoch time.Duration) Subnet {
	return &paced{local: local{net: net}, clock: clock, epoch: epoch}
}

// Network returns the depin.Network under a Subnet made by Local or Paced.
func Network(s Subnet) (*depin.Network, bool) {
	switch s := s.(type) {
	case *local:
		return s.net, true
	case *paced:
		return s.net, true
	}
	return nil, false
}

// local adapts a depin.Network to Subnet.
type local struct {
	net *depin.Network
}

var (
	_ Subnet = (*local)(nil)
	_ Subnet = (*paced)(nil)
	_ Pacer  = (*paced)(nil)
	_ Subnet = (*depin.Remote)(nil)
)

func (l *local) node(i int) *depin.Node { return l.net.Node(i % len(l.net.Nodes())) }

func (l *local) Validators() int { return len(l.net.Nodes()) }

func (l *local) Network() [32]byte { return l.net.Network() }

func (l *local) Submit(ctx context.Context, envelope []byte) error {
	return l.net.Submit(ctx, envelope)
}

func (l *local) SubmitTx(ctx context.Context, i int, txs ...chain.Tx) error {
	for _, tx := range txs {
		if err := l.node(i).SubmitTx(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func (l *local) Status(_ context.Context, i int) (depin.StatusView, error) {
	n := l.node(i)
	h, hash := n.Height()
	return depin.StatusView{Subnet: n.Config().Name, Epoch: n.CurrentEpoch(), Height: h, AppHash: hash.String(), Devices: n.Devices()}, nil
}

func (l *local) Epoch(_ context.Context, i int, epoch uint64) (depin.EpochSummary, error) {
	return l.node(i).Epoch(epoch)
}

func (l *local) Payouts(_ context.Context, i int, epoch uint64) ([]depin.Payout, error) {
	return l.node(i).Payouts(epoch)
}

func (l *local) Explain(_ context.Context, i int, id device.ID, epoch uint64) (depin.Explanation, error) {
	return l.node(i).Explain(id, epoch)
}

func (l *local) ClaimOf(_ context.Context, i int, epoch uint64, account common.Address) (evm.EpochClaim, error) {
	return l.node(i).Claim(epoch, account)
}

func (l *local) WaitEpoch(ctx context.Context, epoch uint64) ([]depin.EpochSummary, error) {
	return l.net.WaitEpoch(ctx, epoch)
}

func (l *local) WaitSettled(ctx context.Context, epoch uint64) error {
	return l.net.WaitSettled(ctx, epoch)
}

func (l *local) Subnet() evm.SubnetID { return l.net.Subnet() }

func (l *local) Payer() *evm.Settler { return l.net.Operator() }

// paced is a local network whose validators read clock.
type paced struct {
	local
	clock *Clock
	epoch time.Duration
}

func (p *paced) Now() time.Time { return p.clock.Base() }

// SubmitOrdered submits to validator 0: its blocks carry its transactions in
// the order it received them (chain/dag's mempool is a queue), and a
// validator's blocks are committed in round order. An engine that takes
// batches (chain/dag's Node.SubmitBatch) gets them a thousand at a time, in
// one hand-over each.
func (p *paced) SubmitOrdered(ctx context.Context, envelopes [][]byte) (int, error) {
	n := p.net.Node(0)
	refused := 0
	b, ok := n.Engine().(batchEngine)
	if !ok {
		for i, e := range envelopes {
			err := n.Submit(ctx, e)
			switch {
			case errors.Is(err, chain.ErrInvalidTx):
				refused++
			case err != nil:
				return refused, fmt.Errorf("devnet: envelope %d of %d: %w", i, len(envelopes), err)
			}
		}
		return refused, nil
	}
	for k := 0; k < len(envelopes); k += submitBatch {
		part := envelopes[k:min(k+submitBatch, len(envelopes))]
		txs := make([]chain.Tx, 0, len(part))
		for _, e := range part {
			tx, err := depin.EnvelopeTx(e)
			if err != nil {
				refused++
				continue
			}
			txs = append(txs, tx)
		}
		errs, err := b.SubmitBatch(ctx, txs)
		if err != nil {
			return refused, fmt.Errorf("devnet: envelopes %d to %d: %w", k, k+len(part)-1, err)
		}
		for _, err := range errs {
			switch {
			case errors.Is(err, chain.ErrInvalidTx):
				refused++
			case err != nil:
				return refused, fmt.Errorf("devnet: envelopes %d to %d: %w", k, k+len(part)-1, err)
			}
		}
	}
	return refused, nil
}

// submitBatch is how many envelopes SubmitOrdered hands the engine at once.
const submitBatch = 1000

// batchEngine is an engine that queues many transactions in one step, in
// order (chain/dag's Node).
type batchEngine interface {
	SubmitBatch(ctx context.Context, txs []chain.Tx) ([]error, error)
}

func (p *paced) CloseEpoch(ctx context.Context) (uint64, error) {
	open := p.net.Node(0).CurrentEpoch()
	p.clock.Advance(p.epoch)
	if _, err := p.net.WaitEpoch(ctx, open); err != nil {
		return 0, fmt.Errorf("devnet: close epoch %d: %w", open, err)
	}
	return open, nil
}
