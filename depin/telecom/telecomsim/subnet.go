package telecomsim

import (
	"context"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/devnet"
	"github.com/depinkit/depinkit/depin/telecom"
)

// Subnet is the running subnet the simulation drives: the devnet kit's
// (devnet.Subnet). *depin.Remote (the validators as processes, RunP2P)
// satisfies it, and Local adapts a *depin.Network (Run) to it.
type Subnet = devnet.Subnet

// BatchSubmitter is a Subnet that takes many envelopes at once
// (devnet.BatchSubmitter).
type BatchSubmitter = devnet.BatchSubmitter

// StatsReader is a Subnet that can tell the telecom vertical's statistics of
// a scored epoch (telecom.Vertical.LastEpoch on validator 0); ok is false
// when the last epoch it scored is not epoch. Workload.EpochStats reads it.
type StatsReader interface {
	EpochStats(ctx context.Context, epoch uint64) (st telecom.EpochStats, ok bool, err error)
}

// Local returns net as a Subnet whose epochs close by its validators' clocks,
// for Drive (devnet.Local).
func Local(net *depin.Network) Subnet { return devnet.Local(net) }
