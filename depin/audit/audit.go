// Package audit re-executes a depin subnet's committed history, as anyone
// can, not only its validators: it feeds the commits a validator stored (its
// data directory, or its GET /commits API) through a fresh replica of the
// subnet's application with the subnet's vertical, recomputes every epoch's
// payouts, reward root and state root, and checks them against the roots and
// checkpoints posted on the parent chain. The first epoch whose recomputed
// root or state root differs from the posted one is reported with the
// commits it spans.
//
// Helium's operators ask for exactly this — recomputing rewards from the
// oracles' inputs (helium/oracles issues 337, 549 and 793) — and cannot do
// it without running the oracles; a depinkit subnet's rewards are a pure
// function of its commits, so the replay is all it takes.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
)

// ErrAudit wraps the errors of an audit that could not run (not a
// divergence: that is Report.Divergence).
var ErrAudit = errors.New("audit")

// Commits yields a subnet's committed history in order: up to limit commits
// from index from on; none past the last.
type Commits interface {
	Commits(ctx context.Context, from uint64, limit int) ([]chain.Commit, error)
}

// Posted reads what the subnet posted on its parent chain (an *evm.Settler
// has both methods): the reward root of an epoch (zero: none posted) and its
// checkpoint (evm.ErrUnknownCheckpoint: none).
type Posted interface {
	Epoch(ctx context.Context, subnet evm.SubnetID, epoch uint64) (evm.EpochState, error)
	CheckpointAt(ctx context.Context, subnet evm.SubnetID, epoch uint64) (evm.Checkpoint, uint64, error)
}

// Config says what to audit.
type Config struct {
	// Subnet is the subnet's configuration, exactly as its validators run it
	// (depin.ConfigFromSpec, with Config.StatePoints from their
	// consensus.state_interval, as depin.RunValidator sets it).
	Subnet depin.Config
	// Vertical is a fresh replica of the subnet's vertical.
	Vertical depin.Vertical
	// Source is the committed history, from commit 1.
	Source Commits
	// Posted is the parent chain, and SubnetID the subnet's id there; nil
	// Posted: the epochs are recomputed and listed, not checked.
	Posted   Posted
	SubnetID evm.SubnetID
	// Batch is how many commits to ask Source for at a time. Default 256.
	Batch int
	// Progress, if set, receives a line per epoch closed.
	Progress io.Writer
}

// Epoch is one epoch as the audit recomputed it, and what was posted.
type Epoch struct {
	Number                  uint64
	FirstCommit, LastCommit uint64
	// Root is the recomputed reward root (zero: nobody paid), StateRoot the
	// recomputed app hash after LastCommit (the checkpoint's state root).
	Root, StateRoot common.Hash
	// PostedRoot and PostedStateRoot are the parent chain's; Posted reports
	// whether a checkpoint was there (without one, neither is checked). A
	// zero PostedRoot is a reward root not (yet) posted: only the state root
	// is checked then.
	PostedRoot, PostedStateRoot common.Hash
	Posted                      bool
	// OK: what was posted matches.
	OK bool
}

// Divergence is the first epoch whose recomputation disagrees with the
// parent chain.
type Divergence struct {
	Epoch Epoch
	// What says which root differs.
	What string
}

// Error describes the divergence in one line.
func (d *Divergence) Error() string {
	return fmt.Sprintf("epoch %d (commits %d to %d): %s", d.Epoch.Number, d.Epoch.FirstCommit, d.Epoch.LastCommit, d.What)
}

// Report is what an audit found.
type Report struct {
	// Commits is the number of commits replayed; Epochs the epochs closed
	// (up to the divergence, included).
	Commits uint64
	Epochs  []Epoch
	// Checked counts the epochs compared with a posted checkpoint.
	Checked int
	// Divergence is the first epoch that disagrees; nil if none.
	Divergence *Divergence
}

// Run replays cfg.Source from commit 1 and checks every closed epoch. It
// stops at the first divergence (Report.Divergence) or at the end of the
// history; an error means the audit could not go on (a source that fails, a
// commit the application refuses, a gap in the history).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Source == nil || cfg.Vertical == nil {
		return nil, fmt.Errorf("%w: a Source and a Vertical are required", ErrAudit)
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 256
	}
	node, err := depin.New(depin.WithVertical(cfg.Vertical), depin.WithConfig(cfg.Subnet), depin.WithoutEngine(),
		depin.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAudit, err)
	}
	rep := &Report{}
	next := uint64(1)
	closed := uint64(0) // epochs closed so far
	for {
		cs, err := cfg.Source.Commits(ctx, next, cfg.Batch)
		if err != nil {
			return rep, fmt.Errorf("%w: commits from %d: %w", ErrAudit, next, err)
		}
		if len(cs) == 0 {
			return rep, nil
		}
		for _, c := range cs {
			if c.Index != next {
				return rep, fmt.Errorf("%w: commit %d where %d was due (a gap in the history: was it pruned?)", ErrAudit, c.Index, next)
			}
			if _, err := node.ApplyCommit(c); err != nil {
				return rep, fmt.Errorf("%w: commit %d: %w", ErrAudit, c.Index, err)
			}
			rep.Commits++
			next++
			for ; closed < node.CurrentEpoch(); closed++ {
				ep, err := check(ctx, &cfg, node, closed)
				if err != nil {
					return rep, err
				}
				rep.Epochs = append(rep.Epochs, ep)
				if ep.Posted {
					rep.Checked++
				}
				if cfg.Progress != nil {
					status := "not posted"
					if ep.Posted {
						status = "matches the parent chain"
						if !ep.OK {
							status = "DIFFERS from the parent chain"
						}
					}
					fmt.Fprintf(cfg.Progress, "epoch %d  commits %d-%d  root %s  state %s  %s\n",
						ep.Number, ep.FirstCommit, ep.LastCommit, short(ep.Root), short(ep.StateRoot), status)
				}
				if ep.Posted && !ep.OK {
					rep.Divergence = divergence(ep)
					return rep, nil
				}
			}
		}
	}
}

// check recomputes closed epoch number and compares it with what was posted.
func check(ctx context.Context, cfg *Config, node *depin.Node, number uint64) (Epoch, error) {
	sum, err := node.Epoch(number)
	if err != nil {
		return Epoch{}, fmt.Errorf("%w: epoch %d: %w", ErrAudit, number, err)
	}
	ep := Epoch{Number: number, FirstCommit: sum.FirstCommit, LastCommit: sum.LastCommit, Root: sum.Root, StateRoot: common.Hash(sum.AppHash)}
	if cfg.Posted == nil {
		return ep, nil
	}
	cp, _, err := cfg.Posted.CheckpointAt(ctx, cfg.SubnetID, number)
	if errors.Is(err, evm.ErrUnknownCheckpoint) {
		return ep, nil
	}
	if err != nil {
		return Epoch{}, fmt.Errorf("%w: epoch %d: checkpoint: %w", ErrAudit, number, err)
	}
	on, err := cfg.Posted.Epoch(ctx, cfg.SubnetID, number)
	if err != nil {
		return Epoch{}, fmt.Errorf("%w: epoch %d: reward root: %w", ErrAudit, number, err)
	}
	ep.Posted, ep.PostedRoot, ep.PostedStateRoot = true, on.Root, cp.StateRoot
	// A reward root not posted (zero) while the checkpoint is, is not a
	// divergence of the computation: the state root, which covers the
	// epoch's payouts, still is compared.
	rootOK := ep.PostedRoot == ep.Root || ep.PostedRoot == (common.Hash{})
	ep.OK = rootOK && ep.PostedStateRoot == ep.StateRoot
	return ep, nil
}

func divergence(ep Epoch) *Divergence {
	var what string
	switch {
	case ep.PostedRoot != ep.Root && ep.PostedRoot != (common.Hash{}) && ep.PostedStateRoot != ep.StateRoot:
		what = fmt.Sprintf("reward root %s and state root %s recomputed, %s and %s posted", short(ep.Root), short(ep.StateRoot), short(ep.PostedRoot), short(ep.PostedStateRoot))
	case ep.PostedStateRoot == ep.StateRoot:
		what = fmt.Sprintf("reward root %s recomputed, %s posted", short(ep.Root), short(ep.PostedRoot))
	default:
		what = fmt.Sprintf("state root %s recomputed, %s posted", short(ep.StateRoot), short(ep.PostedStateRoot))
	}
	return &Divergence{Epoch: ep, What: what}
}

func short(h common.Hash) string { return h.Hex()[:10] }
